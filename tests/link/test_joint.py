"""A happening of several parties, coded one event per pair, is one corpus event (mentions.joint_blocks)."""
from __future__ import annotations

from storyline.link import link_events
from storyline.link.mentions import Mention, mentions_of

from .factory import article, event, partition

THREE_WAY = "Envoys of Chile, Peru and Bolivia sat down together in Lima to talk about water rights"


def _three_way(eid_prefix: str = "e") -> list[dict]:
    pairs = [("CHL", "PER"), ("CHL", "BOL"), ("PER", "BOL")]
    return [event(f"{eid_prefix}{i}", mode=None, status="happened", src=(a, None), tgt=(b, None),
                  date="2019-03-04", evidence=THREE_WAY) for i, (a, b) in enumerate(pairs, 1)]


def test_pairs_of_one_meeting_share_one_event_id() -> None:
    recs = [article("a1", "2019-03-04", _three_way())]
    link_events(recs)
    assert len({e["event_id"] for e in recs[0]["events"]}) == 1


def test_a_later_report_of_the_same_meeting_joins_it() -> None:
    recs = [article("a1", "2019-03-04", _three_way()),
            article("a2", "2019-03-06", [
                {**e, "evidence": {"text": "Last Monday's talks of Chile, Peru and Bolivia in Lima ended without "
                                           "a deal on water", "start": 0, "end": 60}}
                for e in _three_way()])]
    link_events(recs)
    assert len(partition(recs)) == 1


def test_two_vetoes_of_one_resolution_are_one_event() -> None:
    text = "Norway and Chile voted down the draft resolution on fishing quotas"
    recs = [article("a1", "2021-05-02", [
        event("e1", type="REJECT", mode=None, status="happened", src=("NOR", None), tgt=("ARG", None), evidence=text),
        event("e2", type="REJECT", mode=None, status="happened", src=("CHL", None), tgt=("ARG", None), evidence=text)])]
    link_events(recs)
    assert recs[0]["events"][0]["event_id"] == recs[0]["events"][1]["event_id"]


def test_a_meeting_of_three_in_the_country_of_one_is_one_event() -> None:
    # coded as the two guests' visits to the host and the guests' pair meeting away from home
    text = "Envoys of Chile and Peru will meet their Bolivian host in La Paz next week"
    where = ("La Paz", "BOL")
    recs = [article("a1", "2019-03-04", [
        event("v1", mode="visit", src=("CHL", None), tgt=("BOL", None), loc=where, evidence=text),
        event("v2", mode="visit", src=("PER", None), tgt=("BOL", None), loc=where, evidence=text),
        event("t1", mode="third-party", src=("CHL", None), tgt=("PER", None), loc=where, evidence=text)])]
    link_events(recs)
    assert len({e["event_id"] for e in recs[0]["events"]}) == 1


def test_calls_tours_signatures_and_separate_meetings_stay_apart() -> None:
    calls = "The new premier held telephone talks with the leaders of Peru and Chile this week"
    tour = "The foreign minister toured Peru and Chile in May"
    signed = "Peru, Chile and Bolivia signed the river convention"
    apart = "The envoy met Peruvian and Chilean officials separately in Lima"
    recs = [article("a1", "2019-06-01", [
        event("c1", mode="phone", status="happened", src=("BOL", None), tgt=("PER", None), evidence=calls),
        event("c2", mode="phone", status="happened", src=("BOL", None), tgt=("CHL", None), evidence=calls),
        event("t1", mode="visit", status="happened", src=("BOL", None), tgt=("PER", None), evidence=tour),
        event("t2", mode="visit", status="happened", src=("BOL", None), tgt=("CHL", None), evidence=tour),
        event("s1", type="AGREE", mode=None, status="happened", src=("PER", None), tgt=("CHL", None), evidence=signed),
        event("s2", type="AGREE", mode=None, status="happened", src=("PER", None), tgt=("BOL", None), evidence=signed),
        event("m1", mode=None, status="happened", src=("BOL", None), tgt=("PER", None), evidence=apart),
        event("m2", mode=None, status="happened", src=("BOL", None), tgt=("CHL", None), evidence=apart)])]
    link_events(recs)
    assert len({e["event_id"] for e in recs[0]["events"]}) == 8


