"""Dating a page from the whole scraped text: one constructed case per evidence kind and per trap,
and the cases where the evidence does not reach a day and the date must stay partial.

All texts are written for these tests; the facts in them (offices, summits) are real."""
from __future__ import annotations

import datetime as dt

import pytest

from storyline.ingest.dating.candidates import find_candidates
from storyline.ingest.dating.decide import date_page, report_weekday
from storyline.ingest.dating.knowledge import gathering_evidence, tenure_evidence, tenure_hits, year_evidence
from storyline.ingest.published import infer_published

TODAY = dt.date(2026, 11, 23)


def date_of(page: str, body: str | None = None, **kw) -> tuple[str | None, list[str], float]:
    value, how, conf, _ = date_page(page, body if body is not None else page, today=TODAY, **kw)[:4]
    return value, how, conf


# ---------------------------------------------------------------- printed stamps, in many shapes

@pytest.mark.parametrize("stamp,expected", [
    ("07 Mar, 2011", "2011-03-07"),
    ("Last Updated: Monday, 7 March, 2011, 14:02 GMT", "2011-03-07"),
    ("Talks resume in Geneva | World | Example News | 07.03.2011", "2011-03-07"),
    ("Updated: 07-03-2011 18:30 IST", "2011-03-07"),          # day-month-year: the weekday below decides
    ("Mar 7, 2011, 6:05 PM", "2011-03-07"),
    ("Published: 2011-03-07T18:05:00+01:00", "2011-03-07"),
    ("Monday, March 7, 2011", "2011-03-07"),
    ("2011年3月7日", "2011-03-07"),
])
def test_stamp_shapes(stamp: str, expected: str) -> None:
    page = (f"Ministers meet in Geneva\n\n{stamp}\n\nGENEVA -- The foreign ministers of the two countries met on "
            "Monday to prepare a new round of talks, officials said after the meeting ended.\n")
    value, how, conf = date_of(page)
    assert value == expected and how[0] == "page-date" and conf >= 0.85


def test_ambiguous_numeric_date_follows_the_weekday() -> None:
    # 03-07-2011: 3 July 2011 was a Sunday, 7 March 2011 a Monday; the story says Monday
    page = ("Updated: 03-07-2011 10:00\n\nThe two ministers met on Monday in Geneva and agreed to meet again "
            "before the end of the year, the spokesman said.\n")
    assert date_of(page)[0] == "2011-07-03" or date_of(page)[0] == "2011-03-07"
    page_sunday = page.replace("on Monday", "on Sunday")
    assert date_of(page_sunday)[0] == "2011-07-03"
    assert date_of(page)[0] == "2011-03-07"


def test_dateline_with_a_year_opens_the_story() -> None:
    page = ("Council extends mission\n\nNEW YORK, March 3, 2015 (AP) -- The Security Council voted on Tuesday to "
            "extend the peacekeeping mission for another year after a short debate in the chamber.\n")
    value, how, conf = date_of(page)
    assert value == "2015-03-03" and conf >= 0.9


def test_published_stamp_wins_over_updated_stamp() -> None:
    page = ("Talks resume\n\nUpdated: March 5, 2015 10:02\nPublished: March 3, 2015 08:15\n\nThe negotiators met "
            "in Lausanne and agreed to meet again next week, the spokeswoman said after the session ended.\n")
    assert date_of(page)[0] == "2015-03-03"


def test_ambiguous_numeric_date_without_weekday_stays_partial() -> None:
    page = ("Updated: 03/04/2015 10:00\n\nThe ministers met in Geneva and agreed to meet again before the end of "
            "the year, the spokesman said after the talks.\n")
    value, how, conf = date_of(page)
    assert value == "2015" and "tied" in how and conf < 0.9


def test_date_place_line() -> None:
    page = ("Transcripts\n\nOpening remarks at the talks\n\nJune 12, 2010, Moscow\n\nPresident: Good afternoon, "
            "colleagues. Let us begin the meeting that we agreed to hold earlier this spring.\n")
    assert date_of(page)[0] == "2010-06-12"


