"""Dates of called-off, moved and lead events (sentences of our own; published Saturday 2016-02-06)."""
from __future__ import annotations

import pytest

ROWS = [
    # a cancelled visit is dated by when it was to happen, not by the day it was called off
    ("cancelled-next-week", "On Thursday Germany cancelled a planned visit by Merkel to Moscow next week.",
     {"Thursday": "2016-02-04", "next week": "2016-W06"}, "CONSULT", "2016-W06"),
    # a postponed meeting is dated by its new day
    ("postponed-until", "Merkel's visit to Moscow, due to begin on Monday, has been postponed until March 3.",
     {"Monday": "2016-02-08", "March 3": "2016-03-03"}, "CONSULT", "2016-03-03"),
    ("postponed-above", "Merkel's visit to Moscow scheduled to start on Monday has been postponed until March 3 "
     "due to a storm, a news agency reported.", {"Monday": "2016-02-08", "March 3": "2016-03-03"}, "CONSULT",
     "2016-03-03"),
    # with no time in its clause, the planned day told in the same sentence
    ("planned-for", "Putin postponed a meeting with Merkel, aides said on Friday of talks that had been planned "
     "for February 20.", {"Friday": "2016-02-05", "February 20": "2016-02-20"}, "CONSULT", "2016-02-20"),
    # an event told in the present perfect in the lead is the day's news
    ("lead-perfect", "Merkel has urged Putin to back the truce in Ukraine.", {}, "REQUEST", "2016-02-06"),
    # ... unless the next sentence gives its day
    ("lead-perfect-next-day", "Lavrov and Kerry have held talks in Geneva. The two ministers met on Friday "
     "at a hotel by the lake.", {"Friday": "2016-02-05"}, "CONSULT", "2016-02-05"),
    # a recalled meeting takes the time the parser hangs on "recalled"
    ("recalled", "Xi recalled his meeting with Obama last November on the sidelines of the summit in Lima.",
     {"last November": "2015-11"}, "CONSULT", "2015-11"),
    # "the sides" go on with the event of the sentence before, and take its one time
    ("sides-go-on", "Merkel travelled to Moscow last October for talks with Putin. Both the sides agreed on "
     "a new round of talks.", {"last October": "2015-10"}, "AGREE", "2015-10"),
    # an undated past act between the two sides of a dated happening told before belongs to its day
    ("same-story", "Merkel and Putin held talks in Sochi on Friday. Merkel also urged Putin to free the pilot.",
     {"Friday": "2016-02-05"}, "REQUEST", "2016-02-05"),
    # an undated event of an "in which" clause happened at the occasion told before it ...
    ("occasion-in-which", "Xi recalled his meeting with Obama last November at a summit in Hanoi, at which they "
     "agreed on a trade pact.", {"last November": "2015-11"}, "AGREE", "2015-11"),
    # ... also across a stray full stop that split the sentence
    ("occasion-split", "Xi recalled his meeting with Obama last November during a summit in Hanoi. Vietnam, at "
     "which they agreed on a trade pact.", {"last November": "2015-11"}, "AGREE", "2015-11"),
    # the setting of a statement that goes on from the same speaker's dated one takes its day
    ("same-voice", "Putin said on Friday that ties with Japan come first. \"Our neighbours matter most,\" Putin "
     "added during a phone call with Abe.", {"Friday": "2016-02-05"}, "CONSULT", "2016-02-05"),
    # the parser hangs the visitor on the inviting president as an apposition: the name before "will" acts
    ("subject-before-aux", "On the invitation of Chinese leader Xi Jinping, President of France Emmanuel "
     "Macron will make a state trip to China from April 5 to 12, Hua announced on Wednesday.",
     {"April 5 to 12": "2016-04-05/2016-04-12", "Wednesday": "2016-02-03"}, "CONSULT", "2016-04-05/2016-04-12"),
]

NEVER_DATED_BY = [
    # ... but not an act told as earlier ("had urged")
    ("same-story-earlier", "Merkel and Putin held talks in Sochi on Friday. Merkel had urged Putin to free the pilot.",
     {"Friday": "2016-02-05"}, "2016-02-05"),
    # a "since" clause of another kind of event tells of no earlier visit and dates nothing
    ("since-took-office", "This is Merkel's first visit to Moscow since she took office in April 2005.",
     {"April 2005": "2005-04"}, "2005-04"),
    ("sides-since", "Merkel met Putin after she took office last month. Both the sides agreed on a truce.",
     {"last month": "2016-01"}, "2016-01"),
]


@pytest.mark.parametrize("row", NEVER_DATED_BY, ids=[r[0] for r in NEVER_DATED_BY])
def test_never_dated_by(events_of, row) -> None:
    _, text, times, value = row
    assert all(e.date != value for e in events_of(text, times=times) if e.type in ("AGREE", "REQUEST")
               or (e.type == "CONSULT" and "since" in text))


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_date(events_of, row) -> None:
    _, text, times, kind, date = row
    dates = [e.date for e in events_of(text, times=times) if e.type == kind]
    assert dates and dates[0] == date, dates


def test_later_friday_is_planned_even_when_the_day_is_unknown(events_of) -> None:
    """ "are meeting later Friday" on a page whose day is unknown is still ahead of the report."""
    text = "Lavrov and Kerry are meeting in Geneva later Friday to discuss Syria."
    events = events_of(text, published="2016", times={"later Friday": None})
    assert [e.status for e in events if e.type == "CONSULT"] == ["planned"]


def test_an_undated_plan_far_from_a_dated_one_is_another_happening(events_of) -> None:
    text = ("Abe will hold a summit with Obama in Washington on April 16. The summit had been set for April 9. "
            "Officials said the date moved because of the virus. Aides are drafting a joint statement. "
            "Kishida and Kerry are meeting at a hotel later Friday to discuss the plan.")
    events = events_of(text, published="2016", times={"on April 16": "2016-04-16", "April 9": "2016-04-09",
                                                      "later Friday": None})
    consults = sorted((e.date or "-", e.status) for e in events if e.type == "CONSULT")
    assert ("-", "planned") in consults and ("2016-04-16", "planned") in consults


def test_a_one_sided_mention_tells_the_day_of_the_merged_visit(events_of) -> None:
    """ "The Spanish royal visit planned for April" and "the April 21 visit by Queen Letizia of Spain" are one
    visit, dated to the day; the queen is Spanish by "of Spain"."""
    text = ("Washington has postponed the Spanish royal visit planned for April. "
            "The April 21 visit to Washington by Queen Letizia of Spain is off for now, a spokesman said.")
    events = events_of(text, times={"April": "2016-04", "April 21": "2016-04-21"})
    dates = [e.date for e in events if e.type == "CONSULT"]
    assert dates == ["2016-04-21"], dates
