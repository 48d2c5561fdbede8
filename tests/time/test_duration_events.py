"""Durations feed events: "a three-day visit starting Monday" dates the visit over three days."""
from __future__ import annotations

import pytest

from storyline.records import Article, Published
from storyline.time.values import interval, stretch


@pytest.mark.parametrize("value, duration, out", [
    ("2016-02-08", "P3D", "2016-02-08/2016-02-10"),
    ("2016-02-08", "P1W", "2016-02-08/2016-02-14"),
    ("2016-02-08", "P1D", "2016-02-08"),
    ("2016-02-08", "PT3H", "2016-02-08"),
    ("2016-02", "P3D", "2016-02"),
    ("XXXX-02-08", "P3D", "XXXX-02-08"),
    ("2016-02-08", None, "2016-02-08"),
])
def test_stretch(value: str, duration: str | None, out: str) -> None:
    assert stretch(value, duration) == out
    assert out == value or interval(out) is not None


@pytest.mark.model
@pytest.mark.parametrize("text, date", [
    ("Russian Foreign Minister Sergei Lavrov will make a three-day visit to Japan starting Monday, "
     "the ministry said on Saturday.", "2016-02-08/2016-02-10"),
    ("Japanese Prime Minister Shinzo Abe will pay a two-day visit to Russia on May 6, officials in Tokyo said.",
     "2016-05-06/2016-05-07"),
])
def test_a_visits_duration_gives_its_date_range(text: str, date: str) -> None:
    from storyline.analyze import analyze
    from storyline.nlp import parse

    article = Article(id="t", path="t", source=None, headline=None, lead=None, dateline=None,
                      published=Published("2016-02-06", "test", 1.0, 2016, 2, 6, 5), text=text)
    events = analyze(article, parse(text)).events
    assert [e.date for e in events if e.type == "CONSULT"] == [date]
