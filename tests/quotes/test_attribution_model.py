"""Quote speakers from parsed text (loads the model). Sentences are written for these tests."""
from __future__ import annotations

import pytest

from storyline.entities import extract_entities
from storyline.quotes import extract_quotes

pytestmark = pytest.mark.model


def run(nlp, text):
    doc = nlp(text)
    ents = extract_entities(doc)
    quotes = extract_quotes(doc, ents)
    ids = {e.id: e for e in ents}
    return [(q.text, q.speaker, ids[q.speaker_entity].name if q.speaker_entity else None) for q in quotes]


def speakers(nlp, text):
    return [speaker for _, speaker, _ in run(nlp, text)]


def test_name_said_after_the_quote(nlp):
    text = '"We are ready for a constructive dialogue," Foreign Minister Oleg Volkov said on Monday.'
    assert run(nlp, text) == [("We are ready for a constructive dialogue,", "Oleg Volkov", "Oleg Volkov")]


def test_said_name_inverted(nlp):
    text = '"The talks were useful," said Maria Orlova, the Russian Foreign Ministry spokeswoman.'
    assert speakers(nlp, text) == ["Maria Orlova"]


def test_told_reporters_colon_before_the_quote(nlp):
    text = 'On Friday, Japan’s chief negotiator, Kenji Tanaka, told reporters: "Nothing has been decided yet."'
    assert speakers(nlp, text) == ["Kenji Tanaka"]


def test_according_to(nlp):
    text = ('Chancellor Karl Braun spoke in Vienna. According to Braun, "the door to dialogue remains open '
            'for everyone."')
    assert speakers(nlp, text) == ["Karl Braun"]


def test_pronoun_takes_the_previous_speaker(nlp):
    text = ('"The meeting was productive," President Ivan Petrov said. "We agreed to meet again in the '
            'autumn," he added.')
    assert speakers(nlp, text) == ["Ivan Petrov", "Ivan Petrov"]


def test_pronoun_takes_the_latest_person_who_spoke(nlp):
    text = ('President Ivan Petrov said the economy was growing. Prime Minister Taro Yamada said for his part '
            'that trade should grow too. "We have good grounds for optimism," he said.')
    assert speakers(nlp, text) == ["Taro Yamada"]


def test_title_refers_to_the_person_named_earlier(nlp):
    text = ('Kremlin spokesman Pavel Orlov spoke to journalists on Friday. "No dates have been set for the '
            'visit yet," the spokesman said.')
    assert run(nlp, text)[0][1:] == ("Pavel Orlov", "Pavel Orlov")


def test_quoted_as_saying_gives_an_unnamed_speaker(nlp):
    text = ('"The summit will be informal and short," the Yomiuri daily quoted a senior government official '
            'as saying.')
    assert run(nlp, text) == [("The summit will be informal and short,", "a senior government official", None)]


def test_the_daily_is_the_newspaper_named_earlier(nlp):
    text = ('Talks are planned for the spring, the Asahi newspaper said in an online report. "The prime minister '
            'wants a quick result," the daily wrote.')
    assert run(nlp, text)[0][1:] == ("Asahi", "Asahi")


def test_organisations_speak(nlp):
    text = ('"We intend to expand cooperation with our partners in the region," the Russian Foreign Ministry '
            'stated on Monday. "Security issues will be on the agenda," the ministry added.')
    assert speakers(nlp, text) == ["Russian Foreign Ministry", "Russian Foreign Ministry"]


def test_press_service_of_an_institution(nlp):
    text = '"Both leaders reviewed bilateral trade in detail," the Kremlin press office reported.'
    assert run(nlp, text)[0][1:] == ("Kremlin press office", "Kremlin")


def test_multi_sentence_quote_and_continuation(nlp):
    text = ('"The situation is difficult. We will not give up. Our position is clear," Prime Minister Taro '
            'Yamada said. "No documents will be signed this time."')
    assert run(nlp, text) == [
        ("The situation is difficult. We will not give up. Our position is clear,", "Taro Yamada", "Taro Yamada"),
        ("No documents will be signed this time.", "Taro Yamada", "Taro Yamada")]


def test_partial_quote_after_said_it_was_necessary(nlp):
    text = ('She was answering US envoy John Miller, who argued that it was essential to '
            '"tighten the sanctions on Moscow."')
    assert run(nlp, text) == [("tighten the sanctions on Moscow.", "John Miller", "John Miller")]


