"""TIMEX3 values as intervals of days, for comparing the dates of reports.

``interval("2016-12")`` is ``(2016-12-01, 2016-12-31)``; seasons, quarters,
halves, ISO weeks and ``a/b`` ranges are understood. A value with an unknown
part (``XXXX-12-14``), a reference (``PRESENT_REF``) or anything else gives
None: an undated report, which is how the linker treats it.
"""
from __future__ import annotations

import datetime as dt

from ..dates import DateValue
from ..time.values import Interval, interval

__all__ = ["Interval", "day", "interval", "width"]


def day(value: str | None) -> dt.date | None:
    """A publication date (``2016-02-06``; a datetime is cut to its day) as a date, else None
    (also for a partial date: ``2016-02``, ``XXXX-02-06``)."""
    v = DateValue.parse(value)
    return v.date if v else None


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
