"""The line classifier (``ingest/lines.py``), the furniture memory (``ingest/repeats.py``)
and the cleaning gate on ``../shared/devreal``. Pages here are written in our own words."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from storyline.ingest.clean import clean_text
from storyline.ingest.decode import decode_bytes, normalise_text
from storyline.ingest.lines import is_prose, is_title_like, match_furniture
from storyline.ingest.repeats import learn, load, save, site_of
from storyline.store import Store

from ..conftest import require_shared

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"
# the cleaning figures on devreal; floors that only go up (measured: headline 1.000, body 1.000)
DEVREAL_FLOORS = {"headline_acc": 0.95, "body_clean_acc": 0.90}

P1 = "The foreign ministers of Peru and Bolivia met in La Paz on Monday to discuss a new rail link, officials said."
P2 = "The two sides agreed to set up a working group that will report on the costs of the project by the end of May."
P3 = "Both ministers said the line could carry freight to the Pacific ports within ten years of the start of work."


def _clean(text: str, **kw):
    return clean_text(normalise_text(text), **kw)


@pytest.mark.parametrize("case", sorted(p.stem for p in FIXTURES.glob("*.txt")))
def test_removed_offsets_point_into_the_page(case: str) -> None:
    page = normalise_text((FIXTURES / f"{case}.txt").read_text(encoding="utf-8"))
    for r in clean_text(page).removed:
        assert page[r.start:r.end].strip() == r.text


@pytest.mark.parametrize("case", sorted(p.stem for p in FIXTURES.glob("*.txt")))
def test_no_line_is_dropped_silently(case: str) -> None:
    """Every line of the page ends up in the headline, the lead, the body or the removed list."""
    page = normalise_text((FIXTURES / f"{case}.txt").read_text(encoding="utf-8"))
    c = clean_text(page)
    kept = " ".join([c.headline or "", c.lead or "", c.body] + [r.text for r in c.removed])
    for line in page.split("\n"):
        for piece in line.strip().split("  "):
            assert piece.strip()[:30] in kept or not piece.strip()


def test_headline_after_section_crumb_and_skip_link() -> None:
    c = _clean(f"Skip to content\nNews > Americas\n\nPeru and Bolivia plan a rail link to the Pacific\n\n{P1}\n\n{P2}")
    assert c.headline == "Peru and Bolivia plan a rail link to the Pacific"
    assert "Skip" not in c.body and "Americas" not in c.body


def test_headline_printed_twice_is_kept_once() -> None:
    c = _clean(f"Site slogan for everyone\n\nPeru and Bolivia plan a rail link\n\nPeru and Bolivia plan a rail link\n\n{P1}")
    assert c.headline == "Peru and Bolivia plan a rail link" and "rail link\n" not in c.body
    assert [r.kind for r in c.removed].count("duplicate") == 1


def test_page_without_headline_has_none() -> None:
    c = _clean(f"{P1}\n{P2}\n{P3}")
    assert c.headline is None and c.body.startswith("The foreign ministers of Peru")


def test_masthead_lines_are_not_the_headline() -> None:
    c = _clean(f"The Andean Courier\n\nOffice of the Foreign Minister\n\nPeru and Bolivia plan a rail link\n\n{P1}")
    assert c.headline == "Peru and Bolivia plan a rail link"


def test_title_bar_gives_the_headline_without_its_site_parts() -> None:
    c = _clean(f"Rail link talks open | Americas | The Andean Courier | 02.03.2019\n\nRail link talks open\n\n{P1}")
    assert c.headline == "Rail link talks open"
    assert any(r.kind == "navigation" and r.why == "title bar" for r in c.removed)


def test_standfirst_is_the_lead_not_the_body() -> None:
    c = _clean(f"Peru and Bolivia plan a rail link\n\nA line to the ocean has been talked about for a century\n\n{P1}\n\n{P2}")
    assert c.lead == "A line to the ocean has been talked about for a century"
    assert c.body.startswith("The foreign ministers of Peru")


def test_crosshead_inside_the_article_is_kept() -> None:
    c = _clean(f"Peru and Bolivia plan a rail link\n\n{P1}\n\nWhat the line would cost\n\n{P2}")
    assert "What the line would cost" in c.body


def test_partial_last_paragraph_of_a_capped_page_is_kept() -> None:
    c = _clean(f"Peru and Bolivia plan a rail link\n\n{P1}\n\n{P2}\n\nThe presidents of both countries are ex")
    assert c.body.endswith("both countries are ex")


def test_short_last_sentence_is_kept() -> None:
    c = _clean(f"Peru and Bolivia plan a rail link\n\n{P1}\n\n{P2}\n\nHe did not say when.")
    assert c.body.endswith("He did not say when.")


def test_link_list_inside_the_article_is_navigation() -> None:
    c = _clean(f"Peru and Bolivia plan a rail link\n\n{P1}\n\nAndes trade\nBorder towns\nOur region today\n\n{P2}")
    assert "Border towns" not in c.body and P2 in c.body
    assert {r.kind for r in c.removed} == {"navigation"}


def test_agency_tags_glued_to_paragraphs_are_cut() -> None:
    c = _clean(f"Peru and Bolivia plan a rail link\n\n{P1} (Andina)\n\n{P2} - Andina")
    assert "(Andina)" not in c.body and "- Andina" not in c.body and c.body.endswith("end of May.")
    assert [r.text for r in c.removed if r.kind == "credit"] == ["(Andina)", "- Andina"]


def test_caption_with_position_marker_and_credit_tail() -> None:
    c = _clean(f"Peru and Bolivia plan a rail link\n\n{P1}\n\nThe two ministers (R) shake hands in La Paz\n\n"
               f"A train crosses the altiplano near the border. (Photo via Andina)\n\n{P2}")
    assert "shake hands" not in c.body and "altiplano" not in c.body
    assert [r.kind for r in c.removed] == ["caption", "caption"]


def test_appeal_box_runs_while_it_speaks_to_the_reader() -> None:
    c = _clean(f"Peru and Bolivia plan a rail link\n\n{P1}\n\nDear readers,\n\n"
               "We need your help to keep our reporting free. Please support us with a gift today.\n\n"
               f"{P2}")
    assert "gift" not in c.body and P2 in c.body


def test_donation_in_the_news_is_not_an_appeal() -> None:
    text = ("Japan pledged a donation of five million dollars to the relief fund, the foreign ministry said on "
            "Friday, and urged other donors to support the appeal.")
    c = _clean(f"Japan pledges aid for flood relief\n\n{text}\n\n{P2}")
    assert text in c.body


@pytest.mark.parametrize("line,kind", [
    ("Skip to content", "navigation"), ("Home > World > Asia", "navigation"),
    ("Photo: Jane Roe/Agency", "credit"), ("© 2019 Some Agency", "credit"), ("By Ann Lee", "byline"),
    ("Updated: 14-02-2021 08:15 IST", "timestamp"), ("3 hours ago", "timestamp"), ("Share this story", "share"),
    ("You may also like", "related"), ("Leave a comment", "comments"), ("Sign up for our newsletter", "promo"),
    ("We use cookies to give you the best experience", "consent"), ("Advertisement", "ad"),
    ("Tags: trade, rail", "widget"), ("Jane Roe in Lima contributed to this report.", "credit"),
    ("Image 2 of 7", "widget"), ("(Reporting by Ann Lee in Hanoi and Bo Chan in Lima; Editing by Tom Roe)", "credit"), ("Listen to this article", "share"), ("Accept all cookies", "consent"), ("News ID: 12345", "widget"), ("这是一条通知", "widget"),
])
def test_line_shapes(line: str, kind: str) -> None:
    hit = match_furniture(line)
    assert hit is not None and hit[0] == kind


@pytest.mark.parametrize("line", [P1, "He declined to comment on the talks, saying only that they were useful.",
                                  "Reporting by the state news agency suggested the talks had stalled over gas prices.",
                                  '"We will see," the minister said.'])
def test_prose_is_never_furniture_by_shape(line: str) -> None:
    assert is_prose(line) and match_furniture(line) is None


def test_title_shapes() -> None:
    assert is_title_like("Peru and Bolivia plan a rail link") and not is_title_like("Type your e-mail here:")


# ------------------------------------------------------------------ repetition across a source's pages

def _page(i: int, extra: str = "") -> str:
    return (f"Andean Courier Online Edition\n\nStory number {i} about rail talks\n\n{P1.replace('Monday', f'day {i}')}"
            f"\n\nWeekend quiz: name the capital\n\n{P2}{extra}")


def test_line_recurring_on_a_sources_pages_is_learnt_as_furniture() -> None:
    mem = learn(("courier.example", _page(i)) for i in range(5))
    c = _clean(_page(9), known=mem.known("courier.example"))
    assert "Weekend quiz" not in c.body and c.headline == "Story number 9 about rail talks"
    assert any("recurs on" in r.why for r in c.removed)
    fresh = _clean(_page(9))                           # without the memory the quiz line looks like a crosshead
    assert "Weekend quiz" in fresh.body


def test_repeated_paragraph_is_never_removed_by_repetition() -> None:
    mem = learn(("courier.example", _page(i)) for i in range(5))
    c = _clean(_page(9), known=mem.known("courier.example"))
    assert P2 in c.body


def test_reprinted_headline_survives_a_few_reprints() -> None:
    pages = [f"Rail talks open in La Paz today\n\n{P1}\n\n{P3}"] * 3 + [_page(i) for i in range(3)]
    mem = learn(("", p) for p in pages)
    c = _clean(pages[0], known=mem.known(""))
    assert c.headline == "Rail talks open in La Paz today"


def test_site_of() -> None:
    assert site_of("https://www.Example.com/a/b") == "example.com"
    assert site_of(None, "Some Agency") == "some agency" and site_of(None) == ""


def test_memory_is_kept_in_the_store(tmp_path: Path) -> None:
    mem = learn(("courier.example", _page(i)) for i in range(4))
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction() as con:
            save(con, mem)
    with Store(tmp_path / "s.duckdb") as store:
        again = load(store.con)
    assert again.pages["courier.example"] == 4
    assert again.known("courier.example")("Weekend quiz: name the capital") is not None


def test_ingest_learns_furniture_and_keeps_it(tmp_path: Path) -> None:
    from storyline.runners.local import ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(4):
        (corpus / f"p{i}.txt").write_text(_page(i), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest([corpus], db, analyze=False)
    with Store(db) as store:
        recs = list(store.iter_records())
        n = store.con.execute("SELECT pages FROM furniture_sites WHERE site = ''").fetchone()[0]
    assert n == 4
    assert all("Weekend quiz" not in r["text"] for r in recs)
    assert all(any(x["kind"] == "widget" and "recurs" in x["why"] for x in r["removed"]) for r in recs)


# ------------------------------------------------------------------ the gate on real pages

def test_devreal_cleaning_floors() -> None:
    """Headline and clean-body accuracy of ``clean_text`` alone on 30 real pages of 30 outlets."""
    shared = require_shared()
    raw, gold = shared / "devreal" / "raw", shared / "devreal" / "gold"
    if not raw.is_dir():
        pytest.skip("../shared/devreal is not beside the checkout")
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    ok = {"headline_acc": 0, "body_clean_acc": 0}
    files = sorted(raw.glob("*.txt"))
    for f in files:
        g = json.loads((gold / f"{f.stem}.json").read_text(encoding="utf-8"))
        c = clean_text(decode_bytes(f.read_bytes()))
        ok["headline_acc"] += score.norm_text(c.headline) == score.norm_text(g["headline"])
        body = score.norm_text(c.body)
        ok["body_clean_acc"] += bool(body) and all(score.norm_text(s) in body for s in g["body_must_include"]) \
            and not any(score.norm_text(s) in body for s in g["body_must_exclude"])
    for k, floor in DEVREAL_FLOORS.items():
        assert ok[k] / len(files) >= floor, f"{k} {ok[k] / len(files):.3f} < floor {floor}"


def test_html_page_text_gets_the_same_furniture_kinds() -> None:
    """trafilatura's text of an HTML page goes through the same classifier; its paragraphs come
    one a line, so a paragraph above a photo credit is not taken for the caption."""
    from storyline.ingest import load_article
    from storyline.records import RawInput

    html = ("<html><head><title>Peru and Bolivia plan a rail link | The Andean Courier</title></head><body>"
            "<nav><a href='/'>Home</a><a href='/world'>World</a></nav><article>"
            "<h1>Peru and Bolivia plan a rail link</h1>"
            f"<p>{P1}</p><p>Sign up for our daily newsletter and get the top stories in your inbox.</p>"
            f"<p>{P2}</p><p>{P3}</p><p>Photo: Jane Roe/Andean Courier</p></article></body></html>")
    a = load_article(RawInput(path="x.html", data=html.encode(), kind="html"))
    assert a.headline == "Peru and Bolivia plan a rail link"
    assert P1 in a.text and P2 in a.text and P3 in a.text and "newsletter" not in a.text
    assert {r["kind"] for r in a.removed} >= {"promo", "credit"}


def test_transcript_opens_with_the_first_speakers_turn() -> None:
    c = _clean(f"Opening of talks with the Bolivian president\n\nMarch 3, 2019, La Paz\n\n"
               f"Host President: Welcome to Lima!\n\n{P2}")
    assert c.headline == "Opening of talks with the Bolivian president" and c.body.startswith("Host President:")


def test_headline_with_a_colon_is_not_a_speakers_turn() -> None:
    c = _clean(f"Rail talks: Peru and Bolivia plan a link\n\n{P1}")
    assert c.headline == "Rail talks: Peru and Bolivia plan a link"


def test_a_page_without_empty_lines_keeps_the_headline_over_a_photo_caption() -> None:
    """Scrapes that print one block per line and no empty line: "just above a caption" means nothing
    there, so the title over a photo's caption is still the headline, as on the spaced page."""
    blocks = ["Ministers of Italy and Spain agree a rail link",
              "A train leaves a station near the border in the spring. (Example Agency via Wire)",
              "ROME (Wire) — The transport ministers of Italy and Spain agreed on Tuesday to build a rail link "
              "across the Alps, officials of both countries said after the talks.",
              "The link is due to open within ten years and will halve the journey between the capitals, the "
              "Italian minister told reporters."]
    spaced, packed = clean_text("\n\n".join(blocks)), clean_text("\n".join(blocks))
    assert spaced.headline == packed.headline == blocks[0]
    assert spaced.body == packed.body and "Example Agency" not in packed.body


