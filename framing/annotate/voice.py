"""Whose words: every stretch of an article in one of three voices.

- ``narration``: the outlet's own words;
- ``quoted``: words inside quote marks, the verbatim words of a source. A short fragment
  (``Kim praised the "heroic" soldiers``) is quoted when a speaker in the same or a
  neighbouring sentence is credited with it; a name, title, award, operation or publication
  in quote marks (``'DPRK Hero'``) is quoted too, since it is someone's name for a thing;
- ``paraphrase``: inside what a source is reported to have said, out of quote marks
  (indirect speech: ``JoongAng reported that ... the Russian effort to colonize Ukraine``).

"Own wording" is narration plus paraphrase: the outlet chose those words.

A *scare quote* is a short quoted fragment that no source is credited with nearby and that is
not a name: the outlet holding a word at arm's length (``despite alleged ongoing "peace
talks"``). Nobody is credited with its words, so they are the outlet's own and take the
voice around the marks (narration, or paraphrase inside a source's reported words), as
setting them off does. A verb of speech the attribution step did not read may still credit a
fragment (``admitted "big challenges"``), and a fragment in the readers' comments that close
some pages is the reader's (:mod:`framing.annotate.quote_credit`).

The ``framing`` component runs :class:`VoiceReader` after attribution and state media; it
writes ``doc._.voices``, one :class:`~framing.annotate.records.VoiceSpan` per quote (with how it was
read and why) and per paraphrased content. :func:`voice_of` gives the voice of any character
range of a Doc from them: loaded terms, naming and event labels all ask it, so there is one
definition of voice. The words that mark a quoted name (``title of``, ``Hero``, ``newspaper``)
are data, in ``lexicons/quote_names.yaml``.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

import framing.annotate.doc_extensions  # noqa: F401 - registers doc._.voices
from framing.annotate.doc_extensions import doc_text
from framing.annotate.quote_credit import (
    CreditingVerbs,
    named_by_verb,
    postposed_credit,
    reader_comment_start,
    text_credit,
    verb_credit,
)
from framing.annotate.quoted_names import NameCues, capitalised_name, inside, name_reason
from framing.annotate.quotes import paragraph_bounds
from framing.annotate.records import Attribution, Quote, TextSpan, VoiceSpan, outside_gaps
from framing.annotate.reported_clauses import (
    before_participle_clause,
    reported_clause,
    through_adverbial_clause,
)
from framing.annotate.scare_filter import (
    FragmentContext,
    ScareFilter,
    ScareWords,
    distance_before,
    fragment_features,
    shipped_filter,
)
from framing.annotate.sentences import sentence_char_bounds
from framing.lexicon.load import Lexicons
from framing.lexicon.matching import EntryMatcher

NARRATION = "narration"
QUOTED = "quoted"
PARAPHRASE = "paraphrase"
#: Every voice, in the order reports show them.
VOICES = (NARRATION, PARAPHRASE, QUOTED)
#: The outlet's own wording: the words it chose, in narration or when paraphrasing a source.
OWN_VOICES = (NARRATION, PARAPHRASE)

#: How a quote was read (``VoiceSpan.kind``).
SPEECH = "speech"  # a quoted statement, credited or not
FRAGMENT = "fragment"  # a short fragment credited to a speaker nearby
NAME = "name"  # a name, title, award, operation or publication in quote marks
SCARE = "scare"  # a short fragment nobody is credited with: a scare quote
READER = "reader_comment"  # a fragment in the readers' comments that close a page
INDIRECT = "indirect"  # paraphrased content of an attribution
#: How a short quoted fragment may be read: each says why in its reason.
FRAGMENT_KINDS = (FRAGMENT, NAME, SCARE, READER)

NAMES_LEXICON = "quote_names"
#: Categories of loaded terms (lexicons/loaded_terms.yaml) whose words, set off in marks, keep
#: a scare quote whatever the learned filter's weights: one side's euphemism held at a distance.
DISTANCING_LOADED_CATEGORIES = frozenset({"euphemism"})
#: Attribution kinds whose speaker speaks; ``visual`` evidence (images showed) credits no words.
_NON_SPEECH_KINDS = frozenset({"visual"})
#: A document's findings ("the report concludes"): the document, its channel, is credited.
_FINDING = "finding"
#: Kinds that are speech whatever their cue's stance.
_SPEECH_KINDS = frozenset(
    {"direct_quote", "according_to", "told", "quoted_as_saying", "reported", "colon"}
)
#: Third-person pronouns: "He awarded ... to "add eternal luster"" after "Kim said ...".
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")
#: Punctuation a quote's content may end with past the attributed content (``"heroic."``).
_TRAILING = " .,;:!?"


def is_speech(attribution: Attribution) -> bool:
    """True for an attribution that credits words to a speaker: a reporting cue from the
    lexicon (it has a stance) or a kind that is speech by its form. Verbs the cue model
    found that are no speech (``escalated``, ``awarded``) and visual evidence credit nothing.

    A document's findings credit words too, to the document (the attribution's channel): in
    ``The idea ... is "wishful thinking", the report concludes`` the phrase is the report's,
    as a reader takes it, though a report is no speaker in the sourcing figures."""
    if attribution.kind in _NON_SPEECH_KINDS:
        return False
    if attribution.speaker is None:
        return attribution.kind == _FINDING and attribution.channel is not None
    return (
        attribution.stance is not None
        or attribution.is_direct
        or attribution.kind in _SPEECH_KINDS
    )


# --- reading a Doc ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    speech: tuple[Attribution, ...]


def _sentences(doc: Doc, text: str, attributions: Sequence[Attribution]) -> list[_Sentence]:
    bounds = sentence_char_bounds(doc) if doc.has_annotation("SENT_START") else []
    bounds = list(bounds) or [(0, len(text))]
    speech: list[list[Attribution]] = [[] for _ in bounds]
    starts = [start for start, _ in bounds]
    for attribution in attributions:
        if is_speech(attribution):
            index = max(0, bisect_right(starts, attribution.sentence.start) - 1)
            speech[index].append(attribution)
    return [_Sentence(s, e, tuple(a)) for (s, e), a in zip(bounds, speech, strict=True)]


def _speaker(attribution: Attribution) -> str:
    """Who is credited: the speaker, or for a document's findings the document."""
    source = attribution.speaker or attribution.channel
    return source.entity if source is not None else "?"


