"""The JSON API over a hand-built store: every route, filters, paging, errors in one shape,
hostile input, path traversal, security headers, and a store locked by a writer."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest


from fastapi.testclient import TestClient

from storyline.api import queries, search
from storyline.api.app import SECURITY_HEADERS, create_app

from .corpus import HOSTILE_IMG, build_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api") / "store.duckdb")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def get(client: TestClient, url: str, expect: int = 200, **params: Any) -> Any:
    r = client.get(url, params=params or None)
    assert r.status_code == expect, (url, params, r.text)
    return r.json()


def assert_error(body: Any, code: str) -> None:
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, body
    assert body["error"]["code"] == code and body["error"]["message"], body


def ids(page: dict[str, Any], key: str = "event_id") -> list[str]:
    return [item[key] for item in page["items"]]


# ------------------------------------------------------------------ routes
def test_stats(client: TestClient) -> None:
    s = get(client, "/api/stats")
    assert s["articles"] == 8 and s["events"] == 7 and s["reports"] == 10 and s["quotes"] == 4
    assert s["as_of"] == "2017-01-10" and s["search"] in ("fts", "ilike")
    assert {"countries": ["JPN", "RUS"], "events": 5} in s["country_pairs"]


def test_articles_list_filters_and_paging(client: TestClient) -> None:
    page = get(client, "/api/articles", limit=3)
    assert page["total"] == 8 and len(page["items"]) == 3 and page["items"][0]["published"]["date"] == "2016-02-06"
    rest = get(client, "/api/articles", limit=3, offset=3)
    assert not set(ids(page, "id")) & set(ids(rest, "id"))
    assert "text" not in page["items"][0] and page["items"][0]["counts"] == {"entities": 3, "events": 1, "quotes": 1}
    assert ids(get(client, "/api/articles", source="tass"), "id") == ["a1lavrovpossible", "a6putinjapan"]
    assert get(client, "/api/articles", actor="kishida")["total"] == 2
    assert get(client, "/api/articles", country="CHN")["total"] == 1
    assert get(client, "/api/articles", event_id="ev-sochi")["total"] == 2
    assert get(client, "/api/articles", date_from="2016-04", date_to="2016-04")["total"] == 4
    assert ids(get(client, "/api/articles", sort="-published", limit=1), "id") == ["a7ussummit"]


def test_article_by_id(client: TestClient) -> None:
    rec = get(client, "/api/articles/a3lavrovhappened")
    assert rec["events"][0]["event_id"] == "ev-lavrov" and rec["text"].startswith("Sergei Lavrov held talks")
    assert_error(get(client, "/api/articles/nope", 404), "not_found")


def test_events_country_pair_in_either_order(client: TestClient) -> None:
    a = get(client, "/api/events", countries="RUS,JPN")
    b = get(client, "/api/events", countries="jpn,rus")
    assert ids(a) == ids(b) and a["total"] == 5
    assert {"ev-lavrov", "ev-sochi", "ev-putin-japan", "ev-hostile"} <= set(ids(a))
    assert set(ids(get(client, "/api/events", countries="CHN"))) == {"ev-us-china", "ev-sanctions"}


def test_events_filters(client: TestClient) -> None:
    assert ids(get(client, "/api/events", type="SANCTION")) == ["ev-sanctions"]
    assert set(ids(get(client, "/api/events", status="postponed,planned"))) == {"ev-us-china", "ev-sochi",
                                                                                  "ev-putin-japan"}
    assert ids(get(client, "/api/events", actor="lavrov")) == ["ev-lavrov"]
    # never reported held, and their dates passed before the latest article (2017-01-10)
    assert set(ids(get(client, "/api/events", overdue="true"))) == {"ev-putin-japan", "ev-sochi"}
    assert set(ids(get(client, "/api/events", date_from="2017"))) == {"ev-us-china", "ev-sanctions"}
    window = get(client, "/api/events", date_from="2016-04-16", date_to="2016-05-31")   # Lavrov came on 04-15
    assert set(ids(window)) == {"ev-sochi", "ev-hostile", "a4sochiplanned.e2"}
    assert get(client, "/api/events", linked="false")["items"][0]["event_id"] == "a4sochiplanned.e2"


def test_events_sort_and_paging(client: TestClient) -> None:
    everything = ids(get(client, "/api/events", limit=500))
    paged = [e for off in range(0, 7, 3) for e in ids(get(client, "/api/events", limit=3, offset=off))]
    assert paged == everything and len(everything) == 7
    assert ids(get(client, "/api/events", sort="-date", limit=1)) == ["ev-us-china"]
    assert ids(get(client, "/api/events", sort="date", limit=1)) == ["ev-lavrov"]      # spring 2016 starts in March
    assert ids(get(client, "/api/events", sort="-reports", limit=1)) == ["ev-lavrov"]


def test_event_lifecycle_and_evidence(client: TestClient) -> None:
    ev = get(client, "/api/events/ev-lavrov")
    assert ev["status"] == "happened" and ev["date"] == "2016-04-15" and not ev["overdue"]
    assert [h["status"] for h in ev["status_history"]] == ["possible", "planned", "happened"]
    assert [h["as_of"] for h in ev["status_history"]] == ["2016-02-06", "2016-03-10", "2016-04-16"]
    assert [s["status"] for s in ev["stages"]] == ["possible", "planned", "happened"]
    assert ev["status_history"][0]["reported_by"] == "Mainichi" and ev["status_history"][0]["outlet"] == "TASS"
    assert [a["id"] for a in ev["supporting_articles"]] == ["a1lavrovpossible", "a2lavrovplanned", "a3lavrovhappened"]
    for evidence in ev["evidence"]:
        text = get(client, f"/api/articles/{evidence['article_id']}")["text"]
        assert text[evidence["start"]:evidence["end"]] == evidence["text"]
    assert ev["conflicts"] == []


def test_event_conflicts_overdue_and_singletons(client: TestClient) -> None:
    sochi = get(client, "/api/events/ev-sochi")
    assert sochi["conflicts"][0]["field"] == "date"
    assert {v["value"] for v in sochi["conflicts"][0]["values"]} == {"2016-05-06", "2016-05-09"}
    putin = get(client, "/api/events/ev-putin-japan")
    assert putin["overdue"] and putin["as_of"] == "2017-01-10"
    single = get(client, "/api/events/a4sochiplanned.e2")
    assert single["type"] == "AGREE" and not single["linked"] and single["reports"] == 1
    assert_error(get(client, "/api/events/ev-none", 404), "not_found")


def test_actors(client: TestClient) -> None:
    page = get(client, "/api/actors", type="PERSON", limit=500)
    lavrov = next(a for a in page["items"] if a["name"] == "Sergei Lavrov")
    assert lavrov["aliases"] == ["Lavrov"] and lavrov["articles"] == 3 and lavrov["events"] == 1
    assert lavrov["roles"] == ["Foreign Minister"] and lavrov["country"] == "RUS"
    assert not any(a["name"] == "Lavrov" for a in page["items"])
    assert [a["name"] for a in get(client, "/api/actors", q="kishida")["items"]] == ["Fumio Kishida"]
    assert {a["name"] for a in get(client, "/api/actors", country="CHN")["items"]} == {"Xi Jinping"}
    assert get(client, "/api/actors", limit=1)["items"][0]["articles"] >= 3


def test_quotes(client: TestClient) -> None:
    assert get(client, "/api/quotes")["total"] == 4
    [q] = get(client, "/api/quotes", speaker="peskov")["items"]
    assert q["text"] == "The option of a visit is being discussed." and q["article_id"] == "a1lavrovpossible"
    assert get(client, "/api/quotes", q="frank")["items"][0]["speaker"] == "Sergei Lavrov"
    assert get(client, "/api/quotes", article_id="a6putinjapan")["total"] == 1


@pytest.mark.parametrize("fts", [True, False], ids=["fts", "ilike"])
def test_search(client: TestClient, fts: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not fts:
        monkeypatch.setattr(search, "_fts_broken", "disabled by the test")
    res = get(client, "/api/search", q="Sochi")
    assert res["backend"] == ("fts" if fts else "ilike") or not search.fts_extension_path()
    assert set(ids(res, "id")) == {"a4sochiplanned", "a5sochiother"}
    snip = res["items"][0]["snippet"]
    assert all(snip["text"][s:e].lower().startswith("sochi") for s, e in snip["highlights"])
    assert get(client, "/api/search", q="xyzzy-nothing")["total"] == 0


def test_counts_per_month(client: TestClient) -> None:
    c = get(client, "/api/counts", countries="JPN,RUS")
    months = {m["month"]: m for m in c["months"]}
    assert c["countries"] == ["JPN", "RUS"] and list(months)[0] == "2016-04" and list(months)[-1] == "2016-11"
    assert months["2016-04"]["total"] == 3 and months["2016-05"]["by_status"] == {"planned": 1}
    assert months["2016-08"]["total"] == 0
    reported = get(client, "/api/counts", countries="RUS,JPN", basis="reported", type="CONSULT")
    assert sum(m["total"] for m in reported["months"]) == 7


def test_library_functions_take_a_path(db: Path) -> None:
    assert queries.events(db, countries="RUS,JPN", status="happened")["total"] == 3
    assert queries.event(db, "ev-lavrov")["status"] == "happened"          # type: ignore[index]
    assert queries.article(db, "missing") is None


# ------------------------------------------------------------------ errors and hostile input
@pytest.mark.parametrize("url", [
    "/api/events?limit=0", "/api/events?limit=501", "/api/events?offset=-1", "/api/events?limit=ten",
    "/api/events?countries=RUSSIA", "/api/events?countries=RUS,JPN,USA", "/api/events?type=VISIT",
    "/api/events?status=rumoured", "/api/events?date_from=May", "/api/events?date_from=2016-13",
    "/api/events?sort=evil", "/api/events?overdue=maybe",
    "/api/articles?country=RUS,JPN", "/api/articles?sort=id", "/api/actors?type=ALIEN", "/api/search",
    "/api/search?q=", "/api/search?q=" + "x" * 201, "/api/counts?basis=weekly", "/api/counts?countries=1",
])
def test_bad_parameters_answer_400_in_one_shape(client: TestClient, url: str) -> None:
    assert_error(get(client, url, 400), "invalid_parameter")


def test_an_inverted_date_range_is_an_empty_page(client: TestClient) -> None:
    # OpenAPI cannot relate two parameters: an empty range answers an empty page, not a 400 it does not announce
    assert get(client, "/api/events?date_from=2017&date_to=2016") == {"total": 0, "limit": 50, "offset": 0, "items": []}


def test_wrong_method_and_unknown_path(client: TestClient) -> None:
    r = client.post("/api/events")
    assert r.status_code == 405
    assert_error(r.json(), "method_not_allowed")
    assert_error(get(client, "/api/nothing", 404), "not_found")


INJECTIONS = ["' OR '1'='1", "'; DROP TABLE articles; --", "\" OR 1=1 --", "%", "_", "\\", "ev-lavrov' --",
              "1; SELECT * FROM rejections", "RUS') OR ('1'='1", HOSTILE_IMG]


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("route,param", [
    ("/api/events", "actor"), ("/api/events", "countries"), ("/api/events", "type"), ("/api/events", "status"),
    ("/api/events", "date_from"), ("/api/articles", "source"), ("/api/articles", "actor"),
    ("/api/articles", "country"), ("/api/articles", "event_id"), ("/api/actors", "q"), ("/api/actors", "type"),
    ("/api/quotes", "speaker"), ("/api/quotes", "q"), ("/api/quotes", "article_id"), ("/api/search", "q"),
    ("/api/counts", "countries"),
])
def test_sql_looking_input_is_only_data(client: TestClient, route: str, param: str, payload: str) -> None:
    r = client.get(route, params={param: payload})
    assert r.status_code in (200, 400), r.text
    body = r.json()
    if r.status_code == 400:
        assert_error(body, "invalid_parameter")
    elif route != "/api/search":        # search finds the words in it, as it should
        assert body["total"] <= 1 or payload in ("%", "_", "\\", "' OR '1'='1"), body   # matched as text, not SQL
    assert get(client, "/api/stats")["articles"] == 8


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_looking_ids_are_not_found(client: TestClient, payload: str) -> None:
    for route in ("/api/events/", "/api/articles/"):
        r = client.get(route + payload.replace("/", "%2F").replace("?", "%3F").replace("#", "%23"))
        assert r.status_code in (400, 404), r.text
        assert r.json()["error"]["code"] in ("invalid_parameter", "not_found")


@pytest.mark.parametrize("path", [
    "/static/../api/app.py", "/static/..%2F..%2Fapi%2Fapp.py", "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%5c..%5capi%5capp.py", "/static/app.js%00.css", "/static//etc/passwd", "/static/",
    "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/.hidden", "/static/__init__.py",
    "/api/articles/..%2F..%2Fetc%2Fpasswd",
])
def test_path_traversal_finds_nothing(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404), (path, r.status_code)
    assert "root:" not in r.text and "import" not in r.text
    assert r.json()["error"]["code"] in ("not_found", "invalid_parameter")


def test_security_headers_everywhere(client: TestClient) -> None:
    for path in ("/", "/api/stats", "/static/app.js", "/api/nothing", "/api/events?limit=0", "/docs"):
        r = client.get(path)
        for k, v in SECURITY_HEADERS.items():
            assert r.headers.get(k) == v, (path, k)
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp


def test_page_docs_and_openapi_work_offline(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    assert {"/api/articles", "/api/articles/{article_id}", "/api/events", "/api/events/{event_id}", "/api/actors",
            "/api/quotes", "/api/search", "/api/stats", "/api/counts"} <= set(spec["paths"])
    for page in ("/", "/docs"):
        html = client.get(page).text
        assert "http://" not in html and "https://" not in html and "<script>" not in html
        for asset in __import__("re").findall(r'(?:src|href)="(/static/[^"]+)"', html):
            assert client.get(asset).status_code == 200, asset
    js = client.get("/static/app.js").text
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js


def test_internal_errors_keep_the_shape_and_headers(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: Any, **k: Any) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(queries, "stats", boom)
    app = create_app(db)
    r = TestClient(app, raise_server_exceptions=False).get("/api/stats")
    app.state.store.close()                 # do not leave the file open for the tests after this one
    assert r.status_code == 500 and "secret" not in r.text
    assert_error(r.json(), "internal")
    assert r.headers["X-Frame-Options"] == "DENY"


# ------------------------------------------------------------------ the store
def test_missing_store_answers_503(tmp_path: Path) -> None:
    c = TestClient(create_app(tmp_path / "none.duckdb"))
    assert_error(get(c, "/api/stats", 503), "store_unavailable")


def test_store_locked_by_a_writer_answers_503_then_recovers(db: Path, client: TestClient) -> None:
    client.app.state.store.close()          # let the writer in: readers only hold the file while reading
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys
        con = duckdb.connect({str(db)!r})
        print("locked", flush=True)
        sys.stdin.readline()
        con.close()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        c = TestClient(create_app(db, linger=0, retry_for=0.2))
        r = c.get("/api/events")
        assert r.status_code == 503 and r.headers["Retry-After"] == "2"
        assert_error(r.json(), "store_busy")
    finally:
        holder.communicate("done\n", timeout=20)
    assert get(c, "/api/events")["total"] == 7


# ------------------------------------------------------------------ with the linking stage's tables
def test_events_come_from_the_linking_stage_when_it_ran(tmp_path: Path) -> None:
    from storyline.runners.link_job import link_pending
    from storyline.store import Store

    from .corpus import articles

    recs = articles()
    for a in recs:
        for e in a.events:
            e.event_id = None
    db = tmp_path / "linked.duckdb"
    with Store(db) as store:
        store.write_batch(recs, [])
        link_pending(store)
        rows = dict(store.con.execute("SELECT event_id, status FROM corpus_events").fetchall())
    assert rows, "the linker wrote no corpus events"
    c = TestClient(create_app(db))
    listed = get(c, "/api/events", limit=500)["items"]
    assert {e["event_id"] for e in listed} == set(rows)
    for eid, status in rows.items():
        ev = get(c, f"/api/events/{eid}")
        assert ev["lifecycle_from"] == "link" and ev["status"] == status and ev["status_history"]
        for evidence in ev["evidence"]:
            text = get(c, f"/api/articles/{evidence['article_id']}")["text"]
            assert text[evidence["start"]:evidence["end"]] == evidence["text"]
