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


def form_pattern(nlp: Language, phrase: str) -> list[dict]:
    """A token pattern matching a phrase by lowercase form; works in any pipeline."""
    return [{"LOWER": t.lower_} for t in nlp.make_doc(phrase) if not t.is_space]


def lemma_pattern(nlp: Language, phrase: str) -> list[dict] | None:
    """A token pattern matching a phrase's lowercase words by lemma (inflections), or None.

    Capitalised words (names) keep matching by form: they do not inflect, and the lemmatizer
    keeps their case, which a lowercase pattern would miss.
    """
    tokens = [t for t in nlp.make_doc(phrase) if not t.is_space]
    if not any(t.text.islower() for t in tokens):
        return None
    return [{"LEMMA": t.text} if t.text.islower() else {"LOWER": t.lower_} for t in tokens]


class _TwoWayMatcher:
    """A form matcher, plus a lemma matcher used only on Docs that have lemmas.

    spaCy refuses LEMMA patterns on a Doc without lemmas (E155), and a blank or fast pipeline
    has none, so the two kinds of pattern live in separate matchers.
    """

    def __init__(self, nlp: Language, *, validate: bool):
        self.by_form = Matcher(nlp.vocab, validate=validate)
        self.by_lemma = Matcher(nlp.vocab, validate=validate)

    def add(self, nlp: Language, key: str, phrases: list[str], patterns: list[list[dict]]) -> None:
        form = [p for p in (form_pattern(nlp, phrase) for phrase in phrases) if p] + patterns
        lemma = [p for p in (lemma_pattern(nlp, phrase) for phrase in phrases) if p]
        if form:
            self.by_form.add(key, form)
        if lemma:
            self.by_lemma.add(key, lemma)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        # An empty Matcher warns on every call (W036), so skip the ones with no patterns.
        matches = list(self.by_form(doc)) if len(self.by_form) else []
        if len(self.by_lemma) and doc.has_annotation("LEMMA"):
            matches += self.by_lemma(doc)
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