def _cue(attribution: Attribution) -> str:
    return attribution.cue.text if attribution.cue is not None else attribution.kind


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


class _Reading:
    """One Doc's quotes and attributions, read for voice."""

    def __init__(
        self,
        doc: Doc,
        matcher: EntryMatcher | None,
        crediting: CreditingVerbs | None = None,
        scare_filter: tuple[ScareFilter, ScareWords, EntryMatcher | None] | None = None,
    ):
        self.doc = doc
        self.scare_filter = scare_filter
        self._loaded_hits: list[tuple[int, int, str]] | None = None  # found on first need
        self.text = doc_text(doc)
        quotes = doc._.quotes
        if quotes is None:
            from framing.annotate.quotes import find_quotes  # a Doc no attribution step has read

            quotes = find_quotes(doc)
        self.quotes: list[Quote] = list(quotes)
        self.attributions: list[Attribution] = list(doc._.attributions or [])
        self.sentences = _sentences(doc, self.text, self.attributions)
        self._starts = [s.start for s in self.sentences]
        self._paragraph_starts = [start for start, _ in paragraph_bounds(self.text)]
        self.clauses = [
            (a, before_participle_clause(doc, a, clause))
            for a in self.attributions
            if is_speech(a) and (clause := reported_clause(a)) is not None
        ]
        any_fragment = any(q.scare for q in self.quotes)
        self.cues = NameCues(doc, matcher) if any_fragment else None
        self.verbs = crediting.in_doc(doc) if crediting is not None and any_fragment else {}
        reading = crediting is not None and any_fragment
        self.documents = crediting.documents(doc) if reading else []
        self.texts = crediting.texts(doc) if reading else {}
        self.sentence_credits = crediting.sentence_credits(doc) if reading else []
        self.comments_start = (
            reader_comment_start(self.text, paragraph_bounds(self.text)) if any_fragment else None
        )
        self.publications = [m for m in doc._.state_media or []]
        # (quote, its speaker's attribution, whether that attribution's clause holds it)
        self.speech_quotes = [
            (q, a, covered)
            for q in self.quotes
            if not q.scare
            for a, covered in [self._spoken_by(q)]
            if a is not None
        ]

    def _spoken_by(self, quote: Quote) -> tuple[Attribution | None, bool]:
        """Who says a statement in quote marks, and whether their reported clause holds it:
        the attribution whose clause does, else the one speaker its sentence credits
        (``"We will build a wall," he told the crowd, to cheers``, where the parse hangs the
        quote outside the clause). A sentence crediting two speakers says nothing of whose
        the quote is."""
        covering = self._covering(quote.span)
        if covering is not None:
            return covering, True
        speech = self.sentences[self.sentence_index(quote.span.start)].speech
        return (speech[0] if len({_speaker(a) for a in speech}) == 1 else None), False

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def paragraph_index(self, offset: int) -> int:
        return bisect_right(self._paragraph_starts, offset) - 1

    def _covering(self, span: TextSpan, *, fragment: bool = False) -> Attribution | None:
        """The speech attribution whose reported clause holds ``span``, if any.

        A quote's closing full stop may lie past the content (``as "heroic."``): the quote's
        words must lie inside. A fragment must also hang off the cue other than through an
        adverbial clause: in ``Putin has since claimed to "annex" ..., continuing to attack
        ... despite alleged ongoing "peace talks"``, the participle clause is the outlet's
        account of what Putin does, not part of his claim.
        """
        end = span.start + len(span.text.rstrip(_TRAILING))
        for attribution, clause in self.clauses:
            if inside(clause, span.start, max(span.start + 1, end)):
                if fragment and through_adverbial_clause(self.doc, span, attribution):
                    continue
                return attribution
        return None

    def read(self) -> list[VoiceSpan]:
        spans = [self.read_quote(q) for q in self.quotes]
        spans += [
            VoiceSpan(
                span=piece,
                voice=PARAPHRASE,
                kind=INDIRECT,
                speaker=_speaker(a),
                reason=f"the words of {_speaker(a)} ('{_cue(a)}'), out of quote marks",
            )
            for a, clause in self.clauses
            for piece in _around_gap(clause, a.content_gap, self.text)
        ]
        return sorted(spans, key=lambda v: (v.span.start, -v.span.end))

    def read_quote(self, quote: Quote) -> VoiceSpan:
        def voiced(kind: str, speaker: str | None, reason: str) -> VoiceSpan:
            return VoiceSpan(quote.span, QUOTED, kind, speaker, reason)

        attribution = self._covering(quote.span, fragment=quote.scare)
        if not quote.scare:
            if attribution is not None:
                who = _speaker(attribution)
                return voiced(SPEECH, who, f"quote credited to {who} ('{_cue(attribution)}')")
            return voiced(SPEECH, None, "quote: a statement in quote marks, no speaker found")
        if attribution is not None:
            return voiced(
                FRAGMENT,
                _speaker(attribution),
                f"credited to {_speaker(attribution)}: inside the words its sentence "
                f"attributes to them ('{_cue(attribution)}')",
            )
        outer = self._inside_longer_quote(quote)
        if outer is not None:
            who = outer[1]
            return voiced(
                FRAGMENT,
                who,
                "a quote within a quote" + (f" credited to {who}" if who else ""),
            )
        if self.comments_start is not None and quote.span.start >= self.comments_start:
            return voiced(
                READER, None,
                "reader's comment: in the first-person paragraphs that close the page, "
                "where readers write, not the outlet",
            )
        name = name_reason(self.doc, quote, self.cues, self.publications) if self.cues else None
        name = name or named_by_verb(self.doc, quote.span, self.verbs)
        if name is None and self.cues:
            name = capitalised_name(self.doc, quote, self.cues)
        if name is not None:
            return voiced(NAME, None, name)
        credited = self._credited_nearby(quote)
        if credited is not None:
            return voiced(FRAGMENT, *credited)
        judgement = self._filtered(quote)
        if judgement is not None and not judgement.keep:
            # Rejected: quoted words whose speaker was not found, kept out of the outlet's voice.
            return voiced(
                SPEECH, None,
                f"quoted words, no speaker found: not judged a scare quote ({judgement.reason})",
            )
        # A scare quote's words are the outlet's own, set off: no source is credited with
        # them, so they take the voice around the marks (narration, or paraphrase).
        reason = self._scare_reason(quote)
        if judgement is not None:
            reason += f"; {judgement.reason}"
        return VoiceSpan(quote.span, NARRATION, SCARE, None, reason)

    def _filtered(self, quote: Quote):
        """The learned filter's judgement of a fragment the rules call a scare quote
        (:mod:`framing.annotate.scare_filter`); None without a filter or a parse (``--fast``,
        a blank pipeline), where the rules alone decide, as the verb rule is off there too."""
        if self.scare_filter is None or not self.doc.has_annotation("DEP"):
            return None  # its weights were learned on parsed text: without a parse, the rules
        model, words, loaded = self.scare_filter
        context = self.fragment_context(quote)
        judgement = model.judge(fragment_features(self.doc, quote.span, context, words))
        if not judgement.keep and loaded is not None:
            # One side's euphemism set off in marks (``a full-scale "special operation"``) is
            # the writer holding that side's wording at arm's length: kept, whatever the
            # weights, which BBC text (nearly free of such words) taught. An insult or an
            # intensifier in marks is not: it is nearly always somebody's words ("liar",
            # "crazy", "groundbreaking": 9 of the 11 such fragments of the labelled samples
            # this kept were quoted speech).
            entry = self._loaded_inside(quote, loaded)
            if entry is not None:
                judgement = judgement.kept(f"holds the loaded term {entry}")
        if not judgement.keep:
            # Doubt announced before the marks ("despite alleged ongoing "peace talks"", "the
            # so-called "peace talks"", a claim "so-called" doubts) is the writer's distance by
            # the issue's own example, whatever the weights.
            doubt = distance_before(self.text[max(0, quote.span.start - 80) : quote.span.start],
                                    words.doubt)
            if doubt is None and self.cues is not None and self.cues.doubted(quote):
                doubt = "so-called"
            if doubt is not None:
                judgement = judgement.kept(f"doubt announced before the marks ('{doubt}')")
        return judgement

    def _loaded_inside(self, quote: Quote, loaded: EntryMatcher) -> str | None:
        """The id of a loaded-term entry of a distancing category (a euphemism) whose words
        lie inside the fragment, if any."""
        if self._loaded_hits is None:
            self._loaded_hits = [
                (hit.span.start_char, hit.span.end_char, hit.entry.id)
                for hit in loaded(self.doc) if hit.entry.category in DISTANCING_LOADED_CATEGORIES
            ]
        return next(
            (entry for start, end, entry in self._loaded_hits
             if quote.span.start <= start and end <= quote.span.end),
            None,
        )

    def fragment_context(self, quote: Quote) -> FragmentContext:
        """What the scare-quote filter's features read around a fragment."""
        return FragmentContext(
            sentences=[(s.start, s.end, bool(s.speech)) for s in self.sentences],
            index=self.sentence_index(quote.span.start),
            paragraph=self.paragraph_index(quote.span.start),
            n_paragraphs=len(self._paragraph_starts),
            clauses=[clause for _, clause in self.clauses],
            quotes=self.quotes,
        )

    def _inside_longer_quote(self, quote: Quote) -> tuple[Quote, str | None] | None:
        """The statement in quote marks that holds a fragment set off inside it (a single-
        quoted phrase in a double-quoted statement), with its speaker if credited."""
        for other in self.quotes:
            if other is not quote and not other.scare and inside(
                other.span, quote.span.start, quote.span.end
            ):
                attribution = self._covering(other.span)
                return other, _speaker(attribution) if attribution is not None else None
        return None

    def _credited_nearby(self, quote: Quote) -> tuple[str | None, str] | None:
        """(speaker, reason) when a speaker nearby is credited with the fragment.

        In its own sentence, any speaker its sentence credits (``Britney Spears has attacked
        "false" and "desperate" tabloids``), unless the parse puts the fragment in an
        adverbial clause outside the claim (``"peace talks"`` above). Then a verb or noun of
        speech that governs it in the parse, or a reporting clause that closes its sentence,
        though no attribution was read (:func:`framing.annotate.quote_credit.verb_credit`; the
        speaker
        may be unnamed: ``was told her suspension was a result of "inappropriate" images``).
        Then a speaker whose quote elsewhere in the article has the fragment's words. Then
        the sentence before,
        in the same paragraph (``"Ditto."`` after ``..., she said.``), or in the paragraph
        before when this sentence speaks of the speaker (``He awarded ... to "add eternal
        luster"``); and a speaker quoted in the next sentence of the same paragraph.
        """
        index = self.sentence_index(quote.span.start)
        sentence = self.sentences[index]
        for a in sentence.speech:
            if not through_adverbial_clause(self.doc, quote.span, a):
                return _speaker(a), (
                    f"credited to {_speaker(a)}: its sentence credits them ('{_cue(a)}')"
                )
        credit = (
            verb_credit(self.doc, quote.span, self.verbs)
            or postposed_credit(self.doc, quote.span, (sentence.start, sentence.end), self.verbs)
            or text_credit(self.doc, quote.span, self.texts)
        )
        if credit is not None:
            return credit.speaker, credit.reason
        for offset, phrase, entry_id in self.sentence_credits:
            if sentence.start <= offset < sentence.end:
                return None, (
                    f"credited to a source: its sentence says whose words they are "
                    f"('{phrase}', {entry_id})"
                )
        echo = self._echoed_by(quote)
        if echo is not None:
            return echo
        if sentence.speech:
            return None  # its own sentence credits someone else's words, not these
        own = self.text[sentence.start : sentence.end]
        paragraph = self.paragraph_index(sentence.start)
        if index > 0:
            before = self.sentences[index - 1]
            same_paragraph = self.paragraph_index(before.start) == paragraph
            for a in reversed(before.speech):
                if self._names_someone_else(sentence, a):
                    continue  # "Putin continued ... despite alleged "peace talks"" after Kim
                if same_paragraph or _refers_to(own, a) or _PRONOUN.search(own):
                    return _speaker(a), (
                        f"credited to {_speaker(a)}: '{_cue(a)}' in the sentence before"
                        + ("" if same_paragraph else ", and this sentence speaks of them")
                    )
        if index + 1 < len(self.sentences):
            after = self.sentences[index + 1]
            same_paragraph = self.paragraph_index(after.start) == paragraph
            for a in after.speech:
                if a.is_direct and (same_paragraph or _refers_to(own, a)):
                    return _speaker(a), f"credited to {_speaker(a)}: quoted in the next sentence"
                # A survey is reported in the sentence after its summary, often the next
                # paragraph after a one-sentence lead.
                if self._reports_a_document(a):
                    return _speaker(a), (
                        f"credited to {_speaker(a)}: the next sentence reports what a survey, "
                        f"poll or study found ('{_cue(a)}'), and this one sums it up"
                    )
        return None

    def _reports_a_document(self, attribution: Attribution) -> bool:
        """True when a document noun of ``quote_credit.yaml`` (``survey``, ``research``)
        stands before the attribution's cue in its sentence: the document is what speaks."""
        if attribution.cue is None:
            return False
        start = attribution.sentence.start
        return any(start <= s and e <= attribution.cue.start for s, e in self.documents)

    def _names_someone_else(self, sentence: _Sentence, attribution: Attribution) -> bool:
        """True when the sentence names a person other than the attribution's speaker: its
        words are then about that person, not a continuation of the speaker's."""
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or not sentence.start <= ent.start_char < sentence.end:
                continue
            if not _refers_to(ent.text, attribution):
                return True
        return False

    def _echoed_by(self, quote: Quote) -> tuple[str, str] | None:
        """A fragment whose words a speaker says in a credited quote elsewhere in the article
        (``"martyrs"`` in the lead, ``"... the lives of the martyrs," he said`` below)."""
        words = _words(quote.span.text)
        if not words:
            return None
        for other, attribution, covered in self.speech_quotes:
            if not covered and " " not in words:
                continue  # one common word ("New") recurs by chance; a phrase is an echo
            if f" {words} " in f" {_words(other.span.text)} ":
                sentence = self.sentence_index(other.span.start) + 1
                return _speaker(attribution), (
                    f"credited to {_speaker(attribution)}: their quote in sentence {sentence} "
                    "has these words"
                )
        return None

    def _scare_reason(self, quote: Quote) -> str:
        sentence = self.sentences[self.sentence_index(quote.span.start)]
        if sentence.speech:
            a = sentence.speech[0]
            return (
                f"scare quote: outside the words its sentence attributes to {_speaker(a)} "
                f"('{_cue(a)}'), and no speaker nearby says it"
            )
        return "scare quote: no source credited in this or the neighbouring sentences"


