"""Train the scare-quote filter (:mod:`framing.annotate.scare_filter`) and measure it by
grouped, nested cross-validation on the hand-labelled BBC and seeds fragments.

``python -m framing.evaluation.train_scare_filter`` (``make train-scare-filter``):

1. Runs the whole pipeline of ``framing score`` over the articles of
   ``tests/gold/scare_quotes/`` (:data:`TRAINING_FILES`; BBC and PolNeAR texts from
   ``../shared``), with the filter replaced by one that keeps everything and records the
   features of each candidate: every fragment the rules call a scare quote.
2. Labels each candidate with the verdict of the labelled fragment it matches (token overlap
   >= 0.5, as ``framing evaluate --format scare-quotes`` matches); a candidate no row labels
   is left out. Issue #12's definition: ``scare``, ``term``, ``mention``, ``emphasis`` and
   ``uncredited_quotation`` are scare quotes (positive), the rest are not.
3. Cross-validates with folds by article text (SHA-1 of the text with whitespace collapsed,
   so the corpus's repeated articles share a fold): in each outer fold the regularisation and
   the threshold are chosen by an inner grouped cross-validation on the training folds only
   (:func:`choose`), then the fold's held-out candidates are scored once. Precision (issue's
   definition and the writer's distance), hits and recall of the positives are pooled over
   the out-of-fold decisions, with 95% Wilson intervals, and given per fold.
4. Chooses the regularisation and threshold the same way on all candidates, fits on all, and
   writes ``framing/data/scare_filter.json`` with the cross-validated figures.

Deterministic: fixed fold seeds, liblinear's coordinate descent with a fixed random state, and
features in sorted order. Trained on BBC, the seeds and, since the fifth round, the two
PolNeAR samples (``polnear.jsonl``, ``polnear_first.jsonl``): their texts come from
``../shared/gold/polnear`` (``sources.json``), and without them the command stops with one
line. The out-of-fold figures are given for BBC and the seeds and for PolNeAR apart.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.annotate.scare_filter import MODEL_PATH, Judgement, weights_version
from framing.evaluation.scare_quotes import (
    FRESH_NAME,
    ISSUE_RIGHT,
    POLNEAR_FIRST_NAME,
    POLNEAR_NAME,
    SAMPLE_NAME,
    SCARE,
    LabelledFragment,
    read_articles,
    read_sample,
    text_locations,
    wilson_interval,
)

GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold" / "scare_quotes"
#: The labelled files the filter learns from: BBC and the seeds, then PolNeAR (whose texts
#: are in ../shared/gold/polnear: without them the command stops, since weights trained on
#: the BBC files alone would be other weights).
TRAINING_FILES = (SAMPLE_NAME, FRESH_NAME, POLNEAR_NAME, POLNEAR_FIRST_NAME)
#: The parts whose out-of-fold figures are reported apart: a document's source starts so.
PARTS = {"bbc_news+seeds": ("bbc_news", "seeds"), "bbc_news": ("bbc_news",),
         "seeds": ("seeds",), "polnear": ("polnear",)}
#: Regularisation strengths tried (inverse, scikit-learn's C).
C_GRID = (0.1, 0.3, 1.0, 3.0)
OUTER_FOLDS = 5
INNER_FOLDS = 4
SEED = 12
#: The precision the threshold must reach on the inner folds' out-of-fold scores: above the
#: issue's 0.80, since a threshold chosen on one sample reads high on the next.
TARGET_PRECISION = 0.85
#: A threshold is chosen only among those keeping at least this share of the positives
#: (a threshold keeping three hits at 1.0 says nothing).
MIN_RECALL = 0.25
MATCH_OVERLAP = 0.5
#: What was looked at before these weights were shipped (5 December 2026): the procedure
#: above (grid, folds, inner target) was fixed before any run; the feature sets were not, and
#: three were each scored once by this cross-validation, so the shipped one was chosen
#: after seeing the outer folds' figures of all three.
LOOKED_AT = (
    "The rules are in sample here: their third round was written from fresh.jsonl's errors, "
    "so these figures hold the filter out, not the rules. The figure of rules and filter "
    "together on text nobody wrote them from is the PolNeAR held-out row above.",
    "What was tried, on the second round's rules (216 candidates, 147 right), before the "
    "filter was retrained on the third round's: feature set 1 (form, listed words before "
    "the marks, speech nearby, position, markup): pooled 92 hits, precision 0.793 (73), "
    "recall 73 of 147.",
    "Feature set 2 (set 1 and the words of the fragment and either side of its marks): "
    "84 hits, precision 0.810 (68).",
    "Feature set 3, shipped (set 2 and the parse: the fragment's dependency, a word of "
    "speech above it, a person or organisation in its sentence; a word of doubt before the "
    "marks; a courtesy title near): 70 hits, precision 0.871 (61).",
    "Widening the candidates to every short fragment the quote finder marks (845 labelled, "
    "the rules' reading as a feature), feature set 3, same procedure: 83 hits, precision "
    "0.747 (62): no better, so the candidates stay the rules' scare quotes.",
    "After the fact, not used to choose: with an inner target of 0.80 instead of 0.85, set 3 "
    "gives 98 hits at precision 0.786 (77); no setting tried gives 100 hits at 0.80.",
    "A fragment holding a euphemism of lexicons/loaded_terms.yaml is kept whatever the "
    "weights say (the seeds' 'special operation'; until the fifth round any loaded term was, "
    "which kept 9 quoted-speech rows of the labelled files, 'liar', 'crazy', "
    "'groundbreaking' among them, against 2 right ones), and so, since the fifth round, is one "
    "after a word of doubt (the seeds' 'despite alleged ongoing \"peace talks\"'); the "
    "figures above are the weights' decisions without those rules.",
    "Fifth round (5 December 2026): the PolNeAR samples joined the training data, and the "
    "fifth round of rules was written from their errors, so the rules are in sample on "
    "PolNeAR too. The procedure and the feature set were not changed; the command was run "
    "on the fifth round's first rules (355 candidates: pooled 101 hits, 0.822), on its "
    "rules before two last fixes (346: 92 hits, 0.793; 347: 89 hits, 0.798), and on its "
    "final rules (the shipped weights and the figures above). Each run shipped its own "
    "weights; none was chosen for its figure.",
)


@dataclass(frozen=True)
class Candidate:
    """One fragment the rules call a scare quote, its features and its verdict."""

    document: str
    start: int
    end: int
    fragment: str
    verdict: str
    group: str
    features: dict[str, float]

    @property
    def positive(self) -> bool:
        return self.verdict in ISSUE_RIGHT


class _Recorder:
    """Stands in for the filter while training: keeps every fragment, records its features."""

    def __init__(self):
        self.features: list[dict[str, float]] = []

    def judge(self, features) -> Judgement:
        self.features.append(dict(features))
        return Judgement(True, 1.0, 0.0, (), "recording")


def text_group(text: str) -> str:
    """The fold key of an article: its text with whitespace collapsed, hashed (the corpus's
    repeated articles have one key)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def collect_candidates(gold: Path, texts: dict[str, Path], nlp=None) -> list[Candidate]:
    """Every candidate of the labelled articles, with its features and verdict."""
    from framing.annotate.model import load_model
    from framing.annotate.voice import SCARE as SCARE_KIND
    from framing.annotate.voice import VoiceReader
    from framing.evaluation.predict import whole_pipeline
    from framing.lexicon.load import load_lexicons
    from framing.read.cleaning import clean_text

    fragments = read_sample(gold / SAMPLE_NAME)
    for name in TRAINING_FILES[1:]:
        if (gold / name).is_file():
            fragments += read_sample(gold / name)
    locations = text_locations(gold / "sources.json", texts)
    articles = read_articles(fragments, locations)
    by_document: dict[str, list[LabelledFragment]] = {}
    for fragment in fragments:
        by_document.setdefault(fragment.document, []).append(fragment)
    nlp = nlp or load_model()
    lexicons = load_lexicons()
    candidates = []
    with whole_pipeline(nlp, lexicons) as analyzer:
        reader = next(
            s for s in analyzer.nlp.get_pipe("framing").steps if isinstance(s, VoiceReader)
        )
        recorder = _Recorder()
        from framing.annotate.scare_filter import ScareWords

        # No loaded-term override while recording: every candidate is kept and recorded.
        saved = reader.scare_filter
        reader.scare_filter = (recorder, ScareWords.from_lexicons(lexicons), None)
        try:
            for (source, article_id), article in sorted(articles.items()):
                document = f"{source}:{article_id}"
                clean = clean_text(article.text)
                recorder.features.clear()
                (doc,) = analyzer.annotate(analyzer.parse([clean.text]))
                scares = sorted(
                    (v.span for v in doc._.voices or [] if v.kind == SCARE_KIND),
                    key=lambda span: (span.start, span.end),
                )
                if len(scares) != len(recorder.features):
                    raise RuntimeError(f"{document}: candidates and features out of step")
                for span, features in zip(scares, recorder.features, strict=True):
                    start, end = clean.span_to_original(span.start, span.end)
                    labelled = _labelled(by_document[document], start, end)
                    if labelled is None:
                        continue
                    candidates.append(Candidate(
                        document, start, end, labelled.fragment, labelled.verdict,
                        text_group(article.text), features,
                    ))
        finally:
            reader.scare_filter = saved
    return candidates


