"""The README's two commands work as written (the set-up path, on the installed venv)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block, "README must open with a sh block of commands"
    return [ln.split("#")[0].strip() for ln in block.group(1).splitlines() if ln.strip()]


def test_readme_opens_with_two_commands() -> None:
    assert _readme_commands() == ["make demo", "make test"]
    text = (ROOT / ".ci" / "run").read_text()
    assert "make test" in text and "STORYLINE_REQUIRE_SHARED=1" in text


def test_make_targets_resolve() -> None:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    for target in ("demo", "test"):
        p = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        assert "pip install" in p.stdout or (ROOT / ".venv" / "bin" / ".installed").exists()


@pytest.mark.model
def test_make_demo_runs(tmp_path: Path) -> None:
    if not shutil.which("make") or not (ROOT / ".venv" / "bin" / "storyline").exists():
        pytest.skip("needs make and the installed .venv")
    db = tmp_path / "demo.duckdb"
    env = {**os.environ, "DB": str(db)}
    p = subprocess.run(["make", "demo", f"DB={db}"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "ingested" in p.stdout and str(db) in p.stdout
    assert db.exists()
