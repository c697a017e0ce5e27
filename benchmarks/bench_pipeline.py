"""Throughput of the framing pipeline against bare ``nlp.pipe`` of the same model, in one run.

Usage:  python benchmarks/bench_pipeline.py [--limit N] [--corpus PATH]

Reads the BBC News corpus from ../shared/corpora/bbc_news.jsonl (Greene & Cunningham 2006),
which is not shipped with the project. Both passes see the same texts, in the same process,
after a warm-up; the figure that matters is the ratio, since absolute speed depends on the
machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/bbc_news.jsonl"


def load_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts.append(record["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--chunk", type=int, default=100, help="articles per alternating round")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(
            f"skipped: corpus not found at {args.corpus} (it sits in ../shared/)", file=sys.stderr
        )
        return 0

    from framing.analysis import Analyzer, count_words
    from framing.corpus import Article
    from framing.model import load_model, model_version

    texts = load_texts(args.corpus, args.limit)
    bare = load_model()
    analyzer = Analyzer(load_model())
    articles = [Article(id=str(i), text=t, outlet="BBC") for i, t in enumerate(texts)]

    # Warm-up: first calls load lookup tables and syllable dictionaries.
    list(bare.pipe(texts[:20]))
    list(analyzer.analyze_articles(articles[:20]))

    # The two passes alternate over chunks of the corpus, and swap order each round, so a
    # change in the machine's load during the run affects both alike.
    words, bare_seconds, full_seconds = 0, 0.0, 0.0
    chunk = args.chunk
    for round_number, first in enumerate(range(0, len(texts), chunk)):

        def run_bare(first=first):
            start = time.perf_counter()
            docs = bare.pipe(texts[first : first + chunk], batch_size=args.batch_size)
            counted = sum(count_words(doc) for doc in docs)
            return counted, time.perf_counter() - start

        def run_full(first=first):
            start = time.perf_counter()
            batch = articles[first : first + chunk]
            analyses = list(analyzer.analyze_articles(batch, batch_size=args.batch_size))
            assert len(analyses) == len(batch)
            return time.perf_counter() - start

        if round_number % 2:
            full_seconds += run_full()
            counted, seconds = run_bare()
        else:
            counted, seconds = run_bare()
            full_seconds += run_full()
        words += counted
        bare_seconds += seconds

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {python}")
    print(f"model: {model_version(bare)}   lexicons: {analyzer.lexicon_version}")
    print(f"articles: {len(texts):,}   words: {words:,}")
    print(f"bare nlp.pipe:      {words / bare_seconds:10,.0f} words/s   ({bare_seconds:.1f} s)")
    print(f"framing pipeline:   {words / full_seconds:10,.0f} words/s   ({full_seconds:.1f} s)")
    print(
        f"ratio full/bare time: {full_seconds / bare_seconds:.3f}  "
        f"(framing adds {100 * (full_seconds / bare_seconds - 1):+.1f}% on top of the model)"
    )
    print(f"peak resident memory: {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
