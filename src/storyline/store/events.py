"""The store's side of linking: reports, corpus events with their lifecycles, duplicate groups.

Tables (migration 2, see ``schema.py``): ``event_mentions`` (one row per event of
an article, with its corpus ``event_id``), ``corpus_events`` (one row per corpus
event, its lifecycle as JSON), ``linked_articles`` (articles the linker has seen),
``article_signatures`` and ``article_bands`` (MinHash and LSH band keys of each
article's text) and ``duplicate_groups`` (article -> group, kind).

``save_links`` writes one linking run in one transaction. ``event_mentions`` is the one
place an article event's corpus ``event_id`` is kept: the stored article records are
written once, at ingest, and readers (``with_event_ids``: the export, the API) fill in
the ids, so linking never reads or rewrites whole records.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any
from collections.abc import Iterable, Iterator, Mapping

import numpy as np

from ..errors import StoreError, UsageError
from ..link import dates
from ..link.actors import EntityRow, fold_alias, published_span
from ..link.dedup import Signature
from ..link.lifecycle import with_overdue
from ..link.linker import LinkResult, LinkState
from ..link.mentions import ROW_COLUMNS, Mention
from .read import clear_event_index, save_event_index
from .sql import lookup

if TYPE_CHECKING:  # pragma: no cover
    from . import Store

EVENT_COLUMNS = ("event_id", "type", "mode", "source", "target", "status", "status_since", "happened", "date",
                 "location", "first_reported", "last_reported", "n_reports", "n_articles", "n_sources", "outlets",
                 "overdue", "overdue_days", "as_of", "conflicts", "history", "articles", "evidence")
# nested fields travel as JSON strings in flat exports (CSV, Parquet)
EVENT_NESTED = ("source", "target", "location", "outlets", "conflicts", "history", "articles", "evidence")

LINK_TABLES = ("event_mentions", "corpus_events", "linked_articles", "article_signatures", "article_bands",
               "duplicate_groups", "actors", "actor_aliases", "actor_resolutions")
_SELECT_MENTIONS = "SELECT " + ", ".join(f"m.{c}" for c in ROW_COLUMNS) + " FROM event_mentions m"


def _mentions(rows: list[tuple[Any, ...]]) -> list[Mention]:
    return [Mention.from_row(dict(zip(ROW_COLUMNS, r))) for r in rows]


def _arrow(store: "Store", name: str, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa

    store.con.register(name, pa.Table.from_pylist(rows))


# ---------------------------------------------------------------------- event ids of article records

def event_ids_of(con: Any, article_ids: list[str] | None = None) -> dict[tuple[str, str], str]:
    """(article id, event id in the article) -> corpus event id, for ``article_ids`` (None: every
    article); empty for a store that predates linking."""
    import duckdb

    sql = "SELECT article_id, local_id, event_id FROM event_mentions"
    try:    # asked, not looked up in the catalog first (0.7 ms of CPU at 100,000 articles, each article page)
        rows = (con.execute(sql).fetchall() if article_ids is None else
                list(lookup(con, sql + " WHERE article_id IN ({keys})", article_ids)))
    except duckdb.CatalogException:
        return {}
    return {(a, e): eid for a, e, eid in rows}


def with_event_ids(con: Any, records: list[dict[str, Any]],
                   ids: Mapping[tuple[str, str], str] | None = None) -> list[dict[str, Any]]:
    """Set the ``event_id`` of every linked event of ``records`` (stored article records) from
    ``event_mentions`` (or the given ``ids``, see ``event_ids_of``); an event not linked keeps
    the record's own value (None as ingested; a store from before this rule kept ids there)."""
    if ids is None:
        ids = event_ids_of(con, sorted({str(r.get("id") or "") for r in records}))
    for rec in records:
        aid = str(rec.get("id") or "")
        for i, ev in enumerate(rec.get("events") or []):
            if isinstance(ev, dict) and ev.get("type"):
                eid = ids.get((aid, str(ev.get("id") or f"#{i}")))
                if eid:
                    ev["event_id"] = eid
    return records


