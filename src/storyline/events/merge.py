"""One event per happening per article.

An article states a visit in its lead and again in its body, or reports talks
first as "the meeting between the ministers" and then as "X and his counterpart
Y held talks in Paris". Mentions of one type whose sides, people, modes and
dates agree are merged; the merged event keeps the most specific date, the most
definite status and the evidence of its most informative mention. A mention
that names only one side ("the president's visit") never makes an event of its
own, but joins a full mention it fits.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..codes import PLAN_STATUSES, Status
from ..entities.geo import gazetteer
from ..records import Actor, Evidence, Location
from .actors import Party
from .patterns import STATUS_RANK
from ..time.values import interval
from .when import overlaps, width

def is_city_name(name: str) -> bool:
    """Whether a place name is a city's ("Sochi") rather than a country's or a building's."""
    gaz = gazetteer()
    return gaz.country(name) is None and gaz.city(name) is not None


_KIND_RANK = {"person": 4, "org": 3, "speaker": 3, "official": 2, "pair": 2, "place": 2, "state": 2, "country": 1}


@dataclass
class Mention:
    type: str
    mode: str | None
    status: Status
    source: Party
    target: Party | None
    symmetric: bool
    date: str | None
    location: Location | None
    evidence: Evidence
    reported_by: str | None
    trigger: str
    tok: int
    sent: int
    anaphoric: bool = False     # "the visit, which will take place on ...": lends its date to the one told before
    speaker: Party | None = None  # the person the claim is attributed to, when the entities name one
    group: bool = False         # one pair of a happening of three or more sides ("the advisers of A, B and C")

    @property
    def complete(self) -> bool:
        return (not self.anaphoric and self.target is not None and bool(self.source.country)
                and bool(self.target.country) and self.source.country != self.target.country)

    @property
    def unordered(self) -> bool:
        return self.symmetric and self.mode != "visit"

    def score(self) -> tuple[int, ...]:
        tgt = _KIND_RANK.get(self.target.kind, 0) if self.target else 0
        return (self.complete, self.date is not None, _KIND_RANK.get(self.source.kind, 0) + tgt,
                self.location is not None, -width(self.date), -len(self.evidence.text))


def _same_party(a: Party, b: Party) -> bool:
    if a.country != b.country:
        return False
    ea, eb = a.actor.entity, b.actor.entity
    if a.is_person and b.is_person and ea and eb:
        return ea == eb
    return True


def _sides_fit(a: Mention, b: Mention) -> bool:
    if b.target is None:
        if a.target is None:
            return False
        if a.unordered or b.unordered:
            return _same_party(a.source, b.source) or _same_party(a.target, b.source)
        return _same_party(a.source, b.source)
    if a.target is None:
        return _sides_fit(b, a)
    if a.unordered or b.unordered:
        if _same_party(a.source, b.source) and _same_party(a.target, b.target):
            return True
        return _same_party(a.source, b.target) and _same_party(a.target, b.source)
    return _same_party(a.source, b.source) and _same_party(a.target, b.target)


_UNSETTLED = PLAN_STATUSES


def _statuses_fit(a: Mention, b: Mention) -> bool:
    """A held meeting and a planned one are two happenings unless their dates say otherwise;
    an undated past meeting is the dated one only when told close to it."""
    if a.status == Status.HAPPENED == b.status and (a.date is None) != (b.date is None):
        return abs(a.sent - b.sent) <= 2
    if a.status == b.status or {a.status, b.status} <= _UNSETTLED:
        # an undated plan is the dated one only when told close to it (as for held meetings)
        return (a.date is None) == (b.date is None) or abs(a.sent - b.sent) <= 2
    return a.date is not None and b.date is not None


def _places_fit(a: Mention, b: Mention) -> bool:
    """Talks in Lyon and a visit to Paris are two happenings; a visit to France may be either."""
    la, lb = a.location, b.location
    if la is None or lb is None or not la.name or not lb.name or la.name == lb.name:
        return True
    if la.country != lb.country:
        return False
    return not (is_city_name(la.name) and is_city_name(lb.name))


def _attendance(m: Mention) -> bool:
    return m.trigger.casefold().startswith("attend")


