"""Reports of events: one ``Mention`` per event of an article record, with what linking compares.

A mention keeps the event's own fields (type, mode, status, actors, date, place,
evidence) and the article's (id, publication date, outlet), and derives the keys
the linker works with: its block (type and country pair, or the joint block of
a happening of several parties coded pair by pair), its place in the
canonical order, the participants' surname keys per side, and the content words
of its evidence sentence.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from collections.abc import Iterable

from . import dates
from ..codes import Status, symmetric_types
from .rules import APART_WORDS, NOT_JOINT_MODES, NOT_JOINT_TYPES, NOT_PERSONS, STOPWORDS

_WORD = re.compile(r"\w+")
_NO_DATE = "9999-99-99"
_PARTIAL_MONTH = re.compile(r"^XXXX-(\d\d)\b")      # reports without a publication date sort last


@dataclass(slots=True)
class Mention:
    """One event as one article reports it."""

    article_id: str
    local_id: str                  # the event's id within its article ("e1")
    idx: int                       # its position in the article's event list
    published: dt.date | None
    type: str
    mode: str | None
    status: Status                 # a stored string is made a member by prepare()
    source_country: str | None
    target_country: str | None
    source_name: str | None = None
    target_name: str | None = None
    persons: tuple[tuple[str, str], ...] = ()    # (country of the side or "", name key: folded tokens)
    date: str | None = None                      # TIMEX3 value as reported
    location_name: str | None = None
    location_country: str | None = None
    evidence: str = ""
    reported_by: str | None = None
    outlet: str | None = None
    path: str | None = None
    event_id: str | None = None
    joint: str = ""                # the block of a joint happening coded as several pairs (``joint_blocks``)
    # derived by prepare()
    block: str = field(default="", init=False)
    sort_key: str = field(default="", init=False)
    interval: dates.Interval | None = field(default=None, init=False)
    host: str | None = field(default=None, init=False)
    guest: str | None = field(default=None, init=False)
    place_key: str | None = field(default=None, init=False)
    words: frozenset[str] = field(default_factory=frozenset, init=False)
    evidence_key: str = field(default="", init=False)
    partial_month: int | None = field(default=None, init=False)   # "XXXX-05": May of a year not known

    def __post_init__(self) -> None:
        self.prepare()

    def prepare(self) -> None:
        self.type = (self.type or "").upper()
        self.mode = self.mode or None
        self.status = Status((self.status or Status.PLANNED).lower())
        self.block = self.joint or block_of(self.type, self.source_country, self.target_country)
        pub = self.published.isoformat() if self.published else _NO_DATE
        self.sort_key = f"{pub}|{self.article_id}|{self.idx:05d}"
        self.interval = dates.interval(self.date)
        pm = _PARTIAL_MONTH.match(self.date or "") if self.interval is None else None
        self.partial_month = int(pm.group(1)) if pm and 1 <= int(pm.group(1)) <= 12 else None
        if self.mode == "visit":
            pair = (self.source_country, self.target_country)
            self.host = self.location_country if self.location_country in pair else self.target_country
            self.guest = self.source_country if self.host == self.target_country else self.target_country
        self.place_key = _place_key(self.location_name)
        names = {w for _, p in self.persons for w in p.split()}
        for n in (self.source_name, self.target_name):
            names.update(w.casefold() for w in _WORD.findall(n or ""))
        self.words = content_words(self.evidence, names)
        self.evidence_key = hashlib.sha1(_norm(self.evidence).encode("utf-8")).hexdigest()[:16] if self.evidence else ""

    @property
    def key(self) -> tuple[str, str]:
        return self.article_id, self.local_id

    def side_persons(self, country: str) -> set[str]:
        return {p for c, p in self.persons if c == country}

    # ------------------------------------------------------------------ rows of the store
    def to_row(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "local_id": self.local_id, "idx": self.idx,
                "published": self.published, "type": self.type, "mode": self.mode, "status": self.status,
                "source_country": self.source_country, "target_country": self.target_country,
                "source_name": self.source_name, "target_name": self.target_name,
                "persons": json.dumps([list(p) for p in self.persons]), "date": self.date,
                "date_start": self.interval[0] if self.interval else None,
                "date_end": self.interval[1] if self.interval else None,
                "location_name": self.location_name, "location_country": self.location_country,
                "evidence": self.evidence, "reported_by": self.reported_by, "outlet": self.outlet,
                "path": self.path, "event_id": self.event_id, "block": self.block, "sort_key": self.sort_key,
                "evidence_key": self.evidence_key}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Mention":
        persons = tuple((c, p) for c, p in json.loads(row.get("persons") or "[]"))
        pub = row.get("published")
        if isinstance(pub, str):
            pub = dates.day(pub)
        return cls(article_id=row["article_id"], local_id=row["local_id"], idx=int(row["idx"]), published=pub,
                   type=row["type"], mode=row.get("mode"), status=row["status"],
                   source_country=row.get("source_country"), target_country=row.get("target_country"),
                   source_name=row.get("source_name"), target_name=row.get("target_name"), persons=persons,
                   date=row.get("date"), location_name=row.get("location_name"),
                   location_country=row.get("location_country"), evidence=row.get("evidence") or "",
                   reported_by=row.get("reported_by"), outlet=row.get("outlet"), path=row.get("path"),
                   event_id=row.get("event_id"), joint=_joint_of_row(row))


ROW_COLUMNS = ("article_id", "local_id", "idx", "published", "type", "mode", "status", "source_country",
               "target_country", "source_name", "target_name", "persons", "date", "date_start", "date_end",
               "location_name", "location_country", "evidence", "reported_by", "outlet", "path", "event_id",
               "block", "sort_key", "evidence_key")


def _joint_of_row(row: dict[str, Any]) -> str:
    """The stored block when it is not the pair's own: the report belongs to a joint happening."""
    stored = row.get("block") or ""
    return stored if stored and stored != block_of(str(row.get("type") or "").upper(), row.get("source_country"),
                                                   row.get("target_country")) else ""


