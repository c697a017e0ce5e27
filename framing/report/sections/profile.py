"""Section 10, Sourcing and framing profile: a comparison in, the section out.

Each criterion's points per outlet (scored in :mod:`framing.compare.profile`), with how it
is scored, and notes for groups too small to score.
"""

from __future__ import annotations

from framing.compare.records import Comparison
from framing.report.blocks import BarChart, Cell, Note, Section, Table
from framing.report.cells import evidence_links, group_header, is_missing, number_cell


def profile(comparison: Comparison) -> Section:
    groups = comparison.groups
    criteria = comparison.criteria
    rows = []
    for index, criterion in enumerate(criteria.criteria):
        cells = [Cell(criterion.label, note=criterion.explanation)]
        for group in groups:
            score = group.profile.scores[index]
            if not group.profile.scored:
                cells.append(_unscored_cell(score.value, len(group.articles), criterion))
            elif not score.applicable:
                cells.append(number_cell("n/a", note="no evidence in this outlet's text"))
            else:
                cells.append(
                    number_cell(
                        f"{score.points:.1f} / {criterion.points:g}",
                        note=f"{criterion.metric} = {score.value:.3f}",
                        links=evidence_links(group.evidence.get(criterion.metric, ())),
                    )
                )
        cells.append(
            Cell(
                f"{criterion.metric}: 0 points at {criterion.zero_at:g}, full at "
                f"{criterion.full_at:g}. {criterion.explanation}"
            )
        )
        rows.append(cells)
    rows.append(
        [Cell("Total")]
        + [_total_cell(g.profile) for g in groups]
        + [Cell("criteria with no evidence (n/a) count toward neither total nor maximum")]
    )
    table = Table(criteria.name, group_header(comparison, "criterion") + ["how it is scored"], rows)
    chart = BarChart(
        "profile",
        f"{criteria.name}: points per criterion",
        [g.name for g in groups],
        [c.label for c in criteria.criteria],
        [[s.points for s in g.profile.scores] for g in groups],
        "points",
    )
    return Section(
        "profile",
        "10. Sourcing and framing profile",
        "A transparent score per outlet from the criteria and weights in an editable YAML file, "
        "in the style of NewsGuard's published weighted criteria, but computed from the text."
        + (
            " It scores the pooled figures, over all of each outlet's articles, whatever the "
            "story."
            if comparison.by == "outlet"
            else ""
        ),
        [Note(criteria.disclaimer, "warning"), *_unscored_note(comparison), chart, table],
    )


def _unscored_cell(value: float, n_articles: int, criterion) -> Cell:
    """A figure of an outlet with too few articles for points: shown, labelled as what it is."""
    if is_missing(value):
        return number_cell("n/a", note="no evidence in these articles")
    label = "per-article figure" if n_articles == 1 else "figure of these articles only"
    return Cell(
        f"{value:.2f} ({label}, n={n_articles})",
        style="num na",
        note=f"{criterion.metric} over these {n_articles} article(s); no points below "
        "the criteria's min_articles",
    )


def _total_cell(profile) -> Cell:
    if not profile.scored:
        return Cell(
            f"no points: n={profile.n_articles}, fewer than {profile.min_articles}", style="na"
        )
    return number_cell(f"{profile.total:.1f} / {profile.maximum:g}")


def _unscored_note(comparison: Comparison) -> list[Note]:
    notes = []
    if comparison.by == "story":
        notes.append(
            Note(
                "Grouped by story: each column pools every outlet that covered the story, so its "
                "points describe that coverage, not an outlet. The overview's within-story table "
                "compares the outlets.",
                "warning",
            )
        )
    unscored = [g for g in comparison.groups if not g.profile.scored]
    if not unscored:
        return notes
    names = ", ".join(f"{g.name} (n={len(g.articles)})" for g in unscored)
    return notes + [
        Note(
            f"No points for {names}: fewer than {comparison.criteria.min_articles} articles "
            "(min_articles in the criteria file). A figure from so few articles describes those "
            "articles, not the outlet; their figures are shown as per-article figures, and no "
            "profile ranks them.",
            "warning",
        )
    ]
