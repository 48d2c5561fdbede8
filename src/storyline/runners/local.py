"""The main job: read inputs, clean and date them, parse and analyse them, store them.

Streaming: inputs are read lazily; articles flow into one long ``nlp.pipe`` (its
worker processes start once per run) and are written in batches of ``BATCH``, one
transaction each. Memory stays bounded by the batch, plus the few articles whose
year is undecided: those wait until the end of the run (on disk, see ``_Spill``), when
the years of every confidently dated article of the corpus can help decide theirs.
"""
from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..analyze import analyze_stream
from ..errors import InputRejected, StorylineError
from ..ingest import iter_inputs, load_article, redate
from ..ingest import repeats
from ..ingest.published import report_weekday
from ..ingest.readers import check_paths
from ..limits import release_memory, time_limit
from ..nlp import release_model
from ..records import Article, IngestReport, RawInput, Rejection, article_from_dict
from ..store import Store
from .link_job import link_pending, relink_all

BATCH = 64
RECYCLE_BATCHES = 8     # the store's connection is reopened every 512 articles (see Store.recycle)
RELEASE_AFTER = 1000    # a run this large gives its model's memory back before linking (small runs keep it)
CONFIDENT = 0.9


class _Progress:
    def __init__(self, enabled: bool):
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(unit="article", file=sys.stderr, desc="ingest", mininterval=0.5, delay=2.0)

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _spool_stdin(paths: list[str], tmpdir: str) -> list[str]:
    """'-' is read once into a file, so that the run can be resumed and reported like any input."""
    out = []
    for p in paths:
        if p == "-":
            data = sys.stdin.buffer.read()
            name = "stdin.jsonl" if data.lstrip().startswith(b"{") else "stdin.txt"
            f = Path(tmpdir) / name
            f.write_bytes(data)
            out.append(str(f))
        else:
            out.append(p)
    return out


class _Spill:
    """Articles set aside until the end of a run, kept in a temporary file rather than in
    memory: a corpus of wire stories without years can set aside a fifth of its articles."""

    def __init__(self, tmpdir: str | None = None):
        self._file = tempfile.TemporaryFile(dir=tmpdir)
        self.count = 0

    def append(self, article: Article) -> None:
        pickle.dump(article, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Article]:
        self._file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._file)

    def close(self) -> None:
        self._file.close()


class _Run:
    """One ingest run: the state the streaming stages share."""

    def __init__(self, store: Store, report: IngestReport, analyze: bool, n_process: int,
                 today: dt.date | None, progress: _Progress):
        self.store, self.report, self.analyze, self.n_process = store, report, analyze, n_process
        self.today, self.progress = today, progress
        self.years: set[int] = set(store.confident_years(CONFIDENT))
        self.undecided = _Spill()
        self.done: list[Article] = []
        self.rejections: list[Rejection] = []
        self.seen: set[str] = set()
        self.batches = 0
        self.repeats = repeats.load(store.con)     # lines each source repeats: furniture (ingest/repeats.py)

    def reject(self, r: Rejection) -> None:
        self.report.rejected.append(r)
        self.rejections.append(r)

    def flush(self, force: bool = False) -> None:
        if force or len(self.done) + len(self.rejections) >= BATCH:
            if self.done or self.rejections:
                self.store.write_batch(self.done, self.rejections)
                self.batches += 1
                if self.batches % RECYCLE_BATCHES == 0:
                    self.store.recycle()    # DuckDB's cache stays the size of a few batches, not of the corpus
                self.store.release()        # readers (the API) may use the file until the next batch
                self.report.ingested += len(self.done)
                self.progress.update(len(self.done))
            self.done, self.rejections = [], []

    def articles(self, paths: list[str]) -> Iterator[Article]:
        """Cleaned and dated articles not yet in the store; undecided years come last."""
        pending: list[RawInput] = []

        def drain() -> Iterator[Article]:
            known = self.store.known_ids(r.id for r in pending)
            self.store.clear_rejections([(r.path, r.id) for r in pending if r.id in known])
            self.store.release()
            for r in {r.id: r for r in pending if r.id not in known and r.id not in self.seen}.values():
                page = repeats.page_of(r)
                if page is not None:
                    self.repeats.observe(*page)
            for r in pending:
                if r.id in known or r.id in self.seen:
                    self.report.unchanged += 1
                    continue
                self.seen.add(r.id)
                try:
                    with time_limit(stage="clean"):
                        a = load_article(r, today=self.today, repeats=self.repeats)
                except InputRejected as e:
                    self.reject(e.rejection(r.path, r.id))
                    continue
                if a.published.year is None and a.published.month and a.published.day:
                    self.undecided.append(a)
                    continue
                if a.published.year and a.published.confidence >= CONFIDENT:
                    self.years.add(a.published.year)
                yield a
            pending.clear()

        for item in iter_inputs(paths):
            if isinstance(item, Rejection):
                self.reject(item)
                continue
            pending.append(item)
            if len(pending) >= BATCH:
                yield from drain()
        yield from drain()
        try:
            for a in self.undecided:
                a.published = redate(a, self.years, self.today)
                yield a
        finally:
            self.undecided.close()

    def run(self, paths: list[str]) -> None:
        stream = self.articles(paths)
        if self.analyze:
            for item in analyze_stream(stream, self.store, self.n_process):
                if isinstance(item, Rejection):
                    self.reject(item)
                else:
                    self.done.append(item)
                self.flush()
        else:
            for a in stream:
                self.done.append(a)
                self.flush()
        self.flush(force=True)
        with self.store.transaction("saving the furniture lines learnt") as con:
            repeats.save(con, self.repeats)


