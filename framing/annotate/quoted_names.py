"""Names in quote marks: why a quoted fragment is a name, title, award, operation or
publication rather than a scare quote (issue #12: a scare quote "is not a name, title, award,
operation or publication").

In: a parsed Doc, a :class:`~framing.annotate.records.Quote` and the quote-names lexicon's hits.
Out: the reason it is a name (``"publication: 'Rodong Sinmun' is state media (...)"``), or
None. :mod:`framing.annotate.voice` asks before it calls a fragment a scare quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from framing.annotate.doc_extensions import doc_text
from framing.annotate.quotes import looks_like_title, word_after_marks, word_before_marks
from framing.annotate.records import Quote, TextSpan
from framing.lexicon.matching import EntryMatcher

#: How far before an opening mark a name cue may end (``the title of 'DPRK Hero'``).
_NAME_CUE_REACH = 2


def inside(span: TextSpan, start: int, end: int) -> bool:
    return span.start <= start and end <= span.end



#: The quote-names category of a noun after the closing mark that says what the quoted words
#: name (``the "strong dollar" policy``); matched only there.
_KIND = "kind"
#: The quote-names category of a noun whose text the quoted words are, whatever their part of
#: speech (``a "HD-Ready" sticker``, ``their former "speculative" rating``).
_LABEL = "label"
#: The quote-names category of a noun of kind that, last of two or more words inside the
#: marks, also makes them a name (``his "golden rule"``); label nouns do so too
#: (``"investment grade"``).
_NAME_HEAD = "name_head"
_HEADS_A_NAME = frozenset({_NAME_HEAD, _LABEL})
#: Categories whose words name a kind of thing, so that right after the closing mark they say
#: what the quoted words name (``the "Hartz-IV" programme``, ``the 'Kursk' operation``).
_KIND_WORDS = frozenset({_KIND, _LABEL, _NAME_HEAD, "publication", "operation"})
#: Words that say what one side claims a thing is; after "so-called" (its entry id) the
#: quoted words are then the writer's distance, no name.
_CLAIM = "claim"
_SO_CALLED = "quote_name.so_called"
#: How many characters may stand between "so-called" and the opening mark (a space, a mark).
_SO_CALLED_REACH = 3
#: How many words may stand between the closing mark and a noun of kind the quoted words
#: modify, and by which dependencies they modify it.
_KIND_REACH = 4
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})


class NameCues:
    """Where the quote-names lexicon fires in a Doc: words inside a fragment or just before
    its opening mark that make it a name (``title of``, ``Hero``, ``newspaper``), or a noun
    of kind right after its closing mark (``programme``)."""

    def __init__(self, doc: Doc, matcher: EntryMatcher | None):
        self._hits = [] if matcher is None else matcher(doc)

    def capitalised_in_running_text(self, doc: Doc, quote: Quote) -> bool:
        """True for one capitalised word set off in the middle of a sentence: a show's,
        film's or campaign's name (``visited NBC's "Today"``, ``the movie "Spotlight"``),
        since a common word is capitalised there only as a name. Not a word mentioned as a
        word (a ``mention`` entry before it: ``The word "Britain"``), one a verb governs as
        its text (``texting "Donate"``), a letter or an acronym (``an "A" item``, ``sold as
        "HD"``), nor part of a
        longer name (``"New" Labour``); at a sentence's start a capital says nothing."""
        words = _content_words(doc, quote)
        if len(words) != 1 or not doc.has_annotation("TAG"):
            return False
        word = words[0]
        if len(word.text) < 2 or not word.text[:1].isupper() or word.text.isupper():
            return False  # a letter ("A") or an acronym ("sold as "HD"") says nothing
        before = word_before_marks(doc, word.i, line_break_stops=True)
        after = word_after_marks(doc, word.i)
        if before is None or before.text in _SENTENCE_ENDS or "\n" in before.text:
            return False
        if word.is_sent_start:
            return False
        if before.pos_ in ("VERB", "AUX") or (after is not None and after.text[:1].isupper()
                                              and after.is_alpha):
            return False
        return not any(
            hit.entry.category == _MENTION and hit.span.end_char <= quote.span.start
            and _tokens_between(doc, hit.span.end_char, quote.span.start) == 0
            for hit in self._hits
        )

    def doubted(self, quote: Quote) -> bool:
        """True when "so-called" stands before a fragment holding a claim word ("the
        so-called 'peace plan'"): the writer doubts the claim (no name)."""
        return self._holds_claim(quote) and any(
            hit.entry.id == _SO_CALLED and hit.span.end_char <= quote.span.start
            and quote.span.start - hit.span.end_char <= _SO_CALLED_REACH
            for hit in self._hits
        )

    def _holds_claim(self, quote: Quote) -> bool:
        return any(
            hit.entry.category == _CLAIM and inside(quote.span, hit.span.start_char,
                                                    hit.span.end_char)
            for hit in self._hits
        )

    def cue_for(self, doc: Doc, quote: Quote) -> str | None:
        doubted = self._holds_claim(quote)
        for hit in self._hits:
            span = hit.span
            if hit.entry.category == _CLAIM or (doubted and hit.entry.id == _SO_CALLED):
                continue  # "the so-called 'peace plan'": a claim doubted, no name
            if hit.entry.category in _KIND_WORDS and _names_a_kind(
                doc, quote, span, any_words=hit.entry.category == _LABEL
            ):
                return f"name: the quoted words name the {span.text} after them " + (
                    f"({hit.entry.id})"
                )
            if (
                hit.entry.category in _HEADS_A_NAME
                and not doubted
                and _heads_the_name(doc, quote, span)
            ):
                return f"name: the quoted words name a {span.text} ({hit.entry.id})"
            if hit.entry.category in (_KIND, _LABEL, _NAME_HEAD, _MENTION):
                continue  # a noun of kind says nothing before the marks or elsewhere inside;
                # a mention noun only keeps a capitalised word from reading as a name
            # Capitalised name words (patterns) count inside the marks; words that introduce
            # a name (terms) only before them: "special operation" is no name.
            within = (
                hit.entry.pattern is not None
                and quote.span.start <= span.start_char
                and span.end_char <= quote.span.end
            )
            before = (
                span.end_char <= quote.span.start
                and _tokens_between(doc, span.end_char, quote.span.start) <= _NAME_CUE_REACH
                # Words of kind match by lemma: "booked" is the verb, not a "book" named next.
                and not (hit.entry.category in _KIND_WORDS and _is_verb(doc, span))
                # A possessive kind owns the thing, not names it: that show's "feed".
                and not _possessive(doc, span)
                # The previous sentence's last word introduces nothing: "... play. Even
                # today, 'gandula' is the term".
                and not _sentence_end_between(doc, span.end_char, quote.span.start)
            )
            if within or before:
                return f"{hit.entry.category}: '{span.text}' ({hit.entry.id})"
        return None


#: Punctuation after which a capital starts a sentence, a headline or a heading.
_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";"})
#: The quote-names category of a noun that mentions the quoted words as words (``The word
#: "Britain"``).
_MENTION = "mention"


