"""Cleaning: scraped text to headline, lead, dateline, outlet, a clean body and what was removed.

``lines.py`` gives every line of the page a kind — headline, lead (standfirst), body,
or furniture of a named kind (``furniture.py``: navigation, caption, credit, byline,
timestamp, share, related, comments, promo, consent, ad, widget, duplicate) — from
general signals: sentence shape and jusText's stopword density, position relative to
the headline and the body, link-list runs, boxes opened by a header, and lines a source
repeats on many pages (``repeats.py``, learnt per corpus and kept in the store). This
module turns the kinds into a :class:`Cleaned` record: it cuts furniture glued inside a
body line (an agency tag after the last sentence, alt text before the first word),
finds the dateline at the start of the body, and keeps every removed stretch with its
kind, offsets into the page text and the reason (``Cleaned.removed``), so a reader sees
why a line is gone and dating can read the time stamps and captions.

Measured with ``../shared/eval/score.py`` (headline_acc / body_clean_acc):

- devreal (30 pages of 30 outlets): 0.500 / 0.200 before (main at 0b1e65a), 1.000 / 1.000 now;
- seeds (5 TASS pages) and samples (24 text, HTML and JSON Lines pages): 1.000 / 1.000 before and now.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from collections.abc import Callable

from ..records import Dateline
from . import furniture as F
from . import patterns as P
from .lines import BODY, HEADLINE, LEAD, Line, classify



@dataclass
class Removed:
    """A stretch of the page left out of the article, with its kind and why; offsets into the page text."""
    kind: str
    text: str
    start: int
    end: int
    why: str = ""


@dataclass
class Cleaned:
    headline: str | None
    lead: str | None
    dateline: Dateline | None
    source: str | None
    body: str
    header_date: dt.date | None = None      # from a CMS timestamp line
    removed: list[Removed] = field(default_factory=list)   # furniture left out, with kinds


def _brand(line: str) -> str | None:
    m = P.BRAND_LINE.match(line.strip())
    if m and m["brand"].strip().upper() in P.AGENCIES:
        return P.AGENCIES[m["brand"].strip().upper()]
    return None


def _header_date(line: str) -> dt.date | None:
    for pat in P.HEADER_TIMESTAMPS:
        m = pat.match(line.strip())
        if not m:
            continue
        g = m.groupdict()
        y, b = int(g["y"]), int(g["d"])
        a = month_number(g["mname"]) if g.get("mname") else int(g["m"])
        if a is None:
            continue
        options = [(a, b), (b, a)] if pat is P.HEADER_TIMESTAMPS[0] else [(a, b)]
        wd = (m.groupdict().get("wd") or "").lower()
        for mo, d in options:       # US order first; the weekday, when printed, decides
            try:
                date = dt.date(y, mo, d)
            except ValueError:
                continue
            if not wd or P.WEEKDAYS.get(wd[:3] if wd[:3] in P.WEEKDAYS else wd) == date.weekday():
                return date
    return None


def month_number(name: str) -> int | None:
    return P.MONTHS.get(name.lower().rstrip("."))


def match_dateline(line: str) -> tuple[Dateline, int] | None:
    """A dateline at the start of ``line``: the record and where the story text starts."""
    for pat in P.DATELINES:
        m = pat.match(line)
        if not m:
            continue
        g = m.groupdict()
        month = g.get("month") or g.get("month2")
        day = g.get("day") or g.get("day2")
        place = (g.get("place") or "").strip(" ,") or None
        agency_raw = (g.get("agency") or "").strip()
        agency = P.AGENCIES.get(agency_raw.upper(), agency_raw or None)
        date_text = None
        if month and day:
            span = (m.start("month"), m.end("day")) if g.get("month") else (m.start("day2"), m.end("month2"))
            yr = g.get("year") or g.get("year2")
            end = m.end("year") if g.get("year") else m.end("year2") if g.get("year2") else span[1]
            date_text = line[span[0]:end]
            del yr
        dl = Dateline(place=place, text=date_text, agency=agency,
                      month=month_number(month) if month else None, day=int(day) if day else None)
        return dl, m.end()
    return None


def _old_shape(line: str) -> tuple[str, str] | None:
    """The first furniture table (TASS-style pages): kept as a fallback behind ``furniture.py``."""
    s = line.strip()
    if P.RELATED_HEADER.match(s):
        return "related", "related header"
    if _brand(s) is not None:
        return "credit", "agency name alone"
    if P.CREDIT_LINE.match(s):
        return "credit", "photo credit"
    if any(p.fullmatch(s) for p in P.FURNITURE_LINES):
        return "widget", "known furniture line"
    tail = P.CREDIT_TAIL.search(s)
    if tail and not s[:tail.start()].rstrip().endswith((".", '"', "”")):
        return "caption", "caption with its credit glued on"
    return None


def _cut(ln: Line, removed: list[Removed]) -> str:
    """Strip furniture glued inside a body line (alt text before it, an agency tag after it)."""
    text, off = ln.text, ln.start
    for pat, kind, why in ((F.AGENCY_HEAD, "credit", "agency tag before the dateline"),
                           (F.GLUED_ALT, "caption", "alt text glued to the paragraph")):
        m = pat.match(text)
        if m and m.end() < len(text):
            removed.append(Removed(kind, m.group(0).strip(), off + m.start(), off + m.end(), why))
            off += m.end()
            text = text[m.end():]
    for pat, kind, why in ((F.AGENCY_TAIL, "credit", "agency tag after the last sentence"),
                           (P.TRAILING, "related", "read-more link")):
        m = pat.search(text)
        if m and m.start() > 0:
            removed.append(Removed(kind, m.group(0).strip(), off + m.start(), off + m.end(), why))
            text = text[:m.start()]
    return text.strip()


def classify_page(text: str, title_hint: str | None = None,
                  known: Callable[[str], tuple[str, str] | None] | None = None) -> list[Line]:
    """Every non-empty line of the page with its kind (see ``lines.py``)."""
    return classify(text, is_dateline=lambda s: match_dateline(s) is not None, title_hint=title_hint,
                    known=known, extra=_old_shape)


def clean_text(text: str, title_hint: str | None = None,
               known: Callable[[str], tuple[str, str] | None] | None = None) -> Cleaned:
    """Split scraped plain text into its parts. ``title_hint`` is a headline known from metadata;
    ``known`` names lines this page's source repeats on every page (``repeats.py``)."""
    lines = classify_page(text, title_hint, known)
    header_date = None
    for ln in lines:
        if ln.kind not in (BODY, HEADLINE):
            d = _header_date(ln.text)
            if d is not None:
                header_date = header_date or d
                ln.kind, ln.why = "timestamp", "stamp with a date"
    removed: list[Removed] = []
    headline = title_hint.strip() if title_hint else None
    lead_parts: list[str] = []
    body_lines: list[str] = []
    for ln in lines:
        if ln.kind == HEADLINE:
            headline = ln.text
        elif ln.kind == LEAD:
            lead_parts.append(ln.text)
        elif ln.kind == BODY:
            if ln.blank_before:
                body_lines.append("")
            body_lines.append(_cut(ln, removed))
        else:
            removed.append(Removed(ln.kind, ln.text, ln.start, ln.end, ln.why))
            body_lines.append("")          # keep paragraph breaks
    if headline:
        headline = F.TITLE_BAR.split(headline)[0] if len(F.TITLE_BAR.split(headline)) >= 3 else headline
        headline = P.HEADLINE_TAG.sub("", headline).strip() or headline
    dateline = None
    first = next((s for s in body_lines if s.strip()), None)
    if first is not None:
        found = match_dateline(first.strip())
        dateline = found[0] if found else None
    body = _join_paragraphs(body_lines)
    body = P.TRAILING.sub("", body).strip()
    source = dateline.agency if dateline else None
    removed.sort(key=lambda r: r.start)
    return Cleaned(headline=headline, lead=" ".join(lead_parts) or None, dateline=dateline, source=source,
                   body=body, header_date=header_date, removed=removed)


def _join_paragraphs(lines: list[str]) -> str:
    """Blank lines separate paragraphs; within a block, a line that ends a sentence ends a
    paragraph too (pages saved one paragraph per line), other lines are hard wraps."""
    paras: list[str] = []
    cur: list[str] = []
    for ln in lines:
        s = ln.strip()
        if s and _BULLET.match(s):         # a list item is a paragraph of its own
            if cur:
                paras.append(" ".join(cur))
            paras.append(s)
            cur = []
        elif s:
            cur.append(s)
            if s.endswith((".", "?", "!", '"', "”")) and len(s) > 80:
                paras.append(" ".join(cur))
                cur = []
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    paras = [P.TRAILING.sub("", p) for p in paras]
    return "\n\n".join(p for p in paras if p.strip())


_BULLET = re.compile(r"^[-–—•·*▪◦]\s+\S")
