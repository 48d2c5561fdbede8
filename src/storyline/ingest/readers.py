"""Readers: paths (files, folders, ``-``) to :class:`RawInput` records.

Plain text and HTML files are one article each; a JSON Lines file is one article
per line (``text`` or ``html``, optional ``url``, ``published``, ``source``,
``headline``). Broken lines become rejections, never crash the batch.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from collections.abc import Iterable, Iterator

from ..errors import InputRejected, UsageError
from ..records import RawInput, Rejection, content_id

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SKIP_NAMES = {"README.md", ".DS_Store"}
# what a folder holds that is an article: anything else in it (metadata .tsv, images, notes) is skipped and
# listed by ``skipped_files``; a file named on its own is always read
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 5_000_000          # larger inputs are rejected: no news article is 5 MB of text


def _sniff_kind(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<head" in head:
        return "html"
    return "text"


def _files_under(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if _is_article_file(p):
                yield p
    elif path.is_file():
        yield path
    else:
        raise UsageError(f"{path}: no such file or folder. Give existing files, folders or '-' for standard input.")


def _is_article_file(p: Path) -> bool:
    return (p.is_file() and not p.name.startswith(".") and p.name not in SKIP_NAMES
            and p.suffix.lower() in ARTICLE_SUFFIXES)


def skipped_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files inside the given folders that a folder ingest leaves out (not article files)."""
    out = []
    for given in paths:
        p = Path(given)
        if str(given) != "-" and p.is_dir():
            out += [f for f in sorted(p.rglob("*")) if f.is_file() and not f.name.startswith(".")
                    and f.name not in SKIP_NAMES and not _is_article_file(f)]
    return out


def _jsonl_inputs(path: str, data: bytes) -> Iterator[RawInput | Rejection]:
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line.decode("utf-8-sig", errors="strict"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            yield Rejection(where, content_id(line), "read", "bad-json-line",
                            f"line {n} is not valid JSON ({e}); fix or remove that line")
            continue
        if not isinstance(obj, dict) or not (isinstance(obj.get("text"), str) or isinstance(obj.get("html"), str)):
            yield Rejection(where, content_id(line), "read", "bad-json-line",
                            f"line {n} needs a string field 'text' or 'html'")
            continue
        kind = "html" if isinstance(obj.get("html"), str) and not isinstance(obj.get("text"), str) else "text"
        body = obj["html"] if kind == "html" else obj["text"]
        meta = {k: obj[k] for k in ("url", "published", "source", "headline") if isinstance(obj.get(k), str)}
        name = obj.get("id") if isinstance(obj.get("id"), str) else None
        yield RawInput(path=f"{path}:{n}" if not name else f"{path}:{name}", data=line, kind=kind,
                       meta={**meta, "body": body})


def _inputs_from_bytes(path: str, data: bytes, suffix: str) -> Iterator[RawInput | Rejection]:
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_inputs(path, data)
        return
    kind = "html" if suffix in HTML_SUFFIXES else _sniff_kind(data)
    yield RawInput(path=path, data=data, kind=kind)


def iter_inputs(paths: Iterable[str | Path], stdin: object = None) -> Iterator[RawInput | Rejection]:
    """Every article under ``paths``, in a stable order; unreadable ones as Rejections."""
    for given in paths:
        if str(given) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()  # type: ignore[attr-defined]
            yield from _inputs_from_bytes("-", data, ".jsonl" if data.lstrip().startswith(b"{") else "")
            continue
        for f in _files_under(Path(given)):
            try:
                size = f.stat().st_size
                if size > MAX_BYTES and f.suffix.lower() not in JSONL_SUFFIXES:
                    raise InputRejected("too-large", f"{size:,} bytes is over the {MAX_BYTES:,}-byte limit for one article; "
                                                     "split the file or check it is really an article")
                data = f.read_bytes()
            except InputRejected as e:
                yield e.rejection(str(f), content_id(str(f).encode()))
                continue
            except OSError as e:
                yield Rejection(str(f), content_id(str(f).encode()), "read", "unreadable", f"cannot read the file: {e}")
                continue
            yield from _inputs_from_bytes(str(f), data, f.suffix.lower())
