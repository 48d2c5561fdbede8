"""TIMEX3 values as intervals of days, for comparing the dates of reports.

``interval("2016-12")`` is ``(2016-12-01, 2016-12-31)``; seasons, quarters,
halves, ISO weeks and ``a/b`` ranges are understood. A value with an unknown
part (``XXXX-12-14``), a reference (``PRESENT_REF``) or anything else gives
None: an undated report, which is how the linker treats it.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

Interval = tuple[dt.date, dt.date]

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_VALUE = re.compile(r"(\d{4})(?:-(\d{2}|SP|SU|FA|WI|Q[1-4]|H[12]|W\d{2})(?:-(\d{2}))?)?")
_MIN_YEAR, _MAX_YEAR = 1000, 9998


@lru_cache(maxsize=65536)
def interval(value: str | None) -> Interval | None:
    """A TIMEX3-like date value as a closed interval of days, or None when not a calendar date."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if "/" in value:
        a, b = value.split("/", 1)
        ia, ib = interval(a), interval(b)
        if ia is None or ib is None or ib[1] < ia[0]:
            return None
        return ia[0], ib[1]
    m = _VALUE.fullmatch(value.split("T", 1)[0])
    if not m:
        return None
    try:
        return _parts(int(m.group(1)), m.group(2), m.group(3))
    except ValueError:         # 2016-02-30, week 54: not a date
        return None


def _parts(y: int, part: str | None, day: str | None) -> Interval | None:
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    if part is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if part in _SEASONS:
        a, b = _SEASONS[part]
        end_y, end_m = (y + 1, b - 12) if b > 12 else (y, b)
        return dt.date(y, a, 1), dt.date(end_y, end_m, calendar.monthrange(end_y, end_m)[1])
    if part[0] == "Q":
        q = int(part[1])
        return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
    if part[0] == "H":
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if part == "H1" else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    if part[0] == "W":
        start = dt.date.fromisocalendar(y, int(part[1:]), 1)
        return start, start + dt.timedelta(days=6)
    mo = int(part)
    if day is None:
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    d = dt.date(y, mo, int(day))
    return d, d


def day(value: str | None) -> dt.date | None:
    """A publication date (``2016-02-06``; a datetime is cut to its day) as a date, else None."""
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def width(iv: Interval) -> int:
    """Days in the interval (1 for a single day)."""
    return (iv[1] - iv[0]).days + 1


def overlaps(a: Interval, b: Interval, slack_days: int = 0) -> bool:
    slack = dt.timedelta(days=slack_days)
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def contains(outer: Interval, inner: Interval) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def index_keys(iv: Interval) -> list[str]:
    """Keys under which a dated report is indexed: its years, and its months when it spans three or fewer.

    Two overlapping intervals of at most two years share a year key; the linker only
    needs a shared key to make a cluster a candidate, never to decide.
    """
    years = range(iv[0].year, min(iv[1].year, iv[0].year + 1) + 1)
    keys = [f"y{y}" for y in years]
    months = (iv[1].year - iv[0].year) * 12 + iv[1].month - iv[0].month + 1
    if months <= 3:
        y, mo = iv[0].year, iv[0].month
        for _ in range(months):
            keys.append(f"m{y}-{mo:02d}")
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return keys


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
