"""Find time-expression candidates in text: regex families, context checks, overlaps.

Each family of ``patterns.FAMILIES`` yields matches; a context check drops the
readings that are not dates ("Lavrov may visit", "2016 tons", "the Arab Spring",
"in his 60s", "a 44-year-old", "a quarter of the votes"); of overlapping matches the
longest wins, measured without a leading preposition. The resolver turns the surviving
:class:`Candidate` records into TIMEX3 values.

Spans are TimeML's, as TimeBank annotates them: no leading preposition ("on Friday" is
``Friday``: strict F1 on tbaq 0.475 -> 0.72 by this alone), no possessive and no determiner
before an adjectival duration ("its fourth-quarter", "the 14-day"), but "the" before a
counted one ("the nine months") and the approximators TimeBank keeps ("nearly", "at least",
"more than"; not "about", "almost", "only", which it leaves out more often than not).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from . import patterns as P


@dataclass
class Candidate:
    kind: str                      # family name in patterns.FAMILIES
    start: int
    end: int
    groups: dict[str, str] = field(default_factory=dict)   # non-empty groups, lower case, spaces collapsed


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str]]]:
    # Every expression starts a word; saying so first lets the engine skip the
    # optional prefixes at all other positions (about 6x faster).
    return [(kind, re.compile(r"\b(?=\w)" + pattern)) for kind, pattern in P.FAMILIES]


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


def _names_in(text: str) -> frozenset[str]:
    """Ambiguous month names that this text uses as a surname ("Theresa May")."""
    names = set()
    for m in _NAME_BEFORE_MONTH.finditer(text):
        if m.group(1).lower().rstrip(".") not in P.NOT_FIRST_NAMES:
            names.add(m.group(2).lower())
    return frozenset(names)


_NAME_BEFORE_MONTH = re.compile(r"\b([A-Z][a-z]+\.?)\s+(" + "|".join(w.title() for w in P.AMBIGUOUS_MONTHS)
                                + r")\b(?!\s*\d)")


def _month_ok(text: str, m: re.Match[str], g: dict[str, str], names: frozenset[str]) -> bool:
    mon = g["mon"].rstrip(".")
    if mon not in P.MONTHS and "y" not in g:                  # "Jan" alone is a name
        return False
    qualified = any(k in g for k in ("prep", "posmod", "rel", "y", "yrel", "mon2")) or _month_as_modifier(text, m)
    if mon in names and not any(k in g for k in ("posmod", "rel", "y", "yrel", "mon2")):
        return False                                           # "talks with May" where "Theresa May" is named
    if mon in P.AMBIGUOUS_MONTHS and not qualified:
        return False
    if mon in P.AMBIGUOUS_MONTHS and "y" not in g and text[m.end():m.end() + 2] in ("'s", "\u2019s"):
        return False                                           # "in May's cabinet"
    if not qualified:                                          # "June Carter", "August Landmesser"
        nxt = _next_word(text, m.end())
        if nxt[:1].isupper() and text[m.end():m.end() + 1] == " ":
            return False
    return True


_DETERMINER_BEFORE = re.compile(r"\b(?:the|its|his|her|their|our)\s+$", re.IGNORECASE)


def _month_as_modifier(text: str, m: re.Match[str]) -> bool:
    """"the June state visit", "their March meeting": a month between a determiner and a common noun."""
    nxt = _next_word(text, m.end())
    return bool(_DETERMINER_BEFORE.search(text[max(0, m.start() - 8):m.start()])) and nxt[:1].islower() and (
        text[m.end():m.end() + 1] == " ")


def _season_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    rel, season = g.get("rel"), g["season"]
    raw = m.group("season")
    dated = "y" in g or "yrel" in g
    if (raw[0].isupper() and rel in (None, "the") and not dated
            and not _at_sentence_start(text, m.start("rel") if rel else m.start("season"))):
        return False                                           # "the Arab Spring", "at the Summer Olympics"
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


def _tail_year_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    """Is the number after "March 3," a year, or a count ("March 3, 1500 protesters")?"""
    return (P.DATE_YEAR_MIN <= int(g["y"]) <= P.YEAR_MAX
            and _next_word(text, m.end()).lower() not in P.QUANTITY_NOUNS)


def _end_without_year(text: str, m: re.Match[str]) -> int:
    end = max(m.end(k) for k in ("d", "d2", "d3", "mon", "mon2") if m.groupdict().get(k))
    return end + 2 if text[end:end + 2] in ("st", "nd", "rd", "th") else end


def _accept(kind: str, text: str, m: re.Match[str], g: dict[str, str], names: frozenset[str],
            end: int) -> bool:
    if not _boundaries_ok(text, m.start(), end):
        return False
    if kind == "year":
        return _year_ok(text, m, g)
    if kind in ("month",):
        return _month_ok(text, m, g, names)
    if kind == "season":
        return _season_ok(text, m, g)
    if kind == "decade":
        if "decw" in g:
            return _prev_word(text, m.start()).lower() not in _POSSESSIVES
        if len(g["dec"]) == 1 and not (text[m.start("dec") - 1] in "'\u2019" or "the" in g):
            return False
        return _prev_word(text, m.start()).lower() not in _POSSESSIVES
    if kind == "part" and g.get("hq") == "quarter":
        return True                                             # "the third quarter" is a date in business copy
    if kind == "part":
        # "in the second half" alone is as often a match as a year; quarters are business
        return ("code" in g or "y" in g or "yrel" in g or "mon" in g or (g["ord"] in ("last", "final") and "the" not in g)
                or (g["hq"] == "quarter" and "the" in g and g.get("prep") in ("in", "during", "by")))
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
    if kind == "duration":
        return _duration_ok(text, m, g, end)
    if kind == "set" and "adv" in g:
        return m.group("adv").islower()                         # "Daily Mail" is a name
    if kind == "ref":
        return _ref_ok(text, m, g, end)
    if kind == "fin":
        return _fin_ok(text, m, g)
    if kind == "fyear":
        if _next_word(text, end).lower() in ("ended", "ending", "through", "to"):
            g["dur"] = "1"                                      # "the year ended June 30": a duration
        return True
    if kind == "spoken_year":
        return "sy" not in g or "st" in g or "teen" in g
    return True


def _word_before(text: str, pos: int) -> str:
    before = text[max(0, pos - 24):pos].split()
    return before[-1].lower() if before else ""


def _duration_ok(text: str, m: re.Match[str], g: dict[str, str], end: int) -> bool:
    unit, n = g.get("unit", ""), g.get("n", "")
    if "dec" in g or "bare" in g or "long" in g:
        return True
    if g.get("suffix") == "-long" and n in ("a", "an"):
        return False                                            # "a day-long meeting": left to "day-long"
    if g.get("suffix") == "-old":
        return False                                            # ages: "a 44-year-old"
    if "det" in g and "drel" not in g and not g["n"][:1].isdigit() and number_word_is_article(g["n"]):
        return False
    if unit.startswith("second") and n in ("a", "an"):
        return False                                            # "a second term"
    if unit.startswith("quarter") and n in ("a", "an", "one", "three") and ("drel" not in g
                                                                       or re.match(r"\s+of\b", text[end:end + 4])):
        return False                                            # "a quarter of the votes", "three quarters of"
    if n in ("some", "many") and "drel" not in g and "quant" not in g:
        return False                                            # "some days", "many years" are rarely annotated
    if "vague" in g:
        return unit.endswith("s")
    before = _word_before(text, m.start("n") if "quant" not in g else m.start("quant"))
    if n in ("a", "an") and (before in P.PER_WORDS or before[:1].isdigit() or before[:1] in "$€£"
                             or before.endswith("%")):
        g["per"] = "1"                                          # "twice a year", "$5 a day": a set
    if n.isdigit() and len(n) == 4 and P.DATE_YEAR_MIN <= int(n) <= P.YEAR_MAX:
        return False                                            # "the 1988 quarter" is a date
    if n.isdigit() and ("drel" not in g) and before in P.QUANTITY_PRECEDERS - {"about", "some", "nearly", "almost"}:
        return False
    return True


def number_word_is_article(n: str) -> bool:
    return n in ("a", "an", "some", "many", "few", "several")


def _ref_ok(text: str, m: re.Match[str], g: dict[str, str], end: int) -> bool:
    ref = g["ref"]
    if ref == "current":                                        # "current market conditions", not "the current is strong"
        nxt = _next_word(text, end)
        return bool(nxt) and nxt.islower() and text[end:end + 1] == " " and _word_before(text, m.start("ref")) != "the"
    if ref == "now" and (text[end:end + 1] == "-" or _word_before(text, m.start("ref")) in ("and", "just")):
        return False                                            # "now-defunct", "every now and then"
    if ref == "the past" and re.match(r"\s+(?:\d|few|several|two|three|four|five|six|year|month|week|decade)",
                                      text[end:end + 12]):
        return False                                            # left to durations and periods
    return True


def _fin_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    if "unit" not in g:                                         # bare "year-ago" / "year-earlier"
        return True
    if g["unit"] == "period":
        return ("fin" in g and g["fin"] not in ("same", "current", "recent")) or "y" in g
    return bool(g.get("ord") or g.get("fin") or g.get("det") in ("the", "that", "this", "its"))


def _normalise(groups: dict[str, str | None]) -> dict[str, str]:
    return {k: " ".join(v.lower().split()).replace("\u2019", "'") for k, v in groups.items() if v}


@lru_cache(maxsize=1)
def _trigger_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The trigger scan, run on lower-cased text (fast) or, when lower-casing
    changes the length, case-insensitively on the text itself."""
    words = "|".join(re.escape(w) for w in sorted(P.WORD_TRIGGERS, key=len, reverse=True))
    pattern = rf"\b(?=\w)(?:(?:{words})\b|\d{{1,3}}0s\b|\d{{4}}(?!\d)|[qh][1-4]\b)"
    return re.compile(pattern), re.compile(pattern, re.IGNORECASE)


