"""One event per happening per article: a pair drawn from a three-way meeting is not the two-way
meeting of the same countries told in another sentence (``events.merge``)."""
from __future__ import annotations

from storyline.codes import Status
from storyline.events.actors import Party
from storyline.events.merge import Mention, fits
from storyline.records import Actor, Evidence


def _mention(src: Party, tgt: Party, sent: int, group: bool) -> Mention:
    return Mention("CONSULT", None, Status.PLANNED, src, tgt, True, None, None, Evidence("...", 0, 3), None,
                   "meet", sent * 10, sent, group=group)


def test_a_pair_of_a_three_way_meeting_stays_apart_from_a_two_way_one_told_elsewhere() -> None:
    # "The advisers of France, Italy and Spain will meet next week. ... The French and Italian
    # presidents are set to hold talks." -- the advisers' France-Italy pair is not the presidents' talks
    fra, ita = Party(Actor(None, None, "FRA"), 1, "official"), Party(Actor(None, None, "ITA"), 2, "official")
    fr_president = Party(Actor("Jean Dupont", "p1", "FRA"), 30, "person")
    it_president = Party(Actor("Marco Rossi", "p2", "ITA"), 32, "person")
    assert not fits(_mention(fra, ita, 1, group=True), _mention(fr_president, it_president, 3, group=False))
    assert fits(_mention(fra, ita, 1, group=False), _mention(fr_president, it_president, 3, group=False))
    assert fits(_mention(fra, ita, 1, group=True), _mention(fra, ita, 1, group=True))
