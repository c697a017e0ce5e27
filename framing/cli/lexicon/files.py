"""``framing lexicon list|show|add|remove|validate|test``: the lexicon files themselves: read
an entry and where it is defined, edit a file keeping its layout, check a folder and run
every example."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from framing.cli.common import EXIT_SOME_FAILED, examples, fail, out_console, shown
from framing.cli.lexicon.group import EditDirOption, lexicon_app
from framing.cli.options import LexiconsOption, ModelOption, load_lexicons, load_nlp

LIST_COLUMNS = ("id", "lexicon", "term", "category", "on", "defined in")


def _where_defined(loaded) -> str:
    from framing.lexicon.load import SHIPPED_LEXICONS

    layer = "shipped" if loaded.path.parent.resolve() == SHIPPED_LEXICONS.resolve() else "overlay"
    path = loaded.path
    try:
        path = path.resolve().relative_to(Path.cwd())
    except ValueError:
        pass
    return f"{path}:{loaded.line} ({layer})"


@lexicon_app.command(
    "list",
    epilog=examples(
        "framing lexicon list",
        "framing lexicon list loaded_terms --category glorifying",
        "framing lexicon list --lexicons my-lexicons/",
    ),
)
def list_entries(
    name: Annotated[str | None, typer.Argument(help="Only this lexicon (file stem).")] = None,
    category: Annotated[str | None, typer.Option("--category", help="Only this category.")] = None,
    lexicons: LexiconsOption = None,
):
    """List entries, with where each one was defined (shipped file or overlay, and line)."""
    layered = load_lexicons(lexicons)
    if name is not None and name not in layered.entries:
        raise fail(f"no lexicon named {name!r} (known: {', '.join(sorted(layered.entries))})")
    # Plain aligned lines, not a table: a table squeezes the path to fit the terminal, and
    # these lines are meant to be grepped.
    rows = []
    for lexicon, entries in layered.entries.items():
        if name is not None and lexicon != name:
            continue
        for loaded in entries:
            entry = loaded.entry
            if category is not None and entry.category != category:
                continue
            term = entry.term if entry.term is not None else "(pattern)"
            on = "on" if entry.enabled else "off"
            rows.append((entry.id, lexicon, term, entry.category, on, _where_defined(loaded)))
    widths = [
        max([len(header), *(len(row[i]) for row in rows)])
        for i, header in enumerate(LIST_COLUMNS[:-1])
    ]
    for row in [LIST_COLUMNS, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out_console.print(
            shown("  ".join([*cells, row[-1]])), style="bold" if row is LIST_COLUMNS else None
        )
    count = len(rows)
    out_console.print(f"{count} entries · lexicons {layered.version}", style="dim")


@lexicon_app.command(
    epilog=examples("framing lexicon show loaded.regime", "framing lexicon show hedge.reportedly")
)
def show(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id.")],
    lexicons: LexiconsOption = None,
):
    """Show one entry: every field, and the file and line it comes from."""
    layered = load_lexicons(lexicons)
    loaded = layered.get(entry_id)
    if loaded is None:
        raise fail(f"no entry {entry_id!r}")
    out_console.print(f"[bold]{shown(entry_id)}[/]  {shown(_where_defined(loaded))}")
    out_console.print(f"lexicon: {shown(loaded.lexicon)}")
    for key, value in loaded.entry.model_dump(exclude={"id"}).items():
        if value in (None, [], ""):
            continue
        if isinstance(value, list):
            out_console.print(f"{key}:")
            for item in value:
                out_console.print(f"  - {shown(str(item))}")
        else:
            out_console.print(f"{key}: {shown(str(value))}")


@lexicon_app.command(
    epilog=examples(
        "framing lexicon add loaded_terms 'puppet state' --category pejorative_label "
        "--note 'Denies a state its sovereignty.' --example 'the puppet state in the east' "
        "--counter-example 'a puppet show for the children'",
        "framing lexicon add loaded_terms junta --category pejorative_label "
        "--note 'Casts a government as an illegitimate military clique.' --dir my-lexicons/",
    )
)
def add(
    name: Annotated[str, typer.Argument(help="The lexicon (file stem), e.g. loaded_terms.")],
    term: Annotated[str, typer.Argument(help="The word or phrase, in its base form.")],
    category: Annotated[str, typer.Option("--category", help="One of the lexicon's categories.")],
    note: Annotated[str, typer.Option("--note", help="Why the term is loaded, or what it is.")],
    example: Annotated[
        list[str] | None, typer.Option("--example", help="A text it must match (repeatable).")
    ] = None,
    counter_example: Annotated[
        list[str] | None,
        typer.Option("--counter-example", help="A text it must not match (repeatable)."),
    ] = None,
    entry_id: Annotated[
        str | None, typer.Option("--id", help="The id (default: <prefix>.<term>).")
    ] = None,
    provenance: Annotated[
        str, typer.Option("--provenance", help="'curated', a corpus and date, or a list.")
    ] = "curated",
    weight: Annotated[float, typer.Option("--weight", help="Relative strength.")] = 1.0,
    folder: EditDirOption = None,
    lexicons: LexiconsOption = None,
    model: ModelOption = None,
):
    """Add an entry, keeping the file's comments and layout; an invalid edit is refused."""
    from pydantic import ValidationError

    from framing.lexicon.editing import add_entry, new_entry_id
    from framing.lexicon.load import Entry, LexiconError

    layered = load_lexicons([*(lexicons or []), *([folder] if folder else [])])
    try:
        entry = Entry(
            id=entry_id or new_entry_id(layered, name, term),
            term=term,
            category=category,
            weight=weight,
            note=note,
            provenance=provenance,
            must_match=example or [],
            must_not_match=counter_example or [],
        )
    except ValidationError as exc:
        raise fail(f"invalid entry: {exc.errors()[0]['msg']}") from None
    try:
        edit = add_entry(folder, name, entry, lexicons=layered, nlp=load_nlp(model))
    except LexiconError as exc:
        raise fail(f"refused: {exc}") from None
    created = " (new file)" if edit.created_file else ""
    out_console.print(f"added {shown(entry.id)} at {shown(edit.path)}:{edit.line}{created}")


