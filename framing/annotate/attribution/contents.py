"""Contents: what a cue credits its speaker with.

In: a cue (its verb in the parse, or its place in the sentence) and its speaker. Out: the
token span of what is reported. With a dependency parse, the cue verb's clausal complement,
its object, or the clause it interrupts (``X happened, Kim said``); without one
(``spacy.blank`` or ``--fast``), the part of the sentence on the other side of the cue
(``X said that ...`` / ``..., X said.``). A direct quote next to the cue, which is the content
in both modes, is found by :class:`framing.annotate.attribution.context.DocContext`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from framing.annotate.attribution.spans import inside, paragraph_start, trim

#: Verbs whose object is the addressee, not the content ("told reporters that ...").
ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "warn", "urge", "assure", "remind"})
OBJECT_PREPOSITIONS = frozenset("of for as about over with against into".split())
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "pcomp"})
#: A clause with its own subject is a proposition someone is credited with ("he feels that the
#: war is won"); a learned cue with only an object ("signed a pact") credits an act.
_CLAUSE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def content_of(verb: Token, cue: Span, speaker: Span | None) -> Span | None:
    """The clause or object a cue verb reports, or the clause it interrupts, in the cue's
    own paragraph: a parse that runs a paragraph's last clause into the next paragraph's
    `Limbaugh continued:` has not found what Limbaugh said."""
    paragraph = paragraph_start(verb.doc, cue.start)
    content = _clause_content(verb, cue, speaker, paragraph)
    if content is None or content.start >= paragraph:
        return content
    return trim(verb.doc[paragraph : content.end]) or None  # only what stands in it


def _clause_content(verb: Token, cue: Span, speaker: Span | None, paragraph: int
                    ) -> Span | None:
    doc = verb.doc
    # A clause the parse hangs on the cue from an earlier paragraph is not what it reports.
    children = [c for c in verb.children if c.dep_ in CONTENT_DEPS and not inside(c, cue)
                and c.right_edge.i >= paragraph]
    if not children:
        # "Yonhap reported, citing KCNA, that the troops left": the parse hangs the clause
        # on "citing"; it is what Yonhap reported.
        children = [c for citing in verb.children
                    if citing.dep_ == "advcl" and citing.lemma_ == "cite" and citing.i > verb.i
                    for c in citing.children if c.dep_ == "ccomp"]
    if not children and any(c.dep_ == "auxpass" for c in verb.children):
        # A passive verb of speech has no object; what was said hangs off its preposition:
        # "has been criticised for "incessant sleaze" by campaigners", "was accused of lying".
        # Not "as": "what is being criticized as ...", "has become known as ..." describe
        # their subject, whom the "quoted as" reading would make the speaker.
        children = [
            c for c in verb.children
            if c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS and c.lower_ != "as"
            and c.i > verb.i
        ]
    lemma = verb.lemma_.lower()
    if lemma in ADDRESSEE_VERBS or lemma == "ask":
        clauses = [c for c in children if c.dep_ in ("ccomp", "xcomp")]
        children = clauses or children
    if children:
        # "accused the DNC of sabotaging", "described the troops as heroic": the preposition
        # after the object belongs to what is reported.
        last = max(c.i for c in children)
        children += [
            c
            for c in verb.children
            if c.dep_ == "prep" and c.i > last and c.lower_ in OBJECT_PREPOSITIONS
        ]
        start = min(c.left_edge.i for c in children)
        end = max(c.right_edge.i for c in children) + 1
        if speaker is not None and start < speaker.start < end:
            end = speaker.start
            if doc[end - 1].lower_ == "by" and end - 1 > start:
                end -= 1  # the passive's agent: "criticised for "sleaze" by campaigners"
        return trim(doc[start:end]) or None
    # "X happened, Kim said": the cue hangs off the clause it reports.
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i:
        head = verb.head
        start = head.left_edge.i
        end = verb.left_edge.i
        if speaker is not None:
            end = min(end, speaker.start)
        return trim(doc[start:end]) or None
    # "Deaths in custody have reached "shocking" levels, a committee of MPs and peers has
    # warned": the parse makes the reporting clause a conjunct of the clause it reports, but
    # with no "and" or "but" between them a comma and a clause with its own subject are the
    # reporting clause set after what it reports, as ", the committee has warned" is.
    if _asyndetic_reporting_conjunct(verb, speaker):
        head = verb.head
        return trim(doc[head.left_edge.i : speaker.start]) or None
    # "Acts of protest, Mr. Obama said, are acts of patriotism": a parenthetical cue; the
    # content is the clause around it (the cue inside it is a small price for one span).
    if verb.dep_ == "parataxis" and verb.head.i > verb.i:
        head = verb.head
        # "The troops were heroes, Kim said, KCNA reported": the head is a second cue, with
        # its own speaker after this one, and the clause both report opens the sentence.
        second_speaker = any(c.dep_ == "nsubj" and verb.i < c.i < head.i for c in head.children)
        reported = [c for c in head.children
                    if second_speaker and c.dep_ == "ccomp" and c.i < verb.i
                    and c.left_edge.i == c.sent.start]
        if reported:
            clause = reported[0]
            return trim(doc[clause.left_edge.i : clause.right_edge.i + 1]) or None
        return trim(doc[head.left_edge.i : head.right_edge.i + 1]) or None
    if verb.dep_ == "ROOT":
        fronted = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i]
        if fronted:
            return trim(doc[fronted[0].left_edge.i : fronted[0].right_edge.i + 1]) or None
    return None


def _asyndetic_reporting_conjunct(verb: Token, speaker: Span | None) -> bool:
    """A cue parsed as a conjunct of an earlier clause, joined by a comma alone, with its
    subject (the speaker) between the comma and the cue."""
    head = verb.head
    if verb.dep_ != "conj" or head.i >= verb.i or speaker is None:
        return False
    between = verb.doc[head.i + 1 : speaker.start]
    if any(t.dep_ == "cc" and t.head in (head, verb) for t in between):
        return False
    return speaker.start > head.i and verb.doc[speaker.start - 1].text == ","


def is_clause(span: Span | None) -> bool:
    """Whether a content span holds a clause with its own subject ("that the war is won")."""
    if span is None or not span[0].has_dep():
        return False
    return any(
        t.dep_ in _CLAUSE_SUBJECT_DEPS and t.head.pos_ in ("VERB", "AUX") and t.head.i != t.i
        for t in span
    )


def surface_content(doc: Doc, cue: Span, speaker: Span | None, sentence: Span) -> Span | None:
    """``X said (that) ...`` -> what follows; ``..., X said.`` -> what comes before the comma."""
    left_end = cue.start if speaker is None or speaker.start > cue.start else speaker.start
    before = trim(doc[sentence.start : left_end])
    right_start = cue.end
    if speaker is not None and speaker.start >= cue.end:
        right_start = speaker.end
    after = trim(doc[right_start : sentence.end])
    # A comma right before the speaker marks the `..., X said.` order.
    comma_before = left_end > sentence.start and doc[left_end - 1].text == ","
    if comma_before and len(before) >= 3 and (len(after) <= 4 or _adjunct_start(after)):
        return before
    if len(after) >= 2:
        return after
    return before or None


def _adjunct_start(span: Span) -> bool:
    """``..., Kim said in his speech on Friday``: what follows the cue is an adjunct."""
    if not len(span):
        return True
    if span[0].lower_ in (
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "last",
        "this",
        "to",
        "by",
    ):
        return True
    return any(t.text == "," for t in span[:6])
