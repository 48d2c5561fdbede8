"""The name indexes of migration 13 (``store/read.py``): events by the names of their sides
(``event_names``, ``event_name_ids``) and a number per article in the articles' name index
(``article_names.article_no``). The writers keep them with every write; the migration computes the
same for a store written before it; the actor filters read them and answer as the scans of before
(a store without them, opened read-only, is answered by those scans)."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from storyline.api import queries
from storyline.store import Store
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
    finally:
        con.close()
    return copy


def _actor_calls(db: Path) -> dict[str, object]:
    """The actor filters with every sort, pages past the first and other filters beside them."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = sorted({n for (a,) in con.execute("SELECT actors FROM event_index").fetchall() for n in a})
    finally:
        con.close()
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
