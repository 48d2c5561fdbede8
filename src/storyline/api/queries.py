"""Read-only queries over a store: the library under the web API and the CLI's reading verbs.

Every function takes ``db`` first: a database path (opened read-only for the call)
or an open DuckDB connection, and returns plain JSON-ready dicts. Lists come as a
page: ``{"total", "limit", "offset", "items"}``. Bad arguments raise
``UsageError`` with a message that says what is allowed. Every value a caller
gives reaches SQL as a bound parameter, never as SQL text.

    from storyline.api import queries
    queries.events("storyline.duckdb", countries="RUS,JPN", status="planned")
    queries.event("storyline.duckdb", "ev-7a21")["status_history"]
"""
from __future__ import annotations

import json
import os
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Union

from ..errors import UsageError
from . import search as _search
from .dates import is_month_precise, month_key, months_between, parse_bound, published_day, timex_range
from ..store.events import actor_names_matching, event_ids_of, has_actors, load_actors, with_event_ids
from .db import reading, snapshot_key
from .lifecycle import EVENT_TYPES, STATUSES, Report, detail, group, link_detail, link_summary, summarise

if TYPE_CHECKING:
    import duckdb

Db = Union[str, "os.PathLike[str]", "duckdb.DuckDBPyConnection", None]

MAX_LIMIT = 500
EVENT_SORTS = ("date", "-date", "reported", "-reported", "reports", "-reports", "type", "status")
ARTICLE_SORTS = ("published", "-published", "path")
ACTOR_SORTS = ("articles", "mentions", "events", "name")
_COUNTRY = re.compile(r"^[A-Z]{3}$")


# ------------------------------------------------------------------ argument checks
def _page(limit: int, offset: int) -> tuple[int, int]:
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise UsageError(f"offset must be 0 or more, not {offset}")
    return limit, offset


def parse_countries(value: str | None) -> tuple[str, ...]:
    """``"RUS,JPN"`` → ``("JPN", "RUS")``: one or two ISO alpha-3 codes, either order."""
    if not value:
        return ()
    codes = tuple(sorted({c.strip().upper() for c in value.split(",") if c.strip()}))
    if not 1 <= len(codes) <= 2 or not all(_COUNTRY.match(c) for c in codes):
        raise UsageError(f"countries must be one or two ISO 3166-1 alpha-3 codes such as RUS,JPN, not {value!r}")
    return codes


def parse_choices(value: str | None, allowed: tuple[str, ...], what: str, upper: bool = False) -> set[str]:
    """A comma-separated list of values, each one of ``allowed``."""
    if not value:
        return set()
    items = {(v.strip().upper() if upper else v.strip().lower()) for v in value.split(",") if v.strip()}
    bad = sorted(items - set(allowed))
    if bad:
        raise UsageError(f"unknown {what} {', '.join(map(repr, bad))}; choose from {', '.join(allowed)}")
    return items


def _bounds(date_from: str | None, date_to: str | None) -> tuple[date | None, date | None]:
    try:
        lo, hi = parse_bound(date_from), parse_bound(date_to, end=True)
    except ValueError as e:
        raise UsageError(str(e)) from None
    if lo and hi and hi < lo:
        raise UsageError(f"date_to ({date_to}) is before date_from ({date_from})")
    return lo, hi


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise UsageError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _paged(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


# ------------------------------------------------------------------ events, cached per store snapshot
@dataclass
class Corpus:
    """Every event of a store snapshot: the article reports grouped by event id, the linking
    stage's lifecycles where it wrote them, and one summary per event."""

    groups: dict[str, list[Report]]
    links: dict[str, dict[str, Any]]
    headlines: dict[str, str | None]
    as_of: date | None
    summaries: list[dict[str, Any]] = field(default_factory=list)

    def detail(self, event_id: str) -> dict[str, Any] | None:
        reports = self.groups.get(event_id, [])
        if event_id in self.links:
            return link_detail(self.links[event_id], reports, self.as_of, self.headlines)
        return detail(event_id, reports, self.as_of) if reports else None


_cache_lock = threading.Lock()
_cache: dict[str, tuple[tuple[Any, ...], Corpus]] = {}


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                      "AND table_name = ?", [name]).fetchone()
    return bool(row and row[0])


