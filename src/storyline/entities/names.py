"""Person names: cleaning, within-article matching and a cross-article key.

``canonical_key`` folds the usual romanisation variants of one name to one key
(Sergei/Sergey, Dmitry/Dmitri/Dmitriy, Yevgeny/Evgeniy, Alexander/Aleksandr,
Shinzō/Shinzo) by general spelling rules, never by a list of people.
"""
from __future__ import annotations

import re
import unicodedata

from .patterns import HONORIFICS, ROLE_HEADS, ROLE_MODIFIERS

_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_BRACKETS = re.compile(r"[\[\]()]")

# Ordered spelling rules applied to each lower-cased, accent-free name part.
_SPELLING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^ye"), "e"),          # Yevgeny / Evgeny, Yelena / Elena
    (re.compile(r"^yo"), "io"),         # Yosif / Iosif
    (re.compile(r"x"), "ks"),           # Alexander / Aleksandr
    (re.compile(r"kh"), "h"),           # Mikhail / Mihail
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),           # Anthony / Antony
    (re.compile(r"ck"), "k"),
    (re.compile(r"w"), "v"),            # Wladimir / Vladimir
    (re.compile(r"j(?=[aeiou])"), "i"),  # Jurij / Yuriy after y -> i below
    (re.compile(r"y"), "i"),            # Sergey / Sergei, Dmitry / Dmitri
    (re.compile(r"(.)\1+"), r"\1"),     # Dmitrii / Dmitri, Kirill / Kiril
    (re.compile(r"(?<=\w\w\w)er$"), "r"),  # Aleksander / Aleksandr, Pyotr-style endings
    (re.compile(r"ie$"), "i"),          # Valerie / Valeri (after y -> i)
)


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def clean_name(text: str) -> str:
    """A name as printed, without brackets, a possessive or edge punctuation."""
    text = _BRACKETS.sub(" ", text)
    text = " ".join(text.split())
    text = _POSSESSIVE.sub("", text)
    text = _EDGE_JUNK.sub("", text)
    words = text.split()
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def name_parts(name: str) -> list[str]:
    """Lower-cased, accent-free parts of a name; hyphenated parts stay one."""
    return [p for p in re.split(r"[\s]+", strip_accents(clean_name(name)).casefold()) if p]


def fold(part: str) -> str:
    part = re.sub(r"[^\w-]", "", part)
    for pattern, repl in _SPELLING:
        part = pattern.sub(repl, part)
    return part


def canonical_key(name: str) -> str:
    """A key that is equal for romanisation variants of one person's name.

    Leading titles ("President", "Foreign Minister") and honorifics are dropped,
    accents removed, and each part folded by general spelling rules.
    """
    parts = name_parts(name)
    while len(parts) > 1 and (parts[0] in ROLE_HEADS or parts[0] in ROLE_MODIFIERS or parts[0] in HONORIFICS):
        parts = parts[1:]
    return " ".join(fold(p) for p in parts)


def surname(name: str) -> str:
    parts = name_parts(name)
    return fold(parts[-1]) if parts else ""


def same_person(a: str, b: str) -> bool:
    """Whether two names in one article can be one person: same surname and no clash
    of given names (one may lack them; initials match full forms)."""
    pa, pb = [fold(p) for p in name_parts(a)], [fold(p) for p in name_parts(b)]
    if not pa or not pb or pa[-1] != pb[-1]:
        return False
    ga, gb = pa[:-1], pb[:-1]
    if not ga or not gb:
        return True
    return _given_compatible(ga[0], gb[0])


def _given_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return False


def fullness(name: str) -> tuple[int, int]:
    """Ordering key: more parts, then longer."""
    parts = clean_name(name).split()
    return len(parts), len(clean_name(name))
