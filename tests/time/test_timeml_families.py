"""TIMEX3 types and TimeML conventions, one table per expression family (sentences of our own).

Each row: sentence, publication date (``-`` when unknown), expected span text, type, value.
"""
from __future__ import annotations

import pytest

from storyline.records import Published
from storyline.time import find_timexes
from storyline.time.resolve import duration_value, nth_weekday, number
from storyline.time.timeml import Scores, read_timeml, score_document


def _published(day: str) -> Published:
    if day == "-":
        return Published(None, "test", 0.0)
    y, m, d = (int(x) for x in day.split("-"))
    import datetime as dt

    return Published(day, "test", 1.0, y, m, d, dt.date(y, m, d).weekday())


def check(sentence: str, day: str, text: str, kind: str, value: str | None) -> None:
    found = find_timexes(sentence, _published(day))
    for t in found:
        assert sentence[t.start:t.end] == t.text
    hits = [t for t in found if t.text == text]
    assert hits, f"{text!r} not in {[(t.text, t.type, t.value) for t in found]}"
    assert (hits[0].type, hits[0].value) == (kind, value), (text, hits[0].type, hits[0].value)


SPANS = [   # TimeML spans: no leading preposition
    ("The ministers met on Friday in Oslo.", "2016-02-06", "Friday", "DATE", "2016-02-05"),
    ("The treaty was signed in March 2014.", "2016-02-06", "March 2014", "DATE", "2014-03"),
    ("Prices have risen since 1998.", "2016-02-06", "1998", "DATE", "1998"),
    ("The office will reopen on Thursday.", "2016-02-08", "Thursday", "DATE", "2016-02-11"),
    ("Talks resume as early as next week.", "2016-02-06", "next week", "DATE", "2016-W06"),
    ("The fair runs December 15-16 in Bonn.", "2016-12-01", "December 15-16", "DATE", "2016-12-15/2016-12-16"),
]

DURATIONS = [
    ("The strike lasted three days.", "2016-02-06", "three days", "DURATION", "P3D"),
    ("He spent 18 months in prison.", "2016-02-06", "18 months", "DURATION", "P18M"),
    ("The crew worked a 12-hour shift.", "2016-02-06", "12-hour", "DURATION", "PT12H"),
    ("Sales fell over the past two quarters.", "2016-02-06", "the past two quarters", "DURATION", "P6M"),
    ("Profit rose in the first nine months.", "2016-02-06", "the first nine months", "DURATION", "P9M"),
    ("The talks took 2 1/2 hours.", "2016-02-06", "2 1/2 hours", "DURATION", "PT2H30M"),
    ("The war went on for two decades.", "2016-02-06", "two decades", "DURATION", "P20Y"),
    ("Rates will stay low for several years.", "2016-02-06", "several years", "DURATION", "PXY"),
    ("Inflation has eased in recent months.", "2016-02-06", "recent months", "DURATION", "PXM"),
    ("The deal needs at least 30 days to close.", "2016-02-06", "at least 30 days", "DURATION", "P30D"),
    ("The city waited twenty-four hours for news.", "2016-02-06", "twenty-four hours", "DURATION", "PT24H"),
    ("He waited for years.", "2016-02-06", "years", "DURATION", "PXY"),
    ("Its 10-year bond yield fell.", "2016-02-06", "10-year", "DURATION", "P10Y"),
    ("The truce ended a decades-long feud.", "2016-02-06", "decades-long", "DURATION", "PXY"),
    ("They held a day-long meeting.", "2016-02-06", "day-long", "DURATION", "P1D"),
    ("For the first time in years, prices fell.", "2016-02-06", "years", "DURATION", "PXY"),
    ("Rates will rise over the next couple of years.", "2016-02-06", "the next couple of years", "DURATION", "P2Y"),
]

SETS = [
    ("The paper appears daily.", "2016-02-06", "daily", "SET", "P1D"),
    ("The board meets every Thursday.", "2016-02-06", "every Thursday", "SET", "XXXX-WXX-4"),
    ("The council meets each month.", "2016-02-06", "each month", "SET", "P1M"),
    ("Members pay dues twice a year.", "2016-02-06", "a year", "SET", "P1Y"),
    ("The club opens on Tuesday nights.", "2016-02-06", "Tuesday nights", "SET", "XXXX-WXX-2TNI"),
    ("Ferries leave every two weeks.", "2016-02-06", "every two weeks", "SET", "P2W"),
]