def _refers_to(text: str, attribution: Attribution) -> bool:
    """True when ``text`` names the attribution's speaker: the whole entity, or for a named
    speaker a part of the name (a person is called "Kim" or "Putin")."""
    speaker = attribution.speaker
    if speaker is None:
        return False
    words = f" {_words(text)} "
    entity = _words(speaker.entity)
    if entity and f" {entity} " in words:
        return True
    return speaker.named and any(f" {part} " in words for part in entity.split() if len(part) > 2)


def _around_gap(clause: TextSpan, gap: TextSpan | None, text: str) -> list[TextSpan]:
    """A reported clause without the writer's words inside it (`"A," he said. "B."`)."""
    if gap is None:
        return [clause]
    pieces = outside_gaps(clause.start, clause.end, [(gap.start, gap.end)])
    return [clause] if len(pieces) == 1 else [TextSpan(s, e, text[s:e]) for s, e in pieces]


class VoiceReader:
    """Writes ``doc._.voices``: how each quote reads (credited, a name, a scare quote) and
    the paraphrased contents of attributions. Runs after attribution and state media.

    ``loaded_terms``, the loaded-term matcher (:class:`~framing.annotate.loaded_terms.
    LoadedTermMatcher` passes its own), lets a scare quote holding a loaded term pass the
    learned filter whatever its weights say."""

    def __init__(
        self, nlp: Language, lexicons: Lexicons, loaded_terms: EntryMatcher | None = None
    ):
        entries = lexicons[NAMES_LEXICON] if NAMES_LEXICON in lexicons.entries else []
        self.name_matcher = EntryMatcher(nlp, entries, source=NAMES_LEXICON) if entries else None
        self.crediting = CreditingVerbs(nlp, lexicons)
        # The learned filter every scare quote of the rules must pass (None: the rules alone).
        model = shipped_filter()
        self.scare_filter = (
            (model, ScareWords.from_lexicons(lexicons), loaded_terms)
            if model is not None else None
        )

    def __call__(self, doc: Doc) -> Doc:
        doc._.voices = _Reading(
            doc, self.name_matcher, self.crediting, self.scare_filter
        ).read()
        return doc


