"""Markdown pages read as the plain text a reader sees. Texts written for these tests."""
from __future__ import annotations

from pathlib import Path

from storyline.ingest import iter_inputs, load_article
from storyline.ingest.markdown import looks_markdown, read_markdown

PAGE = """* [Home](https://example.org/)
* [World](https://example.org/world)
* [Business](https://example.org/business)

# Ministers of Italy and Spain agree a rail link

![The border station at night. Photo: Example Agency](https://example.org/img/1.jpg)

ROME -- The transport ministers of **Italy** and [Spain](https://example.org/tag/spain) agreed on Tuesday to
build a rail link across the Alps, officials of both countries said after the talks.

The link is due to open within ten years and will halve the journey between the capitals, the *Italian*
minister told reporters.
"""


def test_markup_becomes_words_and_the_heading_the_title() -> None:
    text, title = read_markdown(PAGE)
    assert title == "Ministers of Italy and Spain agree a rail link"
    assert "](" not in text and "**" not in text and "![" not in text
    blocks = text.split("\n\n")
    assert blocks[0] == "Home\nWorld\nBusiness"                          # a menu: one item a line
    assert "The border station at night. Photo: Example Agency" in blocks    # an image: its caption line
    assert "ministers of Italy and Spain agreed on Tuesday to\nbuild" in text  # the page's own lines kept


def test_what_looks_like_markdown() -> None:
    assert looks_markdown(PAGE)
    assert not looks_markdown("ROME -- Ministers met on Tuesday.\n\nThey agreed a rail link (a long one).")
    assert not looks_markdown("Prices rose 5% [see table] in May; #1 exporter Italy led.")


def test_a_markdown_file_is_an_article_with_its_headline_and_a_clean_body(tmp_path: Path) -> None:
    f = tmp_path / "page.md"
    f.write_text(PAGE, encoding="utf-8")
    (raw,) = list(iter_inputs([f]))
    assert raw.kind == "markdown"
    a = load_article(raw)
    assert a.headline == "Ministers of Italy and Spain agree a rail link"
    assert a.text.startswith("ROME -- The transport ministers of Italy and Spain agreed on Tuesday")
    assert "Home" not in a.text and "Example Agency" not in a.text and "https://" not in a.text
