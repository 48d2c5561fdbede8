"""Finding quoted spans (no model)."""
from __future__ import annotations

from storyline.quotes.spans import find_quote_spans, is_short, is_speech


def texts(s: str) -> list[str]:
    return [q.text(s) for q in find_quote_spans(s)]


def test_straight_and_curly_quotes():
    s = 'He said: "We are ready for talks." She replied, “We are not ready yet,” and left.'
    assert texts(s) == ["We are ready for talks.", "We are not ready yet,"]


def test_offsets_point_at_the_content():
    s = 'X said "one two three" then, and “four five six\u00a0” too.'
    q, r = find_quote_spans(s)
    assert s[q.start:q.end] == "one two three"
    assert s[r.start:r.end] == "four five six"
    assert s[q.open] == '"' and s[q.close] == '"'


def test_multi_sentence_quote_is_one_span():
    s = '"First sentence here. Second one follows. Third ends it," the envoy said.'
    assert texts(s) == ["First sentence here. Second one follows. Third ends it,"]


def test_partial_quote_inside_a_sentence():
    s = 'The minister called on both sides to "keep the channels open" for now.'
    assert texts(s) == ["keep the channels open"]


def test_nested_single_quotes_stay_inside():
    s = 'He recalled: "They told me \'no deal\' twice, and I accepted it."'
    assert texts(s) == ["They told me 'no deal' twice, and I accepted it."]


def test_unclosed_quote_ends_at_the_paragraph():
    s = '"The first paragraph of a long statement goes on\n"and the second paragraph closes it," he said.'
    assert texts(s) == ["The first paragraph of a long statement goes on",
                        "and the second paragraph closes it,"]


def test_guillemets():
    assert texts("Il a dit «nous sommes prêts à discuter» hier.") == ["nous sommes prêts à discuter"]


def test_apostrophes_are_not_quotes():
    assert texts("Russia’s minister and Japan's envoy met at the ministers' meeting.") == []


def test_speech_versus_terms_and_titles():
    assert is_speech("keep the channels open")
    assert is_speech("increase the pressure.")
    assert not is_speech("reset")
    assert not is_speech("so-called truce")
    assert not is_speech("Power of Siberia")
    assert not is_speech("Southern Gas Corridor")
    assert not is_speech("The Evening Hour.")       # a show's name, the stop inside the mark
    assert is_speech("We Will Never Give Up!")


def test_short_phrases_need_a_verb_of_saying():
    assert is_short("two plus two")
    assert is_short("at an appropriate time")
    assert not is_short("will be discussed later.")
    assert not is_short("we will respond to this challenge very firmly")
