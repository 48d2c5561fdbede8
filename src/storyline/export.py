"""Exports of the store: the article record (or the corpus events) as JSON Lines, CSV, Parquet or POLECAT TSV.

JSON Lines and Parquet keep the nested record (Parquet as JSON strings in its nested
columns); CSV is flat, one value per cell (``export_flat``); ``polecat`` writes the
POLECAT event-data columns as TSV. Every format takes the filters of ``storyline
events`` (events) or of ``storyline articles`` (articles) to export a filtered set.

A file is written beside its destination and renamed over it once complete: a failed export
leaves the previous file as it was (pyarrow deletes the path it was writing to when it fails,
which removed an earlier good export). CSV and TSV cells that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR: ``=cmd|...``) are prefixed with
``'``, as OWASP advises; JSON Lines and Parquet carry the text unchanged.
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

from . import export_flat as flat
from .errors import UsageError
from .export_flat import tsv_value
from .store import Store
from .store.events import EVENT_COLUMNS, EVENT_NESTED, event_export_rows
from .version import __version__

FORMATS = ("jsonl", "csv", "parquet", "polecat")
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
           what: str = "articles", as_of: str | None = None, filters: dict[str, Any] | None = None) -> int:
    """Write the store at ``db`` to ``out`` ('-' or None: stdout); returns the count.

    ``what="articles"``: one article record (OUTPUT.md) per line/row; ``what="events"``: one
    corpus-level event with its lifecycle per line/row (``as_of`` for 'overdue': a date or 'today',
    default the newest article). ``filters``: for events, the keyword arguments of
    ``export_flat.event_filter`` (countries, type, status, actor, date_from, date_to, overdue); for
    articles, of ``export_flat.article_filter`` (countries, source, actor, date_from, date_to).
    ``fmt="polecat"`` (events only): POLECAT's columns as TSV.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if what not in ("articles", "events"):
        raise UsageError(f"unknown export {what!r}; choose articles or events")
    if fmt == "parquet" and (out is None or str(out) == "-"):
        raise UsageError("Parquet is binary: give a file with -o OUT.parquet")
    if fmt == "polecat" and what != "events":
        raise UsageError("POLECAT rows are events: add --what events")
    given = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    if what == "events":
        test = flat.event_filter(**given) if given else None
    else:
        bad = sorted(set(given) - {"countries", "source", "actor", "date_from", "date_to"})
        if bad:
            raise UsageError(f"articles cannot be filtered by {', '.join(bad)}; those filters are for --what events")
        test = flat.article_filter(**given) if given else None
    with Store(db, read_only=True) as store:
        records: Iterable[dict[str, Any]]
        if what == "events":
            records, columns, nested = event_export_rows(store, as_of=as_of), tuple(EVENT_COLUMNS), tuple(EVENT_NESTED)
        else:
            records, columns, nested = store.iter_records(), COLUMNS, NESTED
        records = flat.filtered(records, test)
        if fmt in ("csv", "polecat"):
            records = list(records)
            urls = dict(store.con.execute("SELECT id, url FROM articles").fetchall()) if what == "events" else {}
            if fmt == "polecat":
                arts = flat.polecat_articles(store.con, {str(flat._latest_evidence(lc)["article_id"])
                                                         for lc in records})
                rows = [flat.polecat_row(lc, arts, f"storyline {__version__}") for lc in records]
                return _write_flat(rows, flat.POLECAT_COLUMNS, out, delimiter="\t")
            rows = ([flat.event_row(lc, urls) for lc in records] if what == "events"
                    else [flat.article_row(r) for r in records])
            return _write_flat(rows, flat.EVENT_COLUMNS if what == "events" else flat.ARTICLE_COLUMNS, out)
        if out is None or str(out) == "-":
            return _write_text(records, sys.stdout, fmt, columns, nested)
        with _replacing(Path(out)) as path:
            if fmt == "parquet":
                return _write_parquet(records, path, columns, nested)
            with open(path, "w", encoding="utf-8", newline="") as stream:
                return _write_text(records, stream, fmt, columns, nested)


def _write_flat(rows: list[dict[str, Any]], columns: tuple[str, ...], out: str | os.PathLike[str] | None,
                delimiter: str = ",") -> int:
    def write(stream: IO[str]) -> int:
        if delimiter == "\t":      # TSV: no quoting, values hold no tabs or line breaks
            stream.write("\t".join(columns) + "\n")
            for r in rows:
                stream.write("\t".join(str(csv_cell(tsv_value(r.get(c)))) for c in columns) + "\n")
        else:
            w = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore")
            w.writeheader()
            w.writerows({c: csv_cell(v) for c, v in r.items()} for r in rows)
        return len(rows)

    if out is None or str(out) == "-":
        return write(sys.stdout)
    with _replacing(Path(out)) as path, open(path, "w", encoding="utf-8", newline="") as stream:
        return write(stream)


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
