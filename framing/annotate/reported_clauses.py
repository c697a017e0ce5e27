"""What a source is reported to have said: the clause an attribution credits, and where the
writer's own account of the speaker begins inside it.

In: an :class:`~framing.annotate.records.Attribution` (and its parsed Doc). Out: the reported
clause as a :class:`~framing.annotate.records.TextSpan`, cut before a participle clause that is
the writer's account (``..., continuing to attack Ukraine's cities``). Used by
:mod:`framing.annotate.voice` to tell paraphrase from narration.
"""

from __future__ import annotations

from spacy.tokens import Doc

from framing.annotate.records import Attribution, TextSpan


def reported_clause(attribution: Attribution) -> TextSpan | None:
    """The stretch a source is reported to have said, in quote marks or not.

    Its content; and when the content is not at the sentence's start and the speaker, cue or
    channel come after it (``..., Kim told the parents, KCNA said``), everything from the
    sentence's start up to them: in ``The heroic feats ... were possible because of families
    who are "the most tenacious ...," Kim told the parents`` the whole clause is what Kim told,
    and in ``Kim ... expressed "grief ..." of the fallen men ..., KCNA reported`` the whole
    clause is what KCNA reported.
    """
    content = attribution.content
    if content is None:
        return None
    sentence = attribution.sentence
    if content.start <= sentence.start:
        return content
    points = [s.span.start for s in (attribution.speaker, attribution.channel) if s is not None]
    if attribution.cue is not None:
        points.append(attribution.cue.start)
    postposed = [point for point in points if content.end <= point <= sentence.end]
    if not postposed:
        return content
    text = sentence.text[: min(postposed) - sentence.start].rstrip(" ,;:\u2014\u2013-")
    return TextSpan(sentence.start, sentence.start + len(text), text)


def before_participle_clause(doc: Doc, attribution: Attribution, clause: TextSpan) -> TextSpan:
    """The reported clause up to a participle clause that hangs off the claim: in ``Putin has
    since claimed to "annex" the entire Donbass region ..., continuing to attack Ukraine's
    major cities ...`` the participle clause is the writer's account of what Putin does, not
    part of his claim (see :func:`_is_participle_clause`). Unchanged without a parse."""
    if attribution.cue is None or not doc.has_annotation("DEP"):
        return clause
    span = doc.char_span(clause.start, clause.end, alignment_mode="expand")
    if span is None:
        return clause
    starts = [
        token.left_edge.idx
        for token in span
        if _is_participle_clause(token)
        and token.left_edge.idx > clause.start
        and through_adverbial_clause(doc, TextSpan.of(token), attribution)
    ]
    if not starts:
        return clause
    end = min(starts) - clause.start
    text = clause.text[:end].rstrip(" ,;:\u2014\u2013-")
    return TextSpan(clause.start, clause.start + len(text), text)


def through_adverbial_clause(doc: Doc, span: TextSpan, attribution: Attribution) -> bool:
    """True when the parse links the words of ``span`` to the attribution's cue only through
    a participle clause (an ``advcl`` headed by a participle with no subordinator:
    ``..., continuing to attack ...``), the writer's account of what the speaker does. A
    clause with a subordinator (``because she was "my absolute hero"``, ``if a "decisive
    blow" was struck``) is part of what was said. False without a parse, or when the words
    and the cue do not meet."""
    if attribution.cue is None or not doc.has_annotation("DEP"):
        return False
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    cue = doc.char_span(attribution.cue.start, attribution.cue.end, alignment_mode="expand")
    if words is None or cue is None or not len(words) or not len(cue):
        return False
    cue_tokens = {token.i for token in cue}
    token, crossed = words.root, False
    while token.i not in cue_tokens:
        if token.head.i == token.i:
            return False  # the root: the parse never links them, so trust the content
        crossed = crossed or (
            _is_participle_clause(token) and not _in_finite_clause(token.head, cue_tokens)
        )
        token = token.head
    return crossed


def _in_finite_clause(token, cue_tokens: set[int]) -> bool:
    """True when ``token`` lies inside a reported clause with a subject of its own, below the
    cue. A participle clause there is part of what was reported: in ``It found that more than
    60% kept 1,000 to 2,000 music files ..., making the UK "digitally fat"`` the study found
    the result too. Off the cue, or off an infinitive whose subject is the speaker
    (``Putin has since claimed to "annex" ..., continuing to attack ...``), it is the writer's
    account of what the speaker does."""
    while token.i not in cue_tokens:
        if token.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _is_participle_clause(token) -> bool:
    return (
        token.dep_ == "advcl"
        and token.tag_ in ("VBG", "VBN")
        and not any(child.dep_ == "mark" for child in token.children)
    )
