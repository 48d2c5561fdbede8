"""The dating stage alone on the real pages of ``../shared/devreal`` and on ``samples/corpus``: no NLP, so it
runs in a second. Floors only go up (the full-pipeline figures are gated in ``tests/test_devset.py``).

Also the promise of ``published.confidence``: of the dates given with confidence >= 0.9, at least 97% are
exactly right, and no partial value excludes the true day."""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from storyline.ingest import iter_inputs, load_article
from storyline.records import RawInput

from ..conftest import require_shared

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 7)
FLOORS = {"devreal": {"acc": 0.73, "fits": 0.96, "wrong_max": 0.034},
          "samples": {"acc": 0.95, "fits": 0.99, "wrong_max": 0.0}}


def _score(gold_dir: Path, raw_dir: Path, scorer: Path) -> tuple[float, float, float, list[tuple[float, bool]]]:
    spec = importlib.util.spec_from_file_location("storyline_score", scorer)
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    n = ok = fits = wrong = 0
    confident: list[tuple[float, bool]] = []
    for item in iter_inputs([str(raw_dir)]):
        if not isinstance(item, RawInput):
            continue
        gold_file = gold_dir / (Path(item.path).name.replace(":", "_") + ".json")
        if not gold_file.exists():
            gold_file = gold_dir / (Path(item.path).stem + ".json")
        if not gold_file.exists():
            continue
        answer = json.loads(gold_file.read_text(encoding="utf-8"))
        if answer.get("published_from") == "corpus":
            continue        # only the corpus's other articles date it (link.redate): not this stage's to know
        gold = answer["published"]
        p = load_article(item, today=TODAY).published
        n += 1
        ok += p.date == gold
        f = score.published_fits(p.date, gold)
        fits += f
        wrong += bool(p.date) and not f
        confident.append((p.confidence, p.date == gold))
    assert n
    return ok / n, fits / n, wrong / n, confident


@pytest.mark.shared
@pytest.mark.parametrize("name", ["devreal", "samples"])
def test_dating_floors_and_calibration(name: str) -> None:
    shared = require_shared()
    if name == "devreal":
        if not (shared / "devreal" / "raw").is_dir():
            pytest.skip("../shared/devreal is not beside the checkout")
        gold, raw = shared / "devreal" / "gold", shared / "devreal" / "raw"
    else:
        gold, raw = ROOT / "tests" / "gold_samples", ROOT / "samples" / "corpus"
    acc, fits, wrong, confident = _score(gold, raw, shared / "eval" / "score.py")
    floor = FLOORS[name]
    assert acc >= floor["acc"] and fits >= floor["fits"] and wrong <= floor["wrong_max"], (acc, fits, wrong)
    high = [right for conf, right in confident if conf >= 0.9]
    assert not high or sum(high) / len(high) >= 0.97, f"{sum(high)}/{len(high)} exact at confidence >= 0.9"
