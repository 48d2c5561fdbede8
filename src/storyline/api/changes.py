"""What changed: the lifecycle transitions of corpus events, newest first, with their evidence.

An analyst following a relationship wants to know what moved since they last looked:
a new plan, a date set or moved, a postponement, a cancellation, a plan back on, an
event held, a plan gone overdue. The linking stage already keeps each event's history
(``corpus_events.lifecycle``: one entry per source saying something new, in publication
order, see ``storyline.link.lifecycle``); this module reads those entries pairwise and
names the step between them:

- first entry: ``new`` (a plan or a possibility appears), else what it reports
  (``happened``, ``postponed``, ``cancelled``);
- a later entry: ``happened`` once the event is first reported held; ``postponed`` /
  ``cancelled`` when a plan stops; ``back_on`` when a stopped plan is planned again;
  ``confirmed`` when a possibility becomes a plan; ``date_set`` when a plan's date
  becomes known or narrows inside the one known; ``date_moved`` when it goes elsewhere;
- ``overdue``: computed at read time, dated the day after the plan's date ended, when
  no report says it happened by the newest article (``as_of``).

A reprint or a source repeating what is known is no change. A ``happened`` reported more
than ``RECALLED_DAYS`` after the event's date ended ("Putin's previous visit, in 2005") is
marked ``recalled``: background the article brings back, not news of the day. Each change carries its
report: the evidence sentence, the outlet, who it cites, the article's headline and URL.
Filters are those of ``/api/events`` (countries, type, status, actor) plus ``since`` /
``until`` on the change's date and ``kind``.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..codes import OPEN_STATUSES, Status
from ..errors import UsageError
from ..time.values import interval
from . import queries
from .dates import parse_bound, published_day
from .db import reading
from .labels import STATUSES, TYPES, human_date, type_label

KINDS = ("new", "confirmed", "date_set", "date_moved", "postponed", "cancelled", "back_on", "happened", "overdue")
KIND_LABELS = {"new": "new plan", "confirmed": "confirmed", "date_set": "date set", "date_moved": "date moved",
               "postponed": "postponed", "cancelled": "cancelled", "back_on": "back on", "happened": "happened",
               "overdue": "overdue"}
OPEN = OPEN_STATUSES                                  # a plan still open
STOPPED = frozenset({Status.POSTPONED, Status.CANCELLED})
MAX_LIMIT = 500
RECALLED_DAYS = 30


def _date_step(before: str | None, after: str | None) -> str | None:
    """``date_set`` or ``date_moved`` between two plan dates, or None when nothing new is known."""
    ia, ib = interval(before), interval(after)
    if ib is None or after == before:
        return None
    if ia is None:
        return "date_set"
    if ia[0] <= ib[0] and ib[1] <= ia[1]:
        return "date_set" if ib != ia else None     # narrower, inside what was known
    if ib[0] <= ia[0] and ia[1] <= ib[1]:
        return None                                 # vaguer: a source that knows less says nothing new
    return "date_moved"


def transitions(lc: dict[str, Any], as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """The changes in one event's lifecycle (``corpus_events.lifecycle``), oldest first."""
    out: list[dict[str, Any]] = []
    status: str | None = None
    plan_date: str | None = None
    last_plan: dict[str, Any] = {}
    for h in lc.get("history") or []:
        st, date = h.get("status"), h.get("date")
        steps: list[tuple[str, str | None, str | None]] = []      # (kind, from_status, from_date)
        if status is None:
            steps.append(("new" if st in OPEN else str(st), None, None))
        elif st == Status.HAPPENED:
            steps.append(("happened", status, None))
        elif st in STOPPED and st != status:
            steps.append((str(st), status, None))
        elif st in OPEN:
            if status in STOPPED:
                steps.append(("back_on", status, None))
            elif st == Status.PLANNED and status == Status.POSSIBLE:
                steps.append(("confirmed", status, None))
            step = _date_step(plan_date, date)
            if step:
                steps.append((step, None, plan_date))
        out += [_change(lc, h, kind, was, was_date) for kind, was, was_date in steps if kind in KINDS]
        if st == Status.HAPPENED:
            return out                  # once held, later reports change nothing
        if (st in OPEN or st in STOPPED) and interval(date) and (plan_date is None or _date_step(plan_date, date)):
            plan_date = date
        if st in OPEN:
            last_plan = h
        status = st
    if as_of and status in OPEN and plan_date:
        iv = interval(plan_date)
        if iv and iv[1] < as_of:
            c = _change(lc, last_plan, "overdue", status, None)
            c.update(at=(iv[1] + dt.timedelta(days=1)).isoformat(), date=plan_date, date_label=human_date(plan_date),
                     overdue_days=(as_of - iv[1]).days)
            out.append(c)
    return out


def _change(lc: dict[str, Any], h: dict[str, Any], kind: str, from_status: str | None,
            from_date: str | None) -> dict[str, Any]:
    src, tgt = lc.get("source") or {}, lc.get("target") or {}
    return {
        "event_id": lc.get("event_id"), "kind": kind, "label": KIND_LABELS[kind], "at": h.get("published"),
        "status": h.get("status"), "from_status": from_status, "date": h.get("date"), "from_date": from_date,
        "date_label": human_date(h.get("date")), "type": lc.get("type"), "mode": lc.get("mode"),
        "type_label": type_label(lc.get("type"), lc.get("mode")),
        "source": {"name": (src.get("names") or [None])[0], "country": src.get("country")},
        "target": {"name": (tgt.get("names") or [None])[0], "country": tgt.get("country")},
        "current_status": lc.get("status"), "recalled": _recalled(kind, h),
        "evidence": h.get("evidence"), "outlet": h.get("source"), "reported_by": h.get("reported_by"),
        "article_id": h.get("article_id"), "headline": None, "url": None,
    }


