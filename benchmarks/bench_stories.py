"""Cost of automatic story grouping on 10,000 articles, against today's report step.

Usage:  python benchmarks/bench_stories.py [--articles 10000] [--repeats 2]

The BBC News corpus (../shared/corpora/bbc_news.jsonl, 2,225 articles; Greene & Cunningham
2006, not shipped) is analysed once with the blank English pipeline, as bench_report.py does
(not timed). It has no dates and no story labels (its categories are topics), so it is
replicated to the requested size with new ids (``business/001.txt#2226``), eight synthetic
outlets, no story, and dates shifted by copy: every article of the k-th copy is dated
2005-01-03 + 30k days. Copies thus never share a date window and each copy is grouped as the
BBC corpus alone would be (its own articles are all within the window: the worst case for the
pair search). The blank pipeline finds no named actors, so the actor block of the vectors is
empty here; the trained pipeline's actors add one more sparse block of a few dozen columns a
row.

Each copy's texts end with a line of their own ("Copy 3."), so that no text is vectorised
once for several articles (``--exact-copies`` leaves them the same).

Timed on the same analyses (the first two ``--repeats`` times, the best kept):
  report step   write_report(by="outlet"): today's report, as bench_report.py times it
  grouping      framing.compare.stories.group_stories over the analyses
  story report  grouping, then write_report(by="story") with the automatic stories (once;
                every story is a group of the report, so this is a report of ~1,800 groups)
The figure asked (#16): grouping / report step, to stay under 0.30.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared/corpora/bbc_news.jsonl"
FIRST_DAY = dt.date(2005, 1, 3)
DAYS_BETWEEN_COPIES = 30


def _bench_report():
    spec = importlib.util.spec_from_file_location("bench_report", HERE / "bench_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def replicate_dated(analyses, size: int, outlets: int = 8, unique_texts: bool = True):
    """``size`` analyses cycling through the corpus: new ids, synthetic outlets, no story,
    each copy a month after the one before. With ``unique_texts``, each copy's texts end with
    a line of their own ("Copy 3."), so that neither the grouping nor the report can count a
    repeated text once: every one of the ``size`` texts is tokenised."""
    result = []
    for i in range(size):
        source = analyses[i % len(analyses)]
        copy = i // len(analyses)
        text = source.article.text
        if unique_texts and copy:
            text = f"{text}\n\nCopy {copy}."  # after the text: the records' offsets still hold
        article = dataclasses.replace(
            source.article,
            id=f"{source.article.id}#{i}",
            text=text,
            outlet=f"Outlet {(i * 7) % outlets:02d}",
            story=None,
            date=(FIRST_DAY + dt.timedelta(days=DAYS_BETWEEN_COPIES * copy)).isoformat(),
        )
        result.append(dataclasses.replace(source, article=article))
    return result


def best_of(repeats: int, run) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        value = run()
        best = min(best, time.perf_counter() - start)
    return best, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument(
        "--exact-copies",
        action="store_true",
        help="Replicas with the very same texts (the grouping and the report vectorise a "
        "repeated text once, so both are faster than on 10,000 distinct texts).",
    )
    parser.add_argument(
        "--no-story-report", action="store_true", help="Time the grouping alone, not the report."
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    bench_report = _bench_report()
    start = time.perf_counter()
    analyzer, analyses = bench_report.analyse_bbc(args.corpus)
    print(
        f"precomputed {len(analyses)} BBC articles (blank pipeline) in "
        f"{time.perf_counter() - start:.1f} s (not part of the timing)"
    )
    import matplotlib.pyplot  # noqa: F401
    import sklearn.cluster  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401

    import framing.report.charts  # noqa: F401 - import cost is not the report's
    from framing.compare.stories import group_stories
    from framing.report import Vocabularies, write_report
    from framing.run.corpus import CorpusResult

    corpus = replicate_dated(analyses, args.articles, unique_texts=not args.exact_copies)
    copies = -(-len(corpus) // len(analyses))
    texts = "exact copies" if args.exact_copies else "each text made unique"
    print(f"articles: {len(corpus):,} ({copies} dated copies, {texts})", flush=True)
    vocabularies = Vocabularies.from_lexicons(analyzer.lexicons)

    def report(items, by, out):
        result = CorpusResult(items, [], analyzer.model, analyzer.lexicon_version)
        write_report(out, result, by=by, vocabularies=vocabularies)

    with tempfile.TemporaryDirectory() as tmp:
        report_seconds, _ = best_of(
            args.repeats, lambda: report(corpus, "outlet", Path(tmp) / "outlet")
        )
        print(f"report step (by outlet): {report_seconds:.1f} s", flush=True)
        grouping_seconds, grouping = best_of(args.repeats, lambda: group_stories(corpus))
        print(
            f"grouping: {grouping_seconds:.1f} s = {grouping_seconds / report_seconds:.0%} of "
            f"the report step (target: under 30%); {len(grouping.stories):,} stories, "
            f"{len(grouping.unassigned()):,} articles in none",
            flush=True,
        )
        if not args.no_story_report:

            def story_report():
                report(group_stories(corpus).apply(corpus), "story", Path(tmp) / "story")

            story_seconds, _ = best_of(1, story_report)
            print(
                f"report by story with automatic grouping: {story_seconds:.1f} s "
                f"({story_seconds / report_seconds:.2f}x the report step by outlet; "
                f"{len(grouping.stories) + 1:,} groups)",
                flush=True,
            )
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; best of {args.repeats}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
