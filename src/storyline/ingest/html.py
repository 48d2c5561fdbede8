"""HTML pages: the visible text for the cleaner and the dating, metadata through trafilatura.

The first reader gave the cleaner trafilatura's main text. Measured on ``../shared/devreal`` turned into a
CMS's HTML pages at run time (nav, h1, p, other lines in divs, footer): published 0.433 (one wrong),
headline 0.767, clean body 0.833, event dates 0.500 against 0.733 / 1.000 / 1.000 / 0.740 for the same
pages as text. The extractor (favouring precision) drops the short blocks that carry a page's date -- the
stamp, the dateline, the byline -- and some last paragraphs. So now the page is read as a reader sees it
(``visible_text``): the cleaner reads it one block a line, as it reads a scraped text file, without the
blocks the markup names as chrome (nav, footer, aside, figures and captions, short link-only blocks, short
boxes whose class says caption, byline, share ...); the dating reads all of it. trafilatura still gives
the title, the site's name and the URL, and the text when the visible text is empty. The page's title is
used as the headline only where the page prints it (``printed_title``). After: every devreal figure of the
HTML pages equals the text pages'; the samples' HTML pages score as before.

trafilatura's own date guess is not used: with no date metadata it may take a
copyright footer's year. We read the page's explicit date metadata ourselves
and otherwise let the page's text decide.
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
    page: str = ""              # the whole visible text, block by block (see ``visible_text``): dating reads it
    reader_text: str = ""       # the same without blocks of link text only: the cleaner reads it


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
                     meta_date=_meta_date(html), sitename=getattr(doc, "sitename", None) if doc is not None else None,
                     page=visible_text(html), reader_text=visible_text(html, links=False))


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


_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "head", "title", "object", "canvas")
_CHROME_TAGS = ("nav", "footer", "aside", "form", "button", "select")
_BLOCK_TAGS = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr td th section article header main figure "
                        "figcaption blockquote pre address time hr".split())


def visible_text(html: str, links: bool = True) -> str:
    """What a reader of the page sees, one block a line and blocks apart by an empty line, without the
    page's navigation, footer and asides (their tags say what they are). With ``links=False`` (the text the
    cleaner reads) figures and their captions are left out, and so is a short block that is all link text (a
    menu entry, a promo, a related headline: no paragraph of a story is), as jusText's link density rule
    does; headings stay (a headline may be a link to itself)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(_CONTROL.sub(" ", html))
    except (etree.Error, ValueError):
        return ""
    for el in root.xpath("//" + " | //".join(_INVISIBLE_TAGS + _CHROME_TAGS)):
        el.drop_tree()
    if not links:
        for el in root.xpath("//figure | //figcaption | //picture"):
            el.drop_tree()              # a photo and its caption: never the story's text (dating keeps them)
        for el in list(root.iter()):
            # a short box whose class names what it is: "caption", "byline", "entry-meta", "share-tools" ...
            names = f"{el.get('class') or ''} {el.get('id') or ''}" if isinstance(el.tag, str) else ""
            if (names.strip() and _BOX_NAME.search(names) and el.getparent() is not None
                    and len(el.text_content().split()) <= BOX_WORDS):
                el.drop_tree()
        for el in list(root.iter(*_LINKABLE)):
            if el.getparent() is None or any(c.tag in _BLOCK_TAGS for c in el.iterdescendants() if isinstance(c.tag, str)):
                continue
            words = el.text_content().split()
            linked = sum(len(a.text_content().split()) for a in el.iter("a"))
            if words and len(words) <= LINK_BLOCK_WORDS and linked >= 0.8 * len(words):
                el.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    lines = [" ".join(ln.split()) for ln in root.text_content().split("\n")]
    if links:
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    # for the cleaner, one block a line and no empty lines: blocks of markup are not paragraphs apart by
    # space as a text file's are, and the packed reading (``lines.py``) keeps a label next to its caption
    return "\n".join(ln for ln in lines if ln)


LINK_BLOCK_WORDS = 15      # a block of link text this short is navigation, a promo or a related headline
BOX_WORDS = 40             # a box named as furniture by its class is left out only up to this size (a container
                           # of the whole story may carry such a name too: "post has-comments")
_BOX_NAME = re.compile(r"(?:^|[\s_-])(?:caption|credits?|byline|share|sharing|social|related|promo|newsletter|"
                       r"breadcrumbs?|comments?|advert\w*|ads?|sponsor\w*|subscribe|subscription|meta|tags|"
                       r"toolbar|tools)(?:$|[\s_-])", re.I)
_LINKABLE = ("p", "div", "li", "span", "dt", "dd", "td", "section")


_BAR = re.compile(r"\s+[|•·:–—-]{1,2}\s+")


def printed_title(title: str | None, page: str) -> str | None:
    """The page's title as the page prints it: the whole title, or one part of a title bar ("Headline | Site"),
    that stands as a line of the visible text; None when the page prints neither (a title that is only the
    site's name, or an SEO title the page never shows), so the cleaner takes the headline from the text."""
    if not title or not title.strip():
        return None
    shown = {" ".join(ln.split()).casefold() for ln in page.split("\n") if ln.strip()}
    for cand in [title, *_BAR.split(title)]:
        if " ".join(cand.split()).casefold() in shown:
            return cand.strip()
    return None
