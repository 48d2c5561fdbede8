"""Read-only views of the store for people: counts and a short timeline."""
from __future__ import annotations

import os
from dataclasses import asdict
from typing import Any

from .store import Store


def stats(db: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        counts = store.counts()
        n_events = sum(len(r.get("events") or []) for r in store.iter_records())
        counts["events"] = n_events
        return {"db": store.path, "counts": counts, "rejections": [asdict(r) for r in store.rejections()]}


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
