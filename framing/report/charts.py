"""Charts as inline SVG, drawn with matplotlib.

Why matplotlib SVG rather than Vega-Lite through Altair: the SVG is plain markup inside the
HTML, so the report needs no JavaScript library at all (Vega, Vega-Lite and vega-embed
inlined would add about 1 MB to every report and run code on open), it renders the same
offline, from ``file://``, in a browser with scripts off and in a screenshot, and with a
fixed hash salt and no date it is byte-identical from run to run. Text stays text
(``svg.fonttype: none``), so labels are searchable and escaped like the rest of the page.

The palette is Okabe & Ito's (2008) colour-blind-safe set; beyond eight series, hatching
keeps the bars apart.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from framing.report.blocks import BarChart

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
HATCHES = ("", "//", "..", "xx")
#: Source types keep the colour they have in the highlighted articles (report.css), so a
#: reader matches the bars to the underlines; two types sharing a colour differ by hatching.
SOURCE_TYPE_STYLE = {
    "state_media": ("#D55E00", ""),
    "government": ("#0072B2", ""),
    "military": ("#009E73", ""),
    "intelligence": ("#CC79A7", ""),
    "expert": ("#56B4E9", ""),
    "media_outlet": ("#E69F00", ""),
    "wire_agency": ("#E69F00", "//"),
    "ngo": ("#F0E442", ""),
    "public": ("#F0E442", "//"),
    "anonymous": ("#999999", ".."),
    "unknown": ("#DDDDDD", ""),
}
_RC = {
    "svg.hashsalt": "framing-report",  # stable element ids: the same chart, the same bytes
    "svg.fonttype": "none",  # text as text: searchable, small, and escaped by matplotlib
    "text.parse_math": False,  # an outlet called "$5 News" is a name, not mathtext
    "font.size": 9,
    "font.family": "sans-serif",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _visible_series(chart: BarChart) -> list[int]:
    """Series that are non-zero somewhere: an empty category only clutters the legend."""
    return [
        s
        for s in range(len(chart.series))
        if any(not math.isnan(row[s]) and row[s] > 0 for row in chart.values)
    ]


def render_svg(chart: BarChart) -> str:
    """The chart as an SVG document (without the XML prolog), ready to inline in HTML."""
    series = _visible_series(chart)
    height = max(1.2 + 0.42 * len(chart.groups), 0.25 * len(series) + 0.8)
    return _svg((7.5, height), lambda axes: _draw(axes, chart, series))


def _svg(size: tuple[float, float], draw) -> str:
    """One figure of ``size`` inches, drawn by ``draw(axes)`` in the house style, as SVG markup
    without the XML prolog."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context(_RC):
        figure, axes = plt.subplots(figsize=size)
        try:
            draw(axes)
            buffer = io.StringIO()
            figure.savefig(
                buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None}
            )
        finally:
            plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def _draw(axes, chart: BarChart, series: Sequence[int]) -> None:
    positions = list(range(len(chart.groups)))[::-1]  # first group on top
    left = [0.0] * len(chart.groups)
    for order, s in enumerate(series):
        widths = [0.0 if math.isnan(row[s]) else row[s] for row in chart.values]
        axes.barh(
            positions,
            widths,
            left=left,
            height=0.6,
            label=chart.series[s],
            color=_style(chart, s, order)[0],
            hatch=_style(chart, s, order)[1],
            edgecolor="white",
            linewidth=0.5,
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for position, row, total in zip(positions, chart.values, left, strict=True):
        if all(math.isnan(v) for v in row):
            axes.text(0, position, " n/a", va="center", ha="left", color="#555555")
        elif not chart.percent:
            axes.text(total, position, f" {total:.1f}", va="center", ha="left")
    axes.set_yticks(positions, [_short(g) for g in chart.groups])
    axes.set_xlabel(chart.axis_label)
    axes.set_title(chart.title, loc="left", fontsize=10)
    if chart.percent:
        axes.set_xlim(0, 1)
        axes.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    else:
        axes.set_xlim(0, max(max(left, default=0) * 1.15, 1e-9) or 1)
    if series:
        axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)


def _style(chart: BarChart, series: int, order: int) -> tuple[str, str]:
    """Colour and hatch of a series: the source type's own, else the palette in order."""
    if all(name in SOURCE_TYPE_STYLE for name in chart.series):
        return SOURCE_TYPE_STYLE[chart.series[series]]
    return OKABE_ITO[order % len(OKABE_ITO)], HATCHES[(order // len(OKABE_ITO)) % len(HATCHES)]


def _short(name: str, width: int = 28) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def render_scatter_svg(chart) -> str:
    """A :class:`~framing.report.position.ScatterChart` as inline SVG: one labelled point per
    group, with its intervals as error bars (none below three articles)."""
    return _svg((7.5, 5.0), lambda axes: _draw_scatter(axes, chart))


def _draw_scatter(axes, chart) -> None:
    for order, point in enumerate(chart.points):
        colour = OKABE_ITO[order % len(OKABE_ITO)]
        axes.errorbar(
            [point.x], [point.y], xerr=_error(point.x, point.x_low, point.x_high),
            yerr=_error(point.y, point.y_low, point.y_high), fmt="o", color=colour,
            ecolor=colour, elinewidth=1, capsize=2, markersize=5,
        )  # fmt: skip
        axes.annotate(
            _short(point.label), (point.x, point.y), xytext=(5, 4),
            textcoords="offset points", fontsize=8,
        )  # fmt: skip
    axes.set_xlabel(chart.x_label)
    axes.set_ylabel(chart.y_label)
    # The caption carries the title; the axes keep to the outlets' range, since the question
    # is where they sit against each other, not against zero.
    axes.margins(0.08)


def _error(mean: float, low: float, high: float):
    """Error-bar lengths below and above the mean, or None without an interval."""
    if math.isnan(low) or math.isnan(high):
        return None
    return [[max(mean - low, 0.0)], [max(high - mean, 0.0)]]
