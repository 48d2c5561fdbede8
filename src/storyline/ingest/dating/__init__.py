"""Dating a page from the whole text as scraped: candidates (:mod:`.candidates`), what the world knows
about when (:mod:`.knowledge`: offices held, gatherings, explicit years) and the weighed decision
(:mod:`.decide`). :func:`storyline.ingest.published.infer_published` is the entry point."""
from __future__ import annotations

from .decide import date_page

__all__ = ["date_page"]