def corpus(con: duckdb.DuckDBPyConnection) -> Corpus:
    """The events of the store ``con`` reads, built once per snapshot (see ``snapshot_key``)."""
    key = snapshot_key(con)
    with _cache_lock:
        hit = _cache.get(str(key[0]))
        if hit and hit[0] == key:
            return hit[1]
    rows = con.execute("SELECT id, path, source, headline, published_date, CAST(record->'events' AS VARCHAR) "
                       "FROM articles WHERE json_array_length(record->'events') > 0").fetchall()
    ids = event_ids_of(con)         # the linker's event ids (records keep none of their own)
    reports: list[Report] = []
    for aid, path, outlet, headline, published, events in rows:
        rec = with_event_ids(con, [{"id": aid, "events": json.loads(events or "[]")}], ids)[0]
        reports += [Report(aid, path, outlet, headline, published, ev) for ev in rec["events"] if isinstance(ev, dict)]
    days = [d for d in (published_day(p) for (p,) in
                        con.execute("SELECT DISTINCT published_date FROM articles").fetchall()) if d]
    links: dict[str, dict[str, Any]] = {}
    headlines: dict[str, str | None] = {}
    if _has_table(con, "corpus_events"):
        links = {eid: json.loads(lc) for eid, lc in
                 con.execute("SELECT event_id, CAST(lifecycle AS VARCHAR) FROM corpus_events").fetchall()}
        if links:
            headlines = dict(con.execute("SELECT id, headline FROM articles").fetchall())
    c = Corpus(group(reports), links, headlines, max(days) if days else None)
    c.summaries = [link_summary(lc, c.as_of, headlines) for lc in links.values()]
    c.summaries += [summarise(k, r, c.as_of) for k, r in c.groups.items() if k not in links]
    with _cache_lock:
        _cache[str(key[0])] = (key, c)
    return c


def _matches_actor(ev: dict[str, Any], needle: str, aliases: set[str] = frozenset()) -> bool:   # type: ignore[assignment]
    """Part of a name, or any alias of an actor one of whose names holds it (``actor_aliases``)."""
    needle = needle.lower()
    names = list(ev["actors"]) + [c for c in ev["countries"]]
    return any(needle in n.lower() or n in aliases for n in names if n)


def _event_window(ev: dict[str, Any]) -> tuple[str, str] | None:
    """Where an event sits in time: its date, else when it was reported."""
    if ev["date_range"]:
        return ev["date_range"]["start"], ev["date_range"]["end"]
    if ev["first_reported"]:
        return ev["first_reported"], ev["last_reported"]
    return None


def _filtered_events(con: duckdb.DuckDBPyConnection, *, actor: str | None = None, countries: str | None = None,
                     type: str | None = None, status: str | None = None, date_from: str | None = None,
                     date_to: str | None = None, overdue: bool | None = None,
                     linked: bool | None = None) -> list[dict[str, Any]]:
    pair = parse_countries(countries)
    types = parse_choices(type, EVENT_TYPES, "event type", upper=True)
    statuses = parse_choices(status, STATUSES, "status")
    lo, hi = _bounds(date_from, date_to)
    aliases = actor_names_matching(con, actor) if actor else set()
    out = []
    for ev in corpus(con).summaries:
        if pair and not set(pair) <= set(ev["countries"]):
            continue
        if types and ev["type"] not in types:
            continue
        if statuses and ev["status"] not in statuses:
            continue
        if actor and not _matches_actor(ev, actor, aliases):
            continue
        if overdue is not None and ev["overdue"] != overdue:
            continue
        if linked is not None and ev["linked"] != linked:
            continue
        if lo or hi:
            window = _event_window(ev)
            if window is None or (lo and window[1] < lo.isoformat()) or (hi and window[0] > hi.isoformat()):
                continue
        out.append(ev)
    return out