def _content_words(doc: Doc, quote: Quote) -> list:
    words = doc.char_span(quote.span.start, quote.span.end, alignment_mode="expand")
    if words is None:
        return []
    return [t for t in words if not (t.is_punct or t.is_space)]


def _sentence_end_between(doc: Doc, start: int, end: int) -> bool:
    """True when a full stop, question or exclamation mark lies between two offsets."""
    return any(c in ".!?" for c in doc_text(doc)[start:end])


def _possessive(doc: Doc, span) -> bool:
    """True when ``'s`` follows the span (``that show's "feed"``)."""
    after = span[-1].i + 1
    return after < len(doc) and doc[after].lower_ in ("'s", "\u2019s")


def _is_verb(doc: Doc, span) -> bool:
    """A tagged verb (never true without a tagger, where the word is taken as written)."""
    return doc.has_annotation("TAG") and span[-1].pos_ in ("VERB", "AUX")


def _heads_the_name(doc: Doc, quote: Quote, kind) -> bool:
    """True when the noun of kind ``kind`` is the last of two or more words inside the marks
    (``his "golden rule" of borrowing``, ``classed ... as "investment grade"``): the phrase
    names a thing of that kind. A noun alone in the marks (``"rule"``) is a word set off."""
    words = doc.char_span(quote.span.start, quote.span.end, alignment_mode="expand")
    if words is None:
        return False
    content = [t for t in words if not (t.is_punct or t.is_space)]
    return (
        len(content) >= 2
        and content[-1].i == kind[-1].i
        and (not doc.has_annotation("TAG") or content[-1].pos_ in ("NOUN", "PROPN"))
    )


