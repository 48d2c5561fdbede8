"""Linking reports of one real-world event across articles (constructed records)."""
from __future__ import annotations

import copy
import random

from storyline.link import LinkState, event_id_of, link_events

from .factory import ABE, KISHIDA, LAVROV, PUTIN, article, event, ids, partition, putin_visit_story


def _same(records: list[dict], *keys: tuple[str, str]) -> bool:
    got = ids(records)
    return len({got[k] for k in keys}) == 1


def test_rumour_plan_schedule_and_visit_are_one_event_and_another_visitor_is_not() -> None:
    recs = putin_visit_story()
    link_events(recs)
    putin = [("a1", "e1"), ("a2", "e1"), ("a3", "e2"), ("a4", "e1"), ("a5", "e1")]
    assert _same(recs, *putin)
    assert ids(recs)[("a3", "e1")] != ids(recs)[("a1", "e1")]          # Lavrov's visit is another event
    assert ids(recs)[("a1", "e1")] == event_id_of("a1", "e1")           # named after its earliest report


def test_two_visits_years_apart_do_not_merge() -> None:
    recs = [
        article("b1", "2016-01-26", [event("e1", src=("JPN", ABE), tgt=("RUS", None), loc=("Russia", "RUS"),
                                           evidence="preparations for his unofficial visit to Russia")]),
        article("b2", "2016-05-07", [event("e1", status="happened", src=("JPN", ABE), tgt=("RUS", PUTIN),
                                           date="2016-05-06", loc=("Sochi", "RUS"),
                                           evidence="Abe held talks with Putin in Sochi during his informal visit")]),
        article("b3", "2019-01-18", [event("e1", src=("JPN", ABE), tgt=("RUS", None), date="2019-01-21/2019-01-22",
                                           loc=("Russia", "RUS"),
                                           evidence="Prime Minister Shinzo Abe will visit Russia on January 21-22")]),
        article("b4", "2019-01-23", [event("e1", status="happened", src=("JPN", ABE), tgt=("RUS", PUTIN),
                                           date="2019-01-22", loc=("Moscow", "RUS"),
                                           evidence="Abe and Putin held talks in the Kremlin on Tuesday")]),
    ]
    link_events(recs)
    assert _same(recs, ("b1", "e1"), ("b2", "e1"))
    assert _same(recs, ("b3", "e1"), ("b4", "e1"))
    assert ids(recs)[("b1", "e1")] != ids(recs)[("b3", "e1")]


def test_two_dated_happenings_close_in_time_are_two_events() -> None:
    recs = [
        article("c1", "2016-05-07", [event("e1", status="happened", src=("JPN", ABE), tgt=("RUS", PUTIN),
                                           date="2016-05-06", loc=("Sochi", "RUS"), evidence="talks in Sochi")]),
        article("c2", "2016-09-03", [event("e1", status="happened", src=("JPN", ABE), tgt=("RUS", PUTIN),
                                           date="2016-09-02", loc=("Vladivostok", "RUS"),
                                           evidence="talks in Vladivostok")]),
    ]
    link_events(recs)
    assert len(partition(recs)) == 2


def test_undated_plans_years_apart_stay_apart_outside_the_window() -> None:
    recs = [article("d1", "2016-02-06", [event("e1", src=("JPN", ABE), tgt=("RUS", None), loc=("Russia", "RUS"),
                                               evidence="Abe planned to visit a Russian region")]),
            article("d2", "2019-01-10", [event("e1", src=("JPN", ABE), tgt=("RUS", None), loc=("Russia", "RUS"),
                                               evidence="Abe planned to visit a Russian region")])]
    link_events(recs)
    assert len(partition(recs)) == 2


def test_a_plan_reported_after_the_event_was_held_is_another_event_unless_its_date_fits() -> None:
    held = article("f1", "2016-05-07", [event("e1", status="happened", src=("JPN", ABE), tgt=("RUS", PUTIN),
                                              date="2016-05-06", loc=("Sochi", "RUS"), evidence="talks in Sochi")])
    later = article("f2", "2016-08-01", [event("e1", src=("JPN", ABE), tgt=("RUS", None), loc=("Russia", "RUS"),
                                               evidence="Abe will visit Russia again")])
    recalled = article("f3", "2016-05-20", [event("e1", src=("JPN", ABE), tgt=("RUS", None), date="2016-05-06",
                                                  loc=("Sochi", "RUS"), evidence="the visit to Sochi that had been planned for May 6")])
    recs = [held, later, recalled]
    link_events(recs)
    assert ids(recs)[("f2", "e1")] != ids(recs)[("f1", "e1")]
    assert ids(recs)[("f3", "e1")] == ids(recs)[("f1", "e1")]


