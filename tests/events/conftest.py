"""Fixtures of the event tests: the spaCy pipeline and hand-built records.

The event stage reads entities, times and quotes that other stages produce. The
tests here build those records by hand from a small table of names, so that a
change elsewhere cannot move these results: every name a test sentence uses is
in ``NAMES`` with its type and country, and every time expression is given with
its TIMEX3 value.
"""
from __future__ import annotations

import re

import pytest

from storyline.records import Article, Entity, Published, Quote, TimeExpr

# surface form -> (canonical name, type, country); longer forms win over the short ones inside them
NAMES: dict[str, tuple[str, str, str | None]] = {
    "Vladimir Putin": ("Vladimir Putin", "PERSON", "RUS"),
    "Putin": ("Vladimir Putin", "PERSON", "RUS"),
    "Sergei Lavrov": ("Sergei Lavrov", "PERSON", "RUS"),
    "Lavrov": ("Sergei Lavrov", "PERSON", "RUS"),
    "Dmitry Peskov": ("Dmitry Peskov", "PERSON", "RUS"),
    "Peskov": ("Dmitry Peskov", "PERSON", "RUS"),
    "Shinzo Abe": ("Shinzo Abe", "PERSON", "JPN"),
    "Abe": ("Shinzo Abe", "PERSON", "JPN"),
    "Fumio Kishida": ("Fumio Kishida", "PERSON", "JPN"),
    "Kishida": ("Fumio Kishida", "PERSON", "JPN"),
    "Yoshihide Suga": ("Yoshihide Suga", "PERSON", "JPN"),
    "Suga": ("Yoshihide Suga", "PERSON", "JPN"),
    "Barack Obama": ("Barack Obama", "PERSON", "USA"),
    "Obama": ("Barack Obama", "PERSON", "USA"),
    "Donald Trump": ("Donald Trump", "PERSON", "USA"),
    "Trump": ("Donald Trump", "PERSON", "USA"),
    "Xi Jinping": ("Xi Jinping", "PERSON", "CHN"),
    "Xi": ("Xi Jinping", "PERSON", "CHN"),
    "Emmanuel Macron": ("Emmanuel Macron", "PERSON", "FRA"),
    "Macron": ("Emmanuel Macron", "PERSON", "FRA"),
    "Angela Merkel": ("Angela Merkel", "PERSON", "DEU"),
    "Merkel": ("Angela Merkel", "PERSON", "DEU"),
    "Felipe VI": ("Felipe VI", "PERSON", None),          # no country given: the text says "of Spain"
    "Letizia": ("Letizia", "PERSON", None),
    "Mette Frederiksen": ("Mette Frederiksen", "PERSON", "DNK"),
    "Jean-Marc Ayrault": ("Jean-Marc Ayrault", "PERSON", "FRA"),
    "Ayrault": ("Jean-Marc Ayrault", "PERSON", "FRA"),
    "John Kerry": ("John Kerry", "PERSON", "USA"),
    "Kerry": ("John Kerry", "PERSON", "USA"),
    "Wang Yi": ("Wang Yi", "PERSON", "CHN"),
    "Hua Chunying": ("Hua Chunying", "PERSON", "CHN"),
    "Hua": ("Hua Chunying", "PERSON", "CHN"),
    "Frederiksen": ("Mette Frederiksen", "PERSON", "DNK"),
    "Russia": ("Russia", "GPE", "RUS"),
    "Moscow": ("Moscow", "GPE", "RUS"),
    "MOSCOW": ("Moscow", "GPE", "RUS"),
    "Sochi": ("Sochi", "GPE", "RUS"),
    "Japan": ("Japan", "GPE", "JPN"),
    "Tokyo": ("Tokyo", "GPE", "JPN"),
    "China": ("China", "GPE", "CHN"),
    "Beijing": ("Beijing", "GPE", "CHN"),
    "BEIJING": ("Beijing", "GPE", "CHN"),
    "United States": ("United States", "GPE", "USA"),
    "Washington": ("Washington", "GPE", "USA"),
    "New York": ("New York", "GPE", "USA"),
    "France": ("France", "GPE", "FRA"),
    "Paris": ("Paris", "GPE", "FRA"),
    "Germany": ("Germany", "GPE", "DEU"),
    "Berlin": ("Berlin", "GPE", "DEU"),
    "Denmark": ("Denmark", "GPE", "DNK"),
    "Copenhagen": ("Copenhagen", "GPE", "DNK"),
    "Singapore": ("Singapore", "GPE", "SGP"),
    "London": ("London", "GPE", "GBR"),
    "Geneva": ("Geneva", "GPE", "CHE"),
    "Lima": ("Lima", "GPE", "PER"),
    "Switzerland": ("Switzerland", "GPE", "CHE"),
    "Ukraine": ("Ukraine", "GPE", "UKR"),
    "Narendra Modi": ("Narendra Modi", "PERSON", "IND"),
    "Modi": ("Narendra Modi", "PERSON", "IND"),
    "Cho Tae-yul": ("Cho Tae-yul", "PERSON", None),
    "Takeshi Iwaya": ("Takeshi Iwaya", "PERSON", "JPN"),
    "Spain": ("Spain", "GPE", "ESP"),
    "Queen Letizia": ("Letizia", "PERSON", None),
    "India": ("India", "GPE", "IND"),
    "Georgia": ("Georgia", "GPE", "GEO"),
    "Iran": ("Iran", "GPE", "IRN"),
    "South Korea": ("South Korea", "GPE", "KOR"),
    "Seoul": ("Seoul", "GPE", "KOR"),
    "Peru": ("Peru", "GPE", "PER"),
    "White House": ("White House", "ORG", "USA"),
    "UN General Assembly": ("UN General Assembly", "ORG", None),
    "Crimea": ("Crimea", "ORG", None),
    "Kremlin": ("Kremlin", "ORG", "RUS"),
    "Russian Foreign Ministry": ("Russian Foreign Ministry", "ORG", "RUS"),
    "Japanese Foreign Ministry": ("Japanese Foreign Ministry", "ORG", "JPN"),
    "Russian": ("Russian", "NORP", "RUS"),
    "Japanese": ("Japanese", "NORP", "JPN"),
    "Chinese": ("Chinese", "NORP", "CHN"),
    "French": ("French", "NORP", "FRA"),
    "German": ("German", "NORP", "DEU"),
    "American": ("American", "NORP", "USA"),
    "Ukrainian": ("Ukrainian", "NORP", "UKR"),
    "Mainichi": ("Mainichi", "OUTLET", "JPN"),
    "Kyodo": ("Kyodo", "OUTLET", "JPN"),
}
_ORDER = sorted(NAMES, key=len, reverse=True)
_PREFIX = {"PERSON": "p", "GPE": "g", "ORG": "o", "NORP": "n", "OUTLET": "m"}


