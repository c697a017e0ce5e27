"""Speaker resolution and source typing: who a claim is credited to, and what kind of source.

:class:`SourceResolver` turns the speaker mentions the attribution step found (``he``,
``the North Korean leader``, ``Kim``, ``South Korean lawmakers``) into
:class:`framing.annotate.records.Source` records:

- **entity**: the canonical name. A pronoun resolves to the last person (``he``/``she``) or the
  last speaker that was not a person (``it``/``they``) before it; a short mention (``Kim``)
  to the longest earlier name that contains it (``Kim Jong Un``); a definite description
  (``the leader``, ``the North Korean leader``) to the last person introduced with that title
  (``leader Kim Jong Un``), or failing that the last person. Sources are counted per entity.
- **source_type**: from ``lexicons/state_media.yaml`` first (a state outlet is state media
  whatever else it is), then ``lexicons/sources.yaml`` (a role word inside the mention, in
  the title words before a name, in an apposition closed by punctuation after any mention of
  the name, ``Loretta Lynch, the attorney general,``; a campaign the name owns, ``the Trump
  campaign``; a role the article gives the same person anywhere, earlier or later), then
  named-entity labels (a country or city as speaker, ``Pyongyang said``, is the government,
  unless the NER also labels the name a person; a nationality or group, ``Mexicans say``, the
  public), then the learned fallback of :mod:`framing.annotate.source_typing` (the words around the
  name's mentions); ``unknown`` otherwise. A role owned by a typed body takes the body's type
  (``the campaign's press secretary`` is political): :func:`_typed_range`. When several
  role words apply, :data:`TYPE_PRIORITY` picks the most specific (an office beats a party:
  ``Republican Sen. Ted Cruz`` is government). A pronoun or short mention takes the type of
  the entity it resolves to; ``I`` outside quote marks is the writer (``media_outlet``).
  Scored against 420 hand-labelled PolNeAR sources (310 seen while designing, 110 held out):
  :mod:`framing.evaluation.source_types`.
- **state_organ**: True when a ``state_organ`` entry of ``lexicons/sources.yaml`` names the
  mention's head (``Kim Jong Un``, ``the North Korean Foreign Ministry``, ``Pyongyang``), and
  for every other mention of the same entity (``the leader``, ``he``): an organ of a state
  that controls its media speaks only through that media.
- **named**: False for a mention with no name in it (``analysts say``, ``officials said``,
  ``a source``, ``South Korean lawmakers``); such a source keeps its type and counts as
  anonymous in the features.

Works with or without a parser and NER: without them, names are runs of capitalised words.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, IS_ALPHA, LOWER, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.strings import hash_string
from spacy.symbols import ADP, AUX, CCONJ, PRON, VERB
from spacy.tokens import Doc, Span

from framing.annotate.doc_extensions import doc_text
from framing.annotate.records import Source, TextSpan
from framing.annotate.source_typing import load_default_model, type_by_context
from framing.lexicon.load import Lexicons
from framing.lexicon.matching import EntryMatcher

UNKNOWN_TYPE = "unknown"
STATE_MEDIA_TYPE = "state_media"
GOVERNMENT_TYPE = "government"
#: Types of evidence rather than speakers (sources.yaml): images someone released and documents
#: whose findings are reported. An attribution to one is of kind ``visual`` or ``finding``.
VISUAL_TYPE = "visual"
DOCUMENT_TYPE = "document"
EVIDENCE_TYPES = frozenset({VISUAL_TYPE, DOCUMENT_TYPE})

#: When a mention holds words of several types, the most specific one wins: "a military
#: intelligence official" is intelligence, "a government source" is government, not anonymous.
TYPE_PRIORITY = (
    STATE_MEDIA_TYPE,
    "intelligence",
    "wire_agency",
    "media_outlet",
    "military",
    "law_enforcement",
    "ngo",
    "expert",
    GOVERNMENT_TYPE,
    "legal",
    "business",
    "public",
    "anonymous",
    # A party or a campaign types a speaker only when nothing more specific does: "Republican
    # Sen. Ted Cruz" holds an office, "a Democratic source" is anonymous, "Trump supporters"
    # are the public.
    "political",
    DOCUMENT_TYPE,
    VISUAL_TYPE,
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me"})
GROUP_PRONOUNS = frozenset({"it", "they", "them", "we", "its", "their", "us"})
#: The writer as speaker ("I believe in the good sense of the American people" in a column).
WRITER_PRONOUNS = frozenset({"i"})
WRITER_ENTITY = "the writer"
WRITER_TYPE = "media_outlet"
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "another", "one"})
_DETERMINER_ID_SET = frozenset(hash_string(word) for word in DETERMINERS)
_POSSESSIVE_IDS = frozenset(hash_string(word) for word in ("'s", "\u2019s", "'", "\u2019"))
_HYPHEN_ID = hash_string("-")
_SPACE_IDS = frozenset(hash_string(space) for space in ("\xa0", " ", "\u2009", "\u202f"))
#: Parts of speech that end the words describing a name (see _descriptor_start).
_BREAK_POS_IDS = frozenset({VERB, AUX, ADP, CCONJ, PRON})

#: Entity labels that name a place: a place as speaker is its government ("Seoul said").
PLACE_LABELS = frozenset({"GPE"})
#: A nationality or group as speaker ("Mexicans say", "many Americans believe") is the public;
#: party names are typed by sources.yaml first ("Republicans said" is political).
GROUP_LABELS = frozenset({"NORP"})
PUBLIC_TYPE = "public"
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})

#: Honorifics are not part of a name ("Mr. Trump" is Trump).
HONORIFICS = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen.", "rep.", "gov."}
)
_HONORIFIC_IDS = frozenset(hash_string(word) for word in HONORIFICS)


@dataclass
class _Entity:
    """A named entity seen in the text: its canonical name and what we know of it."""

    name: str
    start_char: int
    is_person: bool
    titles: set[str]  # title words right before the name: "leader" in "leader Kim Jong Un"
    descriptors: set[str]  # every word of that run: "dictator" in "Communist dictator Kim"
    source_type: str = UNKNOWN_TYPE
    entry_id: str | None = None


def speaker_source_types(lexicons: Lexicons) -> tuple[str, ...]:
    """The source types a speaker can have, for the source-mix columns: the categories of
    sources.yaml without the evidence ones (images and documents have no speaker), and
    ``unknown``."""
    categories = [c for c in lexicons.categories["sources"] if c not in EVIDENCE_TYPES]
    return tuple(dict.fromkeys([*categories, UNKNOWN_TYPE]))


class TypeHits(list):
    """The typing hits of a Doc (a plain list of tuples), with an index by start token:
    a Doc has dozens of names and mentions to type, each looking for the hits inside it."""

    _index: tuple[list[int], list[tuple[int, int, str, str]]] | None = None

    def inside(self, start: int, end: int) -> list[tuple[str, str]]:
        """(source type, entry id) of the hits within tokens [start, end), in list order."""
        if self._index is None or len(self._index[1]) != len(self):
            order = sorted(range(len(self)), key=lambda k: self[k][0])
            self._index = ([self[k][0] for k in order], [(k, *self[k]) for k in order])
        starts, rows = self._index
        found = [
            row
            for row in rows[bisect_left(starts, start) : bisect_right(starts, end)]
            if row[2] <= end
        ]
        found.sort()  # back to list order: the first hit of the best type wins, as before
        return [(row[3], row[4]) for row in found]


class SourceResolver:
    """Resolves and types speaker mentions. Built once with the pipeline and the lexicons."""

    def __init__(self, nlp: Language, lexicons: Lexicons):
        self._ents: list[Span] = []
        self.state_media = EntryMatcher.for_lexicon(nlp, lexicons, "state_media")
        self.source_nouns = EntryMatcher.for_lexicon(nlp, lexicons, "sources")
        # Lowercase source nouns ("officials", "analysts", "sources") head unnamed mentions.
        self.common_nouns = {
            phrase.lower()
            for entry in lexicons["sources"]
            for phrase in entry.phrases
            if phrase[:1].islower()
        }
        self.title_words = {
            phrase.lower()
            for entry in lexicons["sources"]
            for phrase in entry.phrases
            if phrase[:1].islower() and " " not in phrase
        }
        self._title_ids = frozenset(hash_string(word) for word in self.title_words)
        self.organ_ids = frozenset(e.id for e in lexicons["sources"] if e.state_organ)
        # The learned fallback for names the rules leave unknown (framing.annotate.source_typing).
        self.type_model = load_default_model()
        # A named state outlet is one source however it is written: "KCNA", "the Korean
        # Central News Agency (KCNA)", "North Korean state media Voice of Korea".
        self.outlet_names = {
            e.id: e.term
            for e in lexicons["state_media"]
            if e.category == STATE_MEDIA_TYPE and e.term is not None
        }

    # ---- typing -----------------------------------------------------------------------------

    def type_hits(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """Every typing hit in a Doc, once: (start token, end token, source type, entry id)."""
        hits = TypeHits(
            (h.span.start, h.span.end, STATE_MEDIA_TYPE, h.entry.id) for h in self.state_media(doc)
        )
        hits += [
            (h.span.start, h.span.end, h.entry.category, h.entry.id) for h in self.source_nouns(doc)
        ]
        return hits

    def type_of(self, span: Span, hits: list[tuple[int, int, str, str]] | None = None):
        """The source type of a stretch of text and the lexicon entry that gave it."""
        if hits is None:
            hits = self.type_hits(span.doc)
        doc = span.doc
        lower = {i: doc[i].lower for i in range(span.start, min(len(doc), span.end + 1))}
        return _typed_range(span.start, span.end, hits, lower)

    def head_type(self, mention: Span, hits) -> str | None:
        """The type of the typing hit that covers the mention's head word, if any: "Images
        released by KCNA" is images (visual), though KCNA inside it is state media."""
        head = _head_token(core_mention(mention)).i
        for start, end, source_type, _entry_id in hits:
            if start <= head < end:
                return source_type
        return None

    @staticmethod
    def _type_in(start: int, end: int, hits: list[tuple[int, int, str, str]]):
        if isinstance(hits, TypeHits):
            inside = hits.inside(start, end)
        else:
            inside = [(t, i) for s, e, t, i in hits if start <= s and e <= end]
        if not inside:
            return UNKNOWN_TYPE, None
        return min(inside, key=lambda hit: _priority(hit[0]))

    def _ner_type(self, doc: Doc, span: Span) -> str:
        for ent in self._ents:
            if ent.start < span.end and span.start < ent.end:
                if ent.label_ in PLACE_LABELS:
                    return GOVERNMENT_TYPE
                if ent.label_ in GROUP_LABELS:
                    return PUBLIC_TYPE
        return UNKNOWN_TYPE

    def _named_as_person(self, name: str) -> bool:
        """Whether the NER labels a name ending in the same word a person, anywhere."""
        last = name.split()[-1].lower() if name.split() else ""
        return bool(last) and any(
            ent.label_ == "PERSON" and ent.text.split()[-1].lower() == last for ent in self._ents
        )

    # ---- entities ---------------------------------------------------------------------------

    def entities(self, doc: Doc, hits=None, text: str | None = None) -> list[_Entity]:
        """Names in the text, in order, each with the title words just before it.

        Reads token arrays, not Token objects (a Doc has dozens of capitalised runs). A
        stripped name has no entity label (stripping a possessive makes a plain slice), so
        a name counts as a person when it has two words or more: the rules as they stand.
        """
        hits = self.type_hits(doc) if hits is None else hits
        if self._ents:
            bounds = [(ent.start, ent.end) for ent in self._ents if ent.label_ in NAME_LABELS]
        else:
            bounds = _capitalised_run_bounds(doc)
        if not bounds:
            return []
        strings = doc.vocab.strings
        text = doc_text(doc) if text is None else text
        columns = doc.to_array([LOWER, IS_ALPHA, ORTH, POS, IDX]).T.tolist()
        lower, _alpha, orth, _pos, idx = columns
        found = []
        candidacies = {s: i for s, _e, _t, i in hits if i in CANDIDACY_ENTRIES}
        for start, end in bounds:
            # _strip_possessive, _strip_honorifics, self._strip_titles, on hashes.
            while end > start and lower[end - 1] in _POSSESSIVE_IDS:
                end -= 1
            while start < end - 1 and lower[start] in _HONORIFIC_IDS:
                start += 1
            while start < end - 1 and lower[start] in self._title_ids:
                start += 1
            if end == start:
                continue
            first = _descriptor_start_of(columns, start)
            descriptors = {strings[lower[i]] for i in range(first, start)}
            titles = {word for word in descriptors if word in self.title_words}
            start_char = idx[start]
            name = text[start_char : idx[end - 1] + len(strings[orth[end - 1]])]
            entity = _Entity(name, start_char, end - start >= 2, titles, descriptors)
            entity.source_type, entity.entry_id = _typed_range(first, end, hits, lower)
            if entity.source_type == UNKNOWN_TYPE:
                apposition = _apposition_bounds_of(columns, end)
                if apposition is not None:
                    entity.source_type, entity.entry_id = _typed_range(*apposition, hits, lower)
            if entity.source_type == UNKNOWN_TYPE:
                entity.entry_id = _candidacy_after(lower, end, candidacies)
                if entity.entry_id is not None:
                    entity.source_type = CANDIDACY_TYPE
            found.append(entity)
        return found

    def _strip_titles(self, span: Span) -> Span:
        """``Leader Kim Jong Un`` -> ``Kim Jong Un``: a title is not part of the name."""
        start = span.start
        while start < span.end - 1 and span.doc[start].lower_ in self.title_words:
            start += 1
        return Span(span.doc, start, span.end, label=span.label)

    # ---- resolution -------------------------------------------------------------------------

    def resolve(
        self,
        doc: Doc,
        mentions: Sequence[Span | None],
        hits: list | None = None,
        text: str | None = None,
    ) -> list[Source | None]:
        """One Source per speaker mention (None stays None), resolved and typed, in order."""
        # Per-Doc views, computed once: each access to doc.ents or has_annotation walks the Doc.
        self._ents = list(doc.ents) if doc.has_annotation("ENT_IOB") else []
        hits = self.type_hits(doc) if hits is None else hits
        entities = self.entities(doc, hits, text)
        sources: list[Source | None] = []
        previous: list[Source] = []
        for mention in mentions:
            if mention is None:
                sources.append(None)
                continue
            source = self._resolve_one(doc, mention, entities, previous, hits)
            if not source.state_organ and self.names_state_organ(mention, hits):
                source = dataclasses.replace(source, state_organ=True)
            sources.append(source)
            previous.append(source)
        # "Kim himself" names no organ, but the entity it resolves to does ("Kim Jong-un").
        organ_names = {
            doc[start:end].text.lower()
            for start, end, _type, entry_id in hits
            if entry_id in self.organ_ids
        }
        # After sharing: a conjunct makes this mention an organ's, not every mention of the
        # entity it is named after ("Putin" alone stays Putin).
        shared = _share_types(sources, organ_names)
        if self.type_model is not None:
            shared = type_by_context(doc, shared, self.type_model)
        return [
            self._with_organ_conjunct(mention, source, entities, organ_names)
            for mention, source in zip(mentions, shared, strict=True)
        ]

    def _with_organ_conjunct(self, mention, source, entities, organ_names):
        """``Kim and Russian President Vladimir Putin acknowledged the deployment``: the
        source is named after one conjunct, but the words are a state organ's too when any
        conjunct is one ("Kim" is Kim Jong-un), so they rest on its state media as well."""
        if source is None or source.state_organ or mention is None:
            return source
        core = core_mention(mention)
        if not any(t.lower_ in ("and", "nor", "&") for t in core):
            return source
        for token in core:
            if not token.text[:1].isupper():
                continue
            entity = self._full_name(token.text, entities)
            name = entity.name if entity is not None else token.text
            if name.lower() in organ_names:
                return dataclasses.replace(source, state_organ=True)
        return source

    def names_state_organ(self, mention: Span, hits) -> bool:
        """Whether a ``state_organ`` entry of sources.yaml covers the mention's head word.

        The head, not any word: "a North Korean soldier" is no organ of the state. Joint
        speakers are looked at once the article's entities are known (see
        :meth:`_with_organ_conjunct`).
        """
        if not self.organ_ids:
            return False
        head = _head_token(core_mention(mention)).i
        return any(
            start <= head < end and entry_id in self.organ_ids for start, end, _t, entry_id in hits
        )

    def _resolve_one(
        self,
        doc: Doc,
        mention: Span,
        entities: list[_Entity],
        previous: list[Source],
        hits: list[tuple[int, int, str, str]],
    ) -> Source:
        text_span = TextSpan.of(mention)
        mention = core_mention(mention)
        words = [t for t in mention if not t.is_punct]
        lowered = " ".join(t.lower_ for t in words)
        earlier = [e for e in entities if e.start_char < mention.start_char]
        mention_type, entry_id = self.type_of(mention, hits)
        outlet = self._outlet_in(mention, hits)
        if outlet is not None:
            return Source(text_span, self.outlet_names[outlet], STATE_MEDIA_TYPE, True, outlet)

        # "I" outside quote marks (a cue inside a quote is the quoted speaker's and never gets
        # here) is the article's writer: a column or a first-person report.
        if len(words) == 1 and lowered in WRITER_PRONOUNS:
            return Source(text_span, WRITER_ENTITY, WRITER_TYPE, True)
        # Pronouns: the last person, or the last speaker that was not a person.
        if len(words) == 1 and (lowered in PERSON_PRONOUNS or lowered in GROUP_PRONOUNS):
            target = self._antecedent(lowered, earlier, previous)
            if target is not None:
                return _with_span(target, text_span)
            return Source(text_span, mention.text, UNKNOWN_TYPE, named=False)
        if len(words) == 1 and lowered in RELATIVE_PRONOUNS:
            antecedent = _relative_antecedent(words[0])
            if antecedent is not None:
                source = self._resolve_one(doc, antecedent, entities, previous, hits)
                return _with_span(source, text_span)
            return Source(text_span, mention.text, UNKNOWN_TYPE, named=False)

        name = _name_in(mention, self.common_nouns) or self._entity_in(mention)
        if name is None:
            # A description: "the North Korean leader", "officials", "a source".
            titled = self._titled_person(words, earlier)
            if titled is not None and _is_definite(words):
                return Source(text_span, titled.name, titled.source_type, True, titled.entry_id)
            canonical = " ".join(t.lower_ for t in words if t.lower_ not in DETERMINERS)
            return Source(text_span, canonical or mention.text, mention_type, False, entry_id)

        full = self._full_name(name, earlier)
        entity = full if full is not None else None
        source_type, type_entry = mention_type, entry_id
        if source_type == UNKNOWN_TYPE and entity is not None:
            source_type, type_entry = entity.source_type, entity.entry_id
        if source_type == UNKNOWN_TYPE:
            typed = _typed_anywhere(entity.name if entity is not None else name, entities)
            if typed is not None:
                source_type, type_entry = typed.source_type, typed.entry_id
        # A person the parser also read as a place ("DuVernay" as GPE) is not a government.
        if source_type == UNKNOWN_TYPE and not self._named_as_person(
            entity.name if entity is not None else name
        ):
            source_type = self._ner_type(doc, mention)
        canonical = entity.name if entity is not None else name
        return Source(text_span, canonical, source_type, True, type_entry)

    def _outlet_in(self, mention: Span, hits) -> str | None:
        """The entry id of the named state outlet a mention is about, if any: "North Korean
        state media Voice of Korea" is Voice of Korea, not the generic "state media". Only when
        state media is the mention's head: in "Kim Yo Jong, quoted by KCNA" it is not."""
        head = _head_token(mention).i
        if not any(s <= head < e and t == STATE_MEDIA_TYPE for s, e, t, _i in hits):
            return None
        for start, end, _type, entry_id in hits:
            if entry_id in self.outlet_names and mention.start <= start and end <= mention.end:
                return entry_id
        return None

    def _antecedent(
        self, pronoun: str, earlier: list[_Entity], previous: list[Source]
    ) -> Source | None:
        wants_person = pronoun in PERSON_PRONOUNS
        for source in reversed(previous):
            if not source.named:
                continue
            if wants_person == self._looks_like_person(source, earlier):
                return source
        people = [e for e in earlier if e.is_person == wants_person]
        if people:
            entity = self._full_name(people[-1].name, earlier) or people[-1]
            return Source(
                TextSpan(0, 0, ""), entity.name, entity.source_type, True, entity.entry_id
            )
        return None

    def _looks_like_person(self, source: Source, entities: list[_Entity]) -> bool:
        if source.source_type in (STATE_MEDIA_TYPE, "wire_agency", "media_outlet"):
            return False  # "Yonhap News Agency" is three capitalised words, not a person
        for entity in entities:
            if entity.name == source.entity:
                return entity.is_person
        return len(source.entity.split()) >= 2 and source.source_type not in (
            STATE_MEDIA_TYPE,
            "wire_agency",
            "media_outlet",
        )

    def _full_name(self, name: str, earlier: Iterable[_Entity]) -> _Entity | None:
        """The longest earlier name holding ``name`` as whole words ("Kim" in "Kim Jong Un")."""
        name_words = name.split()
        best = None
        for entity in earlier:
            words = entity.name.split()
            if _contains_words(words, name_words) and (
                best is None or len(words) > len(best.name.split())
            ):
                best = entity
        if best is not None:
            # Types learned on any mention of the same person carry over ("leader Kim Jong Un").
            for entity in earlier:
                if entity.source_type != UNKNOWN_TYPE and _contains_words(
                    best.name.split(), entity.name.split()
                ):
                    if best.source_type == UNKNOWN_TYPE:
                        best.source_type, best.entry_id = entity.source_type, entity.entry_id
        return best

    def _titled_person(self, words: list, earlier: list[_Entity]) -> _Entity | None:
        """The person a definite description refers to: "the leader", "the dictator".

        The last person introduced with the description's head word right before the name
        ("leader Kim Jong Un", "Communist dictator Kim Jong-un").
        """
        if not words or words[-1].lower_ in DETERMINERS:
            return None
        head = words[-1].lower_
        for entity in reversed(earlier):
            if entity.is_person and head in entity.descriptors:
                return self._full_name(entity.name, earlier) or entity
        return None

    def _entity_in(self, mention: Span) -> str | None:
        """A person or organisation named inside a description (an appositive):
        "One such expert, Professor Lim Eul-chul" -> "Lim Eul-chul"."""
        for ent in self._ents:
            if (
                ent.label_ in ("PERSON", "ORG")
                and mention.start <= ent.start
                and ent.end <= mention.end
            ):
                return self._strip_titles(_strip_honorifics(_strip_possessive(ent))).text
        return None


