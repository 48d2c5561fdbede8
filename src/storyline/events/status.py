"""Status as of the publication date: happened, planned, possible, postponed, cancelled.

Read from the trigger outwards: its own modifiers ("a *possible* visit", "the
*recent* meeting"), then each governing word up the parse ("*preparations* for
the visit", "*called off* the talks", "the *option* of a visit"), then the
clause's auxiliaries and tense ("*may* visit", "*will* hold", "*met*"). The
first decisive cue wins; a hedge higher up ("hopes that X will come") turns a
plan into a possibility. The reporting verb that frames the clause is never
read. The event's date against the publication date settles what the words
leave open and corrects a tense that the date contradicts.
"""
from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from ..codes import Status
from ..dates import DateValue
from .lexicon import lemma
from .patterns import (ATTITUDE_VERBS, CANCEL_CUES, MEMORY_CUES, CANCEL_PHRASES, COND_MODALS, DEMAND_MODALS, FUTURE_AUX, HAPPENED_CUES, HEDGE_MODALS,
                       PHASE_HAPPENED, PHASE_PLANNED, PLANNED_CUES, POSSIBLE_CUES, POSTPONE_CUES, POSTPONE_PHRASES, REPORTING_VERBS,
                       TOPIC_VERBS, UNDECIDED_SUBJECTS, UNDECIDED_VERBS)
from .when import interval

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .frames import Frame


class Cue(StrEnum):
    """What a verb can say that is no status: the extractor drops such a frame."""

    DEMANDED = "demanded"       # "X must withdraw": the content of a demand, not an event
    NEGATED = "negated"         # "have not signed": only that it has not happened


_ADJUNCT_CLAUSES = frozenset({"advcl", "conj", "relcl", "parataxis"})
_MOD_DEPS = frozenset({"amod", "advmod", "compound", "nmod", "npadvmod"})


def _prt(tok: "Token") -> str | None:
    for c in tok.children:
        if c.dep_ == "prt":
            return c.lower_
    return None


def _negated(tok: "Token") -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in ("never", "no")):
            return True
        if c.dep_ in ("nsubjpass", "dobj", "nsubj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            return True
    return False


def _forms(tok: "Token") -> set[str]:
    """The token's lemma and surface forms (the lemmatizer reads "hopes" as "hop")."""
    low = tok.lower_
    return {lemma(tok), low, low[:-1] if low.endswith("s") else low}


def _governor_cue(tok: "Token") -> Status | None:
    """The status a governing word imposes on what it governs."""
    forms = _forms(tok)
    base = lemma(tok)
    phrase = (base, _prt(tok) or "")
    if phrase in CANCEL_PHRASES or (forms & CANCEL_CUES and base != "rule"):
        return None if _negated(tok) else Status.CANCELLED
    if phrase in POSTPONE_PHRASES or (forms & POSTPONE_CUES and base not in ("put", "push")):
        return Status.POSTPONED
    if tok.pos_ in ("VERB",) and base in MEMORY_CUES:
        return Status.HAPPENED
    if tok.pos_ in ("NOUN", "PROPN") and forms & PHASE_HAPPENED:
        return Status.HAPPENED
    if forms & PHASE_PLANNED:
        return Status.PLANNED
    if forms & (TOPIC_VERBS | POSSIBLE_CUES):
        return Status.POSSIBLE
    if forms & PLANNED_CUES:
        # "has no plans to", "does not intend to": it is off
        return Status.CANCELLED if _negated(tok) or _det_no(tok) else Status.PLANNED
    return None


def _det_no(tok: "Token") -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _modifier_cue(tok: "Token") -> Status | None:
    for c in tok.children:
        if c.dep_ in _MOD_DEPS and c.i < tok.i or c.dep_ == "amod":
            w = c.lower_
            if c.tag_ == "VBN" or w.endswith("ed"):
                base = lemma(c)
                if base in POSTPONE_CUES - {"put", "push"}:
                    return Status.POSTPONED          # "the postponed visit", "his long-delayed trip"
                if base in CANCEL_CUES - {"rule", "deny", "refuse", "decline", "reject", "block", "veto", "drop"}:
                    return Status.CANCELLED
            if w in POSSIBLE_CUES:
                return Status.POSSIBLE
            if w in HAPPENED_CUES:
                return Status.HAPPENED
            if w in PLANNED_CUES:
                return Status.PLANNED
    return None


def _verb_cue(tok: "Token", reported: bool, use_tense: bool) -> Status | Cue | None:
    aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a in DEMAND_MODALS for a in aux):
        return Cue.DEMANDED
    if _negated(tok):
        # "will not visit" calls it off; "have not signed" only says it has not happened
        return Status.CANCELLED if any(a in FUTURE_AUX | COND_MODALS for a in aux) or tok.dep_ == "xcomp" else Cue.NEGATED
    if any(a in HEDGE_MODALS for a in aux):
        return Status.POSSIBLE
    if any(a in FUTURE_AUX for a in aux):
        return Status.PLANNED
    if any(a in COND_MODALS for a in aux):
        return Status.PLANNED if reported else Status.POSSIBLE
    # "is to visit", "is set/due/going to visit"
    if tok.dep_ == "xcomp" and lemma(tok.head) in ("be", "set", "due", "go", "schedule", "expect"):
        return Status.PLANNED
    if not use_tense:
        return None
    tag = tok.tag_
    if lemma(tok) == "be" and tag in ("VBZ", "VBP"):
        return Status.HAPPENED           # "this is his first visit": under way
    if tag == "VBD":
        return Status.HAPPENED
    if tag == "VBN" and any(a in ("have", "has", "had", "was", "were", "been", "'ve", "’ve") for a in aux):
        return Status.HAPPENED
    if tag == "VBG" and any(a in ("is", "are", "was", "were", "been", "'s", "’s", "'re", "’re") for a in aux):
        return Status.HAPPENED
    if tag == "VBN" and not aux and tok.dep_ in ("ROOT", "ccomp", "conj") and any(
            c.dep_ == "nsubj" for c in tok.children):
        return Status.HAPPENED           # a past tense the tagger read as a participle
    return None                     # the simple present states no time of its own


