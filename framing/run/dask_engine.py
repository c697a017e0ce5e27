"""Score a corpus on a Dask cluster: partitions of articles go to workers, analyses come back.

The same analysis as :meth:`framing.measure.analyzer.Analyzer.analyze_articles`, spread over
machines:

    articles → partitions (lists of Articles) → workers score them → analyses, in input order

Each worker builds its Analyzer once (``default_analyzer`` is cached per process) and reuses
it for every partition it is given, so the model is loaded once per worker, not per task.
The client streams: at most ``max_in_flight`` partitions are submitted or waiting to be yielded
at any time, so neither the corpus nor its results are ever held whole in memory.

The cache (:mod:`framing.run.cache`) stays with the client, as with ``--jobs``: the client looks
each partition's results up first and sends the workers only the articles it lacks (a
partition it holds whole is never sent, and a run it holds whole starts no cluster). Workers
return their results and the parses they made; the client stores both as each partition
completes, so an interrupted run keeps what finished, and a later local run (or one after a
lexicon edit, which re-scores from stored parses) reuses them. The client never loads the
pipeline: it knows the versions that key the cache from
:class:`framing.measure.analyzer.AnalyzerSpec`,
and stops with :class:`VersionMismatch` if a partition comes back from an analyzer of another
version (other code, model or lexicons on the workers), before storing anything of it.

Errors. An article the pipeline cannot score is already a ``failed`` row (the framing
component's error handler). An exception that escapes a partition is something else: the model
is missing on a worker, a worker ran out of memory or died. Turning that into failed rows would
hide a broken deployment behind a table of NaNs, so it stops the run with
:class:`PartitionFailed`, which names the partition and its first article.

Dask is an optional dependency (``pip install 'framing[dask]'``); it is imported only here, and
only when the engine is used.
"""

from __future__ import annotations

import inspect
import os
import threading
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from framing.measure.analyzer import AnalyzerSpec, ArticleAnalysis, default_analyzer
from framing.read.corpus import Article
from framing.run.cache import AnalysisCache
from framing.run.cached_run import (
    Computed,
    compute_missing,
    find_results,
    in_input_order,
    missing_articles,
    store,
)

DEFAULT_PARTITION_SIZE = 64
DEFAULT_BATCH_SIZE = 32
# Seconds to wait for a remote scheduler before giving up (Dask's own default is 30).
DEFAULT_CONNECT_TIMEOUT = 30.0
INSTALL_HINT = "install the optional extra: pip install 'framing[dask]'"

# Two threads of one worker process could both miss default_analyzer's cache and load the
# model twice (lru_cache does not lock around the call); this makes the first load exclusive.
_ANALYZER_LOCK = threading.Lock()


class DaskNotInstalled(ImportError):
    """The Dask engine was asked for, but dask.distributed is not installed."""


class SchedulerUnreachable(ConnectionError):
    """No Dask scheduler answered at the address given."""


class PartitionFailed(RuntimeError):
    """A partition raised on the cluster; the run stops rather than lose its articles quietly."""


class VersionMismatch(PartitionFailed):
    """A partition came back from an analyzer that is not the client's (code, model or
    lexicons differ): its results would be stored and labelled under the wrong versions."""


def score_partition(
    articles: list[Article] | dict[str, Article],
    analyzer_settings: dict[str, Any],
    batch_size: int,
) -> tuple[str, list[ArticleAnalysis] | Computed]:
    """The worker task: analyse one partition with this process's shared Analyzer.

    ``articles`` is a list (no cache: the analyses come back in its order) or, for a cached
    run, the articles the client's cache lacks by key (their results and new parses come
    back, as :func:`framing.run.cached_run.compute_missing` gives them, without the articles). The
    analyzer's result version comes first, for the client to check.

    Module-level so workers import it by name rather than unpickling a closure.
    """
    with _ANALYZER_LOCK:
        analyzer = default_analyzer(**analyzer_settings)
    if isinstance(articles, dict):
        computed = compute_missing(analyzer, articles, batch_size=batch_size)
        return analyzer.result_version, computed.without_articles()
    return analyzer.result_version, list(analyzer.analyze_articles(articles, batch_size=batch_size))


