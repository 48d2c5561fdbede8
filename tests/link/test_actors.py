"""Actors across the corpus: one row per person, place and organisation (``storyline.link.actors``)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from storyline.link.actors import EntityRow, build_actors, duplicate_actor_rows, place_key, person_key

from ..conftest import require_shared


def rows(*items: tuple[str, str, str] | tuple[str, str, str, str | None] | tuple[Any, ...]) -> list[EntityRow]:
    """(article, name, type[, country[, role[, published]]])"""
    out = []
    for it in items:
        aid, name, type_ = it[:3]
        country = it[3] if len(it) > 3 else None
        role = it[4] if len(it) > 4 else None
        day = dt.date.fromisoformat(it[5]) if len(it) > 5 and it[5] else None
        out.append(EntityRow(aid, name, type_, day, country, role))
    return out


def names(table: Any, type_: str | None = None) -> dict[str, list[str]]:
    return {a.name: a.aliases for a in table.actors.values() if type_ is None or a.type == type_}


def test_spellings_of_one_person_are_one_actor() -> None:
    t = build_actors(rows(("a1", "Sergei Ivanov", "PERSON", "RUS"), ("a2", "Sergey Ivanov", "PERSON", "RUS"),
                          ("a3", "Ahmet Şahin", "PERSON", "TUR"), ("a4", "Ahmet Sahin", "PERSON", "TUR"),
                          ("a5", "Kim Jong-il", "PERSON", "PRK"), ("a6", "Kim Jong Il", "PERSON", "PRK"),
                          ("a7", "Ali Amir-Tehrani", "PERSON", "IRN"), ("a8", "Ali Amirtehrani", "PERSON", "IRN")))
    people = names(t, "PERSON")
    assert len(people) == 4
    assert people["Ahmet Şahin"] == ["Ahmet Sahin"]                  # the accented form is listed
    assert person_key("Mr. Sergey Ivanov") == person_key("Sergei Ivanov")


def test_partial_names_patronymics_and_honorifics_join_the_full_name() -> None:
    t = build_actors(rows(("a1", "Pavel Sergeyevich Orlov", "PERSON", "RUS"), ("a2", "Pavel Orlov", "PERSON", "RUS"),
                          ("a3", "Orlov", "PERSON"), ("a4", "Hamad bin Salem Al-Kuwari", "PERSON", "QAT"),
                          ("a5", "Hamad Al Kuwari", "PERSON", "QAT"), ("a6", "Sheikh Hamad", "PERSON"),
                          ("a7", "Mr Orlov", "PERSON")))
    people = names(t, "PERSON")
    assert set(people) == {"Pavel Sergeyevich Orlov", "Hamad bin Salem Al-Kuwari"}
    assert set(people["Pavel Sergeyevich Orlov"]) == {"Pavel Orlov", "Orlov", "Mr Orlov"}
    assert set(people["Hamad bin Salem Al-Kuwari"]) == {"Hamad Al Kuwari", "Sheikh Hamad"}


def test_a_shared_surname_stays_two_people_and_is_decided_per_article() -> None:
    t = build_actors(rows(
        ("a1", "Maria Novak", "PERSON", "CZE", "Foreign Minister", "2020-01-10"),
        ("a2", "Maria Novak", "PERSON", "CZE", "Foreign Minister", "2020-02-10"),
        ("a3", "Tomas Novak", "PERSON", "CZE", "goalkeeper", "2020-03-10"),
        ("a4", "Novak", "PERSON", None, None, "2020-04-10"), ("a4", "Tomas Novak", "PERSON", "CZE"),
        ("a5", "Novak", "PERSON", None, "Foreign Minister", "2020-05-10"),
    ))
    people = names(t, "PERSON")
    assert "Maria Novak" in people and "Tomas Novak" in people           # two people stay two actors
    maria = next(a for a in t.actors.values() if a.name == "Maria Novak")
    tomas = next(a for a in t.actors.values() if a.name == "Tomas Novak")
    assert t.actor_of("a4", "Novak", "PERSON") == tomas.actor_id          # named in the same article
    assert t.actor_of("a5", "Novak", "PERSON") == maria.actor_id          # the same role
    assert maria.n_articles == 3 and tomas.n_articles == 2


def test_a_surname_typed_as_an_organisation_or_place_is_the_person() -> None:
    t = build_actors(rows(("a1", "Park Min-jun", "PERSON", "KOR", "spokesman"), ("a1", "Park", "ORG"),
                          ("a2", "Lena Brandt", "PERSON", "DEU"), ("a2", "Brandt", "GPE"),
                          ("a3", "Brandt", "GPE")))            # alone in an article: nothing says it is her
    people = names(t, "PERSON")
    assert "Park" in people["Park Min-jun"] and "Brandt" in people["Lena Brandt"]
    assert t.actor_of("a2", "Brandt", "GPE") == t.actor_of("a2", "Lena Brandt", "PERSON")


def test_one_place_under_several_types_and_spellings() -> None:
    t = build_actors(rows(("a1", "Aleutian Islands", "GPE"), ("a2", "Aleutian Islands", "LOC"), ("a3", "Aleutians", "ORG"),
                          ("a4", "the Aleutian Islands", "LOC"), ("a5", "São Tomé", "GPE"), ("a6", "Sao Tome", "GPE"),
                          ("a7", "St. Louis", "GPE"), ("a8", "St Louis", "GPE"), ("a9", "Nagano Prefecture", "GPE"),
                          ("a9", "Nagano", "GPE"), ("a10", "Berlin", "GPE"), ("a11", "Berlin", "ORG")))
    places = names(t)
    assert len(places) == 5
    assert set(places["Aleutian Islands"]) == {"Aleutians", "the Aleutian Islands"}
    assert next(a for a in t.actors.values() if a.name == "Aleutian Islands").type == "LOC"    # most used
    assert place_key("Kurile Islands") == place_key("Kurils") == place_key("the Kuril Islands")


def test_country_names_and_adjectives_are_one_country_and_orgs_by_acronym() -> None:
    t = build_actors(rows(("a1", "Norway", "GPE"), ("a2", "Norwegian", "NORP"), ("a3", "NOR", "GPE"),
                          ("a4", "U.N. Security Council", "ORG"), ("a5", "UN Security Council", "ORG"),
                          ("a6", "United Nations Security Council", "ORG"), ("a7", "Gulf Cooperation Council", "ORG"),
                          ("a8", "GCC", "ORG")))
    by_name = {a.name: a for a in t.actors.values()}
    norway = next(a for a in by_name.values() if a.country == "NOR")
    assert norway.type == "GPE" and "Norwegian" in norway.aliases and norway.n_articles == 3
    assert len([a for a in by_name.values() if a.type == "ORG"]) == 2


def test_the_checker_flags_each_kind_of_duplicate() -> None:
    items = [{"name": "Pavel Orlov", "type": "PERSON"}, {"name": "Orlov", "type": "PERSON"},
             {"name": "Orlov", "type": "ORG"}, {"name": "Aleutian Islands", "type": "GPE"},
             {"name": "Aleutians", "type": "LOC"}, {"name": "Emir", "type": "PERSON"},
             {"name": "Emir Hamad", "type": "PERSON"}]
    kinds = sorted({k for k, _, _ in duplicate_actor_rows(items)})
    assert kinds == ["partial-name", "place-forms", "surname-typed"]
    assert not any("Emir" == a for _, a, _ in duplicate_actor_rows(items))       # a bare title names no one


@pytest.mark.model
@pytest.mark.shared
def test_store_of_samples_seeds_and_devreal_has_no_duplicate_actors(tmp_path: Any) -> None:
    """``storyline actors`` on samples + seeds + devreal: no duplicate rows of the kinds above,
    and the actor filter finds a person's events under any of their names."""
    from pathlib import Path

    from storyline.api import queries
    from storyline.runners.local import ingest

    shared = require_shared()
    root = Path(__file__).resolve().parents[2]
    db = tmp_path / "all.duckdb"
    ingest([root / "samples" / "corpus", shared / "seeds", shared / "devreal" / "raw"], db)
    page = queries.actors(db, limit=500)
    assert page["total"] == len(page["items"])
    assert duplicate_actor_rows(page["items"]) == []
    for person in (a for a in page["items"] if a["type"] == "PERSON" and a["aliases"] and a["events"]):
        full = queries.events(db, actor=person["name"], limit=500)["total"]
        for alias in person["aliases"]:
            by_alias = queries.events(db, actor=alias, limit=500)["total"]
            assert by_alias >= full                     # a bare surname may also match its namesakes' events
            if " " in alias:
                assert by_alias == full                 # the full name finds what any spelling finds


