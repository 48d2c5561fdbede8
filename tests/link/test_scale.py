"""The benchmark's synthetic world, small: linking quality and order independence on thousands of events."""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

from storyline.link import link_events

BENCH = Path(__file__).resolve().parents[2] / "bench" / "link_bench.py"


def _bench():
    spec = importlib.util.spec_from_file_location("link_bench", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_synthetic_corpus_is_linked_well_and_the_same_in_any_order() -> None:
    bench = _bench()
    records, truth = bench.corpus(3000, 730)
    result = link_events(records)
    pred = {(r["id"], e["id"]): e["event_id"] for r in records for e in r["events"]}
    p, r = bench.bcubed(truth, pred)
    assert p >= 0.9 and r >= 0.9, (p, r)
    assert result.compared <= 24 * len(pred)                  # bounded comparisons per report
    shuffled, _ = bench.corpus(3000, 730)
    random.Random(3).shuffle(shuffled)
    link_events(shuffled)
    assert {(r["id"], e["id"]): e["event_id"] for r in shuffled for e in r["events"]} == pred
