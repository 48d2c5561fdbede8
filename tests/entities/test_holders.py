"""Office-holders of the tenure table found by their full names (sentences written for these tests)."""
from __future__ import annotations

import pytest

from storyline.entities.holders import (find_holders, fold_text, holder_country, holder_short_forms,
                                       titled_holder_names)
from storyline.records import Article, Published


def test_full_names_and_printed_variants_are_found_with_their_country():
    text = "Envoys of Moon Jae-in met José Manuel Barroso, then the Yoon Suk-yeol team; Moon alone is no match."
    found = [(text[a:b], code) for a, b, code in find_holders(text)]
    assert found == [("Moon Jae-in", "KOR"), ("José Manuel Barroso", "EUR"), ("Yoon Suk-yeol", "KOR")]


def test_a_name_inside_a_longer_word_run_is_not_cut():
    assert find_holders("the Moon Jae-insky building") == []
    assert find_holders("bill clinton in lower case") == []


def test_country_and_titled_forms():
    assert holder_country("George W. Bush") == "USA"
    assert holder_country("Ursula von der Leyen") == "EUR"
    assert holder_country("Kofi Annan") is None            # an office of the UN: no state
    assert holder_country("Somebody Unknown") is None
    assert "Tamim bin Hamad Al Thani" in titled_holder_names("Sheikh", "Tamim")
    assert titled_holder_names("Prince", "Edward") == ()
    assert holder_short_forms("Jiang Zemin") == ("Jiang",)        # a family name printed first
    assert holder_short_forms("Somebody Unknown") == ()


def test_folding_keeps_offsets():
    text = "Pérez de Cuéllar"
    assert len(fold_text(text)) == len(text) and fold_text(text) == "Perez de Cuellar"


@pytest.mark.model
def test_a_name_the_model_runs_into_an_organisation_is_split_off(nlp):
    text = ("The President of the European Commission Jose Manuel Barroso arrived in Tokyo on Monday. "
            "Sheikh Tamim bin Hamad Al Thani sent a message to Kuwait. Later, Qatar's Amir Sheikh Tamim said "
            "the visit mattered.")
    from storyline.entities import extract_entities
    article = Article(id="t", path="t.txt", source=None, headline=None, lead=None, dateline=None,
                      published=Published(None, "none", 0.0), text=text)
    ents = extract_entities(nlp(text), article)
    people = {e.name: e for e in ents if e.type == "PERSON"}
    assert people["Jose Manuel Barroso"].country == "EUR"
    assert [n for n in people if "Tamim" in n] == ["Tamim bin Hamad Al Thani"]
    assert len(people["Tamim bin Hamad Al Thani"].mentions) == 2
    assert not any(e.type != "PERSON" and "Barroso" in e.name for e in ents)


@pytest.mark.model
def test_a_family_name_printed_first_is_the_person_whatever_the_model_says(nlp):
    text = ("Jiang Zemin received the envoy in Beijing on Monday. Jiang thanked him, and the envoy praised "
            "Jiang for his patience.")
    from storyline.entities import extract_entities
    article = Article(id="t", path="t.txt", source=None, headline=None, lead=None, dateline=None,
                      published=Published(None, "none", 0.0), text=text)
    ents = extract_entities(nlp(text), article)
    assert [e.name for e in ents if "Jiang" in e.name] == ["Jiang Zemin"]
    jiang = next(e for e in ents if e.name == "Jiang Zemin")
    assert [text[a:b] for a, b in jiang.mentions] == ["Jiang Zemin", "Jiang", "Jiang"]
