"""``framing report``: outlets side by side, in HTML and Markdown, every figure traced.

Three layers, as in ydata-profiling: :mod:`framing.report.description` computes the
description (data, with :mod:`framing.compare.comparison`), :mod:`framing.report.structure`
builds the report as plain objects, one section per module of
:mod:`framing.report.sections`, and :mod:`framing.report.render_html` /
:mod:`framing.report.render_markdown` render it. :func:`write_report` runs them and writes
every file atomically; :mod:`framing.report.freshness` says whether a folder is up to date.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from framing.common.write import write_csv, write_parquet, write_text
from framing.compare.like_with_like import WITHIN_STORY
from framing.compare.profile import Criteria
from framing.compare.records import Comparison
from framing.compare.shared_copy import passages_table
from framing.compare.stories import StoryGrouping
from framing.report.accuracy import load_figures
from framing.report.blocks import Report
from framing.report.cells import group_header
from framing.report.description import Vocabularies, describe
from framing.report.freshness import INPUTS_DIGEST_NAME, inputs_digest, report_is_current
from framing.report.render_html import render_html
from framing.report.render_markdown import render_markdown
from framing.report.scale import ARTICLES_FOLDER, oriented, split_articles
from framing.report.structure import DEFAULT_TITLE, build_report
from framing.report.tables import attributions_table, terms_table
from framing.run.corpus import CorpusResult, features_table


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


def build(
    result: CorpusResult,
    *,
    by: str = "outlet",
    vocabularies: Vocabularies | None = None,
    criteria: Criteria | None = None,
    title: str = DEFAULT_TITLE,
    generated_at: str | None = None,
    comparison_basis: str = WITHIN_STORY,
    story_grouping: StoryGrouping | None = None,
) -> tuple[Comparison, Report]:
    """Layers one and two: the comparison and the report structure. ``comparison_basis``:
    what the sections compare outlets on, within stories (where a story is shared) or pooled;
    ``story_grouping``: the grouping that set the articles' stories, if one did (the report
    says where the stories came from)."""
    comparison = describe(
        result.analyses,
        by=by,
        vocabularies=vocabularies,
        criteria=criteria,
        basis=comparison_basis,
        story_grouping=story_grouping,
    )
    generated_at = generated_at or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = build_report(
        comparison,
        result.analyses,
        title=title,
        generated_at=generated_at,
        model=result.model,
        lexicon_version=result.lexicon_version,
        failures=[(f.path, f.reason) for f in result.failures],
        accuracy=load_figures(),
    )
    return comparison, oriented(report, group_header(comparison, "")[1:])


def write_report(
    out: Path,
    result: CorpusResult,
    *,
    by: str = "outlet",
    vocabularies: Vocabularies | None = None,
    criteria: Criteria | None = None,
    title: str = DEFAULT_TITLE,
    generated_at: str | None = None,
    digest: str | None = None,
    csv_raw: bool = False,
    comparison_basis: str = WITHIN_STORY,
    story_grouping: StoryGrouping | None = None,
) -> list[Path]:
    """Build the report and write report.html, report.md and the evidence tables to ``out``.

    ``digest`` (of :func:`inputs_digest`) is written last, so that a folder holds it only
    once the whole report is there; :func:`report_is_current` reads it back. The old digest
    is removed before the first file is replaced, so a run interrupted half-way leaves a
    folder that no later run takes as up to date, and the per-group tables of groups this
    run does not have are removed, so the folder never mixes two runs' tables. Text cells of
    the CSV files are guarded against formula injection unless ``csv_raw``.
    """
    comparison, report = build(
        result,
        by=by,
        vocabularies=vocabularies,
        criteria=criteria,
        title=title,
        generated_at=generated_at,
        comparison_basis=comparison_basis,
        story_grouping=story_grouping,
    )
    out = Path(out)
    (out / INPUTS_DIGEST_NAME).unlink(missing_ok=True)
    articles = features_table(result.analyses)
    shared_passages = passages_table(comparison.shared_copy, [a.article for a in result.analyses])
    html, html_pages = split_articles(report, safe_filename, ".html")
    markdown, markdown_pages = split_articles(report, safe_filename, ".md")
    written = [
        write_text(out / "report.html", render_html(html)),
        write_text(out / "report.md", render_markdown(markdown)),
        *(write_text(out / name, render_html(page)) for name, page in html_pages.items()),
        *(write_text(out / name, render_markdown(page)) for name, page in markdown_pages.items()),
        write_csv(out / "articles.csv", articles, raw=csv_raw),
        write_parquet(out / "articles.parquet", articles),
        write_csv(out / "attributions.csv", attributions_table(result.analyses), raw=csv_raw),
        write_csv(out / "terms.csv", terms_table(result.analyses), raw=csv_raw),
        write_csv(out / "shared_copy.csv", shared_passages, raw=csv_raw),
    ]
    # One feature table per group, named after it: outlet names are data, never paths.
    for group in comparison.groups if len(articles) else ():
        rows = articles.iloc[group.articles]
        path = out / f"by_{by}" / f"{safe_filename(group.name)}.csv"
        written.append(write_csv(path, rows, raw=csv_raw))
    _remove_other_groups(out / f"by_{by}", written)
    _remove_other_groups(out / ARTICLES_FOLDER, written, ("*.html", "*.md"))
    if digest is not None:
        write_text(out / INPUTS_DIGEST_NAME, digest + "\n")
    else:
        (out / INPUTS_DIGEST_NAME).unlink(missing_ok=True)
    return written


def _remove_other_groups(
    folder: Path, written: list[Path], patterns: Sequence[str] = ("*.csv",)
) -> None:
    """Remove the per-group files (tables, article pages) a run into the same folder left for
    groups this run does not have (an outlet of the last corpus that is not in this one)."""
    if folder.is_dir():
        found = {path for pattern in patterns for path in folder.glob(pattern)}
        for path in found - set(written):
            path.unlink(missing_ok=True)


__all__ = [
    "DEFAULT_TITLE",
    "INPUTS_DIGEST_NAME",
    "Vocabularies",
    "build",
    "describe",
    "inputs_digest",
    "render_html",
    "render_markdown",
    "report_is_current",
    "safe_filename",
    "write_report",
]