def test_caption_date_is_the_page_date_when_nothing_else_is_printed() -> None:
    page = ("Leaders meet in Tokyo\n\nThe two presidents shake hands before talks in Tokyo March 9, 2012. "
            "REUTERS/Staff Photographer\n\nTOKYO (Reuters) - The two leaders held talks on Friday and agreed "
            "to expand trade, officials said after the meeting in the Japanese capital.\n")
    value, how, conf = date_of(page)
    assert value == "2012-03-09" and "caption" in how and conf < 0.99


def test_caption_shows_the_news_day_and_the_page_the_next() -> None:
    # the caption names Friday 9 March; the story, written the next day, says "on Saturday"
    page = ("The two presidents in Tokyo on March 9, 2012. AFP PHOTO\n\nTOKYO -- Officials said on Saturday "
            "that the talks of the two presidents would continue next month in Seoul.\n")
    assert date_of(page)[0] == "2012-03-10"


# ---------------------------------------------------------------- traps

def test_crawl_date_in_site_header_loses_to_the_article_stamp() -> None:
    page = ("Today is Friday, November 20, 2026 | Sign in | Subscribe\n\nTalks end without a deal\n\n"
            "Published: 14 May 2014 09:12\n\nThe ministers ended two days of talks on Wednesday without a deal, "
            "but agreed to meet again in June, the host said in a statement.\n")
    assert date_of(page)[0] == "2014-05-14"


def test_unlabelled_crawl_date_loses_to_the_offices_named() -> None:
    # a site header prints the day of the crawl; the story names Obama and Cameron in office
    page = ("Monday, 16 November 2026\n\nLeaders discuss trade\n\nPresident Barack Obama spoke on Friday with "
            "British Prime Minister David Cameron about the trade talks, the White House said.\n")
    value, _, _ = date_of(page)
    assert value == "2010/2016"


def test_copyright_year_and_old_article_notice_are_not_dates() -> None:
    page = ("This article is more than 5 years old\n\nThe ministers met on Tuesday in Vienna to continue the talks "
            "on the nuclear programme, diplomats said.\n\n© 2026 Example Media. All rights reserved. "
            "Copyright 01/02/2026\n")
    value, _, _ = date_of(page)
    assert value is None or not value.startswith("2026")


def test_file_photo_caption_is_not_the_page_date() -> None:
    page = ("A file photo of the two leaders in Beijing on May 3, 2009. REUTERS/File Photo\n\nBEIJING (Reuters) - "
            "The two leaders will meet again next week, the foreign ministry said on Tuesday.\n")
    value, _, _ = date_of(page)
    assert value != "2009-05-03" and value != "2009-05-04"


def test_unconfirmed_caption_date_is_not_the_page_date() -> None:
    # an old photo without "file" in its caption; the story gives no weekday to confirm the day
    page = ("The two presidents in Beijing on November 10, 2014. REUTERS/Pool\n\nMOSCOW (Reuters) - The Kremlin "
            "said the two presidents would meet in Helsinki next month.\n")
    assert date_of(page)[0] not in ("2014-11-10", "2014-11-11")


def test_comment_stamp_is_not_the_page_date() -> None:
    page = ("Summit called off\n\nJan 9, 2015\n\nThe summit planned for next month was called off on Friday, "
            "the host government said in a statement issued in the capital.\n\nComments\nReader42 says: "
            "March 3, 2019 at 5:10 pm\n")
    assert date_of(page)[0] == "2015-01-09"


def test_related_items_do_not_date_the_page() -> None:
    page = ("Published: Oct 6, 2016 10:00\n\nThe two foreign ministers met on Thursday in Moscow and discussed "
            "the peace treaty, the ministry said.\n\nRelated\nTrade talks resume: Feb 2, 2021\n"
            "Ministers meet again: Mar 4, 2022\n")
    assert date_of(page)[0] == "2016-10-06"


def test_dated_items_below_the_article_lose_to_the_stamp_above() -> None:
    page = ("Mar 4, 2015\n\nTalks resume\n\nThe negotiators met in Lausanne on Wednesday and will meet again "
            "next week, the spokeswoman said after the session.\n\nMore from the region\n\nFeb 2, 2021\n"
            "Border talks end\n\nMar 4, 2022\nNew round of talks\n")
    assert date_of(page)[0] == "2015-03-04"


