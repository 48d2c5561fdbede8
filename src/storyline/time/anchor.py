"""The reference point of an article and calendar arithmetic around it.

An :class:`Anchor` is what is known of the publication date: any of year, month,
day and weekday may be missing. Arithmetic never invents what is unknown: with no
year, "yesterday" of ``XXXX-03-01`` is left open because February may or may not
have a 29th, while "yesterday" of ``XXXX-02-06`` is ``XXXX-02-05``.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..dates import DateValue
from ..records import Published
from .patterns import SEASON_OF_MONTH, SEASON_ORDER

_REFERENCE_YEARS = (2015, 2016)      # one common, one leap year: both must agree
_MIN_YEAR, _MAX_YEAR = 100, 9000


@dataclass(frozen=True)
class Anchor:
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None              # 0=Monday

    @classmethod
    def from_published(cls, p: Published) -> "Anchor":
        year, month, day, weekday = p.year, p.month, p.day, p.weekday
        if (month is None or day is None) and p.date:
            year, month, day = _parse_partial(p.date, year, month, day)
        if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:       # room for arithmetic
            year = None
        if month is not None and not 1 <= month <= 12:
            month = day = None
        if month is not None and day is not None and not valid_date(year, month, day):
            day = None
        if weekday is not None and not 0 <= weekday <= 6:
            weekday = None
        if year is not None and month is not None and day is not None:
            weekday = dt.date(year, month, day).weekday()
        return cls(year, month, day, weekday)

    @property
    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @property
    def knows_day(self) -> bool:
        return self.month is not None and self.day is not None

    def shifted(self, days: float) -> str | None:
        """TIMEX value of the anchor day moved by ``days``; None when unknowable."""
        d = self.date
        if d is not None:
            return (d + dt.timedelta(days=days)).isoformat()
        if not self.knows_day:
            return None
        assert self.month is not None and self.day is not None
        seen = set()
        for ref in _REFERENCE_YEARS:
            if valid_date(ref, self.month, self.day):
                moved = dt.date(ref, self.month, self.day) + dt.timedelta(days=days)
                seen.add((moved.month, moved.day))
        if len(seen) != 1:
            return None
        month, day = seen.pop()
        return f"XXXX-{month:02d}-{day:02d}"

    def week(self, weeks: float) -> str | None:
        d = self.date
        if d is None:
            return None
        iso = (d + dt.timedelta(weeks=weeks)).isocalendar()
        return f"{iso.year}-W{iso.week:02d}"

    def month_value(self, months: int) -> str | None:
        if self.month is None:
            return None
        index = self.month - 1 + months
        if self.year is None:
            return f"XXXX-{index % 12 + 1:02d}" if 0 <= index < 12 else None
        return f"{self.year + index // 12}-{index % 12 + 1:02d}"

    def year_value(self, years: int) -> str | None:
        return None if self.year is None else str(self.year + years)

    def season_index(self) -> int | None:
        """Running number of the anchor's season (year * 4 + position)."""
        if self.year is None or self.month is None:
            return None
        code = SEASON_OF_MONTH[self.month]
        season_year = self.year - 1 if self.month <= 2 else self.year
        return season_year * 4 + SEASON_ORDER.index(code)


def valid_date(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:                                   # Feb 29 exists in some year
        return day <= (29 if month == 2 else calendar.monthrange(2015, month)[1])
    return 1 <= year <= 9999 and day <= calendar.monthrange(year, month)[1]


def iso(year: int | None, month: int, day: int | None = None) -> str:
    y = "XXXX" if year is None else f"{year:04d}"
    return f"{y}-{month:02d}" if day is None else f"{y}-{month:02d}-{day:02d}"


def season_value(index: int) -> str:
    return f"{index // 4}-{SEASON_ORDER[index % 4]}"


def _parse_partial(value: str, year: int | None, month: int | None,
                   day: int | None) -> tuple[int | None, int | None, int | None]:
    """Fill year/month/day from ``2016-02-06`` or ``XXXX-02-06``."""
    v = DateValue.parse(value) or DateValue(None)
    return (year if year is not None else v.year, month if month is not None else v.month,
            day if day is not None else v.day)