def _descriptor_start(name: Span) -> int:
    """Where the words describing a name begin: "North Korean leader" before "Kim Jong Un".

    Walks back over words (capitalised or not) up to a determiner, punctuation or a verb-like
    break, at most four words, so that a neighbouring clause ("praised the soldiers, Kim")
    does not lend the name its nouns.
    """
    doc = name.doc
    start = name.start
    while start > 0 and name.start - start < 4:
        token = doc[start - 1]
        if not (token.is_alpha or token.text == "-") or token.lower_ in DETERMINERS:
            break
        if token.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PRON"):
            break
        start -= 1
    return start


def _descriptor_start_of(columns: list[list[int]], start: int) -> int:
    """:func:`_descriptor_start` on the columns (LOWER, IS_ALPHA, ORTH, POS, ...) of a Doc."""
    lower, is_alpha, orth, pos = columns[:4]
    name_start = start
    while start > 0 and name_start - start < 4:
        i = start - 1
        if orth[i] in _SPACE_IDS:  # "nominee\xa0Donald Trump": a no-break space is no break
            start -= 1
            name_start -= 1
            continue
        if not (is_alpha[i] or orth[i] == _HYPHEN_ID) or lower[i] in _DETERMINER_ID_SET:
            break
        if pos[i] in _BREAK_POS_IDS:
            break
        start -= 1
    return start


