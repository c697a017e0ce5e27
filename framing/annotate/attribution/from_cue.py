"""One cue, one draft: a cue's speaker, content and kind, read from the parse or the surface.

In: a cue hit (a lexicon entry's or the learned detector's) and the Doc's context. Out: a
:class:`framing.annotate.attribution.draft.Draft`, or None when the cue reports nothing.

- With a dependency parse, the speaker is the cue verb's subject and the content its clausal
  complement, its object, or the clause it interrupts; a cue verb that reports nothing is
  dropped (``Clinton called Machado``, ``a group called X``, ``needs to tell the truth``,
  ``show up``).
- Without one (``spacy.blank`` or ``--fast``; or a sentence a selective parse left unparsed),
  surface patterns stand in (:mod:`framing.annotate.attribution.speakers`,
  :mod:`framing.annotate.attribution.contents`).

In both modes a direct quote next to the cue (``"...," Kim said`` / ``Kim said: "..."``) is the
content, joined with the quote that carries on right after the cue (``"A," he said. "B."``).
Following textacy's direct-quotation rules, a cue inside a quote is the quoted speaker's, not
the outlet's, and is skipped.
"""

from __future__ import annotations

from spacy.tokens import Span

from framing.annotate.attribution.contents import content_of, surface_content
from framing.annotate.attribution.context import DocContext
from framing.annotate.attribution.cues import (
    ACCORDING_TO_IDS,
    QUOTED_AS_SAYING_ID,
    cites_a_source,
    cue_kind,
    cue_verb,
    finite_verb_form,
    is_bare_infinitive,
    misparsed_finite_cue,
    surface_verb_use,
)
from framing.annotate.attribution.draft import Draft
from framing.annotate.attribution.non_speech import (
    DUMMY_SUBJECTS,
    IMPERSONAL_VERBS,
    NON_REPORTING_PARTICLES,
    credits_words,
)
from framing.annotate.attribution.spans import overlaps, trim
from framing.annotate.attribution.speakers import (
    mention_span,
    noun_phrase_after,
    object_phrase,
    subject_of,
    surface_speaker,
)
from framing.lexicon.load import Entry
from framing.lexicon.matching import Hit


def draft_of(
    context: DocContext,
    hit: Hit,
    source_words: set[str],
    evidence_words: set[str],
    cue_lexicon: dict[str, str],
) -> Draft | None:
    """The draft of one cue hit, or None when the cue reports nothing (or is quoted)."""
    cue, entry = hit.span, hit.entry
    if entry.pattern is not None and len(cue) > 1:
        # A pattern that needs the word after the cue ("continued,", "wants to",
        # "thinks that"): the cue is the verb alone.
        cue = cue[:1]
    if context.in_quote(cue[0]):
        return None  # the quoted speaker's cue, not the outlet's attribution
    sentence = context.sentence(cue[0])
    if entry.id in ACCORDING_TO_IDS:
        return _according_to(context, cue, entry, sentence)
    if cites_a_source(entry.id, cue):
        cited = noun_phrase_after(context.doc, cue.end, sentence.end, context, source_words)
        return Draft("indirect", cue, entry, sentence, cited) if cited is not None else None
    # A selectively parsed Doc (framing.annotate.selective) has parsed and unparsed sentences: a
    # cue without a dependency label is read from the surface.
    if context.parsed and cue[0].has_dep():
        draft = _from_parse(context, cue, entry, sentence, source_words, evidence_words)
    else:
        draft = _from_surface(context, cue, entry, sentence, source_words, evidence_words)
    if draft is None or (draft.speaker is None and draft.content is None):
        return None
    draft.credits_words = credits_words(draft, cue_lexicon)
    return draft


def _according_to(context, cue: Span, entry: Entry, sentence: Span) -> Draft | None:
    """``according to X``: X is the source, the rest of the sentence the content."""
    doc = context.doc
    speaker = object_phrase(doc, cue, sentence)
    if speaker is None:
        return None
    quote = context.adjacent_quote(cue, sentence, speaker)
    span = context.quote_span(quote) if quote is not None else None
    # `According to Limbaugh, "A. B."`: the whole quote, past the sentence's end. Not a quote
    # that only ends the clause before the cue (`The visit became "the high-water mark,"
    # according to …`): the clause is the content.
    if (
        span is not None
        and not overlaps(span, speaker)  # `according to "The Trumps," a biography`: a title
        and (span.start > cue.start or span.start <= trim(sentence).start)
    ):
        content, gap = context.direct_content(quote, cue, sentence)
        if content is not None:
            return Draft("according_to", cue, entry, sentence, speaker, content, True, quote,
                         content_gap=gap)
    # The content is the larger part of the sentence outside "according to X".
    before = trim(doc[sentence.start : cue.start])
    after = trim(doc[speaker.end : sentence.end])
    content = before if len(before) >= len(after) else after
    return Draft("according_to", cue, entry, sentence, speaker, content or None)