# --- asking a Doc ------------------------------------------------------------------------------


class Voices:
    """The voice of any character range, from a Doc's :class:`VoiceSpan` records."""

    def __init__(self, spans: Iterable[VoiceSpan]):
        spans = list(spans)
        self.quoted = _Regions([v for v in spans if v.voice == QUOTED])
        self.paraphrase = _Regions([v for v in spans if v.voice == PARAPHRASE])

    def voice_of(self, start: int, end: int) -> str:
        if self.quoted.at(start, end) is not None:
            return QUOTED
        if self.paraphrase.at(start, end) is not None:
            return PARAPHRASE
        return NARRATION

    def quote_at(self, start: int, end: int) -> VoiceSpan | None:
        """The quote (its reading) that holds ``[start, end)``, if any."""
        return self.quoted.at(start, end)

    def around(self, span: TextSpan) -> str:
        """The voice the marks of a quote sit in: paraphrase when a source's reported words
        hold it, else narration (what a scare quote's own voice is)."""
        return PARAPHRASE if self.paraphrase.at(span.start, span.end) is not None else NARRATION


class _Regions:
    """Voice spans, innermost found first, for 'which span holds this range?'."""

    def __init__(self, spans: list[VoiceSpan]):
        self._spans = sorted(spans, key=lambda v: (v.span.start, v.span.end))
        self._starts = [v.span.start for v in self._spans]
        # No span that starts before (end - longest) can reach the range: the scan stops there
        # instead of walking every earlier span (words_by_voice asks once per word).
        self._longest = max((v.span.end - v.span.start for v in self._spans), default=0)

    def at(self, start: int, end: int) -> VoiceSpan | None:
        best = None
        for index in range(bisect_right(self._starts, start) - 1, -1, -1):
            v = self._spans[index]
            if v.span.start + self._longest < end:
                break
            if v.span.start <= start and end <= v.span.end:
                if best is None or v.span.end - v.span.start < best.span.end - best.span.start:
                    best = v
        return best


