"""One input as the text its reader sees: the one place that turns each shape of page into plain text.

An input comes as a text file (spaced, packed, hard-wrapped, a text browser's dump, with HTML entities
left in), a Markdown file, an HTML page or a JSON record holding either. ``read_page`` decodes it and
hands back the text the cleaner reads (``text``), the text the dating reads (``page``: for HTML every
visible block, stamps and captions included), and what the markup itself tells (title, URL, the date
meta, the site's name). ``load_article`` and the repeated-line learner (``repeats.py``) both read pages
through it, so the lines a source is learnt to repeat are the lines the cleaner will see.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import InputRejected
from ..records import RawInput
from .decode import decode_bytes, normalise_text, unescape_entities
from .dump import looks_dump, read_dump
from .html import printed_title, read_html
from .markdown import looks_markdown, read_markdown
from .readers import MAX_BYTES
from .unwrap import unwrap


@dataclass
class Page:
    text: str                       # what the cleaner reads
    page: str                       # what the dating reads (the whole page as scraped)
    title: str | None = None        # a headline the input's metadata or markup gives
    url: str | None = None
    html_date: dt.date | None = None
    sitename: str | None = None


def read_page(raw: RawInput) -> Page:
    """The text of one input, whatever its shape. Raises InputRejected (empty, too large, undecodable,
    unparsable HTML)."""
    meta = raw.meta
    body_in = meta.get("body")
    if isinstance(body_in, str):
        text = body_in
        if not text.strip():
            raise InputRejected("empty", "the JSON line's text/html field is empty")
        if len(text) > MAX_BYTES:
            raise InputRejected("too-large", f"{len(text):,} characters is over the limit for one article")
        text = normalise_text(text)
    else:
        text = decode_bytes(raw.data)
    title = meta.get("headline")
    if raw.kind == "html":
        parts = read_html(text, meta.get("url"))
        # the cleaner reads the page's visible text as it reads a scraped text file (trafilatura's main text
        # only when that is empty); the dating reads all of it, links included (see ``html.py``)
        clean = normalise_text(parts.reader_text or parts.text)
        whole = normalise_text(parts.page) if parts.page else clean
        return Page(clean, whole, title or printed_title(parts.title, parts.page), parts.url, parts.meta_date,
                    parts.sitename)
    text = unescape_entities(text)                      # "Putin&#8217;s" in a feed's text
    if raw.kind == "markdown" or looks_markdown(text):
        text, md_title = read_markdown(text)
        title = title or md_title
    elif looks_dump(text):
        text = read_dump(unwrap(text))                  # joined while the line lengths still show the wraps
    text = unwrap(text)                                 # a hard-wrapped page read as the lines it was
    return Page(text, text, title, meta.get("url"))
