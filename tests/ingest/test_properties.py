"""Property-based tests: readers, decoding, cleaning and dating never crash on
arbitrary input; they either give a record or reject with a reason."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import InputRejected
from storyline.ingest import load_article
from storyline.ingest.clean import clean_text, match_dateline
from storyline.ingest.decode import decode_bytes
from storyline.ingest.published import infer_published
from storyline.records import Dateline, RawInput

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
furniture = st.sampled_from(["All news", "Read more", "X", "© A B/TASS", "ID :", "12345", "Tue, 01/26/2016 - 11:55",
                             "TOKYO, February 6. /TASS/. ", "AP Photo/A B", "World | Asia", "KYODO NEWS", "\u200b",
                             "\u202e", "\u00a0", "\r\n", "<script>alert(1)</script>", "“", "February 30", "14-45"])
texty = st.lists(st.one_of(st.text(max_size=80), furniture), max_size=30).map("\n".join)


@SETTINGS
@given(st.binary(max_size=3000))
def test_decode_never_crashes(data: bytes) -> None:
    try:
        out = decode_bytes(data)
    except InputRejected as e:
        assert e.code in {"empty", "binary", "unparsable"}
    else:
        assert "\r" not in out and "\u200b" not in out


@SETTINGS
@given(texty)
def test_clean_never_crashes_and_body_is_from_input(text: str) -> None:
    c = clean_text(text)
    assert isinstance(c.body, str)
    for word in c.body.split():
        assert word in text.replace("\n", " ") or word.rstrip(".") in text


@SETTINGS
@given(st.text(max_size=200))
def test_dateline_matcher_total(line: str) -> None:
    found = match_dateline(line)
    if found:
        assert 0 <= found[1] <= len(line)


@SETTINGS
@given(st.integers(-5, 40), st.integers(-5, 40), texty)
def test_dating_never_crashes(month: int, day: int, body: str) -> None:
    p = infer_published(dateline=Dateline("X", "t", None, month, day), body=body)
    assert p.date is None or p.date.startswith(("XXXX-", "19", "20"))
    assert 0.0 <= p.confidence <= 1.0


@SETTINGS
@given(st.one_of(st.binary(max_size=2000), texty.map(lambda s: s.encode("utf-8", "surrogatepass"))),
       st.sampled_from(["text", "html"]))
def test_load_article_rejects_or_returns(data: bytes, kind: str) -> None:
    try:
        a = load_article(RawInput(path="x", data=data, kind=kind))
    except InputRejected as e:
        assert e.code and e.detail
    else:
        assert a.text.strip()
