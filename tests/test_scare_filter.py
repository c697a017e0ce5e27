"""The learned scare-quote filter: its features, its decisions and reasons, the shipped
weights, and how its threshold is chosen (framing.annotate.scare_filter, issue #12)."""

from __future__ import annotations

import json

import pytest

from framing.annotate.records import Quote, TextSpan
from framing.annotate.scare_filter import (
    MODEL_PATH,
    FragmentContext,
    ScareFilter,
    ScareWords,
    distance_before,
    fragment_features,
    shipped_filter,
    weights_version,
)
from framing.annotate.voice import QUOTED
from framing.evaluation.train_scare_filter import pick_threshold, text_group

from .conftest import voice_reading

WORDS = ScareWords(before_mark=frozenset({"so-called", "the", "dubbed"}),
                   speech=frozenset({"said", "statement"}))


def _features(blank_nlp, text: str, fragment: str, *, speech=(False,), index=0):
    doc = blank_nlp(text)
    start = text.index(fragment)
    span = TextSpan(start, start + len(fragment), fragment)
    bounds = [(0, len(text), credits) for credits in speech]
    context = FragmentContext(
        sentences=bounds, index=index, paragraph=0, n_paragraphs=1, clauses=[],
        quotes=[Quote(span, closed=True, scare=True)],
    )
    return fragment_features(doc, span, context, WORDS)


@pytest.mark.parametrize(
    ("text", "fragment", "feature", "present"),
    [
        ('despite the so-called "peace talks" now', "peace talks", "before=so-called", True),
        ('despite the "peace talks" now', "peace talks", "before=so-called", False),
        ('despite the "peace talks" now', "peace talks", "before=the", True),
        ('an affair dubbed "Nipple-gate" by fans', "Nipple-gate", "before=dubbed", True),
        ('an affair dubbed "Nipple-gate" by fans', "Nipple-gate", "has_hyphen", True),
        ('an affair dubbed "Nipple-gate" by fans', "Nipple-gate", "case=lower", False),
        ('a "letter of intent" was sent', "letter of intent", "case=lower", True),
        ('a "letter of intent" was sent', "letter of intent", "words=3+", True),
        ('a "letter of intent" was sent', "letter of intent", "words=1", False),
        ('the "Longhorn" release', "Longhorn", "case=title", True),
        ('a form "R85" is due', "R85", "has_digit", True),
        ('a form "R85" is due', "R85", "after_word=is", True),
        ('<a href="news">link</a>', "news", "markup", True),
        ('the "news" today', "news", "markup", False),
        ("his 'golden rule' stands", "golden rule", "single_marks", True),
        ('his "golden rule" stands', "golden rule", "single_marks", False),
        ('The "miracle" is over, the miracle is gone', "miracle", "words_repeated_unquoted", True),
        ('The "miracle" is over', "miracle", "words_repeated_unquoted", False),
        ('He said the "deal" was done', "deal", "speech_word_in_sentence", True),
        ('The "deal" was done', "deal", "speech_word_in_sentence", False),
        ('The "deal" was done', "deal", "word=deal", True),
    ],
)
def test_fragment_features(blank_nlp, text, fragment, feature, present):
    assert (feature in _features(blank_nlp, text, fragment)) is present


@pytest.mark.parametrize(
    ("speech", "index", "feature", "present"),
    [
        ((True, False), 1, "speech_1_before", True),
        ((False, False), 1, "speech_1_before", False),
        ((False, True), 0, "speech_1_after", True),
        ((False, False), 0, "speech_1_after", False),
        ((True, False), 1, "speech_in_sentence", False),
        ((False, True), 1, "speech_in_sentence", True),
    ],
)
def test_features_of_neighbouring_sentences(blank_nlp, speech, index, feature, present):
    features = _features(blank_nlp, 'The "deal" was done', "deal", speech=speech, index=index)
    assert (feature in features) is present


TOY = ScareFilter(weights={"good": 2.0, "bad": -3.0, "weak": 0.1}, intercept=0.0,
                  threshold=0.5, version="scare-test")