def _undecided(sent) -> bool:
    """"nothing has been finalised", "no decision has been made": plans stay possible."""
    for t in sent:
        if lemma(t) in UNDECIDED_VERBS and (_negated(t) or any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in UNDECIDED_SUBJECTS for c in t.children)):
            return True
    return False


HEDGES = frozenset({"hope", "may", "might", "could", Status.POSSIBLE, "suppose", "option", "possibility", "wish"})


def _called_off(trig: "Token") -> Status | None:
    t = trig
    for _ in range(6):
        h = t.head
        if h.i == t.i or (lemma(h) in REPORTING_VERBS and t.dep_ in ("ccomp", "parataxis")):
            return None
        if t.dep_ not in ("dobj", "nsubjpass", "pobj", "prep", "xcomp", "conj", "poss"):
            return None
        cue = _governor_cue(h)
        if cue in (Status.CANCELLED, Status.POSTPONED):
            return cue
        t = h
    return None


def _in_report(tok: "Token") -> bool:
    """Inside a clause reported by a verb of saying: "would" there is a reported "will"."""
    t = tok
    for _ in range(10):
        h = t.head
        if h.i == t.i:
            return False
        if lemma(h) in REPORTING_VERBS and t.dep_ in ("ccomp", "parataxis"):
            return True
        t = h
    return False


