"""Read-only queries over a store: the library under the web API and the CLI's reading verbs.

Every function takes ``db`` first: a database path (opened read-only for the call)
or an open DuckDB connection, and returns plain JSON-ready dicts. Lists come as a
page: ``{"total", "limit", "offset", "items"}``. Bad arguments raise
``UsageError`` with a message that says what is allowed. Every value a caller
gives reaches SQL as a bound parameter, never as SQL text.

Each call is one to three SQL statements over the read model the writers keep
(``store/read.py``): nothing is loaded whole, nothing is cached in the process, so a
server's memory does not grow with the store (measured with ``bench/read_bench.py``:
the README has the figures at 10,000 and 100,000 articles). The lifecycles, statuses
and "overdue" are the linker's (``corpus_events``); event types come from the one
registry, the trigger data (``events/data/triggers.json``).

    from storyline.api import queries
    queries.events("storyline.duckdb", countries="RUS,JPN", status="planned")
    queries.event("storyline.duckdb", "ev-7a21")["status_history"]
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Union

from ..errors import StoreError, UsageError
from ..codes import Status, event_codes
from ..link.rules import STATUS_PRIORITY
from ..store.events import actor_names_matching, event_names_matching, load_actors, with_event_ids
from ..store.read import GRAM_COLUMNS, text_grams
from ..store.sql import lookup
from . import search as _search
from .dates import months_between, parse_bound, published_day
from .db import reading

if TYPE_CHECKING:
    import duckdb

Db = Union[str, "os.PathLike[str]", "duckdb.DuckDBPyConnection", None]

MAX_LIMIT = 500
EVENT_SORTS = ("date", "-date", "reported", "-reported", "reports", "-reports", "type", "status")
ARTICLE_SORTS = ("published", "-published", "path")
ACTOR_SORTS = ("articles", "mentions", "events", "name")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "OUTLET", "FAC", "EVENT")
_COUNTRY = re.compile(r"^[A-Z]{3}$")


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)


def event_types() -> tuple[str, ...]:
    """The PLOVER event types: those of the trigger data, the one registry (``storyline.codes``;
    a new type there is a new type here)."""
    return event_codes().types


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


def _paged(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> tuple[Any, ...]:
    import duckdb

    try:
        row = con.execute(sql, params or []).fetchone()
    except duckdb.CatalogException as e:
        raise StoreError("this store predates the read model; open it for writing once (e.g. `storyline link "
                         f"--db PATH`) to build it: {e}") from e
    return row or ()


def _as_of(con: duckdb.DuckDBPyConnection) -> date | None:
    """The newest publication day of the store: what "overdue" is measured against."""
    row = _one(con, "SELECT as_of FROM read_summary")
    return row[0] if row else None


# ------------------------------------------------------------------ events
def _event_filter(*, actor: str | None = None, countries: str | None = None, type: str | None = None,
                  status: str | None = None, date_from: str | None = None, date_to: str | None = None,
                  overdue: bool | None = None, linked: bool | None = None,
                  status_column: str = "status", aliases: Iterable[str] = (),
                  keyed: bool = False) -> tuple[str, list[Any], bool]:
    """The WHERE clause over ``event_index`` (and its parameters); the last value says whether it
    needs ``as_of`` as its first parameter. ``aliases``: every written form of the actors whose
    names hold ``actor`` (``store.events.actor_names_matching``), so any spelling finds them."""
    pair = parse_countries(countries)
    types = parse_choices(type, event_types(), "event type", upper=True)
    statuses = parse_choices(status, STATUSES, "status")
    lo, hi = _bounds(date_from, date_to)
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    # ``countries`` is the sorted set of an event's two sides (``store.read.event_summary``): a pair
    # is that list, one code is in it (measured at 100,000 articles: 3.4 ms of CPU where
    # ``list_has_all`` took 10.6)
    if keyed and len(pair) == 2:     # the two codes as columns (migration 7): strings, not a list, compared
        where.append("country1 = ? AND country2 = ?")
        params += list(pair)
    elif keyed and pair:
        where.append("(country1 = ? OR country2 = ?)")
        params += [pair[0], pair[0]]
    elif len(pair) == 2:
        where.append("countries = ?::VARCHAR[]")
        params.append(list(pair))
    elif pair:
        where.append("list_contains(countries, ?)")
        params.append(pair[0])
    if types:
        where.append("list_contains(?::VARCHAR[], type)")
        params.append(sorted(types))
    if statuses:
        where.append(f"list_contains(?::VARCHAR[], {status_column})")
        params.append(sorted(statuses))
    if actor and aliases:
        where.append("(contains(actors_lc, ?) OR list_has_any(actors, ?::VARCHAR[]))")
        params += [actor.lower(), sorted(aliases)]
    elif actor:
        where.append("contains(actors_lc, ?)")
        params.append(actor.lower())
    if overdue is not None:
        where.append(f"{_OVERDUE} = ?")
        params.append(overdue)
    if linked is not None:
        where.append("linked = ?")
        params.append(linked)
    if lo or hi:
        where.append("win_start IS NOT NULL")
    if lo:
        where.append("win_end >= ?")
        params.append(lo.isoformat())
    if hi:
        where.append("win_start <= ?")
        params.append(hi.isoformat())
    return " AND ".join(where), params, overdue is not None


# an open plan whose date ended before the newest article (the first parameter, ``$as_of``)
_OVERDUE = "coalesce(open_plan AND date_end < CAST($as_of AS VARCHAR), FALSE)"
_EVENT_ORDER = {"date": "coalesce(win_start, '9999')", "reported": "coalesce(first_reported, '9999')",
                "reports": "n_reports", "type": "coalesce(type, '')", "status": "coalesce(status, '')"}


def _named(sql: str, params: list[Any], as_of: date | None) -> tuple[str, dict[str, Any]]:
    """Positional ``?`` parameters as named ones (``$p0``…), beside ``$as_of``."""
    parts = sql.split("?")
    out = parts[0] + "".join(f"$p{i}{p}" for i, p in enumerate(parts[1:]))
    named: dict[str, Any] = {f"p{i}": v for i, v in enumerate(params)}
    if "$as_of" in out:
        named["as_of"] = as_of.isoformat() if as_of else None
    return out, named


def events(db: Db, *, actor: str | None = None, countries: str | None = None, type: str | None = None,
           status: str | None = None, date_from: str | None = None, date_to: str | None = None,
           overdue: bool | None = None, linked: bool | None = None, sort: str = "date",
           limit: int = 50, offset: int = 0, raw_items: bool = False) -> dict[str, Any]:
    """Corpus-level events (reports grouped by ``event_id``), filtered, sorted and paged.

    ``countries``: one code (events involving it) or a pair in either order; ``type`` and
    ``status``: comma-separated lists; ``date_from``/``date_to``: YYYY[-MM[-DD]], matched
    against the event's date (or, undated, when it was reported); ``actor``: part of a name.
    ``raw_items``: the items as JSON text (``RawJSON``), for the web API.
    """
    limit, offset = _page(limit, offset)
    _choice(sort, EVENT_SORTS, "sort")
    way = " DESC" if sort.startswith("-") else ""
    filters: dict[str, Any] = dict(actor=actor, countries=countries, type=type, status=status,
                                   date_from=date_from, date_to=date_to, overdue=overdue, linked=linked)
    with reading(db) as con:
        # the event name index (migration 13) when the store has it: the matching names, aliases included
        names = event_names_matching(con, actor) if actor and "\x01" not in actor else None
        if names is not None and len(names) <= MAX_NAMES:
            keyed = _events_keyed(con, filters, set(), sort, limit, offset, raw_items, names=names)
            if keyed is None:       # a store before migration 13's flag (read-only): "overdue" computed
                keyed = _events_keyed(con, filters, set(), sort, limit, offset, raw_items, names=names, flag=False)
            if keyed is not None:
                return keyed
        aliases = actor_names_matching(con, actor) if actor and _has_actors(con) else set()
        keyed = _events_keyed(con, filters, aliases, sort, limit, offset, raw_items)
        if keyed is None:
            keyed = _events_keyed(con, filters, aliases, sort, limit, offset, raw_items, flag=False)
        if keyed is not None:
            return keyed
        order = f"{_EVENT_ORDER[sort.lstrip('-')]}{way}, event_id{way}"
        cond, params, _ = _event_filter(**filters, aliases=aliases)
        as_of = _as_of(con)
        # one statement: the page's ids (a sort over narrow columns) with the total (a window over
        # the filtered rows), then their summaries joined by key (measured at 10,000 articles:
        # 3.6-5.6 ms of CPU against 4.6-7.6 ms for a count, the page and a lookup, one statement each)
        sql, named = _named(f"WITH page AS (SELECT event_id, {_OVERDUE} AS late, count(*) OVER () AS total "
                            f"FROM event_index WHERE {cond} ORDER BY {order} LIMIT {limit} OFFSET {offset}) "
                            "SELECT event_id, p.late, p.total, CAST(e.summary AS VARCHAR) FROM page p "
                            f"JOIN event_index e USING (event_id) ORDER BY {order}", params, as_of)
        rows = con.execute(sql, named).fetchall()
        if rows:
            total = int(rows[0][2])
        else:           # past the last page, or nothing matches: the total alone
            sql, named = _named(f"SELECT count(*) FROM event_index WHERE {cond}", params, as_of)
            total = int(_one(con, sql, named)[0] or 0)      # type: ignore[arg-type]
    return _event_page(rows, total, limit, offset, raw_items)


class RawJSON(str):
    """An item of a page that is already JSON text (``events(..., raw_items=True)``): the web API
    writes it into the response as it is (``app.as_json``)."""


_NOT_OVERDUE = '"overdue": false'          # as ``store.read.index_row`` stores the summary


def _event_page(rows: list[tuple[Any, ...]], total: int, limit: int, offset: int,
                raw_items: bool = False) -> dict[str, Any]:
    """A page of events from rows of (event id, overdue flag, total, stored summary). ``raw_items``:
    the items as the stored JSON text with the flag set in it, not parsed here and written again
    by the web API (a page of 50: 0.3 ms to parse, 0.3 ms to write); a summary not in the stored
    form is parsed."""
    items: list[Any] = []
    for _, late, _, summary in rows:
        if raw_items and summary.count(_NOT_OVERDUE) >= 1:
            items.append(RawJSON(summary.replace(_NOT_OVERDUE, '"overdue": true', 1) if late else summary))
            continue
        item = json.loads(summary)
        item["overdue"] = bool(late)
        items.append(item)
    return _paged(items, total, limit, offset)


def _has_actors(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has the linker's actors: one count (``store.events.has_actors`` asks the
    catalog first, 0.7 ms of CPU at 100,000 articles, where the count takes 0.3)."""
    import duckdb

    try:
        return bool(_one(con, "SELECT count(*) > 0 FROM actors")[0])
    except (duckdb.CatalogException, StoreError):
        return False


