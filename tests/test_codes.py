"""The registry of event codes (``storyline.codes``): statuses are an enum that reads as its string;
types, modes and symmetry come from the trigger data, and every other list agrees with it."""
from __future__ import annotations

import json
from pathlib import Path

from storyline import codes
from storyline.codes import Status, event_codes, load_codes
from storyline.events.lexicon import lexicon

SPEC = Path(__file__).resolve().parents[1] / "src" / "storyline" / "events" / "data" / "triggers.json"


def test_a_status_is_its_string_in_comparisons_json_and_sets() -> None:
    assert Status.HAPPENED == "happened" and "planned" in {Status.PLANNED}
    assert json.dumps({"status": Status.POSTPONED}) == '{"status": "postponed"}'
    assert f"{Status.CANCELLED}" == "cancelled"
    assert [s.value for s in Status] == ["happened", "planned", "possible", "postponed", "cancelled"]


def test_open_plans_are_plans() -> None:
    assert codes.OPEN_STATUSES < codes.PLAN_STATUSES and Status.HAPPENED not in codes.PLAN_STATUSES


def test_the_sixteen_plover_types_come_from_the_trigger_data() -> None:
    types = event_codes().types
    assert len(types) == 16 and set(types) == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
        "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert {s.type for senses in (*lexicon().verbs.values(), *lexicon().nouns.values()) for s in senses} <= set(types)


def test_symmetry_and_modes_as_the_output_spec_states_them() -> None:
    c = event_codes()
    assert c.symmetric == {"CONSULT", "AGREE", "COOPERATE"}
    assert c.modes_of == {"CONSULT": ("visit", "third-party", "multilateral", "phone")}
    assert codes.modes() == ("visit", "third-party", "multilateral", "phone")


def test_every_sense_agrees_with_its_type_block() -> None:
    """A symmetric sense belongs to a symmetric type; a sense's mode is one its type takes."""
    c = event_codes()
    for senses in (*lexicon().verbs.values(), *lexicon().nouns.values()):
        for s in senses:
            assert not s.symmetric or s.type in c.symmetric, (s.type, s.lemma)
            assert s.mode is None or s.mode in c.modes_of.get(s.type, ()), (s.type, s.lemma, s.mode)


def test_a_new_type_is_one_block_of_data(tmp_path: Path) -> None:
    data = json.loads(SPEC.read_text(encoding="utf-8"))
    data["types"]["DEMONSTRATE"] = {"label": "demonstration", "symmetric": True, "modes": {"street": "march"},
                                    "verbs": [{"lemma": "march"}]}
    path = tmp_path / "triggers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    c = load_codes(path)
    assert c.types[-1] == "DEMONSTRATE" and "DEMONSTRATE" in c.symmetric and c.modes[-1] == "street"
    assert c.type_labels["DEMONSTRATE"] == "demonstration" and c.mode_labels["street"] == "march"


def test_labels_for_readers() -> None:
    c = event_codes()
    assert c.type_labels["CONSULT"] == "meeting/visit" and set(c.type_labels) == set(c.types)
    assert c.mode_labels == {"visit": "visit", "third-party": "meeting in a third country",
                             "multilateral": "summit sidelines", "phone": "phone call"}


def test_a_stored_status_is_read_back_as_a_member() -> None:
    """The linker reads statuses from stored JSON as strings; its mentions hold members."""
    from storyline.link.mentions import mentions_of

    record = {"id": "a1", "path": "a.txt", "published": {"date": "2019-03-04"}, "entities": [],
              "events": [{"id": "e1", "type": "CONSULT", "mode": "visit", "status": "Postponed",
                          "source": {"name": "Ruritania", "country": "RUS"}, "target": {"name": "Japan", "country": "JPN"},
                          "date": "2019-04", "evidence": {"text": "The visit was put off.", "start": 0, "end": 22}},
                         {"id": "e2", "type": "AGREE", "status": None, "source": {}, "target": {}}]}
    first, second = mentions_of(record)
    assert first.status is Status.POSTPONED and second.status is Status.PLANNED


def test_status_of_answers_a_status_or_a_cue() -> None:
    """The two readings that are no status ("must withdraw", "have not signed") are their own enum, so a
    comparison with a status can never take one for the other."""
    from storyline.events.status import Cue

    assert {c.value for c in Cue} == {"demanded", "negated"} and not {c.value for c in Cue} & {s.value for s in Status}