def dask_analyses(
    articles: Iterable[Article],
    *,
    analyzer_settings: dict[str, Any] | None = None,
    scheduler: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    n_workers: int | None = None,
    max_in_flight: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    cache_dir: str | Path | None = None,
    versions: tuple[str, str] | None = None,
) -> Iterator[ArticleAnalysis]:
    """Analyse ``articles`` on a Dask cluster and yield the analyses in input order.

    ``analyzer_settings`` are the keyword arguments of
    :func:`framing.measure.analyzer.default_analyzer` (``lexicon_overlays``, ``model``, ``mode``);
    they travel to every worker, so their values must be hashable (a tuple, not a list).

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``). Without it a
    local cluster of ``n_workers`` single-threaded processes (default: one per core) is started
    for this run and closed after it.

    ``max_in_flight`` bounds the partitions submitted but not yet yielded (default: twice the
    cluster's worker threads, at least 2): the client's memory is about that many partitions of
    articles and analyses, whatever the corpus size.

    ``cache_dir``: the client's cache folder (:mod:`framing.run.cache`), read before any partition
    is sent and written as partitions complete; None for no cache. ``versions`` are the
    analyzer's (parse version, result version); by default they are read from
    ``analyzer_settings`` without loading the pipeline
    (:class:`framing.measure.analyzer.AnalyzerSpec`)
    when a cache needs them. Given, every partition's result version is checked against them.

    Settings are checked, and dask imported, when this is called; the cache is opened when the
    first analysis is asked for, and the cluster reached at the first article it lacks.
    """
    settings = dict(analyzer_settings or {})
    _check_settings(settings)
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, not {partition_size}")
    if max_in_flight is not None and max_in_flight < 1:
        raise ValueError(f"max_in_flight must be at least 1, not {max_in_flight}")
    if n_workers is not None and n_workers < 1:
        raise ValueError(f"n_workers must be at least 1, not {n_workers}")
    distributed = _import_distributed()
    if cache_dir is not None and versions is None:
        spec = AnalyzerSpec.of(**settings)
        versions = (spec.parse_version, spec.result_version)
    return _stream(
        distributed,
        _partitions(articles, partition_size),
        settings=settings,
        scheduler=scheduler,
        n_workers=n_workers,
        max_in_flight=max_in_flight,
        batch_size=batch_size,
        connect_timeout=connect_timeout,
        cache_dir=None if cache_dir is None else Path(cache_dir),
        versions=versions,
    )


def _check_settings(settings: dict[str, Any]) -> None:
    # Caught here, on the client, the mistake is one clear line; on a worker it would surface
    # as a failed partition after the cluster had started.
    try:
        inspect.signature(default_analyzer).bind(**settings)
    except TypeError as exc:
        raise ValueError(f"analyzer_settings do not fit default_analyzer: {exc}") from None
    for name, value in settings.items():
        try:
            hash(value)
        except TypeError:
            raise ValueError(
                f"analyzer setting {name!r} must be hashable (the worker's analyzer cache is "
                f"keyed on it): got {type(value).__name__}; use a tuple"
            ) from None


def _import_distributed():
    try:
        import distributed
    except ImportError as exc:
        raise DaskNotInstalled(f"the Dask engine needs dask.distributed: {INSTALL_HINT}") from exc
    return distributed


def _partitions(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while partition := list(islice(iterator, size)):
        yield partition


def _connect(distributed, scheduler: str | None, n_workers: int | None, timeout: float):
    """A client and, for a local run, the cluster it owns (None when the scheduler is remote)."""
    if scheduler is None:
        # One thread per worker process: spaCy pipelines are not made to be shared by threads,
        # and processes sidestep the GIL.
        cluster = distributed.LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: None still takes 8787
        )
        return distributed.Client(cluster, set_as_default=False), cluster
    try:
        client = distributed.Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, ValueError) as exc:
        raise SchedulerUnreachable(
            f"cannot reach the Dask scheduler at {scheduler!r}: {exc} "
            "(is `dask scheduler` running there, and is its port open to this machine?)"
        ) from None
    return client, None


