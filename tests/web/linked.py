"""A linked store for the CLI, feed and page tests: the hand-built API corpus, a cancellation and
an undated report, linked by ``storyline.link`` so that ``corpus_events`` holds lifecycles.

Putin's visit to Japan is planned (June), then called off (September); an undated meeting
shows how the page and the CLI print an unknown date; a 1956 declaration recalled in a 2016
article is the historical outlier that used to stretch the timeline over sixty years.
"""
from __future__ import annotations

from pathlib import Path

from storyline.runners.link_job import link
from storyline.store import Store

from ..api.corpus import _article, _ent, articles


def extra_articles() -> list:
    t8 = ("The Kremlin said Vladimir Putin's visit to Japan in November has been called off. "
          "Officials gave no reason.")
    t9 = ("Foreign ministry deputies from Russia and Japan met to discuss fishing quotas, the agency reported. "
          "No date was given.")
    t10 = ("Diplomats recalled the joint declaration signed by the Soviet Union and Japan in October 1956. "
           "It ended the state of war.")
    return [
        _article("a10history", "Review", "2016-09-03", "Diplomats recall the 1956 declaration", t10,
                 events=[{"sentence": "the joint declaration signed by the Soviet Union and Japan in October 1956",
                          "type": "AGREE", "status": "happened", "source": (None, "RUS"), "target": (None, "JPN"),
                          "date": "1956-10"}]),
        _article("a8putincancel", "Kyodo", "2016-09-01", "Putin's November visit to Japan called off", t8,
                 entities=[_ent("p1", "Vladimir Putin", "PERSON", "RUS", t8)],
                 events=[{"sentence": "The Kremlin said Vladimir Putin's visit to Japan in November has been called off",
                          "type": "CONSULT", "mode": "visit", "status": "cancelled", "source": ("Vladimir Putin", "RUS"),
                          "target": (None, "JPN"), "date": "2016-11"}]),
        _article("a9undated", "Wire", "2016-09-02", "Deputies discuss fishing quotas", t9,
                 events=[{"sentence": "Foreign ministry deputies from Russia and Japan met to discuss fishing quotas",
                          "type": "COOPERATE", "status": "happened", "source": (None, "RUS"),
                          "target": (None, "JPN"), "date": None}]),
    ]


def build_linked_store(path: Path) -> Path:
    with Store(path) as store:
        store.write_batch(articles() + extra_articles(), [])
    link(str(path))
    return path


def event_id(db: Path, evidence_start: str) -> str:
    """The linker's id of the event whose latest evidence starts with ``evidence_start``."""
    from storyline.api import queries

    for e in queries.events(str(db), limit=100)["items"]:
        ev = e.get("evidence")
        text = ev.get("text") if isinstance(ev, dict) else ev
        if text and text.startswith(evidence_start):
            return str(e["event_id"])
    raise KeyError(evidence_start)
