"""Resolve candidates into :class:`~storyline.records.TimeExpr` records.

:func:`find_timexes` is the entry point of the time stage: candidates are found by
regex (``candidates``) and each is given a TIMEX3 value here; the tense that places
"on Friday" or "in December" is read from the spaCy parse when a ``Doc`` of the
same text is given, else from cue words around the expression (``tense``).

Expressions that name their year resolve alone. The others are placed relative to
the :class:`~storyline.time.anchor.Anchor` (the publication date): the relative
word when there is one ("last November", "next week"), else the tense of the
governing verb, computed lazily because most candidates do not need it. Past
points back from the anchor (the anchor day included) and future forward; the
present counts as future (a dated present is a schedule: "the summit opens on
March 3"); "would" looks forward unless the past instance is much nearer ("he said he
would visit in October" in March is next October); no verb at all picks the
nearest instance, except that a bare weekday defaults to the past, as in wire
copy ("said on Friday").
"The next day" and "that year" count from the last date the text mentioned.

Impossible dates (February 30, "December 14-45") resolve to None.

All four TIMEX3 types are written, with TimeML values: DATE (also ``PRESENT_REF`` /
``PAST_REF`` / ``FUTURE_REF``, quarters ``2016-Q3``, decades ``199``, centuries ``19``),
TIME (``2016-02-05T22:30``, parts of the day ``2016-02-05TAF``), DURATION (``P3D``, ``PT16H``,
``PXY``) and SET (``P1D``, ``XXXX-WXX-4``). Business copy names quarters by what was last
reported: "the quarter" is the last quarter the text named, "the latest quarter" one already
over, "a year earlier" next to a quarter that quarter a year back. With no publication day,
the nearest full date the text states stands in for it when it may be the page's day -- inside
the span or partial value the dating found, or opening the text as a stamp does (then the year
of an unyeared date is the nearer one, the tense being no guide to a "now" the text does not
give). A partial page date with a span of days places what means one value over the whole span,
and when the span is under a week a day expression gets the interval of its values at the two ends
(devreal: a page known to lie in a three-day summit dates its "today" events 14-16 Sept 2005,
event_date_acc 0.676 -> 0.721, tbaq and the held-out dating check unchanged). A page dated to
the year only gives an unyeared month-day or month that year, and "today" the page date as far
as it goes. On devreal (30 real pages) these, the weekend by tense, implicative infinitives
("managed to climb ... on Monday" is past), a famous day before its noun ("the 11 Sept attacks"),
"a day earlier" from the last day named and half months took timex_value_acc 0.661 -> 0.729,
tbaq value F1 unchanged at 0.797.

Measured with ``bench/timeml_eval.py`` on TimeBank + AQUAINT (tbaq, 1,822 gold TIMEX3, with
the parse): before this design relaxed F1 0.788, strict 0.475, value F1 0.618; now relaxed
0.936, strict 0.874, value 0.797 (see the module of each rule for its own share). Most value
errors left are TimeBank's own conventions ("1989-WXX" for "this week", "1949-XX" for a year,
"a year ago" as a day, a quarter or a year) or documents whose creation time is days after
the story.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..happenings import happening_at, happening_in_month
from ..records import Published, TimeExpr
from . import patterns as P
from .anchor import Anchor, iso, season_value, valid_date
from .candidates import Candidate, find_candidates
from .values import interval
from .tense import CONDITIONAL, FUTURE, NOMINAL, NOMINAL_AHEAD, PAST, PRESENT, DocIndex, tense_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

TenseFn = Callable[[], "str | None"]


def find_timexes(text: str, anchor: Published, doc: "Doc | None" = None) -> list[TimeExpr]:
    """Time expressions of ``text`` with TIMEX3 values anchored on ``anchor``.

    ``doc`` is an optional spaCy parse of the same text; without it (or when its
    text differs) tense comes from cue words. Unknown parts of a value stay
    unknown (``XXXX-02-05``); an expression that cannot be placed at all, or an
    impossible date, gets value None.
    """
    if not text:
        return []
    candidates = find_candidates(text)
    if not candidates:
        return []
    reference = Anchor.from_published(anchor)
    index = _parse_index(doc, text)
    stand_ins = [] if reference.knows_day else _within(_stated_dates(candidates), anchor)
    ends = _span_ends(anchor) if reference.date is None else None
    story = Story()
    out: list[TimeExpr] = []
    for c in candidates:
        here = _nearest(stand_ins, c.start) if stand_ins else reference
        tense = _lazy_tense(text, c, index)
        agreed = _agreed(c, ends, tense, story) if ends else None
        if stand_ins and c.kind in _YEAR_BY_TENSE:
            tense = _no_tense                   # the text's own date is no "now": the nearer year wins
        value = agreed or resolve(c, here, tense, story)
        if c.kind in ("mdy", "dmy", "numeric") and "y" not in c.groups:
            value = _famous_day(value, text, c.start, c.end)
        elif c.kind == "month" and not {"y", "yrel", "rel", "mon2", "posmod"} & c.groups.keys():
            month_of = happening_in_month(text, c.start, c.end, _month(c.groups["mon"]))
            value = f"{month_of.day.year:04d}-{month_of.day.month:02d}" if month_of else value
        kind = timex_type(c, value)
        if kind in ("DATE", "TIME"):
            story.mention(value, reference=_names_a_quarter(c))
        out.append(TimeExpr(text=text[c.start:c.end], start=c.start, end=c.end, value=value, type=kind))
    return out


def _span_ends(published: Published) -> tuple[Anchor, Anchor] | None:
    """The first and last day the page's dating allows, as anchors (see :func:`_agreed`)."""
    if not published.span:
        return None
    try:
        a, b = (dt.date.fromisoformat(x) for x in published.span)
    except (TypeError, ValueError):
        return None
    if a > b:
        return None
    return Anchor(a.year, a.month, a.day, a.weekday()), Anchor(b.year, b.month, b.day, b.weekday())


