"""Read-only views of the store for people: counts and a short timeline."""
from __future__ import annotations

import os
from dataclasses import asdict
from typing import Any

from .store import Store


def stats(db: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """What the store holds (``storyline stats``). ``counts.events`` counts corpus events (one per
    real-world event across articles), ``counts.reports`` the article-level event reports: the CLI
    used to print the reports under the name "events"."""
    from .api import queries

    with Store(db, read_only=True) as store:
        path, rejections = store.path, [asdict(r) for r in store.rejections()]
    s = queries.stats(path)
    counts = {k: s.get(k, 0) for k in ("articles", "sources", "events", "linked_events", "overdue", "reports",
                                       "quotes", "entities", "rejections")}
    return {"db": path, "counts": counts, "published": s.get("published"), "rejections": rejections}


def _event_line(e: dict[str, Any]) -> str:
    src = (e.get("source") or {}).get("name") or (e.get("source") or {}).get("country") or "?"
    tgt = (e.get("target") or {}).get("name") or (e.get("target") or {}).get("country") or "?"
    mode = f"/{e['mode']}" if e.get("mode") else ""
    when = e.get("date") or "undated"
    return f"{e.get('type')}{mode} {src} -> {tgt} [{e.get('status')}, {when}]"


def timeline(db: str | os.PathLike[str] | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Articles in publication order with a line per event."""
    out = []
    with Store(db, read_only=True) as store:
        for rec in store.iter_records(order="published"):
            out.append({"date": (rec.get("published") or {}).get("date"), "source": rec.get("source"),
                        "headline": rec.get("headline"), "path": rec.get("path"),
                        "events": [_event_line(e) for e in rec.get("events") or []]})
            if len(out) >= limit:
                break
    return out
