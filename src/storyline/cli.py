"""The ``storyline`` command: a thin layer over the library.

Each verb validates its arguments and calls one public function. Exit codes, one meaning each:
0 all stored, 1 some inputs rejected (the others stored), 2 usage error (found before anything
is written), 3 the command could not finish (disk full, store or model unusable, a bug): one
line on standard error, the traceback only with ``--debug`` (or ``STORYLINE_DEBUG=1``).

What reaches the terminal is printable: control characters (ESC starts escape sequences that
can rewrite the screen; a file name or an article may hold them) are dropped from everything
the CLI prints (:class:`_Printable`), except ``export`` to a pipe, whose bytes are data.

Each verb imports the module behind it when it runs, the one place the project's own modules
are imported inside functions: ``storyline --help`` takes 0.07 s, and importing every verb's
module up front would add 2.4 s (spaCy, FastAPI, DuckDB, NumPy) to every call.
"""
from __future__ import annotations

import argparse
import errno
import json
import os
import re
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from .version import __version__
from .errors import StorylineError, UsageError

EXAMPLES = {
    "ingest": "storyline ingest samples/corpus --db storyline.duckdb",
    "export": "storyline export --db storyline.duckdb --format jsonl -o articles.jsonl",
    "reanalyze": "storyline reanalyze --db storyline.duckdb",
    "link": "storyline link --db storyline.duckdb",
    "stats": "storyline stats --db storyline.duckdb",
    "timeline": "storyline timeline --db storyline.duckdb --countries RUS,JPN --from 2016 --to 2016-12",
    "events": "storyline events --db storyline.duckdb --countries RUS,JPN --status planned",
    "show": "storyline show ev-7a21 --db storyline.duckdb",
    "actors": "storyline actors --db storyline.duckdb --type PERSON",
    "quotes": "storyline quotes --db storyline.duckdb --speaker Peskov",
    "search": "storyline search '\"Sochi summit\" AND Putin NOT Obama' --db storyline.duckdb",
    "changes": "storyline changes --since 2016-04 --countries RUS,JPN --db storyline.duckdb",
    "serve": "storyline serve --db storyline.duckdb --port 8000",
}


EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
# C0 controls but tab, LF and CR (progress bars redraw with CR), DEL, C1 controls, bidi overrides
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _Printable:
    """A text stream that drops terminal control characters from what is written to it."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        if _SURROGATE.search(text):     # a file name's undecodable bytes (surrogate escapes) as \xNN
            text = _SURROGATE.sub(lambda m: f"\\x{ord(m[0]) - 0xdc00:02x}" if ord(m[0]) >= 0xdc80 else "\ufffd", text)
        return self._stream.write(_CONTROL.sub("", text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is out of range: give a port from 1 to 65535")
    return port


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="database file (default: $STORYLINE_DB or storyline.duckdb)")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="storyline", description="News articles in, a chronicle of who did what "
                                 "with whom, when and where out.")
    ap.add_argument("--version", action="version", version=f"storyline {__version__}")
    ap.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    sub = ap.add_subparsers(dest="verb", metavar="VERB")

    def verb(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help, epilog=f"example: {EXAMPLES[name]}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show the traceback of an internal error")
        return p

    p = verb("ingest", "Read articles (text, HTML, JSON Lines; folders recursively; '-' for stdin) into the store.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _db_arg(p)
    p.add_argument("--processes", type=int, default=None, help="spaCy worker processes (default: one per core from 64 articles on, else 1)")
    p.add_argument("--runner", choices=["local", "ray"], default="local",
                   help="where the per-article pipeline runs: this machine, or Ray Data (pip install 'storyline[ray]')")
    p.add_argument("--ray-address", default=None, help="Ray cluster address (default: $RAY_ADDRESS, else a local Ray)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")

    p = verb("reanalyze", "Re-run the stages after the parse over every stored article, from the parse cache.")
    _db_arg(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")

    p = verb("link", "Link the stored articles' events across articles (ingest does it); --relink redoes all.")
    _db_arg(p)
    p.add_argument("--relink", action="store_true", help="forget all links and link everything again")

    p = verb("export", "Write the article records (OUTPUT.md) or the corpus events as JSON Lines, flat CSV, "
             "Parquet or POLECAT TSV; the filters of `storyline events` export a filtered set.")
    _db_arg(p)
    p.add_argument("--format", default="jsonl", choices=["jsonl", "csv", "parquet", "polecat"],
                   help="jsonl: nested records; csv: one value per cell; parquet; polecat: POLECAT's event-data "
                        "columns as TSV (with --what events)")
    p.add_argument("--what", default="articles", choices=["articles", "events"],
                   help="articles: one record per article; events: one object per corpus event with its lifecycle")
    p.add_argument("--as-of", default=None, help="with --what events: YYYY-MM-DD or 'today' for 'overdue' "
                   "(default: the newest article)")
    p.add_argument("--countries", help="one ISO-3 code or a pair in either order, e.g. RUS,JPN")
    p.add_argument("--actor", help="part of an actor's (articles: an entity's) name")
    p.add_argument("--type", help="events: PLOVER types, comma-separated")
    p.add_argument("--status", help="events: statuses, comma-separated")
    p.add_argument("--overdue", action="store_true", help="events: only plans whose date has passed unreported")
    p.add_argument("--source", help="articles: the outlet, exactly")
    p.add_argument("--from", dest="date_from", help="YYYY[-MM[-DD]]: events by their date, articles by publication")
    p.add_argument("--to", dest="date_to", help="YYYY[-MM[-DD]] (inclusive)")
    p.add_argument("-o", "--output", default="-", help="output file ('-': standard output)")

    p = verb("stats", "Counts of what the store holds, and the rejected inputs with their reasons.")
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")

    for name, text in (("timeline", "The chronicle: events in date order, with their status and evidence."),
                       ("events", "Corpus-level events, filtered, sorted and paged.")):
        p = verb(name, text)
        _db_arg(p)
        p.add_argument("--actor", help="part of an actor's name")
        p.add_argument("--countries", help="one ISO-3 code or a pair in either order, e.g. RUS,JPN")
        p.add_argument("--type", help="PLOVER types, comma-separated (CONSULT,AGREE)")
        p.add_argument("--status", help="happened, planned, possible, postponed, cancelled (comma-separated)")
        p.add_argument("--from", dest="date_from", help="YYYY[-MM[-DD]]")
        p.add_argument("--to", dest="date_to", help="YYYY[-MM[-DD]]")
        p.add_argument("--overdue", action="store_true", help="only plans whose date has passed unreported")
        p.add_argument("--sort", default="date", help="date, reported, reports, type, status (prefix - to reverse: "
                       "--sort -date)")
        p.add_argument("--limit", type=int, default=50)
        p.add_argument("--offset", type=int, default=0)
        p.add_argument("--codes", action="store_true", help="print codes (CONSULT/visit, 2016-SP) instead of words")
        p.add_argument("--json", action="store_true", help="machine-readable output")

    p = verb("changes", "What changed since a date: new plans, dates set or moved, postponements, cancellations, "
             "plans back on, events held, plans gone overdue, each with its evidence.")
    _db_arg(p)
    p.add_argument("--since", help="YYYY[-MM[-DD]]: changes on or after this day")
    p.add_argument("--until", help="YYYY[-MM[-DD]]: changes on or before this day")
    p.add_argument("--kind", help="new, confirmed, date_set, date_moved, postponed, cancelled, back_on, happened, "
                   "overdue (comma-separated)")
    p.add_argument("--actor", help="part of an actor's name")
    p.add_argument("--countries", help="one ISO-3 code or a pair in either order, e.g. RUS,JPN")
    p.add_argument("--type", help="PLOVER types, comma-separated")
    p.add_argument("--status", help="the events' current status, comma-separated")
    p.add_argument("--as-of", default=None, help="YYYY-MM-DD 'overdue' is judged on (default: the newest article)")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = verb("show", "One event's lifecycle: dated, sourced reports and their evidence sentences.")
    p.add_argument("event_id")
    _db_arg(p)
    p.add_argument("--codes", action="store_true", help="print codes (CONSULT/visit, 2016-SP) instead of words")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = verb("actors", "Actors across the corpus (one per person/organisation/place, spellings merged).")
    _db_arg(p)
    p.add_argument("--q", help="part of a name")
    p.add_argument("--type", help="PERSON, ORG, GPE, OUTLET (comma-separated)")
    p.add_argument("--country", help="ISO-3 code")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = verb("quotes", "Direct quotations with their speakers.")
    _db_arg(p)
    p.add_argument("--speaker", help="part of the speaker's name")
    p.add_argument("--q", help="part of the quoted text")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = verb("search", "Full-text search over the articles: words (BM25, best first), or a query with "
             "\"phrases\", AND, OR, NOT (or -word) and parentheses, matched exactly.")
    p.add_argument("text")
    _db_arg(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = verb("serve", "Serve the JSON API and the timeline page (read-only) on http://127.0.0.1:8000.")
    _db_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="1-65535 (default 8000)")
    p.add_argument("--allowed-hosts", default=None, help="comma-separated names the Host header may carry "
                   "(default: loopback names, plus the bound address and this machine's name)")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core, at "
                   "most 2; each reads the store read-only)")
    return ap


def _cmd_ingest(a: argparse.Namespace) -> int:
    from .ingest.readers import skipped_files

    skipped = skipped_files(a.paths)
    if a.runner == "ray":
        from .runners.ray_runner import ingest_ray

        report = ingest_ray(a.paths, a.db, address=a.ray_address)
    else:
        from .runners.local import ingest

        report = ingest(a.paths, a.db, progress=not a.no_progress, n_process=a.processes)
    for r in report.rejected:
        print(f"rejected {r.path}: [{r.stage}/{r.code}] {r.detail}", file=sys.stderr)
    if skipped:
        kinds: dict[str, int] = {}
        for f in skipped:
            kinds[f.suffix.lower() or f.name] = kinds.get(f.suffix.lower() or f.name, 0) + 1
        shown = ", ".join(str(f) for f in skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
        print(f"skipped {len(skipped)} file(s) that are not articles "
              f"({', '.join(f'{k}: {n}' for k, n in sorted(kinds.items()))}): {shown}. Articles are .txt, .html, "
              ".htm, .md, .jsonl, .ndjson, .json with an article text field, or have no suffix; name a file on its "
              "own to read it anyway.", file=sys.stderr)
    linked = ""
    lr = getattr(report, "linked", None)
    if lr is not None:
        new = getattr(lr, "new_reports", lr.reports)
        linked = (f"; linked {lr.articles} new article(s): {new} event report(s), "
                  f"{lr.events_touched} event(s) updated")
        if getattr(lr, "redated", 0):
            linked += f", {lr.redated} undated article(s) dated from the corpus"
    print(f"ingested {report.ingested}, unchanged {report.unchanged}, rejected {len(report.rejected)}, "
          f"skipped {len(skipped)}{linked} -> {report.db}")
    return report.exit_code


def _cmd_reanalyze(a: argparse.Namespace) -> int:
    from .runners.local import reanalyze

    n = reanalyze(a.db, progress=not a.no_progress)
    print(f"re-analysed {n} articles")
    return 0


def _cmd_link(a: argparse.Namespace) -> int:
    from .runners.link_job import link

    r = link(a.db, relink=a.relink)
    print(f"linked {r.articles} articles, {r.reports} event reports, {r.events_touched} events updated, "
          f"{r.duplicates} duplicates, {r.redated} undated article(s) dated from the corpus")
    return 0


def _cmd_export(a: argparse.Namespace) -> int:
    from .export import export

    filters = {"countries": a.countries, "actor": a.actor, "date_from": a.date_from, "date_to": a.date_to}
    if a.what == "events":
        filters.update(type=a.type, status=a.status, overdue=True if a.overdue else None)
    else:
        given = [f"--{k}" for k, v in (("type", a.type), ("status", a.status), ("overdue", a.overdue)) if v]
        if given:
            raise UsageError(f"{', '.join(given)} filter events: add --what events")
        filters["source"] = a.source
    if a.what == "events" and a.source:
        raise UsageError("--source filters articles; for events use --actor or --countries")
    n = export(a.db, a.format, a.output, a.what, as_of=a.as_of, filters=filters)
    if a.output != "-":
        print(f"wrote {n} records to {a.output}", file=sys.stderr)
    return 0


STAT_LABELS = (("articles", "articles"), ("sources", "outlets"), ("events", "events (across articles)"),
               ("linked_events", "  linked across articles"), ("overdue", "  overdue plans"),
               ("reports", "event reports (in articles)"), ("quotes", "quotes"), ("entities", "entity mentions"),
               ("rejections", "rejected inputs"))


def _cmd_stats(a: argparse.Namespace) -> int:
    from .summary import stats

    s = stats(a.db)
    if a.json:
        print(json.dumps(s, indent=2, ensure_ascii=False))
        return 0
    from .api.labels import human_date

    c = s["counts"]
    width = max(len(label) for _, label in STAT_LABELS) + 2
    print(f"{'database':<{width}}{s['db']}")
    for key, label in STAT_LABELS:
        if key in c:
            print(f"{label:<{width}}{c[key]:>8,}")
    pub = s.get("published") or {}
    if pub:
        print(f"{'published':<{width}}{human_date(pub.get('first'))} – {human_date(pub.get('last'))}")
    for r in s["rejections"]:
        print(f"  rejected {r['path']}: [{r['stage']}/{r['code']}] {r['detail']}")
    return 0


def _event_query(a: argparse.Namespace) -> dict:
    from .api import queries

    return queries.events(a.db, actor=a.actor, countries=a.countries, type=a.type, status=a.status,
                          date_from=a.date_from, date_to=a.date_to, overdue=True if a.overdue else None,
                          sort=a.sort, limit=a.limit, offset=a.offset)


def _side(x: dict | None) -> str:
    x = x or {}
    return x.get("name") or x.get("country") or "?"


def _kind(e: dict, codes: bool) -> str:
    from .api.labels import type_label

    if codes:
        return (e.get("type") or "?") + (f"/{e['mode']}" if e.get("mode") else "")
    return type_label(e.get("type"), e.get("mode"))


def _when(value: str | None, codes: bool) -> str:
    from .api.labels import UNDATED, human_date

    return (value or UNDATED) if codes else human_date(value)


def _event_row(e: dict, codes: bool = False) -> str:
    flag = " OVERDUE" if e.get("overdue") else ""
    return (f"{_when(e.get('date'), codes):<22} {e['status'] + flag:<17} {_kind(e, codes):<26} "
            f"{_side(e.get('source'))} -> {_side(e.get('target'))}  [{e['event_id']}, {e['reports']} report(s)]")


def _print_events(a: argparse.Namespace, with_evidence: bool) -> int:
    page = _event_query(a)
    if a.json:
        print(json.dumps(page, indent=2, ensure_ascii=False))
        return 0
    for e in page["items"]:
        print(_event_row(e, a.codes))
        if with_evidence and e.get("evidence"):
            print(f"{'':<23}“{e['evidence']}”")
    print(f"{len(page['items'])} of {page['total']} events")
    return 0


def _cmd_events(a: argparse.Namespace) -> int:
    return _print_events(a, with_evidence=False)


def _cmd_timeline(a: argparse.Namespace) -> int:
    return _print_events(a, with_evidence=True)


def _cmd_show(a: argparse.Namespace) -> int:
    from .api import queries

    ev = queries.event(a.db, a.event_id)
    if ev is None:
        raise UsageError(f"no event {a.event_id!r}; list ids with `storyline events`")
    if a.json:
        print(json.dumps(ev, indent=2, ensure_ascii=False))
        return 0
    print(_event_row(ev, a.codes))
    if ev.get("location"):
        print(f"place: {ev['location'].get('name')} ({ev['location'].get('country')})")
    print("lifecycle:")
    for h in ev.get("status_history", []):
        src = h.get("outlet") or "?"
        by = f", according to {h['reported_by']}" if h.get("reported_by") else ""
        date = _when(h.get("date"), a.codes) if h.get("date") else "-"
        print(f"  {_when(h.get('as_of'), a.codes):<10}  {h['status']:<10} date {date:<22} {src}{by}")
        print(f"      “{(h.get('evidence') or {}).get('text', '')}”  — {h.get('headline') or ''}")
    for c in ev.get("conflicts", []):
        values = " vs ".join(f"{_when(v.get('value'), a.codes) if c.get('field') == 'date' else v.get('value')} "
                             f"({', '.join(v.get('sources') or []) or '?'})" for v in c.get("values") or [])
        print(f"reports disagree on the {c.get('field')}: {values}")
    return 0


def _cmd_changes(a: argparse.Namespace) -> int:
    from .api.changes import changes

    page = changes(a.db, since=a.since, until=a.until, countries=a.countries, type=a.type, status=a.status,
                   actor=a.actor, kind=a.kind, as_of=a.as_of, limit=a.limit, offset=a.offset)
    if a.json:
        print(json.dumps(page, indent=2, ensure_ascii=False))
        return 0
    from .api.labels import human_date

    for c in page["items"]:
        what = c["label"]
        if c["kind"] == "date_moved":
            what += f" from {human_date(c['from_date'])} to {c['date_label']}"
        elif c["kind"] in ("new", "date_set", "back_on", "confirmed", "postponed") and c.get("date"):
            what += f" for {c['date_label']}"
        elif c["kind"] == "overdue":
            what += f" (due {c['date_label']}, {c.get('overdue_days')} days ago)"
        elif c.get("recalled"):
            what += f" in {c['date_label']} (recalled)"
        print(f"{human_date(c['at']):<11} {what}: {c['type_label']} {_side(c['source'])} -> {_side(c['target'])}  "
              f"[{c['event_id']}]")
        src = c.get("outlet") or "?"
        by = f", citing {c['reported_by']}" if c.get("reported_by") else ""
        if c.get("evidence"):
            print(f"{'':<12}“{c['evidence']}” — {src}{by}" + (f" <{c['url']}>" if c.get("url") else ""))
    print(f"{len(page['items'])} of {page['total']} changes" + (f" since {a.since}" if a.since else ""))
    return 0


def _cmd_actors(a: argparse.Namespace) -> int:
    from .api import queries

    page = queries.actors(a.db, q=a.q, type=a.type, country=a.country, limit=a.limit)
    if a.json:
        print(json.dumps(page, indent=2, ensure_ascii=False))
        return 0
    for x in page["items"]:
        print(f"{x['name']:<32} {x['type']:<7} {x.get('country') or '-':<4} {x['articles']:>4} article(s)  "
              f"{', '.join(x.get('roles') or [])}")
    print(f"{len(page['items'])} of {page['total']} actors")
    return 0


def _cmd_quotes(a: argparse.Namespace) -> int:
    from .api import queries
    from .api.labels import human_date

    page = queries.quotes(a.db, speaker=a.speaker, q=a.q, limit=a.limit)
    if a.json:
        print(json.dumps(page, indent=2, ensure_ascii=False))
        return 0
    for x in page["items"]:
        print(f"{human_date(x.get('published')):<10}  {x.get('speaker') or '?'}: “{x['text']}”")
    print(f"{len(page['items'])} of {page['total']} quotes")
    return 0


def _snippet(hit: dict) -> str:
    """The snippet with its hits in [brackets] (a terminal has no <mark>)."""
    sn = hit.get("snippet") or {}
    text, out, pos = sn.get("text") or "", [], 0
    for start, end in sn.get("highlights") or []:
        if start < pos:
            continue
        out += [text[pos:start], "[", text[start:end], "]"]
        pos = end
    out.append(text[pos:])
    return " ".join("".join(out).split())


def _cmd_search(a: argparse.Namespace) -> int:
    from .api import textquery
    from .api.labels import human_date

    page = textquery.search(a.db, a.text, limit=a.limit, offset=a.offset)
    if a.json:
        print(json.dumps(page, indent=2, ensure_ascii=False))
        return 0
    for x in page["items"]:
        print(f"{human_date(x.get('published')):<10}  {x.get('headline') or x.get('path')}  "
              f"({x.get('source') or '?'}) [{x.get('id')}]")
        if x.get("snippet"):
            print(f"{'':<12}…{_snippet(x)}…")
    print(f"{len(page['items'])} of {page['total']} articles")
    return 0


def _cmd_serve(a: argparse.Namespace) -> int:
    from .api.app import is_loopback, serve

    if not is_loopback(a.host):
        print(f"WARNING: --host {a.host} makes the API reachable from other machines, with no authentication; "
              "use the default 127.0.0.1 unless that is what you want", file=sys.stderr)
    allowed = [h.strip() for h in a.allowed_hosts.split(",") if h.strip()] if a.allowed_hosts else None
    print(f"serving {a.db or 'storyline.duckdb'} on http://{a.host}:{a.port}/ (Ctrl-C to stop)", file=sys.stderr)
    serve(a.db, host=a.host, port=a.port, allowed_hosts=allowed, workers=a.workers)
    return 0


COMMANDS = {"ingest": _cmd_ingest, "reanalyze": _cmd_reanalyze, "link": _cmd_link, "export": _cmd_export, "stats": _cmd_stats,
            "timeline": _cmd_timeline, "events": _cmd_events, "show": _cmd_show, "actors": _cmd_actors,
            "quotes": _cmd_quotes, "search": _cmd_search, "serve": _cmd_serve, "changes": _cmd_changes}
# options whose value may start with '-' (argparse would take "--sort -date" for two options)
DASH_VALUES = ("--sort",)


def _join_dash_values(argv: list[str]) -> list[str]:
    """``--sort -date`` → ``--sort=-date``: argparse reads a value starting with '-' as an option."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] in DASH_VALUES and i + 1 < len(argv) and argv[i + 1].startswith("-") and argv[i + 1] != "--":
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
            continue
        out.append(argv[i])
        i += 1
    return out


