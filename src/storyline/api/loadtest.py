"""A bounded load test on loopback: N concurrent clients, a fixed number of requests each.

    from storyline.api.loadtest import serve_in_thread, run_load
    with serve_in_thread("storyline.duckdb") as url:
        print(run_load(url, clients=50, per_client=40))

Only loopback addresses are accepted; every loop is bounded in count and time.
"""
from __future__ import annotations

import http.client
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
    """Each client sends ``per_client`` requests over one keep-alive connection; returns the figures."""
    parts = urlsplit(base_url)
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError("the load test only targets loopback addresses")
    host, port = parts.hostname, parts.port or 80
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + time_limit
    start = threading.Barrier(clients)

    def client(k: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        start.wait()
        for i in range(per_client):
            if time.monotonic() > stop_at:
                break
            path = paths[(k + i) % len(paths)]
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    statuses[resp.status] = statuses.get(resp.status, 0) + 1
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    errors.append(f"{path}: {type(e).__name__}: {e}")
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=30)
        conn.close()

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=time_limit + 30)
    wall = time.perf_counter() - t0
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    bad = sum(n for s, n in statuses.items() if s >= 400)
    return {"clients": clients, "requests": len(lat), "seconds": round(wall, 2),
            "throughput_rps": round(len(lat) / wall, 1) if wall else 0.0,
            "p50_ms": round(pct(0.50), 1), "p99_ms": round(pct(0.99), 1),
            "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else float("nan"),
            "statuses": statuses, "errors": len(errors) + bad, "error_samples": errors[:5]}
