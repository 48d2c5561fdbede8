"""The indexes of migration 13 (``store/read.py``): events by the names of their sides
(``event_names``, ``event_name_ids``), a number per article in the articles' name index
(``article_names.article_no``) and the quotes' text signatures (``grams0``-``grams7``). The writers
keep them with every write; the migration (and, for the signatures, the next refresh) computes the
same for a store written before it; the filters read them and answer as the scans of before (a
store without them, opened read-only, is answered by those scans)."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from storyline.api import queries
from storyline.store import Store
from storyline.store.read import GRAM_COLUMNS, UNSIGNED, text_grams
from storyline.store.schema import ARTICLE_NOS_SQL, EVENT_NAME_IDS_SQL, EVENT_NAMES_SQL

from .corpus import articles, build_store
from .read_answers import EVENT_SORTS, answers, digests

EVENT_NAMES = ("SELECT i.name, i.name_lc, n.event_id, n.actor, n.date_key, n.reported_key, n.n_reports, n.type, "
               "n.status FROM event_names n JOIN event_name_ids i USING (name_id)")


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


def _numbers_are_one_per_article(db: Path) -> None:
    (articles_, numbers, pairs, nulls), = _rows(db, "SELECT count(DISTINCT article_id), count(DISTINCT article_no), "
                                                    "count(DISTINCT (article_id, article_no)), "
                                                    "count(*) - count(article_no) FROM article_names")
    assert articles_ == numbers == pairs and nulls == 0


def _recomputed(db: Path) -> None:
    """Empty the indexes and run the migration's statements over the rows as they are."""
    con = duckdb.connect(str(db))
    try:
        con.execute("DELETE FROM event_names")
        con.execute("DELETE FROM event_name_ids")
        con.execute(EVENT_NAME_IDS_SQL)
        con.execute(EVENT_NAMES_SQL)
        con.execute("UPDATE article_names SET article_no = NULL")
        for sql in ARTICLE_NOS_SQL:
            con.execute(sql)
    finally:
        con.close()


def test_migration_13_gives_older_rows_what_the_writers_give(tmp_path: Path) -> None:
    """Every actor name and country of every event, once per event, with the event's sort keys; the
    lower-cased forms those of ``actors_lc``; one number per article."""
    db = build_store(tmp_path / "corpus.duckdb")
    written = _rows(db, EVENT_NAMES)
    assert written, "the hand-built store should have events with sides"
    want = _rows(db, "SELECT DISTINCT unnest(list_concat(actors, countries)) AS name, event_id FROM event_index")
    assert sorted({(r[0], r[2]) for r in written}, key=repr) == [w for w in want if w[0]]
    assert all(r[1] == str(r[0]).lower() for r in written)
    _numbers_are_one_per_article(db)
    _recomputed(db)
    assert _rows(db, EVENT_NAMES) == written
    _numbers_are_one_per_article(db)


def test_the_indexes_follow_later_writes(tmp_path: Path) -> None:
    """Written batch by batch, with a rewritten record and the events rebuilt at each close: the same
    rows as computed once over the final store."""
    recs = articles()
    db = tmp_path / "corpus.duckdb"
    for part in (recs[:3], recs[3:6], recs[6:]):
        with Store(db) as store:
            store.write_batch(part, [])
    rec = recs[0]
    rec.headline = "A headline the analysis gave later"
    with Store(db) as store:
        store.update_records([rec])
    written = _rows(db, EVENT_NAMES)
    _numbers_are_one_per_article(db)
    _recomputed(db)
    assert _rows(db, EVENT_NAMES) == written