REFERENCES = [
    ("The company is now in talks with lenders.", "2016-02-06", "now", "DATE", "PRESENT_REF"),
    ("The plant is currently idle.", "2016-02-06", "currently", "DATE", "PRESENT_REF"),
    ("The bank recently cut its forecast.", "2016-02-06", "recently", "DATE", "PAST_REF"),
    ("Rates may rise in the near future.", "2016-02-06", "the near future", "DATE", "FUTURE_REF"),
    ("Such mistakes were common in the past.", "2016-02-06", "the past", "DATE", "PAST_REF"),
    ("Prices have doubled several years ago.", "2016-02-06", "several years ago", "DATE", "PAST_REF"),
]

TIMES = [
    ("The vote will close at 10:30 p.m. on Friday.", "2016-02-06", "10:30 p.m. on Friday", "TIME",
     "2016-02-12T22:30"),
    ("Shots were heard at 9:15 p.m. on the quay.", "2016-02-06", "9:15 p.m.", "TIME", "2016-02-06T21:15"),
    ("Shots were heard at 9:15 p.m. Nobody was hurt.", "2016-02-06", "9:15 p.m", "TIME", "2016-02-06T21:15"),
    ("Polls opened at 7 a.m. Tuesday.", "2016-02-10", "7 a.m. Tuesday", "TIME", "2016-02-09T07:00"),
    ("The deadline passed at noon Thursday.", "2016-02-06", "noon Thursday", "TIME", "2016-02-04T12:00"),
    ("The minister arrived on Friday afternoon.", "2016-02-06", "Friday afternoon", "TIME", "2016-02-05TAF"),
    ("The blast woke residents early this morning.", "2016-02-06", "early this morning", "TIME", "2016-02-06TMO"),
    ("Crowds gathered late yesterday.", "2016-02-06", "late yesterday", "DATE", "2016-02-05"),
    ("Officials gave the family until 9 a.m. Tuesday to agree.", "2016-02-08", "9 a.m. Tuesday", "TIME",
     "2016-02-09T09:00"),
    ("Fighting resumed overnight and again last night.", "2016-02-06", "last night", "TIME", "2016-02-05TNI"),
]

BUSINESS = [
    ("Third-quarter profit rose 8%.", "2016-10-27", "Third-quarter", "DATE", "2016-Q3"),
    ("Profit rose in the third quarter.", "2016-10-27", "the third quarter", "DATE", "2016-Q3"),
    ("In the third quarter profit rose; the quarter was strong.", "2016-10-27", "the quarter", "DATE", "2016-Q3"),
    ("Third-quarter profit rose 8% from a year earlier.", "2016-10-27", "a year earlier", "DATE", "2015-Q3"),
    ("Third-quarter sales fell; in the year-ago quarter they rose.", "2016-10-27", "the year-ago quarter", "DATE",
     "2015-Q3"),
    ("Its fourth-quarter loss widened.", "2016-10-27", "fourth-quarter", "DATE", "2016-Q4"),
    ("Revenue for the full year rose.", "2016-10-27", "the full year", "DATE", "2016"),
    ("Net income for the year ended June 30 fell.", "2016-10-27", "the year", "DURATION", "P1Y"),
    ("Results for fiscal 2015 were weak.", "2016-10-27", "fiscal 2015", "DATE", "2015"),
    ("Output in Q2 2016 fell.", "2016-10-27", "Q2 2016", "DATE", "2016-Q2"),
]

ERAS = [
    ("Steam engines spread in the 19th century.", "2016-02-06", "the 19th century", "DATE", "18"),
    ("The band was famous in the nineties.", "2016-02-06", "the nineties", "DATE", "199"),
    ("Rents soared in the 1980s.", "2016-02-06", "the 1980s", "DATE", "198"),
    ("The bridge opened in nineteen fifty-two.", "2016-02-06", "nineteen fifty-two", "DATE", "1952"),
    ("Talk of the year two thousand filled the papers.", "1998-02-06", "the year two thousand", "DATE", "2000"),
    ("It happened in January nineteen ninety-seven.", "1998-02-06", "January nineteen ninety-seven", "DATE",
     "1997-01"),
    ("Prices last seen in the winter of nineteen ninety-four fell.", "1998-02-06",
     "the winter of nineteen ninety-four", "DATE", "1994-WI"),
]

