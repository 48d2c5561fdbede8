"""Find triggers in the dependency parse and the tokens that fill their roles.

A :class:`Frame` is one trigger word read in one sense: the verb or noun, the
clause that carries its tense and modality, and the noun-phrase heads that
name its source, its target, or both sides at once ("the meeting *between*
X and Y"). Nothing here knows about entities: ``actors`` resolves the
heads afterwards.

Verbal triggers take their subject (through control and coordination: "X
plans to *visit*", "X arrived and *met*"), their object and the prepositions
the sense lists. Nominal triggers take possessors and prepositional phrases,
and borrow the subject of a light verb ("X will *hold talks*"), of a motion
verb ("came to France *on a visit*") or of the clause they are an adjunct of
("agreed *during a meeting*").
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..entities.docview import view_of
from .lexicon import Lexicon, Sense, lemma, lexicon
from .patterns import ABSTRACT_HEADS, ADJUNCT_PREPS, MOTION_VERBS, MULTILATERAL_NAMES, PHONE_WORDS, TOPIC_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_OBJECT_CONTROL = frozenset({"ask", "urge", "invite", "tell", "press", "allow", "encourage", "persuade", "order",
                             "nudge", "prod", "push"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_INVITEE_VERBS = frozenset({"accept", "receive", "decline", "welcome", "get", "have"})
_TIME_POSSESSORS = frozenset({"month", "week", "year", "day", "weekend", "today", "yesterday", "tomorrow",
                              "tonight", "morning", "evening", "afternoon", "spring", "summer", "autumn", "winter"})
_ORDINAL_HEADS = frozenset({"first", "last", "next", "latest"})   # "First to sign were X and Y"
_CLAUSE_MARKS = frozenset({"after", "before", "since", "until", "when", "as", "once", "while"})
AGREEMENT_VERBS = frozenset({"agree", "decide", "pledge", "promise", "vow", "commit"})
QUANTITY_HEADS = frozenset({"hour", "minute", "day", "week", "round", "series", "set", "couple", "number", "lot",
                            "bout", "session", "dozen", "raft", "batch", "host", "package", "pair", "range"})

# Parts of a document that a light verb acts on for the whole: "finalized the text of a deal".
PART_HEADS = frozenset({"text", "terms", "draft", "wording", "details"})


@dataclass
class Frame:
    sense: Sense
    type: str
    trigger: "Token"
    clause: "Token | None"        # the verb that carries tense and modality (the trigger itself for verbs)
    relation: str                 # verb | light | motion | adjunct | subject | topic | arg
    sources: list["Token"] = field(default_factory=list)
    targets: list["Token"] = field(default_factory=list)
    both: list["Token"] = field(default_factory=list)
    inner_target: bool = False    # the target may be found inside the object ("Germany's proposal")
    implicit_source: bool = False  # agentless passive: the one who speaks is the source
    extra: list["Token"] = field(default_factory=list)   # prepositions that belong to a nominal trigger
    mods: list["Token"] = field(default_factory=list)    # a noun's name-like modifiers ("the Obama visit", "Franco-German talks")
    enclosing: list["Token"] = field(default_factory=list)  # nouns the nominal hangs in ("a U.S. bid for sanctions on X")

    @property
    def mode(self) -> str | None:
        return self.sense.mode


# ---------------------------------------------------------------- small parse helpers

def prep_objects(tok: "Token", name: str, extra: list["Token"] | None = None) -> list["Token"]:
    out: list["Token"] = []
    for c in list(tok.children) + (extra or []):
        if c.dep_ in ("prep", "agent") and c.lower_ == name:
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def child(tok: "Token", *deps: str) -> "Token | None":
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def is_passive(verb: "Token") -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def subjects(verb: "Token", depth: int = 0) -> list["Token"]:
    """The subject of ``verb``, through control, coordination and relative clauses."""
    if depth > 4:
        return []
    subj = [c for c in verb.lefts if c.dep_ == "nsubj"] or [c for c in verb.children if c.dep_ == "nsubj"] or [
        g for c in verb.lefts if c.dep_ == "aux" for g in c.children if g.dep_ == "nsubj"]   # hung on "had"
    if subj:
        c = subj[-1]              # the nearest, if a dateline was read as a second subject ("PARIS – Macron has ...")
        if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return [verb.head]
        return [c]
    if is_passive(verb):
        agent = prep_objects(verb, "by")
        return agent
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "advcl" and head.pos_ in _VERBAL and lemma(head) in _OBJECT_CONTROL and _to_clause(head) is verb:
        obj = child(head, "dobj")                        # "nudged X to continue", the clause read as an adjunct
        if obj is not None:
            return [obj]
    if verb.dep_ == "xcomp" and head.pos_ in _VERBAL:
        obj = child(head, "dobj")
        if lemma(head) in _OBJECT_CONTROL and obj is not None:
            return [obj]
        if lemma(head) in ("call", "appeal"):
            called = prep_objects(head, "on") + prep_objects(head, "upon") + prep_objects(head, "to")
            if called:
                return called[:1]                        # "called on X to support": X is to support
        raised = child(head, "nsubjpass")                # "X is expected to come"
        if raised is not None and not prep_objects(head, "by"):
            return [raised]
        return subjects(head, depth + 1)
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.head.i != head.i:
        return subjects(head.head, depth + 1)            # "X is due / ready to travel"
    if verb.dep_ in ("conj", "advcl") and head.pos_ in _VERBAL:
        return subjects(head, depth + 1)
    if verb.dep_ in ("xcomp", "acl", "relcl") and head.lower_ in _ORDINAL_HEADS and lemma(head.head) == "be":
        named = [c for c in head.head.children if c.dep_ in ("nsubj", "attr") and c.i > verb.i]
        return named[:1]
    if verb.dep_ == "relcl":
        return [head]
    if verb.dep_ == "csubj" and lemma(head) == "be":
        # "the first to sign were X and Y": who did it is the subject (or attribute) of "be"
        named = [c for c in head.children if c.dep_ in ("nsubj", "attr") and c.i > verb.i]
        return named[:1]
    if verb.dep_ == "acl" and lemma(head) in ("invitation", "offer") and head.dep_ == "dobj" and \
            lemma(head.head) in _INVITEE_VERBS:
        return subjects(head.head, depth + 1)            # "X accepted the invitation ... to visit": X visits
    if verb.dep_ == "acl" and head.pos_ in _NOMINAL and lemma(head) not in ABSTRACT_HEADS:
        poss = child(head, "poss")
        if poss is not None:
            return [poss]                                # "Berlin's intention to organise"
        if head.dep_ in ("dobj", "attr") and head.head.pos_ in _VERBAL:
            return subjects(head.head, depth + 1)         # "X has no plans to visit"
        return []
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in _VERBAL:
        return subjects(head.head, depth + 1)
    if verb.dep_ in ("dep", "advcl", "conj", "ccomp"):
        # "soured after X on Saturday vetoed ...": the parser hung the subject on "after"
        doc = verb.doc
        for i in range(verb.i - 1, max(-1, verb.i - 7), -1):
            t = doc[i]
            if t.dep_ == "pobj" and t.head.lower_ in _CLAUSE_MARKS and t.head.i == t.i - 1:
                return [t]
            if t.pos_ in _VERBAL:
                break
    if verb.dep_ in ("dep", "advcl", "conj", "ccomp", "ROOT"):
        # "At the invitation of A, B will visit ...": the parser hung B on A as an apposition and left the
        # verb without a subject; a name standing right before the verb's auxiliary is the one who acts
        auxes = [c.i for c in verb.lefts if c.dep_ == "aux"]
        if auxes and min(auxes) > 0:
            t = verb.doc[min(auxes) - 1]
            if t.pos_ == "PROPN" and t.dep_ in ("appos", "pobj", "conj") and t.head.i < t.i:
                return [t]
    return []


def under_topic(verb: "Token") -> bool:
    """A clause that is the topic of talk ("met *to discuss signing* a treaty")."""
    t = verb
    for _ in range(3):
        if t.dep_ not in ("xcomp", "ccomp", "pcomp", "dobj") or t.head.i == t.i:
            return False
        h = t.head
        if h.dep_ == "prep":
            h = h.head
        if lemma(h) in TOPIC_VERBS and h.i != verb.i:
            return True
        t = h
    return False


def under_agreement(frame: Frame) -> bool:
    """The content of an agreement ("agreed *to start consultations*") is not a second event."""
    v = frame.trigger if frame.relation == "verb" else frame.clause
    if v is None or frame.relation not in ("verb", "light"):
        return False
    t = v
    for _ in range(3):
        if t.dep_ not in ("xcomp", "ccomp") or t.head.i == t.i:
            return False
        t = t.head
        if lemma(t) in AGREEMENT_VERBS:
            return True
    return False


def clause_verb(tok: "Token") -> "Token | None":
    """The nearest verb at or above ``tok``."""
    t = tok
    for _ in range(12):
        if t.pos_ in _VERBAL:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


_HELD_CALL_VERBS = frozenset({"have", "hold", "conduct"})


def _call_held(tok: "Token") -> bool:
    """"had a call with X", "held a call with X": a call one has or holds with someone is a telephone or
    video call, whatever the text calls it (a call *for* something is a demand)."""
    return tok.dep_ == "dobj" and lemma(tok.head) in _HELD_CALL_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)


def phone_near(tok: "Token") -> bool:
    for c in tok.children:
        if c.lower_ in PHONE_WORDS and c.dep_ in ("compound", "amod", "nmod", "npadvmod"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("by", "over", "via", "on"):
            if any(p.lower_ in PHONE_WORDS or lemma(p) in PHONE_WORDS for p in c.subtree):
                return True
    return False


def extended_preps(tok: "Token", names: frozenset[str]) -> list["Token"]:
    """Prepositions right after a noun's phrase that the parser hung on an ancestor
    ("the visit of X [to Paris] [in December]" with both attached to the verb)."""
    out: list["Token"] = []
    right = tok.right_edge.i
    a = tok
    for _ in range(6):
        if a.head.i == a.i:
            break
        a = a.head
        for c in a.children:                    # in text order
            if c.dep_ == "prep" and c.i == right + 1 and c.lower_ in names:
                out.append(c)
                right = c.right_edge.i
        if a.pos_ in _VERBAL:
            break
    return out


# ---------------------------------------------------------------- verbs

def _verb_frame(tok: "Token", sense: Sense) -> Frame | None:
    kids = list(tok.children)
    prts = {c.lower_ for c in kids if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == tok.i + 1)}
    if sense.prt and sense.prt not in prts:
        return None
    for c in kids:
        if c.dep_ in sense.forbid or (c.dep_ in ("prep", "prt") and c.lower_ in sense.forbid):
            return None
    passive = is_passive(tok)
    obj = child(tok, "nsubjpass") if passive else child(tok, "dobj")
    if obj is not None and lemma(obj) in QUANTITY_HEADS:
        of = prep_objects(obj, "of")                     # "signed dozens of documents"
        obj = of[0] if of else obj
    if sense.objects and obj is not None and lemma(obj) not in sense.objects:
        of = [p for p in prep_objects(obj, "of") if lemma(p) in sense.objects]
        obj = of[0] if of else obj                       # "attend the Group of 20 summit" parsed on "Group"
    if sense.objects and (obj is None or lemma(obj) not in sense.objects):
        return None
    if obj is None and sense.need_complement and "dobj" in sense.target:
        obj = _complement_subject(tok)
    if obj is not None and lemma(obj) in sense.forbid_object:
        return None
    if sense.need_complement and child(tok, "xcomp", "ccomp") is None and _to_clause(tok) is None:
        return None
    if sense.bare and obj is not None:
        return None
    if sense.joint and not sense.bare and (obj is None or obj.pos_ not in _NOMINAL):
        return None                                      # a joint announcement *of something*
    frame = Frame(sense, sense.type, tok, tok, "topic" if under_topic(tok) else "verb",
                  inner_target=sense.object_target)
    subj = subjects(tok)
    if sense.subject_is:
        # "a trip that will take X to Italy": the trip is the subject, the traveller the object
        if not subj or lemma(subj[0]) not in sense.subject_is or obj is None:
            return None
        frame.sources = [obj]
        frame.targets = [p for slot in sense.target for p in prep_objects(tok, slot)]
        return frame
    targets: list["Token"] = []
    for slot in sense.target:
        if slot == "dobj":
            if obj is not None and not sense.objects:
                targets = [obj]
        elif slot == "dative":
            d = child(tok, "dative")
            targets = [d] if d is not None else []
        elif slot == "between":
            frame.both = prep_objects(tok, "between") + (prep_objects(obj, "between") if obj is not None else [])
        else:
            targets = prep_objects(tok, slot) + (prep_objects(obj, slot) if obj is not None else [])
        if targets or frame.both:
            break
    if sense.objects and sense.object_target and not targets and obj is not None:
        targets = [obj]
    if sense.inverse:
        frame.sources, frame.targets = targets, subj
    else:
        frame.sources, frame.targets = subj, targets
    if sense.mode is None and sense.type == "CONSULT" and phone_near(tok):
        frame.sense = _with_mode(sense, "phone")
    return frame


def _to_clause(verb: "Token") -> "Token | None":
    """A "to"-infinitive the parser hung on ``verb`` as an adjunct ("urged X *to continue*")."""
    for c in verb.children:
        if c.dep_ == "advcl" and c.i > verb.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return c
    return None


def _complement_subject(verb: "Token") -> "Token | None":
    """"urged visiting X to continue" parsed with X inside the complement's subject: the one urged."""
    comp = child(verb, "ccomp", "xcomp")
    if comp is None:
        return None
    for c in comp.children:
        if c.dep_ == "nsubj" and c.i < comp.i and c.pos_ in _NOMINAL:
            return c
        if c.dep_ == "csubj" and c.tag_ == "VBG":
            inner = child(c, "dobj")
            if inner is not None and inner.pos_ in _NOMINAL:
                return inner
    return None