def _agreed(c: Candidate, ends: tuple[Anchor, Anchor], tense: TenseFn, story: Story) -> str | None:
    """The value ``c`` takes on every day the page may have been written, when that is one value.

    A page known only to lie between 16 Sept 2020 and 20 Jan 2021 still places "in April" (said
    in the past) in April 2020: placing an expression from a later anchor never gives an earlier
    value, so when the first and the last day of the span agree every day between does too.
    "On Friday" or "today" differ between the ends and are left to the partial anchor -- unless the
    span is a few days (a page known to report the opening of a three-day summit): then a day at
    either end gives the interval between them ("today" is ``2005-09-14/2005-09-16``), which holds
    its day by the same argument and is what the page lets one say."""
    if c.kind in ("narrative",):
        return None                          # counted from the text's last date, not from the page
    lo = resolve(c, ends[0], tense, story)
    if lo is None:
        return None
    hi = resolve(c, ends[1], tense, story)
    if hi == lo:
        return lo
    a, b = _day_of(lo), _day_of(hi)
    if a is not None and b is not None and 0 < (b - a).days < SHORT_SPAN_DAYS:
        return f"{a.isoformat()}/{b.isoformat()}"
    return None


SHORT_SPAN_DAYS = 7        # a span of the page's days narrow enough to place "today" as an interval


def _day_of(value: str | None) -> dt.date | None:
    """The day of a day value ("2005-09-14", "2005-09-14TMO"), else None."""
    if not value or len(value) < 10 or (len(value) > 10 and value[10] != "T"):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _famous_day(value: str | None, text: str, start: int, end: int) -> str | None:
    """``value`` of an unyeared month-day, or the day of the happening it names (``storyline.happenings``):
    "the 11 Sept attacks" is 2001-09-11 and "the accord Tehran and the world powers sealed on July 14"
    2015-07-14 whenever the article was written. A day named for decades without its year ("9/11")
    counts only with its noun right after it; the others with their cues near."""
    if not value or len(value) != 10 or value[4] != "-":
        return value
    month, day = int(value[5:7]), int(value[8:10])
    found = happening_at(text, start, end, month, day)
    if found is None:
        return value
    if found.timeless and not any(c.match(text, end + len(m.group(0))) for c in found.cues
                                  for m in [_JOIN.match(text, end)] if m):
        return value
    return found.day.isoformat()


_JOIN = re.compile(r"\W{0,3}")


_YEAR_BY_TENSE = frozenset({"mdy", "dmy", "month", "season", "holiday", "movable"})


def _no_tense() -> str | None:
    return None


def _stated_dates(candidates: list[Candidate]) -> list[tuple[int, Anchor]]:
    """Full dates the text states ("March 3, 2016"), as stand-in anchors when the publication
    day is unknown: "on Tuesday" after "Monday, March 3, 2016" is then March 4, 2016."""
    out = []
    for c in candidates:
        if c.kind not in ("iso", "numeric", "mdy", "dmy") or "y" not in c.groups or "d2" in c.groups:
            continue
        value = _HANDLERS[c.kind](c.groups, Anchor(None, None, None, None), lambda: None)
        if value and len(value) == 10 and value[:4].isdigit():
            day = dt.date.fromisoformat(value)
            out.append((c.start, Anchor(day.year, day.month, day.day, day.weekday())))
    return out


OPENING_CHARS = 20           # a stated date this close to the start ("Posted March 7, 2016") is the text's stamp


