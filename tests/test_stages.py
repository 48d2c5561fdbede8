"""The declared analysis stages: one signature, an order checked at start-up, a failing
stage named in the rejection."""
from __future__ import annotations

import pytest

from storyline import analyze as an
from storyline.records import Article, Published


def _article() -> Article:
    return Article(id="a1", path="a1.txt", source=None, headline=None, lead=None, dateline=None,
                   published=Published(date=None, how="none", confidence=0.0), text="Some text here.")


def test_every_analysis_field_is_filled_by_exactly_one_stage() -> None:
    assigned = [s.assigns for s in an.STAGES]
    assert sorted(assigned) == ["entities", "events", "quotes", "timexes"]


def test_the_shipped_order_is_valid() -> None:
    an.check_order()


def test_a_stage_reading_a_field_no_earlier_stage_fills_is_an_error() -> None:
    reversed_stages = tuple(reversed(an.STAGES))
    with pytest.raises(an.StageOrderError, match="events"):
        an.check_order(reversed_stages)


def test_a_stage_assigning_an_unknown_field_is_an_error() -> None:
    bogus = an.Stage("bogus", ("text",), "not_a_field", lambda doc, a: [])
    with pytest.raises(an.StageOrderError, match="not_a_field"):
        an.check_order((bogus,))


def test_a_failing_stage_becomes_a_rejection_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(doc, article):
        raise ValueError("broken on purpose")

    stages = tuple(an.Stage(s.name, s.requires, s.assigns, boom) if s.name == "quotes" else
                   an.Stage(s.name, s.requires, s.assigns, lambda doc, a: []) for s in an.STAGES)
    monkeypatch.setattr(an, "STAGES", stages)
    got = an._guarded(_article(), None)  # type: ignore[arg-type]
    assert not isinstance(got, Article)
    assert got.stage == "quotes" and got.code == "stage-error" and "broken on purpose" in got.detail
