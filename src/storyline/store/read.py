"""The read model: the tables the API, the CLI and the page query, kept by the writers.

Reading used to load every event of the store into one process-global Python cache and
filter, sort and page it there (and search kept a copy of every text in memory): at 1,203
articles and 50 clients the API's p99 was 1.5-2.1 s and its memory grew with the store.
Now every read is one or two SQL statements over tables written here (migration 3):

- with each article record (``write_articles``, inside the batch's transaction): one row per
  event (``article_events``: its evidence offsets), entity and quote, and ``article_facts``
  (counts, and the lower-cased names and the countries the article filters match);
- with each linking run (``save_event_index``, inside ``save_links``' transaction): one
  ``event_index`` row per touched corpus event, its list-view item as JSON plus the columns
  that filter and sort it; "overdue" is the one value computed at read time (it moves with
  the store's newest article, ``read_summary.as_of``);
- after the writes, when the store is closed (``refresh``): article events the linker has
  not linked (a store ingested with ``link=False``, or records from before linking that carry
  their own ``event_id``) get a lifecycle from the linker's own builder
  (``link.lifecycle.build_lifecycle``: one lifecycle builder, not two); the actor index is
  rebuilt (spellings of one person merged, as before); the totals; and the FTS index.

Migration 13 adds what the filters over every row read instead, each kept with the rows it
indexes: the names of each event's sides (``event_names``, ``event_name_ids``: an ``actor``
filter of the events list tests the few thousand names, not every event), a number per article in
the articles' name index (``article_names.article_no``: the count of several names' articles hashes
integers), a 512-bit signature of each quote's three-character sequences (``text_grams``: the
quotes' text count tests the needle's bits first) and the "overdue" flag (``event_index.overdue``,
set again with the newest article's day).
"""
from __future__ import annotations

import functools
import json
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..link.actors import build_actors
from ..link.lifecycle import build_lifecycle
from ..link.mentions import mentions_of
from ..link.rules import OPEN_PLAN_STATUSES     # the linker's: an open plan can become overdue
from ..time.values import interval
from .schema import ARTICLE_CARD, COUNT_MARGINS_SQL, EVENT_COUNTS_SQL, OVERDUE_FLAGS_SQL
from .sql import lookup

if TYPE_CHECKING:  # pragma: no cover
    from . import Store

log = logging.getLogger(__name__)

READ_TABLES = ("article_events", "article_entities", "article_quotes", "article_facts")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FULL_DAY = r"^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$"             # a publication date that is a day


# ---------------------------------------------------------------------- per article, with the record
GRAM_COLUMNS = tuple(f"grams{i}" for i in range(8))      # migration 13: 512 bits per quote
UNSIGNED = (1 << 64) - 1            # every bit: the signature of a quote written before migration 13


def text_grams(text: str) -> list[int]:
    """The three-character sequences of ``text`` as a 512-bit signature (eight 64-bit words; each sequence
    sets the bit its CRC-32 picks): the text search of the quotes (``api.queries.quotes``) tests the
    needle's bits before its ``contains``, and a text lacking one of them cannot contain it (exact: a
    prefilter, then the test as before). A quote of ~95 characters (~70 distinct sequences) sets about
    an eighth of the bits, so a needle of four characters passes a few percent of the quotes."""
    words = [0] * len(GRAM_COLUMNS)
    for gram in {text[i:i + 3] for i in range(len(text) - 2)}:
        h = zlib.crc32(gram.encode("utf-8", "surrogatepass")) % (64 * len(GRAM_COLUMNS))
        words[h >> 6] |= 1 << (h & 63)
    return words


def _lower_join(values: Iterable[Any]) -> str:
    return "\x01".join(str(v).lower() for v in values if v)


def article_rows(recs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The read-model rows of article records, by table."""
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in READ_TABLES}
    for rec in recs:
        aid = str(rec["id"])
        published = (rec.get("published") or {}).get("date")
        entities = [e for e in rec.get("entities") or [] if isinstance(e, dict)]
        events = rec.get("events") or []
        quotes = [q for q in rec.get("quotes") or [] if isinstance(q, dict)]
        countries: set[str] = {e["country"] for e in entities if isinstance(e.get("country"), str)}
        for i, ev in enumerate(events):
            if not isinstance(ev, dict):
                continue
            for side in ("source", "target"):
                c = (ev.get(side) or {}).get("country") if isinstance(ev.get(side), dict) else None
                if isinstance(c, str):
                    countries.add(c)
            evidence: dict[str, Any] = ev["evidence"] if isinstance(ev.get("evidence"), dict) else {}
            out["article_events"].append({
                "article_id": aid, "local_id": str(ev.get("id") or f"#{i}"), "idx": i,
                "record_event_id": ev.get("event_id"), "type": ev.get("type"), "status": ev.get("status"),
                "published": published, "evidence": evidence.get("text"), "evidence_start": evidence.get("start"),
                "evidence_end": evidence.get("end")})
        for i, e in enumerate(entities):
            out["article_entities"].append({
                "article_id": aid, "idx": i, "name": e.get("name"), "type": e.get("type"),
                "country": e.get("country"), "role": e.get("role"), "mentions": len(e.get("mentions") or [])})
        for i, q in enumerate(quotes):
            start = q.get("start")
            out["article_quotes"].append({
                "article_id": aid, "idx": i, "path": rec.get("path"), "outlet": rec.get("source"),
                "headline": rec.get("headline"), "published": published, "speaker": q.get("speaker"),
                "speaker_lc": (q.get("speaker") or "").lower(), "speaker_entity": q.get("speaker_entity"),
                "text": q.get("text"), "text_lc": (q.get("text") or "").lower(),
                **dict(zip(GRAM_COLUMNS, text_grams((q.get("text") or "").lower()))),
                "qstart": int(start) if isinstance(start, (int, str)) and str(start).lstrip("-").isdigit() else None,
                "qend": q.get("end") if isinstance(q.get("end"), int) else None})
        out["article_facts"].append({
            "article_id": aid, "n_entities": len(rec.get("entities") or []), "n_events": len(events),
            "n_quotes": len(rec.get("quotes") or []), "names_lc": _lower_join(e.get("name") for e in entities),
            "countries": sorted(countries), "path": rec.get("path"),
            "source_lc": rec["source"].lower() if isinstance(rec.get("source"), str) else None,
            "published": published,
            # migration 8 (``schema.ARTICLE_KEYS_SQL``: the same for older rows; RE2's ``\d`` is ASCII)
            "countries_key": "|" + "|".join(sorted(countries)) + "|",
            "day": bool(isinstance(published, str) and _DAY.fullmatch(published)),
            # migration 11: the list item's columns, as ``Store.write_batch`` writes them to ``articles``
            **card_of(rec)})
    return out


def card_of(rec: dict[str, Any]) -> dict[str, Any]:
    """The ``ARTICLE_CARD`` columns of a record: its ``articles`` row's (``Store._row``)."""
    dl, pub = rec.get("dateline") or {}, rec.get("published") or {}
    return {"source": rec.get("source"), "headline": rec.get("headline"), "lead": rec.get("lead"),
            "published_how": pub.get("how"), "published_confidence": pub.get("confidence"),
            "dateline_place": dl.get("place"), "dateline_text": dl.get("text"), "url": rec.get("url")}


_TYPES = {
    "article_events": {"idx": "int32", "evidence_start": "int32", "evidence_end": "int32"},
    "article_entities": {"idx": "int32", "mentions": "int32"},
    "article_quotes": {"idx": "int32", "qstart": "int32", "qend": "int32", **{c: "uint64" for c in GRAM_COLUMNS}},
    "article_facts": {"n_entities": "int32", "n_events": "int32", "n_quotes": "int32", "countries": "list",
                      "day": "bool", "published_confidence": "float"},
    "article_names": {"name_id": "int32", "article_no": "int32"},
    "entity_names": {"name_id": "int32"},
    "event_name_ids": {"name_id": "int32"},
    "event_names": {"name_id": "int32", "actor": "bool", "n_reports": "int32"},
    "event_index": {"linked": "bool", "open_plan": "bool", "overdue": "bool", "n_reports": "int32", "countries": "list",
                    "actors": "list"},
    "actor_index": {"countries": "list", "roles": "list", "aliases": "list", "articles": "int32",
                    "mentions": "int32", "events": "int32"},
    "record_events": {},
    "event_months": {"countries": "list", "n": "int32"},
}


def _arrow_table(table: str, rows: list[dict[str, Any]], columns: list[str]) -> Any:
    import pyarrow as pa

    if table not in _TYPES:         # another module's table: the types are inferred from the values
        return pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows])
    kinds = _TYPES[table]
    types = {"int32": pa.int32(), "list": pa.list_(pa.string()), "bool": pa.bool_(), "float": pa.float64(),
             "uint64": pa.uint64()}
    return pa.table({c: pa.array([r.get(c) for r in rows], types.get(kinds.get(c, ""), pa.string()))
                     for c in columns})


