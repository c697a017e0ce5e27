"""Tests for source typing beyond the lexicon: the owner rule, a person the parser reads as a
place, and the learned fallback (framing.annotate.source_typing)."""

from __future__ import annotations

import pytest

from framing.annotate.attribution.extract import AttributionExtractor
from framing.annotate.records import Source, TextSpan
from framing.annotate.source_typing import (
    MODEL_ENTRY_ID,
    SourceTypeModel,
    context_features,
    type_by_context,
)


def _types(nlp, extractor, text):
    doc = extractor(nlp(text))
    return [(a.speaker.span.text, a.speaker.source_type) for a in doc._.attributions
            if a.speaker is not None]


#: (sentence, the speaker's mention, its expected type), each read by hand. The negative
#: cases hold the rules back: an office held now stays government, a country is not a person.
RULE_CASES = [
    # A role owned by a typed body takes the body's type.
    ('"We will win," said Brian Fallon, the campaign\'s press secretary.',
     "Brian Fallon, the campaign's press secretary", "political"),
    ('"It is over," said the company\'s spokesman, John Smith.',
     "the company's spokesman, John Smith", "business"),
    # Negative: no owner, the office stands.
    ('"It is over," said White House press secretary Josh Earnest.',
     "White House press secretary Josh Earnest", "government"),
    # Negative: an office title with no owner stays an office.
    ("Sen. Ted Cruz said the bill was dead.", "Sen. Ted Cruz", "government"),
    # The head of an international body, not a general.
    ("U.N. Secretary-General Ban Ki-moon said the talks failed.",
     "U.N. Secretary-General Ban Ki-moon", "ngo"),
    # Negative: a general is military.
    ("Gen. Mark Milley said the troops left.", "Gen. Mark Milley", "military"),
]


@pytest.mark.model
@pytest.mark.parametrize("text, mention, expected", RULE_CASES)
def test_typing_rules(trained_nlp, trained_extractor, text, mention, expected):
    assert (mention, expected) in _types(trained_nlp, trained_extractor, text)


@pytest.mark.model
def test_a_country_speaking_is_still_its_government(trained_nlp, trained_extractor):
    """Negative case of the person rule: the NER's place stays a government."""
    assert ("South Korea", "government") in _types(
        trained_nlp, trained_extractor, "South Korea said the troops had arrived.")


# ---- the learned fallback --------------------------------------------------------------------

#: A two-class model written by hand: "rally" says political, "mine" says business.
TOY_MODEL = SourceTypeModel(
    classes=["business", "political"],
    intercepts=[0.0, 0.0],
    weights={"w=rally": [-2.0, 2.0], "w=mine": [2.0, -2.0], "label=PERSON": [0.0, 0.0]},
    threshold=0.8,
)


@pytest.mark.parametrize(
    "features, expected",
    [
        (["label=PERSON", "w=rally"], "political"),
        (["label=PERSON", "w=mine"], "business"),
        (["label=PERSON", "w=rally", "w=mine"], None),  # 0.5 each: below the threshold
        (["label=PERSON", "w=unseen"], None),  # no word the model knows
        ([], None),
    ],
)
def test_model_gives_a_type_only_above_its_threshold(features, expected):
    prediction = TOY_MODEL.predict(features)
    assert (prediction[0] if prediction else None) == expected


def test_context_features_leave_out_the_title_and_the_apposition(blank_nlp):
    doc = blank_nlp("Nominee Clarke, a coal executive, spoke at the rally. Clarke cheered.")
    features = context_features(doc, "Clarke")
    assert "w=rally" in features and "w=cheered" in features
    # The rules read "nominee" and "a coal executive"; the model must not learn from them.
    assert not {"w=nominee", "w=coal", "w=executive", "w=clarke"} & set(features)


def test_context_features_of_a_name_not_in_the_text(blank_nlp):
    assert context_features(blank_nlp("Nothing here."), "Clarke") == []


def _source(text: str, entity: str, source_type: str = "unknown", named: bool = True):
    return Source(TextSpan(0, len(text), text), entity, source_type, named)


