"""Linking: one ``event_id`` for all reports of one real-world event.

Reports are *blocked* by event type and country pair (unordered for symmetric
types; the pairs of one joint happening, a meeting of three or two vetoes of one
resolution, share the smallest of their blocks, ``mentions.joint_blocks``, and
the first pair decided takes the others along) and processed in a canonical order: publication date, article id,
position in the article. Each report is compared with a bounded number of the
block's clusters -- those sharing a participant, a place, a date key or the
evidence sentence, plus the most recently reported ones, all reported within
``rules.window_days`` -- and joins the best one that ``compare`` accepts, or
starts a new one. The cost is linear in the number of reports.

Because each decision depends only on reports earlier in the canonical order,
the partition does not depend on input order, and incremental linking equals
linking everything at once: new reports are placed at their position in each
touched block, the block's clusters are cut back to the reports before that
position, and the reports from there on are decided again. An event's id is
derived from its earliest report (``ev-`` + hash of article id and event id).
"""
from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field
from typing import Any
from collections.abc import Iterable

from . import dates
from ..codes import Status
from .compare import Cluster, compare, month_years
from .mentions import Mention, event_id_of, mentions_of
from .rules import RULES, LinkRules


class BlockLinker:
    """The clusters of one block, with the index lists that find candidates."""

    def __init__(self, rules: LinkRules):
        self.rules = rules
        self.clusters: dict[str, Cluster] = {}
        self.postings: dict[str, list[tuple[dt.date | None, Cluster]]] = {}
        self.joints: dict[tuple[str, ...], Cluster] = {}     # a joint happening of one article -> its cluster
        self.compared = 0

    @staticmethod
    def joint_key(m: Mention) -> tuple[str, ...] | None:
        """The key of the joint happening ``m`` is one pair of (``mentions.joint_blocks``), if any."""
        return (m.article_id, m.type, m.status, m.date or "", m.evidence_key) if m.joint else None

    # ------------------------------------------------------------------ index
    @staticmethod
    def keys(m: Mention) -> list[str]:
        """Index keys of a report; a dated one is found by undated "happened" reports near its time."""
        if m.published is None:     # a repeat of its sentence, or (a month without its year) its people
            keys = [f"e:{m.evidence_key}"] if m.evidence_key else []
            if m.partial_month:
                keys += [f"p:{c}:{w}" for c, p in m.persons for w in {p.split()[0], p.split()[-1]}]
            return keys
        keys = ["*"]
        keys += [f"p:{c}:{w}" for c, p in m.persons for w in {p.split()[0], p.split()[-1]}]
        if m.place_key:
            keys.append(f"l:{m.place_key}")
        if m.evidence_key:
            keys.append(f"e:{m.evidence_key}")
        if m.interval:
            keys += dates.index_keys(m.interval)
        return keys

    def query_keys(self, m: Mention) -> list[str]:
        if m.published is None:          # no time to look around: a verbatim repeat, or its people
            return sorted(set(self.keys(m)))
        keys = self.keys(m)
        if m.interval is None and m.status == Status.HAPPENED:
            recent = (m.published - dt.timedelta(days=self.rules.recent_days), m.published)
            keys += dates.index_keys(recent)
        return sorted(set(keys))

    def _index(self, m: Mention, c: Cluster) -> None:
        for k in self.keys(m):
            self.postings.setdefault(k, []).append((m.published, c))

    def candidates(self, m: Mention) -> list[Cluster]:
        r = self.rules
        cutoff = m.published - dt.timedelta(days=r.window_days) if m.published else None
        scan = r.posting_scan
        hits: dict[str, int] = {}
        found: dict[str, Cluster] = {}
        for k in self.query_keys(m):
            lst = self.postings.get(k)
            if not lst:
                continue
            limit = r.recent_clusters if k == "*" else scan
            seen: set[str] = set()
            for when, c in reversed(lst[-scan:]):          # the newest ``scan`` entries, newest first
                if len(seen) >= limit or (cutoff is not None and when is not None and when < cutoff):
                    break
                cid = c.cid
                if cid not in seen:
                    seen.add(cid)
                    found[cid] = c
                    hits[cid] = hits.get(cid, 0) + 1
        # the best ``max_candidates`` as sorted() would order them (nsmallest keeps its order and ties)
        return heapq.nsmallest(r.max_candidates, found.values(),
                               key=lambda c: (-hits[c.cid], -(c.last_pub or dt.date.min).toordinal(), c.first_key))

    # ------------------------------------------------------------------ decisions
    def absorb(self, m: Mention) -> None:
        """Put an already-linked report back into its cluster (no decision)."""
        cid = m.event_id or event_id_of(m.article_id, m.local_id)
        c = self.clusters.get(cid)
        if c is None:
            c = self.clusters[cid] = Cluster(cid, self.rules.evidence_kept)
        c.add(m)
        self._index(m, c)
        jk = self.joint_key(m)
        if jk is not None:
            self.joints.setdefault(jk, c)

    def decide(self, m: Mention) -> str:
        """Link one report: join the best accepting cluster or start one. Returns its event id."""
        jk = self.joint_key(m)
        joined = self.joints.get(jk) if jk is not None else None
        if joined is not None:          # another pair of a joint happening: its first pair decided for all
            m.event_id = joined.cid
            joined.add(m)
            self._index(m, joined)
            return joined.cid
        best: Cluster | None = None
        best_score = 0.0
        years: set[int] = set()
        for c in self.candidates(m):
            self.compared += 1
            s = compare(m, c, self.rules)
            if s is not None and m.published is None and m.partial_month:
                years |= month_years(c, m.partial_month, self.rules)
            if s is not None and (best is None or s > best_score or (s == best_score and c.first_key < best.first_key)):
                best, best_score = c, s
        if len(years) > 1:
            best = None                 # a month of an unknown year that fits happenings of several years: none
        if best is None:
            cid = event_id_of(m.article_id, m.local_id)
            best = self.clusters.get(cid) or Cluster(cid, self.rules.evidence_kept)
            self.clusters[cid] = best
        m.event_id = best.cid
        best.add(m)
        self._index(m, best)
        if jk is not None:
            self.joints[jk] = best
        return best.cid


