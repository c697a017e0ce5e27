"""``framing evaluate``: precision, recall and F1 against human annotations, from the shell."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from framing.cli.common import app, err_console, fail, out_console
from framing.cli.options import (
    AccurateOption,
    LexiconsOption,
    ModelOption,
    load_lexicons,
    load_nlp,
)
from framing.evaluation.matching import DEFAULT_THRESHOLD
from framing.evaluation.run import MATCHING_RULES


class GoldFormat(StrEnum):
    brat = "brat"
    babe = "babe"
    spans = "spans"
    quotes_jsonl = "quotes-jsonl"
    scare_quotes = "scare-quotes"
    seeds_gold = "seeds-gold"


class Task(StrEnum):
    attribution = "attribution"
    loaded = "loaded"
    bias_sentence = "bias-sentence"
    scare_quotes = "scare-quotes"
    voice = "voice"
    reliance = "reliance"
    figures = "figures"


class Match(StrEnum):
    exact = "exact"
    overlap = "overlap"


EVALUATE_HELP = (
    "Score the analyzer against human annotations: precision, recall and F1 per component, "
    "overall and per category or source type, with the number of gold and predicted items.\n\n"
    "[bold]Formats.[/] brat: a folder of text/NAME.txt and attributions/NAME_ANNOTATOR.ann "
    "(PolNeAR; Source, Cue and Content spans tied by Attribution events; with several "
    "annotators' files the first in sorted order is used). babe: a BABE CSV (text, "
    "label_bias, biased_words); word level: predicted loaded terms against the experts' words; "
    "sentence level: an outlet-voice loaded term against the Biased label. spans: "
    "article<ID>.txt files beside ID<TAB>LABEL<TAB>START<TAB>END files (.labels or .tsv; the "
    "SemEval-2020 Task 11 layout); --label maps gold labels to loaded-term categories. "
    "quotes-jsonl: one JSON object a line, {text, quotes: [{speaker, cue, content}]}. "
    "scare-quotes: a folder with sample.jsonl (quoted fragments, each with its source, "
    "article, offsets and a hand verdict: scare, quoted_speech, name, term, ...), optionally "
    "fresh.jsonl (a held-out sample of hits, precision only) and sources.json (where each "
    "source's texts are; --texts NAME=PATH overrides); the articles are scored "
    "by the whole pipeline, as framing score does (tests/gold/scare_quotes/). "
    "seeds-gold: the seeds' exact hand reading (tests/gold/seeds/: NAME.ann brat "
    "attributions with Channel, Relay and Kind/Level/StateMedia attributes, and gold.yaml with "
    "voice regions, loaded words, figures and the hand state-media reliance); the seeds are "
    "scored by the whole pipeline, as framing score does; tasks attribution, voice, reliance, "
    "figures.\n\n"
    f"[bold]Matching.[/] {MATCHING_RULES}"
)


def _load(model: str | None, lexicons: list[Path] | None):
    return load_nlp(model), load_lexicons(lexicons)


def _print_rows(result) -> None:
    from framing.report.accuracy import number

    table = Table(
        title=f"{result.format}: {result.dataset} ({result.n_documents} documents)",
        title_justify="left",
    )
    for header in ("component", "category", "match"):
        table.add_column(header)
    for header in ("P", "R", "F1", "gold", "pred", "matched", "other"):
        table.add_column(header, justify="right")
    for row in result.rows:
        other = ", ".join(f"{name} {number(value)}" for name, value in row.extra.items())
        matched = number(row.n_matched, 1 if row.n_matched % 1 else 0)
        table.add_row(
            row.component,
            row.category,
            row.match,
            number(row.precision),
            number(row.recall),
            number(row.f1),
            number(row.n_gold),
            str(row.n_pred),
            matched,
            other,
        )
    out_console.print(table)
    for note in result.notes:
        out_console.print(f"• {note}", style="dim", markup=False)
    out_console.print(
        f"model {result.model} · lexicons {result.lexicon_version}", style="dim", markup=False
    )


def _print_causes(errors) -> None:
    """The errors counted by component, kind and cause (framing.evaluation.error_kinds)."""
    from framing.evaluation.error_kinds import cause_counts

    counts = cause_counts(errors)
    if not counts:
        return
    table = Table(title="Errors by kind and cause", title_justify="left")
    for header in ("component", "match", "kind", "cause"):
        table.add_column(header)
    table.add_column("count", justify="right")
    for component, match, kind, cause, n in counts:
        table.add_row(component, match, kind, cause, str(n))
    err_console.print(table)


@app.command(
    help=EVALUATE_HELP,
    epilog=(
        "Examples:\n\n"
        "  framing evaluate ../shared/gold/polnear/dev --format brat\n\n"
        "  framing evaluate ../shared/gold/polnear/dev --format brat --match exact "
        "--errors attribution-errors.csv\n\n"
        "  framing evaluate ../shared/gold/babe/babe_sg2.csv --format babe --task loaded --json\n\n"
        "  framing evaluate semeval/dev/ --format spans --label Loaded_Language=*\n\n"
        "  framing evaluate quotes.jsonl --format quotes-jsonl --limit 100\n\n"
        "  framing evaluate tests/gold/scare_quotes --format scare-quotes "
        "--texts bbc_news=../shared/corpora/bbc_news.jsonl\n\n"
        "  framing evaluate tests/gold/seeds --format seeds-gold --errors seeds-errors.csv"
    ),
)
def evaluate(
    gold: Annotated[
        Path,
        typer.Argument(
            help="Gold data: a folder (brat, spans) or a file (babe, quotes-jsonl, or one "
            "spans .labels file).",
            exists=True,
        ),
    ],
    gold_format: Annotated[
        GoldFormat, typer.Option("--format", help="Layout of the gold data.", case_sensitive=False)
    ],
    task: Annotated[
        Task | None,
        typer.Option("--task", help="Score one task only (default: every task the format has)."),
    ] = None,
    match: Annotated[
        Match | None,
        typer.Option(
            "--match", help="One matching rule only (default: every rule; brat and spans only)."
        ),
    ] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", help="Token overlap ratio for --match overlap.")
    ] = DEFAULT_THRESHOLD,
    label: Annotated[
        list[str] | None,
        typer.Option(
            "--label",
            help="spans: GOLD_LABEL=CATEGORY, a gold label and the "
            "loaded-term category that predicts it, * for any (repeatable; default "
            "Loaded_Language=* and Name_Calling,Labeling=*).",
        ),
    ] = None,
    texts: Annotated[
        list[str] | None,
        typer.Option(
            "--texts",
            help="scare-quotes: NAME=PATH, where the texts of the sample's source NAME are (a "
            "corpus file or folder; repeatable; default: the sample's sources.json).",
        ),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            help="Write every false positive and false negative, in context, to this CSV, "
            "each with its cause (brat: a missed cue's kind, verb in the lexicon or not, noun "
            "cue, punctuation; a missed content's, floating quote or reported speech; a false "
            "positive's, how it was found; a hand-labelled source typed wrong, the pair of "
            "types), and print a count by kind and cause.",
            dir_okay=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine output on stdout.")] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Score the first N documents (BABE: sentences)."),
    ] = None,
    lexicons: LexiconsOption = None,
    model: ModelOption = None,
    accurate: AccurateOption = False,
):
    from framing.evaluation.errors import write_errors_csv
    from framing.evaluation.run import evaluate as run_evaluation

    nlp, loaded_lexicons = _load(model, lexicons)
    # A full gold set takes minutes; say what is running rather than sit silent.
    err_console.print(f"evaluating on {gold} ({gold_format.value}) …", style="dim")
    try:
        result = run_evaluation(
            gold,
            gold_format.value,
            nlp,
            loaded_lexicons,
            task=task.value if task else None,
            match=match.value if match else None,
            threshold=threshold,
            labels=label or (),
            limit=limit,
            texts=texts or (),
            accurate=accurate,
        )
    except (ValueError, FileNotFoundError) as exc:
        raise fail(str(exc)) from None
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        _print_rows(result)
    if errors is not None:
        count = write_errors_csv(errors, result.errors)
        _print_causes(result.errors)
        err_console.print(f"wrote {count} errors to {errors}", style="dim")
