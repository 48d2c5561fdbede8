"""The library's front door: ``storyline.open(db)`` gives a handle on one store.

A :class:`Storyline` holds only the database path; every method is the read query of
the same name in :mod:`storyline.api.queries` (the CLI's reading verbs and the HTTP API
call the same functions), so the three ways in answer alike. Writing goes through
:func:`storyline.ingest`, :func:`storyline.reanalyze` and :func:`storyline.link`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .api import queries
from .store import default_db_path


class Storyline:
    """A store opened for reading: ``sl = storyline.open("storyline.duckdb"); sl.events(countries="RUS,JPN")``."""

    def __init__(self, db: str | os.PathLike[str] | None = None):
        self.db = Path(default_db_path(db))
        if not self.db.exists():
            raise FileNotFoundError(f"no Storyline store at {self.db}: create it with "
                                    f"`storyline ingest PATH --db {self.db}` or storyline.ingest([...], db)")

    def __repr__(self) -> str:
        return f"Storyline({str(self.db)!r})"

    def events(self, **filters: Any) -> dict[str, Any]:
        """Corpus-level events, filtered, sorted and paged (see ``queries.events``)."""
        return queries.events(self.db, **filters)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with its lifecycle and evidence, or None."""
        return queries.event(self.db, event_id)

    def articles(self, **filters: Any) -> dict[str, Any]:
        return queries.articles(self.db, **filters)

    def article(self, article_id: str) -> dict[str, Any] | None:
        return queries.article(self.db, article_id)

    def actors(self, **filters: Any) -> dict[str, Any]:
        return queries.actors(self.db, **filters)

    def quotes(self, **filters: Any) -> dict[str, Any]:
        return queries.quotes(self.db, **filters)

    def search(self, q: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
        return queries.search(self.db, q, limit=limit, offset=offset)

    def counts(self, **filters: Any) -> dict[str, Any]:
        return queries.counts(self.db, **filters)

    def stats(self) -> dict[str, Any]:
        return queries.stats(self.db)


def open(db: str | os.PathLike[str] | None = None) -> Storyline:
    """Open a store for reading (``STORYLINE_DB`` or ``storyline.duckdb`` when ``db`` is None)."""
    return Storyline(db)
