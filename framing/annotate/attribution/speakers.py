"""Speakers: who a cue credits.

In: a cue and its sentence. Out: the token span of its speaker, or of what ``according to``
and ``citing`` point at.

- With a dependency parse, the speaker is the cue verb's subject (climbing to the governing
  verb for ``..., adding that`` and ``was quoted as saying``) with its appositive and relative
  clause, or the ``by`` agent of a passive cue.
- Without one (``spacy.blank`` or ``--fast``), surface patterns stand in: the noun phrase just
  before the cue (with an appositive set off by commas), or just after it when inverted after
  a comma or quote (``"...," said Kim``).

Typing and resolving a speaker (who it is, what kind of source) is
:mod:`framing.annotate.sources`' work.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from framing.annotate.attribution.contents import CONTENT_DEPS
from framing.annotate.attribution.context import SKIPPABLE_BEFORE_CUE
from framing.annotate.attribution.spans import after_dateline, trim

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: A participle cue hangs off the verb whose subject speaks: "..., adding that", "saying".
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "prep"})
#: Source types of a news outlet: as a speaker it carries others' words (a chain) or, when it
#: "showed" something, pictures (evidence).
MEDIA_TYPES = frozenset({"state_media", "wire_agency", "media_outlet"})
#: Between a quote and its cue only the speaker may stand: `"...," Kim Jong Un said`.
MAX_SPEAKER_TOKENS = 10
#: An appositive after a name ("a spokesman for the ministry") is at most this long.
MAX_APPOSITIVE_TOKENS = 15
_APPOSITIVE_OPENERS = frozenset("a an the his her its their one who".split())
#: A parsed speaker with its appositive may be longer ("Victor Cha, a Korea scholar at ...").
MAX_MENTION_TOKENS = 25
#: Lowercase words that may sit inside a speaker noun phrase when there is no tagger.
_NP_WORDS = frozenset(
    "the a an his her its their our this these those another one some many several "
    "two three four five senior former top local military intelligence government defense "
    "defence foreign state news agency media spy anonymous other unnamed ruling opposition "
    "presidential official chief deputy vice prime us u.s. 's ’s - of".split()
)
#: Words that start a clause, not a speaker: "that they wrote", "and officials said".
_CLAUSE_OPENERS = frozenset("of - 's ’s and but as because while when if that so".split())
PRONOUNS = frozenset("he she they it we i you who which".split())


def object_phrase(doc: Doc, cue: Span, sentence: Span) -> Span | None:
    """What "according to" points at: its object, or everything up to the next comma."""
    preposition = cue[-1]
    if doc.has_annotation("DEP"):
        objects = [c for c in preposition.children if c.dep_ == "pobj"]
        if objects:
            return _before_main_clause(cue, mention_span(objects[0]), sentence)
    end = cue.end
    while end < sentence.end and end - cue.end < 12:
        token = doc[end]
        if token.text in (",", ";", ":", "(", "\u2014") or token.is_quote or token.is_space:
            break
        end += 1
    span = trim(doc[cue.end : end])
    return span if len(span) else None


def _before_main_clause(cue: Span, mention: Span, sentence: Span) -> Span:
    """``According to … host Rush Limbaugh, the move reeks of "fear"``: when "according to"
    opens the sentence, the sentence's own clause comes after its object, so an object that
    runs to the sentence's end (the parse read "the move reeks" as an appositive) has
    swallowed that clause; the speaker stops at the last comma."""
    doc = mention.doc
    opens = not len(trim(doc[sentence.start : cue.start]))
    runs_to_end = mention.end >= trim(sentence).end or all(
        t.is_punct or t.is_space for t in doc[mention.end : sentence.end])
    commas = [t.i for t in mention if t.text == ","]
    if not (opens and runs_to_end and commas):
        return mention
    cut = trim(doc[mention.start : commas[-1]])
    return cut if len(cut) else mention


def subject_of(verb: Token) -> Span | None:
    """The cue verb's subject, climbing to a governing verb for participles ("..., adding")."""
    token = verb
    for _ in range(3):
        agents = [c for c in token.children if c.dep_ == "agent"]
        if token is verb and not agents:
            agents = _misattached_agents(verb)
        for agent in agents:
            objects = [c for c in agent.children if c.dep_ == "pobj"]
            if objects:
                return mention_span(objects[0])
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            if subjects[0].dep_ == "nsubjpass" and token is verb and not _quoted_as(verb):
                # "Trump was asked", "a deal is expected": the subject is not who speaks.
                return None
            return mention_span(subjects[0])
        if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
            return mention_span(token.head, stop_at=token)
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


def mention_span(head: Token, stop_at: Token | None = None) -> Span:
    """A speaker noun phrase: the head's whole subtree, appositive and relative clause too.

    PolNeAR's sources, like a reader, keep what says who the speaker is ("Victor Cha, a Korea
    scholar at CSIS", "an American official who was briefed on the talks"); typing and
    resolution look only at the core before the clause (see framing.annotate.sources.core_mention).
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
    # A dateline ("New York (AFP) \u2013") is nobody's, even when the parse makes its place
    # the subject's head.
    span = trim(after_dateline(doc[start:end]))
    return span if len(span) else doc[head.i : head.i + 1]


def name_like(token: Token) -> bool:
    return token.text[:1].isupper() or token.lower_ in _NP_WORDS or token.text in ("-", ".")


def _np_token(token: Token, source_words: set[str]) -> bool:
    text = token.text
    if text[:1].isupper() and (token.is_alpha or "-" in text or text.endswith(".")):
        return True
    lowered = token.lower_
    return lowered in _NP_WORDS or lowered in source_words or lowered in PRONOUNS


def surface_speaker(
    context, cue: Span, sentence: Span, source_words: set[str], head_words=frozenset()
) -> Span | None:
    """The noun phrase before the cue ("Kim also said"), or after it ("said Kim").

    An appositive set off by commas goes with the name it describes, on either side:
    "Brian Fallon, a spokesman for Mrs. Clinton, said" and "said Paul Maslin, a pollster".
    ``head_words`` may end the phrase, right before the cue, but not stand inside it.
    """
    doc = context.doc
    index = cue.start - 1
    while index >= sentence.start and doc[index].lower_ in SKIPPABLE_BEFORE_CUE:
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
        after = noun_phrase_after(doc, cue.end, sentence.end, context, source_words)
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
    return trim(doc[name.start : comma])


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
    head_ok = last.text[:1].isupper() or last.lower_ in PRONOUNS or last.lower_ in source_words
    if not head_ok:
        return None
    if end - start == 1 and last.lower_ in ("that", "which"):
        return None
    return doc[start:end]


def noun_phrase_after(doc: Doc, start: int, limit: int, context, source_words=frozenset()):
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
