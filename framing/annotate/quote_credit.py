"""Who a short quoted fragment belongs to, beyond the attributions the extractor finds.

:mod:`framing.annotate.voice` calls a short fragment in quote marks a *scare quote* when no
source is credited with it nearby. The attribution extractor credits words to a speaker when
a cue has a content clause it can read; these rules catch two ways a source is credited, or the
outlet is not writing at all, that it does not read (issue #12, from the hand-labelled sample in
``tests/gold/scare_quotes/``, design half):

- :class:`CreditingVerbs`: a verb of speech *governs* the fragment in the parse, as its
  object, its complement or inside its reported clause, though the extractor made no
  attribution of it: ``Dr Gibbons ... admitted "big challenges" but insisted the
  "essentials" were in place``; ``led 12 viewers to complain he was "lewd"``; ``has been
  branded a "disgraceful waste" by MPs``; passive with no agent, the words are still someone
  else's (``Ms Simonetti was told her suspension was a result of "inappropriate" images``).
  The verbs are the reporting verbs of ``lexicons/reporting_verbs.yaml`` and the speech verbs
  of ``lexicons/quote_credit.yaml``, less the senses there that credit nothing (``seem``,
  ``offer``). Verbs that name (``call``, ``label``, ``dub``) credit only with a speaker of
  their own: ``links called "trackers"`` and ``the attachment is labelled as either "joke"``
  introduce a term, no one's words.
- States of mind, wishes and plans (``stance`` and ``plan_noun`` entries of
  ``lexicons/quote_credit.yaml``) credit what they govern to their holder or maker, when one
  is given: ``the group ... is confident its plan would win support from a "large
  majority"``, ``have unveiled plans to build ... "affordable" homes``; a thing wanted or
  planned (``planned a "glorious" party``) credits no one. :meth:`CreditingVerbs.documents`
  finds the ``document`` nouns (``survey``, ``research``) by which
  :mod:`framing.annotate.voice` credits a fragment summed up just before a document's
  findings (from issue #12's held-out errors, read once; see tests/gold/scare_quotes).
- From the fresh sample's errors (third round): nouns of speech with a content clause
  (``allegations that ... "unfair and excessive"``, credited to an unnamed source); ``dismissed
  as "ridiculous" by ...`` (``verdict_as``: only through "as", only with a speaker); phrases
  that credit their sentence's quoted words (``as one activist put it``,
  :meth:`CreditingVerbs.sentence_credits`); and a text's wording (:func:`text_credit`: ``filed
  a lawsuit against "unnamed individuals"``, ``The bill would allow ... outlawing
  "mutilation"``).
- :func:`reader_comment_start`: the readers' comments that close some BBC News pages (``I
  think the government should ...``), kept by the corpus as ordinary paragraphs: the
  commenters set words off, not the outlet.

Both need a parse or the text only; without a parse (``--fast``) the verb rule is off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from framing.annotate.quotes import word_before_marks
from framing.annotate.records import TextSpan
from framing.lexicon.load import Lexicons
from framing.lexicon.matching import EntryMatcher

REPORTING_LEXICON = "reporting_verbs"
CREDIT_LEXICON = "quote_credit"
#: quote_credit categories: verbs of speech the cue lexicon leaves out; verbs that name
#: (credit only with a speaker of their own); reporting-verb senses that credit nothing.
SPEECH_VERB = "speech_verb"
SPEECH_NOUN = "speech_noun"
NAMING_VERB = "naming_verb"
NO_CREDIT = "no_credit"
#: quote_credit categories: a state of mind, wish or intention (``is confident``, ``wants``),
#: credited only with a holder of its own; a plan, proposal or promise, credited to its maker
#: (``unveiled plans to build ... "affordable" homes``); a document's findings (``survey``),
#: which credit a fragment in the sentence before them.
STANCE = "stance"
PLAN_NOUN = "plan_noun"
DOCUMENT = "document"
#: quote_credit categories: a verb of position that credits only through "as" (``dismissed
#: as "ridiculous" by ...``); a phrase that credits the quoted words of its sentence (``as one
#: activist put it``); a text with wording of its own (``bill``, ``lawsuit``).
VERDICT_AS = "verdict_as"
SENTENCE_CREDIT = "sentence_credit"
TEXT_NOUN = "text_noun"
#: Categories that credit the fragment only when their holder or maker is given.
_NEED_SPEAKER = frozenset({NAMING_VERB, STANCE, PLAN_NOUN, VERDICT_AS})

#: The dependency by which the fragment's path joins the verb: its object or complement, the
#: clause it reports, or a preposition that takes what was said (``accused of``, ``branded
#: ... as``). An adjunct (``In the speech ..., he promised``) is no part of what was said.
_COMPLEMENT_DEPS = frozenset(
    {"dobj", "ccomp", "xcomp", "oprd", "attr", "acomp", "dative", "obj", "prep", "agent"}
)
#: A noun of speech takes what was said as an infinitive or clause (``a call ... to publish``).
_NOUN_COMPLEMENT_DEPS = frozenset({"acl", "ccomp", "prep"})
_COMPLEMENT_PREPOSITIONS = frozenset({"of", "as", "about", "for", "over"})
#: A noun of speech takes what it is about through these too (``an attack on``, ``a tribute
#: to``, ``allegations against``); a verb's ``on`` or ``to`` is mostly an adjunct.
_NOUN_PREPOSITIONS = _COMPLEMENT_PREPOSITIONS | {"on", "to", "against"}
#: A state of mind or wish holds what was said as a clause, through a preposition, or as
#: the state itself (``feels "particularly indebted to"``).
_STANCE_DEPS = frozenset({"ccomp", "xcomp", "prep", "acomp"})
#: How a fragment hangs off a text noun when it is the text's wording: through a
#: preposition (``a lawsuit against "unnamed individuals"``) or in its content clause.
_TEXT_DEPS = frozenset({"prep", "acl", "ccomp"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_PASSIVE = frozenset({"nsubjpass", "auxpass"})


@dataclass(frozen=True)
class VerbCredit:
    """A verb that credits a fragment: the verb, and who is credited (None: unnamed)."""

    verb: str
    speaker: str | None
    entry_id: str
    #: How the verb credits it, for the reason; ``{verb}`` stands for the verb.
    how: str = "is in what '{verb}' reports"

    @property
    def reason(self) -> str:
        who = f"credited to {self.speaker}" if self.speaker else "credited to a source"
        return (
            f"{who}: the fragment {self.how.format(verb=self.verb)} ({self.entry_id}), "
            "though no attribution was read"
        )


class CreditingVerbs:
    """Finds the verb of speech that governs a quoted fragment in the parse, if any."""

    def __init__(self, nlp: Language, lexicons: Lexicons):
        names = lexicons.entries
        reporting = list(lexicons[REPORTING_LEXICON]) if REPORTING_LEXICON in names else []
        credit = list(lexicons[CREDIT_LEXICON]) if CREDIT_LEXICON in names else []
        # Three matchers, since a naming verb or a sense that credits nothing may be a
        # reporting verb too (cue.call, cue.dub): the quote_credit entry decides its reading.
        self._matchers = {
            category: EntryMatcher(nlp, entries, source=CREDIT_LEXICON) if entries else None
            for category, entries in (
                (SPEECH_VERB, reporting + [e for e in credit if e.category == SPEECH_VERB]),
                (SPEECH_NOUN, [e for e in credit if e.category == SPEECH_NOUN]),
                *(
                    (category, [e for e in credit if e.category == category])
                    for category in (
                        STANCE, PLAN_NOUN, NAMING_VERB, VERDICT_AS, NO_CREDIT, DOCUMENT,
                        SENTENCE_CREDIT, TEXT_NOUN,
                    )
                ),
            )
        }

    def in_doc(self, doc: Doc) -> dict[int, tuple[str, str]]:
        """token index -> (entry id, category) of every crediting verb of a parsed Doc."""
        if self._matchers[SPEECH_VERB] is None or not doc.has_annotation("DEP"):
            return {}
        verbs: dict[int, tuple[str, str]] = {}
        # A later category's reading overrides an earlier one's: "believe" is a reporting
        # verb, read as a state of mind; "call" one too, read as a naming verb.
        for category in (SPEECH_VERB, SPEECH_NOUN, PLAN_NOUN, STANCE, NAMING_VERB, VERDICT_AS):
            matcher = self._matchers[category]
            for hit in matcher(doc) if matcher is not None else ():
                token = hit.span[0]
                if category == SPEECH_NOUN and token.pos_ != "NOUN":
                    continue  # "attacked the government": not this entry's to read
                reading = SPEECH_VERB if category == SPEECH_NOUN else category
                if category == PLAN_NOUN and token.pos_ == "VERB":
                    reading = STANCE  # "plans to", "promised to": an intention
                if _can_credit(token, reading):
                    verbs[token.i] = (hit.entry.id, reading)
        blocked = self._matchers[NO_CREDIT]
        for hit in blocked(doc) if blocked is not None else ():
            for token in hit.span:  # "worth noting": the writer's remark, every word of it
                verbs.pop(token.i, None)
        return verbs

    def documents(self, doc: Doc) -> list[tuple[int, int]]:
        """Character spans of the document nouns of a Doc (``survey``, ``poll``, ``study``)."""
        return [(hit.span.start_char, hit.span.end_char) for hit in self._hits(doc, DOCUMENT)]

    def sentence_credits(self, doc: Doc) -> list[tuple[int, str, str]]:
        """(character offset, phrase, entry id) of each phrase that credits the quoted words
        of its sentence (``as one activist put it``)."""
        return [
            (hit.span.start_char, hit.span.text, hit.entry.id)
            for hit in self._hits(doc, SENTENCE_CREDIT)
        ]

    def texts(self, doc: Doc) -> dict[int, str]:
        """token index -> entry id of each text noun of a parsed Doc (``bill``, ``lawsuit``);
        the verb ``act`` or ``suit`` is none."""
        if not doc.has_annotation("DEP"):
            return {}
        return {
            hit.span[-1].i: hit.entry.id
            for hit in self._hits(doc, TEXT_NOUN)
            if hit.span[-1].pos_ in ("NOUN", "PROPN")
        }

    def _hits(self, doc: Doc, category: str):
        matcher = self._matchers[category]
        return matcher(doc) if matcher is not None else []


def _can_credit(token: Token, category: str) -> bool:
    """A verb credits; a noun of speech or a plan only with its speaker or maker given; a
    state of mind may be an adjective too (``is confident``, ``are worried about``)."""
    if category == STANCE:  # "plans" the noun is a plan's, "plans" the verb a wish
        return token.pos_ in ("VERB", "AUX", "ADJ")
    if token.pos_ in ("VERB", "AUX"):
        return category != PLAN_NOUN
    if category == VERDICT_AS:
        return False
    return _noun_with_speaker(token) or (category == SPEECH_VERB and _has_content(token))


def _has_content(noun: Token) -> bool:
    """A noun of speech with a content clause (``allegations that its rates are ...``): what
    the clause says is the words of a source, named or not."""
    return noun.pos_ == "NOUN" and any(
        child.dep_ in ("acl", "ccomp")
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        for child in noun.children
    )


def verb_credit(
    doc: Doc, span: TextSpan, verbs: dict[int, tuple[str, str]]
) -> VerbCredit | None:
    """The verb of speech whose object, complement or reported clause holds ``span``; a
    naming verb only with a speaker of its own (``links called "trackers"`` credits no one)."""
    found = governing_verb(doc, span, verbs)
    if found is None:
        return None
    verb, entry_id, category = found
    if _generic_act(verb):
        return None
    speaker = _speaker_of(verb) or _stray_agent(doc, span, verb)
    if category in _NEED_SPEAKER and speaker is None:
        return None
    return VerbCredit(verb.text, speaker, entry_id)


def _stray_agent(doc: Doc, span: TextSpan, verb: Token) -> str | None:
    """A passive verb's agent that the parse hung off the fragment instead (``was dismissed
    as "ridiculous" by Justice David Souter``: ``by`` under ``ridiculous``)."""
    if not any(child.dep_ in _PASSIVE for child in verb.children):
        return None
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    for word in words if words is not None else ():
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ == "by" and child.i >= words.end:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return _phrase(objects[0])
    return None


def _generic_act(verb: Token) -> bool:
    """A gerund heading a subject or a relative clause with no subject of its own: anyone's
    act, no one's words (``a place where saying "no" can mean execution``)."""
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in ("csubj", "relcl")
        and not any(child.dep_ in _SUBJECTS for child in verb.children)
    )