def _without_indexes(db: Path, copy: Path) -> Path:
    shutil.copy(db, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute("DROP TABLE event_names")
        con.execute("DROP TABLE event_name_ids")
        con.execute("ALTER TABLE article_names DROP COLUMN article_no")
        for column in GRAM_COLUMNS:
            con.execute(f"ALTER TABLE article_quotes DROP COLUMN {column}")
    finally:
        con.close()
    return copy


def _actor_calls(path: Path) -> dict[str, object]:
    """The actor filters with every sort, pages past the first and other filters beside them (over
    one read-only connection: opening the file for each of the ~2,000 calls took most of the time)."""
    from storyline.api.db import open_read_only

    db = open_read_only(path)
    try:
        return _actor_calls_on(db)
    finally:
        db.close()


def _actor_calls_on(db: Any) -> dict[str, object]:
    names = sorted({n for (a,) in db.execute("SELECT actors FROM event_index").fetchall() for n in a})
    needles = sorted({w for n in names for w in (n.split()[-1].lower()[:5], n[:3], n.upper())}
                     | {"rus", "JPN", "a", "o", "%", "_", "no such name", "ov"})
    out: dict[str, object] = {}
    for needle in needles:
        for sort in EVENT_SORTS:
            out[f"events {needle} {sort}"] = queries.events(db, actor=needle, sort=sort, limit=2, offset=1)
        out[f"events {needle} far"] = queries.events(db, actor=needle, limit=5, offset=50)
        out[f"events {needle} raw"] = [str(i) for i in queries.events(db, actor=needle, raw_items=True)["items"]]
        out[f"events {needle} status"] = queries.events(db, actor=needle, status="happened,planned")
        out[f"events {needle} overdue"] = queries.events(db, actor=needle, overdue=False, sort="-date")
        out[f"events {needle} country"] = queries.events(db, actor=needle, countries="RUS")
        for sort in ("published", "-published", "path"):
            out[f"articles {needle} {sort}"] = queries.articles(db, actor=needle, sort=sort, limit=2, offset=1)
        out[f"articles {needle} far"] = queries.articles(db, actor=needle, limit=3, offset=40)
        out[f"quotes {needle}"] = queries.quotes(db, q=needle, limit=2, offset=1)
        out[f"quotes {needle} speaker"] = queries.quotes(db, q=needle[:3], speaker=needle[-2:])
    for (text,) in sorted(db.execute("SELECT text FROM article_quotes").fetchall(), key=repr):
        for part in (text[:4], text[5:12], text[-6:], text[3:5], text.split()[-1] if text.split() else ""):
            out[f"quotes {part}"] = queries.quotes(db, q=part)
    return out


def test_actor_filters_over_the_indexes_answer_as_the_scans(tmp_path: Path) -> None:
    """The events' actor filter over ``event_names`` and the articles' counts over ``article_no`` give
    what the scans over ``event_index`` and the counts of ids give (a store without them)."""
    db = build_store(tmp_path / "corpus.duckdb")
    old = _without_indexes(db, tmp_path / "old.duckdb")
    got, want = _actor_calls(db), _actor_calls(old)
    assert got == want
    assert any(v["total"] for k, v in got.items() if k.startswith("events") and isinstance(v, dict))
    assert digests(answers(db)) == digests(answers(old))


@pytest.mark.model
def test_linked_actor_aliases_match_as_the_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a linked store (the linker's actors and their written forms), a needle matching any form of
    an actor finds the events naming it by another form, as ``actor_names_matching`` did."""
    from storyline.runners.local import ingest

    from ..conftest import ROOT

    monkeypatch.chdir(ROOT)
    db = tmp_path / "samples.duckdb"
    ingest(["samples/corpus"], db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        forms = [r[0] for r in con.execute("SELECT alias FROM actor_aliases ORDER BY alias").fetchall()]
    finally:
        con.close()
    assert forms, "the samples store should have the linker's actors"
    old = _without_indexes(db, tmp_path / "old.duckdb")
    needles = sorted({f.split()[-1][:6] for f in forms if f.split()})
    for needle in needles:
        assert queries.events(db, actor=needle, limit=500) == queries.events(old, actor=needle, limit=500), needle


def test_a_quote_holding_a_needle_has_its_signature_bits() -> None:
    """The signature is a prefilter: whatever the text and the needle (any case, accents, other
    scripts), a text that holds the needle has every bit of the needle's signature."""
    import random

    rng = random.Random(13)
    alphabet = "abcdeéèkotö ,.'-ЖжΣσ中文\u0301"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))).lower()
        start = rng.randint(0, len(text))
        needle = text[start:start + rng.randint(1, 8)]
        sig, want = text_grams(text), text_grams(needle)
        assert all(s & w == w for s, w in zip(sig, want)), (text, needle)


def test_quotes_written_before_the_signatures_get_them_at_the_next_refresh(tmp_path: Path) -> None:
    """Migration 13 sets every bit of the quotes of before (a reader lets them through); the next
    refresh computes them as the writers do."""
    db = build_store(tmp_path / "corpus.duckdb")
    columns = ", ".join(GRAM_COLUMNS)
    written = _rows(db, f"SELECT article_id, idx, {columns} FROM article_quotes")
    assert written and all(any(r[2:]) for r in written)
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE article_quotes SET " + ", ".join(f"{c} = {UNSIGNED}::UBIGINT" for c in GRAM_COLUMNS))
    finally:
        con.close()
    before = queries.quotes(db, q="said", limit=500)
    with Store(db) as store:
        store.mark_written()
    assert _rows(db, f"SELECT article_id, idx, {columns} FROM article_quotes") == written
    assert queries.quotes(db, q="said", limit=500) == before


OVERDUE = ("SELECT event_id, overdue, coalesce(open_plan AND date_end < (SELECT CAST(as_of AS VARCHAR) "
           "FROM read_summary), FALSE) FROM event_index")


def test_the_overdue_flag_follows_the_newest_article(tmp_path: Path) -> None:
    """``event_index.overdue`` (migration 13) is the expression readers computed, after each write:
    rows written before the newest article moved the day get their flag again with it."""
    recs = sorted(articles(), key=lambda a: a.published.date or "")
    db = tmp_path / "corpus.duckdb"
    seen = []
    for part in (recs[:2], recs[2:5], recs[5:]):
        with Store(db) as store:
            store.write_batch(part, [])
        rows = _rows(db, OVERDUE)
        assert rows and all(flag == late for _, flag, late in rows)
        seen.append(sum(bool(late) for _, _, late in rows))
    assert seen[-1], "the hand-built store should have an overdue event"
