"""Exports of the store: the article record as JSON Lines, CSV or Parquet."""
from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from collections.abc import Iterable
from typing import IO, Any

from .errors import UsageError
from .store import Store

FORMATS = ("jsonl", "csv", "parquet")
# CSV and Parquet are flat: nested fields travel as JSON strings in these columns
NESTED = ("dateline", "published", "entities", "timexes", "events", "quotes")
COLUMNS = ("id", "path", "source", "headline", "lead", "dateline", "published", "text", "url",
           "entities", "timexes", "events", "quotes")


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
        if fmt == "parquet":
            return _write_parquet(records, Path(str(out)), columns, nested)
        if out is None or str(out) == "-":
            return _write_text(records, sys.stdout, fmt, columns, nested)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as stream:
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
        w.writerow(_flat(rec, columns, nested))
        n += 1
    return n


def _write_parquet(records: Iterable[dict[str, Any]], out: Path, columns: tuple[str, ...],
                   nested: tuple[str, ...]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_flat(r, columns, nested) for r in records]
    names = [*columns, "published_date"] if columns is COLUMNS else list(columns)
    out.parent.mkdir(parents=True, exist_ok=True)
    fields = [(c, pa.string()) if (c in nested or c == "published_date" or not rows
                                   or all(isinstance(r.get(c), str | None) for r in rows)) else (c, None)
              for c in names]
    schema = pa.schema([(c, t if t is not None else pa.infer_type([r.get(c) for r in rows])) for c, t in fields])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), out)
    return len(rows)
