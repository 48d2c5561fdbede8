"""Linking: one real-world event across many articles.

Pure functions on article records (OUTPUT.md dicts):

- ``link_events(records, existing=None)`` sets ``event_id`` on every event; reports
  of one happening (from first rumour to outcome, in any article) share it.
- ``build_lifecycle(event_id, mentions, groups)`` / ``with_overdue(lifecycle, as_of)``:
  status history, current status, best date and place, sources, conflicts, overdue.
- ``sign_records(records)`` / ``find_duplicates(new, existing, groups)``: reprints,
  updates and truncated copies by MinHash LSH over character 5-grams.

``build_actors(rows)``: one actor per person, place and organisation across the corpus
(spellings, partial names, types merged; ``actors``).

The job over a store is ``storyline.runners.link_job`` (``link_pending(store)``,
``link(db)``, ``corpus_events(db)``); ``storyline.store.events`` does its I/O.
Rules and thresholds are data: ``rules.RULES`` and ``rules.DEDUP``.
"""
from __future__ import annotations

from .dedup import DuplicateResult, Signature, find_duplicates, sign, sign_records
from .lifecycle import build_lifecycle, with_overdue
from .linker import LinkResult, LinkState, link_events, link_mentions
from .mentions import Mention, event_id_of, mentions_of
from .rules import DEDUP, RULES, DedupRules, LinkRules
from .actors import ActorTable, build_actors, duplicate_actor_rows

__all__ = [
    "link_events", "link_mentions", "LinkState", "LinkResult", "Mention", "mentions_of", "event_id_of",
    "build_lifecycle", "with_overdue", "Signature", "DuplicateResult", "sign", "sign_records", "find_duplicates",
    "build_actors", "ActorTable", "duplicate_actor_rows",
    "LinkRules", "DedupRules", "RULES", "DEDUP",
]
