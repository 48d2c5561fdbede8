"""Quotes: every direct quotation of an article and who said it.

    extract_quotes(doc, entities, article) -> list[Quote]

``spans`` finds the quoted text (straight and curly marks, quotes running over
sentences, partial quotes); ``attribution`` resolves each speaker to an entity
of the article where it can, else to the phrase that names them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..entities.mentions import doc_text
from ..records import Article, Entity, Quote
from .attribution import Attributor, Speaker
from .spans import QuoteSpan, find_quote_spans, is_short, is_speech

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["extract_quotes", "find_quote_spans", "is_speech"]


def extract_quotes(doc: "Doc", entities: list[Entity], article: Article | None = None) -> list[Quote]:
    """The direct quotations of ``doc`` (the parse of ``article.text``) with their speakers."""
    text = doc_text(doc, article)
    spans = [q for q in find_quote_spans(text) if is_speech(q.text(text))]
    if not spans:
        return []
    attributor = Attributor(doc, entities, spans, text)
    found: list[tuple[QuoteSpan, Speaker | None]] = []
    prev: tuple[QuoteSpan, Speaker | None] | None = None
    for q in spans:
        speaker, how = attributor.speaker_of(q, prev)
        if how in ("none", "subject") and is_short(q.text(text)):
            continue           # a quoted term inside narration ("the "two plus two" format")
        found.append((q, speaker))
        prev = (q, speaker)
    # a paragraph left open continues in the next one, whose attribution covers both
    for k in range(len(found) - 2, -1, -1):
        q, speaker = found[k]
        if speaker is None and q.runs_on and not text[q.close:found[k + 1][0].open].strip():
            found[k] = (q, found[k + 1][1])
    return [Quote(speaker=sp.name if sp else None, speaker_entity=sp.entity.id if sp and sp.entity else None,
                  text=q.text(text), start=q.start, end=q.end) for q, sp in found]
