"""Full-text search over articles: BM25 through DuckDB's FTS extension, or ILIKE without it.

The index lives in the store (``fts_main_articles``), kept by the writer after every
ingest (``store/read.py``: built once, then appended to), so a reader keeps no copy of the
texts: it loads the extension (from the ``duckdb-extension-fts`` package's own folder,
nothing is downloaded) and asks the index. A store without the index (the extension would
not load where it was written) is searched with ILIKE.

A search of plain words is three statements (four for a common word): the query's terms
with the index's totals and flag (``_fts_terms``), the terms' postings (a common word's
groups first, then only the postings that can reach the page: ``_one_term``), and the
page's rows from the index's own copy (``items``), scored and cut in numpy. Measured at
100,000 articles, in-process CPU per search of the five words of ``bench/read_bench.py``
(median of 30 calls, alternating with the code before, load 3.5-4): 5.8-7.2 -> 3.4-4.0 ms
(mean of the five), where it had been six statements (the flag, the stems, the terms, the
postings, the names with the rows by two indexes).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..store.read import FTS, fts_extension_path, load_fts
from ..store.sql import lookup

if TYPE_CHECKING:
    import duckdb

MAX_QUERY = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_fts_broken: str | None = None          # set (to why) to force ILIKE: tests, or an extension that fails

__all__ = ["MAX_QUERY", "backend", "fts_extension_path", "search", "snippet"]


def _has_index(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT fts FROM read_summary").fetchone()
    return bool(row and row[0])


def backend(con: duckdb.DuckDBPyConnection | None = None, indexed: bool = True) -> str:
    """``fts`` when BM25 search is available, else ``ilike``."""
    if _fts_broken or not indexed:
        return "ilike"
    return "fts" if fts_extension_path() else "ilike"


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _ranked(con: duckdb.DuckDBPyConnection, q: str, limit: int,
            offset: int) -> tuple[list[tuple[str, float]], int, str, dict[str, tuple[Any, ...]] | None]:
    """One page of (id, score), best first, the number of matches, the backend used, and the page's
    ``articles`` rows by id when the ranking fetched them (else None: ``search`` looks them up)."""
    terms = _fts_terms(con, q)
    if terms is not None:
        ranked = _bm25_ranked(con, *terms, limit, offset)
        if ranked is not None:
            page, total, meta = ranked
            return page, total, "fts", meta
        return (*_bm25(con, q, limit, offset), "fts", None)
    stems = _fts_stems(con, q)
    if stems is not None:
        fast = _bm25_scored(con, stems, limit, offset)
        if fast is not None:
            page, total, meta = fast
            return page, total, "fts", meta
        return (*_bm25(con, q, limit, offset), "fts", None)
    words = _WORD.findall(q)[:12]
    if not words:
        return [], 0, "ilike", None
    cond = " AND ".join(["(coalesce(headline, '') || ' ' || coalesce(lead, '') || ' ' || text) ILIKE ? ESCAPE '\\'"]
                        * len(words))
    rows = con.execute(f"SELECT id, headline, text FROM articles WHERE {cond}", [_like(w) for w in words]).fetchall()
    scored = []
    for rid, headline, text in rows:
        blob = f"{headline or ''} {text}".lower()
        scored.append((rid, float(sum(blob.count(w.lower()) for w in words))))
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored[offset:offset + limit], len(scored), "ilike", None


# BM25 as the FTS extension's ``match_bm25`` computes it (k = 1.2, b = 0.75, any query term), but
# from the postings of the query's terms only: their ids go in as a list of values, which DuckDB
# checks against each row group's min/max (the postings are sorted by term, ``store/read.py``),
# where the macro is evaluated against every article (measured at 10,000 articles: 60 ms → …)
_BM25 = f"""
    WITH tf AS (SELECT termid, docid, count(*) AS tf FROM {FTS}.terms WHERE termid IN ({{ids}}) GROUP BY termid, docid),
    scored AS (
        SELECT tf.docid, sum(log(((st.num_docs - d.df) + 0.5) / (d.df + 0.5) + 1)
                             * ((tf.tf * (1.2 + 1)) / (tf.tf + 1.2 * ((1 - 0.75) + 0.75 * (docs.len / st.avgdl)))))
                         AS score
        FROM tf JOIN {FTS}.dict d ON d.termid = tf.termid JOIN {FTS}.docs docs ON docs.docid = tf.docid,
             {FTS}.stats st
        GROUP BY tf.docid)
    SELECT docs."name", scored.score, count(*) OVER () FROM scored JOIN {FTS}.docs docs ON docs.docid = scored.docid
    ORDER BY scored.score DESC, docs."name" LIMIT ? OFFSET ?"""

# The same scores from ``postings`` (one row per term and article, with its count and the
# article's length, sorted by term: ``store/read.py``): no count per occurrence, no join for
# the lengths (measured at 100,000 articles: 8-33 ms of CPU per query against 20-61 ms). The
# scores are kept once (``MATERIALIZED``) and only those at or above the page's last score are
# joined to the article names for the tie-break, not every matching article; a one-word query
# needs no sum per article (100,000 articles, a word in 80% of them: 28.6 -> 16.9 ms, rarer
# words 1-2 ms less; the same ids and order).
_SCORE = ("log(((st.num_docs - d.df) + 0.5) / (d.df + 0.5) + 1)"
          " * ((p.tf * (1.2 + 1)) / (p.tf + 1.2 * ((1 - 0.75) + 0.75 * (p.len / st.avgdl))))")
_BM25_POSTINGS = f"""
    WITH scored AS MATERIALIZED ({{scored}}),
    cut AS (SELECT score FROM scored ORDER BY score DESC LIMIT 1 OFFSET ?)
    SELECT docs."name", s.score, (SELECT count(*) FROM scored) FROM scored s JOIN {FTS}.docs docs ON docs.docid = s.docid
    WHERE s.score >= coalesce((SELECT score FROM cut), -1e308)
    ORDER BY s.score DESC, docs."name" LIMIT ? OFFSET ?"""
_SCORED_ONE = (f"SELECT p.docid, {_SCORE} AS score FROM {FTS}.postings p JOIN {FTS}.dict d ON d.termid = p.termid, "
               f"{FTS}.stats st WHERE p.termid = ?")
_SCORED_SUM = (f"SELECT p.docid, sum({_SCORE}) AS score FROM {FTS}.postings p JOIN {FTS}.dict d ON d.termid = p.termid, "
               f"{FTS}.stats st WHERE p.termid IN ({{ids}}) GROUP BY p.docid")


# The flag first (an index the last write could not update is not read), then the stems, with the
# extension loaded only when ``stem`` is missing: once loaded it is loaded for every cursor of the
# database, and a LOAD per request cost 0.2 ms of CPU at 100,000 articles (a reader never installs
# it from the network: ``api.db.READ_CONFIG``). Measured and not adopted: the flag and the stems in
# one statement (``list_transform`` over the tokens, a join, or a scalar subquery for the flag:
# 0.65-0.95 ms to bind and run against 0.12 + 0.34 ms for the two); asking ``duckdb_extensions()``
# whether it is loaded (0.55 ms); the terms joined to their postings (the same 1.2 ms as the two).
_STEMS = f"SELECT stem(unnest({FTS}.tokenize(?)), 'porter')"


# The flag, the query's terms and the index's totals in one statement, for a query of printable
# ASCII: its words are then the runs of letters, lower-cased, as the index's ``tokenize`` finds them
# (every other printable character is in its pattern of separators; a test compares the two), and
# each is stemmed in the statement itself. Three statements were 0.15 + 0.40 + 0.60 ms of CPU at
# 100,000 articles, this one 0.57 (of which the totals 0.2, the flag 0.1). Other queries (accents, other scripts: ``strip_accents`` and
# ``lower`` are DuckDB's to apply) go the way of ``_fts_stems``.
_PRINTABLE = re.compile(r"[ -~]*")
_LETTERS = re.compile(r"[a-z]+")


def _fts_terms(con: duckdb.DuckDBPyConnection, q: str) -> tuple[list[tuple[int, int]], int, float] | None:
    """The query's terms in the index (id, number of articles), the number of articles and their
    mean length, when the BM25 index can answer and has one of the query's words; None: ask
    ``_fts_stems`` (another script, no word in the index, no index, the extension not loaded)."""
    import duckdb

    if _fts_broken or not _PRINTABLE.fullmatch(q):
        return None
    words = sorted(set(_LETTERS.findall(q.lower())))
    if not words:
        return None
    stems = ", ".join(f"stem('{w}', 'porter')" for w in words)
    try:
        rows = con.execute(f"SELECT d.termid, d.df, s.num_docs, s.avgdl FROM {FTS}.dict d, {FTS}.stats s, "
                           f"read_summary r WHERE r.fts AND d.term IN ({stems})").fetchall()
    except duckdb.Error:
        return None
    if not rows:
        return None
    return [(int(t), int(df)) for t, df, _, _ in rows], int(rows[0][2]), float(rows[0][3])


def _fts_stems(con: duckdb.DuckDBPyConnection, q: str) -> list[str] | None:
    """The query's distinct stems, sorted, when the BM25 index can answer; None: search with ILIKE."""
    import duckdb

    if _fts_broken or not _has_index(con):
        return None
    try:
        rows = con.execute(_STEMS, [q]).fetchall()
    except duckdb.Error:            # no ``stem`` yet: the extension is not loaded in this database
        if not load_fts(con):
            return None
        rows = con.execute(_STEMS, [q]).fetchall()
    return sorted({r[0] for r in rows if r[0]})