def _with_mode(sense: Sense, mode: str) -> Sense:
    return replace(sense, mode=mode)


# ---------------------------------------------------------------- nouns

def _governing(tok: "Token", sense: Sense, lex: Lexicon) -> tuple[str, "Token | None"]:
    """How a nominal trigger hangs in its clause, and the verb of that clause."""
    t = tok
    for _ in range(4):
        if t.dep_ == "conj" and t.head.i != t.i:
            t = t.head                                   # a conjunct hangs where the first one does
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and lemma(t.head.head) in QUANTITY_HEADS | PART_HEADS:
            t = t.head.head                              # "held three hours of talks", "the text of a deal"
        else:
            break
    h = t.head
    light = sense.light | lex.light_common | {k for k, _ in sense.governors}
    if t.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and h.pos_ in _VERBAL:
        if lemma(h) in light:
            return "light", h
        if lemma(h) == "be" and t.dep_ == "attr":
            return "subject", h                          # "it was their 21st meeting"
        if lemma(h) in TOPIC_VERBS:
            return "topic", h
        return "arg", h
    if t.dep_ in ("advcl", "appos", "npadvmod") and h.pos_ in _VERBAL:
        return "adjunct", h                              # "X met Y on Friday, their first meeting since ..."
    if t.dep_ == "nsubj" and h.pos_ in _VERBAL:
        if lemma(h) == "take" and any(lemma(c) == "place" for c in h.children):
            return "light", h
        return "subject", h
    if t.dep_ == "pobj" and h.dep_ == "prep":
        g = h.head
        if g.pos_ in _NOMINAL and g.dep_ in ("nsubj", "nsubjpass") and g.head.pos_ in _VERBAL and (
                h.lower_ in ("in", "during", "at", "on")):
            g = g.head                                   # "X and Y [in a telephone conversation] agreed"
        if g.pos_ in _VERBAL:
            if h.lower_ == "on" and sense.mode == "visit" and lemma(g) in MOTION_VERBS:
                return "motion", g
            if h.lower_ in ADJUNCT_PREPS:
                return "adjunct", g
            if h.lower_ in ("about", "of") and lemma(g) in TOPIC_VERBS:
                return "topic", g
    return "arg", clause_verb(t)


