"""Readers: paths (files, folders, ``-``) to :class:`RawInput` records.

Plain text and HTML files are one article each; a JSON Lines file is one article
per line (``text`` or ``html``, optional ``url``, ``published``, ``source``,
``headline``). Broken lines become rejections, never crash the batch.

Every input is stored or rejected, whatever its name or shape:

- a file name that is not valid UTF-8 (``bad\\xffname.txt``) reaches Python as a str with
  surrogate escapes, which the store cannot encode (it crashed the batch write and lost the
  run); paths are recorded in a displayable form, invalid bytes and control characters
  written as ``\\xNN`` (:func:`display_path`);
- a folder that cannot be listed (``chmod 000``) is a rejection, not silently skipped;
- a JSON line nested deeper than the decoder's recursion limit (``RecursionError``), or with an
  integer of over 4,300 digits (``ValueError``), is a rejection of that line only;
- strings of a JSON line holding lone surrogates (``"\\ud800"``) get U+FFFD in their place.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..errors import InputRejected, UsageError
from ..records import RawInput, Rejection, content_id

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
SKIP_NAMES = {"README.md", ".DS_Store"}
# what a folder holds that is an article: anything else in it (metadata .tsv, images, notes) is skipped and
# listed by ``skipped_files``; a file named on its own is always read
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | MARKDOWN_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
MAX_BYTES = 5_000_000          # larger inputs are rejected: no news article is 5 MB of text
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` as a valid, printable str: bytes that are not UTF-8 and control characters as
    ``\\xNN`` (``bad\\xffname.txt``). Valid names are returned unchanged."""
    s = os.fspath(path)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        try:
            s = s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:          # a lone surrogate that no file system produced
            s = s.encode("utf-8", "backslashreplace").decode("utf-8")
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m[0]):02x}", s)


def _path_id(path: str | os.PathLike[str]) -> str:
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:
        raw = os.fspath(path).encode("utf-8", "surrogatepass")
    return content_id(raw)


def _valid_str(s: str) -> str:
    """``s`` with lone surrogates (JSON allows ``"\\ud800"``; UTF-8 does not) as U+FFFD."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", s)


def _sniff_kind(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<head" in head:
        return "html"
    return "text"


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Raise one UsageError naming every path that does not exist: called before anything is
    written, so a typo after a folder no longer leaves the folder's articles stored unlinked."""
    missing = [display_path(p) for p in paths if os.fspath(p) != "-" and not os.path.exists(p)]
    if missing:
        raise UsageError(f"{', '.join(missing)}: no such file or folder. Give existing files, folders or '-' "
                         "for standard input; nothing was ingested.")


def _files_under(path: Path) -> Iterator[Path | Rejection]:
    """The files under ``path`` in path order (as ``sorted(rglob('*'))``), and a Rejection per
    folder that cannot be listed. Symbolic links to folders are not followed (no loops)."""
    if path.is_dir():
        files: list[Path] = []
        problems: list[OSError] = []
        for top, _dirs, names in os.walk(path, onerror=problems.append):
            for name in names:
                p = Path(top, name)
                if _is_article_file(p):
                    files.append(p)
        for e in problems:
            where = e.filename if e.filename is not None else path
            yield Rejection(display_path(where), _path_id(where), "read", "unreadable",
                            f"cannot list the folder: {e.strerror or e}; its files were not read "
                            "(check its permissions)")
        yield from sorted(files)
    elif path.is_file():
        yield path
    elif path.exists():
        yield Rejection(display_path(path), _path_id(path), "read", "not-a-file",
                        "not a regular file or folder (a device, socket or pipe); give files or folders")
    else:       # it vanished after check_paths: the run goes on
        yield Rejection(display_path(path), _path_id(path), "read", "missing",
                        "the path disappeared while the run was reading its inputs")


