"""Flat rows for spreadsheets and event-data tools, and the filters every export takes.

CSV used to carry nested fields as JSON strings in its cells, which a spreadsheet shows
as one unreadable blob. Here every CSV column holds one value: an article row has its
published date, dateline, counts and the countries its events involve; an event row
has each side's name and country, the date as written (TIMEX3), as words and as a day
range, the latest evidence sentence with its article and URL. Lists of names are joined
with ``"; "``. JSON Lines keeps the full nested record.

``polecat`` writes the POLECAT event-data columns (in the order of the POLECAT weekly
release files) so analysis code written for POLECAT/ICEWS reads Storyline's events
unchanged; what Storyline does not know (intensity, quad code, sectors, coordinates,
GeoNames ids) stays empty rather than guessed. POLECAT's ``Event Date`` is a day: an
event dated to a month or a season gets the first day of that span, and the precise
value travels in the columns POLECAT lacks (``Storyline Date``, ``Date Start``, ``Date
End``), with the status, the lifecycle link (``Event ID`` is the corpus event id), the
evidence sentence with its offsets in the article, and the source URL.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .api import queries
from .api.dates import parse_bound, published_day
from .api.labels import human_date, type_label
from .codes import Status, event_types
from .errors import UsageError
from .time.values import interval

ARTICLE_COLUMNS = ("id", "path", "source", "headline", "lead", "published_date", "published_how",
                   "published_confidence", "dateline_place", "dateline_text", "url", "countries", "n_entities",
                   "n_events", "n_quotes", "text")
EVENT_COLUMNS = ("event_id", "type", "mode", "type_label", "status", "happened", "date", "date_label", "date_start",
                 "date_end", "source_name", "source_country", "target_name", "target_country", "location_name",
                 "location_country", "first_reported", "last_reported", "n_reports", "n_articles", "n_sources",
                 "outlets", "overdue", "overdue_days", "as_of", "n_conflicts", "evidence", "evidence_article_id",
                 "evidence_published", "url")
POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "Address", "State", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
    # what POLECAT lacks
    "Status", "Happened", "Storyline Date", "Date Start", "Date End", "Overdue", "Reports", "Articles",
    "Evidence", "Evidence Article ID", "Evidence Start", "Evidence End", "URL")


def _names(xs: Iterable[Any] | None) -> str:
    return "; ".join(str(x) for x in xs or [] if x)


def article_row(rec: dict[str, Any]) -> dict[str, Any]:
    pub, dl = rec.get("published") or {}, rec.get("dateline") or {}
    events = rec.get("events") or []
    countries = sorted({c for e in events for c in ((e.get("source") or {}).get("country"),
                                                    (e.get("target") or {}).get("country")) if c})
    return {"id": rec.get("id"), "path": rec.get("path"), "source": rec.get("source"), "headline": rec.get("headline"),
            "lead": rec.get("lead"), "published_date": pub.get("date"), "published_how": pub.get("how"),
            "published_confidence": pub.get("confidence"), "dateline_place": dl.get("place"),
            "dateline_text": dl.get("text"), "url": rec.get("url"), "countries": _names(countries),
            "n_entities": len(rec.get("entities") or []), "n_events": len(events),
            "n_quotes": len(rec.get("quotes") or []), "text": rec.get("text")}


def _latest_evidence(lc: dict[str, Any]) -> dict[str, Any]:
    history = lc.get("history") or []
    if history:
        h = history[-1]
        return {"text": h.get("evidence"), "article_id": h.get("article_id"), "published": h.get("published")}
    ev = (lc.get("evidence") or [{}])[-1]
    return {"text": ev.get("text"), "article_id": ev.get("article_id"), "published": ev.get("published")}


def event_row(lc: dict[str, Any], urls: dict[str, str | None]) -> dict[str, Any]:
    src, tgt, loc = lc.get("source") or {}, lc.get("target") or {}, lc.get("location") or {}
    iv = interval(lc.get("date"))
    ev = _latest_evidence(lc)
    return {"event_id": lc.get("event_id"), "type": lc.get("type"), "mode": lc.get("mode"),
            "type_label": type_label(lc.get("type"), lc.get("mode")), "status": lc.get("status"),
            "happened": lc.get("happened"), "date": lc.get("date"), "date_label": human_date(lc.get("date")),
            "date_start": iv[0].isoformat() if iv else None, "date_end": iv[1].isoformat() if iv else None,
            "source_name": _names(src.get("names")), "source_country": src.get("country"),
            "target_name": _names(tgt.get("names")), "target_country": tgt.get("country"),
            "location_name": loc.get("name"), "location_country": loc.get("country"),
            "first_reported": lc.get("first_reported"), "last_reported": lc.get("last_reported"),
            "n_reports": lc.get("n_reports"), "n_articles": lc.get("n_articles"), "n_sources": lc.get("n_sources"),
            "outlets": _names(lc.get("outlets")), "overdue": lc.get("overdue"), "overdue_days": lc.get("overdue_days"),
            "as_of": lc.get("as_of"), "n_conflicts": len(lc.get("conflicts") or []), "evidence": ev["text"],
            "evidence_article_id": ev["article_id"], "evidence_published": ev["published"],
            "url": urls.get(ev["article_id"] or "")}


def polecat_row(lc: dict[str, Any], articles: dict[str, dict[str, Any]], version: str) -> dict[str, Any]:
    """One POLECAT row; ``articles``: id → {url, text_events (evidence → (start, end)), people, orgs, places}."""
    src, tgt, loc = lc.get("source") or {}, lc.get("target") or {}, lc.get("location") or {}
    iv = interval(lc.get("date"))
    ev = _latest_evidence(lc)
    art = articles.get(ev["article_id"] or "", {})
    offsets = art.get("evidence", {}).get(" ".join((ev["text"] or "").split()), (None, None))
    first = (lc.get("history") or [{}])[0]
    day = iv[0].isoformat() if iv else lc.get("first_reported")
    return {
        "Event ID": lc.get("event_id"), "Event Date": day, "Event Type": lc.get("type"), "Event Mode": lc.get("mode"),
        "Actor Name": (src.get("names") or [None])[0] or src.get("country"), "Actor Country": src.get("country"),
        "Actor Name Raw": _names(src.get("names")),
        "Recipient Name": (tgt.get("names") or [None])[0] or tgt.get("country"),
        "Recipient Country": tgt.get("country"), "Recipient Name Raw": _names(tgt.get("names")),
        "Placename": loc.get("name"), "Country": loc.get("country"), "Raw Placename": loc.get("name"),
        "Source": first.get("source") or _names(lc.get("outlets")), "Publication Date": lc.get("first_reported"),
        "Story People": _names(art.get("people")), "Story Organizations": _names(art.get("orgs")),
        "Story Locations": _names(art.get("places")), "Language": "en", "Version": version,
        "Status": lc.get("status"), "Happened": lc.get("happened"), "Storyline Date": lc.get("date"),
        "Date Start": iv[0].isoformat() if iv else None, "Date End": iv[1].isoformat() if iv else None,
        "Overdue": lc.get("overdue"), "Reports": lc.get("n_reports"), "Articles": lc.get("n_articles"),
        "Evidence": ev["text"], "Evidence Article ID": ev["article_id"], "Evidence Start": offsets[0],
        "Evidence End": offsets[1], "URL": art.get("url"),
    }


def polecat_articles(con: Any, ids: set[str]) -> dict[str, dict[str, Any]]:
    """What POLECAT rows need of the evidence articles: URL, evidence offsets, named people/orgs/places."""
    out: dict[str, dict[str, Any]] = {}
    todo = sorted(ids)
    for start in range(0, len(todo), 500):
        part = todo[start:start + 500]
        rows = con.execute("SELECT id, url, CAST(record->'events' AS VARCHAR), CAST(record->'entities' AS VARCHAR) "
                           f"FROM articles WHERE id IN ({', '.join('?' * len(part))})", part).fetchall()
        for aid, url, events, entities in rows:
            evidence: dict[str, tuple[Any, Any]] = {}
            for e in json.loads(events or "[]"):
                x = e.get("evidence") or {}
                if x.get("text"):
                    evidence.setdefault(" ".join(x["text"].split()), (x.get("start"), x.get("end")))
            ents = json.loads(entities or "[]")
            out[aid] = {"url": url, "evidence": evidence, "people": _entity_names(ents, "PERSON"),
                        "orgs": _entity_names(ents, "ORG"), "places": _entity_names(ents, "GPE", "LOC")}
    return out


def _entity_names(ents: list[dict[str, Any]], *types: str) -> list[str]:
    return sorted({str(x.get("name")) for x in ents if x.get("type") in types and x.get("name")})


def tsv_value(v: Any) -> str:
    """A cell of a tab-separated file: no tabs or line breaks inside, booleans as POLECAT writes them."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "True" if v else "False"
    return " ".join(str(v).split())


