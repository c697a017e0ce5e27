"""The trained attribution labeller: labels, decoding, features, and the shipped weights."""

from __future__ import annotations

import pytest

from framing.annotate.attribution.labeller import (
    MAX_GAP,
    AttributionModel,
    decode_spans,
    doc_signals,
    paragraph_features,
    paragraphs,
    spans_to_tags,
)

SENTENCE = '"The plan will fail," the minister said.'


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        ("O O O", []),
        ("B I I O", [((0, 3),)]),
        ("B B I", [((0, 1),), ((1, 3),)]),
        # An I with no span before it opens one (the tagger may start a span with I).
        ("O I I O", [((1, 3),)]),
        # A span cut in two by a short gap ("A," he said, "B") is one span of two pieces ...
        ("B I O O I I", [((0, 2), (4, 6))]),
        # ... but a B after the gap is a span of its own.
        ("B I O O B I", [((0, 2),), ((4, 6),)]),
        # Too long a gap: two spans.
        ("B " + "O " * (MAX_GAP + 1) + "I", [((0, 1),), ((MAX_GAP + 2, MAX_GAP + 3),)]),
    ],
)
def test_decode_spans(tags, spans):
    assert decode_spans(tags.split()) == spans


@pytest.mark.parametrize(
    ("n", "spans", "tags"),
    [
        (4, [], "O O O O"),
        (4, [((1, 3),)], "O B I O"),
        # A later piece opens with I, so decoding joins it to the first.
        (6, [((0, 2), (4, 6))], "B I O O I I"),
        # A span inside a longer one of the same role is left out (BIO cannot hold both).
        (5, [((1, 2),), ((0, 5),)], "B I I I I"),
        # Adjacent spans stay two.
        (4, [((0, 2),), ((2, 4),)], "B I B I"),
    ],
)
def test_spans_to_tags(n, spans, tags):
    assert spans_to_tags(n, spans) == tags.split()


@pytest.mark.parametrize(
    "spans",
    [[((0, 2),)], [((0, 2), (4, 6))], [((0, 1),), ((3, 5),)], []],
)
def test_tags_and_decoding_round_trip(spans):
    assert decode_spans(spans_to_tags(8, spans)) == spans


def test_paragraphs_split_at_line_breaks(blank_nlp):
    doc = blank_nlp("One two.\n\nThree four five.\nSix")
    texts = [doc[s:e].text for s, e in paragraphs(doc)]
    assert texts == ["One two.", "Three four five.", "Six"]


def test_paragraphs_of_an_empty_doc(blank_nlp):
    assert paragraphs(blank_nlp("")) == []


@pytest.mark.model
def test_features_read_the_path_to_the_cue(trained_nlp, lexicons):
    from framing.annotate.attribution.extract import AttributionExtractor

    extractor = AttributionExtractor(trained_nlp, lexicons)
    doc = extractor(trained_nlp(SENTENCE))
    signals = doc_signals(doc, extractor)
    rows = paragraph_features(doc, 0, len(doc), signals)
    by_word = {token.text: row for token, row in zip(doc, rows, strict=True)}
    assert by_word["said"]["anchor_rel"] == "self"
    assert by_word["minister"]["anchor_rel"] == "nsubj"
    assert by_word["plan"]["quote"] == "in"
    assert by_word["minister"]["quote"] == "out"
    assert by_word["said"]["rule_cue"] == "B"
    assert by_word["said"]["lexicon"]  # a reporting verb of the lexicon, with its stance
    assert "lexicon" not in by_word["plan"]
    # Without the rules' spans (the parse-only design) the rule features say nothing.
    bare = doc_signals(doc, extractor, stacked=False)
    assert set(bare.rule_tags["cue"]) == {"O"}


