"""Story-aware lexicon suggestions against verdicts given by hand: precision of the top 20.

Usage:  python -m framing.evaluation.story_suggestions [--shared ../shared] [--top 20]

Two sets, each with its verdicts in ``tests/gold/story_suggestions/``:

- ``seeds.csv``: the seeds, grouped by the manifest's stories; the one story with more than
  one outlet (the December 2025 ceremony: ANI, The Moscow Times, Breitbart News) is compared;
- ``bbc_glazer.csv``: one BBC story, the five articles the hand grouping of
  ``tests/gold/stories/bbc_hand_labels.csv`` puts in ``glazer-fresh-approach``; one outlet,
  so its articles are the sides.

The prior word list is ``reference-lexicons/npov_lexicon.txt`` of ``../shared`` (not shipped).
A verdict says whether a lexicon editor would add the word as a loaded term: ``yes`` or
``no``, with a reason. Printed per set: precision among the judged top ``--top``, and how many
of them have no verdict yet (a change of ranking shows up there, never silently).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VERDICTS = ROOT / "tests" / "gold" / "story_suggestions"
BBC_STORY = "glazer-fresh-approach"


def read_verdicts(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(side, term) -> (verdict, reason)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (row["side"], row["term"]): (row["verdict"], row["reason"])
            for row in csv.DictReader(handle)
        }


def precision(candidates, verdicts) -> tuple[float, int, int, list]:
    """(precision among judged, judged, yes, unjudged candidates)."""
    judged = [verdicts[(c.side, c.term)][0] for c in candidates if (c.side, c.term) in verdicts]
    unjudged = [c for c in candidates if (c.side, c.term) not in verdicts]
    yes = judged.count("yes")
    return (yes / len(judged) if judged else float("nan")), len(judged), yes, unjudged


def _suggestions(analyses, grouping, prior, top):
    from framing.curate.story_words import suggest_within_stories
    from framing.lexicon.load import load_lexicons

    return suggest_within_stories(analyses, grouping, load_lexicons(), prior=prior, top=top)


def seeds_candidates(prior, top: int):
    from framing.compare.stories import group_stories
    from framing.run.corpus import score_corpus

    analyses = score_corpus([str(ROOT / "seeds")]).analyses
    return _suggestions(analyses, group_stories(analyses), prior, top)


def bbc_candidates(shared: Path, prior, top: int):
    from framing.compare.stories import StoryGrouping
    from framing.evaluation.stories import hand_labels
    from framing.measure.analyzer import default_analyzer
    from framing.read.corpus import read_corpus
    from framing.run.corpus import run_analyses

    ids = {i for i, story in hand_labels().items() if story == BBC_STORY}
    corpus = shared / "corpora" / "bbc_news.jsonl"
    articles = [
        a for a in read_corpus([str(corpus)], outlet="BBC News") if getattr(a, "id", None) in ids
    ]
    analyses = list(run_analyses(default_analyzer(), articles))
    grouping = StoryGrouping((BBC_STORY,) * len(analyses), {})
    return _suggestions(analyses, grouping, prior, top)


def report(name: str, suggestions, verdicts) -> str:
    value, judged, yes, unjudged = precision(suggestions.candidates, verdicts)
    lines = [
        f"{name}: precision {value:.2f} ({yes} of {judged} judged) in the top "
        f"{len(suggestions.candidates)}; {len(unjudged)} without a verdict; "
        f"{len(suggestions.known)} already in the lexicon"
    ]
    lines += [f"  no verdict: {c.side} | {c.term}" for c in unjudged]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from framing.curate.story_words import read_prior

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)
    prior_path = args.shared / "reference-lexicons" / "npov_lexicon.txt"
    if not prior_path.is_file():
        print(f"skipped: {prior_path} not found (../shared beside the project)", file=sys.stderr)
        return 0
    prior = read_prior(prior_path)
    seeds = seeds_candidates(prior, args.top)
    print(report("seeds", seeds, read_verdicts(VERDICTS / "seeds.csv")))
    bbc = bbc_candidates(args.shared, prior, args.top)
    print(report(f"BBC story {BBC_STORY}", bbc, read_verdicts(VERDICTS / "bbc_glazer.csv")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