def insert_rows(con: Any, table: str, rows: list[dict[str, Any]], columns: list[str] | None = None) -> None:
    """Insert ``rows`` (dicts) into ``table`` as one Arrow table (``executemany`` goes row by row)."""
    if not rows:
        return
    cols = columns or list(rows[0])
    name = f"_sl_read_{table}"
    con.register(name, _arrow_table(table, rows, cols))
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM {name}")
    finally:
        con.unregister(name)


def write_articles(con: Any, recs: list[dict[str, Any]], replace: bool = False) -> None:
    """Write the read-model rows of ``recs`` (in the caller's transaction); ``replace`` drops the
    articles' old rows first (re-analysed records)."""
    if not recs:
        return
    rows = article_rows(recs)
    if replace:
        ids = [str(r["id"]) for r in recs]
        # a re-analysed record keeps its ``articles`` columns (``Store.update_records`` writes only
        # the record): its list item shows those, as before
        names = [name for name, _ in ARTICLE_CARD]
        kept = {r[0]: dict(zip(names, r[1:])) for r in lookup(
            con, f"SELECT id, {', '.join(names)} FROM articles WHERE id IN ({{keys}})", ids)}
        for f in rows["article_facts"]:
            f.update(kept.get(f["article_id"], {}))
        for table in READ_TABLES:
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    else:       # ``ON CONFLICT DO NOTHING`` on articles: an article already stored keeps its rows
        have = {r[0] for r in lookup(con, "SELECT article_id FROM article_facts WHERE article_id IN ({keys})",
                                     [str(r["id"]) for r in recs])}
        if have:
            rows = {t: [r for r in rs if r["article_id"] not in have] for t, rs in rows.items()}
    for table, rs in rows.items():
        insert_rows(con, table, rs)
    _write_names(con, rows["article_facts"], replace)


