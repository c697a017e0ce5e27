"""Tests for framing.sentences: sentence-boundary hints for quotes and line breaks."""

from __future__ import annotations

import pytest
import spacy

from framing.sentences import add_sentence_hints


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
    from framing.model import load_model

    nlp = load_model(exclude=("ner", "lemmatizer"))  # a fresh copy: the fixture is shared
    add_sentence_hints(nlp)
    names = nlp.pipe_names
    assert names.index("framing_sentence_hints") < names.index("parser")
