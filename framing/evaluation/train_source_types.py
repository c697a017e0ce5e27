"""Train the learned source-type fallback (:mod:`framing.annotate.source_typing`) on a PolNeAR
split.

``python -m framing.evaluation.train_source_types ../shared/gold/polnear/train [--limit N]
[--threshold P] [--c C] [--out PATH]`` runs (``--limit``: a fixed-seed sample of N
articles) the attribution component over the split's
articles and takes, as **silver** labels, the type the rules give each named speaker (its first
typed mention; types the model itself gave are left out, and so are state media, wires and
anonymous sources, which the rules type from their names). Each name's features are the words
around its mentions (:func:`framing.annotate.source_typing.context_features`, the title words and
apposition the rules read left out). It fits a multinomial logistic regression
(scikit-learn, L2) and writes the weights of features seen in at least :data:`MIN_COUNT`
names to ``framing/data/source_type_model.json``.

Train on ``train`` only. The threshold and ``--gives`` (the types the model may give) are not
fitted here: it was chosen on the hand labels
of the dev design set (``tests/gold/source_types/polnear_sources.tsv``) with
``python -m framing.evaluation.source_types``; ``heldout_sources.tsv`` was not used.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import Counter
from pathlib import Path

from framing.annotate.source_typing import (
    MODEL_ENTRY_ID,
    MODEL_PATH,
    SourceTypeModel,
    context_features,
)
from framing.evaluation.brat import read_split
from framing.evaluation.predict import annotate

#: Types learned: speaker types the rules give from roles. State media, wires and anonymous
#: sources are typed by their own names, documents and images are not speakers.
LEARNED_TYPES = frozenset({
    "political", "government", "expert", "media_outlet", "public", "legal", "business",
    "ngo", "law_enforcement", "military", "intelligence",
})
MIN_COUNT = 3
DEFAULT_C = 0.5
DEFAULT_THRESHOLD = 0.6
SAMPLE_SEED = 13


def silver_examples(docs) -> list[tuple[list[str], str]]:
    """(features, rule type) per named speaker per article."""
    examples = []
    for doc in docs:
        seen: dict[str, str] = {}
        for attribution in doc._.attributions or []:
            source = attribution.speaker
            if (
                source is None
                or not source.named
                or source.entry_id == MODEL_ENTRY_ID
                or source.source_type not in LEARNED_TYPES
            ):
                continue
            seen.setdefault(source.entity, source.source_type)
        for entity, source_type in seen.items():
            features = context_features(doc, entity)
            if len(features) > 1:
                examples.append((features, source_type))
    return examples


def fit(examples, c: float = DEFAULT_C) -> tuple[list[str], list[float], dict[str, list[float]]]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for features, _ in examples for f in set(features))
    kept = [[f for f in features if counts[f] >= MIN_COUNT] for features, _ in examples]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(features, 1) for features in kept])
    y = [label for _, label in examples]
    model = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    classes = [str(c) for c in model.classes_]
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): [round(float(model.coef_[k][j]), 4) for k in range(len(classes))]
        for j, name in enumerate(names)
    }
    return classes, [round(float(b), 4) for b in model.intercept_], weights


def main(argv: list[str] | None = None) -> int:
    """``python -m framing.evaluation.train_source_types SPLIT_DIR [--limit N] [--threshold P]
    [--c C] [--gives TYPE,TYPE] [--out PATH]``"""
    from framing.annotate.model import load_model
    from framing.lexicon.load import load_lexicons

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(main.__doc__)
        return 0 if args else 2
    options = dict(zip(args[1::2], args[2::2], strict=False))
    split_dir = Path(args[0])
    documents = list(read_split(split_dir))
    if "--limit" in options:  # a fixed-seed sample: read_split's order is by publisher
        documents = random.Random(SAMPLE_SEED).sample(documents, int(options["--limit"]))
    docs = annotate((d.text for d in documents), load_model(), load_lexicons(),
                    loaded_terms=False)
    examples = silver_examples(docs)
    c = float(options.get("--c", DEFAULT_C))
    classes, intercepts, weights = fit(examples, c)
    threshold = float(options.get("--threshold", DEFAULT_THRESHOLD))
    counts = Counter(label for _, label in examples)
    trained_on = (
        f"PolNeAR {split_dir.name}, {len(documents)} articles, {len(examples)} named speakers "
        f"typed by the rules ({dict(counts.most_common())}); L2 logistic regression C={c}; "
        f"features seen in >= {MIN_COUNT} names; {dt.date.today().isoformat()}"
    )
    gives = options.get("--gives")
    model = SourceTypeModel(classes, intercepts, weights, threshold, trained_on,
                            gives.split(",") if gives else None)
    out = Path(options.get("--out", MODEL_PATH))
    model.save(out)
    print(f"wrote {out}: {trained_on}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
