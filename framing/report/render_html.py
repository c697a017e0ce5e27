"""Render a report structure as one self-contained HTML file.

Jinja2 with autoescape on: article text, titles, outlet names and every other string from
the data are escaped. The only markup inserted as is are the chart SVGs, which matplotlib
writes with its own escaping of text, and our own CSS and script. A Content-Security-Policy
meta tag forbids every network request, so the page works offline and from ``file://``.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from framing.report.blocks import ArticleView, BarChart, Report, Segment, SentenceView
from framing.report.charts import render_scatter_svg, render_svg
from framing.report.position import ScatterChart

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def charts_of(report: Report) -> dict[str, Markup]:
    """Chart id -> inline SVG, for every chart in the report."""
    charts = {}
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, BarChart):
                svg = render_svg(block)
            elif isinstance(block, ScatterChart):
                svg = render_scatter_svg(block)
            else:
                continue
            charts[block.chart_id] = Markup(svg)  # noqa: S704 - matplotlib escapes its text
    return charts


def _segment_html(segment: Segment) -> str:
    if not segment.marks:
        return escape(segment.text)
    note = f' title="{escape(segment.note)}"' if segment.note else ""
    return f'<span class="{escape(" ".join(segment.marks))}"{note}>{escape(segment.text)}</span>'


def article_html(view: ArticleView) -> Markup:
    """One collapsed article with its highlighted sentences. Written in Python rather than
    as a template macro: a corpus of thousands of articles has hundreds of thousands of
    segments, and a macro call per segment is ten times slower. Every string is escaped."""
    parts = []
    for piece in view.pieces:
        if isinstance(piece, SentenceView):
            inner = "".join(_segment_html(s) for s in piece.segments)
            parts.append(f'<span class="sentence" id="{escape(piece.anchor)}">{inner}</span>')
        else:
            parts.append(_segment_html(piece))
    date = f" · {escape(view.date)}" if view.date else ""
    return Markup(  # noqa: S704 - built from escaped parts only
        f'<details class="article" id="{escape(view.anchor)}">\n'
        f'<summary><b>{escape(view.title)}</b> <span class="outlet">{escape(view.outlet)}'
        f'</span>{date} · <span class="summary">{escape(view.summary)}</span></summary>\n'
        f'<p class="article-meta">id {escape(view.article_id)} · {escape(view.group)} · '
        f"{escape(view.status)}</p>\n"
        f'<div class="text">{"".join(parts)}</div>\n</details>\n'
    )


def render_html(report: Report) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        charts=charts_of(report),
        article_html=article_html,
        css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),  # noqa: S704
        script=Markup((TEMPLATES / "report.js").read_text(encoding="utf-8")),  # noqa: S704
    )
