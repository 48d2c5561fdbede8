"""Limits per article, so one pathological page cannot stall a run or exhaust memory.

- A time limit (``STORYLINE_ARTICLE_TIMEOUT``, default 30 s). Uses a real-time interval timer
  (SIGALRM), which only works in the main thread of a Unix process; elsewhere the limit is not
  enforced (the work still runs).
- A length limit (``STORYLINE_MAX_CHARS``, default 200,000 characters of cleaned text, about
  35,000 words: five times the longest long-read). spaCy refuses texts over 1,000,000
  characters (E088, which took a whole run down) and its parser's temporary memory grows with
  the text: measured with ``en_core_web_sm``, 50,000 characters peak at 340 MB (1.6 s),
  150,000 at 690 MB (4.3 s), 1,000,000 at 2.9 GB (65 s). Longer articles are rejected before
  the parse, with the limit in the reason; raising the limit past spaCy's is refused.
  The text before cleaning is held to ``PRE_CLEAN_FACTOR`` times the limit, so the cleaner
  never sees megabytes of text that cannot become an article.
"""
from __future__ import annotations

import ctypes
import gc
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import InputRejected

DEFAULT_SECONDS = float(os.environ.get("STORYLINE_ARTICLE_TIMEOUT", "30"))
DEFAULT_MAX_CHARS = 200_000
SPACY_MAX_CHARS = 999_999           # spaCy's nlp.max_length (1,000,000) minus one
PRE_CLEAN_FACTOR = 2


def max_chars() -> int:
    """The longest article text (characters after cleaning) that is parsed."""
    try:
        n = int(os.environ.get("STORYLINE_MAX_CHARS", DEFAULT_MAX_CHARS))
    except ValueError:
        n = DEFAULT_MAX_CHARS
    return max(1, min(n, SPACY_MAX_CHARS))


def check_length(text: str, stage: str = "clean", factor: int = 1) -> None:
    """Reject ``text`` when it is longer than ``factor`` times :func:`max_chars`."""
    limit = max_chars()
    if len(text) > limit * factor:
        over = f"the {limit:,}-character limit" if factor == 1 else f"{factor} times the {limit:,}-character limit"
        raise InputRejected("too-long", f"{len(text):,} characters of text {'after' if factor == 1 else 'before'} "
                                        f"cleaning is over {over} for one article; no news article is that long: "
                                        "split the file, or raise STORYLINE_MAX_CHARS", stage=stage)


@contextmanager
def time_limit(seconds: float | None = None, stage: str = "analyze") -> Iterator[None]:
    seconds = DEFAULT_SECONDS if seconds is None else seconds
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise InputRejected("timeout", f"processing took longer than {seconds:g} s and was stopped; "
                                       "raise STORYLINE_ARTICLE_TIMEOUT if the article is genuine", stage=stage)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def release_memory() -> None:
    """Give freed memory back to the system between large steps (a link chunk, the end of the
    parse): a full collection, then glibc's ``malloc_trim``, which returns the free pages the
    allocator keeps after a peak. Without the trim, a process's resident size only ever grows
    to its largest step plus fragmentation. A no-op where glibc is not the C library."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
