"""A count with a fraction before a calendar unit ("1.5 months ago") names no calendar month or
year. It used to reach ``Anchor.month_value`` as a float: the month came out as ``2021.5`` or the
article's time stage raised ValueError (found by mypy: ``number`` returns a float)."""
from __future__ import annotations

import pytest

from storyline.records import Published
from storyline.time import find_timexes

ANCHOR = Published(date="2024-03-10", how="test", confidence=1.0, year=2024, month=3, day=10)


@pytest.mark.parametrize("sentence, text, value", [
    ("The plant closed 2.5 years ago.", "2.5 years ago", "PAST_REF"),
    ("Prices fell 1.5 months ago.", "1.5 months ago", "PAST_REF"),
    ("The mill closed 2 years ago.", "2 years ago", "2022"),
    ("He left 2.5 weeks ago.", "2.5 weeks ago", "2024-W08"),
])
def test_a_fractional_count_of_months_or_years_ago_is_a_vague_past(sentence: str, text: str, value: str) -> None:
    found = {t.text: t.value for t in find_timexes(sentence, ANCHOR)}
    assert found.get(text) == value