# the most names of the event name index an ``actor`` filter reads it for (their numbers are written into
# the statement); more (a needle of a letter or two): the names of every event are tested instead
MAX_NAMES = 64

# the sorts over the stored keys of migration 7 (``schema.EVENT_KEYS_SQL``)
_EVENT_KEY_ORDER = {**_EVENT_ORDER, "date": "date_key", "reported": "reported_key"}
_OVERDUE_NOW = _OVERDUE.replace("CAST($as_of AS VARCHAR)", "now.day")
_NOW = "(SELECT CAST(as_of AS VARCHAR) AS day FROM read_summary) now"


def _events_keyed(con: duckdb.DuckDBPyConnection, filters: dict[str, Any], aliases: set[str], sort: str,
                  limit: int, offset: int, raw_items: bool = False,
                  names: list[tuple[int, bool]] | None = None, flag: bool = True) -> dict[str, Any] | None:
    """``events`` as one statement over the stored keys (migration 7): the page's ids by a top-N over
    plain columns, "overdue" computed for the page only, the total a count beside it and the
    newest article day a subquery. None: the store predates the keys (``events`` answers it).

    Measured at 100,000 articles (62,000 events), CPU per call: the first page 6.4 -> 2.7 ms, a
    country pair with statuses 6.8 -> 4.6 ms, one country 6.6 -> 4.6 ms; the same ids, order and
    totals (``tests/api``).

    ``names``: the matches of an ``actor`` filter in the event name index (migration 13,
    ``store.events.event_names_matching``): the events are those the index lists under them, with
    their sort keys, so the filter tests the few thousand names instead of every event's, and an
    actor alone reads that index only (measured at 100,000 articles, 62,000 events, CPU per call
    for the first page of a name: 5.0 -> 2.2 ms for the statement; see ``store.read``)."""
    import duckdb

    way = " DESC" if sort.startswith("-") else ""
    order = f"{_EVENT_KEY_ORDER[sort.lstrip('-')]}{way}, event_id{way}"
    if names is not None:
        filters = {**filters, "actor": None}
    cond, params, _ = _event_filter(**filters, aliases=aliases, keyed=True)
    # ``flag``: the writers' "overdue" flag (migration 13, ``schema.OVERDUE_FLAGS_SQL``), a column the scan
    # tests, where the expression needed the newest article's day joined to every row (measured at 100,000
    # articles, 62,000 events, side by side with the code before: the overdue list by reports 6.6-7.1 ->
    # 3.9-4.1 ms of CPU per call); ``flag=False``: that expression (a store before the column)
    cond = cond.replace(_OVERDUE, "overdue" if flag else _OVERDUE_NOW)
    keys = "event_id, date_key, reported_key, n_reports, type, status"
    # the day joined only when the filter asks for it: a join keeps the filter out of the scan (0.3 ms)
    now = f", {_NOW}" if "now.day" in cond else ""
    if names is not None:
        if not names:       # no name holds it: nothing matches
            return _event_page([], 0, limit, offset, raw_items)
        # numbers from the store, written into the statement: a list of constants lets the scan skip the
        # row groups of other names (by their min/max; the index is kept in name order), a join does not
        anywhere = ", ".join(str(i) for i, how in names if how)
        as_actor = ", ".join(str(i) for i, how in names if not how)
        match = " OR ".join(([f"name_id IN ({anywhere})"] if anywhere else []) +
                            ([f"(actor AND name_id IN ({as_actor}))"] if as_actor else []))
        if cond == "TRUE":
            # the actor alone: its events with their sort keys from the name index, which lists an event
            # once per name: with one name its rows are the events; with more, the first (offset + limit)
            # x names rows in order hold the page (the rows of one event have the same keys, so they are
            # consecutive) and the count is of distinct events
            if len(names) == 1:
                found = f"(SELECT {keys} FROM event_names WHERE {match})"
            else:       # distinct over the id and the sort key only (0.3 ms less than over every key)
                key = _EVENT_KEY_ORDER[sort.lstrip('-')]
                found = (f"(SELECT DISTINCT event_id, k FROM (SELECT event_id, {key} AS k FROM event_names "
                         f"WHERE {match} ORDER BY k{way}, event_id{way} LIMIT {len(names) * (offset + limit)}))")
                order = f"k{way}, event_id{way}"
            kept = ""
            counted = f"SELECT count({'DISTINCT event_id' if len(names) > 1 else '*'}) FROM event_names WHERE {match}"
        else:
            kept = (f"found AS MATERIALIZED (SELECT {keys} FROM event_index{now} WHERE {cond} AND event_id IN "
                    f"(SELECT event_id FROM event_names WHERE {match})), ")
            found, counted = "found", "SELECT count(*) FROM found"
    elif cond == "TRUE":    # the whole index: its count is the table's
        found, kept, counted = "event_index", "", "SELECT count(*) FROM event_index"
    else:                   # the filter evaluated once: the matches' ids and sort keys, kept
        kept = f"found AS MATERIALIZED (SELECT {keys} FROM event_index{now} WHERE {cond}), "
        found, counted = "found", "SELECT count(*) FROM found"
    # the page joined to its summaries with its count and the newest article's day; "overdue" and the
    # page's order are computed here from the page's columns (an ORDER BY and the day joined to each row
    # cost 0.3 ms each at 100,000 articles, whatever the page)
    sql = (f"WITH {kept}page AS (SELECT event_id FROM {found} ORDER BY {order} LIMIT {limit} OFFSET {offset}) "
           f"SELECT e.event_id, {'e.overdue' if flag else 'e.open_plan'}, e.date_end, c.n, CAST(e.summary AS VARCHAR), "
           "c.day, "
           f"{_EVENT_KEY_ORDER[sort.lstrip('-')]} FROM page p JOIN event_index e USING (event_id), "
           f"(SELECT ({counted}) AS n, CAST(as_of AS VARCHAR) AS day FROM read_summary) c")
    try:
        got = con.execute(sql, params).fetchall()
    except duckdb.BinderException:
        return None
    got.sort(key=lambda r: (r[6], r[0]), reverse=bool(way))
    # as ``_OVERDUE``: an open plan whose date ended before the newest article's day (strings compared)
    rows = [(eid, bool(plan and (flag or (end is not None and day is not None and end < day))), n, summary)
            for eid, plan, end, n, summary, day, _ in got]
    if rows:
        total = int(rows[0][2])
    elif names is not None and kept:
        total = int(_one(con, f"WITH {kept.rstrip(', ')} SELECT count(*) FROM found", params)[0] or 0)
    elif names is not None:
        total = int(_one(con, counted, params)[0] or 0)
    else:
        total = int(_one(con, f"SELECT count(*) FROM event_index, {_NOW} WHERE {cond}", params)[0] or 0)
    return _event_page(rows, total, limit, offset, raw_items)


