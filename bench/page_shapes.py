"""The whole pipeline on the devreal pages in every shape of ``bench/shapes.py``, scored side by side.

    .venv/bin/python bench/page_shapes.py                  # every shape (about 30 s each on 2 cores)
    .venv/bin/python bench/page_shapes.py --shapes text,dump,cms-html

Each shape's pages are written to a temporary folder, ingested into their own store with
``storyline ingest``, exported, and scored with ``../shared/eval/score.py`` against the devreal gold (the
exported paths are renamed to the gold's ``rNNN.txt`` first, since the scorer pairs by file name). The
table shows each figure, and ``=`` where a shape scores as the text files do. Results go to
``bench/results/page_shapes.json``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "bench"))
from shapes import shapes  # noqa: E402

FIGURES = ("published_acc", "published_wrong", "headline_acc", "body_clean_acc", "person_f1", "timex_value_acc",
           "event_f1", "event_date_acc", "quote_f1", "link_bcubed_f1")
BIN = Path(sys.executable).parent


def _score(folder: Path, work: Path) -> dict[str, float]:
    db, out = work / "s.duckdb", work / "s.jsonl"
    subprocess.run([BIN / "storyline", "ingest", str(folder), "--db", str(db)], check=False, capture_output=True)
    subprocess.run([BIN / "storyline", "export", "--db", str(db), "--format", "jsonl", "-o", str(out)],
                   check=True, capture_output=True)
    rows = []
    for line in out.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        name = Path(str(rec["path"]).split(":")[0]).stem
        if ":" in str(rec["path"]):                       # a JSON line: its id is the page's name
            name = str(rec["path"]).rsplit(":", 1)[1]
        rec["path"] = f"{folder}/{name}.txt"
        rows.append(json.dumps(rec))
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "devreal" / "gold"), str(out)],
                         check=True, capture_output=True, text=True)
    last = res.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in (kv.split("=") for kv in last.split()[1:]) if k in FIGURES}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shapes", default="", help="comma-separated shapes (default: text and every shape)")
    args = ap.parse_args(argv)
    raw = SHARED / "devreal" / "raw"
    if not raw.is_dir():
        print(f"no devreal pages at {raw}", file=sys.stderr)
        return 2
    pages = {p.stem: p.read_text(encoding="utf-8") for p in sorted(raw.glob("*.txt"))}
    gold = {s: json.loads((SHARED / "devreal" / "gold" / f"{s}.json").read_text(encoding="utf-8")).get("headline")
            for s in pages}
    names = ["text", *shapes("x", "x").keys()]
    wanted = [s for s in (args.shapes.split(",") if args.shapes else names) if s]
    results: dict[str, dict[str, float]] = {}
    for shape in wanted:
        with tempfile.TemporaryDirectory() as tmp:
            folder, work = Path(tmp) / "pages", Path(tmp)
            folder.mkdir()
            lines = []
            for stem, text in pages.items():
                if shape == "text":
                    (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
                    continue
                fname, content, _, _ = shapes(stem, text, gold[stem])[shape]
                if fname.endswith(".jsonl"):
                    lines.append(content)
                else:
                    (folder / fname).write_text(content, encoding="utf-8")
            if lines:
                (folder / "pages.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            results[shape] = _score(folder, work)
        print(f"{shape:12s} " + " ".join(f"{k.replace('_acc', '')}={v:.3f}" for k, v in results[shape].items()),
              flush=True)
    base = results.get("text")
    print("\n| shape | " + " | ".join(f.replace("_acc", "") for f in FIGURES) + " |")
    print("|---" * (len(FIGURES) + 1) + "|")
    for shape, figs in results.items():
        cells = ["=" if base and shape != "text" and abs(figs[f] - base[f]) < 1e-9 else f"{figs[f]:.3f}" for f in FIGURES]
        print(f"| {shape} | " + " | ".join(cells) + " |")
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "page_shapes.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
