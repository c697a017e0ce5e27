"""One entry point for every gold format: ``evaluate(gold, format, nlp, lexicons)``.

``framing evaluate`` and the accuracy report call this; it checks that the format, task and
matching rule go together, runs the format's evaluation and stamps the result with the model
and lexicon version, so that a number can always be traced to what produced it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language

from framing.evaluation.matching import DEFAULT_THRESHOLD
from framing.evaluation.results import EvaluationResult
from framing.lexicon.load import Lexicons

#: format -> the tasks it can score (the first ones run when no task is given)
FORMAT_TASKS: dict[str, tuple[str, ...]] = {
    "brat": ("attribution",),
    "babe": ("loaded", "bias-sentence"),
    "spans": ("loaded",),
    "quotes-jsonl": ("attribution",),
    "scare-quotes": ("scare-quotes",),
    "seeds-gold": ("attribution", "voice", "reliance", "figures"),
}
TASKS = ("attribution", "loaded", "bias-sentence", "scare-quotes", "voice", "reliance", "figures")
MATCHES = ("exact", "overlap")

MATCHING_RULES = (
    "Exact: the same characters once whitespace and punctuation are trimmed from both ends "
    "(a discontinuous span piece by piece, in text order). Overlap: each span is its set of "
    "word tokens; a pair matches when shared tokens / max(gold tokens, predicted tokens) is "
    "at or above --threshold (default 0.5). Matching is one-to-one: each gold item matches "
    "at most one prediction and each prediction at most one gold item, best ratio first. "
    "P = matched / predicted, R = matched / gold, F1 their harmonic mean; n/a when there is "
    "nothing to divide by. spans also reports 'semeval', the SemEval-2020 Task 11 character "
    "partial credit. quotes-jsonl has no offsets: contents match on normalised word overlap "
    "(>= 0.3 and >= 0.8, both reported), then speaker and cue agreement on matched pairs. "
    "babe matches words (lowercased, punctuation stripped) within each sentence. "
    "scare-quotes: a labelled fragment is flagged when a scare-quote hit overlaps it "
    "(token overlap >= --threshold, one-to-one); P = fragments labelled scare among the "
    "flagged, R = flagged among those labelled scare. "
    "seeds-gold: attributions pair on their cues (any cue word of the gold claim; on content "
    "when either side has none) by the rule above, core items only in the 'core' rows; "
    "loaded-term voice against the gold voice of the hit's characters; state-media reliance "
    "right within 0.10 of the hand figure; a figure's source right when it is a link of the "
    "gold chain or both have none."
)


def _modes(fmt: str, match: str | None) -> tuple[str, ...] | None:
    if match is None:
        return None
    if match not in MATCHES:
        raise ValueError(f"--match must be exact or overlap, not {match!r}")
    if fmt in ("babe", "quotes-jsonl"):
        raise ValueError(f"--match does not apply to {fmt}: it has no character spans to match")
    if fmt == "scare-quotes":
        raise ValueError("--match does not apply to scare-quotes: fragments match by overlap")
    if fmt == "spans" and match == "overlap":
        return ("overlap", "semeval")  # the task's own overlap measure goes with ours
    return (match,)


def evaluate(
    gold: Path | str,
    fmt: str,
    nlp: Language,
    lexicons: Lexicons,
    *,
    task: str | None = None,
    match: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    labels: Sequence[str] = (),
    limit: int | None = None,
    texts: Sequence[str] = (),
    accurate: bool = False,
) -> EvaluationResult:
    """Score the analyzer on gold data in ``fmt``; ValueError for a bad combination of options.

    ``task`` picks one task of the format (default: all it has); ``match`` one matching rule
    (default: all); ``labels`` are ``GOLD=CATEGORY`` maps for ``spans``; ``limit`` scores the
    first N documents (sentences for BABE) only; ``texts`` are ``NAME=PATH`` locations of a
    scare-quote sample's sources (see :mod:`framing.evaluation.scare_quotes`); ``accurate``
    scores brat with the trained labeller (``framing score --accurate``).
    """
    if fmt not in FORMAT_TASKS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMAT_TASKS)})")
    if task is not None and task not in FORMAT_TASKS[fmt]:
        raise ValueError(
            f"--task {task} does not apply to {fmt} (it scores {', '.join(FORMAT_TASKS[fmt])})"
        )
    if labels and fmt != "spans":
        raise ValueError("--label only applies to --format spans")
    if texts and fmt != "scare-quotes":
        raise ValueError("--texts only applies to --format scare-quotes")
    if not 0 < threshold <= 1:
        raise ValueError(f"--threshold must be in (0, 1], not {threshold}")
    gold = Path(gold)
    if not gold.exists():
        raise FileNotFoundError(f"{gold}: no such file or folder")
    modes = _modes(fmt, match)
    mode_option = {"modes": modes} if modes else {}
    if fmt == "brat":
        from framing.evaluation.tasks import evaluate_brat

        result = evaluate_brat(gold, nlp, lexicons, threshold=threshold, limit=limit,
                               parse="accurate" if accurate else "all", **mode_option)
    elif fmt == "babe":
        from framing.evaluation.tasks import evaluate_babe_gold

        result = evaluate_babe_gold(gold, nlp, lexicons, tasks=(task,) if task else
                                    FORMAT_TASKS["babe"], limit=limit)
    elif fmt == "spans":
        from framing.evaluation.spans_format import evaluate_spans, parse_label_map

        result = evaluate_spans(gold, nlp, lexicons, label_map=parse_label_map(labels) or None,
                                threshold=threshold, limit=limit, **mode_option)
    elif fmt == "seeds-gold":
        from framing.evaluation.seeds_scores import evaluate_seeds_gold

        result = evaluate_seeds_gold(gold, nlp, lexicons, tasks=(task,) if task else
                                     FORMAT_TASKS["seeds-gold"], threshold=threshold,
                                     limit=limit, **mode_option)
    elif fmt == "scare-quotes":
        from framing.evaluation.scare_quotes import evaluate_scare_quotes, parse_text_options

        result = evaluate_scare_quotes(gold, nlp, lexicons, texts=parse_text_options(texts),
                                       threshold=threshold, limit=limit)
    else:
        from framing.evaluation.quotes_jsonl import evaluate_quotes

        result = evaluate_quotes(gold, nlp, lexicons, limit=limit)
    return _stamped(result, nlp, lexicons, threshold)


def _stamped(
    result: EvaluationResult, nlp: Language, lexicons: Lexicons, threshold: float
) -> EvaluationResult:
    from framing.annotate.model import model_version

    result.model = model_version(nlp)
    result.lexicon_version = lexicons.version
    if result.format in ("brat", "spans", "scare-quotes", "seeds-gold"):
        result.notes.append(f"Overlap threshold: {threshold}.")
    return result
