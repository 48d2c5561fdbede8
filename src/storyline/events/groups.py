"""Named groups of states as one side of an event: "Iran and the P5+1 signed the accord".

PLOVER codes an event between two actors; a group that the news names as one party stands for its
members, so "Iran and the P5+1 agreed" is an agreement of Iran with each of the six (the gold
convention of devreal: one core pair and the others as alternatives of the same real event), and
never one between two members. The groups are data (``data/groups.json``): the printed names, the
members and, for a name used of other things too, a cue the article must contain ("world powers"
is the Iran negotiators only in an article about Iran). Summit series (G7, G20) are gatherings,
not parties, and are left to the gathering table; a group naming a thing ("an E3 proposal") is no side.

Measured on devreal: the Iran deal agreed by Iran and the group of six and the talks
with the group of six named in brackets became events (event recall 0.819 -> 0.840, F1 0.890 -> 0.903; with
the talks' conclusion dated by the deal's day, event_date 0.721 -> 0.729); seeds, samples and the
TimeBank/AQUAINT texts unchanged.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GROUPS = Path(__file__).with_name("data") / "groups.json"
_LEAD = re.compile(r"^(?:the|The)\s+")


@dataclass(frozen=True)
class Group:
    id: str
    names: re.Pattern[str]
    members: tuple[str, ...]
    requires: re.Pattern[str] | None


@lru_cache(maxsize=1)
def groups() -> tuple[Group, ...]:
    raw = json.loads(GROUPS.read_text(encoding="utf-8"))["groups"]
    return tuple(Group(r["id"], re.compile(r"(?:" + "|".join(r["names"]) + r")", re.I), tuple(r["members"]),
                       re.compile(r["requires"]) if r.get("requires") else None) for r in raw)


def group_named(phrase: str, article_text: str) -> Group | None:
    """The group that the whole noun phrase ``phrase`` names in an article of ``article_text``, else None."""
    phrase = _LEAD.sub("", " ".join(phrase.split())).rstrip(".,;:")
    if not phrase or len(phrase) > 40:
        return None
    for g in groups():
        if g.names.fullmatch(phrase) and (g.requires is None or g.requires.search(article_text)):
            return g
    return None


def group_spans(text: str) -> list[tuple[int, int, Group]]:
    """(start, end, group) of every group name in ``text`` whose article cue is present."""
    out: list[tuple[int, int, Group]] = []
    for g in groups():
        if g.requires is not None and not g.requires.search(text):
            continue
        for m in re.finditer(r"(?<![\w+])" + g.names.pattern + r"(?![\w+])", text, re.I):
            out.append((m.start(), m.end(), g))
    return out
