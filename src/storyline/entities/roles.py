"""Titles around a person's name, and descriptions that stand for a person.

``title_before`` reads "Germany's government spokeswoman, Anna Weber", "US
Under Secretary of State John Miller", "his Italian counterpart Marco Rossi";
``title_after`` reads appositives ("Orlov, the Russian foreign minister,").
``parse_description``, ``role_matches`` and ``pick_described`` decide whether
"the Japanese prime minister" can be a given person.
"""
from __future__ import annotations

from collections.abc import Iterable, Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .geo import Gazetteer
from .patterns import (CONCEPT_ALIASES, DEPUTY_RE, DETERMINERS, POSTED_ROLES, ROLE_CONCEPTS, ROLE_CONNECTORS,
                       ROLE_HEADS, ROLE_MODIFIERS)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})
# Words that may stand before a nationality inside a title ("former Japanese Prime Minister").
_BEFORE_NATIONALITY = frozenset({"former", "then", "ex", "late", "acting", "outgoing", "incoming", "interim", "his",
                                 "her", "their"})


@dataclass
class Title:
    role: str | None = None
    country: str | None = None
    counterpart: bool = False       # "his Japanese counterpart": the role is the possessor's
    possessor: int | None = None    # token index of a possessor ("Petrov's spokesman X")
    start: int | None = None        # first token of the whole title phrase


def _is_role_word(tok: "Token") -> bool:
    return tok.lower_ in ROLE_HEADS or tok.lower_ in ROLE_MODIFIERS


def _ends_posting(doc: "Doc", i: int) -> bool:
    """Whether token ``i`` ends "ambassador to <place>"."""
    first = _span_left(doc, i)
    return doc[i].ent_type_ in ("GPE", "LOC", "ORG") and first > 1 and doc[first - 1].lower_ == "to" \
        and doc[first - 2].lower_ in POSTED_ROLES


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


def title_before(doc: "Doc", start: int, gaz: Gazetteer, stop: AbstractSet[int] = frozenset()) -> Title:
    """The title phrase ending right before token ``start``; ``stop`` holds tokens of other names, never crossed."""
    i = start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in ("(", "[")):
        i -= 1
    if i > 0 and doc[i].text == "," and (doc[i - 1].lower_ in ROLE_HEADS or _ends_posting(doc, i - 1)):
        i -= 1
    kept: list[int] = []
    title = Title()
    after_country = False
    while i >= 0 and (i not in stop or doc[i].tag_ == "POS"):
        tok = doc[i]
        low = tok.lower_
        if tok.is_space:
            i -= 1
            continue
        if after_country and low not in _BEFORE_NATIONALITY:
            break               # "Uzbek leader X": the nationality opens the title
        if _is_role_word(tok):
            kept.append(i)
            i -= 1
            continue
        if tok.text in ("-", "‑") and kept and i > 0 and not tok.whitespace_ and not doc[i - 1].whitespace_ \
                and _is_role_word(doc[i - 1]):
            kept.append(i)          # "Secretary-General", "Attorney-General": one hyphenated title
            i -= 1
            continue
        if low in ROLE_CONNECTORS and kept and i > 0 and (_is_role_word(doc[i - 1]) or doc[i - 1].lower_ == "of"):
            kept.append(i)
            i -= 1
            continue
        if low in ("of", "for", "the") and kept and i > 0 and doc[i - 1].ent_type_ in ("ORG", "FAC"):
            kept.append(i)
            i -= 1
            continue
        if tok.tag_ == "POS" and i > 0:
            first = _span_left(doc, i - 1)
            code = _place_code(doc, first, i - 1, gaz)
            if code:
                title.country = title.country or code
            elif doc[i - 1].ent_type_ == "PERSON" or i - 1 in stop:
                title.possessor = i - 1
            title.start = first
            break
        if low in _POSSESSIVE_PRONOUNS:
            title.counterpart = any(doc[k].lower_ == "counterpart" for k in kept)
            title.start = i
            break
        if tok.text[:1].isupper():
            width, code = _demonym_ending(doc, i, gaz)     # "South Korean", "Papua New Guinean"
            if code:
                title.country = title.country or code
                after_country = True
                i -= width
                continue
            code = gaz.demonym(tok.text)
            if code:
                title.country = title.country or code
                after_country = True
                i -= 1
                continue
            if tok.ent_type_ in ("ORG", "FAC", "GPE", "NORP") and tok.ent_type_:
                first = _span_left(doc, i)
                if first > 1 and doc[first - 1].lower_ == "to" and doc[first - 2].lower_ in POSTED_ROLES:
                    # "Ambassador to Japan": the posting is part of the role, not the nationality
                    kept.extend(range(i, first - 2, -1))
                    i = first - 2
                    continue
                code = _place_code(doc, first, i, gaz)
                if code and first > 0 and doc[first - 1].lower_ == "of" and kept:
                    # "Foreign Minister of Russia Pavel Orlov": the country, not part of the role
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
                    lead = first        # "Indian External Affairs": the nationality is no part of the role
                    while lead <= i and doc[lead].text[:1].isupper() and gaz.demonym(doc[lead].text):
                        lead += 1
                    kept.extend(range(i, lead - 1, -1))
                    i = first - 1
                    continue
        break
    if title.start is None:
        title.start = i + 1
    title.role = _role_text(doc, sorted(kept))
    return title


