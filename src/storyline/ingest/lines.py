"""Every line of a plain-text page gets a kind: headline, lead, body, or furniture of a named kind.

The classifier reads general signals, in the manner of jusText (Pomikálek 2011):

- **shape**: a body paragraph is prose — long enough, with the function words of
  running English text (jusText's English stoplist, whose default thresholds of
  0.30/0.32 we scale down because wire copy is dense with names), ending in a
  sentence mark; furniture is short, label-like, or matches a shape of
  ``furniture.py`` (a skip link, a time stamp, a photo-credit tail);
- **position**: the headline is the first headline-shaped line of the preamble
  (the lines before the body starts) that is not a masthead or section label, or
  the line the page prints twice; standfirst and captions sit between headline and
  body; after the last prose line the page turns into lists, boxes and appeals;
- **blocks**: a run of three or more short lines inside the article is a link list
  (navigation before the body's end, related headlines after it); a header of a
  related, comments or appeal box opens a block that runs while its lines keep
  that shape;
- **repetition**: a line printed twice is a repeated caption or a title bar, and a
  line that recurs across many articles of one source is furniture
  (``repeats.py``, learnt per corpus and kept in the store).

Why not ``justext.justext`` itself: it classifies HTML paragraphs by link density and
heading tags, which plain text does not have, and its context step gives short
lines the class of their neighbours — which throws away headlines, crossheads and
the partial last paragraph of a capped page. Its stoplist is used here as is.

Figures before and after: ``clean.py``'s docstring. The thresholds below were set on
constructed pages (``tests/fixtures/clean``) and checked on ``../shared/devreal``.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass
from collections.abc import Callable
from functools import lru_cache

from . import furniture as F

BODY, HEADLINE, LEAD, DATELINE = "body", "headline", "lead", "dateline"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$|[\"”]$")
PROSE_WORDS = 8            # fewer words than this is a label, a crosshead or a title, not a paragraph
PROSE_STOPWORDS = 0.18     # share of stoplist words in running text (names and numbers lower it)
CAPTION_ALT_WORDS = 12     # alt text printed above a caption is short
SHORT_CAPTION_WORDS = 8    # a short, mostly capitalised line under the headline is a picture's label
LINK_RUN = 3               # short lines in a row that make a link list inside the article
LINK_WORDS = 10            # ... each of at most this many words (longer items are the article's own list)


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """jusText's English stoplist (trafilatura depends on jusText; we read only its word list)."""
    try:
        import justext
        return frozenset(w.lower() for w in justext.get_stoplist("English"))
    except Exception:  # pragma: no cover - a broken install still cleans, with the commonest words
        return frozenset("the of and to in a is that for on with as by was said at from it his an be has have are "
                         "not this will were which its their he they had would but been also who after".split())


@dataclass
class Line:
    """One non-empty line of the page; ``start``/``end`` are offsets of its stripped text in the page."""
    text: str
    start: int
    end: int
    blank_before: bool
    kind: str = ""
    why: str = ""

    @property
    def decided(self) -> bool:
        return bool(self.kind)


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos, blank = 0, False
    for raw in text.split("\n"):
        s = raw.strip()
        if s:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(text=s, start=pos + lead, end=pos + lead + len(s), blank_before=blank))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    return out


def words(s: str) -> list[str]:
    return _WORD.findall(s)


def stopword_share(s: str) -> float:
    w = words(s)
    if not w:
        return 0.0
    stop = stoplist()
    return sum(x.lower() in stop for x in w) / len(w)


def ends_sentence(s: str) -> bool:
    """Ends with a sentence mark, also before a glued agency tag ("... on Tuesday. (AFP)")."""
    return bool(_SENTENCE_END.search(s) or F.AGENCY_TAIL.search(s) or F.READ_MORE_TAIL.search(s))


SHAPE_CHARS = 1000          # shape features read a line's first characters (a 1 MB line costs no more)


@lru_cache(maxsize=4096)
def is_prose(s: str) -> bool:
    """Running text: enough words, the function words of English, and lower-case words."""
    s = s[:SHAPE_CHARS] if len(s) > SHAPE_CHARS else s
    w = words(s)
    if len(w) < PROSE_WORDS:
        return len(w) >= 5 and ends_sentence(s) and s[-1] != ":" and stopword_share(s) >= 0.3 and _mostly_lower(w)
    return stopword_share(s) >= PROSE_STOPWORDS and _mostly_lower(w)


def _mostly_lower(w: list[str]) -> bool:
    return sum(x[0].islower() for x in w) >= 0.3 * len(w)


