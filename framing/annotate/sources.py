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
  (``the campaign's press secretary`` is political): :func:`typed_range`. When several
  role words apply, :data:`TYPE_PRIORITY` picks the most specific (an office beats a party:
  ``Republican Sen. Ted Cruz`` is government); a past elective office is political
  (``Former President Bill Clinton``). A title is read whole even where it is no plain word
  (``Massachusetts Sen. Elizabeth Warren``, ``Secretary of State Jon Husted``:
  :func:`title_start_of`). A name nothing else types, not even the learned fallback, is the
  public when an age follows one of its mentions (``Jimmy Tompkins, 31,``). A pronoun or
  short mention takes the type of the entity it resolves to; ``I`` outside quote marks is
  the writer (``media_outlet``). A name typed government or business by a role named
  outside a mention's window (300 characters before, 60 after) is political where that
  window talks of the campaign and names no such role (:func:`typed_by_campaign_window`).
  Scored against 530 hand-labelled PolNeAR sources (three
  files, all read for errors by now: design data): :mod:`framing.evaluation.source_types`.
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
from collections.abc import Iterable, Sequence

from spacy.attrs import IDX, IS_ALPHA, LOWER, ORTH, POS
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from framing.annotate.doc_extensions import doc_text
from framing.annotate.records import Source, TextSpan
from framing.annotate.source_typing import load_default_model, type_by_context
from framing.annotate.source_words import (
    CAMPAIGN_OUTWEIGHS,
    CAMPAIGN_TALK_ENTRIES,
    CANDIDACY_ENTRIES,
    CANDIDACY_TYPE,
    DETERMINERS,
    EVIDENCE_TYPES,
    GOVERNMENT_TYPE,
    GROUP_LABELS,
    GROUP_PRONOUNS,
    HONORIFIC_IDS,
    NAME_LABELS,
    PERSON_PRONOUNS,
    PLACE_LABELS,
    POSSESSIVE_IDS,
    PUBLIC_TYPE,
    RELATIVE_PRONOUNS,
    SPOKESPERSON_ENTRY,
    STATE_MEDIA_TYPE,
    UNKNOWN_TYPE,
    WRITER_ENTITY,
    WRITER_PRONOUNS,
    WRITER_TYPE,
    Entity,
    TypeHits,
    age_after,
    apposition_bounds_of,
    candidacy_after,
    capitalised_run_bounds,
    contains_words,
    core_mention,
    descriptor_start_of,
    first_conjunct,
    head_token,
    is_definite,
    name_in,
    relative_antecedent,
    share_types,
    strip_honorifics,
    strip_possessive,
    title_start_of,
    typed_anywhere,
    typed_by_age,
    typed_by_campaign_window,
    typed_range,
    with_span,
)
from framing.lexicon.load import Lexicons
from framing.lexicon.matching import EntryMatcher


def speaker_source_types(lexicons: Lexicons) -> tuple[str, ...]:
    """The source types a speaker can have, for the source-mix columns: the categories of
    sources.yaml without the evidence ones (images and documents have no speaker), and
    ``unknown``."""
    categories = [c for c in lexicons.categories["sources"] if c not in EVIDENCE_TYPES]
    return tuple(dict.fromkeys([*categories, UNKNOWN_TYPE]))


#: Parts of speech of a mention's head that make it a clause, not a noun phrase.
CLAUSE_HEAD_POS = frozenset({"VERB", "AUX"})


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
        return typed_range(span.start, span.end, hits, lower)

    def head_type(self, mention: Span, hits) -> str | None:
        """The type of the typing hit that covers the mention's head word, if any: "Images
        released by KCNA" is images (visual), though KCNA inside it is state media."""
        hit = self.head_hit(mention, hits)
        return hit[0] if hit is not None else None

    def head_hit(self, mention: Span, hits) -> tuple[str, str] | None:
        """(source type, entry id) of the typing hit that covers the mention's head word."""
        head = head_token(core_mention(mention)).i
        for start, end, source_type, entry_id in hits:
            if start <= head < end:
                return source_type, entry_id
        return None

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

    def entities(self, doc: Doc, hits=None, text: str | None = None) -> list[Entity]:
        """Names in the text, in order, each with the title words just before it.

        Reads token arrays, not Token objects (a Doc has dozens of capitalised runs). A
        stripped name has no entity label (stripping a possessive makes a plain slice), so
        a name counts as a person when it has two words or more: the rules as they stand.
        """
        hits = self.type_hits(doc) if hits is None else hits
        if self._ents:
            bounds = [(ent.start, ent.end) for ent in self._ents if ent.label_ in NAME_LABELS]
        else:
            bounds = capitalised_run_bounds(doc)
        if not bounds:
            return []
        strings = doc.vocab.strings
        text = doc_text(doc) if text is None else text
        columns = doc.to_array([LOWER, IS_ALPHA, ORTH, POS, IDX]).T.tolist()
        lower, _alpha, orth, _pos, idx = columns
        found = []
        candidacies = {s: i for s, _e, _t, i in hits if i in CANDIDACY_ENTRIES}
        owned: list[tuple[Entity, str]] = []  # spokespeople and the names that own them
        for start, end in bounds:
            # strip_possessive, strip_honorifics, self._strip_titles, on hashes.
            while end > start and lower[end - 1] in POSSESSIVE_IDS:
                end -= 1
            while start < end - 1 and lower[start] in HONORIFIC_IDS:
                start += 1
            while start < end - 1 and lower[start] in self._title_ids:
                start += 1
            if end == start:
                continue
            first = title_start_of(columns, descriptor_start_of(columns, start), start, hits)
            descriptors = {strings[lower[i]] for i in range(first, start)}
            titles = {word for word in descriptors if word in self.title_words}
            start_char = idx[start]
            name = text[start_char : idx[end - 1] + len(strings[orth[end - 1]])]
            entity = Entity(name, start_char, end - start >= 2, titles, descriptors)
            entity.source_type, entity.entry_id = typed_range(first, end, hits, lower)
            if entity.source_type in EVIDENCE_TYPES and first < start:
                # A name is no document or image: "A killing and video test Emanuel's
                # political skill" (a headline) gives Emanuel no title, only its own words
                # may ("the Pew Research Center").
                entity.source_type, entity.entry_id = typed_range(start, end, hits, lower)
            if entity.source_type == UNKNOWN_TYPE:
                apposition = apposition_bounds_of(columns, end)
                if apposition is not None:
                    entity.source_type, entity.entry_id = typed_range(*apposition, hits, lower)
            if entity.source_type == UNKNOWN_TYPE:
                entity.entry_id = candidacy_after(lower, end, candidacies)
                if entity.entry_id is not None:
                    entity.source_type = CANDIDACY_TYPE
            entity.aged = age_after(columns, end, strings)
            found.append(entity)
            owner = self._spokesperson_owner(entity, first, start, hits, columns, strings)
            if owner is not None:
                owned.append((entity, owner))
        for entity, owner in owned:
            typed_owner = next(
                (e for e in found if e.source_type != UNKNOWN_TYPE and e.name.split()
                 and e.name.split()[-1].lower() == owner and e.entry_id != SPOKESPERSON_ENTRY),
                None,
            )
            if typed_owner is not None:
                entity.source_type, entity.entry_id = typed_owner.source_type, typed_owner.entry_id
        return found

    @staticmethod
    def _spokesperson_owner(entity, first, start, hits, columns, strings) -> str | None:
        """The name a spokesperson title is owned by, lowercased ("clinton" in "Clinton
        spokesman Nick Merrill"), when the title typed the entity: a spokesperson speaks for
        whoever the name is (a candidate's is a campaign's), not for a government by default."""
        if entity.entry_id != SPOKESPERSON_ENTRY:
            return None
        orth = columns[2]
        for hit_start, hit_end, _type, entry_id in hits:
            if entry_id == SPOKESPERSON_ENTRY and first < hit_start and hit_end <= start:
                word = strings[orth[hit_start - 1]]
                return word.lower() if word[:1].isupper() and word.isalpha() else None
        return None

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
        shared = share_types(sources, organ_names)
        if self.type_model is not None:
            shared = type_by_context(doc, shared, self.type_model)
        shared = typed_by_age(shared, entities)
        shared = self._typed_by_campaign_window(doc, mentions, shared, hits, entities)
        return [
            self._with_organ_conjunct(mention, source, entities, organ_names)
            for mention, source in zip(mentions, shared, strict=True)
        ]

    def _typed_by_campaign_window(self, doc, mentions, sources, hits, entities):
        """The sources, with a name typed by an office or a business role named outside a
        mention's window typed political where the window talks of the campaign
        (:func:`typed_by_campaign_window`)."""
        campaign_spans = [
            (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
            for start, end, _type, entry_id in hits
            if entry_id in CAMPAIGN_TALK_ENTRIES
        ]
        if not campaign_spans:
            return sources
        office_starts = {
            source_type: [doc[start].idx for start, _end, t, _i in hits if t == source_type]
            for source_type in CAMPAIGN_OUTWEIGHS
        }
        typed = []
        for mention, source in zip(mentions, sources, strict=True):
            if source is not None and mention is not None:
                own_type = self.type_of(core_mention(mention), hits)[0]
                source = typed_by_campaign_window(
                    source, own_type, campaign_spans,
                    office_starts.get(source.source_type, []), entities,
                )
            typed.append(source)
        return typed

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
        head = head_token(core_mention(mention)).i
        return any(
            start <= head < end and entry_id in self.organ_ids for start, end, _t, entry_id in hits
        )

    def _resolve_one(
        self,
        doc: Doc,
        mention: Span,
        entities: list[Entity],
        previous: list[Source],
        hits: list[tuple[int, int, str, str]],
    ) -> Source:
        text_span = TextSpan.of(mention)
        mention = core_mention(mention)
        # Two sources in one mention: the first is the speaker named and typed, as a reader
        # names "Republican presidential nominee Donald Trump and the Obama administration"
        # by Trump (the office of the second conjunct outranked his candidacy).
        first = first_conjunct(mention)
        if first is not None:
            source = self._resolve_one(doc, first, entities, previous, hits)
            return with_span(source, text_span)
        words = [t for t in mention if not t.is_punct]
        lowered = " ".join(t.lower_ for t in words)
        earlier = [e for e in entities if e.start_char < mention.start_char]
        mention_type, entry_id = self.type_of(mention, hits)
        if mention_type in EVIDENCE_TYPES or head_token(mention).pos_ in CLAUSE_HEAD_POS:
            # A document or image that is not the head is no speaker's kind: "the ad's narrator"
            # is whoever made the ad. A mention headed by a verb is a clause taken for a
            # speaker ("In the Wells Fargo scandal, people were charged fees"): its words are
            # not the name's ("people" made every "Wells Fargo" the public).
            mention_type, entry_id = UNKNOWN_TYPE, None
        # A document or an image is what the mention is about when its head is one, whoever
        # is named before it: "A Bloomberg poll", "a Government Accountability Office report".
        # An author after it ("a new report by Politico") is the source the mention names.
        head = self.head_hit(mention, hits)
        authored = any(t.lower_ == "by" for t in mention)
        if head is not None and head[0] in EVIDENCE_TYPES and not authored:
            mention_type, entry_id = head
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
                return with_span(target, text_span)
            return Source(text_span, mention.text, UNKNOWN_TYPE, named=False)
        if len(words) == 1 and lowered in RELATIVE_PRONOUNS:
            antecedent = relative_antecedent(words[0])
            if antecedent is not None:
                source = self._resolve_one(doc, antecedent, entities, previous, hits)
                return with_span(source, text_span)
            return Source(text_span, mention.text, UNKNOWN_TYPE, named=False)

        name = name_in(mention, self.common_nouns) or self._entity_in(mention)
        if name is None:
            # A description: "the North Korean leader", "officials", "a source".
            titled = self._titled_person(words, earlier)
            if titled is not None and is_definite(words):
                return Source(text_span, titled.name, titled.source_type, True, titled.entry_id)
            canonical = " ".join(t.lower_ for t in words if t.lower_ not in DETERMINERS)
            return Source(text_span, canonical or mention.text, mention_type, False, entry_id)

        full = self._full_name(name, earlier)
        entity = full if full is not None else None
        source_type, type_entry = mention_type, entry_id
        if source_type == UNKNOWN_TYPE and entity is not None:
            source_type, type_entry = entity.source_type, entity.entry_id
        if source_type == UNKNOWN_TYPE:
            typed = typed_anywhere(entity.name if entity is not None else name, entities)
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
        head = head_token(mention).i
        if not any(s <= head < e and t == STATE_MEDIA_TYPE for s, e, t, _i in hits):
            return None
        for start, end, _type, entry_id in hits:
            if entry_id in self.outlet_names and mention.start <= start and end <= mention.end:
                return entry_id
        return None

    def _antecedent(
        self, pronoun: str, earlier: list[Entity], previous: list[Source]
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

    def _looks_like_person(self, source: Source, entities: list[Entity]) -> bool:
        if source.source_type in (STATE_MEDIA_TYPE, "wire_agency", "media_outlet"):
            # "Yonhap News Agency" is three capitalised words, not a person; "conservative
            # talk radio host Rush Limbaugh" is typed media_outlet by his role, and is one.
            return source.source_type == "media_outlet" and self._named_as_person(source.entity)
        for entity in entities:
            if entity.name == source.entity:
                return entity.is_person
        return len(source.entity.split()) >= 2 and source.source_type not in (
            STATE_MEDIA_TYPE,
            "wire_agency",
            "media_outlet",
        )

    def _full_name(self, name: str, earlier: Iterable[Entity]) -> Entity | None:
        """The longest earlier name holding ``name`` as whole words ("Kim" in "Kim Jong Un")."""
        name_words = name.split()
        best = None
        for entity in earlier:
            words = entity.name.split()
            if contains_words(words, name_words) and (
                best is None or len(words) > len(best.name.split())
            ):
                best = entity
        if best is not None:
            # Types learned on any mention of the same person carry over ("leader Kim Jong Un").
            for entity in earlier:
                if entity.source_type != UNKNOWN_TYPE and contains_words(
                    best.name.split(), entity.name.split()
                ):
                    if best.source_type == UNKNOWN_TYPE:
                        best.source_type, best.entry_id = entity.source_type, entity.entry_id
        return best

    def _titled_person(self, words: list, earlier: list[Entity]) -> Entity | None:
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
                return self._strip_titles(strip_honorifics(strip_possessive(ent))).text
        return None
