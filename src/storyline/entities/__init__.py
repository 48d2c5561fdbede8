"""Entities: who and what an article names, one record per referent.

    extract_entities(doc, article) -> list[Entity]
    canonical_key(name) -> str                  # cross-article key for a person's name
    propagate_countries(articles) -> int        # fill unknown person countries from other articles

Candidates come from spaCy's entities, an outlet table and a gazetteer
(``mentions``); ``resolve`` clusters them, reads titles (``roles``) and assigns
countries (``geo``). Word lists are data: ``patterns.py`` and ``data/*.json``.
"""
from __future__ import annotations

from .geo import gazetteer
from .names import canonical_key, propagate_countries
from .resolve import extract_entities

__all__ = ["extract_entities", "canonical_key", "gazetteer", "propagate_countries"]
