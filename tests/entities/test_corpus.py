"""Country evidence across articles (no model)."""
from __future__ import annotations

from storyline.entities import propagate_countries
from storyline.records import Article, Entity, Published


def article(*entities: Entity) -> Article:
    return Article(id="a", path="a.txt", source=None, headline=None, lead=None, dateline=None,
                   published=Published(None, "none", 0.0), text="", entities=list(entities))


def test_unknown_country_is_filled_from_other_articles():
    a = article(Entity("p1", "Sergey Orlov", "PERSON", "RUS", "Foreign Minister"))
    b = article(Entity("p1", "Sergei Orlov", "PERSON", None, "Foreign Minister"))
    c = article(Entity("p1", "Orlov", "PERSON", None, None), Entity("g1", "Tokyo", "GPE", "JPN"))
    assert propagate_countries([a, b, c]) == 2
    assert b.entities[0].country == "RUS" and c.entities[0].country == "RUS"


def test_no_fill_when_the_corpus_disagrees_or_the_surname_is_shared():
    a = article(Entity("p1", "Ivan Petrov", "PERSON", "RUS"), Entity("p2", "Anna Petrov", "PERSON", "BLR"))
    b = article(Entity("p1", "Petrov", "PERSON", None))
    c = article(Entity("p1", "Karl Braun", "PERSON", "AUT"))
    d = article(Entity("p1", "Karl Braun", "PERSON", "DEU"), Entity("p2", "Karl Braun", "PERSON", None))
    assert propagate_countries([a, b, c, d]) == 0
    assert b.entities[0].country is None and d.entities[1].country is None
