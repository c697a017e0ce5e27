"""Draw a held-out sample of PolNeAR sources (of one split) stratified by the type the analyzer
gives them, for per-type precision (issue #13: "precision ≥ 0.80 per type against your hand
labels").

A simple random sample of sources gives the rarer types a handful of cases and even the
common ones twenty or so (``fresh_sources.tsv``: government 23, political 17), too few to tell
0.70 from 0.80. Precision is a property of the sources given a type, so this draws from each
predicted type apart:

- the population: every distinct Source span of the first annotator's file of each article
  of the split (as :mod:`draw_heldout` on dev), minus every span already labelled, that the
  analyzer finds (overlap rule) and types; ``unknown`` is left out (not a type it claims);
- from each predicted type, ``--per-type`` spans (all of them where there are fewer; the two
  commonest types, ``government`` and ``political``, ``--common`` each), drawn with
  ``random.Random(--seed)`` in (file, start) order.

It writes two files: the sample for the labeller (``--out``: split, file, start, end, an empty
type column, the span and its context, shuffled so that spans of one predicted type do not
come together), and the predicted types (``--predicted``, kept from the labeller until the
labels are written). The committed labels file keeps the label columns only.

    python tests/gold/source_types/draw_by_type.py ../shared/gold/polnear/dev \
        --out /tmp/to_label.tsv --predicted /tmp/predicted.tsv
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

from draw_heldout import population

from framing.annotate.source_words import UNKNOWN_TYPE
from framing.evaluation.predict import annotate
from framing.evaluation.source_types import (
    LABEL_SETS,
    LabelledSource,
    read_labels,
    typed_labels,
)

SEED = 1303  # one past the fresh held-out sample's (1302)
PER_TYPE = 20
COMMON = 45
COMMON_TYPES = ("government", "political")
CONTEXT_BEFORE, CONTEXT_AFTER = 300, 60


def unlabelled_spans(split_dir: Path) -> tuple[dict[str, list[LabelledSource]], dict[str, str]]:
    """Article -> its distinct gold Source spans (:func:`draw_heldout.population`) not in any
    label file, with an empty type; and article -> its text."""
    labelled = {
        (x.file, x.start, x.end)
        for path in LABEL_SETS.values() if Path(path).is_file()
        for x in read_labels(path)
    }
    by_file: dict[str, list[LabelledSource]] = {}
    texts: dict[str, str] = {}
    for name, start, end, text in population(split_dir):
        texts[name] = text
        if (name, start, end) in labelled:
            continue
        by_file.setdefault(name, []).append(LabelledSource(
            split_dir.name, name, start, end, "", " ".join(text[start:end].split())))
    return by_file, texts


def main(argv: list[str] | None = None) -> int:
    from framing.annotate.model import load_model
    from framing.lexicon.load import load_lexicons

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, help="a PolNeAR split folder (text/, attributions/)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--predicted", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-type", type=int, default=PER_TYPE)
    parser.add_argument("--common", type=int, default=COMMON)
    args = parser.parse_args(argv)
    spans, texts = unlabelled_spans(args.split)
    files = sorted(spans)
    docs = annotate((texts[f] for f in files), load_model(), load_lexicons(), loaded_terms=False)
    by_type: dict[str, list[LabelledSource]] = defaultdict(list)
    for name, doc in zip(files, docs, strict=True):
        found, _ = typed_labels(spans[name], texts[name], doc)
        for label, predicted in found:
            if predicted != UNKNOWN_TYPE:
                by_type[predicted].append(label)
    rng = random.Random(args.seed)
    drawn: list[tuple[LabelledSource, str]] = []
    for source_type in sorted(by_type):
        pool = sorted(by_type[source_type], key=lambda x: (x.file, x.start))
        size = args.common if source_type in COMMON_TYPES else args.per_type
        drawn += [(x, source_type) for x in rng.sample(pool, min(size, len(pool)))]
    rng.shuffle(drawn)
    with args.out.open("w", encoding="utf-8") as out, \
            args.predicted.open("w", encoding="utf-8") as predicted:  # fmt: skip
        out.write("split\tfile\tstart\tend\ttype\ttext\tcontext\n")
        predicted.write("split\tfile\tstart\tend\tpredicted\n")
        for label, source_type in drawn:
            text = texts[label.file]
            before = " ".join(text[max(0, label.start - CONTEXT_BEFORE) : label.start].split())
            after = " ".join(text[label.end : label.end + CONTEXT_AFTER].split())
            out.write(f"{label.split}\t{label.file}\t{label.start}\t{label.end}\t\t{label.text}"
                      f"\t{before} [[{label.text}]] {after}\n")
            predicted.write(f"{label.split}\t{label.file}\t{label.start}\t{label.end}\t"
                            f"{source_type}\n")
    counts = {t: len(v) for t, v in sorted(by_type.items())}
    print(f"unlabelled {args.split.name} sources found and typed, by predicted type: {counts}; "
          f"{len(drawn)} drawn with seed {args.seed}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
