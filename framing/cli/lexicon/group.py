"""The ``framing lexicon`` group, and the parameters several of its commands take."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from framing.cli.common import app

lexicon_app = typer.Typer(
    help="Read, check, edit and grow the lexicons: the word lists behind every figure.",
    epilog=(
        "Examples:\n\n  framing lexicon list loaded_terms\n\n  framing lexicon validate\n\n"
        "  framing lexicon where regime seeds/"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(lexicon_app, name="lexicon")

EditDirOption = Annotated[
    Path | None,
    typer.Option(
        "--dir",
        help="Lexicon folder to edit (default: lexicons/ in a checkout; installed, the user "
        "overlay $FRAMING_USER_LEXICONS or ~/.local/share/framing/lexicons, never "
        "site-packages). An overlay folder gets a file for the lexicon if it has none.",
        file_okay=False,
    ),
]
CorpusArgument = Annotated[
    list[str], typer.Argument(help="Article files, folders (with a manifest.csv), JSONL or CSV.")
]

