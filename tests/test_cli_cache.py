"""Tests for ``framing cache ...``: info and clear on a cache filled by the library."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.measure.analyzer import Analyzer
from framing.read.corpus import Article
from framing.run.cache import AnalysisCache
from framing.run.cached_run import cached_analyses

runner = CliRunner()

TEXTS = ["The minister said the plan was a sham.", "Critics said the cost was too high."]


@pytest.fixture(scope="module")
def analyzer():
    # The same settings `clear --stale --model blank` builds, so its versions are the current ones.
    return Analyzer(model="blank")


@pytest.fixture
def filled(tmp_path, analyzer):
    folder = tmp_path / "cache"
    with AnalysisCache(folder) as cache:
        list(cached_analyses(analyzer, [Article(str(i), t) for i, t in enumerate(TEXTS)], cache))
        cache.put_results([], "unused")  # nothing to store is not an error
        cache.put_parses([("old", b"x")], "an-old-parse-version")
    return folder


def test_info_shows_counts_and_versions(filled, analyzer):
    result = runner.invoke(app, ["cache", "info", "--cache-dir", str(filled)])
    assert result.exit_code == 0, result.output
    assert "3 parses, 2 results" in result.output
    assert analyzer.result_version in result.output
    assert "an-old-parse-version" in result.output


@pytest.mark.parametrize("command", ["info", "clear"])
def test_a_folder_with_no_cache_is_a_usage_error_and_is_not_created(tmp_path, command):
    folder = tmp_path / "none"
    result = runner.invoke(app, ["cache", command, "--cache-dir", str(folder)])
    assert result.exit_code == 2
    assert "no cache" in result.output
    assert not folder.exists()


def test_clear_removes_everything(filled):
    result = runner.invoke(app, ["cache", "clear", "--cache-dir", str(filled)])
    assert result.exit_code == 0, result.output
    assert "removed 3 parses and 2 results" in result.output
    with AnalysisCache(filled, create=False) as cache:
        assert (cache.info().n_parses, cache.info().n_results) == (0, 0)


def test_clear_stale_keeps_the_current_versions(filled, analyzer, monkeypatch):
    # Only the versions are needed: no pipeline is loaded for them.
    loaded = []
    monkeypatch.setattr("framing.measure.analyzer.load_model", lambda *a, **k: loaded.append(a))
    result = runner.invoke(
        app, ["cache", "clear", "--stale", "--model", "blank", "--cache-dir", str(filled)]
    )
    assert result.exit_code == 0, result.output
    assert loaded == []
    assert "removed 1 parses and 0 results" in result.output
    with AnalysisCache(filled, create=False) as cache:
        assert [v.version for v in cache.info().parses] == [analyzer.parse_version]


def test_clear_stale_with_contradicting_modes_is_a_usage_error(filled):
    args = ["cache", "clear", "--stale", "--model", "blank", "--fast", "--full-parse"]
    result = runner.invoke(app, [*args, "--cache-dir", str(filled)])
    assert result.exit_code == 2
    assert "contradict" in result.output


@pytest.mark.parametrize(
    "mode_args, removed",
    [
        ([], "removed 1 parses and 0 results"),  # the default mode's entries are current
        (["--fast"], "removed 3 parses and 2 results"),  # a --fast run would use none of them
        (["--full-parse"], "removed 3 parses and 2 results"),
    ],
)
def test_clear_stale_keeps_the_entries_of_the_mode_given(filled, mode_args, removed):
    args = ["cache", "clear", "--stale", "--model", "blank", *mode_args]
    result = runner.invoke(app, [*args, "--cache-dir", str(filled)])
    assert result.exit_code == 0, result.output
    assert removed in result.output
