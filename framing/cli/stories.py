"""``framing stories``: score a corpus and print its story grouping, the articles in each."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer

from framing.cli.common import (
    app,
    cannot_write,
    err_console,
    examples,
    exit_if_any_failed,
    fail,
    out_console,
    score_with_progress,
    shown,
    story_grouping,
)
from framing.cli.options import (
    CorpusOptions,
    PathsArgument,
    StoriesFileOption,
    StoryWindowOption,
    corpus_options,
)
from framing.compare.stories import DEFAULT_WINDOW_DAYS


@app.command(
    epilog=examples(
        "framing stories seeds/",
        "framing stories bbc.jsonl --outlet BBC --write-csv stories.csv   (edit it, then:)",
        "framing stories bbc.jsonl --outlet BBC --stories stories.csv",
    )
)
@corpus_options(omit=("url_col", "wire_col", "author_col", "engine", "scheduler"))
def stories(
    paths: PathsArgument,
    stories: StoriesFileOption = None,
    story_window: StoryWindowOption = DEFAULT_WINDOW_DAYS,
    write_csv: Annotated[
        Path | None,
        typer.Option(
            "--write-csv",
            help="Also write the grouping as article_id,story: a corrections file to edit and "
            "give back with --stories.",
            dir_okay=False,
        ),
    ] = None,
    *,
    corpus: CorpusOptions,
):
    """Group the articles into stories (the same event, within --story-window days) and print
    each story, its label (top terms and earliest headline) and its articles. Story labels of
    the metadata win; --stories corrects the grouping. Method: docs/stories.md."""
    reading, run, analyzer = corpus.settings()
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
