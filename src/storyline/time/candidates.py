"""Find time-expression candidates in text: regex families, context checks, overlaps.

Each family of ``patterns.FAMILIES`` yields matches; a context check drops the
readings that are not dates ("Lavrov may visit", "2016 tons", "the Arab Spring",
"in his 60s"); of overlapping matches the longest wins. The resolver turns the
surviving :class:`Candidate` records into TIMEX3 values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import patterns as P


@dataclass
class Candidate:
    kind: str                      # family name in patterns.FAMILIES
    start: int
    end: int
    groups: dict[str, str] = field(default_factory=dict)   # non-empty groups, lower case, spaces collapsed
    raw: dict[str, str] = field(default_factory=dict)      # the same groups as written


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str]]]:
    return [(kind, re.compile(pattern)) for kind, pattern in P.FAMILIES]


_PREV_WORD = re.compile(r"([A-Za-z]+)\W{0,3}$")
_NEXT_WORD = re.compile(r"^\W{0,2}([A-Za-z]+)")
_POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our", "your"})


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else ""


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text[pos:pos + 40])
    return m.group(1) if m else ""


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip(" \t\"\u201c\u2018'(")
    return not before or before[-1] in ".!?\n:;"


def _boundaries_ok(text: str, start: int, end: int) -> bool:
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "$\u20ac\u00a3#_"):
        return False
    if start > 0 and text[start].isdigit() and text[start - 1] in "-/.,:+" and start > 1 and text[start - 2].isdigit():
        return False
    if end < len(text):
        nxt = text[end]
        if nxt.isalnum() or nxt in "%_" or (text[end - 1].isdigit() and nxt in ",.:/"
                                           and end + 1 < len(text) and text[end + 1].isdigit()):
            return False
    return True


def _year_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    year = int(g["y"])
    lowest = P.YEAR_MIN_WITH_PREP if ("prep" in g or "posmod" in g) else P.YEAR_MIN_BARE
    if not lowest <= year <= P.YEAR_MAX:
        return False
    if "y2" in g and not year < int(g["y2"]) <= P.YEAR_MAX:
        return False
    if "y2s" in g and not int(g["y2s"]) > year % 100:
        return False
    if "prep" not in g and "posmod" not in g and _prev_word(text, m.start("y")).lower() in P.QUANTITY_PRECEDERS:
        return False
    return _next_word(text, m.end()).lower() not in P.QUANTITY_NOUNS


def _month_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    mon = g["mon"].rstrip(".")
    if mon not in P.MONTHS and "y" not in g:                  # "Jan" alone is a name
        return False
    qualified = any(k in g for k in ("prep", "posmod", "rel", "y", "yrel", "mon2"))
    if mon in P.AMBIGUOUS_MONTHS and not qualified:
        return False
    if mon in P.AMBIGUOUS_MONTHS and "y" not in g and text[m.end():m.end() + 2] in ("'s", "\u2019s"):
        return False                                           # "in May's cabinet"
    if not qualified:                                          # "June Carter", "August Landmesser"
        nxt = _next_word(text, m.end())
        if nxt[:1].isupper() and text[m.end():m.end() + 1] == " ":
            return False
    return True


def _season_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    rel, season = g.get("rel"), g["season"]
    raw = m.group("season")
    dated = "y" in g or "yrel" in g
    if raw[0].isupper() and not rel and not dated and not _at_sentence_start(text, m.start("season")):
        return False                                           # "the Arab Spring"
    if season == "fall":
        if not (dated or (rel and rel != "the") or "prep" in g):
            return False
        if not dated and re.match(r"\s+of\s+(?!\d)", text[m.end():m.end() + 8]):
            return False                                       # "the fall of Aleppo"
        if rel == "the" and "prep" not in g and not dated:
            return False
    if rel == "the" and not dated and "prep" not in g and "posmod" not in g:
        return False
    return bool(rel or dated or "prep" in g or "posmod" in g)


def _accept(kind: str, text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    if not _boundaries_ok(text, m.start(), m.end()):
        return False
    if kind == "year":
        return _year_ok(text, m, g)
    if kind in ("month",):
        return _month_ok(text, m, g)
    if kind in ("mdy", "dmy"):
        return "y" not in g or 1000 <= int(g["y"]) <= P.YEAR_MAX
    if kind == "season":
        return _season_ok(text, m, g)
    if kind == "decade":
        if len(g["dec"]) == 1 and not ("apos" in g or "the" in g):
            return False
        return _prev_word(text, m.start()).lower() not in _POSSESSIVES
    if kind == "part":
        return "code" in g or "y" in g or "yrel" in g or ("prep" in g and "the" in g) or g["ord"] in ("last", "final")
    if kind == "period":
        return g.get("rel") != "the" or "posmod" in g or g["unit"] == "weekend"
    if kind == "dayrel":
        raw = m.group("drel")
        return not (raw[0] == "T" and raw[1:2].islower() and not _at_sentence_start(text, m.start("drel"))
                    and _prev_word(text, m.start("drel"))[:1].isupper())          # "Russia Today"
    if kind == "weekday":
        if "prep" not in g and "rel" not in g:
            return _prev_word(text, m.start()).lower() not in P.WEEKDAY_NAME_PREFIXES
        return True
    if kind == "iso":
        return 1000 <= int(g["y"]) <= P.YEAR_MAX
    return True


def _normalise(groups: dict[str, str | None]) -> tuple[dict[str, str], dict[str, str]]:
    raw = {k: v for k, v in groups.items() if v}
    return {k: " ".join(v.lower().split()).replace("\u2019", "'") for k, v in raw.items()}, raw


def find_candidates(text: str) -> list[Candidate]:
    """Non-overlapping candidates in text order."""
    found: list[tuple[int, int, int, Candidate]] = []
    for order, (kind, rx) in enumerate(_compiled()):
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            g, raw = _normalise(m.groupdict())
            if not _accept(kind, text, m, g):
                continue
            found.append((-(m.end() - m.start()), order, m.start(), Candidate(kind, m.start(), m.end(), g, raw)))
    found.sort(key=lambda t: t[:3])
    taken: list[Candidate] = []
    for *_, c in found:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)