@pytest.mark.parametrize(
    ("features", "keep", "strongest"),
    [
        ({"good": 1.0}, True, "good"),
        ({"good": 1.0, "weak": 1.0}, True, "good"),
        ({"bad": 1.0}, False, "bad"),
        ({"good": 1.0, "bad": 1.0}, False, "bad"),  # the decision's side only
        ({"unknown": 1.0}, True, None),  # p = 0.5 reaches the threshold; no feature pushed
    ],
)
def test_judgement_keeps_and_names_its_strongest_features(features, keep, strongest):
    judgement = TOY.judge(features)
    assert judgement.keep is keep
    names = [name for name, _ in judgement.strongest]
    assert (names[0] if names else None) == strongest
    assert ("set off by the writer" in judgement.reason) is keep
    assert "scare-test" in judgement.reason


def test_a_rejected_fragment_kept_for_a_reason_says_so():
    judgement = TOY.judge({"bad": 1.0}).kept("holds the loaded term loaded.x")
    assert judgement.keep and judgement.probability < judgement.threshold
    assert "< 0.50" in judgement.reason
    assert "kept: holds the loaded term loaded.x" in judgement.reason


@pytest.mark.parametrize(
    ("before", "word"),
    [
        ("despite alleged ongoing \u201c", "alleged"),
        ("the supposedly \"", "supposedly"),
        # Negatives: too far before the marks; no word of doubt; doubt as part of a word.
        ("an alleged attack on the city, and \"", None),
        ("despite the ongoing \"", None),
        ("the unsupposed \"", None),
        # A person's own label is distance for the features, but no doubt.
        ("a self-styled \"", None),
    ],
)
def test_a_word_of_doubt_before_the_marks(lexicons, before, word):
    words = ScareWords.from_lexicons(lexicons)
    assert distance_before(before, words.doubt) == word
    assert distance_before("a self-styled \"", words.distance) == "self-styled"


def test_shipped_weights_are_small_versioned_and_cross_validated():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = shipped_filter()
    assert model is not None and model.version == weights_version(data) == data["version"]
    assert 0.0 < model.threshold < 1.0
    assert MODEL_PATH.stat().st_size < 100_000
    pooled = data["cross_validation"]["pooled"]
    assert pooled["hits"] == sum(fold["hits"] for fold in data["cross_validation"]["folds"])
    assert 0.0 <= pooled["precision"] <= 1.0


def test_shipped_word_lists_come_from_the_lexicons(lexicons):
    words = ScareWords.from_lexicons(lexicons)
    assert {"so-called", "dubbed", "the"} <= words.before_mark
    assert "said" in words.speech and "statement" in words.speech  # reporting verbs, and ours
    assert "peace" not in words.speech


@pytest.mark.parametrize(
    ("labels", "scores", "threshold"),
    [
        # The lowest threshold reaching 0.85 precision while keeping a quarter of positives.
        ([1, 1, 1, 1, 0, 0], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4], 0.6),
        ([1, 0, 1, 1, 1, 1, 1, 0], [0.9, 0.85, 0.8, 0.7, 0.65, 0.6, 0.55, 0.5], 0.55),
        # Never reaching it: the threshold of highest precision that keeps a quarter.
        ([0, 1, 1, 0], [0.9, 0.8, 0.7, 0.6], 0.7),
    ],
)
def test_pick_threshold(labels, scores, threshold):
    assert pick_threshold(labels, scores) == pytest.approx(threshold)