# ---------------------------------------------------------------------- reports

def load_mentions_of_articles(store: "Store", article_ids: Iterable[str]) -> list[Mention]:
    ids = sorted(set(article_ids))
    if not ids:
        return []
    rows = store.con.execute(f"{_SELECT_MENTIONS} WHERE m.article_id IN (SELECT unnest(?))", [ids]).fetchall()
    return _mentions(rows)


def load_link_state(store: "Store", probes: Iterable[Mention], window_days: int) -> LinkState:
    """The linked reports that linking ``probes`` needs: in each block they touch, every report of
    each event reported since (earliest probe - window) or without a date, every event sharing the
    evidence sentence of an undated one, every event naming the people of an undated one dated to a
    month of an unknown year, and the old reports of the probes' articles."""
    since: dict[str, dt.date | None] = {}
    undated_keys: set[tuple[str, str]] = set()
    undated_people: set[tuple[str, str]] = set()      # a month of an unknown year: the events of its people
    articles: set[str] = set()
    for m in probes:
        articles.add(m.article_id)
        if m.published is None:
            since.setdefault(m.block, None)
            if m.evidence_key:
                undated_keys.add((m.block, m.evidence_key))
            if m.partial_month:
                undated_people.update((m.block, p.split()[-1]) for _, p in m.persons if p)
        else:
            start = m.published - dt.timedelta(days=window_days)
            cur = since.get(m.block)
            since[m.block] = start if cur is None else min(cur, start)
    if not since:
        return LinkState([])
    blocks = sorted(since)
    kb = sorted(undated_keys)
    kp = sorted(undated_people)
    sql = f"""
        WITH need AS (SELECT unnest(?::VARCHAR[]) AS block, unnest(?::DATE[]) AS since),
        keyed AS (SELECT unnest(?::VARCHAR[]) AS block, unnest(?::VARCHAR[]) AS ekey),
        people AS (SELECT unnest(?::VARCHAR[]) AS block, unnest(?::VARCHAR[]) AS word),
        hit AS (
            SELECT x.event_id FROM event_mentions x JOIN need n ON x.block = n.block
              AND (x.published IS NULL OR x.published >= n.since)
            UNION SELECT x.event_id FROM event_mentions x JOIN keyed k ON x.block = k.block AND x.evidence_key = k.ekey
            UNION SELECT y.event_id FROM event_mentions x JOIN event_mentions y
              ON x.block = y.block AND x.evidence_key = y.evidence_key
              WHERE x.published IS NULL AND x.block IN (SELECT block FROM need)
            UNION SELECT x.event_id FROM event_mentions x WHERE x.article_id IN (SELECT unnest(?::VARCHAR[]))
            UNION SELECT x.event_id FROM event_mentions x JOIN people q ON x.block = q.block
              AND contains(x.persons, q.word)
        )
        {_SELECT_MENTIONS} WHERE m.event_id IN (SELECT event_id FROM hit)"""
    rows = store.con.execute(sql, [blocks, [since[b] for b in blocks], [b for b, _ in kb], [k for _, k in kb],
                                   [b for b, _ in kp], [w for _, w in kp], sorted(articles)]).fetchall()
    return LinkState(_mentions(rows))


def load_event_members(store: "Store", event_ids: Iterable[str]) -> dict[str, list[Mention]]:
    ids = sorted(set(event_ids))
    out: dict[str, list[Mention]] = {}
    if not ids:
        return out
    rows = store.con.execute(f"{_SELECT_MENTIONS} WHERE m.event_id IN (SELECT unnest(?)) ORDER BY m.sort_key",
                             [ids]).fetchall()
    for m in _mentions(rows):
        out.setdefault(m.event_id or "", []).append(m)
    return out


