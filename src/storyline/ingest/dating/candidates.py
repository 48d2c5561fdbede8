"""Every date printed on a page, with what it stands next to.

A page prints many dates: its own timestamp, the crawl date in a site header,
dates of related items, of comments, of the events it reports, copyright years.
This module only *finds* them -- full dates (``04 Sep, 2005``, ``Tuesday, 18
November, 2003``, ``10.05.2015``, ``09-11-2019``, ``2016-05-06T10:00``) and
month-days without a year (datelines, captions, app lines such as ``04月03日``)
-- and records the features the decision in :mod:`.decide` weighs: the line it
stands on, whether that line is a bare stamp or carries a stamp label, whether
it is a caption, a copyright or comment line, prose, future wording around it,
and where it stands relative to the article's first sentence.

Numeric dates whose order is not fixed by the numbers (``09-11-2019``) yield
both readings; the weekdays in the text decide later.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .. import patterns as P

_MON = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
        r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_WD = r"(?:Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun)(?:day|nesday|urday|sday)?"
_Y = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"

# full dates; group names: wd (weekday), mname or m, d, y
FULL_DATES: list[tuple[str, re.Pattern[str]]] = [
    ("md", re.compile(rf"(?:\b(?P<wd>{_WD})\.?,?\s+)?\b(?P<mname>{_MON})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>{_Y})\b", re.I)),
    ("dm", re.compile(rf"(?:\b(?P<wd>{_WD})\.?,?\s+)?\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mname>{_MON})\.?,?\s+(?P<y>{_Y})\b", re.I)),
    ("iso", re.compile(rf"(?<![\d/.-])(?P<y>{_Y})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])")),
    ("ymd", re.compile(rf"(?<![\d/.-])(?P<y>{_Y})[/.](?P<m>[01]?\d)[/.](?P<d>[0-3]?\d)(?![\d/.])")),
    # 10.05.2015 is day.month.year wherever dots are used
    ("dot", re.compile(rf"(?<![\d/.-])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{_Y})(?![\d])")),
    # 09-11-2019, 01/26/2016: both orders are read; evidence decides
    ("num", re.compile(rf"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>{_Y})(?![\d])")),
    ("cjk", re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")),
]
# month-days without a year
MONTH_DAYS: list[tuple[str, re.Pattern[str]]] = [
    ("md", re.compile(rf"(?:\b(?P<wd>{_WD})\.?,?\s+)?\b(?P<mname>{_MON})\.?\s+(?P<d>\d{{1,2}}){_ORD}\b(?!\s*(?:,\s*)?(?:{_Y}|\d|:))"
                      rf"(?:,?\s+(?P<wd2>{_WD})\b)?", re.I)),
    ("dm", re.compile(rf"(?:\b(?P<wd>{_WD})\.?,?\s+)?\b(?P<d>\d{{1,2}}){_ORD}\s+(?P<mname>{_MON})\b\.?(?!,?\s*{_Y})", re.I)),
    ("cjk", re.compile(r"(?<![年\d])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")),
]
# a dateline at the start of a line, after an optional aggregator prefix: "Lima, March 9:",
# "OSLO, Feb 3 (AFP):", "QUITO, MAY 12, NEWSWIRE."
DATELINE = re.compile(rf"^(?:\((?:[^()]|\([^()]*\)){{2,80}}\)\s*)?(?P<place>[A-Z][\w.'’ -]{{1,40}}?(?:,\s*[A-Z][\w.'’ -]{{1,25}})?),\s+"
                      rf"(?P<mname>{_MON})\.?\s+(?P<d>\d{{1,2}})\b(?!,?\s*{_Y})\s*(?:[:.,(/—–-]|$)", re.I)

STAMP_LABEL = re.compile(r"\b(?:last\s+)?(?:updated?|published|posted|created|modified|released|issued|date(?:d)?|"
                         r"first published|print edition)\b\s*(?:on|at)?\s*:?|發布於|发布于|更新", re.I)
CAPTION = re.compile(r"\b(?:photo(?:graph)?s?|pictured?|picture|handout|file\s+(?:photo|picture|image)|"
                     r"in this (?:photo|picture|image|handout|file)|image credit|REUTERS/|AFPPIX|AFP PHOTO|AP Photo|"
                     r"Getty Images|EPA|\((?:L|R|C|left|right|center|centre)\)|(?:this|the) photo|provided by|courtesy of)\b",
                     re.I)
FILE_PHOTO = re.compile(r"\bfile\s+(?:photo|picture|image)\b|\(file\)|\barchive (?:photo|picture|image)\b", re.I)
COPYRIGHT = re.compile(r"©|\bcopyright\b|\ball rights reserved\b|\(c\)\s*(?:19|20)\d\d", re.I)
CRAWL = re.compile(r"\b(?:today is|today:|current date|as of today|now:)\s*(?:\w+,?\s*)?$", re.I)
COMMENT = re.compile(r"\b(?:reply|replied|says:|wrote:|comments?|posted by|report abuse|likes?)\b", re.I)
FUTURE = re.compile(r"\b(?:will|shall|would|is to|are to|due|scheduled|set for|set to|planned|plans?|postponed|"
                    r"delayed|moved|rescheduled|expected|upcoming|deadline|expires?)\b", re.I)
FUTURE_NEXT = re.compile(r"\b(?:until|till|by|before|ahead of|from|for)\s+(?:the\s+)?$", re.I)
CLOCK = re.compile(r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s*[ap]\.?m\b|\bGMT\b|\bUTC\b|\bIST\b|\bEST\b|\bEDT\b|\bCET\b", re.I)
_DIGIT = re.compile(r"\d")
_YEAR_ANY = re.compile(r"(?:19|20)\d\d")
_MONTH_ANY = re.compile(rf"\b{_MON}|月", re.I)
_REST_NOISE = re.compile(rf"\b{_WD}\b|\b(?:updated|at|on)\b|[|•·,:;()\[\]/+\-–—]|\d+", re.I)
_DATELINE_HEAD = re.compile(r"\s*(?:\((?:[^()]|\([^()]*\))*\)\s*)?(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?,\s*)?")
_DATELINE_TAIL = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:[-–—:]|/)")


def weekday_number(word: str | None) -> int | None:
    if not word:
        return None
    w = word.lower().rstrip(".")
    return P.WEEKDAYS.get(w) if w in P.WEEKDAYS else P.WEEKDAYS.get(w[:3])


def month_number(word: str) -> int | None:
    return P.MONTHS.get(word.lower().rstrip("."))


@dataclass
class Candidate:
    """One date printed on the page; ``options`` holds every reading of it (two for ``09-11-2019``)."""
    kind: str                          # "full" or "monthday"
    options: list[tuple[int | None, int, int]]   # (year or None, month, day)
    text: str
    line_no: int
    start: int                         # offset in the page
    weekday: int | None = None         # printed next to the date
    features: set[str] = field(default_factory=set)


def _valid(y: int | None, m: int, d: int) -> bool:
    try:
        dt.date(y or 2016, m, d)
        return True
    except ValueError:
        return False


def _line_features(line: str, span: tuple[int, int]) -> set[str]:
    f: set[str] = set()
    before, after = line[:span[0]], line[span[1]:]
    rest = line[:span[0]] + " " + line[span[1]:]
    # what is left on the line without the date, clock times, labels, weekday and separators
    rest_core = STAMP_LABEL.sub(" ", CLOCK.sub(" ", rest))
    rest_core = _REST_NOISE.sub(" ", rest_core)
    words = rest_core.split()
    if len(words) <= 3:
        f.add("alone")
    label = STAMP_LABEL.search(before[-40:]) or STAMP_LABEL.search(after[:12])
    if label:
        f.add("label")
        if re.match(r"(?:last\s+)?(?:updat|modif)", label.group(0), re.I):
            f.add("updated")              # the first publication is the page's date, not the last edit
    if CLOCK.search(after[:30]):
        f.add("clock")
    if re.search(r"\|\s*$", before) and not after.strip():
        f.add("piped")                    # a title line ending "| Outlet | 10.05.2015"
    if CRAWL.search(before[-30:]):
        f.add("crawl")
    if CAPTION.search(line):
        f.add("caption")
    if FILE_PHOTO.search(line):
        f.add("file-photo")
    if COPYRIGHT.search(line):
        f.add("copyright")
    if COMMENT.search(line) and len(line) < 200:
        f.add("comment")
    if span[0] <= 45 and _DATELINE_HEAD.fullmatch(before) and _DATELINE_TAIL.match(after):
        f.add("dateline")                 # "NEW YORK, March 3, 2015 (AP) -- The ..." opens the story
    elif len(line) > 90 and len(words) > 12 and "piped" not in f:
        f.add("prose")
        window = before[-70:] + " " + after[:130]
        if FUTURE.search(window) or FUTURE_NEXT.search(before[-20:]):
            f.add("future")
        if re.search(r"\b(?:since|in|from|after|of)\s*(?:the\s+)?$", before[-12:], re.I):
            f.add("reference")
    return f


def _lines(page: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for i, ln in enumerate(page.split("\n")):
        out.append((i, pos, ln))
        pos += len(ln) + 1
    return out


def find_candidates(page: str) -> list[Candidate]:
    """Every full date and month-day on the page, in page order."""
    out: list[Candidate] = []
    for no, pos, line in _lines(page):
        if not _DIGIT.search(line):
            continue
        taken: list[tuple[int, int]] = []
        has_year, has_month = bool(_YEAR_ANY.search(line)), bool(_MONTH_ANY.search(line))
        for name, pat in FULL_DATES if has_year else ():
            for m in pat.finditer(line):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                g = m.groupdict()
                y = int(g["y"])
                opts: list[tuple[int | None, int, int]]
                if name == "num":
                    a, b = int(g["a"]), int(g["b"])
                    opts = [(y, mo, d) for mo, d in ((a, b), (b, a)) if _valid(y, mo, d)]
                    opts = list(dict.fromkeys(opts))
                else:
                    mo = month_number(g["mname"]) if g.get("mname") else int(g["m"])
                    if mo is None:
                        continue
                    opts = [(y, mo, int(g["d"]))] if _valid(y, mo, int(g["d"])) else []
                if not opts:
                    continue
                taken.append((m.start(), m.end()))
                c = Candidate("full", opts, m.group(0), no, pos + m.start(), weekday_number(g.get("wd")),
                              _line_features(line, (m.start(), m.end())))
                if name == "num":
                    c.features.add("num-" + ("dash" if g["sep"] == "-" else "slash"))
                out.append(c)
        dm = DATELINE.match(line) if has_month else None
        if dm and not any(a < dm.end("d") and dm.start("mname") < b for a, b in taken):
            mo = month_number(dm["mname"])
            if mo and _valid(None, mo, int(dm["d"])):
                c = Candidate("monthday", [(None, mo, int(dm["d"]))], dm.group(0), no, pos + dm.start("mname"))
                c.features = {"dateline"}
                out.append(c)
                taken.append((dm.start("mname"), dm.end("d")))
        for name, pat in MONTH_DAYS if has_month else ():
            for m in pat.finditer(line):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                g = m.groupdict()
                mo = month_number(g["mname"]) if g.get("mname") else int(g["m"])
                d = int(g["d"])
                if mo is None or not _valid(None, mo, d):
                    continue
                if name == "md" and g["mname"].lower() == "may" and not re.match(r"May\b", g["mname"]):
                    continue            # "may 5" in lower case is the verb
                taken.append((m.start(), m.end()))
                wd = weekday_number(g.get("wd") or g.get("wd2"))
                c = Candidate("monthday", [(None, mo, d)], m.group(0), no, pos + m.start(), wd,
                              _line_features(line, (m.start(), m.end())))
                if name == "cjk":
                    c.features.add("app")
                out.append(c)
    return out


