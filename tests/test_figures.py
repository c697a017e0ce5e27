"""Figures: numbers, what they count, and the attribution that covers them."""

from __future__ import annotations

import pytest

from framing.figures import FigureFinder, counted_word, covering_attribution
from framing.records import Attribution, Source, TextSpan


def _attribution(sentence: TextSpan, *, content: TextSpan | None, entity: str) -> Attribution:
    speaker = Source(TextSpan(0, 1, entity[0]), entity, "intelligence", True)
    return Attribution(
        kind="according_to", sentence=sentence, cue=None, cue_lemma="according to",
        stance="neutral", stance_entry_id=None, speaker=speaker, content=content,
    )  # fmt: skip


@pytest.mark.parametrize(
    "text, figures",
    [
        ("It sent 15,000 troops.", [("15,000", "troops")]),
        ("About 600 killed and 2,000 wounded.", [("600", "killed"), ("2,000", "wounded")]),
        ("No numbers here.", []),
    ],
)
def test_numbers_without_ner_are_counts(blank_nlp, lexicons, text, figures):
    doc = blank_nlp(text)
    doc._.attributions = []
    doc = FigureFinder(blank_nlp, lexicons)(doc)
    assert [(f.span.text, f.counts) for f in doc._.figures] == figures
    assert all(f.kind == "count" and not f.attributed for f in doc._.figures)


def test_counted_word_skips_of(blank_nlp):
    doc = blank_nlp("It sent 10,000 of its troops.")
    assert counted_word(doc[2:3]) == "its" or counted_word(doc[2:3]) is None


def test_a_figure_in_a_claims_content_is_that_claims(blank_nlp):
    sentence = TextSpan(0, 60, "x" * 60)
    number = TextSpan(10, 13, "600")
    inside = _attribution(sentence, content=TextSpan(5, 30, "c"), entity="NIS")
    other = _attribution(sentence, content=TextSpan(31, 50, "c"), entity="Kremlin")
    assert covering_attribution(number, sentence, [other, inside]) is inside


def test_a_figure_with_no_claim_in_its_sentence_is_unattributed():
    sentence = TextSpan(0, 60, "x" * 60)
    elsewhere = _attribution(TextSpan(61, 90, "y"), content=None, entity="NIS")
    assert covering_attribution(TextSpan(10, 13, "600"), sentence, [elsewhere]) is None


def test_seed_figures_show_attributed_and_bare_numbers(seed_analyses):
    trt = next(a for a in seed_analyses if a.article.outlet == "TRT World")
    about_600 = next(f for f in trt.figures if "600" in f.span.text)
    assert about_600.source is not None
    assert "intelligence" in about_600.source.entity.lower()
