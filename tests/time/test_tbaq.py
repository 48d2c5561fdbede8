"""The time stage on TimeBank + AQUAINT (TempEval-3's training data, ``../shared/timeml/tbaq``),
scored as TempEval-3 does, against the ``tbaq`` floors of ``tests/floors.json``.

Runs the ingest code path (spaCy parse, the document's creation time as publication date)
through :func:`storyline.time.timeml.evaluate`, the function ``bench/timeml_eval.py`` prints.
Skips without ``../shared/timeml/tbaq`` unless STORYLINE_REQUIRE_SHARED=1. Floors only go up.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from storyline.time.timeml import evaluate, read_timeml

from ..conftest import SHARED

HERE = Path(__file__).resolve().parents[1]
FLOORS: dict[str, float] = json.loads((HERE / "floors.json").read_text()).get("tbaq", {})
TBAQ = SHARED / "timeml" / "tbaq"


def _tbaq() -> Path:
    if TBAQ.is_dir():
        return TBAQ
    if os.environ.get("STORYLINE_REQUIRE_SHARED") == "1":
        pytest.fail(f"STORYLINE_REQUIRE_SHARED=1 but {TBAQ} is missing")
    pytest.skip("../shared/timeml/tbaq is not beside the checkout")


_FIGURES: dict[str, float] = {}


def _figures() -> dict[str, float]:
    if not _FIGURES:
        _FIGURES.update(evaluate([_tbaq()]).figures())
    return _FIGURES


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_tbaq_figure_at_or_above_floor(figure: str) -> None:
    got = _figures()[figure]
    assert got >= FLOORS[figure] - 1e-9, f"tbaq: {figure} {got:.3f} < floor {FLOORS[figure]}"


@pytest.mark.shared
def test_tbaq_reads_gold_offsets_into_the_text() -> None:
    files = sorted(_tbaq().rglob("*.tml"))
    assert len(files) == 256
    for path in files[:40]:
        doc = read_timeml(path)
        assert doc.dct and doc.timexes
        for g in doc.timexes:
            assert doc.text[g.start:g.end] == g.text
            assert g.type in ("DATE", "TIME", "DURATION", "SET")
