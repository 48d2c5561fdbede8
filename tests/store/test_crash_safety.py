"""Killing an ingest at any moment (SIGKILL) leaves the store consistent; re-running
completes the corpus with no article lost or duplicated.

The kill points are chosen by the store's state, not by the clock: the driver wraps the
store so that the process SIGKILLs itself inside the N-th batch's transaction (before its
COMMIT), right after the N-th commit, or as it recycles its connection (committed work not yet
checkpointed). An earlier version slept a random time and killed from outside; on a fast
machine every ingest could finish first (`assert kills >= 1` failed on a fresh clone).
Each kill therefore happens, and the number of articles stored is known exactly.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storyline.store import Store

from ..ingest.test_readers import STORY

BATCH = 8
DRIVER = """
import os, signal, sys
from contextlib import contextmanager
import storyline.runners.local as p
from storyline.store import Store

p.BATCH = %d
corpus, db, mode, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
seen = {"batches": 0, "recycles": 0}

def die():
    os.kill(os.getpid(), signal.SIGKILL)

plain_tx, plain_recycle = Store.transaction, Store.recycle

@contextmanager
def transaction(self, what="a write"):
    with plain_tx(self, what) as con:
        yield con
        if what.startswith("writing a batch"):
            seen["batches"] += 1
            if mode == "in-transaction" and seen["batches"] == n:
                die()                                   # the batch is written, not committed
    if what.startswith("writing a batch") and mode == "after-commit" and seen["batches"] == n:
        die()

def recycle(self):
    seen["recycles"] += 1
    if mode == "recycle" and seen["recycles"] == n:
        die()                                           # committed, not yet checkpointed
    plain_recycle(self)

Store.transaction, Store.recycle = transaction, recycle
p.ingest([corpus], db, analyze=False)
""" % BATCH

# (where, after how many) -> articles this run adds before dying
KILLS = [("in-transaction", 1, 0), ("after-commit", 2, 2 * BATCH), ("in-transaction", 5, 4 * BATCH),
         ("after-commit", 9, 9 * BATCH), ("recycle", 1, 8 * BATCH)]


def _corpus(d: Path, n: int) -> None:
    d.mkdir()
    for i in range(n):
        (d / f"{i:04d}.txt").write_text(STORY.replace("June 3", f"June {1 + i % 28}") + f"\nItem {i}.\n",
                                        encoding="utf-8")


def _run(corpus: Path, db: Path, mode: str, n: int) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", DRIVER, str(corpus), str(db), mode, str(n)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_sigkill_at_random_points_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    n = 240
    corpus, db = tmp_path / "corpus", tmp_path / "kill.duckdb"
    _corpus(corpus, n)
    stored = 0
    for mode, after, adds in KILLS:
        proc = _run(corpus, db, mode, after)
        assert proc.returncode == -9, (mode, after, proc.stderr.decode()[-2000:])     # it was killed there
        stored += adds
        with Store(db) as s:                        # opens, recovers, and is consistent
            row = s.con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
            assert row == (stored, stored), (mode, after)
    assert stored < n
    done = _run(corpus, db, "none", 0)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    with Store(db) as s:
        row = s.con.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT path) FROM articles").fetchone()
        assert row == (n, n, n)
