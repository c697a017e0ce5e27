"""Write ``docs/accuracy.md``: the current accuracy on PolNeAR dev and on BABE, in one run.

    python -m framing.evaluation.accuracy ../shared/gold --out docs/accuracy.md   # make accuracy

Attribution (cue, source, content; exact and overlap matching) is scored on the PolNeAR dev
split with :func:`framing.evaluation.tasks.evaluate_brat`, the same numbers ``framing evaluate
… --format brat`` prints. Loaded terms are scored on BABE with
:mod:`framing.evaluation.babe`, word level (all hits, and own-wording hits: narration and
paraphrase together and each alone) and sentence level, on each of its halves (``dev`` was
used to choose lexicon entries; ``test`` was not). Scare quotes are scored on the
hand-labelled sample of ``tests/gold/scare_quotes/`` with
:func:`framing.evaluation.scare_quotes.evaluate_scare_quotes` (BBC texts from
``../shared/corpora/bbc_news.jsonl``, beside the gold folder), as ``framing evaluate …
--format scare-quotes`` prints it. Voice, provenance and figures are scored on the seeds' exact
hand reading (``tests/gold/seeds/``) with
:func:`framing.evaluation.seeds_scores.evaluate_seeds_gold`, as ``framing evaluate …
--format seeds-gold`` prints them. PolNeAR dev's direct quotations are scored as a quote set
(:mod:`framing.evaluation.polnear_quotes`, built at each run), and source types against the
hand labels of ``tests/gold/source_types/`` (:mod:`framing.evaluation.source_types`).
Beside the dev tables, human agreement on PolNeAR's articles with several annotators, and the
extractor's agreement with each of those annotators (:mod:`framing.evaluation.agreement`).

The same run writes ``framing/data/accuracy.json``: the figures of each measure the report
uses, with the data it was measured on. The page's first section and the report's "How
accurate are these measures" are both printed from that file (:func:`figure_cells`), so they
cannot drift apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from framing.evaluation.accuracy_figures import COMMAND, build_figures, cells, figures_section
from framing.evaluation.accuracy_sections import (
    CUE_AUDIT_FILE,
    ceiling_section,
    cue_audit_section,
    labeller_meta,
    labeller_section,
    quote_set_section,
    read_cue_audit,
    scare_filter_meta,
    scare_filter_section,
    score_quote_set,
    score_source_typing,
    source_typing_section,
)
from framing.evaluation.agreement import MODEL_MODES, agreement_section, measure_agreement
from framing.evaluation.ceiling import measure_ceilings
from framing.evaluation.results import ALL, EvaluationResult
from framing.report.accuracy import (
    FIGURES_FILE,
    number,
)

#: The hand-labelled scare-quote sample, in the repository (not in an installed package).
SCARE_SAMPLE = Path(__file__).resolve().parents[2] / "tests" / "gold" / "scare_quotes"
#: The seeds' exact hand reading, in the repository (not in an installed package).
SEEDS_GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold" / "seeds"
FULL_COMMAND = "python -m framing.evaluation.accuracy ../shared/gold --out docs/accuracy.md"



def attribution_section(result: EvaluationResult) -> list[str]:
    lines = [
        "## Attribution: PolNeAR dev",
        "",
        f"{result.n_documents} articles of the PolNeAR dev split (Newell, Margolin & Ruths, "
        "LREC 2018); annotator agreement there is token-wise alpha 0.754.",
        "",
        "| component | match | P | R | F1 | gold | predicted | matched |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for component in ("cue", "source", "content"):
        for match in ("exact", "overlap"):
            row = result.row(component, match)
            lines.append(cells(
                component, match, number(row.precision), number(row.recall), number(row.f1),
                row.n_gold, row.n_pred, row.n_matched,
            ))
    typed = [r for r in result.rows if r.category != ALL and r.match == "overlap"]
    if typed:
        lines += [
            "",
            "Precision of predictions by the label we gave them: source type for sources, "
            "stance for cues (overlap; PolNeAR has neither, so recall per label cannot be "
            "measured):",
            "",
            "| component | label | P | predicted | matched |",
            "|---|---|---:|---:|---:|",
        ]
        for row in sorted(typed, key=lambda r: (r.component != "source", -r.n_pred)):
            lines.append(cells(row.component, row.category, number(row.precision), row.n_pred,
                                row.n_matched))
    lines += ["", *(f"- {note}" for note in result.notes)]
    return lines


#: The pipeline modes of ``framing score``, by what each parses (see framing.annotate.selective).
PARSE_MODES = (
    ("all", "`--full-parse`: every sentence parsed"),
    ("candidates", "default: only sentences that can carry an attribution parsed"),
    ("none", "`--fast`: no parser, surface rules"),
    ("accurate", "`--accurate`: every sentence parsed, the trained labeller on the rules"),
)


def parse_modes_section(results: dict[str, EvaluationResult]) -> list[str]:
    """F1 (overlap and exact) of each component under each parsing mode, side by side."""
    lines = [
        "### By pipeline mode",
        "",
        "The same split, scored with each mode of `framing score`. The default parses only "
        "the sentences that can carry an attribution (a reporting cue of the lexicon, a word "
        "the learned cue detector weighs as a cue, a quote mark, a colon after a name); its "
        "speed against the model is in [performance.md](performance.md).",
        "",
        "| mode | cue F1 | source F1 | content F1 | cue F1 exact | source F1 exact "
        "| content F1 exact |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for parse, label in PARSE_MODES:
        if parse not in results:
            continue
        result = results[parse]
        overlap = [number(result.row(c, "overlap").f1) for c in ("cue", "source", "content")]
        exact = [number(result.row(c, "exact").f1) for c in ("cue", "source", "content")]
        lines.append(cells(label, *overlap, *exact))
    return lines


#: The word-level rows of the BABE table: (key of score_babe's ``word``, label). Own wording
#: is shown whole and a voice at a time, since its two voices score differently.
BABE_WORD_ROWS = (
    ("all", "word, all hits"),
    ("outlet", "word, own-wording hits"),
    ("narration", "word, own wording: narration hits"),
    ("paraphrase", "word, own wording: paraphrase hits"),
)


def paraphrase_note(result: dict) -> list[str]:
    """What the narration and paraphrase rows say: the experts mark a loaded word in the
    outlet's paraphrase of a source less often than in its narration (issue #12)."""
    splits = result["splits"]
    if not {"dev", "test"} <= set(splits):
        return []

    def precision(split: str, voice: str) -> str:
        word = splits[split]["word"][voice]
        return f"{number(word['precision'])} ({word['true_positives']} of {word['predicted']})"
    return [
        "- Own wording a voice at a time: narration hits P dev "
        f"{precision('dev', 'narration')}, test {precision('test', 'narration')}; paraphrase "
        f"hits P dev {precision('dev', 'paraphrase')}, test {precision('test', 'paraphrase')}. "
        "The experts mark a loaded word less often when the outlet puts it in a source's "
        "mouth, out of quote marks, than in its own narration: paraphrase is own wording by "
        "#12's definition, and it is what lowered the own-wording precision from the figure "
        "before the voices"
        + (f" (narration hits alone, all P {precision('all', 'narration')}, against 0.782 then)"
           if "all" in splits else "")
        + ". A word hit in both voices of a sentence counts in each row."
    ]


