"""``framing cache ...``: what the per-article cache holds, and emptying it.

A thin layer over :mod:`framing.run.cache`: each command opens the cache, calls one method and
renders its data.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from framing.cli.common import app, examples, fail, out_console
from framing.cli.options import (
    CacheDirOption,
    FastOption,
    FullParseOption,
    LexiconsOption,
    ModelOption,
    analyzer_spec,
    pipeline_mode,
)
from framing.run.cache import DEFAULT_CACHE_DIR

cache_app = typer.Typer(
    help="What the per-article cache of parses and results holds, and emptying it.",
    epilog=(
        "Examples:\n\n  framing cache info\n\n  framing cache clear --stale\n\n"
        "  framing cache clear --cache-dir /tmp/framing-cache"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(cache_app, name="cache")

def _open(directory: Path, *, quiet: bool = False):
    """The cache in ``directory``; a cache that cannot be opened is an error line and exit 2,
    or (``quiet``) its CacheError, for a caller that can do something about it."""
    from framing.run.cache import AnalysisCache, CacheError

    try:
        return AnalysisCache(directory, create=False)
    except CacheError as exc:
        if quiet and "no cache in" not in str(exc):
            raise
        raise fail(str(exc)) from None


def _size(n_bytes: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n_bytes < 1000 or unit == "GB":
            return f"{n_bytes:.0f} {unit}" if unit == "B" else f"{n_bytes:.1f} {unit}"
        n_bytes /= 1000
    raise AssertionError("unreachable")


def _when(moment) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@cache_app.command(
    epilog=examples("framing cache info", "framing cache info --cache-dir /tmp/framing-cache")
)
def info(cache_dir: CacheDirOption = DEFAULT_CACHE_DIR):
    """Show the cache folder, its size on disk, and its parses and results by version."""
    with _open(cache_dir) as cache:
        described = cache.info()
    out_console.print(f"[bold]{escape(str(described.directory))}[/]  {_size(described.size_bytes)}")
    out_console.print(f"{described.n_parses} parses, {described.n_results} results")
    for title, entries in (("parses", described.parses), ("results", described.results)):
        if not entries:
            continue
        table = Table(title=title, title_justify="left")
        for column in ("version", "entries", "size", "oldest", "newest"):
            table.add_column(column, justify="right" if column in ("entries", "size") else "left")
        for entry in entries:
            table.add_row(
                escape(entry.version),
                str(entry.entries),
                _size(entry.bytes),
                _when(entry.oldest),
                _when(entry.newest),
            )
        out_console.print(table)


@cache_app.command(
    epilog=examples(
        "framing cache clear",
        "framing cache clear --stale",
        "framing cache clear --stale --lexicons my-lexicons/ --model en_core_web_sm",
        "framing cache clear --stale --fast",
    )
)
def clear(
    cache_dir: CacheDirOption = DEFAULT_CACHE_DIR,
    stale: Annotated[
        bool,
        typer.Option(
            "--stale",
            help="Keep the entries of the current versions (of the model, mode and lexicons "
            "given, as a run with the same options would use them); remove the rest.",
        ),
    ] = False,
    lexicons: LexiconsOption = None,
    model: ModelOption = None,
    fast: FastOption = False,
    full_parse: FullParseOption = False,
):
    """Remove every cached parse and result, or with --stale those no run would use now."""
    keep = {}
    if stale:
        # Only its versions are needed: the pipeline is not loaded.
        analyzer = analyzer_spec(lexicons, model, pipeline_mode(fast, full_parse))
        keep = dict(
            keep_parse_version=analyzer.parse_version, keep_result_version=analyzer.result_version
        )
    from framing.run.cache import CacheError, remove_cache

    try:
        with _open(cache_dir, quiet=not stale) as cache:
            cleared = cache.clear(**keep)
            remaining = cache.info()
    except (CacheError, sqlite3.DatabaseError) as exc:
        if stale:  # keeping some entries needs a cache that can be read
            raise fail(f"{exc} (run framing cache clear without --stale to remove it)") from None
        # A damaged cache is what clearing is for: remove its files whole.
        removed = remove_cache(cache_dir)
        out_console.print(
            f"the cache in {escape(str(cache_dir))} could not be read ({escape(str(exc))}): "
            f"removed its {len(removed)} file(s)"
        )
        return
    out_console.print(
        f"removed {cleared.parses} parses and {cleared.results} results; "
        f"{remaining.n_parses} parses and {remaining.n_results} results left "
        f"({_size(remaining.size_bytes)})"
    )


