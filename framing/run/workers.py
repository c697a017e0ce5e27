"""``--jobs N``: articles scored in N worker processes, results in input order.

The workers are forked from the process that loaded the pipeline, so the model is loaded once
and shared copy-on-write, the scheme of spaCy's own ``nlp.pipe(n_process=N)``. That one cannot
be used as it is: the selective parser (:mod:`framing.annotate.selective`) runs the pipeline piece
by
piece, and what comes back is an :class:`~framing.measure.analyzer.ArticleAnalysis` (small records),
not a whole Doc, which is also far less to send between processes.

At most ``2 × jobs`` batches are in flight, so a corpus is streamed, never held whole. With a
cache directory every worker opens the cache itself (SQLite allows one writer at a time and
waits for it), so cached results are read and new ones stored in the workers.

Where fork is unavailable (Windows) the workers are spawned: each starts a fresh interpreter
and builds its own Analyzer from the parent's ``settings`` (model, mode, lexicon overlays),
as a Dask worker does, which costs each worker the model's load time. A worker whose Analyzer
is not the parent's (a pipeline passed in as an object that its settings cannot rebuild)
fails the run with :class:`WorkerMismatch` rather than return results under the wrong versions.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.util import minibatch

if TYPE_CHECKING:
    from framing.measure.analyzer import Analyzer, ArticleAnalysis
    from framing.read.corpus import Article

# Set in the parent before the pool forks; each worker finds it in its copy of the module.
_ANALYZER: Analyzer | None = None
_CACHE_DIR: Path | None = None


_WORKER_CACHE = None  # this worker's own connection to the cache, opened on first use
_EXPECTED_VERSION: str | None = None  # a spawned worker's check against the parent's analyzer


class WorkerMismatch(RuntimeError):
    """A spawned worker built an Analyzer other than the parent's (different versions)."""


