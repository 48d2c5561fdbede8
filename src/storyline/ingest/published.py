"""Publication date: from metadata, else from the dateline with an inferred year.

Wire datelines ("TOKYO, February 6. /TASS/.") print no year. We score every
candidate year on the evidence in the text and decide only when one year wins
clearly; otherwise the year is left out (``XXXX-02-06``): a wrong confident date
is worse than none.

Evidence, each recorded in ``how``:
- ``weekday``: the report day's weekday stated in the dateline sentence
  ("told reporters on Friday") -- a hard filter; the same day, or the day
  before/after for past/future wording, with the same day preferred;
- ``tenure``: an official named with an office (``data/tenures.json``);
- ``years``: explicit years in the text (the story is usually written in or
  shortly after the latest year it mentions);
- ``corpus``: the years of the other, confidently dated articles of the corpus.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from collections.abc import Iterable

from ..records import Dateline, Published
from . import patterns as P

FIRST_YEAR = 1990
SAME_DAY_BONUS = 1.5
EVIDENCE_CHARS = 50_000        # dating evidence is read from the start of the text
_WEEKDAY_RE = re.compile(r"\b(?:on|this|last|next)?\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_FUTURE_RE = re.compile(r"\b(will|shall|is to|are to|is due to|are due to|is set to|are set to|plans? to|is expected to|going to)\b", re.I)
_YEAR_RE = re.compile(r"(?<![\w/.-])(?<!\d,)((?:19|20)\d\d)(?![\w/]|[.,]\d)")
_SENT_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class Tenure:
    name: str
    surname: str
    office: str
    titles: tuple[str, ...]
    start: dt.date
    end: dt.date | None


@lru_cache(maxsize=1)
def tenures() -> tuple[Tenure, ...]:
    raw = json.loads(resources.files("storyline.data").joinpath("tenures.json").read_text(encoding="utf-8"))
    out = []
    for t in raw["tenures"]:
        out.append(Tenure(t["name"], t["name"].split()[-1], t["office"], tuple(t["titles"]),
                          dt.date.fromisoformat(t["start"]), dt.date.fromisoformat(t["end"]) if t["end"] else None))
    return tuple(out)


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def report_weekday(body: str) -> tuple[int, tuple[int, ...]] | None:
    """The weekday the first sentence gives for the report day, and the day offsets it allows."""
    from .clean import match_dateline

    body = body.strip()
    found = match_dateline(body)
    if found:
        body = body[found[1]:]
    first = _SENT_END.split(body, maxsplit=1)[0] if body else ""
    m = _WEEKDAY_RE.search(first)
    if not m or re.match(r"\s*(last|next)\b", m.group(0), re.I):
        return None
    wd = P.WEEKDAYS[m.group(1).lower()]
    # the tense of the words that govern the weekday, not of the whole sentence
    clause = re.split(r"[,;:]", first[max(0, m.start() - 80):m.start()])[-1]
    return wd, ((0, 1) if _FUTURE_RE.search(clause) else (0, -1))


_MODIFIER = re.compile(r"\b(former|ex|then|late|erstwhile|future|incoming|outgoing|deputy|vice|assistant|under|acting)[\s-]+(?:\S+\s+){0,2}$", re.I)
_GIVEN = r"(?:[A-Z][\w.'’-]*\s+){0,3}"        # given names between the title and the surname


@lru_cache(maxsize=1)
def _surname_re() -> re.Pattern[str]:
    names = sorted({t.surname for t in tenures()}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")


@lru_cache(maxsize=None)
def _title_res(title: str) -> tuple[str, re.Pattern[str], re.Pattern[str]]:
    """An office title as a pattern: itself, right before a name, right after one."""
    ti = re.escape(title)
    return (ti, re.compile(rf"\b{ti},?\s+{_GIVEN}$", re.I),
            re.compile(rf",\s+(?:the\s+|\w+['’]s\s+)?(?:\w+\s+){{0,2}}{ti}\b", re.I))


@lru_cache(maxsize=1)
def _by_surname() -> dict[str, list[Tenure]]:
    out: dict[str, list[Tenure]] = {}
    for t in tenures():
        out.setdefault(t.surname, []).append(t)
    return out


def tenure_hits(text: str) -> list[Tenure]:
    """Officials named with their office title right next to the name ("Foreign Minister Fumio
    Kishida", "Dmitry Peskov, the presidential press secretary"), and not as "former"/"deputy"."""
    by_surname = _by_surname()
    found: dict[int, Tenure] = {}
    for m in _surname_re().finditer(text):
        before = text[max(0, m.start() - 90):m.start()]
        after = text[m.end():m.end() + 70]
        for t in by_surname[m.group(1)]:
            if id(t) in found:
                continue
            for title in t.titles:
                ti, title_before, title_after = _title_res(title)
                b = title_before.search(before)
                if b and not _MODIFIER.search(before[max(0, b.start() - 20):b.start()]):
                    found[id(t)] = t
                    break
                if title_after.match(after):
                    found[id(t)] = t
                    break
                if _counterpart_of(text, m, ti):
                    found[id(t)] = t
                    break
    return [t for t in tenures() if id(t) in found]


def _counterpart_of(text: str, m: re.Match[str], title_re: str) -> bool:
    """"Foreign Minister A and his Japanese counterpart B": B holds the same office as A."""
    before = text[max(0, m.start() - 200):m.start()]
    if not re.search(rf"\bcounterpart,?\s+{_GIVEN}$", before):
        return False
    sentence = re.split(r"(?<=[.!?])\s+", before)[-1]
    t = re.search(rf"\b{title_re}\b", sentence, re.I)
    return bool(t) and not _MODIFIER.search(sentence[max(0, t.start() - 20):t.start()])


def years_in_text(text: str) -> list[int]:
    return [int(y) for y in _YEAR_RE.findall(text) if FIRST_YEAR - 60 <= int(y) <= 2100]


def infer_year(month: int, day: int, body: str, corpus_years: Iterable[int] = (),
               today: dt.date | None = None) -> tuple[int | None, str, float, int | None]:
    """Decide the year of a dateline's month/day. Returns (year or None, how, confidence, weekday)."""
    today = today or dt.date.today()
    candidates = [y for y in range(FIRST_YEAR, today.year + 1) if _valid(y, month, day) and _valid(y, month, day) <= today]
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


def _parse_iso(s: str | None) -> dt.date | None:
    if not s:
        return None
    m = re.match(r"\s*((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})", s)
    return _valid(int(m[1]), int(m[2]), int(m[3])) if m else None


def _known(d: dt.date, how: str, conf: float) -> Published:
    return Published(date=d.isoformat(), how=how, confidence=conf, year=d.year, month=d.month, day=d.day,
                     weekday=d.weekday())


def infer_published(*, dateline: Dateline | None, body: str, meta_published: str | None = None,
                    header_date: dt.date | None = None, html_date: dt.date | None = None,
                    url: str | None = None, corpus_years: Iterable[int] = (),
                    today: dt.date | None = None) -> Published:
    """The publication date of one article from everything known about it."""
    for d, how, conf in ((_parse_iso(meta_published), "metadata", 0.99), (header_date, "header-timestamp", 0.98),
                         (html_date, "html-meta", 0.97), (_date_from_url(url), "url", 0.95)):
        if d is not None:
            return _known(d, how, conf)
    if dateline is None or not dateline.month or not dateline.day:
        return Published(date=None, how="unknown", confidence=0.0)
    year_m = re.search(r"((?:19|20)\d\d)", dateline.text or "")
    if year_m and _valid(int(year_m[1]), dateline.month, dateline.day):
        return _known(dt.date(int(year_m[1]), dateline.month, dateline.day), "dateline", 0.99)
    if not _valid(2000, dateline.month, dateline.day):
        return Published(date=None, how="dateline-invalid", confidence=0.0)
    year, how, conf, wd = infer_year(dateline.month, dateline.day, body, corpus_years, today)
    if year is None:
        return Published(date=f"XXXX-{dateline.month:02d}-{dateline.day:02d}", how=how, confidence=0.0,
                         month=dateline.month, day=dateline.day, weekday=wd)
    return Published(date=f"{year}-{dateline.month:02d}-{dateline.day:02d}", how=how, confidence=conf, year=year,
                     month=dateline.month, day=dateline.day, weekday=dt.date(year, dateline.month, dateline.day).weekday())
