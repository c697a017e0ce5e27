"""The words of a source mention, and the tables speaker resolution reads them with.

Source types and their priority, pronouns, determiners, honorifics and entity labels; the
bounds of a name's descriptors and appositions, its core, its head and its capitalised runs;
the typed words a mention holds. In: spaCy tokens and spans. Out: plain values.
:mod:`framing.annotate.sources` resolves speakers with them.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.strings import hash_string
from spacy.symbols import ADP, AUX, CCONJ, PRON, VERB
from spacy.tokens import Doc, Span

from framing.annotate.records import Source, TextSpan

UNKNOWN_TYPE = "unknown"
STATE_MEDIA_TYPE = "state_media"
GOVERNMENT_TYPE = "government"
ANONYMOUS_TYPE = "anonymous"
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
POSSESSIVE_IDS = frozenset(hash_string(word) for word in ("'s", "\u2019s", "'", "\u2019"))
_HYPHEN_ID = hash_string("-")
_SPACE_IDS = frozenset(hash_string(space) for space in ("\xa0", " ", "\u2009", "\u202f"))
#: Parts of speech that end the words describing a name (see descriptor_start_of).
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
HONORIFIC_IDS = frozenset(hash_string(word) for word in HONORIFICS)


@dataclass
class Entity:
    """A named entity seen in the text: its canonical name and what we know of it."""

    name: str
    start_char: int
    is_person: bool
    titles: set[str]  # title words right before the name: "leader" in "leader Kim Jong Un"
    descriptors: set[str]  # every word of that run: "dictator" in "Communist dictator Kim"
    source_type: str = UNKNOWN_TYPE
    entry_id: str | None = None
    aged: bool = False  # an age follows this mention: "Jimmy Tompkins, 31," (age_after)


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


def type_in(start: int, end: int, hits: list[tuple[int, int, str, str]]):
    if isinstance(hits, TypeHits):
        inside = hits.inside(start, end)
    else:
        inside = [(t, i) for s, e, t, i in hits if start <= s and e <= end]
    if not inside:
        return UNKNOWN_TYPE, None
    return min(inside, key=lambda hit: _priority(hit[0]))


def descriptor_start_of(columns: list[list[int]], start: int) -> int:
    """Where the words describing a name begin: "North Korean leader" before "Kim Jong Un".

    Walks back from token ``start`` over the columns (LOWER, IS_ALPHA, ORTH, POS, ...) of a
    Doc, over words (capitalised or not) up to a determiner, punctuation or a verb-like
    break, at most four words, so that a neighbouring clause ("praised the soldiers, Kim")
    does not lend the name its nouns.
    """
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


#: Words that make the title after them a past one ("former Secretary of State", "Retired
#: Lt. Gen."), looked for among the few tokens before the title.
_PAST_TITLE_IDS = frozenset(
    hash_string(word) for word in ("former", "ex", "ex-", "then", "retired")
)
_PAST_TITLE_REACH = 3


def title_start_of(columns: list[list[int]], first: int, name_start: int, hits) -> int:
    """Where the words describing a name begin once a title the descriptor walk stopped
    inside is taken whole.

    :func:`descriptor_start_of` stops at a token that is not a plain word, so "Sen." in
    "Massachusetts Sen. Elizabeth Warren" and "of" in "Secretary of State Jon Husted" ended it
    and the name got no title. A typing hit (a lexicon phrase) that covers the token where the
    walk stopped and ends within the walked words is a title all the same: the walk goes on
    from its start. A past title is left as the walk left it: in 2016 news "former Secretary
    of State Hillary Clinton" speaks as a candidate, "Retired Lt. Gen. Michael Flynn" as
    Trump's adviser, and the guidelines type a former office holder campaigning as political.
    """
    lower = columns[0]
    for hit_start, hit_end, _type, _entry_id in hits:
        if hit_start < first <= hit_end <= name_start:
            before = lower[max(0, hit_start - _PAST_TITLE_REACH) : hit_start]
            if any(word in _PAST_TITLE_IDS for word in before):
                return first
            return descriptor_start_of(columns, hit_start)
    return first


#: Entry id of the age rule (as a lexicon entry's id names its entry).
AGE_ENTRY_ID = "rule.age_after_name"
_OLDEST_AGE = 110


def age_after(columns: list[list[int]], end: int, strings) -> bool:
    """Whether an age set off by commas follows a name: "Jimmy Tompkins, 31, tossed a
    football", "Donna Sampson Rawlings, 59, of Ashton, Md.". News gives the ages of people it
    quotes as themselves, seldom of officials. ``strings``: the Doc's StringStore."""
    orth = columns[2]
    if end + 2 >= len(orth) or orth[end] != _COMMA_ID or orth[end + 2] not in _CLOSING_IDS:
        return False
    word = strings[orth[end + 1]]
    return word.isdigit() and 0 < int(word) <= _OLDEST_AGE