#: At most this many words in an apposition that types the name before it.
_APPOSITION_WORDS = 10
_COMMA_ID = hash_string(",")
#: Tokens that close an apposition: "Loretta Lynch, the attorney general, said".
_CLOSING_IDS = frozenset(hash_string(p) for p in (",", ".", ";", ")", "--", "\u2014"))
_APPOSITION_BREAK_POS = frozenset({VERB, AUX, PRON, CCONJ})


def _apposition_bounds_of(columns: list[list[int]], end: int) -> tuple[int, int] | None:
    """The tokens of an apposition right after a name, if there is one: "the attorney general"
    in "Loretta Lynch, the attorney general, said", "a Republican tax consultant" in "Ryan Ellis,
    a Republican tax consultant." (the roles a writer gives a name after it, as often as before).

    It must be closed by punctuation (or the text's end) before any verb or pronoun, so that
    "Clinton, police said" lends Clinton nothing.
    """
    lower, is_alpha, orth, pos = columns[:4]
    n = len(lower)
    if end >= n or orth[end] != _COMMA_ID:
        return None
    start = stop = end + 1
    while stop < n and stop - start < _APPOSITION_WORDS:
        if orth[stop] in _CLOSING_IDS:
            break
        if pos[stop] in _APPOSITION_BREAK_POS:
            return None
        if not (is_alpha[stop] or orth[stop] == _HYPHEN_ID or lower[stop] in _POSSESSIVE_IDS):
            return None
        stop += 1
    if stop == start or (stop < n and orth[stop] not in _CLOSING_IDS):
        return None
    return start, stop