def test_one_article_repeating_an_event_and_one_reporting_held_and_upcoming_meetings() -> None:
    recs = [
        article("g1", "2016-12-03", [
            event("e1", src=("RUS", PUTIN), date="2016-12-15", loc=("Tokyo", "JPN"),
                  evidence="Putin will visit Tokyo on December 15"),
            event("e2", src=("RUS", PUTIN), date="2016-12-15", loc=("Japan", "JPN"),
                  evidence="the visit, on December 15, will focus on economic projects"),
            event("e3", src=("RUS", LAVROV), tgt=("JPN", KISHIDA), date="2016-12-03", loc=("Moscow", "RUS"),
                  evidence="Lavrov and Kishida will hold talks in Moscow on Saturday"),
            event("e4", status="happened", src=("RUS", PUTIN), tgt=("JPN", KISHIDA), loc=("St Petersburg", "RUS"),
                  evidence="Putin earlier met with the Japanese foreign minister in St. Petersburg"),
        ]),
    ]
    link_events(recs)
    assert _same(recs, ("g1", "e1"), ("g1", "e2"))
    assert len(partition(recs)) == 3


def test_a_call_and_a_meeting_without_a_place_are_two_events_unless_dates_agree() -> None:
    call = event("e1", mode="phone", status="happened", src=("JPN", ABE), tgt=("RUS", PUTIN), date="2016-01-22",
                 evidence="a telephone conversation was held with the Russian president")
    meeting = event("e2", mode=None, status="happened", src=("RUS", PUTIN), tgt=("JPN", ABE),
                    evidence="was discussed at the recent meeting between Putin and Abe")
    talks = event("e1", mode=None, status="happened", src=("RUS", PUTIN), tgt=("JPN", ABE), date="2016-01-22",
                  evidence="Abe and Putin on Friday discussed the peace treaty")
    recs = [article("h1", "2016-01-26", [call]), article("h2", "2016-02-06", [meeting]),
            article("h3", "2016-01-23", [talks])]
    link_events(recs)
    assert _same(recs, ("h1", "e1"), ("h3", "e1"))
    assert ids(recs)[("h2", "e2")] != ids(recs)[("h1", "e1")]


def test_an_undated_report_of_an_agreement_joins_the_dated_one_made_days_before() -> None:
    recs = [article("i1", "2016-01-26", [event("e1", type="AGREE", mode=None, status="happened", src=("JPN", ABE),
                                               tgt=("RUS", PUTIN),
                                               evidence="Abe said they agreed to continue preparations")]),
            article("i2", "2016-02-06", [event("e1", type="AGREE", mode=None, status="happened", src=("RUS", PUTIN),
                                               tgt=("JPN", ABE), date="2016-01-22",
                                               evidence="On January 22, Abe and Putin agreed to continue contacts")])]
    link_events(recs)
    assert len(partition(recs)) == 1


def _corpus() -> list[dict]:
    from .test_lifecycle import cancelled_story, postponed_story, reprinted_story

    extra = [article("b2", "2016-05-07", [event("e1", status="happened", src=("JPN", ABE), tgt=("RUS", PUTIN),
                                                date="2016-05-06", loc=("Sochi", "RUS"), evidence="talks in Sochi")])]
    return putin_visit_story() + postponed_story() + cancelled_story() + reprinted_story() + extra


def test_shuffled_input_gives_the_same_partition_and_ids() -> None:
    base = _corpus()
    link_events(base)
    want = ids(base)
    for seed in range(6):
        recs = _unlinked(base)
        random.Random(seed).shuffle(recs)
        link_events(recs)
        assert ids(recs) == want


def test_incremental_linking_equals_linking_everything_even_for_late_old_articles() -> None:
    full = _corpus()
    link_events(full)
    for seed in range(4):
        recs = _unlinked(full)
        random.Random(seed).shuffle(recs)
        done: list[dict] = []
        for start in range(0, len(recs), 3):            # arrive in random batches, old ones late
            batch = recs[start:start + 3]
            link_events(batch, LinkState.from_records(done))
            done += batch
        assert ids(done) == ids(full)


def _unlinked(records: list[dict]) -> list[dict]:
    out = copy.deepcopy(records)
    for r in out:
        for e in r["events"]:
            e["event_id"] = None
    return out


def test_linking_again_changes_nothing() -> None:
    recs = _corpus()
    first = link_events(recs)
    before = ids(recs)
    again = link_events(copy.deepcopy(recs), LinkState.from_records(recs))
    assert not again.changed and not again.dropped
    assert again.assignments == {k: v for k, v in before.items()}
    assert set(first.events) == set(again.events)


def test_a_precise_plan_date_that_passed_unremarked_does_not_absorb_a_later_plan() -> None:
    def plan(aid: str, pub: str, date: str | None, status: str = "planned") -> dict:
        return article(aid, pub, [event("e1", status=status, src=("JPN", ABE), tgt=("RUS", PUTIN), date=date,
                                        loc=("Russia", "RUS"), evidence="Abe is expected to visit Russia")])

    recs = [plan("s1", "2018-05-26", "2018-09"), plan("s2", "2018-11-14", "2019")]
    link_events(recs)
    assert len(partition(recs)) == 2
    recs = [plan("s1", "2018-05-26", "2018-09"), plan("s3", "2018-08-20", None, "postponed"),
            plan("s2", "2018-11-14", "2019")]
    link_events(recs)
    assert len(partition(recs)) == 1                            # the postponement bridges the dates
    recs = [plan("t1", "2015-10-06", "2015", "possible"), plan("t2", "2016-12-03", "2016-12-15")]
    link_events(recs)
    assert len(partition(recs)) == 1                            # a year-wide hope that slipped is still the plan
