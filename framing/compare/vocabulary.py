"""What a comparison is built with from the lexicons: the category names that become columns
and chart series, the terms the lexicons already know, and who each outlet is.

Lexicons in, :class:`Vocabularies` out. The category names are
:meth:`framing.measure.features.Vocabulary.from_lexicons`, the one place they are read, so a
report's columns are the feature table's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from framing.lexicon.load import Lexicons
from framing.measure.features import Vocabulary
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
        columns = Vocabulary.from_lexicons(lexicons)
        known = {p.lower() for name in lexicons.entries for e in lexicons[name] for p in e.phrases}
        return cls(
            source_types=columns.source_types,
            stances=columns.stances,
            loaded_categories=columns.loaded_categories,
            known_terms=frozenset(known),
            outlets=OutletTable.from_lexicons(lexicons),
        )