# ------------------------------------------------------------------ filters
def event_filter(*, countries: str | None = None, type: str | None = None, status: str | None = None,
                 actor: str | None = None, date_from: str | None = None, date_to: str | None = None,
                 overdue: bool | None = None) -> Callable[[dict[str, Any]], bool]:
    """A test on a corpus event's lifecycle, with the meaning of ``storyline events``' filters."""
    pair = queries.parse_countries(countries)
    types = queries.parse_choices(type, event_types(), "event type", upper=True)
    statuses = queries.parse_choices(status, tuple(Status), "status")
    lo, hi = _bounds(date_from, date_to)

    def test(lc: dict[str, Any]) -> bool:
        src, tgt = lc.get("source") or {}, lc.get("target") or {}
        codes = {c for c in (src.get("country"), tgt.get("country")) if c}
        if pair and not set(pair) <= codes:
            return False
        if types and lc.get("type") not in types or statuses and lc.get("status") not in statuses:
            return False
        if overdue is not None and bool(lc.get("overdue")) != overdue:
            return False
        if actor:
            needle = actor.lower()
            if not any(needle in n.lower() for n in [*(src.get("names") or []), *(tgt.get("names") or []), *codes]):
                return False
        if lo or hi:
            iv = interval(lc.get("date"))
            first, last = (iv[0].isoformat(), iv[1].isoformat()) if iv else (lc.get("first_reported"),
                                                                              lc.get("last_reported"))
            if not first or (lo and (last or first) < lo) or (hi and first > hi):
                return False
        return True
    return test


