"""Labelled character spans beside article files: the SemEval-2020 Task 11 layout.

SemEval-2020 Task 11, "Detection of Propaganda Techniques in News Articles" (Da San Martino
et al., SemEval 2020), ships each article as ``article<ID>.txt`` and its gold spans as
tab-separated lines ``ID<TAB>LABEL<TAB>START<TAB>END`` (character offsets into the article
file, end exclusive), one ``.labels`` file per article or one file for a whole split. Labels
are techniques such as ``Loaded_Language`` and ``Name_Calling,Labeling``. Only articles that
a labels file covers are scored (see :func:`read_spans_corpus`).

**Which gold labels are scored.** A label map says which gold labels our loaded-term hits
predict: ``Loaded_Language=*`` maps that label to any loaded term, ``Name_Calling,Labeling=
dehumanising`` to the hits of one lexicon category. By default ``Loaded_Language`` and
``Name_Calling,Labeling`` map to any loaded term; other labels are not scored. Scare quotes are
not predictions (as for BABE).

**Matching.** Spans are matched with the two rules of :mod:`framing.evaluation.matching`
(``exact`` and token ``overlap``, one-to-one), and with ``semeval``: the task's own partial
credit, where a pair of spans earns the share of characters they have in common, with no
one-to-one pairing: precision = Σ |p ∩ g| / |p| over predictions p and gold spans g, divided
by the number of predictions; recall likewise over gold spans. Overlapping spans within the
gold set, and within the predictions, are merged first, so a character never counts twice.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from framing.annotate.loaded_terms import SCARE_QUOTE_CATEGORY
from framing.annotate.records import TermHit
from framing.evaluation.errors import ErrorRow, unmatched_span_errors
from framing.evaluation.matching import DEFAULT_THRESHOLD, match_spans
from framing.evaluation.predict import annotate
from framing.evaluation.results import ALL, EvaluationResult, ScoreRow
from framing.lexicon.load import Lexicons

ANY_CATEGORY = "*"
DEFAULT_LABEL_MAP: dict[str, tuple[str, ...]] = {
    "Loaded_Language": (ANY_CATEGORY,),
    "Name_Calling,Labeling": (ANY_CATEGORY,),
}
SEMEVAL = "semeval"
LABEL_FILE_SUFFIXES = (".labels", ".tsv")
_ARTICLE_NAME = re.compile(r"article(\w+)\.txt$")
#: a per-article labels file, e.g. ``article111111111.task2-TC.labels``
_LABELS_NAME = re.compile(r"article(\w+?)\.")

Span = tuple[int, int]


@dataclass
class SpanArticle:
    """An article's text and its gold spans, by label."""

    id: str
    text: str
    spans: dict[str, list[Span]] = field(default_factory=dict)


