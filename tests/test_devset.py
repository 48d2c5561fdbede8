"""The evaluation gate: the development set through the whole pipeline, scored by
../shared/eval/score.py against pinned floors. Floors only go up: raise them in
tests/floors.json when a change improves a figure."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from storyline.export import export
from storyline.pipeline import ingest

from .conftest import require_shared

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    shared = require_shared()
    tmp = tmp_path_factory.mktemp("dev")
    ingest([shared / "seeds"], tmp / "dev.duckdb")
    export(tmp / "dev.duckdb", "jsonl", tmp / "dev.jsonl")
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    out = tmp / "figures.json"
    assert score.main([str(shared / "gold"), str(tmp / "dev.jsonl"), "--json", str(out)]) == 0
    return json.loads(out.read_text())


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_dev_figure_at_or_above_floor(dev_scores: dict[str, float], figure: str) -> None:
    assert dev_scores[figure] >= FLOORS[figure] - 1e-9, f"{figure} {dev_scores[figure]:.3f} < floor {FLOORS[figure]}"
