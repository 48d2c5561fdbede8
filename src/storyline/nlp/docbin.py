"""One parsed Doc as the bytes of a one-Doc ``DocBin``: the parse cache's format, written faster.

``DocBin(store_user_data=False, docs=[doc]).to_bytes()`` cost 3.6 ms per 400-word
article, most of it not serialising: ``DocBin.add`` visits every token in Python to
collect nine strings each, and every ``to_bytes`` looks up srsly's msgpack encoders
through the package entry points (``importlib.metadata``). Here the strings come from
the hashes ``Doc.to_array`` gives, unique ones looked up once, and one msgpack packer
(srsly's, with the same encoders) serves the process. The bytes are DocBin's own --
``tests/test_docbin.py`` compares them with ``DocBin.to_bytes`` on the samples and
seeds -- so ``DocBin.from_bytes`` reads them, and a Doc this cannot express (a hash
missing from the string store) falls back to ``DocBin`` itself.
"""
from __future__ import annotations

import zlib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# the per-token strings DocBin.add collects: text, tag_, lemma_, norm_, str(morph), dep_,
# ent_type_, ent_kb_id_, ent_id_ -- as the attributes whose hashes name them
_STRING_ATTRS = ("ORTH", "TAG", "LEMMA", "NORM", "MORPH", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID")
_EMPTY_MORPH = {"_": ""}


@lru_cache(maxsize=1)
def _layout() -> tuple[list[int | str], list[int | str], Any]:
    from spacy.attrs import IDS
    from spacy.tokens import DocBin
    from srsly.msgpack import Packer

    # spaCy infers DocBin.attrs as list[str] from its constructor's argument; it holds attribute ids
    attrs: list[int | str] = DocBin().attrs  # type: ignore[assignment]
    return attrs, [IDS[a] for a in _STRING_ATTRS], Packer(use_bin_type=True)



def doc_bytes(doc: "Doc") -> bytes:
    """``DocBin(store_user_data=False, docs=[doc]).to_bytes()``, byte for byte."""
    from spacy.attrs import SPACY

    attrs, string_attrs, packer = _layout()
    try:
        strings = _strings(doc, string_attrs)
    except KeyError:                     # a hash the store cannot name: let DocBin say what it does
        from spacy.tokens import DocBin

        return DocBin(store_user_data=False, docs=[doc]).to_bytes()
    tokens = doc.to_array(attrs)
    if tokens.ndim == 1:
        tokens = tokens.reshape((tokens.shape[0], 1))
    spaces = np.asarray(doc.to_array(SPACY).reshape((len(doc), 1)), dtype=bool)
    msg = {
        "version": "0.1",
        "attrs": attrs,
        "tokens": np.vstack([tokens]).tobytes("C"),
        "spaces": np.vstack([spaces]).tobytes("C"),
        "lengths": np.asarray([len(tokens)], dtype="int32").tobytes("C"),
        "strings": sorted(strings),
        "cats": [doc.cats],
        "flags": [{"has_unknown_spaces": doc.has_unknown_spaces}],
        "span_groups": [doc.spans.to_bytes()],
    }
    return zlib.compress(packer.pack(msg))


def _strings(doc: "Doc", string_attrs: list[int | str]) -> set[str]:
    store = doc.vocab.strings
    if len(doc):
        columns = doc.to_array(string_attrs)
        morph = _STRING_ATTRS.index("MORPH")
        out = {store[h] for h in np.unique(np.delete(columns, morph, axis=1)).tolist()}
        # str(token.morph) of a token without features is "", though its key names "_"
        out.update(_EMPTY_MORPH.get(m, m) for m in (store[h] for h in np.unique(columns[:, morph]).tolist()))
    else:
        out = set()
    for group in doc.spans.values():
        for span in group:
            out.add(span.label_)
            if span.kb_id in store:
                out.add(span.kb_id_)
            if span.id in store:
                out.add(span.id_)
    return out
