"""``storyline serve --workers N``: N processes, each with its own listening socket on one port.

Why not uvicorn's own workers: they share one listening socket, and asyncio accepts every
connection waiting on it when it wakes, so a burst of clients connecting at once lands on
whichever worker woke first and stays there (keep-alive). Measured with 50 loopback clients
connecting together over a 100,000-article store, two uvicorn workers held 31/19, 24/26 and
4/46 of the connections in three runs; the loaded worker sets every client's latency (the
p99 of a whole endpoint group followed the split, not the code). Here each worker binds
its own socket with ``SO_REUSEPORT``, and the kernel spreads new connections over the
sockets by a hash of their addresses: about half each, whatever the timing of the burst.
No server we could add does this for an ASGI app without a proxy in front (gunicorn's
``reuse_port`` shares the master's socket too), so it is this small supervisor.

Where ``SO_REUSEPORT`` does not balance (it is Linux's behaviour; elsewhere a second bind
is refused or takes every connection), ``serve`` keeps uvicorn's workers.

The supervisor starts the workers (spawned, not forked: the parent has opened DuckDB),
restarts one that dies while the server runs (a crash, not a stop), and on SIGINT/SIGTERM
stops them all and waits for them. Each worker is a plain uvicorn server over
``app_from_env``, with the store's path and Host allow-list in its environment.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import sys
import time
from typing import Any

from ..errors import UsageError

log = logging.getLogger(__name__)

RESTART_PAUSE_S = 1.0           # between a worker's death and its replacement (no busy crash loop)


def balances_reuseport() -> bool:
    """Whether the kernel spreads a port's connections over sockets bound with ``SO_REUSEPORT``."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` and listening, shared with the other workers' by ``SO_REUSEPORT``."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        sock.listen(2048)
        sock.set_inheritable(True)
    except OSError:
        sock.close()
        raise
    return sock


def check_port_free(host: str, port: int) -> None:
    """Fail now, with the fix, when another program holds the port."""
    probe = socket.socket(_family(host), socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
    except OSError as e:
        raise UsageError(f"cannot listen on {host}:{port} ({e.strerror}); is another server running there? "
                         "Give another --port") from None
    finally:
        probe.close()


def _worker(host: str, port: int, env: dict[str, str], log_level: str) -> None:
    """One worker process: its own socket on the shared port, and uvicorn over ``app_from_env``."""
    import uvicorn

    os.environ.update(env)
    sock = listening_socket(host, port)
    config = uvicorn.Config("storyline.api.app:app_from_env", factory=True, log_level=log_level,
                            server_header=False)
    uvicorn.Server(config).run(sockets=[sock])


def run_workers(host: str, port: int, workers: int, env: dict[str, str], log_level: str = "info") -> None:
    """Run ``workers`` processes on ``host:port`` until SIGINT or SIGTERM (see the module's docstring)."""
    check_port_free(host, port)
    ctx = multiprocessing.get_context("spawn")
    procs: list[Any] = []
    stopping = False

    def start() -> Any:
        p = ctx.Process(target=_worker, args=(host, port, env, log_level), daemon=False)
        p.start()
        return p

    def stop(signum: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True

    old = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        procs = [start() for _ in range(workers)]
        log.info("serving on http://%s:%d with %d worker processes", host, port, workers)
        while not stopping:
            for k, p in enumerate(procs):
                if not p.is_alive() and not stopping:
                    log.warning("worker %d (pid %s) exited with %s; starting another", k, p.pid, p.exitcode)
                    time.sleep(RESTART_PAUSE_S)
                    if not stopping:
                        procs[k] = start()
            time.sleep(0.2)
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()           # uvicorn stops gracefully on SIGTERM: requests in flight finish
        deadline = time.monotonic() + 30
        for p in procs:
            p.join(max(0.1, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()
                p.join()
        for s, h in old.items():
            signal.signal(s, h)