def is_title_like(s: str) -> bool:
    """Could be a headline: a few words, no trailing colon or comma, starts like a title."""
    w = words(s)
    return (3 <= len(w) <= 30 and len(s) <= 220 and not s.endswith((":", ",", ";"))
            and (s[0].isupper() or s[0].isdigit() or s[0] in "\"“‘'"))


def _capitalised(s: str) -> float:
    w = words(s)
    return sum(x[0].isupper() for x in w) / len(w) if w else 0.0


def is_masthead_shape(s: str) -> bool:
    """A label: at most five words, every content word capitalised ("World News", "Ministry of Foreign Affairs")."""
    w = words(s)
    return len(w) <= 5 and all(x[0].isupper() or x.lower() in _FUNCTION for x in w) and not ends_sentence(s)


# the words a title-cased label leaves in lower case
_FUNCTION = frozenset("a an the of and or for in on at to by with from de du des la le von van".split())


@lru_cache(maxsize=4096)
def norm(s: str) -> str:
    """A line's identity for repetition: case, quotes, primes and spacing folded."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"[′‘’`´]", "'", s)
    s = re.sub(r"[“”″]", '"', s)
    return re.sub(r"\s+", " ", s).strip()


def non_latin(s: str) -> bool:
    """A line in another script than the (English) story's: no Latin letters among its letters."""
    letters = [c for c in s[:SHAPE_CHARS] if c.isalpha()]
    return bool(letters) and not _LATIN.search(s) or (
        len(letters) > 3 and sum(c.isascii() for c in letters) < 0.3 * len(letters))


def appeal_score(s: str) -> int:
    """Words of an appeal to the reader, outside quotation marks."""
    # a quotation left open runs to the end of the line: a paragraph cut off by a size cap inside a quote
    bare = re.sub(r"[\"“][^\"”]*(?:[\"”]|$)", " ", s[:2 * SHAPE_CHARS])
    return sum(w.lower() in F.APPEAL_WORDS for w in words(bare))


_LONG_OK = {"editor's note in parentheses", "embed note in parentheses", "copyright", "photo credit",
            "article-age notice", "comment prompt", "contribution note", "author note", "reporting credit in parentheses", "server error", "browser notice", "appeal header",
            "link to another story", "ad break"}


def match_furniture(s: str) -> tuple[str, str] | None:
    """The furniture kind of one line by its shape alone, or None."""
    if non_latin(s):
        return "widget", "another script than the story's"
    if len(s) > SHAPE_CHARS:
        return None                         # no furniture shape is that long
    prose = is_prose(s)
    for kind, why, pat in F.LINES:
        if not pat.fullmatch(s):
            continue
        if prose and why not in _LONG_OK:
            if kind == "promo" and appeal_score(s) >= 3:
                return kind, "appeal to the reader"
            if kind == "consent" and appeal_score(s) >= 2:
                return kind, why
            continue
        return kind, why
    return None


# ------------------------------------------------------------------ the page walk

def classify(text: str, *, is_dateline: Callable[[str], bool], title_hint: str | None = None,
             known: Callable[[str], tuple[str, str] | None] | None = None,
             extra: Callable[[str], tuple[str, str] | None] | None = None) -> list[Line]:
    """Give every non-empty line of ``text`` a kind (``Line.kind``) and a reason (``Line.why``).

    ``is_dateline`` tells a line that opens with a dateline; ``known`` gives the kind of a
    line this source is known to repeat on every page (``repeats.py``); ``extra`` is an
    older table of furniture shapes tried after ``furniture.py``'s.
    """
    lines = split_lines(text)
    for ln in lines:
        hit = match_furniture(ln.text) or (extra(ln.text) if extra else None) or (known(ln.text) if known else None)
        if hit:
            ln.kind, ln.why = hit
    _mark_captions(lines)
    prose = _prose_flags(lines)
    start = _body_start(lines, prose, is_dateline)
    h = _pick_headline(lines, start, title_hint)
    _preamble(lines, start, h, prose)
    _body(lines, start, prose)
    _blocks(lines, start)
    if not any(ln.kind == BODY for ln in lines):
        # no English prose at all: keep the long lines as body and let the language check speak
        for ln in lines:
            if len(words(ln.text)) >= PROSE_WORDS and ln.kind in ("", LEAD, "navigation", "related", "widget"):
                ln.kind, ln.why = BODY, "kept: no English prose found on the page"
    return lines


