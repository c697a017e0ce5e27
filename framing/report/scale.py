"""A report that still reads with many outlets and many articles (issue #16, item 8).

Two pure steps between the report structure and its renderers:

- :func:`oriented`: with more than :data:`MAX_GROUP_COLUMNS` groups, every table that has one
  column per group turns, so that the groups become its rows. Thirty outlets as columns make
  every table scroll sideways; as rows, a table reads down (and sorts by any column in the
  browser: ``report.js``).
- :func:`split_articles`: with more than :data:`INLINE_ARTICLES` articles, the highlighted
  articles leave the main page for pages of their own beside it, one page per group
  (``articles/NAME.html`` and ``.md``), and every link to a sentence points into its page.
  At 3,000 articles the articles were most of a 26 MB page; without them the main page opens at
  once.

In: a :class:`~framing.report.structure.Report`. Out: new Report objects (nothing is changed in
place). Small reports (the seeds) come out as they went in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

from framing.report.blocks import (
    ArticleView,
    Cell,
    Link,
    Note,
    Report,
    Section,
    SentenceView,
    Table,
)

#: Above this many groups, tables with one column per group put the groups in rows.
MAX_GROUP_COLUMNS = 8
#: Above this many articles, the highlighted articles go to pages of their own.
INLINE_ARTICLES = 200
ARTICLES_SECTION = "articles"
ARTICLES_FOLDER = "articles"


def oriented(report: Report, group_labels: Sequence[str]) -> Report:
    """The report with the groups in rows of every per-group table, when there are more than
    :data:`MAX_GROUP_COLUMNS` groups; else the report as it is."""
    if len(group_labels) <= MAX_GROUP_COLUMNS:
        return report
    labels = set(group_labels)
    return replace(
        report,
        sections=[
            replace(s, blocks=[turned(b, labels) if isinstance(b, Table) else b for b in s.blocks])
            for s in report.sections
        ],
    )


def turned(table: Table, group_labels: set[str]) -> Table:
    """A table with one column per group, turned: one row per group (in column order), then
    one row per other column (a corpus mean); its columns are the table's rows."""
    groups = [i for i, name in enumerate(table.header) if i and name in group_labels]
    if len(groups) < 2:
        return table
    others = [i for i in range(1, len(table.header)) if i not in groups]
    header = [table.header[0] if not table.first_column_is_header else ""]
    header += [row[0].text for row in table.rows]
    rows = [[Cell(table.header[j])] + [row[j] for row in table.rows] for j in groups + others]
    return Table(table.caption, header, rows, first_column_is_header=True)


def split_articles(
    report: Report, page_name: Callable[[str], str], extension: str
) -> tuple[Report, dict[str, Report]]:
    """The main report and its article pages (page file name -> Report), for ``extension``
    (``.html`` or ``.md``): links to a sentence point into its page. With at most
    :data:`INLINE_ARTICLES` articles, the report as it is and no pages."""
    section = next((s for s in report.sections if s.anchor == ARTICLES_SECTION), None)
    views = [b for b in section.blocks if isinstance(b, ArticleView)] if section else []
    if len(views) <= INLINE_ARTICLES:
        return report, {}
    by_group: dict[str, list[ArticleView]] = defaultdict(list)
    for view in views:
        by_group[view.group].append(view)
    files = {group: f"{ARTICLES_FOLDER}/{page_name(group)}{extension}" for group in by_group}
    page_of = {anchor: files[view.group] for view in views for anchor in _anchors(view)}
    pages = {
        files[group]: replace(
            report,
            title=f"{report.title}: articles of {group}",
            sections=[replace(section, title=f"Articles: {group}", blocks=list(members))],
        )
        for group, members in by_group.items()
    }
    index = Table(
        "The articles, one page per group",
        ["group", "articles"],
        [
            [Cell(group, links=(Link("open", files[group]),)), Cell(str(len(members)), style="num")]
            for group, members in by_group.items()
        ],
    )
    note = Note(
        f"{len(views):,} articles: more than {INLINE_ARTICLES:,}, so they are on pages of their "
        "own beside this one, one per group, and every link to a sentence opens its page.",
        "info",
    )
    sections = [
        replace(s, blocks=[note, index]) if s is section else _relinked(s, page_of)
        for s in report.sections
    ]
    return replace(report, sections=sections), pages


def _anchors(view: ArticleView) -> list[str]:
    return [view.anchor] + [p.anchor for p in view.pieces if isinstance(p, SentenceView)]


def _relinked(section: Section, page_of: dict[str, str]) -> Section:
    def link(item: Link) -> Link:
        target = item.href[1:] if item.href.startswith("#") else None
        return replace(item, href=f"{page_of[target]}#{target}") if target in page_of else item

    def cell(item: Cell) -> Cell:
        return replace(item, links=tuple(link(x) for x in item.links)) if item.links else item

    blocks = [
        replace(b, rows=[[cell(c) for c in row] for row in b.rows]) if isinstance(b, Table) else b
        for b in section.blocks
    ]
    return replace(section, blocks=blocks)
