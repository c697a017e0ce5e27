"""Selective parsing: the trained pipeline runs only on sentences that can carry an attribution.

Attribution needs the parser and NER; loaded terms, state-media mentions and hedges need only
tokens and lemmas. Most sentences of a news article carry no attribution, so
:class:`SelectiveParser` splits each text into sentences by rule, marks a sentence as a
**candidate** when it holds a reporting cue of the lexicon (or a word the learned cue detector
weighs as a cue), a quote mark, or a colon after a capitalised word, and runs the whole
trained pipeline (tagger, parser, lemmatizer, NER) on runs of candidate sentences only. The
other sentences get their lemmas from the lemmatizer's own tables without a tagger
(:class:`LemmaGuesser`), and keep rule-based sentence boundaries.

The Doc that comes out has the original tokens, with parse, tags and entities on candidate
sentences and none (spaCy's "missing" values: no dependency label, ``ent_iob == 0``, no POS) on
the others, so code that reads the parse can ask per token (``token.has_dep()``).

A partly parsed Doc does not survive a plain ``DocBin`` round trip: setting heads recomputes
sentence starts from the trees and drops those of unparsed sentences. :func:`docs_to_bytes`
and :func:`docs_from_bytes` keep them.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence

import numpy
import srsly
from spacy.attrs import IDS, LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.util import minibatch

from framing.annotate.attribution.cue_model import CueModel
from framing.annotate.attribution.extract import AttributionExtractor
from framing.annotate.doc_extensions import keep_text
from framing.annotate.sentences import rule_sentences
from framing.lexicon.load import Entry
from framing.read.characters import CURLY_DOUBLE_QUOTES, OPENING_SINGLE_QUOTES

PARSE_CHOICES = ("candidates", "all", "none")
#: The token attributes the trained pipeline writes, copied from parsed pieces into the Doc.
MODEL_ATTR_NAMES = (
    *("TAG", "POS", "MORPH", "LEMMA"),
    *("HEAD", "DEP"),
    *("ENT_IOB", "ENT_TYPE", "ENT_KB_ID"),
)
MODEL_ATTRS = [IDS[name] for name in MODEL_ATTR_NAMES]
#: Quote characters that make a sentence a candidate (straight and curly, double and single
#: opening marks, guillemets); a closing single quote is too often an apostrophe to count.
QUOTE_CHARS = re.compile('["' + CURLY_DOUBLE_QUOTES + OPENING_SINGLE_QUOTES + "]|(?:^|\\s)'")
#: A learned-cue lemma makes a sentence a candidate when its weight is at least this: the
#: words the detector adds on its own ("allegation", "demand", "proposal").
LEARNED_CUE_WEIGHT = 1.0
_AUXILIARY_LEMMAS = {
    **dict.fromkeys(("is", "are", "was", "were", "am", "been", "being", "'re", "'m"), ("be",)),
    **dict.fromkeys(("has", "had", "having", "'ve", "'d"), ("have",)),
    **dict.fromkeys(("does", "did", "done"), ("do",)),
}
#: Parts of speech whose rule tables the guesser tries, in order of preference.
_GUESS_POS = ("noun", "verb", "adj")


class LemmaGuesser:
    """Lemmas without a tagger, from the trained lemmatizer's own tables.

    The rule lemmatizer needs a part of speech; without one we try the noun, verb and adjective
    rules and exceptions and keep the forms its index knows. :meth:`lemmas` gives every reading
    (to decide whether a word may be a cue), :meth:`lemma` the first (to match lexicon terms).
    """

    def __init__(self, nlp: Language):
        self._index: dict[str, set[str]] = {}
        self._exceptions: dict[str, dict] = {}
        self._rules: dict[str, list] = {}
        if nlp.has_pipe("lemmatizer"):
            lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
            if lookups is not None and lookups.has_table("lemma_rules"):
                index = lookups.get_table("lemma_index", {})
                exceptions = lookups.get_table("lemma_exc", {})
                rules = lookups.get_table("lemma_rules", {})
                for pos in _GUESS_POS:
                    self._index[pos] = set(index.get(pos, []))
                    self._exceptions[pos] = dict(exceptions.get(pos, {}))
                    self._rules[pos] = list(rules.get(pos, []))
        self._cache: dict[str, tuple[str, ...]] = {}

    def lemmas(self, lower: str) -> tuple[str, ...]:
        """Every lemma the tables allow for a lowercase word; the word itself when none."""
        found = self._cache.get(lower)
        if found is not None:
            return found
        # Exceptions before rules ("was" is no plural of "wa"); auxiliaries first, which the
        # trained pipeline lemmatizes through its attribute ruler, not these tables.
        forms: list[str] = list(_AUXILIARY_LEMMAS.get(lower, ()))
        for pos in _GUESS_POS:
            forms.extend(self._exceptions.get(pos, {}).get(lower, []))
        for pos in _GUESS_POS:
            for old, new in self._rules.get(pos, ()):
                if lower.endswith(old):
                    form = lower[: len(lower) - len(old)] + new
                    if form and form in self._index[pos]:
                        forms.append(form)
        found = tuple(dict.fromkeys(forms)) or (lower,)
        self._cache[lower] = found
        return found

    @property
    def available(self) -> bool:
        """False for a pipeline without a rule lemmatizer (``spacy.blank``): no lemmas then."""
        return bool(self._rules)

    def lemma(self, lower: str) -> str:
        return self.lemmas(lower)[0]


def learned_cue_lemmas(cue_model: CueModel | None, min_weight: float = LEARNED_CUE_WEIGHT):
    """Lemmas the learned cue detector weighs as cues on their own (none without a model)."""
    if cue_model is None:
        return frozenset()
    return frozenset(
        name.split("=", 1)[1]
        for name, weight in cue_model.weights.items()
        if name.startswith("lemma=") and weight >= min_weight
    )


def cue_version(entries: Iterable[Entry], cue_lemmas: Iterable[str]) -> str:
    """A digest of what decides which sentences are candidates: the cue entries and the
    learned cue lemmas. Known without a loaded pipeline (see AnalyzerSpec)."""
    return hashlib.sha256(
        "\n".join([e.model_dump_json() for e in entries] + sorted(cue_lemmas)).encode()
    ).hexdigest()[:12]


def parse_choice(parse: str, has_parser: bool) -> str:
    """What a pipeline really parses: one without a parser (``spacy.blank``) always runs
    whole, as ``all``, whatever mode was asked for."""
    return parse if has_parser else "all"


class SelectiveParser:
    """Runs the trained pipeline on candidate sentences only; see the module docstring.

    ``parse`` says which sentences the trained pipeline sees: ``candidates`` (the default),
    ``all`` (every sentence, the pipeline exactly as trained: no rule-based sentences or table
    lemmas) or ``none`` (``--fast``: tokens, rule-based sentences and table lemmas only). A
    pipeline without a parser (``spacy.blank``) always runs whole, as ``all``.
    """

    def __init__(self, nlp: Language, extractor: AttributionExtractor, *, parse="candidates"):
        if parse not in PARSE_CHOICES:
            raise ValueError(f"parse must be one of {PARSE_CHOICES}, not {parse!r}")
        self.nlp = nlp
        self.parse = parse_choice(parse, nlp.has_pipe("parser"))
        self.model_pipes = [(name, pipe) for name, pipe in nlp.pipeline if name != "framing"]
        self.lemmas = LemmaGuesser(nlp)
        # Word form hash -> lemma hash: one lookup per distinct form of a Doc, not per token.
        self._lemma_of_orth: dict[int, int] = {}
        # The attribution step's own cue matcher (compiled once, for both) and cue detector:
        # a sentence is a candidate where attribution could find a cue. A colon or a dash is
        # a cue only in its own shape, so that matcher leaves them out; the name rule below
        # stands for the colon, a quote mark for the dash.
        self.cue_matcher = extractor.cue_matcher
        self.cue_lemmas = learned_cue_lemmas(extractor.cue_model)
        # Which sentences get parsed depends on these and nothing else in the lexicons.
        self.cue_version = cue_version(extractor.cue_matcher.entries.values(), self.cue_lemmas)

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        """One Doc per text, in order, parsed where it matters."""
        if self.parse == "all":
            yield from self._run_model(map(self.nlp.make_doc, texts), batch_size)
            return
        for batch in minibatch(texts, size=batch_size):
            docs = [self.prepare(text) for text in batch]
            pieces: list[tuple[int, int, int]] = []  # (doc index, start token, end token)
            if self.parse == "candidates":
                for i, doc in enumerate(docs):
                    pieces += [(i, start, end) for start, end in self.candidate_runs(doc)]
            parsed = list(self._run_model(self._pieces(docs, pieces), batch_size))
            by_doc: dict[int, list[tuple[int, Doc]]] = {}
            for (i, start, _end), piece in zip(pieces, parsed, strict=True):
                by_doc.setdefault(i, []).append((start, piece))
            for i, doc in enumerate(docs):
                yield self._merge(doc, by_doc.get(i, []))

    def __call__(self, text: str) -> Doc:
        return next(self.pipe([text]))

    def prepare(self, text: str) -> Doc:
        """Tokens, rule-based sentences and table lemmas: all that unparsed text gets."""
        doc = keep_text(self.nlp.make_doc(text), text)
        rule_sentences(doc, text)
        if self.lemmas.available and len(doc):
            # One lookup per distinct word form, not per token.
            forms, where = numpy.unique(doc.to_array(ORTH), return_inverse=True)
            known = self._lemma_of_orth
            lemmas = [known.get(form) for form in forms.tolist()]
            if None in lemmas:
                strings = doc.vocab.strings
                for i, form in enumerate(forms.tolist()):
                    if lemmas[i] is None:
                        lemmas[i] = known[form] = strings.add(self._lemma(strings[form]))
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64")[where].reshape(-1, 1))
        return doc

    def _lemma(self, text: str) -> str:
        # An acronym is a proper noun, which the rule lemmatizer leaves as written ("US"
        # would otherwise become "u").
        if text.isupper() and len(text) > 1:
            return text
        return self.lemmas.lemma(text.lower())

    def candidate_runs(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of consecutive candidate sentences."""
        if not len(doc):
            return []
        cue_tokens = sorted(hit.span.start for hit in self.cue_matcher(doc))
        text = doc.text
        runs: list[tuple[int, int]] = []
        for sentence in doc.sents:
            if self._is_candidate(sentence, cue_tokens, text):
                if runs and runs[-1][1] == sentence.start:
                    runs[-1] = (runs[-1][0], sentence.end)
                else:
                    runs.append((sentence.start, sentence.end))
        return runs

    def _is_candidate(self, sentence, cue_tokens: list[int], text: str) -> bool:
        at = bisect_left(cue_tokens, sentence.start)
        if at < len(cue_tokens) and cue_tokens[at] < sentence.end:
            return True
        if QUOTE_CHARS.search(text, sentence.start_char, sentence.end_char):
            return True
        for token in sentence:
            if token.text == ":" and token.i > sentence.start and token.nbor(-1).is_title:
                return True
            if self.cue_lemmas and token.is_alpha:
                if any(lemma in self.cue_lemmas for lemma in self.lemmas.lemmas(token.lower_)):
                    return True
        return False

    @staticmethod
    def _pieces(docs: list[Doc], pieces: list[tuple[int, int, int]]) -> Iterator[Doc]:
        for i, start, end in pieces:
            piece = docs[i][start:end].as_doc()
            # Sentence starts were set by rule to choose the pieces; the parser decides its
            # own (after the hints component, part of the pipeline), as in a full parse.
            piece.from_array([SENT_START], numpy.zeros((len(piece), 1), dtype="uint64"))
            yield piece

    def _run_model(self, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
        for _name, pipe in self.model_pipes:
            if hasattr(pipe, "pipe"):
                docs = pipe.pipe(docs, batch_size=batch_size)
            else:
                docs = map(pipe, docs)
        return iter(docs)

    def _merge(self, doc: Doc, pieces: Sequence[tuple[int, Doc]]) -> Doc:
        """Write each parsed piece's annotation into ``doc``; unparsed tokens keep theirs."""
        if not pieces:
            return doc
        rule_starts = doc.to_array([SENT_START])
        values = doc.to_array(MODEL_ATTRS)
        parsed = numpy.zeros(len(doc), dtype=bool)
        for start, piece in pieces:
            values[start : start + len(piece)] = piece.to_array(MODEL_ATTRS)
            parsed[start : start + len(piece)] = True
        doc.from_array(MODEL_ATTRS, values)
        # Setting heads recomputed sentence starts from the trees of the parsed pieces; the
        # unparsed sentences keep their rule-based starts.
        starts = doc.to_array([SENT_START])
        starts[~parsed] = rule_starts[~parsed]
        doc.from_array([SENT_START], starts.reshape(-1, 1))
        return doc


def docs_to_bytes(docs: Iterable[Doc]) -> bytes:
    """Serialise parsed Docs, keeping the sentence starts of unparsed sentences."""
    docs = list(docs)
    store = DocBin(attrs=["ORTH", "SPACY", *MODEL_ATTR_NAMES])
    for doc in docs:
        store.add(doc)
    starts = [doc.to_array([SENT_START]).astype("int8").tobytes() for doc in docs]
    return srsly.msgpack_dumps({"docs": store.to_bytes(), "sent_starts": starts})


def docs_from_bytes(vocab, data: bytes) -> list[Doc]:
    """The Docs of :func:`docs_to_bytes`, with every sentence start as it was."""
    message = srsly.msgpack_loads(data)
    docs = list(DocBin().from_bytes(message["docs"]).get_docs(vocab))
    for doc, raw in zip(docs, message["sent_starts"], strict=True):
        starts = numpy.frombuffer(raw, dtype="int8").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], starts)
    return docs

