"""Text clean-up before NLP, with an offset map back to the text the user gave.

Pasted and scraped news copy carries artefacts that hurt tokenisation and parsing: curly
quotes and invisible characters, lines hard-wrapped mid-sentence, words glued together where a
link was stripped (``leaderKim Jong Unhailed``), and page chrome (``14 hours ago``,
``English (US)``) after the last paragraph. :func:`clean_text` removes them and returns a
:class:`CleanText` whose offset map sends every cleaned character back to the character it came
from, so spans found on the cleaned text are highlighted on the original.

Each step is a small pure function ``CleanText -> CleanText``: it finds a list of edits
``(start, end, replacement)`` on the current text and applies them with
:meth:`CleanText.apply_edits`, which carries the offset map along. The steps run in this order:

1. :func:`normalize_unicode` -- quotes, Unicode spaces, invisible characters, line endings;
2. :func:`tidy_whitespace` -- one space between words, no spaces at line ends, at most one
   blank line between paragraphs;
3. :func:`drop_trailing_chrome` -- page furniture after the last real sentence, then
   :func:`drop_link_lines` -- links to other articles in mid-text (``Related article: ...``);
4. :func:`unwrap_lines` -- a hard line break inside a sentence becomes a space;
5. :func:`split_glued_words` -- one space inserted where a stripped link glued two words;
6. :func:`break_symbol_runs` -- a space every 100 characters of a run of symbols (hostile
   input: the tokenizer's time grows with the square of such a run);
7. :func:`strip_ends` -- no whitespace at either end.

Chrome is dropped before unwrapping so that chrome lines are never joined onto the last
paragraph. Every step errs on the side of leaving text alone: a missed clean-up costs a little
parsing accuracy, a wrong one changes what the article says.

The word lists below are clean-up heuristics about English spelling and page layout, not
framing lexicons, so they live here rather than in ``lexicons/``.
"""

from __future__ import annotations

import functools
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy

#: An edit on the current text: replace ``text[start:end]`` with ``replacement``.
Edit = tuple[int, int, str]


@dataclass(frozen=True)
class CleanText:
    """Cleaned text plus, for each cleaned character, the offset it came from in ``original``.

    ``text[i]`` is ``original[to_original(i)]`` or its normalised form (a straight quote for a
    curly one, a space for a line break that was unwrapped). A character that was *inserted*
    (the space between two glued words) maps to the original offset of the character after it,
    so it takes up no room in the original: ``to_original(i) == to_original(i + 1)``.
    """

    original: str
    text: str
    # One original offset per cleaned character, plus one for len(text) (-> len(original)).
    # Non-decreasing; equal neighbours mark an inserted character.
    offsets: array = field(repr=False, compare=False)
    edits: tuple[str, ...] = ()

    @classmethod
    def unchanged(cls, raw: str) -> CleanText:
        """The identity clean-up: ``text == original``, every offset maps to itself."""
        # Through numpy (a spaCy dependency): array("q", range(n)) costs 0.15 s for 2 MB.
        identity = numpy.arange(len(raw) + 1, dtype=numpy.int64).tobytes()
        return cls(raw, raw, array("q", identity), ())

    @property
    def is_identity(self) -> bool:
        """True when no clean-up step changed anything: every offset maps to itself.

        :meth:`apply_edits` returns the same object when it applies nothing, so an untouched
        text is still the very string it started as.
        """
        return self.text is self.original

    def to_original(self, offset: int) -> int:
        """Cleaned offset -> original offset; ``len(text)`` maps to ``len(original)``."""
        if not 0 <= offset <= len(self.text):
            raise IndexError(f"offset {offset} outside 0..{len(self.text)}")
        return self.offsets[offset]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Cleaned span -> original span covering the same characters.

        The end is taken from the span's last character rather than from ``end`` itself, so
        whitespace or chrome removed just after the span is not pulled into the highlight.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}..{end} outside 0..{len(self.text)}")
        original_start = self.offsets[start]
        if end == start:
            return original_start, original_start
        last = self.offsets[end - 1]
        # An inserted last character has no width in the original.
        original_end = last if last == self.offsets[end] else last + 1
        return original_start, max(original_start, original_end)

    def apply_edits(self, edits: Iterable[Edit], note: str | None = None) -> CleanText:
        """A new CleanText with ``edits`` (sorted, non-overlapping) applied to ``text``.

        Replacement character ``k`` keeps the offset of ``text[start + k]`` while there is one,
        so a 1:1 replacement maps exactly and a shortening maps onto the first characters;
        characters beyond ``end`` are insertions and take the offset of ``text[end]``.
        """
        text, offsets = self.text, self.offsets
        pieces: list[str] = []
        new_offsets = array("q")
        position = 0
        applied = 0
        for start, end, replacement in edits:
            if start < position or end < start:
                raise ValueError(f"edits overlap or run backwards at {start}..{end}")
            pieces.append(text[position:start])
            new_offsets.extend(offsets[position:start])
            pieces.append(replacement)
            for k in range(len(replacement)):
                new_offsets.append(offsets[start + k] if start + k < end else offsets[end])
            position = end
            applied += 1
        if not applied:
            return self
        pieces.append(text[position:])
        new_offsets.extend(offsets[position:])  # includes the end-of-text sentinel
        notes = self.edits + ((note,) if note else ())
        return CleanText(self.original, "".join(pieces), new_offsets, notes)