def _noun_frame(tok: "Token", sense: Sense, lex: Lexicon) -> Frame | None:
    if sense.plural_only and tok.tag_ not in ("NNS", "NNPS"):
        return None
    if sense.need_phone and not phone_near(tok) and not any(
            lemma(c) in PHONE_WORDS for c in tok.lefts) and not _call_held(tok):
        return None
    relation, gov = _governing(tok, sense, lex)
    if relation == "light" and gov is not None and under_topic(gov):
        relation = "topic"
    if sense.type == "CONSULT" and any(c.lower_ in MULTILATERAL_NAMES for c in tok.children):
        return None          # "the G20 summit" is a setting, not a meeting between two sides
    kind = sense.type
    if gov is not None and sense.governed_type(lemma(gov)):
        kind = sense.governed_type(lemma(gov)) or kind
    names = frozenset(s for s in sense.target + sense.source if s not in ("poss", "dative"))
    extra = extended_preps(tok, names | {"in", "on", "at"})
    if sense.type == "CONSULT" and sense.mode is None and phone_near(tok):
        sense = _with_mode(sense, "phone")
    frame = Frame(sense, kind, tok, gov if relation != "arg" else clause_verb(tok), relation, extra=extra,
                  inner_target=sense.object_target)
    # own arguments
    for slot in sense.source:
        found = _noun_slot(tok, slot, extra)
        if found:
            frame.sources = found
            break
    for slot in sense.target:
        if slot in ("between",) or (slot == "of" and sense.symmetric):
            both = _noun_slot(tok, slot, extra)
            if both:
                frame.both = both
                break
            continue
        found = _noun_slot(tok, slot, extra)
        if found:
            frame.targets = found
            break
    if not frame.targets and not frame.both:
        # "the sanctions imposed on X": the target on the participle that describes the noun
        for c in tok.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for slot in sense.target:
                    found = prep_objects(c, slot) if slot not in ("between", "of", "dative") else []
                    if found:
                        frame.targets = found
                        break
    if not frame.targets and not frame.both and frame.sources:
        # "a visit of X to Y" with "to Y" hung on X
        for slot in sense.target:
            found = [p for src in frame.sources for p in _noun_slot(src, slot, [])]
            if found and slot not in ("between", "of"):
                frame.targets = found
                break
    frame.mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i
                  and c.pos_ in ("PROPN", "ADJ", "NOUN")]
    frame.enclosing = _enclosing_nouns(tok)
    light_ok = relation in ("light", "motion") and gov is not None and (
        not sense.light or lemma(gov) in sense.light or sense.governed_type(lemma(gov)))
    if sense.light and not light_ok and not ((frame.sources or frame.enclosing) and (frame.targets or frame.both)):
        return None
    # borrowed arguments
    if gov is not None and relation in ("light", "motion", "adjunct"):
        if not frame.sources and not frame.both:
            frame.sources = [t for t in subjects(gov) if t.i != tok.i]     # not "the visit" of "the visit will take place"
            if not frame.sources and relation == "light" and is_passive(gov):
                frame.implicit_source = True
            elif not frame.sources and relation == "adjunct" and is_passive(gov):
                raised = child(gov, "nsubjpass")         # "X is expected in Paris for talks with Y"
                frame.sources = [raised] if raised is not None else []
        if not frame.targets and not frame.both and relation in ("light", "motion"):
            slots = ("to", "in", "at") if relation == "motion" or sense.mode == "visit" else sense.target
            for slot in slots:
                found = prep_objects(gov, slot) if slot not in ("dative", "compound", "poss") else []
                if slot == "dative":
                    d = child(gov, "dative")
                    found = [d] if d is not None else []
                if found and slot == "between":
                    frame.both = found
                    break
                if found:
                    frame.targets = found
                    break
        if sense.clause_target and gov is not None:
            frame.targets = subjects(gov)
    return frame


