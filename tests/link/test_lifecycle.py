"""Lifecycles of corpus events: history, current status, best date and place, sources, conflicts, overdue."""
from __future__ import annotations

import datetime as dt
from typing import Any

from storyline.link import build_lifecycle, find_duplicates, link_events, mentions_of, sign_records, with_overdue

from .factory import PUTIN, article, event, putin_visit_story

MERKEL, XI, MACRON, WANG, LAVROV = "Angela Merkel", "Xi Jinping", "Emmanuel Macron", "Wang Yi", "Sergei Lavrov"

WIRE = ("BEIJING, March 1. Chinese Foreign Minister Wang Yi will visit Moscow on March 15 for talks with his "
        "Russian counterpart Sergei Lavrov, the Chinese foreign ministry said on Wednesday. The ministers will "
        "discuss preparations for the summit of the two countries' leaders, cooperation in the energy sector and "
        "the situation on the Korean peninsula. The visit will be the first by the Chinese minister to Russia this "
        "year. Wang Yi last visited Moscow in December, when he met President Vladimir Putin. Both sides have "
        "stressed that relations are at their highest level in history.")


def postponed_story() -> list[dict[str, Any]]:
    merkel, china = ("DEU", MERKEL), ("CHN", None)
    return [
        article("p1", "2020-02-01", [event("e1", src=merkel, tgt=china, date="2020-03-10", loc=("Beijing", "CHN"),
                                           evidence="German Chancellor Angela Merkel will visit Beijing on March 10")]),
        article("p2", "2020-03-01", [event("e1", status="postponed", src=merkel, tgt=china, loc=("China", "CHN"),
                                           evidence="Merkel's visit to China has been postponed")], source="DPA"),
        article("p3", "2020-05-20", [event("e1", src=merkel, tgt=china, date="2020-06-15", loc=("Beijing", "CHN"),
                                           evidence="Merkel will travel to Beijing on June 15, the government said")]),
        article("p4", "2020-06-16", [event("e1", status="happened", src=merkel, tgt=("CHN", XI), date="2020-06-15",
                                           loc=("Beijing", "CHN"),
                                           evidence="Merkel held talks with Xi Jinping in Beijing on Monday")],
                source="Reuters"),
    ]


def cancelled_story() -> list[dict[str, Any]]:
    return [
        article("x1", "2018-01-10", [event("e1", status="possible", src=("FRA", MACRON), tgt=("IND", None),
                                           date="2018-03", loc=("India", "IND"),
                                           evidence="French President Emmanuel Macron may visit India in March")]),
        article("x2", "2018-02-20", [event("e1", status="cancelled", src=("FRA", MACRON), tgt=("IND", None),
                                           loc=("India", "IND"),
                                           evidence="Macron's trip to India has been called off")], source="AFP"),
        article("y1", "2018-01-15", [event("e1", src=("ITA", "Paolo Gentiloni"), tgt=("EGY", None),
                                           date="2018-04-10", loc=("Cairo", "EGY"),
                                           evidence="the Italian prime minister will visit Cairo on April 10")]),
        article("z1", "2018-12-31", [event("e1", type="AID", mode=None, status="happened", src=("JPN", None),
                                           tgt=("PHL", None), date="2018-12-30",
                                           evidence="Japan sent relief supplies to the Philippines")]),
    ]


def reprinted_story() -> list[dict[str, Any]]:
    wang = ("CHN", WANG)

    def ev(date: str = "2017-03-15") -> dict[str, Any]:
        return event("e1", src=wang, tgt=("RUS", LAVROV), date=date, loc=("Moscow", "RUS"),
                     evidence="Chinese Foreign Minister Wang Yi will visit Moscow on March 15 for talks with his "
                              "Russian counterpart Sergei Lavrov")

    return [
        article("r1", "2017-03-01", [ev()], text=WIRE, source="TASS"),
        article("r2", "2017-03-01", [ev()], text="Moscow Daily | World\n" + WIRE + " Read more at our site.",
                source="Moscow Daily"),
        article("r3", "2017-03-02", [event("e1", src=wang, tgt=("RUS", None), date="2017-03-15",
                                           loc=("Moscow", "RUS"),
                                           evidence="Wang will travel to Moscow in mid-March, Beijing announced")],
                text="Wang will travel to Moscow in mid-March, Beijing announced. " * 3, source="Xinhua"),
    ]


def _lifecycles(records: list[dict[str, Any]], groups: dict | None = None) -> dict[str, dict[str, Any]]:
    result = link_events(records)
    return {eid: build_lifecycle(eid, ms, groups) for eid, ms in result.events.items()}


def _of(lcs: dict[str, dict[str, Any]], records: list[dict[str, Any]], aid: str) -> dict[str, Any]:
    rec = next(r for r in records if r["id"] == aid)
    return lcs[rec["events"][0]["event_id"]]


def test_rumour_to_held_visit_lifecycle() -> None:
    recs = putin_visit_story()
    lc = _of(_lifecycles(recs), recs, "a5")
    assert [h["status"] for h in lc["history"]] == ["possible", "planned", "possible", "planned", "happened"]
    assert lc["status"] == "happened" and lc["happened"] and lc["status_since"] == "2016-12-16"
    assert lc["date"] == "2016-12-15/2016-12-16"           # the held report's, over the plans'
    assert lc["location"] == {"name": "Nagato", "country": "JPN"}
    assert (lc["first_reported"], lc["last_reported"]) == ("2015-10-06", "2016-12-16")
    assert (lc["n_reports"], lc["n_articles"], lc["n_sources"]) == (5, 5, 5)
    assert lc["source"]["country"] == "RUS" and lc["source"]["names"][0] == PUTIN
    assert lc["target"]["country"] == "JPN"
    assert lc["conflicts"] == []                            # a plan that slipped over a year is no conflict
    assert with_overdue(lc, dt.date(2017, 6, 1))["overdue"] is False
    assert len(lc["evidence"]) == 5


