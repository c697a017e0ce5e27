"""Train the learned cue detector (:mod:`framing.annotate.attribution.cue_model`) on a PolNeAR
split.

``python -m framing.evaluation.train_cues ../shared/gold/polnear/train [--out PATH]
[--parsed DOCBIN]`` parses the split's articles with the trained pipeline, labels every
candidate word as the head of a gold cue or not, fits an L1-regularised logistic regression
(scikit-learn, liblinear) on four fifths of the articles, picks the threshold that maximises
head F1 on the remaining fifth, refits on all articles and writes ``framing/data/cue_model.json``
(weights, threshold, widening rules, provenance). The widening rules are read off the gold
spans: a child's dependency label joins the cue when gold includes it at least half the time.

Train on ``train`` only: ``dev`` is what :mod:`framing.evaluation.brat` scores. ``--parsed``
reuses a DocBin of the split's articles, parsed in :func:`read_split` order, to save the
parse (minutes on two cores).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from framing.annotate.attribution.cue_model import (
    CANDIDATE_POS,
    DEFAULT_MODEL_PATH,
    MAX_WIDEN,
    CueModel,
    cue_features,
    cue_head,
    quoted_mask,
    reporting_lexicon,
)
from framing.annotate.quotes import find_quotes, looks_like_title
from framing.evaluation.brat import BratDocument, read_split

#: Inverse regularisation strength: smaller keeps fewer features (a shorter, readable file).
DEFAULT_C = 0.5
#: A widening rule needs this many gold examples before it is trusted.
MIN_WIDEN_EXAMPLES = 20
MIN_PHRASE_EXAMPLES = 3
#: Every HOLDOUT_EVERY-th article is held out for the threshold.
HOLDOUT_EVERY = 5


def speech_quote_mask(doc: Doc) -> list[bool]:
    """Tokens inside a direct quote (scare quotes and titles are not speech)."""
    quotes = [
        q
        for q in find_quotes(doc)
        if not q.scare and not (q.closed and looks_like_title(q.span.text))
    ]
    return quoted_mask(doc, ((q.span.start, q.span.end) for q in quotes))


def gold_heads(doc: Doc, gold: BratDocument) -> dict[int, tuple[int, int]]:
    """Token index of each gold cue's head -> the gold cue's token span."""
    heads = {}
    for pieces in gold.role_spans("cue"):
        start, end = pieces[0][0], pieces[-1][1]
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        heads[cue_head(span).i] = (span.start, span.end)
    return heads


def examples(doc: Doc, gold: BratDocument, lexicon: dict[str, str]):
    """(features, label) for every candidate word of one article."""
    in_quote = speech_quote_mask(doc)
    heads = gold_heads(doc, gold)
    rows = []
    for sentence in doc.sents:
        quote_in_sentence = any(in_quote[sentence.start : sentence.end])
        for token in sentence:
            if token.pos_ in CANDIDATE_POS:
                features = cue_features(token, in_quote, quote_in_sentence, lexicon)
                rows.append((features, token.i in heads))
    return rows


def widening_rules(pairs: Sequence[tuple[Doc, dict[int, tuple[int, int]]]]):
    """Dependency labels (left, right) and ``prep object`` phrases gold puts in the cue."""
    left: Counter = Counter()
    left_in: Counter = Counter()
    right: Counter = Counter()
    right_in: Counter = Counter()
    phrase: Counter = Counter()
    phrase_in: Counter = Counter()
    verb_prep: Counter = Counter()
    verb_prep_in: Counter = Counter()
    for doc, heads in pairs:
        for index, (start, end) in heads.items():
            head = doc[index]
            for child in reversed(list(head.lefts)):
                if head.i - child.i > MAX_WIDEN:
                    break
                left[child.dep_] += 1
                left_in[child.dep_] += start <= child.i
            for child in head.rights:
                if child.i - head.i > MAX_WIDEN:
                    break
                right[child.dep_] += 1
                right_in[child.dep_] += child.i < end
                if child.dep_ == "prep" and child.i == head.i + 1:
                    key = f"{head.lemma_.lower()} {child.lower_}"
                    verb_prep[key] += 1
                    verb_prep_in[key] += child.i < end
                if child.dep_ == "prep":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        key = f"{child.lower_} {objects[0].lemma_.lower()}"
                        phrase[key] += 1
                        phrase_in[key] += objects[0].i < end
    return (
        frozenset(d for d, n in left.items() if n >= MIN_WIDEN_EXAMPLES and left_in[d] * 2 >= n),
        frozenset(
            d
            for d, n in right.items()
            if d != "prep" and n >= MIN_WIDEN_EXAMPLES and right_in[d] * 2 >= n
        ),
        frozenset(
            k for k, n in phrase.items() if n >= MIN_PHRASE_EXAMPLES and phrase_in[k] * 2 >= n
        ),
        frozenset(
            k for k, n in verb_prep.items() if n >= MIN_PHRASE_EXAMPLES and verb_prep_in[k] * 2 >= n
        ),
    )


def _fit(rows, c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(f, 1) for f, _ in rows]).tocsr()
    # liblinear takes only 32-bit sparse indices; DictVectorizer may hand it 64-bit ones.
    x.indices = x.indices.astype("int32")
    x.indptr = x.indptr.astype("int32")
    y = [label for _, label in rows]
    # A fixed seed: liblinear shuffles the data, and the shipped file must be reproducible.
    model = LogisticRegression(l1_ratio=1.0, C=c, solver="liblinear", max_iter=200, random_state=0)
    model.fit(x, y)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True) if w != 0}
    return weights, float(model.intercept_[0])


def best_threshold(model: CueModel, rows) -> tuple[float, float]:
    """The threshold with the highest head F1 on ``rows``, and that F1."""
    scored = sorted(((model.probability(f), label) for f, label in rows), reverse=True)
    n_gold = sum(label for _, label in rows)
    best = (0.5, 0.0)
    matched = 0
    for k, (p, label) in enumerate(scored, start=1):
        matched += label
        f1 = 2 * matched / (k + n_gold) if n_gold else 0.0
        if f1 > best[1]:
            best = (p, f1)
    return best


def train(
    documents: Sequence[BratDocument],
    docs: Sequence[Doc],
    lexicon: dict[str, str],
    *,
    c: float = DEFAULT_C,
    threshold: float | None = None,
    refit: bool = True,
) -> tuple[CueModel, dict]:
    """Fit, tune the threshold on a held-out fifth, refit on everything.

    ``threshold`` overrides the head-F1 threshold (one chosen by the extractor's cue F1 on the
    held-out fifth, from a model fitted with ``refit=False``, which never sees that fifth).
    """
    per_doc = [examples(doc, gold, lexicon) for doc, gold in zip(docs, documents, strict=True)]
    fit_rows = [r for i, rows in enumerate(per_doc) if i % HOLDOUT_EVERY for r in rows]
    held_rows = [r for i, rows in enumerate(per_doc) if not i % HOLDOUT_EVERY for r in rows]
    weights, bias = _fit(fit_rows, c)
    head_threshold, held_f1 = best_threshold(CueModel(weights, bias), held_rows)
    if threshold is None:
        threshold = head_threshold
    if refit:
        weights, bias = _fit([r for rows in per_doc for r in rows], c)
    left, right, phrases, verb_preps = widening_rules(
        [(doc, gold_heads(doc, gold)) for doc, gold in zip(docs, documents, strict=True)]
    )
    stats = {
        "n_documents": len(documents),
        "n_candidates": sum(len(rows) for rows in per_doc),
        "n_heads": sum(label for rows in per_doc for _, label in rows),
        "heldout_head_f1": round(held_f1, 4),
        "heldout_head_f1_threshold": round(head_threshold, 4),
    }
    # Vetoing lexicon hits below the same threshold scored best on the held-out fifth
    # (against lower veto thresholds, 0.05 to 0.25).
    model = CueModel(weights, bias, threshold, threshold, left, right, phrases, verb_preps)
    return model, stats


def main(argv: list[str] | None = None) -> int:
    """``python -m framing.evaluation.train_cues SPLIT_DIR [--out PATH] [--parsed DOCBIN]
    [--threshold P] [--refit yes|no] [--c C]``."""
    from spacy.tokens import DocBin

    from framing.annotate.model import load_model, model_version
    from framing.lexicon.load import load_lexicons

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(main.__doc__)
        return 0 if args else 2
    options = dict(zip(args[1::2], args[2::2], strict=False)) if len(args) > 1 else {}
    split_dir = Path(args[0])
    out = Path(options.get("--out", DEFAULT_MODEL_PATH))
    nlp = load_model()
    documents = list(read_split(split_dir))
    if "--parsed" in options:
        docs = list(DocBin().from_disk(options["--parsed"]).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(d.text for d in documents))
    lexicon = reporting_lexicon(load_lexicons())
    threshold = float(options["--threshold"]) if "--threshold" in options else None
    refit = options.get("--refit", "yes") != "no"
    c = float(options.get("--c", DEFAULT_C))
    model, stats = train(documents, docs, lexicon, c=c, threshold=threshold, refit=refit)
    model.provenance = {
        "trained_on": f"PolNeAR {split_dir.name} (Newell, Margolin & Ruths, LREC 2018)",
        "date": dt.date.today().isoformat(),
        "pipeline": model_version(nlp),
        "regenerate": f"python -m framing.evaluation.train_cues SPLIT_DIR/{split_dir.name}",
        "method": f"L1 logistic regression, C={c}; threshold = best head F1 on every "
        f"{HOLDOUT_EVERY}th article held out",
        **stats,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model.provenance, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
