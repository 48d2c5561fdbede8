"""The corpus dates an undated article end to end: ingest, link, redate, re-anchor, relink.

Invented articles: a dated report and an undated report of one visit (a Norwegian foreign
minister in Hanoi), in the project's own words.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.runners.local import ingest
from storyline.runners.link_job import link, redate_from_corpus
from storyline.store import Store

pytestmark = pytest.mark.model

DATED = """Norway and Vietnam agree to expand fisheries cooperation

HANOI, March 12, 2018 (Reuters) - Norwegian Foreign Minister Kari Nordby held talks with Vietnamese Foreign \
Minister Tran Van Minh in Hanoi on Monday, the first visit by a Norwegian foreign minister to Vietnam in a decade.

The two ministers discussed fisheries, shipping and climate policy, officials said.
"""

UNDATED = """Norwegian minister in Hanoi for talks on fisheries

HANOI -- Norwegian Foreign Minister Kari Nordby met Vietnamese Foreign Minister Tran Van Minh in Hanoi \
today, as the two countries look for new ways to work together at sea.

Officials from both sides said the talks covered fishing quotas, port investment and coast guard training.
"""


def records(db: Path) -> dict[str, dict[str, Any]]:
    with Store(db, read_only=True) as s:
        return {Path(r["path"]).name: r for r in s.iter_records()}


def test_an_undated_report_of_a_dated_visit_gets_its_day(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_dated.txt").write_text(DATED, encoding="utf-8")
    (corpus / "b_undated.txt").write_text(UNDATED, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    report = ingest([corpus], db)
    assert report.linked.redated == 1
    recs = records(db)
    a, b = recs["a_dated.txt"], recs["b_undated.txt"]
    assert a["published"]["date"] == "2018-03-12"
    assert b["published"] == {"date": "2018-03-12", "how": "corpus-event", "confidence": 0.8}
    # re-anchored: "today" and the visit now have the day; the visit is linked to the dated report's
    assert [t["value"] for t in b["timexes"] if t["text"] == "today"] == ["2018-03-12"]
    visit_a = next(e for e in a["events"] if e["status"] == "happened")
    visit_b = next(e for e in b["events"] if e["status"] == "happened")
    assert visit_b["date"] == "2018-03-12" and visit_b["event_id"] == visit_a["event_id"]
    with Store(db, read_only=True) as s:
        row = s.con.execute("SELECT published_date, published_how, published_confidence, published_year "
                            "FROM articles WHERE path LIKE '%b_undated.txt'").fetchone()
    assert row == ("2018-03-12", "corpus-event", 0.8, 2018)

    # idempotent: linking again, or redating the whole store again, changes nothing
    assert link(db).redated == 0
    with Store(db) as s:
        assert redate_from_corpus(s) == []
    assert records(db) == recs


def test_alone_the_undated_report_stays_undated_until_a_dated_one_comes(tmp_path: Path) -> None:
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    (first / "b_undated.txt").write_text(UNDATED, encoding="utf-8")
    (later / "a_dated.txt").write_text(DATED, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert ingest([first], db).linked.redated == 0
    assert records(db)["b_undated.txt"]["published"]["date"] is None
    # the next ingest brings a dated report of the same visit: the older undated article is dated now
    assert ingest([later], db).linked.redated == 1
    assert records(db)["b_undated.txt"]["published"]["date"] == "2018-03-12"
