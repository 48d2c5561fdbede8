"""The store: DuckDB as the embedded default. Only this package does database I/O.

The database is a file, ``storyline.duckdb`` unless ``--db``/``STORYLINE_DB`` says
otherwise. Every batch of articles is written in one transaction, so a process
killed mid-ingest leaves either the whole batch or none of it.
"""
from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Iterator

from ..dates import DateValue
from ..errors import StoreError
from ..records import Article, Rejection
from .sql import lookup
from .read import refresh, write_articles
from .events import with_event_ids        # after .read: events imports read's writers (read imports events lazily)
from .schema import MIGRATIONS, READ_MODEL_VERSION

DEFAULT_DB = "storyline.duckdb"
LOCK_WAIT_S = 15.0             # how long a writer waits for readers to let go of the file


def default_db_path(db: str | os.PathLike[str] | None = None) -> str:
    return str(db or os.environ.get("STORYLINE_DB") or DEFAULT_DB)


def memory_limit() -> str:
    """DuckDB's memory cap for one connection (``STORYLINE_DB_MEMORY``, default 512MB). DuckDB's
    own default is 80% of RAM, and it keeps the blocks it wrote cached up to that: measured, a
    10,000-article ingest grew by the size of its database file (~550 MB)."""
    return os.environ.get("STORYLINE_DB_MEMORY", "512MB")


ROW_GROUP_ROWS = 2048          # rows per DuckDB row group of the store (DuckDB's default: 122,880)
LARGE_ROW_GROUP_ROWS = 122_880  # DuckDB's default: for read tables rewritten whole (``Store.large_row_groups``)
ALIAS = "storyline"            # the attached database's name in a connection of the store


