"""The report's plain objects: what a section holds (tables, cells, charts, notes, articles).

No HTML and no Markdown: the section modules (:mod:`framing.report.sections`) fill these, and
the renderers (:mod:`framing.report.render_html`, :mod:`framing.report.render_markdown`) say
how they look.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Cell:
    """One table cell: text, optional links to evidence, optional note (a tooltip) and a
    style hint (``num``, ``na``, ``candidate``, ``warn``, ``unsourced``)."""

    text: str
    links: tuple[Link, ...] = ()
    note: str = ""
    style: str = ""
    context: tuple[str, str, str] | None = None  # before, marked, after: a term in its sentence


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[Cell]]
    first_column_is_header: bool = True


@dataclass
class Paragraph:
    text: str


@dataclass
class Note:
    text: str
    level: str = "info"  # info | warning


@dataclass
class BarChart:
    """Horizontal bars, one per group; stacked by ``series`` (a share, a rate or points)."""

    chart_id: str
    title: str
    groups: list[str]
    series: list[str]
    values: list[list[float]]  # groups × series; NaN for n/a
    axis_label: str
    percent: bool = False


@dataclass
class Segment:
    text: str
    marks: tuple[str, ...] = ()  # css-safe mark names: speaker, cue, content, loaded-own ...
    note: str = ""


@dataclass
class SentenceView:
    anchor: str
    segments: list[Segment]


@dataclass
class ArticleView:
    anchor: str
    article_id: str
    title: str
    group: str
    outlet: str
    date: str
    status: str
    summary: str
    pieces: list[SentenceView | Segment]  # sentences, and the text between them


@dataclass
class Section:
    anchor: str
    title: str
    intro: str
    blocks: list = field(default_factory=list)


@dataclass
class Report:
    title: str
    subtitle: str
    generated_at: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    legend: list[tuple[str, str]]
