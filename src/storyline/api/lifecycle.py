"""Corpus-level events and their lifecycle, built from the article records.

An article event with an ``event_id`` is one report of a real-world event; the
reports sharing an id, in order of publication, are its lifecycle: first rumour,
announcement, postponement, outcome. An article event without an id stands alone
(its key is ``<article id>.<event id>``). This module turns reports into events:
the current status is that of the latest report (ties broken by what a report
knows, happened > cancelled > postponed > planned > possible), except that an
event once reported held stays held, the best date the
most precise date of the latest reports that agree with it, and disagreements
between reports are listed as conflicts.

When the linking stage has written ``corpus_events`` (``store/events.py``), its
lifecycle JSON is preferred (``link_summary``/``link_detail`` map it to the same
shape: it also merges reprints and knows duplicate groups); grouping the article
records is the fallback, for events the linker has not seen.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .dates import precision_days, published_day, timex_range

STATUSES = ("happened", "planned", "possible", "postponed", "cancelled")
OPEN_STATUSES = frozenset({"planned", "possible"})      # an open plan can become overdue
STATUS_RANK = {"happened": 5, "cancelled": 4, "postponed": 3, "planned": 2, "possible": 1}
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass
class Report:
    """One article event, with the article it came from."""

    article_id: str
    path: str
    outlet: str | None
    headline: str | None
    published: str | None
    event: dict[str, Any]

    @property
    def key(self) -> str:
        return self.event.get("event_id") or f"{self.article_id}.{self.event.get('id')}"

    @property
    def day(self) -> date | None:
        return published_day(self.published)

    def order(self) -> tuple[str, int, str, str]:
        d = self.day
        return (d.isoformat() if d else "9999", STATUS_RANK.get(self.event.get("status") or "", 0),
                self.path, str(self.event.get("id")))


@dataclass
class CorpusEvent:
    key: str
    reports: list[Report] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


def _actor(a: Any) -> dict[str, Any]:
    a = a if isinstance(a, dict) else {}
    return {"name": a.get("name"), "country": a.get("country"), "entity": a.get("entity")}


def _most_common(values: list[Any]) -> Any:
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else None


def best_date(reports: list[Report]) -> str | None:
    """The latest reported date, made more precise by an earlier report that agrees with it."""
    dated = [r.event.get("date") for r in reports if timex_range(r.event.get("date"))]
    if not dated:
        return None
    latest = dated[-1]
    lr = timex_range(latest)
    best, best_days = latest, precision_days(latest) or 10**6
    for value in reversed(dated[:-1]):
        r, days = timex_range(value), precision_days(value)
        if r and lr and days is not None and days < best_days and lr[0] <= r[0] and r[1] <= lr[1]:
            best, best_days = value, days
    return best


def _conflicts(reports: list[Report]) -> list[dict[str, Any]]:
    """Reports that disagree: dates that do not overlap, locations in different countries, and
    statuses that contradict each other on the same publication day."""
    out: list[dict[str, Any]] = []
    by_date: dict[str, list[str]] = {}
    for r in reports:
        v = r.event.get("date")
        if timex_range(v):
            by_date.setdefault(v, []).append(r.article_id)
    ranges = {v: timex_range(v) for v in by_date}
    values = list(by_date)
    disjoint = any(ranges[a][1] < ranges[b][0] or ranges[b][1] < ranges[a][0]    # type: ignore[index]
                   for i, a in enumerate(values) for b in values[i + 1:])
    if disjoint:
        out.append({"field": "date", "values": [{"value": v, "articles": sorted(set(ids))}
                                                for v, ids in by_date.items()]})
    by_country: dict[str, list[str]] = {}
    for r in reports:
        c = ((r.event.get("location") or {}) or {}).get("country")
        if c:
            by_country.setdefault(c, []).append(r.article_id)
    if len(by_country) > 1:
        out.append({"field": "location", "values": [{"value": c, "articles": sorted(set(ids))}
                                                    for c, ids in by_country.items()]})
    by_day: dict[str, dict[str, list[str]]] = {}
    for r in reports:
        if r.day:
            by_day.setdefault(r.day.isoformat(), {}).setdefault(r.event.get("status") or "?", []).append(r.article_id)
    for day, statuses in sorted(by_day.items()):
        if len(statuses) > 1 and "happened" in statuses and set(statuses) & {"cancelled", "postponed", "planned"}:
            out.append({"field": "status", "as_of": day,
                        "values": [{"value": s, "articles": sorted(set(ids))} for s, ids in statuses.items()]})
    return out


def summarise(key: str, reports: list[Report], as_of: date | None) -> dict[str, Any]:
    """The list view of one event (what ``/api/events`` returns per item)."""
    reports = sorted(reports, key=Report.order)
    last = reports[-1]
    ev = last.event
    sources = [_actor(r.event.get("source")) for r in reports]
    targets = [_actor(r.event.get("target")) for r in reports]
    source = next((s for s in reversed(sources) if s["name"] or s["country"]), sources[-1])
    target = next((t for t in reversed(targets) if t["name"] or t["country"]), targets[-1])
    countries = sorted({a["country"] for a in sources + targets if a["country"]})
    actors = sorted({a["name"] for a in sources + targets if a["name"]})
    locations = [r.event.get("location") for r in reports if isinstance(r.event.get("location"), dict)]
    location = next((loc for loc in reversed(locations) if loc.get("name") or loc.get("country")), None)
    when = best_date(reports)
    rng = timex_range(when)
    days = [r.day for r in reports if r.day]
    first, last_day = (min(days), max(days)) if days else (None, None)
    # once a report says it was held, it was held (a later "called off" is a conflict, not the status)
    held = any(r.event.get("status") == "happened" for r in reports)
    status = "happened" if held else ev.get("status")
    overdue = bool(status in OPEN_STATUSES and rng and as_of and rng[1] < as_of)
    return {
        "event_id": key,
        "linked": bool(ev.get("event_id")),
        "type": _most_common([r.event.get("type") for r in reports]) or ev.get("type"),
        "mode": ev.get("mode") or _most_common([r.event.get("mode") for r in reports]),
        "status": status,
        "overdue": overdue,
        "source": {"name": source["name"], "country": source["country"]},
        "target": {"name": target["name"], "country": target["country"]},
        "countries": countries,
        "actors": actors,
        "date": when,
        "date_range": {"start": rng[0].isoformat(), "end": rng[1].isoformat()} if rng else None,
        "location": {"name": location.get("name"), "country": location.get("country")} if location else None,
        "first_reported": first.isoformat() if first else None,
        "last_reported": last_day.isoformat() if last_day else None,
        "reports": len(reports),
        "articles": len({r.article_id for r in reports}),
        "sources": len({r.outlet for r in reports if r.outlet}),
        "headline": last.headline,
        "evidence": (ev.get("evidence") or {}).get("text"),
    }


def stages_of(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mark each history entry ``changed`` and give the runs of one status (``stages``)."""
    stages: list[dict[str, Any]] = []
    previous = None
    for h in history:
        status = h["status"]
        h["changed"] = status != previous
        if status != previous:
            stages.append({"status": status, "since": h["as_of"], "until": None, "articles": [h["article_id"]]})
            if len(stages) > 1:
                stages[-2]["until"] = h["as_of"]
        elif h["article_id"] not in stages[-1]["articles"]:
            stages[-1]["articles"].append(h["article_id"])
        previous = status
    return stages


