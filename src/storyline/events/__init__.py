"""Events: every interaction between political actors an article reports, coded in PLOVER.

    extract_events(doc, article) -> list[Event]

Runs on the article's parse after the time, entities and quotes stages have
filled ``article.timexes``, ``article.entities`` and ``article.quotes``.

Modules, in pipeline order: ``lexicon`` (the trigger senses of
``data/triggers.json``) and ``patterns`` (closed word classes) are data;
``index`` maps tokens to entities, times and quotes once per article;
``frames`` finds triggers and the phrases filling their roles; ``actors``
resolves those phrases to countries and people; ``when`` gives date, place,
mode, evidence and attribution; ``status`` reads tense, modality and hedges;
``derived`` reads events told by constructions rather than one word (demands,
invitations to a place, "first visit since", stops on the way, the dateline's
scene); ``merge`` keeps one event per happening; ``extract`` runs them in order.
"""
from __future__ import annotations

from .extract import extract_events
from .lexicon import lexicon

__all__ = ["extract_events", "lexicon"]
