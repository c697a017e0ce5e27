"""Cells and rows every section builds the same way: figures formatted, evidence linked.

A figure that comes from records carries links (``#a3-s12``: article 3, sentence 12) to the
highlighted sentences in the Articles section; a lexicon-based row carries the entry id.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from framing.compare.records import Comparison, Counted, Group, Ref
from framing.measure.metrics import Metric
from framing.report.blocks import Cell, Link

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


def side_by_side(groups: Sequence[Group], lists: Sequence[Sequence], make_cell) -> list[list[Cell]]:
    """Ranked lists as columns: row k holds each group's k-th item."""
    depth = max((len(items) for items in lists), default=0)
    return [
        [Cell(str(rank + 1), style="num")]
        + [make_cell(items[rank]) if rank < len(items) else Cell("") for items in lists]
        for rank in range(depth)
    ]


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


def metric_rows(comparison: Comparison, metrics: Sequence[Metric]) -> list[list[Cell]]:
    """Rows of pooled metrics, one column per group, each labelled and formatted as its
    metric says (:mod:`framing.measure.metrics`)."""
    formats = {"share": fmt_share, "rate": fmt_rate, "count": lambda v: fmt_rate(v, 0)}
    return [
        [Cell(metric.label)]
        + [
            number_cell(
                formats[metric.unit](g.metrics.get(metric.name)),
                links=evidence_links(g.evidence.get(metric.name, ())),
            )
            for g in comparison.groups
        ]
        for metric in metrics
    ]


def plural(unit: str) -> str:
    """'outlet' -> 'outlets', 'story' -> 'stories' (the two units a report groups by)."""
    return unit[:-1] + "ies" if unit.endswith("y") else unit + "s"


def shares_of(counts: Sequence[int]) -> list[float]:
    total = sum(counts)
    return [c / total if total else math.nan for c in counts]
