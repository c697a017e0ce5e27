"""The Dask engine gives the local engine's table, in input order, on a 2-worker LocalCluster,
and shares the local engine's cache: hits are read on the client, only misses are sent.

One cluster serves the module (starting it and loading the analyzer on each worker is most of
the time); the argument checks need no cluster at all.
"""

from __future__ import annotations

import socket
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

import framing.run.dask_engine
from framing.measure.analyzer import Analyzer, default_analyzer
from framing.read.corpus import Article, ReadFailure, read_corpus
from framing.run.cache import AnalysisCache, database_path
from framing.run.cached_run import cached_analyses
from framing.run.corpus import features_table
from framing.run.dask_engine import (
    DaskNotInstalled,
    PartitionFailed,
    SchedulerUnreachable,
    VersionMismatch,
    dask_analyses,
)

from .conftest import MINISTER_OVERLAY, SEEDS

distributed = pytest.importorskip("distributed")
psutil = pytest.importorskip("psutil")  # a dependency of distributed

BLANK = {"model": "blank"}

EXTRA_ARTICLES = [
    Article(id="empty", text=""),
    Article(id="quote", text='"We will not back down," the minister said.', outlet="BBC"),
    Article(id="whitespace", text="   \n  "),
    Article(
        id="german",
        text="Die Bundesregierung hat am Mittwoch beschlossen, dass die Steuern im nächsten Jahr "
        "nicht erhöht werden, sagte ein Sprecher des Finanzministeriums in Berlin.",
    ),
    Article(id="claim", text="Officials claimed the strike hit only soldiers.", outlet="RT"),
]


@pytest.fixture(scope="module")
def corpus() -> list[Article]:
    seeds = [item for item in read_corpus([SEEDS]) if not isinstance(item, ReadFailure)]
    assert len(seeds) == 5
    return seeds + EXTRA_ARTICLES


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster, set_as_default=False) as connected:
        yield connected


@pytest.fixture(scope="module")
def blank_run(cluster, client, corpus):
    """The corpus scored on the cluster in partitions of 2, at most 2 of them in flight, and
    each worker's analyzer cache statistics for this run alone."""
    client.run(default_analyzer.cache_clear)
    analyses = list(
        dask_analyses(
            corpus,
            analyzer_settings=BLANK,
            scheduler=cluster.scheduler_address,
            partition_size=2,
            max_in_flight=2,
        )
    )
    return analyses, client.run(lambda: default_analyzer.cache_info())


def test_table_is_the_local_engines(blank_run, corpus):
    local = features_table(default_analyzer(**BLANK).analyze_articles(corpus))
    remote = features_table(blank_run[0])
    # Every kind of row is compared, not only scored ones.
    assert set(remote["status"]) == {"ok", "empty", "failed"}
    pd.testing.assert_frame_equal(remote, local)


def test_analyses_come_back_in_input_order(blank_run, corpus):
    analyses, _ = blank_run
    assert [a.article.id for a in analyses] == [a.id for a in corpus]
    assert [a.article for a in analyses] == corpus


def test_a_slow_first_partition_does_not_reorder_the_output(cluster, corpus):
    # One long article first, then one article per partition: the other worker finishes
    # several partitions while the first is still running, so they complete out of order.
    long_text = "\n\n".join(article.text for article in corpus[:5]) * 3
    articles = [Article(id="long", text=long_text), *corpus]
    analyses = list(
        dask_analyses(
            articles,
            analyzer_settings=BLANK,
            scheduler=cluster.scheduler_address,
            partition_size=1,
            max_in_flight=4,
        )
    )
    assert [a.article.id for a in analyses] == [a.id for a in articles]
    assert analyses[0].status == "ok"


