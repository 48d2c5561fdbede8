"""Read-only access to a store that an ingest may be writing.

DuckDB lets one process write a database file, and a writer's lock keeps every
other process out, readers included. So readers here never hold the file for
long: a ``ReadOnlyStore`` opens it read-only when a request arrives, shares that
handle among the requests in flight (each gets its own cursor) and closes it a
moment after the last one finishes, so that ``storyline ingest`` can get in. When
a writer holds the lock, opening retries briefly and then raises
``StoreBusyError``, which the web API answers with 503.

A cursor per request, not one kept per worker thread: making and closing one costs about
6 µs (measured at 10,000 articles, against 0.1 ms for the cheapest statement), and a
cursor kept open would be one more handle to close before a writer gets in. ``storyline
serve --workers N`` runs N processes, each with its own ``ReadOnlyStore`` (DuckDB lets
any number of processes open a file read-only while none writes it).
"""
from __future__ import annotations

import atexit
import json
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StoreBusyError, StoreError
from ..store import default_db_path, memory_limit, reader_waiting_marker, writer_waiting_marker

if TYPE_CHECKING:
    import duckdb


# One query per request is the unit of concurrency of the API: a second DuckDB thread per query
# only contends with the other requests' (measured at 10,000 articles: a top-50 of events took
# 3.8 ms of CPU with 2 threads, 2.4 ms with 1). The memory cap keeps DuckDB's block cache from
# growing with the store (its default is 80% of the machine's memory).
#
# Late materialization off: for a LIMIT of up to 50 rows DuckDB finds the page's row ids first and
# then joins them back to the table, a second scan of the whole table (measured at 100,000 articles:
# the first 50 articles of an actor, from its name's 19,500 rows of the name index's 1,070,000, 2.8
# -> 1.4 ms of CPU; the articles list 3.7 -> 3.0, quotes 2.3 -> 1.5, actors 3.2 -> 2.4). The event
# list joins its page back by key itself (``queries._events_keyed``).
#
# No extension installed from the network: a reader loads the FTS extension from its package's
# folder (``store.read.load_fts``), and search asks for ``stem`` before loading it (``api/search``).
READ_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "threads": int(os.environ.get("STORYLINE_READ_THREADS", "1")), "memory_limit": memory_limit(),
    "late_materialization_max_rows": 0, "autoinstall_known_extensions": False}


def open_read_only(path: str | os.PathLike[str], retry_for: float = 2.0) -> duckdb.DuckDBPyConnection:
    """Open ``path`` read-only, retrying for ``retry_for`` seconds while a writer holds the lock."""
    import duckdb

    path = str(path)
    if Path(path).is_dir():
        return open_partitions(path)
    if not Path(path).is_file():
        raise StoreError(f"no database at {path}; run `storyline ingest PATH --db {path}` first")
    deadline = time.monotonic() + retry_for
    pause = 0.02
    marker = Path(reader_waiting_marker(path))
    try:
        while True:
            try:
                return duckdb.connect(path, read_only=True, config=READ_CONFIG)
            except duckdb.IOException as e:
                if "lock" not in str(e).lower():
                    raise StoreError(f"cannot open the database {path}: {e}") from e
                if time.monotonic() >= deadline:
                    raise StoreBusyError(f"the database {path} is being written by another process "
                                         "(an ingest?); try again in a few seconds") from e
                marker.touch()          # ask the writer to let go of the file between batches
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
            except duckdb.Error as e:
                raise StoreError(f"cannot open the database {path}: {e}") from e
    finally:
        marker.unlink(missing_ok=True)


