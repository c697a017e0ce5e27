"""Token-span helpers the attribution rules share.

In: spaCy spans (and the Doc's text). Out: spans trimmed of punctuation, tests of overlap and
containment, spans labelled for ``doc.spans`` and
:class:`~framing.annotate.records.TextSpan` records.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from framing.annotate.records import TextSpan


def trim(span: Span) -> Span:
    """A span without punctuation or spaces at either end (quote marks kept)."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (
        doc[start].is_space or (doc[start].is_punct and not doc[start].is_quote)
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_space or (doc[end - 1].is_punct and not doc[end - 1].is_quote)
    ):
        end -= 1
    return doc[start:end]


def is_paragraph_break(token: Token) -> bool:
    """Whether a token is the whitespace between two paragraphs (it holds a line break)."""
    return token.is_space and "\n" in token.text


def paragraph_start(doc, index: int) -> int:
    """The first token of the paragraph holding the token at ``index``."""
    while index > 0 and not is_paragraph_break(doc[index - 1]):
        index -= 1
    return index


#: Dashes that end a dateline: "RENO, Nev. (AP) \u2014 Donald Trump says".
_DATELINE_DASHES = frozenset({"\u2014", "\u2013", "-", "--"})
#: Tokens a dateline's credit may hold between its brackets: "(AP)", "(Reuters)", "(UPI)".
_CREDIT_TOKENS = 3


def after_dateline(span: Span) -> Span:
    """A span without the dateline it opens with: the place, date and wire credit before
    "(AP) \u2014" open a story and are nobody's words, so "RENO, Nev. (AP) \u2014 Republican
    presidential hopeful Donald Trump" is Donald Trump, not the wire."""
    doc = span.doc
    for i in range(span.end - 1, span.start + 1, -1):
        if doc[i].text not in _DATELINE_DASHES or doc[i - 1].text != ")":
            continue
        opening = [j for j in range(max(span.start, i - 2 - _CREDIT_TOKENS), i - 1)
                   if doc[j].text == "("]
        if opening and i + 1 < span.end:
            return doc[i + 1 : span.end]
    return span


def span_in(span: Span, outer: Span) -> bool:
    """Whether ``span`` lies wholly within ``outer``."""
    return outer.start <= span.start and span.end <= outer.end


def overlaps(a: Span, b: Span | None) -> bool:
    """Whether the two spans share a token (never, when ``b`` is None)."""
    return b is not None and a.start < b.end and b.start < a.end


def inside(token: Token, span: Span) -> bool:
    """Whether ``token`` is one of the span's tokens."""
    return span.start <= token.i < span.end


def text_span(span: Span, text: str) -> TextSpan:
    """``TextSpan.of(span)`` from the Doc's text (``Span.text`` reads every token)."""
    if not len(span):
        return TextSpan.of(span)
    start, end = span.start_char, span.end_char
    return TextSpan(start, end, text[start:end])


def labelled(span: Span, label: str | None, span_id: str | None) -> Span:
    """The same tokens as a new span with a label and an id, for ``doc.spans``."""
    return Span(span.doc, span.start, span.end, label=label or "", span_id=span_id or "")
