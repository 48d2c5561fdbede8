"""One event per real happening whatever the spelling of its actors; lifecycles that tell the truth."""
from __future__ import annotations

from typing import Any

from storyline.link import build_lifecycle, link_events, mentions_of
from storyline.link.mentions import same_person

from .factory import article, event, partition

TRUMP, KIM = ("USA", "Donald Trump"), ("PRK", "Kim Jong-un")


def summit_story() -> list[dict[str, Any]]:
    """A summit announced, called off, back on and held; the North Korean leader spelled three ways."""
    def ev(status: str, date: str | None, tgt: tuple[str, str], text: str) -> dict[str, Any]:
        return event("e1", mode="multilateral", status=status, src=TRUMP, tgt=tgt, date=date,
                     loc=("Singapore", "SGP") if date else None, evidence=text)

    return [
        article("s1", "2018-05-11", [ev("planned", "2018-06-12", KIM,
                                        "The US president said he would sit down with the North Korean leader "
                                        "in Singapore on June 12")], source="Wire A"),
        article("s2", "2018-05-24", [ev("cancelled", None, ("PRK", "Kim Jong Un"),
                                        "Trump called off the planned meeting with Kim in a letter released "
                                        "by the White House")], source="Wire B"),
        article("s3", "2018-06-01", [ev("planned", "2018-06-12", ("PRK", "Kim"),
                                        "The meeting with Kim is back on for June 12 in Singapore, Trump "
                                        "told reporters")], source="Wire C"),
        article("s4", "2018-06-12", [ev("happened", "2018-06-12", ("PRK", "Kim Jong Un"),
                                        "Trump and Kim shook hands in Singapore on Tuesday at the start of "
                                        "their first meeting")], source="Wire A"),
    ]


def _lifecycle(records: list[dict[str, Any]]) -> dict[str, Any]:
    result = link_events(records)
    assert len(result.events) == 1, partition(records)
    eid, members = next(iter(result.events.items()))
    return build_lifecycle(eid, members)


def test_a_summit_called_off_then_back_on_then_held_ends_as_happened_with_its_transitions() -> None:
    lc = _lifecycle(summit_story())
    assert lc["status"] == "happened" and lc["happened"]
    assert [t["to"] for t in lc["transitions"]] == ["planned", "cancelled", "planned", "happened"]
    assert [t["article_id"] for t in lc["transitions"]] == ["s1", "s2", "s3", "s4"]
    assert all(t["source"] and t["evidence"] for t in lc["transitions"])
    assert lc["date"] == "2018-06-12"


def test_back_on_after_being_called_off_is_the_current_status() -> None:
    lc = _lifecycle(summit_story()[:3])
    assert lc["status"] == "planned" and lc["transitions"][-1]["from"] == "cancelled"


def test_sources_giving_different_dates_are_a_conflict_with_both_sides_evidence() -> None:
    def rep(aid: str, pub: str, date: str, source: str, text: str) -> dict[str, Any]:
        return article(aid, pub, [event("e1", src=("ITA", "Giulia Conti"), tgt=("EGY", None), date=date,
                                        loc=("Cairo", "EGY"), evidence=text)], source=source)

    recs = [rep("c1", "2021-03-01", "2021-04-10", "Agency One", "Conti will fly to Cairo on April 10"),
            rep("c2", "2021-03-20", "2021-04-20", "Agency Two", "Conti is expected in Cairo on April 20"),
            rep("c3", "2021-04-02", "2021-04-27", "Agency Three", "Conti plans to reach Cairo on April 27")]
    lc = _lifecycle(recs)
    dates = next(c for c in lc["conflicts"] if c["field"] == "date")
    assert [v["value"] for v in dates["values"]] == ["2021-04-10", "2021-04-20", "2021-04-27"]
    first = dates["values"][0]
    assert first["sources"] == ["Agency One"] and first["evidence"][0]["text"].startswith("Conti will fly")


def test_one_article_repeating_a_sentence_is_one_report() -> None:
    text = "Prime Minister Lars Holm will visit Ottawa in March, his office said"
    rec = article("r1", "2022-01-05", [
        event("e1", src=("DNK", "Lars Holm"), tgt=("CAN", None), date="2022-03", loc=("Ottawa", "CAN"), evidence=text),
        event("e2", src=("DNK", "Lars Holm"), tgt=("CAN", None), date=None, loc=("Ottawa", "CAN"), evidence=text)])
    lc = _lifecycle([rec])
    assert len(lc["history"]) == 1 and lc["history"][0]["date"] == "2022-03"
    assert lc["n_reports"] == 1


def test_spellings_of_one_visitor_are_one_visit_and_other_years_stay_apart() -> None:
    def visit(aid: str, pub: str, name: str, status: str, date: str | None, text: str) -> dict[str, Any]:
        return article(aid, pub, [event("e1", status=status, src=("TUR", name), tgt=("JPN", None), date=date,
                                        loc=("Tokyo", "JPN"), evidence=text)])

    recs = [visit("v1", "2016-09-01", "Mehmet Şahin", "planned", "2016-10-03",
                  "Turkish minister Mehmet Şahin will travel to Tokyo on October 3"),
            visit("v2", "2016-10-03", "Mehmet Sahin", "happened", "2016-10-03",
                  "Sahin arrived in Tokyo on Monday for two days of talks"),
            visit("v3", "2019-05-14", "Mehmet Sahin", "happened", "2019-05-14",
                  "Sahin arrived in Tokyo on Tuesday, his first trip there in three years")]
    link_events(recs)
    assert partition(recs) == {frozenset({("v1", "e1"), ("v2", "e1")}), frozenset({("v3", "e1")})}