def test_the_joint_block_survives_a_store_round_trip() -> None:
    ms = mentions_of(article("a1", "2019-03-04", _three_way()))
    assert len({m.block for m in ms}) == 1 and all(m.joint for m in ms)
    back = [Mention.from_row(m.to_row()) for m in ms]
    assert [m.block for m in back] == [m.block for m in ms]
    single = mentions_of(article("a2", "2019-03-04", _three_way()[:1]))[0]
    assert not single.joint and Mention.from_row(single.to_row()).joint == ""


def test_incremental_linking_keeps_the_joint_event() -> None:
    from storyline.link import LinkState

    first = [article("a1", "2019-03-04", _three_way())]
    link_events(first)
    later = [article("a2", "2019-03-05", _three_way())]
    link_events(later, LinkState.from_records(first))
    together = [article("a1", "2019-03-04", _three_way()), article("a2", "2019-03-05", _three_way())]
    link_events(together)
    assert partition(first + later) == partition(together)


def test_within_one_article_being_reported_the_same_day_is_no_anchor() -> None:
    # A visit reported held without a date and a dated welcome at the airport by another host, in one
    # article: both are "held" on the day of publication, which says nothing about their being one.
    recs = [article("a1", "2022-09-12", [
        event("e1", mode="visit", status="happened", src=("ARG", "Carla Ruiz"), tgt=("CHL", None),
              evidence="Carla Ruiz has landed in Chile for the first state visit by an Argentine leader in a decade"),
        event("e2", mode=None, status="happened", src=("CHL", "Tomas Vidal"), tgt=("ARG", "Carla Ruiz"),
              date="2022-09-12", evidence="Crown minister Tomas Vidal greeted Ms Ruiz at the airport")])]
    link_events(recs)
    assert recs[0]["events"][0]["event_id"] != recs[0]["events"][1]["event_id"]


def test_a_later_article_still_joins_a_dated_happening_it_reports_without_a_date() -> None:
    recs = [article("a1", "2022-09-12", [
        event("e1", mode=None, status="happened", src=("ARG", "Carla Ruiz"), tgt=("CHL", "Tomas Vidal"),
              date="2022-09-12", evidence="Carla Ruiz and Tomas Vidal talked about trade in Santiago")]),
            article("a2", "2022-09-14", [
        event("e1", mode=None, status="happened", src=("ARG", "Carla Ruiz"), tgt=("CHL", "Tomas Vidal"),
              evidence="After her talks with Vidal, Ruiz flew home")])]
    link_events(recs)
    assert len(partition(recs)) == 1


def test_a_store_linked_piecemeal_keeps_joint_events_as_linking_at_once(tmp_path) -> None:
    from storyline.runners.link_job import link_pending
    from storyline.store import Store

    from .factory import ids
    from .test_store import put, stored_ids

    def recs() -> list[dict]:
        return [article("j2", "2019-03-05", _three_way()), article("j1", "2019-03-04", _three_way()),
                article("j3", "2019-03-06", _three_way()[1:])]

    with Store(tmp_path / "all.duckdb") as whole:
        put(whole, recs())
        link_pending(whole)
        want = stored_ids(whole)
    expected = recs()
    link_events(expected)
    assert want == ids(expected)
    with Store(tmp_path / "late.duckdb") as s:
        for part in (recs()[:1], recs()[2:], recs()[1:2]):
            put(s, part)
            link_pending(s)
        assert stored_ids(s) == want
        rows = s.con.execute("SELECT DISTINCT block FROM event_mentions").fetchall()
        assert len(rows) == 1          # two of the three pairs still pick the smallest block of the three
        assert len(set(want.values())) == 1


def test_two_agreements_of_one_day_in_one_article_stay_apart_unless_worded_alike() -> None:
    def agree(eid: str, text: str) -> dict:
        return event(eid, type="AGREE", mode=None, status="happened", src=("PER", "Lucia Paredes"),
                     tgt=("CHL", "Mateo Soto"), date="2020-02-03", evidence=text)

    recs = [article("a1", "2020-02-03", [
        agree("e1", "Paredes and Soto agreed to open talks on a shared lithium exchange"),
        agree("e2", "Ministries of both countries signed a dozen memoranda on fisheries and ports"),
        agree("e3", "The talks on the shared lithium exchange that Paredes and Soto agreed to open start in May")])]
    link_events(recs)
    e1, e2, e3 = (e["event_id"] for e in recs[0]["events"])
    assert e1 != e2 and e1 == e3
