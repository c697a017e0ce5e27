"""Quote-extraction gold given as strings: one JSON object per line, no character offsets.

Many quote-extraction evaluation sets give each quotation as strings::

    {"id": "a1", "text": "…", "quotes": [{"speaker": "Kim", "cue": "said", "content": "…"}]}

(``id`` is optional; ``speaker`` and ``cue`` may be empty or missing.) Without offsets, items
are matched on their words:

**Content.** A string becomes its normalised words: lowercased runs of letters and digits,
as a multiset. Two contents match when ``|shared words| / max(|gold words|, |predicted
words|)`` is at least a threshold; scored at 0.3 (the same quotation, roughly bounded) and at
0.8 (nearly the same boundaries). Pairing is one-to-one, greedy by best ratio, as in
:mod:`framing.evaluation.matching`.

**Speaker and cue, on matched pairs.** The speaker agrees when the gold speaker's words and
those of the predicted speaker mention, or of the entity it was resolved to (``he`` -> ``Kim
Jong Un``), overlap by at least 0.5 with the same ratio; the cue agrees likewise. Both absent
also agrees. Their rows count a quotation as right only when its content matched *and* the
speaker (or cue) agrees, so their precision and recall are end to end; ``agreement`` is the
share of matched pairs that agree.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from framing.annotate.attribution.cue_model import reporting_lexicon
from framing.annotate.records import Attribution
from framing.evaluation.error_kinds import cue_string_cause
from framing.evaluation.errors import (
    DISAGREEMENT,
    FALSE_NEGATIVE,
    FALSE_POSITIVE,
    ErrorRow,
    context_around,
)
from framing.evaluation.matching import pair_greedily
from framing.evaluation.predict import annotate
from framing.evaluation.results import ALL, EvaluationResult, ScoreRow
from framing.lexicon.load import Lexicons

CONTENT_THRESHOLDS = (0.3, 0.8)
AGREEMENT_THRESHOLD = 0.5
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class GoldQuote:
    speaker: str
    cue: str
    content: str


@dataclass(frozen=True)
class QuoteDocument:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]


def words(text: str | None) -> Counter[str]:
    """The normalised words of a string, as a multiset."""
    return Counter(w.lower() for w in _WORD.findall(text or ""))


def word_overlap(gold: Counter[str], pred: Counter[str]) -> float:
    """``|shared words| / max(|gold|, |pred|)``; 0.0 when either side has no words."""
    if not gold or not pred:
        return 0.0
    return sum((gold & pred).values()) / max(sum(gold.values()), sum(pred.values()))


def _field(quote: dict, name: str, where: str) -> str:
    value = quote.get(name) or ""
    if not isinstance(value, str):
        raise ValueError(f"{where}: quote field {name!r} must be a string")
    return value


def _gold_quote(quote: dict, where: str) -> GoldQuote:
    return GoldQuote(*(_field(quote, name, where) for name in ("speaker", "cue", "content")))


def read_quotes_jsonl(path: Path | str) -> list[QuoteDocument]:
    """The documents of a quotes JSONL file; a malformed line is an error naming ``file:line``."""
    documents = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not JSON ({exc.msg})") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError(f"{where}: expected an object with a 'text' string")
            quotes = record.get("quotes") or []
            if not isinstance(quotes, list) or not all(isinstance(q, dict) for q in quotes):
                raise ValueError(f"{where}: 'quotes' must be a list of objects")
            documents.append(
                QuoteDocument(
                    id=str(record.get("id") or f"line {number}"),
                    text=record["text"],
                    quotes=tuple(_gold_quote(q, where) for q in quotes),
                )
            )
    return documents


def pair_by_content(
    gold: Sequence[GoldQuote], pred: Sequence[Attribution], threshold: float
) -> list[tuple[int, int]]:
    """One-to-one ``(gold_index, pred_index)`` pairs, greedy by best content overlap."""
    pred_words = [words(a.reported_text or "") for a in pred]
    candidates = []
    for i, quote in enumerate(gold):
        gold_words = words(quote.content)
        for j, candidate in enumerate(pred_words):
            ratio = word_overlap(gold_words, candidate)
            if ratio and ratio >= threshold:
                candidates.append((ratio, i, j))
    return pair_greedily(candidates)


def speaker_agrees(gold: GoldQuote, pred: Attribution) -> bool:
    gold_words = words(gold.speaker)
    if pred.speaker is None:
        return not gold_words
    return any(
        word_overlap(gold_words, words(text)) >= AGREEMENT_THRESHOLD
        for text in (pred.speaker.span.text, pred.speaker.entity)
    )


def cue_agrees(gold: GoldQuote, pred: Attribution) -> bool:
    gold_words = words(gold.cue)
    pred_words = words(pred.cue.text if pred.cue else "")
    if not gold_words or not pred_words:
        return not gold_words and not pred_words
    return word_overlap(gold_words, pred_words) >= AGREEMENT_THRESHOLD


def _locate(text: str, needle: str) -> tuple[int, int] | None:
    start = text.find(needle) if needle else -1
    if start < 0 and needle:
        start = text.lower().find(needle.lower())
    return (start, start + len(needle)) if start >= 0 else None


def _gold_error(document: QuoteDocument, quote: GoldQuote, match: str, kind: str,
                component: str = "content", detail: str = "", category: str = ALL,
                cause: str = "") -> ErrorRow:
    position = _locate(document.text, quote.content)
    start, end = position if position else (None, None)
    return ErrorRow(
        document=document.id, component=component, category=category, match=match, kind=kind,
        text=quote.content, start=start, end=end,
        context=context_around(document.text, start, end) if position else "",
        detail=detail or f"speaker {quote.speaker!r}, cue {quote.cue!r}", cause=cause,
    )


def _pred_error(document: QuoteDocument, attribution: Attribution, match: str,
                category: str = ALL) -> ErrorRow:
    content = attribution.content
    speaker = attribution.speaker.span.text if attribution.speaker else ""
    cue = attribution.cue.text if attribution.cue else ""
    return ErrorRow(
        document=document.id, component="content", category=category, match=match,
        kind=FALSE_POSITIVE, text=content.text, start=content.start, end=content.end,
        context=context_around(document.text, content.start, content.end),
        detail=f"speaker {speaker!r}, cue {cue!r}",
        cause=f"{attribution.found_by}:{attribution.kind}",
    )


class _Tally:
    def __init__(self) -> None:
        self.gold = self.pred = self.content = self.speaker = self.cue = 0


#: The predictions scored: every attribution with a content span (``all``), and those whose
#: content is inside quote marks (``direct``), for gold sets of direct quotations only.
DIRECT = "direct"
PREDICTION_SETS = (ALL, DIRECT)


def _predictions(doc, prediction_set: str) -> list[Attribution]:
    with_content = [a for a in doc._.attributions or [] if a.content is not None]
    if prediction_set == DIRECT:
        return [a for a in with_content if a.is_direct]
    return with_content


def _score_document(document: QuoteDocument, predicted: list[Attribution], threshold: float,
                    tally: _Tally, category: str, lexicon_words: set[str]) -> list[ErrorRow]:
    """Add one document's counts at one threshold to ``tally``; its error rows."""
    match = f"overlap>={threshold}"
    errors: list[ErrorRow] = []
    pairs = pair_by_content(document.quotes, predicted, threshold)
    tally.gold += len(document.quotes)
    tally.pred += len(predicted)
    tally.content += len(pairs)
    for i, j in pairs:
        gold, pred = document.quotes[i], predicted[j]
        for component, agrees, said in (
            ("speaker", speaker_agrees(gold, pred),
             pred.speaker.span.text if pred.speaker else ""),
            ("cue", cue_agrees(gold, pred), pred.cue.text if pred.cue else ""),
        ):
            if agrees:
                setattr(tally, component, getattr(tally, component) + 1)
            else:
                errors.append(_gold_error(
                    document, gold, match, DISAGREEMENT, component,
                    f"gold {component} {getattr(gold, component)!r}, predicted {said!r}",
                    category,
                ))
    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    errors += [
        _gold_error(document, quote, match, FALSE_NEGATIVE, category=category,
                    cause=cue_string_cause(quote.cue, lexicon_words))
        for i, quote in enumerate(document.quotes) if i not in matched_gold
    ]
    errors += [
        _pred_error(document, attribution, match, category)
        for j, attribution in enumerate(predicted) if j not in matched_pred
    ]
    return errors


