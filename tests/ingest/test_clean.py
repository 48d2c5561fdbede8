"""Cleaning rules, one at a time, and golden files for whole constructed pages.

Update the golden files after an intended change with STORYLINE_UPDATE_GOLDEN=1.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from storyline.ingest.clean import clean_text, match_dateline
from storyline.ingest.decode import normalise_text
from storyline.ingest.furniture import FURNITURE_KINDS

from ..conftest import GOLDEN, UPDATE_GOLDEN

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"


@pytest.mark.parametrize("case", sorted(p.stem for p in FIXTURES.glob("*.txt")))
def test_golden_clean(case: str) -> None:
    raw = normalise_text((FIXTURES / f"{case}.txt").read_text(encoding="utf-8"))
    c = clean_text(raw)
    got = {"headline": c.headline, "lead": c.lead, "dateline": asdict(c.dateline) if c.dateline else None,
           "source": c.source, "header_date": c.header_date.isoformat() if c.header_date else None, "body": c.body,
           "removed": [{"kind": r.kind, "text": r.text, "why": r.why} for r in c.removed]}
    golden = GOLDEN / "clean" / f"{case}.json"
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: write it with STORYLINE_UPDATE_GOLDEN=1 and review it"
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_golden_pages_cover_every_furniture_kind() -> None:
    kinds = set()
    for golden in (GOLDEN / "clean").glob("*.json"):
        kinds |= {r["kind"] for r in json.loads(golden.read_text(encoding="utf-8")).get("removed", [])}
    assert set(FURNITURE_KINDS) <= kinds, f"no golden page shows {sorted(set(FURNITURE_KINDS) - kinds)}"


def _clean(text: str):
    return clean_text(normalise_text(text))


def test_navigation_line_removed() -> None:
    c = _clean("All news\n\nHeadline here about talks\n\nMOSCOW, April 2. /TASS/. The ministers met on Monday.")
    assert "All news" not in c.body and c.headline == "Headline here about talks"


def test_caption_and_credit_removed() -> None:
    c = _clean("Head line of story\n\nA standfirst sentence about the visit\nTwo leaders shake hands Jane Doe/TASS\n"
               "Two leaders shake hands\n© Jane Doe/TASS\n\nTOKYO, May 6. /TASS/. The leaders met.")
    assert c.lead == "A standfirst sentence about the visit"
    assert "Doe" not in c.body and "shake hands" not in c.body


def test_ap_photo_credit_removed() -> None:
    c = _clean("Some headline words\n\nParis (AFP) -- no\nMinister at the podium\nAP Photo/Some Body\n\n"
               "PARIS, June 1. /TASS/. The minister spoke.")
    assert "AP Photo" not in (c.lead or "") + c.body and "podium" not in c.body


def test_read_more_glued_to_paragraph() -> None:
    c = _clean("Headline words here\n\nROME, July 3. /TASS/. The talks ended. Read more\n\nX")
    assert c.body.endswith("The talks ended.")


def test_cms_header_gives_date_and_disappears() -> None:
    c = _clean("ID :\n12345\nTue, 01/26/2016 - 11:55\nAuther :\n\nA headline of some kind\n\n"
               "TOKYO, January 26. /TASS/. Text.")
    assert c.header_date is not None and c.header_date.isoformat() == "2016-01-26"
    assert "12345" not in c.body and "Auther" not in c.body and c.headline == "A headline of some kind"


def test_header_timestamp_day_first_when_weekday_says_so() -> None:
    c = _clean("Wed, 09/03/2016 - 10:00\n\nHeadline of a story\n\nMADRID, March 9. /TASS/. Text.")
    assert c.header_date is not None and c.header_date.isoformat() == "2016-03-09"


def test_updated_ago_and_byline_removed() -> None:
    c = _clean("Updated 2 years ago\n\nA headline for this one\n\nBy John Smith\n\nLIMA (AP) -- Text of the story here.")
    assert "Updated" not in c.body and "John Smith" not in c.body and c.source == "AP"


@pytest.mark.parametrize("line,place,text,agency,month,day", [
    ("TOKYO, February 6. /TASS/. Body", "TOKYO", "February 6", "TASS", 2, 6),
    ("ST. PETERSBURG, June 16. /TASS/. Body", "ST. PETERSBURG", "June 16", "TASS", 6, 16),
    ("NEW YORK, Sept. 25 (Reuters) - Body", "NEW YORK", "Sept. 25", "Reuters", 9, 25),
    ("BEIJING (Xinhua) -- Body", "BEIJING", None, "Xinhua", None, None),
    ("MOSCOW, 3 December /ITAR-TASS/. Body", "MOSCOW", "3 December", "TASS", 12, 3),
    ("Sept. 5, 2016 (Reuters) - Body", None, "Sept. 5, 2016", "Reuters", 9, 5),
])
def test_dateline_forms(line, place, text, agency, month, day) -> None:
    found = match_dateline(line)
    assert found is not None
    dl, end = found
    assert (dl.place, dl.text, dl.agency, dl.month, dl.day) == (place, text, agency, month, day)
    assert line[end:] == "Body"


@pytest.mark.parametrize("line", ["The minister said on Monday that talks went well.", "IN BRIEF: nothing here",
                                  "Russia, Japan agree on talks"])
def test_not_a_dateline(line: str) -> None:
    assert match_dateline(line) is None


def test_brand_line_is_not_the_headline() -> None:
    c = _clean("KYODO NEWS\n\nJapan and India agree to expand defence ties\n\nTOKYO (Kyodo) -- Japan and India agreed.")
    assert c.headline == "Japan and India agree to expand defence ties"


def test_breadcrumb_removed() -> None:
    c = _clean("World | Asia-Pacific\n\nMinisters meet in Hanoi\n\nHANOI, March 3. The ministers met on Friday.")
    assert c.headline == "Ministers meet in Hanoi" and "Asia-Pacific" not in c.body


def test_dateline_without_agency_needs_capitals_and_full_stop() -> None:
    dl, end = match_dateline("HANOI, March 3. The ministers met.")
    assert (dl.place, dl.month, dl.day, dl.agency) == ("HANOI", 3, 3, None)
    assert match_dateline("Hanoi, March 3. The ministers met.") is None


def test_header_line_with_month_name_gives_date() -> None:
    c = _clean("Ministers meet in Hanoi\n\nNEWS WIRE - Mar 3, 2017 - 10:47 | World\n\nHANOI (AP) -- The ministers met.")
    assert c.header_date is not None and c.header_date.isoformat() == "2017-03-03"
    assert "NEWS WIRE" not in c.body


def test_one_paragraph_per_line_pages_keep_paragraphs() -> None:
    long = "The ministers met in the capital and discussed a wide range of issues, officials said afterwards."
    c = _clean(f"Headline for a story\n\nHANOI, March 3. {long}\n{long}")
    assert c.body.count("\n\n") == 1


def test_related_links_block_removed() -> None:
    c = _clean("A headline for the story\n\nHANOI, March 3. The ministers met on Friday in the capital.\n\n"
               "Related coverage:\nMinisters to meet again in May\nTalks stall over trade\n")
    assert "Related" not in c.body and "stall" not in c.body and c.body.endswith("capital.")


def test_wire_byline_read_time_and_trailer_removed() -> None:
    c = _clean("UPDATE 2-Ministers meet in Hanoi\n\nBy Ann Lee and Bo Chan\n\n4 Min Read\n\n"
               "HANOI, March 3 (Reuters) - The ministers met on Friday.\n\n"
               "(Reporting by Ann Lee in Hanoi; Editing by Bo Chan)\n")
    assert c.headline == "Ministers meet in Hanoi"
    assert "Ann Lee" not in c.body and "Min Read" not in c.body and c.body.endswith("met on Friday.")
