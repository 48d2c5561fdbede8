"""The changes feed over HTTP: ``/api/changes`` (JSON) and ``/feeds/changes.atom`` (Atom), and the codebook."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from storyline.api.app import create_app

from .linked import build_linked_store

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = build_linked_store(tmp_path_factory.mktemp("changes") / "linked.duckdb")
    with TestClient(create_app(db)) as c:
        yield c


def test_changes_lists_a_cancellation_with_its_evidence(client: TestClient) -> None:
    r = client.get("/api/changes", params={"since": "2016-06", "countries": "JPN,RUS"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert [(c["at"], c["kind"]) for c in items] == [("2016-09-03", "happened"), ("2016-09-02", "happened"),
                                                     ("2016-09-01", "cancelled"), ("2016-06-01", "new")]
    assert items[0]["recalled"] and not items[1]["recalled"]          # the 1956 declaration, recalled in 2016
    cancel = items[2]
    assert cancel["from_status"] == "planned" and cancel["outlet"] == "Kyodo"
    assert cancel["headline"] == "Putin's November visit to Japan called off"
    assert cancel["evidence"].startswith("The Kremlin said Vladimir Putin's visit")


def test_changes_name_every_step_of_a_lifecycle(client: TestClient) -> None:
    items = client.get("/api/changes", params={"actor": "Lavrov"}).json()["items"]
    steps = sorted((c["at"], c["kind"]) for c in items)
    assert steps == [("2016-02-06", "new"), ("2016-03-10", "confirmed"), ("2016-03-10", "date_set"),
                     ("2016-04-16", "happened")]
    moved = client.get("/api/changes", params={"kind": "date_moved"}).json()["items"]
    assert [(c["from_date"], c["date"]) for c in moved] == [("2016-05-06", "2016-05-09")]
    overdue = client.get("/api/changes", params={"kind": "overdue"}).json()["items"]
    assert [(c["at"], c["date"]) for c in overdue] == [("2016-05-10", "2016-05-09")]     # Sochi, never reported held
    postponed = client.get("/api/changes", params={"kind": "postponed", "type": "CONSULT"}).json()["items"]
    assert [c["source"]["name"] for c in postponed] == ["Barack Obama"]


def test_changes_reject_bad_filters(client: TestClient) -> None:
    assert client.get("/api/changes", params={"since": "2016-13"}).status_code == 400
    empty = client.get("/api/changes", params={"since": "2016-05", "until": "2016-01"})     # an empty range
    assert empty.status_code == 200 and empty.json()["total"] == 0
    r = client.get("/api/changes", params={"kind": "exploded"})
    assert r.status_code == 400 and "kind" in r.json()["error"]["message"]


def test_atom_feed_is_valid_and_links_the_page(client: TestClient) -> None:
    r = client.get("/feeds/changes.atom", params={"kind": "cancelled"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(r.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1 and feed.find(f"{ATOM}updated").text == "2016-09-01T00:00:00Z"
    e = entries[0]
    assert e.find(f"{ATOM}title").text.startswith("cancelled (November 2016): visit Vladimir Putin")
    link = e.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert link.endswith("/#event=" + client.get("/api/changes", params={"kind": "cancelled"}).json()["items"][0]["event_id"])
    assert "called off" in e.find(f"{ATOM}content").text


def test_atom_feed_escapes_article_text(client: TestClient) -> None:
    r = client.get("/feeds/changes.atom", params={"actor": "Ivan"})
    assert b"<img" not in r.content and b"&lt;img" in r.content
    ET.fromstring(r.content)


def test_search_query_language_over_http(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": '"held talks" AND Tokyo'}).json()
    assert r["total"] == 1 and r["items"][0]["id"] == "a3lavrovhappened"
    assert client.get("/api/search", params={"q": "NOT Tokyo"}).json()["total"] == 9      # every article without it
    assert client.get("/api/search", params={"q": "  "}).status_code == 400


def test_codebook_labels(client: TestClient) -> None:
    book = client.get("/api/codebook").json()
    assert {"code": "phone", "label": "phone call"} in book["modes"]
    assert {"code": "CONSULT", "label": "meeting/visit"} in book["types"]
    assert len(book["types"]) == 16