HOLIDAYS = [
    ("The boy was rescued on Thanksgiving Day.", "1999-12-05", "Thanksgiving Day", "DATE", "1999-11-25"),
    ("Stores will open on Labor Day.", "2016-08-20", "Labor Day", "DATE", "2016-09-05"),
    ("Shops close on Christmas Day.", "2016-12-01", "Christmas Day", "DATE", "2016-12-25"),
]

ANCHORING = [   # anaphoric expressions follow the story; a stated date stands in for an unknown publication day
    ("The talks began on March 3, 2015. The next day they failed.", "2016-02-06", "The next day", "DATE",
     "2015-03-04"),
    ("The ship sank on May 2, 2010. Two days later divers found it.", "2016-02-06", "Two days later", "DATE",
     "2010-05-04"),
    ("They met in June 2014. Later that year they married.", "2016-02-06", "Later that year", "DATE", "2014"),
    ("Monday, March 7, 2016. The minister left on Tuesday.", "-", "Tuesday", "DATE", "2016-03-01"),
    ("Monday, March 7, 2016. The minister will leave on Tuesday.", "-", "Tuesday", "DATE", "2016-03-08"),
    ("Posted March 7, 2016. Talks are set for next week.", "-", "next week", "DATE", "2016-W11"),
    ("Posted March 7, 2016. Ministers meet on March 10.", "-", "March 10", "DATE", "2016-03-10"),
    ("Posted in 2003. The vote was on Thursday 20 November.", "2004-01-10", "Thursday 20 November", "DATE",
     "2003-11-20"),
]

ALL = SPANS + DURATIONS + SETS + REFERENCES + TIMES + BUSINESS + ERAS + HOLIDAYS + ANCHORING


@pytest.mark.parametrize("sentence, day, text, kind, value", ALL)
def test_family(sentence: str, day: str, text: str, kind: str, value: str | None) -> None:
    check(sentence, day, text, kind, value)


NOT_TIMEXES = [
    ("He is a 44-year-old teacher.", "year"),
    ("A quarter of the votes were void.", "quarter"),
    ("The Daily Mail ran the story.", "Daily"),
    ("She won a second term.", "second"),
    ("The company paid a quarterly dividend.", "quarterly"),
    ("The current is strong near the pier.", "current"),
    ("The year was hard.", "year"),
]


@pytest.mark.parametrize("sentence, word", NOT_TIMEXES)
def test_not_a_timex(sentence: str, word: str) -> None:
    found = find_timexes(sentence, _published("2016-02-06"))
    assert not [t for t in found if word in t.text], [(t.text, t.value) for t in found]


@pytest.mark.parametrize("word, n", [("3", 3), ("two", 2), ("twenty-four", 24), ("5 1/2", 5.5),
                                      ("a couple of", 2), ("several", None)])
def test_number(word: str, n: float | None) -> None:
    assert number(word) == n


@pytest.mark.parametrize("count, unit, value", [(3, "days", "P3D"), (None, "years", "PXY"), (2.5, "year", "P2Y6M"),
                                                 (16, "hour", "PT16H"), (2, "decade", "P20Y"),
                                                 (3, "quarters", "P9M")])
def test_duration_value(count: float | None, unit: str, value: str) -> None:
    assert duration_value(count, unit) == value


def test_nth_weekday() -> None:
    assert nth_weekday(2016, 11, 3, 4).isoformat() == "2016-11-24"      # Thanksgiving
    assert nth_weekday(2016, 5, 0, -1).isoformat() == "2016-05-30"      # Memorial Day


def test_timeml_reading_and_scoring(tmp_path) -> None:
    tml = tmp_path / "doc.tml"
    tml.write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2016-02-06" '
        'functionInDocument="CREATION_TIME">2016-02-06</TIMEX3></DCT>\n<TEXT>\nThe talks ran '
        '<TIMEX3 tid="t1" type="DURATION" value="P3D">three days</TIMEX3> &amp; ended on '
        '<TIMEX3 tid="t2" type="DATE" value="2016-02-05">Friday</TIMEX3>.\n</TEXT>\n</TimeML>\n')
    doc = read_timeml(tml)
    assert doc.dct == "2016-02-06" and "&" in doc.text
    assert [(g.text, g.type, g.value) for g in doc.timexes] == [("three days", "DURATION", "P3D"),
                                                               ("Friday", "DATE", "2016-02-05")]
    scores = Scores()
    score_document(doc, find_timexes(doc.text, doc.published()), scores)
    f = scores.figures()
    assert f["strict_f1"] == f["relaxed_f1"] == f["value_f1"] == 1.0
