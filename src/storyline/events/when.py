"""When, where, how and on whose word: date, location, mode, evidence, reported_by.

The *span* of a frame is the part of the parse that states the event: a verb's
subtree without its complement and coordinated clauses (which state other
things, reported speech above all), a noun's phrase with the prepositions that
belong to it, and for a noun that hangs on a clause ("held talks", "said *at a
meeting*") that clause too. A time expression modifying a word of the span
dates the event; one on a reporting verb never does. Adjuncts that share the
event's time ("agreed *during a meeting* last November") stay in the span.

Dates that the clause does not give (measured on devreal, 30 real articles; event_date_acc
0.338 before these, 0.516 after, samples 0.795 -> 0.841, seeds 1.000 throughout):

* a called-off or moved event takes the day it was (or now is) to happen, never the day it
  was called off: the latest time of its clause, "postponed *until* X" even on a verb above
  the clause, else a planned day told in its sentence (:func:`unsettled_date`);
* an event told in the present perfect in the lead is the day's news, or the past day the
  next sentence gives it (:func:`lead_day`);
* a recalled event takes the time the parser hangs on "recalled" (``_remembered_date``);
* "the sides" go on with the sentence before and take its one time, never a time inside a
  "since"/"after" clause (:func:`previous_day`);
* an undated simple-past act between the two sides of a happening dated by a stated day
  belongs to that day's story (:func:`narrative_dates`).

What is left is mostly the publication day itself: where the page gives only a year or a
span of years, "on Friday" has no value and the events it dates none either.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..codes import Status
from ..records import Evidence, Location
from ..time.values import interval, stretch
from .index import DocIndex
from .lexicon import lemma
from .patterns import (BOUNDING_PREPS, COTEMPORAL_MARKS, HAPPENED_CUES, MEMORY_CUES, MULTILATERAL_NAMES, MULTILATERAL_NOUNS, NOT_MULTILATERAL, PHASE_HAPPENED,
                       REPORTING_VERBS)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .actors import Parties
    from .frames import Frame

_START_WORDS = frozenset({"starting", "beginning", "opening"})
_CLAUSE_DEPS = frozenset({"ccomp", "csubj", "parataxis", "conj", "advcl", "relcl", "xcomp", "acl"})
_COTEMPORAL_PREPS = frozenset({"during", "at", "amid", "on"})
_PLACE_PREPS = frozenset({"in", "at", "outside", "near"})
LEAD_SENTENCES = 2          # sentences (the dateline's included) that make an article's lead
_TRIM = frozenset({"PUNCT", "CCONJ", "SPACE"})


# ---------------------------------------------------------------- TIMEX3 values as day intervals
def width(value: str | None) -> int:
    span = interval(value)
    return (span[1] - span[0]).days if span else 10**6


def overlaps(a: str | None, b: str | None) -> bool:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return True
    return not (ia[1] < ib[0] or ib[1] < ia[0])


# ---------------------------------------------------------------- spans

def verb_span(verb: "Token", skip: set[int], out: set[int]) -> None:
    """``verb``'s own clause: its subtree less complements, coordinated and other events' phrases.
    A setting that shares the event's time stays in, even when it is another event
    ("agreed *during a meeting* last November", "*in a telephone conversation on Jan. 22*, they agreed")."""
    todo = [verb]
    while todo:
        t = todo.pop()
        out.add(t.i)
        for c in t.children:
            if c.dep_ == "prep" and t.i == verb.i and _setting(c, skip):
                out.update(x.i for x in c.subtree)
                continue
            if c.i in skip and not (t.i == verb.i and lemma(verb) == "be" and c.dep_ == "nsubj"):
                continue                              # (the subject of "X was their 23rd meeting" is the event)
            if c.dep_ in ("appos", "relcl", "acl") and t.i != verb.i:
                continue                              # descriptions of a participant carry their own times
            if c.dep_ in _CLAUSE_DEPS and (t.i == verb.i or c.pos_ in ("VERB", "AUX")):
                if c.dep_ in ("xcomp", "advcl") and t.i == verb.i:
                    for p in c.children:              # "to talk during a meeting"
                        if p.dep_ == "prep" and _setting(p, skip):
                            out.update(x.i for x in p.subtree)
                continue
            todo.append(c)


def _setting(prep: "Token", skip: set[int]) -> bool:
    """A prepositional phrase that sets the scene in time: "during a meeting", "at the summit",
    "in a telephone conversation" (not "on preserving the deal")."""
    objs = [p for p in prep.children if p.dep_ == "pobj"]
    if not objs:
        return False
    return prep.lower_ in _COTEMPORAL_PREPS or (prep.lower_ == "in" and any(p.i in skip for p in objs))


def frame_span(frame: "Frame", triggers: set[int]) -> set[int]:
    trig = frame.trigger
    skip = triggers - {trig.i}
    out: set[int] = set()
    if frame.relation == "verb":
        verb_span(trig, skip, out)
        return out
    todo = [trig, *frame.extra]
    while todo:
        t = todo.pop()
        out.add(t.i)
        todo.extend(c for c in t.children if c.i not in skip and c.dep_ not in ("ccomp", "parataxis"))
    if frame.clause is not None and frame.relation in ("light", "motion", "adjunct", "subject"):
        verb_span(frame.clause, skip | {trig.i}, out)
    return out


def _inherited_span(frame: "Frame", triggers: set[int]) -> set[int]:
    """The clause an event clause leans on for its time: a coordinated verb, a temporal
    adverbial clause's head ("told reporters *after* they agreed") or, for a past event in a
    relative clause, the clause of the noun it describes."""
    v = frame.trigger if frame.relation == "verb" else frame.clause
    if v is None or frame.relation in ("arg", "topic"):
        return set()
    out: set[int] = set()
    skip = {i for i in triggers if i != frame.trigger.i} | {v.i}
    head = v.head
    if v.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        verb_span(head, skip, out)
    elif v.dep_ == "advcl" and (any(c.dep_ == "mark" and c.lower_ in COTEMPORAL_MARKS for c in v.children)
                                or (v.tag_ == "VBG" and not any(c.dep_ == "mark" for c in v.children))):
        verb_span(head, skip, out)                       # "after they agreed", "talked on Friday, discussing"
    elif v.dep_ == "pcomp" and head.lower_ in COTEMPORAL_MARKS and head.head.pos_ in ("VERB", "AUX"):
        verb_span(head.head, skip, out)                  # "told reporters on Friday after meeting X"
    elif v.dep_ == "advcl" and lemma(head) in ("become", "be") and any(c.tag_ == "TO" for c in v.children):
        if head.tag_ == "VBD":                           # "became the first president to visit X"
            verb_span(head, skip, out)
    elif v.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and any(c.tag_ == "TO" for c in v.children):
        # "became the first president to visit Hiroshima": the time of the clause it describes
        outer = head.head
        while outer.pos_ not in ("VERB", "AUX") and outer.head.i != outer.i:
            outer = outer.head
        if outer.pos_ in ("VERB", "AUX") and outer.tag_ == "VBD":
            verb_span(outer, skip, out)
    elif v.dep_ == "relcl" and v.tag_ in ("VBD", "VBN"):
        outer = head.head
        while outer.pos_ not in ("VERB", "AUX") and outer.head.i != outer.i:
            outer = outer.head
        if outer.pos_ in ("VERB", "AUX") and outer.tag_ == "VBD":
            verb_span(outer, skip, out)
    return out


# ---------------------------------------------------------------- date, place, mode

def _time_of_when_clause(frame: "Frame", index: DocIndex) -> str | None:
    """"November 2013, when the two countries held their first talks": the time the clause describes."""
    v = frame.trigger if frame.relation == "verb" else frame.clause
    if v is None or v.dep_ != "relcl":
        return None
    tx = index.timex_at.get(v.head.i)
    return tx.expr.value if tx is not None else None


def date_of(frame: "Frame", index: DocIndex, span: set[int], triggers: set[int]) -> str | None:
    best = _time_of_when_clause(frame, index)
    if best is not None:
        return best
    # a noun event hung on a report as its setting ("said at a meeting", "told reporters after the talks")
    # shares the report's time
    best = _closest_timex(frame, index, span, reporting_ok=frame.relation == "adjunct")
    if best is None:
        # the clause leaned on may be a report ("told reporters after they agreed"): its time holds
        best = _closest_timex(frame, index, _inherited_span(frame, triggers), reporting_ok=True)
    if best is None and frame.relation != "verb":
        best = appositive_date(frame, index)
    if best is None and frame.relation != "verb":
        best = _remembered_date(frame, index, triggers)
    if best is not None and frame.relation != "verb":
        best = stretch(best, own_duration(frame, index))      # "a three-day visit starting Monday"
    elif best is None and frame.relation != "verb":
        start = _start_of(frame, index)
        best = stretch(start, own_duration(frame, index)) if start else None
    if best is None:
        best = _year_of_cause(frame, index)
    return best


def _remembered_date(frame: "Frame", index: DocIndex, triggers: set[int]) -> str | None:
    """"recalled his meeting with X last November": one recalls a past event, and the time the
    parser hangs on the memory verb is the recalled event's."""
    t = frame.trigger
    for _ in range(3):
        if t.head.i == t.i or t.dep_ not in ("dobj", "pobj", "prep"):
            return None
        t = t.head
        if t.pos_ == "VERB":
            if lemma(t) not in MEMORY_CUES:
                return None
            out: set[int] = set()
            verb_span(t, triggers - {frame.trigger.i}, out)
            picks = [(abs(tx.root - frame.trigger.i), tx.expr.value) for tx in index.timexes
                     if not tx.bounding and (tx.anchor == t.i or tx.root in out) and _is_past(tx.expr.value, index)]
            return min(picks)[1] if picks else None
    return None


