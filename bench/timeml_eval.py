"""TempEval-3 style evaluation of the time stage on TimeML files.

    .venv/bin/python bench/timeml_eval.py ../shared/timeml/tbaq [--no-parse] [--examples 5] [--json out.json]

Each ``.tml`` file under the given folders is read (``storyline.time.timeml``), its
text parsed by the same spaCy pipeline as ingest and handed to the same
``find_timexes`` that ingest calls, with the file's creation time (DCT) as the
publication date. Prints relaxed/strict span P/R/F1, value accuracy and value F1
(TempEval-3's ranking score), a table per TIMEX3 type and the most common failure
kinds with a few examples each. ``--no-parse`` uses the cue-word tense instead of
the parse (what ingest does when no Doc is at hand; faster, slightly worse).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from storyline.time.timeml import evaluate, type_table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="+", type=Path, help="folders (searched recursively) or .tml files")
    ap.add_argument("--no-parse", action="store_true", help="tense from cue words, no spaCy parse")
    ap.add_argument("--examples", type=int, default=3, help="examples shown per failure kind")
    ap.add_argument("--kinds", type=int, default=15, help="failure kinds shown")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    missing = [d for d in args.dirs if not d.exists()]
    if missing:
        print(f"no such folder or file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    s = evaluate(args.dirs, parse=not args.no_parse)
    took = time.perf_counter() - t0
    f = s.figures()
    print(f"{s.gold} gold, {s.system} system expressions ({took:.1f} s)")
    print(f"{'':8} {'P':>6} {'R':>6} {'F1':>6}")
    for name in ("strict", "relaxed", "value"):
        print(f"{name:8} {f[name + '_p']:6.3f} {f[name + '_r']:6.3f} {f[name + '_f1']:6.3f}")
    print(f"value accuracy {f['value_acc']:.3f}   type accuracy {f['type_acc']:.3f}   (of relaxed matches)")
    print(f"\n{'type':9} {'gold':>5} {'system':>6} {'relaxed P':>9} {'R':>6} {'F1':>6} {'strict R':>8} "
          f"{'value acc':>9} {'value F1':>8}")
    for row in type_table(s):
        print(f"{row['type']:9} {row['gold']:5d} {row['system']:6d} {row['relaxed_p']:9.3f} {row['relaxed_r']:6.3f} "
              f"{row['relaxed_f1']:6.3f} {row['strict_r']:8.3f} {row['value_acc']:9.3f} {row['value_f1']:8.3f}")
    print("\nfailure kinds:")
    for kind, n in s.failures.most_common(args.kinds):
        print(f"{n:5d}  {kind}")
        for ex in s.examples.get(kind, [])[:args.examples]:
            print(f"         {ex}")
    if args.json:
        args.json.write_text(json.dumps({"figures": f, "types": type_table(s),
                                         "failures": dict(s.failures)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