#: Entries whose words after a name make it a candidate's: "the Trump campaign", "Clinton's
#: running mate", "Sanders surrogates" (sources.yaml).
CANDIDACY_ENTRIES = frozenset({"src.candidate"})
CANDIDACY_TYPE = "political"


def _candidacy_after(lower: list[int], end: int, candidacies: dict[int, str]) -> str | None:
    """The candidacy entry right after a name (over a possessive), if any: a name that owns a
    campaign or a running mate is a candidate's, though the text never calls it one.
    ``candidacies``: start token -> entry id of the candidacy hits of the Doc."""
    if end < len(lower) and lower[end] in _POSSESSIVE_IDS:
        end += 1
    return candidacies.get(end)


def _typed_anywhere(name: str, entities: list[_Entity]) -> _Entity | None:
    """A typed mention of the same person anywhere in the text: "Trump said" early on, and
    "Republican nominee Donald Trump" three paragraphs down. Same surname and the words of
    one inside the other ("Trump" in "Donald Trump"), so that "the Trump Foundation" does not
    lend Trump its type. Case aside: a transcript's "WALLACE:" is Chris Wallace."""
    words = name.lower().split()
    if not words:
        return None
    for entity in entities:
        if entity.source_type == UNKNOWN_TYPE:
            continue
        other = entity.name.lower().split()
        if other and other[-1] == words[-1] and (
            _contains_words(other, words) or _contains_words(words, other)
        ):
            return entity
    return None


