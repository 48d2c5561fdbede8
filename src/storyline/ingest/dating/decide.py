"""The page's date, weighed from every date on the page and what the text implies.

Three steps, each only when the one before finds nothing it can stand behind:

1. **A full date printed as the page's own stamp.** Every full date found by
   :mod:`.candidates` is scored on where it stands and what it is attached to:
   a bare stamp line, a stamp label ("Updated:", "Published"), a clock time, a
   title line ending in ``| 10.05.2015``, the header above the article; against
   a caption (the news day: the page is that day or the next), prose (the
   event's date, worse still with future wording: "the April 21 visit has been
   postponed"), a copyright, comment or file-photo line. The text then votes:
   the weekday the report gives ("said on Saturday") for the same day or the
   day before, the weekday printed with the date, and every piece of
   :mod:`.knowledge` evidence (an official out of office on that day counts
   against it). Two readings of ``09-11-2019`` are two options; the weekdays
   decide between them.
2. **A month and day without a year** (a dateline, an app line ``04月03日``, a
   caption "on Mar. 8, Friday"): each year from 1990 to today is scored on the
   weekday (a hard filter), the knowledge evidence, weekday+month-day pairs
   printed elsewhere, and the years of the corpus's other articles; a year is
   given only when it wins clearly, otherwise ``XXXX-MM-DD``.
3. **Nothing printed**: the days that the most evidence allows (offices held,
   gatherings and their tense, explicit years, dated events in the prose) form
   a region, reported as far as it goes: a day (a short region with the
   report's weekday in it once), a month, a year or a span of years.

The confidence is the share of right answers measured per bucket on the
development sets (README, "Publication dates"); it is capped below 0.9 for
anything that is not a printed stamp or a weekday-checked year.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import NamedTuple

from ...happenings import happening_at, happening_in_month, happenings_named
from .candidates import CAPTION, Candidate, find_candidates
from .knowledge import TODAY_RE, Evidence, _number, gathering_evidence, prose_lines, tenure_evidence, year_evidence

FIRST_DAY = dt.date(1990, 1, 1)


class Dating(NamedTuple):
    """What :func:`date_page` decided: the TIMEX value, the evidence used, the confidence, the known
    (year, month, day, weekday) and, when the value is short of a day, the first and last day the
    evidence allows (narrower than the value says: "2020/2021" may be 16 Sept 2020 to 20 Jan 2021)."""
    value: str | None
    how: list[str]
    confidence: float
    parts: tuple[int | None, int | None, int | None, int | None]
    span: tuple[dt.date, dt.date] | None = None
ACCEPT_FULL = 2.5
TIE = 0.5                   # page-date scores closer than this are not told apart
TENURE_PENALTY = 3.0
EVIDENCE_CHARS = 50_000
MAX_MONTHDAY_EVENTS = 6     # each repeats over every year: a few are enough, many would cost time
MONTHDAY_REACH = 180        # days a month-day without a year lies from the page, at most
_WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WEEKDAY_RE = re.compile(r"\b(?:on|this|last|next|late|early)?\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_FUTURE = re.compile(r"\b(will|shall|is to|are to|is due to|are due to|is set to|are set to|plans? to|is expected to|"
                     r"going to|promised?|scheduled)\b", re.I)
_SENT_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“])")
_WD_NUM = {w: i for i, w in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

FEATURE_WEIGHTS = {"alone": 2.5, "label": 2.5, "clock": 1.0, "piped": 2.5, "dateline": 3.0, "app": 1.0,
                   "caption": 2.0, "prose": -1.5, "future": -3.0, "reference": -2.0, "copyright": -6.0,
                   "comment": -3.0, "crawl": -6.0, "updated": -0.5, "file-photo": -5.0}


def report_weekday(body: str, sentences: int = 1) -> tuple[int, tuple[int, ...]] | None:
    """The weekday the first sentence gives for the report's day, and the day offsets it allows:
    the same day or the day before for past wording, the same day or the next for future wording.
    With ``sentences`` > 1 the first weekday of the first few sentences (a softer reading: a later
    sentence may speak of another day)."""
    from ..clean import match_dateline

    body = body.strip()
    found = match_dateline(body)
    if found:
        body = body[found[1]:]
    for sentence in _SENT_END.split(body[:2000], maxsplit=sentences)[:sentences]:
        m = _WEEKDAY_RE.search(sentence)
        if not m:
            continue
        if re.match(r"\s*(last|next)\b", m.group(0), re.I):
            return None
        wd = _WD_NUM[m.group(1).lower()]
        clause = re.split(r"[,;:]", sentence[max(0, m.start() - 80):m.start()])[-1]
        return wd, ((0, 1) if _FUTURE.search(clause) else (0, -1))
    return None


def _story(body: str) -> str:
    """The body without the captions the cleaner may have left at its start."""
    sentences = re.split(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“(])|\s\|\s|\n", body[:3000])
    return " ".join(s for s in sentences if not CAPTION.search(s)) or body


def _score(evidence: list[Evidence], d: dt.date) -> float:
    return sum(e.weight for e in evidence if e.holds(d))


def _full_scores(cands: list[Candidate], evidence: list[Evidence], rw: tuple[int, tuple[int, ...]] | None,
                 body_at: int, body_end: int, today: dt.date) -> dict[dt.date, tuple[float, list[str]]]:
    out: dict[dt.date, tuple[float, list[str]]] = {}
    # three or more different bare dates make a list (related items, an archive), not a stamp
    bare = {c.options[0] for c in cands if c.kind == "full" and "alone" in c.features and "label" not in c.features}
    listed = len(bare) >= 3
    for c in cands:
        if c.kind != "full":
            continue
        feats = c.features - {"prose"} if "caption" in c.features else c.features
        base = sum(FEATURE_WEIGHTS.get(f, 0.0) for f in feats)
        if listed and "alone" in c.features and "label" not in c.features:
            base -= 2.5
        if c.start < body_at and "prose" not in c.features:
            base += 1.0                                   # the header above the article
        elif c.start > body_end:
            base -= 1.5                                   # below the article: related items, comments, footers
        options = [dt.date(y, m, d) for y, m, d in c.options if y]
        if "caption" in c.features and len(options) == 1:
            options.append(options[0] + dt.timedelta(days=1))     # a caption shows the news day, the page may be the next
        for k, d in enumerate(options):
            if d > today or d < FIRST_DAY:
                continue
            s, why = base - (0.5 if "caption" in c.features and k == 1 else 0.0), sorted(c.features)
            if c.weekday is not None:
                s += 1.0 if d.weekday() == c.weekday else -6.0
            if rw:
                wd, offsets = rw
                if d.weekday() == wd:
                    s += 1.5
                    why = why + ["weekday"]
                elif any((d + dt.timedelta(days=o)).weekday() == wd for o in offsets):
                    s += 0.5
                else:
                    s -= 1.0 if "caption" not in c.features else 2.0
            elif "caption" in c.features:
                s -= 1.5          # a photo may be years old: its date alone, unconfirmed by the story, is not the page's
            # a page's own stamp hardly ever falls outside the office of an official it names with his title;
            # a crawl date printed in a site header does
            s -= sum(TENURE_PENALTY if e.kind == "tenure" else 0.5 * e.weight for e in evidence if not e.holds(d))
            prev = out.get(d)
            out[d] = (max(prev[0], s) + 0.5, prev[1]) if prev else (s, why)
    return out


def _pub_monthday(cands: list[Candidate], rw: tuple[int, tuple[int, ...]] | None) -> Candidate | None:
    """The month-day that stands for the page: a dateline, an app stamp, a caption with the report's weekday."""
    best, best_s = None, 0.0
    for c in cands:
        if c.kind != "monthday":
            continue
        f = c.features
        s = 0.0
        if "dateline" in f:
            s = 4.0
        elif "app" in f and ("label" in f or "alone" in f):
            s = 3.5
        elif "caption" in f and c.weekday is not None and rw and c.weekday == rw[0]:
            s = 2.5
        elif "alone" in f and ("label" in f or "clock" in f):
            s = 2.0
        if s > best_s:
            best, best_s = c, s
    return best


