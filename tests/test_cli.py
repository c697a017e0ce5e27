"""Tests for framing.cli: help text, exit codes, and output formats."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from framing.cli import app
from tests.conftest import PROJECT_ROOT, SEEDS

runner = CliRunner()


def _commands(typer_app: typer.Typer):
    """Every command by its path, sub-commands of groups (``lexicon add``) included."""

    def walk(group, path: tuple[str, ...]):
        for name, command in group.commands.items():
            yield (*path, name), command
            if getattr(command, "commands", None):  # a group (typer may vendor click)
                yield from walk(command, (*path, name))

    return dict(walk(typer.main.get_command(typer_app), ()))


def test_every_command_has_help_with_an_example():
    commands = {(): typer.main.get_command(app), **_commands(app)}
    assert ("score",) in commands and ("lexicon", "add") in commands
    assert ("lexicon",) in commands and ("cache", "clear") in commands  # groups and theirs
    for path, command in commands.items():
        name = " ".join(("framing", *path))
        assert command.help, f"{name} has no help text"
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, f"{name} --help has no example"


def test_python_dash_m_framing_is_the_command_line():
    path = [str(PROJECT_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    result = subprocess.run(
        [sys.executable, "-m", "framing", "--help"],
        capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Usage: framing" in result.stdout and "score" in result.stdout


def _options(command) -> dict[str, tuple]:
    """A command's parameters by name: flags, help text, default, panel, limits and variable."""
    return {
        param.name: (
            tuple(param.opts), param.help, param.default, param.rich_help_panel,
            getattr(param, "min", None), getattr(param, "max", None), param.envvar,
        )  # fmt: skip
        for param in command.params
        if param.param_type_name in ("option", "argument")
    }


@pytest.mark.parametrize("other", ["report", "stories"])
def test_corpus_commands_share_their_options_with_one_help_text(other):
    """score, report and stories read, analyse and run a corpus alike: every option they have
    in common is the same option, and report takes every corpus option score takes."""
    commands = _commands(app)
    score, compared = _options(commands[("score",)]), _options(commands[(other,)])
    # --out is each command's own: score's tables, or report's folder (and required there).
    shared = (score.keys() & compared.keys()) - {"out"}
    assert {"paths", "lexicons", "model", "text_col", "max_bytes", "fast", "cache_dir"} <= shared
    for name in shared:
        assert score[name] == compared[name], f"--{name} differs between score and {other}"
    if other == "report":  # every option of score but how it prints is report's too
        assert score.keys() - {"explain", "output_format", "out"} <= shared


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
    assert "3.8.0+scare-" in payload["model"]  # the model, then the scare-quote filter
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


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "typed_by"),
    [
        ("Officials said the war was over.", "[government, unnamed, typed by src.official]"),
        ('"We won," the thing said.', "[unknown, unnamed]"),  # nothing typed it: no entry
    ],
)
def test_explain_says_which_entry_typed_a_source(trained_nlp, text, typed_by):
    result = runner.invoke(app, ["score", "-", "--outlet", "X", "--explain"], input=text)
    assert result.exit_code == 0, result.output
    assert typed_by in result.stdout


@pytest.mark.model
def test_explain_says_why_each_short_fragment_is_credited_named_or_a_scare_quote(trained_nlp):
    text = (
        "Michael Howard has launched an attack on the cost of Britain's \"chaotic\" asylum "
        "system. S&P lifted India's rating by one notch to 'BB+'. The so-called \"peace "
        "talks\" went nowhere.\n\nLater the minister said: \"We will not give in to this.\""
    )
    result = runner.invoke(app, ["score", "-", "--outlet", "X", "--explain"], input=text)
    assert result.exit_code == 0, result.output
    section = result.stdout.split("Short quoted fragments (3)")[1]
    assert "'chaotic' [fragment]" in section and "quote_credit.speech_noun" in section
    assert "'BB+' [name]" in section and "quote_name.credit_grade" in section
    assert "'peace talks' [scare]" in section and "why: scare quote" in section
    assert "We will not give in" not in section  # a statement is no short fragment


def test_unknown_oversize_policy_is_a_usage_error():
    result = runner.invoke(app, ["score", str(SEEDS), "--oversize", "shorten"])
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.model
def test_mixed_folder_with_a_bad_file_scores_every_good_article(tmp_path, trained_nlp):
    """Saved page, front matter, JSONL rows, a cp1252 file, a binary and an oversize file."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    fixtures = PROJECT_ROOT / "tests" / "fixtures"
    (corpus / "page.html").write_bytes((fixtures / "html" / "nytimes_article.html").read_bytes())
    (corpus / "front.md").write_bytes((fixtures / "front_matter" / "full.md").read_bytes())
    (corpus / "rows.jsonl").write_text(
        '{"id": "r1", "body": "SEOUL (Reuters) - Officials said the talks failed.", "src": "BBC"}\n'
        "{not json\n",
        encoding="utf-8",
    )
    (corpus / "latin1.txt").write_bytes(
        "Le régime a déclaré « non », dit l’armée.".encode("cp1252")
    )
    (corpus / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(300))
    (corpus / "huge.txt").write_text("Officials said so. " * 200, encoding="utf-8")
    args = ["score", str(corpus), "--format", "csv", "--out", str(out), "--outlet", "Fallback"]
    args += ["--text-col", "body", "--outlet-col", "src", "--max-bytes", "2000"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "binary.txt: binary file" in result.stderr and "decoded as cp1252" in result.stderr

    failures = pd.read_csv(out / "failures.csv")
    assert sorted(Path(p).name for p in failures["path"]) == [
        "binary.txt",
        "huge.txt",
        "rows.jsonl:2",
    ]
    articles = pd.read_csv(out / "articles.csv").set_index("article_id")
    assert sorted(articles.index) == ["front", "latin1", "page", "r1"]
    assert set(articles["status"]) == {"ok"}
    assert articles.loc["page", "outlet"] == "The New York Times"
    assert articles.loc["front", "outlet"] == "The New York Times"
    assert (articles.loc["r1", "outlet"], articles.loc["r1", "wire"]) == ("BBC News", "Reuters")
    assert articles.loc["latin1", "outlet"] == "Fallback"
    assert "cp1252" in articles.loc["latin1", "warnings"]
    assert articles.loc["latin1", "text_n_words"] > 5


@pytest.mark.model
def test_oversize_truncate_scores_the_start_with_a_warning(tmp_path, trained_nlp):
    path = tmp_path / "huge.txt"
    path.write_text("Officials said so. " * 200, encoding="utf-8")
    args = ["score", str(path), "--format", "csv", "--outlet", "X", "--max-bytes", "500"]
    result = runner.invoke(app, [*args, "--oversize", "truncate"])
    assert result.exit_code == 0, result.output
    assert "truncated" in result.stderr and ",ok," in result.stdout


def test_wire_and_author_columns_can_be_renamed(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text(
        "body,agency,byline\nKim said the plan failed.,Reuters,Jane Roe\n", encoding="utf-8"
    )
    args = ["score", str(corpus), "--model", "blank", "--format", "csv", "--text-col", "body"]
    renamed = runner.invoke(app, [*args, "--wire-col", "agency", "--author-col", "byline"])
    assert renamed.exit_code == 0, renamed.output
    row = pd.read_csv(io.StringIO(renamed.stdout)).iloc[0]
    assert (row["wire"], row["author"]) == ("Reuters", "Jane Roe")
    plain = pd.read_csv(io.StringIO(runner.invoke(app, args).stdout)).iloc[0]
    assert pd.isna(plain["wire"]) and pd.isna(plain["author"])
