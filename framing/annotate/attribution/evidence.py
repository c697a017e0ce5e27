"""Evidence: images and documents, which count toward provenance, not toward speakers.

In: the drafts of a Doc with their speakers, the source-type hits and the channel phrases.
Out: the same drafts, with kind ``visual`` or ``finding`` and a channel where the speaker is
an image or a document. A speaker whose head is an image word of ``lexicons/sources.yaml``
(``Images released by KCNA showed``, ``KCTV footage``), an outlet that ``showed`` something,
or ``They`` right after such a sentence make an attribution of kind ``visual``: no speaker, the
releaser as channel. A document (``Saturday's report confirms``, ``the poll shows``) makes a
``finding``, the document as channel.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span

from framing.annotate.attribution.cues import SHOW_ENTRY_ID
from framing.annotate.attribution.draft import Draft
from framing.annotate.attribution.speakers import MEDIA_TYPES, PRONOUNS
from framing.annotate.source_words import DOCUMENT_TYPE, VISUAL_TYPE
from framing.annotate.sources import SourceResolver


def type_evidence(
    context, drafts, type_hits, phrases, releases, resolver: SourceResolver
) -> None:
    """Images and documents are evidence, not speakers.

    ``Images released by KCNA showed``, ``KCTV footage showed``, ``state media photos``:
    kind ``visual``, the channel is who released them (the ``by`` agent, or the outlet named
    in the mention); ``Other images showed`` and ``They also showed`` after a visual take
    its channel. ``state media showed a visibly emotional Kim``: an outlet showing is
    showing pictures; so is one that releases them (``Zelensky published a video showing
    ...``: a channel verb whose object is images). ``Saturday's report confirms``, ``the
    poll shows``: kind ``finding``,
    the document is the channel. The speaker span stays written (PolNeAR marks "the poll"
    as the source of "shows"); the record has no speaker.
    """
    previous_visual: Draft | None = None
    for draft in drafts:
        if draft.speaker is None or draft.merged_into is not None:
            continue
        head_type = resolver.head_type(draft.speaker, type_hits)
        shows = draft.entry.id == SHOW_ENTRY_ID
        pronoun = len(draft.speaker) == 1 and draft.speaker[0].lower_ in PRONOUNS
        if head_type == VISUAL_TYPE:
            draft.kind = "visual"
            draft.channel = _released_by(draft.speaker, type_hits, phrases)
            if draft.channel is None and previous_visual is not None:
                draft.channel = previous_visual.channel
        elif head_type == DOCUMENT_TYPE:
            draft.kind, draft.channel = "finding", draft.speaker
        elif shows and resolver.type_of(draft.speaker, type_hits)[0] in MEDIA_TYPES:
            draft.kind, draft.channel = "visual", draft.speaker
        elif draft.cue.start in releases and _opens_with(draft.content, type_hits, VISUAL_TYPE):
            draft.kind, draft.channel = "visual", draft.speaker
        elif (
            shows
            and pronoun
            and previous_visual is not None
            and _near(context, previous_visual, draft)
        ):
            draft.kind, draft.channel = "visual", previous_visual.channel
        if draft.kind == "visual":
            previous_visual = draft


def _released_by(mention: Span, type_hits, phrases) -> Span | None:
    """Who released the images a mention names: the agent of a channel verb inside it
    ("Images released by KCNA"), else an outlet named in it ("KCTV footage")."""
    for verb, agent in phrases:
        if mention.start <= verb.start and agent.end <= mention.end:
            return agent
    for start, end, source_type, _entry in type_hits:
        if mention.start <= start and end <= mention.end and source_type in MEDIA_TYPES:
            return mention.doc[start:end]
    return None


def _opens_with(span: Span | None, type_hits, source_type: str) -> bool:
    """Whether a typing hit of ``source_type`` starts in the first words of ``span`` ("a video
    showing ...": the parser may take "showing" for the head)."""
    if span is None:
        return False
    return any(
        span.start <= start < span.start + 3 and kind == source_type
        for start, _end, kind, _entry in type_hits
    )


def _near(context, earlier: Draft, later: Draft) -> bool:
    """Whether ``later`` is in the sentence after ``earlier`` or in the same paragraph, so a
    pronoun in it can stand for what ``earlier`` named."""
    starts = context.sentence_starts
    gap = bisect_right(starts, later.cue.start) - bisect_right(starts, earlier.cue.start)
    same_paragraph = context.paragraph_start(earlier.cue.start) == context.paragraph_start(
        later.cue.start
    )
    return gap <= 1 or same_paragraph
