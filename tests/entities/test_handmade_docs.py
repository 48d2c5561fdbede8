"""Entity resolution on Docs built by hand: the rules, not the model, are under test."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from storyline.entities import extract_entities
from storyline.entities.geo import gazetteer
from storyline.entities.roles import title_after, title_before


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def make_doc(vocab, spec: str) -> Doc:
    """``spec``: space-separated tokens; ``word/LABEL`` marks an entity token (``B`` when the label
    changes or is written ``+LABEL``), ``word|TAG`` a tag, ``_`` glues the next token without a space."""
    words, spaces, ents, tags = [], [], [], []
    prev = "O"
    for raw in spec.split(" "):
        glue = raw.endswith("_")
        raw = raw.rstrip("_") if glue else raw
        tag = ""
        if "|" in raw:
            raw, tag = raw.split("|", 1)
        label = "O"
        if "/" in raw[1:] and raw.rsplit("/", 1)[1].lstrip("+").isupper():
            raw, label = raw.rsplit("/", 1)
        if label == "O":
            iob = "O"
        elif label.startswith("+") or label != prev:
            label = label.lstrip("+")
            iob = f"B-{label}"
        else:
            iob = f"I-{label}"
        prev = label
        words.append(raw)
        spaces.append(not glue)
        ents.append(iob)
        tags.append(tag or ("NNP" if raw[:1].isupper() else "NN"))
    spaces[-1] = False
    return Doc(vocab, words=words, spaces=spaces, ents=ents, tags=tags, sent_starts=[True] + [False] * (len(words) - 1))


def by_name(entities, name):
    return next(e for e in entities if e.name == name)


def test_title_before_reads_country_and_role(vocab):
    doc = make_doc(vocab, "Russia/GPE ’s|POS presidential press secretary , Pavel/PERSON Orlov/PERSON , told reporters")
    t = title_before(doc, 6, gazetteer())
    assert (t.country, t.role) == ("RUS", "presidential press secretary")


def test_title_before_skips_a_non_breaking_space(vocab):
    doc = make_doc(vocab, "by US/GPE \u00a0 Deputy Secretary of State/ORG John/PERSON Miller/PERSON said")
    t = title_before(doc, 7, gazetteer())
    assert (t.country, t.role) == ("USA", "Deputy Secretary of State")


def test_title_before_counterpart(vocab):
    doc = make_doc(vocab, "and his Italian/NORP counterpart Marco/PERSON Rossi/PERSON")
    t = title_before(doc, 4, gazetteer())
    assert t.counterpart and t.country == "ITA"


def test_title_after_appositive(vocab):
    doc = make_doc(vocab, "Pavel/PERSON Orlov/PERSON , the Russian/NORP energy minister , said")
    t = title_after(doc, 2, gazetteer())
    assert (t.country, t.role) == ("RUS", "energy minister")


def test_counterpart_borrows_the_role(vocab):
    doc = make_doc(vocab, "French/NORP Foreign Minister Jean/PERSON Dupont/PERSON and his Italian/+NORP counterpart "
                          "Marco/+PERSON Rossi/PERSON met .")
    ents = extract_entities(doc)
    rossi = by_name(ents, "Marco Rossi")
    assert (rossi.country, rossi.role) == ("ITA", "Foreign Minister")
    assert by_name(ents, "Jean Dupont").country == "FRA"


def test_short_form_and_mislabelled_surname_join_the_person(vocab):
    doc = make_doc(vocab, "Japanese/NORP Chief Cabinet Secretary Kenji/PERSON Tanaka/PERSON spoke . "
                          "Tanaka/ORG said more . Later Tanaka/PERSON left .")
    ents = extract_entities(doc)
    people = [e for e in ents if e.type == "PERSON"]
    assert len(people) == 1
    tanaka = people[0]
    assert tanaka.name == "Kenji Tanaka" and len(tanaka.mentions) == 3
    assert (tanaka.country, tanaka.role) == ("JPN", "Chief Cabinet Secretary")
    assert not [e for e in ents if e.type == "ORG"]
    assert all(doc.text[s:e].endswith("Tanaka") for s, e in tanaka.mentions)


def test_words_before_islands_are_places_not_people(vocab):
    doc = make_doc(vocab, "Boats sailed near the Shantar/PERSON islands . Shantar/PERSON is cold .")
    ents = extract_entities(doc)
    assert not [e for e in ents if e.type == "PERSON"]
    assert [e.name for e in ents if e.type == "LOC"] == ["Shantar"]


def test_photo_credits_and_bylines_are_not_actors(vocab):
    doc = make_doc(vocab, "© Ivan/PERSON Petrov/PERSON /_ TASS/ORG \n Photo : Anna/+PERSON Smirnova/PERSON \n "
                          "By Jane/+PERSON Roe/PERSON \n Minister Oleg/+PERSON Sidorov/PERSON spoke . "
                          "( Reporting by Tom/+PERSON Brown/PERSON ; Editing by Kim/+PERSON Lee/PERSON )")
    names = [e.name for e in extract_entities(doc) if e.type == "PERSON"]
    assert names == ["Oleg Sidorov"]


def test_outlet_table_beats_the_model_label(vocab):
    doc = make_doc(vocab, "TOKYO/GPE , May 2 . /_ TASS_ /_ . Japan/GPE ’s|POS Mainichi/GPE newspaper wrote .")
    ents = extract_entities(doc)
    kinds = {e.name: (e.type, e.country) for e in ents}
    assert kinds["Mainichi"] == ("OUTLET", "JPN")
    assert kinds["TASS"] == ("OUTLET", "RUS")
    assert kinds["Tokyo"] == ("GPE", "JPN")


def test_bracketed_name_parts_make_one_person(vocab):
    doc = make_doc(vocab, "talks with ( Russian/NORP President Ivan/PERSON )_ Petrov/PERSON today")
    people = [e for e in extract_entities(doc) if e.type == "PERSON"]
    assert [(p.name, p.country, p.role) for p in people] == [("Ivan Petrov", "RUS", "President")]


def test_metonyms_and_sides_resolve_to_countries(vocab):
    doc = make_doc(vocab, "The Kremlin/ORG and Washington/GPE disagreed ; the Japanese/NORP side said no .")
    ents = {e.name: (e.type, e.country) for e in extract_entities(doc)}
    assert ents["Kremlin"] == ("ORG", "RUS")
    assert ents["Washington"] == ("GPE", "USA")
    assert ents["Japan"] == ("GPE", "JPN")


def test_mentions_are_offsets_into_the_text(vocab):
    doc = make_doc(vocab, "Pavel/PERSON Orlov/PERSON met Moscow/GPE officials . Orlov/PERSON left Moscow/GPE .")
    for e in extract_entities(doc):
        for s, end in e.mentions:
            assert doc.text[s:end] in (e.name, e.name.split()[-1])


def test_a_given_name_after_a_royal_title_is_not_a_namesakes_first_name(vocab):
    doc = make_doc(vocab, "The opposition leader Edward/PERSON Marsh/PERSON spoke . "
                          "Later Prince Edward/PERSON met the guests .")
    people = sorted(e.name for e in extract_entities(doc) if e.type == "PERSON")
    assert people == ["Edward", "Edward Marsh"]


def test_a_given_name_after_a_royal_title_is_not_a_namesakes_surname(vocab):
    # the regnal name equals another person's family name: two people, and the king's mentions are one
    doc = make_doc(vocab, "The general Omar/PERSON Farouk/PERSON spoke . King Farouk/PERSON arrived . "
                          "Later King Farouk/PERSON left .")
    people = {e.name: len(e.mentions) for e in extract_entities(doc) if e.type == "PERSON"}
    assert people == {"Omar Farouk": 1, "Farouk": 2}


def test_a_family_name_first_short_form_still_joins_its_person(vocab):
    doc = make_doc(vocab, "Chinese/NORP President Xi/PERSON Jinping/PERSON arrived . Xi/PERSON spoke .")
    people = [e for e in extract_entities(doc) if e.type == "PERSON"]
    assert [p.name for p in people] == ["Xi Jinping"] and len(people[0].mentions) == 2


def test_a_name_printed_in_capitals_keeps_the_acronyms_the_text_prints():
    from storyline.entities.resolve import _acronyms, _uncapped
    text = ("NEW YORK (Wire) -- The FBI and the CIA said on Monday that NATO allies agreed. ROME -- more.\n"
            "BANK OF ITALY")
    acr = _acronyms(text)
    assert {"FBI", "CIA", "NATO"} <= acr and not {"NEW", "YORK", "BANK", "ROME"} & acr
    assert [_uncapped(t, acr) for t in ("U.S. FBI", "BANK OF ITALY", "NEW YORK", "NATO", "ASEAN SUMMIT")] == \
        ["U.S. FBI", "Bank of Italy", "New York", "NATO", "Asean Summit"]


def test_the_country_a_name_is_of(vocab):
    doc = make_doc(vocab, "King Farouk/PERSON of Egypt/GPE arrived . President Omar/PERSON Tamir/PERSON of "
                          "the Netherlands/GPE spoke . Anna/PERSON Berg/PERSON of Reuters/ORG wrote .")
    people = {e.name: e.country for e in extract_entities(doc) if e.type == "PERSON"}
    assert people == {"Farouk": "EGY", "Omar Tamir": "NLD", "Anna Berg": None}
