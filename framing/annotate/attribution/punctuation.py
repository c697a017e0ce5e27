"""Punctuation cues: ``Kim: "We won."``, transcript turns (``PENCE: Well, look...``) and a
quote signed with a dash (``"We won." ― Kim``).

In: the Doc's context, the drafts the word cues made, and the colon and dash entries of
``lexicons/reporting_verbs.yaml``. Out: a direct-quote draft for each colon or dash that
signs a quote or opens a transcript turn. The two entries only count in these shapes, so the
cue matcher leaves them out (:func:`framing.annotate.attribution.cues.cue_entries`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from framing.annotate.attribution.context import DocContext
from framing.annotate.attribution.draft import Draft
from framing.annotate.attribution.spans import trim
from framing.annotate.attribution.speakers import name_like
from framing.lexicon.load import Entry
from framing.read.characters import CLOSING_DOUBLE_QUOTES, CLOSING_SINGLE_QUOTES

#: Characters that can be a cue by themselves, found by regex rather than a walk over tokens.
_PUNCTUATION_CUE = re.compile("[:\u2015\u2014\u2013]")
#: Closing quote marks, which may be glued to the dash after them (`”―`).
QUOTE_CHARS = frozenset("\"'" + CLOSING_DOUBLE_QUOTES + CLOSING_SINGLE_QUOTES)
DASHES = frozenset({"\u2015", "\u2014", "\u2013"})


def punctuation_drafts(
    context: DocContext,
    drafts: Sequence[Draft],
    colon_entry: Entry | None,
    dash_entry: Entry | None,
) -> list[Draft]:
    """``Kim: "We won."``, ``PENCE: Well, look...`` and ``"We won." ― Kim``."""
    taken = {i for d in drafts for i in range(d.cue.start - 1, d.cue.end + 1)}
    contents = [d.content for d in drafts if d.content is not None]
    found = []
    for match in _PUNCTUATION_CUE.finditer(context.text):
        token = context.token_at(match.start())
        if token is None or token.i in taken:
            continue
        taken.add(token.i)
        if token.text == ":" and colon_entry is not None:
            if _opens_credited_words(token, contents):
                continue  # `said on Twitter: "..."`: the verb is the cue, the colon its stop
            draft = _colon_draft(context, token, colon_entry)
        elif token.text[-1:] in DASHES and dash_entry is not None:
            draft = _dash_draft(context, token, dash_entry)
        else:
            continue
        if draft is not None:
            found.append(draft)
    return found


def _opens_credited_words(colon: Token, contents: Sequence[Span]) -> bool:
    """The words after the colon are already a word cue's content (`said on Twitter: "..."`)."""
    after = colon.i + 1
    return any(c.start <= after + 1 and after < c.end for c in contents)


def _colon_draft(context, colon: Token, entry: Entry) -> Draft | None:
    """Three shapes: `Kim: "..."`, `pollster Daron Shaw: "..."` and transcript turns."""
    doc = context.doc
    sentence = context.sentence(colon)
    cue = doc[colon.i : colon.i + 1]
    quote = context.quote_starting_at(colon.i + 1)
    if quote is not None and not context.in_quote(colon):
        # The speaker is the run of name-like words just before the colon.
        start = colon.i
        while start > sentence.start and colon.i - start < 6 and name_like(doc[start - 1]):
            start -= 1
        left = trim(doc[start : colon.i])
        if len(left) and left[-1].text[:1].isupper():
            content = context.quote_span(quote)
            return Draft("colon", cue, entry, sentence, left, content, True, quote)
        return None
    # A transcript turn: "WALLACE: Let's start..." or "Lopez: Well, ..." at the start of a
    # paragraph; the turn runs to the end of the paragraph.
    start = context.paragraph_start(colon.i)
    while start < colon.i and (doc[start].is_quote or doc[start].is_space):
        start += 1
    left = trim(doc[start : colon.i])
    if not 0 < len(left) <= 3 or not all(t.text[:1].isupper() or t.text == "-" for t in left):
        return None
    if not (left.text.isupper() and len(left.text) > 2) and not context.is_person(left):
        return None
    end = context.paragraph_end(colon.i)
    content = trim(doc[colon.i + 1 : end])
    if not any(t.is_alpha for t in content):
        return None  # "Hillary Clinton: 1,769.": a tally, not a turn
    return Draft("colon", cue, entry, sentence, left, content, True)


def _dash_draft(context, dash: Token, entry: Entry) -> Draft | None:
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
        and name_like(doc[end])
        and doc[end].text[:1].isupper()
    ):
        end += 1
    speaker = doc[dash.i + 1 : end]
    if not len(speaker):
        return None
    cue = doc[dash.i : dash.i + 1]
    sentence = context.sentence(dash)
    content = context.quote_span(quote)
    return Draft("colon", cue, entry, sentence, speaker, content, True, quote)
