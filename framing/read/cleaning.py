"""Text clean-up before NLP, with an offset map back to the text the user gave.

Pasted and scraped news copy carries artefacts that hurt tokenisation and parsing: curly
quotes and invisible characters, lines hard-wrapped mid-sentence, words glued together where a
link was stripped (``leaderKim Jong Unhailed``), and page chrome (``14 hours ago``,
``English (US)``) after the last paragraph. :func:`clean_text` removes them and returns a
:class:`CleanText` whose offset map sends every cleaned character back to the character it came
from, so spans found on the cleaned text are highlighted on the original.

Each step is a small pure function ``CleanText -> CleanText``: it finds a list of edits
``(start, end, replacement)`` on the current text and applies them with
:meth:`~framing.read.offsets.CleanText.apply_edits`, which carries the offset map along
(:mod:`framing.read.offsets`). The steps run in this order:

1. :func:`~framing.read.characters.normalize_unicode` -- quotes, Unicode spaces, invisible
   characters, line endings (:mod:`framing.read.characters`);
2. :func:`tidy_whitespace` -- one space between words, no spaces at line ends, at most one
   blank line between paragraphs;
3. :func:`~framing.read.page_chrome.drop_trailing_chrome` -- page furniture after the last
   real sentence, then :func:`~framing.read.page_chrome.drop_link_lines` -- links to other
   articles in mid-text (``Related article: ...``) (:mod:`framing.read.page_chrome`);
4. :func:`unwrap_lines` -- a hard line break inside a sentence becomes a space;
5. :func:`~framing.read.glued_words.split_glued_words` -- one space inserted where a stripped
   link glued two words (:mod:`framing.read.glued_words`);
6. :func:`break_symbol_runs` -- a space every 100 characters of a run of symbols (hostile
   input: the tokenizer's time grows with the square of such a run);
7. :func:`strip_ends` -- no whitespace at either end.

Chrome is dropped before unwrapping so that chrome lines are never joined onto the last
paragraph. Every step errs on the side of leaving text alone: a missed clean-up costs a little
parsing accuracy, a wrong one changes what the article says.

The abbreviation lists below are clean-up heuristics about English spelling, not framing
lexicons, so they live here rather than in ``lexicons/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from framing.read.characters import normalize_unicode
from framing.read.glued_words import split_glued_words
from framing.read.offsets import CleanText, Edit, plural, with_note
from framing.read.page_chrome import drop_link_lines, drop_trailing_chrome

# --- Whitespace ----------------------------------------------------------------------------

# Spaces at a line's edge, or a run/tab inside it; single spaces between words never match.
# (Every branch starts with a space or tab, which lets the regex engine skip ahead fast.)
_UNTIDY_SPACE = re.compile(r"[ \t](?:[ \t]+|(?=\n)|\Z)|\t|(?:(?<=\n)|\A)[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def tidy_whitespace(clean: CleanText) -> CleanText:
    """One space between words, none at line starts or ends, at most one blank line in a row.

    The later steps reason about lines, and a stray indent or trailing space would make a line
    look longer or a blank line look non-blank.
    """
    text = clean.text
    space_edits: list[Edit] = []
    for match in _UNTIDY_SPACE.finditer(text):
        start, end = match.span()
        at_line_start = start == 0 or text[start - 1] == "\n"
        at_line_end = end == len(text) or text[end] == "\n"
        space_edits.append((start, end, "" if at_line_start or at_line_end else " "))
    # Blank lines are counted after the spaces go, so that lines of spaces count as blank.
    clean = clean.apply_edits(space_edits)
    line_edits = [(m.start(), m.end(), "\n\n") for m in _BLANK_LINES.finditer(clean.text)]
    count = len(space_edits) + len(line_edits)
    note = f"tidied {plural(count, 'run')} of whitespace" if count else None
    return clean.apply_edits(line_edits, note) if line_edits else with_note(clean, note)


# --- Unwrapping hard-wrapped lines -------------------------------------------------------

# A wrapped line is one whose next word would not have fitted: with proportional fonts and
# ragged wrapping (seed 001 wraps between 81 and 95 characters) "fitted" needs slack.
_WRAP_PERCENTILE = 0.9  # the wrap width is estimated as this percentile of line lengths
_WRAPPED_MIN_SHARE = 0.6  # a wrapped line is at least this share of the wrap width...
_NEXT_WORD_OVERFLOW_SHARE = 0.8  # ...and with the next word reaches this share of it
_MIN_WRAP_WIDTH = 30  # narrower "wrapping" is a list or a poem, not a hard-wrapped article
_LIST_ITEM = re.compile(r"[-*•·–—>]|\d{1,3}[.)]\s")
# Abbreviations that end in a full stop without ending the sentence: titles never end one,
_CLOSERS = "\"')]}"
_SENTENCE_END = ".!?…:;"
# Abbreviations that end in a full stop without ending the sentence: titles never end one,
# the others may ("troops from the U.S." / "the U.S. \nmilitary"), so the next line decides.
_TITLE_ABBREVIATIONS = frozenset(
    "mr. mrs. ms. dr. prof. gen. lt. col. sgt. capt. adm. sen. rep. gov. st. vs. e.g. i.e.".split()
)
_AMBIGUOUS_ABBREVIATIONS = frozenset(
    "u.s. u.k. u.n. a.m. p.m. no. jan. feb. aug. sept. oct. nov. dec.".split()
)


def _continues_sentence(line: str, next_line: str) -> bool:
    """Whether ``line`` stops mid-sentence, judged by its last characters."""
    stripped = line.rstrip(_CLOSERS)
    if not stripped:
        return False
    if stripped[-1] not in _SENTENCE_END:
        # A closing quote or bracket after a word ("heroes") is mid-sentence; after a full
        # stop it ends one.
        return True
    last_word = stripped.rsplit(" ", 1)[-1].lower()
    if last_word in _TITLE_ABBREVIATIONS:
        return True
    return last_word in _AMBIGUOUS_ABBREVIATIONS and next_line[:1].islower()


def _wrap_width(lengths: list[int]) -> int:
    ordered = sorted(lengths)
    return ordered[int(_WRAP_PERCENTILE * (len(ordered) - 1))]


def unwrap_lines(clean: CleanText) -> CleanText:
    """Join a line to the next with a space when it was hard-wrapped mid-sentence.

    A single newline is a wrap when the line before it does not end a sentence, is long
    relative to the document's wrap width, and the next line's first word would not have fit
    on it. Blank lines (paragraph breaks) are never touched; a short heading line such as
    ``Military alliance`` above a paragraph is not long, so it stays on its own line. A line
    ending in ``word-`` is joined without a space, keeping the hyphen (we cannot tell a
    compound from a syllable break, and a compound is the common case in news).
    """
    text = clean.text
    lines = text.split("\n")
    lengths = [len(line) for line in lines if line]
    if len(lengths) < 2:
        return clean
    width = _wrap_width(lengths)
    if width < _MIN_WRAP_WIDTH:
        return clean
    edits: list[Edit] = []
    position = 0
    for line, next_line in zip(lines, lines[1:], strict=False):
        newline = position + len(line)
        position = newline + 1
        if not line or not next_line:
            continue
        if _LIST_ITEM.match(next_line) and _LIST_ITEM.match(line):
            continue  # one list item after another (a dash alone also starts wrapped prose)
        next_word = next_line.split(" ", 1)[0]
        wrapped = (
            len(line) >= _WRAPPED_MIN_SHARE * width
            and len(line) + 1 + len(next_word) >= _NEXT_WORD_OVERFLOW_SHARE * width
        )
        if not wrapped or not _continues_sentence(line, next_line):
            continue
        hyphen_break = line[-1] in "-—" and len(line) > 1 and line[-2].isalpha()
        edits.append((newline, newline + 1, "" if hyphen_break else " "))
    note = f"unwrapped {plural(len(edits), 'line')}" if edits else None
    return clean.apply_edits(edits, note)


# --- Runs of symbols -----------------------------------------------------------------------

#: The longest run of symbols (no letter, digit or space) the tokenizer is given whole.
MAX_SYMBOL_RUN = 100
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN + 1},}}")


def break_symbol_runs(clean: CleanText) -> CleanText:
    """A space every 100 characters of a run of symbols with no letter, digit or space.

    spaCy's tokenizer takes such a run (``[[[[``, quote marks, ``$``, emoji) apart one prefix
    or suffix at a time, searching the rest of the run again each time: its time grows with
    the square of the run's length. 4,000 characters take one to two and a half seconds,
    20,000 about a hundred, and a 2 MB article of them would hold up a batch for hours. No
    text says anything in a run that long (a rule of dashes is far shorter), so breaking it
    changes no figure; the inserted spaces take up no room in the original offsets.
    """
    runs = list(_SYMBOL_RUN.finditer(clean.text))
    if not runs:
        return clean
    edits: list[Edit] = [
        (run.start() + at, run.start() + at, " ")
        for run in runs
        for at in range(MAX_SYMBOL_RUN, len(run.group()), MAX_SYMBOL_RUN)
    ]
    note = f"broke {plural(len(runs), 'run')} of over {MAX_SYMBOL_RUN} symbols with spaces"
    return clean.apply_edits(edits, note)


# --- Ends ----------------------------------------------------------------------------------


def strip_ends(clean: CleanText) -> CleanText:
    """No whitespace before the first or after the last character."""
    text = clean.text
    head = len(text) - len(text.lstrip())
    if head == len(text):
        edits = [(0, len(text), "")] if text else []
    else:
        tail = len(text.rstrip())
        edits = [(0, head, "")] if head else []
        if tail < len(text):
            edits.append((tail, len(text), ""))
    note = "stripped whitespace at the ends" if edits else None
    return clean.apply_edits(edits, note)


#: The clean-up steps, in the order :func:`clean_text` runs them.
STEPS: tuple[Callable[[CleanText], CleanText], ...] = (
    normalize_unicode,
    tidy_whitespace,
    drop_trailing_chrome,
    drop_link_lines,
    unwrap_lines,
    split_glued_words,
    break_symbol_runs,
    strip_ends,
)


def clean_text(raw: str) -> CleanText:
    """Clean ``raw`` for NLP; the result maps every cleaned offset back into ``raw``."""
    clean = CleanText.unchanged(raw)
    for step in STEPS:
        clean = step(clean)
    return clean