def typed_by_age(sources: list[Source | None], entities: list[Entity]) -> list[Source | None]:
    """The sources, with the names the rules and the learned fallback left ``unknown`` typed
    ``public`` when some mention of the name has an age after it (:func:`age_after`). It comes
    last: a title, an apposition or the words around the name say more than an age ("Mr.
    Clarke, 61," runs coal mines: the learned fallback reads that, the age does not)."""
    aged = {entity.name.split()[-1] for entity in entities if entity.aged}
    if not aged:
        return sources
    return [
        dataclasses.replace(source, source_type=PUBLIC_TYPE, entry_id=AGE_ENTRY_ID)
        if source is not None and source.named and source.source_type == UNKNOWN_TYPE
        and source.entity.split() and source.entity.split()[-1] in aged
        else source
        for source in sources
    ]


#: At most this many words in an apposition that types the name before it.
_APPOSITION_WORDS = 10
_COMMA_ID = hash_string(",")
#: Tokens that close an apposition: "Loretta Lynch, the attorney general, said".
_CLOSING_IDS = frozenset(hash_string(p) for p in (",", ".", ";", ")", "--", "\u2014"))
_APPOSITION_BREAK_POS = frozenset({VERB, AUX, PRON, CCONJ})
#: Relative pronouns that close an apposition: "Douglas Holtz-Eakin, an economist who served
#: as director of the Congressional Budget Office" (the apposition is "an economist").
_RELATIVE_IDS = frozenset(hash_string(word) for word in ("who", "whom", "whose", "which"))


def apposition_bounds_of(columns: list[list[int]], end: int) -> tuple[int, int] | None:
    """The tokens of an apposition right after a name, if there is one: "the attorney general"
    in "Loretta Lynch, the attorney general, said", "a Republican tax consultant" in "Ryan Ellis,
    a Republican tax consultant." (the roles a writer gives a name after it, as often as before).

    It must be closed by punctuation (or the text's end) before any verb or pronoun, so that
    "Clinton, police said" lends Clinton nothing, or by a relative pronoun after at least one
    word ("an economist who served as ..."; "Clinton, who said" has no apposition).
    """
    lower, is_alpha, orth, pos = columns[:4]
    n = len(lower)
    if end >= n or orth[end] != _COMMA_ID:
        return None
    start = stop = end + 1
    while stop < n and stop - start < _APPOSITION_WORDS:
        if orth[stop] in _CLOSING_IDS or (stop > start and lower[stop] in _RELATIVE_IDS):
            break
        if pos[stop] in _APPOSITION_BREAK_POS:
            return None
        if not (is_alpha[stop] or orth[stop] == _HYPHEN_ID or lower[stop] in POSSESSIVE_IDS):
            return None
        stop += 1
    closed = stop == n or orth[stop] in _CLOSING_IDS or lower[stop] in _RELATIVE_IDS
    if stop == start or not closed:
        return None
    return start, stop


#: Entries whose words after a name make it a candidate's: "the Trump campaign", "Clinton's
#: running mate", "Sanders surrogates" (sources.yaml).
CANDIDACY_ENTRIES = frozenset({"src.candidate", "src.operative"})
#: Entries whose words are campaign talk about someone running ("the nominee", "these
#: candidates", "the campaign") or the race itself ("the nomination", "the primaries", "a
#: presidential debate"), not a party's hands at work ("a GOP strategist").
CAMPAIGN_TALK_ENTRIES = frozenset({"src.candidate", "src.campaign_event"})
CANDIDACY_TYPE = "political"