def _within(stated: list[tuple[int, Anchor]], published: Published) -> list[tuple[int, Anchor]]:
    """The stated dates that may be the page's day: inside what its dating knows (the span, else the
    partial value's days); with nothing known, only a date that opens the text, where a stamp stands
    ("Monday, March 7, 2016. The minister ..."). On TimeBank/AQUAINT texts dated from their text alone,
    any stated date standing in for an unknown page put "today" in 1946 and "last year" in 1997: 77 of
    285 placed values differed from those the true date gives; 11 with this rule (devreal unchanged)."""
    if published.span:
        lo, hi = published.span[0], published.span[1]
    else:
        days = interval(published.date) if published.date else None
        if days is None:
            return [(pos, a) for pos, a in stated if pos < OPENING_CHARS]
        lo, hi = days[0].isoformat(), days[1].isoformat()
    out = []
    for pos, a in stated:
        d = a.date
        if d is not None and lo <= d.isoformat() <= hi:
            out.append((pos, a))
    return out


def _nearest(stated: list[tuple[int, Anchor]], pos: int) -> Anchor:
    """The last stated date before ``pos``, else the first one."""
    before = [a for p, a in stated if p <= pos]
    return before[-1] if before else stated[0][1]


def _names_a_quarter(c: Candidate) -> bool:
    return c.kind in ("part", "fin") and c.groups.get("fin") not in P.FIN_YEAR_BEFORE


def timex_type(c: Candidate, value: str | None) -> str:
    """The TIMEX3 type: DURATION and SET by family, TIME when the value has a time of day."""
    if c.kind == "duration":
        return "SET" if "per" in c.groups else "DURATION"
    if c.kind == "set":
        return "SET"
    if c.kind == "fyear" and "dur" in c.groups:
        return "DURATION"
    if c.kind == "clock" or (value and _TIME_OF_DAY.search(value)):
        return "TIME"
    return "DATE"


def _parse_index(doc: "Doc | None", text: str) -> DocIndex | None:
    """The index of ``doc`` when it is a parse of ``text``."""
    if doc is None:
        return None
    if hasattr(doc, "to_array"):            # a spaCy Doc: read through the view the later stages share,
        from ..entities.docview import view_of  # whose text is not rebuilt on every access

        doc = view_of(doc)
    return DocIndex(doc) if doc.text == text else None


@dataclass
class Story:
    """The last date the text mentioned, for "the next day" and "that year"."""

    last: Anchor | None = None
    last_day: Anchor | None = None             # the last date named to the day ("a day earlier")
    quarter: int | None = None                 # year * 4 + quarter - 1 of the last quarter named
    last_is_quarter: bool = False              # ... and it is the last date named

    def years_back(self, g: dict[str, str]) -> str | None:
        """ "A year ago" / "a year earlier" next to a quarter is that quarter a year before,
        as results are compared in business copy."""
        unit = g.get("unit") or g.get("unit3")
        if not self.last_is_quarter or self.quarter is None or unit != "year" or "n" not in g:
            return None
        n = number(g["n"])
        if not isinstance(n, int) or g.get("dir") == "later":
            return None
        index = self.quarter - 4 * n
        return f"{index // 4}-Q{index % 4 + 1}"

    def mention(self, value: str | None, reference: bool = True) -> None:
        """Remember ``value``; a quarter becomes the reported one only when ``reference``
        (it is named, not "the year-ago quarter" counted back from another)."""
        if not value:
            return
        q = _QUARTER.fullmatch(value)
        if q and not reference:
            return
        self.last_is_quarter = bool(q)
        if q:
            self.quarter = int(q.group(1)) * 4 + int(q.group(2)) - 1
        parts = value.split("/")[0].split("-")
        if len(parts[0]) != 4:                               # a decade ("199") is no reference
            return
        year = int(parts[0]) if parts[0].isdigit() else None
        month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() and month else None
        if year is None and month is None:
            return
        weekday = dt.date(year, month, day).weekday() if (year and month and day) else None
        self.last = Anchor(year, month, day, weekday)
        if self.last.knows_day:
            self.last_day = self.last


_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_TIME_OF_DAY = re.compile(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}T")


def _lazy_tense(text: str, c: Candidate, index: DocIndex | None) -> TenseFn:
    """The tense of ``c``, computed on first use only (most values need none)."""
    cache: list[str | None] = []

    def tense() -> str | None:
        if not cache:
            cache.append(tense_of(text, c.start, c.end, index, c.groups.get("prep")))
        return cache[0]

    return tense


def resolve(c: Candidate, anchor: Anchor, tense: TenseFn, story: Story | None = None) -> str | None:
    if c.kind in ("narrative", "ago") and story is not None:
        quarter = story.years_back(c.groups)
        if quarter:
            return quarter
    if c.kind == "narrative":
        last = story.last if story else None
        if story is not None and last is not None and not last.knows_day and story.last_day is not None:
            last = story.last_day if _day_step(c.groups) else last    # "A day later" after "in May"
        return _narrative(c.groups, last)
    if c.kind == "fin":
        return _fin(c.groups, anchor, tense, story or Story())
    if c.kind == "clock":
        last = story.last if story else None
        day = iso(last.year, last.month, last.day) if last and last.year and last.month and last.day else None
        return _clock(c.groups, anchor, tense, day)
    handler = _HANDLERS.get(c.kind)
    return handler(c.groups, anchor, tense) if handler else None