def block_of(type_: str, source: str | None, target: str | None) -> str:
    """The blocking key: type and country pair, unordered for symmetric types."""
    a, b = source or "?", target or "?"
    if type_ in symmetric_types():
        a, b = sorted((a, b))
        return f"{type_}:{a}-{b}"
    return f"{type_}:{a}>{b}"


def event_id_of(article_id: str, local_id: str) -> str:
    """The id of a corpus-level event, derived from its earliest report."""
    return "ev-" + hashlib.sha1(f"{article_id}:{local_id}".encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    text = text or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def content_words(text: str, drop: Iterable[str] = ()) -> frozenset[str]:
    """Lower-cased content words of a sentence, crudely stemmed, without stopwords and ``drop``."""
    return _content_words(text, frozenset(drop))


@lru_cache(maxsize=65536)
def _content_words(text: str, skip: frozenset[str]) -> frozenset[str]:
    out = set()
    for w in _WORD.findall(_norm(text)):
        if w in STOPWORDS or w in skip or (len(w) < 3 and not w.isdigit()):
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.add(w)
    return frozenset(out)


def _gazetteer() -> Any:
    # storyline.entities imports spaCy on first use; linking needs only its name and place tables
    from ..entities.geo import gazetteer

    return gazetteer()


@lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    """A person's name as linking compares it: its folded tokens (``actors.person_tokens``:
    no titles, accents or hyphens, romanisation variants folded), space-separated."""
    from .actors import person_tokens

    return " ".join(person_tokens(name))


@lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """Whether two name keys can name one person across articles: equal, written together or apart
    ("jong un" / "jongun"), or one's tokens all inside the other's sharing its first or last token
    ("putin" / "vladimir putin", "taiip erdogan" / "recep taiip erdogan"); "melania trump" is not
    "donald trump"."""
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return False
    if "".join(ta) == "".join(tb):
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == len(long):
        return False
    if not set(short) <= set(long):
        return False
    return short[0] == long[0] or short[-1] == long[-1]


@lru_cache(maxsize=65536)
def _is_place(name: str) -> bool:
    return _gazetteer().any_code(name) is not None


@lru_cache(maxsize=65536)
def _is_country(name: str) -> bool:
    return _gazetteer().country(name) is not None


def _place_key(name: str | None) -> str | None:
    """A place name that says more than its country ("Sochi", not "Russia"), folded; else None."""
    if not name or not name.strip():
        return None
    if _is_country(name):
        return None
    key = _norm(re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.I))
    return key or None


def _person_keys(actor: dict[str, Any], side_country: str | None, entities: dict[str, dict[str, Any]],
                 have_entities: bool) -> set[tuple[str, str]]:
    name = actor.get("name")
    if not name or not isinstance(name, str):
        return set()
    ent = entities.get(actor.get("entity") or "")
    if ent is not None:
        is_person = ent.get("type") == "PERSON"
    elif have_entities and actor.get("entity"):
        is_person = False
    else:
        parts = name.split()
        is_person = (len(parts) >= 2 and all(p[:1].isupper() for p in parts)
                     and not any(p.casefold().strip(".,'’") in NOT_PERSONS for p in parts)
                     and not _is_place(name))
    if not is_person:
        return set()
    key = " ".join(w for w in _name_key(name).split() if w not in NOT_PERSONS)
    if not key:
        return set()
    return {(actor.get("country") or side_country or "", key)}


