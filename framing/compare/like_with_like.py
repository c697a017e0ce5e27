"""Like with like: outlets compared over the stories they covered.

Analyses and each article's story in, outlet -> story -> article counts and each outlet's
figure measured against the other outlets on the same stories (:class:`WithinStory`) out, so
an outlet that covered other stories is not compared with outlets on different news.

One definition (:func:`story_differences`): on each story that two or more outlets have a
figure for, each outlet's figure minus the mean of the outlets' figures there, averaged over
the outlet's stories. The overview's headline figures (:func:`within_story`) take an outlet's
figure on a story as the mean of its articles' values there; the sections' figures
(:func:`within_story_pooled`) as a figure computed from its articles there pooled.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence

import numpy as np

from framing.compare.grouping import UNKNOWN_GROUP, group_key, name_order
from framing.compare.records import WithinStory
from framing.measure.analyzer import ArticleAnalysis
from framing.measure.features import NAN

#: How the report's sections compare outlets (``framing report --comparison``).
WITHIN_STORY = "within-story"
POOLED = "pooled"
COMPARISON_BASES = (WITHIN_STORY, POOLED)


def metadata_stories(analyses: Sequence[ArticleAnalysis]) -> list[str | None]:
    """Each article's story label from the metadata (the manifest's ``story`` column)."""
    return [(a.article.story or "").strip() or None for a in analyses]


def outlet_report_groups(analyses: Sequence[ArticleAnalysis], *, corrected: bool) -> bool:
    """Whether an outlet report groups its articles into stories
    (:func:`framing.compare.stories.group_stories`, whose rules say which label wins) rather
    than take the metadata's labels as they are: always with a corrections file; else only when
    some article has no label (every labelled article keeps its label, so grouping a fully
    labelled corpus changes nothing) and the corpus has two outlets or more (with one, there is
    no other outlet to compare within a story)."""
    if corrected:
        return True
    unlabelled = None in metadata_stories(analyses)
    outlets = {group_key(a, "outlet") for a in analyses}
    return unlabelled and len(outlets) > 1


def outlet_story_counts(
    analyses: Sequence[ArticleAnalysis], stories: Sequence[str | None]
) -> dict[str, dict[str, int]]:
    """Outlet -> story -> articles; an article of no story counts under UNKNOWN_GROUP."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for analysis, story in zip(analyses, stories, strict=True):
        counts[group_key(analysis, "outlet")][story or UNKNOWN_GROUP] += 1
    return {outlet: dict(sorted(counts[outlet].items())) for outlet in name_order(counts)}


def story_differences(
    figures: Mapping[str, Mapping[str, tuple[float, int]]], outlets: Sequence[str]
) -> dict[str, WithinStory]:
    """Story -> outlet -> (its figure on the story, the articles behind it) in; outlet ->
    :class:`WithinStory` out, for each of ``outlets``.

    The story's mean is the mean of the outlets' figures on it (NaN figures left out), so an
    outlet with many articles on a story does not set the bar it is measured against. A story
    that fewer than two outlets have a figure for compares an outlet with itself and is left
    out."""
    differences: dict[str, list[float]] = defaultdict(list)
    articles: Counter[str] = Counter()
    for by_outlet in figures.values():
        known = {o: (v, n) for o, (v, n) in by_outlet.items() if not math.isnan(v)}
        if len(known) < 2:
            continue
        story_mean = float(np.mean([v for v, _ in known.values()]))
        for outlet, (value, n) in known.items():
            differences[outlet].append(value - story_mean)
            articles[outlet] += n
    return {
        outlet: WithinStory(
            float(np.mean(differences[outlet])) if differences[outlet] else NAN,
            len(differences[outlet]),
            articles[outlet],
        )
        for outlet in outlets
    }


def within_story(
    analyses: Sequence[ArticleAnalysis], stories: Sequence[str | None], metric: str
) -> dict[str, WithinStory]:
    """Outlet -> its headline figure compared within stories (see :class:`WithinStory`): its
    figure on a story is the mean of its articles' values there."""
    values: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for analysis, story in zip(analyses, stories, strict=True):
        value = analysis.features.get(metric, NAN) if analysis.status == "ok" else NAN
        if story and not math.isnan(value):
            values[story][group_key(analysis, "outlet")].append(value)
    figures = {
        story: {outlet: (float(np.mean(v)), len(v)) for outlet, v in by_outlet.items()}
        for story, by_outlet in values.items()
    }
    return story_differences(figures, _outlets(analyses))


def within_story_pooled(
    analyses: Sequence[ArticleAnalysis],
    stories: Sequence[str | None],
    figures_of: Callable[[list[ArticleAnalysis]], Mapping[Hashable, float]],
) -> dict[Hashable, dict[str, WithinStory]]:
    """Figure -> outlet -> :class:`WithinStory`, for every figure ``figures_of`` computes from
    a group of analyses (the report's sections: :func:`framing.compare.pooled.pooled_metrics`).

    An outlet's figure on a story is ``figures_of`` its ok articles there, pooled: their text
    taken together (hits over words), as the pooled figures take all of its text, not a mean of
    per-article values. Only the stories two or more outlets covered are computed; empty when
    there is none. Reads the analyses' records only: nothing is parsed again."""
    cells = _shared_cells(analyses, stories)
    computed = {
        story: {outlet: figures_of(members) for outlet, members in by_outlet.items()}
        for story, by_outlet in cells.items()
    }
    names = list(dict.fromkeys(n for by in computed.values() for f in by.values() for n in f))
    outlets = _outlets(analyses)
    return {
        name: story_differences(
            {
                story: {
                    outlet: (figures.get(name, NAN), len(cells[story][outlet]))
                    for outlet, figures in by_outlet.items()
                }
                for story, by_outlet in computed.items()
            },
            outlets,
        )
        for name in names
    }


def _outlets(analyses: Sequence[ArticleAnalysis]) -> list[str]:
    return name_order({group_key(a, "outlet") for a in analyses})


def _shared_cells(
    analyses: Sequence[ArticleAnalysis], stories: Sequence[str | None]
) -> dict[str, dict[str, list[ArticleAnalysis]]]:
    """Story -> outlet -> its ok articles on the story, for the stories that two or more
    outlets covered with an ok article."""
    cells: dict[str, dict[str, list[ArticleAnalysis]]] = defaultdict(lambda: defaultdict(list))
    for analysis, story in zip(analyses, stories, strict=True):
        if story and analysis.status == "ok":
            cells[story][group_key(analysis, "outlet")].append(analysis)
    return {
        story: dict(by_outlet) for story, by_outlet in sorted(cells.items()) if len(by_outlet) > 1
    }
