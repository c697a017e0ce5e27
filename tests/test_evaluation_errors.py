"""Tests for framing.evaluation.errors: false positives and negatives in context, as CSV."""

from __future__ import annotations

import csv

from framing.evaluation.errors import (
    FALSE_NEGATIVE,
    FALSE_POSITIVE,
    context_around,
    unmatched_span_errors,
    write_errors_csv,
)
from framing.evaluation.matching import match_spans

TEXT = "Kim said the war was won.\nAnalysts say the troops were tired."


def test_context_marks_the_item_and_keeps_one_line():
    context = context_around(TEXT, 4, 8, width=10)
    assert context == "Kim [[said]] the war w…"
    assert "\n" not in context_around(TEXT, 26, 34, width=40)


def test_unmatched_gold_and_predictions_become_rows():
    gold = [(4, 8), (35, 38)]  # "said", "say"
    pred = [(4, 8), (0, 3)]  # "said", "Kim"
    pairs = match_spans(TEXT, gold, pred, mode="exact")
    rows = unmatched_span_errors("doc", TEXT, gold, pred, pairs, component="cue", match="exact")
    assert [(r.kind, r.text) for r in rows] == [(FALSE_NEGATIVE, "say"), (FALSE_POSITIVE, "Kim")]
    assert rows[0].start == 35 and rows[0].document == "doc"


def test_discontinuous_span_is_one_row_with_its_pieces():
    (row,) = unmatched_span_errors(
        "doc", TEXT, [((0, 3), (9, 12))], [], [], component="content", match="overlap"
    )
    assert row.text == "Kim … the" and (row.start, row.end) == (0, 12)


def test_no_predictions_every_gold_is_a_false_negative():
    rows = unmatched_span_errors("d", TEXT, [(0, 3), (4, 8)], [], [], component="cue",
                                 match="exact")
    assert {r.kind for r in rows} == {FALSE_NEGATIVE} and len(rows) == 2


def test_write_errors_csv(tmp_path):
    rows = unmatched_span_errors("d", TEXT, [(0, 3)], [(4, 8)], [], component="cue",
                                 match="exact")
    path = tmp_path / "errors.csv"
    assert write_errors_csv(path, rows) == 2
    with open(path, encoding="utf-8", newline="") as handle:
        read = list(csv.DictReader(handle))
    assert [r["kind"] for r in read] == [FALSE_NEGATIVE, FALSE_POSITIVE]
    assert read[1]["context"].startswith("Kim [[said]]")
