"""Killing an ingest at any moment (SIGKILL) leaves the store consistent; re-running
completes the corpus with no article lost or duplicated."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from storyline.store import Store

from ..ingest.test_readers import STORY

DRIVER = """
import sys
import storyline.pipeline as p
p.BATCH = 8
p.ingest([sys.argv[1]], sys.argv[2], analyze=False)
"""


def _corpus(d: Path, n: int) -> None:
    d.mkdir()
    for i in range(n):
        (d / f"{i:04d}.txt").write_text(STORY.replace("June 3", f"June {1 + i % 28}") + f"\nItem {i}.\n",
                                        encoding="utf-8")


def test_sigkill_at_random_points_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    n = 240
    corpus, db = tmp_path / "corpus", tmp_path / "kill.duckdb"
    _corpus(corpus, n)
    rng = random.Random(7)
    kills = 0
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(corpus), str(db)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        with Store(db) as s:                        # opens, recovers, and is consistent
            row = s.con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
            assert row is not None and row[0] == row[1] <= n
    subprocess.run([sys.executable, "-c", DRIVER, str(corpus), str(db)], check=True)
    with Store(db) as s:
        row = s.con.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT path) FROM articles").fetchone()
        assert row == (n, n, n)
    assert kills >= 1