def named_by_verb(doc: Doc, span: TextSpan, verbs: dict[int, tuple[str, str]]) -> str | None:
    """Why a capitalised fragment governed by a naming verb is a name (``any attempt to call
    the new stadium anything other than just 'Anfield'``; ``known by his fellow
    professionals as "Dracula"``: a nickname, whoever gave it), or None. A lowercase one is
    a term introduced (``links called "trackers"``) or, with a speaker, the speaker's word."""
    if not span.text[:1].isupper():
        return None
    found = governing_verb(doc, span, verbs)
    if found is None or found[2] != NAMING_VERB:
        return None
    return f"name: a capitalised name given by '{found[0].text}' ({found[1]})"


def governing_verb(
    doc: Doc, span: TextSpan, verbs: dict[int, tuple[str, str]]
) -> tuple[Token, str, str] | None:
    """(verb, entry id, category) of the crediting verb whose object, complement or reported
    clause holds ``span``, if any.

    The path from the fragment up to the verb may not enter it through an adjunct, nor
    through a participle clause hung off the verb (``Putin has since claimed to "annex" ...,
    continuing to attack ... despite alleged ongoing "peace talks"``: what Putin does, told by
    the writer)."""
    if not verbs:
        return None
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    token, path = words.root, []
    # Set off by a comma, the fragment closes a participle clause rather than sits in it, and
    # is the verb's complement whatever the parse says ('Mr Lewis branded the existence of
    # the ... Council, set up in 1997 ..., "surprising"').
    before = word_before_marks(doc, words.start)
    after_comma = before is not None and before.text == ","
    while token.head.i != token.i:
        path.append(token)
        token = token.head
        found = verbs.get(token.i)
        if found is None:
            continue
        if (after_comma and _participle_off(path[-1:])) or (
            _joins_as_complement(path[-1], found[1]) and not _participle_off(path)
        ):
            return token, found[0], found[1]
    return _speech_below(words.root, verbs)


