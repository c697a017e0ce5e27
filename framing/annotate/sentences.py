"""Sentence-boundary hints for news text, set before the parser (or after a sentencizer).

Two conventions trip spaCy's parser on news copy: a closing quote after the full stop
(`…months."`) gets pushed to the start of the next sentence, and a line break between a
heading or dateline and the next paragraph is not always a boundary. Attribution works
sentence by sentence, so both matter. The parser keeps boundaries that are already set.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import hash_string
from spacy.tokens import Doc

from framing.annotate.doc_extensions import doc_text
from framing.annotate.records import TextSpan

SENTENCE_FINAL = {".", "!", "?", "…"}
QUOTE_MARKS = {'"', "'", "”", "’", "»"}
# The same sets as string hashes with a bit each, to test whole token arrays at once.
_FINAL, _QUOTE, _SENTENCIZER = 1, 2, 4
_FLAGS: dict[int, int] = {}
for _chars, _flag in (
    (SENTENCE_FINAL, _FINAL),
    (QUOTE_MARKS, _QUOTE),
    (Sentencizer.default_punct_chars, _SENTENCIZER),
):
    for _char in _chars:
        _FLAGS[hash_string(_char)] = _FLAGS.get(hash_string(_char), 0) | _flag
_FLAG_IDS = numpy.array(sorted(_FLAGS), dtype="uint64")
_FLAG_BITS = numpy.array([_FLAGS[key] for key in sorted(_FLAGS)], dtype="int64")
_NEWLINE = re.compile("\n")
_TOKEN_ATTRS = [ORTH, IS_SPACE, SPACY, IS_PUNCT, IDX]


def _ends_sentence(doc: Doc, i: int) -> bool:
    """True if the last non-space token before ``i`` closes a sentence (`.` or `."`)."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0:
        return False
    if doc[j].text in QUOTE_MARKS and j > 0:
        j -= 1
    return doc[j].text in SENTENCE_FINAL


def set_sentence_hints(doc: Doc) -> Doc:
    """The hints below, for every token at once (same result as :func:`_set_hints_per_token`)."""
    if len(doc) < 2:
        return doc
    starts = doc.to_array(SENT_START).astype("int64")
    hinted = _hinted_starts(_TokenArrays(doc), starts)
    if not numpy.array_equal(hinted, starts):
        doc.from_array([SENT_START], hinted.astype("uint64").reshape(-1, 1))
    return doc


def rule_sentences(doc: Doc, text: str | None = None) -> Doc:
    """spaCy's default Sentencizer followed by the hints, in arrays: what ``--fast`` and the
    unparsed sentences of a selective parse get (no Python loop over the tokens)."""
    if not len(doc):
        return doc
    arrays = _TokenArrays(doc, text)
    starts = _hinted_starts(arrays, _sentencizer_starts(arrays))
    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


class _TokenArrays:
    """The token attributes the sentence rules read, as arrays of one Doc."""

    def __init__(self, doc: Doc, text: str | None = None):
        values = doc.to_array(_TOKEN_ATTRS)
        orth = values[:, 0]
        self.is_space = values[:, 1].astype(bool)
        self.whitespace = values[:, 2].astype(bool)
        self.is_punct = values[:, 3].astype(bool)
        # One sorted lookup for the three sets (numpy.isin costs more, three times).
        at = numpy.minimum(numpy.searchsorted(_FLAG_IDS, orth), len(_FLAG_IDS) - 1)
        flags = numpy.where(_FLAG_IDS[at] == orth, _FLAG_BITS[at], 0)
        self.final = (flags & _FINAL) != 0
        self.quote = (flags & _QUOTE) != 0
        self.sentencizer_punct = (flags & _SENTENCIZER) != 0
        # Tokens holding a line break: each "\n" of the text, found in the token offsets.
        text = doc.text if text is None else text
        newline = numpy.zeros(len(doc), dtype=bool)
        if "\n" in text:
            positions = [m.start() for m in _NEWLINE.finditer(text)]
            holders = numpy.searchsorted(values[:, 4].astype("int64"), positions, side="right")
            newline[holders - 1] = True
        self.newline_space = newline & self.is_space


def _sentencizer_starts(arrays: _TokenArrays) -> numpy.ndarray:
    """spaCy's Sentencizer.predict: a sentence starts at the first token after a sentence-final
    mark (punctuation between them stays with the mark) that is neither punctuation nor
    another mark. Returns 1 for a start, -1 elsewhere, as the Sentencizer writes them."""
    marks = arrays.sentencizer_punct
    opens = ~arrays.is_punct & ~marks
    events = numpy.flatnonzero(marks | opens)
    starts = numpy.full(len(marks), -1, dtype="int64")
    starts[0] = 1
    if len(events) > 1:
        after_mark = events[1:][opens[events[1:]] & marks[events[:-1]]]
        starts[after_mark] = 1
    return starts


