"""Dating an undated article from the dated reports of the same corpus event.

A page that prints no full date often still says *when* its news happened relative to
itself: "met ... today", "arrived yesterday", "held talks on Friday". When other articles
of the store, dated to the day with confidence, report the same happening on a known day,
that relation gives the page's own date back: "today" is the event's day, "yesterday" the
day after it, "on Friday" one of the seven days from that Friday on.

``redate_record(record, sources)`` does it for one article record (OUTPUT.md dict), given
the corpus events of the blocks its reports fall in (``Source``: the event's reports and
the day the confident dated reports agree it happened). For each of the article's reports:

1. *Which page days fit.* The report's time expressions (those inside its evidence
   sentence) are resolved again by the time stage itself (``find_timexes`` on the
   sentence) with each candidate page day as the anchor, for the days within
   ``WINDOW_DAYS`` of the event's day that the page's own partial date allows
   (``2016``, ``2016-02``, ``XXXX-02-06``, ``2013/2021``: never contradicted). A day fits
   when one of them then names exactly the event's day. An expression that does not depend
   on the page day ("March 12") fits every day or none and so says nothing: only sets of at
   most ``MAX_SPAN_DAYS`` consecutive days, clear of the window's edges, are kept.
2. *Whether it is that event.* The report, given a fitting day as its publication day and
   the event's day as its date, must be accepted by the linker's own ``compare`` against
   the event's reports, and share with them, and with the reports that fixed the event's day,
   something besides the date -- a named person, and the place or much the same wording -- and
   name no one the event's reports do not name on that side: the date is what is being
   inferred, so it cannot also be the proof of identity. The report must fit exactly one
   event of its people on a known day, and no other event of theirs whose day is unknown. A report that fits several events of different days is dropped.
3. *What the page day is.* The fitting days of every report kept are intersected (an
   empty intersection means the reports disagree: no change). One day gives the full
   date; several give the narrowest value that holds them (a span of days inside one
   month, ``2016-02-05/2016-02-11``, else the month or the year), and only if that is
   narrower than what the page had.

``how`` gains ``corpus-event``; the confidence stays below the 0.9 that marks a date
as settled (``CONFIDENCE``), so that an article dated this way never dates another: the
sources are only articles dated to the day from their own page with confidence >= 0.9
(no loops, and the result does not depend on the order articles are redated in).

Measured. Samples: the undated ``020`` (its page alone allows 2013-2020) is dated 2019-06-13
from the dated ``019`` (the talks it calls "yesterday"); with the pair, published_acc 0.923 ->
0.962, timex values 0.928 -> 0.942, event dates 0.826 -> 0.848, B-cubed 0.957 -> 0.963. Devreal
has no event reported by two articles: its export is byte-identical. ``bench/redate_bench.py``
(10k synthetic events, a fifth of the pages stripped of every date; its people meet again and
again in a few cities, worded alike): 42 pages dated to the day, all right, 101 to a span, one
wrong; +0.7 cpu s (about +10%) on the linking job. Before identity needed the place or the same
wording besides a person (people alone, or wording at the linker's 0.5), 11 of 77 were wrong:
leaders meet again and again. What still goes wrong: a meeting the corpus does not know, whose
people met in the same place on a day it knows (6 of 56 days with 30% of pages undated; 2 of 53
when the pages keep their year).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..codes import Status
from ..dates import DateValue
from ..records import Published
from ..time import find_timexes
from ..time.values import interval
from .actors import published_span
from . import dates
from .compare import Cluster, _evidence_overlap, compare
from .mentions import Mention, mentions_of, same_person
from .rules import RULES, LinkRules

HOW = "corpus-event"
SOURCE_CONFIDENCE = 0.9      # sources: articles dated to the day from their own page at least this surely
WINDOW_DAYS = 9              # page days tried on either side of the event's day: a week and the edges
MAX_SPAN_DAYS = 7            # a relation that leaves more days open than a week says too little
SAME_WORDING = 0.9         # share of content words in common that makes a sentence another's rewording
CONFIDENCE = {"day": 0.8, "day-agreed": 0.85, "span": 0.6}


@dataclass
class Source:
    """One corpus event of a block with all its reports, and the day its confident dated reports
    agree it happened (None when they do not say: such an event can still make a report ambiguous)."""

    event_id: str
    day: dt.date | None
    members: list[Mention]
    witnesses: list[Mention] = field(default_factory=list)     # the confident reports that fixed the day
    _clusters: dict[bool, Cluster] = field(default_factory=dict, init=False, repr=False)

    def cluster(self, rules: LinkRules, witnesses: bool = False) -> Cluster:
        """The event as the linker sees it (``witnesses``: made of the reports that fixed its day only)."""
        if witnesses not in self._clusters:
            c = Cluster(self.event_id, rules.evidence_kept)
            for m in sorted(self.witnesses if witnesses else self.members, key=lambda m: m.sort_key):
                c.add(m)
            self._clusters[witnesses] = c
        return self._clusters[witnesses]


@dataclass
class Redated:
    """The new publication date of one article and what gave it."""

    published: Published
    events: list[str]            # corpus events whose day dated it
    days: tuple[dt.date, dt.date]


def established_day(reports: Iterable[Mention]) -> tuple[dt.date | None, list[Mention]]:
    """The day a happening took place according to its confident dated reports, and the reports
    that say so: their day-precise "happened" dates, if they all name one day; else (None, [])
    (no such report, or a visit of several days)."""
    held = [m for m in reports if m.status == Status.HAPPENED and m.interval and m.interval[0] == m.interval[1]]
    days = {m.interval[0] for m in held if m.interval}
    return (days.pop(), held) if len(days) == 1 else (None, [])


def is_day(value: str | None) -> bool:
    """Whether a publication date is a full day (``2016-02-06``)."""
    v = DateValue.parse(value)
    return bool(v and v.is_full and value and "/" not in value)


def allowed_days(value: str | None, known: object = None) -> tuple[tuple[dt.date, dt.date] | None, DateValue | None]:
    """What the page's own partial date allows: a span of days (``2016``, ``2016-02``,
    ``2013/2021``, a span of days) and/or a month-day of an unknown year (``XXXX-02-06``), narrowed by
    the record's ``published.span`` (``known``: the first and last day the page's evidence allows)."""
    if not value:
        return None, None
    span = published_span(value) or interval(value)
    if span is not None and isinstance(known, (list, tuple)) and len(known) == 2:
        try:
            a, b = dt.date.fromisoformat(str(known[0])), dt.date.fromisoformat(str(known[1]))
        except ValueError:
            a, b = span
        if max(a, span[0]) <= min(b, span[1]):
            span = (max(a, span[0]), min(b, span[1]))
    v = DateValue.parse(value) if "/" not in value else None
    return span, (v if v is not None and v.year is None else None)


def _fits_page(day: dt.date, span: tuple[dt.date, dt.date] | None, md: DateValue | None) -> bool:
    if span is not None and not span[0] <= day <= span[1]:
        return False
    return md is None or md.holds(day)


@lru_cache(maxsize=4096)
def _resolved(sentence: str, day: dt.date) -> tuple[tuple[int, int, str | None], ...]:
    """The time expressions of ``sentence`` as the time stage resolves them on page day ``day``."""

    anchor = Published(date=day.isoformat(), how="hypothesis", confidence=1.0, year=day.year, month=day.month,
                       day=day.day, weekday=day.weekday())
    return tuple((t.start, t.end, t.value) for t in find_timexes(sentence, anchor) if t.type in ("DATE", "TIME"))


def page_days(sentence: str, spans: Iterable[tuple[int, int]], event_day: dt.date,
              page: tuple[tuple[dt.date, dt.date] | None, DateValue | None] = (None, None)) -> list[dt.date]:
    """The page days on which one of the expressions at ``spans`` (offsets in ``sentence``) names
    exactly ``event_day``; empty unless they are at most ``MAX_SPAN_DAYS`` consecutive days clear
    of the window tried (see the module docstring)."""
    wanted = set(spans)
    if not wanted:
        return []
    span, md = page
    fits: list[dt.date] = []
    first, last = event_day - dt.timedelta(days=WINDOW_DAYS), event_day + dt.timedelta(days=WINDOW_DAYS)
    d = first
    while d <= last:
        if _fits_page(d, span, md):
            for start, end, value in _resolved(sentence, d):
                if (start, end) in wanted:
                    iv = interval(value)
                    if iv is not None and iv[0] == iv[1] == event_day:
                        fits.append(d)
                        break
        d += dt.timedelta(days=1)
    if not fits or (fits[-1] - fits[0]).days + 1 > MAX_SPAN_DAYS or len(fits) != (fits[-1] - fits[0]).days + 1:
        return []
    if fits[0] == first or fits[-1] == last:
        return []                   # the window cut the days: the expression may fit beyond it
    return fits


def _timex_spans(record: dict[str, Any], ev: dict[str, Any]) -> tuple[str, list[tuple[int, int]]]:
    """The evidence sentence of an event and the offsets in it of the article's time expressions
    inside it."""
    evidence = ev.get("evidence") or {}
    text = evidence.get("text") if isinstance(evidence, dict) else None
    start = evidence.get("start") if isinstance(evidence, dict) else None
    if not text or not isinstance(start, int):
        return "", []
    end = start + len(text)
    spans = [(t["start"] - start, t["end"] - start) for t in record.get("timexes") or []
             if isinstance(t, dict) and t.get("type", "DATE") in ("DATE", "TIME")
             and isinstance(t.get("start"), int) and start <= t["start"] and t["end"] <= end]
    return text, spans


def _identified(m: Mention, c: Cluster, rules: LinkRules) -> bool:
    """Whether a report is, besides any date, this event's: a named person of a side in common, no one
    named on a side where the event has other people, and the same place or much the same wording.

    The date is what is being inferred, so it cannot vouch. (``compare`` lets another article name
    another host of a visit when the dates agree; here the guest received by a second host the next
    day is another meeting.) People alone are not enough: leaders meet again and again."""
    shared = False
    for country, person in m.persons:
        pool = c.persons.get(country, set()) if country else c.all_persons
        if any(same_person(person, p) for p in pool):
            shared = True
        elif country and pool:
            return False
    if not shared:
        return False
    if m.place_key and m.place_key in c.place_keys:
        return True
    return bool(m.words) and len(m.words) >= rules.evidence_min_words and \
        _evidence_overlap(m.words, c, rules)[0] >= SAME_WORDING


def _on_day(src: Source, day: dt.date, rules: LinkRules) -> bool:
    """Whether every dated report of an event fits ``day`` (the linker kept two reports of one
    happening apart): then it is no other candidate. An event with no dated report could be any."""
    dated = [m.interval for m in src.members if m.interval]
    return bool(dated) and all(dates.overlaps(iv, (day, day), rules.slack_days) for iv in dated)


def _as_of(m: Mention, day: dt.date, event_day: dt.date) -> Mention:
    """The report as it would read on page day ``day``: published then, dated to the event's day."""
    out = replace(m, published=day, date=event_day.isoformat(), event_id=None)
    out.prepare()
    return out


