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

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "floors.json").read_text())
SAMPLE_FLOORS = json.loads((HERE / "floors_samples.json").read_text())
ROOT = HERE.parent


def _score(gold: Path, corpus: Path, tmp: Path, scorer: Path) -> dict[str, float]:
    ingest([corpus], tmp / "dev.duckdb")
    export(tmp / "dev.duckdb", "jsonl", tmp / "dev.jsonl")
    spec = importlib.util.spec_from_file_location("score", scorer)
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    out = tmp / "figures.json"
    assert score.main([str(gold), str(tmp / "dev.jsonl"), "--json", str(out)]) == 0
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    shared = require_shared()
    return _score(shared / "gold", shared / "seeds", tmp_path_factory.mktemp("dev"), shared / "eval" / "score.py")


@pytest.fixture(scope="module")
def sample_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    """Our own second development set: the sample corpus with hand annotations in tests/gold_samples."""
    shared = require_shared()
    return _score(HERE / "gold_samples", ROOT / "samples" / "corpus", tmp_path_factory.mktemp("samples"),
                  shared / "eval" / "score.py")


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize("figure", sorted(SAMPLE_FLOORS))
def test_sample_figure_at_or_above_floor(sample_scores: dict[str, float], figure: str) -> None:
    got = sample_scores[figure]
    assert got >= SAMPLE_FLOORS[figure] - 1e-9, f"{figure} {got:.3f} < floor {SAMPLE_FLOORS[figure]}"


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_dev_figure_at_or_above_floor(dev_scores: dict[str, float], figure: str) -> None:
    assert dev_scores[figure] >= FLOORS[figure] - 1e-9, f"{figure} {dev_scores[figure]:.3f} < floor {FLOORS[figure]}"
