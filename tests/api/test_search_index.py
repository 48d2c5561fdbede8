"""The search index's own tables (``store/read.py``: ``groups``, the postings counted by term,
count and length; ``items``, the page rows by article number) and the ways search reads the
index (``api/search.py``): every way gives the same answers, and the tables follow the writes."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from storyline.api import queries, search
from storyline.api.db import open_read_only
from storyline.store import Store
from storyline.store.read import FTS, fts_extension_path, load_fts

from .corpus import _article, articles, build_store

pytestmark = pytest.mark.skipif(fts_extension_path() is None, reason="the FTS extension is not installed")

QUERIES = ("Sochi", "visit talks", "Lavrov Tokyo", "summit postponed", "the", "talks", "Putin", "Sochi!",
           "Tokyo-talks 2016", "LAVROV's visit", "zzzz", "2016", "Abe Putin Sochi meeting")
PAGES = ((20, 0), (2, 0), (1, 1), (3, 2), (5, 50))


def _answers(db: Path) -> list[dict[str, Any]]:
    return [queries.search(db, q, limit=limit, offset=offset) for q in QUERIES for limit, offset in PAGES]


def _drop(db: Path, *tables: str) -> None:
    con = duckdb.connect(str(db))
    try:
        for t in tables:
            con.execute(f"DROP TABLE IF EXISTS {FTS}.{t}")
    finally:
        con.close()


def test_query_words_are_found_as_the_index_tokenizes_them(tmp_path: Path) -> None:
    """A query of printable ASCII is split into words in Python (``search._LETTERS``): the same
    words as the index's own ``tokenize`` macro, for every printable character."""
    db = build_store(tmp_path / "s.duckdb")
    con = open_read_only(db)
    try:
        assert load_fts(con)
        printable = "".join(chr(c) for c in range(32, 127))
        samples = [printable, printable[::-1], "Lavrov's visit -- to Tokyo, in 2016!", "a_b c-d e.f g/h i\\j k|l",
                   "  spaced   out  ", "x", "", "talks(Sochi)[Abe]{Putin}<Tokyo>", "it's 'quoted' \"twice\"",
                   "e-mail: someone@example.org; 50% off ~ ^caret^ `tick` +plus+ =eq= #tag $5 &amp *star* ?q"]
        for s in samples:
            assert search._PRINTABLE.fullmatch(s)
            want = [r[0] for r in con.execute(f"SELECT unnest({FTS}.tokenize(?))", [s]).fetchall() if r[0]]
            assert search._LETTERS.findall(s.lower()) == want, s
    finally:
        con.close()


def test_search_answers_equal_every_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same answers from: a term's postings read whole (a rare term), its groups (a common
    one: ``_GROUPED_DF`` lowered so every term is), the words stemmed by the index's tokenizer
    (a query in another script), and an older store without the groups and the page rows."""
    db = build_store(tmp_path / "s.duckdb")
    base = _answers(db)
    assert any(page["items"] for page in base) and {page["backend"] for page in base} == {"fts"}
    monkeypatch.setattr(search, "_GROUPED_DF", 0)
    assert _answers(db) == base
    monkeypatch.setattr(search, "_JOIN_SLACK", -10_000)     # the names first, the rows after
    assert _answers(db) == base
    monkeypatch.undo()
    monkeypatch.setattr(search, "_PRINTABLE", re.compile(r"(?!)"))
    assert _answers(db) == base
    monkeypatch.undo()
    _drop(db, "groups", "items")
    monkeypatch.setattr(search, "_GROUPED_DF", 0)
    assert _answers(db) == base


def _tables(db: Path) -> tuple[list[Any], list[Any], int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        groups = con.execute(f"SELECT d.term, g.tf, g.len, sum(g.n) FROM {FTS}.groups g JOIN {FTS}.dict d "
                             "USING (termid) GROUP BY ALL ORDER BY ALL").fetchall()
        items = con.execute(f'SELECT "name", id, path, source, headline, published_date, text FROM {FTS}.items '
                            'ORDER BY "name"').fetchall()
        docs = con.execute(f"SELECT count(*) FROM {FTS}.docs").fetchone()[0]
    finally:
        con.close()
    return groups, items, docs


def test_groups_and_page_rows_follow_appends_as_a_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store grown one ingest at a time has the groups and page rows of one written in one go."""
    arts = articles()
    grown = tmp_path / "grown.duckdb"
    with Store(grown) as store:
        store.write_batch(arts[:3], [])
    for a in arts[3:]:
        with Store(grown) as store:
            store.write_batch([a], [])
    whole = build_store(tmp_path / "whole.duckdb")
    groups, items, docs = _tables(grown)
    assert (groups, items) == _tables(whole)[:2]
    assert len(items) == docs == len(arts)
    monkeypatch.setattr(search, "_GROUPED_DF", 0)
    assert _answers(grown) == _answers(whole)


def test_an_older_store_gets_its_groups_and_page_rows_at_the_next_write(tmp_path: Path) -> None:
    db = build_store(tmp_path / "s.duckdb")
    before = _tables(db)
    _drop(db, "groups", "items")
    text = "Officials met in Zanzibar to discuss fisheries and talks."
    with Store(db) as store:
        store.write_batch([_article("zanzibar00000001", "Wire", "2016-07-01", "Talks in Zanzibar", text)], [])
    groups, items, docs = _tables(db)
    assert len(items) == docs == len(before[1]) + 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        postings = con.execute(f"SELECT count(*) FROM {FTS}.postings").fetchone()[0]
    finally:
        con.close()
    assert sum(g[3] for g in groups) == postings > sum(g[3] for g in before[0])
    assert [h["id"] for h in queries.search(db, "zanzibar")["items"]] == ["zanzibar00000001"]


def test_a_page_row_follows_its_article(tmp_path: Path) -> None:
    """An article written again (its date set from the corpus's events, as the link job does) shows
    its new values in search, as the ``articles`` row it was read from before."""
    db = build_store(tmp_path / "s.duckdb")
    hit = queries.search(db, "Sochi")["items"][0]
    with Store(db) as store:
        store.con.execute("UPDATE articles SET published_date = '2019-09-09' WHERE id = ?", [hit["id"]])
        store.mark_written([hit["id"]])
    after = queries.search(db, "Sochi")
    assert next(h for h in after["items"] if h["id"] == hit["id"])["published"] == "2019-09-09"
    _drop(db, "items")
    assert queries.search(db, "Sochi") == after
