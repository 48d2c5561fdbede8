"""The physical layout the read model keeps for its readers (``store/read.py``): the article list's
columns in ``article_facts`` (migration 11), the tables kept in list order (migration 12), the
search postings in large row groups while every other table keeps its small ones
(``Store.large_row_groups``), and the indexes of the search index's articles by number and of its
dictionary by term."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from storyline.store import LARGE_ROW_GROUP_ROWS, ROW_GROUP_ROWS, Store
from storyline.store.read import FTS, SORTED_TABLES, fts_extension_path, write_articles
from storyline.store.schema import ARTICLE_CARD, MIGRATIONS

from .corpus import articles, build_store

CARD = ", ".join(name for name, _ in ARTICLE_CARD)


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_list_columns_of_article_facts_are_the_articles_rows(tmp_path: Path) -> None:
    """Written with each record, and computed by migration 11 for older rows: the values of the
    article's ``articles`` row."""
    db = build_store(tmp_path / "corpus.duckdb")
    want = sorted(_rows(db, f"SELECT id, {CARD} FROM articles"), key=repr)
    assert sorted(_rows(db, f"SELECT article_id, {CARD} FROM article_facts"), key=repr) == want
    update = [s for v, _, stmts in MIGRATIONS if v == 11 for s in stmts if s.startswith("UPDATE")]
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE article_facts SET " + ", ".join(f"{name} = NULL" for name, _ in ARTICLE_CARD))
        for sql in update:
            con.execute(sql)
    finally:
        con.close()
    assert sorted(_rows(db, f"SELECT article_id, {CARD} FROM article_facts"), key=repr) == want


def test_a_rewritten_record_keeps_the_list_columns_of_its_articles_row(tmp_path: Path) -> None:
    """A re-analysed record (``Store.update_records``) changes the record only: the list shows the
    ``articles`` row's headline, as it did when the list was read from that table."""
    db = build_store(tmp_path / "corpus.duckdb")
    rec = articles()[0].to_dict()
    before = _rows(db, f"SELECT {CARD} FROM articles WHERE id = '{rec['id']}'")
    rec["headline"] = "A headline the analysis gave later"
    with Store(db) as store:
        with store.transaction() as con:
            write_articles(con, [rec], replace=True)
    assert _rows(db, f"SELECT {CARD} FROM article_facts WHERE article_id = '{rec['id']}'") == before


def test_read_tables_are_kept_in_list_order(tmp_path: Path) -> None:
    """After the writes, each table of ``SORTED_TABLES`` is in its list's order and ``read_sorted``
    holds its size; a write adding less than a quarter leaves the table as it was."""
    db = build_store(tmp_path / "corpus.duckdb")
    for table, order in SORTED_TABLES:
        stored = _rows(db, f"SELECT rowid FROM {table}")
        ordered = _rows(db, f"SELECT rowid FROM {table} ORDER BY {order}")
        assert stored == ordered, table
        assert _rows(db, f"SELECT sorted_rows FROM read_sorted WHERE table_name = '{table}'") == \
            _rows(db, f"SELECT count(*) FROM {table}")
    # a write that adds less than a quarter (as if the table were 100 times larger) sorts nothing
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE read_sorted SET sorted_rows = sorted_rows * 100")
        kept = con.execute("SELECT table_name, sorted_rows FROM read_sorted ORDER BY 1").fetchall()
    finally:
        con.close()
    extra = articles()[0].to_dict()
    extra.update(id="ffffffffffffffff", path="corpus/0-extra.txt")
    with Store(db) as store:
        store.write_batch([extra], [])
    assert _rows(db, "SELECT table_name, sorted_rows FROM read_sorted ORDER BY 1") == kept
    assert _rows(db, "SELECT article_id FROM article_facts ORDER BY rowid DESC LIMIT 1") == [(extra["id"],)]


