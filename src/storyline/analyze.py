"""Per-article analysis after the parse: time, entities, quotes, events.

``analyze`` is the one function both runners (local and Ray) call, so both give
identical records. It never parses: it receives the Doc.
"""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING
from collections.abc import Iterable, Iterator

from .errors import InputRejected
from .limits import time_limit
from .records import Article, Rejection

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .store import Store


def analyze(article: Article, doc: "Doc") -> Article:
    """Fill timexes, entities, quotes and events of ``article`` from its parsed text."""
    import importlib

    def stage(module: str, name: str):  # stages still being written yield nothing yet
        fn = getattr(importlib.import_module(f"storyline.{module}"), name, None)
        return fn if fn is not None else (lambda *a, **k: [])

    article.timexes = stage("time", "find_timexes")(article.text, article.published, doc)
    article.entities = stage("entities", "extract_entities")(doc, article)
    article.quotes = stage("quotes", "extract_quotes")(doc, article.entities, article)
    article.events = stage("events", "extract_events")(doc, article)
    return article


def cache_key(text: str, model: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + ":" + model


def parse_with_cache(texts: list[str], store: "Store | None", n_process: int = 1) -> Iterator["Doc"]:
    """Docs for ``texts`` in order: from the store's DocBin cache where present, else parsed and cached."""
    from spacy.tokens import DocBin

    from .nlp import get_nlp, model_version

    nlp = get_nlp()
    model = model_version()
    keys = [cache_key(t, model) for t in texts]
    cached = store.cached_docs(keys) if store is not None else {}
    todo = [i for i, k in enumerate(keys) if k not in cached]
    parsed: dict[int, "Doc"] = {}
    if todo:
        procs = n_process if len(todo) >= 32 else 1
        new_items = []
        for i, doc in zip(todo, nlp.pipe((texts[i] for i in todo), n_process=procs, batch_size=16)):
            parsed[i] = doc
            db = DocBin(store_user_data=False)
            db.add(doc)
            new_items.append((keys[i], model, db.to_bytes()))
        if store is not None:
            store.cache_docs(new_items)
    for i, k in enumerate(keys):
        if i in parsed:
            yield parsed[i]
        else:
            yield next(iter(DocBin().from_bytes(cached[k]).get_docs(nlp.vocab)))


def analyze_all(articles: Iterable[Article], store: "Store | None" = None,
                n_process: int = 1) -> Iterator[Article | Rejection]:
    """Analyse each article; one that breaks a stage becomes a Rejection, the batch goes on."""
    arts = list(articles)
    for a, doc in zip(arts, parse_with_cache([a.text for a in arts], store, n_process)):
        try:
            with time_limit():
                done = analyze(a, doc)
            yield done
        except InputRejected as e:
            yield e.rejection(a.path, a.id)
        except Exception as e:  # a bug or a pathological text must not sink the batch
            yield Rejection(a.path, a.id, "analyze", "stage-error",
                            f"{type(e).__name__}: {e} -- please report this input with the error")