def candidacy_after(lower: list[int], end: int, candidacies: dict[int, str]) -> str | None:
    """The candidacy entry right after a name (over a possessive), if any: a name that owns a
    campaign or a running mate is a candidate's, though the text never calls it one.
    ``candidacies``: start token -> entry id of the candidacy hits of the Doc."""
    if end < len(lower) and lower[end] in POSSESSIVE_IDS:
        end += 1
    return candidacies.get(end)


def typed_anywhere(name: str, entities: list[Entity]) -> Entity | None:
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
            contains_words(other, words) or contains_words(words, other)
        ):
            return entity
    return None


#: The characters around a mention a reader types it from (the labelling guidelines'
#: window, tests/gold/source_types/README.md): 300 before it, 60 after.
WINDOW_BEFORE = 300
WINDOW_AFTER = 60
#: Types a role named elsewhere in the article gives a name ("Sen. Bernie Sanders" in the
#: first paragraph, "the billionaire businessman" in the fifth) that campaign talk in a
#: mention's window outweighs: there the person speaks as a candidate, as a reader of the
#: window types him (an office named in the window still wins).
CAMPAIGN_OUTWEIGHS = frozenset({GOVERNMENT_TYPE, "business"})
#: Entry id of the rule typing such a mention political.
CAMPAIGN_WINDOW_ENTRY_ID = "rule.campaign_window"


def in_window(start_char: int, end_char: int, span: TextSpan) -> bool:
    """Whether text at [start_char, end_char) lies in a mention's window
    (:data:`WINDOW_BEFORE` characters before it to :data:`WINDOW_AFTER` after)."""
    return span.start - WINDOW_BEFORE <= start_char and end_char <= span.end + WINDOW_AFTER


def typed_by_campaign_window(
    source: Source | None,
    own_type: str,
    campaign_spans: list[tuple[int, int]],
    office_starts: list[int],
    entities: list[Entity],
) -> Source | None:
    """A source typed by a role the article gives the name outside the mention's window,
    retyped political when the window holds campaign talk (:data:`CAMPAIGN_TALK_ENTRIES`
    words: "nominee", "candidates", "campaign") and names no such role for the same name,
    nor any office in the characters before the mention ("In defeat, the president appeared
    cowed. Campaigning against Mitt Romney in 2012, he ...": "he" may be the president).

    ``own_type``: the type the mention's own words give (kept whatever the window says:
    "Sen. Ted Cruz" is government at a rally); ``campaign_spans``: character bounds of the
    Doc's campaign words; ``office_starts``: where the Doc's words of the source's type
    begin ("the president", "minister"); ``entities``: the Doc's names, each typed by its
    own title words.
    """
    if source is None or source.source_type not in CAMPAIGN_OUTWEIGHS:
        return source
    if own_type == source.source_type:
        return source
    span = source.span
    if not any(in_window(start, end, span) for start, end in campaign_spans):
        return source
    if any(span.start - WINDOW_BEFORE <= start < span.start for start in office_starts):
        return source
    surname = source.entity.split()[-1].lower() if source.entity.split() else ""
    for entity in entities:
        words = entity.name.lower().split()
        if (
            words and words[-1] == surname and entity.source_type == source.source_type
            and in_window(entity.start_char, entity.start_char + len(entity.name), span)
        ):
            return source
    return dataclasses.replace(
        source, source_type=CANDIDACY_TYPE, entry_id=CAMPAIGN_WINDOW_ENTRY_ID
    )


def relative_antecedent(pronoun) -> Span | None:
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


#: Types a mention does not pass to the other mentions of its entity (see share_types).
_UNSHARED_TYPES = frozenset({UNKNOWN_TYPE, ANONYMOUS_TYPE})


