"""Constructions of real copy that tell an event other than "X visited Y" (issue 18), one row each,
in sentences written for these tests, through the real parser.

Rows read as in ``test_table``: a text, its time expressions and the events expected as
``TYPE/mode status source->target date`` (``-`` for no date); the publication date is 2016-02-06.
"""
from __future__ import annotations

import pytest

from .test_table import _key, _parse_expected

pytestmark = pytest.mark.model

ROWS: list[tuple[str, str, dict[str, str], list[str]]] = [
    # --- many parties: every two sides of a group, each coordinated actor its own event
    ("group-of-three-meets", "The foreign ministers of Japan, France and Germany are meeting in London on Monday.",
     {"on Monday": "2016-02-08"},
     ["CONSULT/third-party planned JPN->FRA 2016-02-08", "CONSULT/third-party planned JPN->DEU 2016-02-08",
      "CONSULT/third-party planned FRA->DEU 2016-02-08"]),
    ("group-purpose-is-no-second-meeting", "The envoys of Japan and France met in London to discuss trade.", {},
     ["CONSULT/third-party happened JPN->FRA 2016-02-06"]),
    ("first-to-sign-were", "The first to sign were Putin, Obama and Merkel.", {},
     ["AGREE/None happened RUS->USA -", "AGREE/None happened RUS->DEU -", "AGREE/None happened USA->DEU -"]),
    ("coordinated-rejecters", "Russia and China rejected the proposal of Japan.", {},
     ["REJECT/None happened RUS->JPN -", "REJECT/None happened CHN->JPN -"]),
    ("including-names-the-others", "Modi held phone calls with several leaders, including Merkel and Obama.", {},
     ["CONSULT/phone happened IND->DEU 2016-02-06", "CONSULT/phone happened IND->USA 2016-02-06"]),
    # --- arguments found outside the trigger's own phrase
    ("definite-object-refers-back", "Japan drafted a French resolution on trade. Russia opposed the resolution.",
     {}, ["REJECT/None happened RUS->FRA -"]),
    ("nominal-source-from-enclosing-noun", "Japan backed an American bid for an extension of the sanctions on Iran.",
     {}, ["SUPPORT/None happened JPN->USA -", "SANCTION/None planned USA->IRN -"]),
    ("host-postpones-visit", "The White House has postponed the state visit of the king of Spain.", {},
     ["CONSULT/visit postponed ESP->USA -"]),
    ("host-said-it-cancelled", "The White House said it had cancelled a planned visit by Modi.", {},
     ["CONSULT/visit cancelled IND->USA -"]),
    ("reporting-government-gives-country", "Cho Tae-yul and his Japanese counterpart, Takeshi Iwaya, held talks "
     "in Peru, Seoul's foreign ministry said.", {}, ["CONSULT/third-party happened KOR->JPN 2016-02-06"]),
    ("called-on-to-act", "Merkel called on Russia to cooperate with Japan.", {},
     ["REQUEST/None happened DEU->RUS -", "COOPERATE/None happened RUS->JPN -"]),
    ("received-a-call-from", "Putin received a telephone call from Merkel on Monday.", {"on Monday": "2016-02-01"},
     ["CONSULT/phone happened RUS->DEU 2016-02-01"]),
    ("attends-summit-abroad", "Obama will attend the Group of 20 summit in Moscow.", {},
     ["CONSULT/multilateral planned USA->RUS -"]),
    ("visit-to-an-assembly-is-to-its-seat", "Kishida's visit to the UN General Assembly was postponed.", {},
     ["CONSULT/visit postponed JPN->USA -"]),
    ("nudged-to-continue", "Merkel also nudged Xi Jinping to continue the talks.", {},
     ["REQUEST/None happened DEU->CHN -"]),
    ("asked-to-reschedule", "Japan and the United States held talks. The United States asked to reschedule "
     "the summit.", {}, ["CONSULT/None happened JPN->USA 2016-02-06", "REQUEST/None happened USA->JPN -"]),
    ("they-decided", "Japan and Germany held talks in Paris. In the meeting, they decided to widen trade.", {},
     ["CONSULT/third-party happened JPN->DEU 2016-02-06", "AGREE/None happened JPN->DEU -"]),
    ("criticism-inside-object", "The United States has been stepping up criticism of China's policy.", {},
     ["ACCUSE/None happened USA->CHN -"]),
    ("annexation-nominal", "Russia's annexation of Crimea in 2014 angered many.", {"in 2014": "2014"},
     ["COERCE/None happened RUS->UKR 2014"]),
    ("cut-ties-after-year", "Iran and Russia held talks. Russia cut ties after protesters attacked its embassy "
     "in 2016.", {"in 2016": "2016"},
     ["CONSULT/None happened IRN->RUS 2016-02-06", "SANCTION/None happened RUS->IRN 2016"]),
    ("accepted-invitation-to-visit", "Obama spoke by phone with Modi, who accepted the invitation extended by Obama to visit "
     "the United States.", {}, ["CONSULT/phone happened USA->IND 2016-02-06", "AGREE/None happened IND->USA -",
                                "CONSULT/visit planned IND->USA -"]),
    ("long-title-before-name", "Minister of Foreign Affairs of the Russian Federation Sergei Lavrov met Fumio "
     "Kishida on Monday.", {"on Monday": "2016-02-01"}, ["CONSULT/None happened RUS->JPN 2016-02-01"]),
    ("visiting-guests", "Xi Jinping held talks with visiting French President Emmanuel Macron and German "
     "Chancellor Angela Merkel on Monday.",
     {"on Monday": "2016-02-01"}, ["CONSULT/visit happened FRA->CHN 2016-02-01",
                                   "CONSULT/visit happened DEU->CHN 2016-02-01"]),
    ("honorific-head-and-royal-of", "The May 5 state visit to Washington by Their Majesties King Felipe VI and "
     "Queen Letizia of Spain has been postponed.", {"May 5": "2016-05-05"},
     ["CONSULT/visit postponed ESP->USA 2016-05-05"]),
    ("group-is-one-side", "Iran and the six powers agreed on a road map on Monday.", {"on Monday": "2016-02-01"},
     [f"AGREE/None happened IRN->{c} 2016-02-01" for c in ("USA", "GBR", "FRA", "RUS", "CHN", "DEU")]),
    ("group-naming-a-thing-is-no-side", "Merkel and Obama discussed the Normandy Four talks on Monday.",
     {"on Monday": "2016-02-01"}, ["CONSULT/None happened DEU->USA 2016-02-01"]),
    ("text-of-a-deal", "Russia and Japan finalized the text of a trade deal on Monday.", {"on Monday": "2016-02-01"},
     ["AGREE/None happened RUS->JPN 2016-02-01"]),
    ("killed-by-based-militants", "The talks stalled after the raid on the border post on January 2 in which "
     "five Russian guards were killed by Georgia-based gunmen.", {"on January 2": "2016-01-02"},
     ["ASSAULT/None happened GEO->RUS 2016-01-02"]),
    ("readout-title-alone", "Meeting with U.S. President Barack Obama\n\nPutin: Good afternoon. Putin and Obama "
     "are old partners.", {}, ["CONSULT/None happened RUS->USA -"]),
    ("readout-title", "Putin and Obama talked in Moscow on Monday.\n\nMeeting with U.S. President Barack Obama\n\n"
     "Putin: Good afternoon.", {"on Monday": "2016-02-01"},
     ["CONSULT/visit happened USA->RUS 2016-02-01"]),      # the heading names the meeting told before
    ("his-host-is-the-other-side", "Putin and Obama met in Moscow. Obama invited his host to visit Washington.", {},
     ["CONSULT/visit happened USA->RUS 2016-02-06", "REQUEST/None happened USA->RUS -",
      "CONSULT/visit planned RUS->USA -"]),
    ("rebukes-delivered", "In 2014 Putin delivered a series of sharp rebukes to Japan over the islands.",
     {"In 2014": "2014"}, ["ACCUSE/None happened RUS->JPN 2014"]),
    # --- status from the rest of the sentence
    ("due-but-cancelled", "Putin and Obama were due to meet in Lima, but Obama cancelled.", {},
     ["CONSULT/third-party cancelled RUS->USA -"]),
    ("postponed-participle", "Merkel and Xi discussed Xi's postponed visit to Germany.", {},
     ["CONSULT/None happened DEU->CHN 2016-02-06", "CONSULT/visit postponed CHN->DEU -"]),
    ("headline-present-is-news", "Merkel meets Xi Jinping in Beijing", {},
     ["CONSULT/visit happened DEU->CHN -"]),
    ("time-possessor-is-no-side", "Russia asked to postpone this month's summit with France.", {},
     ["CONSULT/None postponed RUS->FRA -"]),
    ("later-today-is-ahead", "Merkel and Xi are meeting in Berlin later Saturday.", {"Saturday": "2016-02-06"},
     ["CONSULT/visit planned CHN->DEU 2016-02-06"]),
    ("recalled-meeting-happened", "Xi recalled his meeting with Merkel in Lima.", {},
     ["CONSULT/third-party happened CHN->DEU -"]),
    ("return-of-a-nameless-side-is-no-visit", "Officials said Alvaro would return to Cuba next month.", {}, []),
    ("return-of-a-known-side-is-a-visit", "Putin will return to Japan in the spring for more talks.", {},
     ["CONSULT/visit planned RUS->JPN -"]),
    ("meeting-a-standard-is-no-meeting", "Romania and Bulgaria failed to meet the standards of the union, and "
     "Japan met its deadline.", {}, []),
    ("defeated-resolution-calls-off", "The council defeated a French resolution for sanctions on Iran.", {},
     ["SANCTION/None cancelled FRA->IRN -"]),
]


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_construction(events_of, row):
    _, text, times, expected = row
    got = sorted(_key(e) for e in events_of(text, times=times))
    want = sorted(_parse_expected(x) for x in expected)
    assert got == want


