"""The ``framing`` command line: a thin layer over the library.

Each command parses options, calls a library function that returns data, and renders it.
Library exceptions become one error line here and an exit code: 0 when all is well, 1 when
some articles failed (they are listed), 2 for a usage or configuration error. One module per
command, as in spaCy's own CLI; importing a module registers its command.
"""

from __future__ import annotations

from typing import Annotated

import typer

from framing import __version__
from framing.cli.common import app, out_console


def _version_callback(value: bool):
    if value:
        out_console.print(f"framing {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
):
    """Framing: sourcing and framing evidence from news text."""


from framing.cli import cache, evaluate, lexicon, report, score, stories  # noqa: E402,F401 - registers the commands

__all__ = ["app"]
