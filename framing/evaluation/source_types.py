"""Source typing against hand labels: how often the type the analyzer gives a source is right,
and how many of PolNeAR's sources it leaves ``unknown``.

PolNeAR annotates who speaks but not what kind of source they are, so the types were labelled
by hand (``tests/gold/source_types/``: one row per source span, with its split, article,
character offsets and type; the guidelines are in that folder's README). Two figures:

- **precision per type**: of the labelled sources the analyzer found (a predicted speaker or
  channel span matching the labelled span by the overlap rule of
  :mod:`framing.evaluation.matching`) and gave type T, the share labelled T. ``unknown`` is
  scored as a type too: a source labelled with a type but predicted ``unknown`` is a miss of
  typing coverage, reported as the unknown row's precision;
- **unknown share**: of every source span the analyzer predicts on a split (speakers and
  channels, documents and images left out: they are evidence, not speakers), the share typed
  ``unknown``.

``python -m framing.evaluation.source_types POLNEAR_DIR [LABELS_TSV]`` prints both; without
``LABELS_TSV``, for each label set apart: the design labels (``polnear_sources.tsv``, seen
while the rules were written), the first held-out set (``heldout_sources.tsv``, read for
errors from the second round on) and the fresh held-out set (``fresh_sources.tsv``, drawn
and labelled before the second round, read for errors in the third): all three are design
data now, whatever the names they are printed under. Each type's precision comes
with its count and a 95% Wilson interval: most types are given a handful of times.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language

from framing.annotate.source_words import EVIDENCE_TYPES, UNKNOWN_TYPE
from framing.evaluation.brat import read_split
from framing.evaluation.matching import DEFAULT_THRESHOLD, match_spans
from framing.evaluation.predict import annotate, predicted_labels
from framing.evaluation.scare_quotes import wilson_interval
from framing.lexicon.load import Lexicons

LABELS_PATH = Path(__file__).resolve().parents[2] / "tests" / "gold" / "source_types"
LABELS_FILE = LABELS_PATH / "polnear_sources.tsv"
#: Labelled later, for held-out scoring: drawn and labelled before the rules were changed
#: against them (see the folder's README).
HELDOUT_FILE = LABELS_PATH / "heldout_sources.tsv"
#: Drawn and labelled once the first held-out set had been scored in counts, before the
#: rules that followed.
FRESH_FILE = LABELS_PATH / "fresh_sources.tsv"
#: Drawn after the third round's rules were final, stratified by the type they give (45 each
#: of government and political, 20 of every other type), and labelled blind to that type
#: (``draw_by_type.py``); read for errors in the fourth round.
BY_TYPE_FILE = LABELS_PATH / "by_type_sources.tsv"
#: The same, from PolNeAR train, after the fourth round's rules were final: the held-out
#: figure per type of those rules.
BY_TYPE_TRAIN_FILE = LABELS_PATH / "by_type_train_sources.tsv"
BY_TYPE_TRAIN2_FILE = LABELS_PATH / "by_type_train2_sources.tsv"
#: The spans of ``by_type_train2_sources.tsv`` labelled again by a second labeller, blind to
#: the first's labels and to the analyzer's types: how far two labellers agree.
BY_TYPE_TRAIN2_SECOND_FILE = LABELS_PATH / "by_type_train2_second_sources.tsv"
#: Drawn the same way after the seventh round's rules were final (written from the second
#: train sample's errors), from the train sources in no other file, and labelled blind by two
#: labellers apart: the held-out figure of the rules shipped.
BY_TYPE_TRAIN3_FILE = LABELS_PATH / "by_type_train3_sources.tsv"
BY_TYPE_TRAIN3_SECOND_FILE = LABELS_PATH / "by_type_train3_second_sources.tsv"
#: Each label set by the name its figures are printed under.
LABEL_SETS = {
    "design": LABELS_FILE, "held-out": HELDOUT_FILE, "fresh held-out": FRESH_FILE,
    "blind, by type": BY_TYPE_FILE, "blind, by type, train": BY_TYPE_TRAIN_FILE,
    "blind, by type, train, second": BY_TYPE_TRAIN2_FILE,
    "blind, by type, train, third": BY_TYPE_TRAIN3_FILE,
}  # fmt: skip
#: A second labeller's reading of a label set, by the set's name.
SECOND_READINGS = {
    "blind, by type, train, second": BY_TYPE_TRAIN2_SECOND_FILE,
    "blind, by type, train, third": BY_TYPE_TRAIN3_SECOND_FILE,
}
SECOND_LABELLER = "second labeller"
BOTH_AGREE = "both labellers agree"


@dataclass(frozen=True)
class LabelledSource:
    """One hand-labelled source span of a PolNeAR article."""

    split: str
    file: str
    start: int
    end: int
    source_type: str
    text: str


@dataclass
class TypeScore:
    """Precision of one predicted type against the hand labels."""

    source_type: str
    n_predicted: int  # labelled sources found by the analyzer and given this type
    n_right: int  # ... whose hand label is this type

    @property
    def precision(self) -> float | None:
        return self.n_right / self.n_predicted if self.n_predicted else None

    @property
    def interval(self) -> tuple[float, float]:
        """95% Wilson interval of the precision (NaN, NaN with nothing predicted)."""
        return wilson_interval(self.n_right, self.n_predicted)


def read_labels(path: Path | str = LABELS_FILE) -> list[LabelledSource]:
    """The rows of a labels TSV (split, file, start, end, type, text)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            LabelledSource(r["split"], r["file"], int(r["start"]), int(r["end"]), r["type"],
                           r["text"])
            for r in rows
        ]


