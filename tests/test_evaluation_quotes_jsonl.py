"""Tests for framing.evaluation.quotes_jsonl: quotations given as strings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.annotate.records import Attribution, Source, TextSpan
from framing.evaluation.errors import DISAGREEMENT
from framing.evaluation.quotes_jsonl import (
    GoldQuote,
    cue_agrees,
    evaluate_quotes,
    pair_by_content,
    read_quotes_jsonl,
    speaker_agrees,
    word_overlap,
    words,
)

FIXTURE = Path(__file__).parent / "fixtures" / "quotes.jsonl"
KIM = "\"We won the war,\" Kim said."


def attribution(content: str, speaker: str | None = "Kim", entity: str | None = None,
                cue: str = "said") -> Attribution:
    span = TextSpan(0, len(content), content)
    source = None
    if speaker is not None:
        source = Source(TextSpan(0, len(speaker), speaker), entity or speaker, "unknown", True)
    return Attribution("indirect", span, TextSpan(0, len(cue), cue), cue, "neutral", None,
                       source, span)


def write_jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_read_fixture():
    documents = read_quotes_jsonl(FIXTURE)
    assert [d.id for d in documents] == ["q1", "q2", "q3"]
    assert documents[0].quotes[1] == GoldQuote("Analysts", "say", "the regime was tired")


@pytest.mark.parametrize(
    "line, error",
    [("not json", "not JSON"), ('{"quotes": []}', "'text' string"),
     ('{"text": "x", "quotes": [1]}', "list of objects"),
     ('{"text": "x", "quotes": [{"speaker": 3}]}', "must be a string")],
)
def test_malformed_lines_name_file_and_line(tmp_path, line, error):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"bad.jsonl:2: .*{error}"):
        read_quotes_jsonl(path)


def test_word_overlap_is_normalised():
    assert words("“We WON the war,”") == words("we won the war")
    assert word_overlap(words("we won the war"), words("we won")) == 0.5
    assert word_overlap(words(""), words("we")) == 0.0


def test_pairing_is_one_to_one_by_best_overlap():
    gold = [GoldQuote("", "", "the troops were tired"), GoldQuote("", "", "the troops")]
    pred = [attribution("the troops were tired and hungry")]
    assert pair_by_content(gold, pred, 0.3) == [(0, 0)]
    assert pair_by_content(gold, pred, 0.8) == []
    assert pair_by_content(gold, [], 0.3) == []


def test_speaker_agrees_with_mention_or_resolved_entity():
    gold = GoldQuote("Kim Jong Un", "said", "x")
    assert speaker_agrees(gold, attribution("x", "he", entity="Kim Jong Un"))
    assert not speaker_agrees(gold, attribution("x", "Analysts"))
    assert speaker_agrees(GoldQuote("", "said", "x"), attribution("x", None))
    assert cue_agrees(gold, attribution("x", cue="said"))
    assert not cue_agrees(gold, attribution("x", cue="according to"))


def test_fixture_scores(blank_nlp, lexicons):
    result = evaluate_quotes(FIXTURE, blank_nlp, lexicons)
    for threshold in (0.3, 0.8):
        content = result.row("content", f"overlap>={threshold}")
        assert (content.n_gold, content.n_pred, content.n_matched) == (3, 3, 2)
        assert result.row("speaker", f"overlap>={threshold}").extra["agreement"] == 1.0
    missed = [e for e in result.errors if e.kind == "false_negative" and e.category == "all"]
    assert {e.document for e in missed} == {"q3"} and missed[0].start is None


def test_direct_set_scores_only_quotations_in_quote_marks(tmp_path, blank_nlp, lexicons):
    text = "\"We won the war,\" Kim said. Analysts say the regime was tired."
    path = write_jsonl(tmp_path / "q.jsonl", {"text": text, "quotes": [
        {"speaker": "Kim", "cue": "said", "content": "We won the war,"}]})
    result = evaluate_quotes(path, blank_nlp, lexicons, thresholds=(0.8,))
    every, direct = (result.row("content", "overlap>=0.8", category) for category in
                     ("all", "direct"))
    assert (every.n_pred, every.n_matched) == (2, 1)  # the analysts' claim is a false positive
    assert (direct.n_pred, direct.n_matched) == (1, 1)


def test_perfect_and_entirely_wrong(tmp_path, blank_nlp, lexicons):
    right = write_jsonl(tmp_path / "right.jsonl", {"text": KIM, "quotes": [
        {"speaker": "Kim", "cue": "said", "content": "We won the war"}]})
    result = evaluate_quotes(right, blank_nlp, lexicons)
    for component in ("content", "speaker", "cue"):
        assert result.row(component, "overlap>=0.8").f1 == 1.0
    wrong = write_jsonl(tmp_path / "wrong.jsonl", {"text": KIM, "quotes": [
        {"speaker": "Lee", "cue": "wrote", "content": "peace is near"}]})
    result = evaluate_quotes(wrong, blank_nlp, lexicons)
    assert result.row("content", "overlap>=0.3").f1 == 0.0


def test_speaker_disagreement_is_an_error_row(tmp_path, blank_nlp, lexicons):
    path = write_jsonl(tmp_path / "q.jsonl", {"text": KIM, "quotes": [
        {"speaker": "Lee", "cue": "said", "content": "We won the war"}]})
    result = evaluate_quotes(path, blank_nlp, lexicons, thresholds=(0.3,))
    assert result.row("content", "overlap>=0.3").f1 == 1.0
    assert result.row("speaker", "overlap>=0.3").f1 == 0.0
    (error,) = [e for e in result.errors if e.category == "all"]
    assert error.kind == DISAGREEMENT and error.component == "speaker"
    assert "'Lee'" in error.detail and "[[We won the war]]" in error.context


def test_quote_errors_have_causes(tmp_path, blank_nlp, lexicons):
    text = "\"We won the war,\" Kim said. Analysts say the regime was tired."
    path = write_jsonl(tmp_path / "q.jsonl", {"text": text, "quotes": [
        {"speaker": "Lee", "cue": "mused", "content": "peace is near"}]})
    result = evaluate_quotes(path, blank_nlp, lexicons, thresholds=(0.8,), prediction_sets=("all",))
    missed = [e for e in result.errors if e.kind == "false_negative"]
    extra = [e for e in result.errors if e.kind == "false_positive"]
    assert [e.cause for e in missed] == ["cue_not_in_lexicon"]
    assert extra and all(e.cause.startswith("lexicon:") for e in extra)
