"""``--jobs N``: articles scored in N worker processes, results in input order.

The workers are forked from the process that loaded the pipeline, so the model is loaded once
and shared copy-on-write, the scheme of spaCy's own ``nlp.pipe(n_process=N)``. That one cannot
be used as it is: the selective parser (:mod:`framing.selective`) runs the pipeline piece by
piece, and what comes back is an :class:`~framing.analysis.ArticleAnalysis` (small records),
not a whole Doc, which is also far less to send between processes.

At most ``2 × jobs`` batches are in flight, so a corpus is streamed, never held whole. With a
cache directory every worker opens the cache itself (SQLite allows one writer at a time and
waits for it), so cached results are read and new ones stored in the workers.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.util import minibatch

if TYPE_CHECKING:
    from framing.analysis import Analyzer, ArticleAnalysis
    from framing.corpus import Article

# Set in the parent before the pool forks; each worker finds it in its copy of the module.
_ANALYZER: Analyzer | None = None
_CACHE_DIR: Path | None = None


_WORKER_CACHE = None  # this worker's own connection to the cache, opened on first use


def _score_batch(batch: list[Article]) -> list[ArticleAnalysis]:
    """One batch in a worker (a module-level function, so the pool can name it)."""
    global _WORKER_CACHE
    assert _ANALYZER is not None, "worker started without an analyzer"
    if _CACHE_DIR is None:
        return list(_ANALYZER.analyze_articles(batch, batch_size=len(batch)))
    from framing.cache import AnalysisCache, cached_analyses

    if _WORKER_CACHE is None:
        _WORKER_CACHE = AnalysisCache(_CACHE_DIR)
    return list(cached_analyses(_ANALYZER, batch, _WORKER_CACHE, batch_size=len(batch)))


def parallel_analyses(
    analyzer: Analyzer,
    articles: Iterable[Article],
    jobs: int,
    *,
    batch_size: int = 8,
    cache_dir: Path | None = None,
) -> Iterator[ArticleAnalysis]:
    """Analyses of ``articles`` from ``jobs`` forked workers, in input order."""
    global _ANALYZER, _CACHE_DIR
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    _ANALYZER, _CACHE_DIR = analyzer, cache_dir
    if cache_dir is not None:
        from framing.cache import AnalysisCache

        # Created here, once, before the workers open it side by side.
        AnalysisCache(cache_dir).close()
    # The loaded pipeline is never garbage: frozen, the collector neither walks it in the
    # workers nor touches (and so copies) the pages they share with this process.
    gc.freeze()
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        pending: deque = deque()
        for batch in minibatch(articles, size=batch_size):
            pending.append(pool.apply_async(_score_batch, (list(batch),)))
            if len(pending) >= 2 * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
