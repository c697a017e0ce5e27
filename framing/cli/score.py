"""``framing score``: per-article figures in the terminal, as machine output, or as tables."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from framing.cli.common import (
    app,
    cannot_write,
    cell,
    check_out_folder,
    err_console,
    exit_if_any_failed,
    fail,
    out_console,
    score_with_progress,
    short,
    shown,
)
from framing.cli.options import CorpusOptions, CsvRawOption, PathsArgument, corpus_options

HEADLINE_COLUMNS = (
    ("text_n_words", "words", "{:.0f}"),
    ("attribution_per_100_words", "attrib/100w", "{:.2f}"),
    ("attribution_named_source_share", "named", "{:.0%}"),
    ("attribution_anonymous_source_share", "anon", "{:.0%}"),
    ("attribution_n_distinct_sources", "sources", "{:.0f}"),
    ("state_media_attribution_share", "state media", "{:.0%}"),
    ("loaded_own_per_1000_words", "loaded own/1k own words", "{:.1f}"),
    ("loaded_quoted_per_1000_words", "loaded quoted/1k quoted words", "{:.1f}"),
    ("hedge_per_1000_words", "hedges/1kw", "{:.1f}"),
    ("readability_flesch_reading_ease", "reading ease", "{:.0f}"),
)


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
            cells = [cell(features.get(col), fmt) for col, _, fmt in HEADLINE_COLUMNS]
        table.add_row(short(analysis.article.id), shown(analysis.article.outlet), *cells)
    out_console.print(table)


def _print_explanation(analysis) -> None:
    from framing.measure.features import state_media_claims, state_media_reliance

    article = analysis.article
    out_console.rule(f"[bold]{shown(article.id)}[/]  ({shown(article.outlet)})")
    if analysis.status != "ok":
        reason = analysis.error or "nothing to score"
        out_console.print(f"  {analysis.status}: {shown(reason)}")
        return
    out_console.print(f"[bold]Attributions[/] ({len(analysis.attributions)})")
    reliance = state_media_reliance(analysis.attributions)
    claims = {id(c.claim): c for c in state_media_claims(analysis.attributions, analysis.figures)}
    for attribution, how in zip(analysis.attributions, reliance, strict=True):
        speaker = attribution.speaker
        who = (
            f"{speaker.span.text!r} → {speaker.entity} [{speaker.source_type}"
            f"{'' if speaker.named else ', unnamed'}"
            f"{f', typed by {speaker.entry_id}' if speaker.entry_id else ''}]"
            if speaker
            else "(no speaker)"
        )
        cue = f"{attribution.cue.text!r} → {attribution.stance}" if attribution.cue else "(no cue)"
        if attribution.inferred:
            cue = "(no cue: inferred, a floating quote credited to the speaker before it)"
        via = ""
        if attribution.channel:
            via += f" via {attribution.channel.entity} [{attribution.channel.source_type}]"
        if attribution.relay:
            via += f" relayed by {attribution.relay.entity} [{attribution.relay.source_type}]"
        state = f"  state media: {how}" if how else ""
        if id(attribution) in claims:
            found = claims[id(attribution)]
            state += f", corroborated by {found.corroborator_name}"
            state += f" ({found.match})" if found.match else ""
        out_console.print(shown(f"  • {who}  {cue}{via}  ({attribution.kind}){state}"))
        out_console.print(shown(f"      {attribution.sentence.text.strip()}"), style="dim")
    out_console.print(f"[bold]Loaded terms[/] ({len(analysis.term_hits)})")
    for hit in analysis.term_hits:
        out_console.print(
            f"  • {hit.span.text!r} [{hit.category}] voice={hit.voice}  ({hit.entry_id})"
            + (f"\n      why: {hit.reason}" if hit.reason else ""),
            markup=False,
        )
        out_console.print(shown(f"      {hit.sentence.text.strip()}"), style="dim")
    _print_fragments(analysis)
    names = sorted({m.span.text for m in analysis.state_media})
    out_console.print(
        f"[bold]State-media mentions[/] ({len(analysis.state_media)}): {shown(', '.join(names))}"
    )
    hedges = [m.span.text for m in analysis.hedges]
    out_console.print(f"[bold]Hedges[/] ({len(hedges)}): {shown(', '.join(hedges))}")


def _print_fragments(analysis) -> None:
    """Each short quoted fragment with how it was read and why: credited to a speaker, a
    name, a reader's comment, or a scare quote (issue #12: every reading says why)."""
    from framing.annotate.voice import FRAGMENT_KINDS

    fragments = [v for v in analysis.voices if v.kind in FRAGMENT_KINDS]
    out_console.print(f"[bold]Short quoted fragments[/] ({len(fragments)})")
    for reading in fragments:
        out_console.print(
            f"  • {reading.span.text!r} [{reading.kind}]\n      why: {reading.reason}",
            markup=False,
        )


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


