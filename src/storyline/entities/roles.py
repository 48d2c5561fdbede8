"""Titles around a person's name, and descriptions that stand for a person.

``title_before`` reads "Russia's presidential press secretary, Dmitry Peskov",
"US Deputy Secretary of State Antony Blinken", "his Japanese counterpart Fumio
Kishida"; ``title_after`` reads appositives ("Lavrov, the Russian foreign
minister,"). ``parse_description`` and ``description_matches`` decide whether
"the Japanese prime minister" can be a given person.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .geo import Gazetteer
from .patterns import (CONCEPT_ALIASES, DEPUTY_RE, DETERMINERS, ROLE_CONCEPTS, ROLE_CONNECTORS, ROLE_HEADS,
                       ROLE_MODIFIERS)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})


@dataclass
class Title:
    role: str | None = None
    country: str | None = None
    counterpart: bool = False       # "his Japanese counterpart": the role is the possessor's
    possessor: int | None = None    # token index of a possessor ("Putin's spokesman X")
    start: int | None = None        # first token of the whole title phrase


def _is_role_word(tok: "Token") -> bool:
    return tok.lower_ in ROLE_HEADS or tok.lower_ in ROLE_MODIFIERS


def _span_left(doc: "Doc", i: int) -> int:
    """First token of the entity that ends at token ``i`` (or ``i`` itself)."""
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i


def _place_code(doc: "Doc", first: int, last: int, gaz: Gazetteer) -> str | None:
    text = doc[first:last + 1].text
    if not text[:1].isupper():
        return None
    return gaz.country(text) or gaz.city(text) or gaz.metonym(text)


def title_before(doc: "Doc", start: int, gaz: Gazetteer) -> Title:
    """The title phrase ending right before token ``start``."""
    i = start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in ("(", "[")):
        i -= 1
    if i > 0 and doc[i].text == "," and doc[i - 1].lower_ in ROLE_HEADS:
        i -= 1
    kept: list[int] = []
    title = Title()
    while i >= 0:
        tok = doc[i]
        low = tok.lower_
        if tok.is_space:
            i -= 1
            continue
        if _is_role_word(tok) and tok.ent_type_ != "PERSON":
            kept.append(i)
            i -= 1
            continue
        if low in ROLE_CONNECTORS and kept and i > 0 and (_is_role_word(doc[i - 1]) or doc[i - 1].lower_ == "of"):
            kept.append(i)
            i -= 1
            continue
        if low in ROLE_CONNECTORS and kept and i > 0 and doc[i - 1].ent_type_ in ("ORG", "FAC"):
            kept.append(i)
            i -= 1
            continue
        if tok.tag_ == "POS" and i > 0:
            first = _span_left(doc, i - 1)
            code = _place_code(doc, first, i - 1, gaz)
            if code:
                title.country = title.country or code
            elif doc[i - 1].ent_type_ == "PERSON":
                title.possessor = i - 1
            title.start = first
            break
        if low in _POSSESSIVE_PRONOUNS:
            title.counterpart = any(doc[k].lower_ == "counterpart" for k in kept)
            title.start = i
            break
        if tok.text[:1].isupper():
            pair = f"{doc[i - 1].text} {tok.text}" if i > 0 else ""
            code = gaz.demonym(pair) if pair else None
            if code:
                title.country = title.country or code
                i -= 2
                continue
            code = gaz.demonym(tok.text)
            if code:
                title.country = title.country or code
                i -= 1
                continue
            if tok.ent_type_ in ("ORG", "FAC", "GPE", "NORP") and tok.ent_type_:
                first = _span_left(doc, i)
                code = _place_code(doc, first, i, gaz)
                if code and first > 0 and doc[first - 1].lower_ == "of" and kept:
                    # "Foreign Minister of Russia Sergei Lavrov": the country, not part of the role
                    title.country = title.country or code
                    i = first - 2
                    if i >= 0 and _is_role_word(doc[i]):
                        continue
                    break
                if tok.ent_type_ in ("ORG", "FAC") or code:
                    if code or gaz.metonym(doc[first:i + 1].text):
                        title.country = title.country or code or gaz.metonym(doc[first:i + 1].text)
                    elif tok.ent_type_ in ("ORG", "FAC"):
                        title.country = title.country or _demonym_inside(doc, first, i, gaz)
                    kept.extend(range(i, first - 1, -1))
                    i = first - 1
                    continue
        break
    if title.start is None:
        title.start = i + 1
    title.role = _role_text(doc, sorted(kept))
    return title


def _demonym_inside(doc: "Doc", first: int, last: int, gaz: Gazetteer) -> str | None:
    for tok in doc[first:last + 1]:
        code = gaz.demonym(tok.text) or (gaz.country(tok.text) if tok.text[:1].isupper() else None)
        if code:
            return code
    return None


def _role_text(doc: "Doc", idx: list[int]) -> str | None:
    while idx and (doc[idx[0]].lower_ in ROLE_CONNECTORS or doc[idx[0]].lower_ in DETERMINERS):
        idx = idx[1:]
    while idx and doc[idx[-1]].lower_ in ROLE_CONNECTORS:
        idx = idx[:-1]
    if not idx or not any(doc[k].lower_ in ROLE_HEADS for k in idx):
        return None
    # keep the tokens as printed, but only the contiguous run (a skipped "of Russia" splits it)
    runs: list[list[int]] = [[idx[0]]]
    for k in idx[1:]:
        if k == runs[-1][-1] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    parts = [doc[r[0]:r[-1] + 1].text for r in runs]
    return " ".join(" ".join(parts).split())


def title_after(doc: "Doc", end: int, gaz: Gazetteer) -> Title:
    """An appositive title right after a name: ", the Russian foreign minister," / ", Japan's premier,"."""
    title = Title()
    n = len(doc)
    if end >= n or doc[end].text != ",":
        return title
    j = end + 1
    if j < n and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    if j + 1 < n and doc[j + 1].tag_ == "POS":
        code = _place_code(doc, j, j, gaz)
        if code:
            title.country = code
        elif doc[j].ent_type_ == "PERSON":
            title.possessor = j
        else:
            return title
        j += 2
    elif j < n and doc[j].text[:1].isupper() and gaz.demonym(doc[j].text):
        title.country = gaz.demonym(doc[j].text)
        j += 1
    kept = []
    while j < n and (doc[j].is_space or _is_role_word(doc[j]) or (doc[j].lower_ in ROLE_CONNECTORS and kept)
                     or (kept and doc[j].ent_type_ in ("ORG", "FAC"))):
        kept.append(j)
        j += 1
    if j < n and doc[j].text not in (",", ".", ";", ")", "—", "–", "-") and doc[j].pos_ not in ("VERB", "AUX"):
        return Title()
    title.role = _role_text(doc, kept)
    if title.role is None:
        return Title()
    return title


# ---------------------------------------------------------------- descriptions

def concepts(text: str) -> frozenset[str]:
    low = text.casefold()
    for name, pattern in ROLE_CONCEPTS:
        if pattern.search(low):
            return frozenset({name})
    if "leader" in low.split():
        return CONCEPT_ALIASES["LEADER"]
    return frozenset()


def is_deputy(text: str) -> bool:
    return bool(DEPUTY_RE.search(text.casefold()))


def role_matches(description: str, role: str | None) -> bool:
    """Whether a description's title words ("prime minister", "top diplomat") fit a person's role."""
    if not role:
        return False
    if is_deputy(description) != is_deputy(role):
        return False
    want, have = concepts(description), concepts(role)
    if want and have:
        if want == {"MIN"}:
            return bool(CONCEPT_ALIASES["MIN"] & have)
        return bool(want & have)
    words = {w for w in description.casefold().split() if w not in DETERMINERS}
    return bool(words) and words <= set(role.casefold().replace("-", " ").split())


@dataclass
class Description:
    words: str                      # the title words ("prime minister")
    country: str | None             # from a demonym or possessive country
    definite: bool                  # "the"/"this" (resolvable) vs "a" (a new, unnamed referent)


def parse_description(tokens: list["Token"], gaz: Gazetteer) -> Description | None:
    """"the Japanese prime minister" -> Description("prime minister", "JPN", True); None when the
    phrase has no title head."""
    definite = True
    country = None
    words: list[str] = []
    for k, tok in enumerate(tokens):
        low = tok.lower_
        if k == 0 and low in DETERMINERS:
            definite = low not in ("a", "an")
            continue
        if tok.tag_ == "POS" or low in ("’s", "'s"):
            continue
        if tok.text[:1].isupper() and (gaz.demonym(tok.text) or gaz.country(tok.text)):
            country = country or gaz.demonym(tok.text) or gaz.country(tok.text)
            continue
        if low == "of" and words:
            break
        if _is_role_word(tok) or low in ROLE_CONNECTORS:
            words.append(low)
            continue
        if words:
            break
    while words and words[-1] in ROLE_CONNECTORS:
        words.pop()
    if not words or words[-1] not in ROLE_HEADS:
        return None
    return Description(" ".join(words), country, definite)
