"""Lexicon mentions that need only the tokenizer: state-controlled media and hedges.

One :class:`MentionFinder` per lexicon, compiled once. Each hit becomes a
:class:`framing.annotate.records.Mention` on a Doc attribute and a labelled span in ``doc.spans``
whose ``id`` is the lexicon entry that matched.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from framing.annotate.records import Mention, TextSpan
from framing.annotate.sentences import SentenceLookup
from framing.lexicon.load import Lexicons
from framing.lexicon.matching import EntryMatcher


def sentence_of(span: Span) -> TextSpan:
    """The sentence around a span, or the span's paragraph-free doc if sentences are unset."""
    doc = span.doc
    if doc.has_annotation("SENT_START"):
        return TextSpan.of(span.sent)
    return TextSpan(0, len(doc.text), doc.text)


class MentionFinder:
    """Finds the entries of one lexicon in a Doc and stores them as mentions."""

    def __init__(
        self, nlp: Language, lexicons: Lexicons, *, lexicon: str, attribute: str, span_key: str
    ):
        self.matcher = EntryMatcher.for_lexicon(nlp, lexicons, lexicon)
        self.attribute = attribute
        self.span_key = span_key

    def __call__(self, doc: Doc) -> Doc:
        hits = self.matcher(doc)
        doc.spans[self.span_key] = [hit.span for hit in hits]
        sentences = SentenceLookup(doc) if hits else None
        mentions = [
            Mention(
                span=TextSpan.of(hit.span),
                entry_id=hit.entry.id,
                name=hit.entry.term or hit.entry.id,
                category=hit.entry.category,
                sentence=sentences.of(hit.span),
                country=hit.entry.country,
            )
            for hit in hits
        ]
        setattr(doc._, self.attribute, mentions)
        return doc


def state_media_finder(nlp: Language, lexicons: Lexicons) -> MentionFinder:
    return MentionFinder(
        nlp, lexicons, lexicon="state_media", attribute="state_media", span_key="state_media"
    )


def hedge_finder(nlp: Language, lexicons: Lexicons) -> MentionFinder:
    return MentionFinder(nlp, lexicons, lexicon="hedges", attribute="hedges", span_key="hedge")
