"""Tests for framing.annotate.loaded_terms: hits, neutral senses, voice (narration, paraphrase or
quoted, from framing.annotate.voice), scare quotes,
multiword terms, and every example written in lexicons/loaded_terms.yaml."""

from __future__ import annotations

import pytest

from framing.annotate.loaded_terms import (
    SPAN_KEY,
    LoadedTermMatcher,
)
from framing.annotate.records import Attribution, Quote, Source, TextSpan
from framing.annotate.voice import NARRATION as VOICE_OUTLET
from framing.annotate.voice import PARAPHRASE
from framing.annotate.voice import QUOTED as VOICE_QUOTED
from framing.lexicon.load import load_lexicons

LEXICONS = load_lexicons()
LOADED_ENTRIES = LEXICONS["loaded_terms"]
SCARE_QUOTE_ID = "loaded.scare_quote"


@pytest.fixture(scope="module")
def blank_matcher(blank_nlp):
    return LoadedTermMatcher(blank_nlp, LEXICONS)


@pytest.fixture(scope="module")
def trained_matcher(trained_nlp):
    return LoadedTermMatcher(trained_nlp, LEXICONS)


def _hits(matcher, nlp, text, *, attributions=None):
    doc = nlp(text)
    doc._.attributions = attributions
    matcher(doc)
    return sorted((h.span.text, h.entry_id, h.voice) for h in doc._.term_hits)


# Exact forms: these need no lemmatizer, so they run on spacy.blank("en").
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The regime in Pyongyang denied it.", [("regime", "loaded.regime", VOICE_OUTLET)]),
        # Neutral senses listed as exceptions are not loaded.
        ("She keeps a strict dietary regime.", []),
        ("The EU tightened its sanctions regime.", []),
        ("Bacteria colonize the gut within days.", []),
        ("The papers are in the annex.", []),
        ("He won the strongman competition.", []),
        ("A flash mob danced in the station.", []),
        # Multiword terms match as one hit.
        (
            "Pyongyang was offering more than cannon fodder.",
            [("cannon fodder", "loaded.cannon_fodder", VOICE_OUTLET)],
        ),
        (
            "the so-called referendum in Crimea",
            [("so-called", "loaded.so_called", VOICE_OUTLET)],
        ),
        # Voice: the outlet's narration vs the speaker's quoted words.
        (
            'The dictator said: "The regime will stand."',
            [
                ("dictator", "loaded.dictator", VOICE_OUTLET),
                ("regime", "loaded.regime", VOICE_QUOTED),
            ],
        ),
        # An unclosed quote still quotes: it runs to the end of its paragraph.
        ('He said "the regime will fall', [("regime", "loaded.regime", VOICE_QUOTED)]),
        # A scare quote is the outlet's choice, and its words are the outlet's own (nobody
        # is credited with them): one hit, in narration. A loaded word inside it counts once,
        # as the scare quote (loaded_terms.one_count_per_word), not also as a loaded term.
        (
            'They praised the "regime" for its work.',
            [("regime", SCARE_QUOTE_ID, VOICE_OUTLET)],
        ),
        # A quoted statement is not a scare quote.
        ('"We will win this war," he said.', []),
        ("The committee published its report on Tuesday.", []),
    ],
)
def test_loaded_terms_exact_forms(blank_nlp, blank_matcher, text, expected):
    assert _hits(blank_matcher, blank_nlp, text) == sorted(expected)


# Inflections need the lemmatizer of the trained pipeline.
@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # Seed 002: the outlet calls Kim a dictator; "villains" is in Kim's quoted words.
        (
            'The dictator predicted: "The armed villains of the West cannot match this army."',
            [
                ("dictator", "loaded.dictator", VOICE_OUTLET),
                ("villains", "loaded.villain", VOICE_QUOTED),
            ],
        ),
        # With no attribution read, the rules call a quoted "martyrs" a scare quote, but the
        # learned filter reads it as somebody's words (Kim is in the sentence), and a
        # glorifying word in marks keeps nothing against it (only a euphemism does): the hit
        # is in the quoted voice, not the outlet's (test_voice.py has the seed's sentence,
        # where Kim is credited with it).
        (
            'Kim built homes for the families of "martyrs" who perished.',
            [("martyrs", "loaded.martyr", VOICE_QUOTED)],
        ),
        (
            "Russia first invaded Ukraine in 2014, colonizing its Crimean peninsula.",
            [("colonizing", "loaded.colonize", VOICE_OUTLET)],
        ),
        ("Hordes of conscripts crossed the river.", [("Hordes", "loaded.horde", VOICE_OUTLET)]),
        ("Russia annexed Crimea in 2014.", [("annexed", "loaded.annex", VOICE_OUTLET)]),
        ("The sanctions regimes of the EU and the US differ.", []),
        (
            "Regime thugs beat the protesters.",
            [("Regime", "loaded.regime", VOICE_OUTLET), ("thugs", "loaded.thug", VOICE_OUTLET)],
        ),
    ],
)
def test_loaded_terms_by_lemma(trained_nlp, trained_matcher, text, expected):
    assert _hits(trained_matcher, trained_nlp, text) == sorted(expected)


