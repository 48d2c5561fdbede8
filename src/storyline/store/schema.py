"""The DuckDB schema, as ordered migrations.

Each migration is applied once, inside a transaction, and recorded in
``schema_version``. Never edit a released migration: append a new one.

Tables (version 1):
- ``articles``: one row per ingested article; ``record`` is the full article
  record of OUTPUT.md as JSON, the other columns are for querying.
- ``rejections``: inputs that could not be used, with stage, code and detail.
- ``parse_cache``: spaCy DocBin bytes keyed by text hash and model version.

Tables (version 2, linking: ``storyline.link`` and ``store/events.py``):
- ``event_mentions``: one row per event of an article, with its corpus ``event_id``
  and the fields linking compares (block = type and country pair).
- ``corpus_events``: one row per corpus-level event; ``lifecycle`` is its JSON
  (status history, current status, best date and place, sources, conflicts).
- ``linked_articles``: articles the linker has seen (with or without events).
- ``article_signatures``, ``article_bands``: MinHash of each article's text and its
  LSH band keys, to find reprints of new articles among old ones by a join.
- ``duplicate_groups``: article -> group (its earliest article) and kind
  (original, reprint, update, truncated).

Tables (version 3, cleaning: ``ingest/repeats.py``):
- ``furniture_sites``: pages seen per source (URL host, ``source`` field, or "" for the corpus).
- ``furniture_lines``: per source, on how many pages each short line was printed; a line on
  many of a source's pages is furniture on its next page.
Tables (version 4, actors across the corpus: ``storyline.link.actors``):
- ``actors``: one row per person, place or organisation: canonical name, type, country,
  aliases, roles over time (JSON), articles, mentions and corpus events naming it as a side,
  and for a place named as a part of another ("the southern Kurils") the actor it lies in.
- ``actor_aliases``: every written form (name, entity type) -> its actor; ``alias_key`` is
  the form folded (lower case, no accents) for filters that match any alias.
- ``actor_resolutions``: forms that mean different actors in different articles (a bare
  surname two people share), decided per article.
Tables (version 5, the read model: ``store/read.py``; the API and the CLI read only these,
the ``articles`` columns and ``corpus_events``, never by loading the corpus into Python):
- ``article_events``, ``article_entities``, ``article_quotes``: one row per event, entity and
  quote of an article record, written with the record; ``article_facts``: per article, the
  counts and the names and countries its filters match.
- ``event_index``: one row per corpus event (the linker's, or an article event it has not
  linked) with the list view's columns; ``record_events``: the lifecycle of the latter;
  ``event_months``: its reports per month of publication and status (``/api/counts``).
- ``actor_index``: named entities across articles, spellings merged; ``read_summary``: the
  store's totals. Both are rebuilt after every write (``Store.close``).
Version 7: ``event_index`` gains its sort keys (``date_key``, ``reported_key``) and its two
countries (``country1``, ``country2``) as columns, so the events list neither computes nor
compares lists per row.
Version 8: ``article_facts`` gains ``countries_key`` and ``day`` (``ARTICLE_KEYS_SQL``), and the
names its actor filter matches get an index: ``entity_names`` (each lower-cased entity name once,
with a number) and ``article_names`` (name number, article, and the article's publication date and
path, the list's sort keys), written with the records and kept in name order
(``name_index_sorted``: its size when last sorted).
Version 9: ``count_margins``: the sums ``/api/counts`` shows when no type or status is asked, per
country key and basis (``COUNT_MARGINS_SQL``), rebuilt with ``event_counts``.
Version 10: an index of ``article_events`` by ``article_id`` (the reports of one event).
Version 11: ``article_facts`` gains the columns of an article's list item (``ARTICLE_CARD``: outlet,
headline, lead, how and how surely it was dated, dateline, URL; the values of its ``articles`` row),
so a page of articles is read from that table alone, not looked up in ``articles`` by id.
Version 12: ``read_sorted``: per read table kept in the order its list is read in (``article_facts``,
``article_quotes``: ``store.read._keep_sorted``), its size when it was last sorted.
Version 13: an index of events by the names of their two sides, as ``article_names`` is for articles:
``event_name_ids`` (each actor name and country code an event lists, once, with its lower-cased form
and a number) and ``event_names`` (name number and event, once; whether the name is one of its actors,
not only a country code; and the event's sort keys), written with ``event_index`` and kept in name order
(``read_sorted``). An ``actor`` filter of the events list tests the few thousand names, not the
names of every event (``api.queries._events_keyed``; ``EVENT_NAMES_SQL`` for the rows of before).
``article_names`` gains ``article_no``, a number per article (``ARTICLE_NOS_SQL``), and ``article_quotes``
a 512-bit signature of each quote's three-character sequences (``grams0``-``grams7``), the prefilter of
the quotes' text search; ``event_index`` gains ``overdue``, the flag readers filtered on by computing it
(``OVERDUE_FLAGS_SQL``).
Tables (version 6, pre-aggregated counts: ``store/read.py``):
- ``event_counts``: the cells of ``/api/counts`` -- events per (country key, type, status,
  month), of every event and of every dated report -- so a count reads a few thousand cells,
  not every event; rebuilt with the totals after every write.
"""
from __future__ import annotations

