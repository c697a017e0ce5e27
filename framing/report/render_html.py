"""Render a report structure as one self-contained HTML file.

Jinja2 with autoescape on: article text, titles, outlet names and every other string from
the data are escaped. The only markup inserted as is are the chart SVGs, which matplotlib
writes with its own escaping of text, and our own CSS and script. A Content-Security-Policy
meta tag forbids every network request, so the page works offline and from ``file://``.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from framing.report.charts import render_svg
from framing.report.structure import BarChart, Report

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
    return {
        block.chart_id: Markup(render_svg(block))  # noqa: S704 - matplotlib escapes its text
        for section in report.sections
        for block in section.blocks
        if isinstance(block, BarChart)
    }


def render_html(report: Report) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        charts=charts_of(report),
        css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),  # noqa: S704
        script=Markup((TEMPLATES / "report.js").read_text(encoding="utf-8")),  # noqa: S704
    )