def _demonym_ending(doc: "Doc", last: int, gaz: Gazetteer) -> tuple[int, str | None]:
    """(width, code) of a demonym of two or three tokens ending at token ``last``, widest first:
    "Papua New Guinean", "Bissau-Guinean" (three tokens), "South Korean"; (0, None) if none."""
    for width in (3, 2):
        first = last - width + 1
        if first < 0:
            continue
        words = doc[first:last + 1]
        code = gaz.demonym(" ".join(t.text for t in words)) or gaz.demonym(words.text)
        if code:
            return width, code
    return 0, None


def _demonym_inside(doc: "Doc", first: int, last: int, gaz: Gazetteer) -> str | None:
    for tok in doc[first:last + 1]:
        code = gaz.demonym(tok.text) or (gaz.country(tok.text) if tok.text[:1].isupper() else None)
        if code:
            return code
    return None


def _role_text(doc: "Doc", idx: list[int]) -> str | None:
    while idx and (doc[idx[0]].lower_ in ROLE_CONNECTORS or doc[idx[0]].lower_ in DETERMINERS
                   or doc[idx[0]].lower_ == "under" and not (len(idx) > 1 and doc[idx[1]].lower_ == "secretary")):
        idx = idx[1:]      # "talks under President X": "under" opens a title only in "Under Secretary"
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
    kept: list[int] = []
    has_head = False
    places = ("GPE", "LOC", "FAC", "ORG")
    while j < n and (doc[j].is_space or _is_role_word(doc[j]) or (doc[j].lower_ in ROLE_CONNECTORS and kept)
                     or (not has_head and doc[j].pos_ == "ADJ" and doc[j].is_lower)    # "the conservative mayor"
                     or (kept and doc[j].ent_type_ in ("ORG", "FAC"))
                     or (kept and doc[j].lower_ == "to" and doc[kept[-1]].lower_ in POSTED_ROLES
                         and j + 1 < n and doc[j + 1].ent_type_ in places)
                     or (kept and doc[j].ent_type_ in places and doc[j - 1].lower_ in ("to", "of"))
                     or (kept and doc[j].ent_iob_ == "I" and doc[j - 1].ent_type_ in places
                         and doc[kept[-1]].ent_type_ in places)):
        has_head = has_head or doc[j].lower_ in ROLE_HEADS
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
        wider = frozenset().union(*(CONCEPT_ALIASES.get(c, {c}) for c in want))
        return bool(wider & have)
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


def pick_described(candidates: Iterable[tuple[Any, str | None, str | None, int]], words: str,
                   country: str | None) -> Any:
    """The candidate a description fits, or None.

    ``candidates`` yields ``(item, role, country, last_pos)`` with ``last_pos`` the candidate's last
    mention before the description (-1: none). Among those whose role fits, one of the stated country
    wins (the one named last); failing that, one of unknown country, but when the description states a
    country and several of unknown country fit ("the Japanese leader" with two leaders of unknown
    nationality), it is left unresolved rather than guessed.
    """
    exact: list[tuple[int, Any]] = []
    unknown: list[tuple[int, Any]] = []
    for item, role, have, last in candidates:
        if last < 0 or (country and have and have != country) or not role_matches(words, role):
            continue
        (exact if country and have == country else unknown).append((last, item))
    if exact:
        return max(exact, key=lambda x: x[0])[1]
    if not unknown or (country and len(unknown) > 1):
        return None
    return max(unknown, key=lambda x: x[0])[1]
