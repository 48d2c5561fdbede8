"""Load test of the API on loopback: 50 concurrent clients by default, bounded in count and time.

    .venv/bin/python bench/load_test.py [--db storyline.duckdb] [--clients 50] [--per-client 40]

Ingests the sample corpus into a temporary store when no --db is given.
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from storyline.api.loadtest import run_load, serve_in_thread
from storyline.runners.local import ingest

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--per-client", type=int, default=40)
    a = ap.parse_args()
    db = a.db
    if not db:
        db = str(Path(tempfile.mkdtemp()) / "load.duckdb")
        ingest([ROOT / "samples" / "corpus"], db)
    with serve_in_thread(db) as url:
        res = run_load(url, clients=a.clients, per_client=a.per_client)
    print(json.dumps(res, indent=2))
    out = ROOT / "bench" / "results" / "load_test.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n")


if __name__ == "__main__":
    main()
