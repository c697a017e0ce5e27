"""Pooled group metrics: the figures the report's sections and the profile read.

A group's analyses in, rates over all of its text together out (counts of records over counts
of words, not means of per-article rates): ``attribution_per_100_words``, the state-media
shares, ``loaded_{voice}_per_1000_words`` overall and by category, and so on. The metric names
are the per-article feature columns of :mod:`framing.measure.features`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from framing.annotate.records import distinct_sources
from framing.annotate.voice import OWN_VOICES
from framing.annotate.voice import VOICES as VOICE_NAMES
from framing.measure.analyzer import ArticleAnalysis
from framing.measure.features import (
    RELIANCE_REASONS,
    rate,
    state_media_claims,
    state_media_reliance,
    words_in_voice,
)
from framing.measure.features import VOICES as LOADED_VOICES
from framing.read.outlets import STATE_CONTROLLED


def pooled_metrics(
    group: Sequence[ArticleAnalysis], stances: Sequence[str], source_types: Sequence[str]
) -> dict[str, float]:
    """Rates over all of a group's text together: counts of records over counts of words.

    NaN where the denominator is zero (an outlet with no attributions has no named share).
    """
    words = sum(a.features.get("text_n_words", 0) or 0 for a in group if a.status == "ok")
    attributions = [x for a in group for x in a.attributions]
    with_speaker = [x for x in attributions if x.speaker is not None]
    named = sum(x.speaker.named for x in with_speaker)
    with_stance = Counter(x.stance for x in attributions if x.stance)
    n_with_stance = sum(with_stance.values())
    speaker_types = Counter(x.speaker.source_type for x in with_speaker)
    assertions = [x for a in group for x in a.assertions]
    metrics = {
        "n_articles": float(len(group)),
        "n_words": float(words),
        "attribution_n": float(len(attributions)),
        "attribution_per_100_words": rate(len(attributions), words, 100),
        "attribution_named_source_share": rate(named, len(with_speaker)),
        "attribution_anonymous_source_share": rate(len(with_speaker) - named, len(with_speaker)),
        "attribution_n_distinct_sources": float(len(distinct_sources(attributions))),
        "attribution_direct_quote_share": rate(
            sum(x.is_direct for x in attributions), len(attributions)
        ),
        "attribution_inferred_share": rate(
            sum(x.inferred for x in attributions), len(attributions)
        ),
        **_state_media_metrics(group),
        **_pooled_loaded_rates(group),
        "hedge_per_1000_words": rate(sum(len(a.hedges) for a in group), words, 1000),
        "assertion_n": float(len(assertions)),
        "unsourced_assertion_share": rate(sum(x.unsourced for x in assertions), len(assertions)),
    }
    for stance in stances:
        metrics[f"stance_share_{stance}"] = rate(with_stance[stance], n_with_stance)
    for source_type in source_types:
        metrics[f"source_type_share_{source_type}"] = rate(
            speaker_types[source_type], len(with_speaker)
        )
    return metrics


def by_state_outlet(analysis: ArticleAnalysis) -> bool:
    """An article published by a state-controlled outlet (lexicons/outlets.yaml): its
    narration is that outlet's voice, so everything in it reaches the reader through it."""
    return analysis.article.ownership == STATE_CONTROLLED


def _state_media_metrics(group: Sequence[ArticleAnalysis]) -> dict[str, float]:
    """Reliance (the one definition, :func:`framing.measure.features.state_media_reliance`),
    claim-by-
    claim corroboration, and independence from state media for the profile.

    Independence is the share of attributions that do not rest on state media, where an
    article BY a state-controlled outlet has none: the outlet itself is the last link of every
    chain in it. So neither hiding the origin (Kim's words "according to Yonhap" rest on state
    media all the same) nor being state media earns independence.
    """
    attributions = [x for a in group for x in a.attributions]
    per_article = [state_media_reliance(a.attributions) for a in group]
    reliance = [how for article in per_article for how in article]
    resting_articles = [a for a, how in zip(group, per_article, strict=True) if any(how)]
    claims = [c for a in group for c in state_media_claims(a.attributions, a.figures)]
    n_corroborated = sum(c.corroborator is not None for c in claims)
    not_resting = sum(
        how is None
        for a, article in zip(group, per_article, strict=True)
        if not by_state_outlet(a)
        for how in article
    )
    metrics = {"state_media_attribution_share": rate(len(claims), len(attributions))}
    for reason in RELIANCE_REASONS:
        metrics[f"state_media_{reason}_share"] = rate(reliance.count(reason), len(attributions))
    return metrics | {
        "state_media_independence": rate(not_resting, len(attributions)),
        "state_media_n_resting_articles": float(len(resting_articles)),
        "state_media_n_by_state_outlet": float(sum(by_state_outlet(a) for a in group)),
        "state_media_n_claims": float(len(claims)),
        "state_media_n_corroborated_claims": float(n_corroborated),
        "state_media_corroborated_share": rate(n_corroborated, len(claims)),
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
    """Pooled ``loaded_{voice}_per_1000_words``: the group's hits in each voice (and in its
    own wording) per 1,000 of its words in that voice, as the per-article features are."""
    words = _voice_words(group)
    hits = Counter(
        h.voice for a in group for h in a.term_hits if category is None or h.category == category
    )
    return {
        f"loaded_{voice}_per_1000_words": rate(
            sum(hits[v] for v in (OWN_VOICES if voice == "own" else (voice,))),
            words_in_voice(words, voice),
            1000,
        )
        for voice in LOADED_VOICES
    }


def loaded_rates(group, categories: Sequence[str]) -> dict[str, dict[str, float]]:
    analyses = [a for _, a in group]
    return {
        category: {
            key.removeprefix("loaded_").removesuffix("_per_1000_words"): value
            for key, value in _pooled_loaded_rates(analyses, category).items()
        }
        for category in categories
    }