def _labelled(fragments: Sequence[LabelledFragment], start: int, end: int):
    """The labelled fragment a candidate matches (character overlap >= half of the longer)."""
    best, best_overlap = None, 0.0
    for fragment in fragments:
        overlap = min(end, fragment.end) - max(start, fragment.start)
        if overlap <= 0:
            continue
        share = overlap / max(end - start, fragment.end - fragment.start)
        if share >= MATCH_OVERLAP and share > best_overlap:
            best, best_overlap = fragment, share
    return best


# --- fitting and choosing ---------------------------------------------------------------------


def _model(c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000)


def _folds(labels, groups, n: int, seed: int):
    from sklearn.model_selection import StratifiedGroupKFold

    return list(StratifiedGroupKFold(n_splits=n, shuffle=True, random_state=seed).split(
        labels, labels, groups
    ))


def _out_of_fold(x, y, groups, c: float, n: int, seed: int):
    import numpy as np

    scores = np.zeros(len(y))
    for train, test in _folds(y, groups, n, seed):
        model = _model(c).fit(x[train], y[train])
        scores[test] = model.predict_proba(x[test])[:, 1]
    return scores


def _log_loss(y, p) -> float:
    eps = 1e-9
    return -sum(
        math.log(max(eps, pi if yi else 1 - pi)) for yi, pi in zip(y, p, strict=True)
    ) / len(y)