def test_type_by_context_types_every_mention_of_an_unknown_name(blank_nlp):
    doc = blank_nlp("Clarke spoke at the rally. He cheered. Officials said nothing.")
    sources = [
        _source("Clarke", "Clarke"),
        _source("He", "Clarke"),  # a pronoun resolved to Clarke
        _source("Officials", "officials", named=False),  # a description: left alone
        _source("Kim", "Kim", source_type="government"),  # typed by the rules: left alone
        None,
    ]
    typed = type_by_context(doc, sources, TOY_MODEL)
    assert [(s.source_type, s.entry_id) for s in typed[:2]] == [("political", MODEL_ENTRY_ID)] * 2
    assert typed[2].source_type == "unknown" and typed[3].source_type == "government"
    assert typed[4] is None


def test_model_round_trips_through_its_file(tmp_path):
    path = tmp_path / "model.json"
    TOY_MODEL.save(path)
    assert SourceTypeModel.load(path).predict(["w=rally"]) == TOY_MODEL.predict(["w=rally"])


def test_without_a_model_the_rules_alone_type(blank_nlp, lexicons):
    extractor = AttributionExtractor(blank_nlp, lexicons)
    extractor.resolver.type_model = None
    assert _types(blank_nlp, extractor, "Analysts say the deal is fragile.") == [
        ("Analysts", "expert")]


# ---- against the hand labels (skipped without ../shared) -------------------------------------


@pytest.mark.gold
@pytest.mark.parametrize(
    "label_set", ["held-out", "fresh held-out", "blind, by type", "blind, by type, train",
                  "blind, by type, train, second", "blind, by type, train, third"]
)
def test_held_out_labels_point_at_their_spans(gold_dir, label_set):
    """Every held-out label's offsets hold its text in the PolNeAR article it names."""
    from framing.evaluation.source_types import LABEL_SETS, read_labels

    labels = read_labels(LABEL_SETS[label_set])
    assert len(labels) >= 100
    for label in labels:
        text = (gold_dir / "polnear" / label.split / "text" / f"{label.file}.txt").read_text(
            encoding="utf-8")
        assert " ".join(text[label.start:label.end].split()) == label.text


def test_model_gives_only_the_types_it_is_allowed():
    political_only = SourceTypeModel(TOY_MODEL.classes, TOY_MODEL.intercepts, TOY_MODEL.weights,
                                     TOY_MODEL.threshold, gives_types=["political"])
    assert political_only.predict(["w=rally"])[0] == "political"
    assert political_only.predict(["w=mine"]) is None  # business: left to the rules


def test_the_label_sets_do_not_overlap():
    """The fresh held-out sample was drawn from the sources neither other set holds."""
    from framing.evaluation.source_types import LABEL_SETS, read_labels

    spans = {name: {(x.split, x.file, x.start, x.end) for x in read_labels(path)}
             for name, path in LABEL_SETS.items()}
    assert not spans["blind, by type, train, third"] & (
        spans["design"] | spans["held-out"] | spans["fresh held-out"] | spans["blind, by type"]
        | spans["blind, by type, train"] | spans["blind, by type, train, second"])
    assert not spans["blind, by type, train, second"] & (
        spans["design"] | spans["held-out"] | spans["fresh held-out"] | spans["blind, by type"]
        | spans["blind, by type, train"])
    assert not spans["blind, by type, train"] & (
        spans["design"] | spans["held-out"] | spans["fresh held-out"] | spans["blind, by type"])
    assert not spans["blind, by type"] & (
        spans["design"] | spans["held-out"] | spans["fresh held-out"])
    assert not spans["fresh held-out"] & (spans["design"] | spans["held-out"])
    assert not spans["held-out"] & spans["design"]


@pytest.mark.parametrize(
    ("name", "size", "split"),
    [("BY_TYPE_FILE", 271, "dev"), ("BY_TYPE_TRAIN_FILE", 354, "train"),
     ("BY_TYPE_TRAIN2_FILE", 335, "train"), ("BY_TYPE_TRAIN3_FILE", 288, "train"),
     ("BY_TYPE_TRAIN2_SECOND_FILE", 335, "train"), ("BY_TYPE_TRAIN3_SECOND_FILE", 288, "train")],
)
def test_the_blind_samples_hold_every_type_they_were_drawn_for(name, size, split):
    """Stratified by predicted type: a few hundred labels, each a type of the guidelines."""
    import framing.evaluation.source_types as source_types

    labels = source_types.read_labels(getattr(source_types, name))
    assert len(labels) == size and all(x.split == split for x in labels)
    guidelines = {
        "government", "political", "military", "intelligence", "law_enforcement", "legal",
        "expert", "media_outlet", "wire_agency", "state_media", "ngo", "business", "public",
        "anonymous", "document", "visual", "unknown",
    }  # fmt: skip
    assert {x.source_type for x in labels} <= guidelines


