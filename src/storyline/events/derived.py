"""Events read from constructions rather than from one trigger word.

* A demand in reported speech: "X said Germany *must* withdraw ..." is a
  REQUEST from the speaker's side to the side the modal clause is about.
* An invitation to a place: "X invited Y *to the forum in Davos*"
  is, besides the REQUEST, a planned visit of the invitee to that country.
* An earlier occasion: "X's *first* visit to Berlin *since April 2013*" tells of a
  visit in April 2013 too.
* A stop on the way: "X flew to Paris *from London*" tells of his stay in Britain.
* The dateline's place: talks held on the day, told in the lead of an article
  datelined from one side's capital, took place there.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes import Status
from ..records import Actor, Evidence, Location
from .actors import Parties, Party
from .index import DocIndex
from .lexicon import lemma, lexicon
from .merge import Mention
from .patterns import DEMAND_MODALS, PHONE_WORDS, REPORTING_VERBS, TOPIC_VERBS
from .when import evidence_of, reported_by

if TYPE_CHECKING:  # pragma: no cover
    from .frames import Frame

LEAD_SENTENCES = 3        # the lead of a news article: where the dateline's place is the scene


def demands(index: DocIndex, parties: Parties) -> list[Mention]:
    """REQUESTs made by a speaker in reported speech with "must" or "should"."""
    out: list[Mention] = []
    doc = index.doc
    for k, sent in enumerate(index.sents):
        root = sent.root
        if lemma(root) not in REPORTING_VERBS:
            continue
        subjects = [c for c in root.lefts if c.dep_ == "nsubj"]
        if not subjects:
            continue
        speaker = subjects[-1]          # the nearest: a dateline may be read as a subject too
        for clause in root.children:
            if clause.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS
                                                 for c in clause.children):
                continue
            subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or any(c.dep_ == "neg" for c in clause.children):
                continue
            src = parties.of(speaker, plural=False)
            tgt = parties.of(subj, plural=False)
            if not src or not tgt or not src[0].country or src[0].country == tgt[0].country:
                continue
            date = next((tx.expr.value for tx in index.timexes if tx.anchor == root.i and not tx.bounding), None)
            first, last = clause.left_edge.i, clause.right_edge.i
            while first < last and doc[first].dep_ == "mark":
                first += 1
            start, end = doc[first].idx, doc[last].idx + len(doc[last])
            out.append(Mention("REQUEST", None, Status.HAPPENED, src[0], tgt[0], False, date, None,
                               Evidence(index.text[start:end], start, end), src[0].actor.name, clause.text,
                               clause.i, k))
    return out


_STAY_VERBS = frozenset({"visit", "stay", "travel", "go", "come", "tour"})


def last_visitors(index: DocIndex, parties: Parties) -> list[Mention]:
    """"The last U.S. president to visit Cuba was X in 1928": X's visit then. The guest's country is the
    person's, else the subject's modifier ("U.S."), else that of the guest of the visit the article told
    first ("the last president to stay in the palace", in a report of a president's state visit); the
    host is the place's country, else the other side of that visit."""
    out: list[Mention] = []
    doc = index.doc
    for k, sent in enumerate(index.sents):
        root = sent.root
        if lemma(root) != "be":
            continue
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in root.children if c.dep_ in ("attr", "acomp")), None)
        if subj is None or attr is None or not any(c.dep_ == "amod" and c.lower_ in ("last", "first")
                                                   for c in subj.children):
            continue
        verb = next((c for c in subj.children if c.dep_ in ("relcl", "acl") and lemma(c) in _STAY_VERBS
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        person = index.entity(attr.i)
        if verb is None or person is None or person.type != "PERSON":
            continue
        times = [tx for tx in index.timexes if sent.start <= tx.first < sent.end and tx.first > attr.i
                 and not tx.bounding and tx.expr.value]
        if len(times) != 1:
            continue
        first = next((t for t in parties.told if t[2] or t[3] == "visit"), None)
        guest = index.country_of(person) or next(iter(parties._modifier_countries(subj)), None) or (
            first[4].country if first is not None else None)
        places = [p for c in verb.children for p in ([c] if c.dep_ == "dobj" else
                                                     [g for g in c.children if g.dep_ == "pobj"]
                                                     if c.dep_ == "prep" and c.lower_ in ("in", "to", "at") else [])]
        place = next((found for p in places if (found := parties.place(p)) is not None and found[1]), None)
        host = place[1] if place is not None else (first[5].country if first is not None else None)
        if not guest or not host or guest == host:
            continue
        start, end = sent.start_char, sent.end_char
        while end > start and doc.text[end - 1].isspace():
            end -= 1
        out.append(Mention("CONSULT", "visit", Status.HAPPENED, Party(Actor(person.name, person.id, guest), attr.i,
                                                                      "person"),
                           Party(Actor(None, None, host), verb.i, "country"), False, times[0].expr.value,
                           Location(*place) if place is not None else None,
                           Evidence(index.text[start:end], start, end), None, verb.text, verb.i, k))
    return out


def invitation_visit(frame: "Frame", invitee: Party, parties: Parties, date: str | None) -> Mention | None:
    """"X invited Y to <a place or an event held there>": Y's planned visit to that country."""
    trig = frame.trigger
    if not any(c.dep_ == "prep" and c.lower_ == "to" for c in trig.children):
        return None
    for c in trig.children:
        if c.dep_ != "prep" or c.lower_ not in ("to", "in", "at"):
            continue
        for p in c.children:
            if p.dep_ != "pobj":
                continue
            place = parties.place(p) or _place_inside(p, parties)
            if place is None or not place[1] or place[1] == invitee.country:
                continue
            host = Party(Actor(None, None, place[1]), p.i, "country")
            return Mention("CONSULT", "visit", Status.PLANNED, invitee, host, False, date, Location(*place),
                           evidence_of(frame, parties.index), reported_by(frame, parties), trig.text, trig.i,
                           parties.index.sent_of[trig.i])
    return None


def earlier_occasion(frame: "Frame", mention: Mention, index: DocIndex) -> Mention | None:
    """"their first meeting since Helsinki last July": the meeting in Helsinki last July."""
    trig = frame.trigger
    if trig.pos_ not in ("NOUN", "PROPN") or not any(c.dep_ == "amod" and c.lower_ == "first" for c in trig.children):
        return None
    candidates = list(trig.children) + list(frame.extra)
    if frame.clause is not None:
        candidates += [c for c in frame.clause.children if c.i > trig.i]
    for c in candidates:
        # a "since" clause tells of an earlier occasion only when it tells the same kind of event
        # ("since they last met in 2013"), not another ("since he took office in June 2019")
        since = (c.dep_ == "prep" and c.lower_ == "since") or (
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children)
            and any(s.type == mention.type and (not s.subject_is or any(
                lemma(x) in s.subject_is for x in c.children if x.dep_ == "nsubj"))
                for s in lexicon().verb_senses(lemma(c))))
        if not since:
            continue
        inside = {t.i for t in c.subtree}
        # the time in the phrase, or right after it ("since Helsinki last July")
        inside.add(c.right_edge.i + 1)
        for tx in index.timexes:
            if tx.first in inside:
                source = _named_then(index, tx.root, mention.source) or mention.source
                return Mention(mention.type, mention.mode, Status.HAPPENED, source, mention.target,
                               mention.symmetric, tx.expr.value, None, mention.evidence, mention.reported_by,
                               mention.trigger, mention.tok, mention.sent)
    return None


def _named_then(index: DocIndex, time_tok: int, side: Party) -> Party | None:
    """"since 1998, when then-President X went ...": the person of the same side that the clause on the
    earlier time names as its subject, who stood for that side then."""
    if side.actor.name is not None or not side.country:
        return None
    doc = index.doc
    tok = doc[time_tok]
    clauses = [c for c in tok.children if c.dep_ in ("relcl", "advcl", "acl")]
    after = tok.right_edge.i + 1            # ", when ..." hung by the parser on the main verb
    if after < len(doc) and doc[after].lower_ == "when" and doc[after].head.pos_ in ("VERB", "AUX"):
        clauses.append(doc[after].head)
    for c in clauses:
        for s in c.children:
            e = index.entity(s.i) if s.dep_ in ("nsubj", "nsubjpass") else None
            if e is not None and e.type == "PERSON" and index.country_of(e) == side.country:
                return Party(Actor(e.name, e.id, side.country), s.i, "person")
    return None


def departure_visit(frame: "Frame", mention: Mention, parties: Parties) -> Mention | None:
    """"X flew to A from B": X was in B's country before, when B is abroad for X."""
    if not frame.sense.motion or mention.target is None:
        return None
    dest = [frame.trigger.doc[mention.target.tok]] if mention.target.tok != frame.trigger.i else []
    for c in [*frame.trigger.children, *(d for t in dest for d in t.children)]:
        if c.dep_ == "prep" and c.lower_ == "from":
            for p in c.children:
                place = parties.place(p) if p.dep_ == "pobj" else None
                if place is None or not place[1] or place[1] in (mention.source.country, mention.target.country):
                    continue
                host = Party(Actor(None, None, place[1]), p.i, "country")
                return Mention("CONSULT", "visit", Status.HAPPENED, mention.source, host, False, None, Location(*place),
                               mention.evidence, mention.reported_by, mention.trigger, mention.tok, mention.sent)
    return None


def _place_inside(tok, parties: Parties) -> tuple[str | None, str | None] | None:
    for t in tok.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "at") and t.i != tok.i:
            found = parties.place(t)
            if found is not None:
                return found
    return None


def dateline_location(frame: "Frame", index: DocIndex, status: str, date: str | None,
                      published: str | None) -> Location | None:
    """The scene of same-day talks told in the lead: the dateline's place. Not for what was
    discussed, nor for a call."""
    sent = index.sent_of[frame.trigger.i]
    if sent >= LEAD_SENTENCES or status != Status.HAPPENED or (date is not None and date != published):
        return None
    if (frame.relation == "verb" and lemma(frame.trigger) in TOPIC_VERBS) or frame.mode == "phone" or any(
            t.lower_ in PHONE_WORDS for t in index.sents[sent]):
        return None
    code = index.dateline_country()
    return Location(None, code) if code else None
