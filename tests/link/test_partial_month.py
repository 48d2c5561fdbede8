"""An undated article's "in April" (XXXX-04) joins its people's happening of that month, if one year fits."""
from __future__ import annotations

from typing import Any

from storyline.link import link_events

from .factory import article, event, partition

GUEST = "Ines Moreau"


def _held(aid: str, pub: str, date: str, host: str, place: str | None, text: str) -> dict[str, Any]:
    return article(aid, pub, [event("e1", status="happened", src=("FRA", GUEST), tgt=("KEN", host), date=date,
                                    loc=(place, "KEN") if place else None, evidence=text)])


def _rumour(text: str) -> dict[str, Any]:
    return article("u1", None, [event("e1", status="possible", src=("FRA", GUEST), tgt=("KEN", None),
                                      date="XXXX-04", loc=("Nairobi", "KEN"), evidence=text)])


def test_one_year_fits_the_best_of_its_happenings_is_joined() -> None:
    # two meetings of one April trip that the linker keeps apart (two hosts in one article)
    trip = article("t1", "2018-04-12", [
        event("e1", status="happened", src=("FRA", GUEST), tgt=("KEN", "Joseph Kamau"), date="2018-04-11",
              loc=("Nairobi", "KEN"), evidence="Moreau and Kamau discussed coffee exports in Nairobi on Wednesday"),
        event("e2", status="happened", src=("FRA", GUEST), tgt=("KEN", "Ruth Wanjiru"), date="2018-04-11",
              evidence="Later that day Moreau was received by Wanjiru")])
    recs = [trip, _rumour("Moreau may come to Nairobi in April to prepare a trade deal")]
    link_events(recs)
    assert ("u1", "e1") in next(g for g in partition(recs) if ("t1", "e1") in g)


def test_happenings_of_two_years_fit_none_is_joined() -> None:
    recs = [_held("y1", "2018-04-12", "2018-04-11", "Joseph Kamau", "Nairobi",
                  "Moreau and Kamau discussed coffee exports in Nairobi on Wednesday"),
            _held("y2", "2020-04-15", "2020-04-14", "Joseph Kamau", "Nairobi",
                  "Moreau was back in Nairobi for talks with Kamau on Tuesday"),
            _rumour("Moreau may come to Nairobi in April to prepare a trade deal")]
    link_events(recs)
    assert frozenset({("u1", "e1")}) in partition(recs)
