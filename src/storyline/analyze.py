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


CACHE_BATCH = 64        # parse-cache lookups and writes go this many articles at a time


def cache_key(text: str, model: str) -> str:
    from .nlp import PIPELINE_RULES

    # the pipeline's own rules (a blank line ends a sentence) change the parse as a model version would
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + ":" + model + "+" + PIPELINE_RULES


def _guarded(article: Article, doc: Doc) -> Article | Rejection:
    try:
        with time_limit():
            return analyze(article, doc)
    except InputRejected as e:
        return e.rejection(article.path, article.id)
    except Exception as e:  # a bug or a pathological text must not sink the batch
        return Rejection(article.path, article.id, "analyze", "stage-error",
                         f"{type(e).__name__}: {e} -- please report this input with the error")


def _parse_and_analyse(articles: list[Article], want_cache: bool,
                       batch_size: int = 16) -> list[tuple[Article | Rejection, bytes | None]]:
    """The whole per-article work after cleaning, in one process: parse, analyse, and the
    DocBin bytes for the parse cache. Runs in the worker processes of ``analyze_stream``."""
    from .nlp import get_nlp
    from .nlp.docbin import doc_bytes

    out: list[tuple[Article | Rejection, bytes | None]] = []
    for doc, art in get_nlp().pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size):
        out.append((_guarded(art, doc), doc_bytes(doc) if want_cache else None))
    return out


def _worker_init() -> None:
    import gc

    from .nlp import get_nlp

    try:
        get_nlp()                  # load the model once per worker (the main process does not hold it)
    except Exception:              # a pool whose initializer fails restarts it forever;
        return                     # the first task loads it again and its error reaches the caller
    gc.freeze()                    # the model's objects are permanent: the collector need not scan them


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    buf: list[Article] = []
    for a in items:
        buf.append(a)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def analyze_stream(articles: Iterable[Article], store: Store | None = None,
                   n_process: int = 1, batch_size: int = 16, chunk: int = 16) -> Iterator[Article | Rejection]:
    """Parse and analyse a stream of articles; yields records in input order.

    With ``n_process > 1`` a pool of worker processes (the model loaded once in each)
    runs the whole per-article work -- parse and every stage after it -- so both cores
    do all of it and no Doc crosses a process boundary; at most ``2 * n_process`` chunks
    are in flight, so memory stays bounded. Texts whose parse is in the store's DocBin
    cache are not parsed again; new parses are added to the cache.
    """
    from spacy.tokens import DocBin

    from .nlp import get_nlp, model_version

    model = model_version()
    buffer: dict[str, tuple[str, str, bytes]] = {}     # new parses not yet in the cache

    def flush(force: bool = False) -> None:
        """Write new parses to the cache, ``CACHE_BATCH`` at a time: one transaction each."""
        if store is not None and buffer and (force or len(buffer) >= CACHE_BATCH):
            store.cache_docs(list(buffer.values()))
            buffer.clear()
            store.release()

    def split(batch: list[Article]) -> tuple[list[Article | Rejection], list[Article]]:
        """Analyse the cached ones here; return (their results, the ones still to parse)."""
        keys = [cache_key(a.text, model) for a in batch]
        cached = {k: buffer[k][2] for k in keys if k in buffer}
        if store is not None:
            cached.update(store.cached_docs([k for k in keys if k not in cached]))
            store.release()
        done: list[Article | Rejection] = []
        todo: list[Article] = []
        for a, k in zip(batch, keys):
            if k in cached:
                doc = next(iter(DocBin().from_bytes(cached[k]).get_docs(get_nlp().vocab)))
                done.append(_guarded(a, doc))
            else:
                todo.append(a)
        return done, todo

    def finish(results: list[tuple[Article | Rejection, bytes | None]]) -> Iterator[Article | Rejection]:
        if store is not None:
            for r, b in results:
                if b is not None and isinstance(r, Article):
                    key = cache_key(r.text, model)
                    buffer[key] = (key, model, b)
            flush()
        for r, _ in results:
            yield r

    if n_process <= 1:
        for batch in _chunks(articles, chunk):
            done, todo = split(batch)
            yield from done
            yield from finish(_parse_and_analyse(todo, store is not None, batch_size))
        flush(force=True)
        return

    import multiprocessing as mp
    from collections import deque

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(n_process, initializer=_worker_init) as pool:
        pending: deque = deque()
        for group in _chunks(articles, CACHE_BATCH):          # one cache lookup per group
            done, todo = split(group)
            yield from done
            for batch in _chunks(todo, chunk):
                pending.append(pool.apply_async(_parse_and_analyse, (batch, store is not None, batch_size)))
                while len(pending) >= 2 * n_process:
                    yield from finish(pending.popleft().get())
        while pending:
            yield from finish(pending.popleft().get())
    flush(force=True)
