"""The Ray runner and the local runner give identical records (Ray runs locally, num_cpus=2)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.runners.local import ingest
from storyline.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _records(db: Path) -> list[str]:
    with Store(db, read_only=True) as s:
        return [json.dumps(r, sort_keys=True) for r in s.iter_records()]


@pytest.mark.model
def test_ray_and_local_give_identical_records(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray", reason="the Ray extra is not installed: pip install 'storyline[ray]'")
    from storyline.runners.ray_runner import ingest_ray

    corpus = tmp_path / "c"
    corpus.mkdir()
    for f in sorted((ROOT / "samples" / "corpus" / "text").glob("*.txt"))[:6]:
        (corpus / f.name).write_bytes(f.read_bytes())
    (corpus / "feed.jsonl").write_bytes((ROOT / "samples" / "corpus" / "feed.jsonl").read_bytes())
    (corpus / "broken.txt").write_bytes(b"")
    local_db, ray_db = tmp_path / "local.duckdb", tmp_path / "ray.duckdb"
    local = ingest([corpus], local_db, n_process=1)
    try:
        remote = ingest_ray([str(corpus)], ray_db, num_cpus=2, actors=2)
    finally:
        ray.shutdown()
    assert (remote.ingested, len(remote.rejected)) == (local.ingested, len(local.rejected))
    assert _records(ray_db) == _records(local_db)
    with Store(ray_db, read_only=True) as s:
        assert [r.code for r in s.rejections()] == ["empty"]
