"""A time limit per article, so one pathological page cannot stall a run.

Uses a real-time interval timer (SIGALRM), which only works in the main thread
of a Unix process; elsewhere the limit is not enforced (the work still runs).
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import InputRejected

DEFAULT_SECONDS = float(os.environ.get("STORYLINE_ARTICLE_TIMEOUT", "30"))


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
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