@app.command(
    epilog=(
        "Examples:\n\n"
        "  framing score seeds/\n\n"
        "  framing score seeds/002_68fb978512106583.txt --explain\n\n"
        "  framing score seeds/ --format csv > features.csv\n\n"
        "  framing score seeds/ --out reports/seeds/\n\n"
        "  framing score saved-pages/ articles.jsonl --text-col body --outlet-col source\n\n"
        "  cat article.txt | framing score - --outlet 'NBC News'\n\n"
        "  framing score month.jsonl --fast --jobs 2 --format csv > screening.csv\n\n"
        "  framing score archive/ --engine dask --scheduler tcp://10.0.0.5:8786 --out results/"
    )
)
@corpus_options()
def score(
    paths: PathsArgument,
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
    csv_raw: CsvRawOption = False,
    *,
    corpus: CorpusOptions,
):
    """Score articles: attribution, loaded terms by voice, state-media reliance, hedges."""
    from framing.report.tables import write_score_tables

    if output_format not in ("table", "json", "jsonl", "csv"):
        raise fail(f"--format must be table, json, jsonl or csv, not {output_format!r}")
    check_out_folder(out)
    reading, run, analyzer = corpus.settings()

    # CSV and JSONL rows are written as they come, so a corpus of any size runs in flat
    # memory; the table, JSON and --out need every analysis at the end.
    emit = {"csv": _csv_writer(raw=csv_raw), "jsonl": _write_jsonl}.get(output_format)
    keep = emit is None or out is not None
    result = score_with_progress(paths, analyzer, reading, run, emit=emit, keep=keep)

    if emit is not None:
        pass
    elif output_format == "table":
        _print_summary(result.analyses)
        if explain:
            for analysis in result.analyses:
                _print_explanation(analysis)
        out_console.print(
            f"model {result.model} · lexicons {result.lexicon_version} · "
            f"{len(result.analyses)} article(s)",
            style="dim",
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
        try:
            written = write_score_tables(out, result, csv_raw=csv_raw)
        except OSError as exc:
            raise cannot_write(out, exc) from None
        err_console.print(f"wrote {len(written)} files to {shown(out)}/", style="dim")

    exit_if_any_failed(result)
    if not result.n_scored:
        raise fail("no articles found in " + ", ".join(paths))


def _write_jsonl(analysis) -> None:
    sys.stdout.write(json.dumps(_json_ready(analysis), ensure_ascii=False, default=str) + "\n")


def _csv_writer(raw: bool = False):
    """Rows to stdout as they come; the header is the first row's columns (every row has the
    same columns: failed and empty articles carry NaN features). Text cells are guarded
    against formula injection (framing.common.write) unless ``raw``."""
    import csv

    from framing.common.write import guard_cells

    state: dict = {}

    def write(analysis) -> None:
        row = {k: "" if _is_nan(v) else v for k, v in analysis.row().items()}
        if "writer" not in state:
            state["writer"] = csv.DictWriter(sys.stdout, fieldnames=list(row), lineterminator="\n")
            state["writer"].writeheader()
        state["writer"].writerow(row if raw else guard_cells(row))

    return write


def _is_nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)