def _hinted_starts(arrays: _TokenArrays, starts: numpy.ndarray) -> numpy.ndarray:
    """The sentence starts after the hints of :func:`_set_hints_per_token` (1, -1 or 0)."""
    n = len(starts)
    starts = starts.copy()
    if n < 2:
        return starts
    space, ws, quote, final = arrays.is_space, arrays.whitespace, arrays.quote, arrays.final
    cur = slice(1, n)
    prev = slice(0, n - 1)
    is_space = space[cur]
    closing = quote[cur] & final[prev] & ~ws[prev]
    after_break = arrays.newline_space[prev]
    # An opening quote after a sentence end: the last non-space token before it (past one
    # closing quote mark) is sentence-final.
    index = numpy.arange(n)
    last_word = numpy.maximum.accumulate(numpy.where(space, -1, index))
    before = numpy.concatenate(([-1], last_word[:-1]))[cur]
    found = before >= 0
    before = numpy.where(found, before, 0)
    before = numpy.where(quote[before] & (before > 0), before - 1, before)
    ends = found & final[before]
    opening = quote[cur] & (ws[prev] | space[prev]) & ~ws[cur] & ends
    opening &= ~is_space & ~closing & ~after_break
    hinted = starts[cur]
    # In the order the per-token rules apply: a later rule only where no earlier one did;
    # the word after an opening quote is no start unless its own rules say otherwise.
    follows_opening = numpy.concatenate(([False], opening[:-1]))
    hinted = numpy.where(follows_opening, -1, hinted)
    hinted = numpy.where(opening | after_break, 1, hinted)
    hinted = numpy.where(is_space | closing, -1, hinted)
    starts[cur] = hinted
    return starts


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of ``doc.sents``, from the sentence-start array: iterating
    ``doc.sents`` makes a Token object per token, which a long Doc pays for on every call."""
    n = len(doc)
    if not n:
        return []
    starts = doc.to_array(SENT_START)[1:].astype("int64")
    edges = [0, *(numpy.flatnonzero(starts == 1) + 1).tolist(), n]
    return list(zip(edges[:-1], edges[1:], strict=True))


def sentence_char_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character offsets (start_char, end_char) of each sentence of :func:`sentence_bounds`."""
    bounds = sentence_bounds(doc)
    if not bounds:
        return []
    values = doc.to_array([IDX, SPACY]).astype("int64")
    # A token ends where the next one starts, less its trailing space (spaCy's only
    # whitespace suffix is one space).
    ends = numpy.append(values[1:, 0] - values[:-1, 1], values[-1, 0] + len(doc[-1].text))
    starts = values[:, 0].tolist()
    ends = ends.tolist()
    return [(starts[start], ends[end - 1]) for start, end in bounds]


class SentenceLookup:
    """The sentence around any span of one Doc, as ``TextSpan.of(span.sent)`` gives it, from
    sentence bounds computed once (``Span.sent`` walks the Doc for each span, and
    ``TextSpan.of`` reads the sentence's tokens). The whole text when the Doc has no
    sentence boundaries."""

    def __init__(self, doc: Doc, text: str | None = None):
        self.text = doc_text(doc) if text is None else text
        self._hooked = "sents" in doc.user_hooks or "sent" in doc.user_span_hooks
        self._sentenced = doc.has_annotation("SENT_START")
        bounds = sentence_bounds(doc) if self._sentenced and not self._hooked else []
        chars = sentence_char_bounds(doc) if bounds else []
        self._starts = [start for start, _end in bounds]
        self._bounds = bounds
        self._chars = chars

    def of(self, span) -> TextSpan:
        """The sentence holding a span's first token (``Span.sent`` gives only the first
        sentence of a span that crosses a boundary)."""
        if not self._sentenced:
            return TextSpan(0, len(self.text), self.text)
        if self._hooked or not len(span):
            return TextSpan.of(span.sent)
        start_char, end_char = self._chars[bisect_right(self._starts, span.start) - 1]
        return TextSpan(start_char, end_char, self.text[start_char:end_char])


def _set_hints_per_token(doc: Doc) -> Doc:
    """The hints, one token at a time: the reference :func:`set_sentence_hints` must match."""
    for i, token in enumerate(doc):
        if i == 0:
            continue
        previous = doc[i - 1]
        if token.is_space:
            token.is_sent_start = False  # whitespace belongs to the sentence it follows
        elif (
            token.text in QUOTE_MARKS
            and previous.text in SENTENCE_FINAL
            and not previous.whitespace_
        ):
            token.is_sent_start = False  # the closing quote ends the sentence it closes
        elif previous.is_space and "\n" in previous.text:
            token.is_sent_start = True  # a line break in cleaned text is a real break
        elif (
            token.text in QUOTE_MARKS
            and (previous.whitespace_ or previous.is_space)
            and not token.whitespace_
            and _ends_sentence(doc, i)
        ):
            # An opening quote after a full stop starts the next sentence; the word inside
            # it does not start another one.
            token.is_sent_start = True
            if i + 1 < len(doc):
                doc[i + 1].is_sent_start = False
    return doc


@Language.component("framing_sentence_hints", assigns=["token.is_sent_start"])
def sentence_hints_component(doc: Doc) -> Doc:
    return set_sentence_hints(doc)


def add_sentence_hints(nlp: Language) -> None:
    """Put the hints before the parser, or after a sentencizer, or add a sentencizer first."""
    if "framing_sentence_hints" in nlp.pipe_names:
        return
    if nlp.has_pipe("parser"):
        nlp.add_pipe("framing_sentence_hints", before="parser")
        return
    if not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer")
    after = "senter" if nlp.has_pipe("senter") else "sentencizer"
    nlp.add_pipe("framing_sentence_hints", after=after)
