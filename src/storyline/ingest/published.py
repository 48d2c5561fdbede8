"""Publication date: from the input's metadata, else from the page itself.

Metadata given with the input (a ``published`` field, HTML date meta, a date in
the URL) is taken as is. Otherwise :mod:`storyline.ingest.dating` reads the whole
page as scraped -- every printed date and what it is attached to, the officials it
names with their titles, the gatherings it mentions, its explicit years -- and
decides, or says how far the evidence goes (``2013-08``, ``2016``, ``2010/2016``,
``XXXX-02-06``): a wrong confident date is worse than a partial one. Measured on
``../shared/devreal`` (30 real pages, 30 outlets): exact 0.067 -> 0.633, fitting
0.067 -> 1.000, wrong 0.067 -> 0.000; the README has the calibration table.

:func:`infer_year` is the older dateline-only year inference, kept for callers
that have a month and day and a body but no page; it weighs the same evidence.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ..dates import DateValue
from ..records import Dateline, Published
from . import patterns as P
from .dating.decide import date_page, report_weekday
from .dating.knowledge import Tenure, tenure_hits, tenures

__all__ = ["infer_published", "infer_year", "report_weekday", "tenure_hits", "tenures", "Tenure", "years_in_text"]

FIRST_YEAR = 1990
SAME_DAY_BONUS = 1.5
EVIDENCE_CHARS = 50_000        # dating evidence is read from the start of the text
_WEEKDAY_RE = re.compile(r"\b(?:on|this|last|next)?\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_FUTURE_RE = re.compile(r"\b(will|shall|is to|are to|is due to|are due to|is set to|are set to|plans? to|is expected to|going to)\b", re.I)
_YEAR_RE = re.compile(r"(?<![\w/.-])(?<!\d,)((?:19|20)\d\d)(?![\w/]|[.,]\d)")
_SENT_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“])")


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def years_in_text(text: str) -> list[int]:
    return [int(y) for y in _YEAR_RE.findall(text) if FIRST_YEAR - 60 <= int(y) <= 2100]


def infer_year(month: int, day: int, body: str, corpus_years: Iterable[int] = (),
               today: dt.date | None = None) -> tuple[int | None, str, float, int | None]:
    """Decide the year of a dateline's month/day. Returns (year or None, how, confidence, weekday)."""
    today = today or dt.date.today()
    candidates = [y for y in range(FIRST_YEAR, today.year + 1) if (d := _valid(y, month, day)) and d <= today]
    score = {y: 0.0 for y in candidates}
    used: list[str] = []

    wk = report_weekday(body)
    if wk:
        wd, offsets = wk
        keep = {}
        for y in candidates:
            base = _valid(y, month, day)
            assert base is not None
            for k, off in enumerate(offsets):
                if (base + dt.timedelta(days=off)).weekday() == wd:
                    # a dateline story usually reports its own day: the same-day reading is preferred
                    keep[y] = score[y] + (SAME_DAY_BONUS if k == 0 else 0.0)
                    break
        score = keep
        used.append("weekday")

    body = body[:EVIDENCE_CHARS]
    offices: dict[tuple[str, str], list[Tenure]] = {}
    for t in tenure_hits(body):          # one person may hold one office in several terms
        offices.setdefault((t.name, t.office), []).append(t)
    if offices:
        used.append("tenure")
        for y in score:
            date = _valid(y, month, day)
            assert date is not None
            for terms in offices.values():
                inside = any(t.start <= date and (t.end is None or date <= t.end) for t in terms)
                score[y] += 2.0 if inside else -3.0

    years = [y for y in years_in_text(body) if y <= today.year + 30]
    if years:
        latest = max((y for y in years if y <= today.year), default=None)
        if latest is not None:
            used.append("years")
            for y in score:
                if latest - 1 <= y <= latest + 3:
                    score[y] += 1.5 + (0.5 if y in (latest, latest + 1) else 0.0)
                elif y < latest - 1:
                    score[y] -= 2.0

    corpus = sorted(set(corpus_years))
    if corpus:
        lo, hi = corpus[0], corpus[-1]
        if any(lo <= y <= hi for y in score):
            used.append("corpus")
            for y in score:
                if lo <= y <= hi:
                    score[y] += 2.0

    if not score:
        return None, "dateline+no-year-fits", 0.0, wk[0] if wk else None
    ranked = sorted(score.items(), key=lambda kv: -kv[1])
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else float("-inf")
    margin = top - second
    evidence = top - (SAME_DAY_BONUS if wk else 0.0)   # the weekday alone never decides a year
    how = "dateline+" + "+".join(used) if used else "dateline"
    if margin >= 1.5 and evidence >= 1.0:
        conf = round(min(0.97, 0.6 + 0.08 * margin + 0.04 * evidence), 2)
        return best, how, conf, wk[0] if wk else None
    return None, how + "+undecided", 0.0, wk[0] if wk else None


def _date_from_url(url: str | None) -> dt.date | None:
    if not url:
        return None
    for pat in P.URL_DATES:
        m = pat.search(url)
        if m:
            d = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
            if d:
                return d
    return None


def _known(d: dt.date, how: str, conf: float) -> Published:
    return Published(date=d.isoformat(), how=how, confidence=conf, year=d.year, month=d.month, day=d.day,
                     weekday=d.weekday())


def infer_published(*, dateline: Dateline | None, body: str, page: str | None = None,
                    meta_published: str | None = None, header_date: dt.date | None = None,
                    html_date: dt.date | None = None, url: str | None = None, corpus_years: Iterable[int] = (),
                    today: dt.date | None = None) -> Published:
    """The publication date of one article from everything known about it.

    Metadata given with the input (a ``published`` field, the HTML's date meta, a date in the URL) wins;
    otherwise the page itself is read, whole and as scraped (``page``; the cleaned ``body`` when no raw
    text is given), by :func:`storyline.ingest.dating.decide.date_page`. ``header_date`` (the cleaner's
    reading of a CMS stamp line) is kept as the last word when the page reading finds nothing."""
    stamped = DateValue.in_stamp(meta_published)
    for d, how, conf in ((stamped.date if stamped else None, "metadata", 0.99), (html_date, "html-meta", 0.97),
                         (_date_from_url(url), "url", 0.95)):
        if d is not None:
            return _known(d, how, conf)
    if dateline is not None and dateline.month and dateline.day:
        year_m = re.search(r"((?:19|20)\d\d)", dateline.text or "")
        if year_m and _valid(int(year_m[1]), dateline.month, dateline.day):
            return _known(dt.date(int(year_m[1]), dateline.month, dateline.day), "dateline", 0.99)
    md = (dateline.month, dateline.day) if dateline is not None and dateline.month and dateline.day else None
    if md and not _valid(2000, *md):
        return Published(date=None, how="dateline-invalid", confidence=0.0)
    dating = date_page(page if page is not None else body, body, dateline_md=md, corpus_years=corpus_years,
                       today=today)
    value, steps, conf, (year, month, day, weekday) = dating[:4]
    if header_date is not None and (year is None or day is None):
        return _known(header_date, "header-timestamp", 0.9)      # the cleaner read a CMS stamp the page reading missed
    span = (dating.span[0].isoformat(), dating.span[1].isoformat()) if dating.span and day is None else None
    return Published(date=value, how="+".join(steps), confidence=conf, year=year, month=month, day=day,
                     weekday=weekday, span=span)
