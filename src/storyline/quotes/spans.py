"""Find the quoted spans of a text, character by character.

Straight quotes open after a space, bracket or start of text and close after a
non-space; curly quotes say which they are. A quote still open at a paragraph
break ends there (the convention for a quote that runs on over paragraphs is to
reopen it in the next one). Single quotes are left alone: inside a double quote
they nest, elsewhere they are mostly apostrophes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import CLOSER_OF, CLOSERS, MIN_WORDS, OPENERS, SHORT_WORDS, STRAIGHT, TITLE_FUNCTION_WORDS

_MARKS = re.compile(r'["“”«»„\n]')
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


@dataclass(frozen=True)
class QuoteSpan:
    open: int          # index of the opening mark
    close: int         # index of the closing mark, or of the paragraph end for an unclosed quote
    start: int         # content, whitespace trimmed
    end: int
    runs_on: bool = False   # left open at a paragraph break: the next paragraph's quote continues it

    def text(self, source: str) -> str:
        return source[self.start:self.end]


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:;,/") and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span of ``text`` in order (any length; see ``is_speech``)."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_mark = ""
    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            if open_at is not None and text[open_at + 1:i].strip():
                _emit(spans, text, open_at, i, runs_on=True)
            open_at = None
            continue
        if open_at is None:
            if ch in OPENERS or (ch == STRAIGHT and _opens(text, i)):
                open_at, open_mark = i, ch
            continue
        if ch == STRAIGHT:
            if open_mark == STRAIGHT and _closes(text, i):
                _emit(spans, text, open_at, i)
                open_at = None
            elif open_mark != STRAIGHT and _closes(text, i):
                _emit(spans, text, open_at, i)
                open_at = None
        elif ch in CLOSERS or ch in CLOSER_OF.get(open_mark, ""):
            _emit(spans, text, open_at, i)
            open_at = None
    if open_at is not None and text[open_at + 1:].strip():
        _emit(spans, text, open_at, len(text))
    return spans


def _emit(spans: list[QuoteSpan], text: str, open_at: int, close_at: int, runs_on: bool = False) -> None:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(QuoteSpan(open_at, close_at, start, end, runs_on))


def is_speech(content: str) -> bool:
    """Whether quoted content is speech rather than a quoted term or a title.

    Terms of one or two words are not speech; neither is a short run of
    capitalised words with no sentence punctuation ("Power of Siberia"), a final
    full stop or comma aside (devreal: a television show's name in quotes was a quote).
    """
    words = _WORD.findall(content)
    if len(words) < MIN_WORDS:
        return False
    # a title keeps the full stop or comma that American style puts inside the closing mark ("The Late Show.")
    if len(words) <= 6 and not re.search(r"[.,;:!?]", content.rstrip().rstrip(".,")):
        if all(w[0].isupper() or w.casefold() in TITLE_FUNCTION_WORDS for w in words):
            return False
    return True


def is_short(content: str) -> bool:
    """A short quoted phrase with no sentence punctuation: speech only when a verb of saying claims it."""
    return len(_WORD.findall(content)) <= SHORT_WORDS and not re.search(r"[.!?;]", content)
