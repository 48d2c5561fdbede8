"""Read benchmark: the API over a synthetic store of N articles, with 1 and 50 concurrent clients.

    .venv/bin/python bench/read_bench.py --articles 10000
    .venv/bin/python bench/read_bench.py --articles 100000 --db /tmp/read100k.duckdb --keep

The store is written directly (no parsing): article records with ~350 words of text drawn
from a Zipf vocabulary, 8-14 entities from a pool of people, places and organisations
(Zipf: a few people are in every other article), 0-3 events and 0-3 quotes; the events of
articles near in time and sharing a country pair and type are grouped into corpus events
(most have one or two reports, a few hundreds), and each corpus event gets its lifecycle from
the linker's own builder, as ``storyline link`` would write it. Closing the store builds the
read model (actor index, totals, FTS index) as an ingest does.

Then ``storyline serve`` runs in its own processes over the store (its default workers, or
``--workers``), and each endpoint is asked by 1 client (sequential requests) and by 50
concurrent loopback clients (``api.loadtest``: coroutines on one loop, so the load costs the
machine a few tenths of a ms per request, reported as ``client_cpu_ms_per_request``); the
figures are the p50/p99 latency (ms), errors (status >= 400 or a failed request), the
server's CPU per request and its peak resident memory (VmHWM, summed over its processes).
The last line is the summary, the worst endpoint under 50 clients:

    READ articles=N p50_ms=… p99_ms=… rss_mb=… errors=…

Results also go to ``bench/results/read_bench_<N>.json``.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import http.client
import itertools
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.api.loadtest import run_load  # noqa: E402

COUNTRIES = ["RUS", "JPN", "USA", "CHN", "FRA", "DEU", "GBR", "IND", "KOR", "TUR", "ITA", "UKR", "IRN", "BRA",
             "CAN", "AUS", "POL", "ESP", "ISR", "EGY", "SAU", "PAK", "VNM", "IDN", "MEX", "ZAF", "NGA", "ARG",
             "SWE", "NOR", "FIN", "DNK", "NLD", "BEL", "CHE", "AUT", "GRC", "PRK", "KAZ", "BLR"]
TYPES = ["CONSULT", "AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "COOPERATE", "SANCTION", "THREATEN",
         "PROTEST", "AID", "CONCEDE"]
STATUSES = ["happened", "planned", "possible", "postponed", "cancelled"]
STATUS_WEIGHTS = [60, 25, 8, 4, 3]
SYL = ["ka", "to", "ri", "na", "mo", "se", "vi", "la", "du", "po", "ne", "sha", "ko", "ti", "ver", "gan", "mir",
       "bo", "lu", "zen", "ar", "el", "os", "im", "ur"]


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    """Cumulative Zipf weights (``random.choices(cum_weights=…)``: a bisection, not a sum per draw)."""
    return list(itertools.accumulate(1.0 / (k + 1) ** s for k in range(n)))


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYL) for _ in range(parts))


class World:
    """The pools the synthetic articles draw from."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.vocab = list(dict.fromkeys(_word(rng, rng.choice((1, 2, 2, 3, 3, 4))) for _ in range(30000)))
        self.vocab_w = _zipf_weights(len(self.vocab))
        home = _zipf_weights(len(COUNTRIES), 0.9)
        self.people = [(f"{_word(rng, 2).title()} {_word(rng, 3).title()}",
                        rng.choices(COUNTRIES, cum_weights=home)[0]) for _ in range(6000)]
        self.people_w = _zipf_weights(len(self.people), 1.0)
        self.orgs = [(f"{_word(rng, 3).title()} Ministry", rng.choice(COUNTRIES)) for _ in range(800)]
        self.outlets = [f"{_word(rng, 2).title()} {rng.choice(['News', 'Times', 'Agency', 'Post'])}" for _ in range(40)]
        self.outlets_w = _zipf_weights(len(self.outlets), 0.8)
        self.country_w = _zipf_weights(len(COUNTRIES), 0.9)
        self.np_rng = np.random.default_rng(rng.randrange(2**32))
        self._buf: list[str] = []
        self._at = 0

    def words(self, n: int) -> list[str]:
        """``n`` words drawn from the Zipf vocabulary: the same draws as one ``choices`` call per
        sentence, taken from a buffer filled a million at a time by numpy (one ``choices`` call
        per sentence was a third of the build)."""
        if self._at + n > len(self._buf):
            cum = self.vocab_w
            picks = np.searchsorted(cum, self.np_rng.random(max(n, 1_000_000)) * cum[-1], side="right")
            self._buf = [self.vocab[k] for k in picks.tolist()]
            self._at = 0
        self._at += n
        return self._buf[self._at - n:self._at]


