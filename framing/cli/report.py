"""``framing report``: score a corpus and write the side-by-side report (HTML, Markdown, tables)."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from framing.cli.common import (
    AccurateOption,
    AuthorColOption,
    CacheDirOption,
    CsvRawOption,
    DateColOption,
    Engine,
    EngineOption,
    FastOption,
    FullParseOption,
    IdColOption,
    JobsOption,
    LexiconsOption,
    MaxBytesOption,
    ModelOption,
    NoCacheOption,
    OutletColOption,
    OutletOption,
    Oversize,
    OversizeOption,
    SchedulerOption,
    StoriesFileOption,
    StoryColOption,
    StoryWindowOption,
    TextColOption,
    TitleColOption,
    UrlColOption,
    WireColOption,
    app,
    cannot_write,
    check_out_folder,
    err_console,
    exit_if_any_failed,
    fail,
    load_analyzer,
    pipeline_mode,
    read_options,
    run_options,
    score_with_progress,
    shown,
    story_grouping,
)


class GroupBy(StrEnum):
    outlet = "outlet"
    story = "story"


@app.command(
    epilog=(
        "Example:\n\n"
        "  framing report seeds/ --out reports/seeds/\n\n"
        "  framing report seeds/ --out reports/by-story/ --by story --title 'Seeds by story'\n\n"
        "  framing report bbc.jsonl --outlet BBC --out out/ --by story --stories fixes.csv\n\n"
        "  framing report corpus/ --out out/ --criteria my-criteria.yaml "
        "--lexicons my-lexicons/\n\n"
        "  framing report month/ --out out/ --jobs 2   (re-running on the same corpus reads the "
        "cache in .framing-cache/)"
    )
)
def report(
    paths: Annotated[
        list[str],
        typer.Argument(help="Article files, folders (with an optional manifest.csv), or -."),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", help="Folder to write report.html, report.md and the tables to."),
    ],
    by: Annotated[
        GroupBy, typer.Option("--by", help="Columns of the report: one per outlet or per story.")
    ] = GroupBy.outlet,
    stories: StoriesFileOption = None,
    story_window: StoryWindowOption = 7,
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
    lexicons: LexiconsOption = None,
    outlet: OutletOption = None,
    model: ModelOption = None,
    text_col: TextColOption = "text",
    outlet_col: OutletColOption = "outlet",
    id_col: IdColOption = "id",
    date_col: DateColOption = "date",
    title_col: TitleColOption = "title",
    url_col: UrlColOption = "url",
    story_col: StoryColOption = "story",
    wire_col: WireColOption = "wire",
    author_col: AuthorColOption = "author",
    max_bytes: MaxBytesOption = 2_000_000,
    oversize: OversizeOption = Oversize.refuse,
    fast: FastOption = False,
    full_parse: FullParseOption = False,
    accurate: AccurateOption = False,
    jobs: JobsOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    engine: EngineOption = Engine.local,
    scheduler: SchedulerOption = None,
):
    """Compare outlets side by side: sourcing, state media, loaded language, verbs, naming,
    figures, distinctive wording, shared copy and a sourcing and framing profile, with every
    figure linked to its sentences. Writes report.html (self-contained), report.md,
    articles.csv/.parquet, attributions.csv and terms.csv."""
    from framing.profile import CriteriaError, default_criteria, load_criteria
    from framing.report import (
        DEFAULT_TITLE,
        Vocabularies,
        inputs_digest,
        report_is_current,
        write_report,
    )

    check_out_folder(out)
    if stories is not None and by is not GroupBy.story:
        raise fail("--stories applies to --by story")
    try:
        chosen = load_criteria(criteria) if criteria else default_criteria()
    except CriteriaError as exc:
        raise fail(str(exc)) from None
    reading = read_options(
        outlet=outlet, lexicons=lexicons, text_col=text_col, outlet_col=outlet_col,
        id_col=id_col, date_col=date_col, title_col=title_col, url_col=url_col,
        story_col=story_col, wire_col=wire_col, author_col=author_col, max_bytes=max_bytes,
        oversize=oversize,
    )  # fmt: skip
    run = run_options(
        jobs=jobs, cache_dir=cache_dir, no_cache=no_cache, engine=engine, scheduler=scheduler
    )
    analyzer = load_analyzer(lexicons, model, pipeline_mode(fast, full_parse, accurate), engine)
    result = score_with_progress(paths, analyzer, reading, run)
    if not result.analyses:
        raise fail("no articles found in " + ", ".join(paths))
    if by is GroupBy.story:
        # Articles without a story label are grouped by content (framing.stories); labels
        # given in the metadata and in --stories win.
        grouping = story_grouping(result.analyses, stories, story_window)
        result = dataclasses.replace(result, analyses=grouping.apply(result.analyses))
    options = dict(
        by=by.value, criteria=chosen, title=title or DEFAULT_TITLE,
        vocabularies=Vocabularies.from_lexicons(analyzer.lexicons), csv_raw=csv_raw,
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
