"""Gazetteer and outlet table (no model)."""
from __future__ import annotations

import pytest

from storyline.entities.geo import gazetteer, outlet_regex, outlets


@pytest.mark.parametrize("name,code", [
    ("Russia", "RUS"), ("the Russian Federation", "RUS"), ("Turkey", "TUR"), ("Türkiye", "TUR"),
    ("the United States", "USA"), ("US", "USA"), ("U.S.", "USA"), ("Britain", "GBR"), ("Japan", "JPN"),
    ("Japan’s", "JPN"), ("South Korea", "KOR"), ("North Korea", "PRK"), ("Iran", "IRN"), ("JAPAN", "JPN"),
    ("Germany", "DEU"), ("Switzerland", "CHE"), ("the Soviet Union", "SUN"),
])
def test_country_names(name, code):
    assert gazetteer().country(name) == code


@pytest.mark.parametrize("word,code", [
    ("Russian", "RUS"), ("Japanese", "JPN"), ("American", "USA"), ("US", "USA"), ("Swiss", "CHE"),
    ("South Korean", "KOR"), ("Belarusian", "BLR"), ("Turkish", "TUR"),
])
def test_demonyms(word, code):
    assert gazetteer().demonym(word) == code


@pytest.mark.parametrize("city,code", [
    ("Tokyo", "JPN"), ("TOKYO", "JPN"), ("Moscow", "RUS"), ("St. Petersburg", "RUS"), ("Sochi", "RUS"),
    ("Vladivostok", "RUS"), ("Antalya", "TUR"), ("Buenos Aires", "ARG"), ("Singapore", "SGP"),
    ("New York", "USA"), ("Washington", "USA"), ("Beijing", "CHN"),
])
def test_cities(city, code):
    assert gazetteer().city(city) == code


def test_metonyms_act_for_their_state():
    g = gazetteer()
    assert g.metonym("the Kremlin") == "RUS"
    assert g.metonym("White House") == "USA"


def test_place_kind():
    g = gazetteer()
    assert g.place("Japan") == ("country", "JPN")
    assert g.place("Osaka") == ("city", "JPN")
    assert g.place("Mainichi") is None


def test_short_country_names():
    g = gazetteer()
    assert g.name_of("RUS") == "Russia"
    assert g.name_of("TUR") == "Turkey"
    assert g.name_of("JPN") == "Japan"


def test_outlets_match_whole_words_only():
    found = [m.group() for m in outlet_regex().finditer("Interfax and /TASS/ and the Kyodo news agency; APEC; RTS")]
    assert found == ["Interfax", "TASS", "Kyodo news agency"]
    assert outlets()["Kyodo news agency"][0] == "Kyodo"
    assert outlets()["Asahi Shimbun"] == ("Asahi", "JPN")
