"""The store: schema, idempotent and incremental ingest, rejections as data, atomic batches."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from storyline.errors import StoreError
from storyline.export import export
from storyline.runners.local import ingest
from storyline.store import Store
from storyline.store.schema import MIGRATIONS

from ..ingest.test_readers import STORY


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(STORY, encoding="utf-8")
    (d / "b.txt").write_text(STORY.replace("June 3", "June 4").replace("Friday", "Saturday"), encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    return d


def test_schema_is_migrated_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        v = s.schema_version()
    with Store(db) as s:
        assert s.schema_version() == v >= 1
        rows = s.con.execute("SELECT count(*) FROM schema_version").fetchone()
        assert rows is not None and rows[0] == len(MIGRATIONS) and v == max(m[0] for m in MIGRATIONS)


def test_ingest_is_idempotent_and_incremental(tmp_path: Path) -> None:
    d, db = _corpus(tmp_path), tmp_path / "s.duckdb"
    r1 = ingest([d], db, analyze=False)
    assert (r1.ingested, r1.unchanged, len(r1.rejected), r1.exit_code) == (2, 0, 1, 1)
    r2 = ingest([d], db, analyze=False)
    assert (r2.ingested, r2.unchanged) == (0, 2)
    (d / "c.txt").write_text(STORY.replace("June 3", "June 5"), encoding="utf-8")
    r3 = ingest([d], db, analyze=False)
    assert (r3.ingested, r3.unchanged) == (1, 2)
    with Store(db) as s:
        assert s.counts() == {"articles": 3, "rejections": 1}
        [rej] = s.rejections()
        assert rej.code == "empty" and rej.path.endswith("empty.txt")


def test_export_formats(tmp_path: Path) -> None:
    d, db = _corpus(tmp_path), tmp_path / "s.duckdb"
    ingest([d], db, analyze=False)
    n = export(db, "jsonl", tmp_path / "out.jsonl")
    recs = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert n == 2 and [Path(r["path"]).name for r in recs] == ["a.txt", "b.txt"]
    for r in recs:
        assert set(r) >= {"id", "path", "source", "headline", "lead", "dateline", "published", "text",
                          "entities", "timexes", "events", "quotes"}
        assert r["entities"] == [] and r["events"] == []
    assert export(db, "csv", tmp_path / "out.csv") == 2
    assert export(db, "parquet", tmp_path / "out.parquet") == 2
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "out.parquet").num_rows == 2


def test_failed_batch_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d, db = _corpus(tmp_path), tmp_path / "s.duckdb"
    import storyline.store as store_mod

    real = store_mod.Store.write_batch

    def broken(self, articles, rejections):
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("INSERT INTO articles (id, path, text, record) VALUES ('half', 'x', 'y', '{}')")
        self.con.execute("ROLLBACK")
        raise StoreError("simulated crash mid-batch")

    monkeypatch.setattr(store_mod.Store, "write_batch", broken)
    with pytest.raises(StoreError):
        ingest([d], db, analyze=False)
    monkeypatch.setattr(store_mod.Store, "write_batch", real)
    with Store(db) as s:
        assert s.counts()["articles"] == 0
    assert ingest([d], db, analyze=False).ingested == 2


def test_read_only_missing_db_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="storyline ingest"):
        Store(tmp_path / "nope.duckdb", read_only=True)


@pytest.mark.model
def test_reanalyze_uses_parse_cache_and_keeps_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.runners.local import reanalyze

    d, db = _corpus(tmp_path), tmp_path / "s.duckdb"
    ingest([d], db, n_process=1)
    before = sorted(json.dumps(r, sort_keys=True) for r in Store(db, read_only=True).iter_records())
    import storyline.nlp as nlp_mod

    real = nlp_mod.get_nlp()
    calls = []

    class Spy:
        def __getattr__(self, name):
            return getattr(real, name)

        def pipe(self, texts, **kw):
            for t in texts:
                calls.append(t)
                yield from real.pipe([t[0]], as_tuples=False) if False else []

    import storyline.analyze as analyze_mod

    monkeypatch.setattr(analyze_mod, "get_nlp", lambda name=None: Spy())     # the name the parse step calls
    assert reanalyze(db) == 2
    assert calls == []                      # every parse came from the cache
    after = sorted(json.dumps(r, sort_keys=True) for r in Store(db, read_only=True).iter_records())
    assert after == before


def test_a_transaction_joins_the_writes_inside_it_and_rolls_them_all_back(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as s:
        with pytest.raises(ValueError, match="boom"):
            with s.transaction("a test"):
                s.write_batch([{"id": "a1", "path": "a.txt", "text": "x"}], [])
                with s.transaction():
                    s.con.execute("INSERT INTO articles (id, path, text, record) VALUES ('a2', 'b', 'y', '{}')")
                raise ValueError("boom")
        assert s.counts()["articles"] == 0
        with s.transaction():
            s.write_batch([{"id": "a1", "path": "a.txt", "text": "x"}], [])
        assert s.counts()["articles"] == 1
        with pytest.raises(StoreError, match="a test on .* failed and was rolled back"):
            with s.transaction("a test"):
                s.con.execute("INSERT INTO articles (id, path, text, record) VALUES ('a1', 'b', 'y', '{}')")
        # a write past the memory cap says which setting to raise
        with pytest.raises(StoreError, match="memory cap .* STORYLINE_DB_MEMORY=4GB"):
            with s.transaction("a test"):
                raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")
        assert s.counts()["articles"] == 1


def test_lookups_by_key_list_find_every_key_in_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.store.sql as lk

    monkeypatch.setattr(lk, "LOOKUP_PART", 3)        # several statements, the last one short
    with Store(tmp_path / "s.duckdb") as s:
        s.cache_docs([(f"k{i}", "m", bytes([i])) for i in range(8)])
        keys = [f"k{i}" for i in range(0, 8, 2)] + ["missing", "k7"]
        assert s.cached_docs(keys) == {"k0": b"\x00", "k2": b"\x02", "k4": b"\x04", "k6": b"\x06", "k7": b"\x07"}
        assert s.cached_docs([]) == {}
        assert list(lk.lookup(s.con, "SELECT key FROM parse_cache WHERE key IN ({keys})", [])) == []
