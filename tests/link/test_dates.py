"""TIMEX3 values as day intervals."""
from __future__ import annotations

import datetime as dt

import pytest

from storyline.link import dates

D = dt.date


@pytest.mark.parametrize("value, want", [
    ("2016-12-15", (D(2016, 12, 15), D(2016, 12, 15))),
    ("2016-12", (D(2016, 12, 1), D(2016, 12, 31))),
    ("2016", (D(2016, 1, 1), D(2016, 12, 31))),
    ("2016-SP", (D(2016, 3, 1), D(2016, 5, 31))),
    ("2016-WI", (D(2016, 12, 1), D(2017, 2, 28))),
    ("2016-Q2", (D(2016, 4, 1), D(2016, 6, 30))),
    ("2016-H2", (D(2016, 7, 1), D(2016, 12, 31))),
    ("2016-W05", (D(2016, 2, 1), D(2016, 2, 7))),
    ("2016-12-14/2016-12-15", (D(2016, 12, 14), D(2016, 12, 15))),
    ("2016-12-15T10:00", (D(2016, 12, 15), D(2016, 12, 15))),
])
def test_interval_of_timex3_values(value: str, want: tuple[dt.date, dt.date]) -> None:
    assert dates.interval(value) == want


@pytest.mark.parametrize("value", [None, "", "XXXX-12-14", "PRESENT_REF", "2016-02-30", "2016-12-15/2016-12-01",
                                   "next week"])
def test_values_that_are_no_calendar_date_are_undated(value: str | None) -> None:
    assert dates.interval(value) is None


def test_overlap_with_slack_and_index_keys_shared_by_overlapping_dates() -> None:
    a, b = dates.interval("2016-12-15"), dates.interval("2016-12-16")
    assert a and b and not dates.overlaps(a, b) and dates.overlaps(a, b, slack_days=1)
    year, day = dates.interval("2016"), dates.interval("2016-12-15")
    assert year and day and set(dates.index_keys(year)) & set(dates.index_keys(day))
    assert "m2016-12" in dates.index_keys(day)