def _enclosing_nouns(tok: "Token") -> list["Token"]:
    """Nouns a nominal trigger hangs in through "for", "of" or "on" ("a U.S. resolution for an extension
    of the embargo on X"): whose they are is whose the event is, when the trigger names no source."""
    out: list["Token"] = []
    t = tok
    for _ in range(3):
        if t.dep_ != "pobj" or t.head.lower_ not in ("for", "of", "on"):
            break
        g = t.head.head
        if g.pos_ in _VERBAL and t.head.lower_ == "for":
            obj = child(g, "dobj")                    # "defeated a resolution Friday for ...": the PP hung on the verb
            g = obj if obj is not None and obj.i < t.head.i else g
        if g.pos_ not in _NOMINAL:
            break
        t = g
        out.append(t)
    return out


def _noun_slot(tok: "Token", slot: str, extra: list["Token"]) -> list["Token"]:
    if slot == "poss":
        p = child(tok, "poss")
        if p is not None and (p.ent_type_ in ("DATE", "TIME") or p.lower_ in _TIME_POSSESSORS):
            return []                                    # "this month's summit": a time, not a side
        return [p] if p is not None else []
    if slot in ("dative", "compound", "amod"):
        return []
    return prep_objects(tok, slot, extra)


# ---------------------------------------------------------------- entry point

