"""Typed records that flow between stages.

Each stage is a function from records to records; only ``storyline.store`` does
I/O. ``to_dict`` gives the public article record of OUTPUT.md.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


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
    kind: str                      # "text" | "html"
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
    status: str                    # happened | planned | possible | postponed | cancelled
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

    def to_dict(self) -> dict[str, Any]:
        """The public article record (OUTPUT.md)."""
        d = _plain(self)
        dl = d.pop("dateline")
        d["dateline"] = None if dl is None else {"place": dl["place"], "text": dl["text"], "agency": dl["agency"]}
        pub = d["published"]
        d["published"] = {"date": pub["date"], "how": pub["how"], "confidence": pub["confidence"]}
        for e in d["entities"]:
            e["mentions"] = [list(m) for m in e["mentions"]]
        for ev in d["events"]:
            ev.pop("trigger", None)
        order = ["id", "path", "source", "headline", "lead", "dateline", "published", "text", "url",
                 "entities", "timexes", "events", "quotes"]
        return {k: d[k] for k in order}


def article_from_dict(d: dict[str, Any]) -> Article:
    """Rebuild an Article (without its analysis) from its public record, e.g. to re-analyse it."""
    dl = d.get("dateline")
    pub = d.get("published") or {}
    date = pub.get("date")
    y = m = day = None
    if isinstance(date, str) and len(date) == 10:
        y = int(date[:4]) if date[:4].isdigit() else None
        m, day = int(date[5:7]), int(date[8:10])
    elif isinstance(date, str) and date[:4].isdigit() and len(date) in (4, 7):   # partial: "2016", "2016-05"
        y = int(date[:4])
        m = int(date[5:7]) if len(date) == 7 else None
    weekday = None
    if y and m and day:
        import datetime as _dt

        weekday = _dt.date(y, m, day).weekday()
    elif m and day:                        # year undecided: the weekday the text gives still anchors "on Friday"
        from .ingest.published import report_weekday

        found = report_weekday(d["text"])
        weekday = found[0] if found else None
    return Article(
        id=d["id"], path=d["path"], source=d.get("source"), headline=d.get("headline"), lead=d.get("lead"),
        dateline=None if dl is None else Dateline(place=dl.get("place"), text=dl.get("text"), agency=dl.get("agency"),
                                                  month=m if dl.get("text") else None,
                                                  day=day if dl.get("text") else None),
        published=Published(date=date, how=pub.get("how", "unknown"), confidence=pub.get("confidence", 0.0),
                            year=y, month=m, day=day, weekday=weekday),
        text=d["text"], url=d.get("url"))
