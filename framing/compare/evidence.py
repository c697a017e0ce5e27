"""Counted evidence: the rows behind a group's figures, each pointing at its sentences.

A group's (article index, analysis) pairs in, tables out: speakers, state-media outlets,
loaded terms in the outlet's own voice, reporting verbs, event labels, figures, unsourced
assertions, claims resting on state media, and each pooled metric's first places. Every row
keeps :class:`~framing.compare.records.Ref` pointers to the sentences it counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from framing.annotate.voice import OWN_VOICES
from framing.compare.grouping import SentenceIndex
from framing.compare.records import AssertionRow, ClaimRow, Counted, FigureRow, Ref
from framing.measure.features import state_media_claims, state_media_reliance

KEPT_REFS = 10  # evidence pointers kept per counted row: the report links to the first few


def tally(
    items: Iterable[tuple[str, str, str, int, int]], refs: SentenceIndex, limit: int | None = None
) -> list[Counted]:
    """(key, kind, entry id, article, offset) items -> Counted rows, most frequent first, ties
    by key; each row keeps its first KEPT_REFS places as sentence references."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, str]] = {}
    places: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for key, kind, entry_id, article, offset in items:
        counts[key] += 1
        if key not in first:
            first[key] = (kind, entry_id)
        if len(places[key]) < KEPT_REFS:
            places[key].append((article, offset))
    ordered = sorted(counts, key=lambda k: (-counts[k], k.lower(), k))
    return [
        Counted(key, counts[key], *first[key], [refs.ref(a, o) for a, o in places[key]])
        for key in (ordered[:limit] if limit else ordered)
    ]


def speakers(group, refs: SentenceIndex, limit: int) -> list[Counted]:
    return tally(
        (
            (
                x.speaker.entity,
                x.speaker.source_type,
                x.speaker.entry_id or "",
                i,
                x.sentence.start,
            )
            for i, a in group
            for x in a.attributions
            if x.speaker is not None
        ),
        refs,
        limit,
    )


def state_outlets(group, refs: SentenceIndex) -> list[Counted]:
    return tally(
        (
            (m.name, m.country or "", m.entry_id, i, m.span.start)
            for i, a in group
            for m in a.state_media
        ),
        refs,
    )


def own_voice_terms(group, refs: SentenceIndex, limit: int) -> list[Counted]:
    return tally(
        (
            (h.term, h.category, h.entry_id, i, h.span.start)
            for i, a in group
            for h in a.term_hits
            if h.voice in OWN_VOICES
        ),
        refs,
        limit,
    )


def cues(group, refs: SentenceIndex, limit: int) -> list[Counted]:
    return tally(
        (
            (x.cue_lemma, x.stance or "", x.stance_entry_id or "", i, x.sentence.start)
            for i, a in group
            for x in a.attributions
            if x.cue_lemma
        ),
        refs,
        limit,
    )


def in_voice(text: str, voice: str) -> str:
    """A label as the naming tables show it: marked when it is inside quote marks, where the
    words are the speaker's ("liberation" in Kim's quoted speech), not the outlet's."""
    return f"{text} [{QUOTED_MARK}]" if voice not in OWN_VOICES else text


#: How the naming tables mark a title or label in quoted words.
QUOTED_MARK = "quoted"


def event_labels(group, refs: SentenceIndex) -> list[Counted]:
    return tally(
        (
            (in_voice(e.span.text.replace("\n", " "), e.voice), e.category, e.entry_id, i,
             e.span.start)
            for i, a in group
            for e in a.event_labels
        ),
        refs,
    )  # fmt: skip


def figures(group, refs: SentenceIndex, limit: int) -> list[FigureRow]:
    rows = [
        FigureRow(
            text=" ".join(f.span.text.split()),
            kind=f.kind,
            counts=f.counts or "",
            source=f.source.entity if f.source else "",
            source_type=f.source.source_type if f.source else "",
            ref=refs.ref(i, f.span.start),
        )
        for i, a in group
        for f in a.figures
    ]
    return rows[:limit]


def unsourced(group, refs: SentenceIndex, limit: int) -> list[AssertionRow]:
    rows = [
        AssertionRow(
            *_around(x.sentence, x.evidence), kind=x.kind, ref=refs.ref(i, x.sentence.start)
        )
        for i, a in group
        for x in a.assertions
        if x.unsourced
    ]
    return rows[:limit]


def _around(sentence, part) -> tuple[str, str, str]:
    """(before, part, after) within a sentence, each with its whitespace collapsed."""
    start, end = part.start - sentence.start, part.end - sentence.start
    text = sentence.text
    return tuple(" ".join(piece.split()) for piece in (text[:start], text[start:end], text[end:]))


def metric_evidence(group, refs: SentenceIndex, stances: Sequence[str]) -> dict[str, list[Ref]]:
    """For each pooled metric, the first places of the records it counts, so a rate in a
    table links to the sentences behind it ("anonymous sources: 30%" -> those sentences)."""
    places: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def add(metric: str, article: int, offset: int) -> None:
        if len(places[metric]) < KEPT_REFS:
            places[metric].append((article, offset))

    for i, a in group:
        for x, how in zip(a.attributions, state_media_reliance(a.attributions), strict=True):
            at = x.sentence.start
            for metric in ("attribution_n", "attribution_per_100_words"):
                add(metric, i, at)
            if x.speaker is not None:
                add(f"attribution_{'named' if x.speaker.named else 'anonymous'}_source_share",
                    i, at)  # fmt: skip
            if x.is_direct:
                add("attribution_direct_quote_share", i, at)
            if x.inferred:
                add("attribution_inferred_share", i, at)
            if how:
                add("state_media_attribution_share", i, at)
                add(f"state_media_{how}_share", i, at)
            if x.stance in stances:
                add(f"stance_share_{x.stance}", i, at)
        for h in a.term_hits:
            add(f"loaded_{h.voice}_per_1000_words", i, h.span.start)
            if h.voice in OWN_VOICES:
                add("loaded_own_per_1000_words", i, h.span.start)
        for m in a.hedges:
            add("hedge_per_1000_words", i, m.span.start)
        for x in a.assertions:
            add("assertion_n", i, x.sentence.start)
            if x.unsourced:
                add("unsourced_assertion_share", i, x.sentence.start)
    # Independence loses points for the claims that rest on state media: link to those.
    places["state_media_independence"] = places["state_media_attribution_share"]
    return {metric: [refs.ref(a, o) for a, o in found] for metric, found in places.items() if found}


def state_claims(members, refs: SentenceIndex) -> list[ClaimRow]:
    """Every claim of the group resting on state media, in article order, with its
    corroborator: the report lists them all, claim by claim."""
    rows = []
    for index, analysis in members:
        for c in state_media_claims(analysis.attributions, analysis.figures):
            claim, other = c.claim, c.corroborator
            rows.append(
                ClaimRow(
                    ref=refs.ref(index, claim.sentence.start),
                    speaker=claim.speaker.entity if claim.speaker else "",
                    reliance=c.reliance,
                    text=claim.reported_text or claim.sentence.text,
                    corroborator=c.corroborator_name,
                    corroborator_ref=refs.ref(index, other.sentence.start) if other else None,
                    match=c.match,
                )
            )
    return rows
