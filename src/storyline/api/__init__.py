"""Read-only access to a store for people and programs.

- ``storyline.api.queries``: the library (articles, events with their lifecycle,
  actors, quotes, full-text search, monthly counts, stats); the CLI's reading verbs
  and the web API both call it.
- ``storyline.api.app``: ``create_app(db)`` (FastAPI) and ``serve(db)`` (uvicorn on
  127.0.0.1), serving the JSON API, ``/openapi.json``, a local ``/docs`` page and the
  page of ``storyline/web/static``.

Importing this package does not import FastAPI; only ``storyline.api.app`` does.
"""
from __future__ import annotations

from . import queries

__all__ = ["queries"]