def _reports(con: duckdb.DuckDBPyConnection, event_id: str, origin: str,
             lc: dict[str, Any]) -> list[dict[str, Any]]:
    """The article events reporting an event, with their evidence offsets, in order of
    publication (then what they know: happened > cancelled > postponed > planned > possible)."""
    if origin == "link":
        keys = con.execute("SELECT article_id, local_id, path FROM event_mentions WHERE event_id = ?",
                           [event_id]).fetchall()
    else:
        ids = sorted({str(a.get("id")) for a in lc.get("articles") or []})
        paths = dict(lookup(con, "SELECT id, path FROM articles WHERE id IN ({keys})", ids))
        keys = [(a, loc, paths.get(a)) for a, loc, key in lookup(
            con, "SELECT article_id, local_id, coalesce(record_event_id, article_id || '.' || local_id) "
            "FROM article_events WHERE article_id IN ({keys})", ids) if key == event_id]
    if not keys:
        return []
    path_of = {(a, loc): p for a, loc, p in keys}
    ids = sorted({a for a, _, _ in keys})
    rows = [r for r in lookup(con, "SELECT article_id, local_id, status, evidence, evidence_start, evidence_end, "
                              "published FROM article_events WHERE article_id IN ({keys})", ids)
            if (r[0], r[1]) in path_of]
    reports = [{"article_id": a, "event": loc, "status": st, "text": text, "start": start, "end": end,
                "published": pub, "path": path_of[(a, loc)]} for a, loc, st, text, start, end, pub in rows]

    def order(r: dict[str, Any]) -> tuple[str, int, str, str]:
        d = published_day(r["published"])
        return (d.isoformat() if d else "9999", STATUS_PRIORITY.get(r["status"] or "", 0), r["path"] or "", r["event"])

    return sorted(reports, key=order)


