"""Story grouping against known story labels: pairwise precision and recall of "same story".

Usage:  python -m framing.evaluation.stories [--shared ../shared] [--jobs 2]
                                             [--similarity 0.2 0.3 ...]

Two labelled sets:

- the seeds (seeds/manifest.csv): five articles, three stories (the manifest's labels are
  hidden from the grouping, which has the articles' dates);
- BBC News by hand (tests/gold/stories/bbc_hand_labels.csv): 48 articles of the BBC corpus
  of ../shared (Greene & Cunningham 2006), grouped by hand into 32 events by reading them;
  the whole corpus (2,225 articles, no dates) is grouped, and the pairs among the 48 are
  scored. The BBC's categories are topics, not stories, and are not used.

Prints one row per set and similarity threshold: precision, recall, F1, and the pair counts.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from framing.compare.stories import DEFAULT_MIN_SIMILARITY, group_stories, pairwise_scores

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
BBC_LABELS = ROOT / "tests/gold/stories/bbc_hand_labels.csv"


def hand_labels(path: Path = BBC_LABELS) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["article_id"]: row["story"] for row in csv.DictReader(handle)}


def scores_at(analyses, gold_of, thresholds, window_days: int = 7):
    """(threshold, PairwiseScores) over the articles ``gold_of`` labels (index -> story)."""
    rows = []
    for threshold in thresholds:
        grouping = group_stories(
            analyses, use_metadata=False, min_similarity=threshold, window_days=window_days
        )
        indices = sorted(gold_of)
        predicted = [grouping.story_of[i] for i in indices]
        rows.append((threshold, pairwise_scores(predicted, [gold_of[i] for i in indices])))
    return rows


def main(argv: list[str] | None = None) -> int:
    from framing.measure.analyzer import Analyzer
    from framing.read.corpus import ReadOptions
    from framing.run.corpus import RunOptions, score_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--jobs", type=int, default=1)
    thresholds = sorted({0.2, DEFAULT_MIN_SIMILARITY, 0.3, 0.4})
    parser.add_argument("--similarity", type=float, nargs="+", default=thresholds)
    args = parser.parse_args(argv)
    analyzer = Analyzer()
    run = RunOptions(jobs=args.jobs, cache_dir=ROOT / ".framing-cache")
    sets = []
    seeds = score_corpus([SEEDS], analyzer=analyzer, run=run).analyses
    sets.append(("seeds", seeds, {i: a.article.story for i, a in enumerate(seeds)}))
    bbc = args.shared / "corpora/bbc_news.jsonl"
    if bbc.is_file():
        analyses = score_corpus(
            [bbc], analyzer=analyzer, run=run, read_options=ReadOptions(outlet="BBC News")
        ).analyses
        labels = hand_labels()
        gold_of = {
            i: labels[a.article.id] for i, a in enumerate(analyses) if a.article.id in labels
        }
        sets.append(("BBC by hand", analyses, gold_of))
    else:
        print(f"{bbc} is absent: BBC set skipped", file=sys.stderr)
    print("| set | articles | similarity | P | R | F1 | pairs predicted | pairs labelled | right |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, analyses, gold_of in sets:
        for threshold, s in scores_at(analyses, gold_of, args.similarity):
            print(
                f"| {name} | {len(gold_of)} | {threshold:.2f} | {s.precision:.3f} | "
                f"{s.recall:.3f} | {s.f1:.3f} | {s.predicted_pairs} | {s.gold_pairs} | "
                f"{s.right_pairs} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
