"""Section 8, Distinctive wording: a comparison in, the section out.

The words each outlet over-uses relative to the others (log-odds with an informative
Dirichlet prior, computed in :mod:`framing.compare.log_odds`).
"""

from __future__ import annotations

from framing.compare.records import Comparison
from framing.report.blocks import Cell, Note, Section
from framing.report.cells import ranked_lists


def distinctive_wording(comparison: Comparison) -> Section:
    groups = comparison.groups

    def cell(term) -> Cell:
        candidate = "" if term.in_lexicon else " ✱"
        style = ("candidate" if not term.in_lexicon else "") + (" sig" if term.z >= 1.96 else "")
        return Cell(
            f"{term.term}{candidate} ×{term.count} (z {term.z:.1f})",
            style=style.strip(),
            note=f"{term.count} here, {term.count_elsewhere} in the other groups; z = {term.z:.2f}",
        )

    table = ranked_lists(
        comparison,
        "Words each outlet over-uses relative to the others (✱ = not in any lexicon: a candidate)",
        lambda g: g.distinctive, cell,
    )
    blocks: list = [table]
    if len(groups) < 2:
        blocks = [Note("Distinctive wording needs at least two groups to compare.")]
    return Section(
        "distinctive-wording",
        "8. Distinctive wording",
        "Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), "
        "each outlet against all the others, on word counts from scikit-learn's "
        "CountVectorizer (English stop words removed). Bold: z ≥ 1.96, significant at 5%; "
        "✱: not yet in any lexicon, a candidate for one.",
        blocks,
    )
