"""The DuckDB schema, as ordered migrations.

Each migration is applied once, inside a transaction, and recorded in
``schema_version``. Never edit a released migration: append a new one.

Tables (version 1):
- ``articles``: one row per ingested article; ``record`` is the full article
  record of OUTPUT.md as JSON, the other columns are for querying.
- ``rejections``: inputs that could not be used, with stage, code and detail.
- ``parse_cache``: spaCy DocBin bytes keyed by text hash and model version.
"""
from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "articles, rejections, parse cache", [
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            path VARCHAR NOT NULL,
            source VARCHAR,
            headline VARCHAR,
            lead VARCHAR,
            dateline_place VARCHAR,
            dateline_text VARCHAR,
            published_date VARCHAR,
            published_how VARCHAR,
            published_confidence DOUBLE,
            published_year INTEGER,
            url VARCHAR,
            text VARCHAR NOT NULL,
            record JSON NOT NULL,
            ingested_at TIMESTAMP DEFAULT current_timestamp
        )""",
        """CREATE TABLE rejections (
            input_id VARCHAR PRIMARY KEY,
            path VARCHAR NOT NULL,
            stage VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            detail VARCHAR NOT NULL,
            rejected_at TIMESTAMP DEFAULT current_timestamp
        )""",
        """CREATE TABLE parse_cache (
            key VARCHAR PRIMARY KEY,
            model VARCHAR NOT NULL,
            doc BLOB NOT NULL
        )""",
    ]),
]