def _is_past(value: str | None, index: DocIndex) -> bool:
    days = interval(value)
    pub = interval(index.article.published.date if index.article.published else None)
    return days is not None and (pub is None or days[1] < pub[0])


def previous_day(frame: "Frame", index: DocIndex) -> str | None:
    """"X's visit last October ... Both sides agreed to resume talks": an undated happening of "the
    sides" goes on with the event told just before; the one time of the sentence before dates it."""
    v = frame.trigger
    if frame.relation != "verb" or v.tag_ != "VBD" or v.dep_ not in ("ROOT", "ccomp"):
        return None
    sent = index.sent_of[v.i]
    values = {tx.expr.value for tx in index.timexes
              if index.sent_of[tx.root] == sent - 1 and not tx.bounding and not bounded(index.doc[tx.root])
              and interval(tx.expr.value) is not None}
    return values.pop() if len(values) == 1 else None


def bounded(tok: "Token") -> bool:
    """A word inside a clause or phrase that only bounds another time ("since X took office last month")."""
    t = tok
    for _ in range(8):
        if (t.dep_ in ("prep", "mark") and t.lower_ in BOUNDING_PREPS) or any(
                c.dep_ == "mark" and c.lower_ in BOUNDING_PREPS for c in t.children):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def narrative_dates(events: list[tuple[int, dict]], index: DocIndex) -> None:
    """An undated happening told in the simple past between the two sides of a dated happening told
    before it ("X and Y met on Wednesday ... X also urged Y to ...", "In the meeting, they decided ...")
    belongs to that day's story and takes its day. Only a day (or a few days), never a month or year,
    and never across a perfect or a report of something earlier ("had offered")."""
    told: list[tuple[frozenset[str], str]] = []
    for tok, fields in sorted(events, key=lambda x: x[1]["evidence"].start):
        pair = frozenset(c for c in (fields["source"].country, fields["target"].country) if c)
        if len(pair) != 2 or fields["status"] != Status.HAPPENED:
            continue
        date = fields["date"]
        if date is not None:
            ev = fields["evidence"]
            stated = any(tx.expr.value == date and ev.start <= tx.expr.start < ev.end for tx in index.timexes)
            if 0 <= width(date) <= 3 and stated:         # a day the text states, not one the lead implies
                told.append((pair, date))
            continue
        t = index.doc[tok]
        if t.tag_ != "VBD" or any(c.dep_ == "aux" for c in t.children) or t.dep_ not in ("ROOT", "conj", "ccomp"):
            continue
        if any(c.lower_ in HAPPENED_CUES or c.lower_ in ("earlier", "previously", "once", "before")
               for c in t.children):
            continue
        day = next((d for p, d in reversed(told) if p == pair), None)
        if day is not None:
            fields["date"] = day


