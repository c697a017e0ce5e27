"""Why an error happened, by kind: a cause for each row of ``--errors``, and a count of each.

A list of a thousand misses says where the analyzer fails; a count by cause says what to fix
first. Each :class:`framing.evaluation.errors.ErrorRow` of the attribution task gets a
``cause``:

- **missed cue** (false negative): ``punctuation`` (a colon, a quote mark: no word),
  ``according_to``, ``verb_in_lexicon`` (a reporting verb the lexicon lists, missed all the
  same: the parse or the rules around it failed), ``verb_not_in_lexicon``, ``noun_cue``
  (``statement``, ``interview``, ``poll``), ``other_word`` (an adjective, a preposition);
- **missed content**: ``floating_quote`` (a quotation with no cue in its sentence: the cue
  is in another sentence or there is none), ``direct_quote``, ``reported_speech``;
- **missed source**: ``pronoun``, ``name``, ``description``, each ``_cue_missed`` as well
  when its attribution's cue was missed too (the source could not be found without it);
- **false positive**: how the analyzer found it, ``found_by`` and kind of the predicted
  attribution (``lexicon:indirect``, ``learned:according_to``, ``inferred:direct_quote``);
- **quotes JSONL** (no offsets): a missed quotation by its gold cue's words,
  ``cue_in_lexicon``, ``cue_not_in_lexicon``, ``according_to``, ``punctuation``, ``no_cue``;
  a false positive as above;
- **source type** (``component = source_type``, against the hand labels of
  ``tests/gold/source_types/``): the wrong pair, ``label->predicted`` (``political->government``).

:func:`cause_counts` counts rows by (component, kind, cause); ``framing evaluate --errors``
prints it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from framing.evaluation.brat import BratDocument
from framing.evaluation.errors import DISAGREEMENT, FALSE_NEGATIVE, FALSE_POSITIVE, ErrorRow
from framing.evaluation.matching import as_pieces

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them",
                      "who", "which", "that", "some", "one", "many", "others"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB", "AUX"})


def _tokens(doc: Doc, start: int, end: int) -> list:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def cue_cause(doc: Doc, start: int, end: int, lexicon_words: set[str]) -> str:
    """The kind of a gold cue the analyzer missed, from its words in the Doc."""
    words = [t for t in _tokens(doc, start, end) if t.is_alpha]
    if not words:
        return "punctuation"
    lowered = [t.lower_ for t in words]
    if lowered[0] == "according":
        return "according_to"
    verbs = [t for t in words if t.pos_ in VERB_POS]
    if verbs:
        listed = any(t.lemma_.lower() in lexicon_words or t.lower_ in lexicon_words
                     for t in verbs)
        return "verb_in_lexicon" if listed else "verb_not_in_lexicon"
    if not any(t.pos_ for t in words):  # no tagger (--fast, blank pipeline): by the lexicon
        listed = any(w in lexicon_words for w in lowered)
        return "verb_in_lexicon" if listed else "verb_not_in_lexicon"
    if any(t.pos_ in NOUN_POS for t in words):
        return "noun_cue"
    return "other_word"


def cue_string_cause(cue: str, lexicon_words: set[str]) -> str:
    """The kind of a gold cue given as a string (quotes JSONL: no offsets, no parse): by its
    words, ``cue_in_lexicon`` when the lexicon lists one of them (any inflection it spells)."""
    words = [w.lower() for w in cue.split() if any(c.isalpha() for c in w)]
    if not words:
        return "punctuation" if cue.strip() else "no_cue"
    if words[0] == "according":
        return "according_to"
    listed = any(w.strip(".,;:!?\"'") in lexicon_words for w in words)
    return "cue_in_lexicon" if listed else "cue_not_in_lexicon"


def source_cause(text: str) -> str:
    """A missed source by the form of its words: a pronoun, a name, or a description."""
    words = text.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if words and words[0][:1].isupper() and words[0].lower() not in ("the", "a", "an"):
        return "name"
    return "description"


def content_cause(gold_doc: BratDocument, pieces, doc: Doc) -> str:
    """A missed content: a quotation with no cue in its sentence is a floating quote."""
    from framing.evaluation.polnear_quotes import is_direct_quotation

    start, end = min(s for s, _ in pieces), max(e for _, e in pieces)
    if not is_direct_quotation(gold_doc.text, start, end):
        return "reported_speech"
    attribution = _gold_attribution(gold_doc, "content", pieces)
    cue = attribution.cue if attribution is not None else None
    if cue is None:
        return "floating_quote"
    sentences = {t.sent.start for t in _tokens(doc, start, end) if doc.has_annotation("SENT_START")}
    cue_start = min(s for s, _ in cue.pieces)
    cue_tokens = _tokens(doc, cue_start, max(e for _, e in cue.pieces))
    if sentences and cue_tokens and cue_tokens[0].sent.start not in sentences:
        return "floating_quote"
    return "direct_quote"


def _gold_attribution(gold_doc: BratDocument, role: str, pieces):
    for attribution in gold_doc.attributions:
        span = getattr(attribution, role)
        if span is not None and tuple(span.pieces) == tuple(pieces):
            return attribution
    return None


def _missed_cue_spans(rows: Sequence[ErrorRow]) -> set[tuple[int, int]]:
    return {(r.start, r.end) for r in rows if r.component == "cue" and r.kind == FALSE_NEGATIVE}


def _predicted_by_span(doc: Doc) -> dict[tuple[str, int, int], str]:
    """(role, start, end) of each predicted span -> how its attribution was found."""
    found = {}
    for attribution in doc._.attributions or []:
        how = f"{attribution.found_by}:{attribution.kind}"
        spans = {"cue": attribution.cue, "content": attribution.content}
        for role, span in spans.items():
            if span is not None:
                found.setdefault((role, span.start, span.end), how)
        for source in attribution.sources():  # speaker, channel and relay: all are sources
            found.setdefault(("source", source.span.start, source.span.end), how)
    return found


def _how_found(predicted: dict, row: ErrorRow) -> str:
    """How the attribution of a predicted span was found: the span itself, else the first
    predicted span of the role overlapping it (spans groups and records can trim differently)."""
    exact = predicted.get((row.component, row.start, row.end))
    if exact is not None:
        return exact
    for (role, start, end), how in predicted.items():
        if role == row.component and start < row.end and row.start < end:
            return how
    return "not_traced"


def with_causes(rows: Sequence[ErrorRow], gold_doc: BratDocument, doc: Doc,
                lexicon_words: set[str]) -> list[ErrorRow]:
    """The attribution error rows of one article, each with its cause."""
    missed_cues = _missed_cue_spans(rows)
    predicted = _predicted_by_span(doc)
    caused = []
    for row in rows:
        caused.append(dataclasses.replace(
            row, cause=_cause(row, gold_doc, doc, lexicon_words, missed_cues, predicted)))
    return caused


def _cause(row, gold_doc, doc, lexicon_words, missed_cues, predicted) -> str:
    if row.kind == FALSE_POSITIVE:
        return _how_found(predicted, row)
    if row.kind != FALSE_NEGATIVE or row.start is None:
        return ""
    if row.component == "cue":
        return cue_cause(doc, row.start, row.end, lexicon_words)
    pieces = _pieces_of(gold_doc, row)
    if row.component == "content":
        return content_cause(gold_doc, pieces, doc)
    if row.component == "source":
        cause = source_cause(row.text)
        attribution = _gold_attribution(gold_doc, "source", pieces)
        if attribution is not None and attribution.cue is not None:
            cue = attribution.cue.pieces
            if (min(s for s, _ in cue), max(e for _, e in cue)) in missed_cues:
                cause += "_cue_missed"
        return cause
    return ""


def _pieces_of(gold_doc: BratDocument, row: ErrorRow):
    """The gold pieces of a row (rows keep only first start and last end)."""
    for attribution in gold_doc.attributions:
        span = getattr(attribution, row.component, None)
        if span is not None:
            pieces = as_pieces(span.pieces)
            if (min(s for s, _ in pieces), max(e for _, e in pieces)) == (row.start, row.end):
                return pieces
    return ((row.start, row.end),)


def source_type_errors(document: str, text: str, found: Iterable[tuple]) -> list[ErrorRow]:
    """A row per hand-labelled source the analyzer typed otherwise: ``found`` holds
    (LabelledSource, predicted type) pairs (see :mod:`framing.evaluation.source_types`)."""
    from framing.evaluation.errors import context_around

    return [
        ErrorRow(
            document=document, component="source_type", category=label.source_type,
            match="overlap", kind=DISAGREEMENT, text=text[label.start:label.end],
            start=label.start, end=label.end,
            context=context_around(text, label.start, label.end),
            detail=f"labelled {label.source_type}, predicted {predicted}",
            cause=f"{label.source_type}->{predicted}",
        )
        for label, predicted in found
        if label.source_type != predicted
    ]


def cause_counts(rows: Iterable[ErrorRow]) -> list[tuple[str, str, str, str, int]]:
    """(component, match, kind, cause, count), most frequent first within each component."""
    counts = Counter((r.component, r.match, r.kind, r.cause or "-") for r in rows)
    return [
        (*key, n)
        for key, n in sorted(counts.items(), key=lambda item: (item[0][0], item[0][1],
                                                               item[0][2], -item[1]))
    ]