READ_MODEL_VERSION = 5          # the migration that adds the read model (``store/read.py``)

# The cells of ``event_counts`` from ``event_index`` and ``event_months``: each event counts under
# the key '' (any country), each of its countries, and its pair ('JPN,RUS', sorted as ``countries``
# is), so a ``countries`` filter is one key. ``basis``: 'event' (its month, or NULL: undated),
# 'reported' (its dated reports by month and report status), 'undated' (events with no dated report).
# Sorted by key: a count reads the row groups of its key only (min/max skipping).
EVENT_COUNTS_SQL = """INSERT INTO event_counts (key, basis, type, event_status, month, status, n)
    WITH keyed AS (SELECT unnest(list_concat([''], countries, CASE WHEN len(countries) = 2
                       THEN [countries[1] || ',' || countries[2]] ELSE [] END)) AS key, * FROM event_index)
    SELECT key, 'event', type, status, event_month, status, count(*) FROM keyed GROUP BY ALL
    UNION ALL
    SELECT key, 'undated', type, status, NULL, NULL, count(*) FROM keyed WHERE NOT dated_reports GROUP BY ALL
    UNION ALL
    SELECT key, 'reported', type, event_status, month, status, sum(n) FROM
        (SELECT unnest(list_concat([''], countries, CASE WHEN len(countries) = 2
                THEN [countries[1] || ',' || countries[2]] ELSE [] END)) AS key, * FROM event_months) GROUP BY ALL
    ORDER BY 1, 2, 5"""            # key, basis, month

# The columns of migration 7 for rows written before it (``store.read.index_row`` writes them since):
# what the events list sorts and filters on, stored, where computing them per row cost more than
# the rest of the query (measured at 100,000 articles, 62,000 events: a top 50 ordered by
# ``coalesce(win_start, '9999')`` took 1.3 ms of CPU, by the stored key 0.5; a country pair compared
# as a list 2.6 ms, as two strings 1.0). ``countries`` holds at most two codes (an event's two sides).
EVENT_KEYS_SQL = """UPDATE event_index SET date_key = coalesce(win_start, '9999'),
    reported_key = coalesce(first_reported, '9999'), country1 = countries[1], country2 = countries[2]"""

# Migration 8, for rows written before it (``store.read.article_rows`` writes the same since): the
# countries of an article as one string (``|JPN|RUS|``: a country filter is a substring test, not a
# list search) and whether its publication date is a full day (the date filters' test, once).
# the list item's columns of ``article_facts`` (migration 11), named as in ``articles``
ARTICLE_CARD = (("source", "VARCHAR"), ("headline", "VARCHAR"), ("lead", "VARCHAR"), ("published_how", "VARCHAR"),
                ("published_confidence", "DOUBLE"), ("dateline_place", "VARCHAR"), ("dateline_text", "VARCHAR"),
                ("url", "VARCHAR"))

# Migration 13, for the rows of ``event_index`` written before it (``store.read._insert_event_names`` writes
# the same since): each non-empty actor name and country of an event under its number, once per event
# (``actor``: the name is one of its actors, not only a country code). The lower-cased
# forms are those of ``actors_lc`` (Python's ``str.lower``, joined in the same order), so a filter
# matches the same names as ``contains(actors_lc, ?)`` did.
EVENT_NAME_IDS_SQL = """INSERT INTO event_name_ids (name, name_lc, name_id)
    WITH pairs AS (SELECT unnest(list_filter(list_concat(actors, countries), x -> x <> '')) AS name,
                          unnest(string_split(actors_lc, chr(1))) AS name_lc FROM event_index)
    SELECT name, min(name_lc), row_number() OVER (ORDER BY name) FROM pairs
    WHERE name IS NOT NULL AND name_lc IS NOT NULL GROUP BY name"""
