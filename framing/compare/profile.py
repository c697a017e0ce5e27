"""The sourcing and framing profile: transparent points per outlet from editable criteria.

In the style of NewsGuard's published weighted criteria, but every criterion is computed
from the text: each names one pooled metric of :mod:`framing.compare.pooled`, the value that
earns no points and the value that earns full points, with a straight line between. The
criteria live in a YAML file the user can edit (``framing/compare/criteria.yaml`` by default;
``--criteria FILE`` to replace it). The result is a profile of sourcing and wording, not a
rating of truthfulness.

A criterion whose metric is undefined for an outlet (no attributions, nothing resting on
state media) earns no points and counts toward neither the total nor the maximum: it is
shown as n/a, so an outlet is never penalised for what its text gives no evidence about.

An outlet with fewer articles than the criteria file's ``min_articles`` (3 by default) gets
no points at all: a figure from one or two articles describes those articles, not the outlet.
Its metric values are kept, for the report to show as per-article figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

DEFAULT_CRITERIA = Path(__file__).resolve().parent / "criteria.yaml"


class CriteriaError(ValueError):
    """A criteria file that cannot be used; the message names the file."""


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Stable identifier, e.g. 'named_sources'.")
    label: str = Field(description="What the report calls it: 'Named sources'.")
    metric: str = Field(description="A pooled metric of framing.compare.pooled.pooled_metrics.")
    points: float = Field(gt=0, description="Points for meeting the criterion in full.")
    zero_at: float = Field(description="Metric value that earns no points.")
    full_at: float = Field(description="Metric value that earns full points; may be below zero_at.")
    explanation: str = Field(min_length=3, description="Why this criterion, in one sentence.")

    @model_validator(mode="after")
    def _distinct_ends(self) -> Criterion:
        if self.zero_at == self.full_at:
            raise ValueError(f"criterion {self.id!r}: zero_at and full_at must differ")
        return self


class Criteria(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="The profile's name, shown as its heading.")
    disclaimer: str = Field(description="What the profile is and is not; shown with it.")
    min_articles: int = Field(
        3,
        ge=1,
        description="An outlet with fewer articles gets no points: its figures "
        "describe those articles, not the outlet.",
    )
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Criteria:
        ids = [c.id for c in self.criteria]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate criterion id(s): {', '.join(duplicates)}")
        return self


def load_criteria(path: Path | str) -> Criteria:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CriteriaError(f"{path}: cannot read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise CriteriaError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    try:
        return Criteria.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise CriteriaError(f"{path}: {where + ': ' if where else ''}{message}") from None


def default_criteria() -> Criteria:
    return load_criteria(DEFAULT_CRITERIA)


def check_metrics(criteria: Criteria, known: set[str]) -> None:
    """Raise CriteriaError if a criterion names a metric the comparison does not compute."""
    unknown = [f"{c.id}: {c.metric}" for c in criteria.criteria if c.metric not in known]
    if unknown:
        raise CriteriaError(
            f"unknown metric(s) in criteria: {'; '.join(unknown)} "
            f"(known: {', '.join(sorted(known))})"
        )


@dataclass(frozen=True)
class CriterionScore:
    criterion: Criterion
    value: float  # the metric; NaN when the text gives no evidence
    points: float  # NaN when value is NaN

    @property
    def applicable(self) -> bool:
        return not math.isnan(self.value)


@dataclass(frozen=True)
class ProfileScore:
    scores: tuple[CriterionScore, ...]
    n_articles: int = 0
    min_articles: int = 1

    @property
    def scored(self) -> bool:
        """Enough articles for points; below, the values are per-article figures only."""
        return self.n_articles >= self.min_articles

    @property
    def total(self) -> float:
        if not self.scored:
            return float("nan")
        return sum(s.points for s in self.scores if s.applicable)

    @property
    def maximum(self) -> float:
        if not self.scored:
            return float("nan")
        return sum(s.criterion.points for s in self.scores if s.applicable)

    @property
    def percent(self) -> float:
        return self.total / self.maximum * 100 if self.maximum else float("nan")


def points_for(criterion: Criterion, value: float) -> float:
    """Linear between zero_at (no points) and full_at (all points), clipped at both ends."""
    if math.isnan(value):
        return float("nan")
    fraction = (value - criterion.zero_at) / (criterion.full_at - criterion.zero_at)
    return round(criterion.points * min(max(fraction, 0.0), 1.0), 6)


def score_profile(
    criteria: Criteria, metrics: dict[str, float], n_articles: int | None = None
) -> ProfileScore:
    """Points per criterion; none at all below ``criteria.min_articles`` articles (the
    values stay, to be shown as per-article figures). ``n_articles`` None: not checked."""
    n = criteria.min_articles if n_articles is None else n_articles
    scored = n >= criteria.min_articles
    scores = []
    for criterion in criteria.criteria:
        value = metrics.get(criterion.metric, float("nan"))
        points = points_for(criterion, value) if scored else float("nan")
        scores.append(CriterionScore(criterion, value, points))
    return ProfileScore(tuple(scores), n, criteria.min_articles)
