"""What the commands share: the app, consoles, exit codes, error lines, and scoring a corpus
with a progress bar. The options they share are in :mod:`framing.cli.options`.
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from framing.run.corpus import CorpusResult, RunOptions

def examples(*lines: str) -> str:
    """A command's help epilog: each example command on its own line."""
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in lines)


app = typer.Typer(
    name="framing",
    help=(
        "Show how news outlets source and frame a story: who they cite and how, loaded words "
        "in their own voice, and how much rests on state media. It measures sourcing and "
        "wording; it does not judge whether an outlet is truthful."
    ),
    epilog=examples(
        "framing score seeds/",
        "framing report seeds/ --out reports/seeds/",
        "framing stories seeds/",
        "framing lexicon where regime seeds/",
        "framing COMMAND --help   (each command's options, with examples)",
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

def story_grouping(analyses, stories_file: Path | None, window_days: int):
    """The story grouping of a run's analyses; a bad corrections file is a usage error."""
    from framing.compare.stories import StoryFileError, group_stories, read_corrections

    corrections = None
    if stories_file is not None:
        try:
            corrections = read_corrections(stories_file, [a.article.id for a in analyses])
        except StoryFileError as exc:
            raise fail(str(exc)) from None
    return group_stories(analyses, corrections=corrections, window_days=window_days)


# Characters that move the cursor, recolour the terminal or reorder the line (C0 and C1
# controls, DEL, bidirectional overrides): a file or outlet name holding one is shown with it
# escaped, so a name can neither hide itself nor forge another line.
_INVISIBLE_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(value: object) -> str:
    """A user-supplied string (a name, a path, a reason quoting one) ready for a console
    line: rich markup in it is printed as text, never obeyed, and control characters are
    made visible (``\\x1b``, ``\\n``, ``\\u202e``)."""
    text = _INVISIBLE_CONTROLS.sub(
        lambda match: match.group().encode("unicode_escape").decode("ascii"), str(value)
    )
    return escape(text)


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """The one error line of a command that cannot go on; ``message`` is plain text."""
    err_console.print(f"[bold red]error:[/] {shown(message)}", markup=True)
    return typer.Exit(code)


def warn(message: str) -> None:
    """One warning line on stderr; ``message`` is plain text."""
    err_console.print(f"[yellow]warning:[/] {shown(message)}", markup=True)


def check_out_folder(out: Path | None) -> None:
    """Stop before any work when ``--out`` names something that is not a folder."""
    if out is not None and out.exists() and not out.is_dir():
        raise fail(f"--out {out} is a file, not a folder: name a folder to write to")


def cannot_write(out: Path, exc: OSError) -> typer.Exit:
    """The one error line of an output folder that could not be written (a full disk, no
    permission); what the folder holds is described in docs/robustness.md."""
    where = exc.filename or out
    return fail(f"{where}: cannot write: {exc.strerror or exc}")


def cell(value, fmt: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return fmt.format(value)


def short(name: str, width: int = 24) -> str:
    """A name cut to ``width`` characters, ready for a table cell (see :func:`shown`)."""
    return shown(name if len(name) <= width else name[: width - 1] + "…")


def score_with_progress(
    paths: list[str],
    analyzer,
    reading,
    run: RunOptions | None = None,
    *,
    emit=None,
    keep: bool = True,
) -> CorpusResult:
    """Score a corpus: a progress bar with articles per second and an ETA on a terminal (quiet
    otherwise), and one line on stderr for each input that fails and each warning, as they
    happen. With ``emit``, each analysis is handed to it as it comes; ``keep=False`` keeps
    none in the result (flat memory)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from framing.read.corpus import ReadFailure, ReadSkipped, estimate_article_count
    from framing.run.corpus import score_corpus

    progress = Progress(
        TextColumn("scoring"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )
    total = estimate_article_count(paths) if err_console.is_terminal else None
    task = progress.add_task("score", total=total, rate="")

    def on_result(item) -> None:
        if isinstance(item, ReadSkipped):
            warn(str(item))
        elif isinstance(item, ReadFailure):
            err_console.print(f"[bold red]error:[/] {shown(item)}", markup=True)
        else:
            name = item.article.path or item.article.id
            for warning in item.article.warnings:
                warn(f"{name}: {warning}")
            if item.status == "failed":
                err_console.print(f"[bold red]error:[/] {shown(name)}: {shown(item.error)}")
            if emit is not None:
                emit(item)
        progress.advance(task)
        speed = progress.tasks[0].speed
        if speed:
            progress.update(task, rate=f"{speed:.1f}/s")

    from framing.run.cache import CacheError, CacheWriteWarning
    from framing.run.dask_engine import DaskNotInstalled, PartitionFailed, SchedulerUnreachable

    try:
        with progress, warnings.catch_warnings():
            # A cache that cannot be written (a full disk) says so once, and the run goes on.
            warnings.simplefilter("always", CacheWriteWarning)
            warnings.showwarning = _warn_line
            return score_corpus(
                paths, analyzer=analyzer, on_result=on_result, read_options=reading, run=run,
                keep=keep,
            )  # fmt: skip
    except (DaskNotInstalled, SchedulerUnreachable, PartitionFailed) as exc:
        # The cluster, not an article: nothing more can be scored (exit 2, one line).
        raise fail(str(exc)) from None
    except CacheError as exc:
        raise fail(f"{exc} (use --no-cache, or another --cache-dir)") from None


def _warn_line(message, category, *_args, **_kwargs) -> None:
    """warnings.showwarning for the library's warnings during a run: one warning line."""
    warn(str(message))


def exit_if_any_failed(result: CorpusResult) -> None:
    """List the inputs that failed and exit 1; return if none did."""
    failed = [f.path for f in result.failures] + list(result.failed_articles or ())
    if failed:
        err_console.print(
            f"[bold red]{len(failed)} input(s) failed:[/] " + ", ".join(map(shown, failed)),
            markup=True,
        )
        raise typer.Exit(EXIT_SOME_FAILED)
