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
from itertools import product

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from framing.lexicon.load import Entry, LexiconError, Lexicons


def _phrase_docs(nlp: Language, phrases: Iterable[str]) -> tuple[list[Doc], list[Doc]]:
    """Pattern Docs for the form and the lemma PhraseMatcher; one Doc per phrase serves both
    (the one reads LOWER, the other LEMMA), so each phrase is tokenized once at start-up.

    For lemma matching the phrase is taken to be in base form already (that is the lexicon
    convention), so each word is its own lemma; this avoids running the whole pipeline on
    every lexicon phrase at start-up. Phrases with no lowercase word are names, which do not
    inflect: they match by form only. A phrase with no token matches nothing.
    """
    by_form, by_lemma = [], []
    for phrase in phrases:
        doc = nlp.make_doc(" ".join(phrase.split()))
        if not len(doc):
            continue
        by_form.append(doc)
        if any(token.text.islower() for token in doc):
            for token in doc:
                token.lemma_ = token.text
            by_lemma.append(doc)
    return by_form, by_lemma


#: Token attributes a literal pattern may test, and the PhraseMatcher attribute that tests the
#: same hash: ``TEXT`` is spaCy's other name for ``ORTH``.
_LITERAL_ATTRS = {"LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH"}
#: A literal pattern with more combinations than this stays with the token Matcher.
MAX_LITERAL_PHRASES = 1000


def literal_phrases(pattern: list[dict]) -> tuple[str, list[list[str]]] | None:
    """A token pattern that only compares words with fixed strings, as the word sequences it
    matches: ``(attribute, [[word, ...], ...])``; None when it needs the token Matcher.

    ``[{"LOWER": {"IN": ["think", "thought"]}}, {"LOWER": "that"}]`` matches exactly the
    phrases "think that" and "thought that", which the PhraseMatcher finds by hash lookups
    instead of walking every token through the Matcher's predicates (the Matcher's
    IN-predicate checks were the biggest single cost of a ``--fast`` run). Operators, other
    attributes, or a mix of LOWER and ORTH over the tokens keep the pattern as it is.
    """
    if not isinstance(pattern, list) or not pattern:
        return None
    attrs: set[str] = set()
    choices: list[list[str]] = []
    for spec in pattern:
        if not isinstance(spec, dict) or len(spec) != 1:
            return None
        ((key, value),) = spec.items()
        attr = _LITERAL_ATTRS.get(key)
        if attr is None:
            return None
        if isinstance(value, str):
            values = [value]
        elif isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list):
            values = value["IN"]
        else:
            return None
        if not values or not all(isinstance(v, str) and v and not v.isspace() for v in values):
            return None
        if any(ch.isspace() for v in values for ch in v):
            return None
        if attr == "LOWER":
            # The Matcher compares a token's lowercase form with the value as written, so a
            # value with a capital never matches; the PhraseMatcher would lowercase it.
            values = [v for v in values if v == v.lower()]
        attrs.add(attr)
        choices.append(list(dict.fromkeys(values)))
    if attrs == {"LOWER", "ORTH"}:
        # Mixed, as in "continued" + ",": an ORTH value with no letters is its own lowercase
        # form, so such a token is matched the same way on LOWER.
        orth_values = [
            v
            for spec, values in zip(pattern, choices, strict=True)
            if _LITERAL_ATTRS[next(iter(spec))] == "ORTH"
            for v in values
        ]
        if any(ch.isalpha() or ch.lower() != ch for v in orth_values for ch in v):
            return None
        attrs = {"LOWER"}
    if len(attrs) != 1:
        return None
    count = 1
    for values in choices:
        count *= len(values)
    if count > MAX_LITERAL_PHRASES:
        return None
    return attrs.pop(), [list(words) for words in product(*choices)]


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
        # Literal token patterns, as phrases (see literal_phrases): one matcher per attribute.
        self.by_literal = {
            attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in set(_LITERAL_ATTRS.values())
        }

    def add(self, nlp: Language, key: str, phrases: list[str], patterns: list[list[dict]]) -> None:
        form, lemma = _phrase_docs(nlp, phrases)
        if form:
            self.by_form.add(key, form)
        if lemma:
            self.by_lemma.add(key, lemma)
        token_patterns = []
        for pattern in patterns:
            literal = literal_phrases(pattern)
            if literal is None:
                token_patterns.append(pattern)
                continue
            attr, word_lists = literal
            docs = [Doc(nlp.vocab, words=words) for words in word_lists]
            if docs:
                self.by_literal[attr].add(key, docs)
        if token_patterns:
            self.by_pattern.add(key, token_patterns)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        # An empty Matcher warns on every call (W036), so skip the ones with no patterns.
        matches = list(self.by_form(doc)) if len(self.by_form) else []
        if len(self.by_lemma) and doc.has_annotation("LEMMA"):
            matches += self.by_lemma(doc)
        for literal in self.by_literal.values():
            if len(literal):
                matches += literal(doc)
        if len(self.by_pattern):
            matches += self.by_pattern(doc)
        return matches


def _longest_first(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """spaCy's ``filter_spans`` on (start, end, id) tuples, in text order: where matches
    overlap, the (first) longest wins. Spans are made for the kept matches only."""
    ranked = sorted(matches, key=lambda match: (match[1] - match[0], -match[0]), reverse=True)
    kept = []
    seen: set[int] = set()
    for match in ranked:
        start, end = match[0], match[1]
        if start not in seen and end - 1 not in seen:
            kept.append(match)
            seen.update(range(start, end))
    return sorted(kept, key=lambda match: match[0])


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
        found = []
        for key, start, end in self._matcher(doc):
            entry_id = strings[key]
            if any(s <= start and end <= e for s, e in excluded.get(entry_id, ())):
                continue
            found.append((start, end, entry_id))
        hits = []
        for start, end, entry_id in _longest_first(found):
            entry = self.entries[entry_id]
            span = Span(doc, start, end, label=entry.category, span_id=entry_id)
            hits.append(Hit(span, entry))
        return hits

    def iter_ids(self) -> Iterator[str]:
        return iter(self.entries)
