"""Tests for framing.cli: help text, exit codes, and output formats."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from framing.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


def _commands(typer_app: typer.Typer):
    click_group = typer.main.get_command(typer_app)
    return click_group.commands


def test_every_command_has_help_with_an_example():
    commands = _commands(app)
    assert "score" in commands
    for name, command in commands.items():
        assert command.help, f"{name} has no help text"
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, f"{name} --help has no example"


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and "framing" in result.output


def test_unknown_format_is_a_usage_error():
    result = runner.invoke(app, ["score", str(SEEDS), "--format", "xml"])
    assert result.exit_code == 2


def test_malformed_lexicon_overlay_is_one_line_with_file_and_line(tmp_path):
    (tmp_path / "loaded_terms.yaml").write_text(
        "lexicon: loaded_terms\ncategories: {x: y}\nentries:\n"
        "  - id: a\n    term: t\n    category: zz\n    note: abc\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["score", str(SEEDS), "--lexicons", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'loaded_terms.yaml'}:4" in result.output
    assert "Traceback" not in result.output


@pytest.mark.model
def test_score_seeds_writes_tables_and_records_versions(tmp_path, trained_nlp):
    result = runner.invoke(app, ["score", str(SEEDS), "--format", "json", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert len(payload["articles"]) == 5
    assert payload["model"].endswith("3.8.0")
    assert all(a["lexicon_version"] == payload["lexicon_version"] for a in payload["articles"])
    for name in ("articles.csv", "articles.parquet", "attributions.csv", "terms.csv", "run.json"):
        assert (tmp_path / name).is_file()
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary files


@pytest.mark.model
def test_bad_file_gives_exit_1_and_the_rest_is_scored(tmp_path, trained_nlp):
    (tmp_path / "good.txt").write_text('"We will win," Kim said.', encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["score", str(tmp_path), "--format", "csv", "--outlet", "X"])
    assert result.exit_code == 1
    assert "bad.txt: binary file" in result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3  # header + good + empty (a warning row, not a crash)
    assert ",empty," in result.stdout and ",ok," in result.stdout


@pytest.mark.model
def test_stdin_with_explain(trained_nlp):
    text = "Communist dictator Kim Jong-un praised the troops, KCNA reported."
    result = runner.invoke(
        app, ["score", "-", "--outlet", "Breitbart News", "--explain"], input=text
    )
    assert result.exit_code == 0, result.output
    assert "dictator" in result.stdout and "outlet" in result.stdout
    assert "KCNA" in result.stdout
