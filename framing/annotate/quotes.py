"""Find the stretches of a news text that sit inside quote marks.

:func:`find_quotes` returns one :class:`framing.annotate.records.Quote` per stretch in double quote
marks (straight ``"`` or curly), and per phrase in single quote marks (``'DPRK Hero'``, never an
apostrophe as in ``Kim's`` or ``soldiers'``). It works on the text alone, so it needs no parser.

News conventions it follows, and tolerances it allows:

- Straight marks are paired in order; a mark whose neighbours say it opens (space before,
  word after) while a quote is still open means the earlier quote was never closed. A curly
  mark typed the wrong way round is read by its neighbours too, and two apostrophes
  (``''We won,'' he said``, as in The New York Times archive) count as a double mark.
- An unclosed quote is not an error: it is kept with ``closed=False`` and runs to the end of
  its paragraph (real news has stray marks; textacy's extractor raising on them is what
  we avoid).
- A quotation that runs over several paragraphs leaves the paragraph open and starts the next
  paragraph with a fresh opening mark (AP and Chicago style); that is one quote, not two.
- A short phrase of one to three words with no verb (``families of "martyrs"``,
  ``a "simple" task``) is a scare quote: the writer distancing themselves from a word, not a
  speaker being quoted. ``scare=True``.
- Marks that delimit a markup value (``<a href="https://...">``, ``author="tedcruz"`` in an
  embedded post's HTML) are not quote marks: an attribute's value is nobody's words.
- A title in quotes (``"Orange Is the New Black" star``) is found as a quote like any other;
  :func:`looks_like_title` lets the attribution step leave it unattributed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from framing.annotate.records import Quote, TextSpan
from framing.read.characters import CLOSING_DOUBLE_QUOTES as CLOSING_DOUBLE
from framing.read.characters import CLOSING_SINGLE_QUOTES, OPENING_SINGLE_QUOTES
from framing.read.characters import OPENING_DOUBLE_QUOTES as OPENING_DOUBLE

STRAIGHT_DOUBLE = '"'
TWO_APOSTROPHES = "''"
DOUBLE_MARKS = OPENING_DOUBLE + CLOSING_DOUBLE + STRAIGHT_DOUBLE

#: Characters that may stand right before an opening mark or right after a closing one.
_OPENING_CONTEXT = set(" \t\n([{\u2015\u2014\u2013-/") | set(DOUBLE_MARKS)
_CLOSING_CONTEXT = set(" \t\n.,;:!?)]}\u2015\u2014\u2013-/") | set(DOUBLE_MARKS)

#: Elisions that start with an apostrophe and are not opening quote marks.
_ELISIONS = re.compile(r"(?:em|tis|til|twas|cause|n|s)\b|\d\ds\b|\d\d\b", re.IGNORECASE)

#: A paragraph break: a blank line (or, in text without blank lines, any line break).
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")

#: Longest single-quoted phrase we accept; longer runs are apostrophes that happen to pair.
MAX_SINGLE_QUOTE_WORDS = 25

#: Scare quotes are this short or shorter.
MAX_SCARE_WORDS = 3

#: Without a tagger we spot statements in short quotes by these words (a quoted "We won" or
#: "It is" is speech, not a scare quote).
_STATEMENT_WORDS = frozenset(
    "i we you he she they it's i'm we're is are was were will would can could shall should "
    "must do does did don't won't can't have has had be been am".split()
)

_WORD = re.compile(r"[\w][\w'\u2019.-]*")

#: A markup attribute and its value (``href="..."``, ``author='tedcruz'``): a name glued to
#: ``=`` and a value in matching marks with no markup or line break inside. Its marks delimit
#: a value, not a quotation.
_MARKUP_VALUE = re.compile(r"""[\w:-]+=(["'])[^"'<>\n]*\1""")

# Regexes that find candidate marks, so that scanning skips the text between them.
_DOUBLE_MARK = re.compile("''|[" + re.escape(DOUBLE_MARKS) + "]")
_SINGLE_OPENER = re.compile("''|['" + OPENING_SINGLE_QUOTES + "]")
_SINGLE_CLOSER_SCAN = re.compile("['" + CLOSING_SINGLE_QUOTES + re.escape(DOUBLE_MARKS) + "]")


@dataclass(frozen=True)
class _Mark:
    position: int
    can_open: bool
    can_close: bool
    width: int = 1


class QuotedRegions:
    """Character ranges inside quote marks, merged, for fast 'is this range quoted?' lookups
    (shared copy asks it word by word). Which words are a speaker's is
    :mod:`framing.annotate.voice`'s
    question, not this one's: a scare quote is inside quote marks too."""

    def __init__(self, regions: Iterable[tuple[int, int]]):
        merged: list[tuple[int, int]] = []
        for start, end in sorted(r for r in regions if r[1] > r[0]):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._starts = [start for start, _ in merged]
        self._regions = merged

    def __len__(self) -> int:
        return len(self._regions)

    def covers(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one quoted region."""
        index = bisect_right(self._starts, start) - 1
        if index < 0:
            return False
        region_start, region_end = self._regions[index]
        return region_start <= start and end <= region_end


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs of ``text``.

    Blank lines separate paragraphs; a text with none (one paragraph a line, as some scrapers
    write) is split at every line break instead.
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    bounds = []
    start = 0
    for match in separator.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def markup_values(text: str) -> list[tuple[int, int]]:
    """(start, end) of each markup attribute's value, marks left out: mark-up, not prose (an
    embedded post's ``text="..."`` holds words nobody wrote as the article)."""
    return [(match.start(1) + 1, match.end() - 1) for match in _MARKUP_VALUE.finditer(text)]


def markup_marks(text: str) -> frozenset[int]:
    """Positions of the marks around markup attribute values (``href="..."``)."""
    return frozenset(
        position for start, end in markup_values(text) for position in (start - 1, end)
    )


def _double_marks(
    text: str, start: int, end: int, markup: frozenset[int] = frozenset()
) -> list[_Mark]:
    marks = []
    # Two apostrophes stand for a double mark in some archives (The New York Times in PolNeAR
    # writes ''We won,'' he said).
    for match in _DOUBLE_MARK.finditer(text, start, end):
        position, width = match.start(), len(match.group())
        if position in markup:
            continue
        char = text[position]
        before = text[position - 1] if position > start else " "
        after = text[position + width] if position + width < end else " "
        looks_opening = before in _OPENING_CONTEXT and not after.isspace()
        looks_closing = not before.isspace() and (after in _CLOSING_CONTEXT or after.isspace())
        if char in OPENING_DOUBLE:
            # A curly mark typed the wrong way round (`word“ next`) still closes.
            marks.append(_Mark(position, not looks_closing or looks_opening, looks_closing))
        elif char in CLOSING_DOUBLE:
            marks.append(_Mark(position, looks_opening and not looks_closing, not looks_opening))
        else:
            # A straight mark glued on both sides (`said"yes"`) could be either: pairing decides.
            opens, closes = looks_opening, looks_closing
            marks.append(_Mark(position, opens or not closes, closes or not opens, width))
    return marks


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_quote_ranges(
    text: str, markup: frozenset[int] = frozenset()
) -> Iterator[tuple[int, int, bool]]:
    """(start, end, closed) of each double-quoted stretch, without its marks."""
    paragraphs = paragraph_bounds(text)
    open_at: int | None = None
    for index, (para_start, para_end) in enumerate(paragraphs):
        marks = _double_marks(text, para_start, para_end, markup)
        if open_at is not None and marks and marks[0].position == _first_char(text, para_start):
            # Continuation of a quote from the previous paragraph: skip its fresh opening mark.
            marks = marks[1:]
        for mark in marks:
            if open_at is None:
                if mark.can_open:
                    open_at = mark.position + mark.width
                continue
            if mark.can_close and not (mark.can_open and text[mark.position - 1].isspace()):
                yield (*_trimmed(text, open_at, mark.position), True)
                open_at = None
            else:
                # A mark that opens while a quote is open: the earlier one was never closed.
                yield (*_trimmed(text, open_at, mark.position), False)
                open_at = mark.position + mark.width
        if open_at is not None and not _next_paragraph_opens_quote(text, paragraphs, index):
            yield (*_trimmed(text, open_at, para_end), False)
            open_at = None
    if open_at is not None:  # pragma: no cover - the last paragraph always closes above
        yield (*_trimmed(text, open_at, len(text)), False)


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _next_paragraph_opens_quote(text: str, paragraphs: list[tuple[int, int]], index: int) -> bool:
    if index + 1 >= len(paragraphs):
        return False
    first = _first_char(text, paragraphs[index + 1][0])
    return first < len(text) and (
        text[first] in OPENING_DOUBLE + STRAIGHT_DOUBLE or text.startswith(TWO_APOSTROPHES, first)
    )


def _single_quote_ranges(
    text: str, markup: frozenset[int] = frozenset()
) -> Iterator[tuple[int, int, bool]]:
    """(start, end, True) of each phrase in single quote marks within one paragraph."""
    for para_start, para_end in paragraph_bounds(text):
        resume = para_start
        for match in _SINGLE_OPENER.finditer(text, para_start, para_end):
            position = match.start()
            if position < resume or match.group() == TWO_APOSTROPHES or position in markup:
                continue  # inside the last phrase, a double mark as two apostrophes, markup
            if _opens_single(text, position, para_start, para_end):
                close = _find_single_close(text, position + 1, para_end, markup)
                if close is not None:
                    yield (*_trimmed(text, position + 1, close), True)
                    resume = close + 1


def _opens_single(text: str, position: int, para_start: int, para_end: int) -> bool:
    before = text[position - 1] if position > para_start else " "
    after = text[position + 1] if position + 1 < para_end else " "
    if before not in _OPENING_CONTEXT or not after.isalnum():
        return False
    # 'em, 'tis, '90s: apostrophes of elision, not quote marks.
    return not _ELISIONS.match(text, position + 1, para_end)


def _find_single_close(
    text: str, start: int, end: int, markup: frozenset[int] = frozenset()
) -> int | None:
    for match in _SINGLE_CLOSER_SCAN.finditer(text, start, end):
        position = match.start()
        char = match.group()
        if position in markup:
            return None  # a phrase does not run into markup
        if text.count(" ", start, position) > MAX_SINGLE_QUOTE_WORDS:
            return None
        if char in DOUBLE_MARKS:
            return None  # a single-quoted phrase does not cross a double mark
        if char not in "'" + CLOSING_SINGLE_QUOTES:
            continue
        if text.startswith(TWO_APOSTROPHES, position) or text[position - 1] == "'":
            return None  # a double mark written as two apostrophes ends the search
        before = text[position - 1]
        after = text[position + 1] if position + 1 < end else " "
        if before.isspace() or after.isalnum():
            continue  # an apostrophe inside a word: Kim's, don't
        return position
    return None


def looks_like_title(text: str) -> bool:
    """True for a quoted title of a work: ``Orange Is the New Black``, ``The Art of the Deal``.

    A title has two or more words, capitalises every word longer than three letters, and has no
    sentence punctuation inside, where a quoted statement would end in a comma or full stop.
    """
    words = _WORD.findall(text)
    if len(words) < 2 or text.rstrip()[-1:] in ".,!?;:":
        return False
    long_words = [w for w in words if len(w) > 3]
    if not long_words or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in long_words)


def is_scare_quote(text: str, doc: Doc | None = None, start: int = 0, end: int = 0) -> bool:
    """A short phrase with no verb, or one word: a word the writer holds at arm's length.

    With a tagger, "no verb" is read from the part-of-speech tags of the span, and a single
    word may be a verb (software that 'chooses', a disease considered "eliminated": set off
    like any word; issue #12's sample has such verbs among its scare quotes); without one, a
    short list of pronouns and auxiliaries stands in for it (a statement of three words or
    fewer nearly always has one: "We will win", "It is over").
    """
    words = _WORD.findall(text)
    if not words or len(words) > MAX_SCARE_WORDS:
        return False
    if text.rstrip()[-1:] in ",!?":
        # `"Despite it," they said`: a comma inside the marks ends a fragment of speech.
        return False
    if doc is not None and doc.has_annotation("TAG"):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            words = [token for token in span if not token.is_punct]
            return len(words) == 1 or not any(t.pos_ in ("VERB", "AUX") for t in words)
    return not any(word.lower() in _STATEMENT_WORDS for word in words)


def find_quotes(doc: Doc | str, *, text: str | None = None) -> list[Quote]:
    """Every stretch inside quote marks in ``doc``, in text order, closed or not.

    ``text`` may pass ``doc.text`` when the caller has it already (it is rebuilt on each access).
    """
    if text is None:
        text = doc if isinstance(doc, str) else doc.text
    tagged_doc = None if isinstance(doc, str) else doc
    markup = markup_marks(text)
    ranges = list(_double_quote_ranges(text, markup))
    # Single-quoted phrases nested in a double quote are kept too: a quote within a quote.
    ranges += _single_quote_ranges(text, markup)
    quotes = []
    for start, end, closed in sorted(set(ranges)):
        if end <= start:
            continue
        content = text[start:end]
        scare = closed and is_scare_quote(content, tagged_doc, start, end)
        quotes.append(Quote(TextSpan(start, end, content), closed=closed, scare=scare))
    return quotes


def word_before_marks(doc: Doc, index: int, *, line_break_stops: bool = False) -> Token | None:
    """The token before token ``index``, past quote marks and spaces; None at the text's
    start. With ``line_break_stops``, a space token holding a line break is returned
    instead of passed (a line break ends a headline)."""
    index -= 1
    while index >= 0 and (doc[index].is_quote or doc[index].is_space):
        if line_break_stops and "\n" in doc[index].text:
            return doc[index]
        index -= 1
    return doc[index] if index >= 0 else None


def word_after_marks(doc: Doc, index: int) -> Token | None:
    """The token after token ``index``, past quote marks and spaces; None at the text's end."""
    index += 1
    while index < len(doc) and (doc[index].is_quote or doc[index].is_space):
        index += 1
    return doc[index] if index < len(doc) else None


def quote_at(quotes: Iterable[Quote], char: int) -> Quote | None:
    """The innermost quote whose content (or marks) contains character ``char``, if any."""
    found = None
    for quote in quotes:
        if quote.span.start - 1 <= char < quote.span.end + 1:
            if found is None or quote.span.start >= found.span.start:
                found = quote
    return found