def _write_names(con: Any, facts: list[dict[str, Any]], replace: bool) -> None:
    """The name index of the articles ``facts`` (migration 8): each article's lower-cased entity
    names (those of ``names_lc``) under their numbers in ``entity_names``, new names numbered on.
    An actor filter then tests the few thousand distinct names, not every article's names, and
    counts and sorts the matching articles over this table alone (measured at 100,000 articles: a
    count 8.5 -> 1.7 ms of CPU)."""
    if replace and facts:
        con.execute("DELETE FROM article_names WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                    [[f["article_id"] for f in facts]])
    keys = {f["article_id"]: (f["published"], f["path"]) for f in facts}
    pairs = sorted({(name, f["article_id"]) for f in facts for name in f["names_lc"].split("\x01") if name})
    if not pairs:
        return
    wanted = sorted({name for name, _ in pairs})
    have = dict(lookup(con, "SELECT name_lc, name_id FROM entity_names WHERE name_lc IN ({keys})", wanted))
    new = [name for name in wanted if name not in have]
    if new:
        top = int(con.execute("SELECT coalesce(max(name_id), 0) FROM entity_names").fetchone()[0])
        fresh = {name: top + 1 + i for i, name in enumerate(new)}
        insert_rows(con, "entity_names", [{"name_id": i, "name_lc": n} for n, i in fresh.items()])
        have.update(fresh)
    # a number per article (migration 13), numbered on from the largest: a count of the articles of several
    # names is then DISTINCT over integers (see ``schema.ARTICLE_NOS_SQL``)
    top = int(con.execute("SELECT coalesce(max(article_no), 0) FROM article_names").fetchone()[0])
    number = {aid: top + 1 + i for i, aid in enumerate(sorted({aid for _, aid in pairs}))}
    rows = sorted(({"name_id": have[name], "article_id": aid, "published": keys[aid][0], "path": keys[aid][1],
                    "article_no": number[aid]} for name, aid in pairs), key=lambda r: (r["name_id"], r["article_id"]))
    insert_rows(con, "article_names", rows)     # in name order: a batch's row groups cover few names


# ---------------------------------------------------------------------- corpus events
def _range(value: str | None) -> dict[str, str] | None:
    rng = interval(value)
    return {"start": rng[0].isoformat(), "end": rng[1].isoformat()} if rng else None


def event_summary(lc: dict[str, Any], headline: str | None, linked: bool = True) -> dict[str, Any]:
    """The list view of an event (an ``/api/events`` item, less ``overdue``) from its lifecycle."""
    src, tgt = lc.get("source") or {}, lc.get("target") or {}
    history = lc.get("history") or []
    return {
        "event_id": lc["event_id"], "linked": linked, "type": lc.get("type"), "mode": lc.get("mode"),
        "status": lc.get("status"), "overdue": False,
        "source": {"name": (src.get("names") or [None])[0], "country": src.get("country")},
        "target": {"name": (tgt.get("names") or [None])[0], "country": tgt.get("country")},
        "countries": sorted({c for c in (src.get("country"), tgt.get("country")) if c}),
        "actors": sorted(set(src.get("names") or []) | set(tgt.get("names") or [])),
        "date": lc.get("date"), "date_range": _range(lc.get("date")),
        "location": lc.get("location"),
        "first_reported": lc.get("first_reported"), "last_reported": lc.get("last_reported"),
        "reports": lc.get("n_reports") or len(history), "articles": lc.get("n_articles") or 0,
        "sources": lc.get("n_sources"), "headline": headline,
        "evidence": history[-1].get("evidence") if history else None,
    }


def latest_article(lc: dict[str, Any]) -> str | None:
    """The article whose headline stands for the event: the latest published (the first of a tie)."""
    latest = max((a for a in lc.get("articles") or []), key=lambda a: a.get("published") or "", default=None)
    return latest.get("id") if latest else None


def _month_of(summary: dict[str, Any]) -> str | None:
    """The month an event counts in (``/api/counts``): its date's, when that is a month or
    narrower, else its first report's."""
    rng = interval(summary["date"])
    if rng is not None and (rng[0].year, rng[0].month) == (rng[1].year, rng[1].month):
        return f"{rng[0].year:04d}-{rng[0].month:02d}"
    first = summary["first_reported"]
    return first[:7] if first else None


def index_row(summary: dict[str, Any], lc: dict[str, Any], origin: str) -> dict[str, Any]:
    rng = summary["date_range"]
    window = ((rng["start"], rng["end"]) if rng else
              (summary["first_reported"], summary["last_reported"]) if summary["first_reported"] else (None, None))
    return {
        "event_id": summary["event_id"], "origin": origin, "linked": summary["linked"], "type": summary["type"],
        "status": summary["status"],
        "open_plan": bool(not lc.get("happened") and summary["status"] in OPEN_PLAN_STATUSES and rng),
        "date_end": rng["end"] if rng else None, "win_start": window[0], "win_end": window[1],
        "first_reported": summary["first_reported"], "n_reports": int(summary["reports"] or 0),
        "countries": summary["countries"], "actors": summary["actors"],
        "actors_lc": _lower_join(summary["actors"] + summary["countries"]), "event_month": _month_of(summary),
        "summary": json.dumps(summary, ensure_ascii=False),
        # migration 7 (``schema.EVENT_KEYS_SQL``: the same values for older rows)
        "date_key": window[0] if window[0] is not None else "9999",
        "reported_key": summary["first_reported"] if summary["first_reported"] is not None else "9999",
        "country1": (summary["countries"] or [None])[0],
        "country2": summary["countries"][1] if len(summary["countries"]) > 1 else None}


def _insert_index(con: Any, rows: list[dict[str, Any]]) -> None:
    row = con.execute("SELECT CAST(as_of AS VARCHAR) FROM read_summary").fetchone()
    day = row[0] if row else None
    for r in rows:      # migration 13: as ``OVERDUE_FLAGS_SQL`` sets it, against the day readers see now
        r["overdue"] = bool(r["open_plan"] and r["date_end"] is not None and day is not None and r["date_end"] < day)
    insert_rows(con, "event_index", rows)
    _insert_event_names(con, rows)


def _drop_event_names(con: Any, where: str, params: list[Any]) -> None:
    """Remove the name-index rows (migration 13) of the events ``event_id IN (where)`` selects."""
    con.execute(f"DELETE FROM event_names WHERE event_id IN ({where})", params)


def _insert_event_names(con: Any, rows: list[dict[str, Any]]) -> None:
    """The name index of the events ``rows`` (``event_index`` rows; migration 13): each actor name
    and country under its number in ``event_name_ids`` (new names numbered on), with the event's sort
    keys. The lower-cased forms are those of ``actors_lc``. An ``actor`` filter of the events list
    then tests the few thousand names, not every event's (measured at 100,000 articles, 62,000
    events: the events of a name, counted and sorted, 2.4 ms of CPU for the matches of
    ``contains(actors_lc, ?)`` against 0.5 ms over this table; see ``api.queries._events_keyed``)."""
    names: dict[str, str] = {}
    pairs: dict[tuple[str, str], bool] = {}         # (name, event) -> whether one of its actors
    for r in rows:
        for name, actor in [*((c, False) for c in r["countries"]), *((a, True) for a in r["actors"])]:
            if name:
                names.setdefault(name, str(name).lower())
                pairs[(name, r["event_id"])] = pairs.get((name, r["event_id"]), False) or actor
    if not pairs:
        return
    have = dict(lookup(con, "SELECT name, name_id FROM event_name_ids WHERE name IN ({keys})", sorted(names)))
    new = [name for name in sorted(names) if name not in have]
    if new:
        top = int(con.execute("SELECT coalesce(max(name_id), 0) FROM event_name_ids").fetchone()[0])
        fresh = {name: top + 1 + i for i, name in enumerate(new)}
        insert_rows(con, "event_name_ids", [{"name": n, "name_lc": names[n], "name_id": i} for n, i in fresh.items()])
        have.update(fresh)
    by_id = {r["event_id"]: r for r in rows}
    out = sorted(({"name_id": have[name], "event_id": eid, "actor": actor,
                   **{k: by_id[eid][k] for k in ("date_key", "reported_key", "n_reports", "type", "status")}}
                  for (name, eid), actor in pairs.items()), key=lambda r: (r["name_id"], r["event_id"]))
    insert_rows(con, "event_names", out)     # in name order: a batch's row groups cover few names


def save_event_index(con: Any, lifecycles: Mapping[str, dict[str, Any]], dropped: Iterable[str]) -> None:
    """Replace the index rows of the linker's events ``lifecycles`` and remove ``dropped`` ones
    (in the caller's transaction: ``store.events.save_links``, after it wrote their reports)."""
    drop = sorted(set(dropped) | set(lifecycles))
    if drop:
        con.execute("DELETE FROM event_index WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [drop])
        _drop_event_names(con, "SELECT unnest(?::VARCHAR[])", [drop])
        con.execute("DELETE FROM event_months WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [drop])
    latest = {eid: latest_article(lc) for eid, lc in lifecycles.items()}
    heads = dict(lookup(con, "SELECT id, headline FROM articles WHERE id IN ({keys})",
                        sorted({a for a in latest.values() if a})))
    rows = [index_row(event_summary(lc, heads.get(latest[eid] or "")), lc, "link")
            for eid, lc in sorted(lifecycles.items())]
    _insert_index(con, rows)
    if rows:
        _insert_months(con, "SELECT m.event_id AS key, strftime(m.published, '%Y-%m') AS month, m.status AS status "
                       "FROM event_mentions m WHERE m.published IS NOT NULL AND m.event_id IN ({keys})",
                       [r["event_id"] for r in rows])


def _insert_months(con: Any, reports_sql: str, keys: list[str]) -> None:
    """``event_months`` rows of the events ``keys`` (already in ``event_index``) from their dated
    reports (``reports_sql``: key, month, status), and their ``dated_reports`` flags."""
    for i in range(0, len(keys), 2000):
        part = keys[i:i + 2000]
        marks = ", ".join("?" * len(part))
        con.execute(f"""INSERT INTO event_months (event_id, type, event_status, countries, month, status, n)
            SELECT e.event_id, coalesce(e.type, '?'), e.status, e.countries, r.month, r.status, count(*)
            FROM ({reports_sql.format(keys=marks)}) r JOIN event_index e ON e.event_id = r.key
            GROUP BY ALL""", part)
        con.execute(f"UPDATE event_index SET dated_reports = TRUE WHERE event_id IN ({marks}) AND event_id IN "
                    f"(SELECT event_id FROM event_months WHERE event_id IN ({marks}))", part + part)


def clear_event_index(con: Any) -> None:
    con.execute("DELETE FROM event_months WHERE event_id IN (SELECT event_id FROM event_index WHERE origin = 'link')")
    _drop_event_names(con, "SELECT event_id FROM event_index WHERE origin = 'link'", [])
    con.execute("DELETE FROM event_index WHERE origin = 'link'")


# ---------------------------------------------------------------------- after the writes
def refresh(store: "Store", touched: set[str] | None) -> None:
    """Bring the derived parts of the read model up to date after writes: ``touched`` is the set
    of articles written since the last refresh (None: all of them, after the migration)."""
    if touched is None:
        _backfill(store)
    _record_events(store, touched)
    _actor_index(store)
    _name_index(store)
    _quote_grams(store)
    for table, order in SORTED_TABLES:
        _keep_sorted(store, table, order)
    fts = _fts_index(store, touched)
    _summary(store, fts)


def _name_index(store: Any) -> None:
    """Keep ``article_names`` in name order: rewritten sorted once the rows appended since the last
    sort are a quarter of it (``name_index_sorted`` holds the count then). An actor filter reads
    the row groups of its names only when the table is in that order (min/max skipping): over a
    100,000-article store written batch by batch the statement took 26 ms of CPU, sorted 3 ms."""
    con = store.con
    total, then = con.execute("SELECT (SELECT count(*) FROM article_names), "
                              "(SELECT max(sorted_rows) FROM name_index_sorted)").fetchone()
    if not total or total <= (then or 0) * (1 + RESORT_SHARE):
        return
    with store.transaction("sorting the name index") as tx:
        tx.execute("CREATE OR REPLACE TEMP TABLE _sl_names AS SELECT * FROM article_names ORDER BY name_id, article_id")
        tx.execute("DELETE FROM article_names")
        tx.execute("INSERT INTO article_names SELECT * FROM _sl_names ORDER BY name_id, article_id")
        tx.execute("DROP TABLE _sl_names")
        tx.execute("DELETE FROM name_index_sorted")
        tx.execute("INSERT INTO name_index_sorted VALUES (?)", [total])


def _quote_grams(store: Any) -> None:
    """The text signatures (``text_grams``) of quotes written before migration 13, computed here (in
    Python, as the writers do, so the bits are the same). Until then they have every bit set, so a
    reader lets them through to the ``contains`` test (a signature of every bit is computed again,
    to the same value: only a very long quote can have one)."""
    import duckdb

    con = store.con
    unsigned = " AND ".join(f"{c} = {UNSIGNED}::UBIGINT" for c in GRAM_COLUMNS)
    try:
        if not con.execute(f"SELECT count(*) FROM article_quotes WHERE {unsigned}").fetchone()[0]:
            return
    except duckdb.BinderException:
        return
    rows = con.execute(f"SELECT article_id, idx, text_lc FROM article_quotes WHERE {unsigned}").fetchall()
    sigs = [{"article_id": aid, "idx": idx, **dict(zip(GRAM_COLUMNS, text_grams(text or "")))}
            for aid, idx, text in rows]
    with store.transaction("signing the quotes") as tx:
        tx.register("_sl_grams", _arrow_table("article_quotes", sigs, ["article_id", "idx", *GRAM_COLUMNS]))
        try:
            tx.execute("UPDATE article_quotes SET " + ", ".join(f"{c} = g.{c}" for c in GRAM_COLUMNS)
                       + " FROM _sl_grams g WHERE article_quotes.article_id = g.article_id "
                       "AND article_quotes.idx = g.idx")
        finally:
            tx.unregister("_sl_grams")


# the read tables kept in the order their lists are read in (``_keep_sorted``, migration 12)
SORTED_TABLES = (("article_facts", "published NULLS LAST, path, article_id"),
                 ("article_quotes", "published NULLS LAST, path, qstart, article_id, idx"),
                 ("event_names", "name_id, event_id"))


def _keep_sorted(store: Any, table: str, order: str) -> None:
    """Rewrite ``table`` in ``order`` once the rows appended since its last sort are a quarter of it
    (``read_sorted`` holds its size then), as ``_name_index`` does for the name index. A page of
    the list is then a top-N whose running bound skips the other row groups by their min/max, so
    it reads the page's items only; over a table in another order it read every match's item
    (measured at 100,000 articles: 50 articles with their list columns 1.4 ms of CPU in order,
    6.1 ms out of it; the rewrite took 1.8 s, a cost that comes again when the table has grown by
    a quarter, so a small ingest into a large store rewrites nothing). A store before migration 12
    is left as it is."""
    import duckdb

    con = store.con
    try:
        total, then = con.execute(f"SELECT (SELECT count(*) FROM {table}), "
                                  "(SELECT max(sorted_rows) FROM read_sorted WHERE table_name = ?)", [table]).fetchone()
    except duckdb.CatalogException:
        return
    if not total or total <= (then or 0) * (1 + RESORT_SHARE):
        return
    with store.transaction(f"sorting {table}") as tx:
        tx.execute(f"CREATE OR REPLACE TEMP TABLE _sl_sorted AS SELECT * FROM {table} ORDER BY {order}")
        tx.execute(f"DELETE FROM {table}")
        tx.execute(f"INSERT INTO {table} SELECT * FROM _sl_sorted ORDER BY {order}")
        tx.execute("DROP TABLE _sl_sorted")
        tx.execute("DELETE FROM read_sorted WHERE table_name = ?", [table])
        tx.execute("INSERT INTO read_sorted VALUES (?, ?)", [table, total])


def _backfill(store: Any) -> None:
    """The rows of a store written before the read model: every record, and every linked event."""
    with store.transaction("building the read model") as con:
        for table in (*READ_TABLES, "event_index", "record_events", "event_months", "article_names", "entity_names",
                      "name_index_sorted", "read_sorted", "event_names", "event_name_ids"):
            con.execute(f"DELETE FROM {table}")
    reader = store.cursor()         # its own cursor: a write on the store's would end this result
    try:
        cur = reader.execute("SELECT record FROM articles ORDER BY id")
        while rows := cur.fetchmany(500):
            with store.transaction("building the read model") as con:
                write_articles(con, [json.loads(r) for (r,) in rows])
    finally:
        reader.close()
    ids = [r[0] for r in store.con.execute("SELECT event_id FROM corpus_events ORDER BY event_id").fetchall()]
    for i in range(0, len(ids), 1000):
        part = ids[i:i + 1000]
        lcs = {eid: json.loads(lc) for eid, lc in lookup(
            store.con, "SELECT event_id, CAST(lifecycle AS VARCHAR) FROM corpus_events WHERE event_id IN ({keys})",
            part)}
        with store.transaction("building the event index") as con:
            save_event_index(con, lcs, [])


def _record_events(store: Any, touched: set[str] | None) -> None:
    """Lifecycles for the article events the linker has not linked, grouped by the record's own
    ``event_id`` (older stores) or standing alone (``<article id>.<event id>``)."""
    con = store.con
    rows = con.execute(
        "SELECT coalesce(ae.record_event_id, ae.article_id || '.' || ae.local_id), ae.article_id, ae.local_id, "
        "ae.record_event_id IS NOT NULL "
        "FROM article_events ae WHERE ae.type IS NOT NULL AND NOT EXISTS (SELECT 1 FROM event_mentions m "
        "WHERE m.article_id = ae.article_id AND m.local_id = ae.local_id) "
        "AND coalesce(ae.record_event_id, '') NOT IN (SELECT event_id FROM corpus_events)").fetchall()
    members: dict[str, set[tuple[str, str]]] = {}
    own_id: set[str] = set()            # keys that are a record's event_id (shown as linked, as before)
    for key, aid, local, own in rows:
        members.setdefault(key, set()).add((aid, local))
        if own:
            own_id.add(key)
    have = {r[0] for r in con.execute("SELECT event_id FROM record_events").fetchall()}
    gone = sorted(have - set(members))
    todo = sorted(k for k, ms in members.items()
                  if k not in have or touched is None or any(a in touched for a, _ in ms))
    if not gone and not todo:
        return
    lcs: dict[str, dict[str, Any]] = {}
    for i in range(0, len(todo), 500):
        part = todo[i:i + 500]
        need = sorted({a for k in part for a, _ in members[k]})
        records = {r["id"]: r for r in (json.loads(rec) for (rec,) in
                                        lookup(con, "SELECT record FROM articles WHERE id IN ({keys})", need))}
        for k in part:
            ms = [m for a in sorted({a for a, _ in members[k]}) if a in records
                  for m in mentions_of(records[a]) if (m.article_id, m.local_id) in members[k]]
            if ms:
                lcs[k] = build_lifecycle(k, ms)
    latest = {k: latest_article(lc) for k, lc in lcs.items()}
    heads = dict(lookup(con, "SELECT id, headline FROM articles WHERE id IN ({keys})",
                        sorted({a for a in latest.values() if a})))
    drop = sorted(set(gone) | set(todo))
    with store.transaction("indexing the unlinked events") as tx:
        if drop:
            tx.execute("DELETE FROM record_events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [drop])
            tx.execute("DELETE FROM event_months WHERE event_id IN (SELECT event_id FROM event_index WHERE "
                       "origin = 'records' AND event_id IN (SELECT unnest(?::VARCHAR[])))", [drop])
            _drop_event_names(tx, "SELECT event_id FROM event_index WHERE origin = 'records' AND event_id IN "
                              "(SELECT unnest(?::VARCHAR[]))", [drop])
            tx.execute("DELETE FROM event_index WHERE origin = 'records' AND event_id IN "
                       "(SELECT unnest(?::VARCHAR[]))", [drop])
        if lcs:
            insert_rows(tx, "record_events", [{"event_id": k, "lifecycle": json.dumps(lc, ensure_ascii=False)}
                                              for k, lc in sorted(lcs.items())])
            _insert_index(tx, [index_row(event_summary(lc, heads.get(latest[k] or ""),
                                                       linked=k in own_id),
                                         lc, "records") for k, lc in sorted(lcs.items())])
            tx.register("_sl_members", _arrow_table("x", [{"key": k, "article_id": a, "local_id": loc}
                                                          for k in lcs for a, loc in members[k]],
                                                    ["key", "article_id", "local_id"]))
            try:
                _insert_months(tx, "SELECT m.key, substr(ae.published, 1, 7) AS month, coalesce(ae.status, '?') "
                               "AS status FROM _sl_members m JOIN article_events ae ON ae.article_id = m.article_id "
                               "AND ae.local_id = m.local_id WHERE regexp_matches(ae.published, "
                               "'^\\d{{4}}-\\d{{2}}-\\d{{2}}') AND m.key IN ({keys})", sorted(lcs))
            finally:
                tx.unregister("_sl_members")


# ---------------------------------------------------------------------- actors
def _actor_index(store: Any) -> None:
    """The actors list of the read model, from the one actor builder (``link.actors.build_actors``):
    a projection of the linker's ``actors`` table, or, in a store never linked, the same builder
    run over the stored entities (events counted by the names ``event_index`` lists)."""
    from . import events as db      # not at the top: events imports this module's writers (a cycle)

    con = store.con
    if db.has_actors(con):
        rows = con.execute("SELECT name, type, country, countries, aliases, CAST(roles AS VARCHAR), n_articles, "
                           "n_mentions, n_events FROM actors").fetchall()
        items = [(n, t, c, list(cs or []), list(al or []), json.loads(r or "[]"), na, nm, ne)
                 for n, t, c, cs, al, r, na, nm, ne in rows]
    else:
        events: Counter[str] = Counter(dict(con.execute(
            "SELECT a, count(*) FROM (SELECT unnest(actors) AS a FROM event_index) GROUP BY a").fetchall()))
        table = build_actors(db.load_entity_rows(store))
        items = [(a.name, a.type, a.country, a.countries, a.aliases, a.roles, a.n_articles, a.n_mentions,
                  sum(events.get(n, 0) for n in {a.name, *a.aliases})) for a in table.actors.values()]
    out = [{"name": n, "type": t, "country": c, "countries": sorted(cs), "aliases": sorted(al),
            "roles": sorted({h["role"] for h in roles if h.get("source") == "text" and h.get("role")}),
            "articles": int(na), "mentions": int(nm), "events": int(ne), "name_lc": n.lower(),
            "names_lc": _lower_join([n, *al])}
           for n, t, c, cs, al, roles, na, nm, ne in sorted(items, key=lambda i: (i[0], i[1]))]
    with store.transaction("rebuilding the actor index") as tx:
        tx.execute("DELETE FROM actor_index")
        insert_rows(tx, "actor_index", out)


# ---------------------------------------------------------------------- totals and search
@functools.lru_cache(maxsize=1)
def fts_extension_path() -> Path | None:
    """The FTS extension file shipped in ``duckdb-extension-fts`` for the installed DuckDB: loaded
    from there, so nothing is downloaded. Found once per process (the installed packages do not
    change under it; /api/stats and search ask on every request: 0.18 ms of CPU each time)."""
    import duckdb

    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    p = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    return p if p.is_file() else None


def load_fts(con: Any) -> bool:
    """Load the FTS extension into ``con``; False when it cannot be."""
    import duckdb

    path = fts_extension_path()
    if path is None:
        return False
    try:    # LOAD takes no parameters; the path is ours (the package folder), never user input
        con.execute("LOAD '" + str(path).replace("'", "''") + "'")
    except duckdb.Error as e:
        log.warning("the FTS extension does not load (%s); search falls back to ILIKE", e)
        return False
    return True


FTS = "fts_main_articles"               # the schema of the BM25 index over ``articles``
FTS_FIELDS = ("headline", "lead", "text")
RESORT_SHARE = 0.25                     # re-sort the postings when this share of them came unsorted


def _fts_index(store: Any, touched: set[str] | None) -> bool:
    """Keep the BM25 index over headline, lead and text up to date. False when the extension is
    missing (search then falls back to ILIKE).

    The first time (or after the migration) ``create_fts_index`` builds it; after that the
    articles it lacks are appended in place (``_fts_append``), so an ingest of a few articles
    into a large store costs a few articles (measured: a rebuild took 71 s at 10,000 articles).
    The postings are kept once more per (term, article) with the term's count and the article's
    length (``postings``, sorted by term): BM25 then sums those rows and joins nothing, and a
    query reads only the row groups of its terms (min/max skipping). Measured at 100,000
    articles: 8-33 ms of CPU per query against 20-61 ms over the raw ``terms`` (one row per
    occurrence) joined with ``docs``. Appended postings are re-sorted once they are a quarter."""
    con = store.con
    if not load_fts(con):
        return False
    exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                         "AND schema_name = ? AND table_name = 'terms'", [FTS]).fetchone()[0]
    if touched is None or not exists:
        con.execute(f"PRAGMA create_fts_index('articles', 'id', {', '.join(repr(f) for f in FTS_FIELDS)}, "
                    "overwrite=1)")
        _fts_sort(store)
        _docs_index(store.con)
        _fts_items(store, None)
        return True
    if not has_postings(con) or not _postings_large(con):   # made before the postings, or in small row groups
        _fts_sort(store)
    elif not has_groups(con):                               # made before the groups
        _fts_groups(store)
    while _fts_append(store, 5000):
        pass
    total, unsorted = store.con.execute(f"SELECT count(*), count(*) FILTER (docid > (SELECT sorted_docid FROM "
                                        f"{FTS}.sorted_upto)) FROM {FTS}.postings").fetchone()
    if total and unsorted > RESORT_SHARE * total:
        _fts_sort(store)
    _docs_index(store.con)
    _fts_items(store, touched)
    return True


def _docs_index(con: Any) -> None:
    """An index of the search index's articles by number: a page's 20 numbers are looked up through
    it instead of a join over every article (measured at 100,000 articles: 1.2 -> 0.8 ms of CPU;
    made in 25 ms). ``create_fts_index`` drops it with the rest of the index.

    And one of the dictionary by term: a query's stems are looked up through it, not compared with
    every term (measured at 100,000 articles, 15,900 terms: 0.63 -> 0.43 ms of CPU for the terms and
    the totals; made in 25 ms; ``_fts_append``'s updates of ``df`` and new terms keep it)."""
    con.execute(f"CREATE INDEX IF NOT EXISTS docs_docid ON {FTS}.docs (docid)")
    con.execute(f"CREATE INDEX IF NOT EXISTS dict_term ON {FTS}.dict (term)")


def has_postings(con: Any) -> bool:
    """Whether the search index of ``con``'s store has the per-article postings (``_fts_index``):
    a table in a store, a view over Parquet partitions (``api.db.open_partitions``)."""
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_catalog = current_database() "
                            "AND table_schema = ? AND table_name = 'postings'", [FTS]).fetchone()[0])


def has_groups(con: Any) -> bool:
    """Whether the search index of ``con``'s store has the postings counted by (term, count, length)
    (``groups``: ``_fts_groups``)."""
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_catalog = current_database() "
                            "AND table_schema = ? AND table_name = 'groups'", [FTS]).fetchone()[0])


