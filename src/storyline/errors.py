"""The one exception tree of Storyline.

    StorylineError                 base; every message says what was wrong and how to fix it
    ├── UsageError                 bad arguments or options (CLI exit code 2)
    ├── InputRejected              one input cannot be used; carries a Rejection record
    ├── StoreError                 the database cannot be opened, migrated or written
    │   └── StoreBusyError         another process holds the write lock; try again shortly
    └── ModelError                 the spaCy pipeline cannot be loaded
"""
from __future__ import annotations

from .records import Rejection


class StorylineError(Exception):
    """Base class of every error Storyline raises on purpose."""


class UsageError(StorylineError):
    """The caller asked for something impossible (bad path, unknown format...)."""


class InputRejected(StorylineError):
    """An input is unusable. ``code`` is a short machine tag, ``detail`` says why and what to do."""

    def __init__(self, code: str, detail: str, stage: str = "read"):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.stage = stage

    def rejection(self, path: str, input_id: str) -> Rejection:
        return Rejection(path=path, input_id=input_id, stage=self.stage, code=self.code, detail=self.detail)


class StoreError(StorylineError):
    """The store cannot be opened, migrated or written."""


class StoreBusyError(StoreError):
    """Another process is writing to the database and holds its lock; try again shortly."""


class ModelError(StorylineError):
    """The spaCy pipeline named by STORYLINE_MODEL cannot be loaded."""
