"""Compile lexicon entries into one spaCy Matcher, once, and find their hits in a Doc.

A ``term`` (and each alias) becomes two token patterns: one on the lowercase form, which works
in any pipeline including ``spacy.blank("en")``, and one on lemmas, which catches inflections
(``colonizing`` for ``colonize``) when the pipeline has a lemmatizer. A ``pattern`` entry is
used as written. ``exceptions`` are phrases in which the term has a neutral sense
(``dietary regime``); a hit inside one is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from framing.lexicons import Entry, LexiconError, Lexicons


def phrase_patterns(nlp: Language, phrase: str) -> list[list[dict]]:
    """Token patterns for a phrase: on lowercase forms, and on lemmas for lowercase words."""
    tokens = [t.text for t in nlp.make_doc(phrase) if not t.is_space]
    if not tokens:
        return []
    patterns = [[{"LOWER": t.lower()} for t in tokens]]
    if any(t.islower() for t in tokens):
        # Base-form words also match by lemma; capitalised words (names) only by form.
        patterns.append([{"LEMMA": t} if t.islower() else {"LOWER": t.lower()} for t in tokens])
    return patterns


@dataclass(frozen=True)
class Hit:
    """A matched stretch of a Doc and the entry it came from."""

    span: Span
    entry: Entry


class EntryMatcher:
    """Finds the hits of a list of entries in a Doc. Built once, applied to many Docs."""

    def __init__(self, nlp: Language, entries: Iterable[Entry], *, source: str = "lexicon"):
        self.entries: dict[str, Entry] = {}
        self._matcher = Matcher(nlp.vocab, validate=True)
        self._exceptions = Matcher(nlp.vocab)
        for entry in entries:
            if not entry.enabled:
                continue
            self.entries[entry.id] = entry
            patterns = [p for phrase in entry.phrases for p in phrase_patterns(nlp, phrase)]
            if entry.pattern is not None:
                patterns.append(entry.pattern)
            try:
                self._matcher.add(entry.id, patterns)
            except (ValueError, KeyError) as exc:
                first = str(exc).strip().splitlines()[0]
                raise LexiconError(source, None, f"entry {entry.id!r}: pattern does not compile: {first}") from None
            exception_patterns = [p for phrase in entry.exceptions for p in phrase_patterns(nlp, phrase)]
            if exception_patterns:
                self._exceptions.add(entry.id, exception_patterns)

    @classmethod
    def for_lexicon(cls, nlp: Language, lexicons: Lexicons, name: str) -> EntryMatcher:
        return cls(nlp, lexicons[name], source=name)

    def __call__(self, doc: Doc | Span) -> list[Hit]:
        """Non-overlapping hits, longest first where two overlap, in text order."""
        doc_or_span = doc
        vocab_strings = doc_or_span.vocab.strings
        excluded: dict[str, list[tuple[int, int]]] = {}
        for key, start, end in self._exceptions(doc_or_span):
            excluded.setdefault(vocab_strings[key], []).append((start, end))
        spans = []
        for key, start, end in self._matcher(doc_or_span):
            entry_id = vocab_strings[key]
            if any(s <= start and end <= e for s, e in excluded.get(entry_id, ())):
                continue
            span = doc_or_span[start:end]
            if isinstance(doc_or_span, Span):
                span = doc_or_span.doc[doc_or_span.start + start : doc_or_span.start + end]
            entry = self.entries[entry_id]
            spans.append(Span(span.doc, span.start, span.end, label=entry.category, span_id=entry_id))
        return [Hit(span, self.entries[span.id_]) for span in sorted(filter_spans(spans))]

    def iter_ids(self) -> Iterator[str]:
        return iter(self.entries)