@pytest.mark.parametrize(
    "right, predicted, low, high",
    [(25, 31, 0.6372, 0.9081), (0, 3, 0.0, 0.5615), (4, 4, 0.5101, 1.0)],
)
def test_each_type_carries_its_wilson_interval(right, predicted, low, high):
    from framing.evaluation.source_types import TypeScore

    assert TypeScore("political", predicted, right).interval == pytest.approx((low, high),
                                                                              abs=1e-3)


def test_a_type_never_predicted_has_no_interval():
    from framing.evaluation.source_types import TypeScore

    score = TypeScore("visual", 0, 0)
    assert score.precision is None and all(x != x for x in score.interval)  # NaN


def test_the_accuracy_section_shows_every_label_set_with_counts_and_intervals():
    from framing.evaluation.accuracy_sections import source_typing_section
    from framing.evaluation.source_types import TypeScore

    by_labels = {
        "design": ([TypeScore("political", 10, 9)], 310, 219),
        "fresh held-out": ([TypeScore("government", 20, 12)], 110, 74),
    }
    text = "\n".join(source_typing_section(by_labels, (399, 1677, None)))
    assert "399 of 1677 (0.238" in text
    assert "| design (219 of 310 found) | political | 0.900 | 9 | 10 | 0.60-0.98 |" in text
    assert "| fresh held-out (74 of 110 found) | government | 0.600 | 12 | 20 | 0.39-0.78 |" in text


def _labels(*types: str) -> list:
    from framing.evaluation.source_types import LabelledSource

    return [LabelledSource("train", "a", i, i + 1, t, "x") for i, t in enumerate(types)]


@pytest.mark.parametrize(
    ("first", "second", "agreed", "kappa"),
    [
        (("government", "political"), ("government", "political"), 2, 1.0),
        (("government", "political"), ("political", "government"), 0, -1.0),
        (("government", "government", "political", "political"),
         ("government", "political", "political", "political"), 3, 0.5),
    ],
)
def test_labeller_agreement_counts_and_corrects_for_chance(first, second, agreed, kappa):
    from framing.evaluation.source_types import labeller_agreement

    agreement = labeller_agreement(_labels(*first), _labels(*second))
    assert (agreement.n, agreement.n_agreed) == (len(first), agreed)
    assert agreement.kappa == pytest.approx(kappa)


def test_labeller_agreement_reads_only_spans_both_labelled():
    from framing.evaluation.source_types import labeller_agreement

    agreement = labeller_agreement(_labels("government", "ngo"), _labels("government"))
    assert (agreement.n, agreement.n_agreed, agreement.disagreements) == (1, 1, [])


def test_a_second_reading_labels_the_same_spans_as_the_first():
    from framing.evaluation.source_types import LABEL_SETS, SECOND_READINGS, read_labels

    for name, path in SECOND_READINGS.items():
        first, second = read_labels(LABEL_SETS[name]), read_labels(path)
        assert [(x.file, x.start, x.end, x.text) for x in first] == [
            (x.file, x.start, x.end, x.text) for x in second]


def test_a_second_reading_scores_the_rules_against_each_labeller_and_where_both_agree():
    from framing.evaluation.source_types import (
        BOTH_AGREE,
        SECOND_LABELLER,
        score_second_reading,
    )

    first = _labels("government", "political", "ngo")
    second = _labels("government", "government")  # the third span was not read again
    found = [(first[0], "government"), (first[1], "government"), (first[2], "ngo")]
    rows = score_second_reading(first, found, second)
    scores, n_labels, n_found = rows[SECOND_LABELLER]
    assert (n_labels, n_found) == (2, 2)
    assert [(s.source_type, s.n_right, s.n_predicted) for s in scores] == [("government", 2, 2)]
    scores, n_agreed, n_found = rows[BOTH_AGREE]
    assert (n_agreed, n_found) == (1, 1)  # only the first span: both say government
    assert [(s.source_type, s.n_right, s.n_predicted) for s in scores] == [("government", 1, 1)]