_NON_SPACE = re.compile(r"\S*")           # ``\S`` is ``not str.isspace()``


def _non_space_run(text: str, start: int, end: int) -> int:
    """The length of the run of non-space characters at ``start`` (``\\S*`` always matches)."""
    m = _NON_SPACE.match(text, start, end)
    return m.end() - start if m else 0


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per family, merged character windows around its trigger words."""
    spans: dict[str, list[tuple[int, int]]] = {}
    lowered = text.lower()
    fast, slow = _trigger_rx()
    scan = fast.finditer(lowered) if len(lowered) == len(text) else slow.finditer(text)
    for m in scan:
        word = m.group().lower()
        if word.isdigit():
            kinds: tuple[str, ...] = P.YEAR_TRIGGERS
        elif word[0].isdigit():
            kinds = P.DECADE_TRIGGERS
        elif len(word) == 2 and word[1].isdigit():
            kinds = P.CODE_TRIGGERS
        else:
            kinds = P.WORD_TRIGGERS[word]
        # widened to whole words, by at most 30 more characters each way
        lo, hi = max(0, m.start() - P.WINDOW_BEFORE), min(len(text), m.end() + P.WINDOW_AFTER)
        if lo > 0 and not text[lo - 1].isspace():
            floor = max(0, m.start() - P.WINDOW_BEFORE - 30)
            lo -= _non_space_run(text[floor:lo][::-1], 0, lo - floor)
        if hi < len(text):
            hi += _non_space_run(text, hi, min(len(text), m.end() + P.WINDOW_AFTER + 30))
        for kind in kinds:
            if kind in P.SHORT_AFTER:             # expressions that end at their trigger word
                spans.setdefault(kind, []).append((lo, min(hi, m.end() + P.SHORT_AFTER[kind])))
            else:
                spans.setdefault(kind, []).append((lo, hi))
    merged: dict[str, list[tuple[int, int]]] = {}
    for kind, windows in spans.items():
        out: list[tuple[int, int]] = []
        for lo, hi in sorted(windows):
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        merged[kind] = out
    return merged


def _core_start(text: str, kind: str, m: re.Match[str]) -> int:
    """Where the expression proper starts: TimeML spans leave a leading preposition out
    ("on Friday" is ``Friday``); the preposition stays in the groups, as a tense cue. A
    possessive or a determiner before an adjective ("its fourth-quarter loss", "the 14-day
    trip") stays out too, as on TimeBank."""
    groups = m.groupdict()
    det = groups.get("det")
    if det and kind in ("duration", "fin") and (det.strip().lower() != "the" or _adjectival(m)):
        return m.end("det") + len(text[m.end("det"):m.end("det") + 20]) - len(text[m.end("det"):m.end("det") + 20].lstrip())
    if kind == "part" and groups.get("the") and groups.get("hq") and text[m.start("hq") - 1] == "-":
        return m.end("the")                                     # "the third-quarter results"
    if groups.get("prep") is None:
        return m.start()
    start = m.end("prep")
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _adjectival(m: re.Match[str]) -> bool:
    """ "fourteen-day", "third-quarter": a hyphen before the unit."""
    unit = m.groupdict().get("unit")
    return bool(unit) and m.start("unit") > 0 and m.string[m.start("unit") - 1] == "-"


def find_candidates(text: str) -> list[Candidate]:
    """Non-overlapping candidates in text order."""
    found: list[tuple[int, int, int, Candidate]] = []
    windows = _windows(text)
    names: frozenset[str] | None = None
    matches = ((order, kind, m) for order, (kind, rx) in enumerate(_compiled())
               for lo, hi in windows.get(kind, ()) for m in rx.finditer(text, lo, hi))
    for order, kind, m in matches:
        if m.end() == m.start():
            continue
        g = _normalise(m.groupdict())
        if kind in ("mdy", "dmy") and g.get("rsep", "").strip().lower() == "and" and g.get("prep", "").lower() \
                != "between" and _int_or(g.get("d2")) != _int_or(g.get("d")) + 1:
            continue                    # "on May 3 and 10": two days, not the days between
        end = m.end()
        if kind in ("mdy", "dmy") and "y" in g and not _tail_year_ok(text, m, g):
            del g["y"]                                          # keep "March 3", drop ", 1500 protesters"
            end = _end_without_year(text, m)
        if names is None:
            names = _names_in(text)
        if not _accept(kind, text, m, g, names, end):
            continue
        if kind == "clock" and text[end - 1] == "." and re.match(r"\s*(?:$|\n|[A-Z\"\u201c])", text[end:end + 3]):
            end -= 1                                            # "at 6 a.m. He left": the period ends the sentence
        start = _core_start(text, kind, m)
        found.append((start - end, order, start, Candidate(kind, start, end, g)))
    found.sort(key=lambda t: t[:3])
    # Longest first; kept spans are disjoint, so sorted by start they are sorted
    # by end too and only the last one starting before c.end can overlap c.
    starts: list[int] = []
    taken: list[Candidate] = []
    for *_, c in found:
        i = bisect_left(starts, c.end)
        if i and taken[i - 1].end > c.start:
            continue
        starts.insert(i, c.start)
        taken.insert(i, c)
    return taken


def _int_or(value: str | None) -> int:
    """The day number of a day group ("26", "26th"), or -9 when there is none."""
    digits = "".join(ch for ch in value or "" if ch.isdigit())
    return int(digits) if digits else -9

