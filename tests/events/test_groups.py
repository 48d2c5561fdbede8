"""Named groups of states (``events/data/groups.json``), without the parser."""
from __future__ import annotations

from storyline.events.groups import group_named, group_spans, groups


def test_every_group_has_members_and_names():
    for g in groups():
        assert len(g.members) >= 2 and all(len(c) == 3 and c.isupper() for c in g.members)


def test_a_name_used_of_other_things_needs_its_cue():
    assert group_named("the six powers", "Talks with Tehran resumed.").members[0] == "USA"
    assert group_named("the six powers", "The six powers of the old league met.") is None
    assert group_named("the Normandy Four", "").id == "Normandy"
    assert group_named("the six powers of Europe and beyond", "Iran") is None   # the whole phrase only


def test_spans_in_a_text():
    text = "Iran met the P5+1 in Geneva, then the E3 alone."
    assert [(text[a:b], g.id) for a, b, g in group_spans(text)] == [("P5+1", "P5+1"), ("E3", "E3")]
