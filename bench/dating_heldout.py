"""Dating and anchoring checked on texts never used to tune them: TimeBank + AQUAINT.

    .venv/bin/python bench/dating_heldout.py ../shared/timeml/tbaq

Each TimeML document carries its creation time (DCT), which stands in for the publication date.
The text alone (no DCT, no metadata) is dated as ingest dates a page, and the result is scored as
``../shared/eval/score.py`` scores ``published``: exact, fits (a partial value that holds the true
day), wrong (a value that excludes it). Then the time expressions are placed twice, once from that
dating and once from the true day, and the values placed from the dating (a year, month or day;
not ``XXXX`` values, references or durations) are compared: a value that differs is a value the
dating made wrong.

The texts are 1989-2000 newswire (WSJ, AP, NYT, Xinhua, ...) stored without their headers, so
most cannot be dated to the day; the figures that matter here are ``wrong`` and ``differ``.
Measured while building the spans and the happenings table (README, "Publication dates"): wrong
0.051 -> 0.031 (the rest are Xinhua datelines a day before the corpus's creation time), differ
77 -> 11 of the placed values. The last line is the summary:

    HELDOUT docs=N exact=… fits=… wrong=… agree=… differ=…
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.ingest.published import infer_published  # noqa: E402
from storyline.time.resolve import find_timexes  # noqa: E402
from storyline.time.timeml import read_timeml  # noqa: E402

TODAY = dt.date(2026, 12, 7)


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("storyline_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _placed(value: str | None) -> bool:
    return bool(value) and "X" not in value and not value.endswith("_REF") and not value.startswith("P")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="+", type=Path, help="folders of .tml files (searched recursively)")
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--examples", type=int, default=10, help="wrong dates and differing values shown")
    args = ap.parse_args(argv)
    files = sorted(f for d in args.dirs for f in (d.rglob("*.tml") if d.is_dir() else [d]))
    if not files:
        print(f"no .tml files under {', '.join(map(str, args.dirs))}", file=sys.stderr)
        return 2
    score = _scorer(args.scorer)
    n = exact = fits = wrong = agree = differ = 0
    wrong_ex: list[str] = []
    differ_ex: list[str] = []
    for f in files:
        doc = read_timeml(f)
        if not doc.dct:
            continue
        gold = doc.dct[:10]
        p = infer_published(dateline=None, body=doc.text, page=doc.text, today=TODAY)
        n += 1
        exact += p.date == gold
        ok = score.published_fits(p.date, gold)
        fits += ok
        if p.date and not ok:
            wrong += 1
            wrong_ex.append(f"{f.name}: {p.date} ({p.how}, {p.confidence}) for {gold}")
        if p.day is not None and p.date == gold:
            continue
        truth = {(t.start, t.text): t.value for t in find_timexes(doc.text, doc.published())}
        for t in find_timexes(doc.text, p):
            if not _placed(t.value):
                continue
            if t.value == truth.get((t.start, t.text)):
                agree += 1
            else:
                differ += 1
                differ_ex.append(f"{f.name}: {t.text!r} {t.value} (true day gives {truth.get((t.start, t.text))})")
    for title, rows in (("wrong dates", wrong_ex), ("values that differ", differ_ex)):
        print(f"{title}: {len(rows)}")
        for row in rows[:args.examples]:
            print("  " + row)
    print(f"HELDOUT docs={n} exact={exact / n:.3f} fits={fits / n:.3f} wrong={wrong / n:.3f} "
          f"agree={agree} differ={differ}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
