"""What the API accepts, as OpenAPI can say it: patterns for the parameters the server checks.

schemathesis (``st run …/openapi.json --checks all``) generated requests that the document
called valid and the server refused: the document said ``string`` where the server needs a
calendar date, an ISO-3 pair or an event type. Each pattern here accepts exactly what the
library's checks accept (``queries.parse_countries``, ``parse_choices``, ``dates.parse_bound``),
or less: FastAPI refuses anything outside it before the library sees it, so a request the
document allows is one the server answers, and one it forbids is refused with 400.

Dates are the hard one: ``YYYY``, ``YYYY-MM`` or a real day, for years 1000–9998 (what
``time.values.interval`` reads), 29 February only in leap years.
"""
from __future__ import annotations

from .dates import parse_bound
from .labels import STATUSES, TYPES

_YEAR = r"(?:[1-8]\d{3}|9[0-8]\d{2}|99[0-8]\d|999[0-8])"
_LEAP = r"(?:[1-9]\d(?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)"
_DAY = (r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)")
DATE = rf"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-{_DAY}|{_LEAP}-02-29)$"
COUNTRY = r"^[A-Za-z]{3}$"
COUNTRIES = r"^[A-Za-z]{3}(?:,[A-Za-z]{3})?$"
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "OUTLET", "FAC", "EVENT")


def choices(values: tuple[str, ...] | list[str]) -> str:
    """A comma-separated list of ``values`` (repeats allowed, as the server allows them)."""
    one = "(?:" + "|".join(values) + ")"
    return rf"^{one}(?:,{one})*$"


EVENT_TYPES = choices(list(TYPES))
EVENT_STATUSES = choices(list(STATUSES))
ENTITY_TYPE_LIST = choices(list(ENTITY_TYPES))
TEXT = r"\w"            # free text the server strips: at least one word character


def inverted(date_from: str | None, date_to: str | None) -> bool:
    """True when both bounds are given and the range is empty (``date_to`` before ``date_from``).

    OpenAPI cannot relate two parameters, so the API answers such a range with an empty page
    (nothing happened between them) rather than a 400 the document does not announce; the
    library and the CLI still say that the bounds are the wrong way round.
    """
    try:
        lo, hi = parse_bound(date_from), parse_bound(date_to, end=True)
    except ValueError:
        return False
    return bool(lo and hi and hi < lo)


def empty_page(limit: int, offset: int, **extra: object) -> dict[str, object]:
    return {**extra, "total": 0, "limit": limit, "offset": offset, "items": []}
