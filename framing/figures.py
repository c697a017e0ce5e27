"""Figures: the numbers an article states, what each counts, and who it is attributed to.

A step of the ``framing`` component that runs after attribution. Numbers come from the
named entities (CARDINAL, MONEY, PERCENT, QUANTITY, DATE with a digit); without NER
(``spacy.blank``) every run of number-like tokens is a count. A figure is attributed when
an attribution in its sentence covers it: first one whose content holds the number, else
one whose cue governs the sentence (``..., according to South Korea's spy agency``). This
is what lets a reader see one outlet write "about 600 killed, according to the NIS" while
another states the number with no source.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LIKE_NUM, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from framing.lexicons import Lexicons
from framing.records import Attribution, Figure, TextSpan
from framing.sentences import SentenceLookup

FIGURE_KINDS = {
    "CARDINAL": "count",
    "MONEY": "money",
    "PERCENT": "percent",
    "QUANTITY": "quantity",
    "DATE": "date",
}
_COUNTED_POS = {"NOUN", "PROPN", "VERB", "ADJ"}


def _number_spans(doc: Doc) -> list[tuple[Span, str]]:
    """Number spans with their kind, from NER when the pipeline has it."""
    if doc.has_annotation("ENT_IOB"):
        return [
            (ent, FIGURE_KINDS[ent.label_])
            for ent in doc.ents
            # A number-word count ("two", "dozens") is a figure; a bare weekday is not.
            if ent.label_ in FIGURE_KINDS
            and (ent.label_ == "CARDINAL" or any(ch.isdigit() for ch in ent.text))
        ]
    if not len(doc):
        return []
    # Runs of number-like tokens with a digit, found on token arrays (no walk over tokens).
    values = doc.to_array([ORTH, LIKE_NUM])
    like_num = values[:, 1] != 0
    if not like_num.any():
        return []
    strings = doc.vocab.strings
    numeric = numpy.zeros(len(doc), dtype=bool)
    for index in numpy.flatnonzero(like_num).tolist():
        numeric[index] = any(ch.isdigit() for ch in strings[int(values[index, 0])])
    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], numeric.view("int8"), [0]))))
    return [
        (doc[start:end], "count")
        for start, end in zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True)
    ]


def counted_word(number: Span) -> str | None:
    """The word a number counts: its head noun (``15,000 troops``), else the next content
    word (``600 killed``), skipping ``of`` (``thousands of troops``)."""
    doc = number.doc
    root = number.root
    if doc.has_annotation("DEP") and root.dep_ == "nummod" and root.head.pos_ in _COUNTED_POS:
        return root.head.lemma_.lower() or root.head.text.lower()
    i = number.end
    if i < len(doc) and doc[i].lower_ == "of":
        i += 1
    if i < len(doc) and doc[i].is_alpha and not doc[i].is_stop:
        token = doc[i]
        if not doc.has_annotation("POS") or token.pos_ in _COUNTED_POS:
            return token.text.lower()
    return None


def covering_attribution(
    number: TextSpan, sentence: TextSpan, attributions: list[Attribution]
) -> Attribution | None:
    """The attribution that vouches for a number: content holding it, else one in its sentence."""
    same_sentence = [a for a in attributions if a.sentence.start == sentence.start]
    for attribution in same_sentence:
        content = attribution.content
        if content and content.start <= number.start and number.end <= content.end:
            return attribution
    cue_outside_number = [
        a for a in same_sentence if a.cue is None or not (number.start <= a.cue.start < number.end)
    ]
    return cue_outside_number[0] if cue_outside_number else None


class FigureFinder:
    """Writes ``doc._.figures`` and the ``figure`` span group. Runs after attribution."""

    def __init__(self, nlp: Language, lexicons: Lexicons):
        self.lexicons = lexicons

    def __call__(self, doc: Doc) -> Doc:
        attributions = list(doc._.attributions or [])
        figures, spans = [], []
        numbers = _number_spans(doc)
        sentences = SentenceLookup(doc) if numbers else None
        for number, kind in numbers:
            span = TextSpan.of(number)
            sentence = sentences.of(number)
            attribution = covering_attribution(span, sentence, attributions)
            source = None
            if attribution is not None:
                source = attribution.speaker or attribution.channel
            figures.append(
                Figure(
                    span=span,
                    kind=kind,
                    counts=counted_word(number) if kind in ("count", "quantity") else None,
                    sentence=sentence,
                    source=source,
                    cue_lemma=attribution.cue_lemma if attribution is not None else None,
                )
            )
            spans.append(number)
        doc.spans["figure"] = spans
        doc._.figures = figures
        return doc