def entities_for(text: str) -> list[Entity]:
    taken = [False] * len(text)
    found: dict[str, Entity] = {}
    for form in _ORDER:
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if any(taken[m.start():m.end()]):
                continue
            for k in range(m.start(), m.end()):
                taken[k] = True
            name, kind, country = NAMES[form]
            ent = found.get(name)
            if ent is None:
                ent = found[name] = Entity(id=f"{_PREFIX[kind]}{len(found) + 1}", name=name, type=kind, country=country)
            ent.mentions.append((m.start(), m.end()))
    for e in found.values():
        e.mentions.sort()
    return sorted(found.values(), key=lambda e: e.mentions[0])


def timexes_for(text: str, times: dict[str, str]) -> list[TimeExpr]:
    out = []
    for phrase, value in times.items():
        k = text.index(phrase)
        out.append(TimeExpr(phrase, k, k + len(phrase), value))
    return out


def quotes_for(text: str, speakers: dict[str, str]) -> list[Quote]:
    """Quotes by their opening words -> speaker surface form."""
    out = []
    ents = {e.name: e for e in entities_for(text)}
    for opening, speaker in speakers.items():
        k = text.index(opening)
        end = text.index("”" if "”" in text[k:] else '"', k + 1)
        name = NAMES[speaker][0]
        out.append(Quote(name, ents[name].id if name in ents else None, text[k:end], k, end))
    return out


def article_for(text: str, published: str = "2016-02-06", times: dict[str, str] | None = None,
                speakers: dict[str, str] | None = None) -> Article:
    a = Article(id="t", path="t.txt", source=None, headline=None, lead=None, dateline=None,
                published=Published(published, "test", 1.0), text=text)
    a.entities = entities_for(text)
    a.timexes = timexes_for(text, times or {})
    a.quotes = quotes_for(text, speakers or {})
    return a


@pytest.fixture(scope="session")
def nlp():
    from storyline.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def events_of(nlp):
    from storyline.events import extract_events

    def run(text: str, published: str = "2016-02-06", times: dict[str, str] | None = None,
            speakers: dict[str, str] | None = None):
        article = article_for(text, published, times, speakers)
        return extract_events(nlp(text), article)

    return run
