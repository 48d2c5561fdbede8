"""The one date value: full and partial TIMEX3 calendar dates."""
from __future__ import annotations

import datetime as dt

import pytest

from storyline.dates import DateValue


@pytest.mark.parametrize(("text", "parts", "iso"), [
    ("2016-12-15", (2016, 12, 15), "2016-12-15"),
    ("2016-12-15T10:30:00+03:00", (2016, 12, 15), "2016-12-15"),
    ("2016-12-15 10:30", (2016, 12, 15), "2016-12-15"),
    ("2016-12", (2016, 12, None), "2016-12"),
    ("2016", (2016, None, None), "2016"),
    ("XXXX-02-06", (None, 2, 6), "XXXX-02-06"),
    ("XXXX-02-29", (None, 2, 29), "XXXX-02-29"),
])
def test_parse_keeps_exactly_what_is_known(text: str, parts: tuple, iso: str) -> None:
    v = DateValue.parse(text)
    assert v is not None and (v.year, v.month, v.day) == parts and v.iso() == iso


@pytest.mark.parametrize("text", ["", "XXXX", "2016-13-01", "2015-02-29", "2016-04-31", "Feb 6", "16-02-06", None, 20160206])
def test_impossible_or_foreign_values_are_none(text: object) -> None:
    assert DateValue.parse(text) is None


def test_bounds_of_each_precision() -> None:
    assert DateValue.parse("2016-02").bounds() == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert DateValue.parse("2015").bounds() == (dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    assert DateValue.parse("2015-03-04").bounds() == (dt.date(2015, 3, 4),) * 2
    assert DateValue.parse("XXXX-03-04").bounds() is None


def test_holds_and_weekday() -> None:
    assert DateValue.parse("XXXX-03-04").holds(dt.date(1999, 3, 4))
    assert not DateValue.parse("2016-03").holds(dt.date(2016, 4, 1))
    assert DateValue.parse("2016-12-15").weekday == 3 and DateValue.parse("2016-12").weekday is None
    assert DateValue.parse("2016-12-15").date == dt.date(2016, 12, 15)


@pytest.mark.parametrize(("stamp", "day"), [
    ("2016-12-15T10:30:00+03:00", dt.date(2016, 12, 15)),
    ("2016-12-15Z", dt.date(2016, 12, 15)),                 # a zone letter parse() does not take
    ("Published: 2016-3-7 09:00 GMT", dt.date(2016, 3, 7)),
    ("  1999-01-02", dt.date(1999, 1, 2)),
])
def test_in_stamp_finds_the_day_of_a_metadata_stamp(stamp: str, day: dt.date) -> None:
    v = DateValue.in_stamp(stamp)
    assert v is not None and v.date == day


@pytest.mark.parametrize("stamp", ["2016-12", "2016", "2016-02-30", "1850-01-01", "Tuesday", "", None, 123, True])
def test_in_stamp_gives_a_day_or_nothing(stamp: object) -> None:
    assert DateValue.in_stamp(stamp) is None


def test_html_meta_and_time_tag_dates_read_through_in_stamp() -> None:
    from storyline.ingest.html import _meta_date

    assert _meta_date('<meta property="article:published_time" content="2017-05-04T08:00:00Z">') == dt.date(2017, 5, 4)
    assert _meta_date('<p><time datetime="2017-05-04T08:00">May 4</time></p>') == dt.date(2017, 5, 4)
    assert _meta_date('<meta name="date" content="2017-02-31">') is None


def test_stamps_in_the_shapes_feeds_and_scrapers_write() -> None:
    from storyline.dates import DateValue
    day = DateValue(2019, 6, 29)
    for stamp in ("2019-06-29T10:00:00Z", "Sat, 29 Jun 2019 10:00:00 GMT", "June 29, 2019", "29 June 2019",
                  "Jun. 29 2019", "29/06/2019", "06/29/2019", "1561802400", 1561802400, 1561802400123, "20190629"):
        assert DateValue.in_stamp(stamp) == day, stamp
    # a stamp gives one day or nothing
    for stamp in ("03/04/2015", "June 2019", "Juno 29, 2019", "99999", True, None, "1200000000000000"):
        assert DateValue.in_stamp(stamp) is None, stamp
