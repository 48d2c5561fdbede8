"""The SQL read model answers as the Python one did: every answer of ``read_answers.answers`` on
the hand-built store, the samples and the seeds, against digests in ``tests/golden/read``.

The digests were written by the SQL read model once its answers had been compared, answer by
answer, with those of the code before it (the corpus cache of ``api/queries.py`` and
``api/lifecycle.py``) on the same stores. They were equal except where the change was meant:

- the hand-built store (``corpus.py``) writes records carrying their own ``event_id`` and is not
  linked: its events' lifecycles now come from the linker's builder (``link/lifecycle.py``),
  the one lifecycle builder (issue 14), with its fields (``date_reported_by``, ``outlets``…),
  its conflict rules and its choice of headline;
- ``stats.types`` and the message listing the allowed types follow the trigger data's order
  (the one registry of event types);
- ties in ``stats.country_pairs`` are ordered by the pair (before: in order of discovery);
- ``actors`` with ``country``/``q``: the filter applies to the merged actor (any of its
  countries / names), not to each entity mention before merging (which the index cannot do);
  unfiltered and type-filtered lists are equal.

``STORYLINE_UPDATE_GOLDEN=1`` rewrites the digests (after checking a change is meant).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import GOLDEN, UPDATE_GOLDEN, ROOT, require_shared
from .corpus import build_store
from .read_answers import answers, digests

READ_GOLDEN = GOLDEN / "read"


def _check(name: str, db: Path) -> None:
    got = digests(answers(db))
    path = READ_GOLDEN / f"{name}.json"
    if UPDATE_GOLDEN:
        READ_GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n")
    assert path.is_file(), f"{path} is missing; STORYLINE_UPDATE_GOLDEN=1 writes it"
    want = json.loads(path.read_text())
    differ = sorted(k for k in set(want) | set(got) if want.get(k) != got.get(k))
    assert not differ, f"{len(differ)} answers changed on {name}: {differ[:20]}"


def test_hand_built_store_answers_as_before(tmp_path: Path) -> None:
    _check("corpus", build_store(tmp_path / "corpus.duckdb"))


def _ingest(where: Path, what: str, db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from storyline.runners.local import ingest

    monkeypatch.chdir(where)            # record paths relative to it, as in the golden answers
    ingest([what], db)
    return db


@pytest.mark.model
def test_samples_store_answers_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _check("samples", _ingest(ROOT, "samples/corpus", tmp_path / "samples.duckdb", monkeypatch))


@pytest.mark.model
@pytest.mark.shared
def test_seeds_store_answers_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = require_shared()
    _check("seeds", _ingest(shared, "seeds", tmp_path / "seeds.duckdb", monkeypatch))


def test_parquet_partitions_answer_as_the_store(tmp_path: Path) -> None:
    """A store written out as Parquet partitions (one folder per table) is read in place, by the
    library and by the web app, with the same answers, search included."""
    from fastapi.testclient import TestClient

    from storyline.api.app import create_app
    from storyline.store.read import export_partitions

    db = build_store(tmp_path / "corpus.duckdb")
    parts = tmp_path / "parts"
    tables = export_partitions(str(db), str(parts))
    assert "articles" in tables and "event_index" in tables and "parse_cache" not in tables
    assert digests(answers(parts)) == digests(answers(db))
    client = TestClient(create_app(parts))
    assert client.get("/api/events/ev-lavrov").json()["status"] == "happened"
    assert client.get("/api/search", params={"q": "Sochi"}).json()["total"] == 2


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


def test_migrations_7_to_10_give_older_rows_what_the_writers_give(tmp_path: Path) -> None:
    """The sort keys, country columns, article keys, name index and count sums that migrations 7-10
    compute in SQL for a store written before them equal those the writers store with each row."""
    import duckdb

    from storyline.store.schema import ARTICLE_KEYS_SQL, COUNT_MARGINS_SQL, EVENT_KEYS_SQL, MIGRATIONS

    db = build_store(tmp_path / "corpus.duckdb")
    queries = {
        "events": "SELECT event_id, date_key, reported_key, country1, country2 FROM event_index",
        "facts": "SELECT article_id, countries_key, day FROM article_facts",
        "names": "SELECT e.name_lc, a.article_id, a.published, a.path FROM article_names a "
                 "JOIN entity_names e USING (name_id)",
        "margins": "SELECT * FROM count_margins",
    }
    written = {k: _rows(db, q) for k, q in queries.items()}
    assert all(written.values()), "the hand-built store should fill every table"
    names_sql = [s for v, _, stmts in MIGRATIONS if v == 8 for s in stmts if s.lstrip().startswith("INSERT")]
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE event_index SET date_key = NULL, reported_key = NULL, country1 = NULL, country2 = NULL")
        con.execute("UPDATE article_facts SET countries_key = NULL, day = NULL")
        for table in ("article_names", "entity_names", "count_margins"):
            con.execute(f"DELETE FROM {table}")
        con.execute("ALTER TABLE article_names DROP COLUMN article_no")    # migration 13's: after 8's rows
        for sql in (EVENT_KEYS_SQL, ARTICLE_KEYS_SQL, *names_sql, COUNT_MARGINS_SQL):
            con.execute(sql)
    finally:
        con.close()
    assert {k: _rows(db, q) for k, q in queries.items()} == written


def test_a_store_without_the_new_columns_answers_the_same(tmp_path: Path) -> None:
    """A store opened read-only before migrations 7-11 (the API cannot migrate it) is answered by
    the statements of before: the same answers as over the keyed columns."""
    import duckdb

    from storyline.store.schema import ARTICLE_CARD

    db = build_store(tmp_path / "corpus.duckdb")
    keyed = digests(answers(db))
    con = duckdb.connect(str(db))
    try:
        for table, column in (("event_index", "date_key"), ("event_index", "reported_key"),
                              ("event_index", "country1"), ("event_index", "country2"),
                              ("article_facts", "countries_key"), ("article_facts", "day"),
                              *(("article_facts", name) for name, _ in ARTICLE_CARD)):
            con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        for table in ("article_names", "entity_names", "count_margins"):
            con.execute(f"DROP TABLE {table}")
    finally:
        con.close()
    assert digests(answers(db)) == keyed
