"""Hard wraps joined back, other line breaks kept. Texts written for these tests."""
from __future__ import annotations

import textwrap

from storyline.ingest.unwrap import page_width, unwrap

PARAS = ["Ministers agree a rail link",
         "By a staff writer",
         "ROME -- The transport ministers of Italy and Spain agreed on Tuesday to build a rail link across the "
         "Alps, officials of both countries said after a day of talks in the Italian capital.",
         "The link is due to open within ten years and will halve the journey between the two capitals, the "
         "Italian minister told reporters, adding that the European Union would pay a third of the cost of "
         "the tunnels and bridges the line will need.",
         "Spain's minister said the two governments would put the money for the first stage in next year's "
         "budgets, and that the work on the tunnels could begin within eighteen months."]


def test_a_page_wrapped_at_a_width_is_joined_back_and_keeps_its_length() -> None:
    # no indentation: every offset stays
    wrapped = "\n\n".join(textwrap.fill(p, 64) for p in PARAS)
    assert page_width(wrapped.split("\n")) == 64
    out = unwrap(wrapped)
    assert len(out) == len(wrapped)
    assert [" ".join(b.split()) for b in out.split("\n\n")] == PARAS
    # the short lines (title, byline) were not wrapped and stay lines of their own
    assert out.split("\n\n")[:2] == PARAS[:2]


def test_a_page_of_one_paragraph_per_line_is_left_alone() -> None:
    page = "\n".join(PARAS)
    assert page_width(page.split("\n")) is None and unwrap(page) == page


def test_a_short_line_after_a_short_line_is_not_joined() -> None:
    lines = [textwrap.fill(p, 60) for p in PARAS[2:]] + ["", "Reporting by a staff writer", "Editing by another"]
    out = unwrap("\n".join(lines)).split("\n")
    assert out[-2:] == ["Reporting by a staff writer", "Editing by another"]


def test_an_indented_wrap_leaves_no_run_of_spaces() -> None:
    page = "\n\n".join(textwrap.fill(p, 64, initial_indent="   ", subsequent_indent="   ") for p in PARAS)
    out = unwrap(page)
    assert "  " not in out.lstrip().replace("\n   ", "\n") and [" ".join(b.split()) for b in out.split("\n\n")] == PARAS
