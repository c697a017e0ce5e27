"""Lexicon suggestions from within a story: the words one outlet uses for an event, in its own
voice, where the other outlets covering the same event do not.

In: the analyses of a corpus (each with its voice spans) and their story grouping
(:mod:`framing.compare.stories`). Out: :class:`StoryCandidate` records, ranked by how
evaluative they are, then by how distinctive.

Why within a story: held against a general reference corpus, the words an outlet over-uses
are its topic's (``soldiers``, ``troops``, ``regiment``: the comparison of the seeds with the
BBC corpus gave those). On one event every outlet needs the topic's words; what one outlet
alone says about it, in its own voice, is its choice of words.

The method:

1. The sides of a story are its outlets; a story that one outlet alone covers with several
   articles (a one-outlet corpus such as the BBC's) has its articles as sides.
2. A side's words are the content words and two-word phrases of its own voice: narration
   and paraphrase (:mod:`framing.annotate.voice`; the outlet chose those words), not quotation.
   A two-word phrase counts only when the side uses it twice or more: once, two adjacent
   words are a chance ("deployment including"), not a phrase.
   Stop words, numbers, names (words written with a capital most of the time) and
   one- or two-letter words are left out.
3. Each side is held against the other sides of the story with the log-odds ratio with an
   informative Dirichlet prior (:mod:`framing.compare.log_odds`). A word with z > 0 is a
   candidate; a topic word, one every side of the story uses in its own voice, is not.
4. Ranked by how evaluative a candidate is, times how distinctive (z). Two signals of
   evaluative wording, each checked on the seeds: loaded words are rarer in general English
   than the words of a report (``dictator`` 3.7, ``thugs`` 3.6, ``glorious`` 4.1 on wordfreq's
   Zipf scale, against ``place`` 5.7, ``including`` 5.5, ``details`` 4.9), so a candidate's
   weight falls from 1 at Zipf 3.5 to 0 at Zipf 5.0 (the Zipf of its rarest word; a word
   wordfreq does not know weighs 1); and a candidate in the prior word list (``--prior FILE``:
   one word a line, e.g. the NPOV bias lexicon of Recasens et al. 2013, or an inflection of
   one) weighs twice. The NPOV list alone is too broad to rank by (``event``, ``number``,
   ``work`` are on it), which is why it is a prior, not a filter.
5. Words a loaded-term entry has already are marked, not ranked: they are no suggestion.
   Nor are the words of sourcing, which other figures measure: a term with a word of the
   reporting-verb, source, provenance, hedge or state-media lexicons (``claimed``,
   ``images``, ``alleged``) is left out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from framing.annotate.voice import NARRATION, PARAPHRASE, Voices
from framing.common.text_files import NotUtf8Error, read_utf8
from framing.compare.log_odds import log_odds_z_scores
from framing.compare.stories import StoryGrouping
from framing.curate.corpus import WORD_TOKEN, known_as_entry, known_terms, name_words
from framing.lexicon.load import Lexicons
from framing.measure.analyzer import ArticleAnalysis
from framing.read.glued_words import zipf_frequency

#: Zipf frequencies (wordfreq) between which a candidate's rarity weight falls from 1 to 0.
RARE_ZIPF, COMMON_ZIPF = 3.5, 5.0
PRIOR_WEIGHT = 2.0
MIN_PHRASE_USES = 2

OWN_VOICES = frozenset({NARRATION, PARAPHRASE})
#: Endings stripped to match an inflection against the prior list (``colonized`` ~ ``colonize``).
_ENDINGS = ("ings", "ing", "ies", "ied", "es", "ed", "ly", "s", "d")
#: Lexicons whose words are sourcing, measured by their own figures, not framing candidates.
SOURCING_LEXICONS = ("reporting_verbs", "sources", "provenance", "hedges", "state_media")


@dataclass(frozen=True)
class StoryCandidate:
    """A word one side of a story uses in its own voice where the other sides do not."""

    story: str
    side: str  # the outlet; the article id in a story that one outlet covers alone
    term: str
    z_score: float
    count_side: int  # uses in the side's own voice
    count_others: int  # uses in the own voice of the story's other sides
    n_sides: int
    evaluative: bool  # the term, or one of its words, is in the prior list
    rarity: float  # 0-1: 1 for a word rare in general English, 0 for a very common one
    score: float  # z x rarity x (2 if evaluative else 1): the ranking
    known_as: str | None  # the loaded-term entry that has it already
    context: str  # the side's first sentence using it


@dataclass(frozen=True)
class StorySuggestions:
    candidates: list[StoryCandidate]  # ranked; known terms excluded
    known: list[StoryCandidate]  # candidates a lexicon entry has already
    n_stories: int  # stories with two sides or more: the ones compared
    prior_words: int  # 0: no prior list, ranked by z alone


def read_prior(path: Path | str) -> frozenset[str]:
    """A word list: one word a line, lowercase; blank lines and ``#`` comments skipped.
    ValueError, naming the file, when it is not UTF-8 text."""
    try:
        text = read_utf8(path)
    except NotUtf8Error as exc:
        raise ValueError(f"{exc}; a word list is UTF-8 text, one word a line") from None
    words = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


def _stems(word: str) -> set[str]:
    """The word and its plain stems, for matching an inflection against a word list."""
    found = {word}
    for end in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            stem = word[: -len(end)]
            found |= {stem, stem + "e", stem + "y"}
    return found


def stems_of(words: Iterable[str]) -> frozenset[str]:
    """Every word of ``words`` and its plain stems: a list to match inflections against."""
    return frozenset(stem for word in words for stem in _stems(word))


def is_evaluative(term: str, prior_stems: frozenset[str]) -> bool:
    """True when a word of ``term``, or a stem of one, is in the prior list (its
    :func:`stems_of`)."""
    return any(_stems(word) & prior_stems for word in term.split())


def sourcing_words(lexicons: Lexicons) -> frozenset[str]:
    """Every word (and its stems) of the sourcing lexicons' phrases."""
    return stems_of(
        word
        for name in SOURCING_LEXICONS
        for loaded in lexicons.entries.get(name, [])
        for phrase in loaded.entry.phrases
        for word in phrase.lower().split()
    )


