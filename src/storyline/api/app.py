"""The web API and the page: a thin FastAPI layer over ``storyline.api.queries``.

``create_app(db)`` builds the app; ``serve(db)`` runs it with uvicorn on
127.0.0.1. Every error, validation errors and 404s included, has one shape::

    {"error": {"code": "not_found", "message": "no event 'ev-1'", "detail": null}}

The database is opened read-only, only while requests are in flight
(``ReadOnlyStore``), so ``storyline ingest`` can write between requests; while it
holds the file the API answers 503 ``store_busy`` with ``Retry-After``.
The interactive docs at ``/docs`` are a local page (no CDN) reading ``/openapi.json``.

``serve`` checks the Host header against an allow-list (loopback names, plus the bound address
and the machine's name when bound beyond loopback): a web page elsewhere cannot reach the API
through a DNS name rebound to 127.0.0.1. Error bodies name files without their folders.
"""
from __future__ import annotations

import gc
import ipaddress
import json
import logging
import os
import re
import socket
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import StoreError, UsageError
from ..store import default_db_path, memory_limit
from ..version import __version__
from . import changes as _changes, constraints as C, feeds, labels, queries, textquery
from .db import ReadOnlyStore, StoreBusyError, open_read_only
from .workers import balances_reuseport, run_workers

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                 ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
                 ".ico": "image/x-icon", ".json": "application/json"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
ID = r"^[\w.:\-]{1,128}$"          # article and event ids: hex, ev-…, <article>.<event>


class ErrorDetail(BaseModel):
    code: str
    message: str
    detail: Any = None


