"""Time of ``framing report`` from features already computed, on 10,000 articles.

Usage:  python benchmarks/bench_report.py [--articles 10000] [--outlets 8] [--html-at 2000]

The BBC News corpus (../shared/corpora/bbc_news.jsonl, 2,225 articles; Greene & Cunningham
2006, not shipped) is analysed once with the blank English pipeline (fast; the report step
does not care which pipeline made the records), then replicated to the requested size, each
copy under a synthetic outlet label. Only the report step is timed: comparison, structure,
HTML and Markdown rendering and the tables, written to a temporary folder. A second run
writes the report for ``--html-at`` articles and prints the size of report.html.

Replicas are exact copies, so the shared-copy section finds them as republications: that
is the worst case for its pair search, and it is in the timing.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/bbc_news.jsonl"


def analyse_bbc(path: Path):
    import spacy

    from framing.measure.analyzer import Analyzer
    from framing.read.corpus import Article

    analyzer = Analyzer(spacy.blank("en"))
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    articles = [
        Article(id=r["id"], text=r["text"], title=r.get("title"), story=r.get("category"))
        for r in records
    ]
    return analyzer, list(analyzer.analyze_articles(articles, batch_size=64))


def replicate(analyses, size: int, outlets: int):
    """``size`` analyses cycling through the corpus, each copy under a synthetic outlet."""
    result = []
    for i in range(size):
        source = analyses[i % len(analyses)]
        article = dataclasses.replace(
            source.article, id=f"{source.article.id}#{i}", outlet=f"Outlet {(i * 7) % outlets:02d}"
        )
        result.append(dataclasses.replace(source, article=article))
    return result


def time_report(analyses, analyzer, out: Path) -> tuple[float, int]:
    from framing.report import Vocabularies, write_report
    from framing.run.corpus import CorpusResult

    result = CorpusResult(analyses, [], analyzer.model, analyzer.lexicon_version)
    vocabularies = Vocabularies.from_lexicons(analyzer.lexicons)
    start = time.perf_counter()
    write_report(out, result, vocabularies=vocabularies)
    return time.perf_counter() - start, (out / "report.html").stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--outlets", type=int, default=8)
    parser.add_argument("--html-at", type=int, default=2_000)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    analyzer, analyses = analyse_bbc(args.corpus)
    print(
        f"precomputed {len(analyses)} BBC articles (blank pipeline) in "
        f"{time.perf_counter() - start:.1f} s (not part of the timing)"
    )
    import matplotlib.pyplot  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401

    import framing.report.charts  # noqa: F401 - import cost is not the report's

    with tempfile.TemporaryDirectory() as tmp:
        seconds, size = time_report(
            replicate(analyses, args.articles, args.outlets), analyzer, Path(tmp) / "big"
        )
        print(
            f"report over {args.articles:,} articles, {args.outlets} outlets: {seconds:.1f} s "
            f"(report.html {size / 1e6:.1f} MB)"
        )
        seconds, size = time_report(
            replicate(analyses, args.html_at, args.outlets), analyzer, Path(tmp) / "small"
        )
        print(
            f"report over {args.html_at:,} articles: {seconds:.1f} s; report.html "
            f"{size / 1e6:.1f} MB"
        )
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