@dataclass
class _Partition:
    """One partition on the client, from the cache lookup until it is yielded."""

    articles: list[Article]
    keys: list[str] | None = None  # with a cache: each article's key, and the results found
    found: dict[str, ArticleAnalysis] = field(default_factory=dict)
    sent: list[Article] = field(default_factory=list)  # what went to the cluster
    analyses: list[ArticleAnalysis] | None = None  # without a cache, once computed

    @property
    def ready(self) -> bool:
        return not self.sent or self.analyses is not None

    def in_order(self) -> Iterator[ArticleAnalysis]:
        if self.keys is None:
            return iter(self.analyses or ())
        return in_input_order(self.articles, self.keys, self.found)


def _stream(
    distributed,
    partitions: Iterator[list[Article]],
    *,
    settings: dict[str, Any],
    scheduler: str | None,
    n_workers: int | None,
    max_in_flight: int | None,
    batch_size: int,
    connect_timeout: float,
    cache_dir: Path | None,
    versions: tuple[str, str] | None,
) -> Iterator[ArticleAnalysis]:
    client = cluster = in_flight = None
    cache = AnalysisCache(cache_dir) if cache_dir is not None else None
    try:
        run = f"framing-partition-{uuid.uuid4().hex}"
        # Until a cluster is needed, partitions come whole from the cache and are yielded as
        # soon as they are read: two at a time is enough.
        limit = max_in_flight or 2
        waiting: dict[int, _Partition] = {}  # read, not yet yielded (the reorder buffer)
        taken = next_to_yield = 0

        def take_more() -> None:
            nonlocal client, cluster, in_flight, limit, taken
            # Counting the buffered partitions too keeps memory bounded when one slow
            # partition holds back the ones after it.
            while taken - next_to_yield < limit:
                articles = next(partitions, None)
                if articles is None:
                    return
                part = _Partition(articles)
                if cache is None:
                    part.sent = articles
                    work: list[Article] | dict[str, Article] = articles
                else:
                    part.keys, part.found = find_results(cache, articles, versions[1])
                    work = missing_articles(articles, part.keys, part.found)
                    part.sent = list(work.values())
                if part.sent:
                    if client is None:
                        client, cluster = _connect(
                            distributed, scheduler, n_workers, connect_timeout
                        )
                        threads = sum(client.nthreads().values())
                        limit = max_in_flight or max(2, 2 * threads)
                        in_flight = distributed.as_completed(loop=client.loop)
                    future = client.submit(
                        score_partition,
                        work,
                        settings,
                        batch_size,
                        key=(run, taken),
                        # Earlier partitions first, so the reorder buffer drains as it fills.
                        priority=-taken,
                    )
                    in_flight.add(future)
                waiting[taken] = part
                taken += 1

        while True:
            take_more()
            ready: list[_Partition] = []
            while next_to_yield in waiting and waiting[next_to_yield].ready:
                ready.append(waiting.pop(next_to_yield))
                next_to_yield += 1
            if ready:
                # Refill before yielding, so the workers are busy while the consumer writes.
                take_more()
                for part in ready:
                    yield from part.in_order()
                continue
            if not waiting:
                return
            # The first partition waiting was sent, so something is in flight.
            future = next(in_flight)
            index = future.key[1]
            _receive(waiting[index], index, future, cache, versions)
            future.release()  # the worker may drop the result now
    finally:
        # Also reached when the consumer stops early: nothing keeps running for nobody.
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        if cache is not None:
            cache.close()


def _receive(part: _Partition, index: int, future, cache, versions) -> None:
    """A completed partition's results into ``part`` (and the cache), or the run stops."""
    sent = part.sent
    try:
        version, payload = future.result()
    except Exception as exc:
        raise PartitionFailed(
            f"partition {index} ({len(sent)} articles, the first {sent[0].id!r}) failed on the "
            f"cluster: {type(exc).__name__}: {exc}"
        ) from exc
    if versions is not None and version != versions[1]:
        raise VersionMismatch(
            f"partition {index} (the first article {sent[0].id!r}) was scored by an analyzer of "
            f"result version {version}, not this client's {versions[1]}: the workers have other "
            "framing code, model or lexicons than the client; install the same on both"
        )
    if cache is None:
        part.analyses = payload
        return
    # Stored as each partition completes: an interrupted run keeps it.
    store(cache, payload, versions[0], versions[1])
    part.found.update(payload.results)
    part.analyses = []
