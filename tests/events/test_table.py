"""The event stage on sentences written for these tests, through the real parser.

Each row: a text, its publication date, the time expressions in it (phrase ->
TIMEX3 value) and the events expected, as
``TYPE/mode status source->target date`` with ``*`` for "any date".
Symmetric events (talks, calls, agreements) may come in either order.
Entities come from the name table of ``conftest``.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

SYMMETRIC = {"AGREE", "COOPERATE"}

# (id, text, time expressions, expected events); the publication date is 2016-02-06. A held meeting or an
# agreement told in the simple past in the first sentences, with no time of its own, is the day's news:
# it takes the publication date (see the "lead" rows).
ROWS: list[tuple[str, str, dict[str, str], list[str]]] = [
    # --- CONSULT: visits, verbal and nominal, and their statuses
    ("visit-verbal-planned", "Xi will visit Germany in December.", {"in December": "2016-12"},
     ["CONSULT/visit planned CHN->DEU 2016-12"]),
    ("visit-verbal-happened", "Macron visited Beijing on Monday.", {"on Monday": "2016-02-01"},
     ["CONSULT/visit happened FRA->CHN 2016-02-01"]),
    ("visit-hedged-may", "Merkel may visit China this spring.", {"this spring": "2016-SP"},
     ["CONSULT/visit possible DEU->CHN 2016-SP"]),
    ("visit-hoped", "Merkel hopes to visit Denmark.", {}, ["CONSULT/visit possible DEU->DNK -"]),
    ("visit-nominal-possible", "A possible visit of Xi to France was discussed.", {},
     ["CONSULT/visit possible CHN->FRA -"]),
    ("visit-nominal-upcoming", "Obama's upcoming visit to Germany was discussed.", {},
     ["CONSULT/visit planned USA->DEU -"]),
    ("visit-nominal-of-description", "The trip of the French president to China may take place in May.",
     {"in May": "2016-05"}, ["CONSULT/visit possible FRA->CHN 2016-05"]),
    ("visit-preparations", "Germany will continue preparations for Xi's visit to Berlin.", {},
     ["CONSULT/visit planned CHN->DEU -"]),
    ("visit-pay-a-visit", "Macron will pay a state visit to China.", {}, ["CONSULT/visit planned FRA->CHN -"]),
    ("visit-come-on-a-visit", "Berlin hopes that Xi will come to Germany on a visit.", {},
     ["CONSULT/visit possible CHN->DEU -"]),
    ("visit-scheduled", "Xi is scheduled to visit the United States in September.", {"in September": "2016-09"},
     ["CONSULT/visit planned CHN->USA 2016-09"]),
    ("visit-expected-raising", "Obama is expected to arrive in Beijing on November 8.",
     {"on November 8": "2016-11-08"}, ["CONSULT/visit planned USA->CHN 2016-11-08"]),
    ("visit-coordinated-destinations", "On March 2-5, Merkel will visit France and Switzerland.",
     {"On March 2-5": "2016-03-02/2016-03-05"},
     ["CONSULT/visit planned DEU->FRA 2016-03-02/2016-03-05", "CONSULT/visit planned DEU->CHE 2016-03-02/2016-03-05"]),
    ("visit-motion-for-talks", "Macron arrived in Berlin on Friday for talks with Merkel.",
     {"on Friday": "2016-02-05"}, ["CONSULT/visit happened FRA->DEU 2016-02-05"]),
    ("visit-host-inverse", "Obama hosted Xi in Washington.", {}, ["CONSULT/visit happened CHN->USA 2016-02-06"]),
    ("visit-received-passive", "Xi was received by Obama at the White House.", {},
     ["CONSULT/visit happened CHN->USA -"]),
    ("visit-welcomed", "Merkel welcomed Macron to Berlin on Monday.", {"on Monday": "2016-02-01"},
     ["CONSULT/visit happened FRA->DEU 2016-02-01"]),
    ("visit-no-plans", "Trump has no plans to visit Denmark.", {}, ["CONSULT/visit cancelled USA->DNK -"]),
    ("visit-will-not", "Xi will not visit Japan this year.", {"this year": "2016"},
     ["CONSULT/visit cancelled CHN->JPN 2016"]),
    ("visit-called-off", "Putin has called off his visit to France.", {}, ["CONSULT/visit cancelled RUS->FRA -"]),
    ("visit-cancelled-passive", "Putin's visit to Paris, planned for October 19, was cancelled.",
     {"October 19": "2016-10-19"}, ["CONSULT/visit cancelled RUS->FRA 2016-10-19"]),
    ("meeting-planned-then-called-off", "The Kremlin said a planned summit between Putin and Obama had been called off.",
     {}, ["CONSULT/None cancelled RUS->USA -"]),
    ("visit-postponed", "The White House said Obama's trip to Beijing had been postponed.", {},
     ["CONSULT/visit postponed USA->CHN -"]),
    ("visit-postponement-noun", "The postponement of Xi's visit to France was announced on Monday.",
     {"on Monday": "2016-02-01"}, ["CONSULT/visit postponed CHN->FRA -"]),
    ("visit-postponed-active", "Trump postponed a visit to Denmark planned for September.",
     {"for September": "2016-09"}, ["CONSULT/visit postponed USA->DNK 2016-09"]),
    ("visit-undecided", "Nothing has been decided about Merkel's visit to China.", {},
     ["CONSULT/visit possible DEU->CHN -"]),
    ("visit-dated-past-is-happened", "Macron was to visit Germany in January.", {"in January": "2016-01"},
     ["CONSULT/visit happened FRA->DEU 2016-01"]),
    # --- CONSULT: meetings, talks, calls and their modes
    ("talks-capital-is-visit", "Merkel and Xi held talks in Beijing on Friday.", {"on Friday": "2016-02-05"},
     ["CONSULT/visit happened DEU->CHN 2016-02-05"]),
    ("talks-counterpart", "Kishida and his French counterpart Ayrault will hold talks in Paris.", {},
     ["CONSULT/visit planned JPN->FRA -"]),
    ("meeting-third-country", "Lavrov met with Kerry in Geneva.", {},
     ["CONSULT/third-party happened RUS->USA 2016-02-06"]),
    ("meeting-summit-sidelines", "Obama and Xi met on the sidelines of the APEC summit in Lima.", {},
     ["CONSULT/multilateral happened USA->CHN 2016-02-06"]),
    ("meeting-between-nominal", "The talks between Merkel and Macron lasted three hours.", {},
     ["CONSULT/None happened DEU->FRA -"]),
    ("meeting-recent", "The idea came up at the recent meeting between Obama and Xi.", {},
     ["CONSULT/None happened USA->CHN -"]),
    ("meeting-postponed", "Xi's meeting with Obama was postponed until next year.", {"next year": "2017"},
     ["CONSULT/None postponed CHN->USA 2017"]),      # a moved event is dated by its new time
    ("meeting-ruled-out", "The Kremlin ruled out a meeting between Putin and Obama.", {},
     ["CONSULT/None cancelled RUS->USA -"]),
    ("meeting-reported-speech", "Peskov said that Putin would meet Merkel in Sochi.", {},
     ["CONSULT/visit planned DEU->RUS -"]),
    ("meeting-said-at", "Xi said at a meeting with Merkel in New York that trade had grown.", {},
     ["CONSULT/third-party happened CHN->DEU 2016-02-06"]),
    ("phone-nominal", "On January 12, Merkel and Xi had a telephone conversation.", {"On January 12": "2016-01-12"},
     ["CONSULT/phone happened DEU->CHN 2016-01-12"]),
    ("phone-verbal", "Obama phoned Xi on Tuesday.", {"on Tuesday": "2016-02-02"},
     ["CONSULT/phone happened USA->CHN 2016-02-02"]),
    ("phone-called", "Obama called Xi to discuss trade.", {}, ["CONSULT/phone happened USA->CHN 2016-02-06"]),
    ("phone-video", "Obama and Abe will hold a video conference on Friday.", {"on Friday": "2016-02-12"},
     ["CONSULT/phone planned USA->JPN 2016-02-12"]),
    ("phone-passive-speaker", '"A phone call was held with the Chinese president," Merkel said.', {},
     ["CONSULT/phone happened DEU->CHN -"]),
    ("sides-anaphor", "Macron met Xi in Beijing on Monday. The sides discussed climate policy.",
     {"on Monday": "2016-02-01"}, ["CONSULT/visit happened FRA->CHN 2016-02-01"]),
    ("lead-undated-is-the-day", "Obama met Xi in Singapore.", {}, ["CONSULT/third-party happened USA->CHN 2016-02-06"]),
    ("lead-not-earlier", "Obama earlier met Xi in Singapore.", {}, ["CONSULT/third-party happened USA->CHN -"]),
    ("lead-not-past-perfect", "Obama had met Xi in Singapore.", {}, ["CONSULT/third-party happened USA->CHN -"]),
    ("lead-only", "Obama spoke to reporters. He thanked them. He left. Merkel met Xi in Singapore.", {},
     ["CONSULT/third-party happened DEU->CHN -"]),
    # --- AGREE
    ("agree-coordinated", "On January 12, Merkel and Macron agreed to keep in close touch.",
     {"On January 12": "2016-01-12"}, ["AGREE/None happened DEU->FRA 2016-01-12"]),
    ("agree-during-meeting", "Obama and Xi agreed to curb emissions during a meeting in Lima last November.",
     {"last November": "2015-11"},
     ["AGREE/None happened USA->CHN 2015-11", "CONSULT/third-party happened USA->CHN 2015-11"]),
    ("agree-after-report-date", "In late January, Peskov spoke to reporters after Lavrov and Kerry agreed to "
     "extend the truce.", {"In late January": "2016-01"}, ["AGREE/None happened RUS->USA 2016-01"]),
    ("agree-sign", "Russia and China signed an agreement on energy cooperation.", {},
     ["AGREE/None happened RUS->CHN 2016-02-06"]),
    ("agree-reached-passive", "An agreement was reached between Russia and Japan.", {},
     ["AGREE/None happened RUS->JPN -"]),
    ("agree-could-sign", "France and Germany could sign a new treaty next year.", {"next year": "2017"},
     ["AGREE/None possible FRA->DEU 2017"]),
    ("agree-joint-announcement", "Obama met Xi in Lima. Later in December, the leaders announced the "
     "creation of a joint climate commission.", {"Later in December": "2015-12"},
     ["CONSULT/third-party happened USA->CHN 2016-02-06", "AGREE/None happened USA->CHN 2015-12"]),
    # --- other PLOVER types
    ("request-call-on", "Ukraine called on Russia to withdraw its troops.", {}, ["REQUEST/None happened UKR->RUS -"]),
    ("request-urge", "Obama urged Abe to postpone the trip.", {}, ["REQUEST/None happened USA->JPN -"]),
    ("request-invite", "Xi invited Obama to visit China.", {},
     ["REQUEST/None happened CHN->USA -", "CONSULT/visit planned USA->CHN -"]),
    # a state's protest is PLOVER ACCUSE ("complain officially"); PROTEST is for demonstrations
    ("protest-verb-is-accuse", "China protested against Japan's military drills.", {},
     ["ACCUSE/None happened CHN->JPN -"]),
    ("protest-lodge-is-accuse", "China will lodge a protest with Japan over the deployment of missiles.", {},
     ["ACCUSE/None planned CHN->JPN -"]),
    ("protest-summon-is-accuse", "China summoned the Japanese ambassador to protest the deployment.", {},
     ["ACCUSE/None happened CHN->JPN -"]),
    ("protest-rally-local-people", "Thousands of people rallied outside the Russian embassy in Tokyo on Saturday.",
     {"on Saturday": "2016-02-06"}, ["PROTEST/None happened JPN->RUS 2016-02-06"]),
    ("protest-demonstration", "Ukrainian activists staged a protest outside the Russian embassy in Kiev.", {},
     ["PROTEST/None happened UKR->RUS -"]),
    ("sanction-impose", "The United States imposed sanctions on Russia.", {}, ["SANCTION/None happened USA->RUS -"]),
    ("concede-lift-sanctions", "Japan lifted sanctions on Russia.", {}, ["CONCEDE/None happened JPN->RUS -"]),
    ("accuse", "Ukraine accused Russia of shelling its positions.", {}, ["ACCUSE/None happened UKR->RUS -"]),
    ("accuse-condemn-object", "China condemned the American sanctions.", {}, ["ACCUSE/None happened CHN->USA -"]),
    ("reject-proposal", "China rejected Japan's proposal.", {}, ["REJECT/None happened CHN->JPN -"]),
    ("reject-veto", "Russia vetoed a French draft resolution on Syria.", {}, ["REJECT/None happened RUS->FRA -"]),
    ("threaten", "Trump threatened China with new tariffs.", {}, ["THREATEN/None happened USA->CHN -"]),
    ("support-praise", "Macron praised Merkel's leadership.", {}, ["SUPPORT/None happened FRA->DEU -"]),
    ("assault", "Russian troops attacked Ukrainian positions.", {}, ["ASSAULT/None happened RUS->UKR -"]),
    ("cooperate-intend", "Russia intends to cooperate with Japan.", {}, ["COOPERATE/None planned RUS->JPN -"]),
    # --- what a phrase tells besides its own event
    ("demand-in-reported-speech", "Kerry said on Monday that Russia must withdraw its troops from Ukraine.",
     {"on Monday": "2016-02-01"}, ["REQUEST/None happened USA->RUS 2016-02-01"]),
    ("invitation-to-a-place", "Xi invited Macron to the forum in Beijing.", {},
     ["REQUEST/None happened CHN->FRA -", "CONSULT/visit planned FRA->CHN -"]),
    ("first-since-earlier-occasion", "Macron arrived in Beijing on Friday. It was his first visit to China since "
     "April 2013.", {"on Friday": "2016-02-05", "April 2013": "2013-04"},
     ["CONSULT/visit happened FRA->CHN 2016-02-05", "CONSULT/visit happened FRA->CHN 2013-04"]),
    ("stop-on-the-way", "Xi flew to Paris from London on Friday.", {"on Friday": "2016-02-05"},
     ["CONSULT/visit happened CHN->FRA 2016-02-05", "CONSULT/visit happened CHN->GBR -"]),
    ("trip-takes-someone", "The trip will take Xi to France and Switzerland.", {},
     ["CONSULT/visit planned CHN->FRA -", "CONSULT/visit planned CHN->CHE -"]),
    ("anaphor-lends-date", "Obama will visit China. The visit will take place on November 8.",
     {"on November 8": "2016-11-08"}, ["CONSULT/visit planned USA->CHN 2016-11-08"]),
    ("agreement-reported-in-perfect", "Merkel told reporters on Friday that she and Macron had agreed to resume "
     "talks.", {"on Friday": "2016-02-05"}, ["AGREE/None happened DEU->FRA 2016-02-05"]),
    ("dateline-is-the-scene", "BEIJING, February 6 – Xi and Merkel held talks on Saturday.",
     {"February 6": "2016-02-06", "on Saturday": "2016-02-06"}, ["CONSULT/visit happened DEU->CHN 2016-02-06"]),
    # --- reported speech and attribution
    ("reported-by-outlet", "Japan's Kyodo news agency reported that Xi may visit Tokyo this spring.",
     {"this spring": "2016-SP"}, ["CONSULT/visit possible CHN->JPN 2016-SP"]),
    ("report-date-is-not-event-date", "On November 3, Peskov said that Merkel planned to visit a Russian region.",
     {"On November 3": "2015-11-03"}, ["CONSULT/visit planned DEU->RUS -"]),
    # --- no over-coding
    ("none-reporting-verbs", "Lavrov told reporters on Monday that the newspaper wrote about the islands.",
     {"on Monday": "2016-02-01"}, []),
    ("none-domestic", "Putin met with Russian governors in Moscow.", {}, []),
    ("none-position", "Japan will continue the dialogue with Russia.", {}, []),
    ("none-news-conference", "Merkel told a news conference on Tuesday that Germany would work on relations.",
     {"on Tuesday": "2016-02-02"}, []),
    ("none-negated-past", "France and Germany have still not signed the accord.", {}, []),
    ("none-topic-of-talks", "Top of the list is the question of signing a trade pact.", {}, []),
    ("none-dismissed-minister", "Putin dismissed the economy minister who had worked with Japan.", {}, []),
    ("none-one-side", "Xi's visit will be a great success.", {}, []),
]


def _key(e) -> tuple[str, str, str, str, str]:
    src, tgt = e.source.country or "", e.target.country or ""
    if e.type in SYMMETRIC or (e.type == "CONSULT" and e.mode != "visit"):
        src, tgt = sorted((src, tgt))
    return (f"{e.type}/{e.mode}", e.status, src, tgt, e.date or "-")


def _parse_expected(line: str) -> tuple[str, str, str, str, str]:
    kind, status, pair, date = line.split()
    src, tgt = pair.split("->")
    if kind.split("/")[0] in SYMMETRIC or (kind.startswith("CONSULT") and not kind.endswith("/visit")):
        src, tgt = sorted((src, tgt))
    return (kind, status, src, tgt, date)


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_row(events_of, row):
    _, text, times, expected = row
    got = sorted(_key(e) for e in events_of(text, times=times))
    want = sorted(_parse_expected(x) for x in expected)
    assert got == want


def test_fields_of_one_event(events_of):
    text = "China’s Foreign Minister Wang Yi may visit France this spring, Japan’s Kyodo news agency reported."
    (e,) = events_of(text, times={"this spring": "2016-SP"})
    assert (e.id, e.type, e.mode, e.status, e.date) == ("e1", "CONSULT", "visit", "possible", "2016-SP")
    assert (e.source.name, e.source.country) == ("Wang Yi", "CHN") and e.source.entity
    assert (e.target.name, e.target.country) == (None, "FRA")
    assert (e.location.name, e.location.country) == ("France", "FRA")
    assert e.evidence.text == "China’s Foreign Minister Wang Yi may visit France this spring"
    assert text[e.evidence.start:e.evidence.end] == e.evidence.text
    assert e.reported_by == "Kyodo"


def test_counterpart_is_named_actor(events_of):
    (e,) = events_of("Kishida and his French counterpart Ayrault will hold talks in Paris.")
    assert {e.source.name, e.target.name} == {"Fumio Kishida", "Jean-Marc Ayrault"}
    assert e.location.country == "FRA"


def test_quote_speaker_is_reporter_and_actor(events_of):
    text = '"A phone call was held with the Chinese president," Merkel said.'
    (e,) = events_of(text, speakers={"A phone call": "Merkel"})
    assert e.reported_by == "Angela Merkel"
    assert "Angela Merkel" in {e.source.name, e.target.name}


def test_one_event_per_happening(events_of):
    text = ("Merkel will visit China on May 6. The visit of the German chancellor to China was confirmed by "
            "Beijing. Preparations for Merkel's visit to China are under way.")
    evs = events_of(text, times={"on May 6": "2016-05-06"})
    assert [(e.type, e.mode, e.date) for e in evs] == [("CONSULT", "visit", "2016-05-06")]


def test_two_visitors_are_two_events(events_of):
    text = "Wang Yi may visit France this spring, before a possible visit of Xi to France."
    evs = events_of(text, times={"this spring": "2016-SP"})
    assert sorted(e.source.name for e in evs) == ["Wang Yi", "Xi Jinping"]


def test_state_acts_through_its_spokesman(events_of):
    (e,) = events_of("China will lodge a protest with Japan, Hua told reporters.")
    assert (e.type, e.source.name, e.target.country, e.reported_by) == ("ACCUSE", "Hua Chunying", "JPN",
                                                                        "Hua Chunying")


def test_nothing_to_read(events_of):
    assert events_of("") == []
    assert events_of("The weather was fine and the markets were calm.") == []


def test_evidence_offsets_point_into_text(events_of):
    text = "BERLIN, October 6. Berlin hopes that Xi will come to Germany on a visit, Merkel told a news conference."
    for e in events_of(text):
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text
        assert e.evidence.text
