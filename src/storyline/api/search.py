"""Full-text search over articles: BM25 through DuckDB's FTS extension, or ILIKE without it.

The store is opened read-only (an ingest may want it any moment), so the index is
not written into it: ``search`` copies ``id, headline, lead, text`` into an
in-memory DuckDB database, builds the FTS index there, and keeps it for as long as
the store's articles are unchanged (same count and latest ``ingested_at``). The
extension is ``LOAD``ed from the ``duckdb-extension-fts`` package's own folder,
so nothing is downloaded; if it cannot load, search falls back to ILIKE.
"""
from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .db import snapshot_key

if TYPE_CHECKING:
    import duckdb

log = logging.getLogger(__name__)

MAX_QUERY = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_lock = threading.Lock()
_indexes: dict[str, tuple[tuple[Any, ...], duckdb.DuckDBPyConnection]] = {}
_fts_broken: str | None = None


def fts_extension_path() -> Path | None:
    """The FTS extension file shipped in ``duckdb-extension-fts`` for the installed DuckDB."""
    import duckdb

    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    p = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    return p if p.is_file() else None


def _load_fts(con: duckdb.DuckDBPyConnection) -> None:
    path = fts_extension_path()
    if path is None:
        raise RuntimeError("the duckdb-extension-fts package for this DuckDB version is not installed")
    # LOAD takes no parameters; the path is ours (the package folder), never user input
    con.execute("LOAD '" + str(path).replace("'", "''") + "'")


def _index(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection | None:
    """The in-memory FTS index for this store, built or rebuilt when stale; None without FTS."""
    global _fts_broken
    import duckdb

    if _fts_broken:
        return None
    sig = snapshot_key(con)
    key = str(sig[0])
    with _lock:
        cached = _indexes.get(key)
        if cached and cached[0] == sig:
            return cached[1]
        try:
            mem = duckdb.connect(":memory:")
            _load_fts(mem)
            docs = con.execute("SELECT id, coalesce(headline, '') AS headline, coalesce(lead, '') AS lead, "
                               "text FROM articles").to_arrow_table()
            mem.register("incoming", docs)
            mem.execute("CREATE TABLE docs AS SELECT * FROM incoming")
            mem.unregister("incoming")
            mem.execute("PRAGMA create_fts_index('docs', 'id', 'headline', 'lead', 'text', overwrite=1)")
        except (duckdb.Error, RuntimeError, OSError) as e:
            _fts_broken = str(e)
            log.warning("full-text search falls back to ILIKE: %s", e)
            return None
        if cached:
            cached[1].close()
        _indexes[key] = (sig, mem)
        return mem


def backend() -> str:
    """``fts`` when BM25 search is available, else ``ilike``."""
    if _fts_broken:
        return "ilike"
    return "fts" if fts_extension_path() else "ilike"


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _ranked_ids(con: duckdb.DuckDBPyConnection, q: str) -> tuple[list[tuple[str, float]], str]:
    mem = _index(con)
    if mem is not None:
        cur = mem.cursor()
        try:
            rows = cur.execute("SELECT id, score FROM (SELECT id, fts_main_docs.match_bm25(id, ?) AS score "
                               "FROM docs) WHERE score IS NOT NULL ORDER BY score DESC, id", [q]).fetchall()
        finally:
            cur.close()
        return [(r[0], float(r[1])) for r in rows], "fts"
    words = _WORD.findall(q)[:12]
    if not words:
        return [], "ilike"
    cond = " AND ".join(["(coalesce(headline, '') || ' ' || coalesce(lead, '') || ' ' || text) ILIKE ? ESCAPE '\\'"]
                        * len(words))
    rows = con.execute(f"SELECT id, headline, text FROM articles WHERE {cond}", [_like(w) for w in words]).fetchall()
    scored = []
    for rid, headline, text in rows:
        blob = f"{headline or ''} {text}".lower()
        scored.append((rid, float(sum(blob.count(w.lower()) for w in words))))
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored, "ilike"


def snippet(text: str, q: str, width: int = 240) -> dict[str, Any]:
    """A window of ``text`` around the first query word, with the offsets of the words in it.

    Offsets (``highlights``, relative to ``snippet.text``; ``offset`` is where the window
    starts in the article text) let a client mark matches without building HTML from text.
    """
    words = {w.lower() for w in _WORD.findall(q) if len(w) > 1}
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\w*",
                         re.IGNORECASE) if words else None
    first = pattern.search(text) if pattern else None
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    window = text[start:start + width]
    marks = [[m.start(), m.end()] for m in pattern.finditer(window)] if pattern else []
    return {"text": window, "offset": start, "highlights": marks}


def search(con: duckdb.DuckDBPyConnection, q: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Articles matching ``q``, best first, each with a snippet."""
    ranked, how = _ranked_ids(con, q)
    page = ranked[offset:offset + limit]
    meta: dict[str, tuple[Any, ...]] = {}
    if page:
        ids = [r[0] for r in page]      # a list of values is an index lookup; unnest() would scan every text
        rows = con.execute("SELECT id, path, source, headline, published_date, text FROM articles "
                           f"WHERE id IN ({', '.join('?' * len(ids))})", ids).fetchall()
        meta = {r[0]: r for r in rows}
    items = []
    for rid, score in page:
        if rid not in meta:
            continue
        _, path, source, headline, published, text = meta[rid]
        items.append({"id": rid, "path": path, "source": source, "headline": headline, "published": published,
                      "score": round(score, 4), "snippet": snippet(text, q)})
    return {"q": q, "backend": how, "total": len(ranked), "limit": limit, "offset": offset, "items": items}
