"""Text-browser dumps read as the text their reader saw. Texts written for these tests."""
from __future__ import annotations

from storyline.ingest.dump import looks_dump, read_dump

DUMP = """   * [1]Home
   * [2]World

   Ministers agree a rail link

   [IMG] ROME -- The transport ministers of [3]Italy and Spain agreed on
   Tuesday to build a rail link across the Alps, officials said.

   (BUTTON) Share

References

   1. https://example.org/
   2. https://example.org/world
   3. https://example.org/tag/italy
"""


def test_a_dump_loses_its_link_numbers_bullets_placeholders_and_addresses() -> None:
    assert looks_dump(DUMP)
    out = read_dump(DUMP)
    assert "[3]" not in out and "[IMG]" not in out and "(BUTTON)" not in out and "https://" not in out
    assert out.split("\n")[:2] == ["Home", "World"]
    assert "ROME -- The transport ministers of Italy and Spain agreed on" in out


def test_plain_pages_and_footnotes_are_no_dump() -> None:
    assert not looks_dump("ROME -- Ministers met on Tuesday [1].\n\nThey agreed a rail link.\n\n[1] A note.")
    assert not looks_dump("The report lists references in its annex.\n\nReferences\n\nSmith, J. (2020). A study.")