def _from_parse(
    context, cue: Span, entry: Entry, sentence: Span, source_words, evidence_words
) -> Draft | None:
    """A cue read from the dependency parse: its verb's subject, object or clause."""
    verb = cue_verb(cue)
    if verb.pos_ not in ("VERB", "AUX") and entry.id != QUOTED_AS_SAYING_ID:
        return None  # "the report", "a note": nouns are not cues here
    if is_bare_infinitive(verb):
        return None  # "needs to tell the truth": an intention, not a report
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        if misparsed_finite_cue(verb):
            return _from_surface(context, cue, entry, sentence, source_words, evidence_words)
        return None  # "a group called Ginbot 7", "a book called ...": naming, not speech
    if any(c.dep_ == "prt" and c.lower_ in NON_REPORTING_PARTICLES for c in verb.children):
        return None  # "show up", "call off", "back down": another verb altogether
    carried = _quoted_by_channel(context, cue, entry, sentence, verb)
    if carried is not None:
        return carried
    kind = cue_kind(entry, verb)
    speaker = subject_of(verb)
    if (
        verb.lemma_ in IMPERSONAL_VERBS
        and speaker is not None
        and speaker[0].lower_ in DUMMY_SUBJECTS
    ):
        return None  # "it seems", "there appears": nobody is credited with anything
    quote = context.adjacent_quote(cue, sentence, speaker)
    own_content = content_of(verb, cue, speaker)
    if (
        quote is not None
        and own_content is not None
        and not overlaps(own_content, context.quote_span(quote))
        and not addressed_before_colon(context, own_content, quote)
    ):
        quote = None  # `X urged Y to do more. "..."`: the verb's own object is the content
    gap = None
    if quote is not None:
        (content, gap), is_direct = context.direct_content(quote, cue, sentence), True
    else:
        content, is_direct = own_content, False
        if content is None:
            return None  # a cue verb that reports nothing: "Clinton called Machado"
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if speaker is None and quote is None and not passive:
        speaker = surface_speaker(context, cue, sentence, source_words, evidence_words)
    if speaker is None and is_direct and content is not None:
        speaker = inverted_speaker(context, cue, sentence, content)
    if kind == "indirect" and is_direct:
        kind = "direct_quote"
    return Draft(kind, cue, entry, sentence, speaker, content, is_direct, quote, content_gap=gap)


def _quoted_by_channel(context, cue: Span, entry: Entry, sentence: Span, verb) -> Draft | None:
    """``KCNA quoted Kim as saying that …`` and ``Kim was quoted by KCNA as saying that …``:
    Kim is the speaker and KCNA the channel that carried his words. None for any other
    shape (a quote before the cue is read as any cue's)."""
    if verb.lemma_ != "quote":
        return None
    saying = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
              for g in c.children if g.lower_ == "saying"]
    quoted = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not quoted or not saying:
        return None
    if quoted[0].dep_ == "dobj":
        channel = subject_of(verb)
    else:
        carriers = [o for a in verb.children if a.dep_ == "agent"
                    for o in a.children if o.dep_ == "pobj"]
        channel = mention_span(carriers[0]) if carriers else None
    clauses = [c for c in saying[0].children if c.dep_ in ("ccomp", "xcomp")]
    after = saying[0].i + 1
    if after < len(context.doc) and context.doc[after].text in (",", ":"):
        after += 1  # `as saying: "..."`
    quote = context.quote_starting_at(after)
    if quote is not None:
        content, gap = context.direct_content(quote, cue, sentence)
        is_direct = True
    elif clauses:
        content = trim(context.doc[clauses[0].left_edge.i : clauses[0].right_edge.i + 1])
        gap, is_direct = None, False
    else:
        return None
    draft = Draft("quoted_as_saying", cue, entry, sentence, mention_span(quoted[0]),
                  content or None, is_direct, quote, content_gap=gap)
    draft.channel = channel
    return draft


def _from_surface(
    context, cue: Span, entry: Entry, sentence: Span, source_words, evidence_words
) -> Draft | None:
    """A cue read from the words around it: the sentence has no parse, or one that misreads it."""
    doc = context.doc
    if not surface_verb_use(cue, sentence):
        return None
    speaker = surface_speaker(context, cue, sentence, source_words, evidence_words)
    quote = context.adjacent_quote(cue, sentence, speaker)
    if speaker is None and quote is None and not finite_verb_form(cue[0]):
        return None  # neither a speaker nor a quote, and the word may well be a noun
    kind = cue_kind(entry, cue[0])
    gap = None
    if quote is not None:
        (content, gap), is_direct = context.direct_content(quote, cue, sentence), True
        kind = "direct_quote" if kind == "indirect" else kind
    else:
        content, is_direct = surface_content(doc, cue, speaker, sentence), False
    return Draft(kind, cue, entry, sentence, speaker, content, is_direct, quote, content_gap=gap)


def addressed_before_colon(context, own_content: Span, quote) -> bool:
    """`telling Breitbart London: "..."`: the verb's object is whom it was said to, and the
    quote the colon opens right after it is what was said."""
    span = context.quote_span(quote)
    if span is None or own_content.end >= span.start:
        return False
    between = context.doc[own_content.end : span.start]
    return [t.text for t in between if not t.is_space] == [":"]


def inverted_speaker(context, cue: Span, sentence: Span, content: Span) -> Span | None:
    """``Said Ellis: "…"``, ``Added the spokesman: "…"``: a cue that opens its sentence, with
    its speaker between it and the colon before the quote."""
    doc = context.doc
    if cue.start != trim(sentence).start or content.start <= cue.end:
        return None
    between = doc[cue.end : content.start]
    if not len(between) or between[-1].text != ":":
        return None
    words = trim(doc[cue.end : between[-1].i])
    if not 0 < len(words) <= 4 or words[0].pos_ == "ADP" or any(
            t.pos_ in ("VERB", "AUX") for t in words):
        return None  # `Said on Twitter: "…"`: where, not who
    return words if any(t.pos_ in ("PROPN", "NOUN") for t in words) else None
