"""A corpus in, analyses out: how many articles are computed, by whichever engine.

``analyze_corpus(paths)`` scores files, folders and stdin and returns a pandas DataFrame with
one row per article; :func:`score_corpus` streams analyses and read failures to a callback.
:class:`RunOptions` chooses the engine: one process, worker processes
(:mod:`framing.run.workers`), the per-article cache (:mod:`framing.run.cache`) or Dask
(:mod:`framing.run.dask_engine`). None of them changes a result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from framing.common.lazy import pandas as pd
from framing.measure.analyzer import (
    METADATA_COLUMNS,
    Analyzer,
    AnalyzerSpec,
    ArticleAnalysis,
    default_analyzer,
)
from framing.read.corpus import Article, ReadFailure, ReadOptions, ReadSkipped, read_corpus


@dataclass
class CorpusResult:
    """Everything a corpus run produced: analyses in input order, and inputs that failed."""

    analyses: list[ArticleAnalysis]
    failures: list[ReadFailure]
    model: str
    lexicon_version: str
    #: Articles scored, and the names of those that failed; counted even when a streaming
    #: run (``keep=False``) kept no analyses.
    n_scored: int | None = None
    failed_articles: list[str] | None = None

    def __post_init__(self):
        if self.n_scored is None:
            self.n_scored = len(self.analyses)
        if self.failed_articles is None:
            self.failed_articles = [
                a.article.path or a.article.id for a in self.analyses if a.status == "failed"
            ]

    def table(self) -> pd.DataFrame:
        return features_table(self.analyses)


def features_table(analyses: Iterable[ArticleAnalysis]) -> pd.DataFrame:
    """One row per article, metadata columns first; empty and failed rows have NaN features."""
    rows = [a.row() for a in analyses]
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=list(METADATA_COLUMNS))
    return frame


@dataclass(frozen=True)
class RunOptions:
    """How a corpus run is carried out; none of it changes a result.

    ``jobs``: worker processes on this machine (:mod:`framing.run.workers`). ``cache_dir``: keep
    and reuse per-article parses and results there (:mod:`framing.run.cache`); None for no cache.
    ``engine``: ``local``, or ``dask`` to score partitions on a Dask cluster
    (:mod:`framing.run.dask_engine`), a local one unless ``scheduler`` gives an address.
    """

    jobs: int = 1
    cache_dir: Path | None = None
    engine: str = "local"
    scheduler: str | None = None
    batch_size: int = 32


def run_analyses(
    analyzer: Analyzer | AnalyzerSpec, articles: Iterable[Article], run: RunOptions | None = None
) -> Iterator[ArticleAnalysis]:
    """Analyses of ``articles`` in input order, computed as ``run`` says.

    The Dask engine needs only an :class:`AnalyzerSpec` (its workers load the pipeline); the
    local engine given one loads the Analyzer it describes.
    """
    run = run or RunOptions()
    if run.engine == "dask":
        from framing.run.dask_engine import dask_analyses

        return dask_analyses(
            articles,
            analyzer_settings=analyzer.settings,
            scheduler=run.scheduler,
            batch_size=run.batch_size,
            cache_dir=run.cache_dir,
            versions=(analyzer.parse_version, analyzer.result_version),
        )
    if run.engine != "local":
        raise ValueError(f"unknown engine {run.engine!r}: use local or dask")
    if isinstance(analyzer, AnalyzerSpec):
        analyzer = default_analyzer(**analyzer.settings)
    if run.jobs > 1:
        from framing.run.workers import parallel_analyses

        return parallel_analyses(analyzer, articles, run.jobs, cache_dir=run.cache_dir)
    if run.cache_dir is not None:
        return _cached(analyzer, articles, run)
    return analyzer.analyze_articles(articles, batch_size=run.batch_size)


def _cached(analyzer: Analyzer, articles: Iterable[Article], run: RunOptions):
    from framing.run.cache import AnalysisCache
    from framing.run.cached_run import cached_analyses

    with AnalysisCache(run.cache_dir) as cache:
        yield from cached_analyses(analyzer, articles, cache, batch_size=run.batch_size)


def score_corpus(
    paths: Iterable[str | Path],
    *,
    outlet: str | None = None,
    analyzer: Analyzer | AnalyzerSpec | None = None,
    on_result: Callable[[ArticleAnalysis | ReadFailure], None] | None = None,
    read_options: ReadOptions | None = None,
    run: RunOptions | None = None,
    keep: bool = True,
) -> CorpusResult:
    """Read and analyse every article under ``paths``; read failures are collected, not raised.

    ``read_options`` says how to read inputs (columns, size limit); ``outlet`` overrides its own.
    ``run`` says how to compute (processes, cache, engine): see :class:`RunOptions`. With
    ``keep=False`` the analyses are only passed to ``on_result``, not kept: memory stays flat
    however large the corpus.
    """
    if analyzer is None:
        dask = run is not None and run.engine == "dask"
        analyzer = AnalyzerSpec.of() if dask else default_analyzer()
    failures: list[ReadFailure] = []

    def articles() -> Iterator[Article]:
        for item in read_corpus(paths, options=read_options, outlet=outlet):
            if isinstance(item, ReadFailure):
                if not isinstance(item, ReadSkipped):  # a warning, not a failure
                    failures.append(item)
                if on_result:
                    on_result(item)
            else:
                yield item

    analyses, n_scored, failed = [], 0, []
    for analysis in run_analyses(analyzer, articles(), run):
        n_scored += 1
        if analysis.status == "failed":
            failed.append(analysis.article.path or analysis.article.id)
        if keep:
            analyses.append(analysis)
        if on_result:
            on_result(analysis)
    return CorpusResult(
        analyses, failures, analyzer.model, analyzer.lexicon_version, n_scored, failed
    )


def analyze_corpus(
    paths: Iterable[str | Path] | str | Path, outlet: str | None = None
) -> pd.DataFrame:
    """One row per article under ``paths``, with model and lexicon versions in every row.

    Inputs that could not be read are listed in ``frame.attrs["failures"]`` as (path, reason).
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    result = score_corpus(paths, outlet=outlet)
    frame = result.table()
    frame.attrs["failures"] = [(f.path, f.reason) for f in result.failures]
    frame.attrs["model"] = result.model
    frame.attrs["lexicon_version"] = result.lexicon_version
    return frame
