"""Year inference for datelines without a year, on constructed cases -- including
the ones where the evidence does not decide and the year must be left out."""
from __future__ import annotations

import datetime as dt

import pytest

from storyline.ingest.published import infer_published, infer_year, report_weekday, tenure_hits
from storyline.records import Dateline

TODAY = dt.date(2026, 11, 23)


def dl(month: int, day: int, text: str | None = None) -> Dateline:
    return Dateline(place="TOKYO", text=text or f"month {day}", agency="TASS", month=month, day=day)


def pub(body: str, month: int, day: int, **kw):
    return infer_published(dateline=dl(month, day), body=body, today=TODAY, **kw)


def test_metadata_wins_over_dateline() -> None:
    p = pub("TOKYO, May 6. /TASS/. Text on Friday.", 5, 6, meta_published="2016-05-06T10:00:00Z")
    assert (p.date, p.how) == ("2016-05-06", "metadata")


def test_header_and_html_and_url_dates() -> None:
    assert pub("x", 1, 26, header_date=dt.date(2016, 1, 26)).how == "header-timestamp"
    assert pub("x", 1, 26, html_date=dt.date(2016, 1, 26)).how == "html-meta"
    p = pub("x", 5, 6, url="https://example.org/news/2016/05/06/visit-story")
    assert (p.date, p.how) == ("2016-05-06", "url")


def test_year_in_dateline() -> None:
    p = infer_published(dateline=Dateline("NEW YORK", "Sept. 5, 2016", "Reuters", 9, 5), body="x", today=TODAY)
    assert (p.date, p.how) == ("2016-09-05", "dateline")


def test_weekday_plus_tenure_decides() -> None:
    # Fridays on March 4: 2005, 2011, 2016, 2022; Merkel chancellor 2005-11..2021-12 and Kerry SecState 2013-2017
    body = ("BERLIN, March 4. /TASS/. German Chancellor Angela Merkel told reporters on Friday that she had spoken "
            "with US Secretary of State John Kerry.")
    p = pub(body, 3, 4)
    assert p.date == "2016-03-04" and "weekday" in p.how and "tenure" in p.how and p.confidence >= 0.8


def test_weekday_plus_recent_year_decides() -> None:
    # Saturdays on February 6: 2010, 2016, 2021; the story refers back to November 2015
    body = "ROME, February 6. /TASS/. The newspaper wrote on Saturday that talks held on November 20, 2015 had failed."
    assert pub(body, 2, 6).date == "2016-02-06"


def test_weekday_alone_declines() -> None:
    p = pub("ROME, February 6. /TASS/. The ministers met on Saturday.", 2, 6)
    assert p.date == "XXXX-02-06" and p.year is None and p.confidence == 0.0 and "undecided" in p.how


def test_no_evidence_declines() -> None:
    p = pub("PARIS, June 3. /TASS/. The ministers met to discuss trade.", 6, 3)
    assert p.date == "XXXX-06-03" and p.year is None


def test_tenure_without_weekday_declines_when_range_is_wide() -> None:
    p = pub("BERLIN, March 4. /TASS/. German Chancellor Angela Merkel spoke at a forum.", 3, 4)
    assert p.year is None


def test_former_title_is_not_tenure_evidence() -> None:
    assert not tenure_hits("Former US Secretary of State John Kerry spoke.")
    assert [t.office for t in tenure_hits("US Secretary of State John Kerry spoke.")] == ["Secretary of State"]


def test_deputy_title_is_not_the_office() -> None:
    offices = {t.office for t in tenure_hits("US Deputy Secretary of State Antony Blinken arrived.")}
    assert offices == {"Deputy Secretary of State"}


def test_counterpart_shares_the_office() -> None:
    hits = tenure_hits("Russian Foreign Minister Sergei Lavrov and his Japanese counterpart Taro Kono met.")
    assert {t.name for t in hits} == {"Sergei Lavrov", "Taro Kono"}


def test_appositive_title() -> None:
    assert [t.name for t in tenure_hits("Dmitry Peskov, the Kremlin press secretary, said.")] == ["Dmitry Peskov"]


def test_conflicting_evidence_declines() -> None:
    # Kerry (2013-2017) and Pompeo (2018-2021) both as sitting Secretary of State: no single year fits both
    body = ("WASHINGTON, March 4. /TASS/. US Secretary of State John Kerry said on Friday that US Secretary of "
            "State Mike Pompeo agreed.")
    assert pub(body, 3, 4).year is None


@pytest.mark.parametrize("body,expected", [
    ("TOKYO, May 6. /TASS/. The minister told reporters on Friday that...", (4, (0, -1))),
    ("TOKYO, May 6. /TASS/. The ministers will hold talks in Moscow on Saturday.", (5, (0, 1))),
    ("TOKYO, May 6. /TASS/. The minister said last Friday was a good day.", None),
    ("TOKYO, May 6. /TASS/. The ministers met. On Friday they spoke again.", None),
])
def test_report_weekday(body, expected) -> None:
    assert report_weekday(body) == expected


def test_weekday_day_before_allowed_for_past_reports() -> None:
    # a Saturday story about what was said on Friday: March 5 2016 is a Saturday
    body = ("BERLIN, March 5. /TASS/. German Chancellor Angela Merkel told reporters on Friday that she had spoken "
            "with US Secretary of State John Kerry.")
    assert pub(body, 3, 5).date == "2016-03-05"


def test_corpus_years_break_a_tie() -> None:
    body = "ROME, February 6. /TASS/. The ministers met on Saturday."
    year, how, conf, _ = infer_year(2, 6, body, corpus_years=[2015, 2016, 2017], today=TODAY)
    assert year == 2016 and "corpus" in how and 0 < conf < 0.9


def test_impossible_date_is_not_guessed() -> None:
    p = infer_published(dateline=Dateline("X", "February 30", None, 2, 30), body="x", today=TODAY)
    assert p.date is None and p.how == "dateline-invalid"


def test_future_dates_are_not_candidates() -> None:
    year, *_ = infer_year(12, 31, "X, December 31. /TASS/. Text on Thursday.", today=dt.date(2020, 6, 1))
    assert year is None or year <= 2020
