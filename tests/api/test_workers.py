"""``serve --workers N`` on Linux: a listening socket per worker, spread by the kernel (``api.workers``)."""
from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.api.workers import balances_reuseport, check_port_free, listening_socket
from storyline.errors import UsageError

from .corpus import build_store

pytestmark = pytest.mark.skipif(not balances_reuseport(), reason="SO_REUSEPORT balancing is Linux's")
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_connections_are_spread_over_the_workers_sockets() -> None:
    """Two sockets on one port, 64 clients connecting in a burst: both sockets get some (with
    one shared socket, the process that wakes first may take them all)."""
    port = _free_port()
    socks = [listening_socket("127.0.0.1", port) for _ in range(2)]
    clients = []
    try:
        for _ in range(64):
            c = socket.create_connection(("127.0.0.1", port), timeout=5)
            clients.append(c)
        got = [0, 0]
        for _ in range(200):
            ready, _, _ = select.select(socks, [], [], 0.05)
            if not ready and sum(got) == 64:
                break
            for s in ready:
                conn, _ = s.accept()
                conn.close()
                got[socks.index(s)] += 1
        assert sum(got) == 64
        assert min(got) > 0, got           # all on one socket: 2 ** -63 if the kernel spreads them
    finally:
        for c in clients:
            c.close()
        for s in socks:
            s.close()


def test_a_held_port_is_a_usage_error() -> None:
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen(1)
        port = held.getsockname()[1]
        with pytest.raises(UsageError, match="--port"):
            check_port_free("127.0.0.1", port)


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def test_stopping_the_server_stops_its_workers(tmp_path: Path) -> None:
    """SIGTERM to ``serve --workers 2`` ends both worker processes (none left holding the port)."""
    db = build_store(tmp_path / "store.duckdb")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", "--db", str(db), "--port", str(port),
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    try:
        deadline = time.monotonic() + 90
        kids: list[int] = []
        while len(kids) < 2:
            assert proc.poll() is None, "serve --workers 2 exited"
            assert time.monotonic() < deadline, "the workers did not start"
            kids = [k for k in _children(proc.pid) if "storyline" in Path(f"/proc/{k}/cmdline").read_text()
                    or "multiprocessing" in Path(f"/proc/{k}/cmdline").read_text()]
            time.sleep(0.1)
        proc.terminate()
        assert proc.wait(timeout=40) is not None
        for k in kids:
            assert not Path(f"/proc/{k}").exists() or "zombie" in Path(f"/proc/{k}/status").read_text().lower(), k
    finally:
        if proc.poll() is None:
            proc.kill()
