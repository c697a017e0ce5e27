"""Comparison: grouping, intervals, pooled rates, log-odds (blank pipeline, fast); shared copy
is tested in test_shared_copy.py."""

from __future__ import annotations

import math

import numpy as np
import pytest
import spacy

from framing.compare.comparison import compare
from framing.compare.distinctive import distinctive_terms
from framing.compare.grouping import UNKNOWN_GROUP, group_articles
from framing.compare.log_odds import log_odds_dirichlet
from framing.compare.pooled import pooled_metrics
from framing.compare.statistics import bootstrap_interval
from framing.measure.analyzer import Analyzer
from framing.read.corpus import Article


@pytest.fixture(scope="module")
def blank_analyzer():
    return Analyzer(spacy.blank("en"))


def analyse(analyzer, articles):
    return list(analyzer.analyze_articles(articles))


def test_articles_without_an_outlet_go_under_unknown(blank_analyzer):
    analyses = analyse(blank_analyzer, [
        Article("a", "Kim said it.", outlet="B"), Article("b", "x said y.", outlet=""),
        Article("c", "Kim said it.", outlet="A"),
    ])  # fmt: skip
    assert list(group_articles(analyses, "outlet")) == ["A", "B", UNKNOWN_GROUP]
    assert group_articles(analyses, "story") == {UNKNOWN_GROUP: [0, 1, 2]}
    with pytest.raises(ValueError, match="cannot group by"):
        group_articles(analyses, "author")


@pytest.mark.parametrize("values", [[], [1.0], [1.0, 2.0], [1.0, math.nan, 2.0]])
def test_no_interval_below_three_articles(values):
    low, high = bootstrap_interval(values, np.random.default_rng(0))
    assert math.isnan(low) and math.isnan(high)


def test_bootstrap_interval_is_seeded_and_holds_the_mean():
    values = [0.1, 0.5, 0.9, 0.4, 0.6]
    first = bootstrap_interval(values, np.random.default_rng(7))
    again = bootstrap_interval(values, np.random.default_rng(7))
    assert first == again
    assert first[0] <= np.mean(values) <= first[1]


def test_zero_attributions_give_nan_rates_not_zero(blank_analyzer):
    analyses = analyse(blank_analyzer, [Article("a", "Nothing is attributed here at all.")])
    metrics = pooled_metrics(analyses, ["neutral"], ["government"])
    assert metrics["attribution_n"] == 0
    assert metrics["attribution_per_100_words"] == 0
    for name in ("attribution_named_source_share", "state_media_attribution_share",
                 "stance_share_neutral", "source_type_share_government",
                 "state_media_corroborated_share"):  # fmt: skip
        assert math.isnan(metrics[name]), name


def test_empty_group_metrics_are_nan_not_errors():
    metrics = pooled_metrics([], ["neutral"], ["government"])
    assert math.isnan(metrics["attribution_per_100_words"])


def test_log_odds_favours_the_group_that_uses_a_word():
    counts = np.array([[30.0, 30.0, 240.0], [0.0, 30.0, 270.0]])  # word 1: 10% in both
    prior = counts.sum(axis=0) / counts.sum() * 100
    z = log_odds_dirichlet(counts, prior)
    assert z[0, 0] > 1.96 and z[1, 0] < -1.96
    assert abs(z[0, 1]) < 1.0  # used alike: no preference


def test_distinctive_terms_mark_candidates_and_need_two_groups():
    texts = ["the despot ruled the despot land", "the president visited the land",
             "the despot again, the despot", "the president spoke, the president"]  # fmt: skip
    groups = {"A": [0, 2], "B": [1, 3]}
    result = distinctive_terms(texts, groups, known_terms={"despot"}, limit=5)
    a_terms = {t.term: t for t in result["A"]}
    assert "despot" in a_terms and a_terms["despot"].in_lexicon
    assert "president" in {t.term for t in result["B"]}
    assert all(not t.in_lexicon for t in result["B"])
    assert distinctive_terms(texts, {"A": [0, 1, 2, 3]}, set(), 5) == {"A": []}


def test_compare_links_records_to_their_sentences(blank_analyzer):
    text = "The sky is blue. Officials said the regime had fallen, according to KCNA."
    analyses = analyse(blank_analyzer, [Article("a", text, outlet="A"),
                                        Article("b", "Nothing here.", outlet="B")])  # fmt: skip
    comparison = compare(analyses)
    group = comparison.group("A")
    assert group.speakers, "the blank pipeline finds 'officials said'"
    ref = group.speakers[0].refs[0]
    sentence = analyses[ref.article].sentences[ref.sentence]
    assert "Officials" in sentence.text
    assert math.isnan(comparison.group("B").metrics["attribution_named_source_share"])
    assert [g.name for g in comparison.groups] == ["A", "B"]
    assert all(g.small_sample for g in comparison.groups)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The despot ordered it. Analysts were surprised.", ["the despot"]),
        ("A despot ordered it.", []),  # not in place of a name: no definite article
        ('"The despot lies," the minister said.', []),  # quoted: the speaker's word
        ("The weather was fine.", []),
    ],
)
def test_epithets_in_place_of_a_name(blank_analyzer, text, expected):
    analyses = analyse(blank_analyzer, [Article("a", text, outlet="A"),
                                        Article("b", "Nothing.", outlet="B")])  # fmt: skip
    comparison = compare(analyses)
    assert [row.key for row in comparison.group("A").epithets] == expected