def _speech_below(root: Token, verbs: dict[int, tuple[str, str]]) -> tuple[Token, str, str] | None:
    """A verb of speech with a subject of its own that the parse hung under the fragment's
    head instead of over it: in ``While he said the Oscar voting panel were not "snubbing"
    Moore's film, he thought ...`` the parse makes ``said`` a clause of ``snubbing``."""
    for child in root.children:
        found = verbs.get(child.i)
        if (
            found is not None
            and found[1] == SPEECH_VERB
            and child.dep_ in ("advcl", "parataxis", "ccomp")
            and any(c.dep_ == "nsubj" for c in child.children)
        ):
            return child, found[0], found[1]
    return None


def _noun_with_speaker(token: Token) -> bool:
    """A speech act or a plan named by a noun with its speaker: ``a call by ... Lord Mackay
    to now publish the "full text"``, ``Mr Howard's claim``, ``The Liberal Democrats have
    unveiled plans``. Without one (``protests at his "anti-gay" lyrics``) the noun credits no
    one the reader can tell."""
    return token.pos_ == "NOUN" and _agent_of(token) is not None


def text_credit(doc: Doc, span: TextSpan, texts: dict[int, str]) -> VerbCredit | None:
    """A text with wording of its own whose words the fragment is: it hangs off the text
    noun through a preposition or content clause (``filed a lawsuit against "unnamed
    individuals"``), or the noun is the subject of a verb on the way up from it (``The bill
    would allow ... outlawing "mutilation"``). The noun inside the marks or the subject the
    fragment is part of (``The "shield" law allows``) credits nothing: that is its name."""
    if not texts:
        return None
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    inside = range(words.start, words.end)
    token, path = words.root, [words.root]
    while token.head.i != token.i:
        child, token = token, token.head
        path.append(token)
        if token.i in texts and token.i not in inside and child.dep_ in _TEXT_DEPS:
            return VerbCredit(
                token.text, _phrase(token), texts[token.i], "is the wording of the '{verb}'"
            )
        for subject in token.children:
            if (
                subject.dep_ in ("nsubj", "nsubjpass") and subject.i in texts
                and subject not in path and subject.i not in inside
            ):
                return VerbCredit(
                    token.text, _phrase(subject), texts[subject.i],
                    f"is in what the '{subject.text}' says" + " ('{verb}')",
                )
    return None


