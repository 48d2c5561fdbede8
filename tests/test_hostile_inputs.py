"""A corpus of hostile and broken inputs through the whole pipeline: each one is
stored or rejected with a reason; none crashes the batch or stalls it."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from storyline.pipeline import ingest
from storyline.store import Store

from .ingest.test_readers import STORY

GOOD = STORY


def hostile_corpus(d: Path) -> dict[str, str]:
    """Write the hostile inputs; returns file name -> what must happen ('stored' or 'rejected')."""
    d.mkdir()
    want: dict[str, str] = {}

    def put(name: str, data: bytes, outcome: str) -> None:
        (d / name).write_bytes(data)
        want[name] = outcome

    put("empty.txt", b"", "rejected")
    put("blank.txt", b"\n\n   \n", "rejected")
    put("binary.txt", bytes(range(256)) * 64, "rejected")
    put("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(2000), "rejected")
    put("huge_line.txt", b"word " * 1_200_000, "rejected")                       # over 5 MB
    put("long_line.txt", (GOOD.replace("\n", " ") + " The ministers said that the talks were useful." * 3_000).encode(),
        "stored")
    put("nested.html", b"<html><body>" + b"<div>" * 50_000 + b"text" + b"</div>" * 50_000 + b"</body></html>",
        "rejected")
    put("broken.html", b"<html><head><title>Broken</ti<body><p>ROME, June 3. /TASS/. The transport ministers "
        b"of Italy and Spain signed an accord on rail links on Friday, the Italian government said in a "
        b"statement issued after the meeting.<p><div><span>unclosed", "stored")
    put("only_markup.html", b"<html><body><nav><a href='/'>Home</a></nav><script>var x=1;</script></body></html>",
        "rejected")
    put("invalid_utf8.txt", GOOD.encode() .replace(b"Italy", b"It\xff\xfealy"), "stored")
    put("mixed.txt", GOOD.encode("utf-8") + "\nCaf\u00e9 cr\u00e8me.\n".encode("cp1252"), "stored")
    put("zero_width_rtl.txt", GOOD.replace("ministers", "mini\u200bsters\u202e").encode(), "stored")
    put("german.txt", ("Überschrift\n\nBERLIN, 3. Juni. Die Außenminister der beiden Länder trafen sich am Freitag "
                       "in Berlin und vereinbarten eine engere Zusammenarbeit bei Handel und Verkehr, teilte die "
                       "Regierung mit. Weitere Gespräche sollen im Herbst folgen.").encode(), "rejected")
    put("furniture.txt", b"All news\n\nRead more\n\nX\n\nShare this article\n", "rejected")
    put("absurd_dates.txt", ("Ministers meet on February 30\n\nROME, February 30. /TASS/. The ministers said on "
                             "Friday they would meet on December 14-45 and again on February 31, 2016, in Rome, "
                             "the government said in a statement issued after the talks.").encode(), "stored")
    put("script_text.txt", ("<script>alert(1)</script> headline\n\nROME, June 3. /TASS/. The ministers said "
                            "<img src=x onerror=alert(1)> that \"<script>alert('quote')</script> is fine\", the "
                            "government of Italy said in a statement issued on Friday after talks.").encode(),
        "stored")
    lines = [json.dumps({"text": GOOD, "published": "2016-06-03"}), "{broken", json.dumps({"html": ""}),
             json.dumps(["not", "an", "object"]), json.dumps({"text": GOOD.replace("June 3", "June 4")})]
    (d / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    want.update({"feed.jsonl:1": "stored", "feed.jsonl:2": "rejected", "feed.jsonl:3": "rejected",
                 "feed.jsonl:4": "rejected", "feed.jsonl:5": "stored"})
    return want


@pytest.mark.model
def test_hostile_corpus_is_stored_or_rejected_with_reasons(tmp_path: Path) -> None:
    want = hostile_corpus(tmp_path / "hostile")
    db = tmp_path / "h.duckdb"
    t0 = time.monotonic()
    report = ingest([tmp_path / "hostile"], db, n_process=1)
    assert time.monotonic() - t0 < 600
    with Store(db, read_only=True) as s:
        stored = {Path(r["path"]).name for r in s.iter_records()}
        rejected = {Path(r.path).name: r for r in s.rejections()}
    got = {name: ("stored" if name in stored else "rejected" if name in rejected else "lost") for name in want}
    assert got == want
    for r in rejected.values():
        assert r.code and len(r.detail) > 10
    assert report.exit_code == 1 and report.ingested == len(stored)
    # a second run changes nothing and still reports the rejections
    again = ingest([tmp_path / "hostile"], db, n_process=1)
    assert again.ingested == 0 and again.unchanged == len(stored)
