"""What the world knows about when: offices held and international gatherings.

Each finding is turned into *evidence*: a weight and the set of days (as
intervals) on which the article could have been written given that finding.

- ``tenure``: an official named WITH the office's title ("Foreign Minister Wang
  Yi", "Ivan Petrov, the presidential press secretary") and not as "former";
  the days he or she held that office (``data/tenures.json``).
- ``gathering``: a dated international meeting recognised by its series and its
  place in one sentence ("the G20 summit in Buenos Aires", "APEC meeting in
  Lima"); the tense around it says whether the article was written before it,
  during it, or after it ("at the weekend" -- within days) (``data/gatherings.json``).
  "The 77th UNGA" names its year through the session number. Leaders' summits of two sides (series
  "bilateral": Helsinki 2018, Agra 2001, Hanoi 2019 ...) count only where the article names both sides,
  and a pair's rows at one place are all its summits there, so a summit the table lacks dates nothing.
  A day of "the summit" told anywhere in the story ("talks on the first day of the meeting") puts the page
  within the days of the meetings named. Devreal: published_acc 0.700 -> 0.733 (an Agra summit page);
  samples, seeds and the TimeBank/AQUAINT held-out dating check unchanged.
- ``years``: explicit years in the article's own prose (lines that end a
  sentence, so related-headline blocks do not count): the story is written in or
  shortly after the latest year it mentions; "the 70th anniversary of the 1945
  victory" names the year; "in 2016 ... more than seven years" bounds it.

The weights are in :mod:`.decide`'s units; a tenure is the strongest single
finding because a title next to a name is rarely wrong.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Iterable
from importlib import resources

Span = tuple[dt.date, dt.date]

FIRST_YEAR = 1990
TENURE_WEIGHT = 2.0
GATHERING_WEIGHT = 2.0
YEARS_WEIGHT = 1.5
FLOOR_WEIGHT = 1.0
PLACE_REACH = 120          # characters between a series' name and its place
ANNIVERSARY_WEIGHT = 2.5


@dataclass(frozen=True)
class Evidence:
    kind: str
    weight: float
    spans: tuple[Span, ...]
    note: str = ""

    def holds(self, d: dt.date) -> bool:
        return any(a <= d <= b for a, b in self.spans)


# ---------------------------------------------------------------- tenures

@dataclass(frozen=True)
class Tenure:
    name: str
    surname: str
    office: str
    titles: tuple[str, ...]
    start: dt.date
    end: dt.date | None
    keys: tuple[str, ...] = ()


def _data(name: str) -> dict:
    return json.loads(resources.files("storyline.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def tenures() -> tuple[Tenure, ...]:
    out = []
    for t in _data("tenures.json")["tenures"]:
        surname = t.get("key") or t["name"].split()[-1]
        keys = tuple(dict.fromkeys([surname, *t.get("aliases", [])]))
        out.append(Tenure(t["name"], surname, t["office"], tuple(t["titles"]), dt.date.fromisoformat(t["start"]),
                          dt.date.fromisoformat(t["end"]) if t["end"] else None, keys))
    return tuple(out)


_MODIFIER = re.compile(r"\b(former|ex|then|late|erstwhile|future|incoming|outgoing|deputy|vice|assistant|under|acting|"
                       r"first|predecessor|previous|past)[\s-]+(?:\S+\s+){0,2}$", re.I)
_GIVEN = r"(?-i:[A-Z][\w.'’-]*\s+){0,3}"        # given names between the title and the surname


_WORD = re.compile(r"(?<![\w'’-])(?![a-z])[^\W\d_][\w'’.-]*")     # words not starting in ASCII lower case


_DIGIT_NEXT = re.compile(r"\s*\d")
_GIVEN_LAST = re.compile(r"([A-Z][\w'’-]+)\s+$")
_COUNTERPART = re.compile(rf"\bcounterpart,?\s+{_GIVEN}$")
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+")


@lru_cache(maxsize=1)
def _keys_by_first_word() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k in sorted({k for t in tenures() for k in t.keys}, key=len, reverse=True):
        out.setdefault(k.split()[0].rstrip("."), []).append(k)
    return out


def _key_matches(text: str) -> Iterable[tuple[str, int, int]]:
    """(key, start, end) of every name key in ``text``: a dictionary look-up per capitalised word, which is
    several times faster than one regex alternation of ~600 names."""
    first = _keys_by_first_word()
    for w in _WORD.finditer(text):
        word = w.group(0)
        if not word[0].isupper():
            continue
        keys = first.get(word.rstrip(".")) or first.get(word)
        if not keys:
            continue
        for k in keys:
            end = w.start() + len(k)
            if text.startswith(k, w.start()) and (end >= len(text) or not (text[end].isalnum() or text[end] in "'’-")):
                yield k, w.start(), end
                break


@lru_cache(maxsize=None)
def _title_res(title: str) -> tuple[str, re.Pattern[str], re.Pattern[str]]:
    """An office title as a pattern: itself, right before a name, right after one."""
    ti = re.escape(title)
    flags = 0 if title.isupper() else re.I
    return (ti, re.compile(rf"\b{ti},?\s+{_GIVEN}$", flags),
            re.compile(rf"(?:\s+[A-Z][\w'’-]+){{0,3}},\s+(?:the\s+|\w+['’]s\s+)?(?:\w+\s+){{0,2}}{ti}\b", flags))


@lru_cache(maxsize=1)
def _by_key() -> dict[str, list[Tenure]]:
    out: dict[str, list[Tenure]] = {}
    for t in tenures():
        for k in t.keys:
            out.setdefault(k, []).append(t)
    return out


def tenure_hits(text: str) -> list[Tenure]:
    """Officials named with their office title right next to the name, and not as "former"/"deputy"."""
    by_key = _by_key()
    found: dict[int, Tenure] = {}
    for key, start, end in _key_matches(text):
        if _DIGIT_NEXT.match(text, end):
            continue                      # "May 2018" is a month
        before = text[max(0, start - 90):start]
        after = text[end:end + 70]
        rows = by_key[key]
        given = _GIVEN_LAST.search(before)
        for t in rows:
            if id(t) in found:
                continue
            if given and len(rows) > 1 and given[1] not in t.name.split() and \
                    any(given[1] in o.name.split() for o in rows):
                continue                  # "Taro Kono" is not Yohei Kono
            for title in t.titles:
                ti, title_before, title_after = _title_res(title)
                b = title_before.search(before)
                if b and not _MODIFIER.search(before[max(0, b.start() - 20):b.start()]):
                    found[id(t)] = t
                    break
                if title_after.match(after):
                    found[id(t)] = t
                    break
                if _counterpart_of(text, start, ti):
                    found[id(t)] = t
                    break
    return sorted(found.values(), key=_ORDER().__getitem__)


@lru_cache(maxsize=1)
def _ORDER() -> dict[Tenure, int]:
    return {t: i for i, t in enumerate(tenures())}


def _counterpart_of(text: str, start: int, title_re: str) -> bool:
    """"Foreign Minister A and his Japanese counterpart B": B holds the same office as A."""
    before = text[max(0, start - 200):start]
    if "counterpart" not in before or not _COUNTERPART.search(before):
        return False
    sentence = _SENT_SPLIT.split(before)[-1]
    t = re.search(rf"\b{title_re}\b", sentence, re.I)
    return t is not None and not _MODIFIER.search(sentence[max(0, t.start() - 20):t.start()])


def tenure_evidence(text: str, today: dt.date) -> list[Evidence]:
    """One finding per (name as matched, office): the union of the terms in that office of everyone the
    name may mean ("President Bush" is either Bush; "Prime Minister Abe" either of Abe's terms)."""
    offices: dict[tuple[str, str], list[Tenure]] = {}
    for t in tenure_hits(text):
        offices.setdefault((t.surname, t.office), []).append(t)
    return [Evidence("tenure", TENURE_WEIGHT, tuple((t.start, t.end or today) for t in terms),
                     f"{' or '.join(dict.fromkeys(t.name for t in terms))}: {office}")
            for (_, office), terms in offices.items()]


# ---------------------------------------------------------------- gatherings

@dataclass(frozen=True)
class Gathering:
    series: str
    places: tuple[str, ...]
    start: dt.date
    end: dt.date
    sides: tuple[re.Pattern[str], ...] = ()     # a bilateral summit's two sides, each named in the article

    def sides_named(self, text: str) -> bool:
        return all(p.search(text) for p in self.sides)


@lru_cache(maxsize=1)
def _gatherings() -> tuple[dict[str, re.Pattern[str]], tuple[Gathering, ...]]:
    raw = _data("gatherings.json")
    series = {k: re.compile(r"\b(?:" + "|".join(v) + r")\b") for k, v in raw["series"].items()}
    rows = tuple(Gathering(g["series"], tuple(g["place"]), dt.date.fromisoformat(g["start"]),
                           dt.date.fromisoformat(g["end"]),
                           tuple(re.compile(rf"\b(?:{p})") for p in g.get("sides", ())))
                 for g in raw["gatherings"])
    return series, rows


@lru_cache(maxsize=None)
def _place_re(place: str, capitals: bool = False) -> re.Pattern[str]:
    # a dateline prints the place in capitals ("AGRA, India --"). It counts only for a summit of two sides
    # both named in the article: a wire dateline ("WASHINGTON (AP) -- G20 ministers ...") is often not the
    # place of a multilateral meeting the story names
    alt = f"|{re.escape(place.upper())}" if capitals else ""
    return re.compile(rf"(?<![\w-])(?:{re.escape(place)}{alt})(?![\w-])")


_SENTENCE = re.compile(r"(?<!\b[A-Z][a-z]\.)(?<!\b[A-Z]\.)(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“(])|\n+")
# "at the weekend" ties a gathering to the days around the page; a weekday in the same sentence need not
# be the gathering's ("said on Friday that he would attend the summit in Brisbane")
_AFTER_DAYS = re.compile(r"\b(?:at|over|during) the (?:past )?weekend\b|\b(?:last|this past) weekend\b", re.I)
_PAST = re.compile(r"\b(?:last|was|were|had|held|took place|attended|met|concluded|ended|earlier|ago|previous|"
                   r"past|recent|cancell?ed|called off|scrapped)\b|\b\w+ed\b\s+(?:on|at|in)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|shall|to attend|to be held|upcoming|forthcoming|next|due|scheduled|planned|"
                     r"is to|are to|would|ahead of|preparations?|expected)\b", re.I)
_FUTURE_FIRM = re.compile(r"\b(?:will|shall|is to|are to|to attend|upcoming|forthcoming)\b", re.I)
TODAY_RE = re.compile(r"\b(?:today|this (?:morning|afternoon|evening))\b", re.I)   # the page's own day
_LAST_YEARS = re.compile(r"\blast year['’]s\b|\blast year\b", re.I)
_ORDINAL_UNGA = re.compile(r"\b(\d{2})(?:st|nd|rd|th)\s+(?:session of the\s+)?(?:UN\s+|United Nations\s+)?"
                           r"(?:UNGA|General Assembly)\b")
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class _Tense:
    """The tense cues of one sentence, read once for all the meetings it may name."""
    last_year: bool
    days: bool
    future: bool
    firm_future: bool
    past: bool
    during: bool

    @classmethod
    def of(cls, sentence: str) -> "_Tense":
        return cls(bool(_LAST_YEARS.search(sentence)), bool(_AFTER_DAYS.search(sentence)),
                   bool(_FUTURE.search(sentence)), bool(_FUTURE_FIRM.search(sentence)), bool(_PAST.search(sentence)),
                   bool(TODAY_RE.search(sentence)))


def _relation(tense: _Tense, g_start: dt.date, g_end: dt.date) -> tuple[Span, str]:
    """The days the article could be written on, from the tense around a gathering's mention."""
    if tense.last_year:
        y = g_end.year + 1
        return (dt.date(y, 1, 1), dt.date(y, 12, 31)), "last-year"
    fut, past = tense.future, tense.past
    if tense.days:
        if tense.firm_future and not past:
            return (g_start - 9 * _DAY, g_end), "just-before"
        if past or not fut:
            return (g_start, g_end + 9 * _DAY), "just-after"
        return (g_start - 9 * _DAY, g_end + 9 * _DAY), "days-around"
    if tense.during and not past and not fut:
        return (g_start, g_end), "during"
    # past summits are recalled for years, so a past mention is a floor only; hosts are named ahead, a
    # coming summit bounds the page from above and from two years before
    if fut and not past:
        return (g_start - 730 * _DAY, g_end), "before"
    if past and not fut:
        return (g_start, dt.date.max), "after"
    return (g_start - 730 * _DAY, g_end + 730 * _DAY), "around"


def _nearest_rows(sentence: str, at: int, rows: Iterable[Gathering]) -> list[Gathering]:
    """The meetings of one series whose place is named nearest the series' mention (within 120 characters)."""
    best, out = PLACE_REACH + 1, []
    for g in rows:
        dist = PLACE_REACH + 1
        for p in g.places:
            if p == "*":
                dist = 0
                break
            bare = p.removeprefix("in ")
            capitals = bool(g.sides)
            if bare not in sentence and not (capitals and bare.upper() in sentence):
                continue
            for m in _place_re(p, capitals).finditer(sentence):
                dist = min(dist, abs(m.start() - at))
        if dist < best:
            best, out = dist, [g]
        elif dist == best and dist <= PLACE_REACH:
            out.append(g)
    return out if best <= PLACE_REACH else []


_MONTH_DAY = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\b")
_MONTHS = {m: i + 1 for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}


# "held two rounds of talks on the first day of the meeting": the page reports a day of the meeting it names elsewhere
_DAY_OF = re.compile(r"\b(?:on|during|at the end of) the (?:opening|first|second|third|closing|final|last) day of "
                     r"(?:the|their|this|a) (?:[\w-]+ ){0,2}(?:summit|meeting|talks|forum|conference)\b", re.I)


def gathering_evidence(text: str) -> list[Evidence]:
    series, rows = _gatherings()
    out: list[Evidence] = []
    named: dict[Gathering, None] = {}
    for sentence in _SENTENCE.split(text):
        for name, pat in series.items():
            m = pat.search(sentence)
            if not m:
                continue
            hits = _nearest_rows(sentence, m.start(), (g for g in rows if g.series == name and
                                                       (not g.sides or g.sides_named(text))))
            if not hits:
                continue
            # "the forum in Vladivostok on September 2-3": the printed days pick the year's meeting
            days = {(_MONTHS[d[1]], int(d[2])) for d in _MONTH_DAY.finditer(sentence)}
            dated = [g for g in hits if (g.start.month, g.start.day) in days or (g.end.month, g.end.day) in days]
            hits = dated or hits
            spans = []
            rel = ""
            tense = _Tense.of(sentence)
            for g in hits:
                span, rel = _relation(tense, g.start, g.end)
                spans.append(span)
            out.append(Evidence("gathering", GATHERING_WEIGHT, tuple(spans),
                                f"{name} in {hits[0].places[0]} ({rel}, {len(hits)} matching)"))
            named.update(dict.fromkeys(hits))
        u = _ORDINAL_UNGA.search(sentence)
        if u and 1 <= int(u[1]) <= 120:
            y = 1945 + int(u[1])
            start, end = dt.date(y, 9, 1), dt.date(y + 1, 8, 31)
            out.append(Evidence("gathering", GATHERING_WEIGHT, (_relation(_Tense.of(sentence), start, end)[0],),
                                f"UNGA session {u[1]}"))
    if named and len({g.series for g in named}) == 1 and _DAY_OF.search(text):
        # a day of "the summit" told in the story, and one series of meetings named in it: the page is written
        # during one of those meetings (or the evening after its last day)
        out.append(Evidence("gathering", GATHERING_WEIGHT, tuple((g.start, g.end + _DAY) for g in named),
                            f"a day of the {next(iter(named)).series} meeting"))
    return out


# ---------------------------------------------------------------- explicit years

_YEAR_RE = re.compile(r"(?<![\w/.-])(?<!\d,)((?:19|20)\d\d)(?![\w/]|[.,]\d)")
_ANNIVERSARY = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\b(?:\W+\w+){0,10}?\W+((?:19|20)\d\d)\b|"
                          r"\b((?:19|20)\d\d)\b(?:\W+\w+){0,6}?\W+(\d{1,3})(?:st|nd|rd|th)\s+anniversary\b")
