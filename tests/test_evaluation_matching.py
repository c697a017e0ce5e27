"""Tests for framing.evaluation.matching: exact and overlap span matching, one-to-one."""

from __future__ import annotations

import math

import pytest

from framing.evaluation.matching import (
    exact_key,
    match_spans,
    overlap_ratio,
    score_spans,
    span_tokens,
    sum_scores,
    trim,
)

TEXT = 'Kim said, "We won the war." Analysts say: troops are tired.'


def at(phrase, text=TEXT):
    start = text.index(phrase)
    return (start, start + len(phrase))


@pytest.mark.parametrize(
    "gold, pred, expected",
    [
        ("said", "said,", True),  # trailing punctuation is trimmed
        ('"We won the war."', "We won the war", True),  # quote marks and full stop too
        ("said", "Kim said", False),
        ("We won the war", "won the war", False),
    ],
)
def test_exact_trims_punctuation_and_whitespace(gold, pred, expected):
    assert (exact_key(TEXT, at(gold)) == exact_key(TEXT, at(pred))) is expected


def test_trim_keeps_a_punctuation_only_span():
    colon = TEXT.index(":")
    assert trim(TEXT, colon, colon + 1) == (colon, colon + 1)
    assert span_tokens(TEXT, (colon, colon + 1)) == {(colon, colon + 1)}


@pytest.mark.parametrize(
    "gold, pred, ratio",
    [
        ("We won the war", "We won the war", 1.0),
        ("We won the war", "won the war", 0.75),
        ("said", "Kim said", 0.5),  # max(|gold|, |pred|) in the denominator
        ("Analysts", "troops", 0.0),
    ],
)
def test_overlap_ratio(gold, pred, ratio):
    assert overlap_ratio(TEXT, at(gold), at(pred)) == pytest.approx(ratio)


def test_overlap_threshold_is_inclusive_and_configurable():
    assert match_spans(TEXT, [at("said")], [at("Kim said")]) == [(0, 0)]
    assert match_spans(TEXT, [at("said")], [at("Kim said")], threshold=0.6) == []


def test_each_gold_matches_at_most_one_prediction_by_best_ratio():
    gold = [at("We won the war")]
    pred = [at("won the war"), at("We won the war")]
    assert match_spans(TEXT, gold, pred) == [(0, 1)]
    scores = score_spans(TEXT, gold, pred)
    assert (scores.n_matched, scores.precision, scores.recall) == (1, 0.5, 1.0)


def test_discontinuous_gold_span():
    pieces = [at("Analysts"), at("troops are tired")]
    assert overlap_ratio(TEXT, pieces, at("troops are tired")) == pytest.approx(0.75)
    assert match_spans(TEXT, [pieces], [tuple(pieces)], mode="exact") == [(0, 0)]


def test_empty_sets_give_nan_not_errors():
    scores = score_spans(TEXT, [], [])
    assert math.isnan(scores.precision) and math.isnan(scores.recall) and math.isnan(scores.f1)
    assert score_spans(TEXT, [at("said")], []).recall == 0.0


def test_sum_scores_is_a_micro_average():
    a = score_spans(TEXT, [at("said")], [at("said")])
    b = score_spans(TEXT, [at("say")], [at("Analysts")])
    total = sum_scores([a, b])
    assert (total.n_gold, total.n_pred, total.n_matched) == (2, 2, 1)
    assert total.f1 == pytest.approx(0.5)


def test_unknown_mode_is_an_error():
    with pytest.raises(ValueError, match="unknown matching mode"):
        match_spans(TEXT, [], [], mode="fuzzy")


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (((10, 15), (0, 5)), ((0, 5), (10, 15)), True),  # brat may list pieces in any order
        (((0, 5), (10, 15)), ((0, 5), (10, 15)), True),
        (((10, 15), (0, 5)), ((0, 15),), False),  # the gap between pieces is not the span's
        (((10, 15), (0, 5)), ((0, 5), (10, 14)), False),
    ],
)
def test_exact_pieces_match_in_any_order(gold, pred, expected):
    text = "aaaaa.....bbbbb....."
    assert (exact_key(text, gold) == exact_key(text, pred)) is expected
