"""What the extractor writes: drafts → Attribution records and span groups.

In: the linked drafts of a Doc, its context, the source-type hits and the speaker resolver.
Out: the :class:`~framing.annotate.records.Attribution` records, floating quotes included
(:mod:`framing.annotate.attribution.floating_quotes`), and the span groups ``quote`` (label =
direct | scare | title | unattributed), ``speaker`` (label = source type), ``cue`` (label =
stance, span id = reporting-verb entry id), ``content`` (label = kind, or ``position`` for a
learned cue's), ``content_gap`` (the writer's words inside a content of two quotes:
``"A," he said. "B."``) and ``channel`` (label = source type). A learned cue credits a position, not
words, so its attribution has no ``content`` record (loaded words there stay the outlet's),
though the span is written. The span groups are what PolNeAR is scored on; the records are
what the sourcing figures count.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from framing.annotate.attribution.context import DocContext
from framing.annotate.attribution.cues import LEARNED_CUE_ID
from framing.annotate.attribution.draft import Draft
from framing.annotate.attribution.floating_quotes import floating_quotes
from framing.annotate.attribution.spans import labelled, span_in, text_span
from framing.annotate.quotes import looks_like_title
from framing.annotate.records import EVIDENCE_KINDS, Attribution, Quote
from framing.annotate.sources import SourceResolver


def records_and_spans(
    doc: Doc,
    drafts: list[Draft],
    context: DocContext,
    type_hits,
    resolver: SourceResolver,
) -> tuple[list[Attribution], dict[str, list[Span]]]:
    """The records and span groups of the drafts of a Doc (a merged draft writes its cue only)."""
    kept = [d for d in drafts if d.merged_into is None]
    mentions = [d.speaker for d in drafts] + [d.channel for d in kept] + [d.relay for d in kept]
    resolved = resolver.resolve(doc, mentions, type_hits, context.text)
    n = len(drafts)
    speaker_of = dict(zip(map(id, drafts), resolved[:n], strict=True))
    channel_of = dict(zip(map(id, kept), resolved[n : n + len(kept)], strict=True))
    relay_of = dict(zip(map(id, kept), resolved[n + len(kept) :], strict=True))
    spans: dict[str, list[Span]] = {key: [] for key in ("quote", "speaker", "cue", "content")}
    spans["channel"], spans["content_gap"] = [], []
    attributions = []
    used_quotes = set()
    for draft in drafts:
        spans["cue"].append(labelled(draft.cue, draft.entry.category, draft.entry.id))
        if draft.quote is not None:
            used_quotes.add(draft.quote)
        if draft.merged_into is not None:
            # A channel's own cue ("KCNA reported") is still a cue; its speaker is written
            # once, as the channel of the attribution it carries.
            continue
        speaker = speaker_of[id(draft)]
        channel, relay = channel_of[id(draft)], relay_of[id(draft)]
        # A learned cue that no lexicon lists ("wants", "voted for", "supports") credits a
        # position, not words: what it is about stays in the outlet's voice, so the record
        # has no content (loaded words there count as the outlet's); the span is still
        # written, labelled "position", for PolNeAR's notion of content.
        position_only = draft.entry.id == LEARNED_CUE_ID and not draft.is_direct
        reports_words = draft.content is not None and not position_only
        written_speaker = speaker  # the span is written even where the record has none
        gap = _gap_inside(draft.content_gap, draft.content)
        if draft.kind == "relayed" or draft.kind in EVIDENCE_KINDS:
            speaker = None  # relayed: the words are the channel's; evidence: no speaker
        attribution = Attribution(
            kind=draft.kind if draft.kind != "relayed" else "reported",
            sentence=text_span(draft.sentence, context.text),
            cue=text_span(draft.cue, context.text),
            cue_lemma=draft.entry.term or draft.entry.id.removeprefix("cue."),
            stance=draft.entry.category or None,
            stance_entry_id=draft.entry.id,
            speaker=speaker,
            content=text_span(draft.content, context.text) if reports_words else None,
            channel=channel,
            relay=relay,
            is_direct=draft.is_direct,
            found_by="learned" if draft.entry.id == LEARNED_CUE_ID else "lexicon",
            content_gap=text_span(gap, context.text) if reports_words and gap else None,
        )
        if draft.credits_words:
            attributions.append(attribution)
        channel_span = draft.channel
        if channel_span is not None and draft.speaker is not None:
            elsewhere = context.sentence(channel_span[0]).start != draft.sentence.start
            if span_in(channel_span, draft.speaker) or elsewhere:
                # Inside the speaker ("Images released by KCNA") or lent by another
                # sentence of the paragraph: written once, where it stands, or not at all.
                channel_span = None
        for key, span, source in (
            ("speaker", draft.speaker if written_speaker else None, written_speaker),
            ("channel", channel_span, channel),
            ("speaker", draft.relay, relay),
        ):
            if span is not None and source is not None:
                spans[key].append(labelled(span, source.source_type, source.entry_id))
        if draft.content is not None:
            label = "position" if position_only else attribution.kind
            spans["content"].append(labelled(draft.content, label, draft.entry.id))
            if gap is not None:
                spans["content_gap"].append(labelled(gap, label, draft.entry.id))
    attributions += floating_quotes(context, drafts, attributions, used_quotes)
    for quote in context.quotes:
        span = context.quote_span(quote)
        if span is not None:
            spans["quote"].append(
                labelled(span, _quote_label(quote, quote in used_quotes), None)
            )
    return attributions, spans


def _gap_inside(gap: Span | None, content: Span | None) -> Span | None:
    """The content's gap, if the content (which later steps may cut) still holds it."""
    if gap is None or content is None:
        return None
    return gap if content.start < gap.start and gap.end < content.end else None


def _quote_label(quote: Quote, attributed: bool) -> str:
    if quote.scare:
        return "scare"
    if attributed:
        return "direct"
    if quote.closed and looks_like_title(quote.span.text):
        return "title"
    return "unattributed"
