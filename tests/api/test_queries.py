"""The library under the API: TIMEX3 ranges, the search index following the store, and readers
that let a writer in."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.api import queries
from storyline.api.dates import months_between, parse_bound, timex_range
from storyline.api.db import ReadOnlyStore
from storyline.errors import UsageError
from storyline.store import Store

from .corpus import _article, build_store


@pytest.mark.parametrize("value,expected", [
    ("2016-05-06", (date(2016, 5, 6), date(2016, 5, 6))),
    ("2016-02", (date(2016, 2, 1), date(2016, 2, 29))),
    ("2016", (date(2016, 1, 1), date(2016, 12, 31))),
    ("2016-SP", (date(2016, 3, 1), date(2016, 5, 31))),
    ("2016-WI", (date(2016, 12, 1), date(2017, 2, 28))),
    ("2016-Q4", (date(2016, 10, 1), date(2016, 12, 31))),
    ("2016-H1", (date(2016, 1, 1), date(2016, 6, 30))),
    ("2016-W05", (date(2016, 2, 1), date(2016, 2, 7))),
    ("2016-12-14/2016-12-15", (date(2016, 12, 14), date(2016, 12, 15))),
    ("2016-05-06T10:00", (date(2016, 5, 6), date(2016, 5, 6))),
    ("XXXX-02-06", None), ("2016-02-30", None), ("PRESENT_REF", None), ("", None), (None, None),
    ("2016-12-15/2016-12-14", None),
])
def test_timex_range(value: str | None, expected: object) -> None:
    assert timex_range(value) == expected


def test_date_helpers() -> None:
    assert months_between("2016-11", "2017-02") == ["2016-11", "2016-12", "2017-01", "2017-02"]
    assert parse_bound("2016-02", end=True) == date(2016, 2, 29)
    with pytest.raises(ValueError):
        parse_bound("2016/02")


def test_bad_arguments_say_what_is_allowed(tmp_path: Path) -> None:
    db = build_store(tmp_path / "s.duckdb")
    with pytest.raises(UsageError, match="choose from"):
        queries.events(db, status="rumoured")
    with pytest.raises(UsageError, match="alpha-3"):
        queries.events(db, countries="Russia")
    with pytest.raises(UsageError, match="between 1 and 500"):
        queries.actors(db, limit=0)


def test_search_index_follows_new_articles(tmp_path: Path) -> None:
    db = build_store(tmp_path / "s.duckdb")
    assert queries.search(db, "zanzibar")["total"] == 0
    text = "Officials met in Zanzibar to discuss fisheries."
    with Store(db) as store:
        store.write_batch([_article("zanzibar00000001", "Wire", "2016-07-01", "Talks in Zanzibar", text)], [])
    hits = queries.search(db, "zanzibar")
    assert [h["id"] for h in hits["items"]] == ["zanzibar00000001"]
    assert queries.stats(db)["articles"] == 9


def test_readers_let_a_writer_in_between_requests(tmp_path: Path) -> None:
    db = build_store(tmp_path / "s.duckdb")
    readers = ReadOnlyStore(db, linger=0)
    with readers.cursor() as con:
        assert queries.stats(con)["articles"] == 8
    with Store(db) as store:            # would fail with a lock error if the reader still held the file
        store.write_batch([_article("later00000000001", "Wire", "2016-07-02", "Later", "Later text here.")], [])
    with readers.cursor() as con:
        assert queries.stats(con)["articles"] == 9


def test_actor_spellings_merge_across_articles(tmp_path) -> None:
    from storyline.api import queries
    from storyline.records import Article, Entity, Published
    from storyline.store import Store

    def art(i: int, name: str) -> Article:
        text = f"{name} met the minister in Paris on Friday and discussed the treaty at length with him."
        return Article(id=f"a{i}", path=f"a{i}.txt", source=None, headline=None, lead=None, dateline=None,
                       published=Published("2016-01-0%d" % (i + 1), "metadata", 0.99), text=text,
                       entities=[Entity("p1", name, "PERSON", "RUS", "Foreign Minister", [(0, len(name))])])

    db = tmp_path / "spell.duckdb"
    with Store(db) as s:
        s.write_batch([art(0, "Sergei Lavrov"), art(1, "Sergey Lavrov"), art(2, "Sergei Lavrov")], [])
    page = queries.actors(db, type="PERSON")
    assert page["total"] == 1
    [a] = page["items"]
    assert a["name"] == "Sergei Lavrov" and a["aliases"] == ["Sergey Lavrov"] and a["articles"] == 3


def test_search_index_updated_in_place_scores_as_a_rebuild(tmp_path: Path) -> None:
    from .corpus import articles

    arts = articles()
    grown = tmp_path / "grown.duckdb"
    with Store(grown) as store:
        store.write_batch(arts[:3], [])
    for a in arts[3:]:                      # one ingest per article: the index is appended to each time
        with Store(grown) as store:
            store.write_batch([a], [])
    whole = build_store(tmp_path / "whole.duckdb")
    for q in ("Sochi", "visit talks", "Lavrov Tokyo", "summit postponed", "Putin"):
        assert queries.search(grown, q, limit=50) == queries.search(whole, q, limit=50)
    assert queries.search(grown, "Sochi")["backend"] in ("fts", "ilike")


def test_search_pages_equal_with_or_without_the_rows_joined_to_the_names(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A page with few candidates takes its articles' rows with their names in one statement
    (``search._JOIN_SLACK``); without it, the names first and the rows after: the same answers."""
    from storyline.api import search

    db = build_store(tmp_path / "s.duckdb")
    asks = [(q, limit, offset) for q in ("Sochi", "visit talks", "Lavrov Tokyo", "summit postponed", "the")
            for limit, offset in ((20, 0), (2, 0), (1, 1), (3, 2), (5, 50))]
    joined = [queries.search(db, q, limit=limit, offset=offset) for q, limit, offset in asks]
    monkeypatch.setattr(search, "_JOIN_SLACK", -10_000)
    assert [queries.search(db, q, limit=limit, offset=offset) for q, limit, offset in asks] == joined
    assert any(page["items"] for page in joined)


def test_overdue_filter_past_the_last_page_still_counts(tmp_path: Path) -> None:
    """A page past the end of a list filtered by ``overdue`` is counted by a second statement, which
    named the newest day's subquery without selecting it (a 500 found by schemathesis)."""
    db = build_store(tmp_path / "s.duckdb")
    for flag in (True, False):
        whole = queries.events(db, overdue=flag, limit=500)
        past = queries.events(db, overdue=flag, limit=5, offset=10_000)
        assert past["items"] == [] and past["total"] == whole["total"]
