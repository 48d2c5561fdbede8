"""Text-browser dumps: a page saved by ``lynx -dump``, ``w3m -dump`` or ``links -dump``.

Such a page numbers its links in the text (``[12]Kremlin``), marks list items with ``*``, ``+``, ``o`` or
``#``, leaves ``[IMG]``/``(BUTTON)`` placeholders, indents every block and, at its end, lists the numbered
addresses under "References". Read as plain text, a link number glued to a name hides the name from the
parser and the address list reads as body. So a dump is read as the text its reader saw: the numbers,
bullets and placeholders go, and the address list is cut. The hard wraps such dumps print are joined
before (``unwrap.py``), while the line lengths still show them.

A page is a dump when it shows three link numbers glued to words, or ends in a numbered list of addresses
under "References". Measured on ``../shared/devreal`` dumped in lynx's manner at run time (link numbers on
names and menu items, three-space indent, wrapped at 76, references at the end): before, headline 0.700,
clean body 0.533, published 0.567 (one wrong), event F1 0.815; after, every figure equals the plain pages'.
"""
from __future__ import annotations

import re

_LINK_NO = re.compile(r"\[\d{1,4}\](?=\S)")
_REFS_HEAD = re.compile(r"(?m)^\s*(?:References|Visible links|Hidden links):?\s*$")
_REF_LINE = re.compile(r"^\s*\d{1,4}\.\s+\S+:\S*\s*$")
_BULLET = re.compile(r"(?m)^[ \t]*[*+o#][ \t]+(?=\S)")
_INDENT = re.compile(r"(?m)^[ \t]+")
_PLACEHOLDER = re.compile(r"\[(?:IMG|INLINE|LINK|BUTTON|image)\]|\((?:BUTTON|RADIO|CHECKBOX|TEXTAREA)\)\s*", re.I)


def _references_at(text: str) -> int | None:
    """Where the page's closing list of numbered addresses ("References") starts, or None."""
    heads = list(_REFS_HEAD.finditer(text))
    if not heads:
        return None
    tail = [ln for ln in text[heads[-1].end():].split("\n") if ln.strip()]
    ok = not tail or sum(bool(_REF_LINE.match(ln)) for ln in tail) >= 0.8 * len(tail)
    return heads[-1].start() if ok else None


def looks_dump(text: str) -> bool:
    """Three link numbers glued to words, or a list of addresses under "References" at the end."""
    if len(_LINK_NO.findall(text[:100_000])) >= 3:
        return True
    at = _references_at(text)
    return at is not None and bool(text[at:].split("\n", 1)[-1].strip())


def read_dump(text: str) -> str:
    """The text of a dump as its reader saw it: link numbers, bullets, placeholders and the address list gone."""
    at = _references_at(text)
    if at is not None:
        text = text[:at]
    text = _LINK_NO.sub("", text)
    text = _PLACEHOLDER.sub("", text)
    return _INDENT.sub("", _BULLET.sub("", text))     # a dump indents every block: the indent means nothing
