"""Layer one of the report: analyses in, the comparison (the description of the corpus) out.

The category names come from the lexicons (:class:`Vocabularies`), so that a report's
columns and chart series are the same from one corpus to the next; the criteria's metrics
are checked against the metrics the comparison computes before anything is compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from framing.annotate.sources import speaker_source_types
from framing.compare.comparison import Comparison, compare, pooled_metrics
from framing.compare.profile import Criteria, check_metrics, default_criteria
from framing.lexicon.load import Lexicons
from framing.measure.analyzer import ArticleAnalysis
from framing.read.outlets import OutletTable


@dataclass(frozen=True)
class Vocabularies:
    """Category names from the lexicons, so that columns and chart series are stable."""

    source_types: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    loaded_categories: tuple[str, ...] = ()
    known_terms: frozenset[str] = frozenset()
    # Who each outlet is (lexicons/outlets.yaml with the run's overlays); None: the shipped one.
    outlets: OutletTable | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_lexicons(cls, lexicons: Lexicons) -> Vocabularies:
        known = {p.lower() for name in lexicons.entries for e in lexicons[name] for p in e.phrases}
        return cls(
            source_types=speaker_source_types(lexicons),
            stances=tuple(lexicons.categories["reporting_verbs"]),
            loaded_categories=tuple(lexicons.categories["loaded_terms"]),
            known_terms=frozenset(known),
            outlets=OutletTable.from_lexicons(lexicons),
        )


def known_metrics(vocabularies: Vocabularies) -> set[str]:
    return set(pooled_metrics([], vocabularies.stances, vocabularies.source_types))


def describe(
    analyses: Sequence[ArticleAnalysis],
    *,
    by: str = "outlet",
    vocabularies: Vocabularies | None = None,
    criteria: Criteria | None = None,
) -> Comparison:
    """Layer one: the comparison data. Category names default to the shipped lexicons'."""
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
    )
