"""Evaluation gate: persons and quotes on the development seeds, scored as ../shared/eval/score.py does,
straight from the entity and quote stages (no store, no events). Skips when ../shared is absent, unless
STORYLINE_REQUIRE_SHARED=1. The floors only go up.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from storyline.records import Article, Published

from ..conftest import require_shared

# the stage-level figures answer to the same floors as the whole pipeline (tests/floors.json, "seeds")
_ALL = json.loads((Path(__file__).parents[1] / "floors.json").read_text())["seeds"]
FLOORS = {k: _ALL[k] for k in ("person_f1", "quote_f1", "quote_speaker_acc")}

_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+, [A-Z][a-z]+ \d{1,2}\. /", re.MULTILINE)
_TRAILER = re.compile(r"(?:\s*(?:Read more|X))+\s*$")

pytestmark = [pytest.mark.model, pytest.mark.shared]


def _score_module(shared: Path):
    spec = importlib.util.spec_from_file_location("storyline_shared_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _load(path: Path) -> Article:
    """The seed as an Article: the ingest stage's reader when there is one, else dateline-to-end."""
    try:
        from storyline.ingest import read_file  # type: ignore[attr-defined]
    except ImportError:
        read_file = None
    if read_file is not None:
        return read_file(path)
    raw = path.read_text(encoding="utf-8")
    m = _DATELINE.search(raw)
    assert m, f"{path.name}: no dateline line"
    body = _TRAILER.sub("", raw[m.start():]).rstrip()
    return Article(id=path.stem, path=str(path), source="TASS", headline=None, lead=None, dateline=None,
                   published=Published(date=None, how="none", confidence=0.0), text=body)


@pytest.fixture(scope="module")
def figures():
    shared = require_shared()
    from storyline.entities import extract_entities
    from storyline.nlp import get_nlp
    from storyline.quotes import extract_quotes

    score = _score_module(shared)
    gold_dir = shared / "gold"
    names = score.Aliases(json.loads((gold_dir / "aliases.json").read_text())["aliases"])
    tally = score.Tally()
    nlp = get_nlp()
    for gold_path in sorted(gold_dir.glob("*.json")):
        if gold_path.name in ("aliases.json", "clusters.json"):
            continue
        gold = json.loads(gold_path.read_text())
        article = _load(shared / "seeds" / gold["file"])
        doc = nlp(article.text)
        entities = extract_entities(doc, article)
        quotes = extract_quotes(doc, entities, article)
        pred = {"path": gold["file"], "text": article.text,
                "entities": [{"name": e.name, "type": e.type} for e in entities],
                "quotes": [{"speaker": q.speaker, "text": q.text} for q in quotes]}
        score.score_article(gold, pred, names, tally, [], False)
    _, _, person_f1 = score.f1(tally["person_tp"], tally["person_pred"] - tally["person_tp"],
                               tally["person_gold"] - tally["person_tp"])
    _, _, quote_f1 = score.f1(tally["quote_tp"], tally["quote_fp"], tally["quote_fn"])
    speaker_acc = tally["quote_speaker_ok"] / tally["quote_tp"] if tally["quote_tp"] else 0.0
    return {"person_f1": person_f1, "quote_f1": quote_f1, "quote_speaker_acc": speaker_acc}


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_seed_figure_meets_floor(figures, figure):
    assert figures[figure] >= FLOORS[figure], f"{figure} = {figures[figure]:.3f} < floor {FLOORS[figure]}"
