"""Linking benchmark: time and peak memory of ``link_events`` on synthetic corpora.

    .venv/bin/python bench/link_bench.py                 # 10k and 100k events
    .venv/bin/python bench/link_bench.py --sizes 10000 50000 --days-per-10k 365

A synthetic world (countries, their leaders and ministers, cities) produces
happenings -- visits, calls, meetings, agreements, accusations, sanctions --
each reported one to several times: rumours and plans before (often undated or
vaguely dated), postponements and cancellations, then reports of it held (dated
or not), with templated evidence sentences. Reports are bundled into articles of
one to three reports. A share of the meetings is three-way, each report of one coded as
three events (one per pair) from one sentence, as the event stage codes them. News volume per day is constant, so a corpus ten times
larger spans ten times as long: a growing archive. Each size runs in a fresh
child process; printed are the linking time, the peak memory above the child's
baseline (resident set), B-cubed precision/recall against the synthetic truth,
and the ratios between consecutive sizes (about 10 for linear cost). Then the
actors of the corpus are built from the people and places its events name
(``link.actors.build_actors``; entity rows, actors, cpu seconds).
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

COUNTRIES = ("USA CHN RUS JPN DEU FRA GBR IND BRA TUR IRN SAU ISR EGY KOR PRK UKR POL ITA ESP CAN MEX AUS IDN "
             "PAK NGA ZAF ARG VNM THA").split()
TYPES = (("CONSULT", 50), ("AGREE", 15), ("COOPERATE", 10), ("ACCUSE", 8), ("REQUEST", 6), ("SANCTION", 5),
         ("AID", 6))
MODES = ((None, 15), ("visit", 50), ("phone", 20), ("third-party", 8), ("multilateral", 7))
SYLLABLES = "ka lo mi ra ve to shi na de fu ri ko ba sel gor an iv tem ul zor pe la dim nik".split()
TOPICS = ("trade energy security border islands investment climate health migration technology defence "
          "sanctions grain shipping nuclear").split()


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def world(seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    people = {c: [f"{_name(rng, 2)} {_name(rng, 3)}" for _ in range(4)] for c in COUNTRIES}
    cities = {c: [f"{_name(rng, 2)}grad" if i % 2 else f"Port {_name(rng, 2)}" for i in range(3)] for c in COUNTRIES}
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(COUNTRIES))]   # some countries are in the news far more
    return {"people": people, "cities": cities, "weights": weights}


def _pick(rng: random.Random, table: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def _date_value(rng: random.Random, d: dt.date) -> tuple[str, str]:
    r = rng.random()
    if r < 0.5:
        return d.isoformat(), d.strftime("%B %d")
    if r < 0.85:
        return d.strftime("%Y-%m"), d.strftime("in %B")
    return str(d.year), "this year"


def corpus(n_events: int, days_per_10k: int, seed: int = 11,
           joint_share: float = 0.0) -> tuple[list[dict[str, Any]], dict[tuple[str, str], int]]:
    """Article records carrying about ``n_events`` events, and the true happening of each event.
    ``joint_share`` of the meetings without a mode or at a summit are three-way: each report
    of one codes it as three events, one per pair, from one sentence."""
    rng = random.Random(seed)
    w = world()
    span = max(30, days_per_10k * n_events // 10_000)
    start = dt.date(2000, 1, 1)
    reports: list[tuple[dt.date, list[dict[str, Any]], int]] = []
    n_reported = 0
    happening = 0
    while n_reported < n_events:
        happening += 1
        type_ = _pick(rng, TYPES)
        mode = _pick(rng, MODES) if type_ == "CONSULT" else None
        a, b = rng.choices(COUNTRIES, w["weights"], k=2)
        if a == b:
            continue
        pa, pb = rng.choice(w["people"][a][:2]), rng.choice(w["people"][b][:2])
        third: str | None = None
        if joint_share and type_ == "CONSULT" and mode in (None, "multilateral") and rng.random() < joint_share:
            third = rng.choice([c for c in COUNTRIES if c not in (a, b)])
            pc = rng.choice(w["people"][third][:2])
        when = start + dt.timedelta(days=rng.randrange(span))
        host = b if mode == "visit" else rng.choice(COUNTRIES) if mode in ("third-party", "multilateral") else None
        city = rng.choice(w["cities"][host]) if host else None
        topic = rng.choice(TOPICS)
        k = 1 + min(int(rng.expovariate(0.6)), 8)
        statuses = ["happened"] * k
        n_plans = rng.randint(0, k - 1) if k > 1 else 0
        for i in range(n_plans):
            statuses[i] = rng.choice(("planned", "planned", "possible"))
        if n_plans and rng.random() < 0.1:
            statuses[n_plans - 1] = "postponed"
        held = rng.random() > 0.05
        for status in statuses:
            if status == "happened" and not held:
                status = "cancelled"
            if status in ("planned", "possible"):
                pub = when - dt.timedelta(days=rng.randint(3, 120))
                value, text = _date_value(rng, when) if rng.random() < 0.6 else (None, "soon")
                sentence = f"{pa} will visit {city or b} {text} to discuss {topic}" if mode == "visit" else \
                    f"{pa} and {pb} are expected to discuss {topic} {text}"
            else:
                pub = when + dt.timedelta(days=rng.randint(0, 10))
                value = when.isoformat() if status == "happened" and rng.random() < 0.7 else None
                sentence = (f"{pa} held talks with {pb} in {city or 'the capital'} on {topic}" if status == "happened"
                            else f"the {topic} talks between {pa} and {pb} were {status}")
            pairs = [((a, pa), (b, pb))]
            if third:
                sentence = sentence.replace(f" and {pb}", f", {pb} and {pc}").replace(f" with {pb}", f" with {pb} and {pc}")
                pairs += [((a, pa), (third, pc)), ((b, pb), (third, pc))]
            named = rng.random() < 0.6
            evs = [{"type": type_, "mode": mode, "status": status,
                    "source": {"name": p1, "entity": None, "country": c1},
                    "target": {"name": p2 if named else None, "entity": None, "country": c2},
                    "date": value, "location": {"name": city, "country": host} if host else None,
                    "evidence": {"text": sentence + ".", "start": 0, "end": len(sentence) + 1}}
                   for (c1, p1), (c2, p2) in pairs]
            reports.append((pub, evs, happening))
            n_reported += len(evs)
    reports.sort(key=lambda r: r[0])
    records, truth, i = [], {}, 0
    while i < len(reports):
        size = rng.choice((1, 1, 2, 3))
        chunk = reports[i:i + size]
        i += size
        aid = f"art{len(records):07d}"
        events = []
        for _, evs, h in chunk:
            for ev in evs:
                ev = dict(ev, id=f"e{len(events) + 1}")
                events.append(ev)
                truth[(aid, ev["id"])] = h
        records.append({"id": aid, "path": f"{aid}.txt", "source": rng.choice(("TASS", "Reuters", "AFP", "Kyodo")),
                        "published": {"date": chunk[0][0].isoformat()}, "entities": [], "events": events})
    return records, truth


def bcubed(truth: dict[tuple[str, str], int], pred: dict[tuple[str, str], str]) -> tuple[float, float]:
    """B-cubed precision and recall in linear time (counts of each (true, predicted) cell)."""
    cell = Counter((truth[k], pred[k]) for k in truth)
    t_size = Counter(truth.values())
    p_size = Counter(pred[k] for k in truth)
    n = len(truth)
    p = sum(c * c / p_size[pp] for (_, pp), c in cell.items()) / n
    r = sum(c * c / t_size[t] for (t, _), c in cell.items()) / n
    return p, r


def _rss_kib() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _run(n: int, days: int, joint: float, out: Any) -> None:
    from storyline.link import link_events
    from storyline.link.mentions import mentions_of

    mentions_of({"id": "warm", "events": [{"type": "CONSULT", "source": {"name": "A B", "country": "USA"}}]})
    records, truth = corpus(n, days, joint_share=joint)
    base = _rss_kib()
    t0, c0 = time.perf_counter(), time.process_time()
    result = link_events(records)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
    pred = {(r["id"], e["id"]): e["event_id"] for r in records for e in r["events"]}
    p, r = bcubed(truth, pred)
    # actors across the corpus, from the people and places the events name (as entities would)
    from storyline.link.actors import EntityRow, build_actors

    rows = [EntityRow(rec["id"], side["name"], "PERSON", None, side.get("country"))
            for rec in records for e in rec["events"] for side in (e["source"], e["target"]) if side.get("name")]
    rows += [EntityRow(rec["id"], e["location"]["name"], "GPE") for rec in records for e in rec["events"]
             if e.get("location") and e["location"].get("name")]
    c1 = time.process_time()
    actors = build_actors(rows)
    actors_cpu = time.process_time() - c1
    out.send({"n": len(truth), "articles": len(records), "events": len(result.events),
              "happenings": len(set(truth.values())), "seconds": elapsed, "cpu": cpu, "compared": result.compared, "peak_mib": max(peak, 0) / 1024,
              "p": p, "r": r, "actors": len(actors.actors), "entity_rows": len(rows), "actors_cpu": actors_cpu})


def measure(n: int, days: int, joint: float = 0.0) -> dict[str, Any]:
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_run, args=(n, days, joint, send))
    proc.start()
    res = recv.recv()
    proc.join()
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="events per corpus")
    ap.add_argument("--days-per-10k", type=int, default=730,
                    help="days of news per 10,000 events (default: one linking window, so both sizes are in the "
                         "steady state where each event meets a bounded number of live clusters)")
    ap.add_argument("--joint-share", type=float, default=0.1,
                    help="share of meetings without a mode or at a summit that are three-way, coded as three "
                         "events per report (default 0.1; 0 gives the corpus of the benchmark before)")
    a = ap.parse_args(argv)
    print(f"link_bench: python {sys.version.split()[0]}, {os.cpu_count()} cpus, "
          f"{a.days_per_10k} days of news per 10k events, {a.joint_share:.0%} of meetings three-way")
    print(f"{'events':>8} {'articles':>8} {'true':>7} {'found':>7} {'wall s':>7} {'cpu s':>7} {'events/s':>9} "
          f"{'cmp/ev':>6} {'peak MiB':>9} {'B3 P':>6} {'B3 R':>6} {'entities':>9} {'actors':>7} {'actors s':>8}")
    results = []
    for n in a.sizes:
        res = measure(n, a.days_per_10k, a.joint_share)
        results.append(res)
        print(f"{res['n']:>8} {res['articles']:>8} {res['happenings']:>7} {res['events']:>7} {res['seconds']:>7.2f} "
              f"{res['cpu']:>7.2f} {res['n'] / res['cpu']:>9.0f} {res['compared'] / res['n']:>6.1f} {res['peak_mib']:>9.1f} {res['p']:>6.3f} "
              f"{res['r']:>6.3f} {res['entity_rows']:>9} {res['actors']:>7} {res['actors_cpu']:>8.2f}",
              flush=True)
    for small, big in zip(results, results[1:]):
        size = big["n"] / small["n"]
        print(f"ratio {big['n']}/{small['n']} events = {size:.1f}: cpu time x{big['cpu'] / small['cpu']:.1f}, "
              f"wall time x{big['seconds'] / small['seconds']:.1f}, "
              f"peak memory x{big['peak_mib'] / max(small['peak_mib'], 1e-9):.1f} (linear: x{size:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
