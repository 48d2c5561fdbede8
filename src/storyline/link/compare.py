"""Whether one report is another report's event: a cluster summary and the comparison.

A ``Cluster`` is one corpus-level event under construction: its reports and a
small summary of them (participants per side, places, modes, the dates of its
"happened" reports and of its plans, recent evidence sentences). ``compare``
gives the score of a report against a cluster, or None where a hard rule says
they are two happenings. The rules:

* modes that differ are two events; a report without a mode joins a phone call
  only when the dates agree;
* a visit has a host and a guest: either differing is another visit;
* a named person on a side who is not among the cluster's people on that side
  is another event (Lavrov's visit is not Putin's); names are compared by
  ``mentions.same_person``, so "Lee Jae-sung", "Lee Jae Sung" and "Lee" are one person;
  except that another article may name another host of a visit (the president
  in one report, the foreign minister in another) when the guest is named and
  the dates agree to the month or closer (one article naming two hosts tells two
  meetings apart);
* places in different countries are two events;
* one article does not report one event as both held and still to come;
* two dated happenings whose dates do not overlap are two events; a plan
  reported after the event was held is the same event only if its date fits;
  a plan dated to the month or day whose date passed a month before a report of
  another date (or an undated plan) is another occurrence, unless a
  postponement was reported;
* otherwise evidence adds up (dates overlapping, same people, same place,
  similar wording) and one *anchor* is needed: overlapping dates, a dated event
  soon before an undated report of it, the same place, similar wording, or an
  undated cancellation or postponement, by a person named in the plan, of a plan
  still ahead. Between the reports of one article, being reported soon after is no
  anchor: all of them are "soon after" their own publication day, so a visit reported
  held and a dated meeting within it told apart only by that merged (devreal: a state
  visit and the airport welcome; B-cubed precision 0.986 -> 1.000, samples 0.924 -> 0.951);
* within one article, a second report of a type one meeting often yields
  several of (``rules.MANY_A_DAY_TYPES``: agreements, documents signed) joins
  that article's event of the type only when worded alike (samples: two
  agreements of one summit day told apart; precision 0.951 -> 0.964);
* a report of an undated article whose date is a month of an unknown year
  ("XXXX-04") joins the one event of its people dated in that month, and none
  if events of several years fit; if all that fit are of one year, the best
  (an undated article's "Lavrov may come to Tokyo in April" beside two
  reports of that April's visit the linker kept apart; samples: one more
  plan joined to its outcome).
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections import deque

from . import dates
from ..codes import Status
from .mentions import Mention, same_person
from .rules import MANY_A_DAY_TYPES, MODE_NEEDS_DATE_WHEN_MISSING, PLAN_STATUSES, LinkRules


class Cluster:
    """One corpus-level event while linking: its reports in canonical order and their summary."""

    __slots__ = ("cid", "members", "first_key", "last_pub", "modes", "persons", "place_countries", "place_keys",
                 "hosts", "guests", "happened_dates", "happened_pubs", "plan_dates", "postponed", "articles",
                 "evidence", "first_evidence")

    def __init__(self, cid: str, evidence_kept: int = 6):
        self.cid = cid
        self.members: list[Mention] = []
        self.first_key = ""
        self.last_pub: dt.date | None = None
        self.modes: set[str] = set()
        self.persons: dict[str, set[str]] = {}
        self.place_countries: set[str] = set()
        self.place_keys: set[str] = set()
        self.hosts: set[str] = set()
        self.guests: set[str] = set()
        self.happened_dates: list[dates.Interval] = []
        self.happened_pubs: list[dt.date] = []            # publication days of undated "happened" reports, sorted
        self.plan_dates: deque[dates.Interval] = deque(maxlen=16)
        self.postponed = False
        self.articles: dict[str, set[str]] = {}
        self.evidence: deque[frozenset[str]] = deque(maxlen=max(1, evidence_kept - 1))
        self.first_evidence: frozenset[str] | None = None

    def add(self, m: Mention) -> None:
        if not self.members:
            self.first_key = m.sort_key
        self.members.append(m)
        if m.published and (self.last_pub is None or m.published > self.last_pub):
            self.last_pub = m.published
        if m.mode:
            self.modes.add(m.mode)
        for country, person in m.persons:
            self.persons.setdefault(country, set()).add(person)
        if m.location_country:
            self.place_countries.add(m.location_country)
        if m.place_key:
            self.place_keys.add(m.place_key)
        if m.host:
            self.hosts.add(m.host)
        if m.guest:
            self.guests.add(m.guest)
        if m.status == Status.HAPPENED:
            if m.interval and m.interval not in self.happened_dates:
                self.happened_dates.append(m.interval)
            elif not m.interval and m.published:
                i = bisect.bisect_left(self.happened_pubs, m.published)
                if i == len(self.happened_pubs) or self.happened_pubs[i] != m.published:
                    self.happened_pubs.insert(i, m.published)
        elif m.interval and m.interval not in self.plan_dates:
            self.plan_dates.append(m.interval)
        if m.status in (Status.POSTPONED, Status.CANCELLED):     # called off, a plan may come back on another date
            self.postponed = True
        self.articles.setdefault(m.article_id, set()).add(m.status)
        if m.words:
            if self.first_evidence is None:
                self.first_evidence = m.words
            elif m.words != self.first_evidence and m.words not in self.evidence:
                self.evidence.append(m.words)

    @property
    def all_persons(self) -> set[str]:
        return set().union(*self.persons.values()) if self.persons else set()


def _in_month(iv: dates.Interval, month: int) -> bool:
    """Whether the interval touches ``month`` (1-12) of some year."""
    return bool(_month_years(iv, month))


def _month_years(iv: dates.Interval, month: int) -> set[int]:
    """The years whose ``month`` (1-12) the interval touches."""
    out: set[int] = set()
    d = iv[0]
    while d <= iv[1]:
        if d.month == month:
            out.add(d.year)
        d = (d.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return out


def month_years(c: Cluster, month: int, r: LinkRules) -> set[int]:
    """The years in whose ``month`` the cluster's dates (a season wide at most) fall."""
    spans = [iv for iv in (*c.happened_dates, *c.plan_dates) if dates.width(iv) <= r.precise_days * 3]
    return {y for iv in spans for y in _month_years(iv, month)}


