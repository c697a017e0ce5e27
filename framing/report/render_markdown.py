"""Render a report structure as Markdown, for wikis and repositories.

The same sections and tables as the HTML. A chart becomes the table of its numbers (a
Markdown page cannot hold inline SVG everywhere). Every string from the data is escaped, so
article text cannot inject markup, links or HTML; sentence anchors are ``<a id>`` tags with
ids we generate, which GitHub and most wikis keep.
"""

from __future__ import annotations

import math

from framing.report.blocks import (
    ArticleView,
    BarChart,
    Cell,
    Note,
    Paragraph,
    Report,
    Section,
    SentenceView,
    Table,
)
from framing.report.position import ScatterChart

# HTML first (so text cannot open a tag), then Markdown punctuation that could start
# emphasis, code, links or table cells. One translate call: fast on thousands of articles.
_ESCAPES = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
    **{ch: "\\" + ch for ch in "\\`*_{}[]|~"},
})  # fmt: skip


def escape(text: str) -> str:
    """Text safe inside Markdown: HTML-escaped, Markdown punctuation backslashed, one line."""
    return " ".join(text.split()).translate(_ESCAPES)


def _cell(cell: Cell) -> str:
    parts = []
    if cell.context:
        before, marked, after = cell.context
        parts.append(f"{escape(before)} **{escape(marked)}** {escape(after)}")
    if cell.text:
        parts.append(escape(cell.text))
    parts += [f"[{escape(link.text)}]({link.href})" for link in cell.links]
    return " ".join(parts)


def _table(table: Table) -> list[str]:
    header = [escape(h) for h in table.header]
    lines = [
        f"**{escape(table.caption)}**",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return lines + [""]


def _chart(chart: BarChart) -> list[str]:
    def value(v: float) -> str:
        if math.isnan(v):
            return "n/a"
        return f"{v:.0%}" if chart.percent else f"{v:.2f}"

    rows = [
        [Cell(g)] + [Cell(value(v)) for v in values]
        for g, values in zip(chart.groups, chart.values, strict=True)
    ]
    return _table(Table(f"Chart: {chart.title}", [""] + list(chart.series), rows))


def _scatter(chart: ScatterChart) -> list[str]:
    def value(mean: float, low: float, high: float) -> str:
        if math.isnan(mean):
            return "n/a"
        return f"{mean:.2f}" if math.isnan(low) else f"{mean:.2f} [{low:.2f}–{high:.2f}]"

    rows = [
        [Cell(p.label), Cell(value(p.x, p.x_low, p.x_high)), Cell(value(p.y, p.y_low, p.y_high))]
        for p in chart.points
    ]
    return _table(Table(f"Chart: {chart.title}", ["", chart.x_label, chart.y_label], rows))


def _block(block) -> list[str]:
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, ScatterChart):
        return _scatter(block)
    if isinstance(block, BarChart):
        return _chart(block)
    if isinstance(block, Note):
        prefix = "**Note:** " if block.level == "warning" else ""
        return [f"> {prefix}{escape(block.text)}", ""]
    if isinstance(block, Paragraph):
        return [escape(block.text), ""]
    raise TypeError(f"unknown block {type(block).__name__}")


def _segment_text(segment) -> str:
    text = escape(segment.text)
    if not text:
        return ""
    if "loaded-own" in segment.marks:
        return f"**{text}**"
    if "speaker" in segment.marks or "state" in segment.marks:
        return f"_{text}_"
    return text


def _article(view: ArticleView) -> list[str]:
    lines = [
        f'<a id="{view.anchor}"></a>',
        "",
        f"#### {escape(view.title)}",
        "",
        f"{escape(view.outlet)} · {escape(view.date or 'no date')} · {escape(view.summary)}",
        "",
    ]
    for piece in view.pieces:
        if isinstance(piece, SentenceView):
            body = "".join(_segment_text(s) + " " for s in piece.segments).strip()
            if body:
                lines.append(f'<a id="{piece.anchor}"></a>{body}')
                lines.append("")
    return lines


def _section(section: Section) -> list[str]:
    lines = [
        f'<a id="{section.anchor}"></a>',
        "",
        f"## {escape(section.title)}",
        "",
        escape(section.intro),
        "",
    ]
    if section.anchor == "articles":
        lines += [
            "In the text: **bold** = loaded term in the outlet's own voice; _italic_ = "
            "speaker or state-media outlet.",
            "",
        ]
        for view in section.blocks:
            lines += _article(view) if isinstance(view, ArticleView) else _block(view)
    else:
        for block in section.blocks:
            lines += _block(block)
    return lines


def render_markdown(report: Report) -> str:
    lines = [f"# {escape(report.title)}", "", f"_{escape(report.subtitle)}_", ""]
    lines += [" · ".join(f"{escape(k)}: **{escape(v)}**" for k, v in report.meta), ""]
    lines += [f"Generated {escape(report.generated_at)}", ""]
    lines += [f"- [{escape(s.title)}](#{s.anchor})" for s in report.sections] + [""]
    for section in report.sections:
        lines += _section(section)
    return "\n".join(lines).rstrip("\n") + "\n"