def labels_for_split(split: str) -> dict[str, list[LabelledSource]]:
    """Every hand label of a split (all four label files), by article; empty when
    the label files are absent (an installed package) or hold none of the split. Every
    label file is read: all four have been read for errors, so error listings may show
    them all."""
    by_file: dict[str, list[LabelledSource]] = {}
    for path in LABEL_SETS.values():
        if not path.is_file():
            continue
        for label in read_labels(path):
            if label.split == split:
                by_file.setdefault(label.file, []).append(label)
    return by_file


def typed_labels(
    labels: Sequence[LabelledSource], text: str, doc, threshold: float = DEFAULT_THRESHOLD
) -> tuple[list[tuple[LabelledSource, str]], int]:
    """The labels of one article the analyzer found a source span for, each with the type it
    gave (first matching predicted span, overlap rule), and how many it found none for."""
    predicted = _predicted_sources(doc)
    spans = list(predicted)
    found, missed = [], 0
    for label in labels:
        gold = [((label.start, label.end),)]
        pairs = match_spans(text, gold, spans, mode="overlap", threshold=threshold)
        if not pairs:
            missed += 1
            continue
        found.append((label, predicted[spans[pairs[0][1]]]))
    return found, missed


def _predicted_sources(doc) -> dict[tuple, str]:
    """Predicted source spans (speakers and channels) with their type."""
    return predicted_labels(doc, "source")