def pick_threshold(y, scores) -> float:
    """The lowest threshold whose precision on these scores reaches TARGET_PRECISION while
    keeping MIN_RECALL of the positives; failing that, the one of highest precision among
    those keeping MIN_RECALL."""
    positives = sum(y)
    best: tuple[float, float] | None = None  # (precision, threshold) fallback
    for threshold in sorted(set(scores)):
        kept = [yi for yi, s in zip(y, scores, strict=True) if s >= threshold]
        if not kept or sum(kept) < MIN_RECALL * positives:
            continue
        precision = sum(kept) / len(kept)
        if precision >= TARGET_PRECISION:
            return float(threshold)
        if best is None or precision > best[0]:
            best = (precision, float(threshold))
    return best[1] if best is not None else 0.5


def choose(x, y, groups, seed: int) -> tuple[float, float]:
    """(C, threshold) by grouped cross-validation on these candidates only: C of the lowest
    out-of-fold log-loss, then the threshold on that C's out-of-fold scores."""
    runs = {c: _out_of_fold(x, y, groups, c, INNER_FOLDS, seed) for c in C_GRID}
    c = min(C_GRID, key=lambda c: (_log_loss(y, runs[c]), c))
    return c, pick_threshold(list(y), list(runs[c]))


def _counts(candidates: Sequence[Candidate], flagged: Sequence[bool]) -> dict:
    hits = [c for c, f in zip(candidates, flagged, strict=True) if f]
    right = sum(c.positive for c in hits)
    scare = sum(c.verdict == SCARE for c in hits)
    positives = sum(c.positive for c in candidates)
    low, high = wilson_interval(right, len(hits))
    s_low, s_high = wilson_interval(scare, len(hits))
    r_low, r_high = wilson_interval(right, positives)

    def share(part: int, whole: int) -> float | None:
        return part / whole if whole else None  # JSON has no NaN: null where undefined

    def bound(value: float) -> float | None:
        return None if math.isnan(value) else value

    return {
        "candidates": len(candidates),
        "positives": positives,
        "hits": len(hits),
        "right": right,
        "precision": share(right, len(hits)),
        "precision_low": bound(low),
        "precision_high": bound(high),
        "scare": scare,
        "precision_scare": share(scare, len(hits)),
        "precision_scare_low": bound(s_low),
        "precision_scare_high": bound(s_high),
        "recall": share(right, positives),
        "recall_low": bound(r_low),
        "recall_high": bound(r_high),
        "hits_by_verdict": dict(sorted(Counter(c.verdict for c in hits).items())),
    }