def evaluate_quotes(
    path: Path | str,
    nlp: Language,
    lexicons: Lexicons,
    *,
    thresholds: Sequence[float] = CONTENT_THRESHOLDS,
    limit: int | None = None,
    prediction_sets: Sequence[str] = PREDICTION_SETS,
) -> EvaluationResult:
    """Content, then speaker and cue on the matched pairs, at each content threshold, for
    each set of predictions (category ``all``: every attribution with a content; ``direct``:
    those in quote marks)."""
    documents = read_quotes_jsonl(path)[:limit]
    tallies = {(s, t): _Tally() for s in prediction_sets for t in thresholds}
    errors: list[ErrorRow] = []
    docs = annotate((d.text for d in documents), nlp, lexicons, loaded_terms=False)
    lexicon_words = set(reporting_lexicon(lexicons))
    for document, doc in zip(documents, docs, strict=True):
        for prediction_set in prediction_sets:
            predicted = _predictions(doc, prediction_set)
            for threshold in thresholds:
                errors += _score_document(document, predicted, threshold,
                                          tallies[prediction_set, threshold], prediction_set,
                                          lexicon_words)
    rows = []
    for (prediction_set, threshold), tally in tallies.items():
        match = f"overlap>={threshold}"
        rows.append(ScoreRow.from_counts("content", prediction_set, match,
                                         n_matched=tally.content, n_gold=tally.gold,
                                         n_pred=tally.pred))
        for component in ("speaker", "cue"):
            agreeing = getattr(tally, component)
            agreement = agreeing / tally.content if tally.content else float("nan")
            rows.append(ScoreRow.from_counts(component, prediction_set, match,
                                             n_matched=agreeing, n_gold=tally.gold,
                                             n_pred=tally.pred,
                                             extra={"agreement": agreement}))
    return EvaluationResult(
        dataset=str(path),
        format="quotes-jsonl",
        tasks=("attribution",),
        n_documents=len(documents),
        rows=rows,
        errors=errors,
        notes=[
            "Content: normalised word overlap, one-to-one, at each threshold. Speaker and cue "
            "rows count a quotation right when its content matched and the speaker (or cue) "
            "agrees (word overlap >= 0.5); 'agreement' is the share of matched pairs that agree.",
            "Category 'all': predictions are attributions that have a content span, direct and "
            "indirect (against a gold set of direct quotations only, reported speech counts "
            "as false positives); category 'direct': only those whose content is inside "
            "quote marks.",
        ],
    )