_CONCLUSION_WORDS = frozenset({"conclusion", "conclude", "end", "close", "completion", "culmination", "culminate",
                               "wrap"})


def concluded_talks_dates(events: list[tuple[int, dict]], index: DocIndex) -> None:
    """Undated talks told as concluded ("in the wake of the conclusion of the talks between X and Y",
    "after the talks ended") end on the day the article states for the agreement of the same two sides
    ("X and Y on July 14 finalized the deal"), when it states one such day; talks concluded by an
    agreement end with it."""
    days: dict[frozenset[str], set[str]] = {}
    for _tok, fields in events:
        pair = frozenset(c for c in (fields["source"].country, fields["target"].country) if c)
        date, ev = fields["date"], fields["evidence"]
        if fields["type"] == "AGREE" and len(pair) == 2 and fields["status"] == Status.HAPPENED and date \
                and width(date) == 0 and any(tx.expr.value == date and ev.start <= tx.expr.start < ev.end
                                             for tx in index.timexes):
            days.setdefault(pair, set()).add(date)
    if not days:
        return
    for tok, fields in events:
        pair = frozenset(c for c in (fields["source"].country, fields["target"].country) if c)
        if fields["type"] != "CONSULT" or fields["date"] is not None or fields["status"] != Status.HAPPENED \
                or len(days.get(pair, ())) != 1:
            continue
        t = index.doc[tok]
        gov = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "of" else t.head
        if lemma(gov) in _CONCLUSION_WORDS and gov.i != t.i:
            fields["date"] = next(iter(days[pair]))