#: At most this many words after a sentence's last comma make a postposed reporting clause
#: (``..., said the Constitutional Affairs Select Committee.``, ``..., the work and pensions
#: minister has said.``).
MAX_POSTPOSED_WORDS = 8


def postposed_credit(
    doc: Doc, span: TextSpan, sentence: tuple[int, int], verbs: dict[int, tuple[str, str]]
) -> VerbCredit | None:
    """A reporting clause that closes the sentence after a comma credits everything before
    it: in ``... suffered from an "unusually high turnover" of staff ..., said the
    Constitutional Affairs Select Committee.`` the fragment is the committee's, whatever the
    parse makes of the long clause before the comma."""
    words = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    if not verbs or words is None:
        return None
    commas = [t for t in words if t.text == ","]
    if not commas or span.end > commas[-1].idx:
        return None
    tail = [t for t in words[commas[-1].i - words.start + 1 :] if not (t.is_punct or t.is_space)]
    if not tail or len(tail) > MAX_POSTPOSED_WORDS:
        return None
    for token in tail:
        found = verbs.get(token.i)
        if found is not None and found[1] == SPEECH_VERB:
            speaker = " ".join(t.text for t in tail if t.pos_ not in ("VERB", "AUX")) or None
            return VerbCredit(token.text, speaker, found[0])
    return None


