"""The linking job over a store: duplicates, event ids, lifecycles -- one transaction per chunk.

Orchestration lives in ``runners/`` beside the local and Ray ingest runners: this job reads
and writes the store (``storyline.store.events``) and calls the pure functions of
``storyline.link``, which know nothing of the store, so neither package imports the other
back.

``link_pending(store)`` links every stored article the linker has not seen, in
publication order and in chunks; the pipeline calls it after ingesting. Because
incremental linking equals linking everything at once (see ``linker``), chunking
and the order of ingests change nothing, and running it again finds nothing to do.
``link_articles(store, records)`` links given records (``Article`` objects or
dicts) and writes their event ids back onto them.

After linking, ``redate_from_corpus`` dates the articles without a full publication
date whose reports are of events the confidently dated articles place on a known day
(``storyline.link.redate``), re-anchors their time expressions and event dates from the
parse cache (as ``storyline reanalyze`` does) and links them again.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any
from collections.abc import Sequence

from ..limits import release_memory
from ..link.actors import build_actors, count_events
from ..link.dedup import Signature, find_duplicates, sign_records
from ..link.lifecycle import build_lifecycle
from ..link.linker import link_mentions
from ..link.mentions import Mention, mentions_of
from ..link.rules import DEDUP, RULES, DedupRules, LinkRules
from ..store import Store
from ..store import events as db
from ..store.events import load_corpus_events
from ..analyze import analyze_stream
from ..ingest.published import report_weekday
from ..link.redate import HOW, SOURCE_CONFIDENCE, Source, established_day, redate_record
from ..records import Article, article_from_dict

CHUNK = 2000


@dataclass
class LinkReport:
    """What one linking job did."""

    articles: int = 0
    reports: int = 0                    # event reports linked (new and re-decided)
    new_reports: int = 0                # of which in the articles linked by this job
    events_touched: int = 0             # corpus events whose lifecycle was rewritten
    events_dropped: int = 0             # corpus events that no longer exist (merged into an earlier one)
    duplicates: int = 0                 # articles whose duplicate group was set or changed
    redated: int = 0                    # articles dated from the corpus's events (``link.redate``)
    event_ids: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, other: "LinkReport") -> None:
        self.articles += other.articles
        self.reports += other.reports
        self.new_reports += other.new_reports
        self.events_touched += other.events_touched
        self.events_dropped += other.events_dropped
        self.duplicates += other.duplicates
        self.redated += other.redated
        self.event_ids.update(other.event_ids)


def link_articles(store: "Store", records: Sequence["Article | dict[str, Any]"], *, rules: LinkRules = RULES,
                  dedup: DedupRules = DEDUP) -> LinkReport:
    """Find duplicates of, link and store the events of ``records``; set their events' ``event_id``."""
    recs = [r if isinstance(r, dict) else r.to_dict() for r in records]
    if not recs:
        return LinkReport()
    report = _link(store, [m for rec in recs for m in mentions_of(rec)], sign_records(recs, dedup),
                   [str(r.get("id")) for r in recs], rules=rules, dedup=dedup)
    for rec, original in zip(recs, records):
        _write_ids(rec, original, report.event_ids)
    return report


def _link(store: "Store", new: list[Mention], sigs: list[Signature], article_ids: list[str], *,
          rules: LinkRules, dedup: DedupRules) -> LinkReport:
    """Link the articles ``article_ids``, given what linking needs of them: their event reports
    (``mentions_of``) and text signatures (``sign_records``)."""
    cands, cand_groups = db.load_duplicate_candidates(store, sigs)
    found = find_duplicates(sigs, cands, cand_groups, rules=dedup).groups
    grouped = db.load_duplicate_groups(store, found)
    regroup = {a: g for a, g in found.items() if grouped.get(a) != g}

    for m in new:
        m.event_id = None
    state = db.load_link_state(store, new + db.load_mentions_of_articles(store, article_ids), rules.window_days)
    result = link_mentions(new, state.mentions, rules=rules)

    # lifecycles of the touched events, and of events whose articles changed duplicate group
    members: dict[str, list[Mention]] = dict(result.events)
    regrouped = db.event_ids_of_articles(store, regroup) - set(members) - result.dropped
    members.update(db.load_event_members(store, regrouped))
    touched = {m.article_id for ms in members.values() for m in ms}
    groups = db.load_duplicate_groups(store, touched)
    groups.update(regroup)
    lifecycles = {eid: build_lifecycle(eid, ms, groups, rules=rules) for eid, ms in members.items() if ms}

    db.save_links(store, result, lifecycles, linked_articles=article_ids, signatures=sigs, duplicates=regroup)
    return LinkReport(articles=len(article_ids), reports=len(result.mentions), new_reports=len(new),
                      events_touched=len(lifecycles),
                      events_dropped=len(result.dropped), duplicates=len(regroup), event_ids=result.assignments)