def _sentence(world: World, n: int) -> str:
    ws = world.words(n)
    return " ".join(ws).capitalize() + "."


def make_article(world: World, i: int, day: dt.date, groups: dict[tuple[str, str, str], list[Any]],
                 next_event: list[int]) -> tuple[dict[str, Any], dict[str, str]]:
    """One article record, and the corpus event id of each of its events."""
    rng = world.rng
    aid = f"{i:016x}"
    people = [world.people[k] for k in {rng.choices(range(len(world.people)), cum_weights=world.people_w)[0]
                                        for _ in range(rng.randint(4, 8))}]
    places = rng.sample(COUNTRIES[:25], rng.randint(2, 4))
    orgs = rng.sample(world.orgs, rng.randint(1, 3))
    parts: list[str] = []
    pos = 0

    def add(text: str) -> tuple[int, int]:
        nonlocal pos
        start = pos
        parts.append(text)
        pos += len(text) + 1
        return start, start + len(text)

    entities: list[dict[str, Any]] = []
    for k, (name, country) in enumerate(people):
        s, _ = add(f"{name} said {_sentence(world, rng.randint(6, 14))}")
        entities.append({"id": f"p{k + 1}", "name": name, "type": "PERSON", "country": country,
                         "role": rng.choice([None, None, "Foreign Minister", "President", "spokesman"]),
                         "mentions": [[s, s + len(name)]]})
    for k, code in enumerate(places):
        name = f"Land-{code.title()}"
        s, _ = add(f"In {name} {_sentence(world, rng.randint(6, 12))}")
        entities.append({"id": f"g{k + 1}", "name": name, "type": "GPE", "country": code, "role": None,
                         "mentions": [[s + 3, s + 3 + len(name)]]})
    for k, (name, country) in enumerate(orgs):
        s, _ = add(f"The {name} {_sentence(world, rng.randint(6, 12))}")
        entities.append({"id": f"o{k + 1}", "name": name, "type": "ORG", "country": country, "role": None,
                         "mentions": [[s + 4, s + 4 + len(name)]]})
    events: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    for k in range(min(3, int(rng.expovariate(1 / 1.3)))):
        a, b = rng.choices(COUNTRIES, cum_weights=world.country_w, k=2)
        if a == b:
            b = COUNTRIES[(COUNTRIES.index(a) + 1) % len(COUNTRIES)]
        etype = rng.choices(TYPES, cum_weights=_zipf_weights(len(TYPES), 1.2))[0]
        src = next((p for p in people if p[1] == a), None)
        tgt = next((p for p in people if p[1] == b), None)
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        when = day + dt.timedelta(days=rng.randint(-10, 40) if status != "happened" else rng.randint(-3, 0))
        date = when.isoformat() if rng.random() < 0.6 else when.isoformat()[:7] if rng.random() < 0.7 else None
        text = f"{(src or (a,))[0]} and {(tgt or (b,))[0]} {_sentence(world, rng.randint(8, 16))}"
        s, e = add(text)
        key = (etype, *sorted((a, b)))
        open_events = groups.setdefault(key, [])
        while open_events and (day - open_events[0][1]).days > 30:
            open_events.pop(0)
        if open_events and rng.random() < 0.55:
            eid = rng.choice(open_events)[0]
        else:
            eid = f"ev-{next_event[0]:012x}"
            next_event[0] += 1
            open_events.append((eid, day))
        local = f"e{k + 1}"
        ids[local] = eid
        events.append({"id": local, "type": etype, "mode": "visit" if rng.random() < 0.2 else None,
                       "status": status, "source": {"name": src[0] if src else None, "entity": None, "country": a},
                       "target": {"name": tgt[0] if tgt else None, "entity": None, "country": b},
                       "date": date, "location": {"name": f"Land-{b.title()}", "country": b} if rng.random() < 0.5
                       else None, "evidence": {"text": text, "start": s, "end": e},
                       "reported_by": None, "event_id": None})
    quotes: list[dict[str, Any]] = []
    for _ in range(min(3, int(rng.expovariate(1 / 1.1)))):
        who = rng.choice(people)
        said = _sentence(world, rng.randint(8, 20))
        s, e = add(f"\"{said}\"")
        quotes.append({"speaker": who[0], "speaker_entity": None, "text": said, "start": s + 1, "end": e - 1})
    while pos < 2300:
        add(_sentence(world, rng.randint(8, 22)))
    headline = " ".join(world.words(rng.randint(5, 9))).capitalize()
    text = " ".join(parts)
    source = rng.choices(world.outlets, cum_weights=world.outlets_w)[0]
    rec = {"id": aid, "path": f"synthetic/{day.year}/{aid}.txt", "source": source, "headline": headline,
           "lead": None, "dateline": {"place": "CAPITAL", "text": day.strftime("%B %d"), "agency": None},
           "published": {"date": day.isoformat(), "how": "synthetic", "confidence": 1.0}, "text": text,
           "url": None, "entities": entities, "timexes": [], "events": events, "quotes": quotes}
    return rec, ids


