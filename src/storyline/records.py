"""Typed records that flow between stages.

Each stage is a function from records to records; only ``storyline.store`` does
I/O. ``to_dict`` gives the public article record of OUTPUT.md.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .codes import Status
from .dates import DateValue


_LEAVES = frozenset({str, int, float, bool, type(None)})


def _plain(obj: Any) -> Any:
    """``dataclasses.asdict`` without its deep copies of leaf values (this runs once per stored
    article: leaves are returned as they are, not visited)."""
    cls = type(obj)
    if cls in _LEAVES:
        return obj
    fields = getattr(cls, "__dataclass_fields__", None)
    if fields is not None:
        return {name: _plain(v) if type(v := getattr(obj, name)) not in _LEAVES else v for name in fields}
    if cls is list:
        return [v if type(v) in _LEAVES else _plain(v) for v in obj]
    if cls is tuple:
        return tuple(v if type(v) in _LEAVES else _plain(v) for v in obj)
    if cls is dict:
        return {k: v if type(v) in _LEAVES else _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):                     # subclasses: as asdict does, to the plain type
        return [_plain(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_plain(v) for v in obj)
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj


def content_id(data: bytes) -> str:
    """Stable id of an input: the hash of its raw bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class RawInput:
    """One article as read from disk/stdin, before any cleaning."""

    path: str                      # the input as given (file name pairs it with gold)
    data: bytes                    # raw bytes of this article (one line for JSON Lines)
    kind: str                      # "text" | "html" | "markdown"
    meta: dict[str, Any] = field(default_factory=dict)   # url, published, source, headline from JSONL

    @property
    def id(self) -> str:
        return content_id(self.data)


@dataclass
class Dateline:
    place: str | None
    text: str | None               # "February 6" as printed
    agency: str | None = None      # "TASS"
    month: int | None = None
    day: int | None = None


@dataclass
class Published:
    """Publication date. ``date`` is ISO (``2016-02-06``) or, when the year is
    not decided by the evidence, TIMEX3 with the unknown part left out
    (``XXXX-02-06``); None when nothing is known."""

    date: str | None
    how: str
    confidence: float
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None     # 0=Monday, when the text states it but the year is unknown
    # a value short of a day: the first and last day (ISO) the evidence allows, often narrower than the
    # value ("2020/2021" from an office begun in September 2020 and another ended in January 2021)
    span: tuple[str, str] | None = None


@dataclass
class Entity:
    id: str
    name: str                      # canonical name
    type: str                      # PERSON | ORG | GPE | LOC | NORP | OUTLET
    country: str | None = None     # ISO 3166-1 alpha-3
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class TimeExpr:
    text: str
    start: int
    end: int
    value: str | None              # TIMEX3 value, unknown parts as X
    type: str = "DATE"             # DATE | DURATION | SET | TIME


@dataclass
class Actor:
    name: str | None
    entity: str | None
    country: str | None


@dataclass
class Location:
    name: str | None
    country: str | None


@dataclass
class Evidence:
    text: str
    start: int
    end: int


@dataclass
class Event:
    id: str
    type: str                      # PLOVER type, upper case
    mode: str | None
    status: Status                 # happened | planned | possible | postponed | cancelled (a StrEnum: serialised as its value)
    source: Actor
    target: Actor
    date: str | None
    location: Location | None
    evidence: Evidence
    reported_by: str | None = None
    event_id: str | None = None
    trigger: str | None = None


@dataclass
class Quote:
    speaker: str | None
    speaker_entity: str | None
    text: str
    start: int
    end: int


@dataclass
class Rejection:
    path: str
    input_id: str
    stage: str                     # read | clean | date | nlp | ...
    code: str                      # empty | binary | too-large | not-english | unparsable | ...
    detail: str


@dataclass
class Article:
    id: str
    path: str
    source: str | None
    headline: str | None
    lead: str | None
    dateline: Dateline | None
    published: Published
    text: str
    url: str | None = None
    entities: list[Entity] = field(default_factory=list)
    timexes: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    # page furniture cleaning left out: {"kind", "text", "start", "end", "why"}, offsets into the page text
    # as cleaning read it (``ingest/clean.py``; kinds in ``ingest/furniture.py``)
    removed: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The public article record (OUTPUT.md)."""
        d = _plain(self)
        dl = d.pop("dateline")
        d["dateline"] = None if dl is None else {"place": dl["place"], "text": dl["text"], "agency": dl["agency"]}
        pub = d["published"]
        d["published"] = {"date": pub["date"], "how": pub["how"], "confidence": pub["confidence"]}
        if pub.get("span"):
            d["published"]["span"] = list(pub["span"])
        for e in d["entities"]:
            e["mentions"] = [list(m) for m in e["mentions"]]
        for ev in d["events"]:
            ev.pop("trigger", None)
        order = ["id", "path", "source", "headline", "lead", "dateline", "published", "text", "url",
                 "entities", "timexes", "events", "quotes", "removed"]
        return {k: d[k] for k in order}


def article_from_dict(d: dict[str, Any],
                      report_weekday: Callable[[str], tuple[int, Any] | None] | None = None) -> Article:
    """Rebuild an Article (without its analysis) from its public record, e.g. to re-analyse it.

    A record whose year is undecided (``XXXX-02-06``) keeps the weekday the text gives for
    the report day, which still anchors "on Friday": ``report_weekday`` (ingest's reader of
    it) finds it; records sit below ingest, so it is passed in rather than imported.
    """
    dl = d.get("dateline")
    pub = d.get("published") or {}
    date = pub.get("date")
    value = DateValue.parse(date)
    y, m, day = (value.year, value.month, value.day) if value else (None, None, None)
    weekday = value.weekday if value else None
    span = pub.get("span")
    if weekday is None and m and day and report_weekday is not None:
        found = report_weekday(d["text"])
        weekday = found[0] if found else None
    return Article(
        id=d["id"], path=d["path"], source=d.get("source"), headline=d.get("headline"), lead=d.get("lead"),
        dateline=None if dl is None else Dateline(place=dl.get("place"), text=dl.get("text"), agency=dl.get("agency"),
                                                  month=m if dl.get("text") else None,
                                                  day=day if dl.get("text") else None),
        published=Published(date=date, how=pub.get("how", "unknown"), confidence=pub.get("confidence", 0.0),
                            year=y, month=m, day=day, weekday=weekday,
                            span=(str(span[0]), str(span[1])) if span and len(span) == 2 else None),
        text=d["text"], url=d.get("url"), removed=list(d.get("removed") or []))


@dataclass
class IngestReport:
    """What one ingest did: the runners (local and Ray) return it, the CLI prints it."""
    db: str
    ingested: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    linked: Any = None          # storyline.runners.link_job.LinkReport of the linking that followed

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0