def babe_section(result: dict) -> list[str]:
    lines = [
        "## Loaded terms: BABE",
        "",
        "BABE (Spinde et al., Findings of EMNLP 2021), expert group SG2, 3,674 sentences. "
        "`dev` is the half used to choose and prune lexicon entries, `test` the held-out half, "
        "`all` both (for comparison with published figures).",
        "",
        "| split | level | P | R | F1 | macro-F1 | gold | predicted |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for split, scores in result["splits"].items():
        for voice, name in BABE_WORD_ROWS:
            word = scores["word"][voice]
            lines.append(cells(
                split, name, number(word["precision"]), number(word["recall"]),
                number(word["f1"]), "", word["gold"], word["predicted"],
            ))
        sentence = scores["sentence"]
        lines.append(cells(
            split, "sentence (Biased)", number(sentence["precision"]),
            number(sentence["recall"]), number(sentence["f1"]), number(sentence["macro_f1"]),
            sentence["gold_biased"], sentence["predicted_biased"],
        ))
    lines += [
        "",
        "Published reference points on the whole set: word level, the authors' bias lexicon "
        "P 0.62 R 0.12 F1 0.20 and a negative-sentiment lexicon F1 0.40; sentence level, "
        "BERT-family classifiers macro-F1 about 0.80; expert agreement is Krippendorff's "
        "alpha 0.40, so no method should be expected near 1.0.",
        "",
        f"- Word matching: {result['matching']}",
        "- Scare quotes are not predictions of loaded words. A sentence is predicted Biased "
        "when it has a loaded term in the outlet's own wording: narration and paraphrase "
        "(framing.annotate.voice; a word in quote marks is the speaker's).",
        "- Before the three voices (#12), own-voice hits were those outside quote marks and "
        "outside every attribution's content (paraphrase counted as the speaker's): all P 0.782 "
        "R 0.252 F1 0.381, test P 0.708 R 0.219 F1 0.335, sentence macro-F1 all 0.661, test "
        "0.636. Counting paraphrase as the outlet's trades precision for recall.",
        *paraphrase_note(result),
        "- A loaded word inside a scare quote counts once, as the scare quote "
        "(framing.annotate.loaded_terms.one_count_per_word, #12), so it is no loaded-word "
        "prediction here. Counted twice, as on 5 December 2026 before that change (commit "
        "36a95bd), "
        "own-wording hits were all P 0.748 R 0.280 F1 0.408 (1461 predicted), test P 0.666 R "
        "0.242 F1 0.355 (703), sentence macro-F1 all 0.674, test 0.645.",
    ]
    return lines


def scare_quote_section(result: EvaluationResult) -> list[str]:
    """Precision and recall of the scare-quote detector on the labelled sample, by source."""
    lines = [
        "## Scare quotes: a hand-labelled sample",
        "",
        "Every closed quoted fragment of 1-6 words in a fixed-seed sample of BBC News "
        "articles, stratified by category, and in the five seeds, labelled by hand: "
        "[tests/gold/scare_quotes/](../tests/gold/scare_quotes/README.md) gives the "
        "guidelines and each verdict's reason. Precision is read two ways. *Issue #12's "
        "definition* (a quoted fragment no source is credited with nearby, not a name): "
        "fragments labelled `scare`, `term`, `mention`, `emphasis` or `uncredited_quotation` "
        "are right, quoted speech, names and readers' comments wrong. *The writer's distance*: "
        "only `scare` is right. Recall is the share flagged among those labelled `scare`. The "
        "whole pipeline "
        f"of `framing score` (default mode), model `{result.model}`, lexicons "
        f"`{result.lexicon_version}`. Rows `design` and `held_out` split the sample by "
        "article (`framing/evaluation/scare_split.py`). What was looked at: the rules of "
        "`framing/annotate/quote_credit.py` were designed on `design`, then changed after "
        "reading the errors of `held_out` too, so neither half is unseen any more. "
        "`fresh_held_out`: hits of the detector drawn at random (fixed seed) from BBC "
        "articles the sample never drew, labelled after the rules of 5 December 2026 were "
        "fixed (`fresh.jsonl`, its README); the third round of rules was written from its "
        "errors, so it is design data now. It samples hits, not fragments, so it has "
        "precision only. The learned filter (`framing/annotate/scare_filter.py`) was trained "
        "on every row of both BBC files, so its BBC figure is its nested cross-validation "
        "(below), with the rules in sample. `polnear_held_out`: 200 hits of the rules of "
        "commit e758853 on PolNeAR (US political news, 2016), drawn at random and labelled "
        "blind (`polnear.jsonl`, its README); `polnear_first`: 92 hits of an unmerged "
        "design (`polnear_first.jsonl`). Both are scored over the drawn hits the detector "
        "still flags; the fifth round of rules was written from their errors and the filter "
        "trained on them, so they are design data. `last_held_out`: **every** hit of the "
        "fifth round's detector on BBC and PolNeAR that no other file holds, 9 in all, "
        "labelled blind (`last_hits.jsonl`): the one row no rule or weight was written from, "
        "and too few hits to settle the issue's target either way.",
        "",
        "| texts | flagged | P, issue's definition | 95% interval | P, writer's distance "
        "| 95% interval | R (`scare`) | flagged: scare | term, mention, emphasis, uncredited "
        "| quoted speech | name | reader comment | hits outside the sample |",
        "|---|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result.rows:
        extra = row.extra
        interval = f"{number(extra['precision_low'])}-{number(extra['precision_high'])}"
        issue_interval = (
            f"{number(extra['precision_issue_low'])}-{number(extra['precision_issue_high'])}"
        )
        n_scare = extra["flagged_scare"]
        recall = (
            "n/a" if row.n_gold is None
            else f"{number(row.recall)} ({row.n_matched} of {row.n_gold})"
        )
        lines.append(cells(
            row.category, row.n_pred,
            f"{number(extra['precision_issue'])} ({extra['flagged_issue_right']})",
            issue_interval, f"{number(row.precision)} ({n_scare})", interval,
            recall, n_scare,
            extra["flagged_issue_right"] - n_scare, extra["flagged_quoted_speech"],
            extra["flagged_name"], extra["flagged_reader_comment"], extra["unlabelled_hits"],
        ))
    lines += ["", *(f"- {note}" for note in result.notes)]
    return lines


def _scare_quotes(gold_dir: Path, nlp, lexicons) -> EvaluationResult | None:
    from framing.evaluation.run import evaluate

    bbc = gold_dir.parent / "corpora" / "bbc_news.jsonl"
    if not (SCARE_SAMPLE / "sample.jsonl").is_file() or not bbc.is_file():
        return None
    return evaluate(SCARE_SAMPLE, "scare-quotes", nlp, lexicons, texts=[f"bbc_news={bbc}"])


SEEDS_HEADLINES = (
    ("attribution", "core", "overlap", "attribution precision (P) and recall (R), core items",
     "both ≥ 0.85"),
    ("attribution", "core", "exact", "the same, cues matched exactly", ""),
    ("attribution_speaker", "core", "overlap", "speaker right, of paired core items", ""),
    ("loaded_voice", "all", "voice", "voice of each loaded-term hit correct", "≥ 0.90"),
    ("loaded_listed", "all", "voice",
     "hand-listed loaded words: in the right voice, of those found (P) and of all (R)", ""),
    ("state_media_reliance", "all", "within_0.10",
     "articles whose state-media reliance is within 0.10 of the hand figure", "all five"),
    ("figure_source", "all", "overlap",
     "figures credited to the right source, of those found (P) and of all (R)", "≥ 0.85"),
)


def seeds_section(result: EvaluationResult) -> list[str]:
    """The seeds' measures of issue #12, each beside its target, and reliance per article."""
    lines = [
        "## Voice, provenance and figures: the seeds",
        "",
        f"The {result.n_documents} seed articles (`seeds/`) against their exact hand reading "
        "(`tests/gold/seeds/`; its README says how it was read and where it differs from "
        "`../shared/seeds/READING.md`), scored as `framing score` runs (default mode). "
        "`framing evaluate tests/gold/seeds --format seeds-gold --errors errors.csv` lists "
        "every miss. Five articles: each figure is a check against a reading, not a rate.",
        "",
        "| measure | P | R | target | gold | predicted | matched |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for component, category, match, label, target in SEEDS_HEADLINES:
        row = result.row(component, match, category)
        lines.append(cells(label, number(row.precision), number(row.recall), target,
                            number(row.n_gold), row.n_pred, row.n_matched))
    lines += [
        "",
        "| article | hand reliance | predicted | difference |",
        "|---|---:|---:|---:|",
    ]
    for row in result.rows:
        if row.component == "state_media_reliance" and row.category != ALL:
            extra = row.extra
            lines.append(cells(row.category, number(extra["gold"]),
                                number(extra["predicted"]), number(extra["difference"])))
    lines += ["", *(f"- {note}" for note in result.notes)]
    return lines


def _seeds(nlp, lexicons) -> EvaluationResult | None:
    from framing.evaluation.run import evaluate

    if not (SEEDS_GOLD / "gold.yaml").is_file():
        return None
    return evaluate(SEEDS_GOLD, "seeds-gold", nlp, lexicons)


# --- the figures file: the error rates the report carries --------------------------------------


def build_report(gold_dir: Path | str, nlp, lexicons) -> str:
    """The whole Markdown page, from a fresh run over both datasets."""
    return build_page_and_figures(gold_dir, nlp, lexicons)[0]


def build_page_and_figures(gold_dir: Path | str, nlp, lexicons) -> tuple[str, dict]:
    """The Markdown page and the figures file, from one fresh run over the datasets."""
    from framing.annotate.model import model_version
    from framing.evaluation.babe import evaluate_babe
    from framing.evaluation.tasks import evaluate_brat

    gold_dir = Path(gold_dir)
    from framing.annotate.attribution.labeller import AttributionModel

    by_mode = {
        parse: evaluate_brat(gold_dir / "polnear" / "dev", nlp, lexicons, parse=parse)
        for parse, _ in PARSE_MODES
        if parse != "accurate" or AttributionModel.available()
    }
    attribution = by_mode["all"]
    attribution.notes.append("Overlap threshold: 0.5. Scored with every sentence parsed.")
    agreement = measure_agreement(
        gold_dir / "polnear", nlp, lexicons,
        model_modes=[m for m in MODEL_MODES if m != "accurate" or "accurate" in by_mode],
    )
    ceilings = measure_ceilings(gold_dir / "polnear")
    babe = evaluate_babe(gold_dir / "babe" / "babe_sg2.csv", nlp, lexicons)
    # Last: it runs the whole pipeline (the Analyzer), the others the components alone.
    scare_quotes = _scare_quotes(gold_dir, nlp, lexicons)
    seeds = _seeds(nlp, lexicons)  # the whole pipeline too
    quote_set = score_quote_set(gold_dir, nlp, lexicons)
    source_typing = score_source_typing(gold_dir, nlp, lexicons)
    figures = build_figures(attribution, babe, scare_quotes, seeds,
                            model=model_version(nlp), lexicon_version=lexicons.version,
                            scare_filter=scare_filter_meta())
    lines = [
        "# Accuracy",
        "",
        "How often the analyzer agrees with human annotators. Generated by "
        f"`{COMMAND}` (`{FULL_COMMAND}`); do not edit by hand. "
        f"Model `{model_version(nlp)}`, lexicons `{lexicons.version}`.",
        "",
        "Matching rules: *exact* means the same characters once whitespace and punctuation "
        "are trimmed from both ends; *overlap* means shared word tokens / max(gold tokens, "
        "predicted tokens) ≥ 0.5. Both are one-to-one: a gold item matches at most one "
        "prediction. `framing evaluate --help` states them in full; `framing evaluate GOLD "
        "--format brat|babe|spans|quotes-jsonl --errors errors.csv` lists every miss.",
        "",
        *figures_section(figures),
        "",
        *attribution_section(attribution),
        "",
        *parse_modes_section(by_mode),
        "",
        *agreement_section(agreement),
        "",
        *(ceiling_section(ceilings, by_mode.get("accurate")) + [""] if ceilings else []),
        *(cue_audit_section(read_cue_audit()) + [""] if CUE_AUDIT_FILE.is_file() else []),
        *(quote_set_section(*quote_set) + [""] if quote_set is not None else []),
        *(source_typing_section(*source_typing) + [""] if source_typing is not None else []),
        *(labeller_section(meta, by_mode.get("accurate")) + [""]
          if (meta := labeller_meta()) is not None else []),
        *babe_section(babe),
        "",
        *(scare_quote_section(scare_quotes) + [""] if scare_quotes is not None else []),
        *(scare_filter_section(meta) + [""] if (meta := scare_filter_meta()) is not None
          else []),
        *(seeds_section(seeds) + [""] if seeds is not None else []),
        "## Learning from the features",
        "",
        "[docs/featurizer.md](featurizer.md): our per-article features with a "
        "LogisticRegression, 5-fold cross-validated on BABE sentences, next to the published "
        "numbers.",
        "",
    ]
    return "\n".join(lines), figures


def write_figures(figures: dict, path: Path | str = FIGURES_FILE) -> None:
    Path(path).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m framing.evaluation.accuracy",
        description=f"Write the accuracy page. Example: {FULL_COMMAND}",
    )
    parser.add_argument("gold_dir", type=Path, help="folder with polnear/dev and babe/")
    parser.add_argument("--out", type=Path, help="write here (default: print)")
    parser.add_argument("--model", help="spaCy pipeline package (default: as framing score)")
    parser.add_argument("--figures", type=Path, default=FIGURES_FILE,
                        help="with --out, write the figures file the report reads here "
                        "(default: framing/data/accuracy.json)")
    args = parser.parse_args(argv)
    if not (args.gold_dir / "polnear" / "dev").is_dir():
        print(f"error: {args.gold_dir}/polnear/dev: not found", file=sys.stderr)
        return 2

    from framing.annotate.model import load_model
    from framing.lexicon.load import load_lexicons

    page, figures = build_page_and_figures(args.gold_dir, load_model(args.model),
                                           load_lexicons())
    if args.out is None:
        print(page)
    else:  # the page and the figures file are written together, so they cannot drift apart
        args.out.write_text(page, encoding="utf-8")
        write_figures(figures, args.figures)
        print(f"wrote {args.out} and {args.figures}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
