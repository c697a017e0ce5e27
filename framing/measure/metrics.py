"""The metrics a report names: each feature column's label, unit and meaning, written once.

A metric is a column of the feature record (:mod:`framing.measure.features`, per article), of
the pooled figures (:func:`framing.compare.comparison.pooled_metrics`, per outlet), or both
under one name. Every
table that shows one takes its label and its unit from here, so a metric cannot be called
two things in two places: the overview's headline figures (:data:`HEADLINE_METRICS`, also the
figures the comparison bootstraps and ranks) and the rows of the section tables.

Nothing is computed here: names in, labels out.
"""

from __future__ import annotations

from dataclasses import dataclass

#: How a metric's value is written: a share as a percentage, a rate with two decimals, a
#: count as a whole number.
UNITS = ("share", "rate", "count")


@dataclass(frozen=True)
class Metric:
    """One metric: its column, how a table row names it, its unit, and what it measures."""

    name: str  # the feature column, as features.py and pooled_metrics write it
    label: str  # a table row's label, lower case; a row starting with … reads under the one above
    unit: str  # one of UNITS
    description: str

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"{self.name}: unit {self.unit!r} is not one of {UNITS}")

    @property
    def headline_label(self) -> str:
        """The overview's label. The overview shows means per article, so a count reads
        'per article' and a share says it is one."""
        suffix = {"share": " (share)", "rate": "", "count": " per article"}[self.unit]
        return self.label[:1].upper() + self.label[1:] + suffix


_METRICS = (
    Metric("attribution_n", "attributions", "count", "Attributions: a claim credited to a source."),
    Metric(
        "attribution_per_100_words",
        "attributions per 100 words",
        "rate",
        "Attributions per 100 words of text: how densely claims are credited to someone.",
    ),
    Metric(
        "attribution_named_source_share",
        "named sources",
        "share",
        "Of the attributions with a speaker, the share whose speaker is named.",
    ),
    Metric(
        "attribution_anonymous_source_share",
        "anonymous sources",
        "share",
        "Of the attributions with a speaker, the share whose speaker is unnamed ('officials').",
    ),
    Metric(
        "attribution_direct_quote_share",
        "direct quotes",
        "share",
        "Of the attributions, the share whose content is inside quote marks.",
    ),
    Metric(
        "attribution_inferred_share",
        "floating quotes (speaker inferred)",
        "share",
        "Of the attributions, the share whose speaker is inferred from nearby text (a floating "
        "quote).",
    ),
    Metric(
        "attribution_n_distinct_sources",
        "distinct sources",
        "count",
        "Distinct speakers credited, one entity each (Kim, he and Kim Jong-un are one).",
    ),
    Metric(
        "state_media_attribution_share",
        "attributions resting on state media",
        "share",
        "Of the attributions, the share resting on state-controlled media in any way.",
    ),
    Metric(
        "state_media_direct_share",
        "… directly (state media as speaker)",
        "share",
        "Of the attributions, the share whose speaker is a state-controlled outlet.",
    ),
    Metric(
        "state_media_chain_share",
        "… through a chain (channel or relay)",
        "share",
        "Of the attributions, the share reaching the text through a state-media channel or relay.",
    ),
    Metric(
        "state_media_state_organ_share",
        "… from a state organ that speaks only through state media",
        "share",
        "Of the attributions, the share credited to a state organ that speaks only through "
        "state media.",
    ),
    Metric(
        "state_media_n_resting_articles",
        "articles resting on state media",
        "count",
        "Articles with at least one attribution resting on state media.",
    ),
    Metric(
        "state_media_n_by_state_outlet",
        "articles BY a state-controlled outlet",
        "count",
        "Articles published by a state-controlled outlet (lexicons/outlets.yaml).",
    ),
    Metric(
        "state_media_n_claims",
        "claims resting on state media",
        "count",
        "Claims resting on state media, each checked for an independent corroborator.",
    ),
    Metric(
        "state_media_corroborated_share",
        "… of which an independent non-state source corroborates",
        "share",
        "Of the claims resting on state media, the share an independent non-state source "
        "corroborates in the same article.",
    ),
    Metric(
        "loaded_own_per_1000_words",
        "loaded terms in own wording per 1,000 own words",
        "rate",
        "Loaded terms in the outlet's own wording (narration + paraphrase) per 1,000 of its "
        "own words.",
    ),
    Metric(
        "loaded_narration_per_1000_words",
        "loaded terms in narration per 1,000 narration words",
        "rate",
        "Loaded terms in narration per 1,000 words of narration.",
    ),
    Metric(
        "loaded_paraphrase_per_1000_words",
        "loaded terms in paraphrase per 1,000 paraphrase words",
        "rate",
        "Loaded terms in paraphrase per 1,000 words of paraphrase.",
    ),
    Metric(
        "loaded_quoted_per_1000_words",
        "loaded terms in quotes per 1,000 quoted words",
        "rate",
        "Loaded terms inside quote marks per 1,000 quoted words.",
    ),
    Metric(
        "hedge_per_1000_words",
        "hedges per 1,000 words",
        "rate",
        "Hedges (lexicons/hedges.yaml) per 1,000 words.",
    ),
    Metric(
        "assertion_n",
        "sentences stating a figure or an event claim",
        "count",
        "Factual assertions in the outlet's own wording: a figure or an event claim.",
    ),
    Metric(
        "unsourced_assertion_share",
        "unsourced factual assertions",
        "share",
        "Of the factual assertions, the share with no source in the sentence or paragraph.",
    ),
)

#: Every named metric, by column.
METRICS: dict[str, Metric] = {metric.name: metric for metric in _METRICS}


def stance_share(stance: str) -> Metric:
    """The share of reporting verbs with one stance (the stances come from the lexicon)."""
    return Metric(
        f"stance_share_{stance}",
        stance,
        "share",
        f"Of the reporting verbs with a stance, the share whose stance is {stance}.",
    )


def source_type_share(source_type: str) -> Metric:
    """The share of attributed speakers of one source type (the types come from the lexicon)."""
    return Metric(
        f"source_type_share_{source_type}",
        source_type,
        "share",
        f"Of the attributions with a speaker, the share whose speaker is of type {source_type}.",
    )


#: The overview's headline figures, column -> label, in the order shown: means over an
#: outlet's articles, with bootstrap intervals and rank stability.
HEADLINE_METRICS = {
    name: METRICS[name].headline_label
    for name in (
        "attribution_per_100_words",
        "attribution_named_source_share",
        "attribution_anonymous_source_share",
        "attribution_n_distinct_sources",
        "state_media_attribution_share",
        "loaded_own_per_1000_words",
        "loaded_narration_per_1000_words",
        "loaded_paraphrase_per_1000_words",
        "loaded_quoted_per_1000_words",
        "hedge_per_1000_words",
        "unsourced_assertion_share",
    )
}