def test_first_visit_since_names_the_earlier_guest_and_the_story_host(events_of):
    """A definite visit by one of the article's two sides with no host named is to the other side, and
    "since <year>, when <person of that side> ..." names the guest of the earlier visit."""
    text = ("Kishida arrived in China on Monday. Officials hope for a success from Kishida's stay, the first "
            "state visit by a Japanese leader since 2011, when Yoshihide Suga angered Beijing.")
    events = events_of(text, times={"on Monday": "2016-02-01", "2011": "2011"})
    earlier = [e for e in events if e.date == "2011"]
    assert [(e.type, e.source.country, e.target.country, e.source.name) for e in earlier] == \
        [("CONSULT", "JPN", "CHN", "Yoshihide Suga")]


def test_talks_told_as_concluded_end_on_the_day_of_the_agreement(events_of):
    text = ("The tour follows the conclusion of talks between Russia and Japan. Russia and Japan on January 20 "
            "signed a trade deal.")
    events = events_of(text, times={"January 20": "2016-01-20"})
    assert sorted((e.type, e.date) for e in events) == [("AGREE", "2016-01-20"), ("CONSULT", "2016-01-20")]


def test_a_call_one_has_with_someone_is_a_phone_call(events_of):
    events = events_of("Lavrov had a call with Kishida on Monday.", times={"on Monday": "2016-02-01"})
    assert [(e.type, e.mode, e.source.country, e.target.country, e.date) for e in events] == \
        [("CONSULT", "phone", "RUS", "JPN", "2016-02-01")]
    assert all(e.mode != "phone" for e in events_of("Lavrov issued a call for calm with Kishida.", times={}))


