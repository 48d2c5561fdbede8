from __future__ import annotations

import time

import pytest

from storyline.errors import InputRejected
from storyline.limits import time_limit


def test_time_limit_stops_a_runaway_stage() -> None:
    with pytest.raises(InputRejected) as e:
        with time_limit(0.2):
            time.sleep(2)
    assert e.value.code == "timeout"


def test_time_limit_lets_quick_work_through() -> None:
    with time_limit(2):
        x = sum(range(1000))
    assert x == 499500