def event_ids_of_articles(store: "Store", article_ids: Iterable[str]) -> set[str]:
    ids = sorted(set(article_ids))
    if not ids:
        return set()
    rows = store.con.execute("SELECT DISTINCT event_id FROM event_mentions WHERE article_id IN (SELECT unnest(?))",
                             [ids]).fetchall()
    return {r[0] for r in rows}


# ---------------------------------------------------------------------- duplicates

def load_duplicate_candidates(store: "Store", sigs: Iterable[Signature]
                              ) -> tuple[list[Signature], dict[str, tuple[str, str]]]:
    """Stored signatures of articles sharing an LSH band with ``sigs`` and of the earliest member
    (the group id) of each of their duplicate groups, with those groups (every member, so that a
    merge renames them all). Other members' signatures are not needed -- they share no band with
    ``sigs``, and a group's earliest member decides its order -- so a large group costs a row per
    member, not a signature."""
    sigs = list(sigs)
    own = sorted({s.article_id for s in sigs})
    keys = sorted({k for s in sigs for k in s.bands})
    if not keys:
        return [], {}
    rows = store.con.execute(
        "SELECT DISTINCT article_id FROM article_bands WHERE band_key IN (SELECT unnest(?::BIGINT[])) "
        "AND article_id NOT IN (SELECT unnest(?::VARCHAR[]))", [keys, own]).fetchall()
    cands = {r[0] for r in rows}
    groups = load_duplicate_groups(store, cands, whole_groups=True)
    ids = sorted((cands | {g for g, _ in groups.values()}) - set(own))
    return load_signatures(store, ids), {k: v for k, v in groups.items() if k not in own}


def load_signatures(store: "Store", article_ids: Iterable[str]) -> list[Signature]:
    ids = sorted(set(article_ids))
    if not ids:
        return []
    rows = lookup(store.con, "SELECT article_id, published, n_shingles, minhash, lead_minhash FROM article_signatures "
                  "WHERE article_id IN ({keys})", ids)
    return [Signature(a, p, n, _array(h), _array(lead)) for a, p, n, h, lead in rows]


def _array(blob: bytes) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype=np.uint32).copy()


