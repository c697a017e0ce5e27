"""A report folder made from the same inputs is not written again: its digest says so."""

from __future__ import annotations

import dataclasses

import pytest
import spacy
from typer.testing import CliRunner

from framing.cli import app
from framing.measure.analyzer import Analyzer
from framing.read.corpus import Article
from framing.report import INPUTS_DIGEST_NAME, inputs_digest, report_is_current, write_report
from framing.run.corpus import CorpusResult
from tests.conftest import SEEDS

runner = CliRunner()
ARTICLES = [
    Article("a", 'Officials said the regime fell. "We won," Kim said.', outlet="X"),
    Article("b", "The dictator spoke, KCNA reported.", outlet="Y"),
]


@pytest.fixture(scope="module")
def result():
    analyses = list(Analyzer(spacy.blank("en")).analyze_articles(ARTICLES))
    return CorpusResult(analyses, [], "blank", "v1")


def _changed(result, **article_changes) -> CorpusResult:
    first = result.analyses[0]
    article = dataclasses.replace(first.article, **article_changes)
    changed = dataclasses.replace(first, article=article)
    return dataclasses.replace(result, analyses=[changed, *result.analyses[1:]])


@pytest.mark.parametrize(
    ("change", "same"),
    [
        (lambda r: r, True),
        (lambda r: _changed(r, text=r.analyses[0].article.text + " "), False),  # the text
        (lambda r: _changed(r, outlet="Z"), False),  # metadata
        (lambda r: dataclasses.replace(r, lexicon_version="v2"), False),  # the lexicons
        (lambda r: dataclasses.replace(r, analyses=r.analyses[::-1]), False),  # the order
    ],
)
def test_the_digest_changes_with_any_input(result, change, same):
    assert (inputs_digest(change(result)) == inputs_digest(result)) is same


def test_options_are_part_of_the_digest(result):
    assert inputs_digest(result, title="A") != inputs_digest(result, title="B")
    assert inputs_digest(result, by="story") != inputs_digest(result, by="outlet")


def test_a_folder_is_current_only_when_complete_and_from_the_same_inputs(result, tmp_path):
    digest = inputs_digest(result)
    assert not report_is_current(tmp_path, digest)
    write_report(tmp_path, result, digest=digest)
    assert report_is_current(tmp_path, digest)
    assert not report_is_current(tmp_path, inputs_digest(result, title="other"))
    (tmp_path / "terms.csv").unlink()
    assert not report_is_current(tmp_path, digest)
    write_report(tmp_path, result)  # no digest given: the folder no longer claims one
    assert not (tmp_path / INPUTS_DIGEST_NAME).exists()


def test_the_command_skips_an_up_to_date_report_and_force_writes_it(tmp_path):
    args = ["report", str(SEEDS), "--out", str(tmp_path), "--model", "blank", "--jobs", "1"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    html = tmp_path / "report.html"
    html.write_text("stale", encoding="utf-8")  # would be replaced by a real write
    second = runner.invoke(app, args)
    assert second.exit_code == 0 and "up to date" in second.output
    assert html.read_text(encoding="utf-8") == "stale"
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0 and "wrote" in forced.output
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    retitled = runner.invoke(app, [*args, "--title", "Another"])
    assert "wrote" in retitled.output
