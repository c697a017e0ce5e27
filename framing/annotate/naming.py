"""Naming: how an article refers to its actors and labels its events.

Two steps of the ``framing`` component. :class:`ActorNamer` reads the named entities
(people, organisations, places) and keeps, for each mention, the title or epithet right
before the name (``leader Kim Jong Un``, ``Communist dictator Kim Jong-un``), which is where
news prose puts its characterisation of a person. :func:`event_label_finder` finds how the
article labels events (``Russia's war against Ukraine``, ``special military operation``)
from ``lexicons/event_labels.yaml``. Each mention and label records its voice
(:func:`framing.annotate.voice.voice_of`): a label inside a quote ("the liberation battles" in Kim's
words) is the speaker's, not the outlet's. Both need only what the pipeline already computed; a
pipeline without NER (``spacy.blank``) yields no actor mentions, and says so by an empty list.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from framing.annotate.mentions import sentence_of
from framing.annotate.records import ActorMention, EventLabel, TextSpan
from framing.annotate.voice import voices as doc_voices
from framing.lexicon.load import Lexicons
from framing.lexicon.matching import EntryMatcher

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")
# Titles are noun phrases: adjectives and nouns, with proper nouns for "President" and
# nationalities ("North Korean leader"). Determiners, possessives and verbs end them.
_TITLE_POS = {"NOUN", "ADJ", "PROPN"}
_MAX_TITLE_TOKENS = 4
_POSSESSIVE = re.compile(r"['’]s$")


def normalise_actor(name: str) -> str:
    """A comparable key: ``Kim Jong-un``, ``Kim Jong Un`` and ``KIM JONG UN`` are one actor."""
    name = _POSSESSIVE.sub("", name.strip())
    name = re.sub(r"[-‐‑–]", " ", name)
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    return " ".join(name.lower().split())


def _is_title_token(token: Token) -> bool:
    if token.is_punct or token.is_space or token.is_stop or not token.is_alpha:
        return False
    if token.doc.has_annotation("POS"):
        return token.pos_ in _TITLE_POS
    return True


def title_before(name: Span) -> Span | None:
    """The title or epithet right before a name, or None: the run of adjectives and nouns
    ending at the name, stopped by a determiner, a possessive, a verb or punctuation.

    A title is a noun phrase: with a tagger, the word next to the name must be a noun
    (``leader``, ``dictator``, ``President``). Adjectives alone describe a moment, not the
    person: ``an emotional Kim``, ``a smiling Kim`` carry no title.
    """
    doc = name.doc
    start = name.start
    sentence_start = name.sent.start if doc.has_annotation("SENT_START") else 0
    while (
        start > sentence_start
        and name.start - start < _MAX_TITLE_TOKENS
        and _is_title_token(doc[start - 1])
        and not _is_other_actor(doc[start - 1], name)
        and _modifies(doc[start - 1], start, name.end)
    ):
        start -= 1
    if start == name.start or not _ends_in_noun(doc[name.start - 1]):
        return None
    return doc[start : name.start]


def _ends_in_noun(token: Token) -> bool:
    """The word next to the name is a noun (without a tagger, assumed so)."""
    if not token.doc.has_annotation("POS") or not token.pos_:
        return True
    return token.pos_ in ("NOUN", "PROPN")


def _modifies(token: Token, title_start: int, name_end: int) -> bool:
    """With a parse, a title word must hang off the name or the title words after it, so
    "the work Kim did" gives no title "work". Without a parse, adjacency is all we have."""
    if not token.doc.has_annotation("DEP"):
        return True
    return title_start <= token.head.i < name_end


def _is_other_actor(token: Token, name: Span) -> bool:
    """A person or organisation just before a name is a separate actor ("Putin Kim met"),
    while a nationality or place is part of a title ("North Korean leader")."""
    return token.ent_type_ in ("PERSON", "ORG") and token.ent_type_ == name.label_


def _resolve_short_names(keys: list[str]) -> dict[str, str]:
    """Map each key to the one longer key in the article that contains it as whole words, so
    ``kim`` counts as the ``kim jong un`` the article introduced. An ambiguous short key
    (``korea`` beside ``north korea`` and ``south korea``) stays as it is."""
    resolved = {}
    for key in keys:
        longer = [k for k in keys if k != key and f" {key} " in f" {k} "]
        longest = [k for k in longer if not any(k != o and f" {k} " in f" {o} " for o in longer)]
        resolved[key] = longest[0] if len(longest) == 1 else key
    return resolved


class ActorNamer:
    """Writes ``doc._.actor_mentions`` and the ``actor`` and ``actor_title`` span groups."""

    def __init__(self, nlp: Language, lexicons: Lexicons):
        self.lexicons = lexicons

    def __call__(self, doc: Doc) -> Doc:
        ents = [e for e in doc.ents if e.label_ in ACTOR_LABELS]
        keys = [normalise_actor(e.text) for e in ents]
        # Only people are called by part of their name ("Kim", "Putin"); "Ukraine" inside
        # "the Foreign Intelligence Service of Ukraine" is another actor.
        people = sorted({k for k, e in zip(keys, ents, strict=True) if k and e.label_ == "PERSON"})
        resolved = {k: k for k in keys} | _resolve_short_names(people)
        mentions, titles = [], []
        voices = doc_voices(doc)
        for ent, key in zip(ents, keys, strict=True):
            if not key:
                continue
            title = title_before(ent) if ent.label_ != "NORP" else None
            if title is not None:
                titles.append(title)
            mentions.append(
                ActorMention(
                    span=TextSpan.of(ent),
                    actor=resolved[key],
                    label=ent.label_,
                    title=TextSpan.of(title) if title is not None else None,
                    sentence=sentence_of(ent),
                    # A title inside a quote ("the armed villains of the West") is the
                    # speaker's, not the outlet's: the voice is the title's, else the name's.
                    voice=voices.voice_of(
                        (title or ent).start_char, (title or ent).end_char
                    ),
                )
            )
        doc.spans["actor"] = ents
        doc.spans["actor_title"] = titles
        doc._.actor_mentions = mentions
        return doc


class EventLabelFinder:
    """Writes ``doc._.event_labels`` and the ``event_label`` span group from the lexicon."""

    def __init__(self, nlp: Language, lexicons: Lexicons):
        entries = lexicons["event_labels"] if "event_labels" in lexicons.entries else []
        self.matcher = EntryMatcher(nlp, entries, source="event_labels")

    def __call__(self, doc: Doc) -> Doc:
        hits = self.matcher(doc)
        voices = doc_voices(doc) if hits else None
        doc.spans["event_label"] = [hit.span for hit in hits]
        doc._.event_labels = [
            EventLabel(
                span=TextSpan.of(hit.span),
                entry_id=hit.entry.id,
                label=hit.entry.term or hit.entry.id,
                category=hit.entry.category,
                sentence=sentence_of(hit.span),
                voice=voices.voice_of(hit.span.start_char, hit.span.end_char),
            )
            for hit in hits
        ]
        return doc
