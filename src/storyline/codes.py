"""The codes of an event record: its status, its PLOVER type, its mode; one registry for all stages.

``Status`` is the fixed vocabulary of OUTPUT.md. It is a ``StrEnum``: a member *is* its
string (``Status.HAPPENED == "happened"``, same hash, ``json.dumps`` and DuckDB write
``happened``), so records, the store and every export read the same as with plain strings,
while a misspelt status is an AttributeError at import instead of an event that matches
nothing.

Types, modes and symmetry are data: the blocks of ``events/data/triggers.json`` name the
types (in the lexicon's order), a block's ``"symmetric": true`` says either side may be
written first (the linker orders the two sides of such a type), its ``"modes"`` the modes the
type takes and its ``"label"`` the codebook's word for a reader (modes carry theirs). Adding a PLOVER type is adding a block there: the extractor, the linker and the
API read it from here. (They are not an Enum: members made from a file at run time are
invisible to mypy and to readers, and would be a second list the moment one is spelled out.)
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

TRIGGERS = Path(__file__).with_name("events") / "data" / "triggers.json"


class Status(StrEnum):
    """An event's status as of the article's publication date (OUTPUT.md)."""

    HAPPENED = "happened"       # took place or is under way
    PLANNED = "planned"         # announced, scheduled, agreed, intended
    POSSIBLE = "possible"       # may, could, hoped for, under discussion
    POSTPONED = "postponed"
    CANCELLED = "cancelled"     # called off, ruled out, denied


PLAN_STATUSES = frozenset(Status) - {Status.HAPPENED}          # anything not (yet) held
OPEN_STATUSES = frozenset({Status.PLANNED, Status.POSSIBLE})   # a plan still open: it can become overdue


@dataclass(frozen=True)
class EventCodes:
    """The event types of the trigger data, with their symmetry and modes."""

    types: tuple[str, ...]                       # PLOVER types, in the data's order
    symmetric: frozenset[str]                    # types whose two sides may be written in either order
    modes_of: dict[str, tuple[str, ...]]         # type -> the modes it takes (absent: none)
    type_labels: dict[str, str]                  # type -> the codebook's word for a reader ("meeting/visit")
    mode_labels: dict[str, str]                  # mode -> its word for a reader ("phone call")

    @property
    def modes(self) -> tuple[str, ...]:
        """Every mode some type takes, in the data's order."""
        return tuple(dict.fromkeys(m for ms in self.modes_of.values() for m in ms))


def load_codes(path: Path = TRIGGERS) -> EventCodes:
    """The registry read from a trigger file (``event_codes()`` is the product's, read once)."""
    blocks: dict[str, dict] = json.loads(path.read_text(encoding="utf-8"))["types"]
    return EventCodes(types=tuple(blocks),
                      symmetric=frozenset(t for t, b in blocks.items() if b.get("symmetric")),
                      modes_of={t: tuple(b["modes"]) for t, b in blocks.items() if b.get("modes")},
                      type_labels={t: b.get("label") or t.lower() for t, b in blocks.items()},
                      mode_labels={m: label for b in blocks.values() for m, label in (b.get("modes") or {}).items()})


@lru_cache(maxsize=1)
def event_codes() -> EventCodes:
    return load_codes()


def event_types() -> tuple[str, ...]:
    return event_codes().types


def symmetric_types() -> frozenset[str]:
    return event_codes().symmetric


def modes() -> tuple[str, ...]:
    return event_codes().modes