EVENT_NAMES_SQL = """INSERT INTO event_names (name_id, event_id, actor, date_key, reported_key, n_reports, type, status)
    WITH own AS (SELECT unnest(list_filter(actors, x -> x <> '')) AS name, TRUE AS actor, event_id FROM event_index
                 UNION ALL SELECT unnest(list_filter(countries, x -> x <> '')), FALSE, event_id FROM event_index),
    once AS (SELECT n.name_id, o.event_id, bool_or(o.actor) AS actor FROM own o JOIN event_name_ids n USING (name)
             GROUP BY ALL)
    SELECT once.name_id, once.event_id, once.actor, e.date_key, e.reported_key, e.n_reports, e.type, e.status
    FROM once JOIN event_index e USING (event_id) ORDER BY 1, 2"""

# Migration 13: the name index of the articles rewritten with a number per article (``article_no``;
# ``store.read._write_names`` numbers new articles on from the largest), in name order as before.
# Measured at 100,000 articles: the articles of a needle matching three names (48,900 rows of the
# 1,070,000) counted as distinct ids 2.5 ms of CPU, as distinct numbers 1.1 ms.
ARTICLE_NOS_SQL = (
    """CREATE TEMP TABLE _sl_names13 AS SELECT a.name_id, a.article_id, a.published, a.path, n.no FROM article_names a
        JOIN (SELECT article_id, row_number() OVER (ORDER BY article_id) AS no FROM
              (SELECT DISTINCT article_id FROM article_names)) n USING (article_id)""",
    "DELETE FROM article_names",
    """INSERT INTO article_names (name_id, article_id, published, path, article_no)
        SELECT name_id, article_id, published, path, no FROM _sl_names13 ORDER BY name_id, article_id""",
    "DROP TABLE _sl_names13",
)

# Migration 13: "overdue" stored (``event_index.overdue``): an open plan whose date ended before the
# store's newest article day (``read_summary.as_of``), as ``api.queries._OVERDUE`` computes it. Set with
# each row (``store.read._insert_index``, against the day of then) and, when the day moves, here, in the
# transaction that writes it (``store.read._summary``); only the rows whose flag changes are written.
OVERDUE_FLAGS_SQL = """UPDATE event_index SET overdue = f.late FROM (SELECT event_id,
        coalesce(open_plan AND date_end < (SELECT CAST(as_of AS VARCHAR) FROM read_summary), FALSE) AS late
        FROM event_index) f
    WHERE event_index.event_id = f.event_id AND event_index.overdue IS DISTINCT FROM f.late"""

ARTICLE_KEYS_SQL = """UPDATE article_facts SET countries_key = '|' || array_to_string(countries, '|') || '|',
    day = coalesce(regexp_matches(published, '^\\d{4}-\\d{2}-\\d{2}$'), FALSE)"""

