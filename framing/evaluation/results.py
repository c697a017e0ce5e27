"""One result shape for every gold format: score rows per component, category and matching rule.

Every evaluation (brat attribution, BABE loaded terms, SemEval spans, quote strings) returns an
:class:`EvaluationResult`: a list of :class:`ScoreRow` (precision, recall and F1 of one
component, for one category or ``all``, under one matching rule, with the number of gold,
predicted and matched items), the false positives and false negatives behind them, and notes
that say how items were matched. The command line and ``docs/accuracy.md`` render this one
shape, so what a user sees and what the docs state come from the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from framing.evaluation.errors import ErrorRow
from framing.evaluation.matching import scores_from_counts
from framing.report.accuracy import number

#: The category of a row that covers every item of its component.
ALL = "all"


@dataclass(frozen=True)
class ScoreRow:
    """Precision, recall and F1 of one component, one category, one matching rule.

    ``n_gold`` is None when the gold data cannot say how many items of this category exist
    (PolNeAR does not type its sources, so a row per predicted source type has precision only).
    ``extra`` holds figures that only some rows have, such as a sentence-level macro-F1.
    """

    component: str
    category: str
    match: str
    precision: float
    recall: float
    f1: float
    n_gold: int | None
    n_pred: int
    n_matched: float
    extra: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_counts(
        cls,
        component: str,
        category: str,
        match: str,
        *,
        n_matched: int,
        n_gold: int | None,
        n_pred: int,
        extra: dict[str, float] | None = None,
    ) -> ScoreRow:
        """A row from counts; with ``n_gold=None`` only precision is defined."""
        scores = scores_from_counts(n_matched, n_gold or 0, n_pred)
        recall, f1 = (scores.recall, scores.f1) if n_gold is not None else (math.nan, math.nan)
        return cls(
            component, category, match, scores.precision, recall, f1,
            n_gold, n_pred, n_matched, dict(extra or {}),
        )

    def as_dict(self) -> dict:
        return {
            "component": self.component,
            "category": self.category,
            "match": self.match,
            "precision": _json_number(self.precision),
            "recall": _json_number(self.recall),
            "f1": _json_number(self.f1),
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "n_matched": self.n_matched,
            **{name: _json_number(value) for name, value in self.extra.items()},
        }


@dataclass
class EvaluationResult:
    """Everything one evaluation produced: rows, errors in context, and how it matched."""

    dataset: str
    format: str
    tasks: tuple[str, ...]
    n_documents: int
    rows: list[ScoreRow] = field(default_factory=list)
    errors: list[ErrorRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    model: str = ""
    lexicon_version: str = ""

    def row(self, component: str, match: str, category: str = ALL) -> ScoreRow:
        """The row of one component, matching rule and category (KeyError if absent)."""
        for row in self.rows:
            if (row.component, row.match, row.category) == (component, match, category):
                return row
        raise KeyError(f"no row for {component!r}, {match!r}, {category!r}")

    def as_dict(self) -> dict:
        """JSON-ready: NaN becomes null; errors are left to the CSV written by ``--errors``."""
        return {
            "dataset": self.dataset,
            "format": self.format,
            "tasks": list(self.tasks),
            "n_documents": self.n_documents,
            "model": self.model,
            "lexicon_version": self.lexicon_version,
            "rows": [row.as_dict() for row in self.rows],
            "n_errors": len(self.errors),
            "notes": list(self.notes),
        }


def _json_number(value: float) -> float | None:
    return None if isinstance(value, float) and math.isnan(value) else value




def markdown_table(rows: list[ScoreRow]) -> str:
    """The rows as a Markdown table (component, category, match, P, R, F1, counts)."""
    lines = [
        "| component | category | match | P | R | F1 | gold | pred | matched |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.component} | {row.category} | {row.match} | {number(row.precision)} | "
            f"{number(row.recall)} | {number(row.f1)} | {number(row.n_gold)} | "
            f"{row.n_pred} | {number(row.n_matched, 1 if row.n_matched % 1 else 0)} |"
        )
    return "\n".join(lines)
