"""How high an F1 against one PolNeAR annotator can go, whatever the extractor.

PolNeAR dev scores us against one annotator's file per article, and annotators disagree. On
the train articles that all six annotators annotated, each attribution span (a cue, say) is
marked by some of the six: a `said` by all of them, a borderline `suggested` by two. Read those
vote counts as draws from a per-item *marking rate* ``p`` (the chance that an annotator marks
the item) and estimate the spread of ``p`` over items (a nonparametric mixture of binomials,
fitted by EM, truncated at one vote because an item nobody marked is never seen).

Given that spread, an extractor that marks the items whose rate is above ``t`` scores, against
one annotator, an expected F1 of ``2 * sum(p * [p > t]) / (sum(p) + count(p > t))``. The best
``t`` gives the *ceiling*: no extractor that decides item by item can expect more, even one
that knew each item's rate. The same model predicts what one annotator scores against the
majority of k others; those predictions are printed beside the counts measured directly
(:func:`framing.evaluation.agreement.majority_agreement`), as the check that the model fits.

What it leaves out: an item is a group of spans that overlap-match one another, so a span
that an annotator marks with other bounds counts as the same item (the ceiling is for overlap
matching); items are taken as independent, and annotators as interchangeable (an extractor
that knew which annotator wrote the gold file, and their habits, could in principle do better).

    python -m framing.evaluation.ceiling ../shared/gold/polnear
"""

from __future__ import annotations

import math
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from framing.evaluation.agreement import (
    Tally,
    human_agreement,
    majority_agreement,
    multi_annotated,
    summed,
)
from framing.evaluation.brat import ROLES, BratDocument
from framing.evaluation.matching import DEFAULT_THRESHOLD, span_tokens, tokens_overlap

#: Only articles that every annotator annotated: each item had the same number of chances.
ANNOTATORS = 6
#: Marking rates are estimated on this many equal steps of (0, 1).
GRID_SIZE = 200
EM_ROUNDS = 2000
#: The majorities whose predicted figure is checked against the measured one.
CHECKED_VOTERS = (1, 3, 5)
#: The majorities measured directly: one other annotator, and all the others.
MEASURED_VOTERS = (1, ANNOTATORS - 1)


