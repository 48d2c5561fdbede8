"""The per-article steps every runner maps: read -> clean and date -> parse and analyse.

They are plain functions over plain rows so that Ray (or any engine) can ship
them to workers. The local runner (``storyline.runners.local``) calls the functions these
wrap -- ``ingest.load_article``, ``ingest.redate`` and ``analyze.analyze_stream`` -- on
``Article`` objects directly, so both runners give identical records (a test compares
the stores) without the local one paying for rows.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..analyze import analyze_stream
from ..errors import InputRejected
from ..ingest import load_article, redate
from ..ingest.readers import SKIP_NAMES, _inputs_from_bytes
from ..records import Article, Dateline, Published, RawInput, Rejection


def raw_inputs(path: str, data: bytes) -> list[RawInput | Rejection]:
    """The articles in one file's bytes (one, or one per JSON line), as the local reader splits them."""
    if Path(path).name in SKIP_NAMES or Path(path).name.startswith("."):
        return []
    return list(_inputs_from_bytes(path, data, Path(path).suffix.lower()))


def article_to_row(a: Article) -> dict[str, Any]:
    return {"kind": "article", "id": a.id, "path": a.path, "year": a.published.year,
            "confidence": a.published.confidence, "payload": json.dumps(asdict(a), ensure_ascii=False)}


def rejection_to_row(r: Rejection) -> dict[str, Any]:
    return {"kind": "rejection", "id": r.input_id, "path": r.path, "year": None, "confidence": 0.0,
            "payload": json.dumps(asdict(r), ensure_ascii=False)}


def row_to_article(row: dict[str, Any]) -> Article:
    d = json.loads(row["payload"])
    dl = d.pop("dateline")
    pub = d.pop("published")
    return Article(**{**d, "dateline": Dateline(**dl) if dl else None, "published": Published(**pub),
                      "entities": [], "timexes": [], "events": [], "quotes": []})


def row_to_rejection(row: dict[str, Any]) -> Rejection:
    return Rejection(**json.loads(row["payload"]))


def clean_and_date(raw: RawInput, today: dt.date | None = None) -> dict[str, Any]:
    try:
        return article_to_row(load_article(raw, today=today))
    except InputRejected as e:
        return rejection_to_row(e.rejection(raw.path, raw.id))


def parse_and_analyse(rows: Iterable[dict[str, Any]], years: set[int],
                      today: dt.date | None = None) -> list[dict[str, Any]]:
    """Date undecided articles with the corpus's years, then parse and analyse them (one process)."""
    articles = []
    for row in rows:
        a = row_to_article(row)
        a.published = redate(a, years, today)
        articles.append(a)
    out = []
    for item in analyze_stream(iter(articles), None, 1):
        if isinstance(item, Rejection):
            out.append(rejection_to_row(item))
        else:
            out.append({"kind": "record", "id": item.id, "path": item.path, "year": item.published.year,
                        "confidence": item.published.confidence,
                        "payload": json.dumps(item.to_dict(), ensure_ascii=False)})
    return out
