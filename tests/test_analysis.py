"""Tests for framing.analyze and the framing component: the library's entry points."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.measure.analyzer import METADATA_COLUMNS, Analyzer
from framing.measure.features import is_valid_rate
from framing.read.corpus import Article, ReadFailure, read_corpus
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def blank_analyzer():
    return Analyzer(spacy.blank("en"))


@pytest.fixture(scope="module")
def trained_analyzer(trained_nlp):
    return framing.measure.analyzer.default_analyzer()


def test_component_works_on_a_blank_english_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("framing")
    doc = nlp('"The regime will fall," analysts said, according to KCNA.')
    assert doc._.attributions is not None
    assert {s.label_ for s in doc.spans["state_media"]} == {"state_media"}
    assert all(span.id_ for span in doc.spans["state_media"])  # every span names its entry


def test_analyze_returns_spans_in_original_offsets(blank_analyzer):
    text = "Communist dictator Kim said the talks failed,\nKCNA reported.\n\n14 hours ago\n1\n"
    result = blank_analyzer.analyze(text, outlet="X")
    assert result.status == "ok"
    for record in [*result.term_hits, *result.state_media]:
        assert text[record.span.start : record.span.end] == record.span.text
    assert any(h.span.text == "dictator" and h.voice == "narration" for h in result.term_hits)
    assert result.lexicon_version and result.model == "blank-en"


@pytest.mark.parametrize("text", ["", "   \n\t ", "\u200b\u200b"])
def test_empty_text_is_reported_not_scored_as_zeros(blank_analyzer, text):
    result = blank_analyzer.analyze(text)
    assert result.status == "empty"
    assert all(math.isnan(v) for v in result.features.values())


def test_a_failing_component_marks_one_article_and_the_batch_goes_on(blank_analyzer, monkeypatch):
    component = blank_analyzer.nlp.get_pipe("framing")
    original_call = component.steps[0].__class__.__call__

    def explode_on_boom(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("synthetic failure")
        return original_call(self, doc)

    monkeypatch.setattr(component.steps[0].__class__, "__call__", explode_on_boom)
    articles = [
        Article("a", "Officials said yes."),
        Article("b", "BOOM."),
        Article("c", "Kim said no."),
    ]
    results = list(blank_analyzer.analyze_articles(articles))
    assert [r.status for r in results] == ["ok", "failed", "ok"]
    assert "synthetic failure" in results[1].error


@pytest.mark.parametrize("batch_size", [1, 2, 32])
def test_a_text_the_model_fails_on_fails_alone_and_the_batch_goes_on(
    blank_analyzer, monkeypatch, batch_size
):
    parser = blank_analyzer.parser
    original_pipe = parser.pipe

    def pipe_that_breaks_on_boom(texts, batch_size=32):
        texts = list(texts)
        if any("BOOM" in text for text in texts):
            raise ValueError("synthetic model failure")
        return original_pipe(texts, batch_size=batch_size)

    monkeypatch.setattr(parser, "pipe", pipe_that_breaks_on_boom)
    articles = [
        Article("a", "Officials said yes."),
        Article("b", "BOOM."),
        Article("c", "Kim said no."),
    ]
    results = list(blank_analyzer.analyze_articles(articles, batch_size=batch_size))
    assert [r.status for r in results] == ["ok", "failed", "ok"]
    assert "synthetic model failure" in results[1].error
    assert results[2].attributions and results[2].attributions[0].speaker.entity == "Kim"


def test_results_come_back_in_input_order(blank_analyzer):
    articles = [Article(str(i), f"Official number {i} said so.") for i in range(40)]
    results = list(blank_analyzer.analyze_articles(articles, batch_size=7))
    assert [r.article.id for r in results] == [str(i) for i in range(40)]


def test_every_rate_is_finite_and_in_range(blank_analyzer):
    for path in sorted(SEEDS.glob("*.txt")):
        result = blank_analyzer.analyze(path.read_text(encoding="utf-8"))
        bad = {k: v for k, v in result.features.items() if not is_valid_rate(k, v)}
        assert not bad, f"{path.name}: {bad}"


@pytest.mark.model
def test_analyze_corpus_gives_one_row_per_article_with_versions(trained_nlp):
    frame = framing.analyze_corpus(SEEDS)
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == 5
    assert list(frame.columns[: len(METADATA_COLUMNS)]) == list(METADATA_COLUMNS)
    assert frame["model"].nunique() == 1 and frame["lexicon_version"].nunique() == 1
    families = ("attribution_", "source_type_share_", "stance_share_", "loaded_", "state_media_",
                "hedge_", "readability_", "text_", "quote_", "voice_", "assertion_",
                "unsourced_assertion_")  # fmt: skip
    features = frame.columns[len(METADATA_COLUMNS) :]
    assert all(col.startswith(families) for col in features), features
    assert frame.attrs["failures"] == []


@pytest.mark.model
def test_analyze_one_text(trained_nlp):
    result = framing.analyze("Kim Jong-un claimed victory, KCNA reported.", outlet="X")
    assert result.attributions
    assert result.features["stance_share_distancing"] > 0


# Property: for any Unicode text, analysis never crashes, every span lies inside the text,
# every rate is finite and in range, and the same text gives the same result twice.

NEWSY = st.text(
    alphabet=st.sampled_from(list("abcKCNA \"“”«»'’.,:;!?\n\u200b\u00a0\u200fsaid told regime ")),
    max_size=300,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(st.text(max_size=300), NEWSY))
def test_any_text_is_analysed_safely(blank_analyzer, text):
    _check_analysed_safely(blank_analyzer, text)


# The same property on the trained pipeline (parser, NER, lemmas), which the blank one skips;
# fewer examples, since each costs a model run.
@pytest.mark.model
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(st.text(max_size=200), NEWSY))
def test_any_text_is_analysed_safely_by_the_trained_pipeline(trained_analyzer, text):
    _check_analysed_safely(trained_analyzer, text)


def _check_analysed_safely(analyzer: Analyzer, text: str) -> None:
    first = analyzer.analyze(text)
    assert first.status in ("ok", "empty")
    spans = [h.span for h in first.term_hits] + [m.span for m in first.state_media + first.hedges]
    spans += [q.span for q in first.quotes]
    for a in first.attributions:
        spans += [s for s in (a.cue, a.content, a.sentence) if s is not None]
        spans += [s.span for s in a.sources()]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
    assert all(is_valid_rate(k, v) for k, v in first.features.items())
    second = analyzer.analyze(text)
    assert first.row() == second.row() or _same_with_nan(first.row(), second.row())
    assert first.attributions == second.attributions and first.term_hits == second.term_hits


def _same_with_nan(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        x == y or (isinstance(x, float) and math.isnan(x) and math.isnan(y))
        for x, y in zip(a.values(), b.values(), strict=True)
    )


# Reading and analysis together: any bytes on stdin (as text, front matter or a page) become
# one failure or one analysed article whose spans lie inside the text that was read.
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        NEWSY.map(lambda t: ("---\noutlet: NYT\n---\n" + t).encode()),
        NEWSY.map(lambda t: f"<html><body><article><p>{t}</p></article></body></html>".encode()),
    )
)
def test_any_input_is_read_and_analysed_safely(blank_analyzer, data):
    (item,) = read_corpus(["-"], outlet="X", stdin=io.BytesIO(data))
    if isinstance(item, ReadFailure):
        return
    (result,) = blank_analyzer.analyze_articles([item])
    assert result.status in ("ok", "empty")
    for hit in [*result.term_hits, *result.state_media, *result.hedges]:
        assert item.text[hit.span.start : hit.span.end] == hit.span.text
    assert all(is_valid_rate(k, v) for k, v in result.features.items())


@pytest.mark.parametrize(
    "text, quoted, unclosed",
    [
        ("“We will win,” Kim said.", "We will win,", 0),
        ("«We will win», Kim said.", "We will win", 0),
        ("„We will win“, Kim said.", "We will win", 0),
        ("\u200f“We will win,”\u200f Kim said.", "We will win,", 0),  # RTL marks
        ("“We\u00a0will\u200bwin,” Kim\u00a0said.", "We\u00a0will\u200bwin,", 0),  # NBSP, ZWSP
        ('"We will win, Kim said.', "We will win, Kim said.", 1),  # unbalanced: counted
    ],
)
def test_unicode_edge_cases_from_input_to_quotes(blank_analyzer, text, quoted, unclosed):
    (article,) = read_corpus(["-"], outlet="X", stdin=io.BytesIO(text.encode("utf-8")))
    (result,) = blank_analyzer.analyze_articles([article])
    assert [q.span.text for q in result.quotes] == [quoted]
    assert result.features["quote_n_unclosed"] == unclosed
    (quote,) = result.quotes
    assert text[quote.span.start : quote.span.end] == quoted


OVERLAY_CUE = """\
lexicon: reporting_verbs
lang: en
categories:
  neutral: A neutral reporting verb.
