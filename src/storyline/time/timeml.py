"""Read TimeML files and score time expressions the way TempEval-3 does.

    read_timeml(path) -> TimeMLDoc          (plain text, DCT, gold TIMEX3 with offsets)
    evaluate(paths, parse=True) -> Scores   (the time stage on every .tml file under paths)

Span matching follows TempEval-3 Task A: *strict* means the same characters,
*relaxed* any overlap (each gold expression paired with at most one system
expression, largest overlap first). Value and type accuracy are read on the
relaxed pairs; their F1 is the relaxed F1 times the accuracy (TempEval-3's
ranking score is the value F1). The benchmark ``bench/timeml_eval.py`` and the
gated test of ``tests/time`` both use this module, so they cannot drift apart.
TimeML texts are read at run time only; nothing of them is stored here.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..records import Published, TimeExpr

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

TYPES = ("DATE", "TIME", "DURATION", "SET")
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z]+)="([^"]*)"')


@dataclass
class Gold:
    text: str
    start: int
    end: int
    type: str
    value: str


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: str | None
    timexes: list[Gold] = field(default_factory=list)

    def published(self) -> Published:
        """The creation time as the publication date ingest would have found."""
        if not self.dct or not re.match(r"\d{4}-\d{2}-\d{2}", self.dct):
            return Published(None, "timeml-dct", 0.0)
        day = dt.date.fromisoformat(self.dct[:10])
        return Published(day.isoformat(), "timeml-dct", 1.0, day.year, day.month, day.day, day.weekday())


def read_timeml(path: str | Path) -> TimeMLDoc:
    """The text inside ``<TEXT>`` with tags removed and entities decoded; gold offsets point into it."""
    raw = Path(path).read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    dct = dict(_ATTR.findall(dct_m.group(1))).get("value") if dct_m else None
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    body = body_m.group(1) if body_m else ""
    out: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    golds: list[Gold] = []
    pos = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos:m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            text = "".join(out)[start:length]
            golds.append(Gold(text, start, length, attrs.get("type", ""), attrs.get("value", "")))
    out.append(html.unescape(body[pos:]))
    return TimeMLDoc(Path(path).stem, "".join(out), dct, golds)


# ------------------------------------------------------------------ scoring


@dataclass
class Scores:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0
    by_type: dict[str, Counter[str]] = field(default_factory=dict)
    failures: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self) -> dict[str, float]:
        sp, sr, sf = self.prf(self.strict)
        rp, rr, rf = self.prf(self.relaxed)
        vp, vr, vf = self.prf(self.value_ok)
        return {"strict_p": sp, "strict_r": sr, "strict_f1": sf, "relaxed_p": rp, "relaxed_r": rr,
                "relaxed_f1": rf, "value_acc": self.value_ok / self.relaxed if self.relaxed else 0.0,
                "value_f1": vf, "type_acc": self.type_ok / self.relaxed if self.relaxed else 0.0,
                "value_p": vp, "value_r": vr}

    def _note(self, kind: str, example: str, keep: int = 6) -> None:
        self.failures[kind] += 1
        seen = self.examples.setdefault(kind, [])
        if len(seen) < keep:
            seen.append(example)


def _pairs(gold: list[Gold], system: list[TimeExpr]) -> list[tuple[int, int]]:
    """Relaxed one-to-one pairs (gold index, system index), largest overlap first."""
    cands = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                cands.append((-overlap, i, j))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, i, j in sorted(cands):
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            out.append((i, j))
    return out


def _value_failure(g: Gold, s: TimeExpr) -> str:
    sv = s.value or ""
    if not sv:
        return f"value: none for {g.type}"
    gv = g.value
    if g.type != s.type:
        return f"type: {g.type} read as {s.type}"
    if gv.endswith("_REF") or sv.endswith("_REF"):
        return "value: reference (PRESENT/PAST/FUTURE_REF)"
    if g.type in ("DURATION", "SET"):
        return f"value: {g.type} amount or unit"
    if gv[:4].isdigit() and sv[:4].isdigit() and gv[:4] != sv[:4]:
        return "value: wrong year"
    if len(gv) != len(sv) or ("T" in gv) != ("T" in sv):
        return "value: wrong granularity"
    return "value: wrong month/day/week"


def score_document(doc: TimeMLDoc, system: list[TimeExpr], scores: Scores) -> None:
    gold = doc.timexes
    scores.gold += len(gold)
    scores.system += len(system)
    for g in gold:
        scores.by_type.setdefault(g.type, Counter())["gold"] += 1
    for s in system:
        scores.by_type.setdefault(s.type, Counter())["system"] += 1
    paired = _pairs(gold, system)
    hit_g = {i for i, _ in paired}
    hit_s = {j for _, j in paired}
    for i, j in paired:
        g, s = gold[i], system[j]
        tally = scores.by_type[g.type]
        scores.relaxed += 1
        tally["relaxed"] += 1
        own = scores.by_type[s.type]
        own["sys_relaxed"] += 1
        if (g.start, g.end) == (s.start, s.end):
            scores.strict += 1
            tally["strict"] += 1
        else:
            kind = "span: system longer" if s.start <= g.start and s.end >= g.end else (
                "span: system shorter" if s.start >= g.start and s.end <= g.end else "span: shifted")
            scores._note(kind, f"{doc.name}: gold {g.text!r} system {s.text!r}")
        if s.type == g.type:
            scores.type_ok += 1
            tally["type_ok"] += 1
        if (s.value or "") == g.value:
            scores.value_ok += 1
            tally["value_ok"] += 1
            own["sys_value_ok"] += 1
        else:
            scores._note(_value_failure(g, s), f"{doc.name} (DCT {doc.dct}): {g.text!r} gold {g.value} "
                                               f"system {s.value} ({s.type})")
    for i, g in enumerate(gold):
        if i not in hit_g:
            scores._note(f"missed {g.type}", f"{doc.name}: {g.text!r} {g.value}")
    for j, s in enumerate(system):
        if j not in hit_s:
            scores._note(f"spurious {s.type}", f"{doc.name}: {s.text!r} {s.value}")


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def type_table(scores: Scores) -> list[dict[str, float | int | str]]:
    """Per TIMEX3 type: gold and system counts, relaxed P/R/F1 (precision by the system's type,
    recall by the gold type), strict recall, value accuracy (of relaxed pairs) and value F1."""
    rows: list[dict[str, float | int | str]] = []
    for t in TYPES:
        c = scores.by_type.get(t, Counter())
        g, n = c["gold"], c["system"]
        rp, rr = (c["sys_relaxed"] / n if n else 0.0), (c["relaxed"] / g if g else 0.0)
        vp, vr = (c["sys_value_ok"] / n if n else 0.0), (c["value_ok"] / g if g else 0.0)
        rows.append({"type": t, "gold": g, "system": n, "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": _f1(rp, rr),
                     "strict_r": c["strict"] / g if g else 0.0,
                     "value_acc": c["value_ok"] / c["relaxed"] if c["relaxed"] else 0.0, "value_f1": _f1(vp, vr)})
    return rows


def evaluate(paths: "list[Path]", parse: bool = True) -> Scores:
    """Run the time stage as ingest does (spaCy parse, the file's DCT as publication date) on
    every ``.tml`` file under ``paths`` and score it; ``parse=False`` reads tense from cue words."""
    from .resolve import find_timexes

    files = sorted(p for d in paths for p in ([d] if d.is_file() else d.rglob("*.tml")))
    docs = [read_timeml(p) for p in files]
    scores = Scores()
    parsed: list[Doc | None] = [None] * len(docs)
    if parse:
        from ..nlp import parse_texts

        parsed = list(parse_texts([d.text for d in docs]))
    for doc, parsed_doc in zip(docs, parsed):
        score_document(doc, find_timexes(doc.text, doc.published(), parsed_doc), scores)
    return scores
