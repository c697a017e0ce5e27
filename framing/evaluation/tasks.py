"""The brat (PolNeAR) and BABE evaluations in the common result shape, with errors in context.

:mod:`framing.evaluation.brat` and :mod:`framing.evaluation.babe` read those formats and score
them; this module builds on their public functions to give what ``framing evaluate`` needs
beyond their totals: a row per category (per predicted source type for attribution sources,
per lexicon category for loaded words) and every false positive and false negative.
The totals are the same numbers those modules report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language

from framing.annotate.attribution.cue_model import reporting_lexicon
from framing.annotate.voice import OWN_VOICES
from framing.evaluation.babe import (
    BIASED,
    NON_BIASED,
    WORD_MATCHING,
    SentencePrediction,
    hit_words,
    predict_babe,
    read_babe,
    score_babe,
)
from framing.evaluation.brat import ROLES, predicted_role_spans, read_split
from framing.evaluation.error_kinds import source_type_errors, with_causes
from framing.evaluation.errors import (
    FALSE_NEGATIVE,
    FALSE_POSITIVE,
    ErrorRow,
    context_around,
    unmatched_span_errors,
)
from framing.evaluation.matching import DEFAULT_THRESHOLD, match_spans
from framing.evaluation.predict import LABELLED_GROUPS, annotate, predicted_labels
from framing.evaluation.results import ALL, EvaluationResult, ScoreRow
from framing.evaluation.source_types import labels_for_split, typed_labels
from framing.lexicon.load import Lexicons

MODES = ("exact", "overlap")
BRAT_NOTES = (
    "Several annotators: each article is scored against the first of its NAME_ANNOTATOR.ann "
    "files in sorted file-name order; the others are ignored, so each article counts once.",
    "Gold spans are pooled per role and per article (a source shared by two attributions "
    "counts once), and so are predictions; counts are summed over articles (micro average).",
    "Sources are speakers and channels (PolNeAR annotates a channel as the source of its own "
    "cue). Rows per source type, and per cue stance, are precision only: PolNeAR does not "
    "type sources or cues. A cue of stance 'unknown' was found by the learned cue detector, "
    "not by a reporting-verb entry, so it has no stance.",
)


class _Tally:
    """Matched, gold and predicted counts of one row, added up over documents."""

    def __init__(self) -> None:
        self.matched = self.gold = self.pred = 0

    def add(self, matched: int, gold: int, pred: int) -> None:
        self.matched += matched
        self.gold += gold
        self.pred += pred


#: role -> the span groups whose labels give its categories: a source's type, a cue's stance
def _by_role_mode_label(item: tuple[tuple[str, str, str], _Tally]) -> tuple[str, str, str]:
    (role, label, mode), _ = item
    return role, mode, label


def evaluate_brat(
    split_dir: Path | str,
    nlp: Language,
    lexicons: Lexicons,
    *,
    modes: Sequence[str] = MODES,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = None,
    parse: str = "all",
) -> EvaluationResult:
    """Cue, source and content of the attribution component against a brat split folder.

    ``parse``: which sentences get the parser (``all``, ``candidates``, ``none``).
    """
    documents = list(read_split(split_dir))[:limit]
    overall = {(role, mode): _Tally() for role in ROLES for mode in modes}
    by_label: dict[tuple[str, str, str], _Tally] = {}
    errors: list[ErrorRow] = []
    docs = annotate((d.text for d in documents), nlp, lexicons, loaded_terms=False, parse=parse)
    lexicon_words = set(reporting_lexicon(lexicons))
    type_labels = labels_for_split(Path(split_dir).name)
    for gold_doc, doc in zip(documents, docs, strict=True):
        predicted = predicted_role_spans(doc)
        doc_errors: list[ErrorRow] = []
        for role in ROLES:
            gold = gold_doc.role_spans(role)
            pred = predicted[role]
            for mode in modes:
                pairs = match_spans(gold_doc.text, gold, pred, mode=mode, threshold=threshold)
                overall[role, mode].add(len(pairs), len(gold), len(pred))
                doc_errors += unmatched_span_errors(
                    gold_doc.name, gold_doc.text, gold, pred, pairs, component=role, match=mode
                )
                if role in LABELLED_GROUPS:
                    labels = predicted_labels(doc, role)
                    matched = {j for _, j in pairs}
                    for j, span in enumerate(pred):
                        key = (role, labels.get(span, "unknown"), mode)
                        by_label.setdefault(key, _Tally()).add(j in matched, 0, 1)
        # Each miss with its cause, and the hand-labelled sources typed otherwise.
        errors += with_causes(doc_errors, gold_doc, doc, lexicon_words)
        if gold_doc.name in type_labels:
            found, _ = typed_labels(type_labels[gold_doc.name], gold_doc.text, doc)
            errors += source_type_errors(gold_doc.name, gold_doc.text, found)
    rows = []
    for role in ROLES:
        for mode in modes:
            t = overall[role, mode]
            rows.append(
                ScoreRow.from_counts(role, ALL, mode, n_matched=t.matched, n_gold=t.gold,
                                     n_pred=t.pred)
            )
    for (role, label, mode), t in sorted(by_label.items(), key=_by_role_mode_label):
        rows.append(
            ScoreRow.from_counts(role, label, mode, n_matched=t.matched, n_gold=None,
                                 n_pred=t.pred)
        )
    return EvaluationResult(
        dataset=str(split_dir),
        format="brat",
        tasks=("attribution",),
        n_documents=len(documents),
        rows=rows,
        errors=errors,
        notes=list(BRAT_NOTES),
    )


# ---- BABE ------------------------------------------------------------------------------------

BABE_NOTES = (
    f"Word level: {WORD_MATCHING}",
    "Word level counts every loaded-term hit except scare quotes ('all') or only hits in the "
    "outlet's own wording, narration and paraphrase ('outlet_voice'; framing.annotate.voice), "
    "and each of the two alone ('outlet_voice_narration', 'outlet_voice_paraphrase'); rows per "
    "lexicon category are precision only, since the experts' words have no category.",
    "Sentence level: a sentence is predicted Biased when it has an outlet-voice hit; P/R/F1 "
    "of the Biased class, macro-F1 over both classes, overall and per outlet; 'No agreement' "
    "rows are left out.",
)


def _word_category_rows(predictions: Sequence[SentencePrediction]) -> list[ScoreRow]:
    matched: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    for prediction in predictions:
        text, gold = prediction.sentence.text, prediction.sentence.gold_words
        words_by_category: dict[str, set[str]] = {}
        for hit in prediction.scored_hits():
            words = hit_words(text, hit.span.start, hit.span.end)
            words_by_category.setdefault(hit.category, set()).update(words)
        for category, words in words_by_category.items():
            predicted[category] += len(words)
            matched[category] += len(words & gold)
    return [
        ScoreRow.from_counts("loaded_word", category, "word", n_matched=matched[category],
                             n_gold=None, n_pred=predicted[category])
        for category in sorted(predicted)
    ]


def _word_position(text: str, word: str) -> tuple[int, int] | None:
    start = text.lower().find(word)
    return (start, start + len(word)) if start >= 0 else None


def _babe_errors(predictions: Sequence[SentencePrediction], tasks: Sequence[str]) -> list[ErrorRow]:
    errors: list[ErrorRow] = []
    for number, prediction in enumerate(predictions, start=1):
        sentence = prediction.sentence
        document = f"sentence {number}"
        if "loaded" in tasks:
            predicted, gold = prediction.words(), sentence.gold_words
            for kind, words in (
                (FALSE_NEGATIVE, gold - predicted), (FALSE_POSITIVE, predicted - gold)
            ):
                errors += [_word_error(document, prediction, w, kind) for w in sorted(words)]
        label = sentence.label_bias
        if "bias-sentence" in tasks and label in (BIASED, NON_BIASED):
            predicted_biased = prediction.predicted_biased()
            if predicted_biased != (label == BIASED):
                hits = prediction.scored_hits(voices=OWN_VOICES)
                errors.append(
                    ErrorRow(
                        document=document, component="bias_sentence",
                        category=sentence.outlet or ALL,
                        match="sentence",
                        kind=FALSE_POSITIVE if predicted_biased else FALSE_NEGATIVE,
                        text=sentence.text, start=0, end=len(sentence.text), context=sentence.text,
                        detail="; ".join(f"{h.span.text} ({h.entry_id})" for h in hits)
                        or f"experts' words: {', '.join(sentence.biased_words)}",
                    )
                )
    return errors


def _word_error(document: str, prediction: SentencePrediction, word: str, kind: str) -> ErrorRow:
    text = prediction.sentence.text
    position = _word_position(text, word)
    start, end = position if position else (None, None)
    hits = [
        h for h in prediction.scored_hits()
        if word in hit_words(text, h.span.start, h.span.end)
    ]
    return ErrorRow(
        document=document,
        component="loaded_word",
        category=hits[0].category if hits else ALL,
        match="word",
        kind=kind,
        text=word,
        start=start,
        end=end,
        context=context_around(text, start, end, width=len(text)) if position else text,
        detail="; ".join(f"{h.entry_id}, {h.voice} voice" for h in hits),
    )


def _sentence_row(category: str, predictions: Sequence[SentencePrediction]) -> ScoreRow:
    """P/R/F1 of the Biased class over these sentences, with macro-F1 and accuracy."""
    sentence = score_babe(predictions, "all")["sentence"]
    gold_biased = sentence["gold_biased"]
    recall = sentence["recall"]
    return ScoreRow.from_counts(
        "bias_sentence", category, "sentence",
        n_matched=round(recall * gold_biased) if gold_biased else 0,
        n_gold=gold_biased,
        n_pred=sentence["predicted_biased"],
        extra={"macro_f1": sentence["macro_f1"], "accuracy": sentence["accuracy"]},
    )


def _sentence_rows(predictions: Sequence[SentencePrediction]) -> list[ScoreRow]:
    """The overall row, then one per outlet: where the lexicon rule works and where not."""
    by_outlet: dict[str, list[SentencePrediction]] = {}
    for prediction in predictions:
        by_outlet.setdefault(prediction.sentence.outlet or "unknown", []).append(prediction)
    rows = [_sentence_row(ALL, predictions)]
    rows += [_sentence_row(outlet, by_outlet[outlet]) for outlet in sorted(by_outlet)]
    return rows


def evaluate_babe_gold(
    csv_path: Path | str,
    nlp: Language,
    lexicons: Lexicons,
    *,
    tasks: Sequence[str] = ("loaded", "bias-sentence"),
    limit: int | None = None,
) -> EvaluationResult:
    """Loaded words (word level) and biased sentences (sentence level) against a BABE CSV."""
    sentences = read_babe(csv_path)[:limit]
    predictions = predict_babe(sentences, nlp, lexicons)
    scores = score_babe(predictions, "all")
    rows: list[ScoreRow] = []
    if "loaded" in tasks:
        for voice, category in (
            ("all", ALL), ("outlet", "outlet_voice"),
            ("narration", "outlet_voice_narration"), ("paraphrase", "outlet_voice_paraphrase"),
        ):
            word = scores["word"][voice]
            rows.append(
                ScoreRow.from_counts("loaded_word", category, "word",
                                     n_matched=word["true_positives"], n_gold=word["gold"],
                                     n_pred=word["predicted"])
            )
        rows += _word_category_rows(predictions)
    if "bias-sentence" in tasks:
        rows += _sentence_rows(predictions)
    return EvaluationResult(
        dataset=str(csv_path),
        format="babe",
        tasks=tuple(tasks),
        n_documents=len(sentences),
        rows=rows,
        errors=_babe_errors(predictions, tasks),
        notes=list(BABE_NOTES),
    )
