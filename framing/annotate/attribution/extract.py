"""Attribution: who said what, how the outlet reports it, and through which channel.

In: a Doc, parsed or not. Out: :class:`AttributionExtractor` writes ``doc._.quotes``,
``doc._.attributions`` (:class:`framing.annotate.records.Attribution`) and the span groups
``quote``, ``speaker``, ``cue``, ``content`` and ``channel``
(:mod:`framing.annotate.attribution.output` says what each holds).

This module is the whole-Doc entry point; each step is a module of this package, in the order
they run:

1. which words are cues: the reporting-verb lexicon and the learned cue detector
   (:mod:`~framing.annotate.attribution.cues`); a cue inside a non-speech use (``signed``) is
   dropped (:mod:`~framing.annotate.attribution.non_speech`);
2. one cue, one draft: its speaker, content and kind, from the parse or the surface
   (:mod:`~framing.annotate.attribution.from_cue`, with
   :mod:`~framing.annotate.attribution.speakers` and
   :mod:`~framing.annotate.attribution.contents`), then the colon and dash cues
   (:mod:`~framing.annotate.attribution.punctuation`);
3. the drafts linked: chains, channels and relays (:mod:`~framing.annotate.attribution.chains`),
   images and documents (:mod:`~framing.annotate.attribution.evidence`);
4. drafts → records and span groups (:mod:`~framing.annotate.attribution.output`), floating
   quotes included; then the chains only the whole article shows
   (:mod:`~framing.annotate.attribution.provenance`).

Accuracy on PolNeAR dev (Newell, Margolin & Ruths, LREC 2018; overlap >= 0.5, see
:mod:`framing.evaluation.brat`): cue F1 0.738, source 0.749, content 0.650 with the trained
pipeline and the learned cue detector (0.660 / 0.703 / 0.622 with the lexicon alone);
0.629 / 0.579 / 0.570 on a blank one, where the detector is not used.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

import framing.annotate.doc_extensions  # noqa: F401 - registers doc._.attributions and friends
from framing.annotate.attribution.chains import (
    apply_channel_phrases,
    channel_phrases,
    cut_contents_at_according_to,
    cut_contents_at_credited_quotes,
    link_chains,
)
from framing.annotate.attribution.context import DocContext
from framing.annotate.attribution.cue_model import CueModel, reporting_lexicon
from framing.annotate.attribution.cues import (
    COLON_ENTRY_ID,
    DASH_ENTRY_ID,
    LEARNED_CUE_ID,
    LEXICON_NAME,
    cue_entries,
    default_cue_model,
    with_learned_cues,
)
from framing.annotate.attribution.evidence import type_evidence
from framing.annotate.attribution.from_cue import draft_of
from framing.annotate.attribution.output import records_and_spans
from framing.annotate.attribution.provenance import trace_state_organs
from framing.annotate.attribution.punctuation import punctuation_drafts
from framing.annotate.attribution.spans import labelled
from framing.annotate.attribution.speakers import MEDIA_TYPES
from framing.annotate.doc_extensions import doc_text
from framing.annotate.quotes import find_quotes, markup_values
from framing.annotate.records import Attribution, Source
from framing.annotate.source_words import EVIDENCE_TYPES
from framing.annotate.sources import SourceResolver
from framing.lexicon.load import Entry, Lexicons
from framing.lexicon.matching import EntryMatcher

#: Channel verbs (``published by``) and non-speech uses of cue verbs (``signed``).
PROVENANCE_LEXICON = "provenance"


class AttributionExtractor:
    """Finds attributions in a Doc. Built once with the pipeline and lexicons, applied to many."""

    def __init__(
        self, nlp: Language, lexicons: Lexicons, *, cue_model: CueModel | None | str = "default"
    ):
        self.cue_matcher = EntryMatcher(nlp, cue_entries(lexicons), source=LEXICON_NAME)
        enabled = {e.id: e for e in lexicons[LEXICON_NAME]}
        self.colon_entry = enabled.get(COLON_ENTRY_ID)
        self.dash_entry = enabled.get(DASH_ENTRY_ID)
        self.resolver = SourceResolver(nlp, lexicons)
        # Image and document words ("footage", "report") may head a speaker noun phrase right
        # before the cue ("the footage showed"), never sit inside one ("footage of Trump
        # saying" is Trump's quote): they are kept apart from the other source words.
        self.evidence_words = {
            word
            for entry in lexicons["sources"]
            if entry.category in EVIDENCE_TYPES
            for phrase in entry.phrases
            if phrase[:1].islower()
            for word in phrase.split()
        }
        self.source_words = {
            w for phrase in self.resolver.common_nouns for w in phrase.split()
        } - self.evidence_words
        # The learned detector reads the parse; a pipeline without a parser never needs it.
        if cue_model == "default":
            cue_model = default_cue_model(has_parser="parser" in nlp.pipe_names)
        self.cue_model = cue_model
        self.cue_lexicon = reporting_lexicon(lexicons)
        provenance = lexicons[PROVENANCE_LEXICON]
        self.channel_verbs = EntryMatcher(
            nlp, [e for e in provenance if e.category == "channel"], source=PROVENANCE_LEXICON
        )
        self.non_speech = EntryMatcher(
            nlp, [e for e in provenance if e.category == "non_speech"], source=PROVENANCE_LEXICON
        )
        self._learned_entries: dict[str, Entry] = {}
        # Switch off to score only the cues that found a speaker or content (an ablation:
        # writing them gained 0.024 cue F1 on held-out PolNeAR train).
        self.keep_orphan_cues = True
        # The trained labeller of the accurate mode (framing.annotate.attribution.labeller),
        # stacked on what the rules find: when set, its spans replace the rules' (its relabel).
        self.labeller = None

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        quotes = find_quotes(doc, text=text)
        doc._.quotes = quotes
        context = DocContext(doc, quotes, text)
        hits = self.cue_matcher(doc)
        confident: set[int] = set()
        if self.cue_model is not None and context.parsed:
            hits, confident = with_learned_cues(
                context, hits, self.cue_model, self.cue_lexicon, self._learned_entry
            )
        drafts = []
        orphans = []
        non_speech = {i for h in self.non_speech(doc) for i in range(h.span.start, h.span.end)}
        markup = markup_values(text)
        for hit in hits:
            if markup and _inside(doc[hit.span.start].idx, markup):
                continue  # a markup attribute's value is not the article's prose at all
            # "Kim and Putin signed", "acknowledging a regiment": an act, not words.
            draft = None
            if hit.span.start not in non_speech:
                draft = draft_of(
                    context, hit, self.source_words, self.evidence_words, self.cue_lexicon
                )
            if draft is not None:
                drafts.append(draft)
            elif hit.span.start in confident and self.keep_orphan_cues:
                # The detector is sure this is a cue, but the rules found neither speaker
                # nor content: the cue is still written, without an attribution.
                orphans.append(hit)
        drafts += punctuation_drafts(context, drafts, self.colon_entry, self.dash_entry)
        drafts.sort(key=lambda d: d.cue.start)
        cut_contents_at_according_to(drafts)
        cut_contents_at_credited_quotes(context, drafts)
        type_hits = self.resolver.type_hits(doc)
        channel_hits = self.channel_verbs(doc)
        phrases = channel_phrases(context, channel_hits, self.source_words)
        releases = {hit.span.start for hit in channel_hits}
        type_evidence(context, drafts, type_hits, phrases, releases, self.resolver)
        link_chains(drafts, lambda span: self.resolver.type_of(span, type_hits)[0] in MEDIA_TYPES)
        apply_channel_phrases(context, drafts, phrases)
        attributions, spans = records_and_spans(doc, drafts, context, type_hits, self.resolver)
        attributions = trace_state_organs(attributions)
        if orphans:
            spans["cue"] = sorted(
                spans["cue"]
                + [labelled(hit.span, hit.entry.category, hit.entry.id) for hit in orphans],
                key=lambda span: span.start,
            )
        doc._.attributions = attributions
        for key, group in spans.items():
            doc.spans[key] = group
        if self.labeller is not None and context.parsed:
            from framing.annotate.attribution.labeller import relabel

            relabel(doc, self, self.labeller)
        return doc

    def _learned_entry(self, lemma: str) -> Entry:
        """A stand-in entry for a learned cue: no stance, since no lexicon line judged it."""
        entry = self._learned_entries.get(lemma)
        if entry is None:
            entry = Entry(
                id=LEARNED_CUE_ID,
                term=lemma,
                category="",
                note="A cue found by the learned detector (framing/data/cue_model.json).",
                provenance="learned",
            )
            self._learned_entries[lemma] = entry
        return entry


def attribution_sources(attributions: Sequence[Attribution]) -> dict[str, list[Source]]:
    """Sources grouped by entity (the canonical name), for counting sources per entity."""
    grouped: dict[str, list[Source]] = {}
    for attribution in attributions:
        for source in attribution.sources():
            grouped.setdefault(source.entity, []).append(source)
    return grouped


__all__ = ["AttributionExtractor", "attribution_sources"]


def _inside(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)
