"""The library's public surface: a few names, each the function behind a CLI verb."""
from __future__ import annotations

import subprocess
import sys

import pytest

import storyline

EXPECTED = {"__version__", "Article", "DateValue", "IngestReport", "Storyline", "StorylineError", "export", "ingest",
            "link", "open", "reanalyze"}


def test_the_exported_names_are_exactly_these() -> None:
    assert set(storyline.__all__) == EXPECTED
    for name in EXPECTED:
        assert getattr(storyline, name) is not None


def test_importing_the_package_loads_neither_spacy_nor_duckdb() -> None:
    code = "import sys, storyline; print(any(m in sys.modules for m in ('spacy', 'duckdb')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        storyline.no_such_thing  # noqa: B018


def test_open_a_missing_store_says_how_to_make_one(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="storyline ingest"):
        storyline.open(tmp_path / "nothing.duckdb")


@pytest.mark.model
def test_ingest_then_open_reads_the_same_events_as_the_queries(tmp_path) -> None:
    from storyline.api import queries

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Leaders to meet in Geneva\n\nGENEVA, March 3, 2021. The foreign ministers of France and Germany "
        "met in Geneva on Wednesday to discuss trade, the French foreign ministry said in a statement. "
        "They agreed to meet again in the spring.\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    storyline.ingest([corpus], db)
    sl = storyline.open(db)
    assert sl.events() == queries.events(db)
    assert sl.stats()["articles"] == 1


def test_the_ingest_verb_survives_importing_the_ingest_stage() -> None:
    import importlib

    from storyline.ingest import load_article

    assert callable(storyline.ingest) and not isinstance(storyline.ingest, type(storyline))
    assert importlib.import_module("storyline.ingest").load_article is load_article
