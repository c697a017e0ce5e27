"""Section 2, Sourcing: a comparison in, the section out.

Who each outlet credits for its claims: the pooled attribution figures, the source mix and
the top speakers, each with links to the claims.
"""

from __future__ import annotations

from framing.compare.records import Comparison
from framing.measure.metrics import METRICS, source_type_share
from framing.report.blocks import BarChart, Section, Table
from framing.report.cells import (
    basis_sentence,
    group_header,
    metric_rows,
    ranked_lists,
    shares_of,
    within_shown,
)


def sourcing(comparison: Comparison) -> Section:
    groups = comparison.groups
    figures = Table(
        "Attribution",
        group_header(comparison, "figure"),
        metric_rows(
            comparison,
            [
                METRICS["attribution_n"],
                METRICS["attribution_per_100_words"],
                METRICS["attribution_named_source_share"],
                METRICS["attribution_anonymous_source_share"],
                METRICS["attribution_direct_quote_share"],
                METRICS["attribution_inferred_share"],
                METRICS["attribution_n_distinct_sources"],
            ],
        ),
    )
    mix = BarChart(
        "source-mix",
        "Source mix: share of attributed speakers by source type",
        [g.name for g in groups],
        list(comparison.source_types),
        [shares_of([g.source_mix.get(t, 0) for t in comparison.source_types]) for g in groups],
        "share of attributed speakers",
        percent=True,
    )
    # The chart stacks pooled shares; compared within stories, the shares are differences,
    # which do not stack: a table of them.
    mix_within = Table(
        "Source mix within stories: share of attributed speakers by source type",
        group_header(comparison, "source type"),
        metric_rows(
            comparison,
            [
                source_type_share(t)
                for t in comparison.source_types
                if any(g.source_mix.get(t) for g in groups)  # a type nobody quotes: all +0
            ],
        ),
    )
    speakers = ranked_lists(
        comparison,
        "Whom each outlet quotes: top speakers by entity (source type), with links to the claims",
        lambda g: g.speakers,
    )
    return Section(
        "sourcing",
        "2. Sourcing",
        "Who each outlet credits for its claims. Named against anonymous counts only attributions "
        "with a speaker; a speaker is resolved to one entity (Kim, he and Kim Jong-un are one)."
        + basis_sentence(comparison),
        [figures, mix, *([mix_within] if within_shown(comparison) else []), speakers],
    )