def _write_ids(rec: dict[str, Any], original: "Article | dict[str, Any]", ids: dict[tuple[str, str], str]) -> None:
    aid = str(rec.get("id") or "")
    targets = original["events"] if isinstance(original, dict) else original.events
    for i, ev in enumerate(targets or []):
        local = ev.get("id") if isinstance(ev, dict) else ev.id
        eid = ids.get((aid, str(local or f"#{i}")))
        if isinstance(ev, dict):
            if ev.get("type"):
                ev["event_id"] = eid
        elif eid:
            ev.event_id = eid


def link_pending(store: "Store", *, rules: LinkRules = RULES, dedup: DedupRules = DEDUP,
                 chunk: int = CHUNK) -> LinkReport:
    """Link every stored article the linker has not seen yet, oldest first, ``chunk`` at a time."""
    report = LinkReport()
    pending = db.pending_article_ids(store)
    for start in range(0, len(pending), chunk):
        records = db.load_link_records(store, pending[start:start + chunk])
        store.recycle()         # reading them filled DuckDB's cache with record blocks; linking needs none
        new = [m for rec in records for m in mentions_of(rec)]
        sigs = sign_records(records, dedup)
        ids = [str(r["id"]) for r in records]
        del records             # the records are not needed while the chunk links
        part = _link(store, new, sigs, ids, rules=rules, dedup=dedup)
        part.event_ids = {}     # the store has them; a report over the whole store would grow with it
        report.add(part)
        del new, sigs, part
        store.recycle()         # a chunk's state and DuckDB's cache go before the next one comes
        release_memory()
    if pending:
        report.redated = len(redate_from_corpus(store, pending, rules=rules, dedup=dedup))
    if pending or not _actors_built(store):
        refresh_actors(store)
    return report


def redate_from_corpus(store: "Store", article_ids: Sequence[str] | None = None, *, rules: LinkRules = RULES,
                       dedup: DedupRules = DEDUP) -> list[str]:
    """Date the stored articles without a full publication date from the corpus's events
    (``storyline.link.redate``); returns the ids of the articles redated.

    Looked at: the undated articles among ``article_ids`` and those with reports in the blocks
    the reports of ``article_ids`` fall in (a new dated report can date an older undated one);
    all undated articles when ``article_ids`` is None. An article redated so is not looked at
    again, and never serves as a source. Each one redated is analysed again from the parse cache
    with its new date (its time expressions and event dates re-anchored), stored, and linked again.
    """

    records = _undated_records(store, article_ids)
    if not records:
        return []
    sources = _sources(store, records)
    if not sources:
        return []
    found = [(rec, r) for rec in records if (r := redate_record(rec, sources, rules=rules)) is not None]
    if not found:
        return []
    return _store_redated(store, found, rules=rules, dedup=dedup)


def _undated_records(store: "Store", article_ids: Sequence[str] | None) -> list[dict[str, Any]]:
    """The stored records without a full publication date that ``redate_from_corpus`` looks at."""
    import json


    if article_ids is None:
        scope, args = "", []
    else:
        if not article_ids:
            return []
        scope = ("AND (u.article_id IN (SELECT unnest(?::VARCHAR[])) OR u.block IN (SELECT block FROM event_mentions "
                 "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))))")
        args = [list(article_ids), list(article_ids)]
    rows = store.con.execute(
        "SELECT a.record FROM articles a WHERE a.id IN (SELECT u.article_id FROM event_mentions u "
        f"WHERE u.published IS NULL {scope}) AND coalesce(a.published_how, '') NOT LIKE ? ORDER BY a.id",
        [*args, f"%{HOW}%"]).fetchall()
    return db.with_event_ids(store.con, [json.loads(r[0]) for r in rows])


