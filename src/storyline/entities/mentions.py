"""Find entity mention candidates in a parsed article.

Sources, in order of trust: the outlet table (outlets beat whatever spaCy calls
them), spaCy's named entities (cleaned: no leading "the", no possessive, no
title words, bracketed name parts joined), and a few phrases that act for a
state ("the Japanese side"). Photo credits and bylines never yield a PERSON;
capitalised words that name islands, seas or known places are not people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .geo import Gazetteer, gazetteer, outlet_regex, outlets
from .names import clean_name
from .patterns import (CREDIT_RE, CREDIT_TAIL_RE, NOT_NAMES, OUTLET_SUFFIXES, PLACE_SUFFIXES, ROLE_HEADS,
                       ROLE_MODIFIERS)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_SIDE_RE = re.compile(r"\b[Tt]he ([A-Z][a-z]+(?: [A-Z][a-z]+)?) (side|government|authorities|leadership)\b")
_BRACKET_GAP = re.compile(r"^[\s\[\]()]*$")


@dataclass
class Mention:
    start: int                 # character offsets into the text
    end: int
    text: str                  # cleaned surface form
    label: str                 # PERSON ORG GPE LOC NORP OUTLET
    tok_start: int             # token offsets into the Doc
    tok_end: int
    code: str | None = None    # country the mention stands for or belongs to
    canon: str | None = None   # a name fixed by a table (outlets, countries)


def find_mentions(doc: "Doc", gaz: Gazetteer | None = None) -> list[Mention]:
    """All mention candidates of ``doc``, sorted by position, without overlaps."""
    gaz = gaz or gazetteer()
    text = doc.text
    found = _outlet_mentions(doc)
    taken = _Taken(found)
    persons: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS or taken.overlaps(ent.start_char, ent.end_char):
            continue
        m = _from_ent(doc, ent, gaz)
        if m is None:
            continue
        if m.label == "PERSON":
            if _is_credit(text, m):
                continue
            persons.append(m)
        else:
            found.append(m)
    found.extend(_join_bracketed(doc, persons))
    for m in _side_mentions(doc, gaz):
        clash = [x for x in found if x.start < m.end and m.start < x.end]
        if all(x.label == "NORP" for x in clash):
            found = [x for x in found if x not in clash] + [m]
    found.sort(key=lambda m: (m.start, -m.end))
    return found


class _Taken:
    def __init__(self, mentions: list[Mention]):
        self.spans = [(m.start, m.end) for m in mentions]

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.spans)


def _outlet_mentions(doc: "Doc") -> list[Mention]:
    table = outlets()
    out = []
    for match in outlet_regex().finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        canon, code = table[match.group()]
        out.append(Mention(match.start(), match.end(), match.group(), "OUTLET", span.start, span.end, code, canon))
    # "the Hokkaido Shimbun newspaper": a name followed by an outlet noun is an outlet.
    gaz = gazetteer()
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "PERSON", "GPE") or ent.end >= len(doc):
            continue
        nxt = doc[ent.end]
        if nxt.lower_ not in OUTLET_SUFFIXES or gaz.place(ent.text) or gaz.metonym(ent.text):
            continue
        if nxt.lower_ == "agency" and doc[ent.end - 1].lower_ != "news":
            continue
        if any(m.start < ent.end_char and ent.start_char < m.end for m in out):
            continue
        name = clean_name(ent.text)
        out.append(Mention(ent.start_char, ent.end_char, name, "OUTLET", ent.start, ent.end, None, name))
    return out


def _from_ent(doc: "Doc", ent: "Span", gaz: Gazetteer) -> Mention | None:
    start, end = ent.start, ent.end
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct and doc[end - 1].text not in ")]"):
        end -= 1
    label = ent.label_
    if label == "PERSON":
        # spaCy sometimes puts the title inside the name: keep the name only.
        while start < end and (doc[start].lower_ in ROLE_HEADS or doc[start].lower_ in ROLE_MODIFIERS):
            start += 1
    if start >= end:
        return None
    span = doc[start:end]
    surface = clean_name(span.text) if label == "PERSON" else " ".join(span.text.split())
    if not surface or not surface[0].isupper() and label != "NORP":
        return None
    m = Mention(span.start_char, span.end_char, surface, label, start, end)
    if label == "PERSON":
        return _check_person(doc, m, gaz)
    if label != "PERSON" and end - start == 1 and doc[start].lower_ in ROLE_MODIFIERS and start > 0 \
            and (doc[start - 1].lower_ == "of" or doc[start - 1].lower_ in ROLE_HEADS):
        return None            # "Secretary of *State*": part of a title
    if label == "FAC":
        code = gaz.metonym(surface)
        if not code:
            return None
        m.label, m.code = "ORG", code
        return m
    return _assign_code(doc, m, gaz)


def _check_person(doc: "Doc", m: Mention, gaz: Gazetteer) -> Mention | None:
    surface = m.text
    if any(ch.isdigit() for ch in surface) or surface.casefold() in NOT_NAMES:
        return None
    nxt = doc[m.tok_end] if m.tok_end < len(doc) else None
    if nxt is not None and nxt.lower_ in PLACE_SUFFIXES:
        m.label = "LOC"
        return m
    if gaz.place(surface) or gaz.metonym(surface):
        m.label = "GPE"
        return _assign_code(doc, m, gaz)
    if gaz.demonym(surface):
        m.label = "NORP"
        return _assign_code(doc, m, gaz)
    if all(t.lower_ in ROLE_HEADS or t.lower_ in ROLE_MODIFIERS for t in doc[m.tok_start:m.tok_end]):
        return None
    return m


def _assign_code(doc: "Doc", m: Mention, gaz: Gazetteer) -> Mention | None:
    if m.label == "NORP":
        m.code = gaz.demonym(m.text)
        return m if m.code else None
    if m.label == "GPE":
        place = gaz.place(m.text)
        if place:
            kind, m.code = place
            if kind == "country":
                m.canon = gaz.name_of(m.code)
        else:
            m.code = gaz.metonym(m.text)
            if m.code:
                m.label = "ORG"
        return m
    if m.label == "ORG":
        m.code = gaz.metonym(m.text) or _code_inside(doc, m, gaz)
    return m


def _code_inside(doc: "Doc", m: Mention, gaz: Gazetteer) -> str | None:
    """Country of an organisation named with a demonym or country ("Russian Foreign Ministry")."""
    for tok in doc[m.tok_start:m.tok_end]:
        if tok.text[:1].isupper():
            code = gaz.demonym(tok.text) or gaz.country(tok.text) or gaz.metonym(tok.text)
            if code:
                return code
    return None


def _is_credit(text: str, m: Mention) -> bool:
    """A photo credit or byline: "© Name/TASS", "Photo: Name", "AP Photo/Name", "By Name"."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if CREDIT_RE.search(text, line_start, m.start):
        return True
    tail = CREDIT_TAIL_RE.match(text, m.end)
    if tail:
        word = tail.group().strip(" /")
        return word in outlets() or word.isupper()
    return False


def _join_bracketed(doc: "Doc", persons: list[Mention]) -> list[Mention]:
    """"(Russian President Vladimir) Putin": two PERSON pieces with only brackets between are one name."""
    out: list[Mention] = []
    for m in sorted(persons, key=lambda m: m.start):
        if out and _BRACKET_GAP.match(doc.text[out[-1].end:m.start]) and doc.text[out[-1].end:m.start].strip():
            prev = out[-1]
            out[-1] = Mention(prev.start, m.end, clean_name(prev.text + " " + m.text), "PERSON",
                              prev.tok_start, m.tok_end)
        else:
            out.append(m)
    return out


def _side_mentions(doc: "Doc", gaz: Gazetteer) -> list[Mention]:
    """"the Japanese side", "the Russian government": the state acting."""
    out = []
    for match in _SIDE_RE.finditer(doc.text):
        code = gaz.demonym(match.group(1))
        if not code:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        out.append(Mention(match.start(), match.end(), match.group(), "GPE", span.start, span.end, code,
                           gaz.name_of(code)))
    return out
