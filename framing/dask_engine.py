"""Score a corpus on a Dask cluster: partitions of articles go to workers, analyses come back.

The same analysis as :meth:`framing.analysis.Analyzer.analyze_articles`, spread over machines:

    articles → partitions (lists of Articles) → workers score them → analyses, in input order

Each worker builds its Analyzer once (``default_analyzer`` is cached per process) and reuses
it for every partition it is given, so the model is loaded once per worker, not per task.
The client streams: at most ``max_in_flight`` partitions are submitted or waiting to be yielded
at any time, so neither the corpus nor its results are ever held whole in memory.

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
from itertools import islice
from typing import Any

from framing.analysis import ArticleAnalysis, default_analyzer
from framing.corpus import Article

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


def score_partition(
    articles: list[Article], analyzer_settings: dict[str, Any], batch_size: int
) -> list[ArticleAnalysis]:
    """The worker task: analyse one partition with this process's shared Analyzer.

    Module-level so workers import it by name rather than unpickling a closure.
    """
    with _ANALYZER_LOCK:
        analyzer = default_analyzer(**analyzer_settings)
    return list(analyzer.analyze_articles(articles, batch_size=batch_size))


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
) -> Iterator[ArticleAnalysis]:
    """Analyse ``articles`` on a Dask cluster and yield the analyses in input order.

    ``analyzer_settings`` are the keyword arguments of
    :func:`framing.analysis.default_analyzer` (``lexicon_overlays``, ``model``, ``mode``); they
    travel to every worker, so their values must be hashable (a tuple, not a list).

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``). Without it a
    local cluster of ``n_workers`` single-threaded processes (default: one per core) is started
    for this run and closed after it.

    ``max_in_flight`` bounds the partitions submitted but not yet yielded (default: twice the
    cluster's worker threads, at least 2): the client's memory is about that many partitions of
    articles and analyses, whatever the corpus size.

    Settings are checked, and dask imported, when this is called; the cluster is reached when
    the first analysis is asked for.
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
    return _stream(
        distributed,
        _partitions(articles, partition_size),
        settings=settings,
        scheduler=scheduler,
        n_workers=n_workers,
        max_in_flight=max_in_flight,
        batch_size=batch_size,
        connect_timeout=connect_timeout,
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
) -> Iterator[ArticleAnalysis]:
    client, cluster = _connect(distributed, scheduler, n_workers, connect_timeout)
    try:
        if max_in_flight is None:
            max_in_flight = max(2, 2 * sum(client.nthreads().values()))
        run = f"framing-partition-{uuid.uuid4().hex}"
        in_flight = distributed.as_completed(loop=client.loop)
        first_ids: dict[int, tuple[str, int]] = {}  # partition → (first article id, size)
        done: dict[int, list[ArticleAnalysis]] = {}  # the reorder buffer
        submitted = next_to_yield = 0

        def submit_more() -> None:
            nonlocal submitted
            # Counting the buffered partitions too keeps memory bounded when one slow
            # partition holds back the ones after it.
            while submitted - next_to_yield < max_in_flight:
                partition = next(partitions, None)
                if partition is None:
                    return
                future = client.submit(
                    score_partition,
                    partition,
                    settings,
                    batch_size,
                    key=(run, submitted),
                    # Earlier partitions first, so the reorder buffer drains as it fills.
                    priority=-submitted,
                )
                first_ids[submitted] = (partition[0].id, len(partition))
                in_flight.add(future)
                submitted += 1

        submit_more()
        for future in in_flight:
            index = future.key[1]
            try:
                done[index] = future.result()
            except Exception as exc:
                first_id, size = first_ids[index]
                raise PartitionFailed(
                    f"partition {index} ({size} articles, the first {first_id!r}) failed on the "
                    f"cluster: {type(exc).__name__}: {exc}"
                ) from exc
            future.release()  # the worker may drop the result now
            ready: list[ArticleAnalysis] = []
            while next_to_yield in done:
                ready.extend(done.pop(next_to_yield))
                del first_ids[next_to_yield]
                next_to_yield += 1
            # Refill before yielding, so the workers are busy while the consumer writes rows.
            submit_more()
            yield from ready
    finally:
        # Also reached when the consumer stops early: nothing keeps running for nobody.
        client.close()
        if cluster is not None:
            cluster.close()