# A page whose candidates (the articles at or above its last score) are at most this many more than
# its length has their ``articles`` rows fetched with their names, in one statement (a join on the
# id, by the two tables' indexes): 20 names, then 20 rows, cost 0.7 + 1.1 ms of CPU at 100,000
# articles, the join 1.5 ms. Past it (a deep page, many ties) the names first, the page's rows after.
_JOIN_SLACK = 20
# A one-word query is ranked from its term's groups when the term is in at least this many articles
# (``_one_term``); a rarer term's postings are read whole: fewer than the groups' statement costs.
# Measured at 100,000 articles, CPU per statement: the groups 0.4-0.6 ms; every posting of a term
# in 6,400 articles 0.5 ms, in 80,000 1.8 ms plus 0.5 ms to score them; the postings of the groups
# kept, 0.8 ms (6,400) to 1.2 ms (80,000).
_GROUPED_DF = 20_000


def _bm25_scored(con: duckdb.DuckDBPyConnection, stems: list[str], limit: int, offset: int
                 ) -> tuple[list[tuple[str, float]], int, dict[str, tuple[Any, ...]] | None] | None:
    """BM25 from ``postings`` scored in numpy: the query's terms with their idf in one statement, their
    postings fetched as arrays, scored, the page cut by score (ties kept), and only the articles at or
    above the page's last score named and ordered by (score, name) as the SQL orders them. None: the
    index has no ``postings`` (``_bm25`` answers with the SQL over ``terms``).

    The scores are ``_SCORE``'s bit for bit (checked on every test store and at 100,000 articles):
    DuckDB reads the literals as exact decimals (``tf * (1.2 + 1)`` is ``tf * 22 / 10`` in double),
    its ``log`` is ``log10``, the idf is one value per term (``math.log10``, the same C library), and
    the sum over terms adds them in term order. Measured at 100,000 articles, CPU per query with the
    term lookup: one word in 6% of the articles 6.6 -> 4.6 ms, in 17% 8.1 -> 5.9, two words 11.4 -> 8.1
    (of which 2.1 ms per term fetch the postings: DuckDB checks the min/max of every row group)."""


    # the query's stems first (``_fts_stems``), then the dictionary asked for those values: ``term IN
    # (SELECT …)`` is a join that reads the whole dictionary (measured at 100,000 articles: 1.7 -> 0.6 ms)
    if not stems:
        return [], 0, None
    # the totals as one more row (term id -1), not joined to each term's: the join doubled the
    # statement's cost, a statement of their own costs 0.3 ms
    rows = con.execute(f"SELECT termid, df, NULL::DOUBLE FROM {FTS}.dict WHERE term IN ({', '.join('?' * len(stems))}) "
                       f"UNION ALL SELECT -1, num_docs, avgdl FROM {FTS}.stats", stems).fetchall()
    terms = [(int(t), int(df)) for t, df, _ in rows if t != -1]
    if not terms:
        return [], 0, None
    n, avgdl = next((df, dl) for t, df, dl in rows if t == -1)
    return _bm25_ranked(con, terms, int(n), float(avgdl), limit, offset)


