"""Layer one of the report: analyses in, the comparison (the description of the corpus) out.

The category names come from the lexicons
(:class:`~framing.compare.vocabulary.Vocabularies`), so that a report's
columns and chart series are the same from one corpus to the next; the criteria's metrics
are checked against the metrics the comparison computes before anything is compared.
"""

from __future__ import annotations

from collections.abc import Sequence

from framing.compare.comparison import compare
from framing.compare.like_with_like import WITHIN_STORY
from framing.compare.pooled import pooled_metrics
from framing.compare.profile import Criteria, check_metrics, default_criteria
from framing.compare.records import Comparison
from framing.compare.stories import StoryGrouping
from framing.compare.vocabulary import Vocabularies
from framing.measure.analyzer import ArticleAnalysis


def known_metrics(vocabularies: Vocabularies) -> set[str]:
    return set(pooled_metrics([], vocabularies.stances, vocabularies.source_types))


def describe(
    analyses: Sequence[ArticleAnalysis],
    *,
    by: str = "outlet",
    vocabularies: Vocabularies | None = None,
    criteria: Criteria | None = None,
    basis: str = WITHIN_STORY,
    story_grouping: StoryGrouping | None = None,
) -> Comparison:
    """Layer one: the comparison data. Category names default to the shipped lexicons';
    ``basis``: what the sections compare outlets on (within stories or pooled);
    ``story_grouping``: the stories when they were grouped (else the metadata's labels)."""
    if vocabularies is None:
        from framing.lexicon.load import load_lexicons

        vocabularies = Vocabularies.from_lexicons(load_lexicons())
    criteria = criteria or default_criteria()
    check_metrics(criteria, known_metrics(vocabularies))
    return compare(
        analyses,
        by=by,
        source_types=vocabularies.source_types,
        stances=vocabularies.stances,
        loaded_categories=vocabularies.loaded_categories,
        known_terms=vocabularies.known_terms,
        criteria=criteria,
        outlets=vocabularies.outlets,
        basis=basis,
        story_grouping=story_grouping,
    )