def test_a_part_of_a_place_is_kept_apart_and_points_to_it() -> None:
    t = build_actors(rows(("a1", "Aleutian Islands", "LOC"), ("a2", "the western Aleutians", "LOC"),
                          ("a3", "South Korea", "GPE"), ("a4", "Korea", "GPE")))
    by_name = {a.name: a for a in t.actors.values()}
    part = next(a for a in by_name.values() if "western" in a.name)
    assert part.part_of == by_name["Aleutian Islands"].actor_id
    assert all(a.part_of is None for a in by_name.values() if a is not part)


def test_a_titled_surname_beside_a_namesake_named_in_full_is_the_office_holder() -> None:
    """An article naming "President Obama" and his wife "Michelle Obama" in full, dated only to
    its year: the bare surname with the title is the president, not the namesake beside it."""
    from storyline.link.actors import published_span

    table = rows(("a1", "Barack Obama", "PERSON", "USA"), ("a2", "Barack Obama", "PERSON", "USA"),
                 ("a3", "Michelle Obama", "PERSON", "USA"))
    table.append(EntityRow("a3", "Obama", "PERSON", None, "USA", "President", 3, published_span("2014")))
    t = build_actors(table)
    people = names(t, "PERSON")
    assert "Obama" in people["Barack Obama"] and "Obama" not in people["Michelle Obama"]
    assert published_span("2018/2020") == (dt.date(2018, 1, 1), dt.date(2020, 12, 31))
    assert published_span("XXXX-02-06") is None


def test_a_surname_typed_org_in_an_article_naming_no_such_person_goes_to_the_prominent_bearer() -> None:
    # "the Okafor administration said ..." in an article that names no Okafor: the president, whom the
    # corpus names far more often than his brother
    table = build_actors(rows(("a1", "Emeka Okafor", "PERSON", "NGA"), ("a2", "Emeka Okafor", "PERSON", "NGA"),
                              ("a3", "Emeka Okafor", "PERSON", "NGA"), ("a4", "Chidi Okafor", "PERSON", "NGA"),
                              ("a5", "Okafor", "ORG")))
    assert "Okafor" in names(table)["Emeka Okafor"]
    assert duplicate_actor_rows([a.to_row() for a in table.actors.values()]) == []


def test_a_surname_typed_org_stays_when_nothing_decides_its_bearer() -> None:
    table = build_actors(rows(("a1", "Emeka Okafor", "PERSON", "NGA"), ("a2", "Chidi Okafor", "PERSON", "NGA"),
                              ("a3", "Okafor", "ORG")))
    assert "Okafor" in names(table, "ORG")