def share_types(
    sources: list[Source | None], organ_names: set[str] = frozenset()
) -> list[Source | None]:
    """Give every mention of a named entity the type its first typed mention had.

    "Communist dictator Kim Jong-un of North Korea" is typed once; the later "Kim" and "he"
    are the same source and keep that type rather than falling back to unknown. An
    ``anonymous`` type is not shared: the unnamed-source word it came from belongs to that
    mention alone ("someone like Mr. Clarke" does not make every "Mr. Clarke" unnamed).
    """
    first_type: dict[str, tuple[str, str | None]] = {}
    # A state organ is one whichever words name it: "the leader", "he" and "Kim" are one.
    organs = {
        s.entity
        for s in sources
        if s is not None and (s.named and s.state_organ or s.entity.lower() in organ_names)
    }
    for source in sources:
        if source is not None and source.named and source.source_type not in _UNSHARED_TYPES:
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


def typed_range(start: int, end: int, hits, lower) -> tuple[str, str | None]:
    """The type of tokens [start, end) (a mention, the words before a name, an apposition),
    from the typing hits in it. Before the priority order, a role owned by a typed body takes
    the body's type: "the campaign's press secretary" is political, "the company's spokesman"
    business, "the union's president" an NGO's (a member of the public owns none: "the
    family's attorneys" are lawyers). A past elective office ("Former President",
    "former Gov.": :data:`PAST_OFFICE_ENTRIES`) is political when nothing else in the words
    types them. (An earlier rule typing every "former" office holder political was dropped:
    former ministers and envoys are labelled government.) A past military rank ("Retired
    Lt. Gen.", "a former CEO": :data:`PAST_UNIFORM_TYPES`) types nothing, nor does a
    default-role followed by the body it serves (:data:`BODY_ROLE_ENTRIES`) nor a public
    word in that body's name, nor a place a person is based in ("a Washington-based
    developer").

    ``lower``: LOWER hashes by token index (a list or a dict), for the possessive.
    """
    inside = sorted((s, e, t, i) for s, e, t, i in hits if start <= s and e <= end)
    for _start, e, source_type, entry_id in inside:
        # A person's lawyer or spokesman is not the person: "one of the family's attorneys"
        # is a lawyer, so a member of the public owns no type.
        owner = e < end and lower[e] in POSSESSIVE_IDS and source_type != PUBLIC_TYPE
        if owner and any(later[0] > e for later in inside):
            return source_type, entry_id
    # The body a role serves ("for", "of") is named after the role: a body named after its
    # members ("the United Mine Workers of America", "Iraq and Afghanistan Veterans of
    # America") is not one of them, so public words there type nothing.
    body_from = min((h[1] for h in inside if _speaks_for_body(h, end, lower)), default=end)
    firm_presidents = [h for h in inside if _president_of_a_firm(h, inside, lower)]
    sought = [h for h in inside if _office_sought(h, inside, lower)]
    # A retired officer is no longer a member of the forces: "Retired Lt. Gen. Michael Flynn"
    # speaks for whoever the article says he now works for, so his old rank does not type him.
    inside = [
        h
        for h in inside
        if not (
            _past_uniform(h, start, lower)
            or _speaks_for_body(h, end, lower)
            or _based_in(h, end, lower)
            or (h[0] >= body_from and h[2] == PUBLIC_TYPE)
            or h in firm_presidents
            or h in sought
        )
    ]
    inside = [h for h in inside if not _served_public(h, inside, lower)]
    past = [h for h in inside if h[3] in PAST_OFFICE_ENTRIES and _past_title(h[0], start, lower)]
    if past:
        rest = [h for h in inside if h not in past]
        source_type, entry_id = type_in(start, end, rest)
        return (source_type, entry_id) if rest else (CANDIDACY_TYPE, PAST_OFFICE_ENTRY_ID)
    return type_in(start, end, inside)