def _mark_captions(lines: list[Line]) -> None:
    for ln in lines:
        if ln.decided:
            continue
        if F.CAPTION_MARKERS.search(ln.text):
            ln.kind, ln.why = "caption", "caption marker"
        elif F.CREDIT_TAIL.search(ln.text) and not F.AGENCY_TAIL.search(ln.text):
            ln.kind, ln.why = "caption", "photo credit at the end"
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if ln.decided or nxt is None:
            continue
        if nxt.kind == "share" and F.MEDIA_MARKER.fullmatch(nxt.text):
            ln.kind, ln.why = "caption", "blurb above a video link"
    # alt text: the short label printed just above a caption or a credit line. On a page that parts its
    # blocks by no empty line at all, every line is "just above" the next: there the page's first title-like
    # line is the headline over the photo, not the photo's label
    spaced = any(ln.blank_before for ln in lines)
    title = next((i for i, ln in enumerate(lines) if not ln.decided and is_title_like(ln.text)), None)
    caps = [i for i, ln in enumerate(lines) if (spaced or i - 1 != title) and i and not ln.blank_before and (
        ln.kind == "caption" and ln.why in ("caption marker", "photo credit at the end")
        or ln.kind == "credit" and ln.why in ("photo credit", "domain"))]
    for i in caps:
        prev = lines[i - 1]
        if prev.decided:
            continue
        if len(words(prev.text)) <= CAPTION_ALT_WORDS and not ends_sentence(prev.text):
            prev.kind, prev.why = "caption", "alt text above a caption"
        elif lines[i].kind == "credit" and lines[i].why == "photo credit" and len(words(prev.text)) <= 30 \
                and not (i >= 2 and not lines[i - 2].decided and is_prose(lines[i - 2].text)):
            # a sentence between furniture and its credit; one that follows prose is the article's own
            prev.kind, prev.why = "caption", "caption above its photo credit"


def _prose_flags(lines: list[Line]) -> list[bool]:
    """Which undecided lines are body paragraphs by shape: prose that ends a sentence, or is
    hard-wrapped into the next line, or is the page's last line (cut off by a size cap)."""
    out = []
    for i, ln in enumerate(lines):
        if ln.decided or not is_prose(ln.text):
            out.append(False)
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        wrapped = nxt is not None and not nxt.blank_before and (
            nxt.text[:1].islower() or ln.text.endswith((",", ";", "-", "–", "—")))
        out.append(ends_sentence(ln.text) or wrapped or (nxt is None and _after_prose(lines, out, i)))
    return out


def _after_prose(lines: list[Line], prose: list[bool], i: int) -> bool:
    """The page's last line follows the article (a paragraph cut off by a size cap), not a list:
    between it and the last prose line stands at most one short line (a crosshead)."""
    short = 0
    for j in range(i - 1, -1, -1):
        if prose[j]:
            return short <= 1
        if not lines[j].decided:
            short += 1
        elif lines[j].kind == "promo" and not appeal_score(lines[i].text):
            continue                        # a one-line promo inside the story, and no appeal in the cut line
        elif lines[j].kind in F.BLOCK_KINDS and lines[j].why not in _ONE_LINERS:
            return False                    # under a related, comments or appeal box
        elif lines[j].why.startswith("only digits"):
            short += 1                      # list separators ("-") count as items' company
        if short > 1:
            return False
    return False


def _body_start(lines: list[Line], prose: list[bool], is_dateline: Callable[[str], bool]) -> int:
    first_prose = next((i for i, p in enumerate(prose) if p), None)
    prose_seen = 0
    for i, ln in enumerate(lines):
        if prose[i]:
            prose_seen += 1
        if prose_seen > 2:
            break
        if not ln.decided and (is_dateline(ln.text) or F.DATELINE_ALONE.fullmatch(ln.text)):
            return i                       # the dateline opens the body (what comes before is lead or caption)
    if first_prose is None:
        return len(lines)
    turn = lines[first_prose - 1].text if first_prose else ""
    if turn and not lines[first_prose - 1].decided and _SPEAKER.match(turn) and turn.endswith((".", "!")):
        return first_prose - 1             # a transcript opens with its first speaker's turn
    return first_prose


_SPEAKER = re.compile(r"(?:[A-Z][\w.'’-]*\s){1,4}[A-Z][\w.'’-]*:\s+\S")


def _title_key(s: str) -> str:
    return norm(F.TITLE_BAR.split(s)[0])


