"""Readers and decoding: every format and encoding a scraper brings."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from storyline.errors import InputRejected, UsageError
from storyline.ingest import iter_inputs, load_article
from storyline.ingest.decode import decode_bytes
from storyline.records import RawInput, Rejection

STORY = ("All news\n\nItaly and Spain sign a transport accord\n\nROME, June 3. /TASS/. The transport ministers of Italy "
         "and Spain signed an accord on rail links on Friday, the Italian government said in a statement issued after "
         "the meeting in Rome. The two ministers also agreed to meet again in Madrid in the autumn.\n")


def _items(paths, stdin=None):
    return list(iter_inputs(paths, stdin=stdin))


def test_plain_text_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(STORY, encoding="utf-8")
    [raw] = _items([f])
    a = load_article(raw)
    assert a.headline == "Italy and Spain sign a transport accord" and a.source == "TASS"
    assert a.text.startswith("ROME, June 3. /TASS/. The transport") and "All news" not in a.text


@pytest.mark.parametrize("encoding,prefix", [("utf-8-sig", b""), ("cp1252", b""), ("utf-16", b""), ("latin-1", b"")])
def test_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = STORY.replace("statement", "“statement”") if encoding != "latin-1" else STORY.replace("Rome", "Romé")
    f = tmp_path / "a.txt"
    f.write_bytes(prefix + text.encode(encoding))
    a = load_article(_items([f])[0])
    assert "ROME, June 3" in a.text and "\ufeff" not in a.text
    if encoding == "cp1252":
        assert "“statement”" in a.text
    if encoding == "latin-1":
        assert "Romé" in a.text


def test_crlf_and_nbsp(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(STORY.replace("\n", "\r\n").replace("transport ministers", "transport\u00a0ministers").encode())
    a = load_article(_items([f])[0])
    assert "\r" not in a.text and "transport ministers" in a.text


def test_zero_width_removed() -> None:
    assert decode_bytes("a\u200bb\u202ec".encode()) == "abc"


def test_empty_and_binary_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"   \n")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    for raw in _items([tmp_path]):
        assert isinstance(raw, RawInput)
        with pytest.raises(InputRejected) as e:
            load_article(raw)
        assert e.value.code in {"empty", "binary"}


def test_oversized_rejected(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_bytes(b"word " * 1_100_000)
    [item] = _items([f])
    assert isinstance(item, Rejection) and item.code == "too-large"


def test_non_english_rejected(tmp_path: Path) -> None:
    f = tmp_path / "de.txt"
    f.write_text("Überschrift der Meldung\n\nBERLIN, 3. Juni. Die Außenminister der beiden Länder trafen sich am "
                 "Freitag in Berlin und vereinbarten eine engere Zusammenarbeit bei Handel und Verkehr, teilte die "
                 "Regierung mit. Weitere Gespräche sollen im Herbst folgen.", encoding="utf-8")
    with pytest.raises(InputRejected) as e:
        load_article(_items([f])[0])
    assert e.value.code == "not-english"


def test_only_furniture_rejected(tmp_path: Path) -> None:
    f = tmp_path / "nav.txt"
    f.write_text("All news\n\nRead more\n\nX\n", encoding="utf-8")
    with pytest.raises(InputRejected) as e:
        load_article(_items([f])[0])
    assert e.value.code == "too-short"


def test_jsonl_lines_and_broken_line(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    good = {"text": STORY, "url": "https://example.org/a", "published": "2016-06-03", "source": "Example Wire",
            "headline": "Given headline"}
    f.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"url": "x"}) + "\n", encoding="utf-8")
    items = _items([f])
    assert [type(i).__name__ for i in items] == ["RawInput", "Rejection", "Rejection"]
    a = load_article(items[0])
    assert (a.published.date, a.published.how, a.source, a.headline, a.url) == (
        "2016-06-03", "metadata", "Example Wire", "Given headline", "https://example.org/a")
    assert items[1].code == "bad-json-line" and "line 2" in items[1].detail


def test_jsonl_records_of_other_tools_are_read_by_their_field_names(tmp_path: Path) -> None:
    """A news-please record, a feed item with an RFC 2822 date and HTML content, an epoch stamp."""
    f = tmp_path / "other.jsonl"
    records = [{"maintext": STORY, "title": "Given headline", "date_publish": "2016-06-03 10:15:00",
                "source_domain": "example.org", "url": "https://example.org/a"},
               {"content": "<html><body><h1>Accord</h1>" + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")[2:])
                + "</body></html>", "pubDate": "Fri, 03 Jun 2016 08:00:00 GMT", "link": "https://example.org/b"},
               {"text": STORY, "timestamp": 1464940800},
               {"body": "   ", "title": "Nothing here"}]
    f.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    items = _items([f])
    assert [type(i).__name__ for i in items] == ["RawInput", "RawInput", "RawInput", "Rejection"]
    assert "'maintext'" in items[3].detail                   # the message names the fields it looks for
    a, b, c = (load_article(i) for i in items[:3])
    assert (a.headline, a.source, a.published.date, a.published.how) == ("Given headline", "example.org",
                                                                          "2016-06-03", "metadata")
    assert items[1].kind == "html" and (b.published.date, b.url) == ("2016-06-03", "https://example.org/b")
    assert c.published.date == "2016-06-03"


def test_html_page(tmp_path: Path) -> None:
    paras = "".join(f"<p>{s}</p>" for s in STORY.split("\n\n")[2:])
    html = ("<!DOCTYPE html><html><head><title>Italy and Spain sign accord | Example</title>"
            '<meta property="og:title" content="Italy and Spain sign a transport accord">'
            '<meta property="article:published_time" content="2016-06-03T09:00:00+00:00">'
            '<link rel="canonical" href="https://example.org/world/accord"></head><body>'
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Italy and Spain sign a transport "
            f"accord</h1>{paras}</article><footer>© 2019 Example Media</footer></body></html>")
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    a = load_article(_items([f])[0])
    assert a.published.date == "2016-06-03" and a.published.how == "html-meta"
    assert "ROME, June 3" in a.text and "Home" not in a.text and "2019" not in a.text
    assert a.headline and "transport accord" in a.headline


def test_html_without_date_uses_dateline(tmp_path: Path) -> None:
    html = ("<html><head><title>Accord</title></head><body><article><h1>Accord signed</h1>"
            "<p>ROME, June 3. /TASS/. The transport ministers of Italy and Spain signed an accord on Friday, the "
            "Italian Prime Minister Matteo Renzi said on Friday in a statement after the meeting with the ministers "
            "of both countries in Rome.</p></article><footer>© 2021 Example</footer></body></html>")
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    a = load_article(_items([f])[0])
    assert a.published.how.startswith("dateline") and "2021" not in (a.published.date or "")


def test_html_without_headline_markup_reads_like_the_same_text(tmp_path: Path) -> None:
    """A page whose blocks are plain <div>s: its title line and lead are blocks, as in a scraped text file,
    so the headline and the body come out as they do from the text."""
    lines = ["Support our reporting!", "Ministers of Italy and Spain agree a rail link",
             "Photo: Example Agency",
             "The transport ministers of Italy and Spain agreed on Tuesday to build a rail link across the "
             "Alps, officials of both countries said after the talks in Rome.",
             "The link is due to open within ten years and will cut the journey between the two capitals by "
             "half, the Italian minister told reporters."]
    (tmp_path / "page.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body>" + "".join(f"<div>{ln}</div>\n" for ln in lines)
                                        + "</body></html>", encoding="utf-8")
    txt, html = (load_article(i) for i in _items([tmp_path / "page.txt", tmp_path / "page.html"]))
    assert txt.headline == "Ministers of Italy and Spain agree a rail link"
    assert (html.headline, html.text) == (txt.headline, txt.text)


def test_folder_recursive_and_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "1.txt").write_text(STORY.replace("June 3", "June 4"), encoding="utf-8")
    paths = [i.path for i in _items([tmp_path])]
    assert paths == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt")]


def test_stdin_text_and_jsonl() -> None:
    [raw] = _items(["-"], stdin=io.BytesIO(STORY.encode()))
    assert isinstance(raw, RawInput) and raw.path == "-"
    items = _items(["-"], stdin=io.BytesIO((json.dumps({"text": STORY}) + "\n").encode()))
    assert len(items) == 1 and isinstance(items[0], RawInput)


def test_missing_path_is_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        _items([tmp_path / "nope"])


def test_id_is_hash_of_raw_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    a, b = _items([tmp_path])
    assert a.id == b.id and len(a.id) == 16


def test_json_files_one_record_a_list_or_a_wrapped_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"title": "Given headline", "text": STORY}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps({"status": "ok", "articles": [
        {"title": "First", "content": STORY}, {"title": "Second", "description": "no text here"}]}), encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"headline": "a gold file", "published": "2016-06-03"}),
                                        encoding="utf-8")
    items = _items([tmp_path])
    assert [(type(i).__name__, Path(i.path).name) for i in items] == [
        ("RawInput", "many.json:1"), ("Rejection", "many.json:2"), ("RawInput", "one.json")]
    assert load_article(items[2]).headline == "Given headline"
    from storyline.ingest.readers import skipped_files
    assert [f.name for f in skipped_files([tmp_path])] == ["meta.json"]       # not an article: skipped, named
    # named on its own, a JSON file without an article is rejected with the reason
    (rej,) = _items([tmp_path / "meta.json"])
    assert rej.code == "bad-json" and "'maintext'" in rej.detail


def test_mojibake_is_repaired_and_clean_text_left_alone() -> None:
    from storyline.ingest.decode import normalise_text
    clean = "The minister’s “last push” in Zürich — Ça va, São Paulo."
    garbled = clean.encode("utf-8").decode("cp1252", errors="replace")
    assert garbled != clean and normalise_text(garbled) == clean       # the lost 0x9d byte of ” is restored
    latin1 = clean.encode("utf-8").decode("latin-1")
    assert normalise_text(latin1) == clean
    assert normalise_text(clean) == clean
    # a text in Latin-1 characters that is no mojibake stays as it is
    assert normalise_text("Ã la carte at the Café Âge d'Or") == "Ã la carte at the Café Âge d'Or"


def test_entities_left_in_a_text_are_unescaped_but_never_in_html_source(tmp_path: Path) -> None:
    from storyline.ingest.decode import unescape_entities
    assert unescape_entities("Putin&#8217;s &quot;last push&quot;") == "Putin’s \"last push\""
    assert unescape_entities("AT&amp;T") == "AT&amp;T"             # one is no sign of an escaped text
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"text": STORY.replace("'", "&#8217;").replace('"', "&quot;") + "\n\nR&amp;D &amp; more."}),
                 encoding="utf-8")
    a = load_article(_items([f])[0])
    assert "&#8217;" not in a.text and "&amp;" not in a.text


def test_the_repeat_learner_reads_the_text_the_cleaner_reads() -> None:
    from storyline.ingest.page import read_page
    from storyline.ingest.repeats import page_of
    html = ("<html><body><nav><a href='/'>Home</a></nav><div>Join our club today</div>"
            "<p>The ministers of Italy and Spain agreed on Tuesday to build a rail link across the Alps.</p>"
            "</body></html>")
    raw = RawInput(path="a.html", data=html.encode(), kind="html", meta={"url": "https://example.org/a"})
    site, text = page_of(raw)
    assert site == "example.org" and text == read_page(raw).text and "Join our club today" in text
    assert "Home" not in text                      # the nav is never read