def start_method() -> str:
    """``fork`` where the platform has it (the model loads once, shared), else ``spawn``."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _start_spawned_worker(settings: dict, result_version: str, cache_dir: Path | None) -> None:
    """A spawned worker's initializer: build the parent's Analyzer from its settings."""
    global _ANALYZER, _CACHE_DIR, _EXPECTED_VERSION
    from framing.measure.analyzer import default_analyzer

    _ANALYZER = default_analyzer(**settings)
    _CACHE_DIR, _EXPECTED_VERSION = cache_dir, result_version


def _score_batch(batch: list[Article]) -> list[ArticleAnalysis]:
    """One batch in a worker (a module-level function, so the pool can name it)."""
    global _WORKER_CACHE
    assert _ANALYZER is not None, "worker started without an analyzer"
    if _EXPECTED_VERSION is not None and _ANALYZER.result_version != _EXPECTED_VERSION:
        raise WorkerMismatch(
            f"a spawned worker built analyzer {_ANALYZER.result_version}, not the parent's "
            f"{_EXPECTED_VERSION}: its settings do not rebuild the pipeline given as an object "
            "(without fork, use one process: --jobs 1, n_jobs=None)"
        )
    if _CACHE_DIR is None:
        return list(_ANALYZER.analyze_articles(batch, batch_size=len(batch)))
    from framing.run.cache import AnalysisCache
    from framing.run.cached_run import cached_analyses

    if _WORKER_CACHE is None:
        _WORKER_CACHE = AnalysisCache(_CACHE_DIR)
    return list(cached_analyses(_ANALYZER, batch, _WORKER_CACHE, batch_size=len(batch)))


#: Articles per worker batch. The model runs a batch at a time, and small batches cost it more
#: per word: on 400 BBC articles and 2 cores, --jobs 2 ran 1.62-1.70x as fast as one process
#: with batches of 8 and 1.77-1.87x with 16 (32 did no better, and leaves more of a short run's
#: tail to one worker).
WORKER_BATCH_SIZE = 16


def parallel_analyses(
    analyzer: Analyzer,
    articles: Iterable[Article],
    jobs: int,
    *,
    batch_size: int = WORKER_BATCH_SIZE,
    cache_dir: Path | None = None,
    method: str | None = None,
) -> Iterator[ArticleAnalysis]:
    """Analyses of ``articles`` from ``jobs`` workers, in input order; ``method`` is ``fork``
    or ``spawn`` (default: :func:`start_method`)."""
    global _ANALYZER, _CACHE_DIR
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    _ANALYZER, _CACHE_DIR = analyzer, cache_dir
    pool_of = _pool_maker(analyzer, method or start_method(), cache_dir)
    # The loaded pipeline is never garbage: frozen, the collector neither walks it in the
    # workers nor touches (and so copies) the pages they share with this process.
    gc.freeze()
    if cache_dir is None:
        yield from _from_workers(articles, jobs, batch_size, lambda batch: ({}, batch), pool_of)
        return
    from framing.run.cache import AnalysisCache
    from framing.run.cached_run import find_results

    # Created here before the workers open it side by side; stored results are read here,
    # so a re-run sends the workers only what the cache lacks (and starts none if nothing).
    with AnalysisCache(cache_dir) as cache:

        def stored(batch: list[Article]) -> tuple[dict[int, ArticleAnalysis], list[Article]]:
            keys, found = find_results(cache, batch, analyzer.result_version)
            hits = {
                i: dataclasses.replace(found[key], article=article)
                for i, (key, article) in enumerate(zip(keys, batch, strict=True))
                if key in found
            }
            return hits, [article for i, article in enumerate(batch) if i not in hits]

        yield from _from_workers(articles, jobs, batch_size, stored, pool_of)


def _pool_maker(analyzer: Analyzer, method: str, cache_dir: Path | None):
    """A function making the pool: forked workers inherit the analyzer, spawned ones build it."""
    context = multiprocessing.get_context(method)
    if method == "fork":
        return context.Pool
    initargs = (analyzer.settings, analyzer.result_version, cache_dir)
    return lambda jobs: context.Pool(jobs, _start_spawned_worker, initargs)


def _from_workers(
    articles, jobs: int, batch_size: int, split, pool_of
) -> Iterator[ArticleAnalysis]:
    """Each batch's analyses in input order: ``split(batch)`` gives those already known (by
    position) and the articles the workers must score. The pool starts at the first of those."""
    pool = None
    pending: deque = deque()
    try:
        for batch, last in _with_last(minibatch(articles, size=batch_size)):
            known, missing = split(list(batch))
            if missing and pool is None and last:
                # One batch left and no worker yet (one article, say): one worker would score
                # it alone, so scoring it here saves starting the pool and gives the same rows.
                pending.append((len(known) + len(missing), known, _Done(_score_here(missing))))
                continue
            if missing and pool is None:
                pool = pool_of(jobs)
            work = pool.apply_async(_score_batch, (missing,)) if missing else None
            pending.append((len(known) + len(missing), known, work))
            if len(pending) >= 2 * jobs:
                yield from _in_order(*pending.popleft())
        while pending:
            yield from _in_order(*pending.popleft())
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def _with_last(items: Iterable) -> Iterator[tuple[object, bool]]:
    """Each item, and whether it is the last one (one item of look-ahead)."""
    iterator = iter(items)
    try:
        current = next(iterator)
    except StopIteration:
        return
    for following in iterator:
        yield current, False
        current = following
    yield current, True


class _Done:
    """Work finished in this process, read like a pool's result."""

    def __init__(self, value: list):
        self.value = value

    def get(self) -> list:
        return self.value


def _score_here(batch: list[Article]) -> list[ArticleAnalysis]:
    """A batch scored in this process, with the cache if the run has one."""
    assert _ANALYZER is not None
    if _CACHE_DIR is None:
        return list(_ANALYZER.analyze_articles(batch, batch_size=len(batch)))
    from framing.run.cache import AnalysisCache
    from framing.run.cached_run import cached_analyses

    with AnalysisCache(_CACHE_DIR) as cache:
        return list(cached_analyses(_ANALYZER, batch, cache, batch_size=len(batch)))


def _in_order(size: int, known: dict, work) -> Iterator[ArticleAnalysis]:
    computed = iter(work.get() if work is not None else ())
    for i in range(size):
        yield known[i] if i in known else next(computed)
