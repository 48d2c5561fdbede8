"""Storyline: news articles in, a chronicle of who did what with whom, when and where out.

The public surface is small and each name is the function behind the CLI verb of the
same name::

    import storyline
    storyline.ingest(["articles/"], "storyline.duckdb")     # read, clean, date, parse, analyse, link
    sl = storyline.open("storyline.duckdb")                 # a read handle: events, event, actors, quotes, search ...
    storyline.export("storyline.duckdb", "jsonl", "out.jsonl")

Names are imported on first use (PEP 562), so ``import storyline`` stays cheap and loads
neither spaCy nor DuckDB. ``storyline.ingest`` is both the verb and the name of the ingest
stage's package: the verb wins as an attribute of this package (importing the stage,
``from storyline.ingest import load_article``, works as ever through ``sys.modules``).
"""
from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import Any

from .version import __version__

# public name -> the module that defines it
_EXPORTS = {
    "ingest": "storyline.runners.local",
    "reanalyze": "storyline.runners.local",
    "IngestReport": "storyline.runners.local",
    "link": "storyline.runners.link_job",
    "export": "storyline.export",
    "open": "storyline.library",
    "Storyline": "storyline.library",
    "Article": "storyline.records",
    "DateValue": "storyline.dates",
    "StorylineError": "storyline.errors",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'storyline' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


class _Package(types.ModuleType):
    """Keeps the public verbs when a stage package of the same name is imported: the import
    system sets every loaded subpackage as an attribute of its parent."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