def rarity(term: str) -> float:
    """1 for a term whose rarest word is rare in general English, falling to 0 for a common one."""
    zipf = min((zipf_frequency(word) or 0.0) for word in term.split())
    if zipf == 0.0:  # unknown to wordfreq
        return 1.0
    return min(1.0, max(0.0, (COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)))


def own_voice_terms(analysis: ArticleAnalysis, names: set[str]) -> Counter[str]:
    """Content words and two-word phrases (words with only a space between) of the article's
    own voice."""
    voices = Voices(analysis.voices)
    text = analysis.article.text
    counts: Counter[str] = Counter()
    previous: tuple[str, int] | None = None  # the last content word, and where it ended
    for match in WORD_TOKEN.finditer(text):
        word = match.group().lower().strip("'-")
        own = voices.voice_of(match.start(), match.end()) in OWN_VOICES
        if own and len(word) > 2 and word not in ENGLISH_STOP_WORDS and word not in names:
            counts[word] += 1
            if previous and not text[previous[1] : match.start()].strip():
                counts[f"{previous[0]} {word}"] += 1
            previous = (word, match.end())
        else:
            previous = None
    return counts


def _sides(members: Sequence[int], analyses: Sequence[ArticleAnalysis]) -> dict[str, list[int]]:
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by_outlet[analyses[i].article.outlet].append(i)
    if len(by_outlet) > 1:
        return dict(by_outlet)
    return {analyses[i].article.id: [i] for i in members}


def _first_sentence(analyses, members: Sequence[int], term: str) -> str:
    pattern = re.compile(
        r"(?<![A-Za-z])" + r"\s+".join(map(re.escape, term.split())) + r"(?![A-Za-z])", re.I
    )
    for i in members:
        for sentence in analyses[i].sentences:
            if pattern.search(sentence.text):
                return " ".join(sentence.text.split())
    return ""