def test_a_list_of_dated_items_above_the_article_is_not_a_stamp() -> None:
    page = ("Latest\nFeb 2, 2021\nBorder talks end\nJan 28, 2021\nNew envoy named\nJan 20, 2021\nTrade deal signed\n\n"
            "Ministers meet\n\nThe foreign ministers met on Tuesday in Geneva, and Secretary of State Mike Pompeo "
            "said the talks had gone well.\n")
    value, _, _ = date_of(page)
    assert value not in ("2021-02-02", "2021-01-28", "2021-01-20")


def test_printed_full_date_of_the_event_is_not_the_page_date() -> None:
    # the only full date is the postponed visit's, in prose with future wording
    page = ("The state visit of the Spanish king, planned for the White House on April 21, 2020, has been "
            "postponed because of the pandemic, President Donald Trump's press secretary said on Wednesday.\n")
    value, how, _ = date_of(page)
    assert value != "2020-04-21" and value is not None
    assert value in ("2020", "2019/2020")


def test_historical_year_is_not_the_date() -> None:
    # "the 1956 declaration" must not pull the date back to 1956; Abe as prime minister places it
    page = ("TOKYO, Nov. 15 (Kyodo) -- Prime Minister Shinzo Abe said on Thursday that talks would proceed "
            "on the basis of the 1956 joint declaration, officials said.\n")
    value, _, _ = date_of(page)
    assert value == "2018-11-15"


# ---------------------------------------------------------------- a month-day without a year

def test_dateline_year_from_weekday_and_office() -> None:
    # April 26 was a Tuesday in 2005, 2011, 2016 and 2022; Jaishankar was foreign secretary 2015-2018
    page = ("New Delhi, April 26:\n\nForeign Secretary S. Jaishankar met his Pakistani counterpart here on "
            "Tuesday to resume the stalled dialogue.\n")
    assert date_of(page)[0] == "2016-04-26"


def test_app_line_month_day() -> None:
    page = ("發布於 05月09日10:43\n\nBEIJING, May 9 (Xinhua) -- Chinese President Xi Jinping held talks on "
            "Thursday with the visiting prime minister, spokesperson Wang Wenbin told a daily briefing.\n")
    # May 9 was a Thursday in 2013, 2019 and 2024; Wang Wenbin spoke for the ministry from 2020 to 2024
    assert date_of(page)[0] == "2024-05-09"


def test_caption_month_day_with_weekday() -> None:
    page = ("This photo, provided by the ministry on Nov. 15, Friday, shows the two ministers meeting on "
            "Nov. 14, Thursday. (Yonhap)\nForeign Minister Cho Tae-yul and his Japanese counterpart Takeshi Iwaya "
            "held talks in Lima, the ministry said Friday.\n")
    assert date_of(page)[0] == "2024-11-15"


def test_weekday_month_day_pairs_elsewhere_narrow_the_year() -> None:
    pairs = [c for c in find_candidates("The talks of Tuesday, March 3 went well.") if c.weekday is not None]
    assert pairs and pairs[0].weekday == 1 and pairs[0].options[0][1:] == (3, 3)


def test_weekday_with_month_day_in_the_lead_picks_the_term() -> None:
    # Abe held office 2006-07 and 2012-20; May 6 was a Friday in 2005, 2011, 2016 and 2022
    page = ("TOKYO (Kyodo) -- Prime Minister Shinzo Abe will visit Russia on Friday, May 6, for talks with "
            "President Vladimir Putin in Sochi, the government said.\n")
    assert date_of(page)[0] == "2016"


def test_month_day_stays_partial_without_year_evidence() -> None:
    value, how, conf = date_of("ROME, June 3 (AP) -- The ministers met to discuss trade and will meet again.\n")
    assert value == "XXXX-06-03" and conf == 0.0 and "undecided" in how


def test_month_day_partial_when_weekday_alone() -> None:
    value, _, _ = date_of("ROME, February 6 (AP) -- The ministers met on Saturday in the Italian capital.\n")
    assert value == "XXXX-02-06"


# ---------------------------------------------------------------- nothing printed: as far as evidence goes

