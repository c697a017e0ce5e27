"""Sentence-boundary hints for news text, set before the parser (or after a sentencizer).

Two conventions trip spaCy's parser on news copy: a closing quote after the full stop
(`…months."`) gets pushed to the start of the next sentence, and a line break between a
heading or dateline and the next paragraph is not always a boundary. Attribution works
sentence by sentence, so both matter. The parser keeps boundaries that are already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_FINAL = {".", "!", "?", "…"}
QUOTE_MARKS = {'"', "'", "”", "’", "»"}


def _ends_sentence(doc: Doc, i: int) -> bool:
    """True if the last non-space token before ``i`` closes a sentence (`.` or `."`)."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0:
        return False
    if doc[j].text in QUOTE_MARKS and j > 0:
        j -= 1
    return doc[j].text in SENTENCE_FINAL


def set_sentence_hints(doc: Doc) -> Doc:
    for i, token in enumerate(doc):
        if i == 0:
            continue
        previous = doc[i - 1]
        if token.is_space:
            token.is_sent_start = False  # whitespace belongs to the sentence it follows
        elif (
            token.text in QUOTE_MARKS
            and previous.text in SENTENCE_FINAL
            and not previous.whitespace_
        ):
            token.is_sent_start = False  # the closing quote ends the sentence it closes
        elif previous.is_space and "\n" in previous.text:
            token.is_sent_start = True  # a line break in cleaned text is a real break
        elif (
            token.text in QUOTE_MARKS
            and (previous.whitespace_ or previous.is_space)
            and not token.whitespace_
            and _ends_sentence(doc, i)
        ):
            # An opening quote after a full stop starts the next sentence; the word inside
            # it does not start another one.
            token.is_sent_start = True
            if i + 1 < len(doc):
                doc[i + 1].is_sent_start = False
    return doc


@Language.component("framing_sentence_hints", assigns=["token.is_sent_start"])
def sentence_hints_component(doc: Doc) -> Doc:
    return set_sentence_hints(doc)


def add_sentence_hints(nlp: Language) -> None:
    """Put the hints before the parser, or after a sentencizer, or add a sentencizer first."""
    if "framing_sentence_hints" in nlp.pipe_names:
        return
    if nlp.has_pipe("parser"):
        nlp.add_pipe("framing_sentence_hints", before="parser")
        return
    if not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer")
    after = "senter" if nlp.has_pipe("senter") else "sentencizer"
    nlp.add_pipe("framing_sentence_hints", after=after)