def open_partitions(path: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """A store made of Parquet partitions, read in place: one folder per table (``articles/``,
    ``event_index/``, ``fts_main_articles.terms/``…, each of ``*.parquet`` files, as
    ``store.read.export_partitions`` writes them, from one machine or several), each a view in an
    in-memory database; ``macros.json`` holds the search index's tokenizer. Nothing is loaded:
    DuckDB reads the files a query needs (row groups skipped by their min/max, as in a store)."""
    import duckdb

    root = Path(path)
    tables = sorted(p for p in root.iterdir() if p.is_dir() and any(p.glob("*.parquet")))
    if not any(t.name == "articles" for t in tables):
        raise StoreError(f"{root} holds no articles/ partitions; write them with "
                         "storyline.store.read.export_partitions(DB, DIR)")
    con = duckdb.connect(":memory:", config=READ_CONFIG)
    try:
        for t in tables:
            schema, _, name = t.name.rpartition(".")
            if schema:
                con.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            files = str(t / "*.parquet").replace("'", "''")
            target = f'"{schema}"."{name}"' if schema else f'"{name}"'
            con.execute(f"CREATE VIEW {target} AS SELECT * FROM read_parquet('{files}')")
        macros = root / "macros.json"
        for m in json.loads(macros.read_text()) if macros.is_file() else []:
            con.execute(f'CREATE SCHEMA IF NOT EXISTS "{m["schema"]}"')
            con.execute(f'CREATE MACRO "{m["schema"]}"."{m["name"]}"({", ".join(m["parameters"])}) AS '
                        f'{m["definition"]}')
    except (duckdb.Error, OSError, ValueError, KeyError) as e:
        con.close()
        raise StoreError(f"cannot read the partitions at {root}: {e}") from e
    return con


WRITER_POLL_S = 0.25            # how often an idle, open handle looks for a waiting writer


class ReadOnlyStore:
    """A read-only handle on one database, shared by concurrent readers and closed when idle.

    ``linger`` is how long (seconds) the file stays open after the last reader,
    so that a burst of requests opens it once; ``retry_for`` how long opening
    waits for a writer to finish.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, linger: float = 0.3, retry_for: float = 2.0):
        self.path = default_db_path(path)
        self.linger = linger
        self.retry_for = retry_for
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._generation = 0
        self._timer: threading.Timer | None = None
        self._due = 0.0                 # when the file closes if no reader comes (``_arm``)
        _LIVE.add(self)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one reader; the file is opened if it is not already."""
        self._yield_to_writer()
        with self._lock:
            if self._con is None:
                self._con = open_read_only(self.path, self.retry_for)
            self._users += 1
            self._generation += 1
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            with self._lock:
                self._users -= 1
                idle, generation = self._users == 0, self._generation
            if idle:
                if self.linger <= 0:
                    self._close_if_idle(generation)
                else:
                    self._arm(time.monotonic() + self.linger)

    def _yield_to_writer(self) -> None:
        """While an ingest waits for the file, start no new read on it: let the readers in flight
        finish, close the file, and wait (bounded) until the writer has it; then open again."""
        marker = Path(writer_waiting_marker(self.path))
        if not marker.exists():
            return
        deadline = time.monotonic() + self.retry_for
        while marker.exists() and time.monotonic() < deadline:
            with self._lock:
                if self._con is not None and self._users == 0:
                    self._con.close()
                    self._con = None
            time.sleep(0.01)

    def _arm(self, due: float) -> None:
        """Close the file at ``due`` if no reader came since. One timer at a time, re-armed when it
        fires early, not one thread started (and the last one cancelled) per request: that cost
        0.45 ms of CPU per request (a trivial query through ``cursor``: 0.53 ms, 0.08 without).
        While it waits it looks for a writer every ``WRITER_POLL_S`` and lets go of the file for one
        at once, so a long linger does not keep an ingest out (writers wait up to 15 s)."""
        with self._lock:
            self._due = due
            if self._timer is not None:
                return          # the pending timer looks at ``_due`` when it fires
            t = self._timer = threading.Timer(self._next_wait(due), self._expire)
        t.daemon = True
        t.start()

    def _next_wait(self, due: float) -> float:
        return max(0.0, min(due - time.monotonic(), WRITER_POLL_S))

    def _expire(self) -> None:
        with self._lock:
            self._timer = None
            if self._con is None or self._users:
                return          # in use: its last reader arms the timer again
            if self._due - time.monotonic() <= 0 or Path(writer_waiting_marker(self.path)).exists():
                self._con.close()
                self._con = None
                return
            t = self._timer = threading.Timer(self._next_wait(self._due), self._expire)
        t.daemon = True
        t.start()

    def _close_if_idle(self, generation: int) -> None:
        with self._lock:
            if self._con is not None and self._users == 0 and self._generation == generation:
                self._con.close()
                self._con = None

    def close(self) -> None:
        with self._lock:
            timer, self._timer = self._timer, None
            if self._con is not None:
                self._con.close()
                self._con = None
        if timer is not None:
            timer.cancel()


# Every open handle, closed on the main thread when the interpreter exits: a lingering connection
# closed by its timer thread during interpreter shutdown aborted the process ("terminate called
# without an active exception", seen in about one test run in three that served a store).
_LIVE: "weakref.WeakSet[ReadOnlyStore]" = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for store in list(_LIVE):
        try:
            store.close()
        except duckdb.Error:
            pass


@contextmanager
def reading(db: str | os.PathLike[str] | duckdb.DuckDBPyConnection | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for the query functions: ``db`` is a path (opened read-only, closed after)
    or an open connection (used as is)."""
    import duckdb

    if isinstance(db, duckdb.DuckDBPyConnection):
        yield db
        return
    con = open_read_only(default_db_path(db))
    try:
        yield con
    finally:
        con.close()
