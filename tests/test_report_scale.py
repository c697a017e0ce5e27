"""A report that reads at 30 outlets (issue #16, item 8): groups become rows above eight of
them, articles go to pages of their own above 200 of them, and the overview places each outlet
by attribution against own-voice loaded wording. Plain report objects; no model."""

from __future__ import annotations

import math

import pytest

from framing.compare.records import Estimate
from framing.report.blocks import (
    ArticleView,
    Cell,
    Link,
    Report,
    Section,
    Segment,
    SentenceView,
    Table,
)
from framing.report.position import X_METRIC, Y_METRIC, position_chart
from framing.report.scale import (
    INLINE_ARTICLES,
    MAX_GROUP_COLUMNS,
    oriented,
    split_articles,
    turned,
)


def labels(n: int) -> list[str]:
    return [f"Outlet {i:02d} (n=3)" for i in range(n)]


def figures_table(groups: list[str]) -> Table:
    return Table(
        "Headline figures",
        ["figure", *groups, "corpus mean"],
        [
            [Cell("Attributions per 100 words"), *(Cell(f"{i}.0") for i in range(len(groups))),
             Cell("4.5")],
            [Cell("Hedges per 1,000 words"), *(Cell(f"1{i}") for i in range(len(groups))),
             Cell("9")],
        ],
    )  # fmt: skip


def report_of(*blocks, articles=()) -> Report:
    sections = [Section("overview", "Overview", "", list(blocks))]
    sections.append(Section("articles", "Articles", "", list(articles)))
    return Report("t", "s", "now", [], sections, [])


def test_a_table_with_one_column_per_group_turns_into_one_row_per_group():
    groups = labels(3)
    table = turned(figures_table(groups), set(groups))
    assert table.header == ["", "Attributions per 100 words", "Hedges per 1,000 words"]
    assert [row[0].text for row in table.rows] == [*groups, "corpus mean"]
    assert [c.text for c in table.rows[1]] == [groups[1], "1.0", "11"]


def test_a_table_without_group_columns_stays_as_it_is():
    table = Table("Criteria", ["criterion", "how it is scored"], [[Cell("a"), Cell("b")]])
    assert turned(table, set(labels(12))) is table


@pytest.mark.parametrize(
    "n_groups, turns", [(MAX_GROUP_COLUMNS, False), (MAX_GROUP_COLUMNS + 1, True)]
)
def test_groups_become_rows_only_above_eight(n_groups, turns):
    groups = labels(n_groups)
    report = report_of(figures_table(groups))
    table = oriented(report, groups).sections[0].blocks[0]
    assert (table.header[0] == "") is turns
    assert len(table.rows) == (n_groups + 1 if turns else 2)


def article(i: int, group: str) -> ArticleView:
    sentence = SentenceView(f"a{i}-s0", [Segment("Kim said so.")])
    return ArticleView(f"a{i}", f"id{i}", "title", group, group, "", "ok", "", [sentence])


def evidence_table() -> Table:
    links = (Link("1", "#a0-s0"), Link("2", "#a250-s0"), Link("web", "https://example.org"))
    return Table("Evidence", ["figure", "A"], [[Cell("x"), Cell("1.0", links=links)]])


def test_a_small_report_keeps_its_articles():
    report = report_of(evidence_table(), articles=[article(i, "A") for i in range(3)])
    main, pages = split_articles(report, str, ".html")
    assert main is report and pages == {}


def test_a_large_report_puts_articles_on_a_page_per_group_and_links_into_them():
    views = [article(i, "A" if i < 250 else "B") for i in range(INLINE_ARTICLES + 100)]
    main, pages = split_articles(report_of(evidence_table(), articles=views), str, ".html")
    assert sorted(pages) == ["articles/A.html", "articles/B.html"]
    assert [len(p.sections[0].blocks) for p in pages.values()] == [250, 50]
    links = main.sections[0].blocks[0].rows[0][1].links
    assert [link.href for link in links] == [
        "articles/A.html#a0-s0", "articles/B.html#a250-s0", "https://example.org",
    ]  # fmt: skip
    articles = main.sections[1].blocks
    assert not any(isinstance(b, ArticleView) for b in articles)
    index = articles[1]
    assert [row[0].links[0].href for row in index.rows] == ["articles/A.html", "articles/B.html"]


class FakeGroup:
    def __init__(self, name, x, y, n=3):
        self.name = name
        self.headline = {
            X_METRIC: Estimate(x, x - 1, x + 1, n),
            Y_METRIC: Estimate(y, math.nan, math.nan, n),
        }


class FakeComparison:
    def __init__(self, groups):
        self.groups = groups


def test_the_position_chart_places_each_group_with_its_interval():
    chart = position_chart(FakeComparison([FakeGroup("A", 2.0, 5.0), FakeGroup("B", 3.0, 1.0)]),
                           lambda g: g.name)  # fmt: skip
    assert [(p.label, p.x, p.x_low, p.y) for p in chart.points] == [
        ("A", 2.0, 1.0, 5.0), ("B", 3.0, 2.0, 1.0),
    ]  # fmt: skip
    assert math.isnan(chart.points[0].y_low)  # no interval: none drawn


@pytest.mark.parametrize(
    "groups",
    [[], [FakeGroup("A", 2.0, 5.0)], [FakeGroup("A", 2.0, 5.0), FakeGroup("B", math.nan, 1.0)]],
)
def test_no_position_chart_with_fewer_than_two_placed_groups(groups):
    assert position_chart(FakeComparison(groups), lambda g: g.name) is None


def test_the_scatter_chart_keeps_its_labels_as_text():
    from framing.report.charts import render_scatter_svg

    chart = position_chart(
        FakeComparison([FakeGroup("Outlet <b>", 2.0, 5.0), FakeGroup("B", 3.0, 1.0)]),
        lambda g: g.name,
    )
    svg = render_scatter_svg(chart)
    assert "Outlet &lt;b&gt;" in svg and "<b>" not in svg


@pytest.mark.parametrize("extension", [".html", ".md"])
def test_the_main_page_and_the_article_pages_render(extension):
    from framing.report.render_html import render_html
    from framing.report.render_markdown import render_markdown

    render = render_html if extension == ".html" else render_markdown
    views = [article(i, "A" if i < 250 else "B") for i in range(INLINE_ARTICLES + 100)]
    main, pages = split_articles(report_of(evidence_table(), articles=views), str, extension)
    page = render(main)
    assert f"articles/A{extension}#a0-s0" in page and 'id="a0-s0"' not in page
    assert 'id="a0-s0"' in render(pages[f"articles/A{extension}"])