def item_votes(annotators: Sequence[BratDocument], role: str,
               threshold: float = DEFAULT_THRESHOLD) -> list[int]:
    """For one article: how many annotators mark each item. An item is a group of spans
    joined by overlap matches (the project's rule, at ``threshold``)."""
    text = annotators[0].text
    spans = [(who, span_tokens(text, span))
             for who, doc in enumerate(annotators) for span in doc.role_spans(role)]
    group = list(range(len(spans)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i, (_, tokens) in enumerate(spans):
        for j in range(i):
            if tokens_overlap(tokens, spans[j][1], threshold):
                group[root(i)] = root(j)
    markers: dict[int, set[int]] = {}
    for i, (who, _) in enumerate(spans):
        markers.setdefault(root(i), set()).add(who)
    return [len(who) for who in markers.values()]


def _grid() -> np.ndarray:
    return (np.arange(GRID_SIZE) + 0.5) / GRID_SIZE


def fit_marking_rates(votes: Sequence[int], voters: int = ANNOTATORS) -> np.ndarray:
    """The expected number of items at each grid rate, unseen items (no votes) included."""
    grid = _grid()
    counts = Counter(votes)
    seen = 1 - (1 - grid) ** voters
    observed = np.array(sorted(counts))
    likelihood = np.array([math.comb(voters, v) * grid**v * (1 - grid) ** (voters - v) / seen
                           for v in observed])  # votes x grid, given the item was seen
    how_many = np.array([counts[v] for v in observed], dtype=float)
    weights = np.full(GRID_SIZE, 1 / GRID_SIZE)
    for _ in range(EM_ROUNDS):
        posterior = likelihood * weights
        posterior /= posterior.sum(axis=1, keepdims=True)
        weights = (how_many[:, None] * posterior).sum(axis=0) / how_many.sum()
    # Undo the truncation: a rate seen with chance `seen` stands for 1/seen items.
    items = weights / seen
    return items * len(votes) / (items * seen).sum()


def expected_f1(items: np.ndarray, marks: Callable[[np.ndarray], np.ndarray]) -> float:
    """Expected pooled F1 against one annotator of an extractor that marks an item of rate
    ``p`` with probability ``marks(p)``."""
    grid = _grid()
    chosen = marks(grid)
    matched = (items * grid * chosen).sum()
    return float(2 * matched / ((items * grid).sum() + (items * chosen).sum()))


def majority_of(voters: int) -> Callable[[np.ndarray], np.ndarray]:
    """The chance that more than half of ``voters`` annotators mark an item of rate ``p``."""
    def marks(p: np.ndarray) -> np.ndarray:
        return sum(math.comb(voters, j) * p**j * (1 - p) ** (voters - j)
                   for j in range(voters // 2 + 1, voters + 1))
    return marks


def best_f1(items: np.ndarray) -> tuple[float, float]:
    """The ceiling and the rate threshold that reaches it."""
    grid = _grid()
    return max((expected_f1(items, lambda p, t=t: (p > t).astype(float)), float(t))
               for t in grid)


@dataclass
class Ceiling:
    role: str
    n_articles: int
    n_items: int
    #: One annotator against the majority of k others: the model's figure and the one
    #: measured directly, for k in :data:`CHECKED_VOTERS` and k in :data:`MEASURED_VOTERS`.
    predicted_majority: dict[int, float]
    measured_majority: dict[int, float]
    ceiling: float
    threshold: float
    interval: tuple[float, float]


def measure_ceiling(articles: Sequence[Sequence[BratDocument]], role: str,
                    measured: dict[int, dict[tuple[str, str], Tally]] | None = None,
                    draws: int = 200, seed: int = 13) -> Ceiling:
    """The ceiling for one role, with a 95% bootstrap interval over whole articles, beside
    ``measured`` (voters -> the agreement counts measured directly, every role: see
    :func:`measured_majorities`)."""
    by_article = [item_votes(annotators, role) for annotators in articles]
    items = fit_marking_rates([v for votes in by_article for v in votes])
    ceiling, threshold = best_f1(items)
    rng = random.Random(seed)
    resampled = sorted(
        best_f1(fit_marking_rates([v for votes in (rng.choice(by_article) for _ in by_article)
                                   for v in votes]))[0]
        for _ in range(draws)
    )
    return Ceiling(
        role, len(by_article), sum(map(len, by_article)),
        {k: expected_f1(items, majority_of(k)) for k in CHECKED_VOTERS},
        {k: tallies[role, "overlap"].scores().f1 for k, tallies in (measured or {}).items()},
        ceiling, threshold,
        (resampled[int(0.025 * draws)], resampled[int(0.975 * draws) - 1]),
    )


def fully_annotated(split_dir: Path | str) -> list[list[BratDocument]]:
    """The articles of a split that every annotator annotated."""
    return [a for a in multi_annotated(split_dir) if len(a) == ANNOTATORS]


def measure_ceilings(polnear_dir: Path | str) -> list[Ceiling]:
    """Each role's ceiling on PolNeAR train's fully annotated articles; none without them."""
    articles = fully_annotated(Path(polnear_dir) / "train")
    if not articles:
        return []
    measured = measured_majorities(articles)
    return [measure_ceiling(articles, role, measured) for role in ROLES]


def measured_majorities(articles: Sequence[Sequence[BratDocument]]
                        ) -> dict[int, dict[tuple[str, str], Tally]]:
    """For k in :data:`MEASURED_VOTERS`, (role, mode) -> counts of one annotator against the
    majority of k others, measured directly: one other (every pair), and all the others."""
    return {1: human_agreement(articles),
            ANNOTATORS - 1: summed(majority_agreement(articles))}


def main(argv: list[str] | None = None) -> int:
    """``python -m framing.evaluation.ceiling POLNEAR_DIR``: the ceiling of each role, on
    train's fully annotated articles."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(main.__doc__)
        return 0 if args else 2
    for found in measure_ceilings(args[0]):
        low, high = found.interval
        print(f"{found.role}: ceiling {found.ceiling:.3f} ({low:.3f}-{high:.3f}) at p > "
              f"{found.threshold:.3f}; {found.n_items} items in {found.n_articles} articles; "
              + ", ".join(f"majority of {k}: {f:.3f}"
                          for k, f in found.predicted_majority.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