def _postings_large(con: Any) -> bool:
    """Whether the sorted postings were written in large row groups (``_fts_sort``)."""
    return bool(con.execute("SELECT count(*) FROM information_schema.columns WHERE table_catalog = current_database() "
                            "AND table_schema = ? AND table_name = 'sorted_upto' AND column_name = 'row_group_rows'",
                            [FTS]).fetchone()[0])


def _fts_sort(store: Any) -> None:
    """Rewrite the postings sorted by term, in large row groups (``Store.large_row_groups``): a
    query reads the few row groups of its terms, and checks the min/max of 150 row groups at
    100,000 articles instead of 9,000 (measured: one term's postings 3.0 -> 0.5 ms of CPU; the
    rewrite took 12 s at 100,000 articles, made again only when a quarter came appended since)."""
    from . import LARGE_ROW_GROUP_ROWS      # not at the top: the package imports this module

    with store.large_row_groups() as con:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(f"""CREATE OR REPLACE TABLE {FTS}.postings AS
                SELECT t.termid, t.docid, count(*)::INTEGER AS tf, any_value(d.len)::INTEGER AS len
                FROM {FTS}.terms t JOIN {FTS}.docs d ON d.docid = t.docid GROUP BY t.termid, t.docid
                ORDER BY t.termid, t.docid""")
            con.execute(f"CREATE OR REPLACE TABLE {FTS}.sorted_upto AS SELECT coalesce(max(docid), -1) AS sorted_docid, "
                        f"{int(LARGE_ROW_GROUP_ROWS)} AS row_group_rows FROM {FTS}.docs")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    load_fts(store.con)             # the connection is a new one: the extension for what follows (``stem``)
    _fts_groups(store)


