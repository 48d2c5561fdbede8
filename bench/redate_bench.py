"""Dating undated articles from the corpus (``link.redate``): cost added to the linking job, and how often right.

    .venv/bin/python bench/redate_bench.py                  # 10k events
    .venv/bin/python bench/redate_bench.py --events 20000 --undated 0.3

The synthetic corpus of ``link_bench`` (invented countries' people and cities, happenings
reported several times) is stored as the ingest would, every page dated to the day with
confidence 0.99, except a share (``--undated``) of the articles, whose pages lose their
date: each of their "held" reports dated to its day says instead how far back it was from
the page -- "today", "yesterday", "on <weekday>" -- as a time expression the time stage
left unresolved, and loses its date. Then ``link_pending`` runs twice on copies of the
store: without the corpus dating and with it (the reanalysis of the redated articles,
which needs their parse, is left out: it is what ``storyline reanalyze`` costs per
article). Printed: the linking cpu time of both and the difference, and of the undated
articles how many were dated, exactly right, a span holding the true day, or wrong.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from link_bench import corpus

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _undate(rec: dict[str, Any], keep_year: bool = False) -> bool:
    """Take the page date away (all of it, or all but the year); its held reports dated to a day say how
    far back instead. True if any does."""
    page = dt.date.fromisoformat(rec["published"]["date"])
    rec["published"] = {"date": str(page.year) if keep_year else None, "how": "unknown", "confidence": 0.0}
    rec["timexes"] = []
    text, any_relative = [], False
    for ev in rec["events"]:
        sentence = ev["evidence"]["text"].rstrip(".")
        start = sum(len(t) + 1 for t in text)
        word = None
        if ev["status"] == "happened" and ev.get("date") and len(ev["date"]) == 10:
            back = (page - dt.date.fromisoformat(ev["date"])).days
            word = ("today" if back == 0 else "yesterday" if back == 1
                    else f"on {WEEKDAYS[dt.date.fromisoformat(ev['date']).weekday()]}" if 2 <= back <= 6 else None)
        if word:
            sentence = f"{sentence} {word}"
            w = word.split()[-1]
            rec["timexes"].append({"text": w, "start": start + len(sentence) - len(w), "end": start + len(sentence),
                                   "value": None, "type": "DATE"})
            ev["date"] = None
            any_relative = True
        elif ev.get("date") and len(ev["date"]) == 10:
            ev["date"] = None               # an undated page cannot resolve a relative date either
        ev["evidence"] = {"text": sentence, "start": start, "end": start + len(sentence)}
        text.append(sentence)
    rec["text"] = " ".join(text)
    return any_relative


def build(db: Path, n_events: int, undated: float, seed: int, keep_year: bool = False) -> dict[str, dt.date]:
    """Store the corpus; returns the true page day of each undated article."""
    from storyline.store import Store

    records, _ = corpus(n_events, 730)
    rng = random.Random(seed)
    truth: dict[str, dt.date] = {}
    for rec in records:
        rec.setdefault("timexes", [])
        rec["text"] = " ".join(e["evidence"]["text"] for e in rec["events"])
        if rng.random() < undated:
            day = dt.date.fromisoformat(rec["published"]["date"])
            if _undate(rec, keep_year):
                truth[rec["id"]] = day
        else:
            rec["published"] = {"date": rec["published"]["date"], "how": "dateline", "confidence": 0.99}
    with Store(db) as store:
        with store.transaction("bench corpus") as con:
            con.executemany(
                "INSERT INTO articles (id, path, source, published_date, published_how, published_confidence, "
                "published_year, text, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[r["id"], r["path"], r["source"], r["published"]["date"], r["published"]["how"],
                  r["published"]["confidence"], int(r["published"]["date"][:4]) if r["published"]["date"] else None,
                  r["text"], json.dumps(r)] for r in records])
    return truth


def run(db: Path, redate: bool) -> tuple[float, list[tuple[str, str]]]:
    """Link the store; returns the cpu seconds and the (article id, new date) of the articles redated."""
    import storyline.runners.link_job as job
    from storyline.store import Store

    found: list[tuple[str, str]] = []

    def record_only(store: Any, pairs: list[tuple[dict[str, Any], Any]], **_: Any) -> list[str]:
        found.extend((rec["id"], r.published.date) for rec, r in pairs)
        return [rec["id"] for rec, _ in pairs]

    job._store_redated = record_only            # no reanalysis: the synthetic pages have no parse
    if not redate:
        job.redate_from_corpus = lambda *a, **k: []
    with Store(db) as store:
        t0 = time.process_time()            # cpu seconds: the machine is shared, wall time is noise
        job.link_pending(store)
        return time.process_time() - t0, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--undated", type=float, default=0.2, help="share of the articles whose pages lose their date")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--page-year", action="store_true",
                    help="undated pages keep their year (a page's own partial date, as tenures or a copyright give)")
    a = ap.parse_args(argv)
    from storyline.link.actors import published_span

    tmp = Path(tempfile.mkdtemp(prefix="redate-bench-"))
    try:
        truth = build(tmp / "a.duckdb", a.events, a.undated, a.seed, a.page_year)
        shutil.copy(tmp / "a.duckdb", tmp / "b.duckdb")
        plain, _ = run(tmp / "a.duckdb", redate=False)
        import importlib

        import storyline.runners.link_job as job
        importlib.reload(job)
        with_redate, found = run(tmp / "b.duckdb", redate=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    exact = sum(1 for aid, v in found if v == truth[aid].isoformat())
    days = sum(1 for _, v in found if len(v) == 10)
    spans = [(aid, published_span(v)) for aid, v in found if len(v) != 10]
    fits = sum(1 for aid, s in spans if s and s[0] <= truth[aid] <= s[1])
    print(f"redate_bench: {a.events} events, {a.undated:.0%} of the articles undated"
          f"{' (keeping their year)' if a.page_year else ''}, {len(truth)} of them with a report saying how far "
          "back it was")
    print(f"linking: {plain:.2f} cpu s without the corpus dating, {with_redate:.2f} cpu s with it "
          f"(+{with_redate - plain:.2f} s, {100 * (with_redate - plain) / plain:+.0f}%)")
    print(f"redated {len(found)} of {len(truth)}: {days} to the day ({exact} right, {days - exact} wrong), "
          f"{len(spans)} to a span ({fits} holding the day, {len(spans) - fits} wrong)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
