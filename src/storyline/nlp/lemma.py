"""A rule lemmatizer that gives spaCy's lemmas with one dictionary lookup per token.

spaCy's ``Lemmatizer`` in ``rule`` mode already caches a lemma per (word, POS,
morphology), but reaches the cache through a Python ``Token`` object per token, its
``morph`` and the ``lemma_`` setter: 3.3 ms of a 67 ms parse of a 400-word article,
the cost of the loop, not of lemmatizing. This one reads the three keys of every
token at once (``Doc.to_array``), looks each up in its own cache, asks the stock
``lemmatize`` only on a miss, and writes the lemmas back at once (``Doc.from_array``).
A rule lemma is a pure function of those three keys (the lookup tables and rules are
fixed once loaded), so the output is the stock component's; ``tests/test_fast_parse.py``
compares every token's lemma on the samples and seeds.

Applied by switching the class of the loaded component (the tables, config and name
stay), only for the stock English or generic lemmatizer in ``rule`` mode.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import Lemmatizer

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc


class _ArrayLemmas:
    """``__call__`` over arrays; mixed into the stock classes below."""

    _lemma_ids: dict[tuple[int, int, int], int]

    def __call__(self, doc: "Doc") -> "Doc":
        if not self._validated:  # type: ignore[attr-defined]
            self._validate_tables(Errors.E1004)  # type: ignore[attr-defined]
        if self.mode != "rule" or not len(doc):  # type: ignore[attr-defined]
            return super().__call__(doc)  # type: ignore[misc]
        cache = self.__dict__.setdefault("_lemma_ids", {})
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        strings = doc.vocab.strings
        overwrite = self.overwrite  # type: ignore[attr-defined]
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                lemma = cache.get(key)
                if lemma is None:
                    lemma = cache[key] = strings.add(self.lemmatize(doc[i])[0])  # type: ignore[attr-defined]
            lemmas.append(lemma)
        # spaCy's stub asks for thinc's Ints2d, a typing-only alias that no numpy array matches
        doc.from_array([LEMMA], np.asarray(lemmas, dtype=np.uint64).reshape(-1, 1))  # type: ignore[arg-type]
        return doc


class ArrayLemmatizer(_ArrayLemmas, Lemmatizer):
    pass


class ArrayEnglishLemmatizer(_ArrayLemmas, EnglishLemmatizer):
    pass


_SWAP: dict[type, type] = {Lemmatizer: ArrayLemmatizer, EnglishLemmatizer: ArrayEnglishLemmatizer}


def use_array_lemmatizer(nlp: "Language", name: str = "lemmatizer") -> bool:
    """Make the pipe ``name`` look its lemmas up per array (in place). True when it does now;
    False when the component is absent, in another mode, or not a stock rule lemmatizer."""
    if name not in nlp.pipe_names:
        return False
    pipe = nlp.get_pipe(name)
    if isinstance(pipe, _ArrayLemmas):
        return True
    swap = _SWAP.get(type(pipe))
    if swap is None or getattr(pipe, "mode", None) != "rule":
        return False
    pipe.__class__ = swap
    return True