def _default_processes(files: list[str]) -> int:
    """A worker per core for real corpora; one process for a handful of files (workers cost more than they save)."""
    n = 0
    for f in files:
        p = Path(f)
        if p.is_dir():
            n += sum(1 for _ in p.rglob("*"))
        elif p.suffix.lower() in {".jsonl", ".ndjson"}:
            n += 64
        else:
            n += 1
        if n >= 64:
            return os.cpu_count() or 1
    return 1


def ingest(paths: Iterable[str | os.PathLike[str]], db: str | os.PathLike[str] | None = None, *,
           progress: bool = False, n_process: int | None = None, analyze: bool = True, link: bool = True,
           today: dt.date | None = None) -> IngestReport:
    """Ingest every article under ``paths`` into the store at ``db``, then link their events
    across the corpus (``link=False`` leaves that to ``storyline link``).

    Idempotent (an article's id is the hash of its raw bytes) and incremental;
    each batch is written in one transaction, so a killed run loses no stored work.
    Every path is checked first: a missing one raises UsageError before the store is opened.
    """
    given = [os.fspath(p) for p in paths]
    check_paths(given)              # a usage error is found before anything is written
    tmpdir = tempfile.mkdtemp(prefix="storyline-")
    try:
        files = _spool_stdin(given, tmpdir)
        with Store(db, shared=True) as store:
            report = IngestReport(db=str(Path(store.path).resolve()))
            bar = _Progress(progress)
            procs = n_process if n_process is not None else _default_processes(files)
            try:
                _Run(store, report, analyze, procs, today, bar).run(files)
            finally:
                bar.close()
            if analyze and link:
                if report.ingested >= RELEASE_AFTER:
                    release_model()     # the parse is over and linking a large run needs the room
                    release_memory()

                # after the batches, in publication order and chunks: linking each batch as it is
                # written re-decides the later reports of every touched block when inputs are not
                # in date order (measured: 5x the linking time on 400 shuffled articles)
                report.linked = link_pending(store)     # also picks up articles a killed run left unlinked
                store.release()
        return report
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def reanalyze(db: str | os.PathLike[str] | None = None, *, progress: bool = False) -> int:
    """Re-run every stage after the parse over the stored articles, from the parse cache,
    then link the events across articles again.

    For when the analysis stages change: no article is parsed again unless its parse
    is missing from the cache. Returns the number of articles updated.
    """
    with Store(db) as store:
        articles = [article_from_dict(r, report_weekday) for r in store.iter_records()]
        bar = _Progress(progress)
        done: list[Article] = []
        n = 0
        try:
            for item in analyze_stream(iter(articles), store, 1):
                if isinstance(item, Article):
                    done.append(item)
                if len(done) >= BATCH:
                    store.update_records(done)
                    n += len(done)
                    bar.update(len(done))
                    done = []
            store.update_records(done)
            n += len(done)
        finally:
            bar.close()
        relink_all(store)           # the events may have changed: link them all again
        return n


__all__ = ["IngestReport", "StorylineError", "ingest", "reanalyze"]
