"""A read handle closes its file and its linger timer on demand and at interpreter exit, on the
calling thread: a timer thread closing DuckDB during interpreter shutdown aborted the process."""
from __future__ import annotations

from pathlib import Path

import duckdb

from storyline.api import db as dbmod
from storyline.api.db import ReadOnlyStore


def test_close_cancels_the_linger_timer_and_the_exit_hook_knows_the_handle(tmp_path):
    path = tmp_path / "s.duckdb"
    duckdb.connect(str(path)).close()
    store = ReadOnlyStore(path, linger=60.0)
    with store.cursor() as cur:
        assert cur.execute("select 1").fetchone() == (1,)
    timer = store._timer
    assert timer is not None and store._con is not None
    assert store in dbmod._LIVE
    dbmod._close_all()
    assert store._con is None and store._timer is None
    assert timer.finished.is_set()          # cancelled, so no thread touches the file later


def test_one_linger_timer_for_many_requests_and_it_closes_the_idle_file(tmp_path):
    """Each request leaving the handle idle re-arms the same pending timer (no thread started per
    request); when it fires before the last request's linger is over it waits again, else it
    closes the file; a file in use is left open."""
    path = tmp_path / "s.duckdb"
    duckdb.connect(str(path)).close()
    store = ReadOnlyStore(path, linger=60.0)
    try:
        with store.cursor() as cur:
            cur.execute("select 1").fetchall()
        timer = store._timer
        for _ in range(3):
            with store.cursor() as cur:
                cur.execute("select 1").fetchall()
        assert store._timer is timer and not timer.finished.is_set()
        timer.cancel()
        store._expire()                     # fired early: the file stays open, a timer waits again
        assert store._con is not None and store._timer is not None and store._timer is not timer
        store._timer.cancel()
        store._due = 0.0
        with store.cursor() as cur:         # in use when it fires: left open, armed again after
            store._timer.cancel()
            store._timer = None
            store._expire()
            assert store._con is not None and store._timer is None
        assert store._timer is not None
        store._timer.cancel()
        store._due = 0.0
        store._expire()                     # idle past its linger: closed
        assert store._con is None and store._timer is None
    finally:
        store.close()


def test_an_idle_handle_lets_go_at_once_for_a_waiting_writer(tmp_path):
    """A long linger keeps DuckDB's caches between requests, but an ingest waiting for the file
    (its marker) is let in at the next check, not at the end of the linger."""
    from storyline.store import writer_waiting_marker

    path = tmp_path / "s.duckdb"
    duckdb.connect(str(path)).close()
    store = ReadOnlyStore(path, linger=600.0)
    try:
        with store.cursor() as cur:
            cur.execute("select 1").fetchall()
        store._timer.cancel()
        store._expire()                     # no writer: stays open, checks again soon
        assert store._con is not None and store._timer is not None
        assert store._timer.interval <= dbmod.WRITER_POLL_S
        store._timer.cancel()
        Path(writer_waiting_marker(str(path))).touch()
        store._expire()                     # a writer waits: closed now
        assert store._con is None
    finally:
        Path(writer_waiting_marker(str(path))).unlink(missing_ok=True)
        store.close()


def test_warming_a_store_answers_or_gives_up_quietly(tmp_path):
    """``serve``'s warm-up runs the first queries of the page on a real store, and on a file that
    is no store it stops without raising (the worker serves, and answers that store's errors)."""
    from storyline.api.app import warm_store

    from .corpus import build_store

    store = ReadOnlyStore(build_store(tmp_path / "store.duckdb"), linger=0)
    assert warm_store(store) >= 0
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    assert warm_store(ReadOnlyStore(empty, linger=0)) >= 0