# A term's postings counted by (count in the article, article length): a one-word query's BM25
# score is a function of those two alone, so the groups rank its articles without reading them
# (``api/search.py``: the page's cut found from a term's groups, then only the postings of the
# groups at or above it read). 671,000 rows for the 18.6 million postings at 100,000 articles
# (made in about 1 s); the appended articles add their own rows, a (term, count, length) may then
# be on several rows (search adds them up).
_GROUPS_SQL = f"""CREATE OR REPLACE TABLE {FTS}.groups AS
    SELECT termid, tf, len, count(*)::INTEGER AS n FROM {FTS}.postings GROUP BY termid, tf, len
    ORDER BY termid, tf, len"""


def _fts_groups(store: Any) -> None:
    """Count the postings by (term, count, length), whole (after the postings are sorted, and for an
    index made before the groups). In the store's small row groups: a term's groups are then one
    or two of its 330 (at 100,000 articles), where in large ones a query read 122,880 rows of
    ``termid`` (measured: a term's groups 0.55 -> 0.40 ms of CPU)."""
    with store.transaction("counting the search postings") as con:
        con.execute(_GROUPS_SQL)


# What a page of search results shows of each article, by the search index's article number: the
# page's rows are then one lookup by an index, not a lookup of the numbers' names in ``docs`` and of
# those in ``articles`` (measured at 100,000 articles, 26 rows: 3.1 -> 1.5 ms of CPU). ``id`` is
# the ``articles`` row's (NULL when it is gone, as the LEFT JOIN gave). A copy of the texts: 87 MB
# at 100,000 articles (the store: 1.4 GB); made in 6 s, then kept by the articles each write touched.
_ITEMS = (f'SELECT d.docid, d."name", a.id, a.path, a.source, a.headline, a.published_date, a.text '
          f'FROM {FTS}.docs d LEFT JOIN articles a ON a.id = d."name"')


