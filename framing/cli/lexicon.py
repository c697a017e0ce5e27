"""``framing lexicon ...``: read, check, edit and grow the lexicons.

A thin layer over :mod:`framing.curate.checks`, :mod:`framing.lexicon.editing` and
:mod:`framing.curate.corpus`: each command calls one library function and renders its data.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from framing.cli.common import (
    EXIT_SOME_FAILED,
    app,
    err_console,
    examples,
    fail,
    out_console,
    shown,
)
from framing.cli.options import (
    LexiconsOption,
    ModelOption,
    OutletOption,
    load_analyzer,
)

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


LIST_COLUMNS = ("id", "lexicon", "term", "category", "on", "defined in")


def _load_lexicons(overlays: list[Path] | None):
    from framing.lexicon.load import LexiconError, load_lexicons

    try:
        return load_lexicons(overlays or ())
    except LexiconError as exc:
        raise fail(str(exc)) from None


def _load_nlp(model: str | None):
    from framing.annotate.model import ModelNotFound, load_model

    try:
        return load_model(model)
    except ModelNotFound as exc:
        raise fail(str(exc)) from None


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
    layered = _load_lexicons(lexicons)
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
    layered = _load_lexicons(lexicons)
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

    layered = _load_lexicons([*(lexicons or []), *([folder] if folder else [])])
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
        edit = add_entry(folder, name, entry, lexicons=layered, nlp=_load_nlp(model))
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

    layered = _load_lexicons([*(lexicons or []), *([folder] if folder else [])])
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

    nlp = _load_nlp(model) if examples else None
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
    run = run_examples(layered, _load_nlp(model), paths=[check.path for check in checks])
    for failure in run.failures:
        out_console.print(f"[red]{shown(str(failure))}[/]")
    out_console.print(
        f"{run.checked} example(s), {len(run.failures)} failed",
        style="bold red" if run.failures else "dim",
    )
    if run.failures:
        raise typer.Exit(EXIT_SOME_FAILED)


def _highlighted(sentence: str, text: str) -> str:
    index = sentence.find(text)
    if index < 0:
        return shown(sentence)
    before, after = sentence[:index], sentence[index + len(text) :]
    return f"{shown(before)}[bold reverse]{shown(text)}[/]{shown(after)}"


@lexicon_app.command(
    epilog=examples(
        "framing lexicon where regime seeds/",
        "framing lexicon where loaded.dictator ../shared/corpora/bbc_news.jsonl --outlet BBC",
    )
)
def where(
    term: Annotated[str, typer.Argument(help="A word or phrase, or an entry id.")],
    corpus: CorpusArgument,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many hits.")] = 200,
    outlet: OutletOption = None,
    lexicons: LexiconsOption = None,
    model: ModelOption = None,
):
    """Every hit of a term in a corpus, with its sentence and voice: grep for lexicon editors."""
    from framing.curate.corpus import where as find_hits

    analyzer = load_analyzer(lexicons, model)
    printed = 0
    voices = dict.fromkeys(("narration", "paraphrase", "quoted"), 0)
    try:
        for hit in find_hits(term, corpus, analyzer, outlet=outlet):
            voices[hit.voice] += 1
            if printed < limit:
                source = hit.path or hit.article_id
                out_console.print(
                    f"[dim]{shown(source)}:{hit.start}[/] [cyan]{shown(hit.outlet)}[/] "
                    f"[{'magenta' if hit.voice == 'quoted' else 'green'}]{hit.voice}[/]  "
                    + _highlighted(hit.sentence, hit.text)
                )
                printed += 1
    except ValueError as exc:
        raise fail(str(exc)) from None
    total = sum(voices.values())
    out_console.print(
        f"{total} hit(s): {voices['narration']} in narration, {voices['paraphrase']} in "
        f"paraphrase, {voices['quoted']} quoted",
        style="dim",
    )


@lexicon_app.command(
    epilog=examples(
        "framing lexicon suggest seeds/ --against ../shared/corpora/bbc_news.jsonl -n 20",
        "framing lexicon suggest corpus/ --outlet 'Breitbart News'",
        "framing lexicon suggest corpus/ --outlet 'Breitbart News' --accept 3 --accept thugs "
        "--category pejorative_label --dir my-lexicons/",
    )
)
def suggest(
    corpus: CorpusArgument,
    against: Annotated[
        list[str] | None,
        typer.Option("--against", help="Reference corpus (repeatable); else the other outlets."),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="The outlet to compare with the rest.")
    ] = None,
    top: Annotated[int, typer.Option("-n", "--top", help="How many candidates.")] = 30,
    min_count: Annotated[
        int, typer.Option("--min-count", help="Fewest uses in the focus corpus.")
    ] = 3,
    accept: Annotated[
        list[str] | None,
        typer.Option("--accept", help="Add this candidate (its rank or its term; repeatable)."),
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="Category for accepted candidates.")
    ] = None,
    folder: EditDirOption = None,
    lexicons: LexiconsOption = None,
):
    """Rank candidate loaded terms: one outlet against the rest, or against a reference.

    Words and word pairs are ranked by the log-odds ratio with an informative Dirichlet prior
    (Monroe, Colaresi & Quinn 2008), skipping stopwords, numbers and names; each comes with a
    context and is marked when a lexicon has it. --accept adds chosen ones, with provenance.
    """
    from framing.curate.corpus import suggest as rank_candidates

    layered = _load_lexicons([*(lexicons or []), *([folder] if folder else [])])
    try:
        suggestion = rank_candidates(
            corpus, layered, against=against, outlet=outlet, top=top, min_count=min_count
        )
    except ValueError as exc:
        raise fail(str(exc)) from None
    out_console.print(f"[bold]{shown(suggestion.focus)}[/] against {shown(suggestion.reference)}")
    table = Table("#", "term", "z", "focus", "reference", "in lexicon", "context", box=None)
    for candidate in suggestion.candidates:
        table.add_row(
            str(candidate.rank),
            shown(candidate.term),
            f"{candidate.z_score:.1f}",
            str(candidate.count_focus),
            str(candidate.count_reference),
            candidate.known_as or "",
            shown(candidate.contexts[0] if candidate.contexts else ""),
        )
    out_console.print(table)
    if accept:
        _accept(suggestion, accept, category, folder, layered)


def _accept(suggestion, chosen: list[str], category: str | None, folder, layered) -> None:
    from framing.annotate.loaded_terms import LEXICON_NAME
    from framing.curate.corpus import candidate_entry
    from framing.lexicon.editing import add_entry, new_entry_id
    from framing.lexicon.load import LexiconError

    if category is None:
        raise fail("--accept needs --category (one of the loaded_terms categories)")
    by_key = {str(c.rank): c for c in suggestion.candidates}
    by_key.update({c.term: c for c in suggestion.candidates})
    today = dt.date.today().isoformat()
    for key in chosen:
        candidate = by_key.get(key)
        if candidate is None:
            raise fail(f"no candidate {key!r} in this list")
        if candidate.known_as:
            err_console.print(f"skipped {candidate.term!r}: already {candidate.known_as}")
            continue
        entry = candidate_entry(
            candidate,
            suggestion,
            entry_id=new_entry_id(layered, LEXICON_NAME, candidate.term),
            category=category,
            date=today,
        )
        try:
            edit = add_entry(folder, LEXICON_NAME, entry, lexicons=layered)
        except LexiconError as exc:
            raise fail(f"refused: {exc}") from None
        out_console.print(f"added {shown(entry.id)} at {shown(edit.path)}:{edit.line}")


def _number(value: float) -> str:
    return (
        "n/a"
        if value is None or (isinstance(value, float) and math.isnan(value))
        else (f"{value:.3g}")
    )


@lexicon_app.command(
    epilog=examples(
        "framing lexicon diff lexicons/ my-lexicons/ seeds/",
        "framing lexicon diff ../old-checkout/lexicons/ lexicons/ corpus/",
    )
)
def diff(
    folder_a: Annotated[Path, typer.Argument(help="Lexicons before: a folder (or an overlay).")],
    folder_b: Annotated[Path, typer.Argument(help="Lexicons after: a folder (or an overlay).")],
    corpus: CorpusArgument,
    outlet: OutletOption = None,
    model: ModelOption = None,
):
    """How the per-outlet figures change between two lexicon versions.

    What an edit does to a report, before you commit it. The corpus is parsed once and each
    version's lexicons are applied to the same parse.
    """
    from framing.curate.corpus import diff as compare
    from framing.lexicon.load import LexiconError

    analyzer = load_analyzer(None, model)
    try:
        result = compare(folder_a, folder_b, corpus, analyzer, outlet=outlet)
    except (LexiconError, ValueError) as exc:
        raise fail(str(exc)) from None
    out_console.print(
        f"lexicons {result.version_a} → {result.version_b} · {result.n_articles} article(s)"
    )
    if result.figures.empty and result.entries.empty:
        out_console.print("no figure changes", style="dim")
        return
    figures = Table("outlet", "figure", "before", "after", "change", box=None)
    for row in result.figures.itertuples(index=False):
        figures.add_row(
            shown(row.outlet),
            row.figure,
            _number(row.before),
            _number(row.after),
            _number(row.change),
        )
    out_console.print(figures)
    entries = Table("entry", "hits before", "hits after", "change", box=None)
    for row in result.entries.itertuples(index=False):
        entries.add_row(row.entry_id, str(row.hits_before), str(row.hits_after), f"{row.change:+d}")
    out_console.print(entries)


@lexicon_app.command(
    epilog=examples(
        "framing lexicon stats",
        "framing lexicon stats --gold ../shared/gold/babe/babe_sg2.csv --split dev --top 50",
    )
)
def stats(
    gold: Annotated[
        Path, typer.Option("--gold", help="BABE CSV (babe_sg2.csv).", dir_okay=False)
    ] = Path("../shared/gold/babe/babe_sg2.csv"),
    split: Annotated[str, typer.Option("--split", help="all, dev or test.")] = "all",
    top: Annotated[int, typer.Option("--top", help="Show this many entries (0: all).")] = 0,
    lexicons: LexiconsOption = None,
    model: ModelOption = None,
):
    """Per loaded-term entry: how often it fires on BABE, and its precision there.

    Precision is the share of hits that are among the experts' biased words; noisy entries
    show up here.
    """
    from framing.curate.corpus import entry_stats

    if not gold.is_file():
        raise fail(f"{gold}: no such file (BABE: see ../shared/DATA.md)")
    if split not in ("all", "dev", "test"):
        raise fail(f"--split must be all, dev or test, not {split!r}")
    layered = _load_lexicons(lexicons)
    try:
        rows = entry_stats(gold, _load_nlp(model), layered, split=split)
    except ValueError as exc:
        raise fail(str(exc)) from None
    table = Table("entry", "on", "fires", "outlet", "in gold", "P", "P outlet", box=None)
    for row in rows[: top or None]:
        table.add_row(
            row.entry_id,
            "yes" if row.enabled else "no",
            str(row.fires),
            str(row.fires_outlet),
            str(row.in_gold),
            _number(row.precision),
            _number(row.precision_outlet),
        )
    out_console.print(table)
    out_console.print(
        f"BABE {split} split · lexicons {layered.version} · P = share of hits on an expert's "
        "word; outlet = hits in the outlet's own voice",
        style="dim",
    )
