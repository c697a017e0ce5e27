"""``framing report``: score a corpus and write the side-by-side report (HTML, Markdown, tables)."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from framing.cli.common import (
    app,
    cannot_write,
    check_out_folder,
    err_console,
    exit_if_any_failed,
    fail,
    score_with_progress,
    shown,
    story_grouping,
)
from framing.cli.options import (
    ComparisonBasis,
    ComparisonOption,
    CorpusOptions,
    CsvRawOption,
    PathsArgument,
    ReportStoryWindowOption,
    StoriesFileOption,
    corpus_options,
)
from framing.compare.stories import DEFAULT_WINDOW_DAYS


class GroupBy(StrEnum):
    outlet = "outlet"
    story = "story"


@app.command(
    epilog=(
        "Example:\n\n"
        "  framing report seeds/ --out reports/seeds/\n\n"
        "  framing report seeds/ --out reports/by-story/ --by story --title 'Seeds by story'\n\n"
        "  framing report seeds/ --out out/ --comparison pooled   (the sections' figures over "
        "all of each outlet's articles, not within stories)\n\n"
        "  framing report bbc.jsonl --outlet BBC --out out/ --by story --stories fixes.csv\n\n"
        "  framing report corpus/ --out out/ --stories fixes.csv   (outlets compared within the "
        "stories of fixes.csv, written by `framing stories corpus/ --write-csv` and edited)\n\n"
        "  framing report corpus/ --out out/ --criteria my-criteria.yaml "
        "--lexicons my-lexicons/\n\n"
        "  framing report month/ --out out/ --jobs 2   (re-running on the same corpus reads the "
        "cache in .framing-cache/)"
    )
)
@corpus_options()
def report(
    paths: PathsArgument,
    out: Annotated[
        Path,
        typer.Option("--out", help="Folder to write report.html, report.md and the tables to."),
    ],
    by: Annotated[
        GroupBy, typer.Option("--by", help="Columns of the report: one per outlet or per story.")
    ] = GroupBy.outlet,
    stories: StoriesFileOption = None,
    story_window: ReportStoryWindowOption = None,
    comparison: ComparisonOption = None,
    criteria: Annotated[
        Path | None,
        typer.Option(
            "--criteria",
            help="YAML file of profile criteria and weights (default: the shipped one).",
            dir_okay=False,
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The report's title.")] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write the report even when --out already holds one made from the same "
            "articles, results and options.",
        ),
    ] = False,
    csv_raw: CsvRawOption = False,
    *,
    corpus: CorpusOptions,
):
    """Compare outlets side by side: sourcing, state media, loaded language, verbs, naming,
    figures, distinctive wording, shared copy and a sourcing and framing profile, with every
    figure linked to its sentences. Writes report.html (self-contained), report.md,
    articles.csv/.parquet, attributions.csv and terms.csv."""
    from framing.compare.like_with_like import outlet_report_groups
    from framing.compare.profile import CriteriaError, default_criteria, load_criteria
    from framing.report import (
        DEFAULT_TITLE,
        Vocabularies,
        inputs_digest,
        report_is_current,
        write_report,
    )

    check_out_folder(out)
    if comparison is not None and by is GroupBy.story:
        # The columns are stories: there is no outlet to compare within a story.
        raise fail("--comparison applies to --by outlet")
    try:
        chosen = load_criteria(criteria) if criteria else default_criteria()
    except CriteriaError as exc:
        raise fail(str(exc)) from None
    reading, run, analyzer = corpus.settings()
    result = score_with_progress(paths, analyzer, reading, run)
    if not result.analyses:
        raise fail("no articles found in " + ", ".join(paths))
    grouping = None
    if by is GroupBy.story or outlet_report_groups(result.analyses, corrected=stories is not None):
        # Articles without a story label are grouped by content (framing.compare.stories); labels
        # given in the metadata and in --stories win. An outlet report compares outlets within
        # these stories; one whose articles all have labels, or with one outlet, takes the
        # metadata's labels as they are.
        window = DEFAULT_WINDOW_DAYS if story_window is None else story_window
        grouping = story_grouping(result.analyses, stories, window)
        result = dataclasses.replace(result, analyses=grouping.apply(result.analyses))
    elif story_window is not None:
        err_console.print(
            "note: --story-window has no effect here: the report groups no articles into "
            "stories (it does when articles lack a story label and two or more outlets are "
            "compared, or with --stories or --by story)"
        )
    options = dict(
        by=by.value, criteria=chosen, title=title or DEFAULT_TITLE,
        vocabularies=Vocabularies.from_lexicons(analyzer.lexicons), csv_raw=csv_raw,
        comparison_basis=(comparison or ComparisonBasis.within_story).value,
        story_grouping=grouping,
    )  # fmt: skip
    digest = inputs_digest(result, **options)
    if not force and report_is_current(out, digest):
        # Same articles, results, options and code as the report already there: it would be
        # written again byte for byte but for its date.
        err_console.print(f"{shown(out / 'report.html')} is up to date (--force writes it again)")
        exit_if_any_failed(result)
        return
    try:
        written = write_report(out, result, digest=digest, **options)
    except CriteriaError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise cannot_write(out, exc) from None
    err_console.print(
        f"wrote {len(written)} files to {shown(out)}/ (open {shown(out / 'report.html')})"
    )
    exit_if_any_failed(result)
