"""Words glued together where a link was stripped (``leaderKim Jong Unhailed``), split again.

A clean-up step of :func:`framing.read.cleaning.clean_text` (``CleanText -> CleanText``):
:func:`split_glued_words` inserts a space inside a run of letters that wordfreq does not know
and that reads as two words; the inserted space takes up no room in the original offsets.

The word lists below are clean-up heuristics about English spelling and names, not framing
lexicons, so they live here rather than in ``lexicons/``.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Mapping

from framing.read.offsets import CleanText, Edit, plural

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
def zipf_frequency(word: str) -> float:
    """Zipf frequency of ``word`` in English (0.0 when wordfreq does not know it)."""
    frequency = _frequencies().get(word.casefold())
    return math.log10(frequency) + 9 if frequency else 0.0


def _is_common_part(part: str) -> bool:
    if len(part) < 2:
        return False
    if len(part) == 2:
        return zipf_frequency(part) >= _MIN_TWO_LETTER_ZIPF and part.lower() not in _NAME_PREFIXES
    return zipf_frequency(part) >= _MIN_PART_ZIPF


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
            score = (
                min(zipf_frequency(left), zipf_frequency(right)),
                zipf_frequency(left) + zipf_frequency(right),
                cut,
            )
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
            doc_words[left] > 0 or (len(left) >= 4 and zipf_frequency(left) >= _MIN_NAME_ZIPF)
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
            known = zipf_frequency(piece) >= 2.0 or doc_words[piece] > 0
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
            and zipf_frequency(word) >= _MIN_PART_ZIPF
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
    note = f"split {plural(words_split, 'glued word')}" if edits else None
    return clean.apply_edits(edits, note)
