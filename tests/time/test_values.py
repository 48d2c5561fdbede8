from __future__ import annotations

import datetime as dt

import pytest

from storyline.time.values import days, interval

D = dt.date


@pytest.mark.parametrize("value,expected", [
    ("2016-02-06", (D(2016, 2, 6), D(2016, 2, 6))),
    ("2016-02", (D(2016, 2, 1), D(2016, 2, 29))),
    ("2016", (D(2016, 1, 1), D(2016, 12, 31))),
    ("2016-SP", (D(2016, 3, 1), D(2016, 5, 31))),
    ("2016-WI", (D(2016, 12, 1), D(2017, 2, 28))),
    ("2016-Q4", (D(2016, 10, 1), D(2016, 12, 31))),
    ("2016-H2", (D(2016, 7, 1), D(2016, 12, 31))),
    ("2016-W05", (D(2016, 2, 1), D(2016, 2, 7))),
    ("2016-12-14/2016-12-15", (D(2016, 12, 14), D(2016, 12, 15))),
    ("2016/2017", (D(2016, 1, 1), D(2017, 12, 31))),
    ("2016-02-06T10:00", (D(2016, 2, 6), D(2016, 2, 6))),
])
def test_interval(value: str, expected: tuple[dt.date, dt.date]) -> None:
    assert interval(value) == expected


@pytest.mark.parametrize("value", [None, "", "XXXX-02-06", "PRESENT_REF", "2016-02-30", "2016-13", "2016-W54",
                                   "2017/2016", "garbage"])
def test_not_a_calendar_date(value: str | None) -> None:
    assert interval(value) is None and days(value) is None


def test_days() -> None:
    assert days("2016-02") == 29 and days("2016-02-06") == 1