def _json_line(raw: bytes, n: int) -> dict[str, str] | str:
    """The object of one JSON line, or the reason it is unusable."""
    try:
        obj = json.loads(raw.decode("utf-8-sig", errors="strict"))
    except RecursionError:
        return f"line {n} is nested too deeply to be an article record; fix or remove that line"
    except (UnicodeDecodeError, ValueError) as e:        # JSONDecodeError, or an over-long number
        return f"line {n} is not valid JSON ({str(e)[:200]}); fix or remove that line"
    if not isinstance(obj, dict):
        return f"line {n} is not a JSON object; each line must be one article record"
    fields = _fields(obj)
    if "text" not in fields and "html" not in fields:
        names = ", ".join(f"'{k}'" for k in FIELD_NAMES["text"] + FIELD_NAMES["html"])
        return f"line {n} needs the article as a string field: one of {names}"
    return fields


# What other tools call the fields of an article record (news-please, trafilatura's JSON, feeds and
# scrapers): the first name present wins. A text field that holds markup is read as HTML.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "content", "body", "article", "article_text", "full_text", "story", "plain_text"),
    "html": ("html", "raw_html", "content_html", "body_html", "html_content", "page_html"),
    "headline": ("headline", "title"),
    "published": ("published", "date_publish", "published_at", "publish_date", "pubDate", "datePublished",
                  "date_published", "pub_date", "date", "created_at", "timestamp"),
    "url": ("url", "link", "canonical_url", "source_url", "article_url"),
    "source": ("source", "source_domain", "sitename", "site_name", "outlet", "publisher", "hostname", "domain"),
    "id": ("id", "article_id", "doc_id", "uuid"),
}
_MARKUP = re.compile(r"\s*<(?:!doctype|html|body|div|p|article|section|span|h[1-6])\b", re.I)


def _fields(obj: dict) -> dict[str, str]:
    """The record's fields under our names, from whatever names the record uses."""
    out: dict[str, str] = {}
    for ours, names in FIELD_NAMES.items():
        for name in names:
            v = obj.get(name)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and ours in ("published", "id"):
                v = str(v)
            if isinstance(v, dict) and ours == "source":
                v = v.get("name") if isinstance(v.get("name"), str) else None   # {"source": {"name": ...}}
            if isinstance(v, str) and v.strip():
                out[ours] = v
                break
    if "text" in out and "html" not in out and _MARKUP.match(out["text"]):
        out["html"] = out.pop("text")
    return out


def _is_article_file(p: Path) -> bool:
    ok = (p.is_file() and not p.name.startswith(".") and p.name not in SKIP_NAMES
          and p.suffix.lower() in ARTICLE_SUFFIXES)
    return ok and (p.suffix.lower() not in JSON_SUFFIXES or _json_holds_articles(p))


_TEXT_KEY = re.compile(rb'"(?:' + b"|".join(re.escape(k.encode()) for k in FIELD_NAMES["text"] + FIELD_NAMES["html"])
                       + rb')"\s*:\s*"')


def _json_holds_articles(p: Path) -> bool:
    """A .json file in a folder is an article file only if it has an article text field (a folder's other
    JSON -- metadata, gold files, settings -- is skipped, not rejected)."""
    try:
        with p.open("rb") as fh:
            return bool(_TEXT_KEY.search(fh.read(1 << 20)))
    except OSError:
        return True            # unreadable: reading it again will say why