def score_labels(
    labels: Sequence[LabelledSource],
    polnear_dir: Path | str,
    nlp: Language,
    lexicons: Lexicons,
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[list[TypeScore], int, list[tuple[LabelledSource, str]]]:
    """Per-type precision, the number of labels the analyzer found no source for, and each
    found label with its predicted type (for a confusion listing)."""
    by_article: dict[tuple[str, str], list[LabelledSource]] = {}
    for label in labels:
        by_article.setdefault((label.split, label.file), []).append(label)
    texts = {
        (split, d.name): d.text
        for split in {s for s, _ in by_article}
        for d in read_split(Path(polnear_dir) / split)
        if (split, d.name) in by_article
    }
    keys = list(by_article)
    docs = annotate((texts[k] for k in keys), nlp, lexicons, loaded_terms=False)
    found: list[tuple[LabelledSource, str]] = []
    missed = 0
    for key, doc in zip(keys, docs, strict=True):
        typed, not_found = typed_labels(by_article[key], texts[key], doc, threshold)
        found += typed
        missed += not_found
    return type_scores(found), missed, found


def type_scores(found: Iterable[tuple[LabelledSource, str]]) -> list[TypeScore]:
    """Precision per predicted type of (label, predicted type) pairs, most predicted first."""
    found = list(found)
    predicted_counts: Counter[str] = Counter(p for _, p in found)
    right = Counter(p for label, p in found if label.source_type == p)
    return [TypeScore(t, n, right[t]) for t, n in predicted_counts.most_common()]


def score_label_sets(
    polnear_dir: Path | str, nlp: Language, lexicons: Lexicons, sets: dict | None = None
) -> dict:
    """Every label set (:data:`LABEL_SETS` by default; a missing file is skipped) scored in
    one pass over their articles: ``{name: (scores, n_labels, n_found)}``."""
    paths = LABEL_SETS if sets is None else sets
    by_set = {name: read_labels(path) for name, path in paths.items() if Path(path).is_file()}
    everything = list(dict.fromkeys(label for labels in by_set.values() for label in labels))
    _, _, found = score_labels(everything, polnear_dir, nlp, lexicons)
    results = {}
    for name, labels in by_set.items():
        members = set(labels)
        subset = [(label, p) for label, p in found if label in members]
        results[name] = (type_scores(subset), len(labels), len(subset))
        second_path = SECOND_READINGS.get(name)
        if sets is None and second_path is not None and Path(second_path).is_file():
            second = read_labels(second_path)
            for reading, row in score_second_reading(labels, subset, second).items():
                results[f"{name}; {reading}"] = row
    return results


def score_second_reading(
    first: Sequence[LabelledSource],
    found: Sequence[tuple[LabelledSource, str]],
    second: Sequence[LabelledSource],
) -> dict[str, tuple[list[TypeScore], int, int]]:
    """A label set a second labeller read again: the rules' precision against the second
    labeller's labels, and on the spans both labellers gave one type (where the label is
    surest). ``first``: the set's labels; ``found``: those the analyzer found, with their
    predicted type; ``second``: the second labeller's labels of the same spans."""
    second_type = {_span_key(label): label.source_type for label in second}

    def agreed(label: LabelledSource) -> bool:
        return label.source_type == second_type.get(_span_key(label))

    read_twice = [(label, p) for label, p in found if _span_key(label) in second_type]
    by_second = [(replace(label, source_type=second_type[_span_key(label)]), p)
                 for label, p in read_twice]
    both = [(label, p) for label, p in read_twice if agreed(label)]
    return {
        SECOND_LABELLER: (type_scores(by_second), len(second_type), len(read_twice)),
        BOTH_AGREE: (type_scores(both), sum(map(agreed, first)), len(both)),
    }


@dataclass(frozen=True)
class Agreement:
    """Two labellers' types for the same spans."""

    n: int
    n_agreed: int
    kappa: float
    disagreements: list[tuple[str, str, int]]  # (first's type, second's, count), commonest first

    @property
    def share(self) -> float:
        return self.n_agreed / self.n if self.n else float("nan")


def labeller_agreement(first: Sequence[LabelledSource],
                       second: Sequence[LabelledSource]) -> Agreement:
    """Raw agreement and Cohen's kappa of two labellers over the spans both labelled."""
    second_type = {_span_key(label): label.source_type for label in second}
    pairs = [(label.source_type, second_type[_span_key(label)]) for label in first
             if _span_key(label) in second_type]
    n = len(pairs)
    agreed = sum(a == b for a, b in pairs)
    first_counts, second_counts = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first_counts[t] * second_counts[t] for t in first_counts) / n**2 if n else 0.0
    observed = agreed / n if n else float("nan")
    kappa = (observed - expected) / (1 - expected) if n and expected < 1 else float("nan")
    disagreements = Counter((a, b) for a, b in pairs if a != b).most_common()
    return Agreement(n, agreed, kappa, [(a, b, k) for (a, b), k in disagreements])