def has_items(con: Any) -> bool:
    """Whether the search index of ``con``'s store has its articles' page rows (``_fts_items``)."""
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_catalog = current_database() "
                            "AND table_schema = ? AND table_name = 'items'", [FTS]).fetchone()[0])


def _fts_items(store: Any, touched: set[str] | None) -> None:
    """Keep ``items`` (``_ITEMS``) up to date: made whole when the index was, or when it is missing (an
    older store); else the articles written since the last refresh (``touched``: new or re-analysed)
    and any article of the index past the last one it holds are written again."""
    with store.transaction("updating the search index's page rows") as con:
        if touched is None or not has_items(con):
            con.execute(f"CREATE OR REPLACE TABLE {FTS}.items AS {_ITEMS} ORDER BY d.docid")
            con.execute(f"CREATE INDEX items_docid ON {FTS}.items (docid)")
            return
        top = con.execute(f"SELECT coalesce(max(docid), -1) FROM {FTS}.items").fetchone()[0]
        names = sorted(touched)
        # the numbers to write first, then joined to ``articles``: with the two conditions in the
        # join's filter, the join read every article (1 s at 100,000 articles with none to write)
        con.execute(f'CREATE OR REPLACE TEMP TABLE _sl_fts_items AS SELECT docid, "name" FROM {FTS}.docs '
                    'WHERE docid > ? OR "name" IN (SELECT unnest(?::VARCHAR[]))', [top, names])
        if con.execute("SELECT count(*) FROM _sl_fts_items").fetchone()[0]:
            if names:
                con.execute(f'DELETE FROM {FTS}.items WHERE "name" IN (SELECT unnest(?::VARCHAR[]))', [names])
            con.execute(f"INSERT INTO {FTS}.items {_ITEMS.replace(f'{FTS}.docs d', '_sl_fts_items d')} "
                        "ORDER BY d.docid")
        con.execute("DROP TABLE IF EXISTS _sl_fts_items")


