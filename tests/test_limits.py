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


def test_release_memory_runs_anywhere() -> None:
    from storyline.limits import release_memory

    release_memory()            # glibc: trims; elsewhere: a collection only
    release_memory()


def test_articles_set_aside_go_to_disk_and_come_back_whole() -> None:
    from storyline.runners.local import _Spill
    from storyline.records import Article, Dateline, Published

    spill = _Spill()
    arts = [Article(id=f"a{i}", path=f"p{i}.txt", source="TASS", headline=None, lead=None,
                    dateline=Dateline("TOKYO", "February 6", "TASS", 2, 6),
                    published=Published("XXXX-02-06", "dateline", 0.0, None, 2, 6), text="x" * (1000 + i))
            for i in range(50)]
    for a in arts:
        spill.append(a)
    assert len(spill) == 50
    assert list(spill) == arts
    assert list(spill) == arts          # iterable again
    spill.close()