def words_by_voice(text: str, spans: Iterable[VoiceSpan]) -> dict[str, int]:
    """How many words of ``text`` are in each voice (a word is a run of word characters)."""
    lookup = Voices(spans)
    counts = dict.fromkeys(VOICES, 0)
    for match in _WORD.finditer(text):
        counts[lookup.voice_of(match.start(), match.end())] += 1
    return counts


_VOICES_OF: weakref.WeakKeyDictionary[Doc, tuple[int, Voices]] = weakref.WeakKeyDictionary()


def voices(doc: Doc) -> Voices:
    """The :class:`Voices` of a Doc, built once from ``doc._.voices`` (read the Doc first
    with :class:`VoiceReader` when the component has not)."""
    spans = doc._.voices
    if spans is None:
        spans = doc._.voices = _Reading(doc, None).read()
    cached = _VOICES_OF.get(doc)
    if cached is not None and cached[0] == id(spans):
        return cached[1]
    built = Voices(spans)
    _VOICES_OF[doc] = (id(spans), built)
    return built


def voice_of(doc: Doc, start: int, end: int) -> str:
    """The voice of the characters ``[start, end)`` of a Doc: ``narration``, ``quoted`` or
    ``paraphrase``. A range inside quote marks is quoted; inside what a source is reported
    to have said, out of quote marks, paraphrase; anywhere else narration."""
    return voices(doc).voice_of(start, end)


def is_own_voice(voice: str) -> bool:
    """True for the outlet's own wording: narration and paraphrase."""
    return voice in OWN_VOICES
