"""Grouping articles by outlet (or story), and the sentence references evidence points to.

Analyses in, group name -> article indices out (names in the report's order, ``unknown``
last); :class:`SentenceIndex` turns an (article, character offset) into a :class:`Ref`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence

from framing.compare.records import Ref
from framing.measure.analyzer import ArticleAnalysis

UNKNOWN_GROUP = "unknown"


def group_key(analysis: ArticleAnalysis, by: str) -> str:
    value = analysis.article.outlet if by == "outlet" else analysis.article.story
    value = (value or "").strip()
    return value or UNKNOWN_GROUP


def group_articles(analyses: Sequence[ArticleAnalysis], by: str) -> dict[str, list[int]]:
    """Group name -> article indices; names sorted, ``unknown`` last."""
    if by not in ("outlet", "story"):
        raise ValueError(f"cannot group by {by!r}: use 'outlet' or 'story'")
    groups: dict[str, list[int]] = defaultdict(list)
    for index, analysis in enumerate(analyses):
        groups[group_key(analysis, by)].append(index)
    return {name: groups[name] for name in name_order(groups)}


class SentenceIndex:
    """Finds which sentence of an article holds a character offset (by bisection)."""

    def __init__(self, analyses: Sequence[ArticleAnalysis]):
        self._starts = [[s.start for s in a.sentences] for a in analyses]

    def ref(self, article: int, offset: int) -> Ref:
        return Ref(article, max(bisect_right(self._starts[article], offset) - 1, 0))


def name_order(names: Iterable[str]) -> list[str]:
    """Names as the report orders its groups: case-insensitive, ``unknown`` last."""
    return sorted(names, key=lambda name: (name == UNKNOWN_GROUP, name.lower(), name))
