"""How a corpus run is computed (processes, cache, pipeline mode): none of it may change a
result except --fast, and results always come back in input order."""

from __future__ import annotations

import math

import pytest
import spacy
from typer.testing import CliRunner

from framing.cli import app
from framing.measure.analyzer import Analyzer
from framing.read.corpus import Article
from framing.run.corpus import RunOptions, run_analyses
from tests.conftest import SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def blank_analyzer():
    return Analyzer(spacy.blank("en"))


def _articles(n: int) -> list[Article]:
    # Lengths vary so that batches take different times in different workers.
    return [
        Article(
            id=f"a{i}",
            text=f"Story {i}. Kim said the dictator had won. " + "Markets rose. " * (i % 7 * 40),
            outlet="x",
        )
        for i in range(n)
    ]


def _comparable(analyses) -> list[dict]:
    return [
        {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in a.row().items()}
        for a in analyses
    ]


@pytest.mark.parametrize("jobs", [2, 3])
def test_worker_processes_give_the_same_rows_in_input_order(blank_analyzer, jobs):
    articles = _articles(45)
    serial = list(blank_analyzer.analyze_articles(articles))
    parallel = list(run_analyses(blank_analyzer, articles, RunOptions(jobs=jobs)))
    assert [a.article.id for a in parallel] == [a.id for a in articles]
    assert _comparable(parallel) == _comparable(serial)
    assert parallel[1].attributions and parallel[1].term_hits  # evidence comes back too


def test_spawned_workers_build_the_same_analyzer_and_give_the_same_rows(blank_analyzer):
    """Where fork is unavailable (Windows), workers are spawned and load the pipeline from the
    parent's settings: same rows, same order."""
    from framing.run.workers import parallel_analyses

    articles = _articles(40)  # three batches: the workers score them
    serial = list(blank_analyzer.analyze_articles(articles))
    spawned = list(parallel_analyses(blank_analyzer, articles, 2, method="spawn"))
    assert [a.article.id for a in spawned] == [a.id for a in articles]
    assert _comparable(spawned) == _comparable(serial)


def test_a_spawned_worker_that_cannot_rebuild_the_analyzer_says_so():
    from framing.run.workers import WorkerMismatch, parallel_analyses

    analyzer = Analyzer(spacy.blank("en"))
    # Settings that rebuild another analyzer, as for a pipeline passed in as an object.
    analyzer.settings = {**analyzer.settings, "mode": "fast"}
    with pytest.raises(WorkerMismatch, match="--jobs 1"):
        list(parallel_analyses(analyzer, _articles(40), 2, method="spawn"))


def test_a_corpus_of_one_batch_is_scored_without_starting_workers(blank_analyzer):
    """One article (any corpus of one batch) is scored in this process: a worker would score it
    alone. Shown with settings no spawned worker could rebuild: none is started, no error."""
    from framing.run.workers import parallel_analyses

    analyzer = Analyzer(spacy.blank("en"))
    analyzer.settings = {**analyzer.settings, "mode": "fast"}
    articles = _articles(3)
    rows = list(parallel_analyses(analyzer, articles, 2, method="spawn"))
    assert _comparable(rows) == _comparable(blank_analyzer.analyze_articles(articles))


def test_worker_processes_with_a_cache_store_results_for_the_next_run(blank_analyzer, tmp_path):
    from framing.run.cache import AnalysisCache

    articles = _articles(20)
    first = list(run_analyses(blank_analyzer, articles, RunOptions(jobs=2, cache_dir=tmp_path)))
    with AnalysisCache(tmp_path) as cache:
        stored = cache.info()
    assert sum(row.entries for row in stored.results) == 20
    again = list(run_analyses(blank_analyzer, articles, RunOptions(jobs=2, cache_dir=tmp_path)))
    assert _comparable(again) == _comparable(first)


def test_an_unknown_engine_is_refused(blank_analyzer):
    with pytest.raises(ValueError, match="unknown engine"):
        list(run_analyses(blank_analyzer, _articles(1), RunOptions(engine="spark")))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fast", "--full-parse"], "contradict"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["--engine", "dask", "--jobs", "2"], "--jobs applies to the local engine"),
        (["--jobs", "0"], "Invalid value"),
    ],
)
def test_contradictory_speed_options_are_usage_errors(args, message):
    result = runner.invoke(app, ["score", str(SEEDS), "--model", "blank", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_fast_mode_is_recorded_in_the_model_column(tmp_path, trained_nlp):
    result = runner.invoke(app, ["score", str(SEEDS), "--fast", "--format", "csv", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    rows = result.stdout.strip().splitlines()
    assert len(rows) == 6
    assert all("+fast" in row for row in rows[1:])


def test_a_second_run_reads_the_cache(tmp_path):
    cache_dir = tmp_path / "cache"
    args = ["score", str(SEEDS), "--model", "blank", "--format", "csv"]
    args += ["--cache-dir", str(cache_dir)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    info = runner.invoke(app, ["cache", "info", "--cache-dir", str(cache_dir)])
    assert info.exit_code == 0 and "5" in info.output
    second = runner.invoke(app, args)
    assert second.stdout == first.stdout
    no_cache = runner.invoke(app, [*args[:-2], "--no-cache", "--cache-dir", str(tmp_path / "x")])
    assert no_cache.exit_code == 0 and not (tmp_path / "x").exists()


def test_the_dask_engine_gives_the_local_rows(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    args = ["score", str(SEEDS), "--model", "blank", "--format", "csv", "--no-cache"]
    local = runner.invoke(app, [*args, "--jobs", "1"])
    on_dask = runner.invoke(app, [*args, "--engine", "dask"])
    assert local.exit_code == 0 and on_dask.exit_code == 0, on_dask.output
    assert on_dask.stdout == local.stdout
    assert len(local.stdout.strip().splitlines()) == 6


def _open_cache(directory, barrier) -> str:
    from framing.run.cache import AnalysisCache

    barrier.wait()
    with AnalysisCache(directory) as cache:
        return str(cache.info().n_results)


def test_processes_creating_one_cache_at_the_same_moment_all_get_it(tmp_path):
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for attempt in range(3):
        folder = tmp_path / f"cache{attempt}"
        with context.Manager() as manager:
            barrier = manager.Barrier(4)
            with context.Pool(4) as pool:
                opened = pool.starmap(_open_cache, [(folder, barrier)] * 4)
        assert opened == ["0"] * 4


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_cache_that_is_not_a_database_is_one_error_line(tmp_path, jobs):
    (tmp_path / "cache.sqlite3").write_bytes(b"\x00\xff not sqlite " * 200)
    args = ["score", str(SEEDS), "--model", "blank", "--format", "csv", "--jobs", jobs]
    result = runner.invoke(app, [*args, "--cache-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "cannot use the cache" in result.output and "Traceback" not in result.output
    assert runner.invoke(app, [*args, "--no-cache"]).exit_code == 0
