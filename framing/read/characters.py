"""The characters of news text that need a rule: quote marks and invisible characters, each
defined once, and the clean-up step that normalises them.

The sets are used by every stage that meets such characters: :func:`normalize_unicode`
(the first clean-up step of :func:`framing.read.cleaning.clean_text`) straightens the quote
marks and deletes the invisible characters; the corpus reader counts an article of only
invisible characters as empty; the quote finder of :mod:`framing.annotate.quotes` and the
attribution extractor tell opening marks from closing ones on text that was not cleaned
(gold texts keep their own offsets).

:func:`normalize_unicode` takes a :class:`~framing.read.offsets.CleanText` and returns one
with straight quotes, ASCII spaces and ``\\n`` line ends, the invisible and control
characters deleted, and the offset map carried along.
"""

from __future__ import annotations

import re

from framing.read.offsets import CleanText, plural, with_note

# --- Quote marks ----------------------------------------------------------------------------
# Curly and angled marks by the side they stand on in English and French text (German's
# „…“ and »…« use the same characters the other way round, which the quote finder's context
# rules handle). Cleaning straightens all of them to ``"`` and ``'``.

OPENING_DOUBLE_QUOTES = "\u201c\u201e\u201f\u00ab"  # “ „ ‟ «
CLOSING_DOUBLE_QUOTES = "\u201d\u00bb"  # ” »
OPENING_SINGLE_QUOTES = "\u2018\u201a\u201b\u2039"  # ‘ ‚ ‛ ‹
CLOSING_SINGLE_QUOTES = "\u2019\u203a"  # ’ › (’ is also the apostrophe)
CURLY_DOUBLE_QUOTES = OPENING_DOUBLE_QUOTES + CLOSING_DOUBLE_QUOTES
CURLY_SINGLE_QUOTES = OPENING_SINGLE_QUOTES + CLOSING_SINGLE_QUOTES

# --- Invisible characters -------------------------------------------------------------------
#: Characters that print nothing and are no whitespace (Unicode format characters and the soft
#: hyphen): cleaning deletes them, and a text of only these and whitespace is empty.
INVISIBLE = (
    "\u200b\u200c\u200d\ufeff\u2060"  # zero-width space, non-joiner, joiner, BOM, word joiner
    "\u2061\u2062\u2063\u2064"  # invisible function application, times, separator, plus
    "\u200e\u200f\u061c"  # LRM, RLM, Arabic letter mark
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
    "\u180e"  # Mongolian vowel separator (a space before Unicode 6.3, invisible since)
    "\u00ad"  # soft hyphen: invisible, and it splits words when left in
)

# --- The clean-up step -------------------------------------------------------------------------

# Every Unicode space separator (category Zs) other than the ASCII space.
_UNICODE_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
# Line separators Python's str.splitlines honours but spaCy and our line logic do not.
_LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"

#: One-to-one character replacements made by :func:`normalize_unicode`.
CHAR_MAP: dict[str, str] = {
    **dict.fromkeys(CURLY_DOUBLE_QUOTES, '"'),
    **dict.fromkeys(CURLY_SINGLE_QUOTES, "'"),
    **dict.fromkeys(_UNICODE_SPACES, " "),
    **dict.fromkeys(_LINE_BREAKS, "\n"),
}

# C0/C1 control characters (except tab and the line breaks above) and lone surrogates only
# come from binary junk or broken decoding; spaCy and UTF-8 writers choke on surrogates.
_JUNK = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff"

# Deleted: invisible and junk characters, and the \r of \r\n (so the \n keeps its offset).
_DELETED = re.compile("(?:\r(?=\n)|[" + re.escape(INVISIBLE) + _JUNK + "])+")
_TRANSLATION = str.maketrans(CHAR_MAP)
_COUNTED = (  # (verb, what, pattern) for the human-readable note
    ("straightened", "curly quote", re.compile(f"[{CURLY_DOUBLE_QUOTES}{CURLY_SINGLE_QUOTES}]")),
    ("replaced", "Unicode space", re.compile(f"[{_UNICODE_SPACES}]")),
    ("removed", "invisible or control character", re.compile(f"[{INVISIBLE}{_JUNK}]")),
    ("normalised", "line break", re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")),
)


def normalize_unicode(clean: CleanText) -> CleanText:
    """Straight quotes, ASCII spaces, ``\\n`` line ends; invisible and control characters go."""
    text = clean.text
    counts = [(verb, what, len(pattern.findall(text))) for verb, what, pattern in _COUNTED]
    note = "; ".join(f"{verb} {plural(n, what)}" for verb, what, n in counts if n) or None
    deletions = [(match.start(), match.end(), "") for match in _DELETED.finditer(text)]
    clean = clean.apply_edits(deletions)
    # The replacements are one character for one, so the offset map stays as it is.
    translated = clean.text.translate(_TRANSLATION)
    if translated == clean.text:
        return with_note(clean, note)
    edits = (*clean.edits, note) if note else clean.edits
    return CleanText(clean.original, translated, clean.offsets, edits)
