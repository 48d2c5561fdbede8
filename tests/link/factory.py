"""Constructed article records (OUTPUT.md shape) for the linking tests and the benchmark."""
from __future__ import annotations

import hashlib
from typing import Any

Actor = tuple[str | None, str | None]          # (country, person name or None)


def event(eid: str, *, type: str = "CONSULT", mode: str | None = "visit", status: str = "planned",
          src: Actor = ("RUS", None), tgt: Actor = ("JPN", None), date: str | None = None,
          loc: tuple[str | None, str | None] | None = None, evidence: str = "") -> dict[str, Any]:
    """One event; persons get entity ids that ``article`` resolves to PERSON entities."""
    def actor(a: Actor) -> dict[str, Any]:
        return {"name": a[1], "entity": _pid(a[1]) if a[1] else None, "country": a[0]}

    return {"id": eid, "event_id": None, "type": type, "mode": mode, "status": status, "source": actor(src),
            "target": actor(tgt), "date": date,
            "location": None if loc is None else {"name": loc[0], "country": loc[1]},
            "evidence": {"text": evidence, "start": 0, "end": len(evidence)}, "reported_by": None}


def article(aid: str, published: str | None, events: list[dict[str, Any]], *, source: str | None = "TASS",
            text: str | None = None, headline: str | None = None) -> dict[str, Any]:
    people = {}
    for ev in events:
        for side in ("source", "target"):
            a = ev[side]
            if a["entity"]:
                people[a["entity"]] = {"id": a["entity"], "name": a["name"], "type": "PERSON",
                                       "country": a["country"], "role": None, "mentions": []}
    body = text if text is not None else " ".join(ev["evidence"]["text"] for ev in events)
    return {"id": aid, "path": f"corpus/{aid}.txt", "source": source, "headline": headline, "lead": None,
            "dateline": None, "published": {"date": published, "how": "test", "confidence": 1.0}, "text": body,
            "url": None, "entities": list(people.values()), "timexes": [], "events": events, "quotes": []}


def _pid(name: str) -> str:
    return "p" + hashlib.sha1(name.encode()).hexdigest()[:6]


def ids(records: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(article id, event id) -> corpus event id."""
    return {(r["id"], e["id"]): e["event_id"] for r in records for e in r["events"]}


def partition(records: list[dict[str, Any]]) -> set[frozenset[tuple[str, str]]]:
    """The clusters of events, independent of the ids given to them."""
    groups: dict[str, set[tuple[str, str]]] = {}
    for key, eid in ids(records).items():
        groups.setdefault(eid, set()).add(key)
    return {frozenset(g) for g in groups.values()}


PUTIN, ABE, LAVROV, KISHIDA = "Vladimir Putin", "Shinzo Abe", "Sergei Lavrov", "Fumio Kishida"


def putin_visit_story() -> list[dict[str, Any]]:
    """Rumour -> plan -> scheduled -> held, with a Lavrov visit in the same block that must stay apart."""
    return [
        article("a1", "2015-10-06", [event("e1", status="possible", src=("RUS", PUTIN), date="2015",
                                           loc=("Japan", "JPN"),
                                           evidence="Tokyo hopes that Russian President Vladimir Putin will come "
                                                    "to Japan on a visit by the end of the year")]),
        article("a2", "2016-01-26", [event("e1", src=("RUS", PUTIN), loc=("Japan", "JPN"),
                                           evidence="preparations for the visit of Russian President Vladimir "
                                                    "Putin to Japan")], source="Kyodo"),
        article("a3", "2016-02-06", [
            event("e1", status="possible", src=("RUS", LAVROV), date="2016-SP", loc=("Japan", "JPN"),
                  evidence="Russia's Foreign Minister Sergei Lavrov may visit Japan this spring"),
            event("e2", status="possible", src=("RUS", PUTIN), loc=("Japan", "JPN"),
                  evidence="a possible visit of Russia's President Vladimir Putin to Japan")]),
        article("a4", "2016-12-03", [event("e1", src=("RUS", PUTIN), date="2016-12-14/2016-12-15",
                                           loc=("Tokyo", "JPN"),
                                           evidence="the official visit of Russian President Vladimir Putin to "
                                                    "Tokyo on December 14-15")]),
        article("a5", "2016-12-16", [event("e1", status="happened", src=("RUS", PUTIN), tgt=("JPN", ABE),
                                           date="2016-12-15/2016-12-16", loc=("Nagato", "JPN"),
                                           evidence="Putin arrived in Nagato on Thursday for talks with Abe, "
                                                    "the first visit to Japan in eleven years")],
                source="Reuters"),
    ]
