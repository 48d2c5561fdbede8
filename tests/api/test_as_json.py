"""The web API's response bytes (``app.as_json``): the JSON ``json.dumps`` writes, compact, UTF-8."""
from __future__ import annotations

import json
from typing import Any

import pytest

from storyline.api.app import as_json


def _reference(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


@pytest.mark.parametrize("data", [
    {"total": 2, "limit": 50, "offset": 0, "items": [{"headline": "Talks in Tōkyō — “soon”", "score": 0.1 + 0.2},
                                                   {"headline": None, "n": -3, "ok": True, "tags": []}]},
    {"months": [{"month": "2016-12", "by_status": {"happened": 3}, "total": 3}], "undated": 0},
    {"by_year": {2016: 4, 2017: 1}},                  # integer keys are written as strings, as json does
    {"big": 2 ** 70, "text": "line\nbreak \"quoted\" \\ tab\t \u2028"},     # past 64 bits: through json
    [0.0001, 3.2178, 123456789.125, -0.0, 1e15],
])
def test_bytes_equal_json_dumps(data: Any) -> None:
    assert as_json(data).body == _reference(data)


def test_floats_in_exponent_form_have_the_same_values() -> None:
    """Below 1e-4 and from 1e16 floats are written in exponent form, ``1.5e-7`` where json writes
    ``1.5e-07``: the same numbers."""
    data = [1.5e-7, 1e22, 2.5e-300]
    assert json.loads(as_json(data).body) == data


def test_nan_is_written_null() -> None:
    assert json.loads(as_json({"x": float("nan"), "y": float("inf")}).body) == {"x": None, "y": None}
