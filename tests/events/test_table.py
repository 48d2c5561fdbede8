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
    ("visit-verbal-planned", "Putin will visit Japan in December.", {"in December": "2016-12"},
     ["CONSULT/visit planned RUS->JPN 2016-12"]),
    ("visit-verbal-happened", "Abe visited Moscow on Monday.", {"on Monday": "2016-02-01"},
     ["CONSULT/visit happened JPN->RUS 2016-02-01"]),
    ("visit-hedged-may", "Abe may visit Russia this spring.", {"this spring": "2016-SP"},
     ["CONSULT/visit possible JPN->RUS 2016-SP"]),
    ("visit-hoped", "Abe hopes to visit Russia.", {}, ["CONSULT/visit possible JPN->RUS -"]),
    ("visit-nominal-possible", "A possible visit of Putin to Japan was discussed.", {},
     ["CONSULT/visit possible RUS->JPN -"]),
    ("visit-nominal-upcoming", "Putin's upcoming visit to Japan was discussed.", {},
     ["CONSULT/visit planned RUS->JPN -"]),
    ("visit-nominal-of-description", "The visit of the Japanese prime minister to Russia may take place in May.",
     {"in May": "2016-05"}, ["CONSULT/visit possible JPN->RUS 2016-05"]),
    ("visit-preparations", "Japan will continue preparations for Putin's visit to Tokyo.", {},
     ["CONSULT/visit planned RUS->JPN -"]),
    ("visit-pay-a-visit", "Abe will pay a working visit to Russia.", {}, ["CONSULT/visit planned JPN->RUS -"]),
    ("visit-come-on-a-visit", "Tokyo hopes that Putin will come to Japan on a visit.", {},
     ["CONSULT/visit possible RUS->JPN -"]),
    ("visit-scheduled", "Xi is scheduled to visit the United States in September.", {"in September": "2016-09"},
     ["CONSULT/visit planned CHN->USA 2016-09"]),
    ("visit-expected-raising", "Putin is expected to arrive in Tokyo on December 15.",
     {"on December 15": "2016-12-15"}, ["CONSULT/visit planned RUS->JPN 2016-12-15"]),
    ("visit-coordinated-destinations", "On January 21-24, Abe will visit Russia and Switzerland.",
     {"On January 21-24": "2016-01-21/2016-01-24"},
     ["CONSULT/visit happened JPN->RUS 2016-01-21/2016-01-24", "CONSULT/visit happened JPN->CHE 2016-01-21/2016-01-24"]),
    ("visit-motion-for-talks", "Kishida arrived in Moscow on Friday for talks with Lavrov.",
     {"on Friday": "2016-02-05"}, ["CONSULT/visit happened JPN->RUS 2016-02-05"]),
    ("visit-host-inverse", "Obama hosted Xi in Washington.", {}, ["CONSULT/visit happened CHN->USA 2016-02-06"]),
    ("visit-received-passive", "Xi was received by Obama at the White House.", {},
     ["CONSULT/visit happened CHN->USA -"]),
    ("visit-welcomed", "Merkel welcomed Macron to Berlin on Monday.", {"on Monday": "2016-02-01"},
     ["CONSULT/visit happened FRA->DEU 2016-02-01"]),
    ("visit-no-plans", "Abe has no plans to visit Russia.", {}, ["CONSULT/visit cancelled JPN->RUS -"]),
    ("visit-will-not", "Abe will not visit Russia this year.", {"this year": "2016"},
     ["CONSULT/visit cancelled JPN->RUS 2016"]),
    ("visit-called-off", "Putin has called off his visit to France.", {}, ["CONSULT/visit cancelled RUS->FRA -"]),
    ("visit-cancelled-passive", "Putin's visit to Paris, planned for October 19, was cancelled.",
     {"October 19": "2016-10-19"}, ["CONSULT/visit cancelled RUS->FRA 2016-10-19"]),
    ("meeting-planned-then-called-off", "The Kremlin said a planned summit between Putin and Obama had been called off.",
     {}, ["CONSULT/None cancelled RUS->USA -"]),
    ("visit-postponed", "The Kremlin said Putin's visit to Tokyo had been postponed.", {},
     ["CONSULT/visit postponed RUS->JPN -"]),
    ("visit-postponement-noun", "The postponement of Putin's visit to Japan was announced on Monday.",
     {"on Monday": "2016-02-01"}, ["CONSULT/visit postponed RUS->JPN -"]),
    ("visit-postponed-active", "Trump postponed a visit to Denmark planned for September.",
     {"for September": "2016-09"}, ["CONSULT/visit postponed USA->DNK 2016-09"]),
    ("visit-undecided", "Nothing has been finalised about Abe's visit to Russia.", {},
     ["CONSULT/visit possible JPN->RUS -"]),
    ("visit-dated-past-is-happened", "Abe was to visit Russia in January.", {"in January": "2016-01"},
     ["CONSULT/visit happened JPN->RUS 2016-01"]),
    # --- CONSULT: meetings, talks, calls and their modes
    ("talks-capital-is-visit", "Putin and Abe held talks in Moscow on Friday.", {"on Friday": "2016-02-05"},
     ["CONSULT/visit happened JPN->RUS 2016-02-05"]),
    ("talks-counterpart", "Lavrov and his Japanese counterpart Kishida will hold talks in Tokyo.", {},
     ["CONSULT/visit planned RUS->JPN -"]),
    ("meeting-third-country", "Lavrov met with Kishida in Singapore.", {},
     ["CONSULT/third-party happened RUS->JPN 2016-02-06"]),
    ("meeting-summit-sidelines", "Putin and Abe met on the sidelines of the G20 summit in Antalya.", {},
     ["CONSULT/multilateral happened RUS->JPN 2016-02-06"]),
    ("meeting-between-nominal", "The talks between Lavrov and Kishida lasted three hours.", {},
     ["CONSULT/None happened RUS->JPN -"]),
    ("meeting-recent", "The option was discussed at the recent meeting between Putin and Abe.", {},
     ["CONSULT/None happened RUS->JPN -"]),
    ("meeting-postponed", "Putin's meeting with Abe was postponed until next year.", {"next year": "2017"},
     ["CONSULT/None postponed RUS->JPN -"]),
    ("meeting-ruled-out", "The Kremlin ruled out a meeting between Putin and Obama.", {},
     ["CONSULT/None cancelled RUS->USA -"]),
    ("meeting-reported-speech", "Peskov said that Putin would meet Abe in Sochi.", {},
     ["CONSULT/visit planned JPN->RUS -"]),
    ("meeting-said-at", "Putin said at a meeting with Abe in New York that trade had declined.", {},
     ["CONSULT/third-party happened RUS->JPN 2016-02-06"]),
    ("phone-nominal", "On January 22, Abe and Putin had a telephone conversation.", {"On January 22": "2016-01-22"},
     ["CONSULT/phone happened JPN->RUS 2016-01-22"]),
    ("phone-verbal", "Obama phoned Xi on Tuesday.", {"on Tuesday": "2016-02-02"},
     ["CONSULT/phone happened USA->CHN 2016-02-02"]),
    ("phone-called", "Obama called Xi to discuss trade.", {}, ["CONSULT/phone happened USA->CHN 2016-02-06"]),
    ("phone-video", "Obama and Abe will hold a video conference on Friday.", {"on Friday": "2016-02-12"},
     ["CONSULT/phone planned USA->JPN 2016-02-12"]),
    ("phone-passive-speaker", '"A telephone conversation was held with the Russian president," Abe said.', {},
     ["CONSULT/phone happened JPN->RUS -"]),
    ("sides-anaphor", "Abe met Putin in Moscow on Monday. The sides discussed the peace treaty.",
     {"on Monday": "2016-02-01"}, ["CONSULT/visit happened JPN->RUS 2016-02-01"]),
    ("lead-undated-is-the-day", "Putin met Abe in Singapore.", {}, ["CONSULT/third-party happened RUS->JPN 2016-02-06"]),
    ("lead-not-earlier", "Putin earlier met Abe in Singapore.", {}, ["CONSULT/third-party happened RUS->JPN -"]),
    ("lead-not-past-perfect", "Putin had met Abe in Singapore.", {}, ["CONSULT/third-party happened RUS->JPN -"]),
    ("lead-only", "Abe spoke to reporters. He thanked them. He left. Putin met Abe in Singapore.", {},
     ["CONSULT/third-party happened RUS->JPN -"]),
    # --- AGREE
    ("agree-coordinated", "On January 22, Abe and Putin agreed to continue personal contacts.",
     {"On January 22": "2016-01-22"}, ["AGREE/None happened JPN->RUS 2016-01-22"]),
    ("agree-during-meeting", "Putin and Abe agreed to activate talks during a meeting in Singapore last November.",
     {"last November": "2015-11"},
     ["AGREE/None happened RUS->JPN 2015-11", "CONSULT/third-party happened RUS->JPN 2015-11"]),
    ("agree-after-report-date", "In late September, Suga spoke to reporters after Kishida and Lavrov agreed to "
     "restart negotiations.", {"In late September": "2015-09"},
     ["AGREE/None happened JPN->RUS 2015-09"]),
    ("agree-sign", "Russia and China signed an agreement on energy cooperation.", {},
     ["AGREE/None happened RUS->CHN 2016-02-06"]),
    ("agree-reached-passive", "An agreement was reached between Russia and Japan.", {},
     ["AGREE/None happened RUS->JPN -"]),
    ("agree-could-sign", "Russia and Japan could sign a peace treaty next year.", {"next year": "2017"},
     ["AGREE/None possible RUS->JPN 2017"]),
    ("agree-joint-announcement", "Abe met Putin in Singapore. Later in December, the leaders announced the "
     "establishment of a new negotiations format.", {"Later in December": "2015-12"},
     ["CONSULT/third-party happened JPN->RUS 2016-02-06", "AGREE/None happened JPN->RUS 2015-12"]),
    # --- other PLOVER types
    ("request-call-on", "Japan called on Russia to return the islands.", {}, ["REQUEST/None happened JPN->RUS -"]),
    ("request-urge", "Obama urged Abe to postpone the trip.", {}, ["REQUEST/None happened USA->JPN -"]),
    ("request-invite", "Putin invited Abe to visit Russia.", {},
     ["REQUEST/None happened RUS->JPN -", "CONSULT/visit planned JPN->RUS -"]),
    # a state's protest is PLOVER ACCUSE ("complain officially"); PROTEST is for demonstrations
    ("protest-verb-is-accuse", "Japan protested against Russia's military drills.", {},
     ["ACCUSE/None happened JPN->RUS -"]),
    ("protest-lodge-is-accuse", "Japan will lodge a protest with Russia over the deployment of missiles.", {},
     ["ACCUSE/None planned JPN->RUS -"]),
    ("protest-summon-is-accuse", "Japan summoned the Russian ambassador to protest the deployment.", {},
     ["ACCUSE/None happened JPN->RUS -"]),
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
    ("demand-in-reported-speech", "Lavrov said on Monday that Japan must recognise the results of the war.",
     {"on Monday": "2016-02-01"}, ["REQUEST/None happened RUS->JPN 2016-02-01"]),
    ("invitation-to-a-place", "Putin invited Abe to the forum in Sochi.", {},
     ["REQUEST/None happened RUS->JPN -", "CONSULT/visit planned JPN->RUS -"]),
    ("first-since-earlier-occasion", "Abe arrived in Moscow on Friday. It was his first visit to Russia since "
     "April 2013.", {"on Friday": "2016-02-05", "April 2013": "2013-04"},
     ["CONSULT/visit happened JPN->RUS 2016-02-05", "CONSULT/visit happened JPN->RUS 2013-04"]),
    ("stop-on-the-way", "Abe flew to Sochi from London on Friday.", {"on Friday": "2016-02-05"},
     ["CONSULT/visit happened JPN->RUS 2016-02-05", "CONSULT/visit happened JPN->GBR -"]),
    ("trip-takes-someone", "The trip will take Abe to France and Switzerland.", {},
     ["CONSULT/visit planned JPN->FRA -", "CONSULT/visit planned JPN->CHE -"]),
    ("anaphor-lends-date", "Putin will visit Japan. The visit will take place on December 15.",
     {"on December 15": "2016-12-15"}, ["CONSULT/visit planned RUS->JPN 2016-12-15"]),
    ("agreement-reported-in-perfect", "Abe told reporters on Friday that he and Putin had agreed to resume talks.",
     {"on Friday": "2016-02-05"}, ["AGREE/None happened JPN->RUS 2016-02-05"]),
    ("dateline-is-the-scene", "MOSCOW, February 6 – Putin and Abe held talks on Saturday.",
     {"February 6": "2016-02-06", "on Saturday": "2016-02-06"}, ["CONSULT/visit happened JPN->RUS 2016-02-06"]),
    # --- reported speech and attribution
    ("reported-by-outlet", "Japan's Mainichi newspaper wrote that Lavrov may visit Tokyo this spring.",
     {"this spring": "2016-SP"}, ["CONSULT/visit possible RUS->JPN 2016-SP"]),
    ("report-date-is-not-event-date", "On November 16, Peskov said that Abe planned to visit a Russian region.",
     {"On November 16": "2015-11-16"}, ["CONSULT/visit planned JPN->RUS -"]),
    # --- no over-coding
    ("none-reporting-verbs", "Lavrov told reporters on Monday that the newspaper wrote about the islands.",
     {"on Monday": "2016-02-01"}, []),
    ("none-domestic", "Putin met with Russian governors in Moscow.", {}, []),
    ("none-position", "Japan will continue the dialogue with Russia.", {}, []),
    ("none-news-conference", "Suga told a news conference on Tuesday that Japan would work on relations.",
     {"on Tuesday": "2016-02-02"}, []),
    ("none-negated-past", "Russia and Japan have still not signed a peace treaty.", {}, []),
    ("none-topic-of-talks", "High on the agenda are issues of signing a peace treaty.", {}, []),
    ("none-dismissed-minister", "Putin dismissed the economy minister who had worked with Japan.", {}, []),
    ("none-one-side", "Putin's visit will be maximally productive.", {}, []),
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
    text = "Russia’s Foreign Minister Sergei Lavrov may visit Japan this spring, Japan’s Mainichi newspaper wrote."
    (e,) = events_of(text, times={"this spring": "2016-SP"})
    assert (e.id, e.type, e.mode, e.status, e.date) == ("e1", "CONSULT", "visit", "possible", "2016-SP")
    assert (e.source.name, e.source.entity, e.source.country) == ("Sergei Lavrov", "p1", "RUS")
    assert (e.target.name, e.target.country) == (None, "JPN")
    assert (e.location.name, e.location.country) == ("Japan", "JPN")
    assert e.evidence.text == "Russia’s Foreign Minister Sergei Lavrov may visit Japan this spring"
    assert text[e.evidence.start:e.evidence.end] == e.evidence.text
    assert e.reported_by == "Mainichi"


