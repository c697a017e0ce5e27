"""Span matching rules for scoring predicted spans against gold spans.

Two rules, both one-to-one (each gold span matches at most one prediction and each prediction
at most one gold span):

**exact**
    A prediction matches a gold span when both cover the same characters once whitespace and
    punctuation are trimmed from both ends (so ``said,`` matches ``said`` and ``"We won."``
    matches ``We won``). A span given as several pieces (a discontinuous brat span) is compared
    piece by piece after the same trimming, the pieces in text order.

**overlap**
    Each span is turned into its set of tokens: maximal runs of word characters (letters,
    digits, underscore), located by character offset, so the same word at two places counts
    twice. A punctuation-only span such as PolNeAR's ``:`` cue has its punctuation characters
    as its tokens, so it can still be matched. The ratio of a pair is
    ``|shared tokens| / max(|gold tokens|, |pred tokens|)``, and a pair matches when the ratio
    is at least ``threshold`` (default 0.5).

Pairing is greedy by best ratio: all candidate pairs at or above the threshold are sorted by
ratio (highest first; ties by text order) and taken while neither side is used yet. For exact
matching every candidate pair has ratio 1.

Precision = matched / n_pred, recall = matched / n_gold, F1 their harmonic mean; each is NaN
when its denominator is zero (an empty gold set says nothing about recall), except that F1 is
0.0 when precision and recall are both zero.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framing.read.characters import CURLY_DOUBLE_QUOTES, CURLY_SINGLE_QUOTES

#: A span: one (start, end) character range, or several for a discontinuous span.
Pieces = tuple[tuple[int, int], ...]

DEFAULT_THRESHOLD = 0.5
#: Trimmed from both ends for exact matching: ASCII and typographic punctuation, and spaces.
TRIM_CHARS = (
    string.whitespace
    + string.punctuation
    + CURLY_DOUBLE_QUOTES
    + CURLY_SINGLE_QUOTES
    + "\u2014\u2013\u2026\u00a0"
)

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of one set of predictions against one set of gold spans."""

    precision: float
    recall: float
    f1: float
    n_gold: int
    n_pred: int
    n_matched: int

    def as_dict(self) -> dict:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "n_matched": self.n_matched,
        }


def as_pieces(span: tuple[int, int] | Sequence[tuple[int, int]]) -> Pieces:
    """Normalise ``(start, end)`` or a list of such pairs to a tuple of pieces."""
    if len(span) == 2 and all(isinstance(x, int) for x in span):
        return ((int(span[0]), int(span[1])),)
    return tuple((int(s), int(e)) for s, e in span)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` with whitespace and punctuation trimmed from both ends.

    A span of nothing but punctuation (PolNeAR's ``:`` cue) is kept as it is, stripped of
    whitespace only, so that it can still be compared.
    """
    s, e = start, end
    while s < e and text[s] in TRIM_CHARS:
        s += 1
    while e > s and text[e - 1] in TRIM_CHARS:
        e -= 1
    if s < e:
        return s, e
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def exact_key(text: str, span) -> Pieces:
    """The trimmed pieces of a span in text order: brat may list a discontinuous span's pieces
    in any order (PolNeAR writes ``10010 10091;9763 9905``), and the characters are the same."""
    trimmed = (trim(text, s, e) for s, e in as_pieces(span))
    return tuple(sorted(piece for piece in trimmed if piece[0] < piece[1]))


def span_tokens(text: str, span) -> set[tuple[int, int]]:
    """The tokens of a span as character ranges: word runs, or punctuation if it has no words."""
    tokens: set[tuple[int, int]] = set()
    for start, end in as_pieces(span):
        for match in _WORD.finditer(text, start, end):
            tokens.add((match.start(), match.end()))
    if not tokens:
        for start, end in as_pieces(span):
            tokens.update((i, i + 1) for i in range(start, end) if not text[i].isspace())
    return tokens


def tokens_overlap(a: set, b: set, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """The overlap rule of :func:`match_spans`, on two spans' token sets."""
    return bool(a and b) and len(a & b) / max(len(a), len(b)) >= threshold


def overlap_ratio(text: str, gold, pred) -> float:
    gold_tokens = span_tokens(text, gold)
    pred_tokens = span_tokens(text, pred)
    if not gold_tokens or not pred_tokens:
        return 0.0
    return len(gold_tokens & pred_tokens) / max(len(gold_tokens), len(pred_tokens))


def match_spans(
    text: str,
    gold: Sequence,
    pred: Sequence,
    *,
    mode: str = "overlap",
    threshold: float = DEFAULT_THRESHOLD,
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold_index, pred_index)`` under ``mode`` ("exact" or "overlap")."""
    candidates: list[tuple[float, int, int]] = []
    if mode == "exact":
        pred_by_key: dict[Pieces, list[int]] = {}
        for j, span in enumerate(pred):
            pred_by_key.setdefault(exact_key(text, span), []).append(j)
        for i, span in enumerate(gold):
            candidates += [(1.0, i, j) for j in pred_by_key.get(exact_key(text, span), [])]
    elif mode == "overlap":
        pred_tokens = [span_tokens(text, span) for span in pred]
        for i, span in enumerate(gold):
            gold_tokens = span_tokens(text, span)
            if not gold_tokens:
                continue
            for j, tokens in enumerate(pred_tokens):
                if not tokens or gold_tokens.isdisjoint(tokens):
                    continue
                ratio = len(gold_tokens & tokens) / max(len(gold_tokens), len(tokens))
                if ratio >= threshold:
                    candidates.append((ratio, i, j))
    else:
        raise ValueError(f"unknown matching mode {mode!r} (use 'exact' or 'overlap')")
    return pair_greedily(candidates)


def pair_greedily(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one ``(gold_index, pred_index)`` pairs from ``(ratio, gold_index, pred_index)``.

    Best ratio first, ties by text order; a pair is taken while neither side is used yet.
    Shared by every evaluation, whether items are spans or strings.
    """
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def scores_from_counts(n_matched: int, n_gold: int, n_pred: int) -> Scores:
    precision = n_matched / n_pred if n_pred else math.nan
    recall = n_matched / n_gold if n_gold else math.nan
    if precision == 0 and recall == 0:
        f1 = 0.0
    elif math.isnan(precision) or math.isnan(recall):
        f1 = math.nan
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return Scores(precision, recall, f1, n_gold, n_pred, n_matched)


def score_spans(
    text: str,
    gold: Sequence,
    pred: Sequence,
    *,
    mode: str = "overlap",
    threshold: float = DEFAULT_THRESHOLD,
) -> Scores:
    """Precision, recall and F1 of ``pred`` against ``gold`` spans of one text."""
    pairs = match_spans(text, gold, pred, mode=mode, threshold=threshold)
    return scores_from_counts(len(pairs), len(gold), len(pred))


def sum_scores(parts: Iterable[Scores]) -> Scores:
    """Micro-average: add up matched, gold and predicted counts over documents."""
    matched = gold = pred = 0
    for part in parts:
        matched += part.n_matched
        gold += part.n_gold
        pred += part.n_pred
    return scores_from_counts(matched, gold, pred)
