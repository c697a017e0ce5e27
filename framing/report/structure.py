"""The report structure: a comparison in, plain objects out, its sections in reading order.

No HTML and no Markdown here: each section is built by its own module in
:mod:`framing.report.sections` from the plain objects of :mod:`framing.report.blocks`, and
the renderers (:mod:`framing.report.render_html`, :mod:`framing.report.render_markdown`) say
how they look. This module puts the sections in order and adds the report's title and facts.
"""

from __future__ import annotations

from collections.abc import Sequence

from framing.compare.records import Comparison
from framing.measure.analyzer import ArticleAnalysis
from framing.report.blocks import Report
from framing.report.cells import plural
from framing.report.sections.accuracy import accuracy_section
from framing.report.sections.articles import (
    FULL_TEXT_ARTICLES,
    LEGEND,
    articles_section,
    linked_articles,
)
from framing.report.sections.distinctive_wording import distinctive_wording
from framing.report.sections.figures import figures_section
from framing.report.sections.loaded_language import loaded_language
from framing.report.sections.naming import naming
from framing.report.sections.overview import overview
from framing.report.sections.profile import profile
from framing.report.sections.reporting_verbs import reporting_verbs
from framing.report.sections.shared_copy import shared_copy_section
from framing.report.sections.sourcing import sourcing
from framing.report.sections.state_media import state_media

DEFAULT_TITLE = "How the outlets source and frame the story"


def build_report(
    comparison: Comparison,
    analyses: Sequence[ArticleAnalysis],
    *,
    title: str,
    generated_at: str,
    model: str = "",
    lexicon_version: str = "",
    failures: Sequence[tuple[str, str]] = (),
    full_text_limit: int = FULL_TEXT_ARTICLES,
    accuracy: dict | None = None,
) -> Report:
    """The report as plain objects, in reading order. ``accuracy``: the figures file's
    content (framing.report.accuracy.load_figures(); None: the section says it is missing)."""
    sections = [
        overview(comparison, analyses, failures),
        sourcing(comparison),
        state_media(comparison, analyses),
        loaded_language(comparison, analyses),
        reporting_verbs(comparison),
        naming(comparison),
        figures_section(comparison),
        distinctive_wording(comparison),
        shared_copy_section(comparison, analyses),
        profile(comparison),
        accuracy_section(accuracy),
    ]
    sections.append(
        articles_section(comparison, analyses, linked_articles(sections), full_text_limit)
    )
    meta = [
        ("articles", str(len(analyses))),
        (plural(comparison.by), str(len(comparison.groups))),
        ("model", model or "n/a"),
        ("lexicon version", lexicon_version or "n/a"),
    ]
    return Report(
        title=title,
        subtitle="A text-based sourcing and framing profile: how each outlet sources and words "
        "its reports. It is not a rating of truthfulness.",
        generated_at=generated_at,
        meta=meta,
        sections=sections,
        legend=LEGEND,
    )
