"""A corpus of hostile and broken inputs through the whole pipeline: each one is
stored or rejected with a reason; none crashes the batch or stalls it. Every input is
generated here (no committed files), and the readers are fuzzed with hypothesis
(JSON depth, encodings, file names), derandomized so that a run is reproducible."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from storyline.errors import InputRejected
from storyline.ingest.decode import MAX_SPACE_RUN, decode_bytes, normalise_text
from storyline.ingest.readers import _jsonl_inputs, display_path, iter_inputs
from storyline.runners.local import ingest
from storyline.records import RawInput, Rejection
from storyline.store import Store

from .ingest.test_readers import STORY

GOOD = STORY
FUZZ = settings(derandomize=True, deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
WORDS = ("the minister said that talks with officials in the capital would continue next week after a meeting "
         "on trade rail links and energy prices which both governments described as useful").split()


def prose(n_chars: int) -> str:
    """English-looking prose of about ``n_chars`` characters, in paragraphs (own words)."""
    out, size, i = [], 0, 0
    while size < n_chars:
        sentence = " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(12)).capitalize() + "."
        out.append(sentence + ("\n\n" if i % 5 == 4 else " "))
        size += len(out[-1])
        i += 1
    return "".join(out)


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def story(place: str, day: int) -> str:
    """A short distinct article (own words)."""
    return STORY.replace("June 3", f"June {day}").replace("in Rome", f"in {place}")


@contextmanager
def unlistable(folder: Path) -> Iterator[None]:
    """``folder`` cannot be listed: chmod 000, or (as root, whom permissions do not stop) a
    scandir that raises the PermissionError a chmod-000 folder gives."""
    if os.geteuid() != 0:
        folder.chmod(0)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if not isinstance(path, int) and os.fspath(path) == os.fspath(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    os.scandir = scandir
    try:
        yield
    finally:
        os.scandir = real


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
    put(os.fsdecode(b"bad\xffname.txt"), story("Naples", 5).encode(), "stored")
    put("spaces.txt", story("Turin", 6).replace("Friday,", "Friday," + " " * 40_000).encode(), "stored")
    put("utf32.txt", story("Milan", 7).encode("utf-32"), "stored")
    put("utf16_nobom.txt", story("Genoa", 8).encode("utf-16-le"), "stored")
    put("nul_after_8k.txt", (story("Bari", 9) + prose(9000) + "\x00\x00 The end.").encode(), "stored")
    put("prose_1_2mb.txt", prose(1_200_000).encode(), "rejected")
    lines = [json.dumps({"text": GOOD, "published": "2016-06-03"}), "{broken", json.dumps({"html": ""}),
             json.dumps(["not", "an", "object"]), json.dumps({"text": GOOD.replace("June 3", "June 4")}),
             '{"text": "x", "meta": ' + deep_json(1000) + "}", json.dumps({"text": story("Pisa", 10)}),
             '{"text": "' + story("Siena", 11).replace("\n", "\\n").replace(" signed ", " sig\\ud800ned ", 1) + '"}']
    (d / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    want.update({"feed.jsonl:1": "stored", "feed.jsonl:2": "rejected", "feed.jsonl:3": "rejected",
                 "feed.jsonl:4": "rejected", "feed.jsonl:5": "stored", "feed.jsonl:6": "rejected",
                 "feed.jsonl:7": "stored", "feed.jsonl:8": "stored"})
    sub = d / "locked"
    sub.mkdir()
    (sub / "inside.txt").write_text(story("Lecce", 12), encoding="utf-8")
    want["locked"] = "rejected"
    return want


@pytest.mark.model
def test_hostile_corpus_is_stored_or_rejected_with_reasons(tmp_path: Path) -> None:
    want = hostile_corpus(tmp_path / "hostile")
    db = tmp_path / "h.duckdb"
    t0 = time.monotonic()
    with unlistable(tmp_path / "hostile" / "locked"):
        report = ingest([tmp_path / "hostile"], db, n_process=1)
    assert time.monotonic() - t0 < 600
    with Store(db, read_only=True) as s:
        records = list(s.iter_records())
        stored = {Path(r["path"]).name for r in records}
        rejected = {Path(r.path).name: r for r in s.rejections()}
    want = {display_path(name): outcome for name, outcome in want.items()}
    assert "bad\\xffname.txt" in want
    got = {name: ("stored" if name in stored else "rejected" if name in rejected else "lost") for name in want}
    assert got == want
    for r in rejected.values():
        assert r.code and len(r.detail) > 10
    assert rejected["prose_1_2mb.txt"].code == "too-long" and "nested too deeply" in rejected["feed.jsonl:6"].detail
    for rec in records:                 # no NUL-interleaved UTF-32, no NULs past 8 KB, no 40,000 spaces
        assert "\x00" not in rec["text"] and " " * (MAX_SPACE_RUN + 1) not in rec["text"]
    assert any("Milan" in r["text"] for r in records) and any("\ufffd" in r["text"] for r in records)
    assert report.exit_code == 1 and report.ingested == len(stored)
    # a second run changes nothing and still reports the rejections
    with unlistable(tmp_path / "hostile" / "locked"):
        again = ingest([tmp_path / "hostile"], db, n_process=1)
    assert again.ingested == 0 and again.unchanged == len(stored)


@pytest.mark.model
def test_one_bad_input_never_costs_the_others_cli(tmp_path: Path) -> None:
    """The issue's folder: a good article, a 1.2 MB prose file, a non-UTF-8 name, a 40,000-space
    line, a UTF-32 file and a feed with a 1,000-deep line between two good ones: exit 1, no
    traceback, every good article stored (the feed's two good lines included)."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(story("Rome", 3), encoding="utf-8")
    (d / "big.txt").write_text(prose(1_200_000), encoding="utf-8")
    (d / os.fsdecode(b"caf\xe9.txt")).write_text(story("Naples", 4), encoding="utf-8")
    (d / "spaces.txt").write_text(story("Turin", 5).replace("Friday,", "Friday," + " " * 40_000), encoding="utf-8")
    (d / "utf32.txt").write_bytes(story("Milan", 6).encode("utf-32"))
    (d / "feed.jsonl").write_text("\n".join([json.dumps({"text": story("Pisa", 7)}), deep_json(1000),
                                             json.dumps({"text": story("Bari", 8)})]) + "\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    p = subprocess.run([sys.executable, "-m", "storyline.cli", "ingest", str(d), "--db", str(db), "--no-progress"],
                       capture_output=True, text=True, errors="replace")
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr and "ingested 6, unchanged 0, rejected 2" in p.stdout, (p.stdout, p.stderr)
    with Store(db, read_only=True) as s:
        stored = sorted(Path(r["path"]).name for r in s.iter_records())
        rejected = sorted(Path(r.path).name for r in s.rejections())
    assert stored == ["caf\\xe9.txt", "feed.jsonl:1", "feed.jsonl:3", "good.txt", "spaces.txt", "utf32.txt"]
    assert rejected == ["big.txt", "feed.jsonl:2"]


def test_length_limit_rejects_before_the_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.ingest import load_article

    monkeypatch.setenv("STORYLINE_MAX_CHARS", "2000")
    text = story("Rome", 3) + prose(3000)
    with pytest.raises(InputRejected) as e:
        load_article(RawInput("long.txt", text.encode(), "text"))
    assert e.value.code == "too-long" and "STORYLINE_MAX_CHARS" in e.value.detail
    with pytest.raises(InputRejected, match="too-long"):        # before cleaning: 2 x the limit
        load_article(RawInput("huge.txt", prose(9000).encode(), "text"))
    monkeypatch.setenv("STORYLINE_MAX_CHARS", "5000000")        # never past spaCy's own limit (E088)
    from storyline.limits import SPACY_MAX_CHARS, max_chars

    assert max_chars() == SPACY_MAX_CHARS


def test_space_runs_are_collapsed_before_cleaning() -> None:
    """The cleaner's patterns backtrack over a run of spaces once per start position
    (quadratic): normalisation leaves none longer than MAX_SPACE_RUN, in one linear pass."""
    text = normalise_text("a" + " " * 40_000 + "b\t\t" + " " * 5 + "c" + "\u00a0" * 20 + "d")
    assert text == "a b\t\t     c d"
    assert normalise_text("one.  Two") == "one.  Two"          # ordinary double spaces are kept


def test_unlistable_folder_is_a_rejection(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(STORY, encoding="utf-8")
    with unlistable(tmp_path / "sub"):
        items = list(iter_inputs([tmp_path]))
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert len(items) == 2 and len(rejections) == 1
    assert rejections[0].code == "unreadable" and rejections[0].path.endswith("sub")


def test_missing_path_after_a_folder_writes_nothing(tmp_path: Path) -> None:
    from storyline.errors import UsageError

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(STORY, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    with pytest.raises(UsageError, match="missing.txt"):
        ingest([d, tmp_path / "missing.txt"], db, analyze=False)
    assert not db.exists()


def test_fixed_file_loses_its_old_rejection(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    f = d / "a.txt"
    f.write_text("Too short to be an article.", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    assert ingest([d], db, analyze=False).exit_code == 1
    f.write_text("Still too short.", encoding="utf-8")
    ingest([d], db, analyze=False)
    with Store(db) as s:
        assert [r.code for r in s.rejections()] == ["too-short"]        # the latest verdict only, once
    f.write_text(STORY, encoding="utf-8")
    assert ingest([d], db, analyze=False).exit_code == 0
    with Store(db) as s:
        assert s.rejections() == [] and s.counts()["articles"] == 1
    f.write_text("Broken again.", encoding="utf-8")
    assert ingest([d], db, analyze=False).exit_code == 1
    f.write_text(STORY, encoding="utf-8")                   # put back as it was stored: unchanged
    report = ingest([d], db, analyze=False)
    assert report.exit_code == 0 and report.unchanged == 1
    with Store(db) as s:
        assert s.rejections() == []


# ---------------------------------------------------------------- fuzzing the readers
GOOD_LINE = json.dumps({"text": STORY})


@FUZZ
@given(depth=st.integers(1, 5000), opener=st.sampled_from(["[", '{"a":']), inside=st.booleans())
def test_fuzz_json_depth_rejects_only_that_line(depth: int, opener: str, inside: bool) -> None:
    closer = "]" if opener == "[" else "}"
    nested = opener * depth + ("1" if opener != "[" else "") + closer * depth
    line = '{"text": "some text", "meta": ' + nested + "}" if inside else nested
    items = list(_jsonl_inputs("f.jsonl", "\n".join([GOOD_LINE, line, GOOD_LINE]).encode()))
    assert len(items) == 3 and isinstance(items[0], RawInput) and isinstance(items[2], RawInput)
    assert isinstance(items[1], RawInput if inside and depth < 900 else (RawInput, Rejection))


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"]


@FUZZ
@given(text=st.text(min_size=1, max_size=400), encoding=st.sampled_from(ENCODINGS), noise=st.binary(max_size=64))
def test_fuzz_encodings_decode_or_reject(text: str, encoding: str, noise: bytes) -> None:
    data = text.encode(encoding, errors="ignore") + noise
    try:
        out = decode_bytes(data)
    except InputRejected as e:
        assert e.code in {"empty", "binary", "unparsable"}
        return
    assert not any(ord(c) < 32 and c not in "\t\n" for c in out)
    assert " " * (MAX_SPACE_RUN + 1) not in out
    out.encode("utf-8")                                   # storable


@FUZZ
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn")),
                    min_size=20, max_size=300), encoding=st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]))
def test_fuzz_bom_encodings_round_trip(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == normalise_text(text)


@FUZZ
@given(text=st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7e), min_size=20, max_size=300),
       big_endian=st.booleans())
