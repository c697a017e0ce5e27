"""Distinctive words: log-odds ratio with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis 16(4), eq. 22: the
prior is the pooled word counts of both corpora, scaled to ``prior_size``; each word's
log-odds difference is divided by its estimated standard deviation, giving a z-score that
does not favour rare words (plain log-odds) or frequent ones (raw differences).
Used by the report's "distinctive wording" section and by ``framing lexicon suggest``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DistinctiveTerm:
    term: str
    z_score: float  # > 0: over-used in the focus corpus; < 0: in the reference
    count_focus: int
    count_reference: int


def log_odds_z_scores(
    counts_focus: np.ndarray,
    counts_reference: np.ndarray,
    prior_size: float | None = None,
) -> np.ndarray:
    """z-scores of each word's log-odds ratio, focus against reference (same vocabulary).

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
    alpha = pooled / total_pooled * alpha_0
    n_focus, n_reference = focus.sum(), reference.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        log_odds_focus = np.log((focus + alpha) / (n_focus + alpha_0 - focus - alpha))
        log_odds_reference = np.log(
            (reference + alpha) / (n_reference + alpha_0 - reference - alpha)
        )
        variance = 1.0 / (focus + alpha) + 1.0 / (reference + alpha)
        z = (log_odds_focus - log_odds_reference) / np.sqrt(variance)
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