def test_ad_breaks_and_in_story_links_are_furniture() -> None:
    for line, kind in [("Story continues below advertisement", "ad"), ("Continue reading the main story", "ad"),
                       ("Scroll to continue with content", "ad"), ("Article continues after this ad", "ad"),
                       ("Read more: Ministers meet again as the talks drag on", "related"),
                       ("Watch: Leaders arrive for the summit (2:14)", "related")]:
        hit = match_furniture(line)
        assert hit is not None and hit[0] == kind, line
    assert match_furniture("The story continues to unfold as ministers meet again in Rome on Friday.") is None


def test_a_one_line_promo_inside_the_story_swallows_no_paragraph() -> None:
    paras = ["ROME (Wire) — The transport ministers of Italy and Spain agreed on Tuesday to build a rail link "
             "across the Alps, officials of both countries said after a day of talks.",
             "Click here to subscribe to our newsletter",
             "The link is due to open within ten years and will halve the journey between the capitals, the "
             "Italian minister told reporters after the meeting.",
             "Read more: Ministers meet again as the talks drag on",
             "Advertisement",
             "Both governments will put the money for the first stage of the work in next year's budg"]
    body = clean_text("Ministers agree a rail link\n\n" + "\n\n".join(paras)).body
    for p in (paras[0], paras[2], paras[5]):
        assert p in body
    for p in (paras[1], paras[3], paras[4]):
        assert p not in body