_YEARS_SINCE = re.compile(r"\b(?:more than|over|almost|nearly|about)?\s*(\w+)\s+years\b(?:\W+\w+){0,25}?\W+"
                          r"(?:in|since)\s+((?:19|20)\d\d)\b|\b(?:in|since)\s+((?:19|20)\d\d)\b(?:\W+\w+){0,25}?\W+"
                          r"(?:more than|over|almost|nearly|about)?\s*(\w+)\s+years\b", re.I)
_NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}


def prose_lines(text: str) -> str:
    """The lines of ``text`` that are prose: they end a sentence and have some length. Related-headline
    blocks, menus and stamps are not."""
    keep = [ln for ln in text.split("\n")
            if len(ln.split()) >= 8 and ln.rstrip().endswith((".", "!", "?", '"', "”", "’", ")"))]
    return "\n".join(keep)


def years_in_text(text: str) -> list[int]:
    return [int(y) for y in _YEAR_RE.findall(text) if FIRST_YEAR - 60 <= int(y) <= 2100]


# a year the sentence looks ahead to: "by 2030", "by the opening of the 2000 Olympics", "until the end of 1994"
_FUTURE_YEAR = re.compile(r"\b(?:by|until|till|before|through|in the year|target(?:s|ed)? for)\s+(?:[\w'’-]+\s+){0,5}$",
                          re.I)