@pytest.mark.skipif(fts_extension_path() is None, reason="the FTS extension is not installed")
def test_postings_in_large_row_groups_and_the_rest_in_small_ones(tmp_path: Path) -> None:
    """The postings are rewritten through a connection attached with large row groups, and its
    checkpoint leaves every other table's row groups as the writers made them (no vacuum)."""
    with Store(tmp_path / "big.duckdb") as store:
        recs = []
        for i in range(3000):
            rec = articles()[i % 5].to_dict()
            rec.update(id=f"{i:016x}", path=f"corpus/{i}.txt")
            recs.append(rec)
        store.write_batch(recs, [])
    db = tmp_path / "big.duckdb"

    def largest_group(table: str) -> int:
        return int(_rows(db, f"SELECT max(count) FROM pragma_storage_info('{table}') WHERE segment_type <> 'VALIDITY' "
                             "AND column_name = (SELECT column_name FROM pragma_storage_info"
                             f"('{table}') LIMIT 1)")[0][0])

    assert largest_group(f"{FTS}.postings") > ROW_GROUP_ROWS
    assert largest_group(f"{FTS}.postings") <= LARGE_ROW_GROUP_ROWS
    assert largest_group("articles") <= ROW_GROUP_ROWS
    assert largest_group("article_facts") <= ROW_GROUP_ROWS
    assert _rows(db, f"SELECT row_group_rows FROM {FTS}.sorted_upto") == [(LARGE_ROW_GROUP_ROWS,)]
    assert _rows(db, "SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'docs_docid'") == [(1,)]
    assert _rows(db, "SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'dict_term'") == [(1,)]


@pytest.mark.skipif(fts_extension_path() is None, reason="the FTS extension is not installed")
def test_a_store_with_small_postings_is_rewritten_and_appended_to(tmp_path: Path) -> None:
    """A store whose postings were sorted before they were kept in large row groups gets them
    rewritten at its next write, and the articles of that write are appended after the rewrite:
    the search answers equal those of a store written in one go."""
    from storyline.api import queries

    first, more = articles()[:3], articles()[3:]
    db = tmp_path / "upgraded.duckdb"
    with Store(db) as store:
        store.write_batch(first, [])
    con = duckdb.connect(str(db))
    try:
        con.execute(f"CREATE OR REPLACE TABLE {FTS}.sorted_upto AS SELECT sorted_docid FROM {FTS}.sorted_upto")
    finally:
        con.close()
    with Store(db) as store:
        store.write_batch(more, [])
    assert _rows(db, f"SELECT row_group_rows FROM {FTS}.sorted_upto") == [(LARGE_ROW_GROUP_ROWS,)]
    whole = build_store(tmp_path / "whole.duckdb")
    for q in ("Lavrov", "Sochi summit", "visit Tokyo"):
        assert queries.search(db, q)["items"] == queries.search(whole, q)["items"], q


def test_the_api_writes_the_stored_event_items_as_the_library_reads_them(tmp_path: Path) -> None:
    """The events route writes the stored summaries into the response as they are, with the
    overdue flag set in the text (``queries.RawJSON``): the same JSON as the library's items."""
    from fastapi.testclient import TestClient

    from storyline.api import queries
    from storyline.api.app import create_app

    db = build_store(tmp_path / "corpus.duckdb")
    with TestClient(create_app(db)) as client:
        for params in ({}, {"overdue": "true"}, {"overdue": "false", "sort": "-reports"}, {"countries": "JPN,RUS"},
                       {"actor": "lavrov"}, {"limit": "2", "offset": "1"}, {"offset": "400"}):
            got = client.get("/api/events", params=params)
            assert got.status_code == 200, params
            want = queries.events(db, **{k: (v == "true" if k == "overdue" else int(v) if k in ("limit", "offset")
                                             else v) for k, v in params.items()})
            assert got.json() == want, params
    raw = queries.events(db, overdue=True, raw_items=True)["items"]
    assert raw and all(isinstance(i, queries.RawJSON) for i in raw)
