"""Tests for framing.curate.corpus: where, suggest, diff and per-entry BABE stats."""

from __future__ import annotations

import csv
import textwrap
from pathlib import Path

import pytest
import spacy

from framing.curate.corpus import (
    candidate_entry,
    diff,
    suggest,
    suggest_terms,
    where,
)
from framing.evaluation.entry_stats import entry_stats
from framing.measure.analyzer import Analyzer
from tests.conftest import PROJECT_ROOT

FILLER = (
    "The committee met on Tuesday to discuss the budget for the coming year. Members asked "
    "questions about spending on roads, schools and hospitals, and the chair said a vote "
    "would follow next week. Residents attended the meeting and several spoke."
)


def corpus_folder(tmp_path: Path, articles: list[tuple[str, str]]) -> Path:
    """A folder of articles with a manifest naming each one's outlet."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "outlet"])
        for index, (outlet, text) in enumerate(articles):
            name = f"{index:03d}.txt"
            (folder / name).write_text(text, encoding="utf-8")
            writer.writerow([name, outlet])
    return folder


@pytest.fixture(scope="module")
def blank_analyzer():
    return Analyzer(spacy.blank("en"))


def test_suggest_ranks_the_planted_word_first(lexicons):
    focus = [
        f"{FILLER} The zorblatt mob gathered again; a zorblatt crowd shouted." for _ in range(8)
    ]
    reference = [FILLER for _ in range(8)]
    candidates = suggest_terms(focus, reference, lexicons, top=5, min_count=2)
    assert candidates[0].term == "zorblatt"
    assert candidates[0].count_focus == 16 and candidates[0].count_reference == 0
    assert candidates[0].contexts and "zorblatt" in candidates[0].contexts[0]


@pytest.mark.parametrize(
    "planted, reason",
    [
        ("the the the", "stopwords"),
        ("1234 5678 2024", "numbers"),
        ("Pyongyang Pyongyang Zelensky", "names"),
    ],
)
def test_suggest_skips_stopwords_numbers_and_names(lexicons, planted, reason):
    focus = [f"{FILLER} {planted}." for _ in range(6)]
    reference = [FILLER for _ in range(6)]
    terms = {c.term for c in suggest_terms(focus, reference, lexicons, top=30, min_count=2)}
    assert not terms & {"the", "1234", "pyongyang", "zelensky"}, reason


def test_suggest_marks_words_a_lexicon_has(lexicons):
    focus = [f"{FILLER} The regimes fell and the dictator fled." for _ in range(6)]
    candidates = suggest_terms(focus, [FILLER] * 6, lexicons, top=30, min_count=2)
    known = {c.term: c.known_as for c in candidates}
    assert known["dictator"] == "loaded.dictator"
    assert known["regimes"] == "loaded.regime"  # a plain inflection is recognised
    assert known["fled"] is None


def test_suggest_compares_one_outlet_with_the_rest(tmp_path, lexicons):
    folder = corpus_folder(
        tmp_path,
        [("Daily Blare", f"{FILLER} Blorpish leaders blorpish plans.")] * 4
        + [("Calm Gazette", FILLER)] * 4,
    )
    result = suggest([folder], lexicons, outlet="Daily Blare", top=3, min_count=2)
    assert result.focus == "Daily Blare" and result.reference == "the rest of the corpus"
    assert result.candidates[0].term == "blorpish"
    with pytest.raises(ValueError, match="Calm Gazette, Daily Blare"):
        suggest([folder], lexicons, outlet=None)


def test_an_accepted_candidate_carries_its_provenance(lexicons):
    focus = [f"{FILLER} zorblatt zorblatt." for _ in range(4)]
    candidate = suggest_terms(focus, [FILLER] * 4, lexicons, top=1, min_count=2)[0]
    from framing.curate.corpus import Suggestion

    entry = candidate_entry(
        candidate,
        Suggestion("Daily Blare", "the BBC corpus", [candidate]),
        entry_id="loaded.zorblatt",
        category="pejorative_label",
        date="2026-11-23",
    )
    assert entry.provenance == "suggested from Daily Blare against the BBC corpus on 2026-11-23"
    assert entry.must_match and "zorblatt" in entry.must_match[0]


def test_where_lists_hits_with_voice_and_sentence(tmp_path, blank_analyzer):
    text = 'The dictator spoke. "The dictator must go," she said. Nothing else.'
    folder = corpus_folder(tmp_path, [("Daily Blare", text), ("Calm Gazette", FILLER)])
    hits = list(where("dictator", [folder], blank_analyzer))
    assert [(h.outlet, h.voice) for h in hits] == [
        ("Daily Blare", "narration"),
        ("Daily Blare", "quoted"),
    ]
    assert all(text[h.start : h.end] == "dictator" for h in hits)
    assert hits[0].sentence == "The dictator spoke."


def test_where_takes_an_entry_id_with_its_exceptions(tmp_path, blank_analyzer):
    text = "The regime fell. She kept a strict dietary regime."
    folder = corpus_folder(tmp_path, [("Daily Blare", text)])
    assert len(list(where("regime", [folder], blank_analyzer))) == 2
    assert len(list(where("loaded.regime", [folder], blank_analyzer))) == 1


def test_diff_shows_what_switching_an_entry_off_does(tmp_path, blank_analyzer, lexicons):
    text = f"{FILLER} The dictator spoke to the crowd. The dictator left."
    folder = corpus_folder(tmp_path, [("Daily Blare", text), ("Calm Gazette", FILLER)])
    overlay = tmp_path / "off"
    overlay.mkdir()
    (overlay / "loaded_terms.yaml").write_text(
        textwrap.dedent(
            """\
            lexicon: loaded_terms
            categories: {pejorative_label: condemns}
            entries:
              - {id: loaded.dictator, term: dictator, category: pejorative_label,
                 note: switched off, enabled: false}
            """
        ),
        encoding="utf-8",
    )
    result = diff(PROJECT_ROOT / "lexicons", overlay, [folder], blank_analyzer)
    assert result.n_articles == 2 and result.version_a != result.version_b
    assert result.entries.to_dict("records") == [
        {"entry_id": "loaded.dictator", "hits_before": 2, "hits_after": 0, "change": -2}
    ]
    own = result.figures.set_index(["outlet", "figure"])
    change = own.loc[("Daily Blare", "loaded_own_per_1000_words")]
    assert change["before"] > 0 and change["after"] == 0
    assert "Calm Gazette" not in set(result.figures["outlet"])  # nothing changed there


def test_diff_of_a_version_with_itself_changes_nothing(tmp_path, blank_analyzer):
    folder = corpus_folder(tmp_path, [("Daily Blare", f"{FILLER} The dictator left.")])
    shipped = PROJECT_ROOT / "lexicons"
    result = diff(shipped, shipped, [folder], blank_analyzer)
    assert result.figures.empty and result.entries.empty


def test_entry_stats_on_a_babe_sample(blank_nlp, lexicons):
    sample = PROJECT_ROOT / "tests" / "fixtures" / "babe_sample.csv"
    rows = entry_stats(sample, blank_nlp, lexicons)
    by_id = {row.entry_id: row for row in rows}
    assert len(rows) == len(lexicons.entries["loaded_terms"])  # silent entries listed too
    dictator = by_id["loaded.dictator"]
    assert dictator.fires >= 1 and dictator.in_gold >= 1 and 0 < dictator.precision <= 1
    assert rows[0].fires >= rows[-1].fires  # most frequent first
