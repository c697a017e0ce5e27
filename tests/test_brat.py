"""Tests for framing.evaluation.brat: reading brat standoff and scoring against it."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.evaluation.brat import (
    annotation_file_for,
    evaluate_attribution,
    format_table,
    own_gaps,
    parse_ann,
    parse_attributes,
    parse_pieces,
    read_split,
    without_gaps,
)

FIXTURE_SPLIT = Path(__file__).parent / "fixtures" / "brat" / "dev"


def test_parse_pieces_reads_discontinuous_offsets():
    assert parse_pieces("10 20") == ((10, 20),)
    assert parse_pieces("10 20;25 30") == ((10, 20), (25, 30))


@pytest.mark.parametrize(
    "span, gaps, pieces",
    [
        ((0, 30), [(10, 19)], ((0, 10), (19, 30))),  # "A," he said. "B."
        ((0, 30), [], ((0, 30),)),
        ((0, 30), [(40, 45)], ((0, 30),)),  # another content's gap
        ((0, 30), [(0, 5)], ((0, 30),)),  # at the edge: no gap inside
        ((0, 30), [(20, 25), (5, 8)], ((0, 5), (8, 20), (25, 30))),  # unsorted gaps
    ],
)
def test_a_content_is_cut_in_pieces_at_its_gaps(span, gaps, pieces):
    assert without_gaps(span, gaps) == pieces


@pytest.mark.parametrize(
    "contents, gaps, owned",
    [
        ([(0, 30)], [(10, 19)], {(0, 30): [(10, 19)]}),
        # X said that "A," he said. "B.": the gap is the inner content's, not X's.
        ([(0, 60), (20, 60)], [(30, 40)], {(20, 60): [(30, 40)]}),
        ([(0, 30)], [(40, 45)], {}),  # no content holds it
    ],
)
def test_a_gap_belongs_to_the_smallest_content_holding_it(contents, gaps, owned):
    assert own_gaps(contents, gaps) == owned


def test_parse_ann_ties_roles_together():
    spans, attributions = parse_ann(
        "T1\tSource 0 3\tKim\nT2\tCue 4 8\tsaid\nT3\tContent 9 15;20 25\twe won\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
        "E2\tAttribution:T2 Cue:T2\n"
    )
    assert set(spans) == {"T1", "T2", "T3"}
    first, second = attributions
    assert first.source.text == "Kim" and first.cue.text == "said"
    assert first.content.pieces == ((9, 15), (20, 25))
    assert second.source is None and second.content is None


def test_parse_ann_keeps_every_role_by_name():
    """Roles beyond Source, Cue and Content (a chain's Channel, a second cue) are kept."""
    _, (attribution,) = parse_ann(
        "T1\tCue 4 8\tsaid\nT2\tChannel 10 14\tKCNA\nT3\tCue 15 23\treported\n"
        "E1\tAttribution:T1 Cue:T1 Cue2:T3 Channel:T2 Relay:T9\n"
    )
    assert attribution.cue.text == "said" and attribution.source is None
    assert {name: span.text for name, span in attribution.roles.items()} == {
        "Attribution": "said", "Cue": "said", "Cue2": "reported", "Channel": "KCNA"
    }  # Relay:T9 names no span, so it is left out


@pytest.mark.parametrize(
    "ann, expected",
    [
        ("A1\tLevel E1 core\n", {"E1": {"Level": "core"}}),
        ("A1\tLevel E1 core\nA2\tKind E1 visual\n", {"E1": {"Level": "core", "Kind": "visual"}}),
        ("A1\tNegated E2\n", {"E2": {"Negated": "true"}}),  # a binary attribute
        ("A1\tLevel\n", {}),  # no target: not an attribute line
        ("T1\tCue 4 8\tsaid\n#1\tAnnotatorNotes T1\tnote\n", {}),  # other lines ignored
        ("", {}),
    ],
)
def test_parse_attributes(ann, expected):
    assert parse_attributes(ann) == expected


def test_first_annotator_file_in_sorted_order_is_used():
    chosen = annotation_file_for(FIXTURE_SPLIT, "sample")
    assert chosen is not None and chosen.name == "sample_aaaa.ann"
    (document,) = read_split(FIXTURE_SPLIT)
    assert len(document.attributions) == 3
    assert len(document.role_spans("cue")) == 3


def test_missing_text_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no 'text' folder"):
        list(read_split(tmp_path))


def test_evaluate_attribution_on_the_fixture(blank_nlp, lexicons):
    result = evaluate_attribution(FIXTURE_SPLIT, blank_nlp, lexicons)
    assert result["n_documents"] == 1
    assert result["cue"]["overlap"]["recall"] == 1.0
    assert result["cue"]["exact"]["precision"] == 1.0
    assert result["source"]["overlap"]["f1"] == 1.0
    assert result["content"]["overlap"]["recall"] >= 2 / 3
    assert "cue" in format_table(result)


@pytest.mark.gold
@pytest.mark.model
def test_polnear_dev_scores_stay_above_floor(gold_dir, trained_nlp, lexicons):
    """Regression floor, a little below the scores measured when this test was written."""
    split = gold_dir / "polnear" / "dev"
    if not split.is_dir():
        pytest.skip(f"PolNeAR dev split not found at {split}")
    result = evaluate_attribution(split, trained_nlp, lexicons)
    assert result["cue"]["overlap"]["f1"] >= CUE_F1_FLOOR
    assert result["source"]["overlap"]["f1"] >= SOURCE_F1_FLOOR
    assert result["content"]["overlap"]["f1"] >= CONTENT_F1_FLOOR


# Measured on PolNeAR dev with en_core_web_sm 3.8.0 and the learned cue detector
# (overlap >= 0.5): cue 0.738, source 0.749, content 0.650.
CUE_F1_FLOOR = 0.72
SOURCE_F1_FLOOR = 0.72
CONTENT_F1_FLOOR = 0.62
