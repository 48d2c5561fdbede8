"""The CLI contract: verbs, help with an example each, exit codes."""
from __future__ import annotations

import json
import os
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


# ------------------------------------------------------------------ the analyst's CLI (issue 21)
@pytest.fixture(scope="module")
def linked_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .web.linked import build_linked_store

    return build_linked_store(tmp_path_factory.mktemp("cli") / "linked.duckdb")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_sort_minus_date_is_accepted(linked_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "events", "--db", str(linked_db), "--sort", "-date", "--limit", "2", "--codes")
    assert code == 0
    assert out.splitlines()[0].startswith("2017-03 ") and "of 9 events" in out


def test_closed_pipe_ends_quietly(linked_db: Path, tmp_path: Path) -> None:
    script = ("import sys; from storyline.cli import main\n"
              "sys.exit(main(['timeline', '--db', sys.argv[1], '--limit', '500']))")
    p = subprocess.run(f"{sys.executable} -c \"{script}\" {linked_db} | head -c 10", shell=True,
                       capture_output=True, text=True)
    assert "Traceback" not in p.stderr and "BrokenPipe" not in p.stderr, p.stderr
    import storyline.cli as cli

    class Closed:
        def write(self, s: str) -> int:
            raise BrokenPipeError

        def flush(self) -> None:
            raise BrokenPipeError

        def fileno(self) -> int:
            return os.open(os.devnull, os.O_WRONLY)

    real = sys.stdout
    sys.stdout = Closed()      # type: ignore[assignment]
    try:
        assert cli.main(["timeline", "--db", str(linked_db)]) == 0
    finally:
        sys.stdout = real


def test_stats_labels_events_and_reports_apart(linked_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "stats", "--db", str(linked_db))
    assert code == 0
    lines = {line.rsplit(None, 1)[0].strip(): line.rsplit(None, 1)[1] for line in out.splitlines()[1:]}
    assert "rejections0" not in out and lines["rejected inputs"] == "0"
    assert lines["events (across articles)"] == "9" and lines["event reports (in articles)"] == "13"
    code, out = _run(capsys, "stats", "--db", str(linked_db), "--json")
    counts = json.loads(out)["counts"]
    assert counts["events"] == 9 and counts["reports"] == 13 and counts["articles"] == 11