entries:
  - {id: mine.opine, term: opine, category: neutral, note: test cue}
"""


@pytest.mark.parametrize(
    "model",
    ["blank", pytest.param(None, marks=pytest.mark.model, id="trained")],
)
@pytest.mark.parametrize("mode", ["selective", "full", "fast"])
@pytest.mark.parametrize("overlay", [False, True], ids=["shipped", "cue-overlay"])
def test_a_spec_has_the_versions_of_the_analyzer_it_describes(model, mode, overlay, tmp_path):
    """AnalyzerSpec reads versions without loading the pipeline; they must be the Analyzer's,
    or a Dask run would key the cache and label its rows wrongly."""
    from framing.annotate.model import ModelNotFound
    from framing.measure.analyzer import AnalyzerSpec

    overlays = ()
    if overlay:
        (tmp_path / "reporting_verbs.yaml").write_text(OVERLAY_CUE)
        overlays = (str(tmp_path),)
    try:
        analyzer = Analyzer(lexicon_overlays=overlays, model=model, mode=mode)
    except ModelNotFound as exc:
        pytest.skip(str(exc))
    spec = AnalyzerSpec.of(lexicon_overlays=overlays, model=model, mode=mode)
    got = (spec.model, spec.lexicon_version, spec.parse_version, spec.result_version)
    want = (
        analyzer.model,
        analyzer.lexicon_version,
        analyzer.parse_version,
        analyzer.result_version,
    )
    assert got == want
    assert spec.settings == analyzer.settings


def test_a_spec_of_a_model_that_is_not_installed_is_refused():
    from framing.annotate.model import ModelNotFound
    from framing.measure.analyzer import AnalyzerSpec

    with pytest.raises(ModelNotFound, match="no_such_model"):
        AnalyzerSpec.of(model="no_such_model")
