"""Thresholds, weights and word lists of the linking stage, as data.

Every number that decides whether two reports are one real-world event lives
here, so that tuning is a change of data, never of logic. ``RULES`` is the
default; ``link_events(..., rules=...)`` takes a modified copy
(``dataclasses.replace(RULES, link_threshold=1.5)``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..codes import OPEN_STATUSES, Status
from ..codes import PLAN_STATUSES as PLAN_STATUSES

# Statuses, types, modes and which types are symmetric: ``storyline.codes`` (the trigger data).
OPEN_PLAN_STATUSES = OPEN_STATUSES          # plans that can become overdue

# Modes that are never the same happening. A missing mode is compatible with any mode
# (at a cost, see ``mode_missing``) except those in ``MODE_NEEDS_DATE_WHEN_MISSING``.
MODE_NEEDS_DATE_WHEN_MISSING = frozenset({"phone"})   # "talks" is only a call if the dates agree

# When two reports of one event are published on the same day, the one that knows more wins.
STATUS_PRIORITY: dict[str, int] = {Status.HAPPENED: 5, Status.CANCELLED: 4, Status.POSTPONED: 3, Status.PLANNED: 2,
                                   Status.POSSIBLE: 1}

# Status pairs that contradict each other when two sources report them close in time.
CONFLICTING_STATUSES = frozenset({frozenset({Status.HAPPENED, Status.CANCELLED}),
                                  frozenset({Status.HAPPENED, Status.POSTPONED}),
                                  frozenset({Status.PLANNED, Status.CANCELLED})})

# Words that carry no identity of a happening; names of the actors are dropped separately.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each earlier few for from further had has have
having he her here hers him his how i if in into is it its itself just last later least like may me might
more most much must my next no nor not now of off on once only or other our out over own per said same
say says she should since so some such than that the their theirs them then there these they this those
through to told too under until up upon very was we were what when where which while who whom why will
with would year years yet you your according reported report reports wrote also within without amid among
side sides two both country countries government state official officials
""".split())

# Types of which one meeting often yields several (agreements, documents signed): within one
# article, two reports of such a type on one day are one event only if worded alike.
MANY_A_DAY_TYPES = frozenset({"AGREE"})

# Words of a sentence that names several parties acting apart ("met X and Y separately"): its
# pairs are separate happenings, not one joint one (``mentions.joint_blocks``). Compared with the
# evidence's content words, so crudely stemmed like them.
APART_WORDS = frozenset({"separately", "respectively", "individually", "separate"})
# Types and modes whose pairs from one sentence are separate happenings all the same: each party
# signs or accepts an instrument on its own (the gold codes co-signatories pair by pair), a call
# joins two parties (a leader's calls with several others are several calls), and a visit has one
# guest and one host (a tour is a visit per host; two guests received together, two visits).
NOT_JOINT_TYPES = frozenset({"AGREE"})
NOT_JOINT_MODES = frozenset({"phone", "visit"})

# Person names that are roles or collectives, not people (an actor named so is not a participant).
NOT_PERSONS = frozenset({"president", "minister", "prime", "foreign", "government", "side", "kremlin",
                         "ministry", "spokesman", "spokeswoman", "official", "officials", "leader", "leaders",
                         "delegation", "premier", "chancellor", "secretary", "counterpart"})


@dataclass(frozen=True)
class LinkRules:
    """The decision rules of ``link_events``; see the module docstring."""

    # --- candidates (cost): only clusters reported within this many days are compared
    window_days: int = 730
    max_candidates: int = 24          # cluster representatives compared per report, at most
    posting_scan: int = 64            # entries read from the end of one index list, at most
    recent_clusters: int = 8          # the block's most recently reported clusters are always candidates

    # --- decision
    link_threshold: float = 1.0       # a report joins the best cluster scoring at least this
    date_overlap: float = 1.0         # both dated and the dates overlap
    date_precise_bonus: float = 1.0   # ... and both are a month or narrower
    precise_days: int = 31
    date_slip: float = -0.5           # plan dates that do not overlap (waived after a postponement)
    stale_plan_days: int = 31         # a month-precise plan date this long past, unremarked: another occurrence
    recency_anchor: float = 0.5       # an undated "happened" report soon after a dated happening
    recent_days: int = 21             # "soon after" above
    happened_gap_days: int = 60       # two undated "happened" reports this far apart are two happenings
    person_match: float = 1.0         # per side whose named person is the same
    place_country: float = 0.5        # both give a location and its country agrees
    place_name: float = 0.5           # ... and the place name too (beyond the country's own name)
    mode_match: float = 0.25
    mode_missing: float = -0.5        # one report gives a mode, the other none
    evidence_weight: float = 1.5      # times the scaled overlap of the evidence sentences' content words
    evidence_floor: float = 0.3       # overlap below this adds nothing
    evidence_anchor: float = 0.5      # overlap at least this is an anchor
    evidence_min_words: int = 3       # shorter evidence is never an anchor
    evidence_kept: int = 6            # distinct evidence sentences a cluster keeps for comparison
    slack_days: int = 1               # dates one day apart still overlap (time zones, overnight talks)

    # --- lifecycle
    conflict_days: int = 3            # reports this close in time that disagree are a conflict
    plan_conflict_days: int = 30      # plan dates reported this close that do not overlap are a conflict

    extra: dict[str, float] = field(default_factory=dict)   # room for experiments without a code change


RULES = LinkRules()


@dataclass(frozen=True)
class DedupRules:
    """Near-duplicate articles: MinHash LSH over character shingles, then a check of the estimate."""

    shingle: int = 5                  # characters per shingle
    num_perm: int = 128               # MinHash permutations
    seed: int = 1
    lsh_threshold: float = 0.5        # candidates by the whole text (one topic's articles: Jaccard 0.1-0.2)
    lead_chars: int = 600             # candidates by the lead: a truncated copy keeps it
    lead_threshold: float = 0.8
    same_story: float = 0.7           # estimated Jaccard at least this: the same story
    reprint: float = 0.9              # ... at least this: a reprint (otherwise an update)
    containment: float = 0.85         # the shorter text's shingles inside the longer: a truncated copy
    reprint_size_ratio: float = 0.85  # ... unless both are about as long: a reprint with other page furniture
    min_containment_jaccard: float = 0.2
    min_shingles: int = 200           # texts shorter than this (in shingles) are never duplicates


DEDUP = DedupRules()
