"""Tests for ``framing evaluate`` and the evaluate() entry point behind it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import framing.cli.evaluate as evaluate_command
from framing.cli import app
from framing.evaluation.run import evaluate

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures"
GOLD = {
    "brat": FIXTURES / "brat" / "dev",
    "babe": FIXTURES / "babe_sample.csv",
    "spans": FIXTURES / "spans",
    "quotes-jsonl": FIXTURES / "quotes.jsonl",
}


@pytest.fixture
def blank_pipeline(monkeypatch, blank_nlp, lexicons):
    """The command runs on the blank pipeline: fast, and the fixtures' scores are known."""
    monkeypatch.setattr(evaluate_command, "_load", lambda model, overlays: (blank_nlp, lexicons))


def test_help_states_the_matching_rules_and_an_example():
    result = runner.invoke(app, ["evaluate", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for words in ("one-to-one", "Exact", "Overlap", "semeval", "0.3", "Example"):
        assert words in result.output


@pytest.mark.parametrize("fmt", sorted(GOLD))
def test_each_format_prints_a_table(blank_pipeline, fmt):
    result = runner.invoke(app, ["evaluate", str(GOLD[fmt]), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert " F1 " in result.output and "documents)" in result.output


@pytest.mark.parametrize("fmt", sorted(GOLD))
def test_json_and_errors_csv(blank_pipeline, tmp_path, fmt):
    errors = tmp_path / "errors.csv"
    result = runner.invoke(
        app, ["evaluate", str(GOLD[fmt]), "--format", fmt, "--json", "--errors", str(errors)]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["format"] == fmt and payload["rows"]
    assert {"precision", "recall", "f1", "n_gold", "n_pred"} <= set(payload["rows"][0])
    with open(errors, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == payload["n_errors"]


def test_brat_exact_only(blank_pipeline):
    result = runner.invoke(app, ["evaluate", str(GOLD["brat"]), "--format", "brat", "--match",
                                 "exact", "--json"])
    assert {row["match"] for row in json.loads(result.stdout)["rows"]} == {"exact"}


def test_spans_label_option(blank_pipeline):
    result = runner.invoke(app, ["evaluate", str(GOLD["spans"]), "--format", "spans",
                                 "--label", "Loaded_Language=pejorative_label", "--json"])
    categories = {row["category"] for row in json.loads(result.stdout)["rows"]}
    assert categories == {"all", "Loaded_Language"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "brat", "--task", "loaded"], "does not apply to brat"),
        (["--format", "babe", "--match", "exact"], "does not apply to babe"),
        (["--format", "brat", "--label", "Loaded_Language=*"], "only applies to --format spans"),
        (["--format", "brat", "--threshold", "0"], "--threshold"),
    ],
)
def test_bad_combinations_are_usage_errors(blank_pipeline, args, message):
    fmt = args[1]
    result = runner.invoke(app, ["evaluate", str(GOLD[fmt]), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_wrong_layout_is_one_error_line(blank_pipeline, tmp_path):
    result = runner.invoke(app, ["evaluate", str(tmp_path), "--format", "brat"])
    assert result.exit_code == 2 and "no 'text' folder" in result.output


def test_evaluate_stamps_model_and_lexicons(blank_nlp, lexicons):
    result = evaluate(GOLD["spans"], "spans", blank_nlp, lexicons, match="overlap")
    assert result.model and result.lexicon_version == lexicons.version
    assert {row.match for row in result.rows} == {"overlap", "semeval"}


@pytest.mark.model
def test_brat_with_the_trained_pipeline(tmp_path):
    result = runner.invoke(app, ["evaluate", str(GOLD["brat"]), "--format", "brat", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    cue = next(r for r in rows if r["component"] == "cue" and r["match"] == "overlap")
    assert cue["n_gold"] == 3 and cue["recall"] == 1.0


def test_brat_errors_have_causes_and_a_count_by_cause(blank_pipeline, tmp_path):
    errors = tmp_path / "errors.csv"
    result = runner.invoke(app, ["evaluate", str(GOLD["brat"]), "--format", "brat",
                                 "--errors", str(errors)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Errors by kind and cause" in result.output
    with open(errors, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    misses = [r for r in rows if r["kind"] in ("false_negative", "false_positive")]
    assert misses and all(r["cause"] for r in misses)
    # Each cause in the CSV is counted in the table.
    for cause in {r["cause"] for r in misses}:
        assert cause in result.output
