"""The Doc extension attributes the framing components write.

Values are set by the components (never computed by getters on access, which would re-run
the work each time). Each holds a list of records from :mod:`framing.annotate.records`.
"""

from __future__ import annotations

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc

#: attribute name -> what it holds
DOC_ATTRIBUTES = {
    "quotes": "list[Quote]: every stretch in quote marks, closed or not",
    "attributions": "list[Attribution]: attributed claims with speaker, cue, content, channel",
    "state_media": "list[Mention]: mentions of state-controlled media",
    "voices": "list[VoiceSpan]: quotes and paraphrased content, each with how it was read",
    "term_hits": "list[TermHit]: loaded-term hits with their voice",
    "hedges": "list[Mention]: hedging words and phrases",
    "actor_mentions": "list[ActorMention]: named actors with the title or epithet before them",
    "event_labels": "list[EventLabel]: how the article names events (war, invasion, conflict)",
    "figures": "list[Figure]: numbers stated, what they count, and the attribution covering them",
    "assertions": "list[Assertion]: narration sentences stating a figure or event, sourced or not",
}

#: span-group keys in doc.spans, each span labelled and carrying its lexicon entry id
SPAN_KEYS = (
    "quote",
    "speaker",
    "cue",
    "content",
    "channel",
    "state_media",
    "loaded_term",
    "hedge",
    "actor",
    "actor_title",
    "event_label",
    "figure",
)


#: ``doc.user_data`` key of the text a Doc was made from, kept by :func:`keep_text`.
TEXT_KEY = "framing_text"


def keep_text(doc: Doc, text: str) -> Doc:
    """Remember the text ``doc`` was made from (``nlp.make_doc(text)``), for :func:`doc_text`."""
    doc.user_data[TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, without its cost: ``Doc.text`` makes a Python Token object for every
    token on each access, which showed in profiles of the rule-only pipeline. The text kept
    by :func:`keep_text` when its length still fits the tokens, else from the token arrays."""
    if not len(doc):
        return ""
    kept = doc.user_data.get(TEXT_KEY)
    if kept is not None:
        last = doc[-1]
        if len(kept) == last.idx + len(last.text_with_ws):
            return kept
    strings = doc.vocab.strings
    return "".join(
        [
            strings[orth] + " " if space else strings[orth]
            for orth, space in doc.to_array([ORTH, SPACY]).tolist()
        ]
    )


def register_extensions() -> None:
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