def _names_a_kind(doc: Doc, quote: Quote, kind, *, any_words: bool = False) -> bool:
    """True when the noun of kind ``kind`` follows the fragment's closing mark at once and
    the fragment ends in a noun: ``the "Hartz-IV" programme`` names a programme, while in
    ``the "less painful" option`` the quoted words describe one. A label's or grade's noun
    (``any_words``) takes any words as its text: ``a "HD-Ready" sticker``. Without a parse
    (no tags) the noun is not asked for."""
    if kind.start_char < quote.span.end:
        return False
    words = doc.char_span(quote.span.start, quote.span.end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    last = words[-1]
    between = _tokens_between(doc, quote.span.end, kind.start_char)
    if _is_verb(doc, kind):
        return False  # "four 'pakiha' formed the team": the verb, not a "form" named
    if not doc.has_annotation("TAG") or (any_words and between == 0):
        return between == 0
    if last.pos_ not in ("NOUN", "PROPN"):
        return False
    # A few words on, the quoted noun must modify the noun of kind in the parse ("its latest
    # "pocket office" third-generation (3G) device"), not merely come before it.
    return between == 0 or (
        between <= _KIND_REACH and last.head.i == kind[-1].i and last.dep_ in _MODIFIER_DEPS
    )


def _tokens_between(doc: Doc, start: int, end: int) -> int:
    """Word tokens between two offsets (quote marks and spaces do not count)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return 0
    return sum(1 for token in span if not token.is_punct and not token.is_space)


def name_reason(doc: Doc, quote: Quote, cues: NameCues, publications: Sequence) -> str | None:
    """Why a quoted fragment is a name rather than a scare quote, or None."""
    for mention in publications:
        if inside(quote.span, mention.span.start, mention.span.end) or inside(
            mention.span, quote.span.start, quote.span.end
        ):
            return f"publication: '{mention.span.text}' is state media ({mention.entry_id})"
    cue = cues.cue_for(doc, quote)
    if cue is not None:
        return cue
    if looks_like_title(quote.span.text) or looks_like_title(_without_stop(quote.span.text)):
        # US style puts a sentence's full stop inside the marks: ``the show "Lopez Tonight."``
        return "name: every word capitalised, as a title or name is"
    if _between_names(doc_text(doc), quote.span):
        return "name: a nickname between a first and a last name (Brian 'Head' Welch)"
    if _THE_TITLE.match(quote.span.text):
        return "name: 'the' and capitalised words, as a nickname or title is ('the General')"
    if _appositive_name(doc, quote.span):
        return "name: a proper name in apposition after a comma (Windows, \"Longhorn\")"
    return None


def _without_stop(text: str) -> str:
    """The quoted words without a full stop at their end (``Gilmore Girls.``)."""
    return text.rstrip().removesuffix(".")


def capitalised_name(doc: Doc, quote: Quote, cues: NameCues) -> str | None:
    """Why one capitalised word set off mid-sentence is a name, or None; asked after the
    rules that say which name it is (a naming verb's: ``call ... just 'Anfield'``)."""
    if cues.capitalised_in_running_text(doc, quote):
        return (
            "name: one capitalised word in the middle of a sentence, as a title or name is "
            "(NBC's \"Today\")"
        )
    return None


#: Spaces and opening marks between a comma and the quoted words.
_OPENING_MARKS = " \"'\u201c\u2018"
#: "the" and capitalised words only: a nickname or title (``Referred to ... as "the General"``).
_THE_TITLE = re.compile(r"^[Tt]he(?:\s+[A-Z][\w'-]*)+$")


def _appositive_name(doc: Doc, span: TextSpan) -> bool:
    """A fragment of capitalised nouns set after a comma beside a noun, as its name: ``until
    the next release of Windows, "Longhorn"``. A verb (``texting "Donate"``), a lowercase
    word, or one that is not in apposition is no name by this rule."""
    before = doc_text(doc)[max(0, span.start - 4) : span.start]
    if not doc.has_annotation("DEP") or not before.rstrip(_OPENING_MARKS).endswith(","):
        return False
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    content = [t for t in words if not (t.is_punct or t.is_space)]
    # The tagger reads a lone capitalised word as an adjective too ('Windows, "Longhorn"').
    return (
        bool(content)
        and all(t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ") for t in content)
        and words.root.dep_ in ("appos", "acl", "npadvmod")
    )


#: A capitalised word right before an opening mark, and one right after a closing mark.
_NAME_BEFORE = re.compile(r"\b[A-Z][\w.'-]*\s*$")
_NAME_AFTER = re.compile(r"^\s*[A-Z][\w'-]*")


def _between_names(text: str, span: TextSpan) -> bool:
    """A short capitalised fragment between two capitalised words: a nickname."""
    if not span.text[:1].isupper() or len(span.text.split()) > 2:
        return False
    before = text[max(0, span.start - 40) : max(0, span.start - 1)]
    after = text[span.end + 1 : span.end + 40]
    return bool(_NAME_BEFORE.search(before) and _NAME_AFTER.match(after))
