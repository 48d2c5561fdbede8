"""A bounded load test on loopback: N concurrent clients, a fixed number of requests each.

    from storyline.api.loadtest import serve_in_thread, run_load
    with serve_in_thread("storyline.duckdb") as url:
        print(run_load(url, clients=50, per_client=40))

Only loopback addresses are accepted; every loop is bounded in count and time.
"""
from __future__ import annotations

import asyncio
import os
import socket
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from .app import create_app

DEFAULT_PATHS = ("/api/events?limit=20", "/api/stats", "/api/actors?limit=20", "/api/search?q=visit",
                 "/api/quotes?limit=10", "/api/counts", "/api/articles?limit=10", "/")


@contextmanager
def serve_in_thread(db: str | os.PathLike[str]) -> Iterator[str]:
    """uvicorn on 127.0.0.1 with a free port, in a daemon thread; yields the base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def run_load(base_url: str, clients: int = 50, per_client: int = 20, paths: tuple[str, ...] = DEFAULT_PATHS,
             time_limit: float = 120.0) -> dict[str, Any]:
    """Each client sends ``per_client`` requests over one keep-alive connection; returns the figures,
    ``client_cpu_ms_per_request`` included (what the load itself took from the machine).

    The clients are coroutines on one asyncio loop speaking HTTP/1.1 over raw streams: on two
    cores the client shares the machine with the server it measures, and 50 threads of
    ``http.client`` cost about 1 ms of CPU per request (and the GIL's hand-offs) where this costs
    about a tenth of that (measured with ``time.process_time`` around a run; ``bench/read_bench.py``
    reports it per endpoint)."""
    parts = urlsplit(base_url)
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError("the load test only targets loopback addresses")
    host, port = parts.hostname, parts.port or 80
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    latencies, statuses, errors = asyncio.run(_load(host, port, clients, per_client, paths, time_limit))
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    bad = sum(n for s, n in statuses.items() if s >= 400)
    return {"clients": clients, "requests": len(lat), "seconds": round(wall, 2),
            "throughput_rps": round(len(lat) / wall, 1) if wall else 0.0,
            "p50_ms": round(pct(0.50), 1), "p99_ms": round(pct(0.99), 1),
            "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else float("nan"),
            "client_cpu_ms_per_request": round(cpu * 1000 / max(len(lat), 1), 3),
            "statuses": statuses, "errors": len(errors) + bad, "error_samples": errors[:5]}


class _Conn:
    """One keep-alive HTTP/1.1 connection: GET a path, read the status and a Content-Length or
    chunked body (uvicorn sends one or the other)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def get(self, path: str) -> int:
        await self.open()
        assert self.reader is not None and self.writer is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("latin-1"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:] if h)}
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _load(host: str, port: int, clients: int, per_client: int, paths: tuple[str, ...],
                time_limit: float) -> tuple[list[float], dict[int, int], list[str]]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    stop_at = time.monotonic() + time_limit
    conns = [_Conn(host, port) for _ in range(clients)]
    # connected before the start, as kept-alive connections are (a failure: an error of the first request)
    await asyncio.wait_for(asyncio.gather(*(c.open() for c in conns), return_exceptions=True), timeout=30)

    async def client(k: int) -> None:
        conn = conns[k]
        for i in range(per_client):
            if time.monotonic() > stop_at:
                break
            path = paths[(k + i) % len(paths)]
            t0 = time.perf_counter()
            try:
                status = await asyncio.wait_for(conn.get(path), timeout=30)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError,
                    ValueError, IndexError) as e:
                errors.append(f"{path}: {type(e).__name__}: {e}")
                conn.close()
                continue
            latencies.append(time.perf_counter() - t0)
            statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    tasks = [asyncio.create_task(client(k)) for k in range(clients)]
    await asyncio.wait(tasks, timeout=time_limit + 30)
    for t in tasks:
        t.cancel()
    return latencies, statuses, errors