#: Entry id of the rule typing a past office political.
PAST_OFFICE_ENTRY_ID = "rule.past_office"
#: Elective and executive offices (sources.yaml) whose former holders speak as politicians:
#: "Former President Bill Clinton" at a campaign stop, "Former Pennsylvania Gov. Ed Rendell"
#: on the party's rules (the guidelines type them political). A former minister or envoy
#: keeps the office's type: he speaks on the state's business ("Jorge Castañeda, a former
#: Mexican foreign minister", on Mexico's options).
PAST_OFFICE_ENTRIES = frozenset(
    {"src.president", "src.lawmaker", "src.office_abbreviation", "src.administration"}
)


#: Roles whose type is only a default ("a spokesman said", "leader Kim Jong Un", "the CEO",
#: "a veteran"): one followed by the body it serves ("a spokesman for the United Mine Workers
#: of America", "the chief executive of the National Urban League", "a two-decade veteran of
#: the DNC Rules Committee") is that body's, typed by the body's words or not at all. The
#: head of an advocacy group or a think tank is called its chief executive as a company's is.
#: Entry id of the spokesperson title (sources.yaml): "Clinton spokesman Nick Merrill" speaks
#: for Clinton, typed as Clinton is (framing.annotate.sources).
SPOKESPERSON_ENTRY = "src.spokesperson"
BODY_ROLE_ENTRIES = frozenset({SPOKESPERSON_ENTRY, "src.leader", "src.executive", "src.veteran"})
_BODY_IDS = frozenset(hash_string(word) for word in ("for", "of"))
_AND_ID = hash_string("and")
#: The head-of-state title and the executive titles (sources.yaml) that say which president
#: one joined to them by "and" is (see _president_of_a_firm).
PRESIDENT_ENTRY = "src.president"
EXECUTIVE_ENTRY = "src.executive"


def _speaks_for_body(hit, end: int, lower) -> bool:
    """Whether a default role names the body it serves right after it, or after a second
    title joined to it ("founder and CEO of Iraq and Afghanistan Veterans of America")."""
    if hit[3] not in BODY_ROLE_ENTRIES or hit[1] >= end:
        return False
    after = hit[1] + 2 if lower[hit[1]] == _AND_ID else hit[1]
    return after < end and lower[after] in _BODY_IDS


def _president_of_a_firm(hit, inside, lower) -> bool:
    """Whether a "president" is joined by "and" to an executive title: "the club's president
    and general manager", "president and CEO of the National Urban League", "founder and
    president". No head of state is also a firm's chief, so the president is the firm's (or
    the body's the executive title serves), typed by the executive title's rules."""
    if hit[3] != PRESIDENT_ENTRY:
        return False
    return any(
        other[3] == EXECUTIVE_ENTRY
        and (
            (other[0] == hit[1] + 1 and lower[hit[1]] == _AND_ID)
            or (hit[0] == other[1] + 1 and lower[other[1]] == _AND_ID)
        )
        for other in inside
    )


_FOR_ID = hash_string("for")


def _office_sought(hit, inside, lower) -> bool:
    """Whether an office is the one a candidate runs for: "the major Democratic candidates
    for president" hold no office, they seek it."""
    return hit[2] == GOVERNMENT_TYPE and any(
        other[3] in CANDIDACY_ENTRIES and other[1] == hit[0] - 1 and lower[other[1]] == _FOR_ID
        for other in inside
    )


#: Prepositions between a role and whom it serves: "a political adviser to the Ricketts family".
_SERVING_IDS = frozenset(hash_string(word) for word in ("to", "for", "of"))


def _served_public(hit, inside, lower) -> bool:
    """Whether a public word names whom another role in the words serves ("a longtime
    political adviser to the Ricketts family", "a lawyer for the family"): the person holds
    the role, the public is the client."""
    if hit[2] != PUBLIC_TYPE:
        return False
    return any(
        other[2] != PUBLIC_TYPE and other[1] <= hit[0]
        and any(lower[i] in _SERVING_IDS for i in range(other[1], hit[0]))
        for other in inside
    )


_BASED_IDS = (hash_string("-"), hash_string("based"))


def _based_in(hit, end: int, lower) -> bool:
    """Whether a hit is the place a person works in: "a Washington-based developer" is no
    government."""
    after = tuple(lower[i] for i in range(hit[1], min(end, hit[1] + 2)))
    return after == _BASED_IDS


