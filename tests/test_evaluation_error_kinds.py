"""Tests for framing.evaluation.error_kinds: a cause for each error, and counts by cause."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.annotate.attribution.cue_model import reporting_lexicon
from framing.evaluation.brat import BratAttribution, BratDocument, BratSpan
from framing.evaluation.error_kinds import (
    cause_counts,
    content_cause,
    cue_cause,
    source_cause,
    source_type_errors,
    with_causes,
)
from framing.evaluation.errors import FALSE_NEGATIVE, FALSE_POSITIVE, ErrorRow
from framing.evaluation.source_types import LabelledSource


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


#: (sentence, the gold cue in it, the cause of missing it), read by hand.
CUE_CASES = [
    ("Kim said the war was won.", "said", "verb_in_lexicon"),
    ("Kim mused that the war was won.", "mused", "verb_not_in_lexicon"),
    ("In a statement, Kim called the war won.", "statement", "noun_cue"),
    ("According to Kim, the war was won.", "According to", "according_to"),
    ("Kim: the war was won.", ":", "punctuation"),
]


@pytest.mark.model
@pytest.mark.parametrize("text, cue, expected", CUE_CASES)
def test_cue_cause(trained_nlp, lexicons, text, cue, expected):
    words = set(reporting_lexicon(lexicons))
    assert cue_cause(trained_nlp(text), *_at(text, cue), words) == expected


@pytest.mark.parametrize("text, cue, expected", [
    ("Kim said the war was won.", "said", "verb_in_lexicon"),
    ("Kim mused that the war was won.", "mused", "verb_not_in_lexicon"),
    ("Kim: the war was won.", ":", "punctuation"),
])
def test_cue_cause_without_a_tagger(blank_nlp, lexicons, text, cue, expected):
    words = set(reporting_lexicon(lexicons))
    assert cue_cause(blank_nlp(text), *_at(text, cue), words) == expected


@pytest.mark.parametrize("text, expected", [
    ("he", "pronoun"), ("who", "pronoun"), ("Kim Jong Un", "name"),
    ("the North Korean leader", "description"), ("analysts", "description"),
])
def test_source_cause(text, expected):
    assert source_cause(text) == expected


def _span(text, label, part, number):
    return BratSpan(f"T{number}", label, (_at(text, part),), part)


def test_content_causes(blank_nlp):
    text = ('Kim spoke on Friday. "We won the war." Officials said talks would resume. '
            '"It is over," Lee said.')
    document = BratDocument("a1", text, Path("a1_x.ann"), attributions=[
        # A quotation whose cue is in the sentence before: a floating quote.
        BratAttribution("E1", _span(text, "Cue", "spoke", 1), _span(text, "Source", "Kim", 2),
                        _span(text, "Content", "We won the war.", 3)),
        BratAttribution("E2", _span(text, "Cue", "said", 4), _span(text, "Source", "Officials", 5),
                        _span(text, "Content", "talks would resume", 6)),
        BratAttribution("E3", _span(text, "Cue", "Lee said", 7), _span(text, "Source", "Lee", 8),
                        _span(text, "Content", "It is over,", 9)),
    ])
    doc = blank_nlp(text)
    causes = [content_cause(document, a.content.pieces, doc) for a in document.attributions]
    assert causes == ["floating_quote", "reported_speech", "direct_quote"]


def test_with_causes_marks_a_source_missed_with_its_cue(blank_nlp, lexicons):
    text = "Kim mused that the war was won."
    document = BratDocument("a1", text, Path("a1_x.ann"), attributions=[
        BratAttribution("E1", _span(text, "Cue", "mused", 1), _span(text, "Source", "Kim", 2),
                        _span(text, "Content", "the war was won", 3)),
    ])
    rows = [
        ErrorRow("a1", component, "all", "overlap", FALSE_NEGATIVE, part, *_at(text, part), "")
        for component, part in (("cue", "mused"), ("source", "Kim"))
    ]
    doc = blank_nlp(text)
    doc._.attributions = []
    caused = with_causes(rows, document, doc, set(reporting_lexicon(lexicons)))
    assert [r.cause for r in caused] == ["verb_not_in_lexicon", "name_cue_missed"]


def test_a_false_positive_says_how_it_was_found(blank_nlp, blank_extractor, lexicons):
    text = "Kim said the war was won."
    doc = blank_extractor(blank_nlp(text))
    (attribution,) = doc._.attributions
    cue = attribution.cue
    row = ErrorRow("a1", "cue", "all", "overlap", FALSE_POSITIVE, cue.text, cue.start, cue.end, "")
    document = BratDocument("a1", text, Path("a1_x.ann"))
    (caused,) = with_causes([row], document, doc, set())
    assert caused.cause == f"lexicon:{attribution.kind}"


def test_source_type_errors_are_the_wrong_pairs_only():
    text = "Cruz said so. Kim said so."
    right = LabelledSource("dev", "a1", 14, 17, "government", "Kim")
    wrong = LabelledSource("dev", "a1", 0, 4, "political", "Cruz")
    rows = source_type_errors("a1", text, [(right, "government"), (wrong, "government")])
    assert [(r.text, r.cause) for r in rows] == [("Cruz", "political->government")]


def test_cause_counts():
    def row(component, kind, cause):
        return ErrorRow("a", component, "all", "overlap", kind, "", 0, 0, "", cause=cause)

    rows = [row("cue", FALSE_NEGATIVE, "noun_cue"), row("cue", FALSE_NEGATIVE, "noun_cue"),
            row("cue", FALSE_NEGATIVE, "punctuation"), row("source", FALSE_POSITIVE, "")]
    assert cause_counts(rows) == [
        ("cue", "overlap", FALSE_NEGATIVE, "noun_cue", 2),
        ("cue", "overlap", FALSE_NEGATIVE, "punctuation", 1),
        ("source", "overlap", FALSE_POSITIVE, "-", 1),
    ]


@pytest.mark.parametrize("cue, expected", [
    ("said", "cue_in_lexicon"), ("told reporters", "cue_in_lexicon"),
    ("mused", "cue_not_in_lexicon"), ("according to", "according_to"), (":", "punctuation"),
    ("", "no_cue"),
])
def test_cue_string_cause(lexicons, cue, expected):
    from framing.evaluation.error_kinds import cue_string_cause

    assert cue_string_cause(cue, set(reporting_lexicon(lexicons))) == expected