@pytest.mark.model
def test_rich_features_say_where_a_word_stands_to_the_cue(trained_nlp, lexicons):
    from framing.annotate.attribution.extract import AttributionExtractor

    extractor = AttributionExtractor(trained_nlp, lexicons)
    doc = extractor(trained_nlp(SENTENCE))
    signals = doc_signals(doc, extractor)
    rows = paragraph_features(doc, 0, len(doc), signals, "rich")
    by_word = {token.text: row for token, row in zip(doc, rows, strict=True)}
    assert by_word["plan"]["cue_side"] == "before"
    assert by_word["said"]["cue_side"] == "on"
    assert by_word["minister"]["cue_side_dist"] == "before|1"
    assert by_word["plan"]["cue_lemma"] == "say"
    assert by_word["plan"]["sent_quote"] == "yes"
    assert rows[0]["quote_edge"] == "open"  # the opening quote mark
    assert by_word["said"]["-1:cue_side"] == "before"  # neighbours' positions too
    # The base set (the shipped stacked design) has none of them.
    base = paragraph_features(doc, 0, len(doc), signals)
    assert not any("cue_side" in key for row in base for key in row)


def _record(speaker: tuple[int, int] | None, content: tuple[int, int] | None, text: str):
    from framing.annotate.records import Attribution, Source, TextSpan

    def chars(span):
        return TextSpan(span[0], span[1], text[span[0] : span[1]])

    return Attribution(
        kind="indirect", sentence=chars((0, len(text))), cue=None, cue_lemma=None, stance=None,
        stance_entry_id=None,
        speaker=Source(chars(speaker), "Jane Smith", "government", True) if speaker else None,
        content=chars(content) if content else None,
    )


MODEL_SPAN_TEXT = "Senator Jane Smith said the plan will fail next year."


@pytest.mark.parametrize(
    ("rule", "model_sources", "model_contents", "speaker", "content"),
    [
        # The model's wider speaker and narrower content replace the rule's.
        (((8, 18), (24, 52)), [(0, 18)], [(24, 41)], "Senator Jane Smith", "the plan will fail"),
        # The same spans: the record is left as it is.
        (((8, 18), (24, 52)), [(8, 18)], [(24, 52)], "Jane Smith", "the plan will fail next year"),
        # A model span elsewhere does not touch the record.
        (((8, 18), (24, 52)), [(42, 46)], [(0, 7)], "Jane Smith", "the plan will fail next year"),
        # Of two overlapping spans, the one sharing more characters.
        (((8, 18), (24, 52)), [(0, 9), (8, 18)], [(20, 29), (28, 52)], "Jane Smith",
         "plan will fail next year"),
        # No speaker, no content in the rule's record: nothing to move.
        ((None, None), [(0, 18)], [(24, 41)], None, None),
    ],
)
def test_confirmed_records_carry_the_models_spans(
    blank_nlp, rule, model_sources, model_contents, speaker, content
):
    from framing.annotate.attribution.labeller import _with_model_spans

    doc = blank_nlp(MODEL_SPAN_TEXT)

    def spans(char_ranges):
        return [doc.char_span(s, e, alignment_mode="expand") for s, e in char_ranges]

    record = _with_model_spans(
        _record(*rule, MODEL_SPAN_TEXT), spans(model_sources), spans(model_contents)
    )
    assert (record.speaker.span.text if record.speaker else None) == speaker
    assert (record.content.text if record.content else None) == content
    if record.speaker is not None:  # the rule's resolution is kept
        assert (record.speaker.entity, record.speaker.source_type) == ("Jane Smith", "government")


@pytest.fixture(scope="module")
def shipped_model():
    if not AttributionModel.available():
        pytest.skip("no trained attribution labeller in framing/data/attribution_model/")
    return AttributionModel()


@pytest.mark.model
def test_shipped_weights_label_a_sentence(trained_nlp, lexicons, shipped_model):
    from framing.annotate.attribution.extract import AttributionExtractor

    extractor = AttributionExtractor(trained_nlp, lexicons)
    doc = extractor(trained_nlp(SENTENCE))
    found = shipped_model.predict(doc, extractor)
    texts = {
        role: [doc[p[0][0] : p[-1][1]].text for p in spans] for role, spans in found.items()
    }
    assert texts["cue"] == ["said"]
    assert texts["source"] == ["the minister"]
    assert [t.strip('",') for t in texts["content"]] == ["The plan will fail"]
    assert shipped_model.version.startswith("crf-")