def test_the_ministers_of_two_countries_are_the_office_holders_the_table_knows(events_of):
    text = "The foreign ministers of Russia and Japan met in Paris on Monday. Lavrov and Kishida shook hands."
    events = events_of(text, times={"on Monday": "2016-02-01"})
    met = [e for e in events if e.evidence.text.startswith("The foreign ministers")]
    assert {(e.source.name, e.target.name) for e in met} == {("Sergei Lavrov", "Fumio Kishida")}


def test_the_sides_of_a_summit_are_their_leaders(nlp):
    from storyline.events import extract_events

    from .conftest import article_for

    text = ("Japan and China agreed at a summit on Monday to widen trade. Prime Minister Abe and President Xi "
            "spoke to reporters; Xi thanked Abe.")
    article = article_for(text, times={"on Monday": "2016-02-01"})
    for e in article.entities:
        e.role = {"Shinzo Abe": "Prime Minister", "Xi Jinping": "President"}.get(e.name, e.role)
    agreed = [e for e in extract_events(nlp(text), article) if e.type == "AGREE"]
    assert [(e.source.name, e.target.name) for e in agreed] == [("Shinzo Abe", "Xi Jinping")]


def test_the_last_guest_before_is_a_visit_then(events_of):
    text = ("Obama arrived in Moscow on Monday. The last American president to visit Russia was Trump in 2010.")
    events = events_of(text, times={"on Monday": "2016-02-01", "2010": "2010"})
    then = [e for e in events if e.date == "2010"]
    assert [(e.type, e.mode, e.source.name, e.source.country, e.target.country) for e in then] == \
        [("CONSULT", "visit", "Donald Trump", "USA", "RUS")]


def test_a_printed_schedule_is_the_guests_on_each_entrys_day(events_of):
    text = ("Putin arrived in Tokyo on Monday for a state visit.\n\n"
            "Tuesday 2 February - Meets Abe at the palace Wednesday 3 February - Holds talks with Kishida "
            "and returns to Moscow")
    times = {"on Monday": "2016-02-01", "Tuesday 2 February": "2016-02-02", "Wednesday 3 February": "2016-02-03"}
    events = events_of(text, published="2016-02-01", times=times)
    got = sorted((e.source.country, e.target.country, e.date) for e in events)
    assert ("RUS", "JPN", "2016-02-03") in got          # the talks, on their entry's day
    assert not any(t == "RUS" and s == "JPN" for s, t, _ in got)       # going home is no visit


def test_a_venue_city_makes_its_country_no_side_of_the_article(nlp):
    """Talks held in a city among others: the city and "the <nationality> capital" describe where, and its
    country is no side of the article's pair unless it acts in the text (through the real entities stage)."""
    from storyline.analyze import analyze
    from storyline.events.index import DocIndex
    from storyline.records import Article, Published

    text = ("Talks on the trade deal resumed in Geneva on Sunday. Geneva has hosted the talks for a year, and the "
            "Swiss city was calm. In Geneva, Britain's trade secretary Tom Hale spoke to reporters. Hale said "
            "Britain wanted a deal. Hale met the Indian minister in Geneva. Britain and India are close to a deal, "
            "Hale said.")
    a = Article(id="t", path="t", source=None, headline=None, lead=None, dateline=None,
                published=Published("2014-11-23", "test", 0.9), text=text)
    doc = nlp(text)
    a = analyze(a, doc)
    assert DocIndex(doc, a).pair == ("GBR", "IND")
