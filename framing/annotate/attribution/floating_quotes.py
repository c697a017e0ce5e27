"""Floating quotes: a quotation with no cue of its own, credited to the speaker named before it.

In: the Doc's context, its drafts, the attributions found from cues and the quotes they used.
Out: one more :class:`~framing.annotate.records.Attribution` (``found_by="inferred"``) for each
floating quote.
"""

from __future__ import annotations

from collections.abc import Sequence

from framing.annotate.attribution.context import DocContext
from framing.annotate.attribution.draft import Draft
from framing.annotate.attribution.spans import text_span
from framing.annotate.quotes import looks_like_title
from framing.annotate.records import INFERRED, Attribution

#: A floating quote has at least this many words: a shorter quoted stretch is a name, a title
#: or a phrase set off, not a statement someone went on making.
FLOATING_QUOTE_MIN_WORDS = 5


def floating_quotes(
    context: DocContext, drafts: Sequence[Draft], attributions: list[Attribution], used
) -> list[Attribution]:
    """Floating quotes (issue #13): a quotation with no cue in its sentences, credited to the
    speaker of the nearest attribution before it in the same or the previous paragraph, and
    flagged ``found_by="inferred"``. News writing lets a quotation carry on in a paragraph of
    its own after the speaker is named; the Gender Gap Tracker credits these the same way.

    Only records are added: the span groups (what PolNeAR is scored on) are left as they were,
    and the quote keeps its ``unattributed`` label there.
    """
    cue_sentences = {context.sentence(draft.cue[0]).start for draft in drafts}
    spoken = [a for a in attributions if a.speaker is not None and not a.is_evidence]
    found = []
    for quote in context.quotes:
        words = len(quote.span.text.split())
        if quote in used or quote.scare or words < FLOATING_QUOTE_MIN_WORDS:
            continue
        if looks_like_title(quote.span.text):
            continue
        span = context.quote_span(quote)
        if span is None or not len(span):
            continue
        first, last = context.sentence(span[0]), context.sentence(span[-1])
        if any(first.start <= start <= last.start for start in cue_sentences):
            continue
        paragraph = context.paragraph_start(span.start)
        window = context.paragraph_start(paragraph - 1) if paragraph > 0 else paragraph
        window_char = context.doc[window].idx
        # By where the sentence ends: a sentence may open with the blank line before it.
        before = [a for a in spoken if window_char < a.sentence.end <= span.start_char]
        if not before:
            continue
        nearest = max(before, key=lambda a: a.sentence.end)
        found.append(
            Attribution(
                kind="direct_quote",
                sentence=text_span(first if first.start == last.start else
                                    context.doc[first.start : last.end], context.text),
                cue=None,
                cue_lemma=None,
                stance=None,
                stance_entry_id=None,
                speaker=nearest.speaker,
                content=quote.span,
                channel=nearest.channel,
                relay=nearest.relay,
                is_direct=True,
                found_by=INFERRED,
            )
        )
    return found