@pytest.mark.model
def test_accurate_mode_records_say_how_they_were_found(trained_nlp, lexicons, shipped_model):
    from framing.annotate.attribution.extract import AttributionExtractor
    from framing.annotate.records import FOUND_BY

    extractor = AttributionExtractor(trained_nlp, lexicons)
    extractor.labeller = shipped_model
    doc = extractor(trained_nlp(SENTENCE + " Critics want a new vote, the paper said."))
    assert [s.text for s in doc.spans["cue"]][:1] == ["said"]
    assert doc._.attributions
    assert {a.found_by for a in doc._.attributions} <= set(FOUND_BY)
    assert doc._.attributions[0].speaker.span.text == "the minister"


@pytest.mark.model
@pytest.mark.gold
def test_gold_spans_become_token_labels(trained_nlp, gold_dir):
    from framing.evaluation.brat import read_split
    from framing.evaluation.train_attribution import gold_token_pieces

    split = gold_dir / "polnear" / "dev"
    if not split.is_dir():
        pytest.skip(f"PolNeAR dev not found at {split}")
    gold = next(read_split(split))
    doc = trained_nlp(gold.text)
    cues = gold_token_pieces(doc, gold, "cue")
    assert len(cues) == len(gold.role_spans("cue"))
    tags = spans_to_tags(len(doc), cues)
    assert tags.count("B") == len(cues)


def _scores(f1: float) -> dict:
    row = {"f1": f1, "precision": f1, "recall": f1, "n_gold": 1, "n_pred": 1, "n_matched": 1}
    return {role: {"overlap": row, "exact": row} for role in ("cue", "source", "content")}


def test_accuracy_page_copies_the_labellers_figures_in_order():
    from framing.evaluation.accuracy_sections import labeller_section

    meta = {
        "design": "stacked",
        "n_train_articles": 840,
        "dev_scores": {"stacked": _scores(0.8), "rules": _scores(0.7)},
        "learning_curve": {
            "1.0": {"n_articles": 840, "dev": _scores(0.8)},
            "0.25": {"n_articles": 210, "dev": _scores(0.6)},
        },
    }
    lines = labeller_section(meta)
    rows = [line for line in lines if line.startswith("| ") and "F1" not in line]
    assert [row.split(" | ")[0] for row in rows] == [
        "| CRF on parse features and the rules' spans (stacked)",
        "| rule extractor alone (the default's rules, every sentence parsed)",
        "| 25%",
        "| 100%",
    ]
    assert "0.600" in rows[2] and "0.800" in rows[3]


class _Scored:
    """An evaluation result that gives every role and match the same F1."""

    def __init__(self, f1: float):
        self.f1 = f1

    def row(self, role: str, match: str):
        return self


@pytest.mark.parametrize(
    ("accurate", "verdict"),
    [
        (None, "the shipped design as trained: cue F1 overlap ≥ 0.85: 0.800, **not met**"),
        (_Scored(0.9), "as shipped (its row above"),
        (_Scored(0.9), "cue F1 overlap ≥ 0.85: 0.900, met"),
        (_Scored(0.7), "content F1 exact ≥ 0.60: 0.700, met"),
    ],
)
def test_issue_targets_are_judged_on_the_mode_as_shipped_when_it_was_scored(accurate, verdict):
    from framing.evaluation.accuracy_sections import labeller_section

    meta = {
        "design": "stacked", "n_train_articles": 840, "dev_scores": {"stacked": _scores(0.8)},
        "learning_curve": {"1.0": {"n_articles": 840, "dev": _scores(0.8)}},
    }
    assert verdict in labeller_section(meta, accurate)[-1]


def test_accuracy_page_without_a_labeller_has_no_section():
    from framing.evaluation.accuracy_sections import labeller_section

    assert labeller_section(None) == []


