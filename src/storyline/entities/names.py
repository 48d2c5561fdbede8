"""Person names: cleaning, within-article matching, a cross-article key, and evidence across articles.

``canonical_key`` folds the usual romanisation variants of one name to one key
(Andrei/Andrey, Yuri/Yury/Yuriy, Yevgeny/Evgeniy, Alexander/Aleksandr,
Tarō/Taro) by general spelling rules, never by a list of people.

``propagate_countries`` lets a country stated in one article fill it in another:
an article often names "President Ivan Petrov" without a nationality because
its readers know it, while other articles of the corpus state it. It votes by
``canonical_key`` and fills only unknown countries, where the others agree clearly.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from ..records import Article

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
    (re.compile(r"th"), "t"),           # Anthony / Antony, Thomas / Tomas
    (re.compile(r"ck"), "k"),
    (re.compile(r"w"), "v"),            # Wladimir / Vladimir
    (re.compile(r"j(?=[aeiou])"), "i"),  # Jurij / Yuriy after y -> i below
    (re.compile(r"y"), "i"),            # Andrey / Andrei, Yury / Yuri
    (re.compile(r"(.)\1+"), r"\1"),     # Dmitrii / Dmitri, Kirill / Kiril
    (re.compile(r"(?<=\w\w\w)er$"), "r"),  # Aleksander / Aleksandr, Pyotr-style endings
    (re.compile(r"ie$"), "i"),          # Valerie / Valeri (after y -> i)
)


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
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


@lru_cache(maxsize=4096)
def _parts(name: str) -> tuple[str, ...]:
    return tuple(p for p in strip_accents(clean_name(name)).casefold().split() if p)


def name_parts(name: str) -> list[str]:
    """Lower-cased, accent-free parts of a name; hyphenated parts stay one."""
    return list(_parts(name))


@lru_cache(maxsize=8192)
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
    short, long = sorted((pa, pb), key=len)
    if len(short) >= 2 and len(long) >= 4 and long[:len(short)] == short:
        return True         # "Faisal Al-Hamad" of "Faisal Al-Hamad Al-Nasser Al-Rashid": a name chain cut short
    if not pa or not pb or pa[-1].replace("-", "") != pb[-1].replace("-", ""):
        return False        # "Abdol-Rahimi" and "Abdolrahimi" are one spelling
    ga, gb = pa[:-1], pb[:-1]
    if not ga or not gb:
        return True
    if _given_compatible(ga[0], gb[0]):
        return True
    short, long = sorted((ga, gb), key=len)
    return len(short) < len(long) and long[-len(short):] == short    # "Kumar X" of "Pravind Kumar X"


def _given_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return False


def fullness(name: str) -> tuple[int, int]:
    """Ordering key of cleaned names: more parts, then longer."""
    return name.count(" ") + 1, len(name)


# ---------------------------------------------------------------- across articles

def _vote(counter: Counter) -> str | None:
    (code, n), total = counter.most_common(1)[0], sum(counter.values())
    return code if n >= 2 * (total - n) and n >= 1 else None


def propagate_countries(articles: Iterable[Article]) -> int:
    """Fill the unknown ``country`` of PERSON entities from the other articles; returns how many were filled.

    A one-word name ("Petrov") borrows from the one full name of the corpus with that surname, if only one.
    """
    arts = list(articles)
    votes: dict[str, Counter] = defaultdict(Counter)
    for a in arts:
        for e in a.entities:
            if e.type == "PERSON" and e.country:
                votes[canonical_key(e.name)][e.country] += 1
    by_surname: dict[str, set[str]] = defaultdict(set)
    for key in votes:
        if " " in key:
            by_surname[key.rsplit(" ", 1)[1]].add(key)
    filled = 0
    for a in arts:
        for e in a.entities:
            if e.type != "PERSON" or e.country:
                continue
            key = canonical_key(e.name)
            if key not in votes and " " not in key and len(by_surname.get(key, ())) == 1:
                key = next(iter(by_surname[key]))
            if key in votes:
                code = _vote(votes[key])
                if code:
                    e.country = code
                    filled += 1
    return filled
