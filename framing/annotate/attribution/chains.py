"""Chains: the channel and the relay an attribution came through, read in its sentence and
paragraph.

In: the drafts of a Doc, and the channel verbs of ``lexicons/provenance.yaml`` found in it.
Out: the same drafts, linked. When the content of an ``according to`` or of a cue whose
speaker is a news outlet holds another attribution (``Kim said ..., KCNA reported``), the
outlet becomes that attribution's ``channel`` and its own cue stays in ``doc.spans["cue"]``;
``Yonhap reported, citing KCNA`` makes Yonhap the ``relay`` and KCNA the ``channel`` (no
speaker: the words are KCNA's report, passed on). A channel verb with its ``by`` agent (``in a
speech carried by state media``, ``the letter published by Voice of Korea``, ``quoted in
Ukrinform``) names the channel of the attribution in its sentence; a sentence with no
attribution of its own (``The remarks were in a speech published by the Foreign Ministry``)
lends it to the attributions of its paragraph. What only the whole article says is
:mod:`framing.annotate.attribution.provenance`'s work.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span

from framing.annotate.attribution.context import DocContext
from framing.annotate.attribution.cues import (
    ACCORDING_TO_IDS,
    CITING_ENTRY_ID,
    cites_a_source,
    cue_verb,
)
from framing.annotate.attribution.draft import Draft
from framing.annotate.attribution.spans import overlaps, span_in, trim
from framing.annotate.attribution.speakers import noun_phrase_after
from framing.annotate.records import EVIDENCE_KINDS
from framing.lexicon.matching import Hit


def cut_contents_at_according_to(drafts: list[Draft]) -> None:
    """ "Kim noted that X, according to KCNA": the content stops before "according to"."""
    according = [d for d in drafts if d.entry.id in ACCORDING_TO_IDS]
    for draft in drafts:
        if draft.content is None or draft.is_direct:
            continue
        for other in according:
            if other is not draft and draft.content.start < other.cue.start < draft.content.end:
                draft.content = trim(draft.content.doc[draft.content.start : other.cue.start])
                if not len(draft.content):
                    draft.content = None
                break


def cut_contents_at_credited_quotes(context: DocContext, drafts: list[Draft]) -> None:
    """``"A," KCNA reported. "B," Kim was quoted as saying``: a second quote that a cue of its
    own sentence credits is that cue's, not the carrying-on of the first; the content joined
    across the first cue stops at the first quote."""
    credited_quote_starts = set()
    for draft in drafts:
        span = context.quote_span(draft.quote) if draft.quote is not None else None
        # The cue in the sentence the quote opens or closes (an opening mark may be parsed
        # into the sentence before).
        if span is not None and any(
            span_in(draft.cue, context.sentence(mark)) for mark in (span[0], span[-1])
        ):
            credited_quote_starts.add(span.start)
    for draft in drafts:
        gap = draft.content_gap
        if gap is not None and draft.content is not None and gap.end in credited_quote_starts:
            draft.content = draft.content.doc[draft.content.start : gap.start]
            draft.content_gap = None


def channel_phrases(
    context: DocContext, hits: list[Hit], source_words: set[str]
) -> list[tuple[Span, Span]]:
    """(channel verb, its agent) for each ``published by X``, ``carried ... by X``,
    ``released by X``, ``quoted in X`` of the Doc, read on the surface: a sentence holding
    one need not hold a cue, so it may not have been parsed (framing.annotate.selective)."""
    doc = context.doc
    found = []
    for hit in hits:
        sentence = context.sentence(hit.span[0])
        index = hit.span.end
        if hit.span[-1].lower_ not in ("by", "in"):
            # "carried on Saturday by state media", "published in English in full by ...":
            # the agent's "by" within a few words, in the same clause.
            while index < sentence.end and index - hit.span.end < 6:
                token = doc[index]
                if token.lower_ == "by" or token.text in (",", ";", ".") or token.is_quote:
                    break
                index += 1
            if index >= sentence.end or doc[index].lower_ != "by":
                continue
            index += 1
        agent = noun_phrase_after(doc, index, sentence.end, context, source_words)
        if agent is not None:
            found.append((hit.span, agent))
    return found


def link_chains(drafts: list[Draft], is_media) -> None:
    """``Kim said ..., KCNA reported`` and ``Yonhap reported, citing KCNA``.

    A cue whose content holds another attribution becomes that attribution's channel when it
    is an ``according to`` or its speaker is a news outlet (state media, a wire or another
    outlet, by the source lexicons): the outlet carried the inner speaker's words. The
    outermost inner attribution takes the channel.
    """
    for outer in drafts:
        if outer.speaker is None or outer.merged_into is not None or outer.kind in EVIDENCE_KINDS:
            continue
        if outer.entry.id == CITING_ENTRY_ID or cites_a_source(outer.entry.id, outer.cue):
            _link_citing(outer, drafts)
            continue
        if outer.content is None:
            continue
        if outer.entry.id not in ACCORDING_TO_IDS and not is_media(outer.speaker):
            continue
        inner = [
            d
            for d in drafts
            if d is not outer
            and d.merged_into is None
            and d.speaker is not None
            and d.kind not in EVIDENCE_KINDS
            and d.credits_words
            # "According to Yonhap, citing KCNA, …": the citing phrase names the outer
            # speaker's channel (see _link_citing); it is no speaker of the content.
            and not cites_a_source(d.entry.id, d.cue)
            and (outer.content.start <= d.cue.start < outer.content.end
                 or _reports_the_same_clause(d, outer))
        ]
        top_level = [
            d
            for d in inner
            if not any(
                o is not d and o.content is not None and span_in(d.cue, o.content) for o in inner
            )
        ]
        if outer.entry.id in ACCORDING_TO_IDS:
            # "Though the two countries have not revealed the number, it could be 15,000,
            # according to officials": the officials back the main clause, not the one the
            # "though" subordinates.
            top_level = [d for d in top_level if not _subordinate(d.cue)]
        else:
            # "Kim said ..., KCNA reported": the outlet's cue closes the sentence. An outlet
            # that speaks first ("the newspaper suggested that ... Pyongyang offering") is
            # making its own claim, not carrying someone else's, unless it relays another
            # outlet's report ("Yonhap, citing KCNA, reported that Kim said ...").
            top_level = [d for d in top_level
                         if d.cue.start < outer.cue.start or outer.kind == "relayed"]
        if top_level:
            target = top_level[0]
            if outer.kind == "relayed":
                target.channel, target.relay = outer.channel, outer.relay
            else:
                target.channel = outer.speaker
            outer.merged_into = target


def _reports_the_same_clause(inner: Draft, outer: Draft) -> bool:
    """``The troops were heroes, Kim said, KCNA reported``: both cues report the clause before
    them, and the inner one stands between that clause and the outer cue."""
    return (
        inner.content is not None
        and overlaps(inner.content, outer.content)
        and outer.content.end <= inner.cue.start < outer.cue.start
    )


def _subordinate(cue: Span) -> bool:
    """Whether a cue verb heads a clause opened by a subordinating word ("though", "while")."""
    verb = cue_verb(cue)
    return verb.has_dep() and any(c.dep_ == "mark" for c in verb.children)


def _link_citing(citing: Draft, drafts: list[Draft]) -> None:
    """``X reported, citing Y``: X relays, Y is the channel. The citing cue itself merges."""
    open_drafts = [d for d in drafts if d is not citing and d.merged_into is None]
    # "Kim said, according to Yonhap, citing KCNA": Yonhap, Kim's channel, relays.
    draft = next((d for d in open_drafts
                  if d.channel is not None and _just_before(d.channel, citing.cue)), None)
    if draft is not None:
        draft.relay = draft.channel
    else:
        # "X reported, citing Y" or "X, citing Y, reported": X relays.
        draft = next((d for d in open_drafts
                      if d.sentence.start == citing.sentence.start
                      and (d.cue.start < citing.cue.start
                           or (d.speaker is not None and _just_before(d.speaker, citing.cue)))),
                     None)
        if draft is None:
            return
        draft.relay = draft.speaker
        draft.kind = "relayed"
    draft.channel = citing.speaker
    citing.merged_into = draft
    draft.content = _without_citing_phrase(draft.content, citing)


def _just_before(mention: Span, cue: Span) -> bool:
    """Whether only a comma stands between a mention and the cue after it."""
    between = mention.doc[mention.end : cue.start]
    return mention.end <= cue.start and all(t.text == "," or t.is_space for t in between)


def _without_citing_phrase(content: Span | None, citing: Draft) -> Span | None:
    """``According to Yonhap, citing KCNA, the troops left``: the content is what follows
    the citing phrase, not the phrase."""
    if content is None or citing.speaker is None:
        return content
    if not (content.start <= citing.cue.start < content.end
            and not len(trim(content.doc[content.start : citing.cue.start]))):
        return content
    rest = trim(content.doc[citing.speaker.end : content.end])
    return rest if len(rest) else content


def apply_channel_phrases(context, drafts: list[Draft], phrases) -> None:
    """``Putin said in the letter published by Voice of Korea``: the agent of a channel verb is
    the channel of the attribution in its sentence (the nearest cue before the verb, else
    after). A sentence with no attribution of its own (``The remarks were in a speech published
    in English in full by the North Korean Foreign Ministry``) lends its channel to the
    attributions of the sentences just before and after it in its paragraph that have none:
    the remarks it speaks of are the quotes around it. Not further: a page without paragraph
    breaks would lend it to the whole article. Images carry their own channel (see
    :func:`framing.annotate.attribution.evidence.type_evidence`), so a sentence about images
    lends nothing."""
    speech = [
        d
        for d in drafts
        if d.merged_into is None and d.speaker is not None and d.kind not in EVIDENCE_KINDS
    ]
    evidence_sentences = {d.sentence.start for d in drafts if d.kind in EVIDENCE_KINDS}
    starts = context.sentence_starts
    for verb, agent in phrases:
        sentence = context.sentence(verb[0])
        if sentence.start in evidence_sentences:
            continue  # "Photos released by state media showed": the visual's own channel
        in_sentence = [d for d in speech if d.sentence.start == sentence.start]
        if in_sentence:
            before = [d for d in in_sentence if d.cue.start < verb.start]
            target = before[-1] if before else in_sentence[0]
            inside_content = (
                target.content is not None
                and target.content.start > target.cue.start
                and span_in(verb, target.content)
            )
            if not before and not _set_off_before(agent, target):
                # "The transcript published by The Washington Post shows that Clinton talked":
                # a phrase before the cue is the channel only when set off by a comma ("In a
                # letter carried by state media, Kim said"); here it is another clause's.
                continue
            # "... said the footage released Friday by Scott's family did not show ...": the
            # phrase is part of what is reported, not how the report came.
            if (
                target.channel is None
                and not span_in(agent, target.speaker)
                and not inside_content
            ):
                target.channel = agent
            continue
        paragraph = context.paragraph_start(verb.start)
        index = bisect_right(starts, verb.start)
        for draft in speech:
            neighbour = abs(bisect_right(starts, draft.cue.start) - index) <= 1
            same_paragraph = context.paragraph_start(draft.cue.start) == paragraph
            if draft.channel is None and neighbour and same_paragraph:
                draft.channel = agent


def _set_off_before(agent: Span, draft: Draft) -> bool:
    """Whether the phrase belongs to the draft although its cue comes later: the speaker
    stands before the phrase ("Alexandrov was quoted in Ukrinform as stating"), or a comma
    sets the phrase off before the speaker ("In a letter carried by state media, Kim said")."""
    doc = agent.doc
    start = draft.speaker.start if draft.speaker is not None else draft.cue.start
    return start <= agent.start or any(t.text == "," for t in doc[agent.end : start])
