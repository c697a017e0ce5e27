"""Like with like: outlets compared over the stories they covered.

Analyses and each article's story in, outlet -> story -> article counts and each outlet's
figure measured against the other outlets on the same stories (:class:`WithinStory`) out, so
an outlet that covered other stories is not compared with outlets on different news.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from framing.compare.grouping import UNKNOWN_GROUP, group_key, name_order
from framing.compare.records import WithinStory
from framing.measure.analyzer import ArticleAnalysis
from framing.measure.features import NAN


def metadata_stories(analyses: Sequence[ArticleAnalysis]) -> list[str | None]:
    """Each article's story label from the metadata (the manifest's ``story`` column)."""
    return [(a.article.story or "").strip() or None for a in analyses]


def outlet_story_counts(
    analyses: Sequence[ArticleAnalysis], stories: Sequence[str | None]
) -> dict[str, dict[str, int]]:
    """Outlet -> story -> articles; an article of no story counts under UNKNOWN_GROUP."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for analysis, story in zip(analyses, stories, strict=True):
        counts[group_key(analysis, "outlet")][story or UNKNOWN_GROUP] += 1
    return {outlet: dict(sorted(counts[outlet].items())) for outlet in name_order(counts)}


def within_story(
    analyses: Sequence[ArticleAnalysis], stories: Sequence[str | None], metric: str
) -> dict[str, WithinStory]:
    """Outlet -> its figure compared within stories (see :class:`WithinStory`).

    The story's mean is the mean of the outlets' means on it, so an outlet with many
    articles on a story does not set the bar it is measured against. A story only one outlet
    covered compares that outlet with itself and is left out."""
    values: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for analysis, story in zip(analyses, stories, strict=True):
        value = analysis.features.get(metric, NAN) if analysis.status == "ok" else NAN
        if story and not math.isnan(value):
            values[story][group_key(analysis, "outlet")].append(value)
    differences: dict[str, list[float]] = defaultdict(list)
    articles: Counter[str] = Counter()
    for by_outlet in values.values():
        if len(by_outlet) < 2:
            continue
        means = {outlet: float(np.mean(v)) for outlet, v in by_outlet.items()}
        story_mean = float(np.mean(list(means.values())))
        for outlet, mean in means.items():
            differences[outlet].append(mean - story_mean)
            articles[outlet] += len(by_outlet[outlet])
    outlets = name_order({group_key(a, "outlet") for a in analyses})
    return {
        outlet: WithinStory(
            float(np.mean(differences[outlet])) if differences[outlet] else NAN,
            len(differences[outlet]),
            articles[outlet],
        )
        for outlet in outlets
    }