@dataclass
class LinkState:
    """Reports already linked (each with its ``event_id``): all of them, or those of the touched blocks
    that ``storyline.store.events.load_link_state`` loads."""

    mentions: list[Mention] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)   # updated in place when their ids change

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> "LinkState":
        """The state of article records linked before (their events carry ``event_id``).
        ``link_events`` writes changed ids back into these records."""
        records = list(records)
        return cls([m for rec in records for m in mentions_of(rec)], records)


@dataclass
class LinkResult:
    """What one linking run decided."""

    mentions: list[Mention]                     # every report decided in this run, with its event_id
    events: dict[str, list[Mention]]            # each corpus event touched, with all its reports in order
    changed: dict[tuple[str, str], str]         # reports linked before whose event id changed
    dropped: set[str]                           # event ids that no longer exist
    removed: list[Mention] = field(default_factory=list)   # old reports of re-linked articles
    compared: int = 0                                       # report-cluster comparisons made (cost)

    @property
    def assignments(self) -> dict[tuple[str, str], str]:
        """(article id, event id in the article) -> corpus event id."""
        return {m.key: m.event_id or "" for m in self.mentions}

    def apply(self, records: Iterable[dict[str, Any]]) -> None:
        """Write the decided ids into article records (events this run did not decide keep theirs)."""
        ids = self.assignments
        for rec in records:
            aid = str(rec.get("id") or "")
            for i, ev in enumerate(rec.get("events") or []):
                if isinstance(ev, dict) and ev.get("type"):
                    key = (aid, str(ev.get("id") or f"#{i}"))
                    if key in ids:
                        ev["event_id"] = ids[key]

    @property
    def articles(self) -> set[str]:
        """Articles whose records' event ids were (re)assigned."""
        return {m.article_id for m in self.mentions}


def link_mentions(new: Iterable[Mention], existing: Iterable[Mention] = (), *,
                  rules: LinkRules = RULES) -> LinkResult:
    """Link ``new`` reports among themselves and to the ``existing`` ones (see the module docstring).

    Existing reports of an article that appears in ``new`` are replaced by the new ones.
    Existing reports without an event id are linked as new ones.
    """
    new = list({m.key: m for m in new}.values())          # an article given twice counts once
    old = list(existing)
    new += [m for m in old if not m.event_id]
    old = [m for m in old if m.event_id]
    relinked = {m.article_id for m in new}
    removed = [m for m in old if m.article_id in relinked]
    old = [m for m in old if m.article_id not in relinked]
    before = {m.key: m.event_id for m in old}

    by_block: dict[str, tuple[list[Mention], list[Mention], list[Mention]]] = {}
    for m in new:
        by_block.setdefault(m.block, ([], [], []))[0].append(m)
    for m in removed:
        by_block.setdefault(m.block, ([], [], []))[2].append(m)
    for m in old:
        if m.block in by_block:
            by_block[m.block][1].append(m)

    decided: list[Mention] = []
    events: dict[str, list[Mention]] = {}
    changed: dict[tuple[str, str], str] = {}
    dropped: set[str] = set()
    compared = 0
    for block in sorted(by_block):
        fresh, known, gone = by_block[block]
        start = min(m.sort_key for m in [*fresh, *gone]) if fresh or gone else ""
        prefix = sorted((m for m in known if m.sort_key < start), key=lambda m: m.sort_key)
        redo_old = [m for m in known if m.sort_key >= start]
        suffix = sorted([*redo_old, *fresh], key=lambda m: (m.sort_key, m.local_id))
        engine = BlockLinker(rules)
        for m in prefix:
            engine.absorb(m)
        old_ids = {before[m.key] for m in redo_old} | {m.event_id for m in gone if m.event_id}
        for m in suffix:
            engine.decide(m)
        decided += suffix
        compared += engine.compared
        touched = {m.event_id for m in suffix} | old_ids
        for m in redo_old:
            if m.event_id != before[m.key]:
                changed[m.key] = m.event_id or ""
        for cid in touched:
            c = engine.clusters.get(cid or "")
            if c is not None and c.members:
                events[c.cid] = sorted(c.members, key=lambda m: m.sort_key)
            elif cid:
                dropped.add(cid)
    return LinkResult(mentions=decided, events=events, changed=changed, dropped=dropped, removed=removed,
                      compared=compared)


def link_events(records: list[dict[str, Any]], existing: LinkState | None = None, *,
                rules: LinkRules = RULES) -> LinkResult:
    """Assign an ``event_id`` to every event of ``records`` (article records of OUTPUT.md), in place.

    ``existing`` holds reports linked before (``LinkState.from_records(old_records)``, whose
    records get their changed ids written back, or ``storyline.store.events.load_link_state``);
    new reports join their events or start new ones. Records linked before may be passed
    again: their reports are re-decided.
    The partition is independent of the order of ``records``; linking again changes nothing.
    """
    new = [m for rec in records for m in mentions_of(rec)]
    for m in new:
        m.event_id = None
    result = link_mentions(new, existing.mentions if existing else (), rules=rules)
    fresh = {str(rec.get("id") or "") for rec in records}
    result.apply(records)
    if existing is not None:
        result.apply(r for r in existing.records if str(r.get("id") or "") not in fresh)
    return result