def _fts_append(store: Any, chunk: int) -> int:
    """Index up to ``chunk`` articles the index lacks, as ``create_fts_index`` would have (the
    same tokenizer, stop words and stemmer: BM25 scores equal those of a rebuild)."""
    fields = " UNION ALL ".join(
        f"SELECT unnest({FTS}.tokenize(n.{f})) AS w, n.docid, (SELECT fieldid FROM {FTS}.fields "
        f"WHERE field = '{f}') AS fieldid FROM _sl_fts_new n" for f in FTS_FIELDS)
    with store.transaction("updating the search index") as con:
        # the ids first, then the texts of those only: a top-N over whole rows materialised every
        # text of the store per chunk (measured: appending 98,000 articles took minutes, not seconds)
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _sl_fts_ids AS
            SELECT id FROM articles WHERE id NOT IN (SELECT "name" FROM {FTS}.docs) ORDER BY id LIMIT {int(chunk)}""")
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _sl_fts_new AS
            SELECT a.id, a.headline, a.lead, a.text,
                   (SELECT coalesce(max(docid), -1) FROM {FTS}.docs) + row_number() OVER (ORDER BY a.id) AS docid
            FROM articles a WHERE a.id IN (SELECT id FROM _sl_fts_ids) ORDER BY a.id""")
        n = con.execute("SELECT count(*) FROM _sl_fts_new").fetchone()[0]
        if n:
            con.execute(f"""CREATE OR REPLACE TEMP TABLE _sl_fts_terms AS
                SELECT stem(t.w, 'porter') AS term, t.docid, t.fieldid FROM ({fields}) t
                WHERE t.w IS NOT NULL AND len(t.w) > 0 AND t.w NOT IN (SELECT sw FROM {FTS}.stopwords)""")
            con.execute(f"""INSERT INTO {FTS}.dict (termid, term, df)
                SELECT (SELECT coalesce(max(termid), -1) FROM {FTS}.dict) + row_number() OVER (ORDER BY term), term, 0
                FROM (SELECT DISTINCT term FROM _sl_fts_terms WHERE term NOT IN (SELECT term FROM {FTS}.dict))""")
            con.execute(f"""UPDATE {FTS}.dict SET df = dict.df + x.n FROM
                (SELECT term, count(DISTINCT docid) AS n FROM _sl_fts_terms GROUP BY term) x WHERE dict.term = x.term""")
            con.execute(f"""INSERT INTO {FTS}.terms (docid, fieldid, termid)
                SELECT t.docid, t.fieldid, d.termid FROM _sl_fts_terms t JOIN {FTS}.dict d ON d.term = t.term""")
            con.execute(f"""INSERT INTO {FTS}.docs (docid, "name", len)
                SELECT n.docid, n.id, count(t.term) FROM _sl_fts_new n LEFT JOIN _sl_fts_terms t ON t.docid = n.docid
                GROUP BY n.docid, n.id""")
            con.execute(f"""CREATE OR REPLACE TEMP TABLE _sl_fts_postings AS
                SELECT d.termid, t.docid, count(*)::INTEGER AS tf, any_value(docs.len)::INTEGER AS len
                FROM _sl_fts_terms t JOIN {FTS}.dict d ON d.term = t.term JOIN {FTS}.docs docs ON docs.docid = t.docid
                GROUP BY d.termid, t.docid""")
            # in term order: each appended row group covers a narrow range of terms (min/max skipping)
            con.execute(f"""INSERT INTO {FTS}.postings (termid, docid, tf, len)
                SELECT termid, docid, tf, len FROM _sl_fts_postings ORDER BY termid, docid""")
            if has_groups(con):
                con.execute(f"""INSERT INTO {FTS}.groups (termid, tf, len, n)
                    SELECT termid, tf, len, count(*) FROM _sl_fts_postings GROUP BY termid, tf, len
                    ORDER BY termid, tf, len""")
            con.execute(f"DELETE FROM {FTS}.stats")
            con.execute(f"INSERT INTO {FTS}.stats SELECT count(docid), sum(len) / count(len) FROM {FTS}.docs")
        con.execute("DROP TABLE IF EXISTS _sl_fts_postings")
        con.execute("DROP TABLE IF EXISTS _sl_fts_terms")
        con.execute("DROP TABLE IF EXISTS _sl_fts_new")
        con.execute("DROP TABLE IF EXISTS _sl_fts_ids")
    return int(n)