def lifecycle(reports: list[Report]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every report in order (``status_history``) and the runs of one status (``stages``)."""
    history = [{"status": r.event.get("status"), "as_of": r.published, "changed": False,
                "date": r.event.get("date"), "article_id": r.article_id, "event": r.event.get("id"),
                "outlet": r.outlet, "headline": r.headline, "reported_by": r.event.get("reported_by"),
                "evidence": r.event.get("evidence")}
               for r in sorted(reports, key=Report.order)]
    return history, stages_of(history)


def detail(key: str, reports: list[Report], as_of: date | None) -> dict[str, Any]:
    """One event with its lifecycle, evidence, supporting articles and conflicts."""
    reports = sorted(reports, key=Report.order)
    out = summarise(key, reports, as_of)
    history, stages = lifecycle(reports)
    articles: dict[str, dict[str, Any]] = {}
    evidence = []
    for r in reports:
        articles.setdefault(r.article_id, {"id": r.article_id, "path": r.path, "source": r.outlet,
                                           "headline": r.headline, "published": r.published})
        ev = r.event.get("evidence") or {}
        evidence.append({"article_id": r.article_id, "event": r.event.get("id"), "status": r.event.get("status"),
                         "text": ev.get("text"), "start": ev.get("start"), "end": ev.get("end")})
    out.update({"status_history": history, "stages": stages, "evidence": evidence,
                "supporting_articles": list(articles.values()), "conflicts": _conflicts(reports),
                "as_of": as_of.isoformat() if as_of else None, "lifecycle_from": "reports"})
    return out


def group(reports: list[Report]) -> dict[str, list[Report]]:
    groups: dict[str, list[Report]] = {}
    for r in reports:
        groups.setdefault(r.key, []).append(r)
    return groups


# ------------------------------------------------------------------ the linking stage's lifecycles
def _range(value: str | None) -> dict[str, str] | None:
    rng = timex_range(value)
    return {"start": rng[0].isoformat(), "end": rng[1].isoformat()} if rng else None


def link_summary(lc: dict[str, Any], as_of: date | None, headlines: dict[str, str | None]) -> dict[str, Any]:
    """The list view of an event from its ``corpus_events.lifecycle`` (``storyline.link``)."""
    src, tgt = lc.get("source") or {}, lc.get("target") or {}
    rng = timex_range(lc.get("date"))
    status = lc.get("status")
    overdue = bool(not lc.get("happened") and status in OPEN_STATUSES and rng and as_of and rng[1] < as_of)
    history = lc.get("history") or []
    latest = max((a for a in lc.get("articles") or []), key=lambda a: a.get("published") or "", default=None)
    return {
        "event_id": lc["event_id"], "linked": True, "type": lc.get("type"), "mode": lc.get("mode"),
        "status": status, "overdue": overdue,
        "source": {"name": (src.get("names") or [None])[0], "country": src.get("country")},
        "target": {"name": (tgt.get("names") or [None])[0], "country": tgt.get("country")},
        "countries": sorted({c for c in (src.get("country"), tgt.get("country")) if c}),
        "actors": sorted(set(src.get("names") or []) | set(tgt.get("names") or [])),
        "date": lc.get("date"), "date_range": _range(lc.get("date")),
        "location": lc.get("location"),
        "first_reported": lc.get("first_reported"), "last_reported": lc.get("last_reported"),
        "reports": lc.get("n_reports") or len(history), "articles": lc.get("n_articles") or 0,
        "sources": lc.get("n_sources"),
        "headline": headlines.get(latest["id"]) if latest else None,
        "evidence": history[-1].get("evidence") if history else None,
    }


def link_detail(lc: dict[str, Any], reports: list[Report], as_of: date | None,
                headlines: dict[str, str | None]) -> dict[str, Any]:
    """One event from the linking stage's lifecycle; evidence offsets come from the article records."""
    out = link_summary(lc, as_of, headlines)
    by_article: dict[str, list[Report]] = {}
    for r in reports:
        by_article.setdefault(r.article_id, []).append(r)

    def evidence_of(h: dict[str, Any]) -> Any:
        for r in by_article.get(h.get("article_id") or "", []):
            ev = r.event.get("evidence") or {}
            if r.event.get("status") == h.get("status") or ev.get("text") == h.get("evidence"):
                return ev
        return {"text": h.get("evidence"), "start": None, "end": None}

    history = [{"status": h.get("status"), "as_of": h.get("published"), "changed": False, "date": h.get("date"),
                "article_id": h.get("article_id"), "event": None, "outlet": h.get("source"),
                "headline": headlines.get(h.get("article_id") or ""), "reported_by": h.get("reported_by"),
                "evidence": evidence_of(h), "location": h.get("location"), "reprints": h.get("reprints") or []}
               for h in lc.get("history") or []]
    if reports:
        evidence = [{"article_id": r.article_id, "event": r.event.get("id"), "status": r.event.get("status"),
                     **{k: (r.event.get("evidence") or {}).get(k) for k in ("text", "start", "end")}}
                    for r in sorted(reports, key=Report.order)]
    else:
        evidence = [{"article_id": e.get("article_id"), "event": None, "status": None, "text": e.get("text"),
                     "start": None, "end": None} for e in lc.get("evidence") or []]
    articles = [{"id": a.get("id"), "path": a.get("path"), "source": a.get("source"),
                 "headline": headlines.get(a.get("id") or ""), "published": a.get("published"),
                 "duplicate_of": a.get("duplicate_of"), "kind": a.get("kind")} for a in lc.get("articles") or []]
    out.update({"status_history": history, "stages": stages_of(history), "evidence": evidence,
                "supporting_articles": articles, "conflicts": lc.get("conflicts") or [],
                "as_of": as_of.isoformat() if as_of else None, "status_since": lc.get("status_since"),
                "outlets": lc.get("outlets") or [], "plan_date": lc.get("plan_date"),
                "date_reported_by": lc.get("date_reported_by"),
                "location_reported_by": lc.get("location_reported_by"), "lifecycle_from": "link"})
    return out