def _evidence_overlap(words: frozenset[str], c: Cluster, r: LinkRules) -> tuple[float, bool]:
    best, anchor = 0.0, False
    pool = [c.first_evidence, *c.evidence] if c.first_evidence is not None else list(c.evidence)
    for other in pool:
        small = min(len(words), len(other))
        if not small:
            continue
        o = len(words & other) / small
        if o > best:
            best = o
        if o >= r.evidence_anchor and small >= r.evidence_min_words:
            anchor = True
    return best, anchor


def _dates(m: Mention, c: Cluster, r: LinkRules, recency: bool = True) -> tuple[float, bool, bool] | None:
    """(score, anchor, dates overlap) of the dates and statuses, or None where they cannot be one event.
    ``recency``: whether a report soon after another is an anchor (not within one article)."""
    mi, t, slack = m.interval, m.published, dt.timedelta(days=r.slack_days)
    anchor_recent = r.recency_anchor if recency else 0.0
    score, anchor, overlap = 0.0, False, False
    earliest_undated = c.happened_pubs[0] if c.happened_pubs else None
    if m.status == Status.HAPPENED:
        if mi:
            for hi in c.happened_dates:
                if not dates.overlaps(mi, hi, r.slack_days):
                    return None                               # two dated happenings
                overlap = True
            if earliest_undated and mi[0] > earliest_undated + slack:
                return None                                   # held after the cluster reported it held
            i = bisect.bisect_left(c.happened_pubs, mi[1])
            if i < len(c.happened_pubs) and c.happened_pubs[i] <= mi[1] + dt.timedelta(days=r.recent_days):
                score, anchor = score + anchor_recent, anchor or recency    # reported held without a date, days after
        else:
            recent = False
            for hi in c.happened_dates:
                if t and (hi[0] > t + slack or (t - hi[1]).days > r.happened_gap_days):
                    return None                               # reported held before it was, or long after
                recent = recent or bool(t and (t - hi[1]).days <= r.recent_days)
            if recent:
                score, anchor = score + anchor_recent, anchor or recency
            if t and c.happened_pubs and (t - c.happened_pubs[-1]).days > r.happened_gap_days:
                return None                                   # two undated happenings reported far apart
    else:
        for hi in c.happened_dates:                           # a plan reported after the event was held
            if mi is None:
                if t and t > hi[1] + slack:
                    return None
            elif not dates.overlaps(mi, hi, r.slack_days):
                return None
            else:
                overlap = True
        if earliest_undated and ((mi is None and t and t > earliest_undated + slack)
                                 or (mi is not None and mi[0] > earliest_undated + slack)):
            return None
    if c.plan_dates and not (mi and any(dates.overlaps(mi, pi, r.slack_days) for pi in c.plan_dates)):
        rescheduled = c.postponed or m.status in (Status.POSTPONED, Status.CANCELLED)
        precise = [pi for pi in c.plan_dates if dates.width(pi) <= r.precise_days]
        after = mi[0] if mi else t
        if (not rescheduled and precise and after and (m.status != Status.HAPPENED or mi)
                and after > max(pi[1] for pi in precise) + dt.timedelta(days=r.stale_plan_days)):
            return None                                       # a precise date passed unremarked: another occurrence
        if mi and not rescheduled:
            score += r.date_slip                              # the plan slipped, or sources disagree
    elif mi and c.plan_dates:
        overlap = True
    if mi is None and m.status == Status.HAPPENED and t and c.plan_dates:
        window = (t - dt.timedelta(days=r.recent_days), t)
        if any(dates.overlaps(pi, window) for pi in c.plan_dates):
            score, anchor = score + anchor_recent, anchor or recency    # "was held" just after it was due
    if overlap:
        score += r.date_overlap
        anchor = True
        widest = [dates.width(mi)] if mi else []
        widest += [dates.width(i) for i in c.happened_dates if mi and dates.overlaps(mi, i, r.slack_days)]
        if mi and max(widest) <= r.precise_days:
            score += r.date_precise_bonus
    return score, anchor, overlap


