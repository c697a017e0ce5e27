"""``framing stories``: score a corpus and print its story grouping, the articles in each."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer

from framing.cli.common import (
    CacheDirOption,
    DateColOption,
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
    StoriesFileOption,
    StoryColOption,
    StoryWindowOption,
    TextColOption,
    TitleColOption,
    app,
    cannot_write,
    err_console,
    examples,
    exit_if_any_failed,
    fail,
    load_analyzer,
    out_console,
    pipeline_mode,
    read_options,
    run_options,
    score_with_progress,
    shown,
    story_grouping,
)


@app.command(
    epilog=examples(
        "framing stories seeds/",
        "framing stories bbc.jsonl --outlet BBC --write-csv stories.csv   (edit it, then:)",
        "framing stories bbc.jsonl --outlet BBC --stories stories.csv",
    )
)
def stories(
    paths: Annotated[
        list[str],
        typer.Argument(help="Article files, folders (with an optional manifest.csv), or -."),
    ],
    stories: StoriesFileOption = None,
    story_window: StoryWindowOption = 7,
    write_csv: Annotated[
        Path | None,
        typer.Option(
            "--write-csv",
            help="Also write the grouping as article_id,story: a corrections file to edit and "
            "give back with --stories.",
            dir_okay=False,
        ),
    ] = None,
    lexicons: LexiconsOption = None,
    outlet: OutletOption = None,
    model: ModelOption = None,
    text_col: TextColOption = "text",
    outlet_col: OutletColOption = "outlet",
    id_col: IdColOption = "id",
    date_col: DateColOption = "date",
    title_col: TitleColOption = "title",
    story_col: StoryColOption = "story",
    max_bytes: MaxBytesOption = 2_000_000,
    oversize: OversizeOption = Oversize.refuse,
    fast: FastOption = False,
    full_parse: FullParseOption = False,
    jobs: JobsOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
):
    """Group the articles into stories (the same event, within --story-window days) and print
    each story, its label (top terms and earliest headline) and its articles. Story labels of
    the metadata win; --stories corrects the grouping. Method: docs/stories.md."""
    reading = read_options(
        outlet=outlet, lexicons=lexicons, text_col=text_col, outlet_col=outlet_col,
        id_col=id_col, date_col=date_col, title_col=title_col, story_col=story_col,
        max_bytes=max_bytes, oversize=oversize,
    )  # fmt: skip
    run = run_options(jobs=jobs, cache_dir=cache_dir, no_cache=no_cache)
    analyzer = load_analyzer(lexicons, model, pipeline_mode(fast, full_parse))
    result = score_with_progress(paths, analyzer, reading, run)
    if not result.analyses:
        raise fail("no articles found in " + ", ".join(paths))
    analyses = result.analyses
    grouping = story_grouping(analyses, stories, story_window)
    for story in grouping.stories.values():
        out_console.print(
            f"[bold]{shown(story.name)}[/] ({_articles(len(story.articles))}, {story.origin}; "
            f"top terms: {shown(', '.join(story.terms))})"
        )
        out_console.print(f"  earliest headline: {shown(story.headline)}")
        for index in story.articles:
            out_console.print("  " + _article_line(analyses[index]))
    alone = grouping.unassigned()
    if alone:
        out_console.print(
            f"[bold]In no story[/] ({_articles(len(alone))}: no other article covers it)"
        )
        for index in alone:
            out_console.print("  " + _article_line(analyses[index]))
    if write_csv is not None:
        try:
            with write_csv.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["article_id", "story"])
                for analysis, story in zip(analyses, grouping.story_of, strict=True):
                    writer.writerow([analysis.article.id, story or ""])
        except OSError as exc:
            raise cannot_write(write_csv, exc) from None
        err_console.print(f"wrote {shown(write_csv)}")
    exit_if_any_failed(result)


def _article_line(analysis) -> str:
    article = analysis.article
    from framing.compare.stories import headline

    parts = [article.id, article.date or "undated", article.outlet, headline(analysis, 70)]
    return shown(" | ".join(parts))


def _articles(count: int) -> str:
    return f"{count} article" + ("" if count == 1 else "s")
