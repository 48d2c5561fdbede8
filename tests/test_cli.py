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


# ---------------------------------------------------------------- exit codes and hostile output
def _store_with(tmp_path: Path, text: str = STORY) -> Path:
    from storyline.pipeline import ingest

    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    (d / "a.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest([d], db, analyze=False)
    return db


def test_missing_path_after_a_folder_is_usage_error_and_writes_nothing(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(STORY, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    assert main(["ingest", str(d), str(tmp_path / "missing"), "--db", str(db)]) == 2
    assert "missing: no such file" in capsys.readouterr().err and not db.exists()


@pytest.mark.parametrize("debug", [False, True])
def test_internal_error_exits_3_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str], debug: bool) -> None:
    import errno

    import storyline.pipeline

    def disk_full(*a: object, **k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storyline.pipeline, "ingest", disk_full)
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    argv = ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.duckdb")] + (["--debug"] if debug else [])
    assert main(argv) == 3
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith("storyline ingest: no space left on device")
    assert ("Traceback" in err) == debug and (len(err.strip().splitlines()) == 1) != debug

    def bug(*a: object, **k: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(storyline.pipeline, "ingest", bug)
    assert main(argv) == 3
    assert "internal error (KeyError" in capsys.readouterr().err


def test_read_verb_without_database_is_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no database" in capsys.readouterr().err


def test_terminal_control_characters_never_reach_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import storyline.summary

    hostile = {"db": "x\x1b]0;owned\x07.duckdb", "counts": {"articles\x1b[2J": 1},
               "rejections": [{"path": "a\x1b[31m\u202e.txt", "stage": "read", "code": "x", "detail": "\x9b6n"}]}
    monkeypatch.setattr(storyline.summary, "stats", lambda db: hostile)
    db = tmp_path / "s.duckdb"
    db.touch()
    assert main(["stats", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "owned" in out and not any(c in out for c in "\x1b\x07\x9b\u202e")
    assert main(["stats", "--db", str(db), "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x9b" not in out and "\x1b" not in out and json.loads(out)["counts"]


@pytest.mark.parametrize("port", ["0", "99999", "-1", "http"])
def test_serve_refuses_out_of_range_ports(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["serve", "--port", port])
    assert e.value.code == 2 and "port" in capsys.readouterr().err


def test_serve_warns_beyond_loopback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    import storyline.api.app as app

    calls: list[dict] = []
    monkeypatch.setattr(app, "serve", lambda db, **k: calls.append(k))
    db = tmp_path / "s.duckdb"
    db.touch()
    assert main(["serve", "--db", str(db)]) == 0
    assert "WARNING" not in capsys.readouterr().err
    assert main(["serve", "--db", str(db), "--host", "0.0.0.0", "--allowed-hosts", "news.example"]) == 0
    assert "WARNING: --host 0.0.0.0" in capsys.readouterr().err
    assert calls[-1]["allowed_hosts"] == ["news.example"]
    assert set(app.default_allowed_hosts("127.0.0.1")) == {"localhost", "127.0.0.1", "::1", "[::1]"}
    assert "0.0.0.0" in app.default_allowed_hosts("0.0.0.0")


def test_api_checks_host_header_and_hides_paths(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from storyline.api.app import create_app

    db = _store_with(tmp_path)
    client = TestClient(create_app(db, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1:8000")
    assert client.get("/api/stats").status_code == 200
    r = client.get("/api/stats", headers={"Host": "evil.example:8000"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_host"
    assert "x-content-type-options" in r.headers
    gone = TestClient(create_app(tmp_path / "deep" / "er" / "none.duckdb"))
    r = gone.get("/api/stats")
    assert r.status_code == 503 and str(tmp_path) not in r.text and "none.duckdb" in r.text


def test_csv_export_escapes_formulas(tmp_path: Path) -> None:
    import csv

    from storyline.export import export

    db = _store_with(tmp_path, STORY.replace("Italy and Spain sign", "=cmd|' /C calc'!A0 Italy and Spain sign"))
    out = tmp_path / "o.csv"
    export(db, "csv", out)
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["headline"].startswith("'=cmd|")
    jsonl = tmp_path / "o.jsonl"
    export(db, "jsonl", jsonl)
    assert json.loads(jsonl.read_text(encoding="utf-8"))["headline"].startswith("=cmd|")   # data stays data


def test_failed_parquet_export_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow.parquet as pq

    from storyline.export import export

    db = _store_with(tmp_path)
    out = tmp_path / "o.parquet"
    out.write_bytes(b"an earlier export")

    def broken(table: object, where: object, *a: object, **k: object) -> None:
        Path(str(where)).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq, "write_table", broken)
    with pytest.raises(OSError):
        export(db, "parquet", out)
    assert out.read_bytes() == b"an earlier export" and sorted(p.name for p in tmp_path.iterdir() if "parquet" in p.name) == ["o.parquet"]
    monkeypatch.undo()
    assert export(db, "parquet", out) == 1 and pq.read_table(out).num_rows == 1


def test_undecodable_database_name_is_printed_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(tmp_path / "none\udcff.duckdb")]) == 2       # bytes b"none\xff.duckdb"
    assert "none\\xff.duckdb" in capsys.readouterr().err
