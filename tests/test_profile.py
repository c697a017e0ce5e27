"""The sourcing and framing profile: criteria file validation and points."""

from __future__ import annotations

import math

import pytest

from framing.compare.profile import (
    DEFAULT_CRITERIA,
    CriteriaError,
    Criterion,
    check_metrics,
    default_criteria,
    load_criteria,
    points_for,
    score_profile,
)


def _criterion(**changes) -> Criterion:
    fields = dict(id="c", label="C", metric="m", points=10, zero_at=0.0, full_at=1.0,
                  explanation="why it matters")  # fmt: skip
    return Criterion(**(fields | changes))


@pytest.mark.parametrize(
    "zero_at, full_at, value, points",
    [
        (0.0, 1.0, 0.5, 5.0),
        (0.0, 1.0, 2.0, 10.0),  # clipped at full points
        (0.0, 1.0, -1.0, 0.0),  # clipped at none
        (10.0, 0.0, 2.5, 7.5),  # lower is better
    ],
)
def test_points_are_linear_between_the_two_ends(zero_at, full_at, value, points):
    assert points_for(_criterion(zero_at=zero_at, full_at=full_at), value) == points


def test_a_criterion_with_no_evidence_is_left_out_of_total_and_maximum():
    criteria = default_criteria()
    profile = score_profile(criteria, {"attribution_per_100_words": 1.0})
    assert profile.maximum == 20  # only sourcing depth had evidence
    assert profile.total == 10
    assert sum(not s.applicable for s in profile.scores) == len(criteria.criteria) - 1
    assert all(math.isnan(s.points) for s in profile.scores if not s.applicable)


@pytest.mark.parametrize(
    "text, message",
    [
        ("name: x\ndisclaimer: y\ncriteria: []\n", "criteria"),
        ("name: x\ndisclaimer: y\nrating: 5\ncriteria: [{id: a, label: A, metric: m, points: 5, "
         "zero_at: 0, full_at: 1, explanation: why not}]\n", "Extra inputs"),
        ("name: x\ndisclaimer: y\ncriteria:\n  - {id: a, label: A, metric: m, points: 5, "
         "zero_at: 1, full_at: 1, explanation: why not}\n", "must differ"),
        ("name: [unclosed\n", "invalid YAML"),
    ],
)  # fmt: skip
def test_bad_criteria_files_give_one_clear_error(tmp_path, text, message):
    path = tmp_path / "criteria.yaml"
    path.write_text(text)
    with pytest.raises(CriteriaError, match=message):
        load_criteria(path)


def test_unknown_metric_is_reported_with_the_known_ones():
    with pytest.raises(CriteriaError, match="unknown metric"):
        check_metrics(default_criteria(), {"attribution_per_100_words"})


def test_shipped_criteria_are_valid_and_disclaim_a_truth_rating():
    criteria = load_criteria(DEFAULT_CRITERIA)
    assert "not a rating of truthfulness" in criteria.disclaimer
