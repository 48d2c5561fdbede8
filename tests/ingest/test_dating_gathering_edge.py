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


# ---------------------------------------------------------------- leaders' summits of two sides

def test_a_day_of_the_summit_told_without_another_day_is_that_day():
    assert _gathering_edge("The two presidents held three rounds of talks on the first day of the meeting.") == "first"
    assert _gathering_edge("The leaders signed a statement on the final day of the talks.") == "last"
    # another day named in the sentence: the opening day is not the page's
    assert _gathering_edge("On the first day of the summit on Monday the two held talks.") is None


def test_a_bilateral_summit_counts_only_where_both_sides_are_named():
    from storyline.ingest.dating.knowledge import gathering_evidence
    both = ("Officials said the summit in Helsinki between the United States and Russia was the first "
            "since relations soured.")
    one = "Officials said the summit in Helsinki was the first the Finnish capital had held in years."
    notes = [e.note for e in gathering_evidence(both)]
    assert any("bilateral in Helsinki" in n and "2 matching" in n for n in notes)   # 1997, 2018; 1990 was Soviet
    assert not any("bilateral" in e.note for e in gathering_evidence(one))


def test_a_dateline_in_capitals_names_the_summit_place_and_its_opening_day_dates_the_page():
    body = ("HANOI, Vietnam -- The leaders of the United States and North Korea have called their summit "
            "talks useful and said their teams would keep working.\n"
            "The two leaders had dinner and a short private talk on the first day of the summit "
            "in the old quarter of the city.\n"
            "Neither side would say what the two had agreed about sanctions or the nuclear sites.")
    d = date_page(body, body, today=dt.date(2026, 12, 7))
    assert (d.value, d.confidence) == ("2019-02-27", 0.7) and "gathering-first-day" in d.how


def test_a_summit_the_table_lacks_for_that_pair_is_not_dated_by_another_pair():
    # India and Pakistan in Helsinki: no row of theirs there, so no bilateral evidence at all
    from storyline.ingest.dating.knowledge import gathering_evidence
    text = "India and Pakistan held a summit in Helsinki, officials of both sides said on the opening day of it."
    assert not any("bilateral" in e.note for e in gathering_evidence(text))


def test_a_wire_dateline_in_capitals_is_no_place_of_a_multilateral_meeting():
    from storyline.ingest.dating.knowledge import gathering_evidence
    text = "WASHINGTON (Wire) -- Finance ministers of the G20 will meet next month to talk about debt relief."
    assert not any("in Washington" in e.note for e in gathering_evidence(text))
