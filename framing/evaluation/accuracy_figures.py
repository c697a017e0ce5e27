"""The figures file of ``make accuracy``: each measure the report rests on, with the data it
was measured on (``framing/data/accuracy.json``), and the page section that prints them.

In: evaluation results. Out: plain dicts, and Markdown lines built with :func:`cells`.
"""

from __future__ import annotations

from framing.evaluation.results import ALL, EvaluationResult
from framing.evaluation.scare_quotes import FRESH, LAST, POLNEAR
from framing.evaluation.scare_split import HELD_OUT
from framing.report.accuracy import FIGURES_HEADER, figure_cells, number

COMMAND = "make accuracy"


def cells(*values) -> str:
    return "| " + " | ".join(str(v) for v in values) + " |"



def _figure(figure_id: str, measure: str, report_uses: str, data: str, precision: float,
            recall: float, f1: float | None, counts: str) -> dict:
    """One measure's figures, rounded as the page prints them (so page and report agree)."""
    def rounded(value):
        return None if value is None or value != value else round(float(value), 3)

    return {
        "id": figure_id, "measure": measure, "report_uses": report_uses, "data": data,
        "precision": rounded(precision), "recall": rounded(recall), "f1": rounded(f1),
        "counts": counts,
    }


#: component -> (what it is, which report figures rest on it)
ATTRIBUTION_USES = {
    "cue": ("Attribution: cue", "attributions per 100 words; reporting verbs"),
    "source": ("Attribution: source", "named and anonymous sources; source types; "
               "state-media reliance"),
    "content": ("Attribution: content", "what counts as paraphrase and quotation; "
                "corroboration of claims"),
}


def attribution_figures(result: EvaluationResult) -> list[dict]:
    data = (f"PolNeAR dev split, {result.n_documents} articles (overlap match, every "
            "sentence parsed)")
    figures = []
    for component, (measure, uses) in ATTRIBUTION_USES.items():
        row = result.row(component, "overlap")
        figures.append(_figure(
            f"attribution_{component}", measure, uses, data, row.precision, row.recall, row.f1,
            f"{row.n_matched} matched of {row.n_gold} gold, {row.n_pred} predicted",
        ))
    return figures


def loaded_term_figures(babe: dict) -> list[dict]:
    """The held-out half of BABE: the dev half chose the lexicon's entries."""
    test = babe["splits"]["test"]
    word, sentence = test["word"]["outlet"], test["sentence"]
    data = "BABE SG2 expert labels, held-out test half"
    return [
        _figure("loaded_terms_words", "Loaded terms in own wording (word level)",
                "loaded terms in own wording, narration and paraphrase", data,
                word["precision"], word["recall"], word["f1"],
                f"{word['predicted']} predicted, {word['gold']} gold words"),
        _figure("loaded_terms_sentences", "Loaded terms: sentence judged biased",
                "articles' loaded-term rates (a sentence with a hit)", data,
                sentence["precision"], sentence["recall"], sentence["f1"],
                f"{sentence['predicted_biased']} predicted, {sentence['gold_biased']} gold "
                "biased sentences"),
    ]


def scare_quote_figures(
    result: EvaluationResult, filter_meta: dict | None = None
) -> list[dict]:
    """The sample's figures; with the learned filter trained on the sample
    (``filter_meta``, its training record), precision is the filter's cross-validated one,
    since the sample's rows are its training data (recall stays the sample's, in-sample)."""
    row = next(r for r in result.rows if r.category == ALL)  # every text of the sample
    extra = row.extra
    precision, held_out = row.precision, ""
    data = "hand-labelled quoted fragments of BBC News articles and the seeds"
    if filter_meta is not None:
        pooled = filter_meta["cross_validation"]["pooled"]
        precision = pooled["precision_scare"]
        data += " (precision: the learned filter's out-of-fold hits)"
        held_out = (
            f"learned filter {filter_meta['version']}, cross-validated: {pooled['scare']} of "
            f"{pooled['hits']} out-of-fold hits are scare quotes, {pooled['right']} of "
            f"{pooled['hits']} ({number(pooled['precision'])}, 95% "
            f"{number(pooled['precision_low'])}-{number(pooled['precision_high'])}) by issue "
            "#12's definition; on the sample it was trained on: "
        )
    return [_figure(
        "scare_quotes", "Scare quotes (the writer's distance)",
        "scare-quoted words counted as the outlet's own wording",
        data,
        precision, row.recall, None,
        held_out
        + f"{extra['flagged_scare']} of {row.n_pred} flagged are scare quotes "
        f"(95% {number(extra['precision_low'])}-{number(extra['precision_high'])}); "
        f"{extra['flagged_issue_right']} of {row.n_pred} ({number(extra['precision_issue'])}, "
        f"95% {number(extra['precision_issue_low'])}-{number(extra['precision_issue_high'])}) "
        "by issue #12's definition (no source credited nearby, not a name)"
        + _held_out_cell(result)
        + f"; {row.n_matched} of {row.n_gold} scare quotes flagged",
    )]


def _held_out_cell(result: EvaluationResult) -> str:
    """The issue's precision on the last held-out sample (every hit no other file held), then
    on the PolNeAR sample, the fresh sample and the old held-out half: each of these was held
    out once, and each has since been read for errors while writing rules."""
    cells_ = []
    for category, label in (
        (LAST, "held out: every hit no file held (BBC and PolNeAR, labelled blind)"),
        (POLNEAR, "PolNeAR sample (political news, read for errors in the fifth round)"),
        (FRESH, "fresh sample, read for errors in the third round"),
        (HELD_OUT, "old held-out half, read for errors"),
    ):
        row = next((r for r in result.rows if r.category == category), None)
        if row is not None:
            extra = row.extra
            cells_.append(
                f"{label} {extra['flagged_issue_right']} of {row.n_pred} "
                f"({number(extra['precision_issue'])})"
            )
    return "".join(f", {cell}" for cell in cells_)


def voice_figures(result: EvaluationResult) -> list[dict]:
    row = result.row("loaded_voice", "voice", "all")
    return [_figure(
        "voice", "Voice of a loaded term (narration, paraphrase, quoted)",
        "loaded terms by voice; own wording", "the five seed articles' hand reading",
        row.precision, row.recall, None, f"{row.n_matched} of {row.n_pred} hits in the right voice",
    )]


def build_figures(attribution, babe, scare_quotes, seeds, *, model: str,
                  lexicon_version: str, scare_filter: dict | None = None) -> dict:
    """The figures file: one record per measure the report uses, with the data behind it."""
    measures = [*attribution_figures(attribution), *loaded_term_figures(babe)]
    if scare_quotes is not None:
        measures += scare_quote_figures(scare_quotes, scare_filter)
    if seeds is not None:
        measures += voice_figures(seeds)
    return {"generated_by": COMMAND, "model": model, "lexicon_version": lexicon_version,
            "measures": measures}


def figures_section(figures: dict) -> list[str]:
    """The figures the report carries, from the figures file (the report prints the same)."""
    return [
        "## The figures the report carries",
        "",
        "The report's section \"How accurate are these measures\" prints this table, read from "
        "the same file (`framing/data/accuracy.json`, written with this page).",
        "",
        cells(*FIGURES_HEADER),
        "|---|---|---:|---:|---:|---|---|",
        *(cells(*figure_cells(f)) for f in figures["measures"]),
    ]