def _with_note(clean: CleanText, note: str | None) -> CleanText:
    if not note:
        return clean
    return CleanText(clean.original, clean.text, clean.offsets, (*clean.edits, note))


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


# --- 1. Unicode normalisation ---------------------------------------------------------------

_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb"  # “ ” „ ‟ « »
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2039\u203a"  # ‘ ’ ‚ ‛ ‹ ›
# Every Unicode space separator (category Zs) other than the ASCII space.
_UNICODE_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
# Line separators Python's str.splitlines honours but spaCy and our line logic do not.
_LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"

#: One-to-one character replacements made by :func:`normalize_unicode`.
CHAR_MAP: dict[str, str] = {
    **dict.fromkeys(_DOUBLE_QUOTES, '"'),
    **dict.fromkeys(_SINGLE_QUOTES, "'"),
    **dict.fromkeys(_UNICODE_SPACES, " "),
    **dict.fromkeys(_LINE_BREAKS, "\n"),
}

_INVISIBLE = (
    "\u200b\u200c\u200d\ufeff\u2060"  # zero-width space, non-joiner, joiner, BOM, word joiner
    "\u200e\u200f\u061c"  # LRM, RLM, Arabic letter mark
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
    "\u00ad"  # soft hyphen: invisible, and it splits words when left in
)
# C0/C1 control characters (except tab and the line breaks above) and lone surrogates only
# come from binary junk or broken decoding; spaCy and UTF-8 writers choke on surrogates.
_JUNK = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff"

# Deleted: invisible and junk characters, and the \r of \r\n (so the \n keeps its offset).
_DELETED = re.compile("(?:\r(?=\n)|[" + re.escape(_INVISIBLE) + _JUNK + "])+")
_TRANSLATION = str.maketrans(CHAR_MAP)
_COUNTED = (  # (verb, what, pattern) for the human-readable note
    ("straightened", "curly quote", re.compile(f"[{_DOUBLE_QUOTES}{_SINGLE_QUOTES}]")),
    ("replaced", "Unicode space", re.compile(f"[{_UNICODE_SPACES}]")),
    ("removed", "invisible or control character", re.compile(f"[{_INVISIBLE}{_JUNK}]")),
    ("normalised", "line break", re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")),
)


def normalize_unicode(clean: CleanText) -> CleanText:
    """Straight quotes, ASCII spaces, ``\\n`` line ends; invisible and control characters go."""
    text = clean.text
    counts = [(verb, what, len(pattern.findall(text))) for verb, what, pattern in _COUNTED]
    note = "; ".join(f"{verb} {_plural(n, what)}" for verb, what, n in counts if n) or None
    deletions = [(match.start(), match.end(), "") for match in _DELETED.finditer(text)]
    clean = clean.apply_edits(deletions)
    # The replacements are one character for one, so the offset map stays as it is.
    translated = clean.text.translate(_TRANSLATION)
    if translated == clean.text:
        return _with_note(clean, note)
    edits = (*clean.edits, note) if note else clean.edits
    return CleanText(clean.original, translated, clean.offsets, edits)


# --- 2. Whitespace ----------------------------------------------------------------------------

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
    note = f"tidied {_plural(count, 'run')} of whitespace" if count else None
    return clean.apply_edits(line_edits, note) if line_edits else _with_note(clean, note)


# --- 3. Trailing page chrome ------------------------------------------------------------------

_MONTHS_AND_DAYS = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december mon tue tues wed thu thur thurs fri sat "
    "sun monday tuesday wednesday thursday friday saturday sunday"
)
_TIME_WORDS = "am pm a.m p.m gmt utc est edt cst cdt pst pdt cet cest bst kst jst msk et pt"
_DATE_WORDS = frozenset(
    (_MONTHS_AND_DAYS + " " + _TIME_WORDS + " updated published posted on at").split()
)
_DATE_NUMBER = re.compile(r"\d{1,4}(?::\d\d)?(?:st|nd|rd|th)?")

