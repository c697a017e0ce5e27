"""Loaded terms in a Doc, each in the voice it appears in: narration, paraphrase or quoted.

A loaded term is a word that carries a judgement the facts alone do not (``dictator``,
``thugs``, ``martyrs``); the words live in ``lexicons/loaded_terms.yaml``. What matters for
framing is *whose* word it is. Kim calling Western troops ``villains`` inside his quoted
speech is reported speech; an outlet calling Kim a ``dictator`` in its own narration is the
outlet's choice. Every hit takes the voice :func:`framing.annotate.voice.voice_of` gives its range:

- ``quoted``: inside quote marks (a quote, a fragment credited to a speaker, a name);
- ``paraphrase``: inside what a source is reported to have said, out of quote marks;
- ``narration``: anywhere else.

Narration and paraphrase are the outlet's own wording (:data:`framing.annotate.voice.OWN_VOICES`).

A scare quote (a short phrase set off in quote marks that no source is credited with nearby
and that is no name: ``despite alleged ongoing "peace talks"``) is itself a hit of category
``scare_quote``, in the voice around its marks, with the reason it was judged one
(``TermHit.reason``). A loaded word inside it counts once, as the scare quote: its reason
names the loaded-term entry, and no hit of the entry's own category is made
(:func:`one_count_per_word`). A fragment credited to a speaker
(``Kim praised his "heroic army"``) or a name (``'DPRK Hero'``) makes no scare-quote hit.

The component writes ``doc._.term_hits`` (a list of :class:`~framing.annotate.records.TermHit`) and
the span group ``doc.spans["loaded_term"]`` (label = category, span id = lexicon entry id).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

import framing.annotate.doc_extensions  # noqa: F401 - registers doc._.term_hits and friends
from framing.annotate.records import TermHit, TextSpan
from framing.annotate.sentences import SentenceLookup
from framing.annotate.voice import NARRATION, QUOTED, SCARE, VoiceReader, Voices
from framing.annotate.voice import voices as doc_voices
from framing.lexicon.load import Entry, LexiconError, Lexicons
from framing.lexicon.matching import EntryMatcher

LEXICON_NAME = "loaded_terms"
SPAN_KEY = "loaded_term"
SCARE_QUOTE_CATEGORY = "scare_quote"


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
        # Reads whose words are where when this step runs on its own (the framing component
        # runs the voice reader before it).
        self.voice_reader = VoiceReader(nlp, lexicons, loaded_terms=self.entry_matcher)

    def __call__(self, doc: Doc) -> Doc:
        if doc._.voices is None:
            doc = self.voice_reader(doc)
        voices = doc_voices(doc)
        hits: list[tuple[Span, TermHit]] = []
        sentences = SentenceLookup(doc)
        for hit in self.entry_matcher(doc):
            span, entry = hit.span, hit.entry
            voice = voices.voice_of(span.start_char, span.end_char)
            reason = _reason(voices, span.start_char, span.end_char, voice)
            term = _term_of(entry, span)
            hits.append((span, self._term_hit(span, entry, term, voice, sentences, reason)))
        if self.scare_quote_entry is not None:
            hits = one_count_per_word(hits, self._scare_quote_hits(doc, voices, sentences))
        hits.sort(key=lambda pair: (pair[1].span.start, pair[1].span.end))
        doc._.term_hits = [term_hit for _, term_hit in hits]
        doc.spans[SPAN_KEY] = [span for span, _ in hits]
        return doc

    def pipe(self, docs: Iterable[Doc]) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _scare_quote_hits(
        self, doc: Doc, voices: Voices, sentences: SentenceLookup | None = None
    ) -> list[tuple[Span, TermHit]]:
        entry = self.scare_quote_entry
        assert entry is not None
        hits = []
        for reading in doc._.voices or ():
            if reading.kind != SCARE:
                continue
            quote = reading.span
            # "expand": a quote boundary inside a token (glued scraping artefacts) still maps.
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            span = Span(doc, span.start, span.end, label=entry.category, span_id=entry.id)
            term = span.text.lower()
            # Setting a word off is the outlet's act, in the voice around the marks.
            hit = self._term_hit(
                span, entry, term, voices.around(quote), sentences, reading.reason
            )
            hits.append((span, hit))
        return hits

    @staticmethod
    def _term_hit(
        span: Span,
        entry: Entry,
        term: str,
        voice: str,
        sentences: SentenceLookup | None = None,
        reason: str | None = None,
    ) -> TermHit:
        return TermHit(
            span=TextSpan.of(span),
            entry_id=entry.id,
            term=term,
            category=entry.category,
            weight=entry.weight,
            voice=voice,
            sentence=sentences.of(span) if sentences is not None else _sentence_of(span),
            reason=reason,
        )


def one_count_per_word(
    term_hits: list[tuple[Span, TermHit]], scare_hits: list[tuple[Span, TermHit]]
) -> list[tuple[Span, TermHit]]:
    """Term hits and scare-quote hits, a loaded word inside a scare quote counted once.

    Breitbart's full-scale "special operation" is the outlet setting the Kremlin's euphemism
    off, not adopting it: counting it as a euphemism in the outlet's narration too would say
    the outlet chose a word it holds at arm's length, and would count one word twice in its
    own wording (issue #12). So the scare quote is the one hit, and its reason names the
    loaded-term entry it holds."""
    kept, inside = [], {}
    for span, hit in term_hits:
        holder = next(
            (i for i, (_, scare) in enumerate(scare_hits)
             if scare.span.start <= hit.span.start and hit.span.end <= scare.span.end),
            None,
        )
        if holder is None:
            kept.append((span, hit))
        else:
            inside.setdefault(holder, []).append(hit.entry_id)
    for index, entries in inside.items():
        span, scare = scare_hits[index]
        reason = f"{scare.reason}; holds the loaded term {', '.join(entries)}, counted here once"
        scare_hits[index] = (span, replace(scare, reason=reason))
    return kept + scare_hits


def _reason(voices: Voices, start: int, end: int, voice: str) -> str | None:
    """How the quote or paraphrase holding a hit was read; None in narration."""
    if voice == NARRATION:
        return None
    holder = voices.quote_at(start, end) if voice == QUOTED else voices.paraphrase.at(start, end)
    return holder.reason if holder is not None else None
