"""Shared copy: every passage of eight or more words that two articles have in common.

Part of the comparison stage (records → comparison): it reads the article texts and quote
spans the analyses already hold, and never runs a parser. Two outlets running the same wire
story, or one republishing the other, share long runs of identical words; eight words in a
row in common is copy, not coincidence (the shingle length of near-duplicate detection since
Broder, "On the resemblance and containment of documents", 1997).

**Words.** A word is a run of letters and digits, with inner apostrophes kept
(``leader's``); everything else separates words, hyphens included, so ``mine-clearing``
matches ``mine clearing``. Words are compared lowercased, with curly apostrophes read as
straight ones. Punctuation, line breaks and quote marks are ignored.

**How.** Each article's word 8-grams (shingles) are hashed into one array; sorting it brings
every shingle two articles share together, so the cost grows with the number of words, not
with the number of pairs of articles (3,000 articles are 4.5 million pairs). Matching
shingles on the same diagonal of two articles are merged into maximal runs, and each run is
checked word by word (a hash collision never becomes a passage). Identical texts (the same
article read twice, republished copies) are compared once and listed as whole-text copies.
A shingle found in more than :data:`BOILERPLATE_ARTICLES` distinct texts is boilerplate
(sign-offs, newsletter prompts), not copy, and is left out.

**Quotes.** A side of a passage is *quoted* when every word of it lies inside quote marks in
that article (the ``Quote`` records). A passage quoted on both sides is a shared *quote*
(two outlets quoting the same KCNA line); any other is shared *copy* (narration).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from framing.annotate.quotes import QuotedRegions
from framing.common.lazy import pandas as pd

SHINGLE_WORDS = 8  # eight words in a row in common are copy, not coincidence
BOILERPLATE_ARTICLES = 100  # a run in more distinct texts than this is boilerplate
EDGE_WORDS = 2  # stray words at a passage's ends that may lie outside its quote marks
CONTEXT_WORDS = 8  # words of context shown on each side of a passage
EXCERPT_WORDS = 40  # a longer passage is shown by its first and last words
KIND_QUOTE = "quote"
KIND_COPY = "copy"

#: Columns of the passages table (``shared_copy.csv`` in a report folder): one row per passage,
#: each side's article, outlet, wire credited, character offsets and the passage in context.
_SIDE_COLUMNS = ("article_id", "outlet", "wire", "start", "end", "quoted", "before", "passage",
                 "after")  # fmt: skip
PASSAGE_COLUMNS = (
    "pair", "kind", "n_words",
    *(f"first_{c}" for c in _SIDE_COLUMNS), *(f"second_{c}" for c in _SIDE_COLUMNS),
)  # fmt: skip

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant: a polynomial rolling hash


@dataclass(frozen=True)
class Words:
    """An article's words: normalised word ids and each word's character offsets."""

    ids: np.ndarray  # int64 word ids, one per word
    starts: list[int]
    ends: list[int]


@dataclass(frozen=True)
class Run:
    """``n_words`` words in a row, from word ``first_at`` of text ``first`` and word
    ``second_at`` of text ``second`` (texts as indices, ``first < second``)."""

    first: int
    first_at: int
    second: int
    second_at: int
    n_words: int


@dataclass(frozen=True)
class PassageSide:
    """One article's side of a shared passage: where it is and how it reads there."""

    article: int  # index into the analyses
    start: int  # character offsets of the passage in the article's text
    end: int
    before: str  # context, whitespace collapsed
    passage: str  # the passage as written (shortened in the middle past EXCERPT_WORDS)
    after: str
    quoted: bool  # every word of it inside quote marks in this article


@dataclass(frozen=True)
class SharedPassage:
    first: PassageSide
    second: PassageSide
    n_words: int

    @property
    def kind(self) -> str:
        """``quote`` when both sides are in quote marks, else ``copy``."""
        return KIND_QUOTE if self.first.quoted and self.second.quoted else KIND_COPY


