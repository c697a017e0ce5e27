"""Like with like (issue #16 items 2-5): outlets compared within the stories they covered, no
profile points below min_articles, rank stability from the bootstrap draws, and the report's
accuracy section read from the figures file. Built from hand-made analyses: no parser."""

from __future__ import annotations

import math

import numpy as np
import pytest

from framing.compare.comparison import compare
from framing.compare.like_with_like import outlet_story_counts, within_story
from framing.compare.profile import default_criteria, score_profile
from framing.compare.records import Comparison, Estimate
from framing.compare.statistics import estimate, rank_holds, share_above
from framing.measure.analyzer import ArticleAnalysis
from framing.read.corpus import Article
from framing.report.accuracy import figure_cells, load_figures
from framing.report.blocks import Note, Table
from framing.report.sections.accuracy import accuracy_section
from framing.report.sections.overview import (
    like_with_like,
    rank_stability_block,
    shared_stories_text,
)

METRIC = "attribution_per_100_words"


def _analysis(outlet: str, story: str | None, value: float) -> ArticleAnalysis:
    article = Article(f"{outlet}-{story}-{value}", "text", outlet=outlet, story=story)
    return ArticleAnalysis(article, "ok", {METRIC: value})


# (outlet, story, value) rows; expected within-story difference per outlet (NaN: none).
WITHIN_CASES = [
    pytest.param(  # one story, two outlets: the story's mean is 2, A is 1 below, B 1 above
        [("A", "s1", 1.0), ("B", "s1", 3.0)], {"A": -1.0, "B": 1.0}, id="two-outlets"
    ),
    pytest.param(  # B's three articles do not set the bar: the mean of the outlets' means
        [("A", "s1", 0.0), ("B", "s1", 4.0), ("B", "s1", 4.0), ("B", "s1", 4.0)],
        {"A": -2.0, "B": 2.0},
        id="outlet-means-not-article-mean",
    ),
    pytest.param(  # C alone on s2: nothing to compare it with; A averaged over s1 only
        [("A", "s1", 1.0), ("B", "s1", 3.0), ("C", "s2", 9.0)],
        {"A": -1.0, "B": 1.0, "C": math.nan},
        id="alone-on-a-story",
    ),
    pytest.param(  # A above on s1 (+1), below on s2 (-2): averaged, -0.5
        [("A", "s1", 3.0), ("B", "s1", 1.0), ("A", "s2", 0.0), ("B", "s2", 4.0)],
        {"A": -0.5, "B": 0.5},
        id="averaged-over-stories",
    ),
    pytest.param(  # no story label: no story at all
        [("A", None, 1.0), ("B", None, 3.0)], {"A": math.nan, "B": math.nan}, id="no-story"
    ),
]


@pytest.mark.parametrize("rows, expected", WITHIN_CASES)
def test_within_story_compares_each_outlet_with_its_stories_mean(rows, expected):
    analyses = [_analysis(*row) for row in rows]
    stories = [a.article.story for a in analyses]
    result = within_story(analyses, stories, METRIC)
    assert set(result) == set(expected)
    for outlet, difference in expected.items():
        if math.isnan(difference):
            assert math.isnan(result[outlet].difference) and result[outlet].n_stories == 0
        else:
            assert result[outlet].difference == pytest.approx(difference)


def test_outlet_story_counts_and_the_warning_that_stories_differ():
    rows = [("A", "s1", 1.0), ("B", "s1", 3.0), ("C", "s2", 9.0), ("C", "s2", 8.0)]
    analyses = [_analysis(*row) for row in rows]
    counts = outlet_story_counts(analyses, [a.article.story for a in analyses])
    assert counts == {"A": {"s1": 1}, "B": {"s1": 1}, "C": {"s2": 2}}


def _compared(rows) -> Comparison:
    return compare([_analysis(*row) for row in rows])


@pytest.mark.parametrize("outlet_stories, warns", [
    ({"A": {"s1": 3}, "B": {"s1": 4}}, False),  # same story: no warning
    ({"A": {"s1": 3}, "B": {"s2": 4}}, True),  # different stories
    ({"A": {"s1": 3, "s2": 1}, "B": {"s1": 4}}, True),  # B missed s2
])  # fmt: skip
def test_the_overview_says_when_outlets_covered_different_stories(outlet_stories, warns):
    rows = [(o, s, 1.0) for o, c in outlet_stories.items() for s, n in c.items() for _ in range(n)]
    comparison = _compared(rows)
    assert comparison.outlet_stories == outlet_stories
    assert comparison.stories_differ is warns
    blocks = like_with_like(comparison)
    different = [b for b in blocks if isinstance(b, Note) and "different stories" in b.text]
    assert bool(different) == warns
    table = next(b for b in blocks if isinstance(b, Table) and b.caption.startswith("Articles"))
    assert [row[0].text for row in table.rows] == list(outlet_stories)


def test_no_story_blocks_without_stories():
    comparison = _compared([("A", None, 1.0), ("B", None, 2.0)])
    assert comparison.outlet_stories == {} and like_with_like(comparison) == []


# --- rank stability --------------------------------------------------------------------------


def _draws(share_a_above: float, n: int = 1000) -> tuple[Estimate, Estimate]:
    """A above B in exactly share_a_above of n draws (no equal draws)."""
    above = round(share_a_above * n)
    a = np.where(np.arange(n) < above, 2.0, 0.0)
    return Estimate(1.0, n=5, draws=a), Estimate(1.0, n=5, draws=np.ones(n))