#: Types whose titles a past word ("retired", "former") before them takes away: a retired
#: officer is no member of the forces, a former chief executive no voice of the company
#: ("Fiorina, the former Hewlett-Packard CEO" speaks as a candidate).
PAST_UNIFORM_TYPES = frozenset({"military", "business"})


def _past_uniform(hit, start: int, lower) -> bool:
    """Whether a typing hit is a rank or post held no longer: "Retired Lt. Gen.", "former
    general", "the former CEO"."""
    return hit[2] in PAST_UNIFORM_TYPES and _past_title(hit[0], start, lower)


def _past_title(title_start: int, start: int, lower) -> bool:
    """Whether a past word ("former", "ex-", "retired") comes within a few words before a
    title, inside the words typed from [start, ...). A hyphen is no word: "the former
    Hewlett-Packard CEO" has two words between "former" and the title."""
    words = 0
    i = title_start - 1
    while i >= start and words < _PAST_TITLE_REACH:
        if lower[i] in _PAST_TITLE_IDS:
            return True
        words += lower[i] != _HYPHEN_ID
        i -= 1
    return False


def _priority(source_type: str) -> int:
    return TYPE_PRIORITY.index(source_type) if source_type in TYPE_PRIORITY else len(TYPE_PRIORITY)


def with_span(source: Source, span: TextSpan) -> Source:
    return dataclasses.replace(source, span=span)


def is_definite(words: list) -> bool:
    return bool(words) and words[0].lower_ in ("the", "this", "that")


def contains_words(words: list[str], part: list[str]) -> bool:
    n = len(part)
    if n == 1:
        return part[0] in words  # the common case ("Kim"), without slicing
    return n > 0 and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def strip_possessive(span: Span) -> Span:
    end = span.end
    while end > span.start and span.doc[end - 1].lower_ in ("'s", "\u2019s", "'", "\u2019"):
        end -= 1
    return span.doc[span.start : end]


def strip_honorifics(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in HONORIFICS:
        start += 1
    return Span(span.doc, start, span.end, label=span.label)


def _capitalised_runs(doc: Doc) -> list[Span]:
    """Runs of capitalised words, names when there is no NER ("Kim Jong-un", "Yonhap")."""
    return [doc[start:end] for start, end in capitalised_run_bounds(doc)]


def capitalised_run_bounds(doc: Doc) -> list[tuple[int, int]]:
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


#: Words that join two sources in one mention ("Trump and the Obama administration").
CONJUNCTIONS = frozenset({"and", "or", "nor", "&"})


def first_conjunct(mention: Span) -> Span | None:
    """The first of the sources a mention joins, when the parser joins them at its head:
    "Developers and supporters in Congress" -> "Developers". None for one source, for a
    conjunction inside a name's words ("the House and Senate Democrats" joins modifiers, not
    speakers) and without a parser."""
    root = head_token(mention)
    if not root.has_dep():
        return None
    joined = [c.i for c in root.children if c.dep_ == "conj" and mention.start <= c.i < mention.end]
    if not joined or joined[0] < root.i:
        return None
    for token in mention.doc[root.i + 1 : joined[0]]:
        if token.lower_ in CONJUNCTIONS:
            first = mention.doc[mention.start : token.i]
            while len(first) > 1 and first[-1].is_punct:
                first = first[:-1]
            return first if len(first) and not first[-1].is_punct else None
    return None


def head_token(mention: Span):
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


def name_in(mention: Span, common_nouns: set[str]) -> str | None:
    """The proper name a mention is about ("Kim Jong Un" in "leader Kim Jong Un"), or None.

    The mention is named when its head is a name (a run of PROPN tokens with a tagger, of
    capitalised words without one) or when a name owns it ("South Korea's spy agency"); a
    capitalised common noun ("Analysts say") or a national adjective before a common noun
    ("South Korean lawmakers") is not a name.
    """
    doc = mention.doc
    tagged = bool(mention[0].tag_)
    head = head_token(mention)
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
