"""The evaluation gate: every gold set the project measures, through the whole pipeline
(ingest, analysis, linking, export), scored by ../shared/eval/score.py against the floors
of ``tests/floors.json``.

One file holds every floor, one section per gold set:

- ``seeds``: the five development seeds (``../shared/seeds`` + ``../shared/gold``);
- ``samples``: our own sample corpus (``samples/corpus`` + ``tests/gold_samples``);
- ``devreal``: 30 real pages of 30 outlets (``../shared/devreal``).

Floors only go up: raise them when a change improves a figure. A figure named
``X_max`` is a ceiling on ``X`` (``published_wrong_max``: wrong dates may only get
fewer). Sets that need ``../shared`` skip without it, unless STORYLINE_REQUIRE_SHARED=1.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from storyline.export import export
from storyline.runners.local import ingest

from .conftest import require_shared

HERE = Path(__file__).parent
ROOT = HERE.parent
FLOORS: dict[str, dict[str, float]] = json.loads((HERE / "floors.json").read_text())


def _paths(name: str) -> tuple[Path, Path]:
    """(gold dir, corpus dir) of one gold set."""
    shared = require_shared()
    if name == "seeds":
        return shared / "gold", shared / "seeds"
    if name == "samples":
        return HERE / "gold_samples", ROOT / "samples" / "corpus"
    if name == "devreal":
        return shared / "devreal" / "gold", shared / "devreal" / "raw"
    raise KeyError(name)


def _score(gold: Path, corpus: Path, tmp: Path) -> dict[str, float]:
    scorer = require_shared() / "eval" / "score.py"
    ingest([corpus], tmp / "dev.duckdb")
    export(tmp / "dev.duckdb", "jsonl", tmp / "dev.jsonl")
    spec = importlib.util.spec_from_file_location("score", scorer)
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    out = tmp / "figures.json"
    assert score.main([str(gold), str(tmp / "dev.jsonl"), "--json", str(out)]) == 0
    return json.loads(out.read_text())


_CACHE: dict[str, dict[str, float]] = {}


def figures(name: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    if name not in _CACHE:
        gold, corpus = _paths(name)
        _CACHE[name] = _score(gold, corpus, tmp_path_factory.mktemp(name))
    return _CACHE[name]


GOLD_SETS = ("seeds", "samples", "devreal")      # other sections (tbaq) have their own tests
CASES = [(s, f) for s, floors in FLOORS.items() if s in GOLD_SETS for f in sorted(floors)]


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize(("gold_set", "figure"), CASES, ids=[f"{s}-{f}" for s, f in CASES])
def test_figure_at_or_above_floor(gold_set: str, figure: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    got = figures(gold_set, tmp_path_factory)
    floor = FLOORS[gold_set][figure]
    if figure.endswith("_max"):
        value = got[figure[:-4]]
        assert value <= floor + 1e-9, f"{gold_set}: {figure[:-4]} {value:.3f} > ceiling {floor}"
    else:
        assert got[figure] >= floor - 1e-9, f"{gold_set}: {figure} {got[figure]:.3f} < floor {floor}"
