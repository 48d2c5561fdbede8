"""The lifecycle of one corpus-level event, from its reports.

``build_lifecycle`` gives, as a JSON-ready dict: the status history (one entry
per source saying something new: reprints of one story count once, and one
article's repeats of one sentence are one report), the transitions (each change
of status with the report that made it: planned -> cancelled -> planned ->
happened), the current
status (the latest report's, except that "happened" dominates: once held, an
event stays held), the best-known date and place (the most specific, most recent
evidence, held reports first), the supporting articles and evidence sentences,
and the conflicts between sources (date, place, status), each side with its
sources and evidence sentences. Plan dates conflict when different sources give
dates that do not overlap while both were still ahead, with no postponement
reported between them. ``with_overdue`` adds, at read time, whether a
plan's date has passed with no report of it happening.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any
from collections.abc import Iterable, Mapping

from . import dates
from ..codes import Status
from .mentions import Mention
from .rules import CONFLICTING_STATUSES, OPEN_PLAN_STATUSES, RULES, STATUS_PRIORITY, LinkRules

# article id -> (duplicate group id, kind): the group is its earliest article's id; kind "original",
# "reprint", "update" or "truncated". Articles missing from it are groups of their own.
Groups = Mapping[str, tuple[str, str]]


@dataclass
class _Entry:
    m: Mention
    group: str
    reprints: list[str]

    @property
    def order(self) -> tuple[int, str, int]:
        pub = self.m.published.isoformat() if self.m.published else ""
        return (1 if self.m.published else 0, pub, STATUS_PRIORITY.get(self.m.status, 0))


def _one_per_sentence(members: list[Mention]) -> list[Mention]:
    """Same-article repeats are one report: of the reports of one article with one evidence sentence
    (an event extracted twice, once with its date and once without), the one that says most."""
    best: dict[tuple[str, str], Mention] = {}
    out: list[Mention] = []
    for m in sorted(members, key=lambda m: m.sort_key):
        if not m.evidence_key:
            out.append(m)
            continue
        k = (m.article_id, m.evidence_key)
        have = best.get(k)
        if have is None or _says_more(m, have):
            best[k] = m
    return sorted(out + list(best.values()), key=lambda m: m.sort_key)


def _says_more(a: Mention, b: Mention) -> bool:
    def info(m: Mention) -> tuple[int, int, int, int]:
        width = dates.width(m.interval) if m.interval else 1 << 20
        return (int(m.interval is not None), -width, int(bool(m.location_country)), int(bool(m.place_key)))
    return info(a) > info(b)


def _entries(members: list[Mention], groups: Groups) -> list[_Entry]:
    """One entry per (duplicate group, status, date, place): a reprint saying the same adds nothing."""
    seen: dict[tuple[str, str, str | None, str | None], _Entry] = {}
    for m in _one_per_sentence(members):
        group = groups.get(m.article_id, (m.article_id, "original"))[0]
        key = (group, m.status, m.date, m.location_country)
        e = seen.get(key)
        if e is None:
            seen[key] = _Entry(m, group, [])
        elif m.article_id != e.m.article_id and m.article_id not in e.reprints:
            e.reprints.append(m.article_id)
    return sorted(seen.values(), key=lambda e: (e.order, e.m.sort_key))


def _current(entries: list[_Entry]) -> _Entry:
    held = [e for e in entries if e.m.status == Status.HAPPENED]
    return held[0] if held else entries[-1]


def _best_date(entries: list[_Entry]) -> _Entry | None:
    dated = [e for e in entries if e.m.interval]
    held = [e for e in dated if e.m.status == Status.HAPPENED]
    if held:
        dated = held
    else:
        stops = [i for i, e in enumerate(entries) if e.m.status in (Status.POSTPONED, Status.CANCELLED)]
        if stops:
            later = [e for e in entries[stops[-1]:] if e.m.interval]
            dated = later or dated
    best: _Entry | None = None
    for e in dated:
        assert e.m.interval is not None
        if best is None or best.m.interval is None or not dates.overlaps(e.m.interval, best.m.interval):
            best = e
        elif dates.width(e.m.interval) <= dates.width(best.m.interval):
            best = e
    return best


def _best_place(entries: list[_Entry]) -> _Entry | None:
    placed = [e for e in entries if e.m.location_country or e.m.location_name]
    held = [e for e in placed if e.m.status == Status.HAPPENED]
    best: _Entry | None = None
    for e in held or placed:
        if best is None or e.m.location_country != best.m.location_country or e.m.place_key or not best.m.place_key:
            best = e
    return best


def _orientation(members: list[Mention]) -> tuple[str | None, str | None]:
    visits = [m for m in members if m.host]
    if visits:
        hosts = Counter(m.host for m in visits).most_common(1)[0][0]
        guests = Counter(m.guest for m in visits if m.host == hosts).most_common(1)[0][0]
        return guests, hosts
    pairs = Counter((m.source_country, m.target_country) for m in members)
    top = max(pairs.values())
    for m in members:
        if pairs[(m.source_country, m.target_country)] == top:
            return m.source_country, m.target_country
    return None, None


def _side_names(members: list[Mention], country: str | None) -> list[str]:
    names: Counter[str] = Counter()
    for m in members:
        for name, c in ((m.source_name, m.source_country), (m.target_name, m.target_country)):
            if name and c == country:
                names[name] += 1
    return [n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))]


def _report(e: _Entry) -> dict[str, Any]:
    m = e.m
    return {"published": dates.iso(m.published), "status": m.status, "date": m.date,
            "location": _place(m), "source": m.outlet, "reported_by": m.reported_by, "article_id": m.article_id,
            "path": m.path, "evidence": m.evidence, "reprints": e.reprints}


def _place(m: Mention | None) -> dict[str, Any] | None:
    if m is None or not (m.location_name or m.location_country):
        return None
    return {"name": m.location_name, "country": m.location_country}


def _conflicts(entries: list[_Entry], rules: LinkRules) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stops = [e.m.published for e in entries if e.m.status == Status.POSTPONED and e.m.published]

    def postponed_between(a: Mention, b: Mention) -> bool:
        if a.published is None or b.published is None:
            return False
        lo, hi = sorted((a.published, b.published))
        return any(lo <= s <= hi for s in stops)

    # dates: different sources giving dates that cannot both be right
    by_value: dict[tuple[str, str], list[_Entry]] = {}
    for e in entries:
        if e.m.interval and e.m.date:
            held = "happened" if e.m.status == Status.HAPPENED else "plan"
            by_value.setdefault((held, e.m.date), []).append(e)
    clash: set[tuple[str, str]] = set()
    values = sorted(by_value)
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            if a[0] != b[0]:
                continue
            ea, eb = by_value[a], by_value[b]
            ia, ib = ea[0].m.interval, eb[0].m.interval
            if ia is None or ib is None or dates.overlaps(ia, ib, rules.slack_days):
                continue
            for x in ea:
                if any(x.group != y.group and (a[0] == "happened" or (
                        (_days_apart(x.m, y.m) <= rules.plan_conflict_days or _both_ahead(x.m, y.m))
                        and not postponed_between(x.m, y.m)))
                       for y in eb):
                    clash.update((a, b))
                    break
    if clash:
        out.append({"field": "date", "values": [_value(v[1], by_value[v]) for v in sorted(clash)]})
    # places: different countries
    by_country: dict[str, list[_Entry]] = {}
    for e in entries:
        if e.m.location_country:
            by_country.setdefault(e.m.location_country, []).append(e)
    if len(by_country) > 1:
        out.append({"field": "location", "values": [_value(c, es) for c, es in sorted(by_country.items())]})
    # statuses: contradictions close in time, or "called off" after "held"
    pairs: set[tuple[str, str]] = set()
    for i, x in enumerate(entries):
        for y in entries[i + 1:]:
            if x.group == y.group or x.m.status == y.m.status:
                continue
            if frozenset({x.m.status, y.m.status}) not in CONFLICTING_STATUSES:
                continue
            late_denial = x.m.status == Status.HAPPENED and y.m.status in (Status.CANCELLED, Status.POSTPONED)
            if late_denial or _days_apart(x.m, y.m) <= rules.conflict_days:
                pairs.add((x.m.status, y.m.status))
    for sa, sb in sorted(pairs):
        out.append({"field": "status", "values": [_value(s, [e for e in entries if e.m.status == s]) for s in (sa, sb)]})
    return out


def _both_ahead(a: Mention, b: Mention) -> bool:
    """Two plans whose dates were both still ahead when the later of them was reported: the
    sources disagree (a plan reported after the other's date passed is a new plan, not a dispute)."""
    if not (a.published and b.published and a.interval and b.interval):
        return False
    first, later = (a, b) if a.published <= b.published else (b, a)
    assert first.interval is not None and later.published is not None
    return later.published <= first.interval[1]


def _days_apart(a: Mention, b: Mention) -> int:
    if a.published is None or b.published is None:
        return 1 << 30
    return abs((a.published - b.published).days)


def _value(value: str, entries: list[_Entry]) -> dict[str, Any]:
    """One side of a conflict: the value, who said it, and the sentences that say it."""
    evidence = []
    for e in sorted(entries, key=lambda e: e.m.sort_key):
        item = {"text": e.m.evidence, "article_id": e.m.article_id, "published": dates.iso(e.m.published),
                "source": e.m.outlet}
        if item not in evidence:
            evidence.append(item)
    return {"value": value, "sources": sorted({e.m.outlet for e in entries if e.m.outlet}),
            "articles": sorted({e.m.article_id for e in entries}), "evidence": evidence}


def _transitions(entries: list[_Entry]) -> list[dict[str, Any]]:
    """Each change of status in the order reported (planned -> cancelled -> planned -> happened),
    with the report that changed it."""
    out: list[dict[str, Any]] = []
    current: str | None = None
    for e in entries:
        if e.m.status == current:
            continue
        out.append({"from": current, "to": e.m.status, "published": dates.iso(e.m.published),
                    "article_id": e.m.article_id, "source": e.m.outlet, "evidence": e.m.evidence})
        current = e.m.status
    return out


def build_lifecycle(event_id: str, members: Iterable[Mention], groups: Groups | None = None, *,
                    rules: LinkRules = RULES) -> dict[str, Any]:
    """The lifecycle of one corpus event from all its reports (see the module docstring)."""
    members = sorted(members, key=lambda m: m.sort_key)
    if not members:
        raise ValueError(f"event {event_id} has no reports")
    members = _one_per_sentence(members)
    groups = groups or {}
    entries = _entries(members, groups)
    current = _current(entries)
    when = _best_date(entries)
    where = _best_place(entries)
    src, tgt = _orientation(members)
    first = members[0]
    modes = Counter(m.mode for m in members if m.mode)
    articles: dict[str, dict[str, Any]] = {}
    for m in members:
        if m.article_id not in articles:
            group, kind = groups.get(m.article_id, (m.article_id, "original"))
            articles[m.article_id] = {"id": m.article_id, "path": m.path, "source": m.outlet,
                                      "published": dates.iso(m.published),
                                      "duplicate_of": None if group == m.article_id else group, "kind": kind}
    evidence: dict[str, dict[str, Any]] = {}
    for m in members:
        text = " ".join(m.evidence.split())
        if text and text.casefold() not in evidence:
            evidence[text.casefold()] = {"text": text, "article_id": m.article_id, "published": dates.iso(m.published)}
    pubs = [m.published for m in members if m.published]
    held = [e for e in entries if e.m.status == Status.HAPPENED]
    plans = [e for e in entries if e.m.status in OPEN_PLAN_STATUSES and e.m.interval]
    return {
        "event_id": event_id,
        "type": first.type,
        "mode": modes.most_common(1)[0][0] if modes else None,
        "source": {"country": src, "names": _side_names(members, src)},
        "target": {"country": tgt, "names": _side_names(members, tgt)},
        "status": current.m.status,
        "status_since": dates.iso(current.m.published),
        "happened": bool(held),
        "date": when.m.date if when else None,
        "date_reported_by": _report_ref(when),
        "location": _place(where.m if where else None),
        "location_reported_by": _report_ref(where),
        "first_reported": dates.iso(min(pubs)) if pubs else None,
        "last_reported": dates.iso(max(pubs)) if pubs else None,
        "n_reports": len(members),
        "n_articles": len(articles),
        "n_sources": len({e.group for e in entries}),
        "outlets": sorted({m.outlet for m in members if m.outlet}),
        "history": [_report(e) for e in entries],
        "transitions": _transitions(entries),
        "articles": list(articles.values()),
        "evidence": list(evidence.values()),
        "conflicts": _conflicts(entries, rules),
        "plan_date": plans[-1].m.date if plans else None,
    }


def _report_ref(e: _Entry | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"article_id": e.m.article_id, "published": dates.iso(e.m.published), "source": e.m.outlet}


def with_overdue(lifecycle: dict[str, Any], as_of: dt.date | None) -> dict[str, Any]:
    """Add ``overdue`` (a plan whose date passed before ``as_of`` with no report of it happening),
    ``overdue_days`` and ``as_of`` to a lifecycle; returns it."""
    lifecycle["as_of"] = dates.iso(as_of)
    lifecycle["overdue"], lifecycle["overdue_days"] = False, None
    if as_of is None or lifecycle.get("happened") or lifecycle.get("status") not in OPEN_PLAN_STATUSES:
        return lifecycle
    iv = dates.interval(lifecycle.get("date"))
    if iv and iv[1] < as_of:
        lifecycle["overdue"], lifecycle["overdue_days"] = True, (as_of - iv[1]).days
    return lifecycle
