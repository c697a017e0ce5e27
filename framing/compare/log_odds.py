"""Distinctive words: log-odds ratio with an informative Dirichlet prior, defined once.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis 16(4), eq. 16-22: each
word's log-odds of a group against the rest, shrunk by a prior of pseudo-counts, divided by its
estimated standard deviation, giving a z-score that does not favour rare words (plain
log-odds) or frequent ones (raw differences). Word counts in, z-scores (and the top terms) out.

The prior is the pooled counts scaled to a total (:func:`scaled_prior`); its size is each
caller's choice: ``framing lexicon suggest`` (:func:`distinctive_terms`, one corpus against a
reference) takes the pooled corpus size, as in Monroe et al.'s application; the report's
distinctive wording (:mod:`framing.compare.distinctive`, each group against the others)
caps it at :data:`~framing.compare.distinctive.PRIOR_TOTAL`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DistinctiveTerm:
    term: str
    z: float  # > 0: over-used by the group (or focus corpus); < 0: by the rest (the reference)
    count: int  # in the group (the focus corpus)
    count_elsewhere: int  # in the other groups (the reference corpus)
    in_lexicon: bool = False  # already an entry of the lexicons (the report marks it)


def log_odds_dirichlet(
    counts: np.ndarray, prior: np.ndarray, prior_size: float | None = None
) -> np.ndarray:
    """z-scores of each word for each group against all other groups.

    ``counts`` is groups × words; ``prior`` the Dirichlet pseudo-counts per word (alpha_w;
    see :func:`scaled_prior`) and ``prior_size`` their total (alpha_0): the size the prior was
    scaled to, or by default the sum of ``prior``. Monroe, Colaresi & Quinn (2008), eq. 16-22:
    the log-odds ratio of the group against the rest, shrunk by the prior, divided by its
    approximate standard deviation.
    """
    alpha0 = prior.sum() if prior_size is None else prior_size
    totals = counts.sum(axis=1, keepdims=True)
    rest = counts.sum(axis=0, keepdims=True) - counts
    rest_totals = totals.sum() - totals
    own = np.log((counts + prior) / (totals + alpha0 - counts - prior))
    other = np.log((rest + prior) / (rest_totals + alpha0 - rest - prior))
    variance = 1.0 / (counts + prior) + 1.0 / (rest + prior)
    return (own - other) / np.sqrt(variance)


def scaled_prior(pooled: np.ndarray, size: float) -> np.ndarray:
    """The informative prior: the pooled word counts scaled to ``size`` pseudo-words."""
    return pooled / pooled.sum() * size


def log_odds_z_scores(
    counts_focus: np.ndarray,
    counts_reference: np.ndarray,
    prior_size: float | None = None,
) -> np.ndarray:
    """z-scores of each word's log-odds ratio, focus against reference (same vocabulary);
    0 where undefined.

    ``prior_size`` is the total pseudo-count of the prior (alpha_0); by default the pooled
    corpus size, as in Monroe et al.'s application.
    """
    focus = np.asarray(counts_focus, dtype=float)
    reference = np.asarray(counts_reference, dtype=float)
    if focus.shape != reference.shape:
        raise ValueError("counts must share one vocabulary")
    pooled = focus + reference
    total_pooled = pooled.sum()
    if total_pooled == 0:
        return np.zeros_like(focus)
    alpha_0 = float(prior_size) if prior_size else total_pooled
    prior = scaled_prior(pooled, alpha_0)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = log_odds_dirichlet(np.vstack([focus, reference]), prior, alpha_0)[0]
    return np.nan_to_num(z, nan=0.0, posinf=0.0, neginf=0.0)


def distinctive_terms(
    vocabulary: list[str],
    counts_focus: np.ndarray,
    counts_reference: np.ndarray,
    *,
    top: int = 30,
    min_count: int = 2,
    prior_size: float | None = None,
) -> list[DistinctiveTerm]:
    """The ``top`` terms most over-used in the focus corpus, highest z-score first.

    Terms seen fewer than ``min_count`` times in the focus corpus are left out: one
    occurrence is no pattern. Ties break alphabetically, so output is deterministic.
    """
    z = log_odds_z_scores(counts_focus, counts_reference, prior_size)
    focus = np.asarray(counts_focus)
    reference = np.asarray(counts_reference)
    order = sorted(
        (i for i in range(len(vocabulary)) if focus[i] >= min_count and z[i] > 0),
        key=lambda i: (-z[i], vocabulary[i]),
    )
    return [
        DistinctiveTerm(vocabulary[i], float(z[i]), int(focus[i]), int(reference[i]))
        for i in order[:top]
    ]