def test_counterpart_is_named_actor(events_of):
    (e,) = events_of("Lavrov and his Japanese counterpart Kishida will hold talks in Tokyo.")
    assert {e.source.name, e.target.name} == {"Sergei Lavrov", "Fumio Kishida"}
    assert e.location.country == "JPN"


def test_quote_speaker_is_reporter_and_actor(events_of):
    text = '"A telephone conversation was held with the Russian president," Abe said.'
    (e,) = events_of(text, speakers={"A telephone": "Abe"})
    assert e.reported_by == "Shinzo Abe"
    assert "Shinzo Abe" in {e.source.name, e.target.name}


def test_one_event_per_happening(events_of):
    text = ("Abe will visit Russia on May 6. The visit of the Japanese prime minister to Russia was confirmed by "
            "the Kremlin. Preparations for Abe's visit to Russia are under way.")
    evs = events_of(text, times={"on May 6": "2016-05-06"})
    assert [(e.type, e.mode, e.date) for e in evs] == [("CONSULT", "visit", "2016-05-06")]


def test_two_visitors_are_two_events(events_of):
    text = "Lavrov may visit Japan this spring, before a possible visit of Putin to Japan."
    evs = events_of(text, times={"this spring": "2016-SP"})
    assert sorted(e.source.name for e in evs) == ["Sergei Lavrov", "Vladimir Putin"]


def test_state_acts_through_its_spokesman(events_of):
    (e,) = events_of("Japan will lodge a protest with Russia, Suga told reporters.")
    assert (e.type, e.source.name, e.target.country, e.reported_by) == ("ACCUSE", "Yoshihide Suga", "RUS",
                                                                        "Yoshihide Suga")


def test_nothing_to_read(events_of):
    assert events_of("") == []
    assert events_of("The weather was fine and the markets were calm.") == []


def test_evidence_offsets_point_into_text(events_of):
    text = 'TOKYO, October 6. Tokyo hopes that Putin will come to Japan on a visit, Suga told a news conference.'
    for e in events_of(text):
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text
        assert e.evidence.text