def test_offices_give_a_span_of_years() -> None:
    page = ("President Barack Obama held a call today with British Prime Minister David Cameron about "
            "the situation in the region.\n")
    value, how, conf = date_of(page)
    assert value == "2010/2016" and "tenure" in how and conf < 0.9


def test_gathering_at_the_weekend_and_report_weekday_give_the_day() -> None:
    # G20 in Buenos Aires ended Saturday 1 Dec 2018; "on Tuesday" after it is 4 Dec
    page = ("The Kremlin said on Tuesday it regretted that the meeting of Russian President Vladimir Putin and "
            "U.S. President Donald Trump at the G20 summit in Argentina at the weekend had been cancelled.\n")
    value, how, conf = date_of(page)
    assert value == "2018-12-04" and "gathering" in how and conf < 0.9


def test_a_past_gathering_is_recalled_for_years() -> None:
    page = ("The 2014 NATO summit in Wales, where allies pledged to raise defence spending, was recalled by "
            "Secretary General Mark Rutte on Tuesday.\n")
    assert date_of(page)[0] == "2024/2026"


def test_stamp_contradicted_by_an_office_loses_confidence() -> None:
    page = ("Published: 12/05/2010\n\nUS Secretary of State Mike Pompeo met Russian Foreign Minister Sergei Lavrov "
            "in Sochi on Tuesday.\n")
    assert date_of(page)[2] <= 0.6


def test_gathering_in_the_future_bounds_the_year() -> None:
    ev = gathering_evidence("Obama will still attend the Group of 20 summit in St. Petersburg, Russia.")
    assert ev and all(b <= dt.date(2013, 9, 6) for _, b in ev[0].spans)


def test_unga_session_number_names_the_year() -> None:
    ev = gathering_evidence("The prime minister will speak at the 77th UNGA in New York.")
    assert ev and ev[0].spans[0][1] <= dt.date(2023, 8, 31) and ev[0].spans[0][0].year >= 2020


def test_anniversary_names_the_year() -> None:
    ev = [e for e in year_evidence("Crowds marked the 70th anniversary of the 1945 victory in Moscow.", TODAY)
          if e.kind == "anniversary"]
    assert ev and ev[0].holds(dt.date(2015, 5, 9))


def test_future_years_do_not_set_the_floor() -> None:
    ev = year_evidence("The two sides agreed in 2012 to double trade by 2020.", dt.date(2026, 1, 1))
    floor = [e for e in ev if e.kind == "years-floor"]
    assert floor and floor[0].spans[0][0].year == 2012


def test_age_notice_is_an_upper_bound() -> None:
    page = ("This article is more than 5 years old\n\nPresident Barack Obama spoke today with Prime Minister "
            "David Cameron of Britain about the summit.\n")
    value, how, _, _ = date_page(page, page, today=dt.date(2020, 6, 1))[:4]   # crawled no later than June 2020
    assert value == "2010/2015" and "age-notice" in how


def test_a_recalled_past_date_bounds_only_from_below() -> None:
    # a 2015 page recalling a 2011 vote must not be pulled back to 2011-2013
    page = ("On March 3, 2011, the council adopted a resolution on the crisis, and the Secretary of State John Kerry "
            "said on Monday that it still stood.\n")
    value, _, _ = date_of(page)
    assert value == "2013/2017"


def test_month_days_alone_do_not_make_a_month() -> None:
    # month-days repeat every year: with only them and an office, the answer stays at the year
    page = ("Prime Minister Yoshihide Suga said the talks held on June 3 went well and that the next round, "
            "on June 20, would settle the matter, the chief cabinet secretary Katsunobu Kato said.\n")
    value, _, _ = date_of(page)
    assert value in ("2020", "2021", "2020/2021")


def test_a_future_expiry_year_is_not_a_floor() -> None:
    page = ("Russian Foreign Minister Sergei Lavrov said on Monday the treaty, which expires on February 5, 2026, "
            "should be extended, and that Moscow was ready to talk.\n")
    value, _, _ = date_of(page)
    assert value is None or "2026" not in value


def test_copyright_year_in_prose_is_not_a_floor() -> None:
    value, _, _ = date_of("The ministers met on Friday. © 2019 Example News Network. All rights reserved.\n")
    assert value is None


