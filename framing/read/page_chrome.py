"""Page furniture dropped from an article's text: trailing chrome and mid-text link lines.

A clean-up step of :func:`framing.read.cleaning.clean_text` (``CleanText -> CleanText``):
:func:`drop_trailing_chrome` drops the lines after the last real sentence that are page
furniture (``14 hours ago``, ``English (US)``, share links, copyright), and
:func:`drop_link_lines` drops links to other articles in mid-text (``Related article: ...``).
Both err on the side of leaving text alone: a wrong drop changes what the article says.

The word lists are heuristics about page layout, not framing lexicons, so they live here
rather than in ``lexicons/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from framing.read.offsets import CleanText, Edit, plural

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
    note = f"dropped {plural(top + 1, 'line')} of trailing page chrome"
    return clean.apply_edits([(cut, len(text), "")], note)


# --- Link lines in mid-text -----------------------------------------------------------------

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
    return clean.apply_edits(edits, f"dropped {plural(len(edits), 'link line')} in mid-text")


def _non_blank_lines_from_end(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, last line first, found without splitting it all."""
    end = len(text)
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        if not text[start:end].isspace() and start < end:
            yield start, end
        end = start - 1