def stages_of(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mark each history entry ``changed`` and give the runs of one status (``stages``)."""
    stages: list[dict[str, Any]] = []
    previous = None
    for h in history:
        status = h["status"]
        h["changed"] = status != previous
        if status != previous:
            stages.append({"status": status, "since": h["as_of"], "until": None, "articles": [h["article_id"]]})
            if len(stages) > 1:
                stages[-2]["until"] = h["as_of"]
        elif h["article_id"] not in stages[-1]["articles"]:
            stages[-1]["articles"].append(h["article_id"])
        previous = status
    return stages


def _detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    # the newest article's day with the event's row: one statement, not two; "overdue" the writers'
    # flag (migration 13; computed against that day by a store opened read-only before it)
    import duckdb

    try:
        row = _one(con, "SELECT origin, CAST(summary AS VARCHAR), overdue, (SELECT as_of FROM read_summary) "
                   "FROM event_index WHERE event_id = ?", [event_id])
    except duckdb.BinderException:
        row = _one(con, f"SELECT origin, CAST(summary AS VARCHAR), {_OVERDUE_NOW}, (SELECT as_of FROM read_summary) "
                   f"FROM event_index, {_NOW} WHERE event_id = ?", [event_id])
    if not row:
        return None
    origin, summary, late, as_of = row
    table = "corpus_events" if origin == "link" else "record_events"
    raw = _one(con, f"SELECT CAST(lifecycle AS VARCHAR) FROM {table} WHERE event_id = ?", [event_id])
    if not raw:
        return None
    lc = json.loads(raw[0])
    out = json.loads(summary)
    out["overdue"] = bool(late)
    reports = _reports(con, event_id, origin, lc)
    by_article: dict[str, list[dict[str, Any]]] = {}
    for r in reports:
        by_article.setdefault(r["article_id"], []).append(r)
    ids = sorted({str(h.get("article_id") or "") for h in lc.get("history") or []} |
                 {str(a.get("id") or "") for a in lc.get("articles") or []})
    headlines = dict(lookup(con, "SELECT id, headline FROM articles WHERE id IN ({keys})", ids))

    def evidence_of(h: dict[str, Any]) -> Any:
        for r in by_article.get(h.get("article_id") or "", []):
            if r["status"] == h.get("status") or r["text"] == h.get("evidence"):
                return {"text": r["text"], "start": r["start"], "end": r["end"]}
        return {"text": h.get("evidence"), "start": None, "end": None}

    history = [{"status": h.get("status"), "as_of": h.get("published"), "changed": False, "date": h.get("date"),
                "article_id": h.get("article_id"), "event": None, "outlet": h.get("source"),
                "headline": headlines.get(h.get("article_id") or ""), "reported_by": h.get("reported_by"),
                "evidence": evidence_of(h), "location": h.get("location"), "reprints": h.get("reprints") or []}
               for h in lc.get("history") or []]
    if reports:
        evidence = [{k: r[k] for k in ("article_id", "event", "status", "text", "start", "end")} for r in reports]
    else:
        evidence = [{"article_id": e.get("article_id"), "event": None, "status": None, "text": e.get("text"),
                     "start": None, "end": None} for e in lc.get("evidence") or []]
    articles = [{"id": a.get("id"), "path": a.get("path"), "source": a.get("source"),
                 "headline": headlines.get(a.get("id") or ""), "published": a.get("published"),
                 "duplicate_of": a.get("duplicate_of"), "kind": a.get("kind")} for a in lc.get("articles") or []]
    out.update({"status_history": history, "stages": stages_of(history), "evidence": evidence,
                "supporting_articles": articles, "conflicts": lc.get("conflicts") or [],
                "as_of": as_of.isoformat() if as_of else None, "status_since": lc.get("status_since"),
                "outlets": lc.get("outlets") or [], "plan_date": lc.get("plan_date"),
                "date_reported_by": lc.get("date_reported_by"),
                "location_reported_by": lc.get("location_reported_by"),
                "lifecycle_from": "link" if origin == "link" else "records"})
    return out


def event(db: Db, event_id: str) -> dict[str, Any] | None:
    """One event with ``status_history``, ``stages``, ``evidence``, ``supporting_articles`` and
    ``conflicts``; None when no report carries that id."""
    with reading(db) as con:
        return _detail(con, event_id)


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
    order = {"published": "published NULLS LAST, path, article_id", "-published": "published DESC NULLS LAST, "
             "path, article_id", "path": "path, article_id"}[_choice(sort, ARTICLE_SORTS, "sort")]
    lo, hi = _bounds(date_from, date_to)
    code = None
    if country:
        codes = parse_countries(country)
        if len(codes) != 1:
            raise UsageError(f"country takes one ISO 3166-1 alpha-3 code such as JPN, not {country!r}")
        code = codes[0]
    with reading(db) as con:
        try:
            return _articles(con, source, actor, code, event_id, lo, hi, order, limit, offset, keyed=True)
        except duckdb_errors():
            return _articles(con, source, actor, code, event_id, lo, hi, order, limit, offset, keyed=False)


def duckdb_errors() -> tuple[type[Exception], ...]:
    """What a query over a column or table a store lacks raises (a store opened read-only before its
    migration: the statements of before answer)."""
    import duckdb

    return (duckdb.BinderException, duckdb.CatalogException)


# an article's list item from ``article_facts`` alone (the columns of migration 11; the order of
# ``_article_summary``): a page of 50 looked up in ``articles`` by id cost 1.3 ms of CPU at 100,000 articles
_CARD = ("article_id, path, source, headline, lead, published, published_how, published_confidence, dateline_place, "
         "dateline_text, url, n_entities, n_events, n_quotes")


def _articles(con: duckdb.DuckDBPyConnection, source: str | None, actor: str | None, code: str | None,
              event_id: str | None, lo: date | None, hi: date | None, order: str, limit: int, offset: int,
              keyed: bool) -> dict[str, Any]:
    """``articles`` over ``article_facts``; ``keyed``: with the columns and name index of migrations 8 and 11
    (measured at 100,000 articles, CPU per call: an actor filter matching 2% of the articles
    14.1 -> 5.8 ms, 20-50% 10.5-14.6 -> 7.1-10.3 ms, a country and two years 9.4 -> 6.7 ms; the same
    ids, order and totals)."""
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if source:
        where.append("source_lc = ?")
        params.append(source.lower())
    if actor:
        where.append("contains(names_lc, ?)")
        params.append(actor.lower())
    if code and keyed:
        where.append("contains(countries_key, ?)")
        params.append(f"|{code}|")
    elif code:
        where.append("list_contains(countries, ?)")
        params.append(code)
    if event_id:
        # linked ids live in event_mentions; records of older stores carry them too
        where.append("(article_id IN (SELECT article_id FROM event_mentions WHERE event_id = ?) OR "
                     "article_id IN (SELECT article_id FROM article_events WHERE record_event_id = ?))")
        params += [event_id, event_id]
    if lo or hi:
        where.append("day" if keyed else "regexp_matches(published, '^\\d{4}-\\d{2}-\\d{2}$')")
    if lo:
        where.append("published >= ?")
        params.append(lo.isoformat())
    if hi:
        where.append("published <= ?")
        params.append(hi.isoformat())
    cond = " AND ".join(where)
    # filter and sort the narrow per-article table, then fetch the page by key
    if keyed and actor and len(where) == 2 and "\x01" not in actor:
        # the actor alone: its articles found, counted and sorted over the name index (a name holds
        # the needle; the needle cannot span two names of ``names_lc`` without their separator), then
        # their counts by key
        ids = [r[0] for r in con.execute("SELECT name_id FROM entity_names WHERE contains(name_lc, ?)",
                                         [actor.lower()]).fetchall()]
        if ids and len(ids) * (offset + limit) <= 250:
            # an article is in the list once per matching name: the first (offset + limit) x names rows
            # in order hold the page, without making the matches distinct first. Measured at 100,000
            # articles, CPU per call: a name in half the articles (3 names match) 13.6 -> 8.3 ms, in
            # 28% 10.6 -> 8.6; with 30 names matching the distinct matches first were cheaper (7.9 ms
            # against 9.4), hence the bound
            marks = ", ".join(str(int(i)) for i in ids)
            return _articles_of_names(con, marks, len(ids), order, limit, offset)
        else:
            found = con.execute(
                "WITH m AS MATERIALIZED (SELECT DISTINCT article_id, published, path FROM article_names WHERE "
                "name_id IN (SELECT name_id FROM entity_names WHERE contains(name_lc, ?))) "
                f"SELECT article_id, (SELECT count(*) FROM m) FROM m ORDER BY {order} LIMIT ? OFFSET ?",
                [actor.lower(), limit, offset]).fetchall()
        if found:
            total: tuple[Any, ...] = (found[0][1],)
        else:
            total = con.execute("SELECT count(DISTINCT article_id) FROM article_names WHERE name_id IN "
                                "(SELECT name_id FROM entity_names WHERE contains(name_lc, ?))",
                                [actor.lower()]).fetchone() or ()
        items = {r[0]: r for r in lookup(con, f"SELECT {_CARD} FROM article_facts WHERE article_id IN ({{keys}})",
                                         [r[0] for r in found])}
        return _paged([_article_summary(items[aid]) for aid, _ in found if aid in items],
                      int(total[0]) if total else 0, limit, offset)
    total = _one(con, f"SELECT count(*) FROM article_facts WHERE {cond}", params)
    if keyed and order.startswith("published"):
        # the list items from ``article_facts`` itself (migration 11), which the writer keeps in this
        # order (``store.read._keep_sorted``): the top-N reads the row groups of the page only. In
        # another order it would read every match's item: then the ids first, the items by key.
        page = con.execute(f"SELECT {_CARD} FROM article_facts WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?",
                           [*params, limit, offset]).fetchall()
        return _paged([_article_summary(r) for r in page], int(total[0]) if total else 0, limit, offset)
    if keyed:
        ids = [r[0] for r in con.execute(f"SELECT article_id FROM article_facts WHERE {cond} ORDER BY {order} "
                                         "LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()]
        items = {r[0]: r for r in lookup(con, f"SELECT {_CARD} FROM article_facts WHERE article_id IN ({{keys}})", ids)}
        return _paged([_article_summary(items[aid]) for aid in ids if aid in items], int(total[0]) if total else 0,
                      limit, offset)
    page = con.execute(f"SELECT article_id, n_entities, n_events, n_quotes FROM article_facts WHERE {cond} "
                       f"ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    rows = {r[0]: r for r in lookup(
        con, "SELECT id, path, source, headline, lead, published_date, published_how, published_confidence, "
        "dateline_place, dateline_text, url FROM articles WHERE id IN ({keys})", [r[0] for r in page])}
    return _paged([_article_summary((*rows[aid], *counts)) for aid, *counts in page if aid in rows],
                  int(total[0]) if total else 0, limit, offset)


def _articles_of_names(con: duckdb.DuckDBPyConnection, marks: str, n_names: int, order: str, limit: int,
                       offset: int) -> dict[str, Any]:
    """A page of the articles listed under the names ``marks`` (numbers of ``entity_names``) in the
    name index, ``order`` one of the ``articles`` orders. An article is in the index once per name:
    the first (offset + limit) x names rows in order hold the page, without making every match
    distinct first (the rows of one article have the same keys: consecutive). The count comes with
    them, of distinct article numbers when several names match (migration 13: integers hashed, not
    ids: 2.5 -> 2.1 ms of CPU at 100,000 articles for a needle matching three names in half the
    articles). Then the page's list items (``_page_cards``)."""
    import duckdb

    counted = f"count({'DISTINCT article_no' if n_names > 1 else '*'})"
    sql = (f"SELECT article_id, published, (SELECT {{counted}} FROM article_names WHERE name_id IN ({marks})), "
           f"(SELECT articles FROM read_summary) FROM article_names WHERE name_id IN ({marks}) ORDER BY {order} "
           f"LIMIT {n_names * (offset + limit)}")
    try:
        head = con.execute(sql.format(counted=counted)).fetchall()
    except duckdb.BinderException:      # a store before migration 13 (read-only): the ids counted
        counted = counted.replace("article_no", "article_id")
        head = con.execute(sql.format(counted=counted)).fetchall()
    page = list(dict.fromkeys((aid, pub) for aid, pub, _, _ in head))[offset:offset + limit]
    if head:
        total, n_articles = int(head[0][2] or 0), int(head[0][3] or 0)
    else:
        total, n_articles = int((con.execute(f"SELECT {counted} FROM article_names WHERE name_id IN ({marks})")
                                 .fetchone() or (0,))[0] or 0), 0
    return _paged(_page_cards(con, page, order, total, n_articles, offset + limit), total, limit, offset)


# the most rows of ``article_facts`` a page's items are read from by their publication dates: two row groups
SPAN_ROWS = 4096


def _page_cards(con: duckdb.DuckDBPyConnection, page: list[tuple[str, Any]], order: str, matched: int,
                n_articles: int, head: int) -> list[dict[str, Any]]:
    """The list items of ``page`` (article ids with their publication dates, in order). ``article_facts`` is
    kept in publication order (``store.read._keep_sorted``): when the page is in that order too and the
    matches are dense enough that its dates span about ``SPAN_ROWS`` articles (``head`` x articles /
    ``matched``), the items are read from the row groups of those dates only (a range, then the ids as
    one list), not looked up one by one by key. Measured at 100,000 articles, CPU for the 50 items of a
    name in 20-50% of the articles: 1.6 ms by key, 1.0 ms by range."""
    ids = [aid for aid, _ in page]
    if not ids:
        return []
    dates = [pub for _, pub in page]
    if (order.startswith("published") and None not in dates and matched
            and head * n_articles <= SPAN_ROWS * matched):
        rows = con.execute(f"SELECT {_CARD} FROM article_facts WHERE published BETWEEN ? AND ? AND "
                           "list_contains(?::VARCHAR[], article_id)", [min(dates), max(dates), ids]).fetchall()
    else:
        rows = list(lookup(con, f"SELECT {_CARD} FROM article_facts WHERE article_id IN ({{keys}})", ids))
    items = {r[0]: r for r in rows}
    return [_article_summary(items[aid]) for aid in ids if aid in items]


def article(db: Db, article_id: str) -> dict[str, Any] | None:
    """The full article record (OUTPUT.md), or None."""
    with reading(db) as con:
        row = con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
        return with_event_ids(con, [json.loads(row[0])])[0] if row else None


# ------------------------------------------------------------------ actors and quotes
def actors(db: Db, *, q: str | None = None, type: str | None = None, country: str | None = None,
           sort: str = "articles", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Named entities across articles by canonical name and type: how many articles and
    mentions, their countries and roles, and how many events name them as a side. Spellings
    of one person are one actor (``link.actors.build_actors``); ``q`` matches any of its names."""
    limit, offset = _page(limit, offset)
    _choice(sort, ACTOR_SORTS, "sort")
    types = parse_choices(type, ENTITY_TYPES, "entity type", upper=True)
    code = parse_countries(country)[0] if country else None
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if q:
        where.append("contains(names_lc, ?)")
        params.append(q.lower())
    if types:
        where.append("list_contains(?::VARCHAR[], type)")
        params.append(sorted(types))
    if code:
        where.append("list_contains(countries, ?)")
        params.append(code)
    cond = " AND ".join(where)
    order = "name_lc, type, name" if sort == "name" else f"{sort} DESC, name_lc, type, name"
    with reading(db) as con:
        if _has_actors(con):        # the linker's actors: one per referent, any alias matches ``q``
            found = load_actors(con, q=q, types=types, country=code)
            if sort == "name":
                found.sort(key=lambda a: (a["name"].lower(), a["type"]))
            else:
                found.sort(key=lambda a: (-a[sort], a["name"].lower(), a["type"]))
            return _paged(found[offset:offset + limit], len(found), limit, offset)
        total = _one(con, f"SELECT count(*) FROM actor_index WHERE {cond}", params)
        rows = con.execute("SELECT name, type, country, countries, roles, articles, mentions, events, aliases "
                           f"FROM actor_index WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?",
                           [*params, limit, offset]).fetchall()
    items = [{"name": name, "type": etype, "country": c, "countries": list(cs or []), "roles": list(roles or []),
              "articles": n_art, "mentions": n_men, "events": n_ev, "aliases": list(aliases or [])}
             for name, etype, c, cs, roles, n_art, n_men, n_ev, aliases in rows]
    return _paged(items, int(total[0]) if total else 0, limit, offset)


def quotes(db: Db, *, speaker: str | None = None, q: str | None = None, article_id: str | None = None,
           limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Quotes with their speaker and article; ``speaker`` and ``q`` match part of the name / text."""
    import duckdb

    limit, offset = _page(limit, offset)
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if speaker:
        where.append("contains(speaker_lc, ?)")
        params.append(speaker.lower())
    counted = ""
    if q:
        where.append("contains(text_lc, ?)")
        params.append(q.lower())
        # the count tests the needle's three-character sequences on the quotes' signatures first (migration
        # 13, ``store.read.text_grams``): a quote lacking one cannot hold it. In a CASE, so that DuckDB
        # cannot test ``contains`` first in the scan. Measured at 100,000 articles (62,500 quotes), CPU per
        # count: ``kato`` 4.9 -> 2.3 ms, ``rimo`` 5.5 -> 1.6. Not for the page: there the plain test goes
        # into the scan, where the top-N's running bound skips row groups (1.5 ms; 7 ms in a CASE)
        bits = [(c, w) for c, w in zip(GRAM_COLUMNS, text_grams(q.lower())) if w]
        if bits:
            test = " AND ".join(f"{c} & {w}::UBIGINT = {w}::UBIGINT" for c, w in bits)
            counted = " AND ".join(where[:-1] + [f"CASE WHEN {test} THEN contains(text_lc, ?) ELSE FALSE END"])
    if article_id:
        where.append("article_id = ?")
        params.append(article_id)
        if counted:
            counted += " AND article_id = ?"
    cond = " AND ".join(where)
    with reading(db) as con:
        try:
            total = _one(con, f"SELECT count(*) FROM article_quotes WHERE {counted or cond}", params)
        except duckdb.BinderException:      # a store before migration 13 (read-only): no signatures
            total = _one(con, f"SELECT count(*) FROM article_quotes WHERE {cond}", params)
        rows = con.execute("SELECT article_id, path, outlet, headline, published, speaker, speaker_entity, text, "
                           f"qstart, qend FROM article_quotes WHERE {cond} "
                           "ORDER BY published NULLS LAST, path, qstart, article_id, idx LIMIT ? OFFSET ?",
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
    cond, params, _ = _event_filter(countries=countries, type=type, status=status)
    with reading(db) as con:
        cells = _count_cells(con, basis, countries, type, status)
        if cells is None:   # a store without the cells (opened read-only before migration 6): from the events
            rows, undated, n_events = _counts_from_events(con, basis, cond, params, countries, type, status)
    if cells is not None:
        per, per_type, undated, n_events = cells
    else:
        per, per_type = {}, {}
        for month, st, etype, n in rows:
            if month is None:
                continue
            per.setdefault(month, {})[st] = per.setdefault(month, {}).get(st, 0) + n
            per_type.setdefault(month, {})[etype] = per_type.setdefault(month, {}).get(etype, 0) + n
    months = months_between(min(per), max(per)) if per else []
    out = [{"month": m, "total": sum(per.get(m, {}).values()), "by_status": dict(sorted(per.get(m, {}).items())),
            "by_type": dict(sorted(per_type.get(m, {}).items()))} for m in months]
    return {"countries": list(parse_countries(countries)), "type": type, "status": status, "basis": basis,
            "months": out, "undated": undated, "events": n_events}


def _count_cells(con: duckdb.DuckDBPyConnection, basis: str, countries: str | None, type: str | None,
                 status: str | None) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]], int, int] | None:
    """The counts by month and status, by month and type, the undated and the events, summed from
    the writer's cells (``event_counts``, one key per country filter): one statement over a few
    thousand cells instead of a GROUP BY over every event (measured at 100,000 articles: the
    event basis took 26 ms of CPU, the reported one 43 ms). None: the store has no cells."""
    import duckdb

    pair = parse_countries(countries)
    types = parse_choices(type, event_types(), "event type", upper=True)
    statuses = parse_choices(status, STATUSES, "status")
    # the key of every event is '': compared as ``key < chr(1)``, because DuckDB skips no row group
    # for an equality with the empty string (measured at 100,000 articles, 312,000 rows: 1.6 ms of
    # CPU to count the key's rows against 0.6 for any other key's or for this form)
    where = ["key = ?"] if pair else ["key < chr(1)"]
    params: list[Any] = [",".join(pair)] if pair else []
    if types:
        where.append("list_contains(?::VARCHAR[], type)")
        params.append(sorted(types))
    if statuses:
        where.append("list_contains(?::VARCHAR[], event_status)")
        params.append(sorted(statuses))
    cond = " AND ".join(where)
    want = "event" if basis == "event" else "reported"
    # the monthly marginals (by status, by type) in SQL: a few hundred rows, not every cell
    sql = (f"WITH c AS (SELECT basis, month, status, coalesce(type, '?') AS type, n FROM event_counts WHERE {cond}) "
           f"SELECT 's', month, status, sum(n) FROM c WHERE basis = '{want}' AND month IS NOT NULL GROUP BY ALL "
           f"UNION ALL SELECT 't', month, type, sum(n) FROM c WHERE basis = '{want}' AND month IS NOT NULL "
           "GROUP BY ALL UNION ALL SELECT basis, NULL, NULL, sum(n) FROM c WHERE basis = 'undated' OR "
           "(basis = 'event' AND month IS NULL) GROUP BY ALL "
           "UNION ALL SELECT 'all', NULL, NULL, sum(n) FROM c WHERE basis = 'event'")
    try:
        cells = None
        if not types and not statuses:     # the writer's sums (migration 9); a store before it: from the cells
            try:
                cells = con.execute(f"SELECT dim, month, k, n FROM count_margins WHERE {where[0]} AND want = ?",
                                    [*params[:1], want]).fetchall()
            except duckdb.CatalogException:
                cells = None
        if cells is None:
            cells = con.execute(sql, params).fetchall()
    except duckdb.CatalogException:
        return None
    per: dict[str, dict[str, int]] = {}
    per_type: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for dim, month, k, n in cells:
        if dim == "s":
            per.setdefault(month, {})[k] = int(n)
        elif dim == "t":
            per_type.setdefault(month, {})[k] = int(n)
        else:
            totals[dim] = int(n or 0)
    undated = totals.get("event" if basis == "event" else "undated", 0)
    return per, per_type, undated, totals.get("all", 0)