def load_duplicate_groups(store: "Store", article_ids: Iterable[str], whole_groups: bool = False
                          ) -> dict[str, tuple[str, str]]:
    """article id -> (group id, kind) for those of ``article_ids`` in a group (and, with
    ``whole_groups``, for every other member of their groups)."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    sql = "SELECT article_id, group_id, kind FROM duplicate_groups WHERE article_id IN (SELECT unnest(?))"
    if whole_groups:
        sql = ("SELECT article_id, group_id, kind FROM duplicate_groups WHERE group_id IN "
               "(SELECT group_id FROM duplicate_groups WHERE article_id IN (SELECT unnest(?)))")
    return {a: (g, k) for a, g, k in store.con.execute(sql, [ids]).fetchall()}


# ---------------------------------------------------------------------- writing

def save_links(store: "Store", result: LinkResult, lifecycles: Mapping[str, dict[str, Any]], *,
               linked_articles: Iterable[str] = (), signatures: Iterable[Signature] = (),
               duplicates: Mapping[str, tuple[str, str]] | None = None) -> None:
    """Write one linking run in one transaction: the decided reports, the touched corpus events'
    lifecycles (dropped events removed), the articles seen, their signatures and duplicate
    groups."""
    con = store.con
    mention_rows = [m.to_row() for m in result.mentions]
    keys = sorted({m.key for m in result.mentions} | {m.key for m in result.removed})
    event_rows = [_event_row(eid, lc) for eid, lc in sorted(lifecycles.items())]
    sig_rows = [{"article_id": s.article_id, "published": s.published, "n_shingles": s.n_shingles,
                 "minhash": np.ascontiguousarray(s.hashvalues, dtype=np.uint32).tobytes(),
                 "lead_minhash": np.ascontiguousarray(s.lead, dtype=np.uint32).tobytes()}
                for s in signatures]
    band_rows = [{"band_key": k, "article_id": s.article_id} for s in signatures for k in s.bands]
    dup_rows = [{"article_id": a, "group_id": g, "kind": k} for a, (g, k) in sorted((duplicates or {}).items())]
    drop = sorted(result.dropped | set(lifecycles))
    try:
        with store.transaction(f"saving the links of {len(result.mentions)} event reports"):
            if keys:
                _arrow(store, "_sl_keys", [{"article_id": a, "local_id": e} for a, e in keys])
                con.execute("DELETE FROM event_mentions WHERE (article_id, local_id) IN "
                            "(SELECT (article_id, local_id) FROM _sl_keys)")
            if mention_rows:
                _arrow(store, "_sl_mentions", mention_rows)
                cols = ", ".join(ROW_COLUMNS)
                con.execute(f"INSERT INTO event_mentions ({cols}) SELECT {cols} FROM _sl_mentions")
            if drop:
                con.execute("DELETE FROM corpus_events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [drop])
            if event_rows:
                _arrow(store, "_sl_events", event_rows)
                con.execute(f"INSERT INTO corpus_events ({', '.join(event_rows[0])}) "
                            f"SELECT {', '.join(event_rows[0])} FROM _sl_events")
            save_event_index(con, lifecycles, result.dropped)
            seen = sorted(set(linked_articles) | result.articles)
            if seen:
                con.execute("DELETE FROM linked_articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [seen])
                con.execute("INSERT INTO linked_articles (article_id) SELECT unnest(?::VARCHAR[])", [seen])
            if sig_rows:
                ids = [r["article_id"] for r in sig_rows]
                con.execute("DELETE FROM article_signatures WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
                con.execute("DELETE FROM article_bands WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
                _arrow(store, "_sl_sigs", sig_rows)
                con.execute("INSERT INTO article_signatures SELECT article_id, published, n_shingles, minhash, "
                            "lead_minhash FROM _sl_sigs")
                if band_rows:
                    _arrow(store, "_sl_bands", band_rows)
                    con.execute("INSERT INTO article_bands SELECT band_key, article_id FROM _sl_bands")
            if dup_rows:
                con.execute("DELETE FROM duplicate_groups WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                            [[r["article_id"] for r in dup_rows]])
                _arrow(store, "_sl_dups", dup_rows)
                con.execute("INSERT INTO duplicate_groups SELECT article_id, group_id, kind FROM _sl_dups")
        store.mark_written(result.articles)
    finally:
        for name in ("_sl_keys", "_sl_mentions", "_sl_events", "_sl_sigs", "_sl_bands", "_sl_dups"):
            try:
                con.unregister(name)
            except Exception:
                pass


def forget_links(store: "Store") -> None:
    """Empty every linking table (the article records keep their event ids until relinked)."""
    with store.transaction("clearing the links") as con:
        for table in LINK_TABLES:
            con.execute(f"DELETE FROM {table}")
        clear_event_index(con)
    store.mark_written()


def _event_row(event_id: str, lc: dict[str, Any]) -> dict[str, Any]:
    iv = dates.interval(lc.get("date"))
    loc = lc.get("location") or {}
    return {"event_id": event_id, "type": lc.get("type"), "mode": lc.get("mode"),
            "source_country": (lc.get("source") or {}).get("country"),
            "target_country": (lc.get("target") or {}).get("country"), "status": lc.get("status"),
            "happened": bool(lc.get("happened")), "date": lc.get("date"), "date_start": iv[0] if iv else None,
            "date_end": iv[1] if iv else None, "location_country": loc.get("country"),
            "location_name": loc.get("name"), "first_reported": dates.day(lc.get("first_reported")),
            "last_reported": dates.day(lc.get("last_reported")), "n_reports": lc.get("n_reports"),
            "n_articles": lc.get("n_articles"), "n_sources": lc.get("n_sources"),
            "n_conflicts": len(lc.get("conflicts") or []), "lifecycle": json.dumps(lc, ensure_ascii=False)}


# ---------------------------------------------------------------------- reading

def pending_article_ids(store: "Store") -> list[str]:
    """Stored articles the linker has not seen, oldest first."""
    rows = store.con.execute("SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM linked_articles) "
                             "ORDER BY published_date NULLS LAST, id").fetchall()
    return [r[0] for r in rows]


def load_link_records(store: "Store", article_ids: Iterable[str]) -> list[dict[str, Any]]:
    """What linking reads of stored articles, in the order of ``article_ids``: the record fields
    ``mentions_of`` and ``sign_records`` use (id, path, source, published date, text, entities,
    events), not whole records (a third of the memory; timexes, quotes and the rest stay)."""
    ids = list(article_ids)
    sql = ("SELECT id, path, source, published_date, text, CAST(record->'entities' AS VARCHAR), "
           "CAST(record->'events' AS VARCHAR) FROM articles WHERE id IN ({keys})")
    by_id = {a: {"id": a, "path": path, "source": source, "published": {"date": date}, "text": text,
                 "entities": json.loads(ents or "[]"), "events": json.loads(evs or "[]")}
             for a, path, source, date, text, ents, evs in lookup(store.con, sql, ids)}
    return [by_id[a] for a in ids if a in by_id]


def corpus_as_of(store: "Store") -> dt.date | None:
    """The newest publication date in the store: what "overdue" is measured against by default."""
    row = store.con.execute("SELECT max(TRY_CAST(published_date AS DATE)) FROM articles").fetchone()
    return row[0] if row and row[0] else None


def load_corpus_events(store: "Store", event_ids: Iterable[str] | None = None, *, as_of: dt.date | str | None = None,
                       status: str | None = None, overdue_only: bool = False,
                       limit: int | None = None) -> list[dict[str, Any]]:
    """Corpus events with their lifecycles (``with_overdue`` as of ``as_of``: a date, "today", or
    None for the newest article in the store), in order of first report."""
    return list(_iter_events(store, event_ids, as_of=as_of, status=status, overdue_only=overdue_only, limit=limit))


def event_export_rows(store: "Store", as_of: dt.date | str | None = None) -> Iterator[dict[str, Any]]:
    """One JSON-ready object per corpus event (``storyline export --what events``)."""
    for lc in _iter_events(store, None, as_of=as_of):
        yield {k: lc.get(k) for k in EVENT_COLUMNS} | {k: v for k, v in lc.items() if k not in EVENT_COLUMNS}


def _iter_events(store: "Store", event_ids: Iterable[str] | None, *, as_of: dt.date | str | None = None,
                 status: str | None = None, overdue_only: bool = False,
                 limit: int | None = None) -> Iterator[dict[str, Any]]:
    if not store.con.execute("SELECT count(*) FROM schema_version WHERE version = 2").fetchone()[0]:
        raise StoreError(f"the database {store.path} predates linking (schema {store.schema_version()}); open it "
                         f"for writing once, e.g. `storyline ingest PATH --db {store.path}`, to migrate and link it")
    if isinstance(as_of, str) and as_of != "today" and dates.day(as_of) is None:
        raise UsageError(f"as_of {as_of!r} is not a date; give YYYY-MM-DD or 'today'")
    when = dt.date.today() if as_of == "today" else dates.day(as_of) if isinstance(as_of, str) else as_of
    if when is None:
        when = corpus_as_of(store)
    where: list[str] = []
    params: list[Any] = []
    if event_ids is not None:
        where.append("event_id IN (SELECT unnest(?::VARCHAR[]))")
        params.append(sorted(set(event_ids)))
    if status:
        where.append("status = ?")
        params.append(status)
    sql = "SELECT lifecycle FROM corpus_events" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY first_reported NULLS LAST, event_id"
    cur = store.con.execute(sql, params)
    n = 0
    while True:
        rows = cur.fetchmany(500)
        if not rows:
            return
        for (raw,) in rows:
            lc = with_overdue(json.loads(raw), when)
            if overdue_only and not lc["overdue"]:
                continue
            yield lc
            n += 1
            if limit is not None and n >= limit:
                return


# ---------------------------------------------------------------------- actors across the corpus

ACTOR_TABLES = ("actors", "actor_aliases", "actor_resolutions")


def load_entity_rows(store: "Store") -> list[Any]:
    """Every entity of every stored article, as ``storyline.link.actors.EntityRow``s."""
    sql = ("SELECT * FROM (SELECT id, TRY_CAST(published_date AS DATE) AS day, (e->>'name') AS name, "
           "(e->>'type') AS type, (e->>'country') AS country, (e->>'role') AS role, "
           "coalesce(json_array_length(e->'mentions'), 1) AS n, published_date "
           "FROM (SELECT id, published_date, unnest(CAST(record->'entities' AS JSON[])) AS e FROM articles)) "
           "WHERE name IS NOT NULL AND type IS NOT NULL")
    spans: dict[str, Any] = {}      # a partial date's span, once per distinct value
    out = []
    for a, d, n, t, c, r, m, value in store.con.execute(sql).fetchall():
        span = None
        if d is None and value:
            span = spans[value] if value in spans else spans.setdefault(value, published_span(value))
        out.append(EntityRow(a, n, t, d, c, r, int(m or 1), span))
    return out


def event_sides(store: "Store") -> list[tuple[str, str | None, str | None, str]]:
    """(article id, source name, target name, event id) of every linked report."""
    return store.con.execute("SELECT article_id, source_name, target_name, event_id FROM event_mentions").fetchall()


def save_actors(store: "Store", table: Any) -> None:
    """Replace the actor tables with ``table`` (a ``storyline.link.actors.ActorTable``), in one transaction."""
    actor_rows = [a.to_row() for a in table.actors.values()]
    alias_rows = [{"alias": n, "type": t, "alias_key": fold_alias(n), "actor_id": a}
                  for (n, t), a in sorted(table.aliases.items())]
    res_rows = [{"article_id": aid, "alias": n, "type": t, "actor_id": a}
                for (aid, n, t), a in sorted(table.resolutions.items())]
    con = store.con
    try:
        with store.transaction(f"saving {len(actor_rows)} actors"):
            for name in ACTOR_TABLES:
                con.execute(f"DELETE FROM {name}")
            for name, rows in (("actors", actor_rows), ("actor_aliases", alias_rows),
                               ("actor_resolutions", res_rows)):
                if rows:
                    _arrow(store, "_sl_actor_rows", rows)
                    cols = ", ".join(rows[0])
                    con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _sl_actor_rows")
                    con.unregister("_sl_actor_rows")
    finally:
        try:
            con.unregister("_sl_actor_rows")
        except Exception:
            pass


def has_actors(con: Any) -> bool:
    """Whether the store ``con`` reads has actor tables with rows (written by the linker)."""
    row = con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                      "AND table_name = 'actors'").fetchone()
    if not row or not row[0]:
        return False
    return bool(con.execute("SELECT count(*) FROM actors").fetchone()[0])


def load_actors(con: Any, *, q: str | None = None, types: Iterable[str] = (),
                country: str | None = None) -> list[dict[str, Any]]:
    """Actors of the store, filtered: ``q`` matches part of any alias (accents and case ignored)."""
    where = ["TRUE"]
    params: list[Any] = []
    if q:
        where.append("actor_id IN (SELECT actor_id FROM actor_aliases WHERE alias_key LIKE ? ESCAPE '\\')")
        params.append("%" + fold_alias(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    types = sorted(set(types))
    if types:
        where.append("type IN (SELECT unnest(?::VARCHAR[]))")
        params.append(types)
    if country:
        where.append("(country = ? OR list_contains(countries, ?))")
        params += [country, country]
    rows = con.execute("SELECT actor_id, name, type, country, countries, aliases, CAST(roles AS VARCHAR), n_articles, "
                       f"n_mentions, n_events, part_of FROM actors WHERE {' AND '.join(where)}", params).fetchall()
    out = []
    for a, n, t, c, cs, al, r, na, nm, ne, part_of in rows:
        history = json.loads(r or "[]")
        out.append({"actor_id": a, "name": n, "type": t, "country": c, "countries": list(cs or []),
                    "roles": sorted({h["role"] for h in history if h.get("source") == "text" and h.get("role")}),
                    "role_history": history, "articles": na, "mentions": nm, "events": ne,
                    "aliases": list(al or []), "part_of": part_of})
    return out


def actor_names_matching(con: Any, needle: str) -> set[str]:
    """Every written form of every actor one of whose forms contains ``needle`` (case and accents
    ignored): what an ``actor`` filter matches. Empty when the store has no actor tables."""
    if not needle or not has_actors(con):
        return set()
    like = "%" + fold_alias(needle).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = con.execute("SELECT DISTINCT b.alias FROM actor_aliases a JOIN actor_aliases b ON a.actor_id = b.actor_id "
                       "WHERE a.alias_key LIKE ? ESCAPE '\\' UNION SELECT DISTINCT r.alias FROM actor_aliases a "
                       "JOIN actor_resolutions r ON a.actor_id = r.actor_id WHERE a.alias_key LIKE ? ESCAPE '\\' "
                       "UNION SELECT name FROM actors WHERE actor_id IN (SELECT actor_id FROM actor_aliases "
                       "WHERE alias_key LIKE ? ESCAPE '\\')", [like, like, like]).fetchall()
    return {r[0] for r in rows}


def event_names_matching(con: Any, needle: str) -> list[tuple[int, bool]] | None:
    """The names of the event name index (migration 13, ``event_name_ids``) an ``actor`` filter of
    the events list matches, as (number, how): True for a name (or country code) that holds
    ``needle`` in lower case -- what ``contains(actors_lc, ?)`` matched -- and False for an actor
    name that is only a written form of a linker's actor one of whose forms holds it (what
    ``actor_names_matching`` adds when the store has the linker's actors: those match as actors, not
    as countries). One statement when the store has no linker's actors (whether it has them comes
    with the names: 0.25 ms of CPU a statement at 100,000 articles), two when it has. None: the store
    has no such index (opened read-only before its migration)."""
    import duckdb

    lc = needle.lower()
    try:
        rows = con.execute("SELECT NULL, (SELECT count(*) > 0 FROM actors) UNION ALL "
                           "SELECT name_id, TRUE FROM event_name_ids WHERE contains(name_lc, ?)", [lc]).fetchall()
        if any(i is None and has for i, has in rows):
            like = "%" + fold_alias(needle).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = con.execute(
                "WITH hit AS (SELECT DISTINCT actor_id FROM actor_aliases WHERE alias_key LIKE ? ESCAPE '\\'), "
                "forms AS (SELECT alias AS f FROM actor_aliases WHERE actor_id IN (SELECT actor_id FROM hit) "
                "UNION SELECT alias FROM actor_resolutions WHERE actor_id IN (SELECT actor_id FROM hit) "
                "UNION SELECT name FROM actors WHERE actor_id IN (SELECT actor_id FROM hit)) "
                "SELECT name_id, contains(name_lc, ?) FROM event_name_ids WHERE contains(name_lc, ?) "
                "OR name IN (SELECT f FROM forms) ORDER BY name_id", [like, lc, lc]).fetchall()
    except duckdb.CatalogException:
        return None
    return sorted((int(i), bool(c)) for i, c in rows if i is not None)