@lexicon_app.command(
    epilog=examples(
        "framing lexicon remove loaded.puppet_state",
        "framing lexicon remove mine.junta --dir my-lexicons/",
    )
)
def remove(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id.")],
    folder: EditDirOption = None,
    lexicons: LexiconsOption = None,
):
    """Remove an entry from the file that defines it; every other line stays as it was."""
    from framing.lexicon.editing import remove_entry
    from framing.lexicon.load import LexiconError

    layered = load_lexicons([*(lexicons or []), *([folder] if folder else [])])
    try:
        edit = remove_entry(folder, entry_id, lexicons=layered)
    except LexiconError as exc:
        raise fail(f"refused: {exc}") from None
    out_console.print(f"removed {shown(entry_id)} from {shown(edit.path)}:{edit.line}")


@lexicon_app.command(
    epilog=examples(
        "framing lexicon validate",
        "framing lexicon validate my-lexicons/",
        "framing lexicon validate my-lexicons/ --no-examples",
    )
)
def validate(
    folder: Annotated[
        Path | None,
        typer.Argument(help="Lexicon folder (default: the shipped lexicons/).", file_okay=False),
    ] = None,
    examples: Annotated[
        bool, typer.Option("--examples/--no-examples", help="Also run every example.")
    ] = True,
    model: ModelOption = None,
):
    """Check a lexicon folder: schema, duplicates and overlaps, patterns, examples.

    Reports schema errors with file:line, duplicate or overlapping entries, patterns that do
    not compile, and examples that fail. Exit code 1 when there are errors.
    """
    from framing.curate.checks import errors, validate_lexicons

    nlp = load_nlp(model) if examples else None
    problems = validate_lexicons(folder, nlp=nlp, examples=examples)
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        out_console.print(f"[{style}]{shown(str(problem))}[/]")
    n_errors = len(errors(problems))
    out_console.print(
        f"{n_errors} error(s), {len(problems) - n_errors} warning(s)",
        style="bold red" if n_errors else "dim",
    )
    if n_errors:
        raise typer.Exit(EXIT_SOME_FAILED)


@lexicon_app.command(
    "test", epilog=examples("framing lexicon test", "framing lexicon test my-lexicons/")
)
def test_examples(
    folder: Annotated[
        Path | None,
        typer.Argument(help="Lexicon folder (default: the shipped lexicons/).", file_okay=False),
    ] = None,
    model: ModelOption = None,
):
    """Run every must_match and must_not_match example and report each failure."""
    from framing.curate.checks import lexicons_of_folder, run_examples
    from framing.lexicon.load import SHIPPED_LEXICONS, LexiconError

    folder = folder or SHIPPED_LEXICONS
    if not folder.is_dir():
        raise fail(f"{folder}: lexicon folder not found")
    try:
        layered, checks = lexicons_of_folder(folder)
    except LexiconError as exc:
        raise fail(str(exc)) from None
    run = run_examples(layered, load_nlp(model), paths=[check.path for check in checks])
    for failure in run.failures:
        out_console.print(f"[red]{shown(str(failure))}[/]")
    out_console.print(
        f"{run.checked} example(s), {len(run.failures)} failed",
        style="bold red" if run.failures else "dim",
    )
    if run.failures:
        raise typer.Exit(EXIT_SOME_FAILED)