def _joins_as_complement(child: Token, category: str = SPEECH_VERB) -> bool:
    noun = child.head.pos_ == "NOUN"
    deps = _NOUN_COMPLEMENT_DEPS if noun else _COMPLEMENT_DEPS
    if category == VERDICT_AS:  # "dismissed as "ridiculous"": the verdict, not the thing
        return child.dep_ == "prep" and child.lower_ == "as"
    if category == STANCE:
        # What one thinks or wants is a clause (``wants to see ...``, ``is confident its plan
        # would ...``) or what one worries about; a thing wanted (``planned a "glorious"
        # party``) is no one's wording.
        deps = _STANCE_DEPS
    if child.dep_ not in deps:
        return False
    prepositions = _NOUN_PREPOSITIONS if noun else _COMPLEMENT_PREPOSITIONS
    return child.dep_ != "prep" or child.lower_ in prepositions


def _participle_off(path: Sequence[Token]) -> bool:
    """True when the path climbs a participle clause (no subordinator) before the verb: the
    clause is the writer's account of what the speaker does, not what they said. One inside
    the reported words (``accused of underfunding R&D, ... leading to a "brain-drain"``) hangs
    off a word of the accusation, not the verb, and stays inside it."""
    top = path[-1]
    chain = [top]
    if top.dep_ == "xcomp":  # "claimed to annex ..., continuing": off the infinitive's verb
        chain = [top, *[t for t in path[:-1] if t.head.i == top.i]]
    return any(
        t.dep_ == "advcl" and t.tag_ in ("VBG", "VBN")
        and not any(c.dep_ == "mark" for c in t.children)
        for t in chain
    )


def _agent_of(word: Token) -> str | None:
    """Who does a verb or a noun of speech: its agent (``by MPs``, a noun's ``by Lord
    Mackay``) or a noun's possessor (``Mr Howard's claim``)."""
    for child in word.children:
        by = child.dep_ == "agent" or (word.pos_ == "NOUN" and child.dep_ == "prep"
                                       and child.lower_ == "by")
        if by:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
        if word.pos_ == "NOUN" and child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return _phrase(child)  # "Mr Howard's claim", "his allegation"
    if word.pos_ == "NOUN" and word.dep_ == "dobj" and word.head.pos_ == "VERB":
        # "unveiled plans", "issued a warning": who presents it made it
        return _speaker_of(word.head)
    return None


