"""Tests for framing.compare.log_odds: Monroe et al.'s log-odds with an informative Dirichlet
prior."""

from __future__ import annotations

import numpy as np
import pytest

from framing.compare.log_odds import distinctive_terms, log_odds_z_scores


def test_planted_word_ranks_first():
    vocabulary = ["the", "said", "regime", "government", "troops"]
    focus = np.array([100, 20, 15, 1, 10])
    reference = np.array([100, 20, 1, 15, 10])
    terms = distinctive_terms(vocabulary, focus, reference, top=3)
    assert terms[0].term == "regime"
    assert "government" not in [t.term for t in terms]  # over-used by the reference instead


def test_equal_use_scores_zero_and_is_not_distinctive():
    z = log_odds_z_scores(np.array([10, 10]), np.array([10, 10]))
    assert z == pytest.approx([0.0, 0.0])
    assert distinctive_terms(["a", "b"], np.array([10, 10]), np.array([10, 10])) == []


def test_frequent_difference_beats_rare_one_of_same_ratio():
    # The same 3:1 ratio is stronger evidence at 300:100 than at 3:1.
    focus = np.array([3, 300, 1000])
    reference = np.array([1, 100, 1000])
    z = log_odds_z_scores(focus, reference)
    assert z[1] > z[0] > 0


@pytest.mark.parametrize(
    "focus, reference",
    [(np.array([0, 0]), np.array([0, 0])), (np.array([5, 0]), np.array([0, 5]))],
)
def test_degenerate_counts_give_finite_scores(focus, reference):
    assert np.all(np.isfinite(log_odds_z_scores(focus, reference)))


def test_min_count_drops_single_occurrences():
    vocabulary = ["once", "often", "filler"]
    focus, reference = np.array([1, 9, 90]), np.array([0, 5, 95])
    assert log_odds_z_scores(focus, reference)[0] > 0  # over-used, but seen once only
    terms = distinctive_terms(vocabulary, focus, reference, min_count=2)
    assert [t.term for t in terms] == ["often"]


def test_mismatched_vocabularies_are_refused():
    with pytest.raises(ValueError):
        log_odds_z_scores(np.array([1, 2]), np.array([1, 2, 3]))
