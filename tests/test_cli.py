"""The CLI contract: verbs, help with an example each, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.cli import COMMANDS, EXAMPLES, build_parser, main

from .ingest.test_readers import STORY


def test_every_verb_has_help_and_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert set(COMMANDS) == set(EXAMPLES)
    for verb in COMMANDS:
        with pytest.raises(SystemExit) as e:
            build_parser().parse_args([verb, "--help"])
        assert e.value.code == 0
        out = capsys.readouterr().out
        assert "example: storyline " + verb in out


def test_no_verb_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2


def test_missing_input_is_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path / "missing"), "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.model
def test_ingest_export_exit_codes_and_counts(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(STORY, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    run = [sys.executable, "-m", "storyline.cli"]
    p = subprocess.run([*run, "ingest", str(d), "--db", str(db)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "ingested 1, unchanged 0, rejected 0" in p.stdout
    (d / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    p = subprocess.run([*run, "ingest", str(d), "--db", str(db)], capture_output=True, text=True)
    assert p.returncode == 1 and "ingested 0, unchanged 1, rejected 1" in p.stdout and "binary" in p.stderr
    out = tmp_path / "o.jsonl"
    p = subprocess.run([*run, "export", "--db", str(db), "--format", "jsonl", "-o", str(out)], capture_output=True,
                       text=True)
    assert p.returncode == 0 and len(out.read_text().splitlines()) == 1
    p = subprocess.run([*run, "stats", "--db", str(db), "--json"], capture_output=True, text=True)
    assert json.loads(p.stdout)["counts"]["articles"] == 1


def test_export_bad_format_is_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as e:
        main(["export", "--db", str(tmp_path / "x"), "--format", "xml"])
    assert e.value.code == 2