def test_a_plan_with_a_partial_date_joins_its_outcome() -> None:
    def rep(aid: str, pub: str, status: str, date: str | None, text: str) -> dict[str, Any]:
        return article(aid, pub, [event("e1", status=status, src=("KEN", "Amina Odhiambo"), tgt=("IND", None),
                                        date=date, loc=("India", "IND"), evidence=text)])

    recs = [rep("p1", "2020-11-20", "planned", "2021", "Odhiambo said she would visit India early next year"),
            rep("p2", "2021-01-05", "planned", "2021-02", "Odhiambo's trip to India is set for February"),
            rep("p3", "2021-02-16", "happened", "2021-02-16", "Odhiambo held talks in New Delhi on Tuesday")]
    link_events(recs)
    assert len(partition(recs)) == 1


def test_name_keys_match_across_spellings_but_not_across_people() -> None:
    assert same_person("kim jong un", "kim jongun") and same_person("putin", "vladimir putin")
    assert not same_person("melania trump", "donald trump")


def test_mentions_compare_folded_names() -> None:
    rec = article("m1", "2020-01-01", [event("e1", src=("RUS", "Sergey Lavrov"), tgt=("JPN", "Tarō Kōno"))])
    assert dict((c, p) for c, p in mentions_of(rec)[0].persons) == {"RUS": "sergei lavrov", "JPN": "taro kono"}


def test_one_visit_whose_reports_name_different_hosts_is_one_event() -> None:
    def rep(aid: str, host: str, text: str, extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        return article(aid, "2017-07-05", [event("e1", status="happened", src=("BRA", "Paulo Ramos"),
                                                 tgt=("VNM", host), date="2017-07-04", loc=("Hanoi", "VNM"),
                                                 evidence=text), *(extra or [])])

    recs = [rep("h1", "Tran Van Minh", "Ramos was received by the Vietnamese president in Hanoi on Tuesday"),
            rep("h2", "Le Thi Hoa", "Ramos held talks with his counterpart Le Thi Hoa in Hanoi on Tuesday")]
    link_events(recs)
    assert len(partition(recs)) == 1
    # one article naming both hosts tells two meetings apart
    both = [rep("h3", "Tran Van Minh", "Ramos was received by the Vietnamese president in Hanoi on Tuesday",
                [event("e2", status="happened", src=("BRA", "Paulo Ramos"), tgt=("VNM", "Le Thi Hoa"),
                       date="2017-07-04", loc=("Hanoi", "VNM"),
                       evidence="Earlier he held talks with his counterpart Le Thi Hoa")])]
    link_events(both)
    assert len(partition(both)) == 2


def test_an_undated_article_giving_a_month_joins_the_one_event_of_that_month() -> None:
    def rep(aid: str, pub: str | None, status: str, date: str, text: str, person: str = "Ines Duarte") -> dict[str, Any]:
        return article(aid, pub, [event("e1", status=status, src=("PRT", person), tgt=("MAR", None), date=date,
                                        loc=("Rabat", "MAR"), evidence=text)])

    held = [rep("d1", "2019-04-12", "happened", "2019-04-11", "Duarte met officials in Rabat on Thursday"),
            rep("d2", "2019-09-20", "happened", "2019-09-19", "Duarte was back in Rabat on Thursday for trade talks")]
    april = rep("u1", None, "planned", "XXXX-04", "Duarte is expected in Rabat in April")
    link_events([*held, april])
    assert april["events"][0]["event_id"] == held[0]["events"][0]["event_id"]
    # the same month in two years: it cannot tell which, so it joins neither
    again = [*held, rep("d3", "2021-04-08", "happened", "2021-04-07", "Duarte spent Wednesday in Rabat"),
             rep("u2", None, "planned", "XXXX-04", "Duarte is expected in Rabat in April")]
    link_events(again)
    assert len({r["events"][0]["event_id"] for r in again}) == 4


def test_an_undated_month_report_arriving_later_in_a_store_joins_as_if_linked_at_once(tmp_path: Any) -> None:
    from storyline.runners.link_job import link_pending
    from storyline.store import Store

    from .test_store import put, stored_ids

    def rep(aid: str, pub: str | None, status: str, date: str, text: str) -> dict[str, Any]:
        return article(aid, pub, [event("e1", status=status, src=("PRT", "Ines Duarte"), tgt=("MAR", None),
                                        date=date, loc=("Rabat", "MAR"), evidence=text)])

    dated = [rep("d1", "2019-04-12", "happened", "2019-04-11", "Duarte met officials in Rabat on Thursday"),
             rep("d2", "2019-09-20", "happened", "2019-09-19", "Duarte was back in Rabat on Thursday for talks")]
    late = rep("u1", None, "planned", "XXXX-04", "Duarte is expected in Rabat in April")
    with Store(tmp_path / "late.duckdb") as s:
        put(s, dated)
        link_pending(s)
        put(s, [late])
        link_pending(s)
        got = stored_ids(s)
        actors = dict(s.con.execute("SELECT name, n_events FROM actors WHERE type = 'PERSON'").fetchall())
    assert got[("u1", "e1")] == got[("d1", "e1")] != got[("d2", "e1")]
    assert actors == {"Ines Duarte": 2}
