"""Factual assertions in the outlet's own narration, and whether anyone is credited for them.

A step of the ``framing`` component that runs after attribution, the voice of quotes and
figures. It reads each sentence and keeps the ones where the outlet itself asserts a fact:

- a **figure**: a number the sentence states in narration (a
:class:`~framing.annotate.records.Figure`
  of kind count, money, percent or quantity, with a digit or a word it counts; a date alone
  is no figure, nor "One" in "One of them looked", nor a number after a determiner or
  possessive, which refers back: "the two countries", "the nine deceased soldiers"). In a
  sentence the selective parser left unparsed (no entities there), a number-like token
  with a digit is one, unless it reads as a year (1900-2099);
- an **event claim**, defined narrowly: the sentence's main verb (its dependency root, a
  ``VERB``, not ``be``/``have`` as ``AUX``) is in the past (``sent``, ``did not respond``,
  ``had dispatched``, ``were killed``) or the present perfect (``has sent``), and its
  subject names an actor (a person, organisation, place or nationality entity, or a proper
  noun): ``North Korea sent troops``, ``Putin visited Pyongyang``. A pronoun subject
  (``He awarded ...``) is no named actor; a main verb that is an attribution's cue
  (``Kim said``, ``images showed``) is no event claim; a sentence without a parse has none.

The evidence (the figure, or the event's verb) must be in the outlet's own wording
(:func:`framing.annotate.voice.voices`: narration or paraphrase), not quoted: the outlet chose those
words, whether it tells the fact itself or tells what a source said. A claim in paraphrase
has an attribution in its sentence, so only a claim in narration can be unsourced.

An assertion is **sourced** when an attribution (any kind, visual evidence included) is in
its sentence, or in an earlier sentence of its paragraph (:func:`framing.annotate.quotes.
paragraph_bounds`): a paragraph opened with ``KCNA reported ...`` vouches for the sentences
that follow in it, but a source credited after a claim speaks to its own sentence, not to
the claims before it. A paragraph of more than five sentences is a scrape that lost its
paragraph breaks, and only the sentence rule applies in it. Otherwise an assertion is
**unsourced**: the outlet's own claim, with nobody credited for it.
``doc._.assertions`` holds every assertion, sourced or not, so the share is a plain ratio.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import framing.annotate.doc_extensions  # noqa: F401 - registers doc._.assertions
from framing.annotate.attribution.cues import cue_entries
from framing.annotate.doc_extensions import doc_text
from framing.annotate.figures import YEAR
from framing.annotate.quotes import paragraph_bounds
from framing.annotate.records import Assertion, Attribution, Figure, TextSpan
from framing.annotate.voice import Voices, is_own_voice, voices
from framing.lexicon.load import Lexicons

FIGURE = "figure"
EVENT = "event"
SOURCED_IN_SENTENCE = "sentence"
SOURCED_IN_PARAGRAPH = "paragraph"
#: Figure kinds that state a quantity; a date alone ("in April", "2024") is no factual figure.
FIGURE_KINDS = frozenset({"count", "money", "percent", "quantity"})
#: Entity labels that name an actor (spaCy's OntoNotes scheme).
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_AUXILIARIES = frozenset({"aux", "auxpass"})
#: News paragraphs run one to a few sentences; a longer one lost its breaks in scraping.
MAX_PARAGRAPH_SENTENCES = 5


def is_past_event_verb(verb: Token) -> bool:
    """A main verb in the past (``sent``; ``did`` + verb; ``had``/``was`` + participle) or in
    the present perfect (``has sent``), from the tagger's Penn tags."""
    if verb.pos_ != "VERB":
        return False
    if verb.tag_ == "VBD":
        return True
    auxiliaries = [child for child in verb.children if child.dep_ in _AUXILIARIES]
    if any(aux.tag_ == "VBD" for aux in auxiliaries):
        return True
    return verb.tag_ == "VBN" and any(aux.lemma_ == "have" for aux in auxiliaries)


def named_subject(verb: Token) -> Span | None:
    """The verb's subject when it names an actor: an entity of ACTOR_LABELS or a proper noun
    in it (``North Korea``, ``Kim``, ``Russian President Vladimir Putin``); else None."""
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            subtree = list(child.subtree)
            if any(t.ent_type_ in ACTOR_LABELS or t.pos_ == "PROPN" for t in subtree):
                return child.doc[subtree[0].i : subtree[-1].i + 1]
    return None


def event_claim(sentence: Span, is_cue: Callable[[Token], bool]) -> tuple[Token, Span] | None:
    """(verb, actor) when the sentence's main verb is a past event with a named actor.

    A main verb that credits a source (``is_cue``: ``said``, ``reported``, ``showed``) is no
    event of the outlet's telling; the clause it reports is read instead (``North Korea sent
    troops ..., Kim said``: ``sent``), which is the source's claim in the outlet's paraphrase."""
    root = sentence.root
    if not root.has_dep():
        return None
    verbs = [root]
    if is_cue(root):
        verbs = [child for child in root.children if child.dep_ == "ccomp"]
    for verb in verbs:
        if not is_cue(verb) and is_past_event_verb(verb):
            actor = named_subject(verb)
            if actor is not None:
                return verb, actor
    return None


def is_stated_figure(figure: Figure) -> bool:
    """A quantity the sentence states: a count, sum, percentage or measure (no bare date) with
    a digit or a word it counts; "one" in "One of them looked" counts nothing."""
    if figure.kind not in FIGURE_KINDS or YEAR.fullmatch(figure.span.text.strip()):
        return False  # a year read as a count where no entity recogniser ran
    return figure.counts is not None or any(ch.isdigit() for ch in figure.span.text)


