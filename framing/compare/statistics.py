"""Statistics over groups of articles: means with bootstrap intervals, and rank stability.

Per-article values in, an :class:`~framing.compare.records.Estimate` out (the mean, its 95%
percentile bootstrap interval and the draws it was read from); two estimates' draws give the
share of resamples in which one group ranks above the other. Deterministic: the caller passes
one generator seeded with :data:`BOOTSTRAP_SEED`. Log-odds of words between groups is
:mod:`framing.compare.log_odds`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from framing.compare.records import SMALL_SAMPLE, Estimate, Group
from framing.measure.features import NAN

BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20080101  # fixed: the same corpus gives the same intervals, byte for byte
#: A rank (A above B) is drawn as such only when it holds in this share of bootstrap draws;
#: below it, and above 1 minus it, the two are drawn as a tie.
RANK_HOLDS = 0.80


def bootstrap_means(
    values: Sequence[float], rng: np.random.Generator, resamples: int = BOOTSTRAP_RESAMPLES
) -> np.ndarray | None:
    """The means of ``resamples`` resamples of the values, with replacement; None when
    fewer than SMALL_SAMPLE values (too few to resample: every draw is nearly the same)."""
    data = np.asarray([v for v in values if not math.isnan(v)], dtype=float)
    if len(data) < SMALL_SAMPLE:
        return None
    return data[rng.integers(0, len(data), size=(resamples, len(data)))].mean(axis=1)


def interval_of(draws: np.ndarray | None) -> tuple[float, float]:
    """Percentile 95% interval of bootstrap means; NaN without draws."""
    if draws is None:
        return NAN, NAN
    low, high = np.percentile(draws, [2.5, 97.5])
    return float(low), float(high)


def bootstrap_interval(
    values: Sequence[float], rng: np.random.Generator, resamples: int = BOOTSTRAP_RESAMPLES
) -> tuple[float, float]:
    """Percentile 95% interval of the mean; NaN when fewer than SMALL_SAMPLE values."""
    return interval_of(bootstrap_means(values, rng, resamples))


def estimate(values: Sequence[float], rng: np.random.Generator) -> Estimate:
    valid = [v for v in values if not math.isnan(v)]
    if not valid:
        return Estimate(NAN)
    draws = bootstrap_means(valid, rng)
    low, high = interval_of(draws)
    return Estimate(float(np.mean(valid)), low, high, len(valid), draws)


def share_above(a: Estimate, b: Estimate) -> float:
    """Share of bootstrap draws in which A's mean is above B's (a draw where they are equal
    counts half); NaN when either has no draws (fewer than SMALL_SAMPLE articles)."""
    if a.draws is None or b.draws is None:
        return NAN
    return float(np.mean(a.draws > b.draws) + 0.5 * np.mean(a.draws == b.draws))


def rank_holds(share: float) -> bool | None:
    """True: A ranks above B; False: below; None: a tie (or unknown, when share is NaN)."""
    if math.isnan(share) or 1 - RANK_HOLDS < share < RANK_HOLDS:
        return None
    return share >= RANK_HOLDS


def rank_stability(groups: Sequence[Group], metric: str) -> dict[tuple[str, str], float]:
    """(A, B) -> share of draws in which A ranks above B on a headline metric, every
    ordered pair of groups."""
    return {
        (a.name, b.name): share_above(a.headline[metric], b.headline[metric])
        for a in groups
        for b in groups
        if a is not b
    }