def _bm25_ranked(con: duckdb.DuckDBPyConnection, terms: list[tuple[int, int]], n: int, avgdl: float, limit: int,
                 offset: int) -> tuple[list[tuple[str, float]], int, dict[str, tuple[Any, ...]] | None] | None:
    """One page of BM25 from ``postings`` (``_bm25_scored``), given the query's terms (id and number
    of articles), the number of articles and their mean length. None: the index has no ``postings``."""
    import math

    import duckdb
    import numpy as np

    idf = {t: math.log10(((n - df) + 0.5) / (df + 0.5) + 1) for t, df in sorted(terms)}
    want = offset + limit
    if len(terms) == 1 and terms[0][1] >= _GROUPED_DF:
        one_page = _one_term(con, *next(iter(idf.items())), avgdl, limit, offset)
        if one_page is not None:
            return one_page
    # term ids are the store's integers, written as literals: the scan skips other terms' row groups;
    # unordered (sorting 80,000 rows by term in SQL cost 2 ms at 100,000 articles; numpy sorts them).
    # One scan per term (UNION ALL): ``termid IN (a, b)`` is checked against the row groups' min/max
    # as the range a..b, and read every row group of the terms between (measured at 100,000
    # articles, two words: 368,640 rows read for 17,942, 2.5 -> 1.3 ms of CPU)
    one = len(idf) == 1
    try:
        cols = con.execute(" UNION ALL ".join(
            f"SELECT {'' if one else 'termid, '}docid, tf, len FROM {FTS}.postings WHERE termid IN ({t})" for t in idf)
        ).fetchnumpy()
    except duckdb.CatalogException:
        return None
    docid: Any = np.asarray(cols["docid"])
    if not len(docid):
        return [], 0, None
    part = _part(cols, avgdl)
    if one:
        score: Any = next(iter(idf.values())) * part
    else:                   # an article's score: its terms' summed, in term order, from 0.0 (as SQL's sum)
        # into an array over the articles' numbers: an article is once per term, so a term adds by
        # indexing; no sort, no ``unique`` (two words, 18,000 postings: 0.62 -> 0.42 ms, the same bits)
        termid = np.asarray(cols["termid"])
        low = int(docid.min())
        acc = np.zeros(int(docid.max()) - low + 1)
        seen = np.zeros(len(acc), dtype=bool)
        for t in sorted(idf):
            mine = termid == t
            at = docid[mine] - low
            acc[at] += idf[t] * part[mine]
            seen[at] = True
        at = np.flatnonzero(seen)
        docid, score = at + low, acc[at]
    total = len(docid)
    if want < total:        # every article at or above the page's last score (ties included)
        cut = np.partition(score, total - want)[total - want]
        keep = score >= cut
        docid, score = docid[keep], score[keep]
    return _page(con, docid, score, total, limit, offset)


