"""Section 5, Reporting verbs: a comparison in, the section out.

The stance mix of each outlet's reporting verbs (neutral, distancing, endorsing,
characterising) and the verbs themselves, with links.
"""

from __future__ import annotations

from framing.compare.records import Comparison
from framing.measure.metrics import stance_share
from framing.report.blocks import BarChart, Section, Table
from framing.report.cells import (
    basis_sentence,
    group_header,
    metric_rows,
    ranked_lists,
    shares_of,
)


def reporting_verbs(comparison: Comparison) -> Section:
    groups = comparison.groups
    stances = comparison.stances
    chart = BarChart(
        "stance-mix",
        "Stance of the reporting verbs: share of cues",
        [g.name for g in groups],
        stances,
        [shares_of([g.stance_mix.get(s, 0) for s in stances]) for g in groups],
        "share of reporting verbs",
        percent=True,
    )
    shares = Table(
        "Stance mix",
        group_header(comparison, "stance"),
        metric_rows(comparison, [stance_share(s) for s in stances]),
    )
    cues = ranked_lists(
        comparison,
        "Reporting verbs each outlet uses (stance) ×count, with links",
        lambda g: g.cues,
    )
    return Section(
        "reporting-verbs",
        "5. Reporting verbs",
        "How each outlet introduces what others say: neutral (said, told), distancing (claimed), "
        "endorsing (confirmed, revealed) or characterising (boasted). Stances come from "
        "lexicons/reporting_verbs.yaml." + basis_sentence(comparison),
        [chart, shares, cues],
    )
