"""One definition of each metric's name and label (issue #14): every metric the report names
is a column the pipeline writes, and the overview's labels read as before."""

from __future__ import annotations

import pytest
import spacy

from framing.compare.pooled import pooled_metrics
from framing.measure.analyzer import Analyzer
from framing.measure.metrics import HEADLINE_METRICS, METRICS, Metric, stance_share
from framing.read.corpus import Article


@pytest.fixture(scope="module")
def analyses():
    article = Article("a", 'Officials said the regime fell. "We won," Kim said.', outlet="X")
    return list(Analyzer(spacy.blank("en")).analyze_articles([article]))


def test_every_named_metric_is_a_pooled_column(analyses):
    pooled = pooled_metrics(analyses, ["neutral"], ["official"])
    assert sorted(set(METRICS) - set(pooled)) == []
    assert stance_share("neutral").name in pooled


def test_every_headline_metric_is_a_per_article_feature(analyses):
    # The overview's figures are means of per-article features, bootstrapped per outlet.
    assert sorted(set(HEADLINE_METRICS) - set(analyses[0].features)) == []


@pytest.mark.parametrize(
    ("name", "headline"),
    [
        ("attribution_per_100_words", "Attributions per 100 words"),
        ("attribution_named_source_share", "Named sources (share)"),
        ("attribution_n_distinct_sources", "Distinct sources per article"),
        ("unsourced_assertion_share", "Unsourced factual assertions (share)"),
    ],
)
def test_headline_label_says_what_a_mean_per_article_is(name, headline):
    assert HEADLINE_METRICS[name] == headline


def test_a_unit_outside_the_three_is_refused():
    with pytest.raises(ValueError, match="unit"):
        Metric("x_n", "x", "percent", "")