def _start_of(frame: "Frame", index: DocIndex) -> str | None:
    """ "make a visit starting Monday", "talks beginning on March 3": the date the event starts."""
    for head in (frame.trigger, frame.clause):
        if head is None:
            continue
        for c in head.children:
            if c.lower_ in _START_WORDS:
                for t in c.subtree:
                    tx = index.timex_at.get(t.i)
                    if tx is not None and not tx.bounding:
                        return tx.expr.value
    return None


def own_duration(frame: "Frame", index: DocIndex) -> str | None:
    """The duration that qualifies the event noun itself ("a three-day visit", "a 12-hour strike")."""
    t = frame.trigger.i
    for first, last, value in index.durations:
        if any(index.doc[i].head.i == t for i in range(first, last + 1)) and not first <= t <= last:
            return value
    return None


def _year_of_cause(frame: "Frame", index: DocIndex) -> str | None:
    """"Riyadh cut ties after protesters attacked its embassy in 2016": an act that answers another
    follows it closely; the year of the clause it follows is the act's year (the day is not known)."""
    v = frame.trigger if frame.relation == "verb" else frame.clause
    if v is None:
        return None
    for c in v.children:
        if c.dep_ != "advcl" or c.i < v.i or not any(m.dep_ == "mark" and m.lower_ in ("after", "following")
                                                    for m in c.children):
            continue
        sub = range(c.left_edge.i, c.right_edge.i + 1)
        for tx in index.timexes:
            value = tx.expr.value or ""
            if tx.root in sub and len(value) >= 4 and value[:4].isdigit():
                return value[:4]
    return None


