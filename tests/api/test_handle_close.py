"""A read handle closes its file and its linger timer on demand and at interpreter exit, on the
calling thread: a timer thread closing DuckDB during interpreter shutdown aborted the process."""
from __future__ import annotations

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
