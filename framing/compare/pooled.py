"""Pooled group metrics: the figures the report's sections and the profile read.

A group's analyses in, rates over all of its text together out (counts of records over counts
of words, not means of per-article rates): ``attribution_per_100_words``, the state-media
shares, ``loaded_{voice}_per_1000_words`` overall and by category, and so on. The metric names
are the per-article feature columns of :mod:`framing.measure.features`, and so are the
definitions: each rate is computed by the function that computes it for one article, given
the group's records (or counts) pooled.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from framing.annotate.voice import VOICES as VOICE_NAMES
from framing.measure.analyzer import ArticleAnalysis
from framing.measure.features import (
    VOICES,
    assertion_features,
    attribution_rates,
    category_shares,
    corroboration_figures,
    hedge_features,
    loaded_rates,
    rate,
    reliance_shares,
    state_media_claims,
    state_media_reliance,
    words_in_voice,
)
from framing.read.outlets import STATE_CONTROLLED


def pooled_metrics(
    group: Sequence[ArticleAnalysis], stances: Sequence[str], source_types: Sequence[str]
) -> dict[str, float]:
    """Rates over all of a group's text together: counts of records over counts of words.

    NaN where the denominator is zero (an outlet with no attributions has no named share).
    """
    words = sum(a.features.get("text_n_words", 0) or 0 for a in group if a.status == "ok")
    attributions = [x for a in group for x in a.attributions]
    assertions = assertion_features([x for a in group for x in a.assertions])
    hedges = hedge_features([h for a in group for h in a.hedges], n_words=words)
    metrics = {
        "n_articles": float(len(group)),
        "n_words": float(words),
        **attribution_rates(attributions, n_words=words),
        **_state_media_metrics(group),
        **{
            f"loaded_{voice}_per_1000_words": value
            for voice, value in _pooled_loaded_rates(group).items()
        },
        "hedge_per_1000_words": hedges["hedge_per_1000_words"],
        "assertion_n": assertions["assertion_n"],
        "unsourced_assertion_share": assertions["unsourced_assertion_share"],
        **figure_counts([f for a in group for f in a.figures]),
    }
    stance_values = [x.stance for x in attributions if x.stance]
    for stance, share in category_shares(stance_values, stances).items():
        metrics[f"stance_share_{stance}"] = share
    speaker_types = [x.speaker.source_type for x in attributions if x.speaker is not None]
    for source_type, share in category_shares(speaker_types, source_types).items():
        metrics[f"source_type_share_{source_type}"] = share
    return metrics


def by_state_outlet(analysis: ArticleAnalysis) -> bool:
    """An article published by a state-controlled outlet (lexicons/outlets.yaml): its
    narration is that outlet's voice, so everything in it reaches the reader through it."""
    return analysis.article.ownership == STATE_CONTROLLED


def _state_media_metrics(group: Sequence[ArticleAnalysis]) -> dict[str, float]:
    """Reliance (the one definition, :func:`framing.measure.features.state_media_reliance`,
    read within each article), claim-by-claim corroboration, and independence from state
    media for the profile.

    Independence is the share of attributions that do not rest on state media, where an
    article BY a state-controlled outlet has none: the outlet itself is the last link of every
    chain in it. So neither hiding the origin (Kim's words "according to Yonhap" rest on state
    media all the same) nor being state media earns independence.
    """
    per_article = [state_media_reliance(a.attributions) for a in group]
    reliance = [how for article in per_article for how in article]
    resting_articles = [a for a, how in zip(group, per_article, strict=True) if any(how)]
    claims = [c for a in group for c in state_media_claims(a.attributions, a.figures)]
    not_resting = sum(
        how is None
        for a, article in zip(group, per_article, strict=True)
        if not by_state_outlet(a)
        for how in article
    )
    return reliance_shares(reliance) | {
        "state_media_independence": rate(not_resting, len(reliance)),
        "state_media_n_resting_articles": float(len(resting_articles)),
        "state_media_n_by_state_outlet": float(sum(by_state_outlet(a) for a in group)),
        **corroboration_figures(claims),
    }


def _voice_words(analyses) -> dict[str, int]:
    """Words in each voice over the ok articles (``voice_n_words_*`` features)."""
    return {
        voice: int(
            sum(
                (a.features.get(f"voice_n_words_{voice}", 0) or 0)
                for a in analyses
                if a.status == "ok" and not math.isnan(a.features.get(f"voice_n_words_{voice}", 0))
            )
        )
        for voice in VOICE_NAMES
    }


def _pooled_loaded_rates(group, category: str | None = None) -> dict[str, float]:
    """Voice -> the group's loaded-term hits in it (in all, or of one category) per 1,000 of its
    words in that voice: :func:`framing.measure.features.loaded_rates`, pooled."""
    words = _voice_words(group)
    hits = Counter(
        h.voice for a in group for h in a.term_hits if category is None or h.category == category
    )
    return loaded_rates(hits, {voice: words_in_voice(words, voice) for voice in VOICES})


def loaded_rates_by_category(group, categories: Sequence[str]) -> dict[str, dict[str, float]]:
    """Category -> voice -> the group's hits of that category per 1,000 words of the voice."""
    analyses = [a for _, a in group]
    return {category: _pooled_loaded_rates(analyses, category) for category in categories}


def figure_counts(figures: Sequence) -> dict[str, float]:
    """Numbers stated and the share an attribution vouches for, over every figure of the group
    (the Figures section lists only the first few; its counts must not stop there)."""
    return {
        "figure_n": float(len(figures)),
        "figure_attributed_share": (
            sum(f.source is not None for f in figures) / len(figures) if figures else math.nan
        ),
    }