def _part(cols: dict[str, Any], avgdl: float) -> Any:
    """BM25's term-frequency part of each posting (``tf``, ``len``), as ``_SCORE`` computes it."""
    import numpy as np

    tf = np.asarray(cols["tf"], dtype=np.float64)
    length = np.asarray(cols["len"], dtype=np.float64)
    # in place, the same operations in the same order (the same bits): no temporary per step
    length /= avgdl
    length *= 0.75
    length += 0.25
    length *= 1.2
    length += tf
    part = tf * 22
    part /= 10
    part /= length
    return part


def _one_term(con: duckdb.DuckDBPyConnection, termid: int, idf: float, avgdl: float, limit: int, offset: int
              ) -> tuple[list[tuple[str, float]], int, dict[str, tuple[Any, ...]] | None] | None:
    """One page of a one-word query, from the term's ``groups`` (``store/read.py``): an article's
    score depends on the word's count in it and its length alone, so the groups give the page's
    last score and the number of matches, and only the postings of the groups at or above that
    score are read (those in the groups' bounding box, their scores tested once more). None: the
    index has no groups (an older store) or none for the term; the caller reads every posting.

    The same scores (``_part``: the same operations on the same values) and the same cut as over
    every posting: the ``want``-th best score is that of the first group, best first, whose running
    count reaches ``want``. Measured at 100,000 articles, CPU per search of a word in 80% of the
    articles (80,000 postings, 352 groups): 6.5-7.0 -> 5.0-5.4 ms (the groups 0.5 ms, the postings
    kept 0.7 against 1.5-1.8 for all of them and 0.5 to score them). A word in 17% of the articles:
    the same either way; in 6%, 0.5-0.8 ms more by the groups (``_GROUPED_DF``). Not adopted: the
    postings kept joined to their page rows in one statement (2.4-3.6 ms against 0.8 + 1.7 for the
    two); the groups as lists in the dictionary's row (one statement for the terms and the groups,
    0.8 ms against 0.55 + 0.4, but lists to rewrite for every term an ingest adds to)."""
    import duckdb
    import numpy as np

    try:
        g = con.execute(f"SELECT tf, len, n FROM {FTS}.groups WHERE termid = {int(termid)}").fetchnumpy()
    except duckdb.CatalogException:
        return None
    count = np.asarray(g["n"], dtype=np.int64)
    if not len(count):
        return None
    tfs, lens = np.asarray(g["tf"]), np.asarray(g["len"])
    score = idf * _part(g, avgdl)
    total, want = int(count.sum()), offset + limit
    where, cut = "", None
    if want < total:
        order = np.argsort(-score, kind="stable")
        cut = score[order][int(np.searchsorted(np.cumsum(count[order]), want))]
        keep = score >= cut
        # the groups' bounding box (a range on each column, tested in the scan; every posting of
        # the groups kept is in it, the others are dropped by their score below): a key of the two
        # columns tested against the groups' pairs cost 2.4 ms at 80,000 postings, the box 0.7
        where = f" AND p.tf >= {int(tfs[keep].min())} AND p.len <= {int(lens[keep].max())}"
    cols = con.execute(f"SELECT p.docid, p.tf, p.len FROM {FTS}.postings p WHERE p.termid = {int(termid)}{where}"
                       ).fetchnumpy()
    docid: Any = np.asarray(cols["docid"])
    found = idf * _part(cols, avgdl)
    if cut is not None:
        mine = found >= cut
        docid, found = docid[mine], found[mine]
    return _page(con, docid, found, total, limit, offset)