def _event_sort_key(sort: str) -> Any:
    field = sort.lstrip("-")
    if field == "date":
        return lambda e: ((_event_window(e) or ("9999",))[0], e["event_id"])
    if field == "reported":
        return lambda e: (e["first_reported"] or "9999", e["event_id"])
    if field == "reports":
        return lambda e: (e["reports"], e["event_id"])
    return lambda e: (e[field] or "", e["event_id"])


def events(db: Db, *, actor: str | None = None, countries: str | None = None, type: str | None = None,
           status: str | None = None, date_from: str | None = None, date_to: str | None = None,
           overdue: bool | None = None, linked: bool | None = None, sort: str = "date",
           limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Corpus-level events (reports grouped by ``event_id``), filtered, sorted and paged.

    ``countries``: one code (events involving it) or a pair in either order; ``type`` and
    ``status``: comma-separated lists; ``date_from``/``date_to``: YYYY[-MM[-DD]], matched
    against the event's date (or, undated, when it was reported); ``actor``: part of a name.
    """
    limit, offset = _page(limit, offset)
    _choice(sort, EVENT_SORTS, "sort")
    with reading(db) as con:
        items = _filtered_events(con, actor=actor, countries=countries, type=type, status=status,
                                 date_from=date_from, date_to=date_to, overdue=overdue, linked=linked)
    items.sort(key=_event_sort_key(sort), reverse=sort.startswith("-"))
    return _paged(items[offset:offset + limit], len(items), limit, offset)


def event(db: Db, event_id: str) -> dict[str, Any] | None:
    """One event with ``status_history``, ``stages``, ``evidence``, ``supporting_articles`` and
    ``conflicts``; None when no report carries that id."""
    with reading(db) as con:
        return corpus(con).detail(event_id)


# ------------------------------------------------------------------ articles
def _article_summary(row: tuple[Any, ...]) -> dict[str, Any]:
    (aid, path, source, headline, lead, published, how, confidence, place, dl_text, url,
     n_entities, n_events, n_quotes) = row
    return {"id": aid, "path": path, "source": source, "headline": headline, "lead": lead,
            "published": {"date": published, "how": how, "confidence": confidence},
            "dateline": {"place": place, "text": dl_text} if place or dl_text else None, "url": url,
            "counts": {"entities": n_entities or 0, "events": n_events or 0, "quotes": n_quotes or 0}}


def articles(db: Db, *, source: str | None = None, actor: str | None = None, country: str | None = None,
             event_id: str | None = None, date_from: str | None = None, date_to: str | None = None,
             sort: str = "published", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Articles (without their text), filtered by outlet, a named entity (part of its name), a
    country an entity or event involves, an ``event_id`` they report, and publication date."""
    limit, offset = _page(limit, offset)
    order = {"published": "published_date NULLS LAST, path, id", "-published": "published_date DESC NULLS LAST, "
             "path, id", "path": "path, id"}[_choice(sort, ARTICLE_SORTS, "sort")]
    lo, hi = _bounds(date_from, date_to)
    where, params = ["TRUE"], []
    if source:
        where.append("lower(source) = lower(?)")
        params.append(source)
    if actor:
        where.append("array_to_string(json_extract_string(record, '$.entities[*].name'), chr(10)) ILIKE ? ESCAPE '\\'")
        params.append(_like(actor))
    if country:
        codes = parse_countries(country)
        if len(codes) != 1:
            raise UsageError(f"country takes one ISO 3166-1 alpha-3 code such as JPN, not {country!r}")
        code = codes[0]
        where.append("(list_contains(json_extract_string(record, '$.entities[*].country'), ?) OR "
                     "list_contains(json_extract_string(record, '$.events[*].source.country'), ?) OR "
                     "list_contains(json_extract_string(record, '$.events[*].target.country'), ?))")
        params += [code, code, code]
    if event_id:
        # linked ids live in event_mentions; records of older stores carry them too
        where.append("(id IN (SELECT article_id FROM event_mentions WHERE event_id = ?) OR "
                     "list_contains(json_extract_string(record, '$.events[*].event_id'), ?))")
        params += [event_id, event_id]
    if lo or hi:
        where.append("regexp_matches(published_date, '^\\d{4}-\\d{2}-\\d{2}$')")
    if lo:
        where.append("published_date >= ?")
        params.append(lo.isoformat())
    if hi:
        where.append("published_date <= ?")
        params.append(hi.isoformat())
    cond = " AND ".join(where)
    with reading(db) as con:
        total = con.execute(f"SELECT count(*) FROM articles WHERE {cond}", params).fetchone()
        rows = con.execute(
            "SELECT id, path, source, headline, lead, published_date, published_how, published_confidence, "
            "dateline_place, dateline_text, url, json_array_length(record->'entities'), "
            "json_array_length(record->'events'), json_array_length(record->'quotes') "
            f"FROM articles WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return _paged([_article_summary(r) for r in rows], int(total[0]) if total else 0, limit, offset)


def article(db: Db, article_id: str) -> dict[str, Any] | None:
    """The full article record (OUTPUT.md), or None."""
    with reading(db) as con:
        row = con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
        return with_event_ids(con, [json.loads(row[0])])[0] if row else None


# ------------------------------------------------------------------ actors and quotes
def _fold(owner: dict[str, Any], a: dict[str, Any]) -> None:
    owner["aliases"].append(a["name"])
    owner["_ids"] |= a["_ids"]
    owner["articles"] = len(owner["_ids"])
    for k in ("mentions", "events"):
        owner[k] += a[k]
    owner["countries"] = sorted(set(owner["countries"]) | set(a["countries"]))
    owner["roles"] = sorted(set(owner["roles"]) | set(a["roles"]))


def _merge_spellings(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One actor per person across spellings ("Sergei Lavrov", "Sergey Lavrov"): names with the same
    transliteration key merge into the most used spelling; the others are kept in ``aliases``."""
    from ..entities import canonical_key

    groups: dict[str, list[dict[str, Any]]] = {}
    out = []
    for a in items:
        if a["type"] == "PERSON":
            groups.setdefault(canonical_key(a["name"]), []).append(a)
        else:
            out.append(a)
    for members in groups.values():
        members.sort(key=lambda m: (-m["articles"], -m["mentions"], m["name"]))
        owner = members[0]
        for other in members[1:]:
            _fold(owner, other)
        out.append(owner)
    return out


def _merge_short_names(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold a one-word PERSON name into the one full name that contains that word ("Xi" into
    "Xi Jinping"); the short form is kept in ``aliases``. Ambiguous short names stay apart."""
    full = [a for a in items if a["type"] == "PERSON" and " " in a["name"]]
    out = []
    for a in items:
        if a["type"] == "PERSON" and " " not in a["name"]:
            owners = [f for f in full if a["name"] in f["name"].split()]
            if len(owners) == 1:
                _fold(owners[0], a)
                continue
        out.append(a)
    return out


def actors(db: Db, *, q: str | None = None, type: str | None = None, country: str | None = None,
           sort: str = "articles", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Named entities across articles by canonical name and type: how many articles and
    mentions, their countries and roles, and how many events name them as a side."""
    limit, offset = _page(limit, offset)
    _choice(sort, ACTOR_SORTS, "sort")
    types = parse_choices(type, ("PERSON", "ORG", "GPE", "LOC", "NORP", "OUTLET", "FAC", "EVENT"), "entity type",
                          upper=True)
    code = parse_countries(country)[0] if country else None
    with reading(db) as con:
        if has_actors(con):         # the linker's actors: one per referent, any alias matches ``q``
            items = load_actors(con, q=q, types=types, country=code)
            if sort == "name":
                items.sort(key=lambda a: (a["name"].lower(), a["type"]))
            else:
                items.sort(key=lambda a: (-a[sort], a["name"].lower(), a["type"]))
            return _paged(items[offset:offset + limit], len(items), limit, offset)
    where, params = ["name IS NOT NULL"], []
    if q:
        where.append("name ILIKE ? ESCAPE '\\'")
        params.append(_like(q))
    if types:
        where.append("type IN (SELECT unnest(?))")
        params.append(sorted(types))
    if code:
        where.append("country = ?")
        params.append(code)
    sql = ("SELECT name, type, mode(country) AS country, list(DISTINCT country) FILTER (country IS NOT NULL), "
           "list(DISTINCT role) FILTER (role IS NOT NULL), list(DISTINCT article_id), sum(mentions) "
           "FROM (SELECT a.id AS article_id, e->>'name' AS name, e->>'type' AS type, e->>'country' AS country, "
           "e->>'role' AS role, coalesce(json_array_length(e->'mentions'), 0) AS mentions "
           "FROM (SELECT id, unnest(CAST(record->'entities' AS JSON[])) AS e FROM articles) a) "
           f"WHERE {' AND '.join(where)} GROUP BY name, type")
    with reading(db) as con:
        rows = con.execute(sql, params).fetchall()
        events_now = corpus(con).summaries
    event_counts: Counter[str] = Counter(n for e in events_now for n in e["actors"])
    items = [{"name": name, "type": etype, "country": country, "countries": sorted(countries or []),
              "roles": sorted(roles or []), "articles": len(ids), "mentions": int(n_mentions or 0), "_ids": set(ids),
              "events": event_counts.get(name, 0), "aliases": []}
             for name, etype, country, countries, roles, ids, n_mentions in rows]
    items = _merge_short_names(_merge_spellings(items))
    for a in items:
        del a["_ids"]
    if sort == "name":
        items.sort(key=lambda a: (a["name"].lower(), a["type"]))
    else:
        items.sort(key=lambda a: (-a[sort], a["name"].lower(), a["type"]))
    return _paged(items[offset:offset + limit], len(items), limit, offset)


def quotes(db: Db, *, speaker: str | None = None, q: str | None = None, article_id: str | None = None,
           limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Quotes with their speaker and article; ``speaker`` and ``q`` match part of the name / text."""
    limit, offset = _page(limit, offset)
    where, params = ["TRUE"], []
    if speaker:
        where.append("speaker ILIKE ? ESCAPE '\\'")
        params.append(_like(speaker))
    if q:
        where.append("text ILIKE ? ESCAPE '\\'")
        params.append(_like(q))
    if article_id:
        where.append("article_id = ?")
        params.append(article_id)
    base = ("FROM (SELECT article_id, path, outlet, headline, published, qt->>'speaker' AS speaker, "
            "qt->>'speaker_entity' AS speaker_entity, qt->>'text' AS text, CAST(qt->>'start' AS INTEGER) AS qstart, "
            "CAST(qt->>'end' AS INTEGER) AS qend FROM (SELECT id AS article_id, path, source AS outlet, headline, "
            "published_date AS published, unnest(CAST(record->'quotes' AS JSON[])) AS qt FROM articles)) "
            f"WHERE {' AND '.join(where)}")
    with reading(db) as con:
        total = con.execute(f"SELECT count(*) {base}", params).fetchone()
        rows = con.execute(f"SELECT * {base} ORDER BY published NULLS LAST, path, qstart LIMIT ? OFFSET ?",
                           [*params, limit, offset]).fetchall()
    items = [{"article_id": r[0], "path": r[1], "outlet": r[2], "headline": r[3], "published": r[4],
              "speaker": r[5], "speaker_entity": r[6], "text": r[7], "start": r[8], "end": r[9]} for r in rows]
    return _paged(items, int(total[0]) if total else 0, limit, offset)


# ------------------------------------------------------------------ search, counts, stats
def search(db: Db, q: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Full-text search over headline, lead and text (BM25; ILIKE if FTS is unavailable)."""
    limit, offset = _page(limit, offset)
    q = (q or "").strip()
    if not q:
        raise UsageError("the search query q is empty; give one or more words")
    if len(q) > _search.MAX_QUERY:
        raise UsageError(f"the search query is {len(q)} characters; at most {_search.MAX_QUERY}")
    with reading(db) as con:
        return _search.search(con, q, limit, offset)


def counts(db: Db, *, countries: str | None = None, type: str | None = None, status: str | None = None,
           basis: str = "event") -> dict[str, Any]:
    """Events per month. ``basis="event"``: each event once, in the month of its date when that
    is a month or narrower, else of its first report; ``"reported"``: every report, in the month
    it was published (how much the press wrote)."""
    _choice(basis, ("event", "reported"), "basis")
    with reading(db) as con:
        items = _filtered_events(con, countries=countries, type=type, status=status)
        groups = corpus(con).groups
    per: dict[str, Counter[str]] = {}
    per_type: dict[str, Counter[str]] = {}
    undated = 0
    for ev in items:
        if basis == "event":
            if is_month_precise(ev["date"]):
                rng = timex_range(ev["date"])
                stamps = [(month_key(rng[0]), ev["status"])] if rng else []
            else:
                stamps = [(ev["first_reported"][:7], ev["status"])] if ev["first_reported"] else []
        else:
            stamps = [(month_key(d), r.event.get("status") or "?") for r in groups.get(ev["event_id"], [])
                      if (d := r.day)]
        if not stamps:
            undated += 1
        for month, st in stamps:
            per.setdefault(month, Counter())[st] += 1
            per_type.setdefault(month, Counter())[ev["type"] or "?"] += 1
    months = months_between(min(per), max(per)) if per else []
    rows = [{"month": m, "total": sum(per.get(m, Counter()).values()), "by_status": dict(per.get(m, Counter())),
             "by_type": dict(per_type.get(m, Counter()))} for m in months]
    return {"countries": list(parse_countries(countries)), "type": type, "status": status, "basis": basis,
            "months": rows, "undated": undated, "events": len(items)}


def stats(db: Db) -> dict[str, Any]:
    """What the store holds, for people: counts, date range, events by status and type, top pairs."""
    with reading(db) as con:
        row = con.execute(
            "SELECT count(*), min(published_date) FILTER (regexp_matches(published_date, '^\\d{4}-\\d{2}-\\d{2}$')), "
            "max(published_date) FILTER (regexp_matches(published_date, '^\\d{4}-\\d{2}-\\d{2}$')), "
            "sum(json_array_length(record->'events')), sum(json_array_length(record->'quotes')), "
            "sum(json_array_length(record->'entities')), count(DISTINCT source) FROM articles").fetchone() or ()
        rejections = con.execute("SELECT count(*) FROM rejections").fetchone()
        c = corpus(con)
        items, as_of = c.summaries, c.as_of
    pairs = Counter("-".join(e["countries"]) for e in items if len(e["countries"]) == 2)
    return {
        "articles": int(row[0] or 0), "rejections": int(rejections[0]) if rejections else 0,
        "sources": int(row[6] or 0),
        "published": {"first": row[1], "last": row[2]},
        "reports": int(row[3] or 0), "events": len(items), "linked_events": sum(e["linked"] for e in items),
        "overdue": sum(e["overdue"] for e in items), "quotes": int(row[4] or 0), "entities": int(row[5] or 0),
        "by_status": dict(Counter(e["status"] for e in items).most_common()),
        "by_type": dict(Counter(e["type"] for e in items).most_common()),
        "country_pairs": [{"countries": p.split("-"), "events": n} for p, n in pairs.most_common(20)],
        "as_of": as_of.isoformat() if as_of else None, "search": _search.backend(),
        "statuses": list(STATUSES), "types": list(EVENT_TYPES),
    }