def test_repeated_articles_share_a_fold():
    assert text_group("A  text\nhere") == text_group("A text here")
    assert text_group("A text here") != text_group("Another text")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "fragment", "kind"),
    [
        # A euphemism of the loaded-term lexicon set off in marks stays a scare quote ...
        ("Russia escalated its support into a full-scale \u201cspecial operation\u201d "
         "against Kyiv in 2022.", "special operation", "scare"),
        ("The country's economic \"miracle\" is over.", "miracle", "scare"),
        # ... when it is one side's euphemism, even where the weights would reject it (p < the
        # threshold here: "kept: holds the loaded term"); an insult or intensifier in marks is
        # not kept by its loaded term, since it is nearly always somebody's words.
        ('The peso was made a "special operation" last year.', "special operation", "scare"),
        ('The peso was made "crazy" last year.', "crazy", "speech"),
        # Doubt announced before the marks keeps it too (the Breitbart seed's sentence).
        ("Putin continued to attack major cities despite alleged ongoing \u201cpeace "
         "talks\u201d.", "peace talks", "scare"),
        # And "so-called" before a claim it doubts (a name after it is no scare quote).
        ('The so-called "peace talks" went nowhere.', "peace talks", "scare"),
        ('Microsoft is also using so-called "graphic equalisers" in the game.',
         "graphic equalisers", "name"),
        # Rejected: a currency's status, a ranking; quoted words whose speaker was not found,
        # out of the outlet's voice (these move with the weights: retraining may change them).
        ('The peso was made "convertible" last year.', "convertible", "speech"),
        ('The scheme is a "low priority" for the department.', "low priority", "speech"),
        # Credited or named by the rules: the filter is never asked.
        ('Kim praised the "heroic" soldiers, KCNA said.', "heroic", "fragment"),
        ('The firm has issued a form "R85" to savers.', "R85", "name"),
        ('The chancellor has kept to his "golden rule" on borrowing.', "golden rule", "name"),
    ],
)
def test_the_filter_in_the_pipeline(analyzer, text, fragment, kind):
    reading = voice_reading(analyzer, text, fragment, learned_filter=True)
    assert reading.kind == kind
    assert ("scare-quote filter" in reading.reason) is (kind in ("scare", "speech"))
    if kind == "speech":
        assert reading.voice == QUOTED and "not judged a scare quote" in reading.reason


def test_the_scare_quote_figure_takes_the_filters_cross_validated_precision():
    from framing.evaluation.accuracy_figures import scare_quote_figures
    from framing.evaluation.results import EvaluationResult
    from framing.evaluation.scare_quotes import FlaggedCounts, LabelledFragment, score_row

    fragments = [
        LabelledFragment("bbc_news", "a", 0, 3, "abc", "scare"),
        LabelledFragment("bbc_news", "a", 5, 8, "def", "name"),
    ]
    row = score_row(fragments, FlaggedCounts(frozenset({0, 1}), {}))
    result = EvaluationResult("x", "scare-quotes", ("scare-quotes",), 1, rows=[row])
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    rules, learned = scare_quote_figures(result)[0], scare_quote_figures(result, meta)[0]
    assert rules["precision"] == 0.5 and "cross-validated" not in rules["counts"]
    pooled = meta["cross_validation"]["pooled"]
    assert learned["precision"] == round(pooled["precision_scare"], 3)
    assert f"{pooled['right']} of {pooled['hits']}" in learned["counts"]


def test_the_accuracy_page_gives_the_out_of_fold_figures_by_part():
    from framing.evaluation.accuracy_sections import scare_filter_section

    counts = {"candidates": 10, "hits": 4, "right": 3, "precision": 0.75, "precision_low": 0.3,
              "precision_high": 0.95, "precision_scare": 0.25, "scare": 1, "recall": 0.5,
              "positives": 6}
    meta = {"version": "scare-x", "weights": {"a": 1.0}, "C": 1.0, "threshold": 0.5,
            "trained_on": "toy", "cross_validation": {
                "design": "toy", "folds": [], "pooled": counts, "rules_alone": counts,
                "by_source": {"polnear": counts, "seeds": counts}}}
    lines = scare_filter_section(meta)
    assert any(line.startswith("| pooled: PolNeAR |") for line in lines)
    assert not any("pooled: BBC and seeds" in line for line in lines)  # absent part: no row
    assert not any("pooled: seeds" in line for line in lines)  # not a part the page shows
