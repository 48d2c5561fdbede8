"""Hard-wrapped pages: lines broken at a fixed width are joined back into the lines they were.

Some scrapes and dumps (``lynx -dump``, ``w3m``, ``html2text``, mail and wire archives) break every
paragraph at 70-80 columns. The cleaner reads a page line by line (``lines.py``): on such a page a
paragraph's last short line looks like a label, a headline that wrapped looks like two, and a dateline
or a date can break across lines. So a wrapped page is unwrapped before anything reads it.

How a wrap is told from a line break the writer meant, with no knowledge of the outlet:

- **the page's width**: the longest line that has a space in it (an unbreakable URL may overrun);
- **a wrapped page**: of the long lines with more of their block under them (the lines a wrap could have
  broken), at least ``MIN_LINES`` and most end within ``SLACK`` characters of the width. On a page saved one
  paragraph per line, those lines' lengths spread over hundreds of characters and few lie near the longest
  (counting every long line instead missed pages wrapped at 100-120 columns, whose short paragraphs' last
  lines are long too);
- **a wrap**: the next line, in the same block (no empty line between), begins with a word that would
  not have fitted on this line within the width. That is the rule a wrapping program follows; a short
  title, a caption or a label line is followed by a word that would have fitted, so it stays its own line.
  One case stays open: a full line followed by a short line of another block with no empty line between
  (a caption over a byline) is joined. Keeping such a pair apart when the full line ends a sentence was
  tried: on wrapped devreal it split two lines that were one (a caption and its credit, a newsletter
  blurb and its button) for the one it kept apart, and lost a page's date, so it is not used.

A wrap's newline becomes a space and the continued line's indentation goes (a dump indents every line;
left in, it would put runs of spaces inside sentences). On a page without indentation that keeps every
offset; otherwise the offsets of ``removed`` are into the unwrapped page, as an HTML page's are into the
text read from it.

Measured on ``../shared/devreal`` wrapped at 72 columns at run time (``textwrap.fill``): before this,
headline 0.667, clean body 0.467, published 0.533 (one wrong), timex values 0.593, event F1 0.780; after it
every figure equals the unwrapped pages' (``tests/ingest/test_page_shapes_devreal.py`` keeps that). At other
widths (cleaning and dating only, pages whose text, headline or date differ from the unwrapped page's, of 30):
50 columns 2, 60: 1, 72: 0, 80: 1, 100: 0, 120: 2. The misses are a caption and a byline (or a paragraph
and its sign-off) with no empty line between, and, at 120, short pages with too few long lines to show a
width; the page-detection rule, MIN_LINES 5 and every long line counted, had missed 100 and 120 columns
more often (2 and 4 pages).
"""
from __future__ import annotations

import re

MIN_LINES = 3          # long lines a page needs before it can be called wrapped
SLACK = 16             # a wrapped line ends within this many characters of the width (a long word's length)
MIN_WIDTH, MAX_WIDTH = 40, 132
SHARE = 0.6            # of the lines of prose length, the share that must end near the width

_FIRST_WORD = re.compile(r"\S+")


def page_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped page was broken at, or None when the page is not hard-wrapped."""
    spaced = [len(ln.rstrip()) for ln in lines if " " in ln.strip()]
    if not spaced:
        return None
    width = max(spaced)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    # the lines a wrap could have broken: long ones with more of their block under them. On a wrapped page
    # nearly all of them end near the width; on a page of whole paragraphs their lengths spread
    continued = [len(ln.rstrip()) for ln, nxt in zip(lines, lines[1:])
                 if " " in nxt.strip() and " " in ln.strip() and len(ln.rstrip()) >= width // 2]
    near = [n for n in continued if n >= width - SLACK]
    if len(near) < MIN_LINES or len(near) < SHARE * len(continued):
        return None
    return width


def unwrap(text: str) -> str:
    """``text`` with each hard wrap (a newline and the continued line's indentation) turned into one space."""
    lines = text.split("\n")
    width = page_width(lines)
    if width is None:
        return text
    out = [lines[0]]
    for i in range(1, len(lines)):
        if _wraps(lines[i - 1], lines[i], width):
            out[-1] = out[-1].rstrip() + " " + lines[i].lstrip()
        else:
            out.append(lines[i])
    return "\n".join(out)


def _wraps(here: str, nxt: str, width: int) -> bool:
    """The next line's first word would not have fitted on this line: the break is the wrapper's."""
    here = here.rstrip()
    word = _FIRST_WORD.search(nxt)
    return bool(here.strip()) and word is not None and len(here) + 1 + len(word.group()) > width
