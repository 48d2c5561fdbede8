"""Cleaning: scraped text to headline, lead, dateline, outlet and a clean body.

The body holds the article and nothing else: navigation, photo captions and
their credits, CMS headers, "Read more" widgets and bylines go. Which lines are
furniture is decided by the data in ``patterns.py``; this module only walks the
lines in order: header block, headline, standfirst and captions, then the body
from the dateline on.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..records import Dateline
from . import patterns as P


@dataclass
class Cleaned:
    headline: str | None
    lead: str | None
    dateline: Dateline | None
    source: str | None
    body: str
    header_date: dt.date | None = None      # from a CMS timestamp line


def _is_furniture(line: str) -> bool:
    s = line.strip()
    return not s or any(p.fullmatch(s) for p in P.FURNITURE_LINES) or _brand(s) is not None


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


def _is_credit(line: str) -> bool:
    return bool(P.CREDIT_LINE.match(line.strip()))


def _drop_captions(lines: list[str]) -> list[str]:
    """Remove photo captions: credit lines, the caption above each credit, and
    caption lines repeated with the credit glued on."""
    stripped = [ln.strip() for ln in lines]
    drop = set()
    for i, s in enumerate(stripped):
        if not s:
            continue
        if _is_credit(s):
            drop.add(i)
            j = i - 1
            while j >= 0 and not stripped[j]:
                j -= 1
            if j >= 0 and len(stripped[j]) < 300 and not stripped[j].endswith((".", '"', "”", ":")):
                drop.add(j)
            continue
        tail = P.CREDIT_TAIL.search(s)
        if tail and not s[:tail.start()].rstrip().endswith((".", '"', "”")):
            drop.add(i)
    # a caption printed twice: once with its credit glued on, once alone
    for i, s in enumerate(stripped):
        if s and i not in drop and any(k in drop and stripped[k] != s and stripped[k].startswith(s) for k in range(len(stripped))):
            drop.add(i)
    return [ln for i, ln in enumerate(lines) if i not in drop]


def clean_text(text: str, title_hint: str | None = None) -> Cleaned:
    """Split scraped plain text into its parts. ``title_hint`` is a headline known from metadata."""
    lines = text.split("\n")
    header_date = None
    kept: list[str] = []
    in_related = False
    for ln in lines:
        stripped = ln.strip()
        if P.RELATED_HEADER.match(stripped):
            in_related = True
            kept.append("")
            continue
        if in_related:
            if not stripped or (len(stripped) < 160 and not stripped.endswith((".", "!", "?", '"', "”"))):
                kept.append("")
                continue
            in_related = False
        d = _header_date(ln)
        if d is not None:
            header_date = header_date or d
            continue
        if _is_furniture(ln):
            kept.append("")      # keep paragraph breaks
            continue
        kept.append(ln.rstrip())
    kept = _drop_captions(kept)

    # the dateline opens the body
    dl_index, dateline = None, None
    for i, ln in enumerate(kept):
        found = match_dateline(ln.strip())
        if found:
            dl_index, dateline = i, found[0]
            break

    paragraphs_before = [ln.strip() for ln in (kept[:dl_index] if dl_index is not None else []) if ln.strip()]
    headline, lead = None, None
    if dl_index is not None:
        if title_hint:
            headline = title_hint.strip()
            paragraphs_before = [p for p in paragraphs_before if p != headline]
        elif paragraphs_before:
            headline = paragraphs_before.pop(0)
        lead = " ".join(paragraphs_before) or None
        body_lines = kept[dl_index:]
    else:
        body_lines = kept
        nonempty = [i for i, ln in enumerate(kept) if ln.strip()]
        if title_hint:
            headline = title_hint.strip()
            if nonempty and kept[nonempty[0]].strip() == headline:
                body_lines = kept[nonempty[0] + 1:]
        elif len(nonempty) > 1 and _looks_like_headline(kept[nonempty[0]]):
            headline = kept[nonempty[0]].strip()
            body_lines = kept[nonempty[0] + 1:]
    if headline:
        headline = P.HEADLINE_TAG.sub("", headline).strip() or headline
    body = _join_paragraphs(body_lines)
    body = P.TRAILING.sub("", body).strip()
    source = dateline.agency if dateline else None
    return Cleaned(headline=headline, lead=lead, dateline=dateline, source=source, body=body, header_date=header_date)


def _looks_like_headline(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= 200 and not s.endswith((".", ":", ",")) and len(s.split()) >= 2


def _join_paragraphs(lines: list[str]) -> str:
    """Blank lines separate paragraphs; within a block, a line that ends a sentence ends a
    paragraph too (pages saved one paragraph per line), other lines are hard wraps."""
    paras, cur = [], []
    for ln in lines:
        s = ln.strip()
        if s:
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


WS = re.compile(r"[ \t]+")