def _story_candidates(story, sides, counts, prior_stems, excluded, known) -> list[StoryCandidate]:
    """Every candidate of one story, without its context (see :func:`_with_context`)."""
    vocabulary = sorted(set().union(*counts.values()))
    index = {term: k for k, term in enumerate(vocabulary)}
    matrix = np.zeros((len(sides), len(vocabulary)))
    for row, side in enumerate(sides):
        for term, n in counts[side].items():
            matrix[row, index[term]] = n
    everywhere = (matrix > 0).all(axis=0)  # topic words: every side says them
    found = []
    for row, side in enumerate(sides):
        focus, others = matrix[row], matrix.sum(axis=0) - matrix[row]
        z = log_odds_z_scores(focus, others)
        for k in np.flatnonzero((focus > 0) & (z > 0) & ~everywhere):
            term = vocabulary[k]
            if " " in term and focus[k] < MIN_PHRASE_USES:
                continue
            if any(_stems(word) & excluded for word in term.split()):
                continue  # a sourcing word: measured by other figures
            weight = rarity(term)
            if weight == 0.0:
                continue
            evaluative = is_evaluative(term, prior_stems)
            found.append(
                StoryCandidate(
                    story=story,
                    side=side,
                    term=term,
                    z_score=float(z[k]),
                    count_side=int(focus[k]),
                    count_others=int(others[k]),
                    n_sides=len(sides),
                    evaluative=evaluative,
                    rarity=weight,
                    score=float(z[k]) * weight * (PRIOR_WEIGHT if evaluative else 1.0),
                    known_as=known_as_entry(term, known),
                    context="",
                )
            )
    return found


def suggest_within_stories(
    analyses: Sequence[ArticleAnalysis],
    grouping: StoryGrouping,
    lexicons: Lexicons,
    *,
    prior: Iterable[str] = (),
    top: int = 20,
) -> StorySuggestions:
    """The ``top`` words sides of a story use in their own voice where the others do not."""
    prior = frozenset(w.lower() for w in prior)
    prior_stems = stems_of(prior)
    ok = [i for i, a in enumerate(analyses) if a.status == "ok"]
    names = name_words([analyses[i].article.text for i in ok])
    members_of: dict[str, list[int]] = defaultdict(list)
    for i in ok:
        if grouping.story_of[i] is not None:
            members_of[grouping.story_of[i]].append(i)
    known = known_terms(lexicons)
    sourcing = sourcing_words(lexicons)
    found, side_members = [], {}
    for story in sorted(members_of):
        sides = _sides(members_of[story], analyses)
        if len(sides) < 2:
            continue
        side_members.update({(story, side): members for side, members in sides.items()})
        counts = {
            side: sum((own_voice_terms(analyses[i], names) for i in members), Counter())
            for side, members in sides.items()
        }
        found += _story_candidates(story, sides, counts, prior_stems, sourcing, known)
    found.sort(key=lambda c: (-c.score, c.term, c.story, c.side))
    fresh = _one_per_term([c for c in found if c.known_as is None])[:top]
    known_found = _one_per_term([c for c in found if c.known_as is not None])
    return StorySuggestions(
        candidates=_with_context(fresh, analyses, side_members),
        known=_with_context(known_found, analyses, side_members),
        n_stories=len({story for story, _ in side_members}),
        prior_words=len(prior),
    )


def _with_context(candidates, analyses, side_members) -> list[StoryCandidate]:
    """The candidates with their side's first sentence using them: read only for the ones
    shown, not for the thousands a large corpus ranks."""
    return [
        replace(c, context=_first_sentence(analyses, side_members[c.story, c.side], c.term))
        for c in candidates
    ]


def _one_per_term(ranked: list[StoryCandidate]) -> list[StoryCandidate]:
    """The best-ranked row of each term: a word two sides both single out is one suggestion."""
    seen, kept = set(), []
    for candidate in ranked:
        if candidate.term not in seen:
            seen.add(candidate.term)
            kept.append(candidate)
    return kept