def test_each_worker_loads_the_analyzer_once(blank_run, corpus):
    _, cache = blank_run
    n_partitions = -(-len(corpus) // 2)
    assert len(cache) == 2
    # Both workers were given partitions; each built its analyzer on the first and reused it.
    assert [info.misses for info in cache.values()] == [1, 1]
    assert sum(info.hits + info.misses for info in cache.values()) == n_partitions


def test_a_failing_partition_stops_the_run_naming_its_first_article(cluster, corpus):
    analyses = dask_analyses(
        corpus[:3],
        analyzer_settings={"model": "no_such_model"},
        scheduler=cluster.scheduler_address,
        partition_size=10,
    )
    with pytest.raises(PartitionFailed) as failure:
        list(analyses)
    message = str(failure.value)
    assert f"partition 0 (3 articles, the first {corpus[0].id!r})" in message
    assert "no_such_model" in message


def test_stopping_early_yields_only_what_was_asked(cluster, corpus):
    analyses = dask_analyses(
        corpus, analyzer_settings=BLANK, scheduler=cluster.scheduler_address, partition_size=3
    )
    first = next(analyses)
    analyses.close()  # closes the run's client; the cluster itself belongs to the fixture
    assert first.article == corpus[0]


def _worker_processes() -> set[int]:
    """This process's spawned children, without multiprocessing's resource tracker."""
    return {
        child.pid
        for child in psutil.Process().children(recursive=True)
        if any("spawn_main" in part for part in child.cmdline())
    }


def test_without_a_scheduler_a_local_cluster_is_started_and_closed():
    before = _worker_processes()
    articles = EXTRA_ARTICLES[:3]
    analyses = dask_analyses(articles, analyzer_settings=BLANK, n_workers=1, partition_size=2)
    first = next(analyses)
    assert len(_worker_processes() - before) == 1  # the run's own worker
    rest = list(analyses)
    assert [a.article.id for a in [first, *rest]] == [a.id for a in articles]
    assert [a.status for a in [first, *rest]] == ["empty", "ok", "empty"]
    assert _worker_processes() == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_address_with_no_scheduler_is_a_clear_error():
    address = f"tcp://127.0.0.1:{_free_port()}"
    analyses = dask_analyses(
        EXTRA_ARTICLES, analyzer_settings=BLANK, scheduler=address, connect_timeout=1
    )
    with pytest.raises(SchedulerUnreachable, match="cannot reach the Dask scheduler at") as error:
        next(analyses)
    assert address in str(error.value)


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"modle": "blank"}, "do not fit default_analyzer"),
        ({"lexicon_overlays": ["extra.yaml"]}, "'lexicon_overlays' must be hashable"),
        ({"model": "blank", "mode": "fast", "extra": 1}, "do not fit default_analyzer"),
    ],
)
def test_bad_settings_are_refused_before_any_cluster(settings, message):
    with pytest.raises(ValueError, match=message):
        dask_analyses(EXTRA_ARTICLES, analyzer_settings=settings, scheduler="tcp://nowhere:1")


@pytest.mark.parametrize(
    "argument", [{"partition_size": 0}, {"max_in_flight": 0}, {"n_workers": 0}]
)
def test_sizes_below_one_are_refused(argument):
    with pytest.raises(ValueError, match="must be at least 1"):
        dask_analyses(EXTRA_ARTICLES, analyzer_settings=BLANK, **argument)


def test_good_settings_are_accepted_without_starting_anything():
    # Nothing is contacted until the first analysis is asked for.
    analyses = dask_analyses(
        EXTRA_ARTICLES,
        analyzer_settings={"model": "blank", "mode": "fast", "lexicon_overlays": ()},
        scheduler="tcp://nowhere:1",
    )
    analyses.close()


def test_without_dask_the_error_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(DaskNotInstalled, match=r"pip install 'framing\[dask\]'"):
        dask_analyses(EXTRA_ARTICLES, analyzer_settings=BLANK)


@pytest.mark.model
def test_trained_model_table_is_the_local_engines(trained_nlp, cluster, corpus):
    remote = dask_analyses(
        corpus, analyzer_settings={}, scheduler=cluster.scheduler_address, partition_size=4
    )
    local = default_analyzer().analyze_articles(corpus)
    pd.testing.assert_frame_equal(features_table(remote), features_table(local))


# -- the cache -------------------------------------------------------------------------------


class Sent(list):
    """The ids of the articles in each partition sent to the cluster, in the order sent, and
    how many times the cluster was contacted."""

    connects = 0


@pytest.fixture
def sent(monkeypatch) -> Sent:
    """A spy on the engine's one way to the cluster (_connect), so nothing is sent unseen."""
    partitions = Sent()
    connect = framing.run.dask_engine._connect

    def spying_connect(*args, **kwargs):
        partitions.connects += 1
        client, cluster = connect(*args, **kwargs)
        submit = client.submit

        def spying_submit(function, work, *rest, **options):
            articles = work.values() if isinstance(work, dict) else work
            partitions.append([article.id for article in articles])
            return submit(function, work, *rest, **options)

        client.submit = spying_submit
        return client, cluster

    monkeypatch.setattr(framing.run.dask_engine, "_connect", spying_connect)
    return partitions


def cached_run(cluster, articles, cache_dir, **options):
    return dask_analyses(
        articles,
        analyzer_settings=BLANK,
        scheduler=cluster.scheduler_address,
        partition_size=2,
        max_in_flight=options.pop("max_in_flight", 2),
        cache_dir=cache_dir,
        **options,
    )


def stored_results(cache_dir) -> int:
    with AnalysisCache(cache_dir, create=False) as cache:
        return cache.info().n_results


def test_a_second_run_reads_everything_from_the_cache_and_sends_nothing(
    cluster, corpus, tmp_path, sent
):
    local = features_table(default_analyzer(**BLANK).analyze_articles(corpus))
    first = features_table(cached_run(cluster, corpus, tmp_path))
    assert sum(len(p) for p in sent) == len(corpus)
    # Every text is distinct, and every result is worth keeping (the German one is refused
    # for its language, which its text decides).
    assert stored_results(tmp_path) == len(corpus)
    assert sent.connects == 1
    sent.clear()
    sent.connects = 0
    second = features_table(cached_run(cluster, corpus, tmp_path))
    assert sent == []
    assert sent.connects == 0  # the cluster was not even contacted
    pd.testing.assert_frame_equal(first, local)
    pd.testing.assert_frame_equal(second, local)




