"""Compile lexicon entries into spaCy matchers, once, and find their hits in a Doc.

A ``term`` (and each alias) is matched two ways: on the lowercase form, which works in any
pipeline including ``spacy.blank("en")``, and on lemmas, which catches inflections
(``colonizing`` for ``colonize``) when the pipeline has a lemmatizer. A ``pattern`` entry is
used as written. ``exceptions`` are phrases in which the term has a neutral sense
(``dietary regime``); a hit inside one is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from framing.lexicons import Entry, LexiconError, Lexicons


def _phrase_doc(nlp: Language, phrase: str, *, by_lemma: bool) -> Doc | None:
    """A pattern Doc for the PhraseMatcher, or None if the phrase has nothing to match.

    For lemma matching the phrase is taken to be in base form already (that is the lexicon
    convention), so each word is its own lemma; this avoids running the whole pipeline on
    every lexicon phrase at start-up. Phrases with no lowercase word are names, which do not
    inflect: they match by form only.
    """
    doc = nlp.make_doc(" ".join(phrase.split()))
    if not len(doc):
        return None
    if by_lemma:
        if not any(t.text.islower() for t in doc):
            return None
        for token in doc:
            token.lemma_ = token.text
    return doc


class _TwoWayMatcher:
    """Phrase matchers on lowercase form and on lemma, plus a token Matcher for patterns.

    Phrases go to spaCy's PhraseMatcher, whose hash lookups cost the same for ten entries or
    ten thousand (the token Matcher's cost grows with the number of patterns). spaCy refuses
    LEMMA matching on a Doc without lemmas (E155), and a blank or fast pipeline has none, so
    the lemma matcher runs only on Docs that have them.
    """

    def __init__(self, nlp: Language, *, validate: bool):
        self.by_form = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.by_pattern = Matcher(nlp.vocab, validate=validate)

    def add(self, nlp: Language, key: str, phrases: list[str], patterns: list[list[dict]]) -> None:
        form = [d for d in (_phrase_doc(nlp, p, by_lemma=False) for p in phrases) if d]
        lemma = [d for d in (_phrase_doc(nlp, p, by_lemma=True) for p in phrases) if d]
        if form:
            self.by_form.add(key, form)
        if lemma:
            self.by_lemma.add(key, lemma)
        if patterns:
            self.by_pattern.add(key, patterns)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        # An empty Matcher warns on every call (W036), so skip the ones with no patterns.
        matches = list(self.by_form(doc)) if len(self.by_form) else []
        if len(self.by_lemma) and doc.has_annotation("LEMMA"):
            matches += self.by_lemma(doc)
        if len(self.by_pattern):
            matches += self.by_pattern(doc)
        return matches


@dataclass(frozen=True)
class Hit:
    """A matched stretch of a Doc and the entry it came from."""

    span: Span
    entry: Entry


class EntryMatcher:
    """Finds the hits of a list of entries in a Doc. Built once, applied to many Docs."""

    def __init__(self, nlp: Language, entries: Iterable[Entry], *, source: str = "lexicon"):
        self.entries: dict[str, Entry] = {}
        self._matcher = _TwoWayMatcher(nlp, validate=True)
        self._exceptions = _TwoWayMatcher(nlp, validate=False)
        for entry in entries:
            if not entry.enabled:
                continue
            self.entries[entry.id] = entry
            patterns = [entry.pattern] if entry.pattern is not None else []
            try:
                self._matcher.add(nlp, entry.id, entry.phrases, patterns)
            except (ValueError, KeyError) as exc:
                first = str(exc).strip().splitlines()[0]
                raise LexiconError(
                    source, None, f"entry {entry.id!r}: pattern does not compile: {first}"
                ) from None
            self._exceptions.add(nlp, entry.id, entry.exceptions, [])

    @classmethod
    def for_lexicon(cls, nlp: Language, lexicons: Lexicons, name: str) -> EntryMatcher:
        return cls(nlp, lexicons[name], source=name)

    def __call__(self, doc: Doc) -> list[Hit]:
        """Non-overlapping hits in text order; where two overlap, the longer one wins."""
        strings = doc.vocab.strings
        excluded: dict[str, list[tuple[int, int]]] = {}
        for key, start, end in self._exceptions(doc):
            excluded.setdefault(strings[key], []).append((start, end))
        spans = []
        for key, start, end in self._matcher(doc):
            entry_id = strings[key]
            if any(s <= start and end <= e for s, e in excluded.get(entry_id, ())):
                continue
            entry = self.entries[entry_id]
            spans.append(Span(doc, start, end, label=entry.category, span_id=entry_id))
        return [Hit(span, self.entries[span.id_]) for span in sorted(filter_spans(spans))]

    def iter_ids(self) -> Iterator[str]:
        return iter(self.entries)
