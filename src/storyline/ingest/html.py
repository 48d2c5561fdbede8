"""HTML pages: main text and metadata through trafilatura.

trafilatura's own date guess is not used: with no date metadata it may take a
copyright footer's year. We read the page's explicit date metadata ourselves
and otherwise let the dateline logic decide.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..dates import DateValue
from ..errors import InputRejected

_META_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
                   "publishdate", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date", "dcterms.created")
_META = re.compile(r"<meta\s+[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_TIME_TAG = re.compile(r"""<time[^>]+datetime=["']([^"']+)["']""", re.I)


@dataclass
class HtmlParts:
    text: str
    title: str | None
    url: str | None
    meta_date: dt.date | None
    sitename: str | None


def _meta_date(html: str) -> dt.date | None:
    for tag in _META.findall(html[:200_000]):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _META_DATE_KEYS and attrs.get("content"):
            v = DateValue.in_stamp(attrs["content"])
            if v:
                return v.date
    m = _TIME_TAG.search(html[:200_000])
    v = DateValue.in_stamp(m.group(1)) if m else None
    return v.date if v else None


def read_html(html: str, url: str | None = None) -> HtmlParts:
    """Main text and metadata of one HTML page."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as e:  # trafilatura raises many kinds on broken markup
        raise InputRejected("unparsable", f"the HTML could not be parsed ({type(e).__name__}: {e})", stage="read") from e
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        text = _plain_text(html)      # trafilatura gives up on some small or broken pages
    if not text.strip():
        raise InputRejected("no-text", "no article text found in the HTML page (only navigation or markup?)", stage="read")
    page_url = url or (getattr(doc, "url", None) if doc is not None else None)
    return HtmlParts(text=text, title=getattr(doc, "title", None) if doc is not None else None, url=page_url,
                     meta_date=_meta_date(html), sitename=getattr(doc, "sitename", None) if doc is not None else None)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DROP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "title", "head")


def _plain_text(html: str) -> str:
    """The visible text of a page, paragraph by paragraph, when trafilatura finds no main text."""
    import lxml.html
    from lxml import etree

    html = _CONTROL.sub(" ", html)
    blocks: list[str] = []
    try:
        root = lxml.html.fromstring(html)
        for el in root.xpath("//" + " | //".join(_DROP_TAGS)):
            el.drop_tree()
        blocks = [" ".join(el.text_content().split()) for el in root.xpath("//p | //h1 | //h2 | //li")]
        if not any(blocks):
            blocks = [" ".join(root.text_content().split())]
    except (etree.Error, ValueError):
        blocks = []
    if not any(blocks):   # markup too broken for a tree (an unclosed <title> swallows the page): strip tags
        bare = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", html)
        blocks = [" ".join(re.sub(r"<[^>]*>?", " ", bare).split())]
    return "\n\n".join(b for b in blocks if b)
