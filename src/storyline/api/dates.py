"""TIMEX3 values as calendar ranges, for sorting, filtering and placing events on a timeline.

Event dates in the article record are TIMEX3 values (OUTPUT.md): days, months,
years, seasons, quarters, halves, ISO weeks and intervals. The web page and the
queries need an interval of calendar days for each one; a value with an unknown
year (``XXXX-02-06``) has none and is treated as undated.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
# a user-supplied bound in a filter: a year, a month or a day
_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# meteorological seasons of the northern hemisphere; winter runs into the next year
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}

Range = tuple[date, date]


def _month_range(year: int, first: int, last: int) -> Range:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, first, 1), date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def _single(value: str) -> Range | None:
    if m := _DAY.match(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    if m := _MONTH.match(value):
        return _month_range(int(m[1]), int(m[2]), int(m[2]))
    if m := _YEAR.match(value):
        return _month_range(int(m[1]), 1, 12)
    if m := _SEASON.match(value):
        first, last = _SEASONS[m[2]]
        return _month_range(int(m[1]), first, last)
    if m := _QUARTER.match(value):
        q = int(m[2])
        return _month_range(int(m[1]), 3 * q - 2, 3 * q)
    if m := _HALF.match(value):
        h = int(m[2])
        return _month_range(int(m[1]), 6 * h - 5, 6 * h)
    if m := _WEEK.match(value):
        start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return start, start + timedelta(days=6)
    return None


def timex_range(value: str | None) -> Range | None:
    """The calendar days a TIMEX3 value covers, or None when it has no known year.

    >>> timex_range("2016-SP")
    (datetime.date(2016, 3, 1), datetime.date(2016, 5, 31))
    """
    if not value or not isinstance(value, str):
        return None
    try:
        if "/" in value:
            a, _, b = value.partition("/")
            ra, rb = _single(a.strip()), _single(b.strip())
            if ra is None or rb is None or rb[1] < ra[0]:
                return None
            return ra[0], rb[1]
        return _single(value.strip())
    except ValueError:          # 2016-02-31, week 54, month 13
        return None


def precision_days(value: str | None) -> int | None:
    """How many days the value spans: 1 for a day, ~30 for a month; None if undated."""
    r = timex_range(value)
    return None if r is None else (r[1] - r[0]).days + 1


def is_month_precise(value: str | None) -> bool:
    """True when the value falls within one calendar month (a day, a week inside a month, a month)."""
    r = timex_range(value)
    return r is not None and (r[0].year, r[0].month) == (r[1].year, r[1].month)


def month_key(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month key from ``first`` to ``last`` inclusive (``YYYY-MM``)."""
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def published_day(value: str | None) -> date | None:
    """A publication date as a day, when it is a full ISO date (not ``XXXX-02-06``)."""
    r = timex_range(value) if value and _DAY.match(value) else None
    return r[0] if r else None


def parse_bound(value: str | None, end: bool = False) -> date | None:
    """A filter bound (``2016``, ``2016-05`` or ``2016-05-06``): its first day, or its last when ``end``.

    Raises ValueError with a message fit for the caller on anything else.
    """
    if value is None or value == "":
        return None
    if not _BOUND.match(value):
        raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    r = timex_range(value)
    if r is None:
        raise ValueError(f"date {value!r} is not a calendar date")
    return r[1] if end else r[0]