_FUTURE_NEAR = re.compile(r"\b(?:expires?|expiring|due|scheduled|set|planned|deadline|until|till|by|before|from|"
                          r"matur(?:e|es|ing|ity)|redeemable|puttable|callable|payable|forecasts?|projected|"
                          r"expected|estimated|targets?|fiscal)\b"
                          r"(?:\s+\w+){0,4}\s+(?:on\s+|in\s+)?(?:\w+\.?\s+\d{1,2},?\s+)?$", re.I)
_COPYRIGHT = re.compile(r"©|\bcopyright\b|\ball rights reserved\b", re.I)


def past_years(prose: str) -> list[int]:
    """Years the prose speaks of as past or present: not "by 2030", not "expires on February 5, 2026", not in a
    sentence with "will", not a copyright year."""
    out = []
    for sentence in _SENTENCE.split(prose):
        if _COPYRIGHT.search(sentence):
            continue
        future = bool(_FUTURE_FIRM.search(sentence))
        for m in _YEAR_RE.finditer(sentence):
            if future or _FUTURE_YEAR.search(sentence[max(0, m.start() - 25):m.start()]) or \
                    _FUTURE_NEAR.search(sentence[max(0, m.start() - 40):m.start()]):
                continue
            y = int(m[1])
            if FIRST_YEAR - 60 <= y <= 2100:
                out.append(y)
    return out