_LANGUAGES = (
    "english|español|espanol|deutsch|français|francais|italiano|português|portugues|русский|"
    "українська|中文|日本語|한국어|العربية|türkçe|polski|nederlands|svenska|हिन्दी|"
    "bahasa\\ indonesia"
)
# Lines that are page furniture wherever they stand at the end of an article.
_CHROME_LINE = re.compile(
    r"""(?ix)^(?:
        (?:(?:updated|published|posted|last\ updated)\s*:?\s*)?
            (?:\d+|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?
            |w|wks?|weeks?|mos?|months?|y|yrs?|years?)\ ago
      | just\ now | yesterday | today
      | [\s.,:/()+\#-]*\d[\d\s.,:/()+\#-]*                    # counters, pagination
      | (?:"""
    + _LANGUAGES
    + r""")(?:\s*\([a-z .]{2,20}\))?                        # language pickers
      | share(?:\ (?:this|on)(?:\ \w+){0,2})? | advertisement | advertising | ad
      | sponsored(?:\ content)? | read\ (?:more|next|the\ full\ (?:article|story))
      | see\ more | show\ more | load\ more | view\ comments | (?:\d+\ )?comments? | reply
      | sign\ (?:up|in)\b.{0,60} | log\ ?in | subscribe\b.{0,60} | follow\ us\b.{0,60}
      | back\ to\ top | skip\ to\ .{1,40} | print | e-?mail | copy\ link
      | facebook | twitter | x | whatsapp | linkedin | telegram | reddit | flipboard
      | related(?:\ (?:articles?|stories|coverage|content|topics))? | recommended(?:\ for\ you)?
      | trending(?:\ now)? | most\ (?:read|popular|viewed) | top\ stories
      | more\ from\ .{1,40} | (?:tags?|topics?)\s*:.* | (?:©|\(c\)\ |copyright\b).*
      | .*\ball\ rights\ reserved\.?
    )$"""
)
# Credit lines ("(ANI)", "Reporting by ...") are how wire copy is recognised: keep them.
_CREDIT_LINE = re.compile(
    r"(?i)^\([^()]*[a-z][^()]*\)$|^[-—–]+\s*\w|^by\s|\b(?:reporting|writing|editing|contributed|reported)\b"
)
_SENTENCE_PUNCTUATION = set('.!?;:"')
# A page's trailing furniture is a handful of short lines; beyond these it is not chrome.
_MAX_CHROME_LINES = 30
_MAX_CHROME_LINE_LENGTH = 200
_MINOR_WORDS = frozenset("a an and as at by for from in of on or the to via with".split())
_CLOSERS = "\"')]}"
_SENTENCE_END = ".!?…:;"


def _is_date_line(line: str) -> bool:
    words = line.lower().replace(",", " ").replace("|", " ").split()
    return bool(words) and all(
        word.strip(".") in _DATE_WORDS or _DATE_NUMBER.fullmatch(word.strip(".")) for word in words
    )


