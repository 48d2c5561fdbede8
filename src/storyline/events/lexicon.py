"""The trigger lexicon (``data/triggers.json``) as typed senses, loaded once.

A *sense* says which PLOVER type and mode a verb or noun codes and where its
source and target are found in the dependency parse. The JSON file documents
every field; this module only reads it.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..entities.holders import tenure_rows
from . import patterns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

DATA = Path(__file__).with_name("data") / "triggers.json"

VERB_SOURCE = ("nsubj", "agent")
NOUN_SOURCE = ("poss", "of", "by")


@dataclass(frozen=True)
class Sense:
    type: str
    pos: str                                   # "verb" | "noun"
    lemma: str
    mode: str | None = None
    symmetric: bool = False
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    prt: str | None = None                     # particle of a phrasal verb ("pull out")
    inverse: bool = False                      # subject hosts: the object is the source
    objects: frozenset[str] = frozenset()      # the direct object must be one of these
    object_target: bool = False                # the target may sit inside the object ("Germany's proposal")
    no_actor_object: bool = False              # the object must not itself be an actor
    person_target: bool = False
    motion: bool = False
    place_target: bool = False
    joint: bool = False                        # an event only with a two-sided subject
    need_complement: bool = False              # "ask X to ...": needs a clause after the object
    need_phone: bool = False
    plural_only: bool = False
    forbid: frozenset[str] = frozenset()
    forbid_object: frozenset[str] = frozenset()
    light: frozenset[str] = frozenset()        # nouns: verbs that carry the noun's clause
    governors: tuple[tuple[str, str], ...] = ()  # verb lemma -> the type it makes ("lift sanctions")
    clause_target: bool = False
    subject_is: frozenset[str] = frozenset()    # the verb codes an event only with such a subject
    counterpart: bool = False                   # no target stated: the other side of the talks just told
    bare: bool = False                          # only with no direct object ("the first to sign were X and Y")

    def governed_type(self, lemma: str) -> str | None:
        return dict(self.governors).get(lemma)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, tuple[Sense, ...]]
    light_common: frozenset[str]
    # every lemma some noun sense lists as its light verb, for quick checks
    light_any: frozenset[str]

    def verb_senses(self, lemma: str) -> tuple[Sense, ...]:
        return self.verbs.get(lemma, ())

    def noun_senses(self, lemma: str) -> tuple[Sense, ...]:
        return self.nouns.get(lemma, ())


def _sense(kind: str, pos: str, raw: dict) -> Sense:
    default_source = VERB_SOURCE if pos == "verb" else NOUN_SOURCE
    return Sense(
        type=kind, pos=pos, lemma=raw["lemma"], mode=raw.get("mode"), symmetric=bool(raw.get("symmetric")),
        source=tuple(raw.get("source", default_source)), target=tuple(raw.get("target", ())),
        prt=raw.get("prt"), inverse=bool(raw.get("inverse")), objects=frozenset(raw.get("object", ())),
        object_target=bool(raw.get("object_target")), no_actor_object=bool(raw.get("no_actor_object")),
        person_target=bool(raw.get("person_target")), motion=bool(raw.get("motion")),
        place_target=bool(raw.get("place_target")), joint=bool(raw.get("joint")),
        need_complement=bool(raw.get("need_complement")), need_phone=bool(raw.get("need_phone")),
        plural_only=bool(raw.get("plural_only")), forbid=frozenset(raw.get("forbid", ())),
        forbid_object=frozenset(raw.get("forbid_object", ())), light=frozenset(raw.get("light", ())),
        governors=tuple(raw.get("governors", {}).items()), clause_target=bool(raw.get("clause_target")),
        subject_is=frozenset(raw.get("subject_is", ())), counterpart=bool(raw.get("counterpart")),
        bare=bool(raw.get("bare")),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    verbs: dict[str, list[Sense]] = {}
    nouns: dict[str, list[Sense]] = {}
    for kind, block in data["types"].items():
        for raw in block.get("verbs", []):
            verbs.setdefault(raw["lemma"], []).append(_sense(kind, "verb", raw))
        for raw in block.get("nouns", []):
            nouns.setdefault(raw["lemma"], []).append(_sense(kind, "noun", raw))
    light_any = set(data["light_common"])
    for senses in nouns.values():
        for s in senses:
            light_any |= s.light
    return Lexicon(verbs={k: tuple(v) for k, v in verbs.items()}, nouns={k: tuple(v) for k, v in nouns.items()},
                   light_common=frozenset(data["light_common"]), light_any=frozenset(light_any))


@lru_cache(maxsize=1)
def _offices() -> dict[str, str]:
    """Office-holder -> country, from the project's table of tenures (``storyline/data/tenures.json``)."""
    raw = tenure_rows()
    out = {_fold(t["name"]): t["country"] for t in raw if t.get("country")}
    # a surname alone ("Obama") when it names one country's office-holders only
    by_surname: dict[str, set[str]] = {}
    for t in raw:
        if t.get("country") and " " in t["name"]:
            by_surname.setdefault(_fold(t["name"].split()[-1]), set()).add(t["country"])
    for key, codes in by_surname.items():
        if len(codes) == 1 and key not in out:
            out[key] = next(iter(codes))
    return out


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=4096)
def office_holder_country(name: str | None) -> str | None:
    """The country of an office-holder named in full ("Angela Merkel"): outranks a country the
    entities stage read from the words around a name."""
    if not name or " " not in name.strip():
        return None
    full = {_fold(t["name"]): t["country"] for t in _tenure_rows() if t.get("country")}
    return full.get(_fold(name))


def _tenure_rows() -> tuple[dict, ...]:
    return tenure_rows()


@lru_cache(maxsize=4096)
def office_country(name: str | None) -> str | None:
    return _offices().get(_fold(name)) if name else None


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every lemma the event stage looks for: triggers, light verbs and the cue words of ``patterns``."""
    words: set[str] = set(lexicon().verbs) | set(lexicon().nouns) | set(lexicon().light_any)
    for senses in lexicon().nouns.values():
        for sense in senses:
            words |= {k for k, _ in sense.governors}
    for value in vars(patterns).values():
        if isinstance(value, frozenset):
            words |= {w for w in value if isinstance(w, str)}
    return frozenset(words)


def lemma(tok: "Token") -> str:
    """The token's lemma, mended where the lemmatizer cuts a final "e" ("staged" -> "stag", "hopes" -> "hop")."""
    return _mended(tok.lemma_, tok.lower_)


@lru_cache(maxsize=65536)
def _mended(lemma_: str, lower: str) -> str:
    base = lemma_.lower()
    known = known_words()
    if base in known:
        return base
    if base + "e" in known and lower.startswith(base + "e"):
        return base + "e"
    return base