def _pick_headline(lines: list[Line], start: int, title_hint: str | None) -> int | None:
    pre = [i for i in range(start) if not lines[i].decided]
    if title_hint:
        key = norm(title_hint)
        hits = [i for i in range(len(lines)) if norm(lines[i].text) == key or _title_key(lines[i].text) == key]
        for i in hits:
            lines[i].kind, lines[i].why = "duplicate", "the headline printed on the page"
        return next((i for i in hits if i < start), None)     # where the title stands: the preamble splits there
    keys: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        keys.setdefault(norm(ln.text), []).append(i)
        tk = _title_key(ln.text)
        if tk != norm(ln.text):
            keys.setdefault(tk, []).append(i)
    cands = [i for i in pre if is_title_like(lines[i].text)]
    repeated = [i for i in cands if len(keys.get(norm(lines[i].text), [])) > 1 and not F.TITLE_BAR.search(lines[i].text)]
    if repeated:
        h = repeated[0]
    else:
        h = None
        for n, i in enumerate(cands):
            # a short title-cased line under the page's date stamp is the headline ("Bush Arrives for State
            # Visit"): a site's or section's label stands above the stamp, not below it
            under_stamp = i > 0 and lines[i - 1].kind == "timestamp" and len(words(lines[i].text)) >= 4
            if is_masthead_shape(lines[i].text) and n + 1 < len(cands) and not under_stamp:
                continue                   # a site or section label above the real title
            h = i
            break
    if h is None:
        return None
    lines[h].kind, lines[h].why = HEADLINE, "headline"
    for j in keys.get(norm(lines[h].text), []):
        if j != h and lines[j].kind in ("", HEADLINE, "navigation"):
            bar = norm(lines[j].text) != norm(lines[h].text)
            lines[j].kind = "navigation" if bar else "duplicate"
            lines[j].why = "title bar" if bar else "the headline printed again"
    return h


def _preamble(lines: list[Line], start: int, h: int | None, prose: list[bool]) -> None:
    after = False
    caption_seen = False
    for i in range(start):
        ln = lines[i]
        if i == h:
            after = True
            continue
        if h is not None and not after and ln.decided and lines[h].kind == "duplicate":
            continue
        if ln.kind == "caption":
            caption_seen = True
        if ln.decided:
            continue
        if h is not None and not after or h is None and not prose[i]:
            ln.kind, ln.why = "navigation", "page chrome above the headline" if h is not None else "page chrome above the body"
        elif len(words(ln.text)) < SHORT_CAPTION_WORDS and not ends_sentence(ln.text) and _capitalised(ln.text) >= 0.6:
            ln.kind, ln.why = "caption", "short name label under the headline"
            caption_seen = True
        elif caption_seen and not ends_sentence(ln.text) and len(words(ln.text)) <= 20:
            ln.kind, ln.why = "caption", "caption after a picture's alt text"
        else:
            ln.kind, ln.why = LEAD, "standfirst"
    # a standfirst printed as a sentence just above a picture and the body
    if h is not None and start == h + 1 and start < len(lines) and prose[start] and _one_sentence(lines[start].text):
        k = start + 1
        while k < len(lines) and lines[k].kind == "caption":
            k += 1
        if k > start + 1 and k < len(lines) and prose[k]:
            lines[start].kind, lines[start].why = LEAD, "standfirst above the picture"
            prose[start] = False


def _one_sentence(s: str) -> bool:
    return len(words(s)) <= 35 and not re.search(r"[.!?][\"”’]?\s+[A-Z“\"]", s)


