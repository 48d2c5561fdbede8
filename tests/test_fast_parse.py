"""The parse speed-ups of storyline.nlp change nothing: every token and entity of the sample
corpus (and the seeds, when ../shared is there) comes out of the sped-up pipeline exactly as
out of the stock one. Timing is measured in bench/, never asserted here."""
from __future__ import annotations

import json

import pytest

from .conftest import ROOT, SHARED

pytestmark = pytest.mark.model


def _texts() -> list[str]:
    corpus = ROOT / "samples" / "corpus"
    out = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.glob("*.txt"))]
    out += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.glob("*.html"))]
    for line in (corpus / "feed.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(str(json.loads(line).get("text") or ""))
    if (SHARED / "seeds").is_dir():
        out += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((SHARED / "seeds").iterdir())]
    return out


def _analysis(nlp, texts: list[str]) -> list[tuple]:
    return [(tuple((t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph), t.ent_iob_, t.ent_type_)
                   for t in doc), tuple((e.start, e.end, e.label_) for e in doc.ents), tuple(s.start for s in doc.sents))
            for doc in nlp.pipe(texts, batch_size=8)]


@pytest.mark.parametrize("blas", ["numpy", "blis"])
def test_the_sped_up_pipeline_gives_exactly_the_stock_output(blas: str) -> None:
    import spacy
    from thinc.api import NumpyOps

    from storyline.nlp import model_name, speed_up

    texts = _texts()
    stock = spacy.load(model_name())
    fast = speed_up(spacy.load(model_name()), ops=NumpyOps(use_blis=blas == "blis"))
    assert fast.get_pipe("attribute_ruler") is not stock.get_pipe("attribute_ruler")
    assert type(fast.get_pipe("lemmatizer")).__name__.startswith("Array")
    assert _analysis(fast, texts) == _analysis(stock, texts)


def test_fast_parse_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline import nlp

    monkeypatch.setenv("STORYLINE_FAST_PARSE", "0")
    assert not nlp.fast_parse_enabled()
    monkeypatch.setenv("STORYLINE_FAST_PARSE", "1")
    assert nlp.fast_parse_enabled()


def test_the_model_version_is_read_without_loading_the_model(tmp_path) -> None:
    """The parse cache's key comes from the pipeline's meta.json, equal to the loaded pipeline's
    meta, whether the pipeline is named as a package or as a folder; a name that is neither
    fails as loading fails."""
    import spacy

    from storyline import nlp
    from storyline.errors import ModelError

    nlp.get_nlp.cache_clear()
    nlp._meta.cache_clear()
    version = nlp.model_version()
    assert nlp.get_nlp.cache_info().currsize == 0              # nothing was loaded
    loaded = nlp.get_nlp().meta
    assert version == f"{loaded['lang']}_{loaded['name']}-{loaded['version']}"
    folder = tmp_path / "pipeline"
    spacy.blank("en").to_disk(folder)
    blank = spacy.load(folder).meta
    assert nlp.model_version(str(folder)) == f"{blank['lang']}_{blank['name']}-{blank['version']}"
    with pytest.raises(ModelError, match="cannot load"):
        nlp.model_version("no_such_pipeline_xyz")