def _day_step(g: dict[str, str]) -> bool:
    return (g.get("unit3") or g.get("unit") or g.get("unit2")) == "day"


def _narrative(g: dict[str, str], last: Anchor | None) -> str | None:
    if last is None:
        return None
    if "n" in g:
        n = number(g["n"])
        if n is None:
            return None
        step, unit = n * P.NARRATIVE_DIRECTION[g["dir"]], g["unit3"]
    else:
        step, unit = P.NARRATIVE_STEP[g.get("step") or g["step2"]], g.get("unit") or g["unit2"]
    if unit == "day":
        return last.shifted(step) if last.knows_day else None
    if unit == "week":
        return last.week(step)
    if not float(step).is_integer():
        return None                     # "1.5 months later": no calendar month or year is meant
    if unit == "month":
        return last.month_value(int(step))
    return last.year_value(int(step))


# ------------------------------------------------------------------ helpers


def _month(word: str) -> int:
    word = word.rstrip(".")
    return P.MONTHS.get(word) or P.MONTH_ABBREVIATIONS.get(word) or P.MONTH_SLIPS[word]


def _int(word: str) -> int:
    return int("".join(ch for ch in word if ch.isdigit()))


def _rel(word: str | None) -> str | None:
    return P.RELATIVE.get(word) if word else None


def _year_of_day(month: int, day: int, anchor: Anchor, tense: str | None, deadline: bool = False) -> int | None:
    """Year of an unyeared month-day, placed by tense around the anchor."""
    if anchor.year is None:
        return None
    if anchor.month is None:                                   # a page dated to the year only: that year
        return anchor.year if valid_date(anchor.year, month, day) else None
    ref = dt.date(anchor.year, anchor.month, anchor.day or 15)
    # four years either way: February 29 must find a leap year
    options = [(dt.date(y, month, day), y) for y in range(anchor.year - 4, anchor.year + 5)
               if valid_date(y, month, day)]
    if not options:
        return None
    past = [o for o in options if o[0] <= ref]
    ahead = [o for o in options if o[0] >= ref]
    back = (ref - max(past)[0]).days if past else None
    forth = (min(ahead)[0] - ref).days if ahead else None
    # A deadline ("extended its offer to Nov. 20", written late in October; "to hand the boy
    # over by Jan. 14", written Jan. 15) is the near instance, whatever the tense says.
    if deadline and tense in (PAST, FUTURE, PRESENT) and back is not None and forth is not None:
        if tense == PAST and back > P.TENSE_REACH_DAYS and forth <= P.NEAR_DAYS:
            return min(ahead)[1]
        if tense != PAST and forth > P.TENSE_REACH_DAYS and back <= P.NEAR_DAYS:
            return max(past)[1]
    if tense == PAST:
        return max(past)[1] if past else None
    if tense in (FUTURE, PRESENT):                             # "the summit opens on March 3"
        return min(ahead)[1] if ahead else None
    if tense in (CONDITIONAL, NOMINAL_AHEAD) and back is not None and forth is not None:
        return max(past)[1] if back * P.CONDITIONAL_PAST_BIAS < forth else min(ahead)[1]
    if tense == NOMINAL and back is not None and forth is not None:
        return min(ahead)[1] if forth * P.CONDITIONAL_PAST_BIAS < back else max(past)[1]
    return min(options, key=lambda o: (abs((o[0] - ref).days), -o[1]))[1]


def _year_of_month(month: int, rel: str | None, anchor: Anchor, tense: str | None,
                   deadline: bool = False) -> int | None:
    if anchor.year is None:
        return None
    if anchor.month is None:                                   # a page dated to the year only
        return anchor.year if rel in (None, "THIS", "THE") else None
    y, am = anchor.year, anchor.month
    if tense == PAST and deadline and 0 < (month - am) % 12 <= P.NEAR_DAYS // 30:
        return y if month > am else y + 1                      # "extended the loans through January"
    if rel == "LAST":
        return y if month < am else y - 1
    if rel == "NEXT":
        return y if month > am else y + 1
    if rel in ("THIS", "THE"):
        return y
    if tense == PAST:
        return y if month <= am else y - 1
    if tense in (FUTURE, PRESENT):
        return y if month >= am else y + 1
    if tense in (CONDITIONAL, NOMINAL, NOMINAL_AHEAD) and month != am:
        back, forth = (am - month) % 12, (month - am) % 12
        past_side = (forth * P.CONDITIONAL_PAST_BIAS >= back) if tense == NOMINAL else (
            back * P.CONDITIONAL_PAST_BIAS < forth)
        if past_side:
            return y if month < am else y - 1
        return y if month > am else y + 1
    delta = month - am
    return y - 1 if delta > 6 else y + 1 if delta < -6 else y


