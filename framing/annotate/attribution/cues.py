"""Cues: which words introduce an attribution, and how a cue verb reads.

In: the reporting-verb lexicon, its hits in a Doc and the learned cue detector. Out: the entry
ids the rules key on, the entries the cue matcher compiles (:func:`cue_entries`), the hits
kept as cues (:func:`with_learned_cues`), and readings of a cue verb: which word is the verb,
what kind of report it makes, whether it is negated, whether it is a verb at all.

A claim is found from its **cue**: a reporting verb or phrase of ``lexicons/reporting_verbs.yaml``
(``said``, ``according to``, ``claimed``, ``believes``...), a colon after a speaker
(``Kim: "..."``, transcript turns ``PENCE: Well, ...``) or a dash signing a quote
(``"..." ― Kim``; both in :mod:`framing.annotate.attribution.punctuation`). The entry's
category is the cue's stance. With a dependency parse the learned cue detector of
:mod:`framing.annotate.attribution.cue_model` (trained on PolNeAR train) decides which words are
cues: it adds the ones the lexicon lacks (``wants``, ``voted for``, ``statement``; no stance,
entry id ``cue.learned``), drops neutral lexicon hits it scores as no cue, and widens a cue the
way PolNeAR marks it (``has not said``, ``said in a statement``). A cue it is sure of is
written to ``doc.spans["cue"]`` even when no speaker or content is found.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from framing.annotate.attribution.context import DocContext
from framing.annotate.attribution.cue_model import DEFAULT_MODEL_PATH, CueModel, quoted_mask
from framing.annotate.attribution.speakers import SUBJECT_DEPS
from framing.lexicon.load import Entry, Lexicons
from framing.lexicon.matching import Hit

LEXICON_NAME = "reporting_verbs"
SHOW_ENTRY_ID = "cue.show"
COLON_ENTRY_ID = "cue.colon"
DASH_ENTRY_ID = "cue.dash"
PUNCTUATION_CUE_IDS = frozenset({COLON_ENTRY_ID, DASH_ENTRY_ID})
ACCORDING_TO_IDS = frozenset({"cue.according_to", "cue.as_per"})
CITING_ENTRY_ID = "cue.cite"
QUOTE_ENTRY_ID = "cue.quote"
QUOTED_AS_SAYING_ID = "cue.quoted_as_saying"
#: The entry id of a cue found by the learned detector on a word the lexicon does not list.
LEARNED_CUE_ID = "cue.learned"
#: Entries whose cue span the rules read as it is ("according to X", "citing X").
_FIXED_SHAPE_IDS = ACCORDING_TO_IDS | {CITING_ENTRY_ID, QUOTED_AS_SAYING_ID}
#: Without tags, a word after one of these is a noun ("the report"), not a cue verb.
_DETERMINER_WORDS = frozenset("the a an this his her its their our my your".split())


def cue_entries(lexicons: Lexicons) -> list[Entry]:
    """The enabled reporting-verb entries the cue matcher compiles. Punctuation cues (":" and
    "―") are left out: they only count in their own shapes
    (:mod:`framing.annotate.attribution.punctuation`)."""
    return [
        e for e in lexicons[LEXICON_NAME] if e.enabled and e.id not in PUNCTUATION_CUE_IDS
    ]


def default_cue_model(has_parser: bool) -> CueModel | None:
    """The shipped learned cue detector; it reads the parse, so a pipeline without a parser
    never needs it."""
    return CueModel.load() if has_parser and DEFAULT_MODEL_PATH.exists() else None


def with_learned_cues(
    context: DocContext,
    hits: list[Hit],
    cue_model: CueModel,
    cue_lexicon: dict[str, str],
    learned_entry: Callable[[str], Entry],
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
    scored = {
        head.i: (head, p)
        for head, p in cue_model.heads(
            doc, mask, cue_lexicon, min(cue_model.threshold, cue_model.veto_threshold)
        )
    }
    heads = {i: head for i, (head, p) in scored.items() if p >= cue_model.threshold}
    kept = []
    confident = set()
    taken: set[int] = set()
    for hit in hits:
        inside = [scored[i][0] for i in range(hit.span.start, hit.span.end) if i in scored]
        if (
            not inside
            and hit.entry.id not in _FIXED_SHAPE_IDS
            and hit.entry.category == "neutral"
            and not misparsed_finite_cue(cue_verb(hit.span))
            and not says_with_subject(cue_verb(hit.span))
            and not cites_a_source(hit.entry.id, hit.span)
        ):
            # The detector is sure this is no cue: "a group called X". A verb with a
            # stance stays, since its stance is what the outlet comparison counts (keeping
            # them cost 0.004 cue F1 on held-out PolNeAR train).
            continue
        span = hit.span
        if inside and hit.entry.pattern is None and hit.entry.id not in _FIXED_SHAPE_IDS:
            wider = cue_model.cue_span(inside[0])
            if wider.start <= span.start and span.end <= wider.end:
                span = wider
        taken.update(range(span.start, span.end))
        kept.append(Hit(span, hit.entry))
        if any(head.i in heads for head in inside):
            confident.add(span.start)
    for index, head in heads.items():
        if index in taken:
            continue
        span = cue_model.cue_span(head)
        if any(i in taken for i in range(span.start, span.end)):
            span = doc[index : index + 1]
        taken.update(range(span.start, span.end))
        kept.append(Hit(span, learned_entry(head.lemma_.lower())))
        confident.add(span.start)
    return sorted(kept, key=lambda hit: hit.span.start), confident


def cue_verb(cue: Span) -> Token:
    """The cue's verb. In "has not said", the verb the cue's other words hang off, not the
    first auxiliary."""
    if cue.root.pos_ in ("VERB", "AUX"):
        return cue.root
    for token in cue:
        if token.pos_ in ("VERB", "AUX"):
            return token
    return cue[0]


def cites_a_source(entry_id: str, cue: Span) -> bool:
    """``…, citing KCNA`` and ``…, quoting KCNA``: a participle naming where the words of the
    attribution it is attached to came from."""
    word = cue[0]
    if entry_id == CITING_ENTRY_ID:
        return word.lower_ == "citing"
    return (entry_id == QUOTE_ENTRY_ID and word.lower_ == "quoting" and word.i > 0
            and word.doc[word.i - 1].text == ",")


def says_with_subject(verb: Token) -> bool:
    """``Kim said``: a finite "say" with its own subject is speech whatever follows it (the
    detector vetoed "the troops were heroes, Kim said, according to KCNA", which lost Kim)."""
    return (
        verb.lemma_ == "say"
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and any(c.dep_ == "nsubj" for c in verb.children)
    )


def misparsed_finite_cue(verb: Token) -> bool:
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


def is_bare_infinitive(verb: Token) -> bool:
    """``needs to tell the truth``: an intention, not a report."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def cue_kind(entry: Entry, verb: Token) -> str:
    """The kind of report a cue makes, before a quote next to it makes it a direct quote."""
    if entry.id == QUOTED_AS_SAYING_ID:
        return "quoted_as_saying"
    lemma = entry.term or ""
    if lemma == "tell":
        return "told"
    if lemma == "report":
        return "reported"
    return "indirect"


def negated(cue: Span) -> bool:
    """Whether the cue verb is negated ("have not revealed", "did not say")."""
    verb = cue_verb(cue)
    return verb.has_dep() and any(c.dep_ == "neg" for c in verb.children)


def characterises(cue: Span) -> bool:
    """``identified the regiment as highly trained engineers``: a verb with an ``as`` phrase
    credits its subject with a characterisation, which is words, not an act."""
    verb = cue_verb(cue)
    return verb.has_dep() and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def finite_verb_form(token: Token) -> bool:
    """Without tags, a past form ("claimed", "said", "told") is a verb, not a noun."""
    lowered = token.lower_
    return lowered.endswith("ed") or lowered in ("said", "told", "wrote", "thought", "felt")


def surface_verb_use(cue: Span, sentence: Span) -> bool:
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
