"""Tests for framing.evaluation.spans_format: SemEval-2020 Task 11 style gold spans."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from framing.evaluation.spans_format import (
    SEMEVAL,
    evaluate_spans,
    merge_overlapping,
    parse_label_lines,
    parse_label_map,
    partial_credit,
    read_spans_corpus,
)

FIXTURE = Path(__file__).parent / "fixtures" / "spans"
# "The dictator crushed the protests.\nOfficials met on Friday.\n": the blank pipeline and the
# shipped lexicons find exactly one loaded term in it, "dictator" at 4-12.
TEXT = "The dictator crushed the protests.\nOfficials met on Friday.\n"


def write_corpus(folder: Path, labels: list[tuple[str, int, int]], text: str = TEXT) -> Path:
    (folder / "article7.txt").write_text(text, encoding="utf-8")
    lines = "".join(f"7\t{label}\t{start}\t{end}\n" for label, start, end in labels)
    (folder / "gold.labels").write_text(lines, encoding="utf-8")
    return folder


def test_read_fixture_corpus():
    articles = read_spans_corpus(FIXTURE).articles
    assert [a.id for a in articles] == ["1001", "1002"]
    assert articles[0].spans == {"Loaded_Language": [(4, 12)], "Doubt": [(35, 44)]}
    assert articles[0].text[4:12] == "dictator"


def test_read_one_labels_file_finds_articles_beside_it():
    articles = read_spans_corpus(FIXTURE / "dev.labels").articles
    assert len(articles) == 2 and articles[1].spans == {"Name_Calling,Labeling": [(4, 13)]}


@pytest.mark.parametrize(
    "line, error",
    [("1\tLoaded_Language\t4", "expected ID"), ("1\tLoaded_Language\tfour\t9", "integers")],
)
def test_bad_label_lines_name_the_line(line, error):
    with pytest.raises(ValueError, match=f"labels:1: .*{error}"):
        parse_label_lines(line)


def test_spans_for_a_missing_article_are_an_error(tmp_path):
    write_corpus(tmp_path, [])
    (tmp_path / "more.labels").write_text("8\tLoaded_Language\t0\t3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="article 8 has spans but no article file"):
        read_spans_corpus(tmp_path)


def test_only_articles_covered_by_labels_are_scored(tmp_path):
    """SemEval's layout: per-article TC files (an empty one still counts), task-1 SI files
    without labels, and test articles with no labels at all."""
    for article_id in ("1", "2", "3"):
        (tmp_path / f"article{article_id}.txt").write_text("Some text.\n", encoding="utf-8")
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "article1.task2-TC.labels").write_text("1\tLoaded_Language\t0\t4\n")
    (labels / "article2.task2-TC.labels").write_text("")
    (labels / "article1.task1-SI.labels").write_text("1\t0\t4\n")
    corpus = read_spans_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["1", "2"]
    assert corpus.unlabelled == 1 and len(corpus.skipped_files) == 1


def test_label_map_splits_at_the_last_equals_sign():
    assert parse_label_map(["Name_Calling,Labeling=*", "Loaded_Language=pejorative_label",
                            "Loaded_Language=*"]) == {
        "Name_Calling,Labeling": ("*",),
        "Loaded_Language": ("pejorative_label", "*"),
    }
    with pytest.raises(ValueError, match="GOLD_LABEL=CATEGORY"):
        parse_label_map(["Loaded_Language"])


def test_unknown_category_is_an_error(tmp_path, blank_nlp, lexicons):
    write_corpus(tmp_path, [("Loaded_Language", 4, 12)])
    with pytest.raises(ValueError, match="unknown loaded-term category"):
        evaluate_spans(tmp_path, blank_nlp, lexicons, label_map={"Loaded_Language": ["insult"]})


def test_merge_and_partial_credit():
    assert merge_overlapping([(5, 10), (0, 3), (8, 12), (12, 14)]) == [(0, 3), (5, 12), (12, 14)]
    # Prediction 0-10 against gold 5-15: half of each is shared.
    assert partial_credit([(5, 15)], [(0, 10)]) == (0.5, 0.5)
    assert partial_credit([(0, 4)], [(0, 2), (2, 4)]) == (2.0, 1.0)
    assert partial_credit([], [(0, 2)]) == (0.0, 0.0)


def test_fixture_scores(blank_nlp, lexicons):
    result = evaluate_spans(FIXTURE, blank_nlp, lexicons)
    overall = result.row("loaded_span", "exact")
    assert (overall.n_gold, overall.n_pred, overall.n_matched) == (2, 1, 1)
    assert overall.precision == 1.0 and overall.recall == 0.5
    assert result.row("loaded_span", "exact", "Loaded_Language").f1 == 1.0
    # The "Doubt" span is not mapped, so it is not scored; the missed "committee" is an error.
    assert [(e.document, e.text) for e in result.errors if e.match == "exact"] == [
        ("article1002", "committee")
    ]


@pytest.mark.parametrize("mode", ["exact", "overlap", SEMEVAL])
def test_perfect_prediction_scores_one(tmp_path, blank_nlp, lexicons, mode):
    write_corpus(tmp_path, [("Loaded_Language", 4, 12)])
    row = evaluate_spans(tmp_path, blank_nlp, lexicons).row("loaded_span", mode)
    assert (row.precision, row.recall, row.f1) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize("mode", ["exact", "overlap", SEMEVAL])
def test_entirely_wrong_prediction_scores_zero(tmp_path, blank_nlp, lexicons, mode):
    write_corpus(tmp_path, [("Loaded_Language", 52, 58)])  # "Friday": no loaded term there
    row = evaluate_spans(tmp_path, blank_nlp, lexicons).row("loaded_span", mode)
    assert (row.precision, row.recall, row.f1) == (0.0, 0.0, 0.0)


def test_partial_overlap_counts_under_overlap_and_semeval_only(tmp_path, blank_nlp, lexicons):
    write_corpus(tmp_path, [("Loaded_Language", 0, 12)])  # "The dictator" against "dictator"
    result = evaluate_spans(tmp_path, blank_nlp, lexicons)
    assert result.row("loaded_span", "exact").f1 == 0.0
    assert result.row("loaded_span", "overlap").f1 == 1.0  # 1 shared token of max 2: 0.5
    semeval = result.row("loaded_span", SEMEVAL)
    assert semeval.precision == 1.0 and semeval.recall == pytest.approx(8 / 12)


def test_one_gold_span_matches_one_prediction(tmp_path, blank_nlp, lexicons):
    # Two gold spans over the same word: the one prediction matches only one of them.
    write_corpus(tmp_path, [("Loaded_Language", 4, 12), ("Name_Calling,Labeling", 4, 20)])
    row = evaluate_spans(tmp_path, blank_nlp, lexicons).row("loaded_span", "overlap")
    assert (row.n_gold, row.n_pred, row.n_matched) == (2, 1, 1)


def test_no_predictions_gives_zero_recall_and_no_precision(tmp_path, blank_nlp, lexicons):
    write_corpus(tmp_path, [("Loaded_Language", 4, 13)], text="The committee met.\n")
    row = evaluate_spans(tmp_path, blank_nlp, lexicons).row("loaded_span", "exact")
    assert row.n_pred == 0 and row.recall == 0.0
    assert math.isnan(row.precision) and math.isnan(row.f1)