def _closest_timex(frame: "Frame", index: DocIndex, span: set[int], reporting_ok: bool) -> str | None:
    trig = frame.trigger.i
    own = range(frame.trigger.left_edge.i, frame.trigger.right_edge.i + 1)
    picks = []
    for tx in index.timexes:
        if tx.bounding:
            continue
        if tx.root in span or tx.anchor in span:
            if not reporting_ok and lemma(index.doc[tx.anchor]) in REPORTING_VERBS and tx.anchor != trig:
                continue
            # inside the trigger's own phrase first ("talks with X on January 22"), then the nearest
            picks.append((tx.root not in own, abs(tx.root - trig), tx.expr.value))
    return min(picks)[2] if picks else None


def appositive_date(frame: "Frame", index: DocIndex) -> str | None:
    """A noun event inside a time's apposition: "on Friday, the final day of X's visit"."""
    t = frame.trigger
    for _ in range(4):
        if t.head.i == t.i:
            return None
        prev, t = t, t.head
        tx = index.timex_at.get(t.i)
        if tx is not None:
            return tx.expr.value
        if t.pos_ in ("VERB", "AUX"):
            # "announced on Friday, the final day of X's visit": the phase noun shares the clause's time
            if prev.dep_ == "npadvmod" and lemma(prev) in PHASE_HAPPENED:
                picks = [(abs(tx.root - prev.i), tx.expr.value) for tx in index.timexes if tx.anchor == t.i]
                return min(picks)[1] if picks else None
            return None
    return None


def report_day(frame: "Frame", index: DocIndex, published: str | None) -> str | None:
    """An agreement reported in the perfect ("the two leaders had agreed ..., X said") was reached
    on the day of the report: the reporting verb's date, else the publication date."""
    v = frame.trigger
    if frame.type != "AGREE" or frame.relation != "verb":
        return None
    if not any(c.dep_ == "aux" and lemma(c) == "have" for c in v.children):
        return None
    t = v
    for _ in range(4):
        h = t.head
        if h.i == t.i or t.dep_ not in ("ccomp", "parataxis", "conj"):
            return None
        if lemma(h) in REPORTING_VERBS and t.dep_ in ("ccomp", "parataxis"):
            days = [tx.expr.value for tx in index.timexes if tx.anchor == h.i and not tx.bounding]
            return days[0] if days else published
        t = h
    return None


def same_voice_day(frame: "Frame", index: DocIndex) -> str | None:
    """"X said on Monday that ... . 'Quote,' X added during a phone call with Y": the setting of
    a statement (a call, a meeting the reporting verb is said *in*) that goes on from the same speaker's
    dated statement of the sentence before is that statement's day."""
    t = frame.trigger
    sent = index.sent_of[t.i]
    root = index.sents[sent].root
    if sent == 0 or t.dep_ != "pobj" or t.head.dep_ != "prep" or t.head.head.i != root.i:
        return None
    here, before = index.reporting_subject(sent), index.reporting_subject(sent - 1)
    if here is None or before is None:
        return None
    a, b = index.referent[here.i], index.referent[before.i]
    if a is None or b is None or a.id != b.id:
        return None
    days = {tx.expr.value for tx in index.timexes if tx.anchor == index.sents[sent - 1].root.i
            and not tx.bounding and interval(tx.expr.value) is not None}
    return days.pop() if len(days) == 1 else None


def lead_day(frame: "Frame", index: DocIndex, published: str | None) -> str | None:
    """An event told in the simple past or the present perfect in an article's first sentences, with
    no time of its own, is the day's news: the publication date ("X has called on Y to ...", "X and Y
    held talks"). Not "earlier", "last", "had met". Talks and agreements in the simple past only
    gave devreal event_date_acc 0.338; any type, and the present perfect too: see the package notes."""
    if published is None or index.sent_of[frame.trigger.i] > LEAD_SENTENCES:
        return None
    v = frame.trigger if frame.relation == "verb" else frame.clause
    if v is None or frame.relation not in ("verb", "light", "adjunct") or v.dep_ in ("relcl", "acl"):
        return None
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    perfect = v.tag_ == "VBN" and [c.lower_ for c in auxes if lemma(c) == "have"] in (["has"], ["have"])
    if not perfect and (v.tag_ != "VBD" or any(lemma(c) == "have" for c in auxes)):
        return None
    if not perfect and frame.type not in ("CONSULT", "AGREE"):
        return None
    if perfect:
        # "X and Y have held talks. They met in Lima on Thursday": the next sentence's past day
        sent = index.sent_of[frame.trigger.i]
        pub = interval(published)
        for tx in index.timexes:
            days = interval(tx.expr.value)
            if (index.sent_of[tx.root] == sent + 1 and not tx.bounding and days is not None and pub is not None
                    and days[0] == days[1] and pub[0] - dt.timedelta(days=3) <= days[0] < pub[0]):
                return tx.expr.value
    words = {c.lower_ for t in (frame.trigger, v) for c in t.children}
    if words & HAPPENED_CUES or words & {"again", "previously", "once", "before"}:
        return None
    return published