def status_of(frame: "Frame", date: str | None, published: str | None, sent: "Span") -> Status | Cue:
    trig = frame.trigger
    reported = _in_report(trig)
    # calling off or putting back outranks any word on the event itself ("a planned summit was called off")
    found: Status | Cue | None = _called_off(trig) or _modifier_cue(trig)
    # tense counts at the trigger verb, at the clause verb of a nominal that hangs on it
    # ("was held", "said at a meeting"), and up control chains ("agreed to meet");
    # never for a noun that is only an argument ("preparations for the visit")
    tense_ok = frame.relation in ("verb", "light", "motion", "adjunct", "subject")
    clause_i = frame.clause.i if frame.clause is not None else -1
    t = trig
    if found is None and frame.relation in ("light", "motion", "adjunct", "subject") and frame.clause is not None:
        t = frame.clause              # the words between are a preposition or a misattached subject
        found = _governor_cue(t) if frame.relation == "light" else None
    steps = 0
    while found is None and steps < 12:
        steps += 1
        # the clause verb governs only a noun it carries ("postponed the visit"), not an adjunct
        if t.i != trig.i and not (clause_i == t.i and frame.relation != "arg"):
            found = _governor_cue(t)
            if found is None and t.pos_ in ("NOUN", "PROPN"):
                found = _modifier_cue(t)
        if found is None and t.pos_ in ("VERB", "AUX"):
            found = _verb_cue(t, reported, tense_ok)
        if found is not None:
            break
        head = t.head
        if head.i == t.i:
            break
        if lemma(head) in REPORTING_VERBS and t.dep_ in ("ccomp", "parataxis"):
            break
        if t.pos_ in ("NOUN", "PROPN") and t.i != trig.i and frame.relation != "verb":
            tense_ok = False
        if t.dep_ in _ADJUNCT_CLAUSES and t.pos_ in ("VERB", "AUX"):
            # "talked by phone, discussing ...": the head's time, not its meaning, carries over
            found = _verb_cue(head, reported, True) if head.pos_ in ("VERB", "AUX") else None
            if found is not None:
                break
        t = head
    hedged = False
    # a hedge further up makes a plan a possibility ("hopes that X will come")
    u = t
    for _ in range(8):
        if u.head.i == u.i:
            break
        if lemma(u.head) in REPORTING_VERBS - ATTITUDE_VERBS and u.dep_ in ("ccomp", "parataxis"):
            break
        u = u.head
        if _forms(u) & HEDGES:
            hedged = True
            break
    if found == Status.PLANNED and hedged:
        found = Status.POSSIBLE
    if found in (None, Status.PLANNED, Status.POSSIBLE):
        found = _undone_after(t, sent) or found
    titled = trig.pos_ in ("NOUN", "PROPN") or (trig.tag_ == "VBG" and trig.dep_ == "ROOT")  # "Meeting with X"
    if found is None and (_headlinese(t, sent) or titled and _heading(sent)):
        found = Status.HAPPENED
    status = _by_date(found, date, published)
    return Status.POSSIBLE if status == Status.PLANNED and _undecided(sent) else status


def _headlinese(verb: "Token", sent: "Span") -> bool:
    """A headline line ("X meets Y counterpart", no final stop, a few words): its simple present tells
    what has just happened."""
    words = [t for t in sent if not t.is_space]
    if not words or len(words) > 16 or words[-1].text in (".", "!", "?", ":", ";", "”", '"'):
        return False
    return verb.tag_ in ("VBZ", "VBP") and lemma(verb) != "be" and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def _heading(sent: "Span") -> bool:
    """A title line with no subject ("Meeting with X", "Telephone conversation with Y"): a readout's
    heading names what took place."""
    words = [t for t in sent if not t.is_space]
    return bool(words) and len(words) <= 16 and words[-1].text not in (".", "!", "?", ":", ";") and not any(
        t.dep_ in ("nsubj", "nsubjpass", "csubj", "aux") for t in words)


def _undone_after(clause: "Token", sent: "Span") -> Status | None:
    """"X and Y were due to meet ..., but X cancelled": a plan undone by a later clause of the same
    sentence whose verb calls off or puts back with no object of its own."""
    chain = [clause]
    while chain[-1].head.i != chain[-1].i and len(chain) < 12:
        chain.append(chain[-1].head)
    for v in chain:
        for c in v.children:
            if c.dep_ != "conj" or c.pos_ not in ("VERB", "AUX") or c.i < clause.i:
                continue
            if not any(d.dep_ == "cc" and d.lower_ in ("but", "yet") for d in v.children if v.i < d.i < c.i):
                continue
            if any(d.dep_ in ("dobj", "nsubjpass") for d in c.children) or not any(
                    d.dep_ == "nsubj" for d in c.children):
                continue                # "but X cancelled", not "but was shelved" (a told state, not an act)
            cue = _governor_cue(c)
            if cue in (Status.CANCELLED, Status.POSTPONED):
                return cue
    return None


def _by_date(found: Status | Cue | None, date: str | None, published: str | None) -> Status | Cue:
    span = interval(date)
    pub = interval(published)
    if span is None or pub is None:
        return found or Status.PLANNED
    before = span[1] < pub[0]
    after = span[0] > pub[1]
    if found is None:
        return Status.HAPPENED if before or not after else Status.PLANNED
    if found == Status.PLANNED and before:
        return Status.HAPPENED
    if found == Status.HAPPENED and after:
        return Status.PLANNED
    return found


def published_value(date: str | None) -> str | None:
    """The publication day as ISO text when it is a full date, else None."""
    v = DateValue.parse(date)
    return v.iso() if v and v.is_full else None