def _seen(seen: list[str], texts) -> list[str]:
    texts = list(texts)
    seen.extend(texts)
    return texts


def test_the_dask_engine_stores_what_the_local_engine_reuses(cluster, corpus, tmp_path):
    list(cached_run(cluster, corpus, tmp_path / "cache"))
    analyzer = default_analyzer(**BLANK)
    with AnalysisCache(tmp_path / "cache") as cache:
        info = cache.info()
        assert [v.version for v in info.results] == [analyzer.result_version]
        assert [v.version for v in info.parses] == [analyzer.parse_version]
        # A lexicon edit: new results, the same parses. The local engine re-scores every
        # article from the parses the Dask workers made, and parses nothing.
        (tmp_path / "overlay").mkdir()
        (tmp_path / "overlay" / "loaded_terms.yaml").write_text(MINISTER_OVERLAY)
        edited = Analyzer(model="blank", lexicon_overlays=[tmp_path / "overlay"])
        assert edited.parse_version == analyzer.parse_version
        assert edited.result_version != analyzer.result_version
        parsed = []
        parse = edited.parse
        edited.parse = lambda texts, batch_size=32: parse(_seen(parsed, texts), batch_size)
        rescored = list(cached_analyses(edited, corpus, cache))
    assert parsed == []
    del edited.parse
    pd.testing.assert_frame_equal(
        features_table(rescored), features_table(edited.analyze_articles(corpus))
    )


def _fill_locally(corpus, cache_dir, cluster):
    """A local run over articles 0, 3 and 4 (not one whole partition of 2)."""
    with AnalysisCache(cache_dir) as cache:
        list(cached_analyses(default_analyzer(**BLANK), [corpus[i] for i in (0, 3, 4)], cache))
    return {corpus[i].id for i in (0, 3, 4)}


def _interrupt_a_dask_run(corpus, cache_dir, cluster):
    """A Dask run stopped after its first analysis: partition 0 (2 articles) came back and
    was stored; partition 1 was sent, but never received, so it is not stored."""
    run = cached_run(cluster, corpus, cache_dir, max_in_flight=1)
    next(run)
    run.close()
    return {corpus[0].id, corpus[1].id}


@pytest.mark.parametrize("fill", [_fill_locally, _interrupt_a_dask_run])
def test_a_partly_filled_cache_computes_only_the_rest(cluster, corpus, tmp_path, sent, fill):
    stored = fill(corpus, tmp_path, cluster)
    assert stored_results(tmp_path) == len(stored)
    sent.clear()
    analyses = list(cached_run(cluster, corpus, tmp_path))
    computed = [article_id for partition in sent for article_id in partition]
    assert sorted(computed) == sorted(a.id for a in corpus if a.id not in stored)
    assert [a.article for a in analyses] == corpus
    local = features_table(default_analyzer(**BLANK).analyze_articles(corpus))
    pd.testing.assert_frame_equal(features_table(analyses), local)
    assert stored_results(tmp_path) == len(corpus)


def test_a_partition_from_another_analyzer_stops_the_run_and_stores_nothing(
    cluster, corpus, tmp_path
):
    # The client's versions say lexicons the workers do not have.
    run = cached_run(cluster, corpus[:2], tmp_path, versions=("parse-v", "result-v"))
    with pytest.raises(VersionMismatch, match="not this client's result-v"):
        list(run)
    assert stored_results(tmp_path) == 0


runner = CliRunner()


@pytest.mark.parametrize(
    "options, where, n_stored",
    [
        ([], "env", 5),
        (["--cache-dir", "{tmp}/chosen"], "chosen", 5),
        (["--no-cache"], "env", None),
        (["--no-cache", "--cache-dir", "{tmp}/chosen"], "chosen", None),
    ],
)
def test_the_cli_caches_a_dask_run_as_it_does_a_local_one(
    cluster, tmp_path, monkeypatch, options, where, n_stored
):
    from framing.cli import app

    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "env"))
    # The client never loads a pipeline: its workers do.
    loaded = []
    monkeypatch.setattr("framing.measure.analyzer.load_model", lambda *a, **k: loaded.append(a))
    options = [o.format(tmp=tmp_path) for o in options]
    args = ["score", str(SEEDS), "--model", "blank", "--format", "csv", "--engine", "dask"]
    args += ["--scheduler", cluster.scheduler_address, *options]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output.count("blank-en") == 5  # one row per seed, labelled as locally
    assert loaded == []
    folder = tmp_path / where
    if n_stored is None:
        assert not database_path(folder).exists()
    else:
        assert stored_results(folder) == n_stored
    for other in {"env", "chosen"} - {where}:
        assert not (tmp_path / other).exists()