def _counts_from_events(con: duckdb.DuckDBPyConnection, basis: str, cond: str, params: list[Any],
                        countries: str | None, type: str | None,
                        status: str | None) -> tuple[list[tuple[Any, ...]], int, int]:
    n_events = int(_one(con, f"SELECT count(*) FROM event_index WHERE {cond}", params)[0] or 0)
    if basis == "event":
        rows = con.execute(f"SELECT event_month, status, coalesce(type, '?'), count(*) FROM event_index "
                           f"WHERE {cond} GROUP BY ALL", params).fetchall()
        undated = sum(n for month, _, _, n in rows if month is None)
    else:       # every dated report, from the per-event monthly counts the writer keeps
        mcond, mparams, _ = _event_filter(countries=countries, type=type, status=status, status_column="event_status")
        rows = con.execute(f"SELECT month, status, type, sum(n) FROM event_months WHERE {mcond} GROUP BY ALL",
                           mparams).fetchall()
        undated = int(_one(con, f"SELECT count(*) FROM event_index WHERE {cond} AND NOT dated_reports",
                           params)[0] or 0)
    return rows, undated, n_events


def stats(db: Db) -> dict[str, Any]:
    """What the store holds, for people: counts, date range, events by status and type, top pairs
    (computed by the writer, ``store/read.py``: they change only with a write)."""
    with reading(db) as con:
        as_of, first, last, n_articles, sources, reports, n_quotes, entities, fts, events = _one(
            con, "SELECT as_of, first_published, last_published, articles, sources, reports, quotes, entities, fts, "
            "CAST(events AS VARCHAR) FROM read_summary")
        n_rejections = _one(con, "SELECT count(*) FROM rejections")
        backend = _search.backend(con, bool(fts))
    ev = json.loads(events or "{}")
    return {
        "articles": int(n_articles or 0), "rejections": int(n_rejections[0]) if n_rejections else 0,
        "sources": int(sources or 0), "published": {"first": first, "last": last},
        "reports": int(reports or 0), "events": ev.get("events", 0), "linked_events": ev.get("linked_events", 0),
        "overdue": ev.get("overdue", 0), "quotes": int(n_quotes or 0), "entities": int(entities or 0),
        "by_status": ev.get("by_status", {}), "by_type": ev.get("by_type", {}),
        "country_pairs": ev.get("country_pairs", []),
        "as_of": as_of.isoformat() if as_of else None, "search": backend,
        "statuses": list(STATUSES), "types": list(event_types()),
    }
