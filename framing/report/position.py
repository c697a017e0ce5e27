"""The overview's chart "Where each outlet sits": how much an outlet attributes (x) against how
much loaded wording it uses in its own voice (y), each with its bootstrap interval.

In: the comparison's groups, with their headline estimates (mean and 95% interval over
articles). Out: a :class:`ScatterChart` block; :mod:`framing.report.charts` draws it (labels
stay text), and the Markdown report prints its numbers as a table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from framing.compare.records import Comparison
from framing.measure.metrics import HEADLINE_METRICS

X_METRIC = "attribution_per_100_words"
Y_METRIC = "loaded_own_per_1000_words"


@dataclass(frozen=True)
class Point:
    label: str
    x: float
    x_low: float
    x_high: float
    y: float
    y_low: float
    y_high: float


@dataclass
class ScatterChart:
    chart_id: str
    title: str
    x_label: str
    y_label: str
    points: list[Point]


def position_chart(comparison: Comparison, label_of) -> ScatterChart | None:
    """The chart, or None with fewer than two groups with both figures."""
    points = []
    for group in comparison.groups:
        x, y = group.headline.get(X_METRIC), group.headline.get(Y_METRIC)
        if x is None or y is None or math.isnan(x.mean) or math.isnan(y.mean):
            continue
        points.append(Point(label_of(group), x.mean, x.low, x.high, y.mean, y.low, y.high))
    if len(points) < 2:
        return None
    return ScatterChart(
        "position",
        "Where each outlet sits: attribution against own-voice loaded wording "
        "(means per article, 95% bootstrap intervals where n ≥ 3)",
        HEADLINE_METRICS[X_METRIC],
        HEADLINE_METRICS[Y_METRIC],
        points,
    )
