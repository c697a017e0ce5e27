"""Tests for ``framing lexicon ...``: exit codes, file:line output, edits through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.lexicon.load import SHIPPED_LEXICONS
from tests.test_lexicon_corpus import FILLER, corpus_folder

runner = CliRunner()

OVERLAY = """\
lexicon: loaded_terms
categories:
  pejorative_label: A label that condemns.
entries:
  - {id: mine.zantor, term: zantor, category: pejorative_label, note: my addition}
"""


def overlay(tmp_path: Path, text: str = OVERLAY) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    (folder / "loaded_terms.yaml").write_text(text, encoding="utf-8")
    return folder


def test_list_shows_where_each_entry_came_from(tmp_path):
    folder = overlay(tmp_path)
    result = runner.invoke(app, ["lexicon", "list", "loaded_terms", "--lexicons", str(folder)])
    assert result.exit_code == 0, result.output
    zantor = next(line for line in result.output.splitlines() if "mine.zantor" in line)
    assert "(overlay)" in zantor and "loaded_terms.yaml:5" in zantor
    regime = next(line for line in result.output.splitlines() if "loaded.regime " in line)
    assert "(shipped)" in regime


@pytest.mark.parametrize(
    "note, shown_as",
    [
        ("[bold]not bold[/bold]", "[bold]not bold[/bold]"),
        ("esc \\x1b[31m red", "esc \\x1b[31m red"),
        ("rtl \\u202e exe", "rtl \\u202e exe"),
        ("plain words", "plain words"),
    ],
)
def test_show_prints_an_entry_as_text_with_control_characters_visible(tmp_path, note, shown_as):
    text = OVERLAY.replace("note: my addition", f'note: "{note}"')
    folder = overlay(tmp_path, text)
    result = runner.invoke(app, ["lexicon", "show", "mine.zantor", "--lexicons", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"note: {shown_as}" in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output


@pytest.mark.parametrize(
    "args, code, text",
    [
        (["lexicon", "show", "loaded.regime"], 0, "dietary regime"),
        (["lexicon", "show", "no.such.id"], 2, "no entry 'no.such.id'"),
        (["lexicon", "list", "no_such_lexicon"], 2, "no lexicon named"),
        (["lexicon", "stats", "--gold", "nope.csv"], 2, "no such file"),
        (["lexicon", "validate", "nope/", "--no-examples"], 1, "lexicon folder not found"),
    ],
)
def test_commands_and_exit_codes(args, code, text):
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    assert text in result.output


def test_validate_reports_file_and_line_and_exits_1(tmp_path):
    bad = OVERLAY + "  - {id: mine.zantor, term: blorp, category: insult, note: twice}\n"
    folder = overlay(tmp_path, bad)
    result = runner.invoke(app, ["lexicon", "validate", str(folder), "--no-examples"])
    assert result.exit_code == 1
    assert f"{folder / 'loaded_terms.yaml'}:6: error: schema: entry 'mine.zantor'" in result.output
    clean = runner.invoke(app, ["lexicon", "validate", str(overlay(tmp_path)), "--no-examples"])
    assert clean.exit_code == 0, clean.output


def test_suggest_and_accept_into_an_overlay(tmp_path):
    corpus = corpus_folder(
        tmp_path,
        [("Daily Blare", f"{FILLER} The blorpish mob and blorpish plans.")] * 4
        + [("Calm Gazette", FILLER)] * 4,
    )
    target = tmp_path / "mine"
    target.mkdir()
    args = ["lexicon", "suggest", str(corpus), "--outlet", "Daily Blare", "-n", "3"]
    result = runner.invoke(app, [*args, "--min-count", "2"])
    assert result.exit_code == 0, result.output
    assert "blorpish" in result.output
    accept = [*args, "--min-count", "2", "--accept", "blorpish", "--category", "pejorative_label"]
    result = runner.invoke(app, [*accept, "--dir", str(target)])
    assert result.exit_code == 0, result.output
    written = (target / "loaded_terms.yaml").read_text(encoding="utf-8")
    assert "id: loaded.blorpish" in written and "suggested from Daily Blare" in written


@pytest.mark.model
def test_add_then_remove_through_the_cli_restores_the_file(tmp_path, trained_nlp):
    folder = tmp_path / "lexicons"
    shutil.copytree(SHIPPED_LEXICONS, folder)
    path = folder / "hedges.yaml"
    before = path.read_bytes()
    add = [
        "lexicon",
        "add",
        "hedges",
        "as it were",
        "--category",
        "appearance",
        "--note",
        "Softens the claim it follows.",
        "--example",
        "a victory, as it were",
        "--dir",
        str(folder),
    ]
    result = runner.invoke(app, add)
    assert result.exit_code == 0, result.output
    assert "added hedge.as_it_were" in result.output
    refused = runner.invoke(app, add)  # the same id again
    assert refused.exit_code == 2 and "refused" in refused.output
    result = runner.invoke(app, ["lexicon", "remove", "hedge.as_it_were", "--dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before


@pytest.mark.model
def test_test_command_reports_each_failure(tmp_path, trained_nlp):
    folder = overlay(
        tmp_path,
        OVERLAY.replace("note: my addition}", "note: my addition, must_match: [a cat]}"),
    )
    result = runner.invoke(app, ["lexicon", "test", str(folder)])
    assert result.exit_code == 1
    assert "mine.zantor: must match 'a cat'" in result.output
    assert "1 example(s), 1 failed" in result.output


def test_config_file_overlay_is_listed(tmp_path, monkeypatch):
    overlay(tmp_path)
    (tmp_path / "framing.toml").write_text('lexicons = ["mine"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["lexicon", "show", "mine.zantor"])
    assert result.exit_code == 0, result.output
    assert "mine/loaded_terms.yaml:5 (overlay)" in result.output


@pytest.mark.model
@pytest.mark.parametrize("command", [["validate"], ["test"]])
def test_shipped_lexicons_pass_their_own_commands_with_the_default_model(command, trained_nlp):
    """Exactly what `framing lexicon validate` and `framing lexicon test` run, with the model
    they load by default: a lexicon that fails either cannot land (issue #15: cue.hail's
    'hail of bullets' failed both while the suite passed)."""
    result = runner.invoke(app, ["lexicon", *command])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output or ", 0 failed" in result.output


@pytest.mark.model
def test_suggest_within_stories_on_the_seeds(tmp_path):
    prior = tmp_path / "prior.txt"
    prior.write_text("invaded\n", encoding="utf-8")
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    result = runner.invoke(
        app, ["lexicon", "suggest", str(seeds), "--within-stories", "--prior", str(prior)]
    )
    assert result.exit_code == 0, result.output
    # One story (the December ceremony) has more than one outlet; its words already in the
    # lexicon are listed apart, never ranked.
    assert "1 story with two sides or more" in result.output
    assert "already in the lexicons: " in result.output and "dictator" in result.output
    assert "invaded *" in result.output  # on the prior list: marked


def test_suggest_within_stories_takes_no_reference_corpus(tmp_path):
    result = runner.invoke(
        app, ["lexicon", "suggest", str(tmp_path), "--within-stories", "--against", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "--within-stories compares the outlets of each story" in result.output


@pytest.mark.model
def test_suggest_within_stories_names_a_bad_input_and_goes_on(tmp_path):
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds, corpus)
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\x00" * 4 + b"\x00binary")
    result = runner.invoke(app, ["lexicon", "suggest", str(corpus), "--within-stories"])
    assert result.exit_code == 1  # some input failed; the rest was ranked
    assert "1 story with two sides or more" in result.output
    assert "broken.txt" in result.output


def test_suggest_within_stories_refuses_a_prior_that_is_not_text(tmp_path):
    prior = tmp_path / "prior.txt"
    prior.write_bytes(b"\xff\xfe regime")
    result = runner.invoke(
        app, ["lexicon", "suggest", str(tmp_path), "--within-stories", "--prior", str(prior)]
    )
    assert result.exit_code == 2
    assert "not UTF-8 text" in result.output
