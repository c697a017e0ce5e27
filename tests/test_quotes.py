"""Tests for framing.annotate.quotes: pairing, tolerance of unclosed marks, scare quotes, titles."""

from __future__ import annotations

import pytest

from framing.annotate.quotes import (
    QuotedRegions,
    find_quotes,
    looks_like_title,
    paragraph_bounds,
    quote_at,
)


def _summary(text):
    return [(q.span.text, q.closed, q.scare) for q in find_quotes(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"All of you fought well," Kim said.', [("All of you fought well,", True, False)]),
        ('Kim said: "We won."', [("We won.", True, False)]),
        (
            '"We won," he said, "and we will win again."',
            [("We won,", True, False), ("and we will win again.", True, False)],
        ),
        ("\u201cWe won,\u201d he said.", [("We won,", True, False)]),
        # Scare quotes: short phrases with no verb.
        ('families of "martyrs"', [("martyrs", True, True)]),
        ('a "simple" task', [("simple", True, True)]),
        ("awarded the 'DPRK Hero' title", [("DPRK Hero", True, True)]),
        # Apostrophes are not quote marks.
        ("Kim's soldiers' families in the '90s", []),
        ("don't", []),
        # An unclosed quote is tolerated and runs to the end of its paragraph.
        (
            'He said "we will never stop.\n\nThe next day he left.',
            [("we will never stop.", False, False)],
        ),
        # A multi-paragraph quote: no closing mark, next paragraph opens with a mark.
        (
            '"The first part.\n\n"The second part," he said.',
            [('The first part.\n\n"The second part,', True, False)],
        ),
        ("No quotes at all.", []),
        ("", []),
    ],
)
def test_find_quotes(text, expected):
    assert _summary(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Markup attribute values are no quotations.
        ('<blockquote class="twitter-tweet" author="tedcruz">We will win.</blockquote>', []),
        ('<a href="https://example.com/a">link</a> and more', []),
        ("<img alt='a photo' src='x.jpg'>", []),
        # A quotation beside markup is still found; its marks are not markup.
        (
            '<p class="x">He called it "a farce" today.</p>',
            [("a farce", True, True)],
        ),
        # Negative cases: text that only looks like markup keeps its quotes.
        ('The vote = "a farce", he said.', [("a farce", True, True)]),
        ('He said "yes" and left.', [("yes", True, True)]),
    ],
)
def test_markup_values_are_not_quotations(text, expected):
    assert _summary(text) == expected


def test_quote_offsets_point_into_text():
    text = 'Leader Kim said "the war is won" on Friday.'
    (quote,) = find_quotes(text)
    assert text[quote.span.start : quote.span.end] == quote.span.text == "the war is won"
    assert quote_at(find_quotes(text), text.index("war")) == quote
    assert quote_at(find_quotes(text), text.index("Friday")) is None


def test_find_quotes_accepts_doc(blank_nlp):
    doc = blank_nlp('"We won," he said.')
    assert [q.span.text for q in find_quotes(doc)] == ["We won,"]


@pytest.mark.model
def test_scare_quote_uses_tags_when_present(trained_nlp):
    doc = trained_nlp('He said the troops "fought bravely" in Kursk.')
    (quote,) = find_quotes(doc)
    assert not quote.scare


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Orange Is the New Black", True),
        ("The Art of the Deal", True),
        ("We will win the war,", False),
        ("martyrs", False),
        ("the great leader", False),
    ],
)
def test_looks_like_title(text, expected):
    assert looks_like_title(text) is expected


def test_paragraphs_split_on_blank_lines_or_line_breaks():
    assert len(paragraph_bounds("a\nb\n\nc")) == 2
    assert len(paragraph_bounds("a\nb\nc")) == 3


@pytest.mark.parametrize(
    "regions, start, end, expected",
    [
        ([(10, 20)], 12, 15, True),
        ([(10, 20)], 10, 20, True),
        ([(10, 20)], 5, 12, False),
        ([(10, 20)], 18, 25, False),
        ([(10, 20), (15, 30)], 18, 25, True),  # overlapping regions merge
        ([(0, 5), (40, 50)], 20, 25, False),
        ([], 0, 1, False),
    ],
)
def test_quoted_regions(regions, start, end, expected):
    assert QuotedRegions(regions).covers(start, end) is expected