def _connect(duckdb: Any, path: str, read_only: bool, row_group_rows: int = ROW_GROUP_ROWS) -> Any:
    """A connection to the database file ``path``, attached with small row groups. A checkpoint
    rewrites every row group a transaction appended to or updated, whole: with DuckDB's default
    size the one row group of a store under 122,880 articles is read and rewritten after every
    few batches, so the memory and time of a batch grew with the store (measured: 1,024 rows of
    30 KB added to a table of 9,000 took 330 MB more than to one of 1,000; 2,048-row groups: flat).
    The size is not kept in the file, so every connection that writes attaches it this way; a
    table written whole through a connection attached with ``row_group_rows`` larger keeps its
    large row groups (``Store.large_row_groups``), and rows appended later go into small ones."""
    con = duckdb.connect(":memory:", config={"memory_limit": memory_limit()})
    try:
        if row_group_rows > ROW_GROUP_ROWS:
            # its checkpoints would merge every other table's small row groups into large ones
            # (DuckDB's vacuum): only the tables written whole through it get them
            con.execute("SET max_vacuum_tasks = 0")
        quoted = str(path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS {ALIAS} (ROW_GROUP_SIZE {int(row_group_rows)}"
                    f"{', READ_ONLY' if read_only else ''})")
        con.execute(f"USE {ALIAS}")
    except BaseException:
        con.close()
        raise
    return con


def reader_waiting_marker(path: str) -> str:
    """A file that exists while a reader (the API) waits for a writer to let go of the database."""
    return path + ".reader-waiting"


def writer_waiting_marker(path: str) -> str:
    """A file that exists while a writer waits for readers to release the database."""
    return path + ".writer-waiting"


class Store:
    """A connection to one Storyline database, migrated to the latest schema."""

    def __init__(self, path: str | os.PathLike[str] | None = None, read_only: bool = False,
                 shared: bool = False):
        """``shared=True``: hold the file only while working (a query, a batch write) and let it
        go in between, so that readers such as the API are not locked out during a long ingest."""
        self.path = default_db_path(path)
        self.read_only = read_only
        self.shared = shared
        self._con: Any = None
        self._tx_depth = 0
        # articles written since the read model was last refreshed (None: all, after migration 3)
        self._touched: set[str] | None = set()
        self._dirty = False
        self._row_group_rows = ROW_GROUP_ROWS
        if read_only and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}; run `storyline ingest PATH --db {self.path}` first")
        self._open()
        if not read_only:
            self._migrate()
        self.release()

    def _open(self) -> Any:
        import duckdb

        deadline = time.monotonic() + (0 if self.read_only else LOCK_WAIT_S)
        marker = Path(writer_waiting_marker(self.path))
        try:
            while True:
                try:
                    self._con = _connect(duckdb, self.path, self.read_only, self._row_group_rows)
                    return self._con
                except duckdb.Error as e:
                    # a reader (the API) holds the file: say a writer waits, so it lets go, and retry
                    if "lock" in str(e).lower() and time.monotonic() < deadline:
                        marker.touch()
                        time.sleep(0.02)
                        continue
                    raise StoreError(f"cannot open the database {self.path}: {e}. "
                                     "Is another process writing to it? Try again when it has finished.") from e
        finally:
            marker.unlink(missing_ok=True)

    @property
    def con(self) -> Any:
        """The DuckDB connection, opened on demand."""
        return self._con if self._con is not None else self._open()

    def cursor(self) -> Any:
        """A second cursor on the connection (its own result), on the store's database."""
        cur = self.con.cursor()
        cur.execute(f"USE {ALIAS}")
        return cur

    def recycle(self) -> None:
        """Close the connection now (committed work is checkpointed); the next use opens a fresh one.
        DuckDB keeps the blocks it read and wrote cached, and its allocator keeps freed memory, up to
        ``STORYLINE_DB_MEMORY`` and beyond: a long job recycles between large steps so that its
        resident memory does not grow with the size of the database."""
        if self._con is not None and not self._tx_depth:
            self._con.close()
            self._con = None

    @contextmanager
    def large_row_groups(self) -> Iterator[Any]:
        """The connection reattached with DuckDB's default row groups (122,880 rows) while the
        block runs, for a read table rewritten whole (``store/read.py``): a statement that reads
        a few rows of a large sorted table checks the min/max of every row group, so 2,048-row
        groups cost it their number (measured at 100,000 articles: one term's postings, 18.6
        million rows, 3.0 -> 0.5 ms of CPU). Not for appends: those go through the usual
        connection (small groups, see ``_connect``)."""
        if self._tx_depth:
            raise StoreError("large_row_groups() cannot start inside a transaction")
        self.recycle()
        self._row_group_rows = LARGE_ROW_GROUP_ROWS
        try:
            yield self.con
        finally:
            self.recycle()
            self._row_group_rows = ROW_GROUP_ROWS

    def release(self) -> None:
        """In shared mode, when a reader is waiting for the file, close the connection until the
        next use (committed work is on disk). Nobody waiting: keep it, closing costs a checkpoint."""
        if self.shared and self._con is not None and Path(reader_waiting_marker(self.path)).exists():
            self._con.close()
            self._con = None

    @contextmanager
    def transaction(self, what: str = "a write") -> Iterator[Any]:
        """One transaction: all or nothing. Transactions opened inside it join it, so callers
        can make one unit of several writes (the pipeline writes a batch and its links at once)."""
        if self._tx_depth:
            self._tx_depth += 1
            try:
                yield self.con
            finally:
                self._tx_depth -= 1
            return
        con = self.con
        con.execute("BEGIN TRANSACTION")
        self._tx_depth = 1
        try:
            yield con
            con.execute("COMMIT")
        except BaseException as e:
            try:
                con.execute("ROLLBACK")
            except Exception:       # a COMMIT that failed (disk full) has ended the transaction already
                pass
            import duckdb

            if isinstance(e, duckdb.OutOfMemoryException):
                # the store's indexes outgrew the cap (a bench store of 1,000,000 articles did at 512MB)
                raise StoreError(f"{what} on {self.path} ran out of the store's memory cap and was rolled "
                                 f"back; give it more, e.g. STORYLINE_DB_MEMORY=4GB (now {memory_limit()}), "
                                 f"and run again. DuckDB said: {str(e).splitlines()[0]}") from e
            if isinstance(e, duckdb.Error):
                raise StoreError(f"{what} on {self.path} failed and was rolled back: {e}") from e
            raise
        finally:
            self._tx_depth = 0

    # ------------------------------------------------------------------ schema
    def _migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                         "description VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)")
        have = {r[0] for r in self.con.execute("SELECT version FROM schema_version").fetchall()}
        for version, description, statements in MIGRATIONS:
            if version in have:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                for sql in statements:
                    self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version (version, description) VALUES (?, ?)", [version, description])
                self.con.execute("COMMIT")
                if version == READ_MODEL_VERSION:       # an older store: its read model is built from it
                    self._touched, self._dirty = None, True
            except Exception as e:
                self.con.execute("ROLLBACK")
                raise StoreError(f"migration {version} ({description}) failed on {self.path}: {e}") from e

    def schema_version(self) -> int:
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0) if row else 0

    def mark_written(self, article_ids: Iterable[str] = ()) -> None:
        """Note a write the read model follows (``refresh_read_model``, at ``close``)."""
        self._dirty = True
        if self._touched is not None:
            self._touched.update(article_ids)

    def refresh_read_model(self) -> None:
        """Bring the read model (``store/read.py``) up to date with the writes made through this
        handle: unlinked events, the actor index, the totals and the search index."""
        if self.read_only or not self._dirty:
            return
        refresh(self, self._touched)
        self._touched, self._dirty = set(), False

    def close(self, refresh: bool = True) -> None:
        """Close the connection, after refreshing the read model when this handle wrote."""
        if refresh:
            self.refresh_read_model()
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(refresh=exc_type is None)

    # ------------------------------------------------------------------ articles
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        return {r[0] for r in lookup(self.con, "SELECT id FROM articles WHERE id IN ({keys})", ids)}

    def confident_years(self, min_confidence: float = 0.9) -> list[int]:
        rows = self.con.execute("SELECT DISTINCT published_year FROM articles WHERE published_year IS NOT NULL "
                                "AND published_confidence >= ?", [min_confidence]).fetchall()
        return [r[0] for r in rows]

    @staticmethod
    def _row(rec: dict[str, Any]) -> list[Any]:
        dl = rec.get("dateline") or {}
        pub = rec.get("published") or {}
        value = DateValue.parse(pub.get("date"))
        year = value.year if value else None
        return [rec["id"], rec["path"], rec.get("source"), rec.get("headline"), rec.get("lead"), dl.get("place"),
                dl.get("text"), pub.get("date"), pub.get("how"), pub.get("confidence"), year, rec.get("url"),
                rec["text"], json.dumps(rec, ensure_ascii=False)]

    _ARTICLE_COLUMNS = ("id", "path", "source", "headline", "lead", "dateline_place", "dateline_text",
                        "published_date", "published_how", "published_confidence", "published_year", "url",
                        "text", "record")

    def write_batch(self, articles: list[Article] | list[dict[str, Any]], rejections: list[Rejection]) -> None:
        """Write articles (records or their dicts) and rejections in one transaction (all or nothing).

        Rows go in as one Arrow table per batch: DuckDB's ``executemany`` inserts row by row
        (measured: 8 ms per article, a tenth of the parse)."""
        import pyarrow as pa

        recs = [a.to_dict() if isinstance(a, Article) else a for a in articles]
        with self.transaction(f"writing a batch of {len(recs)} articles") as con:
            if recs:
                cols = list(zip(*(self._row(r) for r in recs)))
                con.register("_sl_articles", pa.table(
                    {name: pa.array(col, type=pa.float64() if name == "published_confidence" else
                                    pa.int32() if name == "published_year" else pa.string())
                     for name, col in zip(self._ARTICLE_COLUMNS, cols)}))
                try:
                    names = ", ".join(self._ARTICLE_COLUMNS)
                    con.execute(f"INSERT INTO articles ({names}) SELECT {names} FROM _sl_articles "
                                "ON CONFLICT (id) DO NOTHING")
                    # a fixed file (new content, same path) no longer shows its old rejection
                    con.execute("DELETE FROM rejections WHERE input_id IN (SELECT id FROM _sl_articles) "
                                "OR path IN (SELECT path FROM _sl_articles)")
                finally:
                    con.unregister("_sl_articles")
                write_articles(con, recs)
                self.mark_written(str(r["id"]) for r in recs)
            if rejections:
                con.executemany("DELETE FROM rejections WHERE path = ? AND input_id <> ?",   # the latest verdict
                                [[r.path, r.input_id] for r in rejections])
                con.executemany(
                    "INSERT INTO rejections (input_id, path, stage, code, detail) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (input_id) DO UPDATE SET path = excluded.path, stage = excluded.stage, "
                    "code = excluded.code, detail = excluded.detail, rejected_at = now()",
                    [[r.input_id, r.path, r.stage, r.code, r.detail] for r in rejections])

    def clear_rejections(self, stored: list[tuple[str, str]]) -> None:
        """Forget the rejections of these ``(path, stored input id)``s' paths: a file put back as
        it was when it was stored no longer shows the rejection of the version in between.
        Reads nothing when the store holds no rejection of those paths (the usual rerun)."""
        if not stored:
            return
        paths = [p for p, _ in stored]
        for (path,) in lookup(self.con, "SELECT DISTINCT path FROM rejections WHERE path IN ({keys})", paths):
            keep = [i for p, i in stored if p == path]
            with self.transaction("clearing old rejections") as con:
                con.execute("DELETE FROM rejections WHERE path = ? AND NOT list_contains(?, input_id)", [path, keep])

    def update_records(self, articles: list[Article]) -> None:
        """Replace the records of already stored articles (after re-analysis), in one transaction."""
        with self.transaction(f"updating {len(articles)} records") as con:
            for a in articles:
                con.execute("UPDATE articles SET record = ? WHERE id = ?",
                            [json.dumps(a.to_dict(), ensure_ascii=False), a.id])
            write_articles(con, [a.to_dict() for a in articles], replace=True)
            self.mark_written(a.id for a in articles)

    def iter_records(self, order: str = "path") -> Iterator[dict[str, Any]]:
        """Article records (OUTPUT.md) in a stable order, with their events' corpus ``event_id``."""
        col = {"path": "path, id", "published": "published_date NULLS LAST, path, id"}[order]
        cur = self.con.execute(f"SELECT record FROM articles ORDER BY {col}")
        ids = self.cursor()             # its own cursor: a query on ``cur`` would end this result
        try:
            while True:
                rows = cur.fetchmany(500)
                if not rows:
                    break
                yield from with_event_ids(ids, [json.loads(rec) for (rec,) in rows])
        finally:
            ids.close()

    def rejections(self) -> list[Rejection]:
        rows = self.con.execute("SELECT path, input_id, stage, code, detail FROM rejections ORDER BY path").fetchall()
        return [Rejection(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "rejections"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    # ------------------------------------------------------------------ parse cache
    def cached_docs(self, keys: list[str]) -> dict[str, bytes]:
        if not keys:
            return {}
        return {k: bytes(v) for k, v in lookup(self.con, "SELECT key, doc FROM parse_cache WHERE key IN ({keys})",
                                               keys)}

    def cache_docs(self, items: list[tuple[str, str, bytes]]) -> None:
        """Add parses to the cache (one Arrow table, see ``write_batch``)."""
        if not items:
            return
        import pyarrow as pa

        keys, models, docs = zip(*{k: (k, m, d) for k, m, d in items}.values())
        self.con.register("_sl_cache", pa.table({"key": pa.array(keys, pa.string()), "model": pa.array(models, pa.string()),
                                                 "doc": pa.array(docs, pa.binary())}))
        try:
            self.con.execute("INSERT INTO parse_cache (key, model, doc) SELECT key, model, doc FROM _sl_cache "
                             "ON CONFLICT (key) DO NOTHING")
        finally:
            self.con.unregister("_sl_cache")