def test_one_way_to_print_unknown_and_partial_dates(linked_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.api.labels import human_date

    assert [human_date(v) for v in (None, "????-??-??", "XXXX-09-12", "2014-FA", "2016-11", "PRESENT_REF")] == \
        ["undated", "undated", "12 September, year unknown", "autumn 2014", "November 2016", "undated"]
    code, out = _run(capsys, "timeline", "--db", str(linked_db), "--countries", "RUS,JPN")
    assert "????" not in out and "XXXX" not in out
    assert any(line.startswith("undated ") for line in out.splitlines())
    assert any(line.startswith("November 2016 ") for line in out.splitlines())


def test_human_labels_with_codes_on_request(linked_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "events", "--db", str(linked_db), "--type", "SANCTION,COOPERATE")
    assert "sanction " in out and "cooperation" in out and "SANCTION" not in out
    _, out = _run(capsys, "events", "--db", str(linked_db), "--type", "SANCTION", "--codes")
    assert "SANCTION" in out and "2017-01 " in out


def test_search_phrases_boolean_and_snippets(linked_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "search", '"held talks" AND Tokyo', "--db", str(linked_db))
    assert "1 of 1 articles" in out and "[held talks]" in out and "[Tokyo]" in out
    _, out = _run(capsys, "search", "Lavrov NOT Kishida", "--db", str(linked_db))
    assert "1 of 1 articles" in out and "a1lavrovpossible" in out
    _, out = _run(capsys, "search", "(Sochi OR sanctions) -Abe", "--db", str(linked_db))
    assert "a7ussummit" in out and "a4sochiplanned" not in out
    _, out = _run(capsys, "search", "Lavrov", "--db", str(linked_db))
    assert "…" in out and "[Lavrov]" in out         # plain words: BM25, with a snippet too
    _, out = _run(capsys, "search", "NOT Lavrov AND", "--db", str(linked_db))    # a dangling operator is ignored
    assert "8 of 8 articles" in out and "a1lavrovpossible" not in out


def test_export_filtered_events_as_flat_csv(linked_db: Path, tmp_path: Path) -> None:
    import csv

    out = tmp_path / "e.csv"
    assert main(["export", "--db", str(linked_db), "--what", "events", "--format", "csv", "--countries", "JPN,RUS",
                 "--from", "2016-05", "--to", "2016-12", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["date"] for r in rows} == {"2016-05-09", "2016-11", ""}      # undated: when reported
    for r in rows:
        assert not any(v.startswith(("{", "[")) for v in r.values()), r       # no JSON in cells
    putin = next(r for r in rows if r["date"] == "2016-11")
    assert putin["status"] == "cancelled" and putin["source_name"] == "Vladimir Putin"
    assert putin["date_label"] == "November 2016" and putin["date_start"] == "2016-11-01"
    art = tmp_path / "a.csv"
    assert main(["export", "--db", str(linked_db), "--format", "csv", "--source", "TASS", "-o", str(art)]) == 0
    rows = list(csv.DictReader(art.open(encoding="utf-8")))
    assert len(rows) == 2 and all(r["source"] == "TASS" for r in rows) and rows[0]["countries"] == "JPN; RUS"
    assert main(["export", "--db", str(linked_db), "--status", "planned"]) == 2      # an events filter on articles


def test_export_polecat_tsv(linked_db: Path, tmp_path: Path) -> None:
    from storyline.export_flat import POLECAT_COLUMNS

    out = tmp_path / "p.tsv"
    assert main(["export", "--db", str(linked_db), "--what", "events", "--format", "polecat", "--type", "CONSULT",
                 "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert tuple(header) == POLECAT_COLUMNS and header[:4] == ["Event ID", "Event Date", "Event Type", "Event Mode"]
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    assert all(len(line.split("\t")) == len(header) for line in lines)
    lavrov = next(r for r in rows if r["Actor Name"] == "Sergei Lavrov")
    assert lavrov["Event Type"] == "CONSULT" and lavrov["Event Mode"] == "visit" and lavrov["Event Date"] == "2016-04-15"
    assert lavrov["Recipient Country"] == "JPN" and lavrov["Status"] == "happened" and lavrov["Placename"] == "Tokyo"
    assert lavrov["Evidence"].startswith("Sergei Lavrov held talks") and lavrov["Evidence Start"] == "0"
    assert main(["export", "--db", str(linked_db), "--format", "polecat"]) == 2      # articles are not events


def test_changes_lists_transitions_with_evidence(linked_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "changes", "--db", str(linked_db), "--since", "2016-06", "--countries", "RUS,JPN")
    assert code == 0
    assert "cancelled for November 2016" not in out
    assert any(line.startswith("2016-09-01  cancelled: visit Vladimir Putin -> JPN") for line in out.splitlines())
    assert "“The Kremlin said Vladimir Putin's visit to Japan in November has been called off” — Kyodo" in out
    assert "2016-04-28" not in out                    # before --since
    _, out = _run(capsys, "changes", "--db", str(linked_db), "--kind", "date_moved,overdue", "--json")
    kinds = [c["kind"] for c in json.loads(out)["items"]]
    assert kinds == ["overdue", "date_moved"]


def test_folder_ingest_takes_only_article_files(tmp_path: Path) -> None:
    from storyline.ingest.readers import iter_inputs, skipped_files

    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b").write_text(STORY, encoding="utf-8")
    (tmp_path / "c.htm").write_text(f"<html><body><p>{STORY}</p></body></html>", encoding="utf-8")
    (tmp_path / "meta.tsv").write_text("id\turl\n1\thttp://example.org\n", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    taken = sorted(Path(i.path).name for i in iter_inputs([tmp_path]))
    assert taken == ["a.txt", "b", "c.htm"]
    assert [p.name for p in skipped_files([tmp_path])] == ["meta.tsv", "photo.jpg"]
    assert [Path(i.path).name for i in iter_inputs([tmp_path / "meta.tsv"])] == ["meta.tsv"]   # named: read


@pytest.mark.model
def test_ingest_summary_counts_new_reports_across_runs(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(STORY, encoding="utf-8")
    (d / "notes.tsv").write_text("a\tb\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    run = [sys.executable, "-m", "storyline.cli", "ingest", str(d), "--db", str(db), "--no-progress"]
    first = subprocess.run(run, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "skipped 1" in first.stdout and "notes.tsv" in first.stderr and "not articles" in first.stderr
    again = subprocess.run(run, capture_output=True, text=True)
    assert "linked 0 new article(s): 0 event report(s)" in again.stdout, again.stdout
# ---------------------------------------------------------------- exit codes and hostile output
def _store_with(tmp_path: Path, text: str = STORY) -> Path:
    from storyline.runners.local import ingest

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

    import storyline.runners.local

    def disk_full(*a: object, **k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storyline.runners.local, "ingest", disk_full)
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    argv = ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.duckdb")] + (["--debug"] if debug else [])
    assert main(argv) == 3
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith("storyline ingest: no space left on device")
    assert ("Traceback" in err) == debug and (len(err.strip().splitlines()) == 1) != debug

    def bug(*a: object, **k: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(storyline.runners.local, "ingest", bug)
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

    from storyline.runners.local import ingest

    # a feed's own source field (the cleaner drops a symbol-led title line as page chrome, so the
    # formula rides in the field the feed supplies)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": STORY, "source": "=cmd|' /C calc'!A0"}) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest([feed], db, analyze=False)
    out = tmp_path / "o.csv"
    export(db, "csv", out)
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["source"].startswith("'=cmd|")
    jsonl = tmp_path / "o.jsonl"
    export(db, "jsonl", jsonl)
    assert json.loads(jsonl.read_text(encoding="utf-8"))["source"].startswith("=cmd|")   # data stays data


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