def build_store(path: Path, n: int, seed: int = 7, batch: int = 2000) -> dict[str, float]:
    """Write a synthetic store of ``n`` articles at ``path`` (see the module docstring)."""
    from storyline.link.lifecycle import build_lifecycle
    from storyline.link.mentions import mentions_of
    from storyline.store import Store
    from storyline.store import events as store_events
    from storyline.store.read import insert_rows, save_event_index

    t0 = time.perf_counter()
    rng = random.Random(seed)
    world = World(rng)
    start = dt.date(2010, 1, 1)
    span = 365 * 10
    groups: dict[tuple[str, str, str], list[Any]] = {}
    next_event = [1]
    members: dict[str, list[Any]] = {}
    with Store(path) as store:
        for lo in range(0, n, batch):
            recs = []
            mention_rows = []
            for i in range(lo, min(n, lo + batch)):
                day = start + dt.timedelta(days=int(i * span / n))
                rec, ids = make_article(world, i, day, groups, next_event)
                recs.append(rec)
                for m in mentions_of(rec):
                    m = dataclasses.replace(m, event_id=ids[m.local_id])
                    members.setdefault(m.event_id or "", []).append(m)
                    mention_rows.append(m.to_row())
            store.write_batch(recs, [])
            with store.transaction("synthetic links") as con:
                insert_rows(con, "event_mentions", mention_rows)
                insert_rows(con, "linked_articles", [{"article_id": r["id"]} for r in recs])
            if lo == 0:
                store.refresh_read_model()      # the search index is made here, then appended to
        t_records = time.perf_counter() - t0
        eids = sorted(members)
        for lo in range(0, len(eids), 5000):
            lcs = {eid: build_lifecycle(eid, members[eid]) for eid in eids[lo:lo + 5000]}
            with store.transaction("synthetic lifecycles") as con:
                insert_rows(con, "corpus_events", [store_events._event_row(eid, lc) for eid, lc in lcs.items()])
                save_event_index(con, lcs, [])
        members.clear()
        t_links = time.perf_counter() - t0 - t_records
        store.mark_written()
        t1 = time.perf_counter()
    return {"records_s": round(t_records, 1), "lifecycles_s": round(t_links, 1),
            "read_model_s": round(time.perf_counter() - t1, 1), "events": len(eids),
            "seconds": round(time.perf_counter() - t0, 1)}


