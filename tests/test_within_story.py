"""Within-story comparison in every section (issue #16, item 2): each outlet's figure on a story
(its articles there pooled) minus the mean of the outlets' figures on the story, averaged over
the stories it shares; the pooled figures beside it, and ``--comparison pooled`` to show them
alone. Built from hand-made analyses with hand-computable figures: no parser."""

from __future__ import annotations

import math

import numpy as np
import pytest
from typer.testing import CliRunner

from framing.annotate.records import Assertion, Mention, TermHit, TextSpan
from framing.cli import app
from framing.compare.comparison import compare
from framing.compare.like_with_like import POOLED, WITHIN_STORY, within_story_pooled
from framing.compare.pooled import pooled_metrics
from framing.compare.records import Estimate
from framing.measure.analyzer import ArticleAnalysis
from framing.read.corpus import Article
from framing.report.blocks import Table
from framing.report.render_markdown import render_markdown
from framing.report.sections.overview import rank_stability_block
from framing.report.structure import build_report
from framing.run.corpus import CorpusResult

SPAN = TextSpan(0, 1, "x")
HEDGE = Mention(SPAN, "hedge.reportedly", "reportedly", "hedge", SPAN)
HEDGES = "hedge_per_1000_words"
ASSERTIONS = "assertion_n"
UNSOURCED = "unsourced_assertion_share"


def _analysis(
    outlet: str,
    story: str | None,
    words: int = 1000,
    hedges: int = 0,
    assertions: tuple[bool, ...] = (),  # one per assertion: sourced or not
    glorifying: int = 0,  # loaded terms of the category "glorifying" in narration
) -> ArticleAnalysis:
    article = Article(f"{outlet}-{story}-{words}-{hedges}", "x", outlet=outlet, story=story)
    return ArticleAnalysis(
        article,
        "ok",
        {
            "text_n_words": float(words),
            "voice_n_words_narration": float(words),
            HEDGES: hedges / words * 1000,  # the per-article figure the overview reads
        },
        hedges=[HEDGE] * hedges,
        assertions=[
            Assertion(SPAN, "figure", SPAN, None, "sentence" if sourced else "")
            for sourced in assertions
        ],
        term_hits=[
            TermHit(SPAN, "loaded.heroic", "heroic", "glorifying", 1.0, "narration", SPAN)
        ]
        * glorifying,
    )


def _figures(articles) -> dict[str, float]:
    return pooled_metrics(articles, (), ())


def _within(rows, metric: str) -> dict[str, float]:
    analyses = [_analysis(*row) for row in rows]
    found = within_story_pooled(analyses, [a.article.story for a in analyses], _figures)
    return {outlet: w.difference for outlet, w in found.get(metric, {}).items()}


# (outlet, story, words, hedges) rows -> each outlet's within-story hedge rate (NaN: none).
POOLED_CASES = [
    pytest.param(
        # A covers only the heated story (20 per 1,000 words), B both (30, then 4), C only the
        # calm one (2). Pooled: A 20 > B 17 > C 2. Within stories: the heated story's mean is
        # 25 (A -5, B +5), the calm one's 3 (B +1, C -1): B +3 > C -1 > A -5.
        [("A", "heated", 1000, 20), ("B", "heated", 1000, 30),
         ("B", "calm", 1000, 4), ("C", "calm", 1000, 2)],
        {"A": -5.0, "B": 3.0, "C": -1.0},
        id="only-on-a-heated-story",
    ),
    pytest.param(
        # B's two articles on the story are pooled (60 hedges in 4,000 words: 15), not
        # averaged (30 and 10: 20). The story's mean is (20 + 15) / 2.
        [("A", "s", 1000, 20), ("B", "s", 1000, 30), ("B", "s", 3000, 30)],
        {"A": 2.5, "B": -2.5},
        id="the-outlets-text-on-a-story-pooled",
    ),
    pytest.param(  # C is alone on its story: no figure; A and B as on s alone
        [("A", "s", 1000, 2), ("B", "s", 1000, 4), ("C", "t", 1000, 50)],
        {"A": -1.0, "B": 1.0, "C": math.nan},
        id="alone-on-a-story",
    ),
    pytest.param(  # no story shared by two outlets: nothing at all
        [("A", "s", 1000, 2), ("B", "t", 1000, 4)], {}, id="no-shared-story"
    ),
    pytest.param([("A", None, 1000, 2), ("B", None, 1000, 4)], {}, id="no-story"),
]  # fmt: skip


