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

from .docview import view_of
from .geo import Gazetteer, gazetteer, outlet_regex, outlets
from .holders import find_holders
from .names import clean_name
from .patterns import (BYLINE_RE, CREDIT_CUES, CREDIT_GLUE, CREDIT_RE, CREDIT_TAIL_RE, DETERMINERS, NAME_PARTICLES,
                       NOT_NAMES, ORG_NOUNS, OUTLET_PREFIXES, OUTLET_SUFFIXES, PLACE_SUFFIXES, ROLE_HEADS,
                       ROLE_MODIFIERS, STORM_WORDS)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from .docview import DocView

_REGNAL = frozenset("II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split())
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_SIDE_RE = re.compile(r"\b[Tt]he ([A-Z][a-z]+(?: [A-Z][a-z]+)?) (side|government|authorities|leadership)\b")
_BRACKET_GAP = re.compile(r"^[\s\[\]()]*$")
_LOWER_WORD = re.compile(r"\b[a-z][\w-]*")
_PLACE_WORD_RE = re.compile(r"\b([A-Z][\w-]+) (?i:" + "|".join(sorted(PLACE_SUFFIXES)) + r")\b")


def doc_text(doc: "Doc", article=None) -> str:
    """The Doc's text. ``Doc.text`` joins every token in Python, so the article's own text is used when it
    is the text that was parsed (same length, same tokens at a few probes)."""
    text = getattr(article, "text", None)
    if isinstance(text, str) and len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        probes = {0, len(doc) // 3, 2 * len(doc) // 3, len(doc) - 1}
        if all(text[doc[i].idx:doc[i].idx + len(doc[i].text)] == doc[i].text for i in probes):
            return text
    return doc.text


class DocIndex:
    """Positions found once per Doc: title heads (for descriptions) and words that name islands,
    seas and the like."""

    def __init__(self, doc: "Doc | DocView", text: str):
        self.heads: list[int] = [t.i for t in doc if t.lower_ in ROLE_HEADS]
        self.place_words: set[str] = {m.group(1) for m in _PLACE_WORD_RE.finditer(text)}


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


def find_mentions(doc: "Doc", gaz: Gazetteer | None = None, text: str | None = None,
                  index: DocIndex | None = None) -> list[Mention]:
    """All mention candidates of ``doc``, sorted by position, without overlaps."""
    gaz = gaz or gazetteer()
    doc = view_of(doc)
    text = doc.text if text is None else text
    index = index or DocIndex(doc, text)
    found = _outlet_mentions(doc, text)
    taken = _Taken(found)
    persons: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS or taken.overlaps(ent.start, ent.end):
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
    found.extend(_join_bracketed(text, persons))
    found = _title_anchored(doc, found, index.heads, gaz)
    found = _known_holders(doc, text, found, gaz)
    for m in _side_mentions(doc, text, gaz):
        clash = [x for x in found if x.start < m.end and m.start < x.end]
        if all(x.label == "NORP" for x in clash):
            found = [x for x in found if x not in clash] + [m]
    found.sort(key=lambda m: (m.start, -m.end))
    return found


class _Taken:
    """Tokens already claimed (by the outlet table)."""

    def __init__(self, mentions: list[Mention]):
        self.tokens = {i for m in mentions for i in range(m.tok_start, m.tok_end)}

    def overlaps(self, start: int, end: int) -> bool:
        return any(i in self.tokens for i in range(start, end))


# Entity labels a name after a title may carry when the model mislabels it ("President Kassym-Jomart
# Tokayev" as ORG); dates, places and the like are never names.
_NAME_LIKE_LABELS = frozenset({"", "PERSON", "ORG", "WORK_OF_ART", "PRODUCT"})
_NOT_NAME_WORDS = ROLE_HEADS | ROLE_MODIFIERS | ORG_NOUNS | DETERMINERS


def _name_like(tok, gaz: Gazetteer) -> bool:
    return (tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper and tok.lower_ not in _NOT_NAME_WORDS
            and tok.ent_type_ in _NAME_LIKE_LABELS and tok.text not in outlets()
            and not gaz.demonym(tok.text) and not gaz.place(tok.text))


def _broken(doc: "Doc", m: Mention) -> bool:
    """An entity the model ran across a verb ("Macron named Edouard Philippe" as one ORG)."""
    return any(t.is_lower and t.is_alpha and t.pos_ in ("VERB", "AUX") for t in doc[m.tok_start:m.tok_end])


def _title_anchored(doc: "Doc", found: list[Mention], heads: list[int], gaz: Gazetteer) -> list[Mention]:
    """A capitalised name right after a title ("Defence Minister Ivan Petrov", "Queen Ingrid") or right
    before an appositive title (", the conservative mayor of X,") is a person even when the model missed
    it or gave it another label."""
    n = len(doc)
    owner = {i: m for m in found for i in range(m.tok_start, m.tok_end)}
    for h in heads:
        runs = []
        inside = doc[h].ent_iob_ == "I" or (h + 1 < n and doc[h + 1].ent_iob_ == "I" and doc[h].ent_iob_ == "B")
        if not (inside and doc[h].ent_type_ not in ("WORK_OF_ART", "PERSON")):   # not "General Electric"
            j = h + 1
            while j < n and j - h <= 4:
                if doc[j].text == "-" and j > h + 1 and not doc[j - 1].whitespace_ and not doc[j].whitespace_:
                    j += 1
                    continue
                if not _name_like(doc[j], gaz):
                    break
                j += 1
            if j > h + 1 and doc[j - 1].text != "-":
                runs.append((h + 1, j))
        comma = _appositive_comma(doc, h)
        if comma is not None:
            i = comma
            while i > 0 and comma - i < 3 and _name_like(doc[i - 1], gaz):
                i -= 1
            if comma - i >= 2:
                runs.append((i, comma))
        for a, b in runs:
            hit = {id(owner[i]): owner[i] for i in range(a, b) if i in owner}
            if any(m.label == "PERSON" or (m.tok_start < a or m.tok_end > b) and not _broken(doc, m)
                   for m in hit.values()):
                continue            # already a person, or part of a longer name
            span = doc[a:b]
            if span.text.casefold() in NOT_NAMES or doc[b - 1].lower_ in PLACE_SUFFIXES:
                continue            # "the Guest of Honour", "the Lotus Pagoda"
            m = Mention(span.start_char, span.end_char, clean_name(span.text), "PERSON", a, b)
            found = [x for x in found if id(x) not in hit] + [m]
            owner.update({i: m for i in range(a, b)})
    return found


def _known_holders(doc: "Doc", text: str, found: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Full names of office-holders the tenure table knows (:mod:`.holders`) are persons: a mention
    the model ran into the name is cut back to its part outside it ("European Council Herman"
    -> "European Council"), one inside it is replaced, a longer person kept."""
    for start, end, _code in find_holders(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.start_char != start:
            continue
        a, b = span.start, span.end
        hit = [m for m in found if m.tok_start < b and a < m.tok_end]
        if any(m.label in ("PERSON", "OUTLET") and (m.tok_start < a or m.tok_end > b) for m in hit):
            continue                    # part of a longer name, or an outlet's
        kept = [m for m in found if not any(m is h for h in hit)]
        for m in hit:
            if m.label == "PERSON":
                continue
            for lo, hi in ((m.tok_start, a), (b, m.tok_end)):
                part = _trimmed(doc, m, lo, hi, gaz)
                if part is not None:
                    kept.append(part)
        kept.append(Mention(span.start_char, span.end_char, clean_name(span.text), "PERSON", a, b))
        found = kept
    return found


def _trimmed(doc: "Doc", m: Mention, lo: int, hi: int, gaz: Gazetteer) -> Mention | None:
    """The tokens ``lo:hi`` of mention ``m`` as a mention of its own, or None if nothing name-like is left."""
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].lower_ in DETERMINERS):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].lower_ in DETERMINERS):
        lo += 1
    if hi <= lo or not doc[lo].text[:1].isupper():
        return None
    span = doc[lo:hi]
    part = Mention(span.start_char, span.end_char, " ".join(span.text.split()), m.label, lo, hi)
    return _assign_code(doc, part, gaz) if m.label in ("GPE", "LOC", "NORP", "ORG") else part


def _appositive_comma(doc: "Doc", h: int) -> int | None:
    """The comma opening an appositive title that ends at head ``h`` (", the conservative mayor"), or None."""
    i = h - 1
    while i > 0 and h - i <= 6 and doc[i].text != ",":
        if not (doc[i].pos_ in ("ADJ", "NOUN", "PROPN", "DET") or doc[i].tag_ == "POS"
                or doc[i].lower_ in ROLE_MODIFIERS or doc[i].lower_ in ROLE_HEADS):
            return None
        i -= 1
    if i <= 0 or doc[i].text != "," or i + 1 >= h:
        return None
    opener = doc[i + 1]
    if opener.lower_ in ("the", "a", "an") or (opener.text[:1].isupper() and (
            doc[i + 2].tag_ == "POS" or gazetteer().demonym(opener.text))):
        return i
    return None


def _outlet_mentions(doc: "Doc", text: str) -> list[Mention]:
    table = outlets()
    out = []
    for match in outlet_regex().finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        canon, code = table[match.group()]
        out.append(Mention(match.start(), match.end(), match.group(), "OUTLET", span.start, span.end, code, canon))
    # "the Hokkaido Shimbun newspaper", "the newspaper Boyevaya Vakhta": a name next to an outlet noun.
    gaz = gazetteer()
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "PERSON", "GPE", "WORK_OF_ART") or gaz.place(ent.text) or gaz.metonym(ent.text):
            continue
        if not (_outlet_word(doc, ent.end, 1, OUTLET_SUFFIXES) or _outlet_word(doc, ent.start - 1, -1, OUTLET_PREFIXES)):
            continue
        if any(m.start < ent.end_char and ent.start_char < m.end for m in out):
            continue
        name = clean_name(ent.text)
        out.append(Mention(ent.start_char, ent.end_char, name, "OUTLET", ent.start, ent.end, None, name))
    return out


def _outlet_word(doc: "Doc", i: int, step: int, words: frozenset[str]) -> bool:
    """Whether token ``i`` is an outlet noun; "agency" only as "news agency"."""
    if not 0 <= i < len(doc) or doc[i].lower_ not in words:
        return False
    if doc[i].lower_ != "agency":
        return True
    if step > 0:
        return False               # "X agency" is any agency; "X news agency" has "news" at i
    return i > 0 and doc[i - 1].lower_ == "news"


def _from_ent(doc: "Doc", ent: "Span", gaz: Gazetteer) -> Mention | None:
    start, end = ent.start, ent.end
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct and doc[end - 1].text not in ")]"):
        end -= 1
    label = ent.label_
    if label == "PERSON":
        # "Moon Jae-in": a hyphenated last part the model cut at the hyphen
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].is_alpha:
            end += 2
        # "Harald V", "Charles III": a regnal number the model left out ("I" is too often the pronoun)
        if end < len(doc) and doc[end].text in _REGNAL and doc[end - 1].text[:1].isupper():
            end += 1
        # "Jean-Yves Le Drian", "Ursula von der Leyen": a name cut after a particle
        while end < len(doc) and doc[end - 1].lower_ in NAME_PARTICLES and doc[end].text[:1].isupper():
            end += 1
        # spaCy sometimes puts the title inside the name: keep the name only.
        while start < end and (doc[start].lower_ in ROLE_HEADS or doc[start].lower_ in ROLE_MODIFIERS):
            start += 1
        # "... of Micronesia Wesley Simina": a country's name run into the person's
        while end - start > 2 and (gaz.country(doc[start].text) or gaz.city(doc[start].text)):
            start += 1
        # "counterpart Anil Kumar Desai" with only "Kumar Desai" tagged: a given name left out
        while start > 0 and end - start < 4 and _given_name_before(doc, start, end, gaz):
            start -= 1
    if start >= end:
        return None
    span = doc[start:end]
    surface = clean_name(span.text) if label == "PERSON" else " ".join(span.text.split())
    if not surface or not surface[0].isupper() and label != "NORP":
        return None
    m = Mention(span.start_char, span.end_char, surface, label, start, end)
    if label == "PERSON":
        return _check_person(doc, m, gaz)
    if label != "PERSON" and end - start == 1 and doc[start].lower_ in ROLE_MODIFIERS and (
            start > 0 and (doc[start - 1].lower_ == "of" or doc[start - 1].lower_ in ROLE_HEADS)
            or end < len(doc) and (doc[end].lower_ in ROLE_HEADS or doc[end].lower_ in ROLE_MODIFIERS)):
        return None            # "Secretary of *State*", "*Defense* Minister": part of a title
    if label == "FAC":
        code = gaz.metonym(surface)
        if not code:
            return None
        m.label, m.code = "ORG", code
        return m
    return _assign_code(doc, m, gaz)


def _given_name_before(doc: "Doc", start: int, end: int, gaz: Gazetteer) -> bool:
    t = doc[start - 1]
    if t.i == 0 or doc[t.i - 1].is_space or doc[t.i - 1].is_punct or t.sent.start == t.i:
        return False                     # a capitalised word that opens a line is no given name ("Resident X:")
    return (t.tag_ == "NNP" and t.dep_ == "compound" and start <= t.head.i < end and not t.ent_type_
            and t.is_alpha and t.text[:1].isupper() and not t.is_upper
            and t.lower_ not in ROLE_HEADS and t.lower_ not in ROLE_MODIFIERS
            and not (gaz.country(t.text) or gaz.city(t.text) or gaz.demonym(t.text) or gaz.metonym(t.text)))


def _check_person(doc: "Doc", m: Mention, gaz: Gazetteer) -> Mention | None:
    surface = m.text
    if any(ch.isdigit() for ch in surface) or surface.casefold() in NOT_NAMES:
        return None
    if doc[m.tok_start].lower_ in STORM_WORDS or m.tok_start > 0 and doc[m.tok_start - 1].lower_ in STORM_WORDS:
        return None                      # "Typhoon Kestrel", with or without the storm word in the span
    if m.tok_end - m.tok_start == 1 and m.tok_start > 0:
        prev = doc[m.tok_start - 1]
        if prev.lower_ == "the":
            return None                  # "the Sahel": a one-word name after "the" names no person
        if prev.lower_ == "of" and m.tok_start > 1 and doc[m.tok_start - 2].text == ",":
            m.label = "LOC"              # "Mrs Smith, of Hull, said": where she is from
            return m
        if prev.text == "," and m.tok_start > 1 and doc[m.tok_start - 2].ent_type_ == "DATE" and \
                m.tok_end < len(doc) and doc[m.tok_end].text == ",":
            m.label = "LOC"              # "July 15, 2006, Strelna, St Petersburg": a date-place line
            return m
    nxt = doc[m.tok_end] if m.tok_end < len(doc) else None
    if nxt is not None and nxt.lower_ in STORM_WORDS:
        return None                      # "the Kestrel typhoon"
    if doc[m.tok_end - 1].lower_ in PLACE_SUFFIXES or surface.casefold() in NOT_NAMES:
        return None                      # "Lotus Pagoda", "the Silent Sentry"
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
            elif gaz.demonym(m.text):    # "Emirati" tagged GPE
                m.label, m.code = "NORP", gaz.demonym(m.text)
        return m
    if m.label == "ORG":
        if gaz.demonym(m.text):          # "Kazakh" tagged ORG
            m.label, m.code = "NORP", gaz.demonym(m.text)
            return m
        if gaz.place(m.text):            # "Bamako" tagged ORG: a place the gazetteer knows
            m.label = "GPE"
            return _assign_code(doc, m, gaz)
        m.code = gaz.metonym(m.text) or _code_inside(doc, m, gaz) or _possessor_code(doc, m, gaz)
    return m


def _code_inside(doc: "Doc", m: Mention, gaz: Gazetteer) -> str | None:
    """Country of an organisation named with a demonym or country ("Russian Foreign Ministry")."""
    for tok in doc[m.tok_start:m.tok_end]:
        if tok.text[:1].isupper():
            code = gaz.demonym(tok.text) or gaz.country(tok.text) or gaz.metonym(tok.text)
            if code:
                return code
    return None


def _possessor_code(doc: "Doc", m: Mention, gaz: Gazetteer) -> str | None:
    """"Japan's Foreign Ministry": the country in the possessive before an organisation."""
    i = m.tok_start - 1
    if i < 1 or doc[i].tag_ != "POS" or not doc[i - 1].text[:1].isupper():
        return None
    return gaz.country(doc[i - 1].text) or gaz.metonym(doc[i - 1].text)


def _is_credit(text: str, m: Mention) -> bool:
    """A photo credit or byline: "© Name/TASS", "Photo: Name", "AP Photo/Name", "Reporting by Name", "By Name"."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if len(line) < 80 and BYLINE_RE.match(line):
        return True
    lo = max(line_start, m.start - 100)
    window = text[lo:m.start]
    if any(cue in window for cue in CREDIT_CUES):
        for marker in CREDIT_RE.finditer(text, lo, m.start):
            between = text[marker.end():m.start]
            if all(w in CREDIT_GLUE for w in _LOWER_WORD.findall(between)):
                return True
    tail = CREDIT_TAIL_RE.match(text, m.end)
    if tail:
        word = tail.group().strip(" /")
        return word in outlets() or word.isupper()
    return False


def _join_bracketed(text: str, persons: list[Mention]) -> list[Mention]:
    """"(Russian President Ivan) Petrov": two PERSON pieces with only brackets between are one name."""
    out: list[Mention] = []
    for m in sorted(persons, key=lambda m: m.start):
        gap = text[out[-1].end:m.start] if out else ""
        if out and _BRACKET_GAP.match(gap) and gap.strip():
            prev = out[-1]
            out[-1] = Mention(prev.start, m.end, clean_name(prev.text + " " + m.text), "PERSON",
                              prev.tok_start, m.tok_end)
        else:
            out.append(m)
    return out


def _side_mentions(doc: "Doc", text: str, gaz: Gazetteer) -> list[Mention]:
    """"the Japanese side", "the Russian government": the state acting."""
    out = []
    for match in _SIDE_RE.finditer(text):
        code = gaz.demonym(match.group(1))
        if not code:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        out.append(Mention(match.start(), match.end(), match.group(), "GPE", span.start, span.end, code,
                           gaz.name_of(code)))
    return out
