"""Section 7, Figures and their sources: a comparison in, the section out.

The numbers each outlet states and whom it credits for them, then the outlet's own factual
assertions with nobody credited.
"""

from __future__ import annotations

from framing.compare.records import Comparison
from framing.measure.metrics import METRICS
from framing.report.blocks import Cell, Link, Paragraph, Section, Table
from framing.report.cells import (
    anchor,
    basis_sentence,
    fmt_share,
    group_header,
    group_label,
    metric_rows,
    number_cell,
)


def figures_section(comparison: Comparison) -> Section:
    groups = comparison.groups
    summary_rows = [
        [Cell("numbers stated")]
        + [number_cell(f"{g.metrics.get('figure_n', 0):.0f}") for g in groups],
        [Cell("attributed to a source")]
        + [number_cell(fmt_share(g.metrics.get("figure_attributed_share"))) for g in groups],
    ]
    summary = Table(
        "Numbers stated and how many are attributed",
        group_header(comparison, "figure"),
        summary_rows,
    )
    rows = []
    for group in groups:
        for figure in group.figures:
            source = (
                f"{figure.source} ({figure.source_type})"
                if figure.source
                else "no source in the sentence"
            )
            rows.append(
                [
                    Cell(group_label(group)),
                    Cell(figure.text),
                    Cell(figure.counts or "—"),
                    Cell(source, style="" if figure.source else "unsourced"),
                    Cell("", links=(Link("›", f"#{anchor(figure.ref)}"),)),
                ]
            )
    cut = [g for g in groups if len(g.figures) < g.metrics.get("figure_n", 0)]
    detail = Table(
        "Each number, what it counts, and whom the outlet credits for it"
        + (
            f" (the first {max(len(g.figures) for g in cut)} of each outlet's numbers; "
            "the counts above are over all of them)"
            if cut
            else ""
        ),
        [comparison.by, "number", "counts", "attributed to", "evidence"],
        rows,
    )
    return Section(
        "figures",
        "7. Figures and their sources",
        "The numbers each outlet states (troops, casualties, amounts, dates) and whether an "
        "attribution in the same sentence vouches for them. A number with no source is the "
        "outlet's own claim. The numbers stated are counted over all of each outlet's articles."
        + basis_sentence(comparison),
        [summary, detail, *unsourced_assertions(comparison)],
    )


def unsourced_assertions(comparison: Comparison) -> list:
    """The outlet's own factual assertions with nobody credited: the share, then each one."""
    share = Table(
        "Factual assertions in the outlet's own wording, and the share with no source",
        group_header(comparison, "figure"),
        metric_rows(
            comparison,
            [
                METRICS["assertion_n"],
                METRICS["unsourced_assertion_share"],
            ],
        ),
    )
    rows = [
        [
            Cell(group_label(group)),
            Cell(row.kind),
            Cell(
                "",
                (Link("›", f"#{anchor(row.ref)}"),),
                context=(row.before, row.evidence, row.after),
            ),
        ]
        for group in comparison.groups
        for row in group.unsourced
    ]
    listed = Table(
        "Unsourced assertions: each sentence, its figure or event verb marked",
        [comparison.by, "kind", "sentence"],
        rows,
    )
    how = Paragraph(
        "A factual assertion is a sentence that states, in the outlet's own wording (narration "
        "or paraphrase, not quoted words), a figure (a count, sum, percentage or measure; a date "
        "alone is none) or an event claim: its main verb, not a reporting verb, is in the past or "
        "present perfect and its subject names an actor (North Korea sent troops; Putin visited "
        "Pyongyang). It is unsourced when no attribution is in its sentence or earlier in its "
        "paragraph (a paragraph of more than five sentences, a scrape that lost its breaks, "
        "counts by sentence only), and its figure is credited to no one (estimates by X credit "
        "X). In the default mode, sentences the parser skipped (no reporting verb, quote mark "
        "or cue) are checked for figures only (digits, or a number word with the noun it "
        "counts); --full-parse checks them for event claims too."
    )
    return [how, share, listed] if rows else [how, share]
