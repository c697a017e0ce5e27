"""Attribution: who said what, how the outlet reports it, and through which channel.

:class:`AttributionExtractor` finds attributed claims in a Doc and writes
``doc._.quotes``, ``doc._.attributions`` (:class:`framing.records.Attribution`) and the span
groups ``quote`` (label = direct | scare | title | unattributed), ``speaker`` (label = source
type), ``cue`` (label = stance, span id = reporting-verb entry id), ``content`` (label = kind,
or ``position`` for a learned cue's)
and ``channel`` (label = source type).

A claim is found from its **cue**: a reporting verb or phrase of ``lexicons/reporting_verbs.yaml``
(``said``, ``according to``, ``claimed``, ``believes``...), a colon after a speaker
(``Kim: "..."``, transcript turns ``PENCE: Well, ...``) or a dash signing a quote
(``"..." ― Kim``). With a dependency parse the learned cue detector of
:mod:`framing.cue_model` (trained on PolNeAR train) decides which words are cues: it adds the
ones the lexicon lacks (``wants``, ``voted for``, ``statement``; no stance, entry id
``cue.learned``), drops neutral lexicon hits it scores as no cue, and widens a cue the way
PolNeAR marks it (``has not said``, ``said in a statement``). A cue it is sure of is written to
``doc.spans["cue"]`` even when no speaker or content is found. A learned cue credits a
position, not words, so its attribution has no ``content`` record (loaded words there stay the
outlet's), though the span is written. For each cue we look for a
**speaker** and a **content**:

- with a dependency parse, the speaker is the cue verb's subject (climbing to the governing
  verb for ``..., adding that`` and ``was quoted as saying``) with its appositive and relative
  clause, and the content its clausal complement, its object, or the clause it interrupts
  (``X happened, Kim said``); a cue verb that reports nothing is dropped (``Clinton called
  Machado``, ``a group called X``, ``needs to tell the truth``, ``show up``);
- without one (``spacy.blank`` or ``--fast``), surface patterns stand in: the noun phrase just
  before the cue (with an appositive set off by commas), or just after it when inverted after
  a comma or quote (``"...," said Kim``), and the part of the sentence on the other side of the
  cue (``X said that ...`` / ``..., X said.``).

In both modes a direct quote next to the cue (``"...," Kim said`` / ``Kim said: "..."``) is the
content, joined with the quote that carries on right after the cue (``"A," he said. "B."``).
Following textacy's direct-quotation rules, a cue inside a quote is the quoted speaker's, not
the outlet's, and is skipped; a scare quote or a quoted title is never content.

**Chains**: when the content of an ``according to`` or of a cue whose speaker is a news outlet
holds another attribution (``Kim said ..., KCNA reported``), the outlet becomes that
attribution's ``channel`` and its own cue stays in ``doc.spans["cue"]``; ``Yonhap reported,
citing KCNA`` makes Yonhap the ``relay`` and KCNA the ``channel`` (no speaker: the words
are KCNA's report, passed on). A channel verb of ``lexicons/provenance.yaml`` with its ``by``
agent (``in a speech carried by state media``, ``the letter published by Voice of Korea``,
``quoted in Ukrinform``) names the channel of the attribution in its sentence; a sentence with
no attribution of its own (``The remarks were in a speech published by the Foreign
Ministry``) lends it to the attributions of its paragraph. :mod:`framing.provenance` then
gives a state organ's words (``Source.state_organ``) the state-media channel the article
credits elsewhere, and turns a non-state channel of such words into the relay.

**Evidence**: a speaker whose head is an image word of ``lexicons/sources.yaml`` (``Images
released by KCNA showed``, ``KCTV footage``), an outlet that ``showed`` something, or ``They``
right after such a sentence make an attribution of kind ``visual``: no speaker, the releaser
as channel. A document (``Saturday's report confirms``, ``the poll shows``) makes a
``finding``, the document as channel. Both count toward provenance, not toward speakers.

**Words, not acts**: a cue inside a ``non_speech`` hit of ``lexicons/provenance.yaml``
(``signed``, ``acknowledging a regiment``, ``, referring to``, ``found itself``, ``can
expect``) is no attribution. A relation PolNeAR marks but that credits no words is written to
the span groups only, with no :class:`framing.records.Attribution`: a learned cue with neither
a quote nor a clause of its own (``welcomed the soldiers home``, ``escalated its support``), a
bare demonstrative as speaker (``This marked ...``), ``seem``/``appear`` describing a look
(``appeared injured``). The span groups are what PolNeAR is scored on; the records are what
the sourcing figures count.

Accuracy on PolNeAR dev (Newell, Margolin & Ruths, LREC 2018; overlap >= 0.5, see
:mod:`framing.evaluation.brat`): cue F1 0.738, source 0.749, content 0.650 with the trained
pipeline and the learned cue detector (0.660 / 0.703 / 0.622 with the lexicon alone);
0.629 / 0.579 / 0.570 on a blank one, where the detector is not used.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import framing.doc_extensions  # noqa: F401 - registers doc._.attributions and friends
from framing.cue_model import DEFAULT_MODEL_PATH, CueModel, quoted_mask, reporting_lexicon
from framing.doc_extensions import doc_text
from framing.lexicons import Entry, Lexicons
from framing.matching import EntryMatcher, Hit
from framing.provenance import trace_state_organs
from framing.quotes import find_quotes, looks_like_title
from framing.records import EVIDENCE_KINDS, INFERRED, Attribution, Quote, Source, TextSpan
from framing.sentences import sentence_bounds
from framing.sources import DOCUMENT_TYPE, EVIDENCE_TYPES, VISUAL_TYPE, SourceResolver

LEXICON_NAME = "reporting_verbs"
#: Channel verbs (``published by``) and non-speech uses of cue verbs (``signed``).
PROVENANCE_LEXICON = "provenance"
SHOW_ENTRY_ID = "cue.show"
COLON_ENTRY_ID = "cue.colon"
DASH_ENTRY_ID = "cue.dash"
PUNCTUATION_CUE_IDS = frozenset({COLON_ENTRY_ID, DASH_ENTRY_ID})
ACCORDING_TO_IDS = frozenset({"cue.according_to", "cue.as_per"})
CITING_ENTRY_ID = "cue.cite"
QUOTED_AS_SAYING_ID = "cue.quoted_as_saying"
MEDIA_TYPES = frozenset({"state_media", "wire_agency", "media_outlet"})
#: The entry id of a cue found by the learned detector on a word the lexicon does not list.
LEARNED_CUE_ID = "cue.learned"
#: Entries whose cue span the rules read as it is ("according to X", "citing X").
_FIXED_SHAPE_IDS = ACCORDING_TO_IDS | {CITING_ENTRY_ID, QUOTED_AS_SAYING_ID}

#: Verbs whose object is the addressee, not the content ("told reporters that ...").
ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "warn", "urge", "assure", "remind"})

#: "It seems", "there appears to be": with these verbs a dummy subject credits no one.
DUMMY_SUBJECTS = frozenset({"it", "there"})
#: "This marked one of North Korea's deployments": a demonstrative subject credits no one.
DEMONSTRATIVE_SUBJECTS = frozenset({"this", "that", "these", "those"})
#: A clause with its own subject is a proposition someone is credited with ("he feels that the
#: war is won"); a learned cue with only an object ("signed a pact") credits an act.
_CLAUSE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
IMPERSONAL_VERBS = frozenset({"seem", "appear"})
IMPERSONAL_FORMS = frozenset("seems seemed appears appeared seeming appearing".split())
NON_REPORTING_PARTICLES = frozenset("up off down back in away".split())
OBJECT_PREPOSITIONS = frozenset("of for as about over with against into".split())
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "pcomp"})
#: A participle cue hangs off the verb whose subject speaks: "..., adding that", "saying".
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "prep"})
#: Between a quote and its cue only the speaker may stand: `"...," Kim Jong Un said`.
MAX_SPEAKER_TOKENS = 10
#: An appositive after a name ("a spokesman for the ministry") is at most this long.
MAX_APPOSITIVE_TOKENS = 15
_APPOSITIVE_OPENERS = frozenset("a an the his her its their one who".split())
#: A parsed speaker with its appositive may be longer ("Victor Cha, a Korea scholar at ...").
MAX_MENTION_TOKENS = 25

#: Words that may stand between a speaker and the cue verb: "Kim also said", "he has said".
_SKIPPABLE_BEFORE_CUE = frozenset(
    "also has have had was were is are later previously reportedly repeatedly further then "
    "once again recently earlier publicly privately would will had has not never only "
    "first quickly".split()
)
#: Lowercase words that may sit inside a speaker noun phrase when there is no tagger.
_NP_WORDS = frozenset(
    "the a an his her its their our this these those another one some many several "
    "two three four five senior former top local military intelligence government defense "
    "defence foreign state news agency media spy anonymous other unnamed ruling opposition "
    "presidential official chief deputy vice prime us u.s. 's ’s - of".split()
)
#: Characters that can be a cue by themselves, found by regex rather than a walk over tokens.
_PUNCTUATION_CUE = re.compile("[:\u2015\u2014\u2013]")
QUOTE_CHARS = frozenset("\"\u201c\u201d\u00bb'\u2019")
DASHES = frozenset({"\u2015", "\u2014", "\u2013"})
_DETERMINER_WORDS = frozenset("the a an this his her its their our my your".split())
#: Words that start a clause, not a speaker: "that they wrote", "and officials said".
_CLAUSE_OPENERS = frozenset("of - 's ’s and but as because while when if that so".split())
_PRONOUNS = frozenset("he she they it we i you who which".split())
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\n\s*\n"
)


@dataclass
class _Draft:
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
    merged_into: _Draft | None = None
    # False for a relation PolNeAR marks but that credits no words to anyone (a learned cue
    # with only an object, "This marked"): its spans are written, no Attribution record.
    credits_words: bool = True


def cue_entries(lexicons: Lexicons) -> list[Entry]:
    """The enabled reporting-verb entries the cue matcher compiles. Punctuation cues (":" and
    "―") are left out: they only count in their own shapes, found by the extractor itself."""
    return [
        e for e in lexicons[LEXICON_NAME] if e.enabled and e.id not in PUNCTUATION_CUE_IDS
    ]


def default_cue_model(has_parser: bool) -> CueModel | None:
    """The shipped learned cue detector; it reads the parse, so a pipeline without a parser
    never needs it."""
    return CueModel.load() if has_parser and DEFAULT_MODEL_PATH.exists() else None


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
        # The trained labeller of the accurate mode (framing.attribution_model), stacked on
        # what the rules find: when set, its spans replace the rules' (see its relabel).
        self.labeller = None

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        quotes = find_quotes(doc, text=text)
        doc._.quotes = quotes
        context = _DocContext(doc, quotes, text)
        hits = self.cue_matcher(doc)
        confident: set[int] = set()
        if self.cue_model is not None and context.parsed:
            hits, confident = self._with_learned_cues(context, hits)
        drafts = []
        orphans = []
        non_speech = {i for h in self.non_speech(doc) for i in range(h.span.start, h.span.end)}
        for hit in hits:
            # "Kim and Putin signed", "acknowledging a regiment": an act, not words.
            draft = None if hit.span.start in non_speech else self._draft(context, hit)
            if draft is not None:
                drafts.append(draft)
            elif hit.span.start in confident and self.keep_orphan_cues:
                # The detector is sure this is a cue, but the rules found neither speaker
                # nor content: the cue is still written, without an attribution.
                orphans.append(hit)
        drafts += self._punctuation_drafts(context, drafts)
        drafts.sort(key=lambda d: d.cue.start)
        _cut_contents_at_according_to(drafts)
        type_hits = self.resolver.type_hits(doc)
        channel_hits = self.channel_verbs(doc)
        phrases = self._channel_phrases(context, channel_hits)
        releases = {hit.span.start for hit in channel_hits}
        self._type_evidence(context, drafts, type_hits, phrases, releases)
        _link_chains(drafts, lambda span: self.resolver.type_of(span, type_hits)[0] in MEDIA_TYPES)
        _apply_channel_phrases(context, drafts, phrases)
        attributions, spans = self._records(doc, drafts, context, type_hits)
        attributions = trace_state_organs(attributions)
        if orphans:
            spans["cue"] = sorted(
                spans["cue"]
                + [_labelled(hit.span, hit.entry.category, hit.entry.id) for hit in orphans],
                key=lambda span: span.start,
            )
        doc._.attributions = attributions
        for key, group in spans.items():
            doc.spans[key] = group
        if self.labeller is not None and context.parsed:
            from framing.attribution_model import relabel

            relabel(doc, self, self.labeller)
        return doc

    def _with_learned_cues(
        self, context: _DocContext, hits: list[Hit]
    ) -> tuple[list[Hit], set[int]]:
        """The cues the learned detector keeps, with the lexicon entry where one matches.

        The detector decides which words are cues: a neutral lexicon hit it scores below its
        threshold is dropped (``a group called X``, ``the report``), and a word it keeps that
        no entry lists becomes a cue of :data:`LEARNED_CUE_ID` with no stance. A kept lexicon
        hit takes the detector's wider span (``has not said``, ``said in a statement``) unless
        its entry has a shape the rules read (``according to``, a token pattern).

        Also returns the start of every kept cue whose head scored at or above the threshold:
        such a cue is written even when the rules find neither its speaker nor its content.
        """
        doc = context.doc
        mask = quoted_mask(doc, ((q.span.start, q.span.end) for q in context.speech_quotes))
        model = self.cue_model
        scored = {
            head.i: (head, p)
            for head, p in model.heads(
                doc, mask, self.cue_lexicon, min(model.threshold, model.veto_threshold)
            )
        }
        heads = {i: head for i, (head, p) in scored.items() if p >= model.threshold}
        kept = []
        confident = set()
        taken: set[int] = set()
        for hit in hits:
            inside = [scored[i][0] for i in range(hit.span.start, hit.span.end) if i in scored]
            if (
                not inside
                and hit.entry.id not in _FIXED_SHAPE_IDS
                and hit.entry.category == "neutral"
                and not _misparsed_finite_cue(_cue_verb(hit.span))
            ):
                # The detector is sure this is no cue: "a group called X". A verb with a
                # stance stays, since its stance is what the outlet comparison counts (keeping
                # them cost 0.004 cue F1 on held-out PolNeAR train).
                continue
            span = hit.span
            if inside and hit.entry.pattern is None and hit.entry.id not in _FIXED_SHAPE_IDS:
                wider = self.cue_model.cue_span(inside[0])
                if wider.start <= span.start and span.end <= wider.end:
                    span = wider
            taken.update(range(span.start, span.end))
            kept.append(Hit(span, hit.entry))
            if any(head.i in heads for head in inside):
                confident.add(span.start)
        for index, head in heads.items():
            if index in taken:
                continue
            span = self.cue_model.cue_span(head)
            if any(i in taken for i in range(span.start, span.end)):
                span = doc[index : index + 1]
            taken.update(range(span.start, span.end))
            kept.append(Hit(span, self._learned_entry(head.lemma_.lower())))
            confident.add(span.start)
        return sorted(kept, key=lambda hit: hit.span.start), confident

    def _channel_phrases(self, context: _DocContext, hits: list[Hit]) -> list[tuple[Span, Span]]:
        """(channel verb, its agent) for each ``published by X``, ``carried ... by X``,
        ``released by X``, ``quoted in X`` of the Doc, read on the surface: a sentence holding
        one need not hold a cue, so it may not have been parsed (framing.selective)."""
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
            agent = _noun_phrase_after(doc, index, sentence.end, context, self.source_words)
            if agent is not None:
                found.append((hit.span, agent))
        return found

    def _type_evidence(self, context, drafts, type_hits, phrases, releases) -> None:
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
        previous_visual: _Draft | None = None
        for draft in drafts:
            if draft.speaker is None or draft.merged_into is not None:
                continue
            head_type = self.resolver.head_type(draft.speaker, type_hits)
            shows = draft.entry.id == SHOW_ENTRY_ID
            pronoun = len(draft.speaker) == 1 and draft.speaker[0].lower_ in _PRONOUNS
            if head_type == VISUAL_TYPE:
                draft.kind = "visual"
                draft.channel = self._released_by(draft.speaker, type_hits, phrases)
                if draft.channel is None and previous_visual is not None:
                    draft.channel = previous_visual.channel
            elif head_type == DOCUMENT_TYPE:
                draft.kind, draft.channel = "finding", draft.speaker
            elif shows and self.resolver.type_of(draft.speaker, type_hits)[0] in MEDIA_TYPES:
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

    def _released_by(self, mention: Span, type_hits, phrases) -> Span | None:
        """Who released the images a mention names: the agent of a channel verb inside it
        ("Images released by KCNA"), else an outlet named in it ("KCTV footage")."""
        for verb, agent in phrases:
            if mention.start <= verb.start and agent.end <= mention.end:
                return agent
        for start, end, source_type, _entry in type_hits:
            if mention.start <= start and end <= mention.end and source_type in MEDIA_TYPES:
                return mention.doc[start:end]
        return None

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

    # ---- one cue -> one draft -------------------------------------------------------------------

    def _draft(self, context: _DocContext, hit) -> _Draft | None:
        cue, entry = hit.span, hit.entry
        if entry.pattern is not None and len(cue) > 1:
            # A pattern that needs the word after the cue ("continued,", "wants to",
            # "thinks that"): the cue is the verb alone.
            cue = cue[:1]
        if context.in_quote(cue[0]):
            return None  # the quoted speaker's cue, not the outlet's attribution
        sentence = context.sentence(cue[0])
        if entry.id in ACCORDING_TO_IDS:
            return self._according_to(context, cue, entry, sentence)
        if entry.id == CITING_ENTRY_ID and cue[0].lower_ == "citing":
            cited = _noun_phrase_after(
                context.doc, cue.end, sentence.end, context, self.source_words
            )
            return _Draft("indirect", cue, entry, sentence, cited) if cited is not None else None
        # A selectively parsed Doc (framing.selective) has parsed and unparsed sentences: a
        # cue without a dependency label is read from the surface.
        if context.parsed and cue[0].has_dep():
            draft = self._from_parse(context, cue, entry, sentence)
        else:
            draft = self._from_surface(context, cue, entry, sentence)
        if draft is None or (draft.speaker is None and draft.content is None):
            return None
        draft.credits_words = self._credits_words(draft)
        return draft

    def _credits_words(self, draft: _Draft) -> bool:
        """Whether the relation credits someone with words or a view, so that it counts as an
        attribution in the sourcing figures, not only as a PolNeAR-style relation.

        PolNeAR marks positions, acts and silences as attributions too ("voted for", "signed",
        "has not revealed the number"); a reader counting who an outlet quotes does not. A
        negated cue with no clause of its own credits nothing. Three more cases: a learned
        cue (no lexicon entry) with no quote and no clause of its own ("signed a pact",
        "welcomed the soldiers home", "escalated its support"); a bare demonstrative as speaker
        ("This marked one of North Korea's deployments"); and "seem"/"appear" that describe a
        look ("appeared injured", "what appeared to be medals") rather than a view ("seemed to
        suggest", whose second verb is a reporting verb).
        """
        if draft.is_direct:
            return True
        speaker = draft.speaker
        if speaker is not None and len(speaker) == 1 and _is_demonstrative(speaker[0]):
            return False
        if draft.entry.id == LEARNED_CUE_ID and not (
            _is_clause(draft.content) or _characterises(draft.cue)
        ):
            return False
        if _negated(draft.cue) and not _is_clause(draft.content):
            # "The two countries have not revealed the exact number": nothing is credited.
            return False
        verb = draft.cue[0]
        if verb.lemma_.lower() in IMPERSONAL_VERBS or verb.lower_ in IMPERSONAL_FORMS:
            following = verb.doc[verb.i + 1 : verb.i + 3]
            return any(t.lower_ in self.cue_lexicon for t in following if t.lower_ != "to")
        return True

    def _according_to(self, context, cue: Span, entry: Entry, sentence: Span) -> _Draft | None:
        doc = context.doc
        speaker = _object_phrase(doc, cue, sentence)
        if speaker is None:
            return None
        # The content is the larger part of the sentence outside "according to X".
        before = _trim(doc[sentence.start : cue.start])
        after = _trim(doc[speaker.end : sentence.end])
        content = before if len(before) >= len(after) else after
        return _Draft("according_to", cue, entry, sentence, speaker, content or None)

    def _from_parse(self, context, cue: Span, entry: Entry, sentence: Span) -> _Draft | None:
        verb = _cue_verb(cue)
        if verb.pos_ not in ("VERB", "AUX") and entry.id != QUOTED_AS_SAYING_ID:
            return None  # "the report", "a note": nouns are not cues here
        if _is_bare_infinitive(verb):
            return None  # "needs to tell the truth": an intention, not a report
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            if _misparsed_finite_cue(verb):
                return self._from_surface(context, cue, entry, sentence)
            return None  # "a group called Ginbot 7", "a book called ...": naming, not speech
        if any(c.dep_ == "prt" and c.lower_ in NON_REPORTING_PARTICLES for c in verb.children):
            return None  # "show up", "call off", "back down": another verb altogether
        kind = _kind(entry, verb)
        speaker = _subject_of(verb)
        if (
            verb.lemma_ in IMPERSONAL_VERBS
            and speaker is not None
            and speaker[0].lower_ in DUMMY_SUBJECTS
        ):
            return None  # "it seems", "there appears": nobody is credited with anything
        quote = context.adjacent_quote(cue, sentence, speaker)
        own_content = _content_of(verb, cue, speaker)
        if (
            quote is not None
            and own_content is not None
            and not _overlaps(own_content, context.quote_span(quote))
        ):
            quote = None  # `X urged Y to do more. "..."`: the verb's own object is the content
        if quote is not None:
            content, is_direct = context.direct_content(quote, cue, sentence), True
        else:
            content, is_direct = own_content, False
            if content is None:
                return None  # a cue verb that reports nothing: "Clinton called Machado"
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        if speaker is None and quote is None and not passive:
            speaker = _surface_speaker(
                context, cue, sentence, self.source_words, self.evidence_words
            )
        if kind == "indirect" and is_direct:
            kind = "direct_quote"
        return _Draft(kind, cue, entry, sentence, speaker, content, is_direct, quote)

    def _from_surface(self, context, cue: Span, entry: Entry, sentence: Span) -> _Draft | None:
        doc = context.doc
        if not _surface_verb_use(cue, sentence):
            return None
        speaker = _surface_speaker(context, cue, sentence, self.source_words, self.evidence_words)
        quote = context.adjacent_quote(cue, sentence, speaker)
        if speaker is None and quote is None and not _finite_verb_form(cue[0]):
            return None  # neither a speaker nor a quote, and the word may well be a noun
        kind = _kind(entry, cue[0])
        if quote is not None:
            content, is_direct = context.direct_content(quote, cue, sentence), True
            kind = "direct_quote" if kind == "indirect" else kind
        else:
            content, is_direct = _surface_content(doc, cue, speaker, sentence), False
        return _Draft(kind, cue, entry, sentence, speaker, content, is_direct, quote)

    def _punctuation_drafts(self, context, drafts: Sequence[_Draft]) -> list[_Draft]:
        """``Kim: "We won."``, ``PENCE: Well, look...`` and ``"We won." ― Kim``."""
        taken = {i for d in drafts for i in range(d.cue.start - 1, d.cue.end + 1)}
        found = []
        for match in _PUNCTUATION_CUE.finditer(context.text):
            token = context.token_at(match.start())
            if token is None or token.i in taken:
                continue
            taken.add(token.i)
            if token.text == ":" and self.colon_entry is not None:
                draft = self._colon_draft(context, token)
            elif token.text[-1:] in DASHES and self.dash_entry is not None:
                draft = self._dash_draft(context, token)
            else:
                continue
            if draft is not None:
                found.append(draft)
        return found

    def _colon_draft(self, context, colon: Token) -> _Draft | None:
        """Three shapes: `Kim: "..."`, `pollster Daron Shaw: "..."` and transcript turns."""
        doc = context.doc
        sentence = context.sentence(colon)
        cue = doc[colon.i : colon.i + 1]
        quote = context.quote_starting_at(colon.i + 1)
        if quote is not None and not context.in_quote(colon):
            # The speaker is the run of name-like words just before the colon.
            start = colon.i
            while start > sentence.start and colon.i - start < 6 and _name_like(doc[start - 1]):
                start -= 1
            left = _trim(doc[start : colon.i])
            if len(left) and left[-1].text[:1].isupper():
                content = context.quote_span(quote)
                return _Draft("colon", cue, self.colon_entry, sentence, left, content, True, quote)
            return None
        # A transcript turn: "WALLACE: Let's start..." or "Lopez: Well, ..." at the start of a
        # paragraph; the turn runs to the end of the paragraph.
        start = context.paragraph_start(colon.i)
        while start < colon.i and (doc[start].is_quote or doc[start].is_space):
            start += 1
        left = _trim(doc[start : colon.i])
        if not 0 < len(left) <= 3 or not all(t.text[:1].isupper() or t.text == "-" for t in left):
            return None
        if not (left.text.isupper() and len(left.text) > 2) and not context.is_person(left):
            return None
        end = context.paragraph_end(colon.i)
        content = _trim(doc[colon.i + 1 : end])
        if not len(content):
            return None
        return _Draft("colon", cue, self.colon_entry, sentence, left, content, True)

    def _dash_draft(self, context, dash: Token) -> _Draft | None:
        """A quote, a dash, a name: the way a reader comment or an epigraph is signed."""
        doc = context.doc
        if len(dash.text) > 1:
            # `”―` glued into one token: the quote mark is the dash token's first character.
            quote = context.quote_ending_at(dash.i) if dash.text[0] in QUOTE_CHARS else None
        else:
            before = dash.i - 1
            while before >= 0 and doc[before].is_space:
                before -= 1  # `”\xa0― Jacklyn Ashley`
            if before < 0 or not doc[before].is_quote:
                return None
            quote = context.quote_ending_at(before)
        if quote is None:
            return None
        end = dash.i + 1
        while (
            end < len(doc)
            and end - dash.i <= 4
            and _name_like(doc[end])
            and doc[end].text[:1].isupper()
        ):
            end += 1
        speaker = doc[dash.i + 1 : end]
        if not len(speaker):
            return None
        cue = doc[dash.i : dash.i + 1]
        sentence = context.sentence(dash)
        content = context.quote_span(quote)
        return _Draft("colon", cue, self.dash_entry, sentence, speaker, content, True, quote)

    # ---- drafts -> records and spans ----------------------------------------------------------

    def _records(self, doc: Doc, drafts: list[_Draft], context: _DocContext, type_hits):
        kept = [d for d in drafts if d.merged_into is None]
        mentions = [d.speaker for d in drafts] + [d.channel for d in kept] + [d.relay for d in kept]
        resolved = self.resolver.resolve(doc, mentions, type_hits, context.text)
        n = len(drafts)
        speaker_of = dict(zip(map(id, drafts), resolved[:n], strict=True))
        channel_of = dict(zip(map(id, kept), resolved[n : n + len(kept)], strict=True))
        relay_of = dict(zip(map(id, kept), resolved[n + len(kept) :], strict=True))
        spans: dict[str, list[Span]] = {key: [] for key in ("quote", "speaker", "cue", "content")}
        spans["channel"] = []
        attributions = []
        used_quotes = set()
        for draft in drafts:
            spans["cue"].append(_labelled(draft.cue, draft.entry.category, draft.entry.id))
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
            if draft.kind == "relayed" or draft.kind in EVIDENCE_KINDS:
                speaker = None  # relayed: the words are the channel's; evidence: no speaker
            attribution = Attribution(
                kind=draft.kind if draft.kind != "relayed" else "reported",
                sentence=_text_span(draft.sentence, context.text),
                cue=_text_span(draft.cue, context.text),
                cue_lemma=draft.entry.term or draft.entry.id.removeprefix("cue."),
                stance=draft.entry.category or None,
                stance_entry_id=draft.entry.id,
                speaker=speaker,
                content=_text_span(draft.content, context.text) if reports_words else None,
                channel=channel,
                relay=relay,
                is_direct=draft.is_direct,
                found_by="learned" if draft.entry.id == LEARNED_CUE_ID else "lexicon",
            )
            if draft.credits_words:
                attributions.append(attribution)
            channel_span = draft.channel
            if channel_span is not None and draft.speaker is not None:
                elsewhere = context.sentence(channel_span[0]).start != draft.sentence.start
                if _span_in(channel_span, draft.speaker) or elsewhere:
                    # Inside the speaker ("Images released by KCNA") or lent by another
                    # sentence of the paragraph: written once, where it stands, or not at all.
                    channel_span = None
            for key, span, source in (
                ("speaker", draft.speaker if written_speaker else None, written_speaker),
                ("channel", channel_span, channel),
                ("speaker", draft.relay, relay),
            ):
                if span is not None and source is not None:
                    spans[key].append(_labelled(span, source.source_type, source.entry_id))
            if draft.content is not None:
                label = "position" if position_only else attribution.kind
                spans["content"].append(_labelled(draft.content, label, draft.entry.id))
        attributions += _floating_quotes(context, drafts, attributions, used_quotes)
        for quote in context.quotes:
            span = context.quote_span(quote)
            if span is not None:
                spans["quote"].append(
                    _labelled(span, _quote_label(quote, quote in used_quotes), None)
                )
        return attributions, spans


# ---- the Doc, seen once -----------------------------------------------------------------------


class _DocContext:
    """Per-Doc lookups computed once: sentences, and which tokens sit inside a quote."""

    def __init__(self, doc: Doc, quotes: Sequence[Quote], text: str | None = None):
        self.doc = doc
        self.parsed = doc.has_annotation("DEP")
        self.has_ents = doc.has_annotation("ENT_IOB")
        # Doc.text joins every token on each access: read it once.
        self.text = doc_text(doc) if text is None else text
        self.quotes = list(quotes)
        self._token_starts = doc.to_array("IDX").tolist()
        self.speech_quotes = [
            q for q in quotes if not q.scare and not (q.closed and looks_like_title(q.span.text))
        ]
        self._quote_of_token: dict[int, Quote] = {}
        self._quote_spans: dict[Quote, Span | None] = {}
        for quote in self.speech_quotes:
            span = self.quote_span(quote)
            if span is not None:
                for token in span:
                    self._quote_of_token.setdefault(token.i, quote)
        self._sentences = _sentence_spans(doc)
        self._sentence_starts = [s.start for s in self._sentences]

    @property
    def sentence_starts(self) -> list[int]:
        """The first token of each sentence, in order."""
        return self._sentence_starts

    def quote_span(self, quote: Quote) -> Span | None:
        """The quote with its marks, as a token span."""
        if quote not in self._quote_spans:
            start = max(quote.span.start - 1, 0)
            end = min(quote.span.end + 1, len(self.text))
            if quote.closed is False:
                end = quote.span.end
            self._quote_spans[quote] = self.char_span(start, end)
        return self._quote_spans[quote]

    def token_at(self, char: int) -> Token | None:
        """The token holding character ``char`` (``”―`` glued is one token), or None."""
        index = bisect_right(self._token_starts, char) - 1
        return self.doc[index] if index >= 0 else None

    def char_span(self, start: int, end: int) -> Span | None:
        """The tokens covering characters [start, end) (Doc.char_span "expand", by bisection)."""
        first = bisect_right(self._token_starts, start) - 1
        last = bisect_left(self._token_starts, end)
        if first < 0 or last <= first:
            return None
        return self.doc[first:last]

    def paragraph_start(self, token_index: int) -> int:
        """The first token of the paragraph holding ``token_index``."""
        doc = self.doc
        index = token_index
        while index > 0 and not (doc[index - 1].is_space and "\n" in doc[index - 1].text):
            index -= 1
        return index

    def is_person(self, span: Span) -> bool:
        """Whether NER calls this span a person; without NER, a short capitalised name is one."""
        if not self.has_ents:
            return True
        return any(t.ent_type_ == "PERSON" for t in span)

    def paragraph_end(self, token_index: int) -> int:
        """The token index where the paragraph holding ``token_index`` ends."""
        doc = self.doc
        index = token_index
        while index < len(doc) and not (doc[index].is_space and doc[index].text.count("\n") >= 1):
            index += 1
        return index

    def quote_ending_at(self, token_index: int) -> Quote | None:
        quote = self._quote_of_token.get(token_index - 1)
        if quote is None:
            return None
        span = self.quote_span(quote)
        return quote if span is not None and span.end - 1 == token_index else None

    def in_quote(self, token: Token) -> bool:
        quote = self._quote_of_token.get(token.i)
        return quote is not None and quote.span.start <= token.idx < quote.span.end

    def sentence(self, token: Token) -> Span:
        index = bisect_right(self._sentence_starts, token.i) - 1
        return self._sentences[max(index, 0)]

    def quote_starting_at(self, token_index: int) -> Quote | None:
        """The quote whose opening mark is the token at ``token_index`` (spaces skipped)."""
        doc = self.doc
        while token_index < len(doc) and doc[token_index].is_space:
            token_index += 1
        if token_index >= len(doc):
            return None
        quote = self._quote_of_token.get(token_index)
        if quote is None:
            return None
        span = self.quote_span(quote)
        return quote if span is not None and span.start == token_index else None

    def direct_content(self, quote: Quote, cue: Span, sentence: Span) -> Span | None:
        """The quote a cue introduces or closes, with the quote that carries on after it."""
        span = self.quote_span(quote)
        if span is None or span.start > cue.start:
            return span
        follower = self.continuation(quote, sentence)
        follower_span = self.quote_span(follower) if follower is not None else None
        if follower_span is None:
            return span
        # One span from the first quote to the end of the second: PolNeAR joins the two.
        return self.doc[span.start : follower_span.end]

    def continuation(self, quote: Quote, sentence: Span) -> Quote | None:
        """The quote that carries on after the cue: `"A," he said. "B."` / `"A," he said, "B."`.

        Only within the paragraph: the next quote must open right after the cue's sentence
        (or after a comma inside it), with no line break between.
        """
        doc = self.doc
        span = self.quote_span(quote)
        index = span.end if span is not None else sentence.end
        # Skip the cue clause: `, he said,` up to the next quote mark in the same sentence.
        while index < sentence.end and not doc[index].is_quote:
            index += 1
        index = min(index, sentence.end)
        follower = self.quote_starting_at(index)
        if follower is None or follower is quote or span is None:
            return None
        between = self.text[span.end_char : follower.span.start]
        return None if "\n" in between else follower

    def adjacent_quote(self, cue: Span, sentence: Span, speaker: Span | None) -> Quote | None:
        """A direct quote next to the cue: `"...," Kim said` or `Kim said: "..."`."""
        doc = self.doc
        # After the cue: `said: "..."`, `said, "..."`, `said "..."` (may open the next sentence).
        index = cue.end
        while (
            index < len(doc)
            and doc[index].text in (",", ":")
            or (index < len(doc) and speaker is not None and speaker.start == index)
        ):
            index = speaker.end if speaker is not None and speaker.start == index else index + 1
        after = self.quote_starting_at(index)
        # Before the cue: only the speaker and a comma between the quote's end and the cue.
        index = cue.start - 1
        if speaker is not None and speaker.end <= cue.start and speaker.start < cue.start:
            index = min(index, speaker.start - 1)
        while index >= 0 and (
            doc[index].lower_ in _SKIPPABLE_BEFORE_CUE or doc[index].text in (",",)
        ):
            index -= 1
        before = None
        if index >= 0:
            quote = self._quote_of_token.get(index) or self._quote_of_token.get(index - 1)
            span = self.quote_span(quote) if quote is not None else None
            if span is not None and span.end - 1 <= index + 1 and span.end >= index:
                before = quote
        if before is not None and after is not None:
            # `"A," he said, "B."`: the quote before is the one this cue closes.
            return before
        return before or after


def _sentence_spans(doc: Doc) -> list[Span]:
    """Sentences from the pipeline, or from punctuation when it has no sentence boundaries."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        if "sents" in doc.user_hooks:
            return list(doc.sents)
        return [doc[start:end] for start, end in sentence_bounds(doc)]
    spans = []
    start_char = 0
    text = doc.text
    for match in _SENTENCE_END.finditer(text):
        span = doc.char_span(start_char, match.start(), alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
        start_char = match.end()
    last = doc.char_span(start_char, len(text), alignment_mode="expand")
    if last is not None and len(last):
        spans.append(last)
    return spans or [doc[:]]


# ---- parse rules -------------------------------------------------------------------------------


def _object_phrase(doc: Doc, cue: Span, sentence: Span) -> Span | None:
    """What "according to" points at: its object, or everything up to the next comma."""
    preposition = cue[-1]
    if doc.has_annotation("DEP"):
        objects = [c for c in preposition.children if c.dep_ == "pobj"]
        if objects:
            return _mention_span(objects[0])
    end = cue.end
    while end < sentence.end and end - cue.end < 12:
        token = doc[end]
        if token.text in (",", ";", ":", "(", "\u2014") or token.is_quote or token.is_space:
            break
        end += 1
    span = _trim(doc[cue.end : end])
    return span if len(span) else None


def _cue_verb(cue: Span) -> Token:
    # "has not said": the verb the cue's other words hang off, not the first auxiliary.
    if cue.root.pos_ in ("VERB", "AUX"):
        return cue.root
    for token in cue:
        if token.pos_ in ("VERB", "AUX"):
            return token
    return cue[0]


def _misparsed_finite_cue(verb: Token) -> bool:
    """``Ukraine's intelligence service estimated in October that ...`` parsed as a participle
    of its subject ("the service [that was] estimated"): the noun it hangs off is the subject
    of the sentence and a "that" opens a clause a few words later, so it is the finite verb."""
    doc = verb.doc
    following = doc[verb.i + 1 : min(verb.i + 5, verb.sent.end)]
    return (
        verb.head.dep_ in SUBJECT_DEPS
        and verb.head.i == verb.i - 1
        and any(t.lower_ == "that" and t.dep_ == "mark" for t in following)
        and not any(t.text == "," for t in following[:1])
    )


def _is_bare_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _kind(entry: Entry, verb: Token) -> str:
    if entry.id == QUOTED_AS_SAYING_ID:
        return "quoted_as_saying"
    lemma = entry.term or ""
    if lemma == "tell":
        return "told"
    if lemma == "report":
        return "reported"
    return "indirect"


def _subject_of(verb: Token) -> Span | None:
    """The cue verb's subject, climbing to a governing verb for participles ("..., adding")."""
    token = verb
    for _ in range(3):
        agents = [c for c in token.children if c.dep_ == "agent"]
        if token is verb and not agents:
            agents = _misattached_agents(verb)
        for agent in agents:
            objects = [c for c in agent.children if c.dep_ == "pobj"]
            if objects:
                return _mention_span(objects[0])
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            if subjects[0].dep_ == "nsubjpass" and token is verb and not _quoted_as(verb):
                # "Trump was asked", "a deal is expected": the subject is not who speaks.
                return None
            return _mention_span(subjects[0])
        if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
            return _mention_span(token.head, stop_at=token)
        if token.dep_ not in CLIMB_DEPS or token.head is token:
            return None
        token = token.head
    return None


def _misattached_agents(verb: Token) -> list[Token]:
    """A passive cue's ``by`` phrase that the parse hung off its complement instead of the
    verb: in ``has been criticised for "incessant sleaze" by television indecency
    campaigners`` the small model attaches ``by`` to ``sleaze``, yet after a passive verb of
    speech it names who spoke (sleaze *by campaigners* is not what is meant). Looked for one
    or two levels below the verb, after it; none when the verb is active."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    below = [c for c in verb.children if c.dep_ in CONTENT_DEPS or c.dep_ == "prep"]
    below += [g for c in below if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [
        c for head in below for c in head.children
        if c.dep_ == "prep" and c.lower_ == "by" and c.i > verb.i
    ]


def _quoted_as(verb: Token) -> bool:
    """``Kim was quoted as saying``: a passive whose subject does speak."""
    return verb.lemma_ in ("quote", "say") or any(c.lower_ == "as" for c in verb.children)


def _mention_span(head: Token, stop_at: Token | None = None) -> Span:
    """A speaker noun phrase: the head's whole subtree, appositive and relative clause too.

    PolNeAR's sources, like a reader, keep what says who the speaker is ("Victor Cha, a Korea
    scholar at CSIS", "an American official who was briefed on the talks"); typing and
    resolution look only at the core before the clause (see framing.sources.core_mention).
    A very long subtree is cut back to the core, then to the head.
    """
    doc = head.doc
    start = head.left_edge.i
    end = head.right_edge.i + 1
    if stop_at is not None:
        end = min(end, stop_at.left_edge.i)
    if end - start > MAX_MENTION_TOKENS:
        for child in head.rights:
            if child.dep_ in ("relcl", "acl", "appos"):
                end = min(end, child.left_edge.i)
                break
    if end - start > MAX_MENTION_TOKENS:
        end = head.i + 1
    span = _trim(doc[start:end])
    return span if len(span) else doc[head.i : head.i + 1]


def _content_of(verb: Token, cue: Span, speaker: Span | None) -> Span | None:
    """The clause or object a cue verb reports, or the clause it interrupts."""
    doc = verb.doc
    children = [c for c in verb.children if c.dep_ in CONTENT_DEPS and not _inside(c, cue)]
    if not children and any(c.dep_ == "auxpass" for c in verb.children):
        # A passive verb of speech has no object; what was said hangs off its preposition:
        # "has been criticised for "incessant sleaze" by campaigners", "was accused of lying".
        # Not "as": "what is being criticized as ...", "has become known as ..." describe
        # their subject, whom the "quoted as" reading would make the speaker.
        children = [
            c for c in verb.children
            if c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS and c.lower_ != "as"
            and c.i > verb.i
        ]
    lemma = verb.lemma_.lower()
    if lemma in ADDRESSEE_VERBS or lemma == "ask":
        clauses = [c for c in children if c.dep_ in ("ccomp", "xcomp")]
        children = clauses or children
    if children:
        # "accused the DNC of sabotaging", "described the troops as heroic": the preposition
        # after the object belongs to what is reported.
        last = max(c.i for c in children)
        children += [
            c
            for c in verb.children
            if c.dep_ == "prep" and c.i > last and c.lower_ in OBJECT_PREPOSITIONS
        ]
        start = min(c.left_edge.i for c in children)
        end = max(c.right_edge.i for c in children) + 1
        if speaker is not None and start < speaker.start < end:
            end = speaker.start
            if doc[end - 1].lower_ == "by" and end - 1 > start:
                end -= 1  # the passive's agent: "criticised for "sleaze" by campaigners"
        return _trim(doc[start:end]) or None
    # "X happened, Kim said": the cue hangs off the clause it reports.
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i:
        head = verb.head
        start = head.left_edge.i
        end = verb.left_edge.i
        if speaker is not None:
            end = min(end, speaker.start)
        return _trim(doc[start:end]) or None
    # "Deaths in custody have reached "shocking" levels, a committee of MPs and peers has
    # warned": the parse makes the reporting clause a conjunct of the clause it reports, but
    # with no "and" or "but" between them a comma and a clause with its own subject are the
    # reporting clause set after what it reports, as ", the committee has warned" is.
    if _asyndetic_reporting_conjunct(verb, speaker):
        head = verb.head
        return _trim(doc[head.left_edge.i : speaker.start]) or None
    # "Acts of protest, Mr. Obama said, are acts of patriotism": a parenthetical cue; the
    # content is the clause around it (the cue inside it is a small price for one span).
    if verb.dep_ == "parataxis" and verb.head.i > verb.i:
        head = verb.head
        return _trim(doc[head.left_edge.i : head.right_edge.i + 1]) or None
    if verb.dep_ == "ROOT":
        fronted = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i]
        if fronted:
            return _trim(doc[fronted[0].left_edge.i : fronted[0].right_edge.i + 1]) or None
    return None


def _asyndetic_reporting_conjunct(verb: Token, speaker: Span | None) -> bool:
    """A cue parsed as a conjunct of an earlier clause, joined by a comma alone, with its
    subject (the speaker) between the comma and the cue."""
    head = verb.head
    if verb.dep_ != "conj" or head.i >= verb.i or speaker is None:
        return False
    between = verb.doc[head.i + 1 : speaker.start]
    if any(t.dep_ == "cc" and t.head in (head, verb) for t in between):
        return False
    return speaker.start > head.i and verb.doc[speaker.start - 1].text == ","


def _negated(cue: Span) -> bool:
    """Whether the cue verb is negated ("have not revealed", "did not say")."""
    verb = _cue_verb(cue)
    return verb.has_dep() and any(c.dep_ == "neg" for c in verb.children)


def _is_demonstrative(token: Token) -> bool:
    """ "This marked ...": a demonstrative pronoun, not the relative "that" of "a letter that
    described" (tagged WDT), nor a determiner; without tags, only a sentence's first word."""
    if token.lower_ not in DEMONSTRATIVE_SUBJECTS:
        return False
    if token.tag_:
        return token.tag_ == "DT"
    return token.is_sent_start is True


def _characterises(cue: Span) -> bool:
    """``identified the regiment as highly trained engineers``: a verb with an ``as`` phrase
    credits its subject with a characterisation, which is words, not an act."""
    verb = _cue_verb(cue)
    return verb.has_dep() and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def _is_clause(span: Span | None) -> bool:
    """Whether a content span holds a clause with its own subject ("that the war is won")."""
    if span is None or not span[0].has_dep():
        return False
    return any(
        t.dep_ in _CLAUSE_SUBJECT_DEPS and t.head.pos_ in ("VERB", "AUX") and t.head.i != t.i
        for t in span
    )


def _overlaps(a: Span, b: Span | None) -> bool:
    return b is not None and a.start < b.end and b.start < a.end


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


# ---- surface rules -----------------------------------------------------------------------------


def _finite_verb_form(token: Token) -> bool:
    """Without tags, a past form ("claimed", "said", "told") is a verb, not a noun."""
    lowered = token.lower_
    return lowered.endswith("ed") or lowered in ("said", "told", "wrote", "thought", "felt")


def _surface_verb_use(cue: Span, sentence: Span) -> bool:
    """Without tags, tell a cue verb from a noun or a name: "State Department", "the report"."""
    first = cue[0]
    if first.text[:1].isupper() and first.i != sentence.start:
        return False
    following = first.doc[cue.end] if cue.end < len(first.doc) else None
    if first.text[:1].isupper() and following is not None and following.text[:1].isupper():
        return False  # "State Department said"
    if first.i > 0 and first.doc[first.i - 1].lower_ in _DETERMINER_WORDS:
        return False
    return True


def _name_like(token: Token) -> bool:
    return token.text[:1].isupper() or token.lower_ in _NP_WORDS or token.text in ("-", ".")


def _np_token(token: Token, source_words: set[str]) -> bool:
    text = token.text
    if text[:1].isupper() and (token.is_alpha or "-" in text or text.endswith(".")):
        return True
    lowered = token.lower_
    return lowered in _NP_WORDS or lowered in source_words or lowered in _PRONOUNS


def _surface_speaker(
    context, cue: Span, sentence: Span, source_words: set[str], head_words=frozenset()
) -> Span | None:
    """The noun phrase before the cue ("Kim also said"), or after it ("said Kim").

    An appositive set off by commas goes with the name it describes, on either side:
    "Brian Fallon, a spokesman for Mrs. Clinton, said" and "said Paul Maslin, a pollster".
    ``head_words`` may end the phrase, right before the cue, but not stand inside it.
    """
    doc = context.doc
    index = cue.start - 1
    while index >= sentence.start and doc[index].lower_ in _SKIPPABLE_BEFORE_CUE:
        index -= 1
    if index >= sentence.start and doc[index].text == ",":
        named = _name_before_appositive(context, index, sentence, source_words)
        if named is not None:
            return named
    end = index + 1
    with_heads = source_words | head_words if head_words else source_words
    while index >= sentence.start and (
        _np_token(doc[index], with_heads if index == end - 1 else source_words)
        or (index > sentence.start and doc[index - 1].text == "-")  # Lim Eul-chul
    ):
        if context.in_quote(doc[index]):
            break
        index -= 1
        if end - index > MAX_SPEAKER_TOKENS:
            break
    left = _trim_np(doc[index + 1 : end], with_heads)
    if left is not None:
        return left
    # Inverted order only after a comma or a quote: `"...," said Kim.`, `..., said the ministry.`
    before = doc[cue.start - 1] if cue.start > sentence.start else None
    if before is not None and (before.text == "," or before.is_quote):
        after = _noun_phrase_after(doc, cue.end, sentence.end, context, source_words)
        return _with_appositive(after, sentence) if after is not None else None
    return None


def _name_before_appositive(context, comma: int, sentence: Span, source_words) -> Span | None:
    """``Name, appositive, said``: the span from the name to the end of the appositive."""
    doc = context.doc
    opening = comma - 1
    while opening > sentence.start and comma - opening <= MAX_APPOSITIVE_TOKENS:
        if doc[opening].text == ",":
            break
        opening -= 1
    if opening <= sentence.start or doc[opening].text != ",":
        return None
    if doc[opening + 1].lower_ not in _APPOSITIVE_OPENERS and not doc[opening + 1].is_title:
        return None
    start = opening
    while start > sentence.start and _np_token(doc[start - 1], source_words):
        start -= 1
        if context.in_quote(doc[start]):
            start += 1
            break
    name = _trim_np(doc[start:opening], source_words)
    if name is None or not name[-1].text[:1].isupper():
        return None
    return _trim(doc[name.start : comma])


def _with_appositive(name: Span, sentence: Span) -> Span:
    """``said Paul Maslin, a Democratic pollster.``: the name and its appositive."""
    doc = name.doc
    if name.end + 1 >= sentence.end or doc[name.end].text != ",":
        return name
    if doc[name.end + 1].lower_ not in _APPOSITIVE_OPENERS:
        return name
    end = name.end + 1
    while end < sentence.end and end - name.end <= MAX_APPOSITIVE_TOKENS:
        if doc[end].text in (",", ".", ";", ":") or doc[end].is_quote:
            break
        end += 1
    return doc[name.start : end]


def _trim_np(span: Span, source_words: set[str]) -> Span | None:
    """Drop leading "of"/"-" and require the phrase to end in a name, pronoun or source noun."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in _CLAUSE_OPENERS:
        start += 1
    if start >= end:
        return None
    last = doc[end - 1]
    head_ok = last.text[:1].isupper() or last.lower_ in _PRONOUNS or last.lower_ in source_words
    if not head_ok:
        return None
    if end - start == 1 and last.lower_ in ("that", "which"):
        return None
    return doc[start:end]


def _noun_phrase_after(doc: Doc, start: int, limit: int, context, source_words=frozenset()):
    """The noun phrase starting at ``start``: up to a comma, a full stop or a lowercase verb."""
    index = start
    while index < limit and doc[index].lower_ in ("by",):
        index += 1
    end = index
    while end < limit and end - index < MAX_SPEAKER_TOKENS:
        token = doc[end]
        if token.text in (",", ";", ":", "(", ")") or token.is_quote or context.in_quote(token):
            break
        if token.text == "." and not (end > index and doc[end - 1].text[:1].isupper()):
            break
        if not (_np_token(token, set(source_words)) or token.lower_ in ("of", "and", "for", "in")):
            break
        end += 1
    while end > index and doc[end - 1].lower_ in ("of", "and", "for", "in", "the", "."):
        end -= 1
    if end <= index:
        return None
    return doc[index:end]


def _surface_content(doc: Doc, cue: Span, speaker: Span | None, sentence: Span) -> Span | None:
    """``X said (that) ...`` -> what follows; ``..., X said.`` -> what comes before the comma."""
    left_end = cue.start if speaker is None or speaker.start > cue.start else speaker.start
    before = _trim(doc[sentence.start : left_end])
    right_start = cue.end
    if speaker is not None and speaker.start >= cue.end:
        right_start = speaker.end
    after = _trim(doc[right_start : sentence.end])
    # A comma right before the speaker marks the `..., X said.` order.
    comma_before = left_end > sentence.start and doc[left_end - 1].text == ","
    if comma_before and len(before) >= 3 and (len(after) <= 4 or _adjunct_start(after)):
        return before
    if len(after) >= 2:
        return after
    return before or None


def _adjunct_start(span: Span) -> bool:
    """``..., Kim said in his speech on Friday``: what follows the cue is an adjunct."""
    if not len(span):
        return True
    if span[0].lower_ in (
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "last",
        "this",
        "to",
        "by",
    ):
        return True
    return any(t.text == "," for t in span[:6])


def _trim(span: Span) -> Span:
    """A span without punctuation or spaces at either end (quote marks kept)."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (
        doc[start].is_space or (doc[start].is_punct and not doc[start].is_quote)
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_space or (doc[end - 1].is_punct and not doc[end - 1].is_quote)
    ):
        end -= 1
    return doc[start:end]


# ---- chains ------------------------------------------------------------------------------------


def _link_chains(drafts: list[_Draft], is_media) -> None:
    """``Kim said ..., KCNA reported`` and ``Yonhap reported, citing KCNA``.

    A cue whose content holds another attribution becomes that attribution's channel when it
    is an ``according to`` or its speaker is a news outlet (state media, a wire or another
    outlet, by the source lexicons): the outlet carried the inner speaker's words. The
    outermost inner attribution takes the channel.
    """
    for outer in drafts:
        if outer.speaker is None or outer.merged_into is not None or outer.kind in EVIDENCE_KINDS:
            continue
        if outer.entry.id == CITING_ENTRY_ID:
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
            and outer.content.start <= d.cue.start < outer.content.end
        ]
        top_level = [
            d
            for d in inner
            if not any(
                o is not d and o.content is not None and _span_in(d.cue, o.content) for o in inner
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
            # making its own claim, not carrying someone else's.
            top_level = [d for d in top_level if d.cue.start < outer.cue.start]
        if top_level:
            target = top_level[0]
            target.channel = outer.speaker
            outer.merged_into = target


def _subordinate(cue: Span) -> bool:
    """Whether a cue verb heads a clause opened by a subordinating word ("though", "while")."""
    verb = _cue_verb(cue)
    return verb.has_dep() and any(c.dep_ == "mark" for c in verb.children)


def _cut_contents_at_according_to(drafts: list[_Draft]) -> None:
    """ "Kim noted that X, according to KCNA": the content stops before "according to"."""
    according = [d for d in drafts if d.entry.id in ACCORDING_TO_IDS]
    for draft in drafts:
        if draft.content is None or draft.is_direct:
            continue
        for other in according:
            if other is not draft and draft.content.start < other.cue.start < draft.content.end:
                draft.content = _trim(draft.content.doc[draft.content.start : other.cue.start])
                if not len(draft.content):
                    draft.content = None
                break


def _opens_with(span: Span | None, type_hits, source_type: str) -> bool:
    """Whether a typing hit of ``source_type`` starts in the first words of ``span`` ("a video
    showing ...": the parser may take "showing" for the head)."""
    if span is None:
        return False
    return any(
        span.start <= start < span.start + 3 and kind == source_type
        for start, _end, kind, _entry in type_hits
    )


def _near(context, earlier: _Draft, later: _Draft) -> bool:
    """Whether ``later`` is in the sentence after ``earlier`` or in the same paragraph, so a
    pronoun in it can stand for what ``earlier`` named."""
    starts = context.sentence_starts
    gap = bisect_right(starts, later.cue.start) - bisect_right(starts, earlier.cue.start)
    same_paragraph = context.paragraph_start(earlier.cue.start) == context.paragraph_start(
        later.cue.start
    )
    return gap <= 1 or same_paragraph


def _apply_channel_phrases(context, drafts: list[_Draft], phrases) -> None:
    """``Putin said in the letter published by Voice of Korea``: the agent of a channel verb is
    the channel of the attribution in its sentence (the nearest cue before the verb, else
    after). A sentence with no attribution of its own (``The remarks were in a speech published
    in English in full by the North Korean Foreign Ministry``) lends its channel to the
    attributions of the sentences just before and after it in its paragraph that have none:
    the remarks it speaks of are the quotes around it. Not further: a page without paragraph
    breaks would lend it to the whole article. Images carry their own channel (see
    :meth:`AttributionExtractor._type_evidence`), so a sentence about images lends nothing."""
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
                and _span_in(verb, target.content)
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
                and not _span_in(agent, target.speaker)
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


def _set_off_before(agent: Span, draft: _Draft) -> bool:
    """Whether the phrase belongs to the draft although its cue comes later: the speaker
    stands before the phrase ("Alexandrov was quoted in Ukrinform as stating"), or a comma
    sets the phrase off before the speaker ("In a letter carried by state media, Kim said")."""
    doc = agent.doc
    start = draft.speaker.start if draft.speaker is not None else draft.cue.start
    return start <= agent.start or any(t.text == "," for t in doc[agent.end : start])


def _span_in(span: Span, outer: Span) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def _link_citing(citing: _Draft, drafts: list[_Draft]) -> None:
    """``X reported, citing Y``: X relays, Y is the channel. The citing cue itself merges."""
    for draft in drafts:
        if draft is citing or draft.merged_into is not None:
            continue
        if draft.sentence.start == citing.sentence.start and draft.cue.start < citing.cue.start:
            draft.relay = draft.speaker
            draft.channel = citing.speaker
            draft.kind = "relayed"
            citing.merged_into = draft
            return


def _text_span(span: Span, text: str) -> TextSpan:
    """``TextSpan.of(span)`` from the Doc's text (``Span.text`` reads every token)."""
    if not len(span):
        return TextSpan.of(span)
    start, end = span.start_char, span.end_char
    return TextSpan(start, end, text[start:end])


def _labelled(span: Span, label: str | None, span_id: str | None) -> Span:
    return Span(span.doc, span.start, span.end, label=label or "", span_id=span_id or "")


#: A floating quote has at least this many words: a shorter quoted stretch is a name, a title
#: or a phrase set off, not a statement someone went on making.
FLOATING_QUOTE_MIN_WORDS = 5


def _floating_quotes(
    context: _DocContext, drafts: Sequence[_Draft], attributions: list[Attribution], used
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
                sentence=_text_span(first if first.start == last.start else
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


def _quote_label(quote: Quote, attributed: bool) -> str:
    if quote.scare:
        return "scare"
    if attributed:
        return "direct"
    if quote.closed and looks_like_title(quote.span.text):
        return "title"
    return "unattributed"


def attribution_sources(attributions: Sequence[Attribution]) -> dict[str, list[Source]]:
    """Sources grouped by entity (the canonical name), for counting sources per entity."""
    grouped: dict[str, list[Source]] = {}
    for attribution in attributions:
        for source in attribution.sources():
            grouped.setdefault(source.entity, []).append(source)
    return grouped


__all__ = ["AttributionExtractor", "attribution_sources"]
