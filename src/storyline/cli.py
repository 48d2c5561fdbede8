"""The ``storyline`` command: a thin layer over the library.

Each verb validates its arguments and calls one public function. Exit codes:
0 all good, 1 some inputs rejected, 2 usage error.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import __version__
from .errors import StorylineError, UsageError

EXAMPLES = {
    "ingest": "storyline ingest samples/corpus --db storyline.duckdb",
    "export": "storyline export --db storyline.duckdb --format jsonl -o articles.jsonl",
    "reanalyze": "storyline reanalyze --db storyline.duckdb",
    "stats": "storyline stats --db storyline.duckdb",
    "timeline": "storyline timeline --db storyline.duckdb --limit 20",
}


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="database file (default: $STORYLINE_DB or storyline.duckdb)")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="storyline", description="News articles in, a chronicle of who did what "
                                 "with whom, when and where out.")
    ap.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = ap.add_subparsers(dest="verb", metavar="VERB")

    def verb(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, epilog=f"example: {EXAMPLES[name]}",
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    p = verb("ingest", "Read articles (text, HTML, JSON Lines; folders recursively; '-' for stdin) into the store.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _db_arg(p)
    p.add_argument("--processes", type=int, default=None, help="spaCy worker processes (default: 2)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")

    p = verb("reanalyze", "Re-run the stages after the parse over every stored article, from the parse cache.")
    _db_arg(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")

    p = verb("export", "Write the article records (OUTPUT.md) as JSON Lines, CSV or Parquet.")
    _db_arg(p)
    p.add_argument("--format", default="jsonl", choices=["jsonl", "csv", "parquet"])
    p.add_argument("--what", default="articles", choices=["articles"], help="what to export")
    p.add_argument("-o", "--output", default="-", help="output file ('-': standard output)")

    p = verb("stats", "Counts of what the store holds, and the rejected inputs with their reasons.")
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = verb("timeline", "The articles and their events in date order.")
    _db_arg(p)
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return ap


def _cmd_ingest(a: argparse.Namespace) -> int:
    from .pipeline import ingest

    report = ingest(a.paths, a.db, progress=not a.no_progress, n_process=a.processes)
    for r in report.rejected:
        print(f"rejected {r.path}: [{r.stage}/{r.code}] {r.detail}", file=sys.stderr)
    print(f"ingested {report.ingested}, unchanged {report.unchanged}, rejected {len(report.rejected)} "
          f"-> {report.db}")
    return report.exit_code


def _cmd_reanalyze(a: argparse.Namespace) -> int:
    from .pipeline import reanalyze

    n = reanalyze(a.db, progress=not a.no_progress)
    print(f"re-analysed {n} articles")
    return 0


def _cmd_export(a: argparse.Namespace) -> int:
    from .export import export

    n = export(a.db, a.format, a.output, a.what)
    if a.output != "-":
        print(f"wrote {n} records to {a.output}", file=sys.stderr)
    return 0


def _cmd_stats(a: argparse.Namespace) -> int:
    from .summary import stats

    s = stats(a.db)
    if a.json:
        print(json.dumps(s, indent=2, ensure_ascii=False))
        return 0
    print(f"database  {s['db']}")
    for k, v in s["counts"].items():
        print(f"{k:<10}{v}")
    for r in s["rejections"]:
        print(f"  rejected {r['path']}: [{r['stage']}/{r['code']}] {r['detail']}")
    return 0


def _cmd_timeline(a: argparse.Namespace) -> int:
    from .summary import timeline

    rows = timeline(a.db, limit=a.limit)
    if a.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r['date'] or '????-??-??':<11} {r['source'] or '':<8} {r['headline'] or r['path']}")
        for e in r["events"]:
            print(f"{'':<11}   · {e}")
    return 0


COMMANDS = {"ingest": _cmd_ingest, "reanalyze": _cmd_reanalyze, "export": _cmd_export, "stats": _cmd_stats, "timeline": _cmd_timeline}


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    a = ap.parse_args(argv)
    if not a.verb:
        ap.print_help()
        return 2
    try:
        return COMMANDS[a.verb](a)
    except UsageError as e:
        print(f"storyline {a.verb}: {e}", file=sys.stderr)
        return 2
    except StorylineError as e:
        print(f"storyline {a.verb}: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