def fits(a: Mention, b: Mention) -> bool:
    if a.type != b.type or not _places_fit(a, b):
        return False
    if _attendance(a) != _attendance(b):
        return False            # attending a summit in X and meeting X's leader (there or elsewhere) are two
    if a.type != "CONSULT" and a.sent != b.sent:
        return False            # two agreements (or protests) told apart are two unless told as one
    if a.group != b.group and a.sent != b.sent:
        return False            # a pair of a three-way meeting is not a two-way one told elsewhere
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if a.mode != b.mode and (a.date is None) != (b.date is None):
        # undated talks may be the dated visit told again; dated talks are not an undated visit
        dated = a if a.date is not None else b
        if dated.mode is None:
            return False
    if (a.mode == "phone") != (b.mode == "phone") and (a.date is None or b.date is None):
        return False            # a call and a meeting are told apart by their dates only
    return overlaps(a.date, b.date) and _statuses_fit(a, b) and _sides_fit(a, b)


def completes(a: Mention, part: Mention) -> bool:
    """Whether a one-sided mention (``part``) is a partial statement of ``a``."""
    if a.type != part.type or a.mode != part.mode or not overlaps(a.date, part.date):
        return False
    if not part.anaphoric and not _statuses_fit(a, part):
        return False
    assert a.target is not None
    sides = [a.source, a.target] if a.unordered else [a.source]
    p = part.source
    for s in sides:
        if p.is_person:
            if s.is_person and s.actor.entity and s.actor.entity == p.actor.entity:
                return True
            if not s.is_person and s.country and s.country == p.country:
                return True             # "Spain's royal couple" ... "Queen Letizia of Spain"
        elif s.country == p.country:
            return True
    return False


def merge(mentions: list[Mention]) -> list[list[Mention]]:
    """Clusters of mentions, one per happening; each cluster holds at least one complete mention."""
    clusters: list[list[Mention]] = []
    for m in sorted((m for m in mentions if m.complete), key=lambda m: m.tok):
        home = next((c for c in clusters if all(fits(m, o) for o in c)), None)
        if home is None:
            clusters.append([m])
        else:
            home.append(m)
    for m in mentions:
        if m.complete or not m.source.country:
            continue
        home = next((c for c in clusters if any(completes(o, m) for o in c if o.complete)), None)
        if home is not None:
            home.append(m)
    return clusters


def _inside(a: str, b: str | None) -> bool:
    ia, ib = interval(a), interval(b)
    return ia is not None and ib is not None and ib[0] <= ia[0] and ia[1] <= ib[1]


def best_party(parties: list[Party]) -> Party:
    return max(parties, key=lambda p: (_KIND_RANK.get(p.kind, 0), bool(p.actor.name)))


def summarise(cluster: list[Mention]) -> dict:
    """The fields of one event from the mentions of one happening."""
    full = [m for m in cluster if m.complete]
    mode = next((m.mode for m in sorted(full, key=lambda m: m.score(), reverse=True) if m.mode), None)
    # the lead mention states the final mode, so that a visit keeps its direction
    lead = max((m for m in full if m.mode == mode), key=lambda m: m.score())
    # one-sided mentions lend a date when the full ones have none, never their status
    dated = [m.date for m in full if m.date] or [m.date for m in cluster if m.date]
    date = min(dated, key=width) if dated else None
    # ... or a day inside the full ones' month: "the royal couple's trip in April" and "the April 21 trip by
    # the King" are one visit, told to the day by the one-sided mention
    finer = [m.date for m in cluster if m.date and width(m.date) < width(date) and _inside(m.date, date)]
    date = min(finer, key=width) if finer else date
    status = max((m.status for m in full), key=lambda s: STATUS_RANK.get(s, 0))
    location = lead.location or next((m.location for m in cluster if m.location), None)
    assert lead.target is not None
    src_c, tgt_c = lead.source.country, lead.target.country
    sources: list[Party] = []
    targets: list[Party] = []
    for m in cluster:
        for p in (m.source, m.target):
            if p is None:
                continue
            if p.country == src_c:
                sources.append(p)
            elif p.country == tgt_c:
                targets.append(p)
    src, tgt = best_party(sources), best_party(targets)
    # a state acting through the official who announces it: "X will lodge a protest, its spokesman said"
    speaker = lead.speaker
    if speaker is not None and speaker.actor.name and src.kind in ("place", "state", "country") and (
            speaker.country == src.country):
        src = speaker
    return {"type": lead.type, "mode": mode, "status": status, "source": _actor(src), "target": _actor(tgt),
            "date": date, "location": location, "evidence": lead.evidence, "reported_by": lead.reported_by,
            "trigger": lead.trigger, "tok": min(m.tok for m in cluster)}


def _actor(p: Party) -> Actor:
    return Actor(p.actor.name, p.actor.entity, p.actor.country)
