"""Happenings the news names by month and day without the year: "the July 14 nuclear deal".

A month-day without a year is read against the publication date ("on July 14" in a page of
August is last July 14). Some days need no page: a landmark happening named by its day and
its noun -- the attacks of "Sept. 11", the Iran nuclear deal "on July 14" -- has one year,
whatever the page's. ``data/happenings.json`` holds such days, each with the cue patterns
that must all stand within ``REACH`` characters of the month-day, so "July 14" alone stays a
month-day and "the accord Tehran and the world powers sealed on July 14" becomes 14 July 2015; a
bare month with the cues of one row (Riyadh and Tehran "struck a deal in March")
takes that row's month.

Two stages read it: ``storyline.time`` gives the month-day its year, and
``storyline.ingest.dating`` counts the happening as evidence that the page was written
within a year after it (a month-day is told without its year while it is recent); rows marked
``timeless`` (named without a year for decades: "9/11") only give the year, never date the page.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

REACH = 100          # characters on each side of the month-day where the cues must stand
# Without a day number the cues alone say which happening is meant: "Iran" and "nuclear deal" near "in
# July" may be the talks of July 2014 as well as the deal of July 2015, so a row needs three cue groups
# (who, whom, what was done) before a bare month or a relative time ("last week") is read as its.
GROUPS_WITHOUT_DAY = 3


@dataclass(frozen=True)
class Happening:
    day: dt.date
    cues: tuple[re.Pattern[str], ...]
    what: str
    timeless: bool = False


@lru_cache(maxsize=1)
def happenings() -> dict[tuple[int, int], tuple[Happening, ...]]:
    """The table, by (month, day)."""
    raw = json.loads(resources.files("storyline.data").joinpath("happenings.json").read_text(encoding="utf-8"))
    out: dict[tuple[int, int], list[Happening]] = {}
    for row in raw["happenings"]:
        day = dt.date.fromisoformat(row["date"])
        h = Happening(day, tuple(re.compile(rf"\b(?:{c})", re.I) for c in row["cues"]), row["what"],
                      bool(row.get("timeless")))
        out.setdefault((day.month, day.day), []).append(h)
    return {k: tuple(v) for k, v in out.items()}


def happening_at(text: str, start: int, end: int, month: int, day: int) -> Happening | None:
    """The happening that the month-day at ``text[start:end]`` names, when its cues stand near it."""
    rows = happenings().get((month, day))
    if not rows:
        return None
    window = text[max(0, start - REACH):end + REACH]
    for h in rows:
        if all(c.search(window) for c in h.cues):
            return h
    return None


def happening_in_month(text: str, start: int, end: int, month: int) -> Happening | None:
    """The happening that a bare month names (Riyadh and Tehran "struck a deal in March"),
    when exactly one row of that month has all its cues near. A month is vaguer than a day: only rows
    of ``GROUPS_WITHOUT_DAY`` cue groups count, and days named for decades never do."""
    window = text[max(0, start - REACH):end + REACH]
    found = [h for (m, _), rows in happenings().items() if m == month for h in rows
             if not h.timeless and len(h.cues) >= GROUPS_WITHOUT_DAY and all(c.search(window) for c in h.cues)]
    return found[0] if len({h.day.year for h in found}) == 1 else None


def happenings_named(sentence: str) -> list[tuple[Happening, int]]:
    """Rows of ``GROUPS_WITHOUT_DAY`` cue groups whose cues all stand in ``sentence`` (no date printed: "the
    ban on travel from Europe that Trump announced last week"), with the offset of their first cue."""
    out = []
    for rows in happenings().values():
        for h in rows:
            if h.timeless or len(h.cues) < GROUPS_WITHOUT_DAY:
                continue
            hits = [c.search(sentence) for c in h.cues]
            if all(hits):
                out.append((h, min(m.start() for m in hits if m)))
    return out
