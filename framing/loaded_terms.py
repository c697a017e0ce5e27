"""Loaded terms in a Doc, each in the voice it appears in: the outlet's own, or quoted speech.

A loaded term is a word that carries a judgement the facts alone do not (``dictator``,
``thugs``, ``martyrs``); the words live in ``lexicons/loaded_terms.yaml``. What matters for
framing is *whose* word it is. Kim calling Western troops ``villains`` inside his quoted
speech is reported speech; an outlet calling Kim a ``dictator`` in its own narration is the
outlet's choice. So every hit is given a voice:

- ``quoted``: it lies inside a direct quote (``doc._.quotes``) or inside the content of an
  attribution (``doc._.attributions[i].content``: reported speech, direct or indirect);
- ``outlet``: anywhere else.

A scare quote (a single word or short phrase set off in quote marks, ``"martyrs"``) is itself
a hit of category ``scare_quote`` in the outlet's voice, since setting a word off is the
outlet's choice; a loaded word inside it is still a hit in its own category, voice ``quoted``.

The component writes ``doc._.term_hits`` (a list of :class:`~framing.records.TermHit`) and the
span group ``doc.spans["loaded_term"]`` (label = category, span id = lexicon entry id).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

import framing.doc_extensions  # noqa: F401 - registers doc._.term_hits and friends
from framing.lexicons import Entry, LexiconError, Lexicons
from framing.matching import EntryMatcher
from framing.records import Quote, TermHit, TextSpan
from framing.sentences import SentenceLookup

LEXICON_NAME = "loaded_terms"
SPAN_KEY = "loaded_term"
SCARE_QUOTE_CATEGORY = "scare_quote"
VOICE_OUTLET = "outlet"
VOICE_QUOTED = "quoted"


class QuotedRegions:
    """Character ranges of quoted speech in a text, for fast 'is this offset quoted?' lookups."""

    def __init__(self, regions: Iterable[tuple[int, int]]):
        merged: list[tuple[int, int]] = []
        for start, end in sorted(r for r in regions if r[1] > r[0]):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._starts = [start for start, _ in merged]
        self._regions = merged

    def __len__(self) -> int:
        return len(self._regions)

    def covers(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one quoted region."""
        index = bisect_right(self._starts, start) - 1
        if index < 0:
            return False
        region_start, region_end = self._regions[index]
        return region_start <= start and end <= region_end


def quoted_regions(
    quotes: Sequence[Quote] | None, attributions: Sequence | None = None
) -> QuotedRegions:
    """Quoted speech in a Doc: every quote (scare quotes too) and every attribution's content."""
    regions = [(quote.span.start, quote.span.end) for quote in quotes or ()]
    for attribution in attributions or ():
        content = getattr(attribution, "content", None)
        if content is not None:
            regions.append((content.start, content.end))
    return QuotedRegions(regions)


def _find_quotes(doc: Doc) -> list[Quote]:
    # Imported here, not at module level: quotes.py sits upstream in the pipeline and is only
    # needed when this component runs on its own.
    from framing.quotes import find_quotes

    return list(find_quotes(doc))


def _sentence_of(span: Span) -> TextSpan:
    doc = span.doc
    if doc.has_annotation("SENT_START"):
        return TextSpan.of(span.sent)
    # No sentence boundaries (a bare tokenizer): the whole text stands in for the sentence.
    return TextSpan(0, len(doc.text), doc.text)


def _term_of(entry: Entry, span: Span) -> str:
    """The entry's base-form term; for a pattern entry, the matched words' lemmas."""
    if entry.term:
        return entry.term
    return " ".join(token.lemma_.lower() or token.lower_ for token in span)


class LoadedTermMatcher:
    """Finds loaded terms and scare quotes in a Doc and gives each one its voice.

    Built once with ``(nlp, lexicons)``; the lexicon's entries are compiled into one spaCy
    Matcher at that time. Calling it on a Doc sets ``doc._.term_hits`` and
    ``doc.spans["loaded_term"]`` and returns the Doc, so it can sit in a pipeline.
    """

    def __init__(self, nlp: Language, lexicons: Lexicons, *, lexicon: str = LEXICON_NAME):
        entries = lexicons[lexicon]
        # Scare quotes are found by the quote finder (Quote.scare), not by token patterns:
        # their entry is declared in the lexicon so that hits trace back to a line of it.
        self.scare_quote_entry: Entry | None = next(
            (e for e in entries if e.category == SCARE_QUOTE_CATEGORY), None
        )
        term_entries = [e for e in entries if e.category != SCARE_QUOTE_CATEGORY]
        self.entry_matcher = EntryMatcher(nlp, term_entries, source=lexicon)
        if not self.entry_matcher.entries:
            raise LexiconError(lexicon, None, "no enabled loaded-term entries")

    def __call__(self, doc: Doc) -> Doc:
        quotes = doc._.quotes
        if quotes is None:
            quotes = _find_quotes(doc)
        regions = quoted_regions(quotes, doc._.attributions)
        hits: list[tuple[Span, TermHit]] = []
        sentences = SentenceLookup(doc)
        for hit in self.entry_matcher(doc):
            span, entry = hit.span, hit.entry
            voice = VOICE_QUOTED if regions.covers(span.start_char, span.end_char) else VOICE_OUTLET
            term = _term_of(entry, span)
            hits.append((span, self._term_hit(span, entry, term, voice, sentences)))
        if self.scare_quote_entry is not None:
            hits.extend(self._scare_quote_hits(doc, quotes, sentences))
        hits.sort(key=lambda pair: (pair[1].span.start, pair[1].span.end))
        doc._.term_hits = [term_hit for _, term_hit in hits]
        doc.spans[SPAN_KEY] = [span for span, _ in hits]
        return doc

    def pipe(self, docs: Iterable[Doc]) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _scare_quote_hits(
        self, doc: Doc, quotes: Sequence[Quote], sentences: SentenceLookup | None = None
    ) -> list[tuple[Span, TermHit]]:
        entry = self.scare_quote_entry
        assert entry is not None
        hits = []
        for quote in quotes:
            if not quote.scare:
                continue
            # "expand": a quote boundary inside a token (glued scraping artefacts) still maps.
            span = doc.char_span(quote.span.start, quote.span.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            span = Span(doc, span.start, span.end, label=entry.category, span_id=entry.id)
            term = span.text.lower()
            hits.append((span, self._term_hit(span, entry, term, VOICE_OUTLET, sentences)))
        return hits

    @staticmethod
    def _term_hit(
        span: Span, entry: Entry, term: str, voice: str, sentences: SentenceLookup | None = None
    ) -> TermHit:
        return TermHit(
            span=TextSpan.of(span),
            entry_id=entry.id,
            term=term,
            category=entry.category,
            weight=entry.weight,
            voice=voice,
            sentence=sentences.of(span) if sentences is not None else _sentence_of(span),
        )
