"""A small hand-built store for the API and browser tests, independent of the analysis stages.

Three lifecycles between Russia and Japan (a Lavrov visit: possible → planned →
held; an Abe–Putin meeting in Sochi whose reports disagree on the day (three days apart: the linker allows one); a Putin visit
to Japan planned for November 2016 and never reported held: overdue once a 2017
article is in), a US–China summit postponed, one event without an event_id, and a
hostile article whose every field tries to run script.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from storyline.records import Actor, Article, Dateline, Entity, Event, Evidence, Location, Published, Quote
from storyline.store import Store

PWN = "window.__pwned=1"
HOSTILE_IMG = f'<img src=x onerror="{PWN}">'
HOSTILE_SCRIPT = f"<script>{PWN}</script>"


def _article(aid: str, source: str, published: str, headline: str, text: str, *,
             entities: list[Entity] | None = None, events: list[dict[str, Any]] | None = None,
             quotes: list[tuple[str, str]] | None = None) -> Article:
    evs = []
    for i, e in enumerate(events or [], 1):
        sentence = e["sentence"]
        start = text.index(sentence)
        loc = e.get("location")
        evs.append(Event(
            id=f"e{i}", type=e["type"], mode=e.get("mode"), status=e["status"],
            source=Actor(e["source"][0], None, e["source"][1]), target=Actor(e["target"][0], None, e["target"][1]),
            date=e.get("date"), location=Location(*loc) if loc else None,
            evidence=Evidence(sentence, start, start + len(sentence)), reported_by=e.get("reported_by"),
            event_id=e.get("event_id")))
    qs = []
    for speaker, said in quotes or []:
        start = text.index(said)
        qs.append(Quote(speaker, None, said, start, start + len(said)))
    return Article(id=aid, path=f"corpus/{aid}.txt", source=source, headline=headline, lead=None,
                   dateline=Dateline("TOKYO", published[5:]), text=text,
                   published=Published(published, "test", 1.0, int(published[:4])),
                   entities=entities or [], events=evs, quotes=qs)


def _ent(eid: str, name: str, etype: str, country: str | None, text: str, role: str | None = None) -> Entity:
    start = text.find(name.split()[-1])
    return Entity(eid, name, etype, country, role, [(start, start + len(name.split()[-1]))] if start >= 0 else [])


def articles() -> list[Article]:
    t1 = ("Russia's Foreign Minister Sergei Lavrov may visit Japan this spring, the Mainichi newspaper wrote. "
          "Kremlin spokesman Dmitry Peskov said: \"The option of a visit is being discussed.\"")
    t2 = ("Sergei Lavrov will visit Tokyo on April 15, the Japanese Foreign Ministry announced on Thursday. "
          "Lavrov will hold talks with Fumio Kishida.")
    t3 = ("Sergei Lavrov held talks with Fumio Kishida in Tokyo on Friday. "
          "The ministers agreed to prepare a summit. \"We had frank talks,\" Lavrov said.")
    t4 = ("Prime Minister Shinzo Abe will meet Vladimir Putin in Sochi on May 6, Japan confirmed. "
          "The two sides also signed a fisheries accord on Thursday.")
    t5 = ("Abe and Putin are to meet in Sochi on May 9, a Russian source said. "
          "Preparations are under way in the resort city.")
    t6 = ("Vladimir Putin plans to visit Japan in November, the Kremlin said. "
          "Yuri Ushakov said: \"The dates are being worked out.\"")
    t7 = ("The summit between Barack Obama and Xi Jinping was postponed to March, officials said. "
          "Washington imposed sanctions on Chinese firms in January.")
    th = (f"Officials {HOSTILE_IMG} met in Moscow. {HOSTILE_SCRIPT} Russian and Japanese diplomats held talks in "
          f"Moscow on April 20 {HOSTILE_IMG}. Nothing else happened.")
    hostile_name = f"Ivan {HOSTILE_IMG}"
    return [
        _article("a1lavrovpossible", "TASS", "2016-02-06", "Lavrov may visit Japan this spring", t1,
                 entities=[_ent("p1", "Sergei Lavrov", "PERSON", "RUS", t1, "Foreign Minister"),
                           _ent("g1", "Japan", "GPE", "JPN", t1), _ent("p2", "Dmitry Peskov", "PERSON", "RUS", t1)],
                 events=[{"sentence": "Russia's Foreign Minister Sergei Lavrov may visit Japan this spring",
                          "type": "CONSULT", "mode": "visit", "status": "possible", "source": ("Sergei Lavrov", "RUS"),
                          "target": (None, "JPN"), "date": "2016-SP", "event_id": "ev-lavrov",
                          "location": ("Japan", "JPN"), "reported_by": "Mainichi"}],
                 quotes=[("Dmitry Peskov", "The option of a visit is being discussed.")]),
        _article("a2lavrovplanned", "Kyodo", "2016-03-10", "Lavrov to visit Tokyo on April 15", t2,
                 entities=[_ent("p1", "Sergei Lavrov", "PERSON", "RUS", t2), _ent("p2", "Fumio Kishida", "PERSON",
                                                                                 "JPN", t2),
                           _ent("p3", "Lavrov", "PERSON", "RUS", t2)],
                 events=[{"sentence": "Sergei Lavrov will visit Tokyo on April 15", "type": "CONSULT", "mode": "visit",
                          "status": "planned", "source": ("Sergei Lavrov", "RUS"), "target": (None, "JPN"),
                          "date": "2016-04-15", "event_id": "ev-lavrov", "location": ("Tokyo", "JPN")}]),
        _article("a3lavrovhappened", "NHK", "2016-04-16", "Lavrov and Kishida hold talks in Tokyo", t3,
                 entities=[_ent("p1", "Sergei Lavrov", "PERSON", "RUS", t3),
                           _ent("p2", "Fumio Kishida", "PERSON", "JPN", t3)],
                 events=[{"sentence": "Sergei Lavrov held talks with Fumio Kishida in Tokyo on Friday",
                          "type": "CONSULT", "mode": "visit", "status": "happened", "source": ("Sergei Lavrov", "RUS"),
                          "target": ("Fumio Kishida", "JPN"), "date": "2016-04-15", "event_id": "ev-lavrov",
                          "location": ("Tokyo", "JPN")}],
                 quotes=[("Sergei Lavrov", "We had frank talks,")]),
        _article("a4sochiplanned", "Pacific Ledger", "2016-04-28", "Japan confirms Abe will meet Putin in Sochi", t4,
                 entities=[_ent("p1", "Shinzo Abe", "PERSON", "JPN", t4, "Prime Minister"),
                           _ent("p2", "Vladimir Putin", "PERSON", "RUS", t4), _ent("g1", "Sochi", "GPE", "RUS", t4)],
                 events=[{"sentence": "Prime Minister Shinzo Abe will meet Vladimir Putin in Sochi on May 6",
                          "type": "CONSULT", "mode": "visit", "status": "planned", "source": ("Shinzo Abe", "JPN"),
                          "target": ("Vladimir Putin", "RUS"), "date": "2016-05-06", "event_id": "ev-sochi",
                          "location": ("Sochi", "RUS")},
                         {"sentence": "The two sides also signed a fisheries accord on Thursday", "type": "AGREE",
                          "status": "happened", "source": (None, "JPN"), "target": (None, "RUS"),
                          "date": "2016-04-28"}]),
        _article("a5sochiother", "RIA", "2016-04-28", "Abe and Putin to meet in Sochi on May 9", t5,
                 entities=[_ent("p1", "Shinzo Abe", "PERSON", "JPN", t5), _ent("p2", "Vladimir Putin", "PERSON", "RUS",
                                                                              t5)],
                 events=[{"sentence": "Abe and Putin are to meet in Sochi on May 9", "type": "CONSULT",
                          "status": "planned", "source": ("Shinzo Abe", "JPN"), "target": ("Vladimir Putin", "RUS"),
                          "date": "2016-05-09", "event_id": "ev-sochi", "location": ("Sochi", "RUS")}]),
        _article("a6putinjapan", "TASS", "2016-06-01", "Putin plans to visit Japan in November", t6,
                 entities=[_ent("p1", "Vladimir Putin", "PERSON", "RUS", t6, "President"),
                           _ent("p2", "Yuri Ushakov", "PERSON", "RUS", t6)],
                 events=[{"sentence": "Vladimir Putin plans to visit Japan in November", "type": "CONSULT",
                          "mode": "visit", "status": "planned", "source": ("Vladimir Putin", "RUS"),
                          "target": (None, "JPN"), "date": "2016-11", "event_id": "ev-putin-japan"}],
                 quotes=[("Yuri Ushakov", "The dates are being worked out.")]),
        _article("a7ussummit", "Wire", "2017-01-10", "US-China summit postponed", t7,
                 entities=[_ent("p1", "Barack Obama", "PERSON", "USA", t7), _ent("p2", "Xi Jinping", "PERSON", "CHN",
                                                                                 t7)],
                 events=[{"sentence": "The summit between Barack Obama and Xi Jinping was postponed to March",
                          "type": "CONSULT", "status": "postponed", "source": ("Barack Obama", "USA"),
                          "target": ("Xi Jinping", "CHN"), "date": "2017-03", "event_id": "ev-us-china"},
                         {"sentence": "Washington imposed sanctions on Chinese firms in January", "type": "SANCTION",
                          "status": "happened", "source": (None, "USA"), "target": (None, "CHN"), "date": "2017-01",
                          "event_id": "ev-sanctions"}]),
        _article("hostile0000000001", f"<svg onload=\"{PWN}\">Evil Times", "2016-04-21",
                 f"{HOSTILE_SCRIPT}Hostile {HOSTILE_IMG} headline", th,
                 entities=[Entity("p1", hostile_name, "PERSON", "RUS", None, [(0, 9)])],
                 events=[{"sentence": f"Russian and Japanese diplomats held talks in Moscow on April 20 {HOSTILE_IMG}",
                          "type": "CONSULT", "status": "happened", "source": (hostile_name, "RUS"),
                          "target": ("Japanese diplomats", "JPN"), "date": "2016-04-20", "event_id": "ev-hostile",
                          "location": (f"Moscow {HOSTILE_IMG}", "RUS")}],
                 quotes=[(hostile_name, HOSTILE_SCRIPT)]),
    ]


def build_store(path: Path) -> Path:
    with Store(path) as store:
        store.write_batch(articles(), [])
    return path
