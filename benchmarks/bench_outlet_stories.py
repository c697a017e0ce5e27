"""Cost of grouping an unlabelled outlet report into stories: its report step before and after.

Usage:  python benchmarks/bench_outlet_stories.py [--articles 2225] [--repeats 2]

The BBC News corpus (../shared/corpora/bbc_news.jsonl, 2,225 articles; Greene & Cunningham
2006, not shipped) is analysed once with the blank English pipeline, as bench_report.py does
(not timed), and split into pseudo-outlets by its category (business, entertainment,
politics, sport, tech: five outlets), with no story label. Beyond 2,225 articles it is
replicated as bench_stories.py replicates it (dated copies a month apart, each text made
unique), the outlet still the category. The BBC texts have no date, so a single copy is the
worst case for the pair search: every article is compared with every other.

Timed on the same analyses (best of ``--repeats``):
  before   write_report(by="outlet") on the metadata's stories (none: pooled figures only),
           what an unlabelled outlet report did before the grouping
  grouping framing.compare.stories.group_stories, as ``framing report`` runs it
  after    the grouping, then write_report(by="outlet") within the automatic stories
The figure asked (#16): the grouping adds under 30% to the report step.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import platform
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared/corpora/bbc_news.jsonl"


def _bench(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def by_category(analyses, size: int, replicate_dated):
    """``size`` analyses with no story, each under its BBC category as its outlet."""
    topics = {a.article.id: a.article.story for a in analyses}  # analyse_bbc's story: category
    if size <= len(analyses):
        items = [
            dataclasses.replace(a, article=dataclasses.replace(a.article, story=None))
            for a in analyses[:size]
        ]
    else:
        items = replicate_dated(analyses, size)
    return [
        dataclasses.replace(
            a, article=dataclasses.replace(a.article, outlet=topics[a.article.id.split("#")[0]])
        )
        for a in items
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=2_225)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    bench_report, bench_stories = _bench("bench_report"), _bench("bench_stories")
    analyzer, analyses = bench_report.analyse_bbc(args.corpus)
    import matplotlib.pyplot  # noqa: F401
    import sklearn.cluster  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401

    import framing.report.charts  # noqa: F401 - import cost is not the report's
    from framing.compare.stories import group_stories
    from framing.report import Vocabularies, write_report
    from framing.run.corpus import CorpusResult

    corpus = by_category(analyses, args.articles, bench_stories.replicate_dated)
    outlets = sorted({a.article.outlet for a in corpus})
    print(f"articles: {len(corpus):,}, outlets: {', '.join(outlets)}, no story label", flush=True)
    vocabularies = Vocabularies.from_lexicons(analyzer.lexicons)

    def report(items, out, grouping=None):
        result = CorpusResult(items, [], analyzer.model, analyzer.lexicon_version)
        write_report(out, result, vocabularies=vocabularies, story_grouping=grouping)

    best_of = bench_stories.best_of
    with tempfile.TemporaryDirectory() as tmp:
        before, _ = best_of(args.repeats, lambda: report(corpus, Path(tmp) / "before"))
        print(f"before: report step, pooled: {before:.1f} s", flush=True)
        grouping_seconds, grouping = best_of(args.repeats, lambda: group_stories(corpus))
        shared = sum(
            len({corpus[i].article.outlet for i in s.articles}) > 1
            for s in grouping.stories.values()
        )
        print(
            f"grouping: {grouping_seconds:.1f} s = {grouping_seconds / before:.0%} of the report "
            f"step; {len(grouping.stories):,} stories ({shared:,} of two outlets or more), "
            f"{len(grouping.unassigned()):,} articles in none",
            flush=True,
        )
        grouped = grouping.apply(corpus)

        def after_run():
            report(grouped, Path(tmp) / "after", group_stories(corpus))

        after, _ = best_of(args.repeats, after_run)
        print(
            f"after: grouping + report step within stories: {after:.1f} s "
            f"({after / before - 1:+.0%} on the report step; target: under +30%)",
            flush=True,
        )
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; best of {args.repeats}; shared with other jobs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
