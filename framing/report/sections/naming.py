"""Section 6, Naming: a comparison in, the section out.

The titles and epithets before the main actors' names, loaded labels used in place of a
name, and how each outlet labels events.
"""

from __future__ import annotations

from collections.abc import Sequence

from framing.compare.records import Comparison, Counted
from framing.report.blocks import Cell, Note, Section, Table
from framing.report.cells import MAX_LINKS, evidence_links, group_header, ranked_lists


def naming(comparison: Comparison) -> Section:
    groups = comparison.groups
    actor_rows = []
    for actor in comparison.actors:
        cells = [Cell(f"{actor.name} ({actor.label}, {actor.mentions} mentions)")]
        for group in groups:
            titles = group.titles.get(actor.key, [])
            cells.append(_titles_cell(titles))
        actor_rows.append(cells)
    actors = Table(
        "Titles and epithets before the names of the main actors ([quoted]: inside quote "
        "marks, the speaker's words)",
        group_header(comparison, "actor"),
        actor_rows,
    )
    events = ranked_lists(
        comparison,
        "How each outlet labels events (category) ×count, with links ([quoted]: inside quote "
        "marks, the speaker's words, not the outlet's)",
        lambda g: g.event_labels,
    )
    epithets = ranked_lists(
        comparison,
        "Loaded labels used in place of a name, in the outlet's own voice ×count, with links",
        lambda g: g.epithets,
    )
    blocks: list = [actors, epithets, events]
    if not comparison.actors:
        blocks.insert(
            0,
            Note(
                "No named actors found: the pipeline that analysed these articles "
                "has no named-entity recogniser (or the texts name nobody)."
            ),
        )
    return Section(
        "naming",
        "6. Naming",
        "How each outlet refers to the most-mentioned people, organisations and places: the "
        "words right before the name (leader Kim Jong Un, Communist dictator Kim Jong-un). Event "
        "labels come from lexicons/event_labels.yaml."
        + (
            " Titles, labels and their counts are over all of each outlet's articles, whatever "
            "the story."
            if comparison.by == "outlet"
            else ""
        ),
        blocks,
    )


def _titles_cell(titles: Sequence[Counted]) -> Cell:
    if not titles:
        return Cell("—", style="na", note="named without a title")
    text = "; ".join(f"{t.key} ×{t.count}" for t in titles[:MAX_LINKS])
    refs = [r for t in titles for r in t.refs]
    return Cell(text, evidence_links(refs))