@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """Every trigger of the lexicon, lower-case and capitalised (a proper noun's lemma keeps its capital)."""
    lex = lexicon()
    words = set(lex.verbs) | set(lex.nouns)
    return frozenset(words | {w.capitalize() for w in words})


def _candidates(doc: "Doc") -> list[int]:
    """Indices of tokens whose lemma or lower-cased form is a trigger of the lexicon."""
    words = _trigger_words()
    return [t.i for t in doc if t.lemma_ in words or t.lower_ in words]


def find_frames(doc: "Doc") -> Iterator[list[Frame]]:
    """For each trigger word of ``doc``, the frames of the senses whose needs its context meets,
    in the lexicon's order; the caller keeps the first that yields an event."""
    lex = lexicon()
    doc = view_of(doc)
    for i in _candidates(doc):
        tok = doc[i]
        frames: list[Frame] = []
        if tok.pos_ in _VERBAL and tok.tag_.startswith("VB"):
            for sense in lex.verb_senses(lemma(tok)):
                frame = _verb_frame(tok, sense)
                if frame is not None:
                    frames.append(frame)
        elif tok.pos_ in _NOMINAL or tok.tag_.startswith("NN"):
            for sense in lex.noun_senses(lemma(tok)):
                frame = _noun_frame(tok, sense, lex)
                if frame is not None:
                    frames.append(frame)
        if frames:
            yield frames
