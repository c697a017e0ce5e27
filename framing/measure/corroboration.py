"""Corroboration of state-media claims, claim by claim. Pure: records in, records out.

A claim that rests on state media (see :func:`framing.measure.features.state_media_reliance`) is
corroborated when the same article credits the same figure, or content that overlaps it, to an
independent non-state source. "Independent" rules out what only repeats the claim:

- the claim's own speaker, or any source in its chain (Kim, KCNA);
- anything that itself rests on state media (a relay of the same state outlet: "Yonhap,
  citing KCNA"; another of Kim's statements);
- a report about the same statement: a news medium (wire, outlet, state media) reporting it,
  or evidence such as "Saturday's report confirms" or "images showed" (``visual`` and
  ``finding`` attributions);
- a source the article does not identify at all (source type ``unknown``: "this marked",
  "some estimates"), since nothing says it is independent;
- a source whose content is the claim's own text (overlapping spans of one sentence).

Two ways to match, both stated in the report:

- the same figure: a number (not a date) inside the claim's content is inside the
  corroborator's content too ("about 600" and "600" match; "nine" and "nine" match);
- overlapping content: at least :data:`OVERLAP_THRESHOLD` of the claim's content words (stop
  words left out, words compared on their first :data:`STEM_CHARS` letters) are in the
  corroborator's content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from framing.annotate.records import Attribution, Figure, TextSpan

#: Share of a claim's content words that must be in the other source's content.
OVERLAP_THRESHOLD = 0.6
#: A claim needs this many content words before overlap can corroborate it (a two-word claim
#: overlaps with anything about the same place).
MIN_CONTENT_WORDS = 4
#: Words are compared on their first letters, so "deployed" and "deployment" meet.
STEM_CHARS = 6
#: Source types that report statements rather than make them, and the type of a source the
#: article does not identify: neither can corroborate independently.
NOT_INDEPENDENT_TYPES = frozenset({"state_media", "wire_agency", "media_outlet", "unknown"})

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Corroboration:
    """One claim resting on state media and what corroborates it (None: nothing does)."""

    claim: Attribution
    reliance: str  # direct | chain | state_organ (features.RELIANCE_REASONS)
    corroborator: Attribution | None
    match: str  # "same figure 600" | "overlap 0.67" | "" when not corroborated

    @property
    def corroborator_name(self) -> str:
        """Who corroborates, as the report lists it; "none" when nobody does."""
        if self.corroborator is None or self.corroborator.speaker is None:
            return "none"
        return self.corroborator.speaker.entity


def figure_key(text: str) -> str:
    """A figure's number, comparable across wordings: "about 600" -> "600", "15,000" ->
    "15000", "at least nine" -> "nine"."""
    digits = _DIGITS.findall(text)
    if digits:
        return digits[-1].replace(",", "")
    words = _WORD.findall(text.lower())
    return words[-1] if words else text.strip().lower()


def content_words(text: str) -> frozenset[str]:
    """Lowercase words that are not stop words (spaCy's English list), cut to STEM_CHARS."""
    return frozenset(
        w[:STEM_CHARS] for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 2
    )


def _claim_text(attribution: Attribution) -> TextSpan:
    return attribution.content or attribution.sentence


def _claim_words(attribution: Attribution) -> frozenset[str]:
    """The content words of what a source is credited with: its content without the writer's
    words inside it (``"A," KCNA reported. "B."``), or its sentence when it has none."""
    return content_words(attribution.reported_text or attribution.sentence.text)


def _figures_in(span: TextSpan, figures: Sequence[Figure]) -> set[str]:
    return {
        figure_key(f.span.text)
        for f in figures
        if f.kind != "date" and span.start <= f.span.start and f.span.end <= span.end
    }


def is_independent_of(candidate: Attribution, claim: Attribution) -> bool:
    """Whether ``candidate`` (which does not rest on state media) is a source independent of
    ``claim``: identified, not a news medium or evidence, not the claim's speaker or chain."""
    speaker = candidate.speaker
    if speaker is None or candidate.is_evidence:
        return False
    if speaker.source_type in NOT_INDEPENDENT_TYPES:
        return False
    chain = {s.entity.lower() for s in claim.sources()}
    return not chain & {s.entity.lower() for s in candidate.sources()}


def _match(claim: Attribution, candidate: Attribution, figures: Sequence[Figure]) -> str:
    claim_span, other_span = _claim_text(claim), _claim_text(candidate)
    if claim_span.start < other_span.end and other_span.start < claim_span.end:
        return ""  # the same words cannot corroborate themselves
    shared = _figures_in(claim_span, figures) & _figures_in(other_span, figures)
    if shared:
        return f"same figure {sorted(shared)[0]}"
    words = _claim_words(claim)
    if len(words) < MIN_CONTENT_WORDS:
        return ""
    overlap = len(words & _claim_words(candidate)) / len(words)
    return f"overlap {overlap:.2f}" if overlap >= OVERLAP_THRESHOLD else ""


def corroborations(
    attributions: Sequence[Attribution],
    figures: Sequence[Figure],
    reliance: Sequence[str | None],
) -> list[Corroboration]:
    """Each attribution resting on state media (``reliance`` from
    :func:`framing.measure.features.state_media_reliance`, in the same order) with its first
    independent corroborator in the article, or None."""
    independent = [a for a, how in zip(attributions, reliance, strict=True) if how is None]
    result = []
    for claim, how in zip(attributions, reliance, strict=True):
        if not how:
            continue
        found, match = None, ""
        for candidate in independent:
            if is_independent_of(candidate, claim):
                match = _match(claim, candidate, figures)
                if match:
                    found = candidate
                    break
        result.append(Corroboration(claim, how, found, match))
    return result