def cross_validate(candidates: Sequence[Candidate]) -> dict:
    """Nested grouped cross-validation: per-fold and pooled figures of the out-of-fold hits."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer

    y = np.array([c.positive for c in candidates], dtype=int)
    groups = np.array([c.group for c in candidates])
    folds, flagged = [], [False] * len(candidates)
    for number, (train, test) in enumerate(_folds(y, groups, OUTER_FOLDS, SEED), start=1):
        vectorizer = DictVectorizer(sort=True, sparse=False)
        x_train = vectorizer.fit_transform([candidates[i].features for i in train])
        c, threshold = choose(x_train, y[train], groups[train], SEED + number)
        model = _model(c).fit(x_train, y[train])
        scores = model.predict_proba(vectorizer.transform([candidates[i].features for i in test]))
        fold_flags = [bool(s >= threshold) for s in scores[:, 1]]
        for i, f in zip(test, fold_flags, strict=True):
            flagged[i] = f
        folds.append({
            "fold": number, "C": c, "threshold": round(threshold, 4),
            **_counts([candidates[i] for i in test], fold_flags),
        })
    pooled = _counts(candidates, flagged)
    by_source = {
        part: _counts(
            [c for c in candidates if c.document.startswith(prefixes)],
            [f for c, f in zip(candidates, flagged, strict=True)
             if c.document.startswith(prefixes)],
        )
        for part, prefixes in PARTS.items()
    }
    rules = _counts(candidates, [True] * len(candidates))
    return {"folds": folds, "pooled": pooled, "by_source": by_source, "rules_alone": rules,
            "flagged": flagged}


def fit(candidates: Sequence[Candidate]) -> dict:
    """The shipped filter: C and threshold chosen by grouped cross-validation on all
    candidates, then fitted on all."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer

    y = np.array([c.positive for c in candidates], dtype=int)
    groups = np.array([c.group for c in candidates])
    vectorizer = DictVectorizer(sort=True, sparse=False)
    x = vectorizer.fit_transform([c.features for c in candidates])
    c, threshold = choose(x, y, groups, SEED)
    model = _model(c).fit(x, y)
    weights = {
        name: round(float(w), 6)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
    }
    intercept = round(float(model.intercept_[0]), 6)
    return {"C": c, "threshold": round(threshold, 6), "intercept": intercept, "weights": weights}


def _summary(name: str, counts: dict) -> str:
    from framing.report.accuracy import number

    def figure(key: str) -> str:
        return (
            f"{number(counts[key])} "
            f"[{number(counts[key + '_low'])}-{number(counts[key + '_high'])}]"
        )

    return (
        f"{name}: {counts['hits']} hits of {counts['candidates']} candidates, "
        f"P(issue) {counts['right']}/{counts['hits']} = {figure('precision')}, "
        f"P(scare) {figure('precision_scare')}, "
        f"R {counts['right']}/{counts['positives']} = {figure('recall')}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--texts", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--features-cache", type=Path, default=None,
                        help="read the candidates from this JSON if present, else write it")
    args = parser.parse_args(argv)
    from framing.evaluation.scare_quotes import parse_text_options

    if args.features_cache is not None and args.features_cache.is_file():
        rows = json.loads(args.features_cache.read_text(encoding="utf-8"))
        candidates = [Candidate(**row) for row in rows]
    else:
        try:
            candidates = collect_candidates(args.gold, parse_text_options(args.texts))
        except FileNotFoundError as exc:
            print(f"train_scare_filter: cannot train without every labelled file's texts: {exc}",
                  file=sys.stderr)
            return 2
        if args.features_cache is not None:
            args.features_cache.write_text(
                json.dumps([c.__dict__ for c in candidates]), encoding="utf-8"
            )
    cv = cross_validate(candidates)
    for fold in cv["folds"]:
        print(_summary(f"fold {fold['fold']} (C {fold['C']}, t {fold['threshold']})", fold))
    print(_summary("pooled", cv["pooled"]))
    for source, counts in cv["by_source"].items():
        print(_summary(f"  {source}", counts))
    print(_summary("rules alone", cv["rules_alone"]))
    shipped = fit(candidates)
    data = {
        "description": (
            "Scare-quote filter (framing/annotate/scare_filter.py): logistic regression over "
            "the features of a fragment the rules call a scare quote; kept when p >= threshold."
        ),
        "trained_on": (
            f"{len(candidates)} candidates of tests/gold/scare_quotes ({', '.join(TRAINING_FILES)}"
            f": BBC News, the seeds and PolNeAR), {sum(c.positive for c in candidates)} "
            "scare quotes by issue #12's definition"
        ),
        "command": "python -m framing.evaluation.train_scare_filter",
        **shipped,
        "cross_validation": {
            "design": (
                f"{OUTER_FOLDS} outer folds by article text (repeated articles share one), "
                f"seed {SEED}; C in {list(C_GRID)} and the threshold chosen in each outer "
                f"fold by {INNER_FOLDS}-fold grouped cross-validation on its training folds "
                f"(lowest log-loss; then the lowest threshold with out-of-fold precision >= "
                f"{TARGET_PRECISION} keeping >= {MIN_RECALL} of the positives)"
            ),
            "folds": cv["folds"],
            "pooled": cv["pooled"],
            "by_source": cv["by_source"],
            "rules_alone": cv["rules_alone"],
            "looked_at": list(LOOKED_AT),
        },
    }
    data["version"] = weights_version(data)
    args.out.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({data['version']}: C {shipped['C']}, threshold "
          f"{shipped['threshold']}, {len(shipped['weights'])} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