def _page(con: duckdb.DuckDBPyConnection, docid: Any, score: Any, total: int, limit: int, offset: int
          ) -> tuple[list[tuple[str, float]], int, dict[str, tuple[Any, ...]] | None]:
    """The page of the articles at or above its last score (``docid``, ``score``): named, ordered by
    (score, name) as the SQL orders them, with their ``articles`` rows when they are few."""
    import duckdb

    among = ", ".join(str(int(d)) for d in docid)
    meta: dict[str, tuple[Any, ...]] | None = None
    if len(docid) <= limit + _JOIN_SLACK:
        try:        # the index's page rows (``store/read.py``), in an older store the two tables joined
            rows = con.execute(f'SELECT docid, "name", id, path, source, headline, published_date, text '
                               f"FROM {FTS}.items WHERE docid IN ({among})").fetchall()
        except duckdb.CatalogException:
            rows = []
        if len(rows) < len(docid):
            rows = con.execute(f'SELECT d.docid, d."name", a.id, a.path, a.source, a.headline, a.published_date, '
                               f"a.text FROM {FTS}.docs d LEFT JOIN articles a ON a.id = d.\"name\" "
                               f"WHERE d.docid IN ({among})").fetchall()
        names = {r[0]: r[1] for r in rows}
        meta = {r[2]: r[2:] for r in rows if r[2] is not None}
    else:
        names = dict(con.execute(f'SELECT docid, "name" FROM {FTS}.docs WHERE docid IN ({among})').fetchall())
    ranked = sorted(((float(s), names[int(d)]) for d, s in zip(docid, score) if int(d) in names),
                    key=lambda r: (-r[0], r[1]))
    return [(name, s) for s, name in ranked[offset:offset + limit]], total, meta