def _qualified_year(g: dict[str, str], anchor: Anchor) -> tuple[bool, int | None]:
    """(stated?, year) from "2016" / "of last year"."""
    if "y" in g:
        return True, int(g["y"])
    if "yrel" in g:
        offset = P.YEAR_RELATIVE_OFFSET.get(g["yrel"], 0)
        return True, None if anchor.year is None else anchor.year + offset
    return False, None


def _day_range(m1: int, d1: int, m2: int, d2: int, year: int | None, stated: bool) -> str | None:
    crosses = (m2, d2) < (m1, d1)
    if crosses and m2 == m1:
        return None                                            # "December 15-14"
    y1 = year - 1 if (crosses and stated and year is not None) else year
    y2 = (y1 + 1 if crosses else y1) if y1 is not None else None
    if not (valid_date(y1, m1, d1) and valid_date(y2, m2, d2)):
        return None
    return f"{iso(y1, m1, d1)}/{iso(y2, m2, d2)}"


# ------------------------------------------------------------------ families


def _dated(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    month, day = _month(g["mon"]), _int(g["d"])
    stated, year = ("y" in g, int(g["y"]) if "y" in g else None)
    end_day = g.get("d2") or g.get("d3")
    if not valid_date(year, month, day):
        return None
    if not stated:
        year = _year_of_day(month, day, anchor, tense(), g.get("prep") in P.DEADLINE_PREPOSITIONS)
        if "wd" in g and year is not None:
            year = _year_of_weekday(month, day, P.WEEKDAYS.get(g["wd"].rstrip("."), _weekday_abbr(g["wd"])), year)
    if end_day is None:
        return iso(year, month, day)
    end_month = _month(g["mon2"]) if "mon2" in g else month
    return _day_range(month, day, end_month, _int(end_day), year, stated)


def _weekday_abbr(word: str) -> int | None:
    return P.WEEKDAY_ABBREVIATIONS.get(word.rstrip("."))


def _year_of_weekday(month: int, day: int, weekday: int | None, guess: int) -> int:
    """The year nearest ``guess`` in which month/day falls on ``weekday`` ("Thursday 20
    November" near 2003 is 2003 even when tense points to 2002); ``guess`` when none is near."""
    if weekday is None:
        return guess
    for delta in (0, -1, 1, -2, 2, -3, 3):
        y = guess + delta
        if valid_date(y, month, day) and dt.date(y, month, day).weekday() == weekday:
            return y
    return guess


def _month_family(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    month = _month(g["mon"])
    stated, year = _qualified_year(g, anchor)
    if not stated:
        rel = _rel(g.get("rel"))
        year = _year_of_month(month, rel, anchor, None if rel else tense(),
                              g.get("prep") in P.DEADLINE_PREPOSITIONS)
    if "mon2" not in g:
        return iso(year, month)
    end = _month(g["mon2"])
    if end == month:
        return None
    crosses = end < month
    y1 = year - 1 if (crosses and stated and year is not None) else year
    y2 = (y1 + 1 if crosses else y1) if y1 is not None else None
    return f"{iso(y1, month)}/{iso(y2, end)}"


def _year_family(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    if "y2" in g:
        return f"{g['y']}/{g['y2']}"
    if "y2s" in g:
        return f"{g['y']}/{g['y'][:2]}{g['y2s']}"
    return g["y"]


def _decade(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    if "decw" in g:
        return f"19{P.DECADE_WORDS[g['decw']]}"
    dec = g["dec"]
    if len(dec) == 1:
        dec = ("19" if int(dec) >= 3 else "20") + dec
    return dec


def _season(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    code = P.SEASONS[g["season"]]
    stated, year = _qualified_year(g, anchor)
    if stated:
        return None if year is None else f"{year}-{code}"
    current = anchor.season_index()
    if current is None:
        return f"XXXX-{code}"
    position = P.SEASON_ORDER.index(code)
    below = current - ((current - position) % 4)               # latest instance <= current
    above = current + ((position - current) % 4)               # earliest instance >= current
    rel = _rel(g.get("rel"))
    if rel == "LAST":
        return season_value(below if below < current else below - 4)
    if rel == "NEXT":
        return season_value(above if above > current else above + 4)
    t = tense() if rel != "THIS" else None
    if t == PAST:
        return season_value(below)
    if t == FUTURE:
        return season_value(above)
    if code == "WI":                       # the winter of the anchor's season year: Jan-Feb belong to last year's
        return season_value(current // 4 * 4 + position)
    return f"{anchor.year}-{code}"


def _part(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    year: int | None
    if "code" in g:
        kind, number = g["code"][0].upper(), int(g["code"][1])
        year = int(g["y"]) if len(g["y"]) == 4 else 2000 + int(g["y"])
        return f"{year}-{kind}{number}" if (kind == "Q" or number <= 2) else None
    if "mon" in g:
        return _half_month(g, anchor, tense)
    kind = "Q" if g["hq"] == "quarter" else "H"
    count = 4 if kind == "Q" else 2
    number = P.ORDINALS[g["ord"]]
    stated, year = _qualified_year(g, anchor)
    if number == -1 and not stated:                            # "last quarter": the one before this
        if anchor.year is None or anchor.month is None:
            return None
        current = (anchor.month - 1) * count // 12
        index = anchor.year * count + current - 1
        return f"{index // count}-{kind}{index % count + 1}"
    number = count if number == -1 else number
    if number > count:
        return None
    if not stated:
        year = anchor.year
    return f"{'XXXX' if year is None else year}-{kind}{number}"


def _half_month(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    month = _month(g["mon"])
    year = int(g["y"]) if "y" in g else _year_of_month(month, None, anchor, tense())
    if year is None:
        return None
    last = calendar.monthrange(year, month)[1]
    first_half = g["ord"].lower() == "first"
    a, b = (1, 15) if first_half else (16, last)
    return f"{iso(year, month, a)}/{iso(year, month, b)}"


def _period(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    unit = g["unit"]
    rel = _rel(g.get("rel")) or "THIS"
    step = {"LAST": -1, "NEXT": 1}.get(rel, 0)
    if unit == "week":
        return anchor.week(step)
    if unit == "month":
        return anchor.month_value(step)
    if unit == "year":
        return anchor.year_value(step)
    if unit == "quarter":
        if anchor.year is None or anchor.month is None:
            return None
        index = anchor.year * 4 + (anchor.month - 1) // 3 + step
        return f"{index // 4}-Q{index % 4 + 1}"
    return _weekend(rel, anchor, tense)


def _weekend(rel: str, anchor: Anchor, tense: TenseFn) -> str | None:
    if anchor.weekday is None:
        return None
    aw = anchor.weekday
    back = -((aw - 5) % 7)                                      # Saturday of the latest weekend begun
    if rel == "LAST":
        saturday = back - 7 if back >= -1 else back
    elif rel == "NEXT":
        saturday = (5 - aw) % 7 or 7
    else:
        # a weekend begun or told in the past is the latest; a future or present one the coming one;
        # "were due to meet at the weekend" (no firm tense) the nearer of the two
        t = tense()
        ahead = (5 - aw) % 7
        if back >= -1 or t == PAST:
            saturday = back
        elif t in (FUTURE, PRESENT):
            saturday = ahead
        else:
            saturday = back if -back <= ahead else ahead
    first, last = anchor.shifted(saturday), anchor.shifted(saturday + 1)
    return f"{first}/{last}" if first and last else None


def _dayrel(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    shift = P.DAY_RELATIVE[g["drel"]]
    if shift == 0 and not anchor.knows_day and anchor.year is not None:
        # "today" on a page dated to the month or year only: as precise as the page date
        return anchor.month_value(0) if anchor.month is not None else anchor.year_value(0)
    day = anchor.shifted(shift)
    part = g.get("part") or {"tonight": "night", "last night": "night", "this morning": "morning",
                             "this afternoon": "afternoon", "this evening": "evening"}.get(g["drel"])
    return _with_part(day, part)


def _with_part(day: str | None, part: str | None) -> str | None:
    """``2016-02-05`` and "afternoon" make ``2016-02-05TAF``."""
    if day is None or part is None or len(day) != 10:
        return day
    return f"{day}T{P.PART_CODES[part]}"


def weekday_offset(weekday: int, anchor_weekday: int, rel: str | None, tense: str | None,
                   week_shift: int | None = None) -> int:
    """Days from the anchor to the meant weekday."""
    if week_shift is not None:
        return weekday - anchor_weekday + 7 * week_shift
    back, ahead = (anchor_weekday - weekday) % 7, (weekday - anchor_weekday) % 7
    if rel == "LAST":
        return -(back or 7)
    if rel == "NEXT":
        return ahead or 7
    if tense == PAST:
        return -back
    if tense in (FUTURE, PRESENT) or rel == "THIS":
        return ahead
    if tense == CONDITIONAL:
        return ahead if ahead <= back else -back
    return -back


def _weekday(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    if anchor.weekday is None:
        return None
    rel = _rel(g.get("rel"))
    week_shift = {"last": -1, "next": 1, "this": 0}.get(g.get("wkrel", ""))
    t = tense() if (rel in (None, "THIS") and week_shift is None) else None
    if t == PAST and g.get("prep") in ("until", "till"):
        t = FUTURE                                             # "gave them until Tuesday", "postponed until Friday"
    day = anchor.shifted(weekday_offset(P.WEEKDAYS[g["wd"]], anchor.weekday, rel, t, week_shift))
    return _with_part(day, g.get("part"))


def _ago(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    count = number(g["n"])
    if count is None:
        return "PAST_REF"                                      # "several years ago"
    unit = g["unit"]
    if unit == "decade":
        unit, count = "year", count * 10
    if unit == "day":
        return anchor.shifted(-count)
    if unit == "week":
        return anchor.week(-count)
    if not float(count).is_integer():
        return "PAST_REF"               # "2.5 years ago": no calendar month or year is meant
    if unit == "month":
        return anchor.month_value(-int(count))
    return anchor.year_value(-int(count))


def _holiday(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    month, day = P.HOLIDAYS[g["hol"]]
    year = int(g["y"]) if "y" in g else _year_of_day(month, day, anchor, tense())
    return iso(year, month, day)


def _iso(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
    return iso(y, m, d) if valid_date(y, m, d) else None


def _numeric(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
    if g["sep"] == "/":
        month_first = a <= 12                                  # 01/26/2016: US order unless impossible
    else:
        month_first = a <= 12 < b                              # 26.01.2016: day first unless impossible
    m, d = (a, b) if month_first else (b, a)
    return iso(y, m, d) if valid_date(y, m, d) else None


_HANDLERS: dict[str, Callable[[dict[str, str], Anchor, TenseFn], "str | None"]] = {
    "iso": _iso, "numeric": _numeric, "mdy": _dated, "dmy": _dated, "month": _month_family,
    "year": _year_family, "decade": _decade, "season": _season, "part": _part, "period": _period,
    "dayrel": _dayrel, "weekday": _weekday, "ago": _ago, "holiday": _holiday,
}


# ------------------------------------------------------------------ durations, sets, references, times


def number(word: str) -> float | None:
    """``3``, ``2.5``, ``5 1/2``, "three", "twenty-four", "a couple of"; None when vague ("several")."""
    word = " ".join(word.lower().replace("-", " ").split())
    half = 0.5 if word.endswith(" 1/2") else 0.0
    word = word.removesuffix(" 1/2")
    try:
        return float(word) + half if "." in word else int(word) + half if half else int(word)
    except ValueError:
        pass
    if word in P.NUMBER_WORDS:
        return P.NUMBER_WORDS[word]
    parts = word.split()
    if len(parts) == 2 and parts[0] in P.TENS and parts[1] in P.ONES:
        return P.NUMBER_WORDS[parts[0]] + P.ONES.index(parts[1]) + 1
    return None


def duration_value(count: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, "day") is ``P3D``, (None, "year") ``PXY``, (2.5, "year") ``P2Y6M``."""
    unit = unit.lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    letter, size, clock = P.DURATION_UNITS[unit]
    lead = "PT" if clock else "P"
    if count is None:
        return f"{lead}X{'Q' if unit == 'quarter' else 'E' if unit == 'century' else letter}"
    whole = int(count)
    if count != whole and unit in P.HALF_UNIT:
        half = P.HALF_UNIT[unit]
        return f"{lead}{whole * size}{letter}{half}" if whole else f"{lead}{half}"
    return f"{lead}{whole * size}{letter}"


def _duration(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    if "bare" in g:
        return duration_value(None, g["bare"].split()[-1])
    if "long" in g:                                            # "decades-long" PXY, "day-long" P1D
        word = g["long"]
        return duration_value(None if word.endswith("s") else 1, word)
    if "dec" in g:
        return duration_value(1, g["dec"].split()[-1])
    unit = g["unit"]
    if "vague" in g:
        return duration_value(None, unit)
    count = number(g["n"])
    if count is not None and "half" in g:
        count += 0.5
    if "per" in g:
        return duration_value(1, unit)
    return duration_value(count, unit)


def _set(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    if "adv" in g:
        return P.SET_ADVERBS[g["adv"]]
    part = f"T{P.PART_CODES[g['part'].rstrip('s')]}" if "part" in g else ""
    if "wds" in g:
        return f"XXXX-WXX-{P.WEEKDAYS[g['wds']] + 1}{part}"
    if "wd" in g:
        return f"XXXX-WXX-{P.WEEKDAYS[g['wd']] + 1}{part}"
    if "mon" in g:
        return f"XXXX-{_month(g['mon']):02d}"
    count = number(g["n"]) if "n" in g else 1
    if "other" in g:
        count = 2
    return duration_value(count, g["unit"])


def _ref(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    return P.REFERENCES[g["ref"]]


def _clock(g: dict[str, str], anchor: Anchor, tense: TenseFn, last_day: str | None = None) -> str | None:
    if "word" in g:
        hhmm = P.CLOCK_WORDS[g["word"]]
    else:
        hour, minute = (int(g["h"]), int(g.get("min", 0))) if "h" in g else (int(g["h24"]), int(g["min24"]))
        if "ampm" in g:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if g["ampm"].startswith("p") else 0)
        if hour > 24 or minute > 59:
            return None
        hhmm = f"{hour:02d}:{minute:02d}"
    if "wd" in g:
        day = _weekday({"wd": g["wd"], **({"prep": g["prep"]} if "prep" in g else {})}, anchor, tense)
    elif "drel" in g:
        day = anchor.shifted(P.DAY_RELATIVE[g["drel"]])
    elif "mon" in g:
        day = _dated({"mon": g["mon"], "d": g["d"]}, anchor, tense)
    elif last_day is not None:
        day = last_day                                         # "at 6 a.m." on the day the story is at
    else:
        day = anchor.shifted(0)
    return f"{day or 'XXXX-XX-XX'}T{hhmm}"


def _fin(g: dict[str, str], anchor: Anchor, tense: TenseFn, story: Story) -> str | None:
    """Financial periods: the last quarter the text named, or the last one completed."""
    current = None if anchor.year is None or anchor.month is None else anchor.year * 4 + (anchor.month - 1) // 3
    reported = story.quarter if story.quarter is not None else (current - 1 if current is not None else None)
    fin = g.get("fin", "")
    back = 4 if fin in P.FIN_YEAR_BEFORE else 0
    if fin in ("latest", "most recent") and reported is not None and current is not None:
        reported = min(reported, current - 1)                  # the latest is one already reported
    if "yrel" in g and anchor.year is not None:                # "next year's first quarter"
        year = anchor.year + P.YEAR_RELATIVE_OFFSET[g["yrel"]]
        number = P.ORDINALS[g["ord"]] if "ord" in g else (reported % 4 + 1 if reported is not None else None)
        return f"{year}-Q{number}" if number else str(year)
    if "ord" in g:
        q = P.ORDINALS[g["ord"]] - 1
        base = reported if reported is not None else current
        if base is None:
            return f"XXXX-Q{q + 1}"
        year = int(g["y"]) if "y" in g else base // 4 - back // 4
        return f"{year}-Q{q + 1}"
    index: int | None
    if "y" in g:                                              # "the 1988 period": that year's reported quarter
        if reported is None:
            return g["y"]
        index = int(g["y"]) * 4 + reported % 4
    elif fin in ("current", "this") or g.get("det") == "this":
        index = current
    else:
        index = reported
    if index is None:
        return None
    if "unit" not in g:                                        # bare "year-ago": the reported period, a year back
        if story.quarter is None and story.last is not None and story.last.month is None and story.last.year:
            return str(story.last.year - 1)
    index -= back
    return f"{index // 4}-Q{index % 4 + 1}"


def _century(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    n = int(g["c"]) if "c" in g else P.CENTURY_WORDS[g["cw"]]
    return f"{n - 1:02d}" if 1 <= n <= 30 else None


def _spoken_year(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    if "tt" in g:
        return str(2000 + (P.ONES.index(g["so"]) + 1 if "so" in g else 0))
    century = 19 if g["sy"] == "nineteen" else 18
    if "teen" in g:
        year = f"{century}{P.NUMBER_WORDS[g['teen']]}"
    else:
        year = f"{century}{P.NUMBER_WORDS[g['st']] + (P.ONES.index(g['so']) + 1 if 'so' in g else 0):02d}"
    if "mon" in g:
        return f"{year}-{_month(g['mon']):02d}"                # "January nineteen ninety-seven"
    if "season" in g:
        return f"{year}-{P.SEASONS[g['season']]}"
    return year


_HANDLERS.update({"duration": _duration, "set": _set, "ref": _ref, "century": _century,
                  "spoken_year": _spoken_year})


def _fyear(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    if "dur" in g:
        return "P1Y"
    return anchor.year_value(0)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ``weekday`` of a month (n = -1: the last)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _movable(g: dict[str, str], anchor: Anchor, tense: TenseFn) -> str | None:
    month, weekday, n = P.MOVABLE_HOLIDAYS[g["mh"]]
    if "y" in g:
        return nth_weekday(int(g["y"]), month, weekday, n).isoformat()
    ref = anchor.date
    if ref is None or anchor.year is None:
        return None
    this = nth_weekday(anchor.year, month, weekday, n)
    rel, t = g.get("rel"), None if g.get("rel") else tense()
    if rel == "last" or (rel is None and t in (PAST, NOMINAL, None) and this > ref):
        return (this if this < ref else nth_weekday(anchor.year - 1, month, weekday, n)).isoformat()
    if rel == "next" or (this < ref and t in (FUTURE, PRESENT)):
        return (this if this > ref else nth_weekday(anchor.year + 1, month, weekday, n)).isoformat()
    return this.isoformat()


_HANDLERS.update({"fyear": _fyear, "movable": _movable})
