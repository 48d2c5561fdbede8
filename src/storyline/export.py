"""Exports of the store: the article record as JSON Lines, CSV or Parquet."""
from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

from .errors import UsageError
from .store import Store

FORMATS = ("jsonl", "csv", "parquet")
# CSV and Parquet are flat: nested fields travel as JSON strings in these columns
NESTED = ("dateline", "published", "entities", "timexes", "events", "quotes")
COLUMNS = ("id", "path", "source", "headline", "lead", "dateline", "published", "text", "url",
           "entities", "timexes", "events", "quotes")


def _flat(rec: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k in COLUMNS:
        v = rec.get(k)
        out[k] = json.dumps(v, ensure_ascii=False) if k in NESTED and v is not None else v
    out["published_date"] = (rec.get("published") or {}).get("date")
    return out


def export(db: str | os.PathLike[str] | None = None, fmt: str = "jsonl", out: str | os.PathLike[str] | None = None,
           what: str = "articles") -> int:
    """Write every article record of the store at ``db`` to ``out`` ('-' or None: stdout). Returns the count."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if what != "articles":
        raise UsageError(f"unknown export {what!r}; only 'articles' is available so far")
    if fmt == "parquet" and (out is None or str(out) == "-"):
        raise UsageError("Parquet is binary: give a file with -o OUT.parquet")
    with Store(db, read_only=True) as store:
        records = store.iter_records()
        if fmt == "parquet":
            return _write_parquet(records, Path(str(out)))
        stream: IO[str]
        close = False
        if out is None or str(out) == "-":
            stream = sys.stdout
        else:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            stream = open(out, "w", encoding="utf-8", newline="")
            close = True
        try:
            n = 0
            if fmt == "jsonl":
                for rec in records:
                    stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    n += 1
            else:
                w = csv.DictWriter(stream, fieldnames=[*COLUMNS, "published_date"])
                w.writeheader()
                for rec in records:
                    w.writerow(_flat(rec))
                    n += 1
            return n
        finally:
            if close:
                stream.close()


def _write_parquet(records: Any, out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_flat(r) for r in records]
    out.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=pa.schema([(c, pa.string()) for c in [*COLUMNS, "published_date"]]))
    pq.write_table(table, out)
    return len(rows)
