"""Markdown pages: the plain text a reader sees, block by block, and the first-level heading as the title.

Scrapers and reader services increasingly save pages as Markdown (``# Title``, ``[link text](url)``,
``![photo](src)``, ``* menu item``). Read as plain text, the markup is noise in every later stage: a link
inside a sentence splits a name from its URL, a menu of links looks like prose, and the body keeps
brackets and addresses. So a Markdown page is turned into the plain text the rest of ingest reads
best -- blocks apart by an empty line, list items one per line, links and emphasis as their words, an
image as its alt text on a line of its own (a caption) -- and its first ``#`` heading is the page's title.

Parsing is ``markdown-it-py`` (CommonMark, the parser ``rich`` already brings); only its token stream is
used, no HTML is rendered. A ``.md``/``.markdown`` file is Markdown; a text file or JSON line is read as
Markdown when it shows the markup (``looks_markdown``): a ``#`` heading line, or three links or images.

Measured on ``../shared/devreal`` turned into Markdown at run time (heading, menu items and a link in
each long paragraph): before, headline 0.267, clean body 0.133, published 0.600 (one wrong), event F1
0.817; after, every figure equals the plain pages' (``tests/ingest/test_page_shapes_devreal.py``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_HEADING = re.compile(r"^#{1,6} \S", re.M)
_LINK = re.compile(r"!?\[[^\]\n]{1,300}\]\((?:https?://|/|\.\.?/|www\.)[^)\s]*\)")


def looks_markdown(text: str) -> bool:
    """The page shows Markdown markup: a ``#`` heading line, or at least three links or images."""
    head = text[:100_000]
    return bool(_HEADING.search(head)) or len(_LINK.findall(head, 0)) >= 3


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _inline(token: Any) -> list[str]:
    """The words of one inline token as lines: a soft or hard break starts a new line (the page's own
    lines, which the cleaner reads); an image is its alt text, on its own line."""
    lines, cur = [], []
    for child in token.children or ():
        t = child.type
        if t in ("text", "code_inline"):
            cur.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            lines.append("".join(cur))
            cur = []
        elif t == "image":
            alt = "".join(c.content for c in child.children or ()) or child.content
            if "".join(cur).strip():
                lines.append("".join(cur))
            lines.append(alt)
            cur = []
    lines.append("".join(cur))
    return [ln.strip() for ln in lines if ln.strip()]


def read_markdown(text: str) -> tuple[str, str | None]:
    """(plain text, title) of a Markdown page; the title is the first first-level heading's text."""
    blocks: list[list[str]] = []
    title: str | None = None
    heading: str | None = None
    in_list = 0
    for tok in _parser().parse(text):
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            in_list += 1
            blocks.append([])
        elif t in ("bullet_list_close", "ordered_list_close"):
            in_list -= 1
        elif t == "heading_open":
            heading = tok.tag
        elif t == "inline":
            lines = _inline(tok)
            if heading == "h1" and title is None and lines:
                title = " ".join(lines)
            if in_list and blocks:
                blocks[-1].extend(lines)            # a list: one item a line, the whole list one block
            else:
                blocks.append(lines)
            heading = None
        elif t in ("fence", "code_block", "html_block"):
            content = re.sub(r"<[^>]*>", " ", tok.content) if t == "html_block" else tok.content
            blocks.append([ln.strip() for ln in content.split("\n") if ln.strip()])
    return "\n\n".join("\n".join(b) for b in blocks if b), title
