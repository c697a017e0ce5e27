"""A corpus run through the per-article cache: only what the cache lacks is computed.

:func:`cached_analyses` reads articles in chunks, looks results up first, parses only what no
stored parse covers, and commits each chunk before yielding it, so an interrupted run keeps
everything it finished and the next one picks up where it stopped. Its steps are functions of
their own (:func:`find_results`, :func:`missing_articles`, :func:`compute_missing`,
:func:`store`, :func:`in_input_order`) so that the worker processes and the Dask engine share
them. The store itself, one SQLite file, is :mod:`framing.run.cache`.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framing.read.cleaning import clean_text
from framing.read.corpus import Article
from framing.run.cache import AnalysisCache, storable, text_key

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from framing.measure.analyzer import Analyzer, ArticleAnalysis

#: A failure that says something about the machine, not the text, is computed again next run.
#: Every other failure (a component's error, a refused language) follows from the text and
#: the versions, so it is cached like a success and not re-tried on every run.
TRANSIENT_ERRORS = ("MemoryError", "OSError", "TimeoutError")


def is_cacheable(analysis: ArticleAnalysis) -> bool:
    """A result is stored unless it failed for a reason the text does not determine."""
    if analysis.status != "failed" or not analysis.error:
        return True
    return not any(f"{name}:" in analysis.error for name in TRANSIENT_ERRORS)


def _parse_doc(vocab: Vocab, data: bytes) -> Doc:
    from framing.annotate.selective import docs_from_bytes

    (doc,) = docs_from_bytes(vocab, data)
    return doc


def cached_analyses(
    analyzer: Analyzer,
    articles: Iterable[Article],
    cache: AnalysisCache,
    batch_size: int = 32,
) -> Iterator[ArticleAnalysis]:
    """Analyse articles in input order, computing only what ``cache`` does not hold.

    Reads ``batch_size`` articles at a time: their stored results are yielded as they are;
    the others are scored from stored parses, and only texts with no stored parse are
    parsed. Each chunk's new parses and results are committed before the chunk is yielded,
    so an interrupted run loses at most the chunk it was working on.

    The steps are functions of their own, so that the other engines share them: the parent
    of ``--jobs`` reads results with :func:`find_results`; the Dask client reads and stores
    (:func:`find_results`, :func:`store`) while its workers :func:`compute_missing`.
    """
    parse_version, result_version = analyzer.parse_version, analyzer.result_version

    def stored_parses(keys: Iterable[str]) -> dict[str, bytes]:
        return cache.get_parses(keys, parse_version)

    stream = iter(articles)
    while chunk := list(itertools.islice(stream, batch_size)):
        keys, found = find_results(cache, chunk, result_version)
        missing = missing_articles(chunk, keys, found)
        if missing:
            computed = compute_missing(
                analyzer, missing, stored_parses=stored_parses, batch_size=batch_size
            )
            store(cache, computed, parse_version, result_version)
            found.update(computed.results)
        yield from in_input_order(chunk, keys, found)


def find_results(
    cache: AnalysisCache, articles: Sequence[Article], result_version: str
) -> tuple[list[str], dict[str, ArticleAnalysis]]:
    """Each article's key (its raw text's hash), and the stored results found by key."""
    keys = [text_key(article.text) for article in articles]
    return keys, cache.get_results(keys, result_version)


def missing_articles(
    articles: Sequence[Article], keys: Sequence[str], found: dict[str, ArticleAnalysis]
) -> dict[str, Article]:
    """The articles to compute, by key; one text that comes twice is computed once."""
    return {key: article for key, article in zip(keys, articles, strict=True) if key not in found}


def in_input_order(
    articles: Sequence[Article], keys: Sequence[str], found: dict[str, ArticleAnalysis]
) -> Iterator[ArticleAnalysis]:
    """The analyses of ``articles`` in their order, each with its own article."""
    for key, article in zip(keys, articles, strict=True):
        # The same text under another file name gives the same evidence; the metadata
        # is the current article's.
        yield dataclasses.replace(found[key], article=article)


@dataclass
class Computed:
    """What :func:`compute_missing` gives: results by raw-text key, and the parses it made
    as (cleaned-text key, bytes), for :func:`store`."""

    results: dict[str, ArticleAnalysis]
    parses: list[tuple[str, bytes]]

    def without_articles(self) -> Computed:
        """The same, lighter to send back from a worker: results carry no article (the
        receiver has them) and no Doc."""
        return Computed({k: storable(a) for k, a in self.results.items()}, self.parses)


def store(
    cache: AnalysisCache, computed: Computed, parse_version: str, result_version: str
) -> None:
    """Write the new parses, then every result worth keeping (:func:`is_cacheable`)."""
    cache.put_parses(computed.parses, parse_version)
    cache.put_results(
        ((key, analysis) for key, analysis in computed.results.items() if is_cacheable(analysis)),
        result_version,
    )


def compute_missing(
    analyzer: Analyzer,
    missing: dict[str, Article],
    *,
    stored_parses: Callable[[Iterable[str]], dict[str, bytes]] | None = None,
    batch_size: int = 32,
) -> Computed:
    """Results for ``missing`` (raw-text hash -> article), from stored parses where
    ``stored_parses`` (cleaned-text hashes -> parse bytes) has them, parsing the rest.

    Touches no cache itself, so it runs where the cache is not (a Dask worker).
    """
    from framing.annotate.selective import docs_to_bytes

    cleaned = {key: clean_text(article.text) for key, article in missing.items()}
    # Parses are keyed by the cleaned text, which is all the model sees: two texts that
    # differ only in what cleaning removes share a parse (their results still differ in
    # offsets, so results are keyed by the raw text).
    parse_keys = {key: text_key(clean.text) for key, clean in cleaned.items()}
    texts = {parse_keys[key]: clean.text for key, clean in cleaned.items()}
    stored = stored_parses(list(texts)) if stored_parses is not None else {}
    docs = {}
    for pkey, data in stored.items():
        try:
            docs[pkey] = _parse_doc(analyzer.nlp.vocab, data)
        except Exception:  # noqa: BLE001 - a damaged stored parse: parse the text again
            continue
    to_parse = [pkey for pkey in texts if pkey not in docs]
    new = []
    if to_parse:
        for pkey, doc in zip(
            to_parse,
            analyzer.parse((texts[p] for p in to_parse), batch_size=batch_size),
            strict=True,
        ):
            # Serialised before annotation, which writes spans into the Doc.
            if not analyzer.failed_to_parse(doc):
                new.append((pkey, docs_to_bytes([doc])))
            docs[pkey] = doc
    annotated = dict(zip(texts, analyzer.annotate(docs[p] for p in texts), strict=True))
    results = {
        key: analyzer.result(article, cleaned[key], annotated[parse_keys[key]], keep_doc=False)
        for key, article in missing.items()
    }
    return Computed(results, new)