# Migration 9: what ``/api/counts`` answers without a type or status filter, per country key and
# basis ('event': the month of each event; 'reported': of each report), summed from the cells once
# per write: the month x status and month x type sums ('s', 't'), the undated and all events.
# A count then reads a few hundred rows of its key instead of summing its cells (measured at 100,000
# articles: 4.6-5.2 ms of CPU per count for the four sums over the cells of the key '').
COUNT_MARGINS_SQL = """INSERT INTO count_margins (key, want, dim, month, k, n)
    WITH c AS (SELECT key, basis, month, status, coalesce(type, '?') AS type, n FROM event_counts),
    w AS (SELECT * FROM (VALUES ('event'), ('reported')) v(want))
    SELECT key, want, 's', month, status, sum(n) FROM c JOIN w ON c.basis = w.want WHERE month IS NOT NULL
    GROUP BY ALL
    UNION ALL SELECT key, want, 't', month, type, sum(n) FROM c JOIN w ON c.basis = w.want WHERE month IS NOT NULL
    GROUP BY ALL
    UNION ALL SELECT key, want, basis, NULL, NULL, sum(n) FROM c, w WHERE basis = 'undated' OR
    (basis = 'event' AND month IS NULL) GROUP BY ALL
    UNION ALL SELECT key, want, 'all', NULL, NULL, sum(n) FROM c, w WHERE basis = 'event' GROUP BY ALL
    ORDER BY 1, 2"""

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
    (2, "linking: event mentions, corpus events, duplicate groups", [
        """CREATE TABLE event_mentions (
            article_id VARCHAR NOT NULL,
            local_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            event_id VARCHAR NOT NULL,
            block VARCHAR NOT NULL,
            sort_key VARCHAR NOT NULL,
            published DATE,
            type VARCHAR NOT NULL,
            mode VARCHAR,
            status VARCHAR NOT NULL,
            source_country VARCHAR,
            target_country VARCHAR,
            source_name VARCHAR,
            target_name VARCHAR,
            persons VARCHAR,
            date VARCHAR,
            date_start DATE,
            date_end DATE,
            location_name VARCHAR,
            location_country VARCHAR,
            evidence VARCHAR,
            evidence_key VARCHAR,
            reported_by VARCHAR,
            outlet VARCHAR,
            path VARCHAR,
            PRIMARY KEY (article_id, local_id)
        )""",
        """CREATE TABLE corpus_events (
            event_id VARCHAR PRIMARY KEY,
            type VARCHAR NOT NULL,
            mode VARCHAR,
            source_country VARCHAR,
            target_country VARCHAR,
            status VARCHAR NOT NULL,
            happened BOOLEAN NOT NULL,
            date VARCHAR,
            date_start DATE,
            date_end DATE,
            location_country VARCHAR,
            location_name VARCHAR,
            first_reported DATE,
            last_reported DATE,
            n_reports INTEGER NOT NULL,
            n_articles INTEGER NOT NULL,
            n_sources INTEGER NOT NULL,
            n_conflicts INTEGER NOT NULL,
            lifecycle JSON NOT NULL,
            updated_at TIMESTAMP DEFAULT current_timestamp
        )""",
        """CREATE TABLE linked_articles (
            article_id VARCHAR PRIMARY KEY,
            linked_at TIMESTAMP DEFAULT current_timestamp
        )""",
        """CREATE TABLE article_signatures (
            article_id VARCHAR PRIMARY KEY,
            published DATE,
            n_shingles INTEGER NOT NULL,
            minhash BLOB NOT NULL,
            lead_minhash BLOB NOT NULL
        )""",
        """CREATE TABLE article_bands (
            band_key BIGINT NOT NULL,
            article_id VARCHAR NOT NULL
        )""",
        """CREATE TABLE duplicate_groups (
            article_id VARCHAR PRIMARY KEY,
            group_id VARCHAR NOT NULL,
            kind VARCHAR NOT NULL
        )""",
    ]),
    (3, "cleaning: lines a source repeats on many pages", [
        """CREATE TABLE furniture_sites (
            site VARCHAR PRIMARY KEY,
            pages INTEGER NOT NULL
        )""",
        """CREATE TABLE furniture_lines (
            site VARCHAR NOT NULL,
            line VARCHAR NOT NULL,
            pages INTEGER NOT NULL,
            PRIMARY KEY (site, line)
        )""",
    ]),
    (4, "actors across the corpus: actors, aliases, per-article resolutions", [
        """CREATE TABLE actors (
            actor_id VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            country VARCHAR,
            countries VARCHAR[],
            aliases VARCHAR[],
            roles JSON,
            n_articles INTEGER NOT NULL,
            n_mentions INTEGER NOT NULL,
            n_events INTEGER NOT NULL,
            part_of VARCHAR
        )""",
        """CREATE TABLE actor_aliases (
            alias VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            alias_key VARCHAR NOT NULL,
            actor_id VARCHAR NOT NULL
        )""",
        """CREATE TABLE actor_resolutions (
            article_id VARCHAR NOT NULL,
            alias VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            actor_id VARCHAR NOT NULL
        )""",
    ]),
    (5, "read model: per-article facts, event index, actor index, summary", [
        """CREATE TABLE article_events (
            article_id VARCHAR NOT NULL,
            local_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            record_event_id VARCHAR,
            type VARCHAR,
            status VARCHAR,
            published VARCHAR,
            evidence VARCHAR,
            evidence_start INTEGER,
            evidence_end INTEGER,
            PRIMARY KEY (article_id, local_id)
        )""",
        """CREATE TABLE article_entities (
            article_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            name VARCHAR,
            type VARCHAR,
            country VARCHAR,
            role VARCHAR,
            mentions INTEGER NOT NULL
        )""",
        """CREATE TABLE article_quotes (
            article_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            path VARCHAR,
            outlet VARCHAR,
            headline VARCHAR,
            published VARCHAR,
            speaker VARCHAR,
            speaker_lc VARCHAR,
            speaker_entity VARCHAR,
            text VARCHAR,
            text_lc VARCHAR,
            qstart INTEGER,
            qend INTEGER
        )""",
        """CREATE TABLE article_facts (
            article_id VARCHAR PRIMARY KEY,
            n_entities INTEGER NOT NULL,
            n_events INTEGER NOT NULL,
            n_quotes INTEGER NOT NULL,
            names_lc VARCHAR NOT NULL,
            countries VARCHAR[] NOT NULL,
            path VARCHAR,
            source_lc VARCHAR,
            published VARCHAR
        )""",
        """CREATE TABLE event_index (
            event_id VARCHAR PRIMARY KEY,
            origin VARCHAR NOT NULL,
            linked BOOLEAN NOT NULL,
            type VARCHAR,
            status VARCHAR,
            open_plan BOOLEAN NOT NULL,
            date_end VARCHAR,
            win_start VARCHAR,
            win_end VARCHAR,
            first_reported VARCHAR,
            n_reports INTEGER NOT NULL,
            countries VARCHAR[] NOT NULL,
            actors VARCHAR[] NOT NULL,
            actors_lc VARCHAR NOT NULL,
            event_month VARCHAR,
            dated_reports BOOLEAN NOT NULL DEFAULT FALSE,
            summary JSON NOT NULL
        )""",
        """CREATE TABLE event_months (
            event_id VARCHAR NOT NULL,
            type VARCHAR,
            event_status VARCHAR,
            countries VARCHAR[] NOT NULL,
            month VARCHAR NOT NULL,
            status VARCHAR,
            n INTEGER NOT NULL
        )""",
        """CREATE TABLE record_events (
            event_id VARCHAR PRIMARY KEY,
            lifecycle JSON NOT NULL
        )""",
        """CREATE TABLE actor_index (
            name VARCHAR NOT NULL,
            type VARCHAR,
            country VARCHAR,
            countries VARCHAR[] NOT NULL,
            roles VARCHAR[] NOT NULL,
            articles INTEGER NOT NULL,
            mentions INTEGER NOT NULL,
            events INTEGER NOT NULL,
            aliases VARCHAR[] NOT NULL,
            name_lc VARCHAR NOT NULL,
            names_lc VARCHAR NOT NULL
        )""",
        """CREATE TABLE read_summary (
            as_of DATE,
            first_published VARCHAR,
            last_published VARCHAR,
            articles BIGINT NOT NULL,
            sources BIGINT NOT NULL,
            reports BIGINT NOT NULL,
            quotes BIGINT NOT NULL,
            entities BIGINT NOT NULL,
            fts BOOLEAN NOT NULL,
            stale BOOLEAN NOT NULL,
            events JSON
        )""",
        "CREATE INDEX event_mentions_event ON event_mentions (event_id)",
        "INSERT INTO read_summary VALUES (NULL, NULL, NULL, 0, 0, 0, 0, 0, FALSE, TRUE, NULL)",
    ]),    (6, "pre-aggregated counts: events per country key, type, status and month", [
        """CREATE TABLE event_counts (
            key VARCHAR NOT NULL,
            basis VARCHAR NOT NULL,
            type VARCHAR,
            event_status VARCHAR,
            month VARCHAR,
            status VARCHAR,
            n BIGINT NOT NULL
        )""",
        EVENT_COUNTS_SQL,
    ]),
    (7, "event index: sort keys and the two countries as plain columns", [
        "ALTER TABLE event_index ADD COLUMN date_key VARCHAR",
        "ALTER TABLE event_index ADD COLUMN reported_key VARCHAR",
        "ALTER TABLE event_index ADD COLUMN country1 VARCHAR",
        "ALTER TABLE event_index ADD COLUMN country2 VARCHAR",
        EVENT_KEYS_SQL,
    ]),
    (8, "article filters: countries as a string, full-day flag, an index of entity names", [
        "ALTER TABLE article_facts ADD COLUMN countries_key VARCHAR",
        "ALTER TABLE article_facts ADD COLUMN day BOOLEAN",
        ARTICLE_KEYS_SQL,
        """CREATE TABLE entity_names (
            name_lc VARCHAR PRIMARY KEY,
            name_id INTEGER NOT NULL
        )""",
        """CREATE TABLE article_names (
            name_id INTEGER NOT NULL,
            article_id VARCHAR NOT NULL,
            published VARCHAR,
            path VARCHAR
        )""",
        """INSERT INTO entity_names SELECT name_lc, row_number() OVER (ORDER BY name_lc) FROM
            (SELECT DISTINCT unnest(string_split(names_lc, chr(1))) AS name_lc FROM article_facts) WHERE name_lc <> ''""",
        """INSERT INTO article_names SELECT DISTINCT n.name_id, f.article_id, f.published, f.path FROM
            (SELECT unnest(string_split(names_lc, chr(1))) AS name_lc, article_id, published, path FROM article_facts) f
            JOIN entity_names n USING (name_lc) ORDER BY 1, 2""",
        "CREATE TABLE name_index_sorted AS SELECT count(*) AS sorted_rows FROM article_names",
    ]),
    (9, "the sums of /api/counts without a type or status filter, per country key and basis", [
        """CREATE TABLE count_margins (
            key VARCHAR NOT NULL,
            want VARCHAR NOT NULL,
            dim VARCHAR NOT NULL,
            month VARCHAR,
            k VARCHAR,
            n BIGINT
        )""",
        COUNT_MARGINS_SQL,
    ]),
    (10, "an index of article events by article, for the reports of one event", [
        # ``api.queries._reports`` asks for the events of an event's articles by article id: the
        # composite primary key does not serve a list of articles, so each call read the whole table
        # (measured at 100,000 articles: 3.8 -> 1.4 ms of CPU for the reports of one event)
        "CREATE INDEX article_events_article ON article_events (article_id)",
    ]),
    (11, "article facts: the columns of an article's list item", [
        *(f"ALTER TABLE article_facts ADD COLUMN {name} {kind}" for name, kind in ARTICLE_CARD),
        "UPDATE article_facts SET " + ", ".join(f"{name} = a.{name}" for name, _ in ARTICLE_CARD)
        + " FROM articles a WHERE a.id = article_facts.article_id",
    ]),
    (12, "the sizes of the read tables kept in list order when they were last sorted", [
        """CREATE TABLE read_sorted (
            table_name VARCHAR PRIMARY KEY,
            sorted_rows BIGINT NOT NULL
        )""",
    ]),    (13, "an index of events by the names of their sides", [
        """CREATE TABLE event_name_ids (
            name VARCHAR PRIMARY KEY,
            name_lc VARCHAR NOT NULL,
            name_id INTEGER NOT NULL
        )""",
        """CREATE TABLE event_names (
            name_id INTEGER NOT NULL,
            event_id VARCHAR NOT NULL,
            actor BOOLEAN NOT NULL,
            date_key VARCHAR,
            reported_key VARCHAR,
            n_reports INTEGER,
            type VARCHAR,
            status VARCHAR
        )""",
        EVENT_NAME_IDS_SQL,
        EVENT_NAMES_SQL,
        "INSERT INTO read_sorted SELECT 'event_names', count(*) FROM event_names",
        # the name index of the articles gains a number per article, so that counting the articles of
        # several names (DISTINCT) hashes integers, not ids (``ARTICLE_NOS_SQL``)
        "ALTER TABLE article_names ADD COLUMN article_no INTEGER",
        *ARTICLE_NOS_SQL,
        # the quotes' text signatures (``store.read.text_grams``): every bit set for the rows of before
        # (a reader lets them through), computed in Python at the next refresh (``store.read._quote_grams``)
        *(f"ALTER TABLE article_quotes ADD COLUMN grams{i} UBIGINT DEFAULT {(1 << 64) - 1}" for i in range(8)),
        # "overdue" as a column (``OVERDUE_FLAGS_SQL``)
        "ALTER TABLE event_index ADD COLUMN overdue BOOLEAN",
        OVERDUE_FLAGS_SQL,
    ]),
    # (13 and 14: the read model's actor and search tables, other branches of the same round)
    (15, "an index of linked event mentions by article, for an article's event ids", [
        # ``store.events.event_ids_of`` asks for one article's linked events (``/api/articles/{id}``):
        # with the index by event only, each call read the whole table (measured at 100,000 articles,
        # 78,000 mentions: 1.4 -> 0.2 ms of CPU)
        "CREATE INDEX event_mentions_article ON event_mentions (article_id)",
    ]),
]
