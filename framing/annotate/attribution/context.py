"""The Doc seen once: the per-Doc lookups every attribution rule reads.

In: a Doc and the quotes found in it. Out: a :class:`DocContext`: the Doc's sentences (from the
pipeline, or from punctuation when it has none) and paragraphs, which tokens sit inside a
speech quote (a scare quote or a quoted title is never content), and the direct quote a cue
introduces or closes, joined with the quote that carries on right after the cue
(``"A," he said. "B."``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from framing.annotate.attribution.spans import is_paragraph_break, paragraph_start
from framing.annotate.doc_extensions import doc_text
from framing.annotate.quotes import looks_like_title
from framing.annotate.records import Quote
from framing.annotate.sentences import sentence_bounds
from framing.read.characters import (
    CLOSING_DOUBLE_QUOTES,
    CLOSING_SINGLE_QUOTES,
    OPENING_DOUBLE_QUOTES,
    OPENING_SINGLE_QUOTES,
)

#: Words that may stand between a speaker and the cue verb: "Kim also said", "he has said".
SKIPPABLE_BEFORE_CUE = frozenset(
    "also has have had was were is are later previously reportedly repeatedly further then "
    "once again recently earlier publicly privately would will had has not never only "
    "first quickly".split()
)
_SENTENCE_END = re.compile(
    rf"(?<=[.!?])[\"'{CLOSING_DOUBLE_QUOTES}{CLOSING_SINGLE_QUOTES})]*\s+"
    rf"(?=[\"'{OPENING_DOUBLE_QUOTES}{OPENING_SINGLE_QUOTES}(]*[A-Z0-9])|\n\s*\n"
)


class DocContext:
    """Per-Doc lookups computed once: sentences, and which tokens sit inside a quote."""

    def __init__(self, doc: Doc, quotes: Sequence[Quote], text: str | None = None):
        self.doc = doc
        self.parsed = doc.has_annotation("DEP")
        self.has_ents = doc.has_annotation("ENT_IOB")
        # Doc.text joins every token on each access: read it once.
        self.text = doc_text(doc) if text is None else text
        self.quotes = list(quotes)
        self._token_starts = doc.to_array("IDX").tolist()
        self.speech_quotes = [
            q for q in quotes if not q.scare and not (q.closed and looks_like_title(q.span.text))
        ]
        self._quote_of_token: dict[int, Quote] = {}
        self._quote_spans: dict[Quote, Span | None] = {}
        for quote in self.speech_quotes:
            span = self.quote_span(quote)
            if span is not None:
                for token in span:
                    self._quote_of_token.setdefault(token.i, quote)
        self._sentences = _sentence_spans(doc)
        self._sentence_starts = [s.start for s in self._sentences]

    @property
    def sentence_starts(self) -> list[int]:
        """The first token of each sentence, in order."""
        return self._sentence_starts

    def quote_span(self, quote: Quote) -> Span | None:
        """The quote with its marks, as a token span."""
        if quote not in self._quote_spans:
            start = max(quote.span.start - 1, 0)
            end = min(quote.span.end + 1, len(self.text))
            if quote.closed is False:
                end = quote.span.end
            self._quote_spans[quote] = self.char_span(start, end)
        return self._quote_spans[quote]

    def token_at(self, char: int) -> Token | None:
        """The token holding character ``char`` (``”―`` glued is one token), or None."""
        index = bisect_right(self._token_starts, char) - 1
        return self.doc[index] if index >= 0 else None

    def char_span(self, start: int, end: int) -> Span | None:
        """The tokens covering characters [start, end) (Doc.char_span "expand", by bisection)."""
        first = bisect_right(self._token_starts, start) - 1
        last = bisect_left(self._token_starts, end)
        if first < 0 or last <= first:
            return None
        return self.doc[first:last]

    def paragraph_start(self, token_index: int) -> int:
        """The first token of the paragraph holding ``token_index``."""
        return paragraph_start(self.doc, token_index)

    def is_person(self, span: Span) -> bool:
        """Whether NER calls this span a person; without NER, a short capitalised name is one."""
        if not self.has_ents:
            return True
        return any(t.ent_type_ == "PERSON" for t in span)

    def paragraph_end(self, token_index: int) -> int:
        """The token index where the paragraph holding ``token_index`` ends."""
        doc = self.doc
        index = token_index
        while index < len(doc) and not is_paragraph_break(doc[index]):
            index += 1
        return index

    def quote_ending_at(self, token_index: int) -> Quote | None:
        quote = self._quote_of_token.get(token_index - 1)
        if quote is None:
            return None
        span = self.quote_span(quote)
        return quote if span is not None and span.end - 1 == token_index else None

    def in_quote(self, token: Token) -> bool:
        quote = self._quote_of_token.get(token.i)
        return quote is not None and quote.span.start <= token.idx < quote.span.end

    def sentence(self, token: Token) -> Span:
        index = bisect_right(self._sentence_starts, token.i) - 1
        return self._sentences[max(index, 0)]

    def quote_starting_at(self, token_index: int) -> Quote | None:
        """The quote whose opening mark is the token at ``token_index`` (spaces skipped)."""
        doc = self.doc
        while token_index < len(doc) and doc[token_index].is_space:
            token_index += 1
        if token_index >= len(doc):
            return None
        quote = self._quote_of_token.get(token_index)
        if quote is None:
            return None
        span = self.quote_span(quote)
        return quote if span is not None and span.start == token_index else None

    def direct_content(
        self, quote: Quote, cue: Span, sentence: Span
    ) -> tuple[Span | None, Span | None]:
        """The quote a cue introduces or closes, with the quote that carries on after it, and
        the words between the two (`"A," he said. "B."`: ``he said.``), which are the
        writer's, not the speaker's; None when there is no second quote."""
        span = self.quote_span(quote)
        if span is None or span.start > cue.start:
            return span, None
        follower = self.continuation(quote, sentence)
        follower_span = self.quote_span(follower) if follower is not None else None
        if follower_span is None:
            return span, None
        # One content in two pieces, as PolNeAR annotates it: the quotes, not the cue between.
        gap = self.doc[span.end : follower_span.start]
        return self.doc[span.start : follower_span.end], gap if len(gap) else None

    def continuation(self, quote: Quote, sentence: Span) -> Quote | None:
        """The quote that carries on after the cue: `"A," he said. "B."` / `"A," he said, "B."`.

        Only within the paragraph: the next quote must open right after the cue's sentence
        (or after a comma inside it), with no line break between.
        """
        doc = self.doc
        span = self.quote_span(quote)
        index = span.end if span is not None else sentence.end
        # Skip the cue clause: `, he said,` up to the next quote mark in the same sentence.
        while index < sentence.end and not doc[index].is_quote:
            index += 1
        index = min(index, sentence.end)
        follower = self.quote_starting_at(index)
        if follower is None or follower is quote or span is None:
            return None
        between = self.text[span.end_char : follower.span.start]
        return None if "\n" in between else follower

    def _quote_after_addressee(self, cue: Span, sentence: Span) -> Quote | None:
        """The quote a colon opens a few words after the cue, when the words between are the
        addressee or the channel (`told reporters: "..."`, `telling Breitbart London: "..."`,
        `said on Twitter: "..."`), not a clause of their own."""
        doc = self.doc
        end = min(sentence.end, cue.end + MAX_WORDS_BEFORE_COLON + 1, len(doc))
        for index in range(cue.end, end):
            token = doc[index]
            if token.text == ":":
                return self.quote_starting_at(index + 1) if index > cue.end else None
            if token.is_quote or token.is_space or token.pos_ in ("VERB", "AUX"):
                return None
            if token.is_punct:
                return None
        return None

    def adjacent_quote(self, cue: Span, sentence: Span, speaker: Span | None) -> Quote | None:
        """A direct quote next to the cue: `"...," Kim said` or `Kim said: "..."`."""
        doc = self.doc
        # After the cue: `said: "..."`, `said, "..."`, `said "..."` (may open the next sentence).
        index = cue.end
        while (
            index < len(doc)
            and doc[index].text in (",", ":")
            or (index < len(doc) and speaker is not None and speaker.start == index)
        ):
            index = speaker.end if speaker is not None and speaker.start == index else index + 1
        after = self.quote_starting_at(index)
        if after is None:
            after = self._quote_after_addressee(cue, sentence)
        # Before the cue: only the speaker and a comma between the quote's end and the cue.
        index = cue.start - 1
        if speaker is not None and speaker.end <= cue.start and speaker.start < cue.start:
            index = min(index, speaker.start - 1)
        while index >= 0 and (
            doc[index].lower_ in SKIPPABLE_BEFORE_CUE or doc[index].text in (",",)
        ):
            index -= 1
        before = None
        # A quote that ends the paragraph before is no quote of a cue that opens this one:
        # `"…"` ¶ `The White House did not immediately respond to a request for comment.`
        if index >= 0 and not is_paragraph_break(doc[index]):
            quote = self._quote_of_token.get(index) or self._quote_of_token.get(index - 1)
            span = self.quote_span(quote) if quote is not None else None
            if span is not None and span.end - 1 <= index + 1 and span.end >= index:
                before = quote
        if before is not None and after is not None:
            # `"A," he said, "B."`: the quote before is the one this cue closes.
            return before
        return before or after


#: At most this many words between a cue and the colon that opens its quote: `told
#: reporters:`, `said on Twitter:`, `telling Breitbart London:`.
MAX_WORDS_BEFORE_COLON = 4


def _sentence_spans(doc: Doc) -> list[Span]:
    """Sentences from the pipeline, or from punctuation when it has no sentence boundaries."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        if "sents" in doc.user_hooks:
            return list(doc.sents)
        return [doc[start:end] for start, end in sentence_bounds(doc)]
    spans = []
    start_char = 0
    text = doc.text
    for match in _SENTENCE_END.finditer(text):
        span = doc.char_span(start_char, match.start(), alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
        start_char = match.end()
    last = doc.char_span(start_char, len(text), alignment_mode="expand")
    if last is not None and len(last):
        spans.append(last)
    return spans or [doc[:]]