def _year_for(month: int, day: int, weekday: int | None, rw: tuple[int, tuple[int, ...]] | None, rw_hard: bool,
              evidence: list[Evidence], pairs: list[tuple[int, int, int]], corpus_years: set[int],
              today: dt.date) -> tuple[int | None, list[str], float]:
    scores: dict[int, float] = {}
    used: list[str] = []
    for y in range(FIRST_DAY.year, today.year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if d > today:
            continue
        s = 0.0
        if weekday is not None:
            if d.weekday() != weekday:
                continue
        elif rw:
            wd, offsets = rw
            ok = [k for k, o in enumerate(offsets) if (d + dt.timedelta(days=o)).weekday() == wd]
            if not ok and rw_hard:
                continue
            s += (1.5 if ok[0] == 0 else 0.0) if ok else 0.0
        s += _score(evidence, d)
        # an official out of office on that day speaks against it (a title next to a name is rarely wrong)
        s -= sum(TENURE_PENALTY for e in evidence if e.kind == "tenure" and not e.holds(d))
        for pm, pd, pw in pairs:
            try:
                if dt.date(y, pm, pd).weekday() == pw:
                    s += 1.0
            except ValueError:
                pass
        if corpus_years and y in corpus_years:
            s += 2.0
        scores[y] = s
    if weekday is not None or rw:
        used.append("weekday")
    if evidence:
        used.extend(dict.fromkeys(e.kind for e in evidence))
    if pairs:
        used.append("weekday-pairs")
    if corpus_years:
        used.append("corpus")
    if not scores:
        return None, used + ["no-year-fits"], 0.0
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else float("-inf")
    margin = top - second
    weekday_part = 1.5 if (rw and weekday is None) else 0.0   # the weekday alone never decides a year
    if margin >= 1.5 and top - weekday_part >= 1.0:
        conf = 0.97 if (weekday is not None or rw) and margin >= 2.0 else 0.85 if margin >= 2.0 else 0.75
        return best, used, conf
    return None, used + ["undecided"], 0.0


def _region(evidence: list[Evidence], today: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """The longest stretch of days that the most evidence allows."""
    if not evidence:
        return None
    points = {FIRST_DAY, today + dt.timedelta(days=1)}
    for e in evidence:
        for a, b in e.spans:
            points.add(max(FIRST_DAY, a))
            points.add(min(today, b) + dt.timedelta(days=1))
    cuts = sorted(p for p in points if FIRST_DAY <= p <= today + dt.timedelta(days=1))
    segs = []
    for a, nxt in zip(cuts, cuts[1:]):
        segs.append((_score(evidence, a), a, nxt - dt.timedelta(days=1)))
    top = max(s for s, _, _ in segs)
    if top <= 0:
        return None
    tops = [(a, b) for s, a, b in segs if s == top]
    return tops[0][0], tops[-1][1], top          # disjoint best stretches are reported as one span covering them


GATHERING_DAYS = 6          # a region this short, from a gathering, is the days of that meeting
_OPENING = re.compile(r"\b(?:opened|opens|began|begins|kicked off|kicks off|got under ?way|gets under ?way|"
                      r"opening day|first day)\b", re.I)
_CLOSING = re.compile(r"\b(?:closed|closes|ended|ends|wrapped up|wraps up|came to a close|closing day|final day|"
                      r"last day)\b", re.I)


_TOLD_DAY = re.compile(r"\bon the (opening|first|closing|final|last) day of (?:the|their|this) ", re.I)
_OTHER_DAY = re.compile(rf"\b(?:yesterday|tomorrow|{_WEEKDAY_NAMES})\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                        r"Oct|Nov|Dec)[a-z]*\.? \d", re.I)


def _gathering_edge(prose: str) -> str | None:
    """"first" when the prose tells that something opened or began today (the page reports the first day
    of the meeting it covers), "last" when something closed today; None when neither or both.

    Used only when the days the evidence allows are those of one gathering (a week at most), at
    confidence 0.7. On devreal it dated the one such page (a three-day summit whose treaty signings
    "began today") to its first day: published_acc 0.667 -> 0.700, timex values 0.831 -> 0.839;
    samples, seeds and the held-out TimeBank/AQUAINT dating check unchanged. A day of the meeting told
    in past or present wording with no other day in the sentence ("held two rounds of talks on the first day
    of the meeting") is the same cue: it dated a bilateral summit's page, 0.700 -> 0.733."""
    first = last = False
    for sentence in _SENT_END.split(prose):
        told = _TOLD_DAY.search(sentence)
        if told and not _OTHER_DAY.search(sentence):
            # "held two rounds of talks on the first day of the meeting", no other day named: that day is the page's news
            first = first or told[1].lower() in ("opening", "first")
            last = last or told[1].lower() in ("closing", "final", "last")
        if not TODAY_RE.search(sentence):
            continue
        first = first or bool(_OPENING.search(sentence))
        last = last or bool(_CLOSING.search(sentence))
    return "first" if first and not last else "last" if last and not first else None


def _partial(a: dt.date, b: dt.date) -> str | None:
    if a.year == b.year:
        return f"{a.year}-{a.month:02d}" if a.month == b.month else str(a.year)
    if b.year - a.year <= 12:
        return f"{a.year}/{b.year}"
    return None


def _event_dates(cands: list[Candidate], today: dt.date) -> list[Evidence]:
    """Full dates in prose that are not the page's: an event ahead of the page (future wording) or behind it."""
    out = []
    for c in cands:
        if c.kind != "full" or "prose" not in c.features or len(c.options) != 1:
            continue
        y, m, d = c.options[0]
        assert y is not None
        day = dt.date(y, m, d)
        # a bound on one side only: a treaty may expire years ahead, a history be recalled years later
        if "future" in c.features:
            out.append(Evidence("event-date", 1.5, ((FIRST_DAY, day),), f"ahead of {day}"))
        elif "caption" not in c.features:
            out.append(Evidence("event-date", 1.0, ((day, today),), f"after {day}"))
    return out


_AGE_NOTICE = re.compile(r"\bthis (?:article|story|page) is (?:more|older) than (\w+) years? old\b", re.I)


def _age_notice(page: str, today: dt.date) -> list[Evidence]:
    """"This article is more than N years old": printed at the crawl, which is no later than today."""
    m = _AGE_NOTICE.search(page)
    n = _number(m[1]) if m else None
    if not n:
        return []
    try:
        latest = today.replace(year=today.year - n)
    except ValueError:
        latest = today.replace(year=today.year - n, day=28)
    return [Evidence("age-notice", 1.0, ((FIRST_DAY, latest),), f"more than {n} years old")]


def _lead_pairs(cands: list[Candidate], prose: str, page: str, today: dt.date) -> list[Evidence]:
    """A weekday with a month-day in the lead ("will visit Russia on Friday, May 6") names the news of the
    page: the years where that day has that weekday, give or take a season. Only in the lead: a pair deep in
    the story may be history ("the attacks of Tuesday, September 11")."""
    lead = " ".join(_SENT_END.split(prose, maxsplit=3)[:3])[:600]
    out = []
    for c in cands:
        if c.kind != "monthday" or c.weekday is None or "reference" in c.features or c.text not in lead:
            continue
        _, m, d = c.options[0]
        spans = [(day - dt.timedelta(days=90), min(today, day + dt.timedelta(days=90)))
                 for day in _every_year(m, d, today) if day.weekday() == c.weekday]
        if spans:
            out.append(Evidence("weekday-pair", 1.0, tuple(spans), c.text))
    return out


HAPPENING_WEIGHT = 2.0
HAPPENING_REACH = 365       # days after a happening in which the news names it by month and day alone


def _happenings(cands: list[Candidate], page: str) -> dict[int, Evidence]:
    """Month-days without a year that name a landmark happening ("on July 14 Iran and six powers
    finalised the nuclear deal", ``storyline.happenings``): the page is within a year after it.
    Keyed by the candidate's id, whose month-day is then no plain month-day any more."""
    out: dict[int, Evidence] = {}
    for c in cands:
        if c.kind != "monthday":
            continue
        _, m, d = c.options[0]
        found = happening_at(page, c.start, c.start + len(c.text), m, d)
        if found is not None and not found.timeless:
            out[id(c)] = Evidence("happening", HAPPENING_WEIGHT,
                                  ((found.day, found.day + dt.timedelta(days=HAPPENING_REACH)),), found.what)
    return out


_BARE_MONTH = re.compile(r"\b(?:in|since|early|late|mid-?)\s+(January|February|March|April|May|June|July|August|"
                         r"September|October|November|December)\b(?![\s,]+(?:\d|of\b|last\b|this\b|next\b))")
_MONTH_NO = {m: i for i, m in enumerate("January February March April May June July August September October "
                                        "November December".split(), 1)}


def _month_happenings(prose: str) -> list[Evidence]:
    """A bare month that names a landmark happening (Riyadh and Tehran "struck a deal in March", of the two
    countries a row names): the page is within a year after that month."""
    out = []
    for m in _BARE_MONTH.finditer(prose):
        found = happening_in_month(prose, m.start(), m.end(), _MONTH_NO[m[1]])
        if found is not None:
            first = found.day.replace(day=1)
            out.append(Evidence("happening", HAPPENING_WEIGHT,
                                ((first, first + dt.timedelta(days=HAPPENING_REACH)),), found.what))
    return out


_TOLD_WHEN = re.compile(rf"\b(?:(last week)|(yesterday)|(last month)|(earlier this week)|(earlier this month)|"
                        rf"(\w+) days ago|(?:on |last )?({_WEEKDAY_NAMES}))\b")
TOLD_REACH = 80             # characters between a happening's cue and the time it is told with


def _happenings_told(prose: str) -> list[Evidence]:
    """A landmark happening named with the time since it ("the ban on flights from Europe announced last
    week", "the accord signed on Tuesday"): the page's days follow from the happening's day."""
    out = []
    for sentence in _SENT_END.split(prose[:EVIDENCE_CHARS]):
        for h, at in happenings_named(sentence):
            for m in _TOLD_WHEN.finditer(sentence, max(0, at - TOLD_REACH), at + TOLD_REACH):
                span = _told_span(h.day, m)
                if span is not None:
                    out.append(Evidence("happening-told", HAPPENING_WEIGHT + 0.5, (span,), f"{h.what}: {m[0]}"))
                    break
    return out


def _told_span(day: dt.date, m: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    """The days a page may be written on that tells a happening of ``day`` with the words ``m``."""
    monday = day - dt.timedelta(days=day.weekday())
    if m[1]:                                               # last week: the page is in the week after
        return monday + dt.timedelta(days=7), monday + dt.timedelta(days=13)
    if m[2]:
        return day + dt.timedelta(days=1), day + dt.timedelta(days=1)
    if m[3]:
        first = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first, (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if m[4]:
        return day, monday + dt.timedelta(days=6)
    if m[5]:
        nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return day, nxt - dt.timedelta(days=1)
    if m[6]:
        n = _number(m[6])
        return (day + dt.timedelta(days=n), day + dt.timedelta(days=n)) if n else None
    if m[7] and _WD_NUM[m[7].lower()] == day.weekday():     # a weekday is within the week after the day
        return day, day + dt.timedelta(days=6)
    return None


def _every_year(month: int, day: int, today: dt.date) -> list[dt.date]:
    """The month-day in every year from FIRST_DAY's to today's where it exists (Feb 29 in leap years)."""
    out = []
    for y in range(FIRST_DAY.year, today.year + 1):
        try:
            out.append(dt.date(y, month, day))
        except ValueError:
            continue
    return out


def _monthday_events(cands: list[Candidate], today: dt.date) -> list[Evidence]:
    """Month-days in prose without a year: a past one ("talks on Jan. 22") is within the year before the
    page, a future one ("the summit on April 16") within the year after. The evidence repeats every year:
    it only cuts a region that other evidence has placed."""
    out = []
    for c in cands:
        if c.kind != "monthday" or "prose" not in c.features or "caption" in c.features:
            continue
        _, m, d = c.options[0]
        spans = [(day - dt.timedelta(days=MONTHDAY_REACH), day) if "future" in c.features
                 else (day, day + dt.timedelta(days=MONTHDAY_REACH)) for day in _every_year(m, d, today)]
        out.append(Evidence("month-day", 0.5, tuple(spans), c.text))
        if len(out) >= MAX_MONTHDAY_EVENTS:
            break
    return out


def date_page(page: str, body: str, *, dateline_md: tuple[int, int] | None = None,
              corpus_years: Iterable[int] = (), today: dt.date | None = None) -> Dating:
    """Decide the page's date: its TIMEX value (or None), how, confidence, the known parts and, for a
    value short of a day, the span of days the evidence allows."""
    today = today or dt.date.today()
    page, body = page[:EVIDENCE_CHARS], body[:EVIDENCE_CHARS]     # a page dates itself near its top
    cands = find_candidates(page)
    prose = prose_lines(body) or prose_lines(page)
    evidence = (tenure_evidence(body or page, today) + gathering_evidence(prose) + year_evidence(prose, today)
                + _age_notice(page, today) + _happenings_told(prose))
    story = _story(body)
    rw_first = report_weekday(story)                 # the lead's weekday: a hard filter on years
    rw = rw_first or report_weekday(story, 6)        # a later sentence's: a vote
    first = prose.split("\n", 1)[0][:60] if prose else ""
    body_at = page.find(first) if first else -1
    body_at = body_at if body_at >= 0 else len(page)
    last = prose.rsplit("\n", 1)[-1] if prose else ""
    body_end = page.rfind(last[:60]) if last else -1
    body_end = body_end + len(last) if body_end >= body_at else len(page)

    # 1. a printed full date
    full = _full_scores(cands, evidence, rw, body_at, body_end, today)
    if full:
        ranked = sorted(full.items(), key=lambda kv: -kv[1][0])
        (d, (s, why)) = ranked[0]
        runner = ranked[1][1][0] if len(ranked) > 1 else float("-inf")
        if s >= ACCEPT_FULL and s - runner < TIE and ranked[1][0] != d:
            # two stamps or two readings of 03/04/2015 that nothing tells apart: say what they share
            other = ranked[1][0]
            if (other.year, other.month) == (d.year, d.month):
                return Dating(f"{d.year}-{d.month:02d}", ["page-date", "tied"], 0.7, (d.year, d.month, None, None))
            if other.year == d.year:
                return Dating(str(d.year), ["page-date", "tied"], 0.7, (d.year, None, None, None))
        elif s >= ACCEPT_FULL:
            margin = s - runner
            conf = 0.99 if s >= 5.0 and margin >= 2.0 else 0.95 if s >= 4.0 and margin >= 1.5 else 0.85 if margin >= 1.0 else 0.6
            if any(e.kind == "tenure" and not e.holds(d) for e in evidence):
                conf = min(conf, 0.6)     # the stamp and an official's office disagree: one of them is not this page's
            how = ["page-date"] + [w for w in why if w in ("label", "alone", "clock", "piped", "caption", "weekday")]
            return Dating(d.isoformat(), how, conf, (d.year, d.month, d.day, d.weekday()))
    named = _happenings(cands, page)
    evidence += (_event_dates(cands, today) + _monthday_events([c for c in cands if id(c) not in named], today)
                 + _lead_pairs(cands, prose, page, today) + list(named.values()) + _month_happenings(prose))

    # 2. a month and day without a year
    md_cand = _pub_monthday(cands, rw)
    md = (md_cand.options[0][1], md_cand.options[0][2]) if md_cand else dateline_md
    if md:
        month, day = md
        weekday = md_cand.weekday if md_cand else None
        pairs = [(c.options[0][1], c.options[0][2], c.weekday) for c in cands
                 if c.kind == "monthday" and c.weekday is not None and c is not md_cand]
        year, used, conf = _year_for(month, day, weekday, rw, rw_first is not None, evidence, pairs,
                                     set(corpus_years), today)
        kind = "dateline" if not md_cand or "dateline" in md_cand.features else "app-date" if "app" in md_cand.features else "caption-date"
        if year is not None:
            if kind == "caption-date":
                conf = min(conf, 0.85)
            return Dating(f"{year}-{month:02d}-{day:02d}", [kind] + used, conf, (year, month, day, dt.date(year, month, day).weekday()))
        # the evidence may still agree on a year for this month-day
        region = _region(evidence, today)
        if region and region[0].year == region[1].year:
            y = region[0].year
            try:
                on: dt.date | None = dt.date(y, month, day)
            except ValueError:
                on = None
            if on and region[0] <= on <= region[1] and (weekday is None or on.weekday() == weekday) and \
                    (not rw or any((on + dt.timedelta(days=o)).weekday() == rw[0] for o in rw[1])):
                return Dating(on.isoformat(), [kind, "region"] + used, 0.8, (y, month, day, on.weekday()))
        wd = weekday if weekday is not None else rw_first[0] if rw_first else None   # anchors "on Friday"
        return Dating(f"XXXX-{month:02d}-{day:02d}", [kind] + used, 0.0, (None, month, day, wd))

    # 3. only what the text implies ("the latest year mentioned, give or take" is for choosing among
    # a month-day's years; as a bound it would exclude the later years that a lasting reference allows)
    evidence = [e for e in evidence if e.kind != "years"]
    region = _region(evidence, today)
    if region is None:
        return Dating(None, ["unknown"], 0.0, (None, None, None, None))
    a, b, _ = region
    kinds = list(dict.fromkeys(e.kind for e in evidence if e.holds(a)))
    if a == FIRST_DAY:
        # the days before 1990 are outside what the knowledge covers, not excluded by it: a region that
        # starts there ("ahead of 15 Oct 1999", a page of 1989) has no lower bound to report
        return Dating(None, ["region-open"] + kinds, 0.0, (None, None, None, None))
    # the days of a gathering the page reports while it runs, and its first or last day told as today's
    if "gathering" in kinds and (b - a).days <= GATHERING_DAYS:
        edge = _gathering_edge(prose)
        if edge is not None:
            d = a if edge == "first" else b
            return Dating(d.isoformat(), ["region", f"gathering-{edge}-day"] + kinds, 0.7,
                          (d.year, d.month, d.day, d.weekday()))
    # a short region and the report's weekday: the lead's weekday within two weeks, a later sentence's
    # (softer: it may speak of another day) within one
    weekday_of_report = rw_first if rw_first and (b - a).days <= 13 else rw if rw and (b - a).days <= 6 else None
    if weekday_of_report:
        days = [a + dt.timedelta(days=k) for k in range((b - a).days + 1)]
        hits = [d for d in days if d.weekday() == weekday_of_report[0]]
        if len(hits) == 1:
            d = hits[0]
            conf = 0.8 if weekday_of_report is rw_first else 0.7
            return Dating(d.isoformat(), ["region", "weekday"] + kinds, conf, (d.year, d.month, d.day, d.weekday()))
    value = _partial(a, b)
    if value is not None and len(value) == 7:
        # month-days without a year repeat every year: they may pick the year, not the month, on their own
        bare = _region([e for e in evidence if e.kind != "month-day"], today)
        if bare is None or _partial(bare[0], bare[1]) != value:
            value = str(a.year)
    if value is None:
        return Dating(None, ["region-too-wide"] + kinds, 0.0, (None, None, None, None))
    year = a.year if a.year == b.year else None
    known_month = a.month if year and a.month == b.month else None
    conf = 0.7 if year else 0.5
    return Dating(value, ["region"] + kinds, conf, (year, known_month, None, None), (a, b))
