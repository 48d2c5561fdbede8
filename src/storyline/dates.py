"""One date value for the whole house: full and partial TIMEX3 calendar dates.

A publication date, an event's date and a filter bound are all the same kind of thing:
a calendar date known to some precision -- ``2016-12-15``, ``2016-12``, ``2016``, or a
day whose year is undecided (``XXXX-02-06``, a wire dateline that prints no year). Before
this module nine functions parsed such strings, each a little differently (one cut
datetimes, one accepted ``XXXX``, one did not). :class:`DateValue` parses once, keeps
exactly what is known, and answers the questions the stages ask: is it a full day, which
days can it mean (:meth:`DateValue.bounds`), does it hold a given day, and its ISO text.

Only calendar dates live here; weeks, seasons, quarters and intervals are TIMEX3 values
handled by ``storyline.time``. Parsing is strict about ranges (month 1-12, a real day of
that month) so a bad value is ``None``, never a wrong date.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# 2016-12-15, 2016-12, 2016, XXXX-12-15, XXXX-12; a trailing time (T10:30, " 10:30") is cut to the day
_VALUE = re.compile(r"\s*(\d{4}|XXXX)(?:-(\d{1,2}|XX)(?:-(\d{1,2}|XX))?)?(?:[T ].*)?\s*$")
# the day inside a machine-written stamp: "2016-12-15T10:30:00+03:00", "Published 2016-12-15 10:30"
_STAMP_DAY = re.compile(r"((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})")
# other shapes a feed or a scraper writes a stamp in: epoch seconds or milliseconds, YYYYMMDD, an RFC 2822 day
# ("Sat, 29 Jun 2019 10:00:00 GMT"), a day with the month's name, d/m/y or m/d/y when one part tells which
_EPOCH = re.compile(r"\s*(\d{10}|\d{13})(?:\.\d+)?\s*")
_COMPACT = re.compile(r"\s*((?:19|20)\d\d)(\d\d)(\d\d)(?:T\d{4,6}Z?)?\s*")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_NAMED = re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d\d)|"
                    r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d))\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b")


@dataclass(frozen=True)
class DateValue:
    """A calendar date known to some precision; ``None`` parts are unknown."""
    year: int | None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: object) -> DateValue | None:
        """``2016-12-15``/``2016-12``/``2016``/``XXXX-02-06`` (a datetime is cut to its day); None otherwise."""
        if not isinstance(text, str):
            return None
        m = _VALUE.match(text)
        if not m:
            return None
        year, month, day = (int(g) if g and g.isdigit() else None for g in m.groups())
        if year is None and month is None:
            return None                                    # "XXXX" alone says nothing
        return cls.of(year, month, day)

    @classmethod
    def in_stamp(cls, text: object) -> DateValue | None:
        """The first full ISO day written anywhere in a metadata stamp (an HTML date meta, a
        ``<time datetime>``, an input's ``published`` field), years 1900-2099; None otherwise.

        Looser than :meth:`parse` about what surrounds the day (time zones, words, a second
        stamp), stricter about what it is: a stamp gives a day or nothing, never a month."""
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            text = str(int(text))
        if not isinstance(text, str):
            return None
        m = _STAMP_DAY.search(text)
        if m:
            return cls.of(int(m[1]), int(m[2]), int(m[3]))
        return _other_stamp(text[:200])

    @classmethod
    def of(cls, year: int | None, month: int | None = None, day: int | None = None) -> DateValue | None:
        """The value of these parts, or None when they are not a possible date."""
        if month is None and day is not None:
            return None
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None:
            # Feb 29 is possible while the year is unknown
            last = calendar.monthrange(year if year is not None else 2000, month or 1)[1]
            if not 1 <= day <= last:
                return None
        if year is not None and not 1 <= year <= 9999:
            return None
        return cls(year, month, day)

    @classmethod
    def from_date(cls, d: dt.date) -> DateValue:
        return cls(d.year, d.month, d.day)

    @property
    def is_full(self) -> bool:
        """Year, month and day all known."""
        return self.year is not None and self.month is not None and self.day is not None

    @property
    def date(self) -> dt.date | None:
        """The day, when the value is a full date."""
        return dt.date(self.year, self.month, self.day) if self.is_full else None  # type: ignore[arg-type]

    @property
    def weekday(self) -> int | None:
        d = self.date
        return d.weekday() if d else None

    def bounds(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the value can mean; None when the year is unknown."""
        if self.year is None:
            return None
        if self.month is None:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        if self.day is None:
            return (dt.date(self.year, self.month, 1),
                    dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1]))
        d = dt.date(self.year, self.month, self.day)
        return d, d

    def holds(self, day: dt.date) -> bool:
        """Whether ``day`` is one the value can mean (an unknown year holds any year's month-day)."""
        if self.year is not None and self.year != day.year:
            return False
        return (self.month is None or self.month == day.month) and (self.day is None or self.day == day.day)

    def iso(self) -> str:
        """TIMEX3 text: ``2016-12-15``, ``2016-12``, ``2016``, ``XXXX-02-06``."""
        parts = ["XXXX" if self.year is None else f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def __str__(self) -> str:
        return self.iso()


def _other_stamp(text: str) -> DateValue | None:
    """A day in a stamp that is not ISO (see ``_EPOCH`` and the patterns after it); None when the stamp
    does not tell one day."""
    m = _EPOCH.fullmatch(text)
    if m:
        secs = int(m[1]) / (1000 if len(m[1]) == 13 else 1)
        d = dt.datetime.fromtimestamp(secs, dt.timezone.utc).date()
        return DateValue.from_date(d) if 1990 <= d.year <= 2100 else None
    m = _COMPACT.fullmatch(text)
    if m:
        return DateValue.of(int(m[1]), int(m[2]), int(m[3]))
    m = _NAMED.search(text)
    if m:
        day, name, year = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
        month = _MONTHS.get(name[:3].lower())
        if month and (calendar.month_name[month].lower().startswith(name.lower()) or name.lower() == "sept"):
            return DateValue.of(int(year), month, int(day))
    m = _NUMERIC.search(text)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        if a > 12 >= b:
            return DateValue.of(year, b, a)
        if b > 12 >= a:
            return DateValue.of(year, a, b)
    return None