def _sources(store: "Store", records: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """block -> the corpus events of the blocks of ``records``'s reports that name one of their
    people (``link.redate`` needs a person in common), each with the day its confident dated
    reports agree on, if they do."""

    people = sorted({(m.block, p.split()[-1]) for rec in records for m in mentions_of(rec)
                     for _, p in m.persons if p})
    if not people:
        return {}
    rows = store.con.execute(
        "WITH people AS (SELECT unnest(?::VARCHAR[]) AS block, unnest(?::VARCHAR[]) AS word) "
        "SELECT DISTINCT x.event_id FROM event_mentions x JOIN people q ON x.block = q.block "
        "AND contains(x.persons, q.word)", [[b for b, _ in people], [w for _, w in people]]).fetchall()
    ids = sorted(r[0] for r in rows)
    if not ids:
        return {}
    confident = {r[0] for r in store.con.execute(
        "SELECT id FROM articles WHERE published_confidence >= ? AND coalesce(published_how, '') NOT LIKE ? "
        "AND id IN (SELECT article_id FROM event_mentions WHERE event_id IN (SELECT unnest(?::VARCHAR[])))",
        [SOURCE_CONFIDENCE, f"%{HOW}%", ids]).fetchall()}
    out: dict[str, list[Any]] = {}
    for eid, members in sorted(db.load_event_members(store, ids).items()):
        day, witnesses = established_day(m for m in members if m.published is not None and m.article_id in confident)
        for block in sorted({m.block for m in members}):
            out.setdefault(block, []).append(Source(eid, day, members, witnesses))
    return out


def _store_redated(store: "Store", found: list[tuple[dict[str, Any], Any]], *, rules: LinkRules,
                   dedup: DedupRules) -> list[str]:
    """Analyse the redated articles again with their new dates (from the parse cache, as
    ``storyline reanalyze`` does), store them with their new dates and link them again."""

    articles = []
    for rec, r in found:
        a = article_from_dict(rec, report_weekday)
        a.published = r.published
        articles.append(a)
    done = [a for a in analyze_stream(iter(articles), store, 1) if isinstance(a, Article)]
    if not done:
        return []
    # one transaction: a killed job leaves no article redated but linked with its old reports
    with store.transaction(f"dating {len(done)} article(s) from the corpus's events") as con:
        store.update_records(done)
        for a in done:
            p = a.published
            year = int(p.date[:4]) if p.date and p.date[:4].isdigit() else None
            con.execute("UPDATE articles SET published_date = ?, published_how = ?, published_confidence = ?, "
                        "published_year = ? WHERE id = ?", [p.date, p.how, p.confidence, year, a.id])
        link_articles(store, done, rules=rules, dedup=dedup)
    return [a.id for a in done]


def refresh_actors(store: "Store") -> int:
    """Rebuild the corpus's actors (``actors.build_actors``) from every stored article's entities and
    the linked reports, and store them; returns how many actors there are."""
    table = build_actors(db.load_entity_rows(store))
    count_events(table, db.event_sides(store))
    db.save_actors(store, table)
    return len(table.actors)


def _actors_built(store: "Store") -> bool:
    if not db.has_actors(store.con):
        return not store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
    return True


def relink_all(store: "Store", *, rules: LinkRules = RULES, dedup: DedupRules = DEDUP,
               chunk: int = CHUNK) -> LinkReport:
    """Forget every link and link the whole store again (after a change of rules or extractor)."""
    db.forget_links(store)
    return link_pending(store, rules=rules, dedup=dedup, chunk=chunk)



def link(db: str | os.PathLike[str] | None = None, *, relink: bool = False, rules: LinkRules = RULES,
         dedup: DedupRules = DEDUP) -> LinkReport:
    """Link the store at ``db``: the articles not linked yet, or (``relink``) all of them again."""
    with Store(db) as store:
        if relink:
            return relink_all(store, rules=rules, dedup=dedup)
        return link_pending(store, rules=rules, dedup=dedup)


def corpus_events(db: str | os.PathLike[str] | None = None, *, as_of: dt.date | str | None = None,
                  status: str | None = None, overdue_only: bool = False,
                  limit: int | None = None) -> list[dict[str, Any]]:
    """The corpus events of the store at ``db`` with their lifecycles (read only); ``as_of`` is a
    date, "today", or None for the newest article in the store."""
    with Store(db, read_only=True) as store:
        return load_corpus_events(store, as_of=as_of, status=status, overdue_only=overdue_only, limit=limit)
