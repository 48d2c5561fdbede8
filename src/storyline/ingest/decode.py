"""Bytes to text: detect the encoding a news page came in, normalise line ends and spaces."""
from __future__ import annotations

import re
import unicodedata

from ..errors import InputRejected

_BOMS = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)
# zero-width and bidi control characters carry no text; NBSP and friends become spaces
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])     # C0 controls other than tab, LF, VT, FF, CR
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"), " ")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``: BOM, then a declared/meta charset, then strict UTF-8, then detection."""
    if not data.strip():
        raise InputRejected("empty", "the input holds no text", stage="read")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return normalise_text(data[len(bom):].decode(enc, errors="replace"))
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
    """Unicode NFC, LF line ends, NBSP to space, invisible controls removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE).translate(_SPACES)
    return unicodedata.normalize("NFC", text)