def _bm25(con: duckdb.DuckDBPyConnection, q: str, limit: int, offset: int) -> tuple[list[tuple[str, float]], int]:
    """BM25 in SQL, for an index without ``postings`` (``_bm25_scored`` answers when it has them)."""
    import duckdb

    ids = [r[0] for r in con.execute(
        f"SELECT termid FROM {FTS}.dict WHERE term IN (SELECT DISTINCT stem(unnest({FTS}.tokenize(?)), 'porter'))",
        [q]).fetchall()]
    if not ids:
        return [], 0
    marks = ", ".join("?" * len(ids))
    scored = _SCORED_ONE if len(ids) == 1 else _SCORED_SUM.format(ids=marks)
    try:        # tried, not asked for first: the catalog query cost 1.3 ms of CPU at 100,000 articles
        rows = con.execute(_BM25_POSTINGS.format(scored=scored), [*ids, max(0, offset + limit - 1), limit, offset]
                           ).fetchall()
    except duckdb.CatalogException:     # an index made before the postings
        rows = con.execute(_BM25.format(ids=marks), [*ids, limit, offset]).fetchall()
    if rows or offset == 0:
        return [(r[0], float(r[1])) for r in rows], int(rows[0][2]) if rows else 0
    total = con.execute(f"SELECT count(DISTINCT docid) FROM {FTS}.terms WHERE termid IN ({marks})", ids).fetchone()
    return [], int(total[0]) if total else 0


def snippet(text: str, q: str, width: int = 240) -> dict[str, Any]:
    """A window of ``text`` around the first query word, with the offsets of the words in it.

    Offsets (``highlights``, relative to ``snippet.text``; ``offset`` is where the window
    starts in the article text) let a client mark matches without building HTML from text.
    """
    return window(text, _pattern(q), width)


def _pattern(q: str) -> re.Pattern[str] | None:
    """The query's words (two letters or more) as the snippet marks them: any word they begin."""
    words = {w.lower() for w in _WORD.findall(q) if len(w) > 1}
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\w*",
                      re.IGNORECASE) if words else None


def window(text: str, pattern: re.Pattern[str] | None, width: int = 240) -> dict[str, Any]:
    """The snippet of ``text`` around ``pattern``'s first hit, and the offsets of its hits in it."""
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
    page, total, how, meta = _ranked(con, q, limit, offset)
    if meta is None:
        meta = {r[0]: r for r in lookup(con, "SELECT id, path, source, headline, published_date, text FROM articles "
                                        "WHERE id IN ({keys})", [r[0] for r in page])}
    pattern = _pattern(q)       # once per request, not per item
    items = []
    for rid, score in page:
        if rid not in meta:
            continue
        _, path, source, headline, published, text = meta[rid]
        items.append({"id": rid, "path": path, "source": source, "headline": headline, "published": published,
                      "score": round(score, 4), "snippet": window(text, pattern)})
    return {"q": q, "backend": how, "total": total, "limit": limit, "offset": offset, "items": items}
