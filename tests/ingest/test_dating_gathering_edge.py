"""A page that a gathering's days bound, and tells that something opened (or closed) today, is dated to
the gathering's first (or last) day. Texts written for these tests."""
from __future__ import annotations

import datetime as dt

from storyline.ingest.dating.decide import _gathering_edge, date_page


def test_opening_and_closing_cues():
    assert _gathering_edge("Leaders opened the meeting today with a minute of silence.") == "first"
    assert _gathering_edge("The talks closed this evening without a statement.") == "last"
    assert _gathering_edge("The forum opened today. It closed today as well.") is None
    assert _gathering_edge("The forum opened on Monday and went on for days.") is None


def test_a_summit_page_telling_its_opening_today_takes_the_first_day():
    body = ("Leaders at the G20 summit in Osaka began talks on trade today, and the host opened the "
            "first session this morning with a call for calm in the markets.\n"
            "Officials expect long sessions on climate and on the digital economy before the leaders leave.")
    d = date_page(body, body, today=dt.date(2026, 12, 7))
    assert (d.value, d.confidence) == ("2019-06-28", 0.7) and "gathering-first-day" in d.how


def test_without_a_cue_the_summit_page_stays_a_span():
    body = ("Leaders at the G20 summit in Osaka are holding talks on trade, and the host has called for "
            "calm in the markets.\nOfficials expect long sessions on climate and on the digital economy.")
    d = date_page(body, body, today=dt.date(2026, 12, 7))
    assert d.value != "2019-06-28" and "gathering-first-day" not in d.how
