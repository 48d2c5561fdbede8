"""Which way a time expression points: the tense of the verb that governs it.

``on Friday`` after "told reporters" is the Friday just gone; after "will hold
talks" it is the coming one. With a spaCy ``Doc`` the governing verb is found by
walking dependency heads and its tense read from its tag and auxiliaries. Without
one (or when the parse gives no verb) the nearest verb group in the same sentence
is read from cue words (``patterns``), commas counting as distance.

The answer is one of :data:`PAST`, :data:`FUTURE`, :data:`PRESENT`,
:data:`CONDITIONAL` (future seen from the past: "would", "was to"), :data:`NOMINAL` (the
expression qualifies a noun, not the verb) or None.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from . import patterns as P

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

PAST, FUTURE, PRESENT, CONDITIONAL = "PAST", "FUTURE", "PRESENT", "CONDITIONAL"
# The expression qualifies a noun ("the Feb. 23 accord", "a dividend payable Dec. 15"): the
# verb's tense then says little about it. A date takes the nearer instance (unless the past
# one is much farther, as for CONDITIONAL), a weekday the past one. On TimeBank (tbaq, with
# the parse) value F1 0.7774 -> 0.7795; a weekday taking the nearer instance too: 0.7756.
# NOMINAL (under a past verb) leans to the past instance, NOMINAL_AHEAD (present or future)
# to the next one.
NOMINAL, NOMINAL_AHEAD = "NOMINAL", "NOMINAL_AHEAD"

_WORD = re.compile(r"[A-Za-z]+(?:[-'\u2019][A-Za-z]+)*|[,;:\"\u201c\u201d()]")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)]*\s+(?=[\"\u201c(]?[A-Z])|\n|;")
_COMMA_COST = 25
_RELATIVE_COST = 60
_RELATIVE_PRONOUNS = frozenset({"who", "which", "whom", "whose"})
_WINDOW = 320
_VERB_POS = ("VERB", "AUX")
# "effective <date>" names when a change takes hold, whatever the tense of the announcing verb
# (tbaq value F1 0.8003 -> 0.8014).
_EFFECTIVE = re.compile(r"(?i)\beffective\s+(?:(?:as\s+of|on|from)\s+)?$")
_AUX_DEPS = ("aux", "auxpass")


# ------------------------------------------------------------------ with a parse


class DocIndex:
    """Character offset -> token lookups on one Doc, built once per article."""

    def __init__(self, doc: "Doc"):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def tokens(self, start: int, end: int) -> list["Token"]:
        if not self.starts:
            return []
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = max(bisect_right(self.starts, end - 1) - 1, first)
        return [self.doc[i] for i in range(first, last + 1)]

    def tense(self, start: int, end: int) -> str | None:
        toks = self.tokens(start, end)
        if not toks:
            return None
        inside = {t.i for t in toks}
        top = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
        verb, via_noun = _governing_verb(top, inside)
        if verb is None:
            return None
        tense = _verb_tense(verb)
        if (tense == FUTURE and not via_noun and verb.tag_ == "VBD" and toks[-1].i < verb.i
                and verb.lower_ in P.FUTURE_LEXICON):
            return PAST                   # "On Friday, the firm planned to pay": the planning's day
        if tense == PAST and via_noun and verb.lower_ in P.FUTURE_LEXICON:
            return CONDITIONAL            # "invited Abe to the forum in September": the forum's date
        if via_noun and tense in (PRESENT, FUTURE) and verb.lower_ in P.FUTURE_LEXICON:
            return FUTURE                 # "crowds are expected at the rally on Friday": what is expected lies ahead
                                          # (tbaq value F1 unchanged at 0.801; a devreal march got its day)
        if via_noun and tense is not None:
            # "declared a dividend payable Dec. 15", "will appeal the Feb. 23 ruling"
            return NOMINAL if tense == PAST else NOMINAL_AHEAD
        return tense


def _governing_verb(tok: "Token", inside: set[int]) -> "tuple[Token | None, bool]":
    """The verb above ``tok``, and whether the way up passes through a noun."""
    via_noun = False
    for _ in range(8):
        if tok.pos_ in _VERB_POS and tok.dep_ not in _AUX_DEPS:
            return tok, via_noun
        if tok.head.i == tok.i:
            return None, via_noun
        via_noun = via_noun or (tok.pos_ in ("NOUN", "PROPN", "ADJ") and tok.i not in inside)
        tok = tok.head
    return None, via_noun


def _verb_tense(verb: "Token", depth: int = 0) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in _AUX_DEPS]
    words = {a.lower_.replace("\u2019", "'") for a in auxes}
    tags = {a.tag_ for a in auxes}
    lower = verb.lower_
    if words & P.FUTURE_AUX:
        return FUTURE
    if words & P.CONDITIONAL_AUX:
        return CONDITIONAL
    if words & P.MODAL_AUX:
        return FUTURE
    if words & P.PERFECT_AUX and "been" in words and verb.tag_ == "VBG" and "will" not in words:
        return PAST                                                    # "have been searching since the May 3 raid"
    if words & P.PERFECT_AUX and verb.tag_ == "VBN" and "will" not in words:
        return PAST                                                    # "has met", "to have urged"
    if "to" in words:
        governor = verb.head
        if governor.i != verb.i and governor.lower_ in P.IMPLICATIVE_VERBS and depth < 3:
            return _verb_tense(governor, depth + 1)                # "managed to climb the gates on Monday"
        if governor.lower_ in P.PAST_AUX and governor.i != verb.i:     # "was to visit"
            return CONDITIONAL
        if governor.i != verb.i and governor.lower_ in P.UNFULFILLED and any(
                c.lower_ in ("was", "were") and c.dep_ in _AUX_DEPS for c in governor.children):
            return PAST                                                # "was supposed to open in April"
        if governor.i != verb.i and governor.lower_ in P.FUTURE_LEXICON and (
                (governor.dep_ == "acomp" and governor.head.lower_ in ("was", "were"))
                or any(c.lower_ in ("was", "were") and c.dep_ in _AUX_DEPS for c in governor.children)):
            return CONDITIONAL                                         # "were due to meet", "was expected to"
        if governor.i != verb.i and any(c.lower_ == "had" and c.dep_ in _AUX_DEPS
                                        for g in (governor, governor.head) for c in g.children):
            return CONDITIONAL                                         # "had been due to expire Friday"
        if (governor.i != verb.i and governor.tag_ == "VBD" and verb.dep_ == "advcl"
                and governor.lower_ not in P.FUTURE_LEXICON):
            return CONDITIONAL     # "extended the offer to buy the firm Friday" (a purpose: tbaq 0.798 -> 0.799)
        return FUTURE
    if lower in P.FUTURE_LEXICON and lower not in P.FUTURE_ONLY_BEFORE_TO and verb.tag_ == "VBN":
        return FUTURE                                                  # "is scheduled for", "a visit planned for"
    if "VBD" in tags or verb.tag_ == "VBD":
        if lower in P.FUTURE_LEXICON and lower not in P.FUTURE_ONLY_BEFORE_TO:
            return FUTURE
        return PAST
    if verb.tag_ in ("VBZ", "VBP") or words & P.PRESENT_AUX:
        if lower == "going" or (lower in P.FUTURE_LEXICON and lower not in P.FUTURE_ONLY_BEFORE_TO):
            return FUTURE
        if any(c.dep_ in ("acomp", "xcomp", "oprd", "attr") and c.lower_ in P.FUTURE_LEXICON
               and c.lower_ not in P.FUTURE_ONLY_BEFORE_TO for c in verb.children):
            return FUTURE                                              # "elections are due on ..."
        return PRESENT
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "amod"):
        if lower == "set" and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
            return FUTURE                                              # "a summit set for Washington in April"
        return PAST                                                    # "the talks held on Monday"
    if depth < 3 and verb.head.i != verb.i and verb.head.pos_ in _VERB_POS:
        return _verb_tense(verb.head, depth + 1)                       # conj, participles, infinitives
    return None


# ------------------------------------------------------------------ from cue words


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - _WINDOW)
    left = lo
    for m in _SENTENCE_END.finditer(text, lo, min(len(text), start + 3)):
        if m.end() <= start:
            left = m.end()
    stop = _SENTENCE_END.search(text, end, min(len(text), end + _WINDOW))
    return left, (stop.start() if stop else min(len(text), end + _WINDOW))


def _classify(words: list[tuple[str, int, int]], i: int) -> str | None:
    """Role of word i in a verb group: a tense, 'ADV', 'BE', 'TO', or None."""
    w = words[i][0]
    if w.endswith("n't") or w.endswith("n\u2019t"):
        w = {"won't": "will", "can't": "can"}.get(w, w[:-3])
    if w.endswith("'ll") or w.endswith("\u2019ll") or w in P.FUTURE_AUX:
        return FUTURE
    if w in P.MODAL_AUX:
        return FUTURE
    if w in P.CONDITIONAL_AUX:
        return CONDITIONAL
    if w in P.PAST_AUX:
        return PAST
    if w in P.PRESENT_AUX:
        return PRESENT
    if w in P.BE_FORMS:
        return "BE"
    if w == "to":
        return "TO"
    if w in P.ADVERBS_IN_VERB_GROUP:
        return "ADV"
    if w in P.FUTURE_LEXICON:
        return "FUTLEX"
    prev = words[i - 1][0] if i else ""
    if w in P.IRREGULAR_PAST or (w.endswith("ed") and len(w) > 3 and w not in P.NOT_PAST_ED):
        return None if prev in P.DETERMINERS else PAST                 # "a detailed plan"
    return None


def _groups(words: list[tuple[str, int, int]], at: int) -> list[tuple[str, int, int, bool]]:
    """Verb groups as (tense, start, end, opens a relative clause); ``at`` is
    where the time expression starts."""
    roles = [_classify(words, i) for i in range(len(words))]
    out: list[tuple[str, int, int, bool]] = []
    i = 0
    while i < len(words):
        if roles[i] in (None, "ADV", "BE") or words[i][0] in ",;:\"\u201c\u201d()":
            i += 1
            continue
        j = i
        seq = []
        while j < len(words) and roles[j] is not None:
            seq.append((roles[j], words[j][0]))
            j += 1
        tense = _group_tense(seq, words[j][0] if j < len(words) else "", at < words[i][1])
        if tense:
            relative = i > 0 and words[i - 1][0] in _RELATIVE_PRONOUNS
            out.append((tense, words[i][1], words[j - 1][2], relative))
        i = max(j, i + 1)
    return out


def _group_tense(seq: list[tuple[Any, str]], after: str, expression_first: bool) -> str | None:
    """Tense of one verb group. An expression before "agreed to meet" dates the
    agreeing, one after it the meeting."""
    first, word = seq[0]
    roles = [r for r, _ in seq]
    futlex = any(r == "FUTLEX" and (w not in P.FUTURE_ONLY_BEFORE_TO
                                    or (not expression_first and ("TO" in roles[k:] or after == "to")))
                 for k, (r, w) in enumerate(seq))
    if first in (FUTURE, CONDITIONAL):
        return first
    if first == "TO":
        return None                                            # "to Russia" as often as "to visit"
    if first == PAST:
        if "TO" in roles[1:2] and word in P.PAST_AUX:
            return CONDITIONAL                                         # "was to visit"
        return FUTURE if futlex else PAST
    if first == PRESENT:
        if futlex or "TO" in roles[1:3]:
            return FUTURE
        if word in P.PERFECT_AUX and PAST in roles[1:]:
            return PAST
        return PRESENT
    if first == "FUTLEX":
        if word in P.FUTURE_ONLY_BEFORE_TO and (expression_first or not ("TO" in roles or after == "to")):
            return PAST if word.endswith("ed") else None
        return FUTURE
    return None


def tense_from_text(text: str, start: int, end: int) -> str | None:
    left, right = sentence_bounds(text, start, end)
    # Capitalised words inside a sentence are names ("Theresa May", "Will Smith"),
    # never auxiliaries or verbs.
    words = [(m.group().lower() if (m.start() == left or not m.group()[0].isupper()) else "", m.start(), m.end())
             for m in _WORD.finditer(text, left, right) if not (start <= m.start() < end)]
    best: tuple[int, str] | None = None
    for tense, gs, ge, relative in _groups(words, start):
        lo, hi = (ge, start) if ge <= start else (end, gs)
        gap = text[lo:hi]
        cost = (hi - lo) + _COMMA_COST * sum(gap.count(c) for c in ",;:\"\u201c\u201d")
        cost += _COMMA_COST * sum(1 for w in _WORD.findall(gap) if w.lower() in P.SUBORDINATORS)
        if relative and gs > start:              # "On Friday, officials who will attend ... said"
            cost += _RELATIVE_COST
        if best is None or cost < best[0]:
            best = (cost, tense)
    return best[1] if best else None


def tense_of(text: str, start: int, end: int, index: DocIndex | None, prep: str | None = None) -> str | None:
    """Tense for the expression at ``text[start:end]``; ``prep`` is its preposition."""
    if _EFFECTIVE.search(text, max(0, start - 30), start):
        return CONDITIONAL                # "a new office, effective Feb. 1": the nearer instance, ahead if close
    found = index.tense(start, end) if index is not None else None
    if found is None:
        found = tense_from_text(text, start, end)
    if found == PAST and prep == "for":
        return CONDITIONAL                # "a visit (was) planned for October 19": ahead of the planning
    if prep == "since":
        return PAST                       # "inspections have been allowed since Jan. 13"
    return found