def second_reading_agreements() -> dict[str, Agreement]:
    """:func:`labeller_agreement` of every label set a second labeller read again."""
    return {
        name: labeller_agreement(read_labels(LABEL_SETS[name]), read_labels(path))
        for name, path in SECOND_READINGS.items()
        if Path(path).is_file() and Path(LABEL_SETS[name]).is_file()
    }


def _span_key(label: LabelledSource) -> tuple[str, str, int, int]:
    return (label.split, label.file, label.start, label.end)


def unknown_share(
    split_dir: Path | str, nlp: Language, lexicons: Lexicons
) -> tuple[int, int, Counter[str]]:
    """(sources typed unknown, sources predicted, count per type) over a PolNeAR split:
    speakers and channels the analyzer predicts, evidence types left out."""
    documents = list(read_split(split_dir))
    counts: Counter[str] = Counter()
    for doc in annotate((d.text for d in documents), nlp, lexicons, loaded_terms=False):
        counts.update(_predicted_sources(doc).values())
    speakers = {t: n for t, n in counts.items() if t not in EVIDENCE_TYPES}
    return speakers.get(UNKNOWN_TYPE, 0), sum(speakers.values()), counts


def format_report(scores: Iterable[TypeScore], missed: int, unknown: tuple | None) -> str:
    lines = ["| predicted type | precision | right | predicted | 95% interval |",
             "|---|---:|---:|---:|---|"]
    for s in scores:
        p = "n/a" if s.precision is None else f"{s.precision:.3f}"
        low, high = s.interval
        lines.append(f"| {s.source_type} | {p} | {s.n_right} | {s.n_predicted} "
                     f"| {low:.2f}-{high:.2f} |")
    lines.append(f"\nLabelled sources with no predicted source span: {missed}")
    if unknown is not None:
        lines.append(format_unknown_share(unknown))
    return "\n".join(lines)


def format_unknown_share(unknown: tuple) -> str:
    n_unknown, n_all, _ = unknown
    if not n_all:
        return "No predicted sources"
    return (f"Unknown share of predicted speaker sources: {n_unknown}/{n_all} = "
            f"{n_unknown / n_all:.3f}")


def main(argv: list[str] | None = None) -> int:
    """``python -m framing.evaluation.source_types POLNEAR_DIR [LABELS_TSV] [--confusion]``
    (``--confusion`` with LABELS_TSV only)."""
    from framing.annotate.model import load_model
    from framing.lexicon.load import load_lexicons

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(main.__doc__)
        return 0 if args else 2
    paths = [a for a in args if not a.startswith("--")]
    polnear = Path(paths[0])
    nlp, lexicons = load_model(), load_lexicons()
    if len(paths) == 1:  # every label file, each on its own
        for name, (scores, n_labels, n_found) in score_label_sets(
            polnear, nlp, lexicons
        ).items():
            print(f"\n{name} labels ({n_labels}):\n")
            print(format_report(scores, n_labels - n_found, None))
        print(format_unknown_share(unknown_share(polnear / "dev", nlp, lexicons)))
        return 0
    labels = read_labels(paths[1])
    scores, missed, found = score_labels(labels, polnear, nlp, lexicons)
    print(format_report(scores, missed, unknown_share(polnear / "dev", nlp, lexicons)))
    if "--confusion" in args:
        for label, predicted in found:
            if label.source_type != predicted:
                print(f"{label.split}\t{label.file[:30]}\t{label.text[:60]!r}\t"
                      f"label={label.source_type}\tpredicted={predicted}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