def _speaker_of(verb: Token) -> str | None:
    """The verb's speaker: its active subject or its passive agent (``by MPs``); None for a
    passive with no agent or a subject the parse does not give."""
    agent = _agent_of(verb)
    if agent is not None:
        return agent
    if verb.pos_ == "ADJ":  # "the group ... is confident": the subject of its copula
        return _speaker_of(verb.head) if verb.dep_ == "acomp" else None
    passive = any(child.dep_ in _PASSIVE for child in verb.children)
    for child in verb.children:
        if child.dep_ in _SUBJECTS and not passive:
            return _phrase(child)
    if verb.dep_ == "xcomp" and not passive:  # "led 12 viewers to complain": the viewers
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
        if objects:
            return _phrase(objects[0])
    if verb.dep_ == "pcomp" and verb.head.pos_ == "ADP" and not passive:
        # "has been fined ... for calling a referee "a disgrace"": the gerund's subject is
        # the subject of the clause its preposition hangs off, active or passive.
        return _clause_subject(verb.head.head)
    if verb.dep_ in ("xcomp", "conj", "pcomp", "advcl") and not passive:
        return _speaker_of(verb.head) if verb.head.i != verb.i else None
    return None


def _clause_subject(verb: Token) -> str | None:
    """The subject of a verb's clause, active or passive, through coordinated verbs
    (``Pountney has been fined ... and banned ... for``)."""
    while True:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return _phrase(child)
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head


def _phrase(token: Token) -> str:
    """A subject's words, without a relative or appositive clause hung off it."""
    words = [t for t in token.lefts if t.dep_ in ("compound", "amod", "det", "poss", "nummod")]
    return " ".join(t.text for t in [*words, token])


# --- readers' comments ---------------------------------------------------------------------------

#: First person singular outside quote marks: a commenter writing, not a reporter.
_FIRST_PERSON = re.compile(r"(?<![\w'])(?:I|I'm|I'd|I've|I'll|my|me|myself)(?![\w'])")
#: Quoted stretches, left out before asking who writes a paragraph; a quote still open at
#: the paragraph's end (a statement that runs on into the next paragraph) runs to its end.
_QUOTED = re.compile(r"\"[^\"]*(?:\"|$)|\u201c[^\u201d]*(?:\u201d|$)")
#: How many first-person paragraphs, and what share of the paragraphs from the block's start
#: on, make a closing block of readers' comments. BBC News's comment pages run to a dozen or
#: more short paragraphs, most in the first person or asking a question; a columnist's "I
#: doubt whether ..." is one paragraph among narration.
MIN_COMMENT_PARAGRAPHS = 3
MIN_COMMENT_SHARE = 0.5


def is_readers_paragraph(paragraph: str) -> bool:
    """A paragraph that reads as a reader's comment: first person singular outside quote
    marks, or a question or exclamation of the paragraph's own."""
    own = _QUOTED.sub(" ", paragraph).strip()
    return bool(_FIRST_PERSON.search(own)) or own.endswith(("?", "!"))


def reader_comment_start(text: str, paragraphs: Sequence[tuple[int, int]]) -> int | None:
    """Where a closing block of readers' comments begins, or None.

    The block is the longest run of paragraphs to the article's end that starts with a
    first-person paragraph, holds at least :data:`MIN_COMMENT_PARAGRAPHS` of them, and in
    which at least :data:`MIN_COMMENT_SHARE` of the paragraphs read as readers' (first person,
    or a question or exclamation). A reporter's article may quote a first-person speaker, but
    its narration does not say "I"."""
    flags = [is_readers_paragraph(text[s:e]) for s, e in paragraphs]
    first_person = [bool(_FIRST_PERSON.search(_QUOTED.sub(" ", text[s:e]))) for s, e in paragraphs]
    best = None
    for index in range(len(paragraphs) - 1, -1, -1):
        if not first_person[index]:
            continue
        tail = flags[index:]
        if (
            sum(first_person[index:]) >= MIN_COMMENT_PARAGRAPHS
            and sum(tail) / len(tail) >= MIN_COMMENT_SHARE
        ):
            best = index
    return paragraphs[best][0] if best is not None else None
