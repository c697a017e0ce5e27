"""Tests for framing.annotate.sentences: sentence-boundary hints for quotes and line breaks."""

from __future__ import annotations

import pytest
import spacy

from framing.annotate.sentences import add_sentence_hints


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    add_sentence_hints(pipeline)
    return pipeline


@pytest.mark.parametrize(
    "text, sentences",
    [
        (  # the closing quote stays with its sentence; the opening one starts the next
            '"We will win." He left.',
            ['"We will win."', "He left."],
        ),
        (
            '"All of you worked," Kim said. "We will win."',
            ['"All of you worked," Kim said.', '"We will win."'],
        ),
        ("Military alliance\nKim is due to stand.", ["Military alliance", "Kim is due to stand."]),
        ("One.\n\nTwo.", ["One.", "Two."]),
        # negative: a quote mark inside a sentence does not split it
        ('He called it "a miracle" on Friday.', ['He called it "a miracle" on Friday.']),
        ('Kim said "no."', ['Kim said "no."']),
    ],
)
def test_sentence_hints(nlp, text, sentences):
    assert [s.text.strip() for s in nlp(text).sents] == sentences


@pytest.mark.model
def test_hints_go_before_the_parser(trained_nlp):
    from framing.annotate.model import load_model

    nlp = load_model(exclude=("ner", "lemmatizer"))  # a fresh copy: the fixture is shared
    add_sentence_hints(nlp)
    names = nlp.pipe_names
    assert names.index("framing_sentence_hints") < names.index("parser")


# ---- the array versions give what the per-token rules and spaCy's Sentencizer give ---------

_ARRAY_CASES = [
    '"We will win." He left.',
    '"All of you worked," Kim said. "We will win."',
    "Military alliance\nKim is due to stand.",
    "One.\n\nTwo.",
    "One.  \n  \"Two,\" he said.\u2019 Three!",
    'He said: "It is over." "Yes." \u201cNo,\u201d said Mr. Smith.',
    "Wait\u2026 what? (Really.) Yes!",
    "",
    "x",
    ".",
    '"',
    # negative: nothing to split
    'He called it "a miracle" on Friday.',
    'Kim said "no."',
]


def _reference(text: str, sentencizer: bool):
    from spacy.pipeline import Sentencizer

    from framing.annotate.sentences import _set_hints_per_token

    doc = spacy.blank("en").make_doc(text)
    if sentencizer:
        Sentencizer()(doc)
    _set_hints_per_token(doc)
    return [token.sent_start for token in doc]


@pytest.mark.parametrize("text", _ARRAY_CASES)
def test_rule_sentences_match_sentencizer_and_hints(text):
    from framing.annotate.sentences import rule_sentences

    doc = rule_sentences(spacy.blank("en").make_doc(text), text)
    assert [token.sent_start for token in doc] == _reference(text, sentencizer=True)


@pytest.mark.parametrize("text", _ARRAY_CASES)
def test_hints_alone_match_per_token_rules(text):
    from framing.annotate.sentences import set_sentence_hints

    doc = set_sentence_hints(spacy.blank("en").make_doc(text))
    assert [token.sent_start for token in doc] == _reference(text, sentencizer=False)


@pytest.mark.parametrize("text", _ARRAY_CASES)
def test_sentence_bounds_match_doc_sents(nlp, text):
    from framing.annotate.sentences import sentence_bounds, sentence_char_bounds

    doc = nlp(text)
    assert sentence_bounds(doc) == [(s.start, s.end) for s in doc.sents]
    assert sentence_char_bounds(doc) == [(s.start_char, s.end_char) for s in doc.sents]


@pytest.mark.parametrize(
    "text, start, end",
    [
        ('He said: "No. Definitely not." Then he left.', 4, 9),  # crosses a boundary
        ("One. Two. Three.", 2, 3),
        ("One. Two. Three.", 0, 1),
        ("One. Two. Three.", 5, 6),
        ("One.", 1, 1),  # empty
    ],
)
def test_sentence_lookup_is_span_sent(nlp, text, start, end):
    from framing.annotate.records import TextSpan
    from framing.annotate.sentences import SentenceLookup

    doc = nlp(text)
    span = doc[start:end]
    assert SentenceLookup(doc).of(span) == TextSpan.of(span.sent)


def test_sentence_lookup_without_sentences():
    from framing.annotate.records import TextSpan
    from framing.annotate.sentences import SentenceLookup

    doc = spacy.blank("en")("One. Two.")
    assert SentenceLookup(doc).of(doc[2:3]) == TextSpan(0, 9, "One. Two.")