def parse_label_map(items: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``["Loaded_Language=*", "Name_Calling,Labeling=dehumanising"]`` -> a label map.

    A gold label given twice maps to every category given for it. The split is at the last
    ``=``, since SemEval labels contain commas but never ``=``.
    """
    label_map: dict[str, tuple[str, ...]] = {}
    for item in items:
        gold, sep, category = item.rpartition("=")
        if not sep or not gold.strip() or not category.strip():
            raise ValueError(f"--label {item!r}: expected GOLD_LABEL=CATEGORY (or =* for any)")
        label_map[gold.strip()] = (*label_map.get(gold.strip(), ()), category.strip())
    return label_map


def check_label_map(label_map: Mapping[str, Sequence[str]], lexicons: Lexicons) -> None:
    """Every mapped category is ``*`` or a loaded-term category of the lexicons."""
    known = set(lexicons.categories.get("loaded_terms", {}))
    for gold, categories in label_map.items():
        for category in categories:
            if category != ANY_CATEGORY and category not in known:
                raise ValueError(
                    f"--label {gold}={category}: unknown loaded-term category "
                    f"(one of {', '.join(sorted(known))}, or *)"
                )


def parse_label_lines(text: str, source: str = "labels") -> list[tuple[str, str, int, int]]:
    """``(article_id, label, start, end)`` per non-empty line of a SemEval labels file."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.rstrip("\r\n").split("\t")
        if len(fields) != 4:
            raise ValueError(f"{source}:{number}: expected ID<TAB>LABEL<TAB>START<TAB>END")
        article_id, label, start, end = fields
        try:
            rows.append((article_id.strip(), label.strip(), int(start), int(end)))
        except ValueError:
            raise ValueError(f"{source}:{number}: START and END must be integers") from None
    return rows


@dataclass
class SpanCorpus:
    """The scored articles, and what was left out of scoring and why."""

    articles: list[SpanArticle]
    unlabelled: int = 0  # article files no labels file covers: not annotated, not scored
    skipped_files: list[str] = field(default_factory=list)  # task-1 files: spans, no labels


def _label_files(gold: Path) -> list[Path]:
    if gold.is_file():
        return [gold]
    return sorted(p for p in gold.rglob("*") if p.is_file() and p.suffix in LABEL_FILE_SUFFIXES)


def _is_unlabelled_spans(text: str) -> bool:
    """SemEval task-1 files give ``ID<TAB>START<TAB>END``: spans with no technique label."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return len(first.split("\t")) == 3


def read_spans_corpus(gold: Path | str) -> SpanCorpus:
    """Articles and gold spans from a folder (searched recursively) or from one labels file.

    Given a labels file, the articles are looked for in its folder and below it. An article is
    scored when a labels file covers it: a per-article file named after it (an empty one means
    "annotated, no spans", where false positives show up) or a line in a split-wide file.
    Other article files (SemEval's unlabelled test articles beside the training ones) are left
    out, and so are task-1 files, whose spans have no label.
    """
    gold = Path(gold)
    root = gold.parent if gold.is_file() else gold
    articles: dict[str, SpanArticle] = {}
    for path in sorted(root.rglob("article*.txt")):
        match = _ARTICLE_NAME.search(path.name)
        if match:
            with open(path, encoding="utf-8", newline="") as handle:
                articles[match.group(1)] = SpanArticle(match.group(1), handle.read())
    if not articles:
        raise FileNotFoundError(f"{gold}: no article<ID>.txt files found")
    label_files = _label_files(gold)
    if not label_files:
        raise FileNotFoundError(f"{gold}: no .labels or .tsv file of gold spans found")
    annotated: set[str] = set()
    skipped: list[str] = []
    for path in label_files:
        text = path.read_text(encoding="utf-8")
        if _is_unlabelled_spans(text):
            skipped.append(str(path))
            continue
        named = _LABELS_NAME.match(path.name)
        if named:
            annotated.add(named.group(1))
        for article_id, label, start, end in parse_label_lines(text, str(path)):
            if article_id not in articles:
                raise ValueError(f"{path}: article {article_id} has spans but no article file")
            annotated.add(article_id)
            articles[article_id].spans.setdefault(label, []).append((start, end))
    scored = [articles[key] for key in sorted(annotated & set(articles))]
    return SpanCorpus(scored, len(articles) - len(scored), skipped)


def merge_overlapping(spans: Iterable[Span]) -> list[Span]:
    """The spans with overlapping ones merged, in text order."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def partial_credit(gold: Sequence[Span], pred: Sequence[Span]) -> tuple[float, float]:
    """SemEval-2020 Task 11's credit sums: (Σ over predictions, Σ over gold spans).

    Each prediction earns the share of its characters that gold spans cover, and each gold
    span the share of its characters that predictions cover. Both lists should be merged.
    """
    pred_credit = gold_credit = 0.0
    for p_start, p_end in pred:
        for g_start, g_end in gold:
            shared = min(p_end, g_end) - max(p_start, g_start)
            if shared > 0:
                pred_credit += shared / (p_end - p_start)
                gold_credit += shared / (g_end - g_start)
    return pred_credit, gold_credit


def predicted_for(hits: Sequence[TermHit], categories: Sequence[str]) -> list[Span]:
    """Distinct spans of the hits that predict a gold label mapped to ``categories``."""
    spans = {
        (hit.span.start, hit.span.end)
        for hit in hits
        if hit.category != SCARE_QUOTE_CATEGORY
        and (ANY_CATEGORY in categories or hit.category in categories)
    }
    return sorted(spans)


class _Counts:
    def __init__(self) -> None:
        self.matched = 0.0
        self.gold_credit = 0.0
        self.gold = self.pred = 0


def _row(category: str, mode: str, counts: _Counts) -> ScoreRow:
    if mode != SEMEVAL:
        return ScoreRow.from_counts("loaded_span", category, mode, n_matched=int(counts.matched),
                                    n_gold=counts.gold, n_pred=counts.pred)
    # Precision and recall have different numerators under partial credit.
    precision = counts.matched / counts.pred if counts.pred else math.nan
    recall = counts.gold_credit / counts.gold if counts.gold else math.nan
    if math.isnan(precision) or math.isnan(recall):
        f1 = math.nan
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ScoreRow("loaded_span", category, mode, precision, recall, f1, counts.gold,
                    counts.pred, round(counts.matched, 2))


def _left_out(corpus: SpanCorpus) -> list[str]:
    notes = []
    if corpus.unlabelled:
        notes.append(f"{corpus.unlabelled} article file(s) with no labels file covering them "
                     "were not scored.")
    if corpus.skipped_files:
        notes.append(f"{len(corpus.skipped_files)} file(s) of unlabelled spans (SemEval task 1) "
                     "were skipped.")
    return notes


def evaluate_spans(
    gold: Path | str,
    nlp: Language,
    lexicons: Lexicons,
    *,
    label_map: Mapping[str, Sequence[str]] | None = None,
    modes: Sequence[str] = ("exact", "overlap", SEMEVAL),
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = None,
) -> EvaluationResult:
    """Loaded-term hits against SemEval-style gold spans: overall and per mapped gold label."""
    label_map = dict(label_map or DEFAULT_LABEL_MAP)
    check_label_map(label_map, lexicons)
    corpus = read_spans_corpus(gold)
    articles = corpus.articles[:limit]
    every_category = tuple({c for categories in label_map.values() for c in categories})
    groups = {ALL: (sorted(label_map), every_category)}
    groups |= {label: ([label], categories) for label, categories in label_map.items()}
    counts = {(group, mode): _Counts() for group in groups for mode in modes}
    errors: list[ErrorRow] = []
    docs = annotate((a.text for a in articles), nlp, lexicons)
    for article, doc in zip(articles, docs, strict=True):
        for group, (labels, categories) in groups.items():
            gold_spans = sorted({s for label in labels for s in article.spans.get(label, [])})
            pred_spans = predicted_for(doc._.term_hits or [], categories)
            for mode in modes:
                tally = counts[group, mode]
                if mode == SEMEVAL:
                    merged_gold, merged_pred = (
                        merge_overlapping(gold_spans), merge_overlapping(pred_spans)
                    )
                    pred_credit, gold_credit = partial_credit(merged_gold, merged_pred)
                    tally.matched += pred_credit
                    tally.gold_credit += gold_credit
                    tally.gold += len(merged_gold)
                    tally.pred += len(merged_pred)
                    continue
                pairs = match_spans(article.text, gold_spans, pred_spans, mode=mode,
                                    threshold=threshold)
                tally.matched += len(pairs)
                tally.gold += len(gold_spans)
                tally.pred += len(pred_spans)
                if group == ALL:
                    errors += unmatched_span_errors(
                        f"article{article.id}", article.text, gold_spans, pred_spans, pairs,
                        component="loaded_span", match=mode,
                    )
    rows = [_row(group, mode, counts[group, mode]) for group in groups for mode in modes]
    mapping = "; ".join(f"{label} = {', '.join(c)}" for label, c in sorted(label_map.items()))
    return EvaluationResult(
        dataset=str(gold),
        format="spans",
        tasks=("loaded",),
        n_documents=len(articles),
        rows=rows,
        errors=errors,
        notes=[
            f"Gold labels scored, and the loaded-term categories that predict them "
            f"(* = any): {mapping}. Other gold labels are not scored.",
            "semeval: the task's partial credit on characters (overlapping spans merged "
            "first); matched is the summed credit of the predictions.",
            *_left_out(corpus),
        ],
    )