_MOVED_TO = frozenset({"until", "till", "to"})
_MOVE_VERBS = frozenset({"postpone", "delay", "defer", "reschedule", "move", "push", "put"})
_PLAN_WORDS = frozenset({"plan", "schedule", "set", "due", "slate", "expect"})


def unsettled_date(frame: "Frame", index: DocIndex, span: set[int], date: str | None, status: Status) -> str | None:
    """A called-off or moved event is dated by the day it was (or now is) to happen, never by the
    day it was called off: "on Saturday cancelled a visit next week" is next week, "postponed
    until September 20" is September 20, and with no time in the event's clause a planned day
    told in its sentence ("said on Friday of a visit that had been planned for May 9")."""
    if status not in (Status.POSTPONED, Status.CANCELLED):
        return date
    doc = index.doc
    # the verb that moves it may lie above the event's clause ("X's visit scheduled for Monday has
    # been postponed until ...")
    movers = set()
    t = frame.trigger
    for _ in range(4):
        if t.head.i == t.i:
            break
        t = t.head
        if lemma(t) in _MOVE_VERBS:
            movers.add(t.i)
    picks = []
    for tx in index.timexes:
        before = doc[tx.first - 1].lower_ if tx.first > 0 else ""
        moved = status == Status.POSTPONED and before in _MOVED_TO
        if not (tx.root in span or tx.anchor in span or (moved and tx.anchor in movers)):
            continue
        if tx.bounding and not moved:
            continue
        if lemma(doc[tx.anchor]) in REPORTING_VERBS:
            continue
        days = interval(tx.expr.value)
        if days is not None:
            picks.append((days[0], -width(tx.expr.value), tx.expr.value))
    if picks:
        latest = max(picks)[2]           # the happening comes after its calling off
        if date is None or overlaps(latest, date) or interval(latest)[0] >= interval(date)[0]:  # type: ignore[index]
            return latest
        return date
    if date is not None:
        return date
    sent = index.sent_of[frame.trigger.i]
    for tx in index.timexes:
        if index.sent_of[tx.root] == sent and not tx.bounding and lemma(doc[tx.anchor]) in _PLAN_WORDS:
            return tx.expr.value
    return None


def location_of(frame: "Frame", parties: "Parties", span: set[int], arg_toks: set[int]) -> Location | None:
    doc = parties.index.doc
    heads = {frame.trigger.i} | arg_toks | {t.i for t in frame.extra}
    if frame.clause is not None:
        heads.add(frame.clause.i)
    picks = []
    for i in span:
        t = doc[i]
        if t.dep_ != "prep" or t.lower_ not in _PLACE_PREPS:
            continue
        h = t.head
        if h.i not in heads and lemma(h) not in MULTILATERAL_NOUNS and not (
                h.dep_ == "pobj" and h.head.lower_ in _PLACE_PREPS):     # "at the Palace outside St Petersburg"
            continue
        for p in t.children:
            if p.dep_ == "pobj" and p.i not in arg_toks:           # a participant is no place ("outside the embassy")
                place = parties.place(p)
                if place is not None and place[1]:
                    picks.append((abs(i - frame.trigger.i), place))
    if not picks:
        return None
    name, code = min(picks, key=lambda x: x[0])[1]
    return Location(name, code)


