"""Dating an undated article from the dated reports of the same corpus event (``link.redate``).

The articles are invented: a Norwegian foreign minister's visit to Hanoi, reported by a
page dated to the day and by pages that print no full date.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from storyline.link.mentions import mentions_of
from storyline.link.redate import (HOW, Source, allowed_days, established_day, is_day, page_days,
                                   redate_record)

from .factory import article, event

NORDBY, MINH = "Kari Nordby", "Tran Van Minh"
VISIT_DAY = dt.date(2018, 3, 12)          # a Monday


def visit(eid: str, sentence: str, *, status: str = "happened", date: str | None = None,
          guest: str | None = NORDBY, host: str | None = MINH) -> dict[str, Any]:
    return event(eid, status=status, src=("NOR", guest), tgt=("VNM", host), date=date, loc=("Hanoi", "VNM"),
                 evidence=sentence)


def timexed(rec: dict[str, Any], *words: str) -> dict[str, Any]:
    """Give the record the time expressions ``words`` at their offsets in its text (as the time
    stage would, with the value it gets on an undated page: none)."""
    for w in words:
        i = rec["text"].index(w)
        rec["timexes"].append({"text": w, "start": i, "end": i + len(w), "value": None, "type": "DATE"})
    return rec


def dated_report(day: dt.date = VISIT_DAY, aid: str = "dated") -> dict[str, Any]:
    rec = article(aid, day.isoformat(), [visit("e1", f"{NORDBY} held talks with {MINH} in Hanoi on Monday",
                                               date=day.isoformat())])
    for ev in rec["events"]:
        ev["event_id"] = f"ev-{aid}"
    return rec


def sources(*records: dict[str, Any]) -> dict[str, list[Source]]:
    out: dict[str, list[Source]] = {}
    for rec in records:
        ms = mentions_of(rec)
        for m in ms:
            m.event_id = f"ev-{rec['id']}"
        day, witnesses = established_day(ms)
        assert day is not None
        out.setdefault(ms[0].block, []).append(Source(f"ev-{rec['id']}", day, ms, witnesses))
    return out


def undated(sentence: str, *words: str, published: str | None = None, **kw: Any) -> dict[str, Any]:
    rec = article("undated", published, [visit("e1", sentence, **kw)])
    rec["published"] = {"date": published, "how": "unknown" if published is None else "dateline", "confidence": 0.3}
    return timexed(rec, *words)


def test_today_gives_the_events_day() -> None:
    rec = undated(f"{NORDBY} met {MINH} in Hanoi today", "today")
    r = redate_record(rec, sources(dated_report()))
    assert r is not None
    assert r.published.date == "2018-03-12" and r.published.how == HOW and r.published.confidence < 0.9
    assert r.events == ["ev-dated"]


def test_yesterday_gives_the_day_after() -> None:
    rec = undated(f"{NORDBY} held talks with {MINH} in Hanoi yesterday", "yesterday")
    r = redate_record(rec, sources(dated_report()))
    assert r is not None and r.published.date == "2018-03-13"


def test_a_weekday_leaves_a_week_open() -> None:
    rec = undated(f"{NORDBY} held talks with {MINH} in Hanoi on Monday", "Monday")
    r = redate_record(rec, sources(dated_report()))
    assert r is not None
    assert r.published.date == "2018-03-12/2018-03-18"        # the Monday itself or one of the six days after
    assert r.published.day is None and r.published.month == 3 and r.published.confidence < 0.8


def test_a_weekday_and_the_pages_month_day_pin_the_year_and_day() -> None:
    rec = undated(f"{NORDBY} held talks with {MINH} in Hanoi on Monday", "Monday", published="XXXX-03-13")
    r = redate_record(rec, sources(dated_report()))
    assert r is not None and r.published.date == "2018-03-13"
    assert r.published.how == "dateline+" + HOW


def test_the_pages_own_partial_date_is_never_contradicted() -> None:
    rec = undated(f"{NORDBY} met {MINH} in Hanoi today", "today", published="2017")
    assert redate_record(rec, sources(dated_report())) is None
    rec = undated(f"{NORDBY} met {MINH} in Hanoi today", "today", published="2018")
    r = redate_record(rec, sources(dated_report()))
    assert r is not None and r.published.date == "2018-03-12" and r.published.how == "dateline+" + HOW


def test_a_date_that_does_not_depend_on_the_page_day_says_nothing() -> None:
    rec = undated(f"{NORDBY} met {MINH} in Hanoi on March 12", "March 12")
    assert redate_record(rec, sources(dated_report())) is None


def test_two_visits_of_other_days_that_fit_leave_it_undated() -> None:
    rec = undated(f"{NORDBY} met {MINH} in Hanoi today", "today")
    other = dated_report(VISIT_DAY + dt.timedelta(days=200), aid="later")
    assert redate_record(rec, sources(dated_report(), other)) is None


def test_the_date_alone_does_not_identify_the_event() -> None:
    # no person and no place in common: that the date would fit is no evidence of the same visit
    rec = undated("A Norwegian delegation held talks in Vietnam today", "today", guest=None, host=None)
    rec["events"][0]["location"] = None
    assert redate_record(rec, sources(dated_report())) is None


def test_another_guest_is_another_visit() -> None:
    rec = undated(f"Ola Hansen met {MINH} in Hanoi today", "today", guest="Ola Hansen")
    assert redate_record(rec, sources(dated_report())) is None


def test_reports_that_disagree_leave_it_undated() -> None:
    rec = undated(f"{NORDBY} met {MINH} in Hanoi today", "today")
    second = visit("e2", f"{NORDBY} visited Hanoi yesterday as well", host=None)
    second["evidence"]["start"] = len(rec["text"]) + 1
    rec["text"] += " " + second["evidence"]["text"]
    rec["events"].append(second)
    timexed(rec, "yesterday")
    assert redate_record(rec, sources(dated_report())) is None


def test_an_article_redated_from_the_corpus_is_not_redated_again() -> None:
    rec = undated(f"{NORDBY} met {MINH} in Hanoi today", "today")
    rec["published"] = {"date": "2018-03-12/2018-03-18", "how": HOW, "confidence": 0.6}
    assert redate_record(rec, sources(dated_report())) is None


def test_a_full_date_is_kept() -> None:
    rec = undated(f"{NORDBY} met {MINH} in Hanoi today", "today", published="2018-03-20")
    assert redate_record(rec, sources(dated_report())) is None


def test_the_day_of_an_event_is_what_its_confident_reports_agree_on() -> None:
    def report(status: str, date: str | None) -> Any:
        return mentions_of(article("a", "2018-03-20", [visit("e1", "They met", status=status, date=date)]))[0]

    held, plan = report("happened", "2018-03-12"), report("planned", "2018-03-12")
    assert established_day([held, plan]) == (VISIT_DAY, [held])
    assert established_day([held, report("happened", "2018-03-13")]) == (None, [])
    assert established_day([plan]) == (None, [])
    assert established_day([report("happened", "2018-03-12/2018-03-14")]) == (None, [])


def test_page_days_and_what_a_page_allows() -> None:
    assert page_days("They met today", [(9, 14)], VISIT_DAY) == [VISIT_DAY]
    assert page_days("They met yesterday", [(9, 18)], VISIT_DAY) == [VISIT_DAY + dt.timedelta(days=1)]
    assert page_days("They met today", [], VISIT_DAY) == []
    assert allowed_days("2018-03")[0] == (dt.date(2018, 3, 1), dt.date(2018, 3, 31))
    assert allowed_days("2013/2021")[0] == (dt.date(2013, 1, 1), dt.date(2021, 12, 31))
    span, md = allowed_days("XXXX-03-13")
    assert span is None and md is not None and md.holds(dt.date(2018, 3, 13))
    assert is_day("2018-03-12") and not is_day("2018-03") and not is_day("2018-03-12/2018-03-18")


def test_the_guest_received_by_another_host_the_next_day_is_another_meeting() -> None:
    # compare() lets another article name another host when the dates agree; the date is the hypothesis here
    rec = undated(f"{NORDBY} met Prime Minister Le Van Tam in Hanoi today", "today", host="Le Van Tam")
    assert redate_record(rec, sources(dated_report())) is None
    second = visit("e2", f"{NORDBY} held talks with {MINH} yesterday")
    second["evidence"]["start"] = len(rec["text"]) + 1
    rec["text"] += " " + second["evidence"]["text"]
    rec["events"].append(second)
    timexed(rec, "yesterday")
    r = redate_record(rec, sources(dated_report()))
    assert r is not None and r.published.date == "2018-03-13"


def test_an_event_is_vouched_for_by_the_reports_that_fixed_its_day() -> None:
    # the linker put a report of a meeting in another city into the Hanoi visit; that report alone
    # is like the undated one, the dated report that fixed the day is not
    dated = dated_report()
    merged = article("merged", "2018-04-20", [event("e1", status="happened", src=("NOR", NORDBY), tgt=("VNM", MINH),
                                                    loc=("Da Nang", "VNM"),
                                                    evidence=f"{NORDBY} and {MINH} opened a fisheries school")])
    ms = mentions_of(dated) + mentions_of(merged)
    day, witnesses = established_day(mentions_of(dated))
    src = {ms[0].block: [Source("ev-dated", day, ms, witnesses)]}
    rec = undated(f"{NORDBY} met {MINH} in Da Nang today", "today")
    rec["events"][0]["location"] = {"name": "Da Nang", "country": "VNM"}
    assert redate_record(rec, src) is None
    assert redate_record(undated(f"{NORDBY} met {MINH} in Hanoi today", "today"), src) is not None


def test_a_plan_for_tomorrow_dates_the_page_the_day_before() -> None:
    rec = undated(f"{NORDBY} will hold talks with {MINH} in Hanoi tomorrow", "tomorrow", status="planned")
    r = redate_record(rec, sources(dated_report()))
    assert r is not None and r.published.date == "2018-03-11"