#: Penn tags of a word that makes the number after it a reference: "the two countries",
#: "their nine comrades" name things counted before, they state no new quantity.
_REFERRING_TAGS = frozenset({"DT", "PRP$", "POS"})


def _refers_back(doc: Doc, figure: Figure) -> bool:
    span = doc.char_span(figure.span.start, figure.span.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    return doc[span.start - 1].tag_ in _REFERRING_TAGS


class _Paragraphs:
    """Where the attributions are: which sentences, and how early in which paragraph."""

    def __init__(
        self, text: str, attributions: Sequence[Attribution], sentence_starts: Sequence[int]
    ):
        bounds = paragraph_bounds(text)
        self._starts = [start for start, _ in bounds]
        sizes = Counter(self.index(start) for start in sentence_starts)
        # A "paragraph" of many sentences is a scrape that lost its breaks (seed 004 is one
        # line): its first attribution would vouch for the whole article.
        self._too_long = {p for p, n in sizes.items() if n > MAX_PARAGRAPH_SENTENCES}
        self._sourced_sentences = {a.sentence.start for a in attributions}
        self._first_attributed: dict[int, int] = {}  # paragraph -> its first attributed sentence
        for a in attributions:
            paragraph = self.index(a.sentence.start)
            first = self._first_attributed.get(paragraph, a.sentence.start)
            self._first_attributed[paragraph] = min(first, a.sentence.start)

    def index(self, offset: int) -> int:
        return bisect_right(self._starts, offset) - 1

    def sourced_by(self, sentence: TextSpan) -> str:
        """``sentence`` when an attribution is in the sentence, ``paragraph`` when one comes
        earlier in its paragraph, else "". A source credited after a claim, in a later
        sentence, speaks to that later sentence ("Putin visited Pyongyang in June 2024. ...
        The U.S. State Department also confirmed their presence ...")."""
        if sentence.start in self._sourced_sentences:
            return SOURCED_IN_SENTENCE
        paragraph = self.index(sentence.start)
        first = self._first_attributed.get(paragraph)
        if first is not None and first < sentence.start and paragraph not in self._too_long:
            return SOURCED_IN_PARAGRAPH
        return ""


def find_assertions(
    doc: Doc,
    attributions: Sequence[Attribution],
    figures: Sequence[Figure],
    voice: Voices,
    reporting_words: frozenset[str] = frozenset(),
) -> list[Assertion]:
    """Every sentence with a figure or an event claim in the outlet's own wording, sourced
    or not. ``reporting_words``: the one-word reporting verbs of the lexicon, every form."""
    text = doc_text(doc)
    sentences = list(doc.sents)
    paragraphs = _Paragraphs(text, attributions, [s.start_char for s in sentences])

    def own_wording(start: int, end: int) -> bool:
        return is_own_voice(voice.voice_of(start, end))

    cue_tokens = frozenset(
        token.idx
        for a in attributions
        if a.cue is not None
        for token in doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand") or ()
    )
    attributed = {a.sentence.start for a in attributions}

    def cue_test(sent: Span) -> Callable[[Token], bool]:
        # The cue of an attribution found here, or a reporting verb of the lexicon in an
        # attributed sentence ("..., KCNA reported", where the cue found is "said").
        words = reporting_words if sent.start_char in attributed else frozenset()
        return lambda token: token.idx in cue_tokens or token.lower_ in words

    figures_by_sentence: dict[int, list[Figure]] = {}
    for figure in figures:
        if (
            is_stated_figure(figure)
            and not _refers_back(doc, figure)
            and own_wording(figure.span.start, figure.span.end)
        ):
            figures_by_sentence.setdefault(figure.sentence.start, []).append(figure)
    found = []
    for sent in sentences:
        sentence = TextSpan(sent.start_char, sent.end_char, text[sent.start_char : sent.end_char])
        evidence, kind, actor, credited = None, "", None, False
        in_sentence = figures_by_sentence.get(sentence.start)
        if in_sentence:
            evidence, kind = in_sentence[0].span, FIGURE
            # The figures step credits a number by a noun phrase too ("estimates by Western
            # intelligence of more than 6,000 casualties"), which is no attribution record.
            credited = any(figure.source is not None for figure in in_sentence)
        claim = event_claim(sent, cue_test(sent)) if evidence is None else None
        if claim is not None and own_wording(*_chars(claim[0])):
            evidence, kind, actor = TextSpan.of(claim[0]), EVENT, TextSpan.of(claim[1])
        if evidence is not None:
            sourced_by = SOURCED_IN_SENTENCE if credited else paragraphs.sourced_by(sentence)
            found.append(Assertion(sentence, kind, evidence, actor, sourced_by))
    return found


def _chars(item: Span | Token) -> tuple[int, int]:
    if isinstance(item, Token):
        return item.idx, item.idx + len(item.text)
    return item.start_char, item.end_char


class AssertionFinder:
    """Writes ``doc._.assertions``. Runs after attribution, the voice reader and figures."""

    def __init__(self, nlp: Language, lexicons: Lexicons):
        self.lexicons = lexicons
        self.reporting_words = frozenset(
            phrase.lower()
            for entry in cue_entries(lexicons)
            for phrase in entry.phrases
            if " " not in phrase
        )

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("SENT_START"):
            doc._.assertions = []
            return doc
        attributions = list(doc._.attributions or [])
        figures = doc._.figures or []
        doc._.assertions = find_assertions(
            doc, attributions, figures, voices(doc), self.reporting_words
        )
        return doc
