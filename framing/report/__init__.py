"""``framing report``: outlets side by side, in HTML and Markdown, every figure traced.

Three layers, as in ydata-profiling: :mod:`framing.comparison` computes the description
(data), :mod:`framing.report.structure` builds the report as plain objects, and
:mod:`framing.report.render_html` / :mod:`framing.report.render_markdown` render it.
:func:`write_report` runs them and writes every file atomically.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from framing.analysis import ArticleAnalysis, CorpusResult, features_table
from framing.comparison import Comparison, compare, pooled_metrics
from framing.lexicons import Lexicons
from framing.profile import Criteria, check_metrics, default_criteria
from framing.report.render_html import render_html
from framing.report.render_markdown import render_markdown
from framing.report.structure import Report, build_report
from framing.tables import attributions_table, terms_table
from framing.write import write_csv, write_parquet, write_text

DEFAULT_TITLE = "How the outlets source and frame the story"


def safe_filename(name: str, max_length: int = 60) -> str:
    """A file name from an outlet name: letters, digits, ``-`` and ``_`` only, never a path.

    ``../../etc`` becomes ``etc-<hash>``; the short hash of the original keeps two names that
    clean up alike ("A/B", "A B") apart, and the same name always gives the same file.
    """
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-_")[:max_length] or "unnamed"
    if slug == name:
        return slug
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


@dataclass(frozen=True)
class Vocabularies:
    """Category names from the lexicons, so that columns and chart series are stable."""

    source_types: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    loaded_categories: tuple[str, ...] = ()
    known_terms: frozenset[str] = frozenset()

    @classmethod
    def from_lexicons(cls, lexicons: Lexicons) -> Vocabularies:
        known = {p.lower() for name in lexicons.entries for e in lexicons[name] for p in e.phrases}
        return cls(
            source_types=tuple(dict.fromkeys([*lexicons.categories["sources"], "unknown"])),
            stances=tuple(lexicons.categories["reporting_verbs"]),
            loaded_categories=tuple(lexicons.categories["loaded_terms"]),
            known_terms=frozenset(known),
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
        from framing.lexicons import load_lexicons

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
    )


def build(
    result: CorpusResult,
    *,
    by: str = "outlet",
    vocabularies: Vocabularies | None = None,
    criteria: Criteria | None = None,
    title: str = DEFAULT_TITLE,
    generated_at: str | None = None,
) -> tuple[Comparison, Report]:
    """Layers one and two: the comparison and the report structure."""
    comparison = describe(result.analyses, by=by, vocabularies=vocabularies, criteria=criteria)
    generated_at = generated_at or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = build_report(
        comparison,
        result.analyses,
        title=title,
        generated_at=generated_at,
        model=result.model,
        lexicon_version=result.lexicon_version,
        failures=[(f.path, f.reason) for f in result.failures],
    )
    return comparison, report


def write_report(
    out: Path,
    result: CorpusResult,
    *,
    by: str = "outlet",
    vocabularies: Vocabularies | None = None,
    criteria: Criteria | None = None,
    title: str = DEFAULT_TITLE,
    generated_at: str | None = None,
) -> list[Path]:
    """Build the report and write report.html, report.md and the evidence tables to ``out``."""
    comparison, report = build(
        result,
        by=by,
        vocabularies=vocabularies,
        criteria=criteria,
        title=title,
        generated_at=generated_at,
    )
    out = Path(out)
    articles = features_table(result.analyses)
    written = [
        write_text(out / "report.html", render_html(report)),
        write_text(out / "report.md", render_markdown(report)),
        write_csv(out / "articles.csv", articles),
        write_parquet(out / "articles.parquet", articles),
        write_csv(out / "attributions.csv", attributions_table(result.analyses)),
        write_csv(out / "terms.csv", terms_table(result.analyses)),
    ]
    # One feature table per group, named after it: outlet names are data, never paths.
    for group in comparison.groups if len(articles) else ():
        rows = articles.iloc[group.articles]
        written.append(write_csv(out / f"by_{by}" / f"{safe_filename(group.name)}.csv", rows))
    return written


__all__ = ["build", "describe", "render_html", "render_markdown", "safe_filename", "write_report"]