def _is_short_heading_like(line: str) -> bool:
    """A short line with no sentence punctuation in Title Case: a link, label or byline.

    A short line of lowercase words ("They came home") may be a real last sentence whose full
    stop was lost, so only Title Case lines (minor words aside) count.
    """
    words = line.split()
    if not words or len(words) > 4 or len(line) > 40 or _SENTENCE_PUNCTUATION & set(line):
        return False
    return all(not word[0].isalpha() or word[0].isupper() or word in _MINOR_WORDS for word in words)


def drop_trailing_chrome(clean: CleanText) -> CleanText:
    """Drop the lines after the last real sentence that are page furniture, not article.

    Lines that match :data:`_CHROME_LINE` (timestamps, counters, language pickers, share and
    comment links, copyright) go whenever they trail the text. Short Title Case lines ("Around
    the Web") go when they come after such a line, never on their own: a short last line
    before any certain chrome may be a real one. Something always remains, and a credit line
    ("(ANI)", "Reporting by ...") is never dropped.
    """
    text = clean.text

    def kind(start: int, end: int) -> str:
        line = text[start:end].strip()
        if len(line) > _MAX_CHROME_LINE_LENGTH or _CREDIT_LINE.search(line):
            return "keep"
        if _CHROME_LINE.match(line) or _is_date_line(line):
            return "chrome"
        return "weak" if _is_short_heading_like(line) else "keep"

    trailing: list[tuple[str, int]] = []  # (kind, end offset) of each chrome line, last first
    last_kept_end = None
    for start, end in _non_blank_lines_from_end(text):
        line_kind = kind(start, end)
        if line_kind == "keep":
            last_kept_end = end
            break
        if len(trailing) == _MAX_CHROME_LINES:
            return clean  # a listing, not a page's footer
        trailing.append((line_kind, end))
    if last_kept_end is None:
        return clean  # everything looks like chrome: not ours to judge
    # The chrome starts at its first certain line: short lines above it are as likely a
    # referee's name or a sign-off as page furniture, so they stay with the text.
    certain = [index for index, (line_kind, _) in enumerate(trailing) if line_kind == "chrome"]
    if not certain:
        return clean
    top = certain[-1]  # lines are listed last first
    cut = trailing[top + 1][1] if top + 1 < len(trailing) else last_kept_end
    note = f"dropped {_plural(top + 1, 'line')} of trailing page chrome"
    return clean.apply_edits([(cut, len(text), "")], note)


# --- 3b. Link lines in mid-text -----------------------------------------------------------------

# A line that is a link to another article, labelled as one ("Related article: Putin Hails
# North Korean Troops as 'Heroic' in Letter to Kim"): the page's furniture, not the outlet's
# prose, and a headline in quote marks would count as a scare quote. The label and its colon
# must start the line, and the line must be a headline's length.
_LINK_LINE = re.compile(
    r"""(?ix)^(?:related(?:\ (?:article|articles|story|stories|coverage|content|reading|news))?
        | read\ (?:more|also|next) | also\ read | see\ also | more\ on\ this(?:\ story)?
        | recommended(?:\ (?:article|story|reading))? | don't\ miss | editor's\ pick
    )\s*:\s*\S.{0,160}$"""
)


def drop_link_lines(clean: CleanText) -> CleanText:
    """Drop lines in mid-text that link to other articles (``Related article: ...``)."""
    text = clean.text
    edits: list[Edit] = []
    position = 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if _LINK_LINE.match(line.strip()):
            # The line goes with the line breaks after it, so the paragraphs around it keep
            # the one break (or blank line) that stood before it.
            stop = end
            while stop < len(text) and text[stop] == "\n":
                stop += 1
            edits.append((start, stop, ""))
    if not edits or sum(e - s for s, e, _ in edits) >= len(text.strip()):
        return clean  # nothing to drop, or nothing but links: not ours to judge
    return clean.apply_edits(edits, f"dropped {_plural(len(edits), 'link line')} in mid-text")