@pytest.mark.parametrize("share, holds", [
    (0.93, True),  # "ranks above B in 93% of resamples"
    (0.80, True),  # the threshold itself holds
    (0.70, None),  # the rank flips in 30% of draws: a tie
    (0.50, None),
    (0.21, None),  # B above in 79%: still a tie
    (0.07, False),  # B ranks above A
])  # fmt: skip
def test_a_rank_is_drawn_only_when_it_holds_in_80_percent_of_draws(share, holds):
    a, b = _draws(share)
    assert share_above(a, b) == pytest.approx(share)
    assert share_above(b, a) == pytest.approx(1 - share)
    assert rank_holds(share_above(a, b)) is holds


def test_equal_draws_count_half_and_no_draws_rank_nothing():
    same = Estimate(1.0, n=3, draws=np.ones(10))
    assert share_above(same, same) == 0.5
    few = estimate([1.0, 5.0], np.random.default_rng(0))  # two articles: no resamples
    assert few.draws is None and math.isnan(few.low)
    many = estimate([1.0, 5.0, 3.0], np.random.default_rng(0))
    assert many.draws is not None and many.low <= many.mean <= many.high
    assert math.isnan(share_above(few, many)) and rank_holds(share_above(few, many)) is None


# --- small samples in the profile ------------------------------------------------------------


GOOD_METRICS = {"attribution_per_100_words": 2.0, "attribution_named_source_share": 0.9}


@pytest.mark.parametrize("n_articles, min_articles, scored", [
    (2, 3, False),  # an outlet with 2 articles gets no profile points
    (1, 3, False),
    (3, 3, True),
    (1, 1, True),  # configurable in the criteria file
    (4, 5, False),
])  # fmt: skip
def test_no_profile_points_below_min_articles(n_articles, min_articles, scored):
    criteria = default_criteria().model_copy(update={"min_articles": min_articles})
    profile = score_profile(criteria, GOOD_METRICS, n_articles)
    assert profile.scored is scored
    depth = profile.scores[0]
    assert depth.value == 2.0  # the figure is kept either way, to be shown
    if scored:
        assert depth.points == 20.0 and profile.total >= 20.0
    else:
        assert math.isnan(depth.points) and math.isnan(profile.total)


def test_shipped_criteria_ask_for_three_articles():
    assert default_criteria().min_articles == 3


# --- the accuracy section --------------------------------------------------------------------


def test_the_accuracy_section_prints_the_figures_file():
    figures = load_figures()
    section = accuracy_section(figures)
    table = next(b for b in section.blocks if isinstance(b, Table))
    printed = [tuple(cell.text for cell in row) for row in table.rows]
    assert printed == [figure_cells(f) for f in figures["measures"]]
    cue = next(f for f in figures["measures"] if f["id"] == "attribution_cue")
    assert ("Attribution: cue", cue["report_uses"], f"{cue['precision']:.3f}") == printed[0][:3]


def test_the_accuracy_section_names_what_the_file_lacks():
    figures = load_figures()
    without_scare = dict(
        figures, measures=[f for f in figures["measures"] if f["id"] != "scare_quotes"]
    )
    notes = [b.text for b in accuracy_section(without_scare).blocks if isinstance(b, Note)]
    assert any("Scare quotes" in n for n in notes)
    missing = [b for b in accuracy_section(None).blocks if isinstance(b, Note)]
    assert missing and "missing" in missing[0].text


def test_the_report_draws_ranks_from_the_same_draws_as_the_intervals():
    rows = [("A", "s1", v) for v in (1.0, 1.2, 0.8)] + [("B", "s1", v) for v in (5.0, 5.5, 4.5)]
    rows += [("C", "s1", v) for v in (1.1, 0.9)]  # two articles: not ranked
    comparison = _compared(rows)
    assert comparison.ranks[METRIC][("B", "A")] == 1.0
    assert math.isnan(comparison.ranks[METRIC][("B", "C")])
    table = rank_stability_block(comparison)
    row = next(r for r in table.rows if r[0].text == "Attributions per 100 words")
    cells = dict(zip(table.header[1:], (c.text for c in row[1:]), strict=True))
    assert cells == {
        "A (n=3)": "above none",
        "B (n=3)": "above A 100%",
        "C (n=2)": "not ranked (n=2)",
    }


def test_no_rank_table_when_fewer_than_two_groups_can_be_resampled():
    comparison = _compared([("A", "s1", 1.0), ("B", "s1", 2.0), ("C", "s2", 3.0)])
    block = rank_stability_block(comparison)
    assert isinstance(block, Note) and "No ranks" in block.text


@pytest.mark.parametrize("rows, expected", [
    ([("A", "s1", 1.0), ("B", "s1", 2.0), ("C", "s2", 3.0)],
     "Covered by more than one outlet: s1 (A, B). Alone on their stories, so without a "
     "within-story figure: C."),
    ([("A", "s1", 1.0), ("B", "s2", 2.0)],
     "No story was covered by more than one outlet: no within-story comparison. Alone on "
     "their stories, so without a within-story figure: A, B."),
    ([("a", "s1", 1.0), ("B", "s1", 2.0)], "Covered by more than one outlet: s1 (a, B)."),
])  # fmt: skip
def test_the_overview_says_in_words_who_can_be_compared_within_a_story(rows, expected):
    assert shared_stories_text(_compared(rows)) == expected