def test_nested_quotes(nlp):
    text = ('"He told me: \'We will help you,\' and I believe him," President Ivan Petrov said.')
    assert run(nlp, text)[0][:2] == ("He told me: 'We will help you,' and I believe him,", "Ivan Petrov")


def test_quote_in_the_dateline_sentence(nlp):
    text = ('MOSCOW, June 1. /TASS/. "We are ready for talks at any level," Deputy Foreign Minister Oleg Volkov '
            'told TASS on Monday.')
    assert speakers(nlp, text) == ["Oleg Volkov"]


def test_quoted_term_inside_narration_is_not_a_quote(nlp):
    text = ('Foreign Minister Oleg Volkov arrived on Friday. The two countries first met in the "two plus two" '
            'format in 2013.')
    assert run(nlp, text) == []


def test_quote_before_narration_by_someone_else(nlp):
    text = ('Minister Oleg Volkov said the talks were "very useful and constructive," while Ivan Petrov said '
            'nothing.')
    assert speakers(nlp, text) == ["Oleg Volkov"]


def test_the_source_added_is_the_last_unnamed_speaker(nlp):
    text = ('"It is a very important visit for us," a senior Japanese diplomat told TASS. "Tokyo hopes for '
            'concrete results," the source added.')
    assert speakers(nlp, text) == ["a senior Japanese diplomat", "a senior Japanese diplomat"]


def test_pronoun_after_a_quote_without_a_verb_of_saying(nlp):
    text = ('Ambassador Linda Green spoke first. Ambassador Ivan Petrov dismissed the claims as "groundless and '
            'absurd." "This is a propaganda show," he said.')
    assert speakers(nlp, text) == ["Ivan Petrov", "Ivan Petrov"]


def test_quote_running_over_paragraphs(nlp):
    text = ('Russia will respond, Foreign Ministry spokeswoman Maria Orlova said on Thursday.\n'
            '"We have repeatedly warned our Western colleagues about this.\n'
            '"Our response will be prompt and proportionate," the diplomat said.')
    assert speakers(nlp, text) == ["Maria Orlova", "Maria Orlova"]


def test_attribution_ending_the_paragraph_before_the_quote(nlp):
    text = 'Deputy Foreign Minister Oleg Volkov told reporters on Friday:\n"We are open to dialogue with everyone."'
    assert speakers(nlp, text) == ["Oleg Volkov"]


def test_dateline_is_not_the_speaker(nlp):
    text = ('LONDON, Sept 9 (Reuters) - British Prime Minister John Baker said on Wednesday that "we will not '
            'back down" in the dispute.')
    assert speakers(nlp, text) == ["John Baker"]


def test_name_closing_a_title_with_a_posting(nlp):
    # issue 18: "X's ambassador to the UN Y told ..." is Y, not the title
    text = 'Norway\'s Ambassador to the UN Erik Solberg told the newspaper that "this is a very important step."'
    assert speakers(nlp, text) == ["Erik Solberg"]


def test_spokesman_for_a_person_is_not_that_person(nlp):
    text = 'The spokesman for Lars Holm said: "We will study the text carefully before we vote."'
    assert speakers(nlp, text) != ["Lars Holm"]


def test_the_statement_speaks_for_the_office_that_issued_it(nlp):
    # issue 18: a document is a valid speaker, standing for the office that issued it
    text = ('Prime Minister Lars Holm spoke to his Danish counterpart on Monday, the Prime Minister\'s Office '
            'said in a statement.\n\n"Both leaders agreed to deepen their cooperation on energy," the statement '
            'read.')
    assert speakers(nlp, text) == ["Prime Minister's Office"]


def test_countered_reports_speech(nlp):
    text = 'Chancellor Karl Braun met the Russian leader on Sunday.\n\n"We still have no truce," Braun countered.'
    assert speakers(nlp, text) == ["Karl Braun"]


def test_hyphenated_office_describes_its_holder(nlp):
    # issue 18: "the Secretary-General" is the person named with that title before
    text = ('Secretary-General Ana Lopez opened the session on Monday. The treaties reflect what the '
            'Secretary-General calls “the central challenge of our age, to build a fairer order.”')
    assert speakers(nlp, text) == ["Ana Lopez"]
