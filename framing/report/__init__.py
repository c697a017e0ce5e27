"""``framing report``: outlets side by side, in HTML and Markdown, every figure traced.

Three layers, as in ydata-profiling: :mod:`framing.compare.comparison` computes the description
(data), :mod:`framing.report.structure` builds the report as plain objects, and
:mod:`framing.report.render_html` / :mod:`framing.report.render_markdown` render it.
:func:`write_report` runs them and writes every file atomically.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from framing.annotate.sources import speaker_source_types
from framing.common.write import write_csv, write_parquet, write_text
from framing.compare.comparison import Comparison, compare, pooled_metrics
from framing.compare.profile import Criteria, check_metrics, default_criteria
from framing.compare.shared_copy import passages_table
from framing.lexicon.load import Lexicons
from framing.measure.analyzer import ArticleAnalysis
from framing.read.outlets import OutletTable
from framing.report.accuracy import load_figures
from framing.report.position import position_chart
from framing.report.render_html import render_html
from framing.report.render_markdown import render_markdown
from framing.report.scale import ARTICLES_FOLDER, oriented, split_articles
from framing.report.structure import Report, Table, build_report, group_header, group_label
from framing.report.tables import attributions_table, terms_table
from framing.run.corpus import CorpusResult, features_table

DEFAULT_TITLE = "How the outlets source and frame the story"
#: Written last into the report folder: the digest of everything the report was made from.
INPUTS_DIGEST_NAME = ".report-inputs"
#: The files every report has; a folder missing one is never taken as up to date.
REPORT_FILES = (
    "report.html",
    "report.md",
    "articles.csv",
    "articles.parquet",
    "attributions.csv",
    "terms.csv",
    "shared_copy.csv",
)


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
        accuracy=load_figures(),
    )
    return comparison, oriented(
        _with_position(report, comparison), group_header(comparison, "")[1:]
    )


def _with_position(report: Report, comparison: Comparison) -> Report:
    """The overview with the chart "Where each outlet sits" after its headline figures."""
    chart = position_chart(comparison, group_label)
    if chart is None:
        return report
    sections = []
    for section in report.sections:
        if section.anchor == "overview":
            blocks = list(section.blocks)
            at = next(
                (i + 1 for i, b in enumerate(blocks)
                 if isinstance(b, Table) and b.caption.startswith("Headline figures")),
                len(blocks),
            )  # fmt: skip
            section = replace(section, blocks=[*blocks[:at], chart, *blocks[at:]])
        sections.append(section)
    return replace(report, sections=sections)


def inputs_digest(
    result: CorpusResult,
    *,
    by: str = "outlet",
    vocabularies: Vocabularies | None = None,
    criteria: Criteria | None = None,
    title: str = DEFAULT_TITLE,
    csv_raw: bool = False,
) -> str:
    """A digest of everything a report is made from: each article's text, metadata and
    features, the failures, the options, the model, lexicon and code versions. Two runs with
    the same digest write the same report (but for its date)."""
    from framing.common.versions import code_version

    digest = hashlib.sha256()
    for part in (
        code_version(), result.model, result.lexicon_version, by, title, f"csv_raw={csv_raw}",
        criteria.model_dump_json() if criteria else "", _stable_repr(vocabularies),
        repr([(f.path, f.reason) for f in result.failures]),
    ):  # fmt: skip
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x1f")
    for analysis in result.analyses:
        text = analysis.article.text.encode("utf-8", "surrogatepass")
        digest.update(hashlib.sha256(text).digest())
        digest.update(repr(sorted(analysis.row().items())).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _stable_repr(vocabularies: Vocabularies | None) -> str:
    # A frozenset's order changes from one process to the next (string hashing is salted).
    if vocabularies is None:
        return ""
    return repr((vocabularies.source_types, vocabularies.stances,
                 vocabularies.loaded_categories, sorted(vocabularies.known_terms)))  # fmt: skip


def report_is_current(out: Path, digest: str) -> bool:
    """True when ``out`` holds a complete report made from inputs with this digest."""
    out = Path(out)
    try:
        written = (out / INPUTS_DIGEST_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return written == digest and all((out / name).is_file() for name in REPORT_FILES)


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
    "build",
    "describe",
    "inputs_digest",
    "render_html",
    "render_markdown",
    "report_is_current",
    "safe_filename",
    "write_report",
]
