"""Fixtures of the quote tests: the spaCy pipeline, loaded once (tests marked ``model``)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from storyline.nlp import get_nlp

    return get_nlp()