@dataclass(frozen=True)
class SharedCopy:
    """A pair of articles sharing at least one passage, with every passage they share."""

    first: int  # article indices, first < second
    second: int
    first_group: str
    second_group: str
    passages: tuple[SharedPassage, ...]
    share: float  # share of the shorter article's words inside a passage shared with the other
    identical: bool = False  # the same text, word for word

    @property
    def n_words(self) -> int:
        """Words of all its passages together (a passage one side repeats counts twice)."""
        return sum(p.n_words for p in self.passages)

    @property
    def longest(self) -> int:
        return max((p.n_words for p in self.passages), default=0)


class _Vocabulary:
    """Word -> small integer id, assigned in order of first sight (deterministic per run)."""

    def __init__(self):
        self.ids: dict[str, int] = {}

    def words(self, text: str) -> Words:
        ids, starts, ends = [], [], []
        table = self.ids
        for match in _WORD.finditer(text):
            word = match.group().lower().replace("’", "'")
            code = table.get(word)
            if code is None:
                code = table[word] = len(table) + 1
            ids.append(code)
            starts.append(match.start())
            ends.append(match.end())
        return Words(np.asarray(ids, dtype=np.int64), starts, ends)


def shingle_hashes(ids: np.ndarray) -> np.ndarray:
    """One 64-bit hash per word 8-gram (a polynomial in the word ids; wraps around)."""
    n = len(ids) - SHINGLE_WORDS + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    codes = ids.astype(np.uint64)
    hashes = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE_WORDS):
            hashes = hashes * _MULTIPLIER + codes[k : k + n]
    return hashes


def _matches(hashes: Sequence[np.ndarray]) -> np.ndarray:
    """Rows ``(text a, position in a, text b, position in b)``, ``a < b``, for every shingle
    two distinct texts share (boilerplate shingles left out)."""
    lengths = [len(h) for h in hashes]
    if sum(lengths) == 0:
        return np.empty((0, 4), dtype=np.int64)
    values = np.concatenate(hashes)
    texts = np.repeat(np.arange(len(hashes), dtype=np.int64), lengths)
    positions = np.concatenate([np.arange(n, dtype=np.int64) for n in lengths])
    order = np.argsort(values, kind="stable")
    values, texts, positions = values[order], texts[order], positions[order]
    # Groups of equal hashes that span two texts or more: only those can be shared.
    boundaries = np.flatnonzero(np.diff(values)) + 1
    starts = np.concatenate(([0], boundaries))
    ends = np.concatenate((boundaries, [len(values)]))
    spread = np.maximum.reduceat(texts, starts) != np.minimum.reduceat(texts, starts)
    rows = []
    for start, end in zip(starts[spread].tolist(), ends[spread].tolist(), strict=True):
        members = list(zip(texts[start:end].tolist(), positions[start:end].tolist(), strict=True))
        if len({t for t, _ in members}) > BOILERPLATE_ARTICLES:
            continue
        for i, (a, pa) in enumerate(members):
            for b, pb in members[i + 1 :]:
                if a != b:
                    rows.append((a, pa, b, pb) if a < b else (b, pb, a, pa))
    return np.asarray(rows, dtype=np.int64).reshape(-1, 4)


def _runs(matches: np.ndarray) -> list[Run]:
    """Matching shingles merged into maximal runs: consecutive positions on one diagonal."""
    if not len(matches):
        return []
    a, pa, b, pb = matches.T
    diagonal = pb - pa
    order = np.lexsort((pa, diagonal, b, a))
    a, pa, b, diagonal = a[order], pa[order], b[order], diagonal[order]
    same = (a[1:] == a[:-1]) & (b[1:] == b[:-1]) & (diagonal[1:] == diagonal[:-1])
    continues = same & (pa[1:] == pa[:-1] + 1)
    heads = np.flatnonzero(np.concatenate(([True], ~continues)))
    tails = np.concatenate((heads[1:], [len(a)]))
    return [
        Run(int(a[h]), int(pa[h]), int(b[h]), int(pa[h] + diagonal[h]), int(t - h) + 7)
        for h, t in zip(heads.tolist(), tails.tolist(), strict=True)
    ]


