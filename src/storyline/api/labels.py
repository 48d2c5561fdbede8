"""Words for people: PLOVER codes, modes, statuses and TIMEX3 dates as an analyst reads them.

The store keeps codes (``CONSULT``, ``third-party``, ``2014-FA``, ``XXXX-09-12``) because
they sort, filter and travel between tools; a person reads "meeting/visit", "talks in a
third country", "autumn 2014", "12 September, year unknown". The CLI, the page and the
feeds print dates through ``human_date`` only, so an unknown date reads one way everywhere
("undated"), where the CLI used to print it three ways (``undated``, ``????-??-??`` and the
raw ``XXXX-09-12``). ``codebook()`` is the table both sides share (``/api/codebook``):
codes stay available in tooltips and in ``--json``.
"""
from __future__ import annotations

import calendar
import re
from typing import Any

from ..codes import Status, event_codes

UNDATED = "undated"

# the codebook's words for types and modes come from the one registry (``storyline.codes``, read from
# the trigger data): a new type there is labelled, filtered and exported here with no second list
TYPES: dict[str, str] = event_codes().type_labels
MODES: dict[str, str] = event_codes().mode_labels
STATUSES: dict[str, str] = {s.value: s.value for s in Status}
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
HALVES = {"H1": "first half of", "H2": "second half of"}
QUARTERS = {"Q1": "Jan–Mar", "Q2": "Apr–Jun", "Q3": "Jul–Sep", "Q4": "Oct–Dec"}

_PART = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}|XX|SP|SU|FA|AU|WI|Q[1-4]|H[12]|W\d{2})(?:-(\d{2}|XX))?)?(?:T.*)?$")


def type_label(code: str | None, mode: str | None = None) -> str:
    """``("CONSULT", "phone")`` → ``"phone call"``; ``("CONSULT", None)`` → ``"meeting/visit"``."""
    if mode and mode in MODES:
        return MODES[mode]
    if not code:
        return "event"
    return TYPES.get(code.upper(), code.lower())


def _month(m: str) -> str | None:
    return calendar.month_name[int(m)] if m.isdigit() and 1 <= int(m) <= 12 else None


def human_date(value: str | None) -> str:
    """A TIMEX3 value (or a publication date) as one reads it; ``"undated"`` when nothing is known.

    >>> [human_date(v) for v in ("2016-05-06", "2016-05", "2014-FA", "XXXX-09-12", None)]
    ['2016-05-06', 'May 2016', 'autumn 2014', '12 September, year unknown', 'undated']
    """
    if not value or not isinstance(value, str) or value.startswith("?"):
        return UNDATED
    value = value.strip()
    if "/" in value:
        a, b = value.split("/", 1)
        return f"{human_date(a)} – {human_date(b)}"
    m = _PART.match(value)
    if not m:
        return value if value[:1].isdigit() else UNDATED     # PRESENT_REF and the like say nothing of when
    year, part, day = m.groups()
    known = year != "XXXX"
    if part is None:
        return year if known else UNDATED
    if part in SEASONS:
        return f"{SEASONS[part]} {year}" if known else f"{SEASONS[part]}, year unknown"
    if part in QUARTERS:
        return f"{part[0]}{part[1]} {year} ({QUARTERS[part]})" if known else UNDATED
    if part in HALVES:
        return f"{HALVES[part]} {year}" if known else UNDATED
    if part.startswith("W"):
        return f"week {int(part[1:])} of {year}" if known else UNDATED
    month = _month(part)
    if month is None:
        return year if known else UNDATED
    if day is None or not day.isdigit():
        return f"{month} {year}" if known else f"{month}, year unknown"
    if known:
        return f"{year}-{part}-{day}"
    return f"{int(day)} {month}, year unknown"


def codebook() -> dict[str, Any]:
    """Every code the records use, with its label: for the page's tooltips and codebook view."""
    return {"types": [{"code": k, "label": v} for k, v in TYPES.items()],
            "modes": [{"code": k, "label": v} for k, v in MODES.items()],
            "statuses": [{"code": k, "label": v} for k, v in STATUSES.items()],
            "dates": [{"code": c, "label": human_date(c)} for c in
                      ("2016-05-06", "2016-05", "2016", "2016-SP", "2016-Q2", "2016-H1", "2016-W19",
                       "XXXX-05-06", "2016-05-06/2016-05-07", None)]}