def _non_blank_lines_from_end(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, last line first, found without splitting it all."""
    end = len(text)
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        if not text[start:end].isspace() and start < end:
            yield start, end
        end = start - 1


# --- 4. Unwrapping hard-wrapped lines -------------------------------------------------------

# A wrapped line is one whose next word would not have fitted: with proportional fonts and
# ragged wrapping (seed 001 wraps between 81 and 95 characters) "fitted" needs slack.
_WRAP_PERCENTILE = 0.9  # the wrap width is estimated as this percentile of line lengths
_WRAPPED_MIN_SHARE = 0.6  # a wrapped line is at least this share of the wrap width...
_NEXT_WORD_OVERFLOW_SHARE = 0.8  # ...and with the next word reaches this share of it
_MIN_WRAP_WIDTH = 30  # narrower "wrapping" is a list or a poem, not a hard-wrapped article
_LIST_ITEM = re.compile(r"[-*•·–—>]|\d{1,3}[.)]\s")
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
    note = f"unwrapped {_plural(len(edits), 'line')}" if edits else None
    return clean.apply_edits(edits, note)


# --- 5. Glued words -------------------------------------------------------------------------

# Both halves of a split must be common words: zipf 3.0 is about one use per million words
# ("pact" 3.7, "deployments" 3.2); rarer halves are more often syllables of a name.
_MIN_PART_ZIPF = 3.0
# A two-letter half is too easily a syllable ("Ho", "Ri"): it must be a very common word.
_MIN_TWO_LETTER_ZIPF = 4.5
# A name glued to the next word must be common (Putin 4.1, Korea 4.7, Trump 4.9) unless it
# also stands alone elsewhere in the text.
_MIN_NAME_ZIPF = 3.5

# Function words and frequent verbs: one on either side of a lowercase split marks running
# text ("thelosses", "sufferedin", "defectedhave"); a name is never one of them.
_FUNCTION_WORDS = frozenset(
    """the and or but nor of in on at to by for from with into onto as that this these those
    which who whom whose what when where while has have had is are was were be been being will
    would could should may might must can said says told after before until since over under
    about against during than then also not its his her their our it they if up all both each
    such only just even more most very via amid among between through without within across
    toward towards per because though although whether there here how why now still yet""".split()
)
# The words that most often follow a name in news copy; not "on", "our", "not", "can", which
# end too many names ("Thion", "Turnour", "Jugnot", "Biscan").
_NAME_GLUE_WORDS = frozenset(
    """and that as the said says told has have had was were is are who which with for from to
    in of at by will would also after""".split()
)
_TWO_LETTER_WORDS = frozenset("in on as of to by at is it or if be up".split())
# Romanised Korean and Chinese syllables that are also English words: "Chinhung", "Namyang",
# "Onsong", "Kangdong" are place names, not "Chin hung".
_NAME_SYLLABLES = frozenset(
    """song sung yang hung dong gang jong kong hong bong pang sang chang jang wang tang bang ping
    ming ling long young yong chin jin sin won san man nam ri il un an ho kim park lee choi kang
    moon han ju yun lin li shan sun chen hu xi ma wu yu do ok ha son yi bin ji jun chun min hee
    woo joo jae dae gu gun si po hwa mu sa cho mun rim bu bo ga na da""".split()
)
# Name particles: "McDonald", "DeSantis", "MacKenzie", "VanDyke" are one name.
_NAME_PREFIXES = frozenset(
    """mc mac de di da du la le van von der del della den ter ten al el st bin ibn abu ben fitz
    o""".split()
)
# Word-forming prefixes and suffixes: "overdeploy", "Putinism" are one (rare) word.
_MORPHEME_PREFIXES = frozenset(
    """un re non pre post anti pro over under counter sub super inter intra multi out mis dis co
    de ex semi mid self cross neo pseudo ultra mega micro macro mini hyper bio geo eco cyber tele
    trans poly mono auto up down off back fore""".split()
)
_MORPHEME_SUFFIXES = frozenset(
    """s es ed ing er ers est ly ness less ful able ible ism isms ist ists ite ites ian ians ese
    like ship ships hood dom ward wards wise fold gate mania land lands ville burg berg stan son
    sen ton man men woman women ology logy wide proof style tion ment ments ity ize ise ized ised
    al ic ics ish age ages ence ance ent ant ure ous ive ary ery ory ation ations ware field wood
    ford ham ley by stein burgh borough shire port town view side line lines time times where
    ever self selves one body thing kind type led backed made free related owned run""".split()
)
# Titles glued to the name after them ("PresidentVladimir"); written out in full, since an
# abbreviated one keeps its full stop ("Gen.Kim") and "Gen" starts brands ("GenCrowd").
_TITLES = frozenset(
    """president minister leader general chairman chairwoman secretary senator governor premier
    chancellor king queen prince princess pope ambassador spokesman spokeswoman spokesperson
    commander marshal director mayor judge professor deputy""".split()
)
_UNITS = frozenset(
    """in ins ft mph kph kmh bhp mah gbps mbps sec secs min mins hrs yrs lbs kms mwh kwh gwh
    bps ppm""".split()
)

_RUN = re.compile(r"[^\W_]+")  # a run of letters and digits: a word, or words glued
# Scanning left to right, this only ever matches whole runs of four or more characters.
_LONG_RUN = re.compile(r"[^\W_]{4,}")
_LETTERS_THEN_DIGITS = re.compile(r"([^\W\d_]+)(\d+)")
_DIGITS_THEN_LETTERS = re.compile(r"(\d+)([^\W\d_]+)")
# Runs touching these belong to a URL, address, handle, hashtag or identifier.
_TECHNICAL_BEFORE = set("@#/\\_.:=~&%+")
_TECHNICAL_AFTER = set("@/\\_=~&%+")


@functools.cache
def _frequencies() -> Mapping[str, float]:
    # Loaded once; a dict lookup is much cheaper than wordfreq's own tokenising API. Kept
    # compiled per wordfreq release, which also spares importing wordfreq (and its langcodes,
    # ftfy and regex) at start-up.
    from importlib.metadata import version

    from framing.common.compiled import compiled_table, content_key

    key = content_key("wordfreq-en-best", [version("wordfreq").encode()])
    return compiled_table(key, _wordfreq_frequencies)


def _wordfreq_frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="best")


@functools.lru_cache(maxsize=1 << 16)
def _zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (0.0 when wordfreq does not know it)."""
    frequency = _frequencies().get(word.casefold())
    return math.log10(frequency) + 9 if frequency else 0.0


def _is_common_part(part: str) -> bool:
    if len(part) < 2:
        return False
    if len(part) == 2:
        return _zipf(part) >= _MIN_TWO_LETTER_ZIPF and part.lower() not in _NAME_PREFIXES
    return _zipf(part) >= _MIN_PART_ZIPF


def _is_past_tense(word: str) -> bool:
    # Right after a name, a past tense is the sentence going on ("Unhailed", "Putinsigned");
    # no romanised syllable ends in "-ed" ("-ing" does: "Dingolfing").
    return word.endswith("ed") and len(word) >= 5


def _is_verb_form(word: str) -> bool:
    # In lowercase text a past tense or gerund after a common word is usually a new word
    # ("troopsarrived"); after a name only a past tense is safe (see _is_past_tense).
    return (word.endswith("ed") and len(word) >= 5) or (word.endswith("ing") and len(word) >= 6)


def _is_syllable_like(word: str) -> bool:
    lower = word.lower()
    return lower in _NAME_SYLLABLES or (lower.endswith("ng") and not lower.endswith("ing"))


def _dictionary_split(run: str, doc_words: Counter[str], after_name: bool) -> int | None:
    """Where to split an all-lowercase or Capitalised run unknown to wordfreq, if anywhere."""
    best: tuple[float, float, int] | None = None
    for cut in range(2, len(run) - 1):
        left, right = run[:cut], run[cut:]
        # A rare name is as good as a common word when the text also uses it on its own.
        name_alone = run[0].isupper() and len(left) >= 3 and doc_words[left] > 0
        if (name_alone or _is_common_part(left)) and _is_common_part(right):
            score = (min(_zipf(left), _zipf(right)), _zipf(left) + _zipf(right), cut)
            best = max(best, score) if best else score
    if best is None:
        return None
    cut = best[2]
    left, right = run[:cut], run[cut:]
    left_lower, right_lower = left.lower(), right.lower()
    if (
        len(left) == 2
        and left_lower not in _TWO_LETTER_WORDS
        and not (run[0].isupper() and _is_past_tense(right_lower))
    ):
        return None  # "Un" + "hailed" is fine, "Ho" + "ping" is a name
    if len(right) == 2 and right_lower not in _TWO_LETTER_WORDS:
        return None
    if right_lower in _MORPHEME_SUFFIXES or _is_syllable_like(right):
        return None
    if run[0].isupper():
        # Name + word ("Putinthat", "Koreaconfirmed"). Short words and syllables also make up
        # names ("Thion", "Jugnot", "Paion", "Dingolfing"), so the word must be one that
        # follows a name in running text, and the name a real one: used on its own in this
        # text, or a common word of four letters or more.
        follows_a_name = right_lower in _NAME_GLUE_WORDS or _is_past_tense(right_lower)
        trusted_name = left_lower not in _FUNCTION_WORDS and (
            doc_words[left] > 0 or (len(left) >= 4 and _zipf(left) >= _MIN_NAME_ZIPF)
        )
        if follows_a_name and trusted_name:
            return cut
        # "Kim Jong Unhailed": the short last part of a name, after another part of it.
        if after_name and _is_past_tense(right_lower):
            return cut
        return None
    if left_lower in _MORPHEME_PREFIXES:
        return None
    if left_lower in _FUNCTION_WORDS or right_lower in _FUNCTION_WORDS:
        return cut
    if _is_verb_form(right_lower) or (len(left) >= 4 and len(right) >= 4):
        return cut
    return None


def _case_splits(run: str, doc_words: Counter[str]) -> list[int]:
    """Cuts at every lower->Upper change in ``run`` ("leaderKim"), all or none."""
    cuts = [i for i in range(1, len(run)) if run[i - 1].islower() and run[i].isupper()]
    bounds = [0, *cuts, len(run)]
    pieces = [run[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    for position, piece in enumerate(pieces):
        lower = piece.lower()
        if position < len(pieces) - 1:
            # Every piece but the last ends in lowercase and precedes a capital.
            if lower in _NAME_PREFIXES or lower in _MORPHEME_PREFIXES:
                return []
            if len(piece) == 2 and lower not in _TWO_LETTER_WORDS:
                return []
            if not _is_common_part(piece):
                return []
            if piece[0].isupper() and lower not in _TITLES:
                return []  # CamelCase is a brand ("RipGuard", "SpeechWorks") unless a title
            if not (piece.islower() or piece[1:].islower()):
                return []
        if position > 0:
            previous = pieces[position - 1].lower()
            known = _zipf(piece) >= 2.0 or doc_words[piece] > 0
            if len(piece) < 2 or not (known or previous in _FUNCTION_WORDS):
                return []
    return cuts


def _digit_split(run: str) -> int | None:
    """``about600`` -> after "about"; ``600troops`` -> after "600"."""
    match = _LETTERS_THEN_DIGITS.fullmatch(run)
    if match:
        word, digits = match.groups()
        # Short digit tails are model names and versions: "mp3", "covid19", "web3".
        if word.islower() and len(digits) >= 3 and _is_common_part(word):
            if len(word) > 2 or word in _TWO_LETTER_WORDS:
                return len(word)
        return None
    match = _DIGITS_THEN_LETTERS.fullmatch(run)
    if match:
        digits, word = match.groups()
        # "1950s", "3D", "10am", "4th", "9mm", units and brands ("4Cast", "3ami") stay whole.
        if (
            (len(word) >= 4 or word in _FUNCTION_WORDS)
            and word.islower()
            and word not in _UNITS
            and _zipf(word) >= _MIN_PART_ZIPF
        ):
            return len(digits)
    return None


# Glued pairs of words are short ("recentnegotiations" is 18); a longer run is a code, a
# hash or junk, and trying every cut of it would cost time quadratic in its length.
_MAX_GLUED_LENGTH = 40


def _may_be_glued(run: str) -> bool:
    """Cheap first filter: a run wordfreq knows, or of implausible length, is never split."""
    return 4 <= len(run) <= _MAX_GLUED_LENGTH and run.casefold() not in _frequencies()


def _glued_cuts(run: str, doc_words: Counter[str], after_name: bool) -> list[int]:
    """Where to insert spaces in ``run`` (a candidate from :func:`_may_be_glued`), if anywhere.

    ``after_name``: the word before ``run`` is a capitalised word that is not a function word,
    so ``run`` may be the last part of a name ("Jong Unhailed").
    """
    if not run.isalpha():
        cut = _digit_split(run) if run.isalnum() else None
        return [cut] if cut else []
    if run.islower() or (run[0].isupper() and run[1:].islower()):
        # A word seen twice spelled the same way is a real (rare) word, not a one-off glue.
        if len(run) < 5 or doc_words[run] > 1:
            return []
        cut = _dictionary_split(run, doc_words, after_name)
        return [cut] if cut else []
    return _case_splits(run, doc_words)


_WORD_BEFORE = re.compile(r"([^\W\d_]+) $")


def _follows_a_name(text: str, start: int) -> bool:
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if not before:
        return False
    word = before.group(1)
    return word[0].isupper() and word.lower() not in _FUNCTION_WORDS


def split_glued_words(clean: CleanText) -> CleanText:
    """Insert a space where stripping a link glued two words (``leaderKim``, ``Trumpand``).

    Only a run of letters (or letters and digits) that wordfreq does not know at all is a
    candidate; names and brands it knows (``McDonald``, ``JoongAng``, ``Kyungnam``) are never
    touched. A candidate is split

    - where case changes lower->Upper after a common lowercase word (``mediaVoice``) or a
      title (``PresidentVladimir``); other CamelCase is a brand (``RipGuard``);
    - where letters meet digits (``about600``, ``600troops``), not in model names or units;
    - into the two most common words it is made of, when that looks like running text: a
      trusted name and a word that follows names (``Putinthat``, ``Koreaconfirmed``), or two
      lowercase words (``thelosses``, ``defensepact``). A name is trusted when it is common
      or stands alone elsewhere in the text; romanised syllables (``Chinhung``) are not words.

    A lowercase or Capitalised form seen twice in the text is a real word. When in doubt, it
    is left alone. The rules were tuned on the seeds and audited on the 2,225 articles of
    ``shared/corpora``.
    """
    text = clean.text
    # Each distinct run is looked up once; a 2 MB article has ~200,000 runs but ~15,000 forms.
    glue_forms = {run for run in set(_LONG_RUN.findall(text)) if _may_be_glued(run)}
    if not glue_forms:
        return clean
    candidates = [match for match in _LONG_RUN.finditer(text) if match.group() in glue_forms]
    doc_words = Counter(_RUN.findall(text))
    decided: dict[tuple[str, bool], list[int]] = {}
    edits: list[Edit] = []
    words_split = 0
    for match in candidates:
        run = match.group()
        after_name = run[0].isupper() and _follows_a_name(text, match.start())
        cuts = decided.get((run, after_name))
        if cuts is None:
            cuts = decided[run, after_name] = _glued_cuts(run, doc_words, after_name)
        if not cuts:
            continue
        start, end = match.span()
        if start and text[start - 1] in _TECHNICAL_BEFORE:
            continue
        if end < len(text) and (
            text[end] in _TECHNICAL_AFTER
            or (text[end] == "." and end + 1 < len(text) and text[end + 1].isalnum())
        ):
            continue
        words_split += 1
        edits.extend((start + cut, start + cut, " ") for cut in cuts)
    note = f"split {_plural(words_split, 'glued word')}" if edits else None
    return clean.apply_edits(edits, note)


# --- 6. Runs of symbols -----------------------------------------------------------------------

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
    note = f"broke {_plural(len(runs), 'run')} of over {MAX_SYMBOL_RUN} symbols with spaces"
    return clean.apply_edits(edits, note)


# --- 7. Ends ----------------------------------------------------------------------------------


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
