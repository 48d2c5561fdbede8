"""Landmark happenings named by month and day: the table, the year they give a month-day, and the
evidence they give the page's date. Sentences are written for these tests; the days are public record."""
from __future__ import annotations

import datetime as dt
import re

from storyline.happenings import happening_at, happenings
from storyline.ingest.dating.decide import date_page
from storyline.records import Published
from storyline.time.resolve import find_timexes

MAY_2016 = Published("2016-05-03", "page-date", 0.99, 2016, 5, 3, 1)


def values(text: str, published: Published = MAY_2016) -> dict[str, str | None]:
    return {t.text: t.value for t in find_timexes(text, published)}


def test_every_row_is_a_real_day_with_cues_that_compile() -> None:
    rows = [h for hs in happenings().values() for h in hs]
    assert len(rows) >= 30
    for h in rows:
        assert dt.date(1990, 1, 1) <= h.day <= dt.date.today()
        assert h.cues and all(isinstance(c, re.Pattern) for c in h.cues)


def test_a_month_day_names_the_happening_only_with_all_its_cues_near() -> None:
    text = "Tehran and six world powers on July 14 sealed the nuclear accord after years of talks."
    at = text.index("July 14")
    assert happening_at(text, at, at + 7, 7, 14) is not None
    plain = "The two ministers met on July 14 to talk about trade."
    at = plain.index("July 14")
    assert happening_at(plain, at, at + 7, 7, 14) is None


def test_the_happening_gives_the_year_whatever_the_page() -> None:
    got = values("Tehran and six world powers on July 14 sealed the nuclear accord after years of talks.")
    assert got["July 14"] == "2015-07-14"


def test_a_timeless_day_needs_its_noun_right_after_it() -> None:
    assert values("Relatives of the Sept. 11 victims gathered in New York.")["Sept. 11"] == "2001-09-11"
    assert values("On Sept. 11 the minister warned of terror threats.")["Sept. 11"] == "2015-09-11"


def test_a_named_happening_dates_the_page_within_the_year_after_it() -> None:
    page = ("Foreign Minister Mohammad Javad Zarif will travel to the Gulf next week. Tehran and six world powers "
            "on July 14 sealed the nuclear accord; on July 20 President Hassan Rouhani told parliament that neighbours "
            "come first.")
    dating = date_page(page, page, today=dt.date(2026, 11, 23))
    assert dating.span is not None
    assert dt.date(2015, 7, 14) <= dating.span[0] and dating.span[1] <= dt.date(2016, 7, 14)
    got = values(page, Published(dating.value, "region", dating.confidence,
                                 span=(dating.span[0].isoformat(), dating.span[1].isoformat())))
    assert got["July 20"] == "2015-07-20"


def test_a_bare_month_takes_the_year_of_the_one_happening_whose_cues_stand_near() -> None:
    got = values("Riyadh and Tehran struck a deal in March that ended years of rivalry.",
                 Published("2023", "region", 0.7, 2023))
    assert got["March"] == "2023-03"


def test_one_cue_word_is_too_little_for_a_month_and_acronyms_keep_their_case() -> None:
    # "who" is not the World Health Organization, and "pandemic" alone does not name a month's happening
    assert values("The chairman who resigned in March cited his health.")["March"] == "2016-03"
    assert values("The pandemic worsened in March, officials said.")["March"] == "2016-03"


def test_a_misspelt_month_with_a_day_is_still_a_date() -> None:
    got = values("The attack on the air base on Jauary 2 killed seven soldiers; talks resumed on 3 Febuary.")
    assert got["Jauary 2"] == "2016-01-02"
    assert got["3 Febuary"] == "2016-02-03"
    assert "Augst" not in values("The Augst heat broke records.")      # no day: no date


def test_a_happening_told_with_the_time_since_it_dates_the_page() -> None:
    page = ("The royal visit planned for the spring has been put off, the palace said. The decision came in a "
            "statement on Wednesday. President Donald Trump barred travel from Europe's passport-free zone last week.")
    dating = date_page(page, page, today=dt.date(2026, 11, 23))
    assert dating.value == "2020-03-18"
    assert "happening-told" in dating.how


def test_a_weekday_that_is_not_the_happenings_tells_nothing() -> None:
    from storyline.ingest.dating.decide import _happenings_told
    # 11 March 2020 was a Wednesday: "on Friday" cannot be the day of the travel ban
    assert _happenings_told("On Friday President Trump restricted travel from Europe.") == []
    told = _happenings_told("On Wednesday President Trump restricted travel from Europe.")
    assert [e.spans for e in told] == [((dt.date(2020, 3, 11), dt.date(2020, 3, 17)),)]
