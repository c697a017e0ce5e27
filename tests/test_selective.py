"""Selective parsing: which sentences get the parser, lemmas without a tagger, and the Doc
that comes out (parse where parsed, sentence boundaries everywhere, serialisable)."""

from __future__ import annotations

import pytest
import spacy

from framing.annotate.attribution.extract import AttributionExtractor
from framing.annotate.selective import (
    LemmaGuesser,
    SelectiveParser,
    docs_from_bytes,
    docs_to_bytes,
    learned_cue_lemmas,
)

TEXT = (
    "Quarterly profits rose sharply. "
    'Kim said the plan had failed. '
    "The dictator's regime fell in May. "
    'The report called it "a triumph" for the state. '
    "Markets closed higher."
)


@pytest.fixture(scope="module")
def selective(trained_nlp, lexicons):
    return SelectiveParser(trained_nlp, AttributionExtractor(trained_nlp, lexicons))


@pytest.fixture(scope="module")
def blank_selective(lexicons):
    blank = spacy.blank("en")
    return SelectiveParser(blank, AttributionExtractor(blank, lexicons))


@pytest.mark.parametrize(
    ("sentence", "candidate"),
    [
        ("Kim said the plan had failed.", True),  # lexicon cue
        ("Officials told reporters nothing.", True),  # inflected cue ("told")
        ("According to the agency, it rained.", True),  # "according to"
        ('It was a "special operation" again.', True),  # quote mark
        ("Moon: We will talk.", True),  # colon after a name
        ("Profits rose by 5% in May.", False),
        ("The dietary regime was strict.", False),
        ("prices: they fell.", False),  # a colon after a lowercase word is no speaker
        ("Kim's rockets flew north.", False),  # an apostrophe is not a quote mark
    ],
)
@pytest.mark.model
def test_a_sentence_is_parsed_only_when_it_can_carry_an_attribution(
    selective, sentence, candidate
):
    doc = selective.prepare(sentence)
    assert bool(selective.candidate_runs(doc)) is candidate


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("dictators", "dictator"), ("colonized", "colonize"), ("told", "tell"),
     ("villains", "villain"), ("regime", "regime"), ("was", "be"), ("has", "have"),
     ("xyzzy", "xyzzy"), ("says", "say")],
)  # fmt: skip
@pytest.mark.model
def test_lemmas_come_from_the_lemmatizer_tables_without_a_tagger(trained_nlp, word, lemma):
    assert LemmaGuesser(trained_nlp).lemma(word) == lemma


def test_a_blank_pipeline_has_no_lemma_tables(lexicons):
    guesser = LemmaGuesser(spacy.blank("en"))
    assert not guesser.available
    assert guesser.lemmas("dictators") == ("dictators",)


@pytest.mark.model
def test_only_candidate_sentences_are_parsed_and_every_sentence_keeps_its_bounds(selective):
    doc = selective(TEXT)
    sentences = list(doc.sents)
    assert [s.text.split()[0] for s in sentences] == ["Quarterly", "Kim", "The", "The", "Markets"]
    parsed = [all(t.has_dep() for t in s if not t.is_space) for s in sentences]
    assert parsed == [False, True, False, True, False]
    # Unparsed sentences still have lemmas for the term matchers; parsed ones have entities.
    assert [t.lemma_ for t in sentences[2] if t.text == "regime"] == ["regime"]
    assert "Kim" in [e.text for e in doc.ents]
    assert not any(e.start >= sentences[2].start and e.end <= sentences[2].end for e in doc.ents)


@pytest.mark.model
def test_parse_all_and_none_modes(trained_nlp, lexicons):
    extractor = AttributionExtractor(trained_nlp, lexicons)
    full = SelectiveParser(trained_nlp, extractor, parse="all")(TEXT)
    fast = SelectiveParser(trained_nlp, extractor, parse="none")(TEXT)
    assert all(t.has_dep() for t in full if not t.is_space)
    assert not any(t.has_dep() for t in fast)
    assert len(list(fast.sents)) == 5
    assert [t.lemma_ for t in fast if t.text == "said"] == ["say"]


def test_a_pipeline_without_parser_runs_whole(blank_selective, blank_nlp):
    assert blank_selective.parse == "all"
    doc = blank_selective("One. Two.")
    assert len(doc) == 4


def test_an_unknown_parse_choice_is_refused(lexicons):
    with pytest.raises(ValueError, match="parse must be one of"):
        blank = spacy.blank("en")
        SelectiveParser(blank, AttributionExtractor(blank, lexicons), parse="some")


@pytest.mark.model
def test_partly_parsed_docs_survive_serialisation(selective, trained_nlp):
    docs = [selective(TEXT), selective("Nothing to see. Still nothing.")]
    back = docs_from_bytes(trained_nlp.vocab, docs_to_bytes(docs))
    for before, after in zip(docs, back, strict=True):
        assert after.text == before.text
        assert [s.start for s in after.sents] == [s.start for s in before.sents]
        assert [t.dep_ for t in after] == [t.dep_ for t in before]
        assert [t.lemma_ for t in after] == [t.lemma_ for t in before]
        assert [(e.start, e.label_) for e in after.ents] == [
            (e.start, e.label_) for e in before.ents
        ]


def test_candidates_come_from_the_attribution_step_s_own_cue_matcher_and_detector(
    trained_nlp, lexicons
):
    extractor = AttributionExtractor(trained_nlp, lexicons)
    parser = SelectiveParser(trained_nlp, extractor)
    assert parser.cue_matcher is extractor.cue_matcher  # compiled once, for both
    assert parser.cue_lemmas == learned_cue_lemmas(extractor.cue_model)
    assert "allegation" in parser.cue_lemmas and "say" not in parser.cue_lemmas
    assert learned_cue_lemmas(None) == frozenset()  # no detector (a blank pipeline): none