def _relative_antecedent(pronoun) -> Span | None:
    """The noun a relative pronoun stands for ("a defector who said" -> "a defector")."""
    clause = pronoun.head
    if pronoun.doc.has_annotation("DEP") and clause.dep_ == "relcl":
        noun = clause.head
        doc = noun.doc
        # "a letter from Russian President Vladimir Putin that also described the troops as
        # heroic": the words are Putin's, the letter only carries them.
        for prep in noun.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by") and prep.i < clause.i:
                authors = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
                if authors:
                    return doc[authors[0].left_edge.i : authors[0].i + 1]
        return doc[noun.left_edge.i : noun.i + 1]
    return None


def core_mention(mention: Span) -> Span:
    """A mention without its relative clause or participle phrase, for typing and resolving.

    "Eric Woolson, who worked for Gov. Scott Walker" is Eric Woolson, not a governor.
    """
    doc = mention.doc
    for token in mention[1:]:
        starts_clause = token.dep_ in ("relcl", "acl") and token.head.i < token.i
        relative = (
            token.lower_ in ("who", "which", "whose", "whom") and doc[token.i - 1].text == ","
        )
        # "Trump, appearing after Clinton at the NBC/MSNBC forum": the forum is not Trump.
        participle = token.tag_ in ("VBG", "VBN") and doc[token.i - 1].text == ","
        relative = relative or participle
        if starts_clause or relative:
            first = token.left_edge.i if starts_clause else token.i
            end = max(mention.start + 1, min(first, token.i))
            core = doc[mention.start : end]
            while len(core) > 1 and core[-1].is_punct:
                core = core[:-1]
            return core
    return mention


