"""What the per-article cache saves: a first run, a re-run, and a run after a lexicon edit.

Usage:  python benchmarks/bench_cache.py [--limit N] [--corpus PATH]

Scores the first N articles of the BBC News corpus (../shared/corpora/bbc_news.jsonl, Greene &
Cunningham 2006; not shipped) with the trained pipeline, three times against one cache in a
temporary folder: empty (everything computed), unchanged (everything a hit), and after an
overlay adds a loaded term (results recomputed from the stored parses, nothing parsed). The
pipeline is loaded before the clock starts; the figures that matter are the ratios to the
first run (targets: re-run at most 5%).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/bbc_news.jsonl"
# A loaded term common in business news, so the third run's results really change.
OVERLAY = """\
lexicon: loaded_terms
lang: en
categories:
  emotional_intensifier: Words that heighten emotion beyond what the facts state.
entries:
  - {id: bench.slump, term: slump, category: emotional_intensifier, note: benchmark term}
"""


def load_articles(path: Path, limit: int):
    from framing.read.corpus import Article

    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            articles.append(Article(id=record["id"], text=record["text"], outlet="BBC"))
            if len(articles) >= limit:
                break
    return articles


def timed_run(analyzer, articles, folder: Path, batch_size: int) -> tuple[float, list]:
    from framing.run.cache import AnalysisCache
    from framing.run.cached_run import cached_analyses

    start = time.perf_counter()
    with AnalysisCache(folder) as cache:
        analyses = list(cached_analyses(analyzer, articles, cache, batch_size=batch_size))
    return time.perf_counter() - start, analyses


def _same_features(a, b) -> bool:
    def plain(analysis):
        return {k: None if math.isnan(v) else v for k, v in analysis.features.items()}

    return plain(a) == plain(b)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300, help="first N articles (default 300)")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(
            f"skipped: corpus not found at {args.corpus} (it sits in ../shared/)", file=sys.stderr
        )
        return 0

    from framing.annotate.model import load_model
    from framing.measure.analyzer import Analyzer
    from framing.run.cache import AnalysisCache

    articles = load_articles(args.corpus, args.limit)
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as tmp:
        overlay = Path(tmp) / "overlay"
        overlay.mkdir()
        (overlay / "loaded_terms.yaml").write_text(OVERLAY, encoding="utf-8")
        analyzer = Analyzer(load_model())
        edited = Analyzer(load_model(), lexicon_overlays=[overlay])
        if edited.parse_version != analyzer.parse_version:
            print("warning: the overlay changed the parse version; run 3 parses again")
        # Warm-up outside the cache: first calls load lookup tables and dictionaries.
        list(analyzer.analyze_articles(articles[:10]))
        list(edited.analyze_articles(articles[:10]))

        folder = Path(tmp) / "cache"
        first, computed = timed_run(analyzer, articles, folder, args.batch_size)
        second, hits = timed_run(analyzer, articles, folder, args.batch_size)
        third, rescored = timed_run(edited, articles, folder, args.batch_size)
        with AnalysisCache(folder, create=False) as cache:
            described = cache.info()
            # Not timed: results scored from stored parses must equal those of fresh parses.
            cache.clear(keep_parse_version=analyzer.parse_version, keep_result_version="")
        _, from_parses = timed_run(analyzer, articles, folder, args.batch_size)

    assert all(map(_same_features, hits, computed)), "a cache hit differs from its computation"
    assert all(map(_same_features, from_parses, computed)), "a stored parse scores differently"
    new_hits = sum(h.entry_id == "bench.slump" for a in rescored for h in a.term_hits)
    n = len(articles)
    print(f"articles: {n} (first {n} of {args.corpus.name}), batch size {args.batch_size}")
    print(f"model: {analyzer.model}, mode: {getattr(analyzer, 'mode', '?')}")
    print(f"1. empty cache:           {first:8.2f} s  ({n / first:6.1f} articles/s)")
    print(f"2. unchanged corpus:      {second:8.2f} s  ratio {second / first:.3f}")
    print(
        f"3. loaded-term overlay:   {third:8.2f} s  ratio {third / first:.3f}"
        f"  ({new_hits} hits of the new term)"
    )
    print(
        f"cache: {described.size_bytes / 1e6:.1f} MB on disk, {described.n_parses} parses, "
        f"{described.n_results} results"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
