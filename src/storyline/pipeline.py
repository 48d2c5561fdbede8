"""The main job: read inputs, clean and date them, analyse them, store them."""
from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Iterable

from .errors import InputRejected, StorylineError
from .ingest import iter_inputs, load_article, redate
from .limits import time_limit
from .records import Article, RawInput, Rejection
from .store import Store

BATCH = 64


@dataclass
class IngestReport:
    db: str
    ingested: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0


def _progress(total: int, enabled: bool) -> Callable[[int], None]:
    if not enabled or total < 20:
        return lambda n: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="article", file=sys.stderr, desc="ingest")
    return bar.update


def ingest(paths: Iterable[str | os.PathLike[str]], db: str | os.PathLike[str] | None = None, *,
           progress: bool = False, n_process: int | None = None, analyze: bool = True,
           today: dt.date | None = None) -> IngestReport:
    """Ingest every article under ``paths`` into the store at ``db``.

    Idempotent (an article's id is the hash of its raw bytes) and incremental.
    Each batch is written in one transaction.
    """
    from .analyze import analyze_all

    paths = [str(p) for p in paths]
    with Store(db) as store:
        report = IngestReport(db=str(Path(store.path).resolve()))
        raws: list[RawInput] = []
        for item in iter_inputs(paths):
            if isinstance(item, Rejection):
                report.rejected.append(item)
            else:
                raws.append(item)
        known = store.known_ids(r.id for r in raws)
        seen: set[str] = set()
        fresh: list[RawInput] = []
        for r in raws:
            if r.id in known or r.id in seen:
                report.unchanged += 1
            else:
                seen.add(r.id)
                fresh.append(r)

        # pass 1: clean and date (cheap); the corpus's confident years then help undecided ones
        articles: list[Article] = []
        for r in fresh:
            try:
                with time_limit(stage="clean"):
                    articles.append(load_article(r, today=today))
            except InputRejected as e:
                report.rejected.append(e.rejection(r.path, r.id))
        years = set(store.confident_years()) | {a.published.year for a in articles
                                                 if a.published.year and a.published.confidence >= 0.9}
        for a in articles:
            a.published = redate(a, years, today)

        # pass 2: parse and analyse in batches, each batch one transaction
        update = _progress(len(articles), progress)
        procs = n_process if n_process is not None else min(2, os.cpu_count() or 1)
        batch_rejections = [r for r in report.rejected]
        for start in range(0, max(len(articles), 1), BATCH):
            chunk = articles[start:start + BATCH]
            done: list[Article] = []
            for item in (analyze_all(chunk, store, procs) if analyze else chunk):
                if isinstance(item, Rejection):
                    report.rejected.append(item)
                    batch_rejections.append(item)
                else:
                    done.append(item)
            store.write_batch(done, batch_rejections)
            batch_rejections = []
            report.ingested += len(done)
            update(len(chunk))
    return report


__all__ = ["ingest", "IngestReport", "StorylineError"]
