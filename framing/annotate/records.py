"""Typed records the pipeline components produce, one per piece of evidence.

Components write these to Doc extension attributes (``doc._.attributions`` and friends) next to
labelled spans in ``doc.spans``. Offsets are character offsets into the Doc's text; the
analysis layer maps them back to the user's original text (see :mod:`framing.read.cleaning`).
Records are plain frozen dataclasses so the feature step stays a pure function of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class TextSpan:
    """A stretch of text: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, span) -> TextSpan:
        """From a spaCy Span (or Token)."""
        if hasattr(span, "start_char"):
            return cls(span.start_char, span.end_char, span.text)
        return cls(span.idx, span.idx + len(span.text), span.text)


def outside_gaps(
    start: int, end: int, gaps: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces at the gaps that lie inside it: a content of two
    quotes without the writer's words between them (``"A," he said. "B."``). A gap that does
    not lie strictly inside, or overlaps one already cut, cuts nothing."""
    pieces, piece_start = [], start
    for gap_start, gap_end in sorted(gaps):
        if start < gap_start and gap_end < end and gap_start >= piece_start:
            pieces.append((piece_start, gap_start))
            piece_start = gap_end
    pieces.append((piece_start, end))
    return pieces


@dataclass(frozen=True)
class Source:
    """Who a claim is attributed to, resolved to an entity and typed."""

    span: TextSpan
    entity: str  # canonical name: the full name resolved from pronouns and short mentions
    source_type: str  # state_media, government, military, intelligence, expert, ...
    named: bool  # False for unnamed sources: "officials said", "analysts say"
    entry_id: str | None = None  # the lexicon entry that typed it, if any
    # A state organ that speaks only through its state's media (North Korea's leader, its
    # ministries): set from ``state_organ`` entries of lexicons/sources.yaml.
    state_organ: bool = False


#: Kinds whose source is evidence, not a speaker: images someone released ("images released by
#: KCNA showed": ``visual``, the releaser is the channel) and a document's findings ("the poll
#: shows", "Saturday's report confirms": ``finding``, the document is the channel). They count
#: toward provenance (state-media reliance), not toward speakers (named and anonymous shares,
#: distinct sources, source mix).
EVIDENCE_KINDS = frozenset({"visual", "finding"})

#: How an attribution was found: ``lexicon`` (a reporting-verb entry, or the colon and dash
#: rules), ``learned`` (a cue only the learned cue detector knows, or, with ``--accurate``, a
#: cue only the trained labeller of framing.annotate.attribution.labeller finds), ``inferred`` (a
# floating
#: quote: a quotation with no cue in its sentence, credited to the speaker of the nearest
#: attribution before it in the same or the previous paragraph).
INFERRED = "inferred"
FOUND_BY = ("lexicon", "learned", INFERRED)


@dataclass(frozen=True)
class Attribution:
    """One attributed claim: who (speaker), how (cue), what (content), via whom (channel)."""

    # direct_quote | indirect | according_to | told | quoted_as_saying | reported | colon
    # | visual | finding (see EVIDENCE_KINDS: these have no speaker)
    kind: str
    sentence: TextSpan
    cue: TextSpan | None
    cue_lemma: str | None
    stance: str | None  # neutral | distancing | endorsing | characterising
    stance_entry_id: str | None
    speaker: Source | None
    content: TextSpan | None
    channel: Source | None = None  # the outlet that carried it: "..., KCNA reported"
    relay: Source | None = None  # who passed it on: "Yonhap reported, citing KCNA"
    is_direct: bool = False  # content is inside quote marks
    # How it was found (see FOUND_BY): a reporting-verb entry of the lexicon or a punctuation
    # rule, the learned cue detector, or inferred (a floating quote credited to the speaker of
    # the nearest attribution before it).
    found_by: str = "lexicon"
    # The writer's words inside the content, when it is two quotes around the cue
    # (`"A," he said. "B."`: ``he said.``): the content is the quotes, not these words.
    content_gap: TextSpan | None = None

    def sources(self) -> list[Source]:
        return [s for s in (self.speaker, self.channel, self.relay) if s is not None]

    @property
    def reported_text(self) -> str | None:
        """The content's words, without the writer's words inside it (``content_gap``):
        ``"We won," … "They lost."``."""
        content, gap = self.content, self.content_gap
        if content is None or gap is None:
            return content.text if content is not None else None
        before = content.text[: gap.start - content.start].rstrip()
        after = content.text[gap.end - content.start :].lstrip()
        return f"{before} \u2026 {after}"

    @property
    def inferred(self) -> bool:
        """A floating quote: no cue of its own, credited to the speaker before it."""
        return self.found_by == INFERRED

    @property
    def is_evidence(self) -> bool:
        """Images or a document, not someone speaking (see :data:`EVIDENCE_KINDS`)."""
        return self.kind in EVIDENCE_KINDS

    def to_dict(self) -> dict:
        return asdict(self)


def distinct_sources(attributions) -> set[str]:
    """The entities credited with speech (speaker, channel, relay), lowercased, once each.

    Evidence (``visual``, ``finding``) is left out: "images released by KCNA showed" adds a
    provenance link, not a source a reader would count.
    """
    return {
        source.entity.lower()
        for attribution in attributions
        if not attribution.is_evidence
        for source in attribution.sources()
    }


@dataclass(frozen=True)
class Quote:
    """A stretch inside quote marks, whether or not anyone is credited with it."""

    span: TextSpan  # the content, without the marks
    closed: bool  # False when the closing mark never came (counted, tolerated)
    scare: bool  # a single word or short phrase set off in quotes, not a statement


@dataclass(frozen=True)
class VoiceSpan:
    """A stretch of text that is not the outlet's narration, and why (framing.annotate.voice): a
    quote (voice ``quoted``) or what a source is reported to have said (voice ``paraphrase``)."""

    span: TextSpan  # a quote's content without its marks, or an attribution's reported clause
    voice: str  # quoted | paraphrase; narration for a scare quote (the outlet's words, set off)
    kind: str  # speech | fragment | name | scare | reader_comment (a quote) | indirect (paraphrase)
    speaker: str | None  # the entity credited with the words, if any
    reason: str  # how it was read: "credited to Kim Jong-un: its sentence credits them"


@dataclass(frozen=True)
class TermHit:
    """A loaded-term hit and the voice it is in."""

    span: TextSpan
    entry_id: str
    term: str
    category: str
    weight: float
    voice: str  # narration | quoted | paraphrase (framing.annotate.voice)
    sentence: TextSpan
    # Why a scare quote was judged one (or, for a hit inside a quote, how the quote was read):
    # "scare quote: no source credited in this or the neighbouring sentences".
    reason: str | None = None


@dataclass(frozen=True)
class Mention:
    """A lexicon mention that needs no parse: a state-media outlet or a hedge."""

    span: TextSpan
    entry_id: str
    name: str  # the entry's canonical term
    category: str
    sentence: TextSpan
    country: str | None = None


@dataclass(frozen=True)
class ActorMention:
    """A named actor (person, organisation, place) and the words before its name that
    describe it: ``leader`` in ``leader Kim Jong Un``, ``Communist dictator`` in
    ``Communist dictator Kim Jong-un``."""

    span: TextSpan  # the name as written
    actor: str  # normalised, resolved to the article's full name ("Kim" -> "kim jong un")
    label: str  # PERSON | ORG | GPE | LOC | NORP
    title: TextSpan | None  # the title or epithet right before the name, if any
    sentence: TextSpan
    voice: str = "narration"  # of the title, else of the name (framing.annotate.voice)


@dataclass(frozen=True)
class EventLabel:
    """How an article names an event: ``Russia's war against Ukraine``, ``the conflict``."""

    span: TextSpan
    entry_id: str  # the event_labels lexicon entry
    label: str  # the entry's canonical term
    category: str
    sentence: TextSpan
    voice: str = "narration"  # narration | quoted | paraphrase (framing.annotate.voice)


@dataclass(frozen=True)
class Figure:
    """A number the article states, what it counts, and who it is attributed to (if anyone)."""

    span: TextSpan  # the number as written: "about 600", "15,000", "$1.13bn"
    kind: str  # count | money | percent | quantity | duration ("three months") | date
    counts: str | None  # the word it counts: "troops", "killed"; None if unclear
    sentence: TextSpan
    source: Source | None = None  # the speaker (or channel) of the attribution covering it
    cue_lemma: str | None = None  # that attribution's cue: "say", "according to"

    @property
    def attributed(self) -> bool:
        return self.source is not None


@dataclass(frozen=True)
class Assertion:
    """A factual assertion in the outlet's narration (framing.annotate.assertions): a sentence
    stating a
    figure or an event claim, and whether an attribution in its sentence or paragraph vouches
    for it."""

    sentence: TextSpan
    kind: str  # figure | event
    evidence: TextSpan  # the figure as written, or the event's main verb
    actor: TextSpan | None  # an event's named subject ("North Korea" in "North Korea sent")
    sourced_by: str  # "sentence" or "paragraph" (where the attribution is), "" when unsourced

    @property
    def unsourced(self) -> bool:
        return not self.sourced_by
