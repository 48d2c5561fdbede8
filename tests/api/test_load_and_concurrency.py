"""The API under load (50 concurrent clients on loopback, bounded) and beside a running ingest."""
from __future__ import annotations

import http.client
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from storyline.api.loadtest import run_load, serve_in_thread

from .corpus import build_store

ROOT = Path(__file__).resolve().parents[2]


def test_fifty_clients_zero_errors(tmp_path: Path) -> None:
    db = build_store(tmp_path / "store.duckdb")
    with serve_in_thread(db) as url:
        res = run_load(url, clients=50, per_client=8, time_limit=90)
    print(f"\nload: {res}")
    assert res["errors"] == 0, res["error_samples"]
    assert res["requests"] == 400


def test_load_test_refuses_non_loopback() -> None:
    with pytest.raises(ValueError):
        run_load("http://10.0.0.1:8000", clients=1, per_client=1)


@pytest.mark.model
def test_api_answers_while_ingest_writes(tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = sorted((ROOT / "samples" / "corpus" / "text").glob("*.txt")) * 4
    for i, f in enumerate(texts):
        (corpus / f"{i:03d}_{f.name}").write_bytes(f.read_bytes() + f"\nCopy {i}.\n".encode())
    subprocess.run([sys.executable, "-m", "storyline.cli", "ingest", str(ROOT / "samples" / "corpus" / "feed.jsonl"),
                    "--db", str(db), "--no-progress"], check=True, capture_output=True)
    with serve_in_thread(db) as url:
        parts = urlsplit(url)
        proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "ingest", str(corpus), "--db", str(db),
                                 "--no-progress", "--processes", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        ok = busy = 0
        deadline = time.monotonic() + 240
        while proc.poll() is None and time.monotonic() < deadline:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            conn.request("GET", "/api/stats")
            status = conn.getresponse().status
            conn.close()
            ok += status == 200
            busy += status == 503
            time.sleep(0.2)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert f"ingested {len(texts)},".encode() in out
    assert ok > 0, f"the API never answered during the ingest ({busy} busy answers)"
    print(f"\nduring ingest: {ok} answered, {busy} busy")


def test_serve_rejects_workers_out_of_range(tmp_path: Path) -> None:
    from storyline.api.app import serve
    from storyline.errors import UsageError

    with pytest.raises(UsageError, match="workers"):
        serve(tmp_path / "none.duckdb", port=8000, workers=0)


def test_two_workers_read_one_store_and_answer_alike(tmp_path: Path) -> None:
    """``serve --workers 2``: two processes open the store read-only at once, answer a burst of
    50 clients without an error, and give the answers of the in-process app."""
    import json
    import os
    import socket

    from storyline.api import queries

    db = build_store(tmp_path / "store.duckdb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", "--db", str(db), "--port", str(port),
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    try:
        deadline = time.monotonic() + 90
        body = None
        while body is None:
            assert proc.poll() is None, "serve --workers 2 exited"
            assert time.monotonic() < deadline, "serve --workers 2 did not answer"
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", "/api/events?limit=5&sort=-reports")
                resp = conn.getresponse()
                body = resp.read() if resp.status == 200 else None
                conn.close()
            except OSError:
                pass
            if body is None:
                time.sleep(0.2)
        assert json.loads(body) == queries.events(db, limit=5, sort="-reports")
        res = run_load(f"http://127.0.0.1:{port}", clients=50, per_client=4, time_limit=90)
        assert res["errors"] == 0, res["error_samples"]
        assert res["requests"] == 200
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