def _published(record: dict[str, Any]) -> dt.date | None:
    pub = record.get("published")
    return dates.day(pub.get("date") if isinstance(pub, dict) else pub)


def mentions_of(record: dict[str, Any]) -> list[Mention]:
    """The mentions of one article record (OUTPUT.md); events without a type are skipped."""
    article_id = str(record.get("id") or "")
    published = _published(record)
    entities = {e["id"]: e for e in record.get("entities") or [] if isinstance(e, dict) and e.get("id")}
    out = []
    for i, ev in enumerate(record.get("events") or []):
        if not isinstance(ev, dict) or not ev.get("type"):
            continue
        src, tgt = ev.get("source") or {}, ev.get("target") or {}
        loc = ev.get("location") or {}
        evidence = ev.get("evidence") or {}
        sc, tc = _country(src), _country(tgt)
        persons = _person_keys(src, sc, entities, bool(entities)) | _person_keys(tgt, tc, entities, bool(entities))
        out.append(Mention(
            article_id=article_id, local_id=str(ev.get("id") or f"#{i}"), idx=i, published=published,
            type=str(ev["type"]), mode=ev.get("mode"), status=Status(str(ev.get("status") or Status.PLANNED).lower()),
            source_country=sc, target_country=tc, source_name=src.get("name"), target_name=tgt.get("name"),
            persons=tuple(sorted(persons)), date=ev.get("date") if isinstance(ev.get("date"), str) else None,
            location_name=loc.get("name"), location_country=_country(loc),
            evidence=(evidence.get("text") if isinstance(evidence, dict) else str(evidence)) or "",
            reported_by=ev.get("reported_by"), outlet=record.get("source"), path=record.get("path"),
            event_id=ev.get("event_id")))
    spans: dict[str, tuple[Any, Any]] = {}
    for i, ev in enumerate(record.get("events") or []):
        if isinstance(ev, dict) and ev.get("type") and isinstance(ev.get("evidence"), dict):
            spans[str(ev.get("id") or f"#{i}")] = (ev["evidence"].get("start"), ev["evidence"].get("end"))
    joint_blocks(out, spans)
    return out


def joint_blocks(mentions: list[Mention], spans: dict[str, tuple[Any, Any]] | None = None) -> None:
    """Give the reports of one joint happening one block, in place.

    The event scheme codes a happening of several parties as one event per pair: a meeting
    of three countries is three CONSULT events, two vetoes of one resolution two REJECT
    events, all from one sentence. Such a set is one real-world event, so its members are
    put in one block (the smallest of their pair blocks, which another article listing the
    same parties also picks) where the linker keeps them in one cluster. A set is: the
    reports of one article with one type, status, date and evidence span (``spans``: local
    id -> (start, end); the sentence itself when absent) in at least two blocks. Not a
    set (``rules``): types whose pairs each act on their own (``NOT_JOINT_TYPES``: each
    party signs a convention), modes that pair two parties only (``NOT_JOINT_MODES``:
    calls are made one by one; a visit has one guest and one host, so a tour is a visit per
    host and two guests received together are two visits, as the gold codes them) and
    sentences that say the parties acted apart (``APART_WORDS``). Visits join a set that also
    holds a meeting of their guests away from home (``third-party``): three parties meeting
    in the country of one of them are coded as two visits to the host and the guests' pair.

    Measured on devreal: a trilateral meeting (3 pairs) and two vetoes of one resolution
    (2 pairs) each became one event (B-cubed recall 0.959 -> 1.000), while the pairs of
    co-signatories of a convention and one leader's calls with several others stay apart.
    The visits of a meeting held in one party's country: once the gazetteer knew the host
    city of such a trilateral meeting its pairs became two visits and a third-party pair,
    which split it in three (B-cubed recall 1.000 -> 0.972); with the rule, 1.000 again.
    """
    groups: dict[tuple[Any, ...], list[Mention]] = {}
    for m in mentions:
        if (m.type in NOT_JOINT_TYPES or m.mode in NOT_JOINT_MODES - {"visit"} or not m.evidence_key
                or m.words & APART_WORDS):
            continue
        span = (spans or {}).get(m.local_id, (None, None))
        groups.setdefault((m.article_id, m.type, m.status, m.date, m.evidence_key, span), []).append(m)
    for members in groups.values():
        if not any(m.mode == "third-party" for m in members):
            members = [m for m in members if m.mode not in NOT_JOINT_MODES]
        blocks = {m.block for m in members}
        if len(blocks) < 2:
            continue
        joint = min(blocks)
        for m in members:
            m.joint = joint
            m.block = joint


def _country(x: Any) -> str | None:
    c = x.get("country") if isinstance(x, dict) else None
    return c.upper() if isinstance(c, str) and c.strip() else None