def test_the_same_sequences_give_the_same_weights(tmp_path):
    """crfsuite's L-BFGS draws no random numbers: fitted twice, the files are identical (what
    `make train-attribution` run twice checks on the whole of train)."""
    from framing.evaluation.train_attribution import fit_design, job_folder

    words = [
        ({"lower": "smith"}, "B", "O", "O"), ({"lower": "said"}, "O", "B", "O"),
        ({"lower": "taxes"}, "O", "O", "B"), ({"lower": "rose"}, "O", "O", "I"),
    ]
    rows = [[dict(w[0], bias=1.0) for w in words]]
    tags = {role: [w[k] for w in words] for k, role in enumerate(("source", "cue", "content"), 1)}
    per_doc = [[(rows[0], tags)]] * 4
    for run in ("first", "second"):
        fit_design(per_doc, tmp_path / run, "stacked", fractions=(1.0, 0.5))
    for fraction in (1.0, 0.5):
        for role in ("cue", "source", "content"):
            first, second = (
                (job_folder(tmp_path / run, "stacked", fraction) / f"{role}.crfsuite").read_bytes()
                for run in ("first", "second")
            )
            assert first == second and len(first) > 0


@pytest.mark.parametrize(
    ("predicted", "cue", "content_overlap", "content_exact"),
    [
        # Token pieces (start, end) of "said" and of "the war is won": all right.
        ({"cue": [((1, 2),)], "source": [((0, 1),)], "content": [((2, 6),)]}, 1.0, 1.0, 1.0),
        # A content one word short: right by overlap, wrong exactly; no cue found.
        ({"cue": [], "source": [((0, 1),)], "content": [((2, 5),)]}, 0.0, 1.0, 0.0),
        # Nothing found.
        ({"cue": [], "source": [], "content": []}, 0.0, 0.0, 0.0),
    ],
)
def test_score_spans_scores_any_taggers_pieces_as_the_crfs(
    blank_nlp, predicted, cue, content_overlap, content_exact
):
    """One scorer for every design (CRF, neural script): token pieces against gold chars.
    Recall, since precision (and so F1) is undefined when nothing is predicted."""
    from pathlib import Path

    from framing.evaluation.brat import BratAttribution, BratDocument, BratSpan
    from framing.evaluation.train_attribution import score_spans

    text = "Kim said the war is won"
    doc = blank_nlp(text)
    gold = BratDocument("a", text, Path("a.ann"), attributions=[BratAttribution(
        "E1", cue=BratSpan("T1", "Cue", ((4, 8),), "said"),
        source=BratSpan("T2", "Source", ((0, 3),), "Kim"),
        content=BratSpan("T3", "Content", ((9, 23),), "the war is won"),
    )])  # fmt: skip
    scores = score_spans([doc], [gold], [predicted])
    assert scores["cue"]["overlap"]["recall"] == pytest.approx(cue)
    assert scores["content"]["overlap"]["recall"] == pytest.approx(content_overlap)
    assert scores["content"]["exact"]["recall"] == pytest.approx(content_exact)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        ('Readers wrote in.\n\n"You are not a leader, you are a tyrant." \u2015 Christina Luis',
         "\u2015", "Christina Luis"),
        ("WALLACE: Let us start with the debate.\n\nPENCE: Well, look, we are ready.",
         ":", "WALLACE"),
    ],
)
def test_accurate_mode_keeps_the_attributions_the_rules_find_by_shape(
    trained_nlp, lexicons, shipped_model, text, cue, speaker
):
    from framing.annotate.attribution.extract import AttributionExtractor

    extractor = AttributionExtractor(trained_nlp, lexicons)
    extractor.labeller = shipped_model
    doc = extractor(trained_nlp(text))
    assert cue in [s.text for s in doc.spans["cue"]]
    assert speaker in [s.text for s in doc.spans["speaker"]]
    assert any(a.speaker is not None and a.speaker.span.text == speaker
               for a in doc._.attributions)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "gap"),
    [('"We won," Kim said. "They lost."', "Kim said."), ('"We won," Kim said.', None)],
)
def test_accurate_mode_keeps_the_gap_of_a_content_of_two_quotes(
    trained_nlp, lexicons, shipped_model, text, gap
):
    from framing.annotate.attribution.extract import AttributionExtractor

    extractor = AttributionExtractor(trained_nlp, lexicons)
    extractor.labeller = shipped_model
    doc = extractor(trained_nlp(text))
    [record] = [a for a in doc._.attributions if a.cue is not None]
    assert (record.content_gap.text if record.content_gap else None) == gap
    assert [g.text for g in doc.spans["content_gap"]] == ([gap] if gap else [])