# ---------------------------------------------------------------------- measuring
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str) -> Any:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        return json.loads(body) if resp.status == 200 else None
    finally:
        conn.close()


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (the server's worker processes)."""
    out = [pid]
    for p in out:
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                out += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return out


def _peak_rss_mb(pid: int) -> float:
    """The peak resident memory of the server: of its processes together (each worker's peak)."""
    total = 0.0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the server's processes have used, all threads."""
    total = 0.0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def endpoints(port: int) -> dict[str, tuple[str, ...]]:
    """Every route with realistic variants, chosen from what the store holds."""
    stats = _get(port, "/api/stats")
    events = _get(port, "/api/events?limit=200&sort=-reports")["items"]
    arts = _get(port, "/api/articles?limit=100&sort=-published")["items"]
    actors = _get(port, "/api/actors?limit=50")["items"]
    pairs = [",".join(p["countries"]) for p in stats["country_pairs"][:5]]
    ev_ids = [e["event_id"] for e in events[:20]] + [e["event_id"] for e in events[-20:]]
    names = [a["name"].split()[-1].lower() for a in actors[:10]]
    words = ["kato", "rimo vila", "se", "mirgan", "zenbo"]
    return {
        "events": ("/api/events?limit=50",),
        "events filtered": tuple(f"/api/events?countries={p}&status=planned,happened&sort=-date&limit=50"
                                 for p in pairs),
        "events by actor": tuple(f"/api/events?actor={n}&limit=50" for n in names[:5]),
        "events overdue": ("/api/events?overdue=true&sort=-reports&limit=50",
                           "/api/events?date_from=2015-03&date_to=2016-02&type=CONSULT,AGREE&limit=50"),
        "event": tuple(f"/api/events/{e}" for e in ev_ids),
        "articles": ("/api/articles?limit=50", "/api/articles?sort=-published&limit=50&offset=500"),
        "articles filtered": tuple(f"/api/articles?actor={n}&limit=50" for n in names[:3]) + tuple(
            f"/api/articles?country={p[:3]}&date_from=2014&date_to=2015&limit=50" for p in pairs[:2]),
        "article": tuple(f"/api/articles/{a['id']}" for a in arts[:40]),
        "actors": ("/api/actors?limit=50", "/api/actors?sort=events&type=PERSON&limit=50"),
        "actors q": tuple(f"/api/actors?q={n[:4]}&limit=50" for n in names[:5]),
        "quotes": ("/api/quotes?limit=50", "/api/quotes?limit=50&offset=1000"),
        "quotes filtered": tuple(f"/api/quotes?speaker={n}&limit=50" for n in names[:5]) + (
            "/api/quotes?q=kato&limit=50",),
        "search": tuple(f"/api/search?q={w.replace(' ', '+')}&limit=20" for w in words),
        "counts": ("/api/counts",) + tuple(f"/api/counts?countries={p}" for p in pairs[:3]),
        "counts reported": ("/api/counts?basis=reported",) + tuple(
            f"/api/counts?countries={p}&basis=reported" for p in pairs[:2]),
        "stats": ("/api/stats",),
    }


def measure(db: Path, single: int = 20, per_client: int = 6, workers: int | None = None) -> dict[str, Any]:
    port = _free_port()
    code = ("import sys; from storyline.api.app import serve; "
            "serve(sys.argv[1], port=int(sys.argv[2]), workers=int(sys.argv[3]) or None)")
    server = subprocess.Popen([sys.executable, "-c", code, str(db), str(port), str(workers or 0)],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(port, "/api/stats") is not None:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        url = f"http://127.0.0.1:{port}"
        out: dict[str, Any] = {}
        for name, paths in endpoints(port).items():
            cpu0 = _cpu_s(server.pid)
            one = run_load(url, clients=1, per_client=single, paths=paths, time_limit=300)
            many = run_load(url, clients=50, per_client=per_client, paths=paths, time_limit=300)
            n = one["requests"] + many["requests"]
            # the server's CPU per request: what a loaded, shared machine does not inflate
            cpu_ms = (_cpu_s(server.pid) - cpu0) * 1000 / max(n, 1)
            out[name] = {"c1_p50_ms": one["p50_ms"], "c1_p99_ms": one["p99_ms"], "c50_p50_ms": many["p50_ms"],
                         "c50_p99_ms": many["p99_ms"], "c50_rps": many["throughput_rps"],
                         "cpu_ms_per_request": round(cpu_ms, 2),
                         "client_cpu_ms_per_request": many["client_cpu_ms_per_request"],
                         "errors": one["errors"] + many["errors"], "requests": n}
            r = out[name]
            print(f"  {name:18s} 1 client p50 {r['c1_p50_ms']:7.1f} p99 {r['c1_p99_ms']:7.1f} | 50 clients p50 "
                  f"{r['c50_p50_ms']:7.1f} p99 {r['c50_p99_ms']:7.1f} ({r['c50_rps']:6.1f} req/s) | server CPU "
                  f"{cpu_ms:5.1f} ms/request, client {r['client_cpu_ms_per_request']:4.2f} | errors {r['errors']}", flush=True)
        return {"endpoints": out, "server_processes": len(_tree(server.pid)),
                "server_peak_rss_mb": round(_peak_rss_mb(server.pid), 1)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--db", help="the store to build (default: a temporary file); reused if it exists")
    ap.add_argument("--keep", action="store_true", help="keep the store")
    ap.add_argument("--single", type=int, default=20, help="sequential requests per endpoint (1 client)")
    ap.add_argument("--per-client", type=int, default=6, help="requests per client of the 50")
    ap.add_argument("--workers", type=int, default=None, help="server worker processes (default: serve's)")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="read-bench-") if not a.db else ""
    db = Path(a.db) if a.db else Path(tmp) / "read.duckdb"
    try:
        if db.exists():
            # opened for writing once: its migrations, and a refresh of the read model after an empty
            # write (what closing the store costs after an ingest of a few articles)
            from storyline.store import Store

            t0 = time.perf_counter()
            with Store(db) as store:
                store.mark_written()
            built: dict[str, Any] = {"reused": True, "refresh_s": round(time.perf_counter() - t0, 1)}
            print(f"reusing {db}: migrated and refreshed in {built['refresh_s']} s", flush=True)
        else:
            print(f"building a synthetic store of {a.articles:,} articles at {db}", flush=True)
            built = build_store(db, a.articles)
            print(f"  built in {built['seconds']} s: {built}", flush=True)
        size_mb = round(db.stat().st_size / 2**20, 1)
        print(f"measuring the API over {db} ({size_mb} MB)", flush=True)
        res = measure(db, a.single, a.per_client, a.workers)
        eps = res["endpoints"]
        worst = max(eps.values(), key=lambda r: r["c50_p99_ms"])
        summary = {"articles": a.articles, "store_mb": size_mb, "build": built, "cpus": os.cpu_count(),
                   "load_avg_at_end": [round(x, 2) for x in os.getloadavg()], **res}
        out = ROOT / "bench" / "results" / f"read_bench_{a.articles}.json"
        out.write_text(json.dumps(summary, indent=1) + "\n")
        errors = sum(r["errors"] for r in eps.values())
        p50 = max(r["c50_p50_ms"] for r in eps.values())
        cpu = max(r["cpu_ms_per_request"] for r in eps.values())
        print(f"worst server CPU per request {cpu:.1f} ms; load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} CPUs (a shared machine inflates the latencies, not the CPU per request)")
        print(f"READ articles={a.articles} p50_ms={p50:.1f} p99_ms={worst['c50_p99_ms']:.1f} "
              f"rss_mb={res['server_peak_rss_mb']:.0f} errors={errors}")
        return 0 if not errors else 1
    finally:
        if not a.keep and not a.db:
            for p in Path(tmp).glob("*"):
                p.unlink()
            os.rmdir(tmp)


if __name__ == "__main__":
    sys.exit(main())
