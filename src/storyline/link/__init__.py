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

And the job over a store (``storyline.store.events`` does the I/O):
``link_pending(store)`` links every stored article not linked yet; ``link(db)`` and
``corpus_events(db)`` are the same for a database path (CLI verbs).
Rules and thresholds are data: ``rules.RULES`` and ``rules.DEDUP``.
"""
from __future__ import annotations

from .dedup import DuplicateResult, Signature, find_duplicates, sign, sign_records
from .lifecycle import build_lifecycle, with_overdue
from .linker import LinkResult, LinkState, link_events, link_mentions
from .mentions import Mention, event_id_of, mentions_of
from .rules import DEDUP, RULES, DedupRules, LinkRules
from .actors import ActorTable, build_actors, duplicate_actor_rows
from .job import LinkReport, corpus_events, link, link_articles, link_pending, refresh_actors, relink_all

__all__ = [
    "link_events", "link_mentions", "LinkState", "LinkResult", "Mention", "mentions_of", "event_id_of",
    "build_lifecycle", "with_overdue", "Signature", "DuplicateResult", "sign", "sign_records", "find_duplicates",
    "build_actors", "ActorTable", "duplicate_actor_rows", "refresh_actors",
    "link", "corpus_events", "link_articles", "link_pending", "relink_all", "LinkReport", "LinkRules", "DedupRules", "RULES", "DEDUP",
]