def _recalled(kind: str, h: dict[str, Any]) -> bool:
    iv = interval(h.get("date"))
    pub = published_day(h.get("published"))
    if kind != "happened" or iv is None or pub is None:
        return False
    return (pub - iv[1]).days > RECALLED_DAYS


def _matches(lc: dict[str, Any], pair: tuple[str, ...], types: set[str], statuses: set[str], actor: str | None) -> bool:
    src, tgt = lc.get("source") or {}, lc.get("target") or {}
    countries = {c for c in (src.get("country"), tgt.get("country")) if c}
    if pair and not set(pair) <= countries:
        return False
    if types and lc.get("type") not in types:
        return False
    if statuses and lc.get("status") not in statuses:
        return False
    if actor:
        needle = actor.lower()
        names = [*(src.get("names") or []), *(tgt.get("names") or []), *countries]
        if not any(needle in n.lower() for n in names if n):
            return False
    return True


def _day(value: str | None, what: str, end: bool = False) -> dt.date | None:
    try:
        return parse_bound(value, end=end)
    except ValueError as e:
        raise UsageError(f"{what}: {e}") from None


def changes(db: Any, *, since: str | None = None, until: str | None = None, countries: str | None = None,
            type: str | None = None, status: str | None = None, actor: str | None = None, kind: str | None = None,
            as_of: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Lifecycle transitions across the store, newest first, filtered and paged (see the module docstring).

    ``since``/``until``: YYYY[-MM[-DD]] bounds on the change's date (inclusive); ``kind``:
    comma-separated kinds (``KINDS``); ``as_of``: the day 'overdue' is judged on (YYYY-MM-DD;
    default the newest article's publication date).
    """
    if not 1 <= limit <= MAX_LIMIT or not 0 <= offset <= 10**7:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT} and offset 0 or more")
    lo, hi = _day(since, "since"), _day(until, "until", end=True)
    if lo and hi and hi < lo:
        raise UsageError(f"until ({until}) is before since ({since})")
    pair = queries.parse_countries(countries)
    types = queries.parse_choices(type, tuple(TYPES), "event type", upper=True)
    statuses = queries.parse_choices(status, tuple(STATUSES), "status")
    kinds = queries.parse_choices(kind, KINDS, "kind")
    day = _day(as_of, "as_of") if as_of else None
    with reading(db) as con:
        has_table = con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                            "AND table_name = 'corpus_events'").fetchone()
        if not (has_table and has_table[0]):
            rows: list[tuple[str]] = []
        else:
            where: list[str] = ["TRUE"]
            params: list[Any] = []
            for code in pair:        # the columns hold what the lifecycle JSON holds: a cheap first cut
                where.append("(source_country = ? OR target_country = ?)")
                params += [code, code]
            if types:
                where.append("type IN (SELECT unnest(?::VARCHAR[]))")
                params.append(sorted(types))
            if statuses:
                where.append("status IN (SELECT unnest(?::VARCHAR[]))")
                params.append(sorted(statuses))
            if lo:      # a change at or after `since` needs a report then, or a plan date ending just before
                where.append("(last_reported >= ? OR (NOT happened AND date_end >= ?))")
                params += [lo, lo - dt.timedelta(days=1)]
            rows = con.execute(f"SELECT CAST(lifecycle AS VARCHAR) FROM corpus_events WHERE {' AND '.join(where)}",
                               params).fetchall()
        if day is None:
            newest = con.execute("SELECT max(published_date) FROM articles WHERE "
                                 "regexp_matches(published_date, '^\\d{4}-\\d{2}-\\d{2}$')").fetchone()
            day = published_day(newest[0]) if newest else None
        found: list[dict[str, Any]] = []
        for (raw,) in rows:
            lc = json.loads(raw)
            if not _matches(lc, pair, types, statuses, actor):
                continue
            for c in transitions(lc, day):
                at = c["at"]
                if (lo or hi) and not at:
                    continue
                if lo and at < lo.isoformat() or hi and at > hi.isoformat():
                    continue
                if kinds and c["kind"] not in kinds:
                    continue
                found.append(c)
        found.sort(key=lambda c: (c["at"] or "", c["event_id"] or "", KINDS.index(c["kind"])), reverse=True)
        page = found[offset:offset + limit]
        ids = sorted({c["article_id"] for c in page if c["article_id"]})
        meta = {}
        if ids:
            meta = {r[0]: r[1:] for r in con.execute(
                f"SELECT id, headline, url FROM articles WHERE id IN ({', '.join('?' * len(ids))})", ids).fetchall()}
    for c in page:
        c["headline"], c["url"] = meta.get(c["article_id"], (None, None))
    return {"since": since, "until": until, "as_of": day.isoformat() if day else None, "total": len(found),
            "limit": limit, "offset": offset, "items": page}