def _number(word: str) -> int | None:
    w = word.lower()
    return int(w) if w.isdigit() else _NUMBER_WORDS.get(w)


def year_evidence(prose: str, today: dt.date) -> list[Evidence]:
    out: list[Evidence] = []
    years = [y for y in past_years(prose) if y <= today.year]
    if years:
        latest = max(years)
        out.append(Evidence("years", YEARS_WEIGHT, ((dt.date(latest - 1, 1, 1), dt.date(min(latest + 3, today.year), 12, 31)),),
                            f"latest year {latest}"))
        out.append(Evidence("years-floor", FLOOR_WEIGHT, ((dt.date(latest, 1, 1), today),), f"not before {latest}"))
    # an anniversary and its year stand in one sentence ("dating to 1994. ... the 25th anniversary of X" is not 2019)
    for m in (m for sent in _SENTENCE.split(prose) if "anniversary" in sent for m in _ANNIVERSARY.finditer(sent)):
        n, y = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        if 0 < n < 200 and FIRST_YEAR <= y + n <= today.year + 1:
            out.append(Evidence("anniversary", ANNIVERSARY_WEIGHT,
                                ((dt.date(y + n - 1, 7, 1), dt.date(y + n, 12, 31)),), f"{n}th anniversary of {y}"))
    for m in (m for sent in _SENTENCE.split(prose) if " years" in sent and _YEAR_RE.search(sent)
              for m in _YEARS_SINCE.finditer(sent)):
        count = _number(m[1] or m[4] or "")
        y = int(m[2] or m[3])
        if count and 0 < count < 100 and FIRST_YEAR <= y + count <= today.year:
            out.append(Evidence("years-since", YEARS_WEIGHT,
                                ((dt.date(y + count, 1, 1), dt.date(y + count + 1, 12, 31)),), f"{count} years after {y}"))
    return out
