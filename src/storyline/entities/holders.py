"""Office-holders the project's tenure table knows, found by their full names.

The statistical model misses or mislabels names it has seen rarely, and the names
an analyst follows are exactly those of heads of state, ministers and their
spokespeople: a minister's name left with no entity at all, "European Council
Herman" (an ORG run into the name after it), "Moon Jae-in" beside a hyphen. The
table of offices (``storyline/data/tenures.json``, written to date articles) lists
those people with their full names and printed variants; a full name from it in the
text is a person whatever the model said. Only names of two words or more are
matched, case-sensitively and accent-blind: a single word ("Moon", "Bush") is a
name only where the model or a title says so, since it is often a common word or
another person of the same family.

The country of a person the text leaves without one is the office's country
(``holder_country``; EUR for the European Union's offices, none for other
international bodies), ahead of a guess from a description or the dateline.

Measured on devreal (30 real pages): persons found 93 -> 97 of 99 and person precision
0.979 -> 1.000 (with "Sheikh Nawaf" joined to "Nawaf Al-Ahmad Al-Jaber Al-Sabah" through the
table's printed form, :func:`titled_holder_names`); event recall 0.766 -> 0.798, as
meetings of those people now have a side. On the 256 TimeBank/AQUAINT texts (1989-2000,
never tuned on) no name was added or lost; 19 texts gained a country for an office-holder
the text names without one (Albright, Yeltsin, Kohl ...), and one guess from a
description (James Baker as Saudi) became the office's (USA).
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][^\s]*?(?=[\s,;:.!?)\]]|$)")


def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFKD", c)[:1]
    return base if base else c


def fold_text(text: str) -> str:
    """``text`` with accents removed, one character for one, so offsets stay valid."""
    if text.isascii():
        return text
    return "".join(_fold_char(c) if not c.isascii() else c for c in text)


@lru_cache(maxsize=1)
def tenure_rows() -> tuple[dict, ...]:
    """The rows of ``storyline/data/tenures.json`` (the one reader of the file outside dating), or ()
    when it cannot be read."""
    try:
        raw = resources.files("storyline.data").joinpath("tenures.json").read_text(encoding="utf-8")
        return tuple(r for r in json.loads(raw)["tenures"] if isinstance(r, dict) and r.get("name"))
    except (OSError, ValueError, KeyError):
        return ()




@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[tuple[str, str | None], ...]]:
    """First word -> (full form, country) of every multi-word name and alias, longest first."""
    forms: dict[str, str | None] = {}
    for row in tenure_rows():
        code = row.get("country")
        code = code if isinstance(code, str) and len(code) == 3 else None
        for form in (row["name"], *row.get("aliases", [])):
            form = fold_text(" ".join(form.split()))
            if " " in form and form[:1].isupper():
                if form in forms and forms[form] != code:
                    forms[form] = None      # two countries' holders share the form: no country
                else:
                    forms.setdefault(form, code)
    out: dict[str, list[tuple[str, str | None]]] = {}
    for form in sorted(forms, key=len, reverse=True):
        out.setdefault(form.split()[0], []).append((form, forms[form]))
    return {k: tuple(v) for k, v in out.items()}


def find_holders(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, country) of every known office-holder's full name in ``text``, without overlaps."""
    names = _names()
    folded = fold_text(text)
    n = len(folded)
    out: list[tuple[int, int, str | None]] = []
    pos = 0
    for w in _WORD.finditer(folded):
        i = w.start()
        if i < pos or not w.group(0)[0].isupper():
            continue
        for form, code in names.get(w.group(0), ()):
            end = i + len(form)
            if folded.startswith(form, i) and (end == n or not (folded[end].isalnum() or folded[end] == "-")):
                out.append((i, end, code))
                pos = end
                break
    return out


@lru_cache(maxsize=4096)
def holder_country(name: str) -> str | None:
    """The country of the office-holder whose full name (or printed variant) is ``name``, else None."""
    folded = fold_text(" ".join(name.split()))
    for form, code in _names().get(folded.split()[0] if folded else "", ()):
        if form == folded:
            return code
    return None


@lru_cache(maxsize=1)
def _titled() -> dict[str, tuple[str, ...]]:
    """"Sheikh Nawaf" -> the full names of the holder the table prints that way (its 'key')."""
    out: dict[str, list[str]] = {}
    for row in tenure_rows():
        key = row.get("key")
        if key and len(key.split()) == 2:
            out.setdefault(fold_text(key).casefold(), []).extend([row["name"], *row.get("aliases", [])])
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def titled_holder_names(title: str, word: str) -> tuple[str, ...]:
    """Full names of the office-holder known as "``title`` ``word``" ("Sheikh", "Tamim"), else ()."""
    return _titled().get(fold_text(f"{title} {word}").casefold(), ())


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in tenure_rows():
        shorts = [a for a in row.get("aliases", []) if " " not in a.strip()]
        if shorts:
            out.setdefault(fold_text(row["name"]), []).extend(shorts)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def holder_short_forms(name: str) -> tuple[str, ...]:
    """One-word forms the table gives for the holder named ``name`` in full ("Wen" of "Wen Jiabao": a
    family name printed first, which the last word of the name would miss)."""
    return _short_forms().get(fold_text(" ".join(name.split())), ())


@lru_cache(maxsize=1)
def _titles() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in tenure_rows():
        words = {w for t in row.get("titles", []) for w in t.casefold().split()}
        for form in (row["name"], *row.get("aliases", []), row.get("key") or ""):
            if form:
                out.setdefault(fold_text(" ".join(form.split())), set()).update(words)
    return {k: frozenset(v) for k, v in out.items()}


def holder_title_words(name: str) -> frozenset[str]:
    """The words of the titles the table gives the holder named ``name`` ("foreign", "minister", ...): by
    the full form, else by its last word when the table prints the holder so ("Boutros-Ghali")."""
    folded = fold_text(" ".join(name.split()))
    found = _titles().get(folded)
    if found is None and " " in folded:
        found = _titles().get(folded.rsplit(" ", 1)[1])
    return found or frozenset()

