"""Every answer the read side gives on one store, as one JSON-ready dict: the reference that the
SQL read model is held to (``test_read_model.py``).

The calls are chosen from the store's own contents (its event types, statuses, country pairs,
actors, outlets and headline words), so one list covers the hand-built store, the samples and
the seeds. The golden files keep a digest of each answer (the seeds are real articles: their
text stays out of the repository). Dump every answer of a store to compare two versions:

    .venv/bin/python -m tests.api.read_answers /tmp/samples.duckdb > /tmp/answers.json
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from storyline.api import queries

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "read"
EVENT_SORTS = ("date", "-date", "reported", "-reported", "reports", "-reports", "type", "status")
WORDS = ("talks", "minister", "visit", "Russia", "agreement", "Japan", "summit", "president", "sanctions",
         "Sochi", "the")


def _call(out: dict[str, Any], key: str, fn: Any, *args: Any, **kw: Any) -> Any:
    try:
        out[key] = fn(*args, **kw)
    except Exception as e:          # the error is part of the answer
        out[key] = {"raised": type(e).__name__, "message": str(e)}
    return out[key]


def answers(db: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    stats = _call(out, "stats", queries.stats, db)
    everything = queries.events(db, limit=500)
    for sort in EVENT_SORTS:
        _call(out, f"events sort={sort}", queries.events, db, sort=sort, limit=500)
        _call(out, f"events sort={sort} page", queries.events, db, sort=sort, limit=3, offset=2)
    for t in list(stats.get("by_type") or {})[:6]:
        _call(out, f"events type={t}", queries.events, db, type=t, limit=500)
    for s in stats.get("statuses") or []:
        _call(out, f"events status={s}", queries.events, db, status=s, limit=500)
        _call(out, f"counts status={s}", queries.counts, db, status=s)
    _call(out, "events status=planned,postponed", queries.events, db, status="planned,postponed", limit=500)
    for flag in (True, False):
        _call(out, f"events overdue={flag}", queries.events, db, overdue=flag, limit=500)
        _call(out, f"events linked={flag}", queries.events, db, linked=flag, limit=500)
    pairs = [p["countries"] for p in stats.get("country_pairs") or []][:4]
    singles = sorted({c for p in pairs for c in p})[:4]
    for pair in pairs:
        key = ",".join(reversed(pair))
        _call(out, f"events countries={key}", queries.events, db, countries=key, limit=500)
        _call(out, f"events countries={key} -date", queries.events, db, countries=key, sort="-date", limit=500)
        _call(out, f"counts countries={key}", queries.counts, db, countries=key)
        _call(out, f"counts countries={key} reported", queries.counts, db, countries=key, basis="reported")
    for c in singles:
        _call(out, f"events countries={c}", queries.events, db, countries=c, limit=500)
        _call(out, f"articles country={c}", queries.articles, db, country=c, limit=500)
        _call(out, f"actors country={c}", queries.actors, db, country=c, limit=500)
    first, last = (stats.get("published") or {}).get("first"), (stats.get("published") or {}).get("last")
    for lo, hi in ((first, None), (None, last), (first and first[:7], last and last[:7]),
                   (first and first[:4], first and first[:4]), ("2016-04-16", "2016-05-31")):
        _call(out, f"events from={lo} to={hi}", queries.events, db, date_from=lo, date_to=hi, limit=500)
        _call(out, f"articles from={lo} to={hi}", queries.articles, db, date_from=lo, date_to=hi, limit=500)
    _call(out, "events type,status,pair", queries.events, db, type="CONSULT,MEET,AGREE", status="happened",
          countries=",".join(pairs[0]) if pairs else None, limit=500)
    names = sorted({n for e in everything["items"] for n in e["actors"]})
    for name in names[:5] + ["lavrov", "putin", "%", "_"]:
        part = name.split()[-1][:6] if name not in ("%", "_") else name
        _call(out, f"events actor={part}", queries.events, db, actor=part, limit=500)
        _call(out, f"articles actor={part}", queries.articles, db, actor=part, limit=500)
        _call(out, f"actors q={part}", queries.actors, db, q=part, limit=500)
        _call(out, f"quotes speaker={part}", queries.quotes, db, speaker=part, limit=500)
    for e in everything["items"]:
        _call(out, f"event {e['event_id']}", queries.event, db, e["event_id"])
    _call(out, "event missing", queries.event, db, "ev-missing")
    for sort in ("published", "-published", "path"):
        _call(out, f"articles sort={sort}", queries.articles, db, sort=sort, limit=500)
        _call(out, f"articles sort={sort} page", queries.articles, db, sort=sort, limit=4, offset=3)
    arts = queries.articles(db, limit=500)["items"]
    for source in sorted({a["source"] for a in arts if a["source"]})[:4]:
        _call(out, f"articles source={source}", queries.articles, db, source=source.upper(), limit=500)
    for e in everything["items"][:6]:
        _call(out, f"articles event_id={e['event_id']}", queries.articles, db, event_id=e["event_id"], limit=500)
    for a in arts:
        _call(out, f"article {a['id']}", queries.article, db, a["id"])
    for sort in ("articles", "mentions", "events", "name"):
        _call(out, f"actors sort={sort}", queries.actors, db, sort=sort, limit=500)
        _call(out, f"actors sort={sort} page", queries.actors, db, sort=sort, limit=5, offset=2)
    for t in ("PERSON", "GPE", "ORG,NORP"):
        _call(out, f"actors type={t}", queries.actors, db, type=t, limit=500)
    _call(out, "quotes", queries.quotes, db, limit=500)
    _call(out, "quotes page", queries.quotes, db, limit=3, offset=1)
    for word in ("said", "we", "talks"):
        _call(out, f"quotes q={word}", queries.quotes, db, q=word, limit=500)
    for a in arts[:4]:
        _call(out, f"quotes article={a['id']}", queries.quotes, db, article_id=a["id"], limit=500)
    for word in WORDS + ("visit talks", "nothing-xyzzy"):
        _call(out, f"search {word}", queries.search, db, word, limit=500)
        _call(out, f"search {word} page", queries.search, db, word, limit=2, offset=1)
    for basis in ("event", "reported"):
        _call(out, f"counts basis={basis}", queries.counts, db, basis=basis)
        _call(out, f"counts basis={basis} CONSULT", queries.counts, db, basis=basis, type="CONSULT")
    return json.loads(json.dumps(out, default=str))


def digests(answers_: dict[str, Any]) -> dict[str, str]:
    """One short hash per answer (its JSON with sorted keys)."""
    return {k: hashlib.sha256(json.dumps(v, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
            for k, v in sorted(answers_.items())}


def main(argv: list[str]) -> None:
    print(json.dumps(answers(argv[0]), ensure_ascii=False, indent=1, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
