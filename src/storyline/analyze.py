"""Per-article analysis after the parse: time, entities, quotes, events.

``analyze`` is the one function both runners (local and Ray) call, so both give
identical records. It never parses: it receives the Doc.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

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


def _guarded(article: Article, doc: Doc) -> Article | Rejection:
    try:
        with time_limit():
            return analyze(article, doc)
    except InputRejected as e:
        return e.rejection(article.path, article.id)
    except Exception as e:  # a bug or a pathological text must not sink the batch
        return Rejection(article.path, article.id, "analyze", "stage-error",
                         f"{type(e).__name__}: {e} -- please report this input with the error")


def analyze_stream(articles: Iterable[Article], store: Store | None = None,
                   n_process: int = 1, batch_size: int = 16) -> Iterator[Article | Rejection]:
    """Parse and analyse a stream of articles with ONE long ``nlp.pipe`` (workers start once).

    Texts whose parse is in the store's DocBin cache are not parsed again; new parses
    are added to the cache. Output order may differ from input order.
    """
    from spacy.tokens import DocBin

    from .nlp import get_nlp, model_version

    nlp = get_nlp()
    model = model_version()
    ready: list[Article | Rejection] = []
    new_cache: list[tuple[str, str, bytes]] = []

    def to_parse() -> Iterator[tuple[str, Article]]:
        buf: list[Article] = []

        def lookup() -> Iterator[tuple[str, Article]]:
            keys = [cache_key(a.text, model) for a in buf]
            cached = store.cached_docs(keys) if store is not None else {}
            if store is not None:
                store.release()
            for a, k in zip(buf, keys):
                if k in cached:
                    doc = next(iter(DocBin().from_bytes(cached[k]).get_docs(nlp.vocab)))
                    ready.append(_guarded(a, doc))
                else:
                    yield a.text, a
            buf.clear()

        for a in articles:
            buf.append(a)
            if len(buf) >= 32:
                yield from lookup()
        yield from lookup()

    for doc, art in nlp.pipe(to_parse(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        if store is not None:
            db = DocBin(store_user_data=False)
            db.add(doc)
            new_cache.append((cache_key(art.text, model), model, db.to_bytes()))
            if len(new_cache) >= 32:
                store.cache_docs(new_cache)
                store.release()
                new_cache.clear()
        ready.append(_guarded(art, doc))
        while ready:
            yield ready.pop(0)
    if store is not None and new_cache:
        store.cache_docs(new_cache)
    while ready:
        yield ready.pop(0)
