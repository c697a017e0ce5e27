"""Section 11, How accurate are these measures: the figures file's content in, the section out.

The figures come from :mod:`framing.report.accuracy` (the file docs/accuracy.md prints too).
"""

from __future__ import annotations

from framing.report.accuracy import FIGURES_HEADER, REPORT_MEASURES, figure_cells
from framing.report.blocks import Cell, Note, Section, Table
from framing.report.cells import number_cell


def accuracy_section(figures: dict | None) -> Section:
    """The error rates of the measures the report uses, from the figures file that
    docs/accuracy.md prints too (framing/data/accuracy.json)."""
    intro = (
        "How often each measure behind these figures agrees with human annotators, on the "
        "data named in each row. Read every figure above with these error rates in mind: a "
        "difference between outlets smaller than the measure's errors may be the measure's."
    )
    if figures is None:
        return Section(
            "accuracy",
            "11. How accurate are these measures",
            intro,
            [
                Note(
                    "The figures file (framing/data/accuracy.json) is missing: run make accuracy.",
                    "warning",
                )
            ],
        )
    measures = figures["measures"]
    table = Table(
        f"Measured with model {figures['model']}, lexicons {figures['lexicon_version']} "
        f"({figures['generated_by']}; docs/accuracy.md gives every table)",
        list(FIGURES_HEADER),
        [
            [
                Cell(c) if i in (0, 1, 5, 6) else number_cell(c)
                for i, c in enumerate(figure_cells(f))
            ]
            for f in measures
        ],
    )
    blocks: list = [table]
    missing = [
        name for key, name in REPORT_MEASURES.items() if key not in {f["id"] for f in measures}
    ]
    if missing:
        blocks.append(
            Note(
                f"Not in the figures file yet: {'; '.join(missing)}. Until "
                "make accuracy measures it, its error rate is unknown here.",
                "warning",
            )
        )
    return Section("accuracy", "11. How accurate are these measures", intro, blocks)


# --- articles with highlights -----------------------------------------------------------------