def multilateral(frame: "Frame", index: DocIndex, span: set[int]) -> bool:
    doc = index.doc
    for i in span:
        if i == frame.trigger.i:
            continue
        t = doc[i]
        low = t.lower_
        if low in MULTILATERAL_NAMES:
            return True
        if lemma(t) in MULTILATERAL_NOUNS and not any(c.lower_ in NOT_MULTILATERAL for c in t.children):
            return True
    return False


# ---------------------------------------------------------------- evidence and attribution

def evidence_of(frame: "Frame", index: DocIndex) -> Evidence:
    head = frame.trigger if frame.relation == "verb" else (frame.clause or frame.trigger)
    for _ in range(6):
        h = head.head
        if h.i == head.i or head.dep_ not in ("xcomp", "conj", "pcomp", "prep", "pobj", "acl") or (
                lemma(h) in REPORTING_VERBS and head.dep_ != "xcomp"):
            break
        if head.dep_ in ("prep", "pobj") and frame.relation == "verb":
            break
        head = h
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("xcomp", "conj"):
            break
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") and (
            head.head.pos_ in ("VERB", "AUX") and lemma(head.head) not in REPORTING_VERBS):
        head = head.head                                  # "has no plans to visit": the whole clause
    doc = index.doc
    first, last = head.left_edge.i, head.right_edge.i
    sent = index.sents[index.sent_of[frame.trigger.i]]
    first, last = max(first, sent.start), min(last, sent.end - 1)
    while first < last and (doc[first].pos_ in _TRIM or doc[first].dep_ == "mark" or doc[first].is_quote):
        first += 1
    while last > first and (doc[last].pos_ in _TRIM or doc[last].is_quote):
        last -= 1
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return Evidence(index.text[start:end], start, end)


def reported_by(frame: "Frame", parties: "Parties") -> str | None:
    index = parties.index
    trig = frame.trigger
    q = index.quote_of(trig.i)
    if q is not None:
        if q.speaker:
            return q.speaker
        s = parties.speaker(trig)
        return s.actor.name if s is not None else None
    t = trig
    for _ in range(15):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for p in c.subtree:
                    if p.dep_ == "pobj" and p.head.lower_ == "to":
                        return _source_name(p, parties)
            if c.dep_ in ("conj", "parataxis") and c.i > trig.i and lemma(c) in REPORTING_VERBS and t.head.i == t.i:
                # "X will lodge a protest ..., its spokesman Y told reporters"
                return _reporter(c, parties)
        h = t.head
        if h.i == t.i:
            break
        if lemma(h) in REPORTING_VERBS and t.dep_ in ("ccomp", "parataxis"):
            return _reporter(h, parties)
        t = h
    return None


def _reporter(verb: "Token", parties: "Parties") -> str | None:
    """The subject of a reporting verb, or the name right before it when the parser lost the subject."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        return _source_name(subjects[-1], parties)      # the nearest: a dateline may be read as a subject
    index = parties.index
    e = index.referent[verb.i - 1] if verb.i > 0 else None
    outlet = index.outlet[verb.i - 1] if verb.i > 0 else None
    return e.name if e is not None else (outlet.name if outlet is not None else None)


_NEWS_NOUNS = frozenset({"newspaper", "daily", "paper", "weekly", "agency", "broadcaster", "outlet", "website",
                         "publication", "magazine", "channel", "tabloid"})


def _source_name(tok: "Token", parties: "Parties") -> str | None:
    """Who a reporting verb's subject names: an outlet, an entity, else the phrase itself."""
    index = parties.index
    for t in tok.subtree:
        if (outlet := index.outlet[t.i]) is not None:
            return outlet.name
    if lemma(tok) in _NEWS_NOUNS:
        for i in range(tok.i - 1, -1, -1):         # "the newspaper": the latest outlet named
            if (outlet := index.outlet[i]) is not None:
                return outlet.name
    found = parties.of(tok, plural=False)
    if found and found[0].actor.name:
        return found[0].actor.name
    words = [t.text for t in tok.subtree if t.dep_ not in ("punct", "relcl", "acl") and not t.is_space]
    return " ".join(words) or None
