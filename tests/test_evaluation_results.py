"""Tests for framing.evaluation.results: the common result shape and its rendering."""

from __future__ import annotations

import json
import math

import pytest

from framing.evaluation.results import EvaluationResult, ScoreRow, markdown_table
from framing.report.accuracy import number


@pytest.mark.parametrize(
    "matched, gold, pred, expected",
    [
        (3, 3, 3, (1.0, 1.0, 1.0)),  # perfect
        (0, 3, 2, (0.0, 0.0, 0.0)),  # entirely wrong
        (1, 2, 4, (0.25, 0.5, 1 / 3)),
    ],
)
def test_row_from_counts(matched, gold, pred, expected):
    row = ScoreRow.from_counts("cue", "all", "exact", n_matched=matched, n_gold=gold, n_pred=pred)
    assert (row.precision, row.recall, row.f1) == pytest.approx(expected)


def test_empty_predictions_have_no_precision():
    row = ScoreRow.from_counts("cue", "all", "exact", n_matched=0, n_gold=4, n_pred=0)
    assert math.isnan(row.precision) and row.recall == 0.0 and math.isnan(row.f1)


def test_row_without_gold_count_is_precision_only():
    row = ScoreRow.from_counts("source", "government", "overlap", n_matched=3, n_gold=None,
                               n_pred=4)
    assert row.precision == 0.75 and math.isnan(row.recall) and math.isnan(row.f1)
    assert row.as_dict()["recall"] is None and row.as_dict()["n_gold"] is None


def test_result_as_json_and_row_lookup():
    row = ScoreRow.from_counts("cue", "all", "exact", n_matched=0, n_gold=0, n_pred=0,
                               extra={"macro_f1": math.nan})
    result = EvaluationResult("gold", "brat", ("attribution",), 1, rows=[row])
    payload = json.loads(json.dumps(result.as_dict()))
    assert payload["rows"][0]["precision"] is None and payload["rows"][0]["macro_f1"] is None
    assert result.row("cue", "exact") is row
    with pytest.raises(KeyError):
        result.row("cue", "overlap")


def test_number_and_markdown():
    assert number(math.nan) == "n/a" and number(None) == "n/a"
    assert number(0.12345) == "0.123" and number(7) == "7"
    row = ScoreRow.from_counts("cue", "all", "exact", n_matched=1, n_gold=2, n_pred=2)
    assert "| cue | all | exact | 0.500 | 0.500 | 0.500 | 2 | 2 | 1 |" in markdown_table([row])
