"""Shared test fixtures. Tests that read ../shared skip when it is absent,
unless STORYLINE_REQUIRE_SHARED=1 (CI), where its absence is a failure."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("STORYLINE_UPDATE_GOLDEN") == "1"


def require_shared() -> Path:
    if (SHARED / "seeds").is_dir() and (SHARED / "gold").is_dir():
        return SHARED
    if os.environ.get("STORYLINE_REQUIRE_SHARED") == "1":
        pytest.fail(f"STORYLINE_REQUIRE_SHARED=1 but {SHARED} has no seeds/gold")
    pytest.skip("../shared (seeds, gold) is not beside the checkout")


@pytest.fixture
def shared() -> Path:
    return require_shared()
