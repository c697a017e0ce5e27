"""Tests for framing.read.language: detection, and refusing articles the lexicons do not fit."""

from __future__ import annotations

import pytest
import spacy

from framing.measure.analyzer import Analyzer
from framing.read.language import detect_language, language_refusal

GERMAN = (
    "Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes weitere Soldaten nach "
    "Russland geschickt. Die Truppen sollen in der Region Kursk eingesetzt werden, sagte ein "
    "Sprecher am Freitag in Seoul. Die Regierung in Pjöngjang äußerte sich zunächst nicht."
)
FRENCH = (
    "La Corée du Nord a envoyé de nouveaux soldats en Russie, selon les services de "
    "renseignement sud-coréens. Les troupes seraient déployées dans la région de Koursk, a "
    "déclaré vendredi un porte-parole à Séoul. Pyongyang n'a pas réagi dans l'immédiat."
)
ENGLISH = (
    "North Korea has sent more soldiers to Russia, according to South Korea's spy agency. The "
    "troops are to be deployed in the Kursk region, a spokesman said in Seoul on Friday. "
    "Pyongyang did not comment at first."
)


@pytest.mark.parametrize("text, code", [(GERMAN, "de"), (FRENCH, "fr"), (ENGLISH, "en")])
def test_detect_language(text, code):
    detected, probability = detect_language(text)
    assert detected == code and probability > 0.95


@pytest.mark.parametrize(
    "text, refused",
    [
        (GERMAN, True),
        (FRENCH, True),
        (ENGLISH, False),
        ("Kim Jong Un sagte am Freitag in Pjöngjang.", False),  # too short to judge
        ("", False),
    ],
)
def test_language_refusal(text, refused):
    reason = language_refusal(text, "en")
    assert (reason is not None) is refused
    if refused:
        assert reason.startswith("detected language: ") and "lexicons are for en" in reason


def test_analyzer_refuses_an_article_in_another_language():
    analyzer = Analyzer(spacy.blank("en"))
    german = analyzer.analyze(GERMAN, outlet="Der Spiegel")
    assert german.status == "failed" and "detected language: de" in german.error
    assert german.term_hits == [] and "detected language: de" in german.row()["warnings"]
    assert analyzer.analyze(ENGLISH, outlet="X").status == "ok"


@pytest.mark.parametrize(
    "text, asks_detector",
    [
        (ENGLISH, False),  # a fifth of its words are English function words
        (GERMAN, True),
        (FRENCH, True),
        # English words without English function words: a list of names is not plainly English
        ("Kim Jong Un Vladimir Putin Moscow Pyongyang Seoul Kursk Ukraine Russia " * 3, True),
    ],
)
def test_plainly_english_text_skips_the_detector(monkeypatch, text, asks_detector):
    import framing.read.language as language

    asked = []
    real = language.detect_language
    monkeypatch.setattr(language, "detect_language", lambda t: asked.append(t) or real(t))
    language.language_refusal(text, "en")
    assert bool(asked) is asks_detector


def test_the_english_shortcut_is_only_for_english_lexicons(monkeypatch):
    import framing.read.language as language

    monkeypatch.setattr(language, "detect_language", lambda t: ("en", 0.99))
    assert language.language_refusal(ENGLISH, "de") is not None
