"""Per-article analysis after the parse: time, entities, quotes, events.

``analyze`` is the one function both runners (local and Ray) call, so both give
identical records. It never parses: it receives the Doc.

The stages are declared, in the spirit of spaCy's ``Language.factory(requires=...,
assigns=...)``: each :class:`Stage` names the article fields it reads and the one field
it fills, and all share one signature, ``run(doc, article) -> list``. :data:`STAGES` is
the product's central dispatch as plain imports (an IDE, a reader and the import graph
can follow it); :func:`check_order` proves once, at import, that every field a stage
reads is filled by ingest or an earlier stage, so a misordered or missing stage is an
error at start-up, not an article with silently empty fields. A stage that raises makes
the article a rejection with the stage's name (``_guarded``), never an empty result.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .entities import extract_entities
from .errors import InputRejected
from .events import extract_events
from .limits import time_limit
from .nlp import PIPELINE_RULES, get_nlp, model_version, pipe_bounded
from .nlp.docbin import doc_bytes
from .quotes import extract_quotes
from .records import Article, Rejection
from .time import find_timexes

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .store import Store

# what ingest has filled before any analysis stage runs (records.Article fields)
INGEST_FIELDS = frozenset({"id", "path", "source", "url", "headline", "lead", "dateline", "published", "text"})


@dataclass(frozen=True)
class Stage:
    """One analysis stage: reads ``requires`` of the article (and the Doc), fills ``assigns``."""
    name: str
    requires: tuple[str, ...]
    assigns: str
    run: Callable[["Doc", Article], list[Any]]


STAGES: tuple[Stage, ...] = (
    Stage("time", ("text", "published"), "timexes",
          lambda doc, a: find_timexes(a.text, a.published, doc)),
    Stage("entities", ("text", "dateline", "published"), "entities",
          lambda doc, a: extract_entities(doc, a)),
    Stage("quotes", ("text", "entities"), "quotes",
          lambda doc, a: extract_quotes(doc, a.entities, a)),
    Stage("events", ("text", "published", "entities", "timexes", "quotes"), "events",
          lambda doc, a: extract_events(doc, a)),
)


class StageOrderError(RuntimeError):
    """The declared stages cannot run in their order: a field is read before any stage fills it."""


def check_order(stages: Iterable[Stage] = STAGES, given: Iterable[str] = INGEST_FIELDS) -> None:
    """Raise :class:`StageOrderError` unless every stage's inputs are filled before it runs."""
    filled = set(given)
    fields = set(Article.__dataclass_fields__)
    for stage in stages:
        missing = [f for f in stage.requires if f not in filled]
        if missing:
            raise StageOrderError(f"stage {stage.name!r} reads {', '.join(missing)}, which no earlier stage "
                                  "assigns: reorder STAGES in storyline/analyze.py or declare the field")
        if stage.assigns not in fields:
            raise StageOrderError(f"stage {stage.name!r} assigns {stage.assigns!r}, which is not a field of Article")
        filled.add(stage.assigns)


check_order()


class StageFailed(Exception):
    """A stage raised on one article; carries the stage's name so the rejection says where."""

    def __init__(self, stage: str, error: Exception):
        super().__init__(f"{type(error).__name__}: {error}")
        self.stage = stage


def analyze(article: Article, doc: "Doc") -> Article:
    """Run every declared stage on ``article`` in order, filling its fields from the parsed text."""
    for stage in STAGES:
        try:
            setattr(article, stage.assigns, stage.run(doc, article))
        except InputRejected:
            raise
        except Exception as e:
            raise StageFailed(stage.name, e) from e
    return article


CACHE_BATCH = 64        # parse-cache lookups and writes go this many articles at a time


def cache_key(text: str, model: str) -> str:
    # the pipeline's own rules (a blank line ends a sentence) change the parse as a model version would
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + ":" + model + "+" + PIPELINE_RULES


def _guarded(article: Article, doc: Doc) -> Article | Rejection:
    try:
        with time_limit():
            return analyze(article, doc)
    except InputRejected as e:
        return e.rejection(article.path, article.id)
    except StageFailed as e:  # a bug or a pathological text must not sink the batch
        return Rejection(article.path, article.id, e.stage, "stage-error",
                         f"{e} -- please report this input with the error")
    except Exception as e:  # a bug or a pathological text must not sink the batch
        return Rejection(article.path, article.id, "analyze", "stage-error",
                         f"{type(e).__name__}: {e} -- please report this input with the error")


def _parse_and_analyse(articles: list[Article], want_cache: bool,
                       batch_size: int = 16) -> list[tuple[Article | Rejection, bytes | None]]:
    """The whole per-article work after cleaning, in one process: parse, analyse, and the
    DocBin bytes for the parse cache. Runs in the worker processes of ``analyze_stream``."""
    out: list[tuple[Article | Rejection, bytes | None]] = []
    for doc, art in pipe_bounded(get_nlp(), ((a.text, a) for a in articles), batch_size=batch_size):
        out.append((_guarded(art, doc), doc_bytes(doc) if want_cache else None))
    return out


def _worker_init() -> None:
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
