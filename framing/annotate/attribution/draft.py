"""The draft of one attribution, as the rules build it.

In: what the rules find for one cue, as token spans. Out: a :class:`Draft`, which the later
steps link (chains, evidence, channels) and :mod:`framing.annotate.attribution.output` turns
into an :class:`~framing.annotate.records.Attribution` record and span groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from framing.annotate.records import Quote
from framing.lexicon.load import Entry


@dataclass
class Draft:
    """An attribution before its speaker is resolved: token spans, not records yet."""

    kind: str
    cue: Span
    entry: Entry
    sentence: Span
    speaker: Span | None = None
    content: Span | None = None
    is_direct: bool = False
    quote: Quote | None = None
    channel: Span | None = None
    relay: Span | None = None
    merged_into: Draft | None = None
    # False for a relation PolNeAR marks but that credits no words to anyone (a learned cue
    # with only an object, "This marked"): its spans are written, no Attribution record.
    credits_words: bool = True
    # The writer's words inside a content of two quotes (`"A," he said. "B."`: ``he said.``).
    content_gap: Span | None = None
