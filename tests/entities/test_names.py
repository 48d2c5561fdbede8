"""Name keys and within-article name matching (no model)."""
from __future__ import annotations

import pytest

from storyline.entities import canonical_key
from storyline.entities.names import clean_name, same_person


@pytest.mark.parametrize("variants", [
    ("Sergei Ivanov", "Sergey Ivanov"),
    ("Dmitry Orlov", "Dmitri Orlov", "Dmitriy Orlov"),
    ("Yevgeny Petrov", "Evgeny Petrov", "Evgeniy Petrov"),
    ("Alexander Volkov", "Aleksandr Volkov", "Aleksander Volkov"),
    ("Yuri Belov", "Yury Belov", "Yuriy Belov"),
    ("Mikhail Sokolov", "Mihail Sokolov"),
    ("Anatoly Kuznetsov", "Anatolii Kuznetsov", "Anatoliy Kuznetsov"),
    ("Taro Yamada", "Tarō Yamada"),
    ("Anthony Green", "Antony Green"),
])
def test_transliteration_variants_share_a_key(variants):
    assert len({canonical_key(v) for v in variants}) == 1


def test_titles_and_honorifics_do_not_change_the_key():
    assert canonical_key("President Pavel Orlov") == canonical_key("Pavel Orlov")
    assert canonical_key("Foreign Minister Pavel Orlov") == canonical_key("Pavel Orlov")
    assert canonical_key("Mr. Pavel Orlov") == canonical_key("Pavel Orlov")


def test_different_people_keep_different_keys():
    assert canonical_key("Pavel Orlov") != canonical_key("Pyotr Orlov")
    assert canonical_key("Taro Yamada") != canonical_key("Jiro Yamada")


def test_clean_name_drops_brackets_and_possessive():
    assert clean_name("Pavel] Orlov") == "Pavel Orlov"
    assert clean_name("Orlov’s") == "Orlov"
    assert clean_name("(Ivan") == "Ivan"


def test_same_person_by_surname_and_compatible_given_names():
    assert same_person("Orlov", "Pavel Orlov")
    assert same_person("Sergey Ivanov", "Sergei Ivanov")
    assert same_person("P. Orlov", "Pavel Orlov")
    assert not same_person("Pavel Orlov", "Pyotr Orlov")
    assert not same_person("Pavel Orlov", "Pavel Ivanov")