def _share_types(
    sources: list[Source | None], organ_names: set[str] = frozenset()
) -> list[Source | None]:
    """Give every mention of a named entity the type its first typed mention had.

    "Communist dictator Kim Jong-un of North Korea" is typed once; the later "Kim" and "he"
    are the same source and keep that type rather than falling back to unknown.
    """
    first_type: dict[str, tuple[str, str | None]] = {}
    # A state organ is one whichever words name it: "the leader", "he" and "Kim" are one.
    organs = {
        s.entity
        for s in sources
        if s is not None and (s.named and s.state_organ or s.entity.lower() in organ_names)
    }
    for source in sources:
        if source is not None and source.named and source.source_type != UNKNOWN_TYPE:
            first_type.setdefault(source.entity, (source.source_type, source.entry_id))
    shared = []
    for source in sources:
        if (
            source is not None
            and source.source_type == UNKNOWN_TYPE
            and source.entity in first_type
        ):
            source_type, entry_id = first_type[source.entity]
            source = dataclasses.replace(source, source_type=source_type, entry_id=entry_id)
        if source is not None and source.entity in organs and not source.state_organ:
            source = dataclasses.replace(source, state_organ=True)
        shared.append(source)
    return shared


def _typed_range(start: int, end: int, hits, lower) -> tuple[str, str | None]:
    """The type of tokens [start, end) (a mention, the words before a name, an apposition),
    from the typing hits in it. Before the priority order, a role owned by a typed body takes
    the body's type: "the campaign's press secretary" is political, "the company's spokesman"
    business, "the union's president" an NGO's. (A rule typing "former" office holders as
    political was tried and dropped: the design labels type two of three of them otherwise.)

    ``lower``: LOWER hashes by token index (a list or a dict), for the possessive.
    """
    inside = sorted((s, e, t, i) for s, e, t, i in hits if start <= s and e <= end)
    for _start, e, source_type, entry_id in inside:
        owner = e < end and lower[e] in _POSSESSIVE_IDS
        if owner and any(later[0] > e for later in inside):
            return source_type, entry_id
    return SourceResolver._type_in(start, end, hits)


