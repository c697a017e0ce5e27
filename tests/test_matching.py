"""Tests for framing.lexicon.matching: literal token patterns go to the PhraseMatcher, same hits."""

from __future__ import annotations

import pytest
import spacy
from spacy.matcher import Matcher

from framing.lexicon.load import Entry
from framing.lexicon.matching import EntryMatcher, literal_phrases


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ([{"LOWER": "said"}], ("LOWER", [["said"]])),
        (
            [{"LOWER": {"IN": ["think", "thought"]}}, {"LOWER": "that"}],
            ("LOWER", [["think", "that"], ["thought", "that"]]),
        ),
        ([{"ORTH": {"IN": ["MP", "MPs"]}}], ("ORTH", [["MP"], ["MPs"]])),
        ([{"TEXT": "CIA"}], ("ORTH", [["CIA"]])),
        # punctuation is its own lowercase form: a mixed pattern is matched on LOWER
        (
            [{"LOWER": "continued"}, {"ORTH": {"IN": [",", ":"]}}],
            ("LOWER", [["continued", ","], ["continued", ":"]]),
        ),
        # a LOWER value with a capital never matches a token's lowercase form
        ([{"LOWER": {"IN": ["Said", "said"]}}], ("LOWER", [["said"]])),
        # negative: these need the token Matcher
        ([{"LOWER": "said"}, {"ORTH": "Kim"}], None),
        ([{"LOWER": "said", "OP": "?"}], None),
        ([{"IS_PUNCT": True}], None),
        ([{"LEMMA": "say"}], None),
        ([{"LOWER": {"NOT_IN": ["said"]}}], None),
        ([{"LOWER": {"REGEX": "^sa"}}], None),
        ([{"LOWER": "two words"}], None),
        ([], None),
    ],
)
def test_literal_phrases(pattern, expected):
    assert literal_phrases(pattern) == expected


PATTERNS = [
    [{"LOWER": {"IN": ["continued", "continues"]}}, {"ORTH": {"IN": [",", ".", ":"]}}],
    [{"LOWER": {"IN": ["think", "thought"]}}, {"LOWER": {"IN": ["that", "he"]}}],
    [{"ORTH": {"IN": ["MP", "MPs", "CIA"]}}],
]


@pytest.mark.parametrize(
    "text",
    [
        "He continued, and she continues: I thought that he thought he left.",
        "CONTINUED, the MPs and the cia and the CIA. mps",
        "Nothing here.",
    ],
)
def test_literal_patterns_find_what_the_token_matcher_finds(text):
    nlp = spacy.blank("en")
    entries = [
        Entry(id=f"p{i}", pattern=pattern, category="neutral", provenance="test", note="test")
        for i, pattern in enumerate(PATTERNS)
    ]
    doc = nlp(text)
    matcher = Matcher(nlp.vocab)
    for entry in entries:
        matcher.add(entry.id, [entry.pattern])
    expected = {(nlp.vocab.strings[key], start, end) for key, start, end in matcher(doc)}
    found = {
        (hit.entry.id, hit.span.start, hit.span.end) for hit in EntryMatcher(nlp, entries)(doc)
    }
    assert found == expected


@pytest.mark.parametrize("seed", range(5))
def test_longest_first_is_filter_spans(seed):
    import random

    from spacy.tokens import Span
    from spacy.util import filter_spans

    from framing.lexicon.matching import _longest_first

    doc = spacy.blank("en")("a b c d e f g h i j k l")
    rng = random.Random(seed)
    matches = []
    for _ in range(12):
        start = rng.randrange(12)
        matches.append((start, rng.randint(start + 1, min(start + 4, 12)), f"e{rng.randrange(3)}"))
    spans = [Span(doc, s, e, span_id=i) for s, e, i in matches]
    expected = [(span.start, span.end, span.id_) for span in sorted(filter_spans(spans))]
    assert _longest_first(matches) == expected
