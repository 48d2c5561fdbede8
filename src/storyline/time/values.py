"""TIMEX3 date values as closed intervals of calendar days: the one reader of the values the
normaliser writes, used wherever dates are compared (events, linking, the API, the page).

``interval("2016-12")`` is ``(2016-12-01, 2016-12-31)``. Days, months, years, seasons
(meteorological, northern hemisphere: ``WI`` runs into the next year), quarters, halves, ISO
weeks and ``a/b`` ranges are understood. A value with an unknown part (``XXXX-12-14``), a
reference (``PRESENT_REF``), an impossible date or anything else gives None.

``stretch("2016-02-08", "P3D")`` is ``2016-02-08/2016-02-10``: a day and the duration of what
starts on it ("a three-day visit starting Monday") make a range of days.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

Interval = tuple[dt.date, dt.date]

SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_VALUE = re.compile(r"(\d{4})(?:-(\d{2}|SP|SU|FA|AU|WI|Q[1-4]|H[12]|W\d{2})(?:-(\d{2}))?)?")
_MIN_YEAR, _MAX_YEAR = 1000, 9998


@lru_cache(maxsize=65536)
def interval(value: str | None) -> Interval | None:
    """A TIMEX3 date value as a closed interval of days, or None when it is not a calendar date."""
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
    except ValueError:         # 2016-02-30, week 54, month 13: not a date
        return None


def _month_span(y: int, first: int, last: int) -> Interval:
    end_y, end_m = y + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(y, first, 1), dt.date(end_y, end_m, calendar.monthrange(end_y, end_m)[1])


def _parts(y: int, part: str | None, day: str | None) -> Interval | None:
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    if part is None:
        return _month_span(y, 1, 12)
    if part in SEASONS:
        return _month_span(y, *SEASONS[part])
    if part[0] == "Q":
        q = int(part[1])
        return _month_span(y, 3 * q - 2, 3 * q)
    if part[0] == "H":
        h = int(part[1])
        return _month_span(y, 6 * h - 5, 6 * h)
    if part[0] == "W":
        start = dt.date.fromisocalendar(y, int(part[1:]), 1)
        return start, start + dt.timedelta(days=6)
    mo = int(part)
    if day is None:
        return _month_span(y, mo, mo)
    d = dt.date(y, mo, int(day))
    return d, d


def days(value: str | None) -> int | None:
    """How many days the value spans (1 for a day); None when undated."""
    iv = interval(value)
    return None if iv is None else (iv[1] - iv[0]).days + 1


_DAYS_OF = re.compile(r"P(\d{1,3})([DW])")


def stretch(value: str | None, duration: str | None) -> str | None:
    """A day ``value`` stretched over a duration of days or weeks; ``value`` unchanged otherwise."""
    if not value or not duration:
        return value
    m = _DAYS_OF.fullmatch(duration)
    if not m or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    n = int(m.group(1)) * (7 if m.group(2) == "W" else 1)
    if n <= 1:
        return value
    try:
        start = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{value}/{(start + dt.timedelta(days=n - 1)).isoformat()}"
