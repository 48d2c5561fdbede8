"""Exports of the store: the article record as JSON Lines, CSV or Parquet.

A file is written beside its destination and renamed over it once complete: a failed export
leaves the previous file as it was (pyarrow deletes the path it was writing to when it fails,
which removed an earlier good export). CSV cells that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, tab or CR: ``=cmd|...``) are prefixed with ``'``,
as OWASP advises; JSON Lines and Parquet carry the text unchanged.
"""
from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .errors import UsageError
from .store import Store

FORMATS = ("jsonl", "csv", "parquet")
# CSV and Parquet are flat: nested fields travel as JSON strings in these columns
NESTED = ("dateline", "published", "entities", "timexes", "events", "quotes")
COLUMNS = ("id", "path", "source", "headline", "lead", "dateline", "published", "text", "url",
           "entities", "timexes", "events", "quotes")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: ``'`` before a formula-leading string."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@contextmanager
def _replacing(out: Path) -> Iterator[Path]:
    """A temporary path beside ``out``, renamed over it when the block succeeds, removed when
    it fails. Something other than a regular file (a FIFO, /dev/stdout) is written directly."""
    if out.exists() and not out.is_file():
        if out.is_dir():
            raise UsageError(f"{out} is a folder: give a file name with -o")
        yield out
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, out.stat().st_mode & 0o7777 if out.exists() else 0o666 & ~_umask())
        os.replace(tmp, out)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _flat(rec: dict[str, Any], columns: tuple[str, ...] = COLUMNS, nested: tuple[str, ...] = NESTED) -> dict[str, Any]:
    out = {}
    for k in columns:
        v = rec.get(k)
        out[k] = json.dumps(v, ensure_ascii=False) if k in nested and v is not None else v
    if columns is COLUMNS:
        out["published_date"] = (rec.get("published") or {}).get("date")
    return out


def export(db: str | os.PathLike[str] | None = None, fmt: str = "jsonl", out: str | os.PathLike[str] | None = None,
           what: str = "articles", as_of: str | None = None) -> int:
    """Write the store at ``db`` to ``out`` ('-' or None: stdout); returns the count.

    ``what="articles"``: one article record (OUTPUT.md) per line/row; ``what="events"``: one
    corpus-level event with its lifecycle per line/row (``as_of`` for 'overdue': a date or 'today',
    default the newest article).
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if what not in ("articles", "events"):
        raise UsageError(f"unknown export {what!r}; choose articles or events")
    if fmt == "parquet" and (out is None or str(out) == "-"):
        raise UsageError("Parquet is binary: give a file with -o OUT.parquet")
    with Store(db, read_only=True) as store:
        records: Iterable[dict[str, Any]]
        if what == "events":
            from .store.events import EVENT_COLUMNS, EVENT_NESTED, event_export_rows

            records, columns, nested = event_export_rows(store, as_of=as_of), tuple(EVENT_COLUMNS), tuple(EVENT_NESTED)
        else:
            records, columns, nested = store.iter_records(), COLUMNS, NESTED
        if out is None or str(out) == "-":
            return _write_text(records, sys.stdout, fmt, columns, nested)
        with _replacing(Path(out)) as path:
            if fmt == "parquet":
                return _write_parquet(records, path, columns, nested)
            with open(path, "w", encoding="utf-8", newline="") as stream:
                return _write_text(records, stream, fmt, columns, nested)


def _write_text(records: Iterable[dict[str, Any]], stream: IO[str], fmt: str, columns: tuple[str, ...],
                nested: tuple[str, ...]) -> int:
    n = 0
    if fmt == "jsonl":
        for rec in records:
            stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    names = [*columns, "published_date"] if columns is COLUMNS else list(columns)
    w = csv.DictWriter(stream, fieldnames=names, extrasaction="ignore")
    w.writeheader()
    for rec in records:
        w.writerow({k: csv_cell(v) for k, v in _flat(rec, columns, nested).items()})
        n += 1
    return n


def _write_parquet(records: Iterable[dict[str, Any]], out: Path, columns: tuple[str, ...],
                   nested: tuple[str, ...]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_flat(r, columns, nested) for r in records]
    names = [*columns, "published_date"] if columns is COLUMNS else list(columns)
    fields = [(c, pa.string()) if (c in nested or c == "published_date" or not rows
                                   or all(isinstance(r.get(c), str | None) for r in rows)) else (c, None)
              for c in names]
    schema = pa.schema([(c, t if t is not None else pa.infer_type([r.get(c) for r in rows])) for c, t in fields])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), out)
    return len(rows)