def shared_runs(texts: Sequence[str]) -> tuple[list[Run], list[Words]]:
    """Every run of SHINGLE_WORDS or more words that two distinct texts share, checked word
    by word, and each text's words. Identical texts are not compared with each other."""
    vocabulary = _Vocabulary()
    words = [vocabulary.words(text) for text in texts]
    runs = [
        run
        for run in _runs(_matches([shingle_hashes(w.ids) for w in words]))
        if np.array_equal(
            words[run.first].ids[run.first_at : run.first_at + run.n_words],
            words[run.second].ids[run.second_at : run.second_at + run.n_words],
        )
    ]
    return runs, words


def _squash(text: str) -> str:
    return " ".join(text.split())


def _excerpt(text: str, words: Words, first: int, n_words: int) -> str:
    """The passage as written; past EXCERPT_WORDS, its first and last words around ' … '."""
    end = first + n_words - 1
    if n_words <= EXCERPT_WORDS:
        return _squash(text[words.starts[first] : words.ends[end]])
    half = EXCERPT_WORDS // 2
    head = text[words.starts[first] : words.ends[first + half - 1]]
    tail = text[words.starts[end - half + 1] : words.ends[end]]
    return f"{_squash(head)} … {_squash(tail)}"


def _side(
    article: int, text: str, words: Words, first: int, n_words: int, quotes: QuotedRegions
) -> PassageSide:
    last = first + n_words - 1
    start, end = words.starts[first], words.ends[last]
    before_from = words.starts[max(first - CONTEXT_WORDS, 0)]
    after_to = words.ends[min(last + CONTEXT_WORDS, len(words.starts) - 1)]
    # Context runs to the nearest space, so it keeps its punctuation and quote marks.
    while before_from > 0 and not text[before_from - 1].isspace():
        before_from -= 1
    while after_to < len(text) and not text[after_to].isspace():
        after_to += 1
    inside = [quotes.covers(words.starts[i], words.ends[i]) for i in range(first, last + 1)]
    return PassageSide(
        article=article,
        start=start,
        end=end,
        before=_squash(text[before_from:start]),
        passage=_excerpt(text, words, first, n_words),
        after=_squash(text[end:after_to]),
        quoted=_in_quote_marks(inside),
    )


def _in_quote_marks(inside: list[bool]) -> bool:
    """True when every word is inside quote marks, but for up to EDGE_WORDS at either end: a
    match runs on by chance across a closing mark ("... three months." The remarks / "...
    three months, the task"), and those stray words do not make a shared quote copy."""
    trimmed = inside
    for _ in range(EDGE_WORDS):
        if trimmed and not trimmed[0]:
            trimmed = trimmed[1:]
        if trimmed and not trimmed[-1]:
            trimmed = trimmed[:-1]
    return bool(trimmed) and all(trimmed)


def _covered_share(n_words: int, runs: Sequence[tuple[int, int]]) -> float:
    """Share of a text's words inside any of the runs (word start, length)."""
    if not n_words:
        return 0.0
    covered = np.zeros(n_words, dtype=bool)
    for first, length in runs:
        covered[first : first + length] = True
    return float(covered.mean())


