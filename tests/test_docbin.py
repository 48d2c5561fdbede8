"""The parse cache's fast writer gives DocBin's own bytes (storyline.nlp.docbin)."""
from __future__ import annotations

import pytest

from .test_fast_parse import _texts

pytestmark = pytest.mark.model


def test_doc_bytes_are_docbins_bytes_and_read_back() -> None:
    from spacy.tokens import DocBin

    from storyline.nlp import get_nlp
    from storyline.nlp.docbin import doc_bytes

    nlp = get_nlp()
    texts = _texts() + ["", " ", "One.", "\n\nTwo  spaces\tand a tab.\n"]
    for doc in nlp.pipe(texts, batch_size=8):
        expected = DocBin(store_user_data=False, docs=[doc]).to_bytes()
        got = doc_bytes(doc)
        assert got == expected, doc.text[:60]
        back = next(iter(DocBin().from_bytes(got).get_docs(nlp.vocab)))
        assert [(t.text, t.lemma_, t.dep_, t.ent_type_) for t in back] == \
            [(t.text, t.lemma_, t.dep_, t.ent_type_) for t in doc]


def test_span_groups_and_custom_strings_survive() -> None:
    from spacy.tokens import DocBin, Span

    from storyline.nlp import get_nlp
    from storyline.nlp.docbin import doc_bytes

    nlp = get_nlp()
    doc = nlp("Foreign Minister Sergei Lavrov met his counterpart in Tokyo on Monday.")
    doc.spans["people"] = [Span(doc, 2, 4, label="OFFICIAL_XYZ", kb_id="Q_LAVROV")]
    doc[0].lemma_ = "a-lemma-never-seen-before"
    assert doc_bytes(doc) == DocBin(store_user_data=False, docs=[doc]).to_bytes()