def redate_record(record: dict[str, Any], sources: Mapping[str, list[Source]], *,
                  rules: LinkRules = RULES) -> Redated | None:
    """The publication date of an article record without a full one, from the corpus events
    ``sources`` (block -> the events of that block that share a person with the record's reports,
    their days where established); None when the corpus says nothing more than the page (see the
    module docstring)."""
    pub = record.get("published") or {}
    old = pub.get("date") if isinstance(pub, dict) else None
    if is_day(old) or HOW in str(pub.get("how") or ""):
        return None
    page = allowed_days(old, pub.get("span"))
    events = [ev for ev in record.get("events") or [] if isinstance(ev, dict) and ev.get("type")]
    by_local = {str(ev.get("id") or f"#{i}"): ev for i, ev in enumerate(record.get("events") or [])
                if isinstance(ev, dict) and ev.get("type")}
    if not events:
        return None
    days: set[dt.date] | None = None
    used: list[str] = []
    for m in mentions_of(record):
        ev = by_local.get(m.local_id)
        if ev is None:
            continue
        sentence, spans = _timex_spans(record, ev)
        if not spans:
            continue
        rid = str(record.get("id") or "")
        known = [src for src in sources.get(m.block, ())
                 if any(x.article_id != rid for x in src.members) and _identified(m, src.cluster(rules), rules)]
        dated = [src for src in known if src.day is not None]
        if len(dated) != 1:
            continue                # the corpus knows no such event on a known day, or several
        src = dated[0]
        assert src.day is not None
        if not _identified(m, src.cluster(rules, witnesses=True), rules):
            continue                # like the event, but not like the reports that dated it
        if not all(o is src or _on_day(o, src.day, rules) for o in known):
            continue                # another event of these people whose day is not known could be it
        fits = page_days(sentence, spans, src.day, page)
        if not fits or compare(_as_of(m, fits[0], src.day), src.cluster(rules), rules) is None:
            continue
        days = set(fits) if days is None else days & set(fits)
        used.append(src.event_id)
        if not days:
            return None             # two reports pin different days: leave the page as it was
    if not days:
        return None
    lo, hi = min(days), max(days)
    if len(days) != (hi - lo).days + 1:
        return None
    value, year, month, day = _value(lo, hi)
    span, _ = page
    old_width = (span[1] - span[0]).days + 1 if span else None
    if old_width is not None and (hi - lo).days + 1 >= old_width:
        return None
    if value == old:
        return None
    kind = "span" if lo != hi else ("day-agreed" if len(set(used)) > 1 else "day")
    how = HOW if not pub.get("how") or pub.get("how") == "unknown" else f"{pub['how']}+{HOW}"
    return Redated(Published(date=value, how=how, confidence=CONFIDENCE[kind], year=year, month=month, day=day,
                             weekday=lo.weekday() if lo == hi else None,
                             span=None if lo == hi else (lo.isoformat(), hi.isoformat())), sorted(set(used)), (lo, hi))


def _value(lo: dt.date, hi: dt.date) -> tuple[str, int | None, int | None, int | None]:
    """The narrowest publication-date value holding the days ``lo``..``hi``: the day, a span of
    days inside one month (which the time stage reads as that month), the month, or the year."""
    if lo == hi:
        return lo.isoformat(), lo.year, lo.month, lo.day
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.isoformat()}/{hi.isoformat()}", lo.year, lo.month, None
    if lo.year == hi.year:
        return str(lo.year), lo.year, None, None
    return f"{lo.year}/{hi.year}", None, None, None


__all__ = ["CONFIDENCE", "HOW", "Redated", "Source", "allowed_days", "established_day", "is_day", "page_days",
           "redate_record"]
