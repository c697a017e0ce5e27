"""Tests for framing.evaluation.tasks: brat and BABE in the common result shape."""

from __future__ import annotations

from pathlib import Path

from framing.evaluation.brat import evaluate_attribution
from framing.evaluation.results import ALL
from framing.evaluation.tasks import evaluate_babe_gold, evaluate_brat

FIXTURES = Path(__file__).parent / "fixtures"
BRAT_SPLIT = FIXTURES / "brat" / "dev"
BABE_SAMPLE = FIXTURES / "babe_sample.csv"


def test_brat_totals_are_those_of_evaluate_attribution(blank_nlp, lexicons):
    result = evaluate_brat(BRAT_SPLIT, blank_nlp, lexicons)
    reference = evaluate_attribution(BRAT_SPLIT, blank_nlp, lexicons)
    for role in ("cue", "source", "content"):
        for mode in ("exact", "overlap"):
            row = result.row(role, mode)
            expected = reference[role][mode]
            assert (row.n_gold, row.n_pred, row.n_matched) == (
                expected["n_gold"], expected["n_pred"], expected["n_matched"]
            )


def test_brat_rows_per_source_type_are_precision_only(blank_nlp, lexicons):
    result = evaluate_brat(BRAT_SPLIT, blank_nlp, lexicons, modes=("overlap",))
    typed = [r for r in result.rows if r.component == "source" and r.category != ALL]
    assert typed and all(r.n_gold is None for r in typed)
    assert sum(r.n_pred for r in typed) == result.row("source", "overlap").n_pred
    assert {r.match for r in result.rows} == {"overlap"}
    stances = [r for r in result.rows if r.component == "cue" and r.category != ALL]
    assert "neutral" in {r.category for r in stances} and all(r.n_gold is None for r in stances)


def test_brat_errors_are_the_unmatched_items(blank_nlp, lexicons):
    result = evaluate_brat(BRAT_SPLIT, blank_nlp, lexicons, modes=("exact",))
    content = result.row("content", "exact")
    errors = [e for e in result.errors if e.component == "content"]
    assert len(errors) == (content.n_gold - content.n_matched) + (
        content.n_pred - content.n_matched
    )
    assert all("[[" in e.context for e in errors)


def test_brat_limit(blank_nlp, lexicons):
    assert evaluate_brat(BRAT_SPLIT, blank_nlp, lexicons, limit=1).n_documents == 1


def test_babe_rows_word_and_sentence_level(blank_nlp, lexicons):
    result = evaluate_babe_gold(BABE_SAMPLE, blank_nlp, lexicons)
    word = result.row("loaded_word", "word")
    assert word.n_gold == 7 and 0 < word.precision <= 1
    outlet = result.row("loaded_word", "word", "outlet_voice")
    assert outlet.n_pred <= word.n_pred
    sentence = result.row("bias_sentence", "sentence")
    assert sentence.n_gold == 3 and "macro_f1" in sentence.extra
    outlets = [r for r in result.rows if r.component == "bias_sentence" and r.category != ALL]
    assert {r.category for r in outlets} == {"Example Daily", "Example Wire", "Example Post"}
    assert sum(r.n_gold for r in outlets) == sentence.n_gold
    voices = ("outlet_voice_narration", "outlet_voice_paraphrase")
    for name in voices:
        alone = result.row("loaded_word", "word", name)
        assert alone.n_gold == word.n_gold and alone.n_pred <= outlet.n_pred
    per_category = [r for r in result.rows if r.component == "loaded_word"
                    and r.category not in (ALL, "outlet_voice", *voices)]
    assert per_category and all(r.n_gold is None for r in per_category)


def test_babe_errors_in_context(blank_nlp, lexicons):
    result = evaluate_babe_gold(BABE_SAMPLE, blank_nlp, lexicons, tasks=("loaded",))
    assert {e.component for e in result.errors} == {"loaded_word"}
    missed = next(e for e in result.errors if e.text == "crushed")
    assert missed.kind == "false_negative" and "[[crushed]]" in missed.context
    assert not any(r.component == "bias_sentence" for r in result.rows)