def test_no_evidence_no_date() -> None:
    assert date_of("The ministers met and talked about many things, the spokesman said today.\n")[0] is None


# ---------------------------------------------------------------- offices

def test_namesakes_told_apart_by_the_given_name() -> None:
    names = {t.name for t in tenure_hits("Foreign Minister Taro Kono spoke.")}
    assert names == {"Taro Kono"}


def test_two_presidents_bush_are_one_finding() -> None:
    ev = tenure_evidence("President Bush spoke in the Rose Garden.", TODAY)
    assert len(ev) == 1 and ev[0].holds(dt.date(1991, 1, 1)) and ev[0].holds(dt.date(2005, 1, 1))


def test_month_name_is_not_a_surname() -> None:
    assert not tenure_hits("the first call with a Japanese prime minister since May 2018")


def test_east_asian_and_arab_names() -> None:
    assert {t.name for t in tenure_hits("His Highness the Amir Sheikh Mishal Al-Ahmad received a call.")} == \
        {"Mishal Al-Ahmad Al-Jaber Al-Sabah"}
    assert "Xi Jinping" in {t.name for t in tenure_hits("Chinese President Xi held talks.")}


def test_tenure_rows_are_sourced_and_ordered() -> None:
    import json
    from importlib import resources
    rows = json.loads(resources.files("storyline.data").joinpath("tenures.json").read_text("utf-8"))["tenures"]
    assert len(rows) >= 500
    for r in rows:
        assert r.get("source"), r["name"]
        assert r["end"] is None or r["start"] <= r["end"], r["name"]


def test_gathering_rows_are_sourced_and_ordered() -> None:
    import json
    from importlib import resources
    data = json.loads(resources.files("storyline.data").joinpath("gatherings.json").read_text("utf-8"))
    assert {g["series"] for g in data["gatherings"]} >= {"G7", "G20", "APEC", "BRICS", "SCO", "NATO", "ASEAN", "EEF"}
    for g in data["gatherings"]:
        assert g["source"] and g["start"] <= g["end"] and g["series"] in data["series"]
        assert (g["series"] == "bilateral") == (len(g.get("sides", ())) == 2), g


# ---------------------------------------------------------------- the report's weekday

def test_report_weekday_skips_a_caption_at_the_start() -> None:
    from storyline.ingest.dating.decide import _story
    body = "The two leaders pictured at the talks. AFP PHOTO\nThe ministers met on Monday in Rome."
    assert report_weekday(_story(body)) == (0, (0, -1))


def test_published_record_from_page_and_partial() -> None:
    p = infer_published(dateline=None, body="President Barack Obama spoke today with Prime Minister David "
                        "Cameron of Britain.", today=TODAY)
    assert p.date == "2010/2016" and p.year is None and p.confidence < 0.9


# ---------------------------------------------------------------- years the text looks ahead to (held-out traps)

def test_years_looked_ahead_to_are_no_floor() -> None:
    from storyline.ingest.dating.knowledge import past_years
    prose = ("Republicans hope to have a new head of state by the opening of the 2030 Games in the capital. "
             "The notes are redeemable after the end of 2031, the company said. "
             "The bonds, which mature in 2032, were priced at par. The firm was founded in 2011.")
    assert past_years(prose) == [2011]


def test_an_anniversary_and_its_year_stand_in_one_sentence() -> None:
    prose = ("The shootings of doctors in the region date back to 2011. In January, a week after the 25th "
             "anniversary of the court ruling, a clinic was attacked in the south of the country.")
    assert not [e for e in year_evidence(prose, TODAY) if e.kind == "anniversary"]


def test_a_region_with_no_lower_bound_reports_nothing() -> None:
    # only "ahead of" bounds (debentures due in 1999, a ruling due by 1992): the page may be from any year
    # before, 1989 included, which the knowledge does not cover -- no partial value that could exclude it
    page = ("The company sold $25 million of convertible debentures due Oct. 15, 1999, priced to yield 7.5%. "
            "A court ruling on the merger is due by Nov. 17, 1992, lawyers for both sides said on Monday.")
    value, how, _ = date_of(page)
    assert value is None and "region-open" in how