def article_filter(*, countries: str | None = None, source: str | None = None, actor: str | None = None,
                   date_from: str | None = None, date_to: str | None = None) -> Callable[[dict[str, Any]], bool]:
    """A test on an article record: outlet, a named entity, the countries its events involve, publication date."""
    pair = queries.parse_countries(countries)
    lo, hi = _bounds(date_from, date_to)

    def test(rec: dict[str, Any]) -> bool:
        if source and (rec.get("source") or "").lower() != source.lower():
            return False
        if actor and not any(actor.lower() in (e.get("name") or "").lower() for e in rec.get("entities") or []):
            return False
        if pair:
            codes = {c for e in rec.get("events") or [] for c in ((e.get("source") or {}).get("country"),
                                                                  (e.get("target") or {}).get("country")) if c}
            codes |= {e.get("country") for e in rec.get("entities") or [] if e.get("country")}
            if not set(pair) <= codes:
                return False
        if lo or hi:
            day = published_day((rec.get("published") or {}).get("date"))
            if day is None or (lo and day.isoformat() < lo) or (hi and day.isoformat() > hi):
                return False
        return True
    return test


def _bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    try:
        lo, hi = parse_bound(date_from), parse_bound(date_to, end=True)
    except ValueError as e:
        raise UsageError(str(e)) from None
    if lo and hi and hi < lo:
        raise UsageError(f"--to ({date_to}) is before --from ({date_from})")
    return (lo.isoformat() if lo else None), (hi.isoformat() if hi else None)


def filtered(records: Iterable[dict[str, Any]], test: Callable[[dict[str, Any]], bool] | None) -> Iterator[dict[str, Any]]:
    return (r for r in records if test is None or test(r))