def test_fuzz_utf16_without_bom_is_detected(text: str, big_endian: bool) -> None:
    assert decode_bytes(text.encode("utf-16-be" if big_endian else "utf-16-le")) == normalise_text(text)


@FUZZ
@given(name=st.binary(min_size=1, max_size=60).filter(lambda b: b"/" not in b and b"\x00" not in b
                                                      and b not in (b".", b"..") and not b.startswith(b".")))
def test_fuzz_file_names_are_stored_safely(name: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(os.fsencode(d), name)
        with open(path, "wb") as f:
            f.write(STORY.encode())
        [item] = list(iter_inputs([d]))
        shown = item.path
        shown.encode("utf-8")       # what the store needs (the hostile corpus stores such a name)
        assert not any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in shown)
        assert os.path.basename(shown) == os.path.basename(os.fsdecode(path)) or "\\x" in shown


# ---------------------------------------------------------------- long texts: bounded pieces
@FUZZ
@given(text=st.text(alphabet=st.sampled_from("ab .\n"), max_size=2000), size=st.integers(100, 700))
def test_pieces_are_bounded_and_rejoin_exactly(text: str, size: int) -> None:
    from storyline.nlp import pieces

    parts = pieces(text, size)
    assert "".join(parts) == text and all(len(p) <= size for p in parts)


@pytest.mark.model
def test_long_text_is_parsed_in_pieces_and_analysed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A text over the piece size (lowered here so the test parses a few KB) is parsed piece by
    piece; the joined Doc has the article's text, so entities point into it."""
    from storyline.nlp import parse

    monkeypatch.setenv("STORYLINE_PIECE_CHARS", "400")
    text = "\n\n".join(story(place, 3).split("\n\n", 2)[2] for place in ("Rome", "Naples", "Turin", "Milan"))
    assert len(text) > 800
    doc = parse(text)
    assert doc.text == text and any(e.text == "Spain" for e in doc.ents)
    d = tmp_path / "in"
    d.mkdir()
    (d / "long.txt").write_text(story("Rome", 3) + "\n" + text, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    assert ingest([d], db, n_process=1).exit_code == 0
    with Store(db, read_only=True) as s:
        [rec] = list(s.iter_records())
    assert rec["timexes"] and all(rec["text"][t["start"]:t["end"]] == t["text"] for t in rec["timexes"])
    names = {e["name"]: [rec["text"][a:b] for a, b in e["mentions"]] for e in rec["entities"]}
    assert "Naples" in names["Naples"] and "Milan" in names["Milan"]      # found in later pieces too
