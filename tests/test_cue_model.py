"""Tests for framing.annotate.attribution.cue_model: features, cue-span widening, threshold, the
shipped file."""

from __future__ import annotations

import json

import pytest

from framing.annotate.attribution.cue_model import (
    DEFAULT_MODEL_PATH,
    CueModel,
    cue_features,
    cue_head,
    quoted_mask,
    reporting_lexicon,
)
from framing.annotate.attribution.cues import LEARNED_CUE_ID
from framing.annotate.attribution.extract import AttributionExtractor
from framing.evaluation.train_cues import best_threshold, speech_quote_mask

#: A small hand-written model: the widening rules of the shipped file, toy weights.
WIDENING = CueModel(
    weights={},
    bias=0.0,
    widen_left=frozenset({"aux", "neg", "advmod"}),
    widen_right=frozenset({"prt"}),
    widen_phrase_objects=frozenset({"in statement", "in interview"}),
    widen_verb_preps=frozenset({"vote for", "respond to"}),
)


def _token(doc, text):
    return next(t for t in doc if t.text == text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, word, present, absent",
    [
        (
            "Kim said that the troops won.",
            "said",
            {"lemma=say", "child=ccomp", "lexicon", "subject=PERSON"},
            {"in_quote", "quote_in_sentence"},
        ),
        (
            '"We won," said Kim.',
            "said",
            {"lemma=say", "quote_in_sentence", "after_comma_or_quote"},
            {"in_quote"},
        ),
        (
            "Most voters want a new deal.",
            "want",
            {"lemma=want", "child=dobj"},
            {"lexicon", "child=ccomp"},
        ),
        # Negative: a plain noun has no lexicon feature and no clause child.
        ("The table was old.", "table", {"lemma=table", "dep=nsubj"}, {"lexicon", "child=ccomp"}),
    ],
)
def test_cue_features(trained_nlp, lexicons, text, word, present, absent):
    doc = trained_nlp(text)
    in_quote = speech_quote_mask(doc)
    token = _token(doc, word)
    features = set(cue_features(token, in_quote, any(in_quote), reporting_lexicon(lexicons)))
    assert present <= features
    assert not absent & features


@pytest.mark.model
@pytest.mark.parametrize(
    "text, head, expected",
    [
        ("He has not said anything.", "said", "has not said"),
        ("She said in a statement that the deal was off.", "said", "said in a statement"),
        ("Most Republicans voted for the bill.", "voted", "voted for"),
        ("The spokesman did not respond to questions.", "respond", "did not respond to"),
        # Negative: the subject and an ordinary place phrase stay out of the cue.
        ("Kim said in Pyongyang that the war was won.", "said", "said"),
        ("Officials repeatedly said it.", "said", "repeatedly said"),
    ],
)
def test_cue_span_widening(trained_nlp, text, head, expected):
    doc = trained_nlp(text)
    assert WIDENING.cue_span(_token(doc, head)).text == expected


@pytest.mark.model
def test_rule_widening_ignores_an_object_before_its_preposition(trained_nlp):
    # "what ... about": the pobj comes first; widening up to it gave an empty cue span.
    model = CueModel(weights={}, bias=0.0, widen_phrase_objects=frozenset({"about what"}))
    doc = trained_nlp("That is what he talked about.")
    assert model.cue_span(_token(doc, "talked")).text == "talked"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, span_text, head",
    [
        ("He has not said anything.", "has not said", "said"),
        ("Prices rose, according to the report.", "according to", "according"),
        ("She said in a statement that it was over.", "said in a statement", "said"),
    ],
)
def test_cue_head_of_a_gold_span(trained_nlp, text, span_text, head):
    doc = trained_nlp(text)
    start = text.index(span_text)
    span = doc.char_span(start, start + len(span_text))
    assert cue_head(span).text == head


@pytest.mark.model
@pytest.mark.parametrize("threshold, found", [(0.5, ["said"]), (0.99, [])])
def test_heads_respect_the_threshold(trained_nlp, threshold, found):
    model = CueModel(weights={"lemma=say": 4.0}, bias=-2.0, threshold=threshold)
    doc = trained_nlp("Kim said the table was old.")
    heads = model.heads(doc, [False] * len(doc), {})
    assert [t.text for t, _ in heads] == found


@pytest.mark.parametrize(
    "rows, expected_threshold, expected_f1",
    [
        # Two positives scored above every negative: the cut is at the lower positive.
        ([(["a"], True), (["b"], True), (["c"], False)], 0.7, 1.0),
        # Negative case: no positive at all gives F1 0 and the default threshold.
        ([(["c"], False), (["d"], False)], 0.5, 0.0),
    ],
)
def test_best_threshold(rows, expected_threshold, expected_f1):
    # The logistic of these weights: a -> 0.88, b -> 0.70, c -> 0.27, d -> 0.12.
    model = CueModel(weights={"a": 2.0, "b": 0.85, "c": -1.0, "d": -2.0}, bias=0.0)
    threshold, f1 = best_threshold(model, rows)
    assert threshold == pytest.approx(expected_threshold, abs=0.01)
    assert f1 == pytest.approx(expected_f1)


def test_quoted_mask_marks_tokens_inside_quotes(blank_nlp):
    doc = blank_nlp('He said "we won" today.')
    start = doc.text.index("we")
    mask = quoted_mask(doc, [(start, start + len("we won"))])
    assert [t.text for t in doc if mask[t.i]] == ["we", "won"]


def test_shipped_model_file_is_readable_and_has_provenance():
    data = json.loads(DEFAULT_MODEL_PATH.read_text(encoding="utf-8"))
    assert "PolNeAR train" in data["provenance"]["trained_on"]
    assert data["provenance"]["date"]
    model = CueModel.load()
    assert 0 < model.threshold < 1
    assert model.weights


def test_blank_pipeline_skips_the_learned_detector(blank_nlp, lexicons):
    extractor = AttributionExtractor(blank_nlp, lexicons)
    assert extractor.cue_model is None
    doc = extractor(blank_nlp("Kim said the troops fought bravely."))
    assert [a.cue.text for a in doc._.attributions] == ["said"]


@pytest.mark.model
def test_learned_cue_has_no_stance(trained_nlp, lexicons):
    # With the lexicon emptied, only the toy model finds "insisted": a learned cue on a word
    # no lexicon line judged carries no stance.
    model = CueModel(weights={"lemma=insist": 6.0}, bias=-3.0, threshold=0.5)
    extractor = AttributionExtractor(trained_nlp, lexicons, cue_model=model)
    extractor.cue_lexicon = {}
    extractor.cue_matcher = type(extractor.cue_matcher)(trained_nlp, [])
    doc = extractor(trained_nlp("The senator insisted that the vote was fair."))
    (attribution,) = doc._.attributions
    assert attribution.cue.text == "insisted"
    assert attribution.stance is None
    assert attribution.stance_entry_id == LEARNED_CUE_ID
    # A position, not words: no content record, but the span is written for PolNeAR scoring.
    assert attribution.content is None
    assert [span.label_ for span in doc.spans["content"]] == ["position"]
