"""Linking over the store: incremental, idempotent, duplicates, lifecycles, the events export."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from storyline.link import link_events
from storyline.runners.link_job import link_articles, link_pending, relink_all
from storyline.records import Actor, Article, Event, Evidence, Location, Published
from storyline.store import Store
from storyline.store import events as db

from .factory import ids, putin_visit_story
from .test_lifecycle import cancelled_story, postponed_story, reprinted_story


def put(store: Store, records: list[dict[str, Any]]) -> None:
    """Store article records as the ingest would (the linker reads them back)."""
    for r in records:
        store.con.execute("INSERT INTO articles (id, path, source, published_date, text, record) VALUES (?, ?, ?, ?, ?, ?)",
                          [r["id"], r["path"], r["source"], r["published"]["date"], r["text"], json.dumps(r)])


def corpus() -> list[dict[str, Any]]:
    return putin_visit_story() + postponed_story() + cancelled_story() + reprinted_story()


def stored_ids(store: Store) -> dict[tuple[str, str], str]:
    return ids(list(store.iter_records()))


def lifecycles(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT event_id, lifecycle FROM corpus_events").fetchall())


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "s.duckdb") as s:
        yield s


def test_migration_adds_the_linking_tables(store: Store) -> None:
    assert store.schema_version() >= 2
    for table in db.LINK_TABLES:
        row = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert row is not None and row[0] == 0


def test_link_pending_links_the_store_like_the_library_and_again_does_nothing(store: Store) -> None:
    put(store, corpus())
    report = link_pending(store)
    assert report.articles == len(corpus()) and report.duplicates == 2
    expected = corpus()
    link_events(expected)
    assert stored_ids(store) == ids(expected)                  # event ids patched into the article records
    n_events = len(set(ids(expected).values()))
    assert len(lifecycles(store)) == n_events
    before = lifecycles(store)
    assert link_pending(store).articles == 0
    again = link_articles(store, list(store.iter_records()))   # re-linking the same records changes nothing
    assert again.events_dropped == 0 and again.duplicates == 0
    assert stored_ids(store) == ids(expected) and lifecycles(store) == before


def test_old_articles_arriving_late_give_what_linking_all_at_once_gives(tmp_path: Path) -> None:
    recs = sorted(corpus(), key=lambda r: r["published"]["date"])
    with Store(tmp_path / "all.duckdb") as whole:
        put(whole, recs)
        link_pending(whole)
        want_ids, want_events = stored_ids(whole), lifecycles(whole)
    with Store(tmp_path / "late.duckdb") as s:
        for part in (recs[len(recs) // 2:], recs[: len(recs) // 4], recs[len(recs) // 4: len(recs) // 2]):
            put(s, part)
            link_pending(s, chunk=3)
        assert stored_ids(s) == want_ids
        assert lifecycles(s) == want_events                    # dropped events are gone, merged ones rewritten
        rows = s.con.execute("SELECT count(*) FROM event_mentions").fetchone()
        assert rows is not None and rows[0] == len(want_ids)


def test_a_reprint_stored_later_counts_once_in_the_lifecycle(store: Store) -> None:
    r1, r2, r3 = reprinted_story()
    put(store, [r1, r3])
    link_pending(store)
    put(store, [r2])
    link_pending(store)
    groups = dict(store.con.execute("SELECT article_id, kind FROM duplicate_groups").fetchall())
    assert groups == {"r1": "original", "r2": "reprint"}
    (lc,) = db.load_corpus_events(store)
    assert (lc["n_articles"], lc["n_sources"]) == (3, 2)


def test_events_export_rows_and_overdue_as_of_the_newest_article(store: Store) -> None:
    put(store, cancelled_story())
    link_pending(store)
    rows = list(db.event_export_rows(store))
    assert len(rows) == 3 and list(rows[0])[: len(db.EVENT_COLUMNS)] == list(db.EVENT_COLUMNS)
    assert all(r["as_of"] == "2018-12-31" for r in rows)         # the newest article in the store
    overdue = db.load_corpus_events(store, overdue_only=True)
    assert [r["history"][0]["article_id"] for r in overdue] == ["y1"]
    assert db.load_corpus_events(store, as_of=dt.date(2018, 4, 1), overdue_only=True) == []
    assert [r["status"] for r in db.load_corpus_events(store, status="cancelled")] == ["cancelled"]
    json.dumps(rows)                                            # JSON-ready


def test_link_articles_sets_event_ids_on_article_objects(store: Store) -> None:
    def art(aid: str, pub: str, status: str, date: str | None) -> Article:
        ev = Event(id="e1", type="CONSULT", mode="visit", status=status,
                   source=Actor("Vladimir Putin", None, "RUS"), target=Actor(None, None, "JPN"), date=date,
                   location=Location("Japan", "JPN"), evidence=Evidence("Putin will visit Japan", 0, 22))
        return Article(id=aid, path=f"{aid}.txt", source="TASS", headline=None, lead=None, dateline=None,
                       published=Published(pub, "test", 1.0), text="Putin will visit Japan.", events=[ev])

    arts = [art("o1", "2016-11-01", "planned", "2016-12-15"), art("o2", "2016-12-16", "happened", "2016-12-15")]
    link_articles(store, arts)
    assert arts[0].events[0].event_id and arts[0].events[0].event_id == arts[1].events[0].event_id
    (lc,) = db.load_corpus_events(store)
    assert lc["status"] == "happened"


def test_relink_all_rebuilds_the_same_links(store: Store) -> None:
    put(store, corpus())
    link_pending(store)
    before_ids, before_events = stored_ids(store), lifecycles(store)
    relink_all(store)
    assert stored_ids(store) == before_ids and lifecycles(store) == before_events


def test_a_report_without_publication_date_joins_by_its_evidence_sentence(tmp_path: Path) -> None:
    recs = putin_visit_story()
    undated = json.loads(json.dumps(recs[3]))
    undated.update(id="u1", path="corpus/u1.txt")
    undated["published"]["date"] = "XXXX-12-03"                  # the year could not be decided
    with Store(tmp_path / "a.duckdb") as s:
        put(s, recs)
        link_pending(s)
        put(s, [undated])
        link_pending(s)
        got = stored_ids(s)
    assert got[("u1", "e1")] == got[("a4", "e1")]
    together = [*putin_visit_story(), json.loads(json.dumps(undated))]
    link_events(together)
    assert ids(together) == got


def test_relinking_a_changed_article_replaces_its_reports(store: Store) -> None:
    recs = putin_visit_story()
    put(store, recs)
    link_pending(store)
    changed = json.loads(json.dumps(recs[2]))
    changed["events"] = changed["events"][:1]                    # the extractor no longer finds Putin's visit
    link_articles(store, [changed])
    rows = store.con.execute("SELECT local_id FROM event_mentions WHERE article_id = 'a3'").fetchall()
    assert rows == [("e1",)]
    putin = [lc for lc in db.load_corpus_events(store) if lc["source"]["names"][:1] == ["Vladimir Putin"]]
    assert len(putin) == 1 and putin[0]["n_articles"] == 4


def test_link_and_corpus_events_by_database_path(tmp_path: Path) -> None:
    from storyline.errors import StoreError, UsageError
    from storyline.runners.link_job import corpus_events, link

    path = tmp_path / "p.duckdb"
    with Store(path) as s:
        put(s, cancelled_story())
    assert link(path).articles == 4 and link(path).articles == 0
    assert link(path, relink=True).articles == 4
    assert [e["status"] for e in corpus_events(path, status="cancelled")] == ["cancelled"]
    assert len(corpus_events(path, as_of="today", overdue_only=True)) == 1
    with pytest.raises(UsageError):
        corpus_events(path, as_of="yesterday-ish")
    with Store(path) as s:                                    # a database from before linking
        s.con.execute("DELETE FROM schema_version WHERE version >= 2")
    with pytest.raises(StoreError, match="predates linking"):
        corpus_events(path)