@pytest.mark.parametrize("rows, expected", POOLED_CASES)
def test_each_outlets_pooled_figure_is_compared_with_its_storys_mean(rows, expected):
    found = _within(rows, HEDGES)
    assert set(found) == set(expected)
    for outlet, difference in expected.items():
        if math.isnan(difference):
            assert math.isnan(found[outlet])
        else:
            assert found[outlet] == pytest.approx(difference)


def test_the_pooled_and_the_within_story_rankings_differ_on_the_heated_story_corpus():
    rows = POOLED_CASES[0].values[0]
    comparison = compare([_analysis(*row) for row in rows])
    pooled = {g.name: g.metrics[HEDGES] for g in comparison.groups}
    within = {o: w.difference for o, w in comparison.within_sections.metrics[HEDGES].items()}
    assert pooled == pytest.approx({"A": 20.0, "B": 17.0, "C": 2.0})
    assert sorted(pooled, key=pooled.get, reverse=True) == ["A", "B", "C"]
    assert sorted(within, key=within.get, reverse=True) == ["B", "C", "A"]
    b = comparison.within_sections.metrics[HEDGES]["B"]
    assert (b.n_stories, b.n_articles) == (2, 2)


def test_a_count_is_compared_per_article_and_a_story_without_the_figure_is_left_out():
    rows = [
        ("A", "s", 1000, 0, (True, False)),  # 2 assertions, one unsourced: 50%
        ("B", "s", 1000, 0, (True, True, True)),  # B: 6 assertions in 2 articles on s, 0%
        ("B", "s", 1000, 0, (True, True, True)),
        ("B", "t", 1000, 0, ()),  # no assertion on t: no unsourced share there
        ("C", "t", 1000, 0, (False,)),
    ]
    comparison = compare([_analysis(*row) for row in rows])
    counts = comparison.within_sections.metrics[ASSERTIONS]
    # Per article on s: A 2, B 3 (mean 2.5); on t: B 0, C 1 (mean 0.5).
    assert counts["A"].difference == pytest.approx(-0.5)
    assert counts["B"].difference == pytest.approx((0.5 - 0.5) / 2)
    assert counts["C"].difference == pytest.approx(0.5)
    shares = comparison.within_sections.metrics[UNSOURCED]
    assert shares["A"].difference == pytest.approx(0.25)
    assert (shares["B"].difference, shares["B"].n_stories, shares["B"].n_articles) == (
        pytest.approx(-0.25), 1, 2
    )  # fmt: skip
    assert math.isnan(shares["C"].difference) and shares["C"].n_stories == 0


def test_loaded_rates_by_category_and_voice_are_compared_within_stories():
    rows = [("A", "s", 1000, 0, (), 6), ("B", "s", 2000, 0, (), 4), ("C", "t", 1000, 0, (), 9)]
    within = compare([_analysis(*row) for row in rows]).within_sections
    # Narration: A 6 per 1,000 words, B 2; the story's mean 4.
    narration = within.loaded["glorifying"]["narration"]
    assert narration["A"].difference == pytest.approx(2.0)
    assert narration["B"].difference == pytest.approx(-2.0)
    assert math.isnan(narration["C"].difference)
    assert within.coverage("A").n_stories == 1 and within.coverage("C").n_stories == 0


@pytest.mark.parametrize("rows, by, basis", [
    ([("A", None), ("B", None)], "outlet", WITHIN_STORY),  # no stories
    ([("A", "s"), ("B", "t")], "outlet", WITHIN_STORY),  # no story shared by two outlets
    ([("A", "s"), ("A", "s")], "outlet", WITHIN_STORY),  # one outlet
    ([("A", "s"), ("B", "s")], "outlet", POOLED),  # pooled asked for
    ([("A", "s"), ("B", "s")], "story", WITHIN_STORY),  # the columns are stories
])  # fmt: skip
def test_the_sections_fall_back_to_pooled_figures(rows, by, basis):
    comparison = compare([_analysis(*row) for row in rows], by=by, basis=basis)
    assert comparison.within_sections is None
    assert comparison.basis == basis


def test_an_unknown_basis_is_an_error():
    with pytest.raises(ValueError, match="within-story, pooled"):
        compare([_analysis("A", "s")], basis="mixed")


# --- the report --------------------------------------------------------------------------------


def _report(rows, **kwargs):
    analyses = [_analysis(*row) for row in rows]
    comparison = compare(analyses, **kwargs)
    report = build_report(comparison, analyses, title="t", generated_at="now")
    return report, render_markdown(report)


def _assertion_row(report) -> list[str]:
    figures = next(s for s in report.sections if s.anchor == "figures")
    table = next(b for b in figures.blocks if isinstance(b, Table) and "Factual" in b.caption)
    return [c.text for c in next(r for r in table.rows if r[0].text.startswith("sentences"))]