def _body(lines: list[Line], start: int, prose: list[bool]) -> None:
    n = len(lines)
    body_keys: set[str] = set()
    lead_keys = {norm(ln.text) for ln in lines[:start] if ln.kind == LEAD}
    last_prose = max((i for i in range(start, n) if prose[i]), default=start - 1)
    short_keys: dict[str, int] = {}
    for i in range(start, n):
        if not lines[i].decided and not prose[i]:
            k = norm(lines[i].text)
            short_keys[k] = short_keys.get(k, 0) + 1
    stretches = _stretches(lines, prose, start)
    for i in range(start, n):
        ln = lines[i]
        if ln.decided:
            continue
        key = norm(ln.text)
        if prose[i] or i == start:
            if key in body_keys:
                ln.kind, ln.why = "duplicate", "a paragraph printed again"
            else:
                ln.kind, ln.why = BODY, "prose"
                body_keys.add(key)
            continue
        if short_keys.get(key, 0) > 1:
            ln.kind, ln.why = "caption", "a caption printed twice"
            continue
        if i > last_prose:
            prev = lines[i - 1] if i > 0 else None
            above = i - 1
            while above > start and (lines[above].kind in ("ad", "share") or lines[above].why in _ONE_LINERS):
                above -= 1                  # an ad slot or a share bar between the story and its cut-off end
            if i == n - 1 and lines[above].kind == BODY:
                ln.kind, ln.why = BODY, "partial last paragraph"
            elif prev is not None and prev.kind == BODY and ends_sentence(ln.text) and stopword_share(ln.text) >= 0.3:
                ln.kind, ln.why = BODY, "short last sentence"
            else:
                run = stretches[i][0]
                ln.kind, ln.why = ("related", "list of headlines after the article") if run >= 2 else \
                    ("widget", "short line after the article")
            continue
        run, median, lower = stretches[i]
        if run >= LINK_RUN and median <= LINK_WORDS and not lower:
            ln.kind, ln.why = "navigation", "list of links inside the page"
        elif run >= LINK_RUN:
            ln.kind, ln.why = BODY, "kept: an item of a list inside the article"
        else:
            ln.kind, ln.why = BODY, "crosshead"
    # the first paragraph printed again (in full) below page furniture: keep the later copy
    firsts = [i for i in range(start, n) if lines[i].kind == BODY]
    if len(firsts) > 1:
        head = norm(lines[firsts[0]].text)[:80]
        if len(head) >= 60 and any(norm(lines[k].text).startswith(head) for k in firsts[1:]):
            lines[firsts[0]].kind, lines[firsts[0]].why = "duplicate", "the first paragraph printed again below"
    # a lead printed again as the first paragraph: keep the body's copy
    for i in range(start, n):
        if lines[i].kind == BODY:
            if norm(lines[i].text) in lead_keys:
                for ln in lines[:start]:
                    if ln.kind == LEAD and norm(ln.text) == norm(lines[i].text):
                        ln.kind, ln.why = "duplicate", "the lead printed again as the first paragraph"
            break


def _stretches(lines: list[Line], prose: list[bool], start: int) -> dict[int, tuple[int, float, bool]]:
    """For each undecided short line after ``start``: its stretch of non-prose lines — how many link-like
    items it holds, their median length in words, and whether they start in lower case (the article's
    own bulleted list, where link lists print headlines)."""
    out: dict[int, tuple[int, float, bool]] = {}
    i, n = start, len(lines)
    while i < n:
        if prose[i] or lines[i].kind in (BODY, "duplicate"):
            i += 1
            continue
        j = i
        while j + 1 < n and not prose[j + 1] and lines[j + 1].kind not in (BODY, "duplicate"):
            j += 1
        items = [lines[k] for k in range(i, j + 1) if lines[k].kind in ("", "navigation", "related")]
        sizes = [len(words(x.text)) for x in items]
        bare = [_BULLET.sub("", x.text) for x in items if not x.decided]
        lower = bool(bare) and sum(t[:1].islower() for t in bare) > len(bare) / 2
        stat = (len(items), statistics.median(sizes) if sizes else 0.0, lower)
        for k in range(i, j + 1):
            if not lines[k].decided:
                out[k] = stat
        i = j + 1
    return out


_BULLET = re.compile(r"^[-–—•·*▪◦]\s*|^\d{1,2}[.)]\s+")


# reasons given to lines after the article by position alone: a box header names them better
# furniture of a box kind that is one line, not a box's header: a link to another story inside this one
_ONE_LINERS = ("link to another story",)
_TRAILER_GUESSES = ("list of headlines after the article", "short line after the article")


def _blocks(lines: list[Line], start: int) -> None:
    """Boxes opened by a header: related lists, comment boxes, appeals. A block runs while its
    lines keep its shape; body prose (an appeal's excepted) ends it."""
    n = len(lines)
    i = start
    while i < n:
        ln = lines[i]
        kind = ln.kind if ln.kind in F.BLOCK_KINDS and ln.why not in _ONE_LINERS else None
        if kind is None:
            i += 1
            continue
        j = i + 1
        while j < n:
            nxt = lines[j]
            if nxt.kind == BODY and nxt.why == "partial last paragraph" and kind == "related":
                pass
            elif nxt.kind in (BODY, "") and kind == "promo":
                if appeal_score(nxt.text) < (2 if is_prose(nxt.text) else 1):
                    break
            elif nxt.kind in (BODY, ""):
                if kind == "related" and nxt.why == "prose":
                    break
                if kind == "comments" and nxt.why == "prose":
                    break
            elif nxt.kind not in F.FURNITURE_KINDS:
                break
            if nxt.kind in (BODY, "") or nxt.why in _TRAILER_GUESSES:
                nxt.kind, nxt.why = kind, f"inside a {kind} box"
            j += 1
        i = j
