"""Time of the shared-copy search (every passage of 8+ words two articles share) on a corpus.

Usage:  python benchmarks/bench_shared_copy.py [--corpus PATH] [--articles N] [--repeat 3]

The BBC News corpus (../shared/corpora/bbc_news.jsonl, 2,225 articles, about 843,000 words;
Greene & Cunningham 2006, not shipped) is read as it is: its texts and, as the comparison
stage gets them from the analyses, the spans inside quote marks (:func:`framing.annotate.quotes.
find_quotes`, on the text alone). Only :func:`framing.compare.shared_copy.shared_copy` is timed,
best of ``--repeat`` runs. It prints the pairs, passages (quotes and copy) and identical
texts found, so a change that finds less shows as well as one that runs slower.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/bbc_news.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=0, help="first N articles (0: all)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus} (it sits in ../shared/corpora/)", file=sys.stderr)
        return 2

    from framing.annotate.quotes import find_quotes
    from framing.compare.shared_copy import KIND_QUOTE, shared_copy

    with args.corpus.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    if args.articles:
        records = records[: args.articles]
    texts = [r["text"] for r in records]
    groups = [r.get("category") or "bbc" for r in records]
    quotes = [[(q.span.start, q.span.end) for q in find_quotes(t)] for t in texts]
    n_words = sum(len(t.split()) for t in texts)

    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        pairs = shared_copy(texts, groups, quotes)
        timings.append(time.perf_counter() - started)
    passages = [p for pair in pairs for p in pair.passages]
    identical = sum(pair.identical for pair in pairs)
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    print(f"corpus: {len(texts):,} articles, {n_words:,} words ({args.corpus.name})")
    print(
        f"shared copy: best {min(timings):.2f} s of {args.repeat} "
        f"({n_words / min(timings):,.0f} words/s); runs: "
        + ", ".join(f"{t:.2f}" for t in timings)
    )
    print(
        f"found: {len(pairs):,} pairs ({identical:,} identical texts), {len(passages):,} "
        f"passages ({sum(p.kind == KIND_QUOTE for p in passages):,} shared quotes), longest "
        f"{max((p.n_words for p in passages), default=0):,} words"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