def skipped_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files inside the given folders that a folder ingest leaves out (not article files)."""
    out = []
    for given in paths:
        p = Path(given)
        if str(given) != "-" and p.is_dir():
            out += [f for f in sorted(p.rglob("*")) if f.is_file() and not f.name.startswith(".")
                    and f.name not in SKIP_NAMES and not _is_article_file(f)]
    return out


def _record(where: str, path: str, data: bytes, obj: dict[str, str]) -> RawInput:
    """One article record (fields under our names, see ``_fields``) as an input."""
    kind = "html" if "html" in obj and "text" not in obj else "text"
    body = _valid_str(obj["html"] if kind == "html" else obj["text"])
    meta: dict[str, str] = {k: _valid_str(obj[k]) for k in ("url", "published", "source", "headline") if k in obj}
    name = display_path(_valid_str(obj["id"])) if "id" in obj else None
    return RawInput(path=f"{path}:{name}" if name else where, data=data, kind=kind, meta={**meta, "body": body})


def _jsonl_inputs(path: str, data: bytes) -> Iterator[RawInput | Rejection]:
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        obj = _json_line(line, n)
        if isinstance(obj, str):
            yield Rejection(f"{path}:{n}", content_id(line), "read", "bad-json-line", obj)
            continue
        yield _record(f"{path}:{n}", path, line, obj)


_RECORD_LISTS = ("articles", "items", "results", "data", "documents", "docs", "records")


def _json_inputs(path: str, data: bytes) -> Iterator[RawInput | Rejection]:
    """A ``.json`` file: one article record, a list of them, or an object holding such a list
    (``{"articles": [...]}``, as news APIs and scrapers write)."""
    try:
        obj = json.loads(data.decode("utf-8-sig", errors="strict"))
    except (RecursionError, UnicodeDecodeError, ValueError) as e:
        yield Rejection(path, content_id(data), "read", "bad-json",
                        f"not valid JSON ({str(e)[:200]}); a .json file must hold one article record or a list of them")
        return
    if isinstance(obj, dict):
        inner = next((obj[k] for k in _RECORD_LISTS if isinstance(obj.get(k), list)), None)
        if inner is None or _fields(obj).keys() & {"text", "html"}:
            fields = _fields(obj)
            if "text" in fields or "html" in fields:
                yield _record(path, path, data, fields)
            else:
                names = ", ".join(f"'{k}'" for k in FIELD_NAMES["text"] + FIELD_NAMES["html"])
                yield Rejection(path, content_id(data), "read", "bad-json",
                                f"the JSON object has no article text: give it one of the string fields {names}")
            return
        obj = inner
    if not isinstance(obj, list):
        yield Rejection(path, content_id(data), "read", "bad-json",
                        "a .json file must hold one article record (an object) or a list of them")
        return
    for n, item in enumerate(obj, 1):
        raw = json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
        fields = _fields(item) if isinstance(item, dict) else {}
        if "text" not in fields and "html" not in fields:
            yield Rejection(f"{path}:{n}", content_id(raw), "read", "bad-json-line",
                            f"item {n} is not an article record with a text or html field")
            continue
        yield _record(f"{path}:{n}", path, raw, fields)


def _inputs_from_bytes(path: str, data: bytes, suffix: str) -> Iterator[RawInput | Rejection]:
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_inputs(path, data)
        return
    if suffix in JSON_SUFFIXES:
        yield from _json_inputs(path, data)
        return
    kind = "html" if suffix in HTML_SUFFIXES else "markdown" if suffix in MARKDOWN_SUFFIXES else _sniff_kind(data)
    yield RawInput(path=path, data=data, kind=kind)


def iter_inputs(paths: Iterable[str | Path], stdin: BinaryIO | None = None) -> Iterator[RawInput | Rejection]:
    """Every article under ``paths``, in a stable order; unreadable ones as Rejections. A path
    that does not exist is a UsageError, raised before the first input."""
    paths = list(paths)
    check_paths(paths)
    for given in paths:
        if str(given) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            yield from _inputs_from_bytes("-", data, ".jsonl" if data.lstrip().startswith(b"{") else "")
            continue
        for f in _files_under(Path(given)):
            if isinstance(f, Rejection):
                yield f
                continue
            shown = display_path(f)
            try:
                size = f.stat().st_size
                if size > MAX_BYTES and f.suffix.lower() not in JSONL_SUFFIXES | JSON_SUFFIXES:
                    raise InputRejected("too-large", f"{size:,} bytes is over the {MAX_BYTES:,}-byte limit for one article; "
                                                     "split the file or check it is really an article")
                data = f.read_bytes()
            except InputRejected as e:
                yield e.rejection(shown, _path_id(f))
                continue
            except OSError as e:
                yield Rejection(shown, _path_id(f), "read", "unreadable", f"cannot read the file: {e.strerror or e}")
                continue
            yield from _inputs_from_bytes(shown, data, f.suffix.lower())
