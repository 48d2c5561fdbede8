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
    # with no time in its clause, the planned day told in the same sentence
    ("planned-for", "Putin postponed a meeting with Merkel, aides said on Friday of talks that had been planned "
     "for February 20.", {"Friday": "2016-02-05", "February 20": "2016-02-20"}, "CONSULT", "2016-02-20"),
    # an event told in the present perfect in the lead is the day's news
    ("lead-perfect", "Merkel has urged Putin to back the truce in Ukraine.", {}, "REQUEST", "2016-02-06"),
    # ... unless the next sentence gives its day
    ("lead-perfect-next-day", "Lavrov and Kerry have held talks in Geneva. The two ministers met on Friday "
     "at a hotel by the lake.", {"Friday": "2016-02-05"}, "CONSULT", "2016-02-05"),
]


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_date(events_of, row) -> None:
    _, text, times, kind, date = row
    dates = [e.date for e in events_of(text, times=times) if e.type == kind]
    assert dates and dates[0] == date, dates