def _summary(store: Any, fts: bool) -> None:
    with store.transaction("updating the store's totals") as con:
        row = con.execute(
            f"SELECT max(TRY_CAST(substr(published_date, 1, 10) AS DATE)) FILTER (regexp_matches(published_date, "
            f"'{FULL_DAY}')), min(published_date) FILTER (regexp_matches(published_date, '^\\d{{4}}-\\d{{2}}-\\d{{2}}$')), "
            "max(published_date) FILTER (regexp_matches(published_date, '^\\d{4}-\\d{2}-\\d{2}$')), "
            "count(*), count(DISTINCT source) FROM articles").fetchone()
        sums = con.execute("SELECT sum(n_events), sum(n_quotes), sum(n_entities) FROM article_facts").fetchone()
        events = _event_totals(con, row[0])
        # the counts' cells, rebuilt whole: one GROUP BY over the event index (measured at
        # 100,000 articles, 62,000 events: 0.9 s; 0.2 s at 10,000), like the totals above
        con.execute("DELETE FROM event_counts")
        con.execute(EVENT_COUNTS_SQL)
        con.execute("DELETE FROM count_margins")
        con.execute(COUNT_MARGINS_SQL)
        con.execute("DELETE FROM read_summary")
        con.execute("INSERT INTO read_summary VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)",
                    [row[0], row[1], row[2], row[3], row[4], int(sums[0] or 0), int(sums[1] or 0), int(sums[2] or 0),
                     fts, json.dumps(events)])
        con.execute(OVERDUE_FLAGS_SQL)      # with the day, in its transaction: readers see the two agree


def _event_totals(con: Any, as_of: Any) -> dict[str, Any]:
    """The event figures of ``/api/stats``, as of the newest article (they change only with a write)."""
    day = as_of.isoformat() if as_of else None
    n, linked, overdue = con.execute(
        "SELECT count(*), count(*) FILTER (linked), count(*) FILTER (coalesce(open_plan AND date_end < ?, FALSE)) "
        "FROM event_index", [day]).fetchone()
    by_status = con.execute("SELECT status, count(*) AS n FROM event_index GROUP BY status "
                            "ORDER BY n DESC, status").fetchall()
    by_type = con.execute("SELECT type, count(*) AS n FROM event_index GROUP BY type ORDER BY n DESC, type").fetchall()
    pairs = con.execute("SELECT countries, count(*) AS n FROM event_index WHERE len(countries) = 2 "
                        "GROUP BY countries ORDER BY n DESC, countries LIMIT 20").fetchall()
    return {"events": int(n or 0), "linked_events": int(linked or 0), "overdue": int(overdue or 0),
            "by_status": dict(by_status), "by_type": dict(by_type),
            "country_pairs": [{"countries": list(p), "events": k} for p, k in pairs]}



# ---------------------------------------------------------------------- Parquet partitions
PRIVATE_TABLES = ("parse_cache", "article_signatures", "article_bands")     # the writers' own: no reader needs them


def export_partitions(db: str, out: str) -> list[str]:
    """Write every table a reader queries as Parquet, one folder per table under ``out`` (files of
    up to 256 MB, rows in the store's order), for ``api.db.open_partitions``: the API,
    the CLI and ``storyline serve --db OUT`` then read them in place. Returns the tables written."""
    import duckdb

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [(s, t) for s, t in con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND (schema_name = 'main' OR schema_name = ?) ORDER BY 1, 2", [FTS]).fetchall()
            if t not in PRIVATE_TABLES]
        written = []
        for schema, table in tables:
            name = table if schema == "main" else f"{schema}.{table}"
            target = (out_dir / name)
            target.mkdir(exist_ok=True)
            dest = str(target).replace("'", "''")
            con.execute(f'COPY (SELECT * FROM "{schema}"."{table}") TO \'{dest}\' '
                        f"(FORMAT parquet, PER_THREAD_OUTPUT false, FILE_SIZE_BYTES '256MB', OVERWRITE_OR_IGNORE)")
            written.append(name)
        macros = [{"schema": s, "name": n, "parameters": list(p), "definition": d} for s, n, p, d in con.execute(
            "SELECT schema_name, function_name, parameters, macro_definition FROM duckdb_functions() "
            "WHERE function_type = 'macro' AND schema_name = ? AND function_name = 'tokenize'", [FTS]).fetchall()]
        (out_dir / "macros.json").write_text(json.dumps(macros, indent=1) + "\n")
        return written
    finally:
        con.close()