def test_attribution_content_is_paraphrase(blank_nlp, blank_matcher):
    # Indirect speech has no quote marks: the attribution's content is paraphrase.
    text = "Officials said the regime would fall, and the regime did fall."
    content_start = text.index("the regime")
    content_end = text.index(", and")
    attribution = Attribution(
        kind="indirect",
        sentence=TextSpan(0, len(text), text),
        cue=None,
        cue_lemma="say",
        stance="neutral",
        stance_entry_id=None,
        speaker=Source(TextSpan(0, 9, "Officials"), "officials", "government", named=False),
        content=TextSpan(content_start, content_end, text[content_start:content_end]),
    )
    doc = blank_nlp(text)
    doc._.attributions = [attribution]
    blank_matcher(doc)
    assert [(h.span.start, h.voice) for h in doc._.term_hits] == [
        (content_start + len("the "), PARAPHRASE),
        (text.rindex("regime"), VOICE_OUTLET),
    ]


def test_quotes_already_on_the_doc_are_used(blank_nlp, blank_matcher):
    doc = blank_nlp("The regime fell.")
    doc._.quotes = [Quote(TextSpan(4, 10, "regime"), closed=True, scare=False)]
    doc._.attributions = []
    blank_matcher(doc)
    assert [h.voice for h in doc._.term_hits] == [VOICE_QUOTED]


def test_span_group_traces_to_entries(blank_nlp, blank_matcher):
    doc = blank_matcher(blank_nlp('The dictator praised the "heroes" of the regime.'))
    spans = {(span.text, span.label_, span.id_) for span in doc.spans[SPAN_KEY]}
    assert spans == {
        ("dictator", "pejorative_label", "loaded.dictator"),
        ("heroes", "scare_quote", SCARE_QUOTE_ID),
        ("regime", "pejorative_label", "loaded.regime"),
    }
    assert len(doc._.term_hits) == len(doc.spans[SPAN_KEY])
    sentence = doc._.term_hits[0].sentence
    assert sentence.text == doc.text


def test_empty_doc(blank_nlp, blank_matcher):
    doc = blank_matcher(blank_nlp(""))
    assert doc._.term_hits == []
    assert list(doc.spans[SPAN_KEY]) == []


# ---- Every example in lexicons/loaded_terms.yaml ----------------------------------------------

EXAMPLES = [
    pytest.param(
        entry, text, should_match, id=f"{entry.id}:{'+' if should_match else '-'}:{text[:30]}"
    )
    for entry in LOADED_ENTRIES
    for should_match, texts in ((True, entry.must_match), (False, entry.must_not_match))
    for text in texts
]


def _entry_ids(matcher, nlp, text):
    return {hit.entry_id for hit in matcher(nlp(text))._.term_hits}


@pytest.mark.model
@pytest.mark.parametrize("entry, text, should_match", EXAMPLES)
def test_lexicon_examples(trained_nlp, trained_matcher, entry, text, should_match):
    assert (entry.id in _entry_ids(trained_matcher, trained_nlp, text)) is should_match


def _has_exact_form(entry, text):
    """True when one of the entry's phrases appears as written in the text (no lemma needed)."""
    lowered = f" {text.lower()} "
    return any(f" {phrase.lower()} " in lowered for phrase in entry.phrases) or (
        entry.id == SCARE_QUOTE_ID
    )


@pytest.mark.parametrize(
    "entry, text, should_match",
    [p for p in EXAMPLES if not p.values[2] or _has_exact_form(p.values[0], p.values[1])],
)
def test_lexicon_examples_exact_forms(blank_nlp, blank_matcher, entry, text, should_match):
    assert (entry.id in _entry_ids(blank_matcher, blank_nlp, text)) is should_match


def test_every_term_matches_itself(blank_nlp, blank_matcher):
    """A term no exception swallows and no longer entry shadows: each entry can fire."""
    silent = [
        entry.id
        for entry in LOADED_ENTRIES
        if entry.term and entry.id not in _entry_ids(blank_matcher, blank_nlp, entry.term)
    ]
    assert silent == []


def test_lexicon_declares_scare_quote_entry_and_categories():
    categories = LEXICONS.categories["loaded_terms"]
    assert set(categories) == {
        "pejorative_label", "dehumanising", "violence_war_framing", "glorifying",
        "emotional_intensifier", "euphemism", "scare_quote",
    }
    assert any(e.id == SCARE_QUOTE_ID and e.category == "scare_quote" for e in LOADED_ENTRIES)
    assert {e.category for e in LOADED_ENTRIES} == set(categories)


@pytest.mark.model
def test_a_loaded_word_in_a_scare_quote_counts_once(trained_nlp, trained_matcher):
    """Breitbart's "special operation": one hit, the scare quote, whose reason names the
    euphemism entry it holds; no second hit of category euphemism (issue #12)."""
    doc = trained_matcher(trained_nlp(
        "Russia first invaded Ukraine in 2014, then escalated its support into a full-scale "
        '"special operation" against Kyiv in 2022.'
    ))
    hits = [(h.span.text, h.category) for h in doc._.term_hits]
    assert hits == [("special operation", "scare_quote")]
    assert "loaded.special_military_operation" in doc._.term_hits[0].reason


def test_a_loaded_word_outside_every_scare_quote_keeps_its_hit(blank_nlp, blank_matcher):
    # Negative: the scare quote holds "heroes", not "regime": both words count, once each.
    doc = blank_matcher(blank_nlp('The regime praised the "heroes" of the war.'))
    assert sorted((h.span.text, h.entry_id) for h in doc._.term_hits) == [
        ("heroes", SCARE_QUOTE_ID), ("regime", "loaded.regime"),
    ]
