"""False positives and false negatives in context, for error analysis (``--errors FILE``).

A score says how often the analyzer is wrong; these rows say where. Each row is one gold item
nobody predicted (``false_negative``), one prediction no gold item matched
(``false_positive``), or a matched pair that disagrees on a detail such as the speaker
(``disagreement``), with the text around it so that a reader can judge it without opening the
article.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from framing.evaluation.matching import as_pieces

FALSE_POSITIVE = "false_positive"
FALSE_NEGATIVE = "false_negative"
DISAGREEMENT = "disagreement"
CONTEXT_WIDTH = 80


@dataclass(frozen=True)
class ErrorRow:
    """One error: where it is (document, offsets), what it is, and the text around it."""

    document: str
    component: str
    category: str
    match: str
    kind: str  # false_positive | false_negative | disagreement
    text: str
    start: int | None
    end: int | None
    context: str
    detail: str = ""
    # Why, by kind of error (framing.evaluation.error_kinds): "verb_not_in_lexicon",
    # "floating_quote", "political->government"; empty where no cause is worked out.
    cause: str = ""


def context_around(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> str:
    """``width`` characters either side of ``text[start:end]``, the item set off by ``[[ ]]``.

    Line breaks become spaces so that one error stays one line in a spreadsheet.
    """
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    snippet = f"{'…' if start > width else ''}{before}[[{text[start:end]}]]{after}"
    snippet += "…" if end + width < len(text) else ""
    return " ".join(snippet.split())


def span_error(
    document: str, text: str, span, *, component: str, category: str, match: str, kind: str,
    detail: str = "",
) -> ErrorRow:
    """An error row for a span given as ``(start, end)`` or as brat-style pieces."""
    pieces = as_pieces(span)
    start, end = min(s for s, _ in pieces), max(e for _, e in pieces)
    return ErrorRow(
        document=document,
        component=component,
        category=category,
        match=match,
        kind=kind,
        text=" … ".join(text[s:e] for s, e in pieces),
        start=start,
        end=end,
        context=context_around(text, start, end),
        detail=detail,
    )


def unmatched_span_errors(
    document: str,
    text: str,
    gold: Sequence,
    pred: Sequence,
    pairs: Iterable[tuple[int, int]],
    *,
    component: str,
    match: str,
    category: str = "all",
) -> list[ErrorRow]:
    """The gold spans left out of ``pairs`` (false negatives) and the predictions left out."""
    pairs = list(pairs)
    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    common = dict(component=component, category=category, match=match)
    rows = [
        span_error(document, text, span, kind=FALSE_NEGATIVE, **common)
        for i, span in enumerate(gold)
        if i not in matched_gold
    ]
    rows += [
        span_error(document, text, span, kind=FALSE_POSITIVE, **common)
        for j, span in enumerate(pred)
        if j not in matched_pred
    ]
    return rows


def write_errors_csv(path: Path | str, rows: Iterable[ErrorRow]) -> int:
    """Write the rows as CSV (one header line, then one line per error); returns the count."""
    names = [f.name for f in fields(ErrorRow)]
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=names)
        writer.writeheader()
        for row in rows:
            writer.writerow(asdict(row))
            count += 1
    return count
