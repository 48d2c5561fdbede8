"""Bytes to text: detect the encoding a news page came in, normalise line ends and spaces.

Hostile inputs this module defends against, each with the measurement that motivated it:

- UTF-32 with a BOM starts with the UTF-16-LE BOM (``FF FE 00 00``): tested first, or it is
  stored as NUL-interleaved text.
- UTF-16 without a BOM: ASCII-range text has a NUL in every other byte, on one side only
  (:func:`_utf16_without_bom`); without this such files were rejected as binary.
- NULs and other C0/C1 control characters past the first 8 KB (the binary sniff's sample) are
  removed from the text, as are terminal escape sequences' introducers (ESC, CSI).
- Mojibake: a page saved as UTF-8 after being read as Windows-1252 ("Putinâ€™s") is repaired
  by ftfy's encoding fix. Measured on devreal garbled so at run time (16 of 30 pages change):
  quote F1 0.683, clean body 0.800, headline 0.867 before; after, see ``tests/ingest/test_page_shapes_devreal.py``.
- HTML entities left in a text ("Putin&#8217;s", "&quot;"), as feeds and JSON exports leave them:
  a plain text with a numeric one or two named ones is unescaped (``unescape_entities``). Devreal so escaped at run time: quote F1 0.000, body 0.700
  before; equal to the plain pages after.
- Runs of spaces: the cleaner's line patterns (``\\s+ ... $``) backtrack over a run once per
  start position, so a run of n spaces cost O(n²) (16,000 spaces: 13 s; 40,000 made a genuine
  article time out). Runs longer than ``MAX_SPACE_RUN`` become one space here, before cleaning,
  in one linear pass; shorter runs (double spaces after a full stop, aligned columns) are kept
  so ordinary text is unchanged.
"""
from __future__ import annotations

import html
import re
import unicodedata

from ..errors import InputRejected

_BOMS = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)
# zero-width and bidi control characters carry no text; NBSP and friends become spaces
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
# C0 controls other than tab and line ends, DEL and the C1 controls: never text, and ESC/CSI
# start terminal escape sequences. Vertical tab and form feed end a line.
_CONTROLS = {**dict.fromkeys([*range(0, 9), *range(14, 32), 0x7f, *range(0x80, 0xa0)]), 0x0b: "\n", 0x0c: "\n"}
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])     # C0 controls other than tab, LF, VT, FF, CR
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"), " ")
MAX_SPACE_RUN = 16
_SPACE_RUN = re.compile(r"[^\S\n]{%d,}" % (MAX_SPACE_RUN + 1))
SNIFF_BYTES = 8192
_ENTITY = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|amp|quot|apos|lt|gt|nbsp|[lr][sd]quo|[mn]dash|hellip);")
# UTF-8 read as Windows-1252 or Latin-1 somewhere before us ("Putinâ€™s", "Ã©"): a lead byte's character
# followed by a continuation byte's. Only a page that shows one is handed to ftfy (clean pages cost a search)
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
                       "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
                       "\u203a\u0153\u017e\u0178]")


def unescape_entities(text: str) -> str:
    """A plain text with its HTML entities left in ("Putin&#8217;s", "&quot;"), as feeds and JSON exports
    leave them, unescaped when it shows a numeric one or two named ones. Never for an HTML page's source (its markup would
    change); its text is unescaped by the HTML reader."""
    found = _ENTITY.findall(text, 0, 200_000)
    return html.unescape(text) if len(found) >= 2 or any(e.startswith("&#") for e in found) else text


def _fix_encoding(text: str) -> str:
    """Mojibake undone by ftfy (made for exactly this, and careful: a text it cannot prove garbled it leaves
    alone); only the encoding fix, so quotes, ligatures and widths stay as printed."""
    import ftfy

    text = ftfy.fix_encoding(text)
    # the closing quotation mark's last byte (0x9d) has no Windows-1252 character, so a page decoded with
    # replacement lost it: ftfy leaves U+FFFD. One that closes an open quotation in its paragraph is that mark
    return _LOST_CLOSE.sub(lambda m: m[0][:-1] + "\u201d", text) if "\ufffd" in text else text


_LOST_CLOSE = re.compile("\u201c[^\u201c\u201d\ufffd\n]{1,1500}\ufffd")


def _looks_binary(data: bytes) -> bool:
    """NULs in the first 8 KB, or over 5% control bytes in the whole input (one linear pass)."""
    if not data:
        return False
    if b"\x00" in data[:SNIFF_BYTES]:
        return True
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls / len(data) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NULs of the sample sit on one side of each byte pair
    (ASCII-range text in UTF-16), else None."""
    sample = data[:SNIFF_BYTES]
    pairs = len(sample) // 2
    if pairs < 8 or len(data) % 2:
        return None
    even, odd = sample[0:pairs * 2:2].count(0), sample[1:pairs * 2:2].count(0)
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``: BOM, UTF-16 without BOM, then a declared/meta charset, then strict UTF-8,
    then detection."""
    if not data.strip():
        raise InputRejected("empty", "the input holds no text", stage="read")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return normalise_text(data[len(bom):].decode(enc, errors="replace"))
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return normalise_text(data.decode(utf16))
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputRejected("binary", "the input looks like a binary file, not text or HTML", stage="read")
    candidates = [declared] if declared else []
    m = _META_CHARSET.search(data[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return normalise_text(data.decode(enc))
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputRejected("unparsable", "the text encoding could not be detected; save the file as UTF-8", stage="read")
    return normalise_text(str(best))


def normalise_text(text: str) -> str:
    """Mojibake repaired, Unicode NFC, LF line ends, NBSP to space, invisible and control characters
    removed, runs of more than ``MAX_SPACE_RUN`` spaces to one (linear; see the module docstring)."""
    if _MOJIBAKE.search(text):
        text = _fix_encoding(text)     # before the C1 controls go: a UTF-8 text read as Latin-1 is made of them
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE).translate(_SPACES).translate(_CONTROLS)
    text = _SPACE_RUN.sub(" ", text)
    return unicodedata.normalize("NFC", text)