class ErrorBody(BaseModel):
    """The one error shape of the API."""

    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "bad parameters (`invalid_parameter`)"},
    503: {"model": ErrorBody, "description": "the store is being written (`store_busy`) or missing"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {**ERRORS, 404: {"model": ErrorBody, "description": "`not_found`"}}


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
_ABS_DIRS = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?[/\\](?:[^\s/\\'\"]+[/\\])+(?=[^\s/\\'\"])")


def public_message(message: str) -> str:
    """``message`` without the folders of absolute paths (``/home/x/a.duckdb`` -> ``a.duckdb``)."""
    return _ABS_DIRS.sub("", message)


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_allowed_hosts(host: str) -> list[str]:
    """The Host header values ``serve`` accepts when bound to ``host``."""
    names = list(LOOPBACK_NAMES)
    if not is_loopback(host):
        names += [host, socket.gethostname(), socket.getfqdn()]
    return names


def _host_name(header: str) -> str:
    """The name in a Host header, without its port ('[::1]:8000' -> '[::1]')."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[:header.find("]") + 1]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def error(status: int, code: str, message: str, detail: Any = None,
          headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "detail": detail}}, status_code=status,
                        headers=dict(headers) if headers else None)


def as_json(data: Any) -> Any:
    """``data`` as the response body, serialised here: returned as a dict, FastAPI first runs it
    through pydantic against the route's return type, then encodes it (measured in-process at
    100,000 articles: 0.2-0.3 ms of CPU per request, 3.76 -> 3.58 ms for a 50-event page). The bytes are the same JSON (compact, UTF-8)."""
    try:
        items = data.get("items") if isinstance(data, dict) else None
        if items and list(data)[-1] == "items" and all(isinstance(i, queries.RawJSON) for i in items):
            # items that are JSON text already (``queries.events(..., raw_items=True)``): written as they are
            head = json.dumps({k: v for k, v in data.items() if k != "items"}, ensure_ascii=False, allow_nan=False,
                              separators=(",", ":"))
            body = (head[:-1] + ',"items":[' + ",".join(items) + "]}").encode()
        else:
            body = _dumps(data)
    except ValueError:      # a NaN or an infinity: FastAPI's own encoding (it writes null)
        return data
    return Response(body, media_type="application/json")


def _dumps(data: Any) -> bytes:
    """``data`` as compact UTF-8 JSON: orjson writes the bytes ``json.dumps`` writes here, 8-13x as
    fast (measured at 100,000 articles: a count of all events, 35 KB, 0.45 -> 0.035 ms; an event's
    detail 0.12 -> 0.008; a page of articles 0.17 -> 0.015; those answers byte-identical). A float
    below 1e-4 or from 1e16 is written ``1.5e-7`` where json wrote ``1.5e-07``: the same number. A NaN
    or an infinity is written null, as FastAPI's encoding wrote it; what orjson does not take (an
    integer past 64 bits, a type of its own) goes through ``json``."""
    import orjson

    try:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def query_threads() -> int:
    """How many requests of one process query the store at once (``STORYLINE_SERVE_THREADS``):
    4 for a server of one process, so DuckDB's work (done without the GIL) can use a second core;
    1 in each worker of several (``serve`` sets it), which have a core each."""
    try:
        return max(1, int(os.environ.get("STORYLINE_SERVE_THREADS", "4")))
    except ValueError:
        raise UsageError("STORYLINE_SERVE_THREADS must be a whole number, such as 1 or 4") from None


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """At most ``query_threads()`` requests of a worker query the store at once; the others wait
    their turn without a thread. anyio's default is 40: on two cores 40 concurrent DuckDB
    queries only take turns on the CPU, each holding its working memory, and under 50 clients
    at 100,000 articles a worker's share of ``STORYLINE_DB_MEMORY`` ran out (errors). In a
    worker of several, one at a time: its queries do not take turns with each other for the
    GIL and its core (measured at 100,000 articles with two balanced workers, server CPU per
    request: the events list 4.3 -> 3.6 ms, search 7.6 -> 7.5, counts 3.4 -> 3.7 within noise)."""
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = query_threads()
    warm_up()
    if getattr(app.state, "warm_store", False):
        await anyio.to_thread.run_sync(warm_store, app.state.store)
    # what the worker has loaded is kept for good: out of the garbage collector's sight, a full
    # collection walks only what requests leave behind (measured after start-up: 141,000 objects,
    # a full collection 56 ms, every request of the worker waiting; after ``freeze`` 0.002 ms)
    gc.collect()
    gc.freeze()
    yield


def warm_up() -> None:
    """What a worker would otherwise load on its first requests, loaded before it serves: DuckDB's
    Python client imports pandas on the first statement with parameters (0.3 s, holding the GIL, so
    every request queued in that worker waited: in the read bench, p99s of 300-500 ms for the first
    filtered endpoint at 10,000 articles with 5 ms of CPU per request), and the event codes."""
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        con.execute("SELECT ?", [0]).fetchall()
    finally:
        con.close()
    queries.event_types()


def warm_store(store: ReadOnlyStore) -> float:
    """Ask the store what the page and the API ask first, once, before the worker serves: DuckDB
    reads a table's blocks and loads its indexes on first use, and the first requests of a worker
    paid for it, each request queued behind them too (measured at 100,000 articles on a fresh
    connection: the first event's detail 375 ms, then 6-19 ms, warm 5; the first search 140 ms,
    warm 8; under 50 clients the burst that met a cold worker made the p99 of its endpoint twice
    its median). Best effort: a store that cannot answer (busy, empty, older) is left as it is.
    Returns the seconds it took (``serve`` logs them)."""
    import time

    t0 = time.perf_counter()
    try:
        with store.cursor() as con:
            queries.stats(con)
            events = queries.events(con, limit=50, raw_items=True)["items"]
            first = json.loads(events[0]) if events else None
            if first:
                queries.event(con, first["event_id"])
                pair = ",".join(first.get("countries") or [])
                if pair:
                    queries.events(con, countries=pair, status="planned,happened", sort="-date")
                    queries.counts(con, countries=pair, basis="reported")
            queries.events(con, overdue=True, sort="-reports")
            arts = queries.articles(con, limit=50)["items"]
            if arts:
                queries.article(con, arts[0]["id"])
            actors = queries.actors(con, limit=50)["items"]
            name = (actors[0]["name"].split() or [""])[-1] if actors else ""
            if name:
                queries.events(con, actor=name)
                queries.articles(con, actor=name)
                queries.actors(con, q=name[:4])
                queries.quotes(con, speaker=name)
                queries.search(con, name)
            # a country and two words of the store's own (a search of two words reads the postings
            # apart: both paths warmed), not words of one language written here
            countries = (first or {}).get("countries") or []
            if countries:
                queries.articles(con, country=countries[0], date_from="1900")
            words = [w for w in (arts[0].get("headline") or "").split() if w.isalpha()][:2] if arts else []
            queries.quotes(con, limit=50)
            if words:
                queries.quotes(con, q=words[0])
                queries.search(con, " ".join(words))
            queries.counts(con)
            queries.counts(con, basis="reported")
    except Exception as e:         # warming is an optimisation: whatever stops it, the worker serves
        log.info("store warm-up stopped early: %s", e)
    seconds = time.perf_counter() - t0
    log.info("store warmed in %.1f s", seconds)
    return seconds


class Guard:
    """The Host check, the security headers on every response and the 500 of a crash, as plain
    ASGI: starlette's ``@app.middleware("http")`` (``BaseHTTPMiddleware``) runs each request
    through a task group and memory streams, which cost more CPU than the simplest queries
    (measured in-process at 10,000 articles: about 1 ms of the 3 ms of ``/api/stats``)."""

    def __init__(self, app: Any, hosts: set[str] | None = None):
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope["path"].startswith("/api/")
        started = False

        async def send_with_headers(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for k, v in SECURITY_HEADERS.items():
                    headers.setdefault(k, v)
                if api:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        if self.hosts is not None:
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
            if _host_name(host) not in self.hosts:
                await error(400, "invalid_host", "this server does not answer to that Host header; use the "
                            "address it was started with (see --allowed-hosts)")(scope, receive, send_with_headers)
                return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:           # answered here, not by the outermost handler, so the headers apply
            log.exception("internal error on %s", scope["path"])
            if started:
                raise
            await error(500, "internal", "internal error; the server log has the details")(
                scope, receive, send_with_headers)


def _static_files() -> dict[str, Path]:
    """The files the page may load, by name: a fixed list, so no request path reaches the disk."""
    if not STATIC.is_dir():
        return {}
    return {p.name: p for p in STATIC.iterdir() if p.is_file() and p.suffix in CONTENT_TYPES}


def create_app(db_path: str | os.PathLike[str] | None = None, linger: float = 0.3, retry_for: float = 2.0,
               allowed_hosts: Iterable[str] | None = None) -> FastAPI:
    """The Storyline web app over the database at ``db_path`` (read-only). ``linger``: seconds the
    file stays open after the last request; ``retry_for``: seconds to wait for a writer's lock;
    ``allowed_hosts``: the Host header values answered (None: any; ``serve`` always gives a list)."""
    app = FastAPI(title="Storyline", version=__version__, docs_url=None, redoc_url=None, lifespan=_lifespan,
                  openapi_url="/openapi.json",
                  description="Read-only JSON API over a Storyline store: articles, corpus-level events with "
                              "their lifecycle and evidence, actors, quotes, full-text search and monthly counts. "
                              "Errors: `{\"error\": {\"code\", \"message\", \"detail\"}}`.")
    store = ReadOnlyStore(db_path, linger=linger, retry_for=retry_for)
    app.state.store = store
    files = _static_files()
    hosts = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None

    app.add_middleware(Guard, hosts=hosts)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        where = ", ".join(".".join(str(p) for p in e["loc"][1:]) or "request" for e in problems)
        return error(400, "invalid_parameter", f"invalid parameter: {where}", problems)

    @app.exception_handler(UsageError)
    async def on_usage(request: Request, exc: UsageError) -> JSONResponse:
        return error(400, "invalid_parameter", str(exc))

    @app.exception_handler(StoreBusyError)
    async def on_busy(request: Request, exc: StoreBusyError) -> JSONResponse:
        return error(503, "store_busy", public_message(str(exc)), headers={"Retry-After": "2"})

    @app.exception_handler(StoreError)
    async def on_store(request: Request, exc: StoreError) -> JSONResponse:
        return error(503, "store_unavailable", public_message(str(exc)))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed"}
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error(exc.status_code, codes.get(exc.status_code, "http_error"), message, headers=exc.headers)

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s", request.url.path)
        return error(500, "internal", "internal error; the server log has the details")

    def not_found(what: str, key: str) -> StarletteHTTPException:
        return StarletteHTTPException(404, f"no {what} with id {key!r}")

    # ------------------------------------------------------------ API
    Limit = Query(50, ge=1, le=queries.MAX_LIMIT, description="page size")
    Offset = Query(0, ge=0, le=10**7, description="items to skip")
    DateFrom = Query(None, max_length=10, pattern=C.DATE, description="YYYY, YYYY-MM or YYYY-MM-DD",
                     examples=["2016-01"])
    DateTo = Query(None, max_length=10, pattern=C.DATE, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive); "
                   "before date_from: an empty page")
    Countries = Query(None, max_length=7, pattern=C.COUNTRIES, description="one country or a pair, ISO alpha-3, "
                      "either order", examples=["RUS,JPN"])
    Types = Query(None, max_length=200, pattern=C.EVENT_TYPES, description="PLOVER types, comma-separated",
                  examples=["CONSULT,AGREE"])
    Statuses = Query(None, max_length=100, pattern=C.EVENT_STATUSES, description="current status(es), comma-"
                     "separated: happened, planned, possible, postponed, cancelled", examples=["planned"])

    @app.get("/api/articles", tags=["articles"], summary="List articles",
             responses={**ERRORS, 200: {"description": "a page of articles", "links": {"GetArticle": {
                 "operationId": "get_article", "parameters": {"article_id": "$response.body#/items/0/id"},
                 "description": "the first article's full record"}}}})
    def list_articles(source: str | None = Query(None, max_length=200, description="outlet, exact"),
                      actor: str | None = Query(None, max_length=200, description="part of an entity's name"),
                      country: str | None = Query(None, max_length=3, pattern=C.COUNTRY, description="ISO alpha-3"),
                      event_id: str | None = Query(None, max_length=128),
                      date_from: str | None = DateFrom, date_to: str | None = DateTo,
                      sort: Literal["published", "-published", "path"] = "published",
                      limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        if C.inverted(date_from, date_to):
            return C.empty_page(limit, offset)
        with store.cursor() as con:
            return as_json(queries.articles(con, source=source, actor=actor, country=country, event_id=event_id,
                                    date_from=date_from, date_to=date_to, sort=sort, limit=limit, offset=offset))

    @app.get("/api/articles/{article_id}", tags=["articles"], responses=NOT_FOUND, operation_id="get_article",
             summary="One article record (OUTPUT.md)")
    def get_article(article_id: str = PathParam(..., pattern=ID)) -> dict[str, Any]:
        with store.cursor() as con:
            rec = queries.article(con, article_id)
        if rec is None:
            raise not_found("article", article_id)
        return as_json(rec)

    @app.get("/api/events", tags=["events"], summary="List corpus-level events",
             responses={**ERRORS, 200: {"description": "a page of events", "links": {"GetEvent": {
                 "operationId": "get_event", "parameters": {"event_id": "$response.body#/items/0/event_id"},
                 "description": "the first event with its lifecycle and evidence"}}}})
    def list_events(actor: str | None = Query(None, max_length=200, description="part of a side's name"),
                    countries: str | None = Countries,
                    type: str | None = Types, status: str | None = Statuses,
                    date_from: str | None = DateFrom, date_to: str | None = DateTo,
                    overdue: bool | None = Query(None, description="only (not) overdue plans"),
                    linked: bool | None = Query(None, description="only events (not) reported under an event_id"),
                    sort: Literal["date", "-date", "reported", "-reported", "reports", "-reports", "type",
                                  "status"] = "date",
                    limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        if C.inverted(date_from, date_to):
            return C.empty_page(limit, offset)
        with store.cursor() as con:
            return as_json(queries.events(con, actor=actor, countries=countries, type=type, status=status,
                                  date_from=date_from, date_to=date_to, overdue=overdue, linked=linked, sort=sort,
                                  limit=limit, offset=offset, raw_items=True))

    @app.get("/api/events/{event_id}", tags=["events"], responses=NOT_FOUND, operation_id="get_event",
             summary="One event: lifecycle, evidence, supporting articles, conflicts")
    def get_event(event_id: str = PathParam(..., pattern=ID)) -> dict[str, Any]:
        with store.cursor() as con:
            ev = queries.event(con, event_id)
        if ev is None:
            raise not_found("event", event_id)
        return as_json(ev)

    @app.get("/api/actors", tags=["actors"], responses=ERRORS, summary="Named entities across articles")
    def list_actors(q: str | None = Query(None, max_length=200, description="part of the name"),
                    type: str | None = Query(None, max_length=100, pattern=C.ENTITY_TYPE_LIST,
                                             description="PERSON, ORG, GPE, … comma-separated"),
                    country: str | None = Query(None, max_length=3, pattern=C.COUNTRY, description="ISO alpha-3"),
                    sort: Literal["articles", "mentions", "events", "name"] = "articles",
                    limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        with store.cursor() as con:
            return as_json(queries.actors(con, q=q, type=type, country=country, sort=sort, limit=limit, offset=offset))

    @app.get("/api/quotes", tags=["quotes"], responses=ERRORS, summary="Quotes with speakers")
    def list_quotes(speaker: str | None = Query(None, max_length=200, description="part of the speaker's name"),
                    q: str | None = Query(None, max_length=200, description="part of the quote"),
                    article_id: str | None = Query(None, max_length=128),
                    limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        with store.cursor() as con:
            return as_json(queries.quotes(con, speaker=speaker, q=q, article_id=article_id, limit=limit,
                                          offset=offset))

    @app.get("/api/search", tags=["search"], responses=ERRORS, summary="Full-text search (BM25, or a query with "
             "\"phrases\", AND, OR, NOT)")
    def search(q: str = Query(..., min_length=1, max_length=200, pattern=C.TEXT,
                              description="words to find (BM25), or a query: \"a phrase\", AND, OR, NOT, -word, "
                                          "parentheses"),
               limit: int = Query(20, ge=1, le=queries.MAX_LIMIT), offset: int = Offset) -> dict[str, Any]:
        with store.cursor() as con:
            return as_json(textquery.search(con, q, limit=limit, offset=offset))

    @app.get("/api/counts", tags=["events"], responses=ERRORS, summary="Events per month")
    def counts(countries: str | None = Countries, type: str | None = Types, status: str | None = Statuses,
               basis: Literal["event", "reported"] = Query("event", description="month of the event's date, or of "
                                                           "each report's publication")) -> dict[str, Any]:
        with store.cursor() as con:
            return as_json(queries.counts(con, countries=countries, type=type, status=status, basis=basis))

    @app.get("/api/stats", tags=["stats"], responses=ERRORS, summary="What the store holds")
    def stats() -> dict[str, Any]:
        with store.cursor() as con:
            return as_json(queries.stats(con))

    add_change_routes(app, store, Countries, Types, Statuses, Limit, Offset)

    # ------------------------------------------------------------ page and docs
    def page(name: str) -> Response:
        p = files.get(name)
        if p is None:
            raise StarletteHTTPException(404, f"no file {name!r}")
        return FileResponse(p, media_type=CONTENT_TYPES[p.suffix])

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return page("index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return page("docs.html")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        return page(name)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app


def add_change_routes(app: FastAPI, store: ReadOnlyStore, Countries: Any, Type: Any, Status: Any, Limit: Any,
                      Offset: Any) -> None:
    """``/api/changes``, ``/feeds/changes.atom`` and ``/api/codebook`` (``api.changes``, ``api.feeds``, ``api.labels``)."""
    Kind = Query(None, max_length=200, pattern=C.choices(_changes.KINDS),
                 description="comma-separated: " + ", ".join(_changes.KINDS))
    Since = Query(None, max_length=10, pattern=C.DATE, description="YYYY, YYYY-MM or YYYY-MM-DD: changes on or "
                  "after", examples=["2016-04"])
    Until = Query(None, max_length=10, pattern=C.DATE, description="YYYY[-MM[-DD]]: changes on or before; "
                  "before since: an empty page")
    Actor = Query(None, max_length=200, description="part of a side's name")

    def page(con: Any, since: str | None, until: str | None, countries: str | None, type: str | None,
             status: str | None, actor: str | None, kind: str | None, limit: int, offset: int) -> dict[str, Any]:
        if C.inverted(since, until):
            return C.empty_page(limit, offset, since=since, until=until, as_of=None)
        return _changes.changes(con, since=since, until=until, countries=countries, type=type, status=status,
                                actor=actor, kind=kind, limit=limit, offset=offset)

    @app.get("/api/changes", tags=["events"], responses=ERRORS,
             summary="What changed: lifecycle transitions (new plan, date set or moved, postponed, cancelled, back "
                     "on, happened, overdue) with their evidence, newest first")
    def list_changes(since: str | None = Since, until: str | None = Until, countries: str | None = Countries,
                     type: str | None = Type, status: str | None = Status, actor: str | None = Actor,
                     kind: str | None = Kind, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        with store.cursor() as con:
            return page(con, since, until, countries, type, status, actor, kind, limit, offset)

    @app.get("/feeds/changes.atom", tags=["events"], summary="The changes as an Atom feed",
             response_class=Response, responses={**ERRORS, 200: {"description": "an Atom feed (RFC 4287)", "content": {
                 "application/atom+xml": {"schema": {"type": "string"}}}}})
    def changes_feed(request: Request, since: str | None = Since, until: str | None = Until,
                     countries: str | None = Countries, type: str | None = Type, status: str | None = Status,
                     actor: str | None = Actor, kind: str | None = Kind, limit: int = Limit) -> Response:
        with store.cursor() as con:
            data = page(con, since, until, countries, type, status, actor, kind, limit, 0)
        base = str(request.base_url).rstrip("/")
        return Response(feeds.atom(data, base, str(request.url)), media_type="application/atom+xml; charset=utf-8")

    @app.get("/api/codebook", tags=["stats"], summary="Labels for the codes: event types, modes, statuses, dates")
    def codebook() -> dict[str, Any]:
        return labels.codebook()


def default_workers() -> int:
    """Worker processes of ``serve``: one per core, at most two (each holds the store open
    read-only; past two the machines this runs on gain nothing, see the README's read bench)."""
    return max(1, min(2, os.cpu_count() or 1))


# how long a server's worker keeps the store open after its last request: its DuckDB caches (the
# blocks read, the indexes loaded) go with the handle, and a cold first request costs tens to
# hundreds of ms at 100,000 articles (``warm_store``). An ingest does not wait for it: an idle
# handle lets go as soon as a writer asks (``ReadOnlyStore``, within 0.25 s).
SERVE_LINGER_S = 60.0


def serving_app(path: str | os.PathLike[str], allowed_hosts: Iterable[str] | None) -> FastAPI:
    """The app ``serve`` runs: the store kept open while idle (``SERVE_LINGER_S``) and warmed before
    the first request (``warm_store``)."""
    app = create_app(path, linger=SERVE_LINGER_S, allowed_hosts=allowed_hosts)
    app.state.warm_store = True
    return app


def app_from_env() -> FastAPI:
    """The app of one ``serve`` worker process: the database and the Host allow-list come from
    the environment ``serve`` sets (uvicorn starts its workers by import string)."""
    import json

    return serving_app(os.environ["STORYLINE_SERVE_DB"], json.loads(os.environ.get("STORYLINE_SERVE_HOSTS", "null")))


def serve(db: str | os.PathLike[str] | None = None, host: str = "127.0.0.1", port: int = 8000,
          allowed_hosts: Iterable[str] | None = None, workers: int | None = None) -> None:
    """Serve the API and the page over ``db`` until interrupted (127.0.0.1 unless told otherwise),
    answering only requests whose Host header is in ``allowed_hosts`` (default: see
    :func:`default_allowed_hosts`), with ``workers`` processes (default :func:`default_workers`).

    Python answers one request at a time per process (the GIL), so one process uses one core
    whatever DuckDB does; two workers, each with the store open read-only (DuckDB lets any number
    of processes read a file no one writes), use two. Each worker lets go of the file when idle,
    as one process does (``ReadOnlyStore``), so an ingest still gets in between bursts. On Linux
    each worker listens on its own socket and the kernel spreads the connections over them
    (``api.workers``: uvicorn's workers share one socket, and a burst of clients could land on
    one of them); ``STORYLINE_SERVE_SHARED_SOCKET=1`` keeps uvicorn's way."""
    import json

    import uvicorn

    if not 1 <= port <= 65535:
        raise UsageError(f"port {port} is out of range: give a port from 1 to 65535")
    workers = default_workers() if workers is None else workers
    if not 1 <= workers <= 64:
        raise UsageError(f"--workers {workers} is out of range: give 1 to 64 worker processes")
    allowed = [*LOOPBACK_NAMES, *allowed_hosts] if allowed_hosts is not None else default_allowed_hosts(host)

    path = default_db_path(db)
    open_read_only(path).close()          # fail now, with the fix, if there is no database
    if workers == 1:
        uvicorn.run(serving_app(path, allowed), host=host, port=port, log_level="info", server_header=False)
        return
    # the workers share the one memory budget of a server (``STORYLINE_DB_MEMORY``, DuckDB's block
    # cache), so the server's memory does not grow with the workers
    budget = memory_limit()
    if budget.upper().endswith("MB") and budget[:-2].isdigit():
        os.environ["STORYLINE_DB_MEMORY"] = f"{max(64, int(budget[:-2]) // workers)}MB"
    os.environ["STORYLINE_SERVE_DB"] = str(path)
    os.environ["STORYLINE_SERVE_HOSTS"] = json.dumps(allowed)
    if balances_reuseport() and os.environ.get("STORYLINE_SERVE_SHARED_SOCKET") != "1":
        # a socket per worker: the kernel spreads the connections (``api.workers``)
        env = {k: os.environ[k] for k in ("STORYLINE_SERVE_DB", "STORYLINE_SERVE_HOSTS", "STORYLINE_DB_MEMORY")
               if k in os.environ}
        env["STORYLINE_SERVE_THREADS"] = os.environ.get("STORYLINE_SERVE_THREADS", "1")
        run_workers(host, port, workers, env)
        return
    uvicorn.run("storyline.api.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="info", server_header=False)