def shared_copy(
    texts: Sequence[str],
    group_of: Sequence[str],
    quote_spans: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> list[SharedCopy]:
    """Every pair of articles sharing a passage of SHINGLE_WORDS words or more, with every
    passage; pairs with the most words in common first.

    ``quote_spans`` gives, per article, the character ranges inside quote marks (the
    ``Quote`` records' spans), which tell a shared quote from shared copy.
    """
    quotes = [QuotedRegions(spans) for spans in (quote_spans or [[] for _ in texts])]
    # Identical texts are compared once: the first of each is their representative.
    first_of: dict[str, int] = {}
    representative = [first_of.setdefault(text, index) for index, text in enumerate(texts)]
    unique = sorted(set(representative))
    runs, unique_words = shared_runs([texts[i] for i in unique])
    words = dict(zip(unique, unique_words, strict=True))
    members: dict[int, list[int]] = {}
    for index, rep in enumerate(representative):
        members.setdefault(rep, []).append(index)

    by_pair: dict[tuple[int, int], list[Run]] = {}
    for run in runs:
        first, second = unique[run.first], unique[run.second]
        for a in members[first]:
            for b in members[second]:
                key = (a, b) if a < b else (b, a)
                by_pair.setdefault(key, []).append(run if a < b else _swapped(run))
    pairs = []
    for (a, b), pair_runs in by_pair.items():
        wa, wb = words[representative[a]], words[representative[b]]
        passages = tuple(
            SharedPassage(
                _side(a, texts[a], wa, r.first_at, r.n_words, quotes[a]),
                _side(b, texts[b], wb, r.second_at, r.n_words, quotes[b]),
                r.n_words,
            )
            for r in sorted(pair_runs, key=lambda r: (r.first_at, r.second_at))
        )
        # The share of the shorter article that the other holds too.
        if len(wa.starts) <= len(wb.starts):
            share = _covered_share(len(wa.starts), [(r.first_at, r.n_words) for r in pair_runs])
        else:
            share = _covered_share(len(wb.starts), [(r.second_at, r.n_words) for r in pair_runs])
        pairs.append(SharedCopy(a, b, group_of[a], group_of[b], passages, round(share, 4)))
    for rep, copies in members.items():
        pairs += _identical_pairs(texts, group_of, words[rep], copies, quotes)
    return sorted(pairs, key=lambda p: (-p.n_words, p.first, p.second))


def _swapped(run: Run) -> Run:
    return Run(run.second, run.second_at, run.first, run.first_at, run.n_words)


def _identical_pairs(texts, group_of, words: Words, copies: list[int], quotes) -> list[SharedCopy]:
    """Pairs of identical texts: one passage, the whole text (when it has 8 words or more)."""
    n_words = len(words.starts)
    if n_words < SHINGLE_WORDS:
        return []
    result = []
    for i, a in enumerate(copies):
        for b in copies[i + 1 :]:
            passage = SharedPassage(
                _side(a, texts[a], words, 0, n_words, quotes[a]),
                _side(b, texts[b], words, 0, n_words, quotes[b]),
                n_words,
            )
            result.append(
                SharedCopy(a, b, group_of[a], group_of[b], (passage,), 1.0, identical=True)
            )
    return result


def passages_table(pairs: Sequence[SharedCopy], articles: Sequence) -> pd.DataFrame:
    """Every passage of every pair, one row each (the report lists the first few hundred;
    this table has them all). ``articles`` are the analyses' articles, in the same order."""
    rows = []
    for number, pair in enumerate(pairs, start=1):
        for passage in pair.passages:
            row = {"pair": number, "kind": passage.kind, "n_words": passage.n_words}
            for name, side in (("first", passage.first), ("second", passage.second)):
                article = articles[side.article]
                row |= {
                    f"{name}_article_id": article.id,
                    f"{name}_outlet": article.outlet,
                    f"{name}_wire": article.wire or "",
                    f"{name}_start": side.start,
                    f"{name}_end": side.end,
                    f"{name}_quoted": side.quoted,
                    f"{name}_before": side.before,
                    f"{name}_passage": side.passage,
                    f"{name}_after": side.after,
                }
            rows.append(row)
    return pd.DataFrame(rows, columns=list(PASSAGE_COLUMNS))
