"""Tests for framing.evaluation.babe: reading BABE rows, matching words, the scores on a small
hand-written sample, and (marked gold) the floor the shipped lexicon must stay above on BABE."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from framing.annotate.loaded_terms import SCARE_QUOTE_CATEGORY
from framing.annotate.records import TermHit, TextSpan
from framing.annotate.voice import NARRATION, OWN_VOICES, PARAPHRASE
from framing.evaluation.babe import (
    WORD_VOICES,
    BabeSentence,
    SentencePrediction,
    babe_split,
    evaluate_babe,
    format_report,
    hit_words,
    normalise_word,
    parse_biased_words,
    read_babe,
    score_babe,
)
from framing.lexicon.load import Entry, Lexicons, LoadedEntry, load_lexicons

SAMPLE_CSV = Path(__file__).parent / "fixtures" / "babe_sample.csv"


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("[]", []),
        ("", []),
        ("['bizarre', 'characteristically']", ["bizarre", "characteristically"]),
        ("['\"non-binary\"']", ['"non-binary"']),
        ("['', 'cult']", ["cult"]),
    ],
)
def test_parse_biased_words(cell, expected):
    assert parse_biased_words(cell) == expected


@pytest.mark.parametrize("cell", ["[bizarre]", "'bizarre'", "[1, 2]", "{'a': 1}"])
def test_parse_biased_words_rejects_non_lists(cell):
    with pytest.raises(ValueError, match="biased_words"):
        parse_biased_words(cell)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Bizarre", "bizarre"),
        ('"non-binary"', "non-binary"),
        ("regime's", "regime"),
        ("regime\u2019s", "regime"),
        ("so-called", "so-called"),
        ("...", ""),
    ],
)
def test_normalise_word(word, expected):
    assert normalise_word(word) == expected


@pytest.mark.parametrize(
    "text, start, end, expected",
    [
        # A hit covers every whole word it touches.
        ("the so-called vote", 4, 6, ["so-called"]),
        ("fed cannon fodder to", 4, 17, ["cannon", "fodder"]),
        ('of "martyrs" who', 4, 11, ["martyrs"]),
        ("the regime's army", 4, 10, ["regime"]),
    ],
)
def test_hit_words(text, start, end, expected):
    assert hit_words(text, start, end) == expected


def test_read_babe_sample():
    sentences = read_babe(SAMPLE_CSV)
    assert len(sentences) == 6
    first = sentences[0]
    assert first.label_bias == "Biased"
    assert first.biased_words == ("dictator", "so-called", "crushed")
    assert sentences[4].gold_words == {"absurd", "bizarre"}
    assert sentences[2].text.startswith('"The regime is finished,"')


def test_read_babe_missing_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("text,label_bias\nHello,Biased\n", encoding="utf-8")
    with pytest.raises(ValueError, match="biased_words"):
        read_babe(path)


def test_split_is_fixed_and_halves():
    assert babe_split("The dictator crushed the protests.") == babe_split(
        "The dictator crushed the protests."
    )
    splits = [babe_split(f"sentence number {i}") for i in range(400)]
    assert 150 < splits.count("dev") < 250


def _sample_lexicons() -> Lexicons:
    """A five-word lexicon, so the expected numbers do not move when the shipped one does."""
    entries = [
        Entry(id="t.dictator", term="dictator", category="pejorative_label", note="test"),
        Entry(id="t.regime", term="regime", category="pejorative_label", note="test"),
        Entry(id="t.so_called", term="so-called", category="pejorative_label", note="test"),
        Entry(id="t.absurd", term="absurd", category="emotional_intensifier", note="test"),
        Entry(id="t.bizarre", term="bizarre", category="emotional_intensifier", note="test"),
        Entry(id="t.scare", pattern=[{"ORTH": '"'}], category="scare_quote", note="test"),
    ]
    loaded = [LoadedEntry(e, "loaded_terms", SAMPLE_CSV, i + 1) for i, e in enumerate(entries)]
    return Lexicons(entries={"loaded_terms": loaded}, version="sample")


@pytest.fixture(scope="module")
def sample_result(blank_nlp):
    return evaluate_babe(SAMPLE_CSV, blank_nlp, _sample_lexicons(), with_attributions=False)


def test_word_level_scores_on_sample(sample_result):
    scores = sample_result["splits"]["all"]
    # Predicted words: {dictator, so-called}, {regime}, {regime} (quoted), {absurd}; gold:
    # 3 + 0 + 1 + 0 + 2 + 1 = 7 words. Without attributions nobody is credited with "bizarre":
    # a scare quote, and a loaded word inside one counts once, as the scare quote, which is no
    # loaded-word prediction (loaded_terms.one_count_per_word). Own wording has 4 words.
    all_hits = scores["word"]["all"]
    assert (all_hits["true_positives"], all_hits["predicted"], all_hits["gold"]) == (3, 5, 7)
    assert all_hits["precision"] == pytest.approx(3 / 5)
    assert all_hits["recall"] == pytest.approx(3 / 7)
    outlet = scores["word"]["outlet"]
    assert (outlet["true_positives"], outlet["predicted"], outlet["gold"]) == (3, 4, 7)


def test_sentence_level_scores_on_sample(sample_result):
    sentence = sample_result["splits"]["all"]["sentence"]
    # "No agreement" is left out; rows 1 and 5 are true positives, row 2 a false positive,
    # row 3 (only quoted words) a false negative, row 4 a true negative.
    assert sentence["sentences"] == 5
    assert sentence["precision"] == pytest.approx(2 / 3)
    assert sentence["recall"] == pytest.approx(2 / 3)
    assert sentence["macro_f1"] == pytest.approx((2 / 3 + 1 / 2) / 2)


def test_entry_scores_on_sample(sample_result):
    entries = sample_result["splits"]["all"]["entries"]
    assert entries["t.regime"]["fires"] == 2
    assert entries["t.regime"]["fires_outlet"] == 1
    assert entries["t.regime"]["in_gold"] == 0
    assert entries["t.scare"]["fires"] == 1 and entries["t.scare"]["in_gold"] == 1
    assert entries["t.dictator"]["precision"] == 1.0


def test_splits_partition_the_sample(sample_result):
    splits = sample_result["splits"]
    assert splits["dev"]["sentences"] + splits["test"]["sentences"] == splits["all"]["sentences"]


def test_scare_quotes_can_be_counted(blank_nlp):
    result = evaluate_babe(
        SAMPLE_CSV,
        blank_nlp,
        _sample_lexicons(),
        with_attributions=False,
        include_scare_quotes=True,
        splits=("all",),
    )
    outlet = result["splits"]["all"]["word"]["outlet"]
    assert (outlet["true_positives"], outlet["predicted"]) == (4, 5)


def test_format_report_on_sample(sample_result):
    report = format_report(sample_result)
    assert "word, outlet hits" in report
    assert "word, narration hits" in report and "word, paraphrase hits" in report
    assert "t.regime" in report


@pytest.mark.gold
@pytest.mark.model
def test_babe_floor(gold_dir, trained_nlp):
    """The shipped lexicon on BABE: floors a little below what it scores (see the module doc).

    Achieved when written: test half, all hits P 0.64 F1 0.35, outlet voice P 0.70 R 0.22;
    whole set, all hits P 0.72 F1 0.41, outlet voice P 0.78 R 0.25; sentence macro-F1 0.66.
    """
    csv_path = gold_dir / "babe" / "babe_sg2.csv"
    if not csv_path.is_file():
        pytest.skip(f"BABE not found at {csv_path}")
    result = evaluate_babe(csv_path, trained_nlp, load_lexicons())
    whole, held_out = result["splits"]["all"], result["splits"]["test"]
    assert whole["sentences"] == 3674
    assert whole["word"]["all"]["precision"] >= 0.65
    assert whole["word"]["all"]["f1"] >= 0.38
    assert whole["word"]["outlet"]["precision"] >= 0.70
    assert held_out["word"]["all"]["precision"] >= 0.58
    assert held_out["word"]["all"]["f1"] >= 0.33
    assert held_out["word"]["outlet"]["precision"] >= 0.62
    assert whole["sentence"]["macro_f1"] >= 0.64
    assert not math.isnan(held_out["sentence"]["f1"])


def _hit(text: str, word: str, voice: str, category: str = "pejorative_label") -> TermHit:
    start = text.index(word)
    return TermHit(
        span=TextSpan(start, start + len(word), word), entry_id=f"t.{word}", term=word,
        category=category, weight=1.0, voice=voice, sentence=TextSpan(0, len(text), text),
    )


def _prediction(text: str, gold: tuple[str, ...], hits: list[tuple[str, str]]):
    sentence = BabeSentence(text=text, outlet="", label_bias="Biased", biased_words=gold)
    return SentencePrediction(sentence, tuple(_hit(text, word, voice) for word, voice in hits))


# (voices, hits as (word, voice), expected (true positives, predicted)) in one sentence whose
# experts marked "dictator" and "thugs".
_SENTENCE = "The dictator said the thugs and the regime lied"
_GOLD = ("dictator", "thugs")


@pytest.mark.parametrize(
    "voices, hits, expected",
    [
        (None, [("dictator", "narration"), ("regime", "quoted")], (1, 2)),
        (OWN_VOICES, [("dictator", "narration"), ("regime", "quoted")], (1, 1)),
        ((NARRATION,), [("dictator", "narration"), ("thugs", "paraphrase")], (1, 1)),
        ((PARAPHRASE,), [("dictator", "narration"), ("thugs", "paraphrase")], (1, 1)),
        ((PARAPHRASE,), [("regime", "paraphrase"), ("lied", "paraphrase")], (0, 2)),
        # Negative cases: a quoted hit is in neither own voice, nor is any other voice's.
        ((PARAPHRASE,), [("dictator", "quoted")], (0, 0)),
        ((NARRATION,), [("thugs", "paraphrase"), ("regime", "quoted")], (0, 0)),
    ],
)
def test_words_in_voices(voices, hits, expected):
    prediction = _prediction(_SENTENCE, _GOLD, hits)
    words = prediction.words(voices=voices)
    assert (len(words & prediction.sentence.gold_words), len(words)) == expected


def test_scare_quote_is_no_word_in_any_voice():
    prediction = SentencePrediction(
        BabeSentence(_SENTENCE, "", "Biased", _GOLD),
        (_hit(_SENTENCE, "thugs", "narration", category=SCARE_QUOTE_CATEGORY),),
    )
    for voices in WORD_VOICES.values():
        assert prediction.words(voices=voices) == frozenset()
    assert prediction.words(voices=(NARRATION,), include_scare_quotes=True) == {"thugs"}


def test_score_babe_splits_own_wording_by_voice():
    predictions = [
        _prediction(_SENTENCE, _GOLD, [("dictator", "narration"), ("regime", "paraphrase"),
                                       ("thugs", "quoted")]),
        _prediction("They lied about the thugs", ("thugs",), [("thugs", "paraphrase")]),
    ]
    word = score_babe(predictions)["word"]
    assert set(word) == set(WORD_VOICES)
    counts = {name: (w["true_positives"], w["predicted"], w["gold"]) for name, w in word.items()}
    assert counts == {
        "all": (3, 4, 3),
        "outlet": (2, 3, 3),
        "narration": (1, 1, 3),
        "paraphrase": (1, 2, 3),
    }
    assert word["paraphrase"]["precision"] == pytest.approx(1 / 2)
