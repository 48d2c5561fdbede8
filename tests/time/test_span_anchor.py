"""A page dated only to a span of days still places the expressions that mean the same on every
day of the span ("in April", said in the past, from a page of late 2020), and nothing else.

Texts are written for these tests."""
from __future__ import annotations

import datetime as dt

from storyline.ingest.dating.decide import date_page
from storyline.records import Article, Published, article_from_dict
from storyline.time.resolve import find_timexes

LATE_2020 = Published(date="2020/2021", how="region+tenure", confidence=0.5, span=("2020-09-16", "2021-01-20"))


def values(text: str, published: Published) -> dict[str, str | None]:
    return {t.text: t.value for t in find_timexes(text, published)}


def test_a_month_in_the_past_takes_the_one_year_the_whole_span_allows() -> None:
    got = values("The two leaders last met in April. Talks broke down in March.", LATE_2020)
    assert got["April"] == "2020-04"
    assert got["March"] == "2020-03"


def test_a_weekday_differs_across_the_span_and_stays_open() -> None:
    got = values("The minister spoke on Friday.", LATE_2020)
    assert got["Friday"] is None


def test_a_span_of_a_few_days_places_today_as_the_interval_it_allows() -> None:
    summit = Published(date="2011-06", how="gathering", confidence=0.7, span=("2011-06-07", "2011-06-09"))
    got = values("Leaders signed the charter today. The ministers arrived on Friday.", summit)
    assert got["today"] == "2011-06-07/2011-06-09"
    assert got["Friday"] == "2011-06-03"    # Tuesday 7 to Thursday 9 June: the last Friday is one day


def test_without_a_span_the_month_keeps_an_unknown_year() -> None:
    plain = Published(date="2020/2021", how="region", confidence=0.5)
    assert values("The two leaders last met in April.", plain)["April"] in (None, "XXXX-04")


def test_a_span_that_crosses_the_month_leaves_it_open() -> None:
    spring = Published(date="2020", how="region", confidence=0.7, span=("2020-03-01", "2020-06-30"))
    assert values("The two leaders last met in April.", spring)["April"] in (None, "XXXX-04", "2020-04")
    # from 1 March the last April is 2019's, from 30 June 2020's: no single value
    assert values("The two leaders last met in April.", spring)["April"] != "2019-04"


def test_an_unfulfilled_plan_lies_in_the_past() -> None:
    got = values("The new bridge was supposed to open in April, but the work ran late.", LATE_2020)
    assert got["April"] == "2020-04"


def test_the_span_survives_the_record_round_trip() -> None:
    a = Article(id="x", path="x.txt", source=None, headline=None, lead=None, dateline=None,
                published=LATE_2020, text="Nothing dated here.")
    d = a.to_dict()
    assert d["published"]["span"] == ["2020-09-16", "2021-01-20"]
    assert article_from_dict(d).published.span == ("2020-09-16", "2021-01-20")
    full = Article(id="y", path="y.txt", source=None, headline=None, lead=None, dateline=None,
                   published=Published("2020-09-18", "page-date", 0.99, 2020, 9, 18, 4), text="x")
    assert "span" not in full.to_dict()["published"]


def test_a_page_dated_from_offices_reports_the_days_they_overlap() -> None:
    page = ("Prime Minister Yoshihide Suga spoke with President Donald Trump by telephone, the government said. "
            "The two men discussed trade.")
    dating = date_page(page, page, today=dt.date(2026, 11, 23))
    assert dating.value == "2020/2021"
    assert dating.span == (dt.date(2020, 9, 16), dt.date(2021, 1, 20))


def test_a_historical_date_in_the_prose_does_not_stand_in_for_an_unknown_page() -> None:
    text = ("The treaty was signed on March 5, 1946, in a hall near the river. Today the ministers said "
            "they would meet again next week.")
    got = values(text, Published(None, "unknown", 0.0))
    assert got["Today"] in (None, "PRESENT_REF")
    # a stated date inside what the page's dating knows stands in for the day
    inside = values("The talks opened on March 5, 2020, in Geneva. On Tuesday the envoys met again.",
                    Published("2020", "region", 0.7, 2020, span=("2020-01-01", "2020-04-07")))
    assert inside["Tuesday"] in ("2020-03-10", "2020-03-03")
