"""The API contract, checked as a client would: schemathesis (``st run … --checks all``) on a populated store.

Every request the OpenAPI document calls valid must be answered (no "schema-valid request
rejected"), every one it forbids refused, every answer must match its declared schema, and
no request may crash the server; the links from list to item operations let the stateful
phase follow ids. Deterministic (``--seed``); skips when schemathesis (a dev dependency) is
not installed.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .linked import build_linked_store


def test_schemathesis_finds_no_failure(tmp_path: Path) -> None:
    pytest.importorskip("schemathesis")
    st = shutil.which("st", path=str(Path(sys.executable).parent)) or shutil.which("st")
    if st is None:
        pytest.skip("the schemathesis command `st` is not on PATH")
    from storyline.api.loadtest import serve_in_thread

    db = build_linked_store(tmp_path / "linked.duckdb")
    with serve_in_thread(db) as url:
        p = subprocess.run([st, "run", f"{url}/openapi.json", "--checks", "all", "--max-examples", "10",
                            "--seed", "21", "--workers", "1", "--no-color"],
                           capture_output=True, text=True, timeout=600, cwd=tmp_path)
    tail = p.stdout[-4000:]
    assert p.returncode == 0, tail
    assert "Failures:" not in p.stdout and " passed" in tail, tail