COUNT_ROWS = [("A", "s", 1000, 0, (True, True)), ("B", "s", 1000, 0, (True,)),
              ("B", "t", 1000, 0, ())]  # fmt: skip


def test_the_report_shows_the_within_story_figure_by_default_with_the_pooled_one_beside():
    report, markdown = _report(COUNT_ROWS)
    # Per article on s: A 2, B 1; B alone on t. A +0.5, B -0.5; pooled counts 2 and 1.
    assert _assertion_row(report)[1:] == [
        "+0.50 per article (1 story, n=1; pooled 2)",
        "-0.50 per article (1 story, n=1; pooled 1)",
    ]
    sourcing = next(s for s in report.sections if s.anchor == "sourcing")
    assert "Figures are compared within stories" in sourcing.intro
    assert "compared within stories" in markdown and "pooled 2)" in markdown


@pytest.mark.parametrize("rows, kwargs, pooled, why", [
    (COUNT_ROWS, {"basis": POOLED}, ["2", "1"], "as asked: --comparison pooled"),
    ([("A", "s", 1000, 0, (True,)), ("B", "t", 1000, 0, ())], {}, ["1", "0"],
     "no story is shared"),
    ([("A", None, 1000, 0, (True,)), ("B", None, 1000, 0, ())], {}, ["1", "0"],
     "have no stories"),
])  # fmt: skip
def test_the_report_shows_pooled_figures_and_says_why(rows, kwargs, pooled, why):
    report, markdown = _report(rows, **kwargs)
    assert _assertion_row(report)[1:] == pooled
    for anchor in ("sourcing", "state-media", "loaded-language", "reporting-verbs", "figures"):
        section = next(s for s in report.sections if s.anchor == anchor)
        assert "Figures are pooled over all of each outlet's articles" in section.intro
        assert why in section.intro
    assert "per article (1 story" not in markdown


def test_grouped_by_story_the_sections_say_nothing_of_a_basis():
    report, _ = _report(COUNT_ROWS, by="story")
    sourcing = next(s for s in report.sections if s.anchor == "sourcing")
    assert "within stories" not in sourcing.intro and "pooled" not in sourcing.intro


# --- rank stability of a figure every outlet has as 0 -------------------------------------------


def test_a_figure_that_is_zero_everywhere_is_not_ranked_rather_than_tied():
    rows = [("A", "s", 1000, 0)] * 3 + [("B", "s", 1000, 0)] * 3 + [("C", "s", 1000, 0)] * 2
    comparison = compare([_analysis(*row) for row in rows])
    for group in comparison.groups:  # every resample of every outlet: the same hedge rate, 0
        assert group.headline[HEDGES].mean == 0.0
    table = rank_stability_block(comparison)
    row = next(r for r in table.rows if r[0].text.startswith("Hedges"))
    assert [c.text for c in row[1:]] == [
        "not ranked: 0 for every outlet",
        "not ranked: 0 for every outlet",
        "not ranked (n=2)",
    ]
    assert not any("tie" in c.text for c in row[1:])


@pytest.mark.parametrize("a, b, same", [
    (np.zeros(5), np.zeros(5), 0.0),
    (np.full(5, 2.0), np.full(5, 2.0), 2.0),
    (np.zeros(5), np.array([0.0, 0, 0, 0, 1]), None),  # one draw differs: ranked as usual
    (np.zeros(5), np.ones(5), None),
])  # fmt: skip
def test_same_for_all_needs_every_draw_of_every_group_equal(a, b, same):
    from framing.report.sections.overview import same_for_all

    class _Group:
        def __init__(self, draws):
            self.headline = {HEDGES: Estimate(float(draws.mean()), n=5, draws=draws)}

    assert same_for_all([_Group(a), _Group(b)], HEDGES) == same


# --- the command line --------------------------------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["--by", "story", "--comparison", "pooled"], "--comparison applies to --by outlet"),
    (["--comparison", "mixed"], "mixed"),
])  # fmt: skip
def test_the_comparison_switch_is_checked_before_anything_is_read(tmp_path, args, message):
    missing = tmp_path / "no-such-folder"
    result = CliRunner().invoke(app, ["report", str(missing), "--out", str(tmp_path / "o"), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_the_basis_is_part_of_the_reports_inputs():
    from framing.report.freshness import inputs_digest

    result = CorpusResult([_analysis("A", "s")], [], "blank", "v1")
    assert inputs_digest(result, comparison_basis=POOLED) != inputs_digest(result)
