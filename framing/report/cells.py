"""Cells and rows every section builds the same way: figures formatted, evidence linked.

A figure that comes from records carries links (``#a3-s12``: article 3, sentence 12) to the
highlighted sentences in the Articles section; a lexicon-based row carries the entry id.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from framing.compare.like_with_like import WITHIN_STORY
from framing.compare.records import SMALL_SAMPLE, Comparison, Counted, Group, Ref, WithinStory
from framing.measure.metrics import Metric
from framing.report.blocks import Cell, Link, Table

MAX_LINKS = 5  # links shown per cell; the count says how many there are in all


def is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_share(value: float | None) -> str:
    return "n/a" if is_missing(value) else f"{value:.0%}"


def fmt_rate(value: float | None, digits: int = 2) -> str:
    return "n/a" if is_missing(value) else f"{value:.{digits}f}"


def number_cell(text: str, **kwargs) -> Cell:
    return Cell(text, style="na" if text == "n/a" else "num", **kwargs)


def anchor(ref: Ref) -> str:
    return f"a{ref.article}-s{ref.sentence}"


def evidence_links(refs: Sequence[Ref]) -> tuple[Link, ...]:
    unique = list(dict.fromkeys(refs))
    return tuple(Link(str(n + 1), f"#{anchor(r)}") for n, r in enumerate(unique[:MAX_LINKS]))


def counted_cell(row: Counted | None, *, show_kind: bool = True) -> Cell:
    if row is None:
        return Cell("")
    kind = f" ({row.kind})" if show_kind and row.kind else ""
    note = f"lexicon entry {row.entry_id}" if row.entry_id else ""
    return Cell(f"{row.key}{kind} ×{row.count}", evidence_links(row.refs), note=note)


def ranked_lists(
    comparison: Comparison,
    caption: str,
    list_of: Callable[[Group], Sequence],
    make_cell: Callable[..., Cell] | None = None,
) -> Table:
    """Each group's ranked list (``list_of``) as a column under the groups' headers: row k
    holds each group's k-th item, made a cell by ``make_cell`` (:func:`counted_cell` unless
    given)."""
    make_cell = make_cell or counted_cell
    lists = [list_of(g) for g in comparison.groups]
    depth = max((len(items) for items in lists), default=0)
    rows = [
        [Cell(str(rank + 1), style="num")]
        + [make_cell(items[rank]) if rank < len(items) else Cell("") for items in lists]
        for rank in range(depth)
    ]
    return Table(caption, group_header(comparison, "#"), rows)


def group_label(group: Group) -> str:
    """A group's name as every table heads it: an outlet that is itself state-controlled says
    so (its narration is state media's voice), as does a story group holding such articles."""
    by_state = int(group.metrics.get("state_media_n_by_state_outlet", 0) or 0)
    if not by_state:
        return group.name
    if by_state == len(group.articles):
        return f"{group.name} (state-controlled)"
    return f"{group.name} ({by_state} by state-controlled outlets)"


def group_header(comparison: Comparison, first: str) -> list[str]:
    """Every table heads each group with its label and its number of articles, n."""
    return [first] + [f"{group_label(g)} (n={len(g.articles)})" for g in comparison.groups]


def fmt_value(value: float | None, unit: str) -> str:
    """A figure as its unit writes it: a share as a percentage, a rate with two decimals, a
    count as a whole number."""
    return {"share": fmt_share, "rate": fmt_rate, "count": lambda v: fmt_rate(v, 0)}[unit](value)


def fmt_difference(value: float, unit: str) -> str:
    """A within-story difference, signed: shares in percentage points, counts per article."""
    if unit == "share":
        text = f"{value * 100:+.0f} pts"
    else:
        text = f"{value:+.2f}" + (" per article" if unit == "count" else "")
    return text.replace("-0.00", "+0.00").replace("-0 pts", "+0 pts")  # no sign from rounding


def stories_text(n_stories: int) -> str:
    return f"{n_stories} stor{'y' if n_stories == 1 else 'ies'}"


def within_cell(
    value: WithinStory, shown: str, pooled: str = "", links: tuple[Link, ...] = ()
) -> Cell:
    """A within-story figure (``shown``: its difference, formatted) with the stories and
    articles it rests on, marked below SMALL_SAMPLE articles as every small sample is; and the
    pooled figure beside it when given."""
    beside = f"pooled {pooled}" if pooled else ""
    if is_missing(value.difference):
        return Cell(
            f"n/a ({beside})" if beside else "n/a",
            links=links,
            style="na",
            note="this outlet covered no story that another outlet covered too (or has no "
            "evidence for this figure on one)",
        )
    stories = stories_text(value.n_stories)
    return Cell(
        f"{shown} ({stories}, n={value.n_articles}{'; ' + beside if beside else ''})",
        links=links,
        style="num warn" if value.n_articles < SMALL_SAMPLE else "num",
        note=f"its figure minus the story's mean, averaged over {stories} shared with another "
        f"outlet; {value.n_articles} article(s)",
    )


def within_shown(comparison: Comparison) -> bool:
    """The sections show figures compared within stories (else pooled ones)."""
    return comparison.within_sections is not None


def basis_sentence(comparison: Comparison) -> str:
    """What a section's figure tables compare, for its intro; "" when grouped by story."""
    if comparison.by != "outlet":
        return ""
    if within_shown(comparison):
        return (
            " Figures are compared within stories: an outlet's figure on a story (its articles "
            "there pooled; a count per article) minus the mean of the outlets' figures on that "
            "story, averaged over the stories it shares with another outlet, with the stories "
            "and articles it rests on; its pooled figure, over all its articles, is beside it. "
            "Charts and lists are over all of each outlet's articles."
        )
    return (
        " Figures are pooled over all of each outlet's articles, whatever the story "
        f"({pooled_reason(comparison)})."
    )


def pooled_reason(comparison: Comparison) -> str:
    """Why the figures are pooled, not compared within stories."""
    if comparison.basis != WITHIN_STORY:
        return "as asked: --comparison pooled"
    if comparison.outlet_stories:
        return "no story is shared by two outlets, so none compares within stories"
    return "the articles have no stories to compare within"


def metric_rows(comparison: Comparison, metrics: Sequence[Metric]) -> list[list[Cell]]:
    """Rows of metrics, one column per group, each labelled and formatted as its metric says
    (:mod:`framing.measure.metrics`): pooled figures, or, when the sections compare within
    stories, the within-story figure with the pooled one beside it. Each links to evidence."""
    within = comparison.within_sections
    rows = []
    for metric in metrics:
        cells = [Cell(metric.label)]
        for g in comparison.groups:
            pooled = fmt_value(g.metrics.get(metric.name), metric.unit)
            links = evidence_links(g.evidence.get(metric.name, ()))
            if within is None:
                cells.append(number_cell(pooled, links=links))
                continue
            value = within.metrics.get(metric.name, {}).get(g.name, WithinStory(math.nan))
            shown = "" if is_missing(value.difference) else fmt_difference(
                value.difference, metric.unit
            )  # fmt: skip
            cells.append(within_cell(value, shown, pooled, links))
        rows.append(cells)
    return rows


def plural(unit: str) -> str:
    """'outlet' -> 'outlets', 'story' -> 'stories' (the two units a report groups by)."""
    return unit[:-1] + "ies" if unit.endswith("y") else unit + "s"


def shares_of(counts: Sequence[int]) -> list[float]:
    total = sum(counts)
    return [c / total if total else math.nan for c in counts]