def _priority(source_type: str) -> int:
    return TYPE_PRIORITY.index(source_type) if source_type in TYPE_PRIORITY else len(TYPE_PRIORITY)


def _with_span(source: Source, span: TextSpan) -> Source:
    return dataclasses.replace(source, span=span)


def _is_definite(words: list) -> bool:
    return bool(words) and words[0].lower_ in ("the", "this", "that")


def _contains_words(words: list[str], part: list[str]) -> bool:
    n = len(part)
    if n == 1:
        return part[0] in words  # the common case ("Kim"), without slicing
    return n > 0 and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _strip_possessive(span: Span) -> Span:
    end = span.end
    while end > span.start and span.doc[end - 1].lower_ in ("'s", "\u2019s", "'", "\u2019"):
        end -= 1
    return span.doc[span.start : end]


def _strip_honorifics(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in HONORIFICS:
        start += 1
    return Span(span.doc, start, span.end, label=span.label)


def _capitalised_runs(doc: Doc) -> list[Span]:
    """Runs of capitalised words, names when there is no NER ("Kim Jong-un", "Yonhap")."""
    return [doc[start:end] for start, end in _capitalised_run_bounds(doc)]


def _capitalised_run_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token bounds of :func:`_capitalised_runs`.

    A hyphen inside a run keeps it going (``Jong-un``, ``Eul-chul``); a sentence-initial
    determiner ("The") does not start one. Computed on token arrays: a Python walk over every
    token was the dearest part of typing sources in ``--fast`` mode.
    """
    n = len(doc)
    if not n:
        return []
    values = doc.to_array([ORTH, SENT_START])
    forms = values[:, 0].tolist()
    known = _SHAPES.get
    shapes = [known(form) for form in forms]
    if None in shapes:
        shapes = [
            shape if shape is not None else _form_shape(doc, form)
            for shape, form in zip(shapes, forms, strict=True)
        ]
    shapes = numpy.array(shapes, dtype="int8")
    first_upper = (shapes & _FIRST_UPPER) != 0
    hyphen = (shapes & _HYPHEN) != 0
    is_alpha = (shapes & _ALPHA) != 0
    determiner = (shapes & _DETERMINER) != 0
    sent_start = values[:, 1].astype("int64") > 0
    # A run opens at a capitalised word (not a sentence-initial determiner) and carries on
    # through capitalised words and hyphenated parts.
    opens = first_upper & is_alpha & ~(sent_start & determiner)
    after_hyphen = numpy.concatenate(([False], hyphen[:-1])) & is_alpha
    goes_on = opens | hyphen | after_hyphen
    # Each stretch of tokens that may continue a run holds one run, from its first opener.
    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], goes_on.view("int8"), [0]))))
    edges = edges.tolist()
    openers = numpy.flatnonzero(opens).tolist()
    hyphens = set(numpy.flatnonzero(hyphen).tolist())
    runs = []
    for start, end in zip(edges[0::2], edges[1::2], strict=True):
        at = bisect_left(openers, start)
        if at < len(openers) and openers[at] < end:
            while end > start and end - 1 in hyphens:
                end -= 1
            if end > openers[at]:
                runs.append((openers[at], end))
    return runs


_FIRST_UPPER, _HYPHEN, _ALPHA, _DETERMINER = 1, 2, 4, 8
#: Word form hash -> its shape bits above, looked up once per process. Each is a property
#: of the lexeme (its text, IS_ALPHA, LOWER), so the same for every token of that form.
_SHAPES: dict[int, int] = {}


def _form_shape(doc: Doc, form: int) -> int:
    shape = _SHAPES.get(form)
    if shape is None:
        lexeme = doc.vocab[form]
        text = lexeme.orth_
        shape = (
            (_FIRST_UPPER if text[:1].isupper() else 0)
            | (_HYPHEN if text == "-" else 0)
            | (_ALPHA if lexeme.is_alpha else 0)
            | (_DETERMINER if lexeme.lower_ in DETERMINERS else 0)
        )
        _SHAPES[form] = shape
    return shape


def _trim_hyphens(span: Span) -> Span:
    end = span.end
    while end > span.start and span.doc[end - 1].text == "-":
        end -= 1
    return span.doc[span.start : end]


def _head_token(mention: Span):
    """The head of a mention: the parser's root, or the last word before "of", "," or "who"."""
    if mention[0].has_dep():  # per token: doc.has_annotation walks the whole Doc
        return mention.root
    head = None
    for token in mention:
        if token.lower_ in ("of", ",", "who", "which", "that", "from", "at", "with"):
            break
        if not token.is_punct and token.lower_ not in ("'s", "\u2019s"):
            head = token
    return head if head is not None else mention[-1]


def _is_name_token(token, tagged: bool, common_nouns: set[str]) -> bool:
    if token.lower_ in common_nouns or token.lower_ in HONORIFICS:
        return False
    if tagged:
        return token.pos_ == "PROPN"
    return token.text[:1].isupper() and (token.is_alpha or "-" in token.text)


def _name_in(mention: Span, common_nouns: set[str]) -> str | None:
    """The proper name a mention is about ("Kim Jong Un" in "leader Kim Jong Un"), or None.

    The mention is named when its head is a name (a run of PROPN tokens with a tagger, of
    capitalised words without one) or when a name owns it ("South Korea's spy agency"); a
    capitalised common noun ("Analysts say") or a national adjective before a common noun
    ("South Korean lawmakers") is not a name.
    """
    doc = mention.doc
    tagged = bool(mention[0].tag_)
    head = _head_token(mention)
    if _is_name_token(head, tagged, common_nouns):
        start = end = head.i
        while start > mention.start and (
            _is_name_token(doc[start - 1], tagged, common_nouns) or doc[start - 1].text == "-"
        ):
            start -= 1
        while end + 1 < mention.end and (
            _is_name_token(doc[end + 1], tagged, common_nouns)
            or doc[end + 1].text == "-"
            or doc[end].text == "-"  # the lowercase half of a hyphenated name: Eul-chul
        ):
            end += 1
        return doc[start : end + 1].text
    for token in mention:
        if token.lower_ in ("'s", "\u2019s") and token.i > mention.start:
            owner = doc[token.i - 1]
            if _is_name_token(owner, tagged, common_nouns):
                words = [t for t in mention if t.lower_ not in DETERMINERS]
                return doc[words[0].i : mention.end].text if words else mention.text
    return None
