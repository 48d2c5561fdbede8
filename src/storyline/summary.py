"""Read-only views of the store for people: what it holds (``storyline stats``)."""
from __future__ import annotations

import os
from dataclasses import asdict
from typing import Any

from .api import queries
from .store import Store


def stats(db: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """What the store holds (``storyline stats``). ``counts.events`` counts corpus events (one per
    real-world event across articles), ``counts.reports`` the article-level event reports: the CLI
    used to print the reports under the name "events"."""
    with Store(db, read_only=True) as store:
        path, rejections = store.path, [asdict(r) for r in store.rejections()]
    s = queries.stats(path)
    counts = {k: s.get(k, 0) for k in ("articles", "sources", "events", "linked_events", "overdue", "reports",
                                       "quotes", "entities", "rejections")}
    return {"db": path, "counts": counts, "published": s.get("published"), "rejections": rejections}