def compare(m: Mention, c: Cluster, r: LinkRules) -> float | None:
    """The score of report ``m`` joining cluster ``c`` (same block), or None if it cannot."""
    # modes
    mode_score = 0.0
    if m.mode and c.modes:
        if c.modes != {m.mode}:
            return None
        mode_score = r.mode_match
    elif m.mode or c.modes:
        mode_score = r.mode_missing
    needs_date = bool((c.modes | {m.mode}) & MODE_NEEDS_DATE_WHEN_MISSING) and not (m.mode and c.modes)
    # visits: host and guest
    if m.host and c.hosts and m.host not in c.hosts:
        return None
    if m.guest and c.guests and m.guest not in c.guests:
        return None
    # one article, held and still to come
    statuses = c.articles.get(m.article_id)
    if statuses:
        if m.status == Status.HAPPENED and statuses & PLAN_STATUSES:
            return None
        if m.status in PLAN_STATUSES and Status.HAPPENED in statuses:
            return None
    # places
    score, anchor = mode_score, False
    if m.location_country and c.place_countries:
        if m.location_country not in c.place_countries:
            return None
        score += r.place_country
        anchor = True
        if m.place_key and m.place_key in c.place_keys:
            score += r.place_name
    # people
    matched = 0
    other_host = False
    for country, person in m.persons:
        if not country:
            matched += int(any(same_person(person, p) for p in c.all_persons))
            continue
        theirs = c.persons.get(country)
        if theirs:
            if person not in theirs and not any(same_person(person, p) for p in theirs):
                if m.mode == "visit" and country == m.host and m.article_id not in c.articles:
                    other_host = True       # another article names another of the visit's hosts
                    continue
                return None
            matched += 1
    if other_host and not matched:
        return None
    score += r.person_match * min(matched, 2)
    # dates and statuses
    d = _dates(m, c, r, recency=set(c.articles) != {m.article_id})
    if d is None:
        return None
    score += d[0]
    anchor = anchor or d[1]
    if needs_date and not d[2]:
        return None
    if other_host and not (d[2] and m.interval and dates.width(m.interval) <= r.precise_days):
        return None                 # another host is the same visit only on the same precise dates
    # a month of an unknown year (an undated article's "in May"): the event's dates must fall in that month
    if m.published is None and m.partial_month:
        spans = [iv for iv in (*c.happened_dates, *c.plan_dates) if dates.width(iv) <= r.precise_days * 3]
        if not matched or not spans or not any(_in_month(iv, m.partial_month) for iv in spans):
            return None
        anchor = True
    # calling off (or putting off) a plan that is still ahead, by the people named in it
    if (not anchor and matched and m.status in (Status.CANCELLED, Status.POSTPONED) and m.interval is None and m.published
            and any(pi[1] >= m.published for pi in c.plan_dates)):
        anchor = True
    # wording
    ev_anchor = False
    if m.words:
        o, ev_anchor = _evidence_overlap(m.words, c, r)
        if o > r.evidence_floor:
            score += r.evidence_weight * min(1.0, (o - r.evidence_floor) / (1.0 - r.evidence_floor))
        anchor = anchor or ev_anchor
    if m.type in MANY_A_DAY_TYPES and m.article_id in c.articles and not ev_anchor:
        return None                 # one article's second agreement of the day is another agreement unless worded alike
    if not anchor or score < r.link_threshold:
        return None
    return score
