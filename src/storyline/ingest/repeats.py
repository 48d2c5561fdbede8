"""Lines a source prints on many of its pages: furniture learnt from the corpus itself.

A menu entry, a masthead, a "Related coverage" header or an app banner recurs on
page after page of one outlet, while a story's own lines do not. Counting, per
source, on how many pages each short line occurs finds that furniture without
naming it anywhere: a line on at least ``MIN_PAGES`` pages and on at least
``MIN_SHARE`` of the source's pages is furniture for the next page of that source.

Only short, non-prose lines are counted and only they are ever removed this way: a
background paragraph that a source repeats across its stories of one affair is
still body text (``lines.is_prose`` decides), so repetition never drops a paragraph.

The counts live in the store (``furniture_lines``, ``furniture_sites``; migration 3)
so that a new page of a known outlet is cleaned with what earlier runs learnt. A
source is the page URL's host, else the input's ``source`` field, else the corpus
as a whole (``""``), which suits a directory of one outlet's plain-text pages.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputRejected
from ..records import RawInput
from .lines import is_masthead_shape, is_prose, is_title_like, norm, words
from .page import read_page

MIN_PAGES = 3          # a line on fewer pages may be chance (two reports quoting one line)
MIN_SHARE = 0.1        # ... and on at least this share of the source's pages
TITLE_SHARE = 0.6      # a headline-shaped line is furniture only on most of the source's pages
MAX_WORDS = 20         # longer lines are paragraphs, not furniture labels
PRUNE_AFTER = 50       # once a source has this many pages, lines seen on one page only are forgotten


def site_of(url: str | None, source: str | None = None) -> str:
    """The key a page's furniture is counted under."""
    if url:
        host = urlsplit(url).netloc.lower()
        if host:
            return host[4:] if host.startswith("www.") else host
    return (source or "").strip().lower()


def countable(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(words(s)) <= MAX_WORDS and len(s) <= 200 and not is_prose(s)


@dataclass
class RepeatMemory:
    """Per source: how many pages were seen and on how many pages each short line was."""
    pages: Counter[str] = field(default_factory=Counter)
    lines: dict[str, Counter[str]] = field(default_factory=dict)
    dirty: set[tuple[str, str]] = field(default_factory=set)

    def observe(self, site: str, text: str) -> None:
        """Count one page's short lines (each once per page)."""
        self.pages[site] += 1
        seen = {norm(ln) for ln in text.split("\n") if countable(ln)}
        counts = self.lines.setdefault(site, Counter())
        for key in seen:
            counts[key] += 1
            self.dirty.add((site, key))
        self.dirty.add((site, ""))

    def known(self, site: str) -> Callable[[str], tuple[str, str] | None]:
        """A lookup for ``clean_text``: the furniture verdict on one line of a page of ``site``."""
        n = self.pages.get(site, 0)
        counts = self.lines.get(site, Counter())
        need = max(MIN_PAGES, MIN_SHARE * n)

        def lookup(line: str) -> tuple[str, str] | None:
            if n < MIN_PAGES or not countable(line):
                return None
            c = counts.get(norm(line), 0)
            # a headline-shaped line needs more: a wire story reprinted on a few pages keeps its title
            # a headline-shaped line needs more: a wire story reprinted on a few pages keeps its title
            if c >= (max(need, TITLE_SHARE * n) if is_title_like(line) and not is_masthead_shape(line) else need):
                return "widget", f"recurs on {c} of {n} pages of this source"
            return None
        return lookup


def load(con: Any) -> RepeatMemory:
    """The memory kept in the store (empty when the store has none)."""
    mem = RepeatMemory()
    try:
        for site, pages in con.execute("SELECT site, pages FROM furniture_sites").fetchall():
            mem.pages[site] = pages
        for site, line, pages in con.execute("SELECT site, line, pages FROM furniture_lines").fetchall():
            mem.lines.setdefault(site, Counter())[line] = pages
    except Exception as e:  # a store from before migration 3
        if "furniture_" not in str(e):
            raise
    return mem


def save(con: Any, mem: RepeatMemory) -> None:
    """Write what changed since ``load`` (one transaction is the caller's)."""
    sites = {s for s, _ in mem.dirty}
    if not sites:
        return
    rows_sites = [(s, mem.pages[s]) for s in sites]
    rows_lines: list[tuple[str, str, int]] = []
    for site in sites:
        counts = mem.lines.get(site, Counter())
        keep_singles = mem.pages[site] < PRUNE_AFTER
        rows_lines.extend((site, line, c) for line, c in counts.items()
                          if (site, line) in mem.dirty and (c > 1 or keep_singles))
    import pyarrow as pa

    # through Arrow: DuckDB's executemany binds row by row (slow for the tens of thousands of a corpus)
    con.register("_sl_fsites", pa.table({"site": [r[0] for r in rows_sites], "pages": [r[1] for r in rows_sites]}))
    con.execute("INSERT OR REPLACE INTO furniture_sites SELECT site, pages FROM _sl_fsites")
    con.unregister("_sl_fsites")
    if rows_lines:
        con.register("_sl_flines", pa.table({"site": [r[0] for r in rows_lines], "line": [r[1] for r in rows_lines],
                                             "pages": [r[2] for r in rows_lines]}))
        con.execute("INSERT OR REPLACE INTO furniture_lines SELECT site, line, pages FROM _sl_flines")
        con.unregister("_sl_flines")
    for site in sites:
        if mem.pages[site] >= PRUNE_AFTER:
            con.execute("DELETE FROM furniture_lines WHERE site = ? AND pages <= 1", [site])
    mem.dirty.clear()


def page_of(raw: RawInput) -> tuple[str, str] | None:
    """(site, text) of an input, for ``observe``: the text the cleaner will read (``page.read_page``)."""
    try:
        text = read_page(raw).text
    except InputRejected:
        return None                 # cleaning will reject it with its reason
    return site_of(raw.meta.get("url"), raw.meta.get("source")), text


def learn(pages: Iterable[tuple[str, str]]) -> RepeatMemory:
    """A memory from (site, text) pairs: for tests and notebooks."""
    mem = RepeatMemory()
    for site, text in pages:
        mem.observe(site, text)
    return mem
