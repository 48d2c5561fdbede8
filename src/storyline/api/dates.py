"""TIMEX3 values as calendar ranges, for sorting, filtering and placing events on a timeline.

Event dates in the article record are TIMEX3 values (OUTPUT.md): days, months,
years, seasons, quarters, halves, ISO weeks and intervals. The web page and the
queries need an interval of calendar days for each one; a value with an unknown
year (``XXXX-02-06``) has none and is treated as undated.
"""
from __future__ import annotations

import re
from datetime import date

from ..dates import DateValue
from ..time.values import interval

# a user-supplied bound in a filter: a year, a month or a day
_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Range = tuple[date, date]


def timex_range(value: str | None) -> Range | None:
    """The calendar days a TIMEX3 value covers, or None when it has no known year
    (see ``storyline.time.values``).

    >>> timex_range("2016-SP")
    (datetime.date(2016, 3, 1), datetime.date(2016, 5, 31))
    """
    return interval(value)


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
    v = DateValue.parse(value)
    return v.date if v else None


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
