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