def _quiet_broken_pipe() -> None:
    """The reader went away (``storyline timeline | head``): stop without a traceback. Python would
    flush stdout again at exit and fail a second time, so stdout goes to /dev/null first."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _check_db(a: argparse.Namespace) -> None:
    """A verb that reads the store needs one: a usage error (2) when the file is missing."""
    if a.verb != "ingest" and hasattr(a, "db"):
        from .store import default_db_path

        path = default_db_path(a.db)
        if not os.path.isfile(path):
            raise UsageError(f"no database at {path}; run `storyline ingest PATH --db {path}` first")


def _one_line(e: BaseException) -> str:
    """What went wrong, on one line, with what to do."""
    text = " ".join(str(e).split())
    chain: list[BaseException] = []
    cause: BaseException | None = e
    while cause is not None and len(chain) < 10:       # the disk filling up may be the cause of another error
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(c, OSError) and c.errno == errno.ENOSPC or "no space left on device" in str(c).lower()
           for c in chain):
        return ("no space left on device; free some space and run again (the articles already stored "
                "are kept and will not be redone)")
    if isinstance(e, StorylineError):
        return text
    if isinstance(e, OSError) and e.strerror:
        return f"{e.strerror}{f': {e.filename}' if e.filename else ''}"
    return f"internal error ({type(e).__name__}: {text[:300]}); run again with --debug for the traceback and report it"


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    a = ap.parse_args(_join_dash_values(list(sys.argv[1:] if argv is None else argv)))
    if not a.verb:
        ap.print_help()
        return EXIT_USAGE
    debug = a.debug or os.environ.get("STORYLINE_DEBUG", "").strip() not in ("", "0")
    out, err = sys.stdout, sys.stderr
    data_out = a.verb == "export" and not (hasattr(out, "isatty") and out.isatty())
    sys.stdout, sys.stderr = (out if data_out else _Printable(out)), _Printable(err)
    try:
        _check_db(a)
        return COMMANDS[a.verb](a)
    except UsageError as e:
        print(f"storyline {a.verb}: {_one_line(e)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        _quiet_broken_pipe()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as e:          # a store, model or disk failure, or a bug: one line, exit 3
        if debug:
            traceback.print_exc()
        print(f"storyline {a.verb}: {_one_line(e)}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        sys.stdout, sys.stderr = out, err


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
