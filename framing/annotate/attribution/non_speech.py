"""Words, not acts: whether a relation credits someone with words or a view.

In: a draft (its cue, speaker and content) and the single-word reporting verbs. Out: whether it
counts as an attribution (:func:`credits_words`), and the words by which the rules drop a cue
that reports nothing (``it seems``, ``show up``).

A cue inside a ``non_speech`` hit of ``lexicons/provenance.yaml`` (``signed``, ``acknowledging
a regiment``, ``, referring to``, ``found itself``, ``can expect``) is no attribution. A
relation PolNeAR marks but that credits no words is written to the span groups only, with no
:class:`framing.annotate.records.Attribution`: a learned cue with neither a quote nor a clause
of its own (``welcomed the soldiers home``, ``escalated its support``), a bare demonstrative as
speaker (``This marked ...``), ``seem``/``appear`` describing a look (``appeared injured``).
The span groups are what PolNeAR is scored on; the records are what the sourcing figures
count.
"""

from __future__ import annotations

from spacy.tokens import Token

from framing.annotate.attribution.contents import is_clause
from framing.annotate.attribution.cues import LEARNED_CUE_ID, characterises, negated
from framing.annotate.attribution.draft import Draft

#: "It seems", "there appears to be": with these verbs a dummy subject credits no one.
DUMMY_SUBJECTS = frozenset({"it", "there"})
#: "This marked one of North Korea's deployments": a demonstrative subject credits no one.
DEMONSTRATIVE_SUBJECTS = frozenset({"this", "that", "these", "those"})
IMPERSONAL_VERBS = frozenset({"seem", "appear"})
IMPERSONAL_FORMS = frozenset("seems seemed appears appeared seeming appearing".split())
NON_REPORTING_PARTICLES = frozenset("up off down back in away".split())


def credits_words(draft: Draft, cue_lexicon: dict[str, str]) -> bool:
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
        is_clause(draft.content) or characterises(draft.cue)
    ):
        return False
    if negated(draft.cue) and not is_clause(draft.content):
        # "The two countries have not revealed the exact number": nothing is credited.
        return False
    verb = draft.cue[0]
    if verb.lemma_.lower() in IMPERSONAL_VERBS or verb.lower_ in IMPERSONAL_FORMS:
        following = verb.doc[verb.i + 1 : verb.i + 3]
        return any(t.lower_ in cue_lexicon for t in following if t.lower_ != "to")
    return True


def _is_demonstrative(token: Token) -> bool:
    """ "This marked ...": a demonstrative pronoun, not the relative "that" of "a letter that
    described" (tagged WDT), nor a determiner; without tags, only a sentence's first word."""
    if token.lower_ not in DEMONSTRATIVE_SUBJECTS:
        return False
    if token.tag_:
        return token.tag_ == "DT"
    return token.is_sent_start is True