def test_plan_postponed_then_held_on_the_new_date() -> None:
    recs = postponed_story()
    lcs = _lifecycles(recs)
    assert len(lcs) == 1
    lc = next(iter(lcs.values()))
    assert [h["status"] for h in lc["history"]] == ["planned", "postponed", "planned", "happened"]
    assert lc["status"] == "happened" and lc["date"] == "2020-06-15"
    assert lc["conflicts"] == []                            # the first date was superseded, not disputed


def test_postponed_without_a_new_date_is_current_and_keeps_the_last_known_date() -> None:
    recs = postponed_story()[:2]
    lc = next(iter(_lifecycles(recs).values()))
    assert lc["status"] == "postponed" and lc["date"] == "2020-03-10"
    assert with_overdue(lc, dt.date(2020, 12, 1))["overdue"] is False      # postponed is not overdue


def test_plan_cancelled_and_a_plan_that_became_overdue() -> None:
    recs = cancelled_story()
    lcs = _lifecycles(recs)
    macron = _of(lcs, recs, "x1")
    assert _of(lcs, recs, "x2") is macron
    assert macron["status"] == "cancelled" and not macron["happened"]
    assert with_overdue(macron, dt.date(2018, 12, 31))["overdue"] is False
    late = with_overdue(_of(lcs, recs, "y1"), dt.date(2018, 12, 31))
    assert late["overdue"] is True and late["overdue_days"] == (dt.date(2018, 12, 31) - dt.date(2018, 4, 10)).days
    assert with_overdue(_of(lcs, recs, "y1"), dt.date(2018, 4, 1))["overdue"] is False


def test_a_reprinted_story_counts_as_one_source() -> None:
    recs = reprinted_story()
    dups = find_duplicates(sign_records(recs))
    assert dups.groups == {"r1": ("r1", "original"), "r2": ("r1", "reprint")}
    lcs = _lifecycles(recs, dups.groups)
    assert len(lcs) == 1
    lc = next(iter(lcs.values()))
    assert (lc["n_articles"], lc["n_sources"]) == (3, 2)
    assert [h["article_id"] for h in lc["history"]] == ["r1", "r3"]
    assert lc["history"][0]["reprints"] == ["r2"]
    assert {a["id"]: a["duplicate_of"] for a in lc["articles"]} == {"r1": None, "r2": "r1", "r3": None}


def test_sources_disagreeing_on_a_date_and_on_whether_it_happened_are_conflicts() -> None:
    a = article("k1", "2017-03-01", [event("e1", src=("CHN", WANG), date="2017-03-15", loc=("Moscow", "RUS"),
                                           evidence="Wang will visit Moscow on March 15")], source="TASS")
    b = article("k2", "2017-03-02", [event("e1", src=("CHN", WANG), date="2017-03-17", loc=("Moscow", "RUS"),
                                           evidence="Wang will visit Moscow on March 17")], source="Xinhua")
    c = article("k3", "2017-03-18", [event("e1", status="happened", src=("CHN", WANG), date="2017-03-17",
                                           loc=("Moscow", "RUS"), evidence="Wang held talks in Moscow")])
    d = article("k4", "2017-03-19", [event("e1", status="cancelled", src=("CHN", WANG), loc=("Moscow", "RUS"),
                                           evidence="Wang's visit to Moscow was called off")], source="Blog")
    members = [m for r in (a, b, c, d) for m in mentions_of(r)]
    lc = build_lifecycle("ev-x", members)
    fields = {c["field"]: c for c in lc["conflicts"]}
    assert [v["value"] for v in fields["date"]["values"]] == ["2017-03-15", "2017-03-17"]
    assert fields["date"]["values"][0]["sources"] == ["TASS"]
    assert {v["value"] for v in fields["status"]["values"]} == {"happened", "cancelled"}
    assert lc["status"] == "happened" and lc["date"] == "2017-03-17"        # held dominates a later denial


def test_best_date_is_the_most_specific_then_the_most_recent() -> None:
    def rep(aid: str, pub: str, date: str) -> dict[str, Any]:
        return article(aid, pub, [event("e1", src=("RUS", PUTIN), date=date, loc=("Japan", "JPN"),
                                        evidence="Putin will visit Japan")])

    refined = [rep("m1", "2016-09-01", "2016-12"), rep("m2", "2016-10-01", "2016-12-15"),
               rep("m3", "2016-11-01", "2016-12")]
    lc = build_lifecycle("ev-x", [m for r in refined for m in mentions_of(r)])
    assert lc["date"] == "2016-12-15"                       # a vaguer later report does not undo a precise one
    moved = [rep("n1", "2016-09-01", "2016-12-15"), rep("n2", "2016-11-01", "2017-01")]
    lc = build_lifecycle("ev-y", [m for r in moved for m in mentions_of(r)])
    assert lc["date"] == "2017-01"                          # a newer date that disagrees replaces the old one
