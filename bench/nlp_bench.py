"""NLP benchmark: words/s of plain ``nlp.pipe`` against the whole per-article pipeline.

    .venv/bin/python bench/nlp_bench.py [--articles 400] [--processes 2]

Both are measured on the same texts in the same run; the ratio is what matters
(target >= 0.8: everything after the parse should cost little next to it).
Writes bench/results/nlp_bench.json.
"""
from __future__ import annotations

import argparse
import copy
import json
import time
from pathlib import Path

from storyline.analyze import analyze_stream
from storyline.ingest import iter_inputs, load_article
from storyline.nlp import get_nlp
from storyline.records import RawInput

ROOT = Path(__file__).resolve().parents[1]


def corpus(n: int) -> list:
    base = []
    for item in iter_inputs([ROOT / "samples" / "corpus"]):
        if isinstance(item, RawInput):
            try:
                base.append(load_article(item))
            except Exception:  # a rejected sample is simply not used
                pass
    out = []
    while len(out) < n:
        for a in base:
            if len(out) >= n:
                break
            out.append(a)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--repeats", type=int, default=2)
    a = ap.parse_args()
    arts = corpus(a.articles)
    texts = [x.text for x in arts]
    words = sum(len(t.split()) for t in texts)
    nlp = get_nlp()
    list(nlp.pipe(texts[:8]))                       # warm up

    def run_plain() -> float:
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, n_process=a.processes, batch_size=a.batch_size):
            pass
        return time.perf_counter() - t0

    def run_full() -> float:
        # the ingest path: a pool of processes each parsing AND analysing its chunk
        t0 = time.perf_counter()
        for _ in analyze_stream(iter(copy.deepcopy(arts)), None, a.processes, a.batch_size):
            pass
        return time.perf_counter() - t0

    # interleaved and repeated, best of each: machine noise hits both alike
    plain_t, full_t = [], []
    for _ in range(a.repeats):
        plain_t.append(run_plain())
        full_t.append(run_full())
    plain, full = min(plain_t), min(full_t)

    res = {"articles": len(texts), "words": words, "processes": a.processes,
           "plain_words_per_s": round(words / plain), "pipeline_words_per_s": round(words / full),
           "ratio": round(plain / full, 3)}
    print(f"{'':<22}{'seconds':>9}{'words/s':>10}{'articles/s':>12}")
    print(f"{'plain nlp.pipe':<22}{plain:>9.2f}{words / plain:>10.0f}{len(texts) / plain:>12.1f}")
    print(f"{'whole pipeline':<22}{full:>9.2f}{words / full:>10.0f}{len(texts) / full:>12.1f}")
    print(f"ratio (pipeline / plain words/s): {res['ratio']:.3f}   target >= 0.8")
    out = ROOT / "bench" / "results" / "nlp_bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n")


if __name__ == "__main__":
    main()
