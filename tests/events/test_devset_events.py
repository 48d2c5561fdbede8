"""The event figures on the development set: the seeds through ingest, analysis and export,
scored by ../shared/eval/score.py. Skips without ../shared unless STORYLINE_REQUIRE_SHARED=1."""
from __future__ import annotations

import importlib.util
import json

import pytest

from storyline.export import export
from storyline.pipeline import ingest

from ..conftest import require_shared

# the targets; tests/floors.json may pin higher floors
TARGETS = {"event_f1": 0.85, "event_status_acc": 0.90, "event_date_acc": 0.90, "event_actor_acc": 0.90}


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    shared = require_shared()
    tmp = tmp_path_factory.mktemp("events-dev")
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
@pytest.mark.parametrize("figure", sorted(TARGETS))
def test_event_figure_meets_target(figures: dict[str, float], figure: str) -> None:
    assert figures[figure] >= TARGETS[figure], f"{figure} {figures[figure]:.3f} < {TARGETS[figure]}"
