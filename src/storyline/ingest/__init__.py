"""Ingest stage: raw inputs to cleaned, dated :class:`Article` records (no NLP yet)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict
from pathlib import Path
from collections.abc import Iterable

from ..errors import InputRejected
from ..limits import PRE_CLEAN_FACTOR, check_length
from ..records import Article, Dateline, Published, RawInput
from .clean import clean_text
from .page import read_page
from .published import infer_published
from .readers import iter_inputs
from .repeats import RepeatMemory, site_of

__all__ = ["load_article", "iter_inputs", "redate", "read_file"]

MIN_WORDS = 15
# the commonest English function words: a page with almost none of them is not English prose
_ENGLISH = frozenset("the of and to in a is that for on with as by was said at from it his an be has have are not this "
                     "will were which its their he they had would but been also who after".split())
_WORD = re.compile(r"[^\W\d_]+")


def _check_english(text: str) -> None:
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        raise InputRejected("too-short", f"only {len(words)} words of text after cleaning (need {MIN_WORDS}); "
                                         "is it only page furniture?", stage="clean")
    share = sum(w in _ENGLISH for w in words) / len(words)
    if share < 0.08:
        raise InputRejected("not-english", f"the text does not look like English ({share:.0%} common English words); "
                                           "Storyline reads English articles only", stage="clean")


def load_article(raw: RawInput, corpus_years: Iterable[int] = (), today: dt.date | None = None,
                 repeats: RepeatMemory | None = None) -> Article:
    """Decode, extract, clean and date one input. Raises InputRejected.

    ``repeats`` holds the lines each source prints on many pages (``repeats.py``)."""
    meta = raw.meta
    read = read_page(raw)
    text_in, url, title, sitename = read.text, read.url, read.title, read.sitename
    check_length(text_in, factor=PRE_CLEAN_FACTOR)      # the cleaner never sees megabytes of non-article
    known = repeats.known(site_of(url, meta.get("source"))) if repeats is not None else None
    cleaned = clean_text(text_in, title_hint=title, known=known)
    check_length(cleaned.body)                          # nor the parser an over-long text (limits.py)
    _check_english(cleaned.body)
    if sitename and (len(sitename) > 40 or sitename == title):
        sitename = None          # some pages put the title where the site name belongs
    source = meta.get("source") or cleaned.source or sitename
    published = infer_published(dateline=cleaned.dateline, body=cleaned.body, page=read.page,
                                meta_published=meta.get("published"),
                                header_date=cleaned.header_date, html_date=read.html_date, url=url,
                                corpus_years=corpus_years, today=today)
    return Article(id=raw.id, path=raw.path, source=source, headline=cleaned.headline, lead=cleaned.lead,
                   dateline=cleaned.dateline, published=published, text=cleaned.body, url=url,
                   removed=[asdict(r) for r in cleaned.removed])


def redate(article: Article, corpus_years: Iterable[int], today: dt.date | None = None) -> Published:
    """Infer an undecided year again, now with the corpus's other dates as evidence: the month and day
    the page gave (a dateline, an app stamp, a caption) stand in for the page, which is not kept."""
    p = article.published
    if p.year is not None or not p.month or not p.day:
        return p
    dl = Dateline(place=None, text=None, agency=None, month=p.month, day=p.day)
    again = infer_published(dateline=dl, body=article.text, corpus_years=corpus_years, today=today)
    return again if again.year is not None else p


def read_file(path: str | Path) -> Article:
    """Convenience for tests and notebooks: the first article of one file."""
    for item in iter_inputs([path]):
        if isinstance(item, RawInput):
            return load_article(item)
        raise InputRejected(item.code, item.detail, item.stage)
    raise InputRejected("empty", f"{path} holds no article")


_ = Published  # re-exported type for callers' annotations
