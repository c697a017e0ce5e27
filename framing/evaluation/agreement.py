"""How far human annotators agree with one another on PolNeAR, and how far our extractor
agrees with each of them, on the same articles.

Some PolNeAR articles have several annotation files (``NAME_ANNOTATOR.ann``). Elsewhere
(:mod:`framing.evaluation.brat`) only the first file of each article is gold; here every file
counts. *Human vs human*: each annotator's spans scored against each other annotator's, every
ordered pair of one article, counts summed over pairs and articles (so precision of a pair is
recall of the reverse pair, and P = R = F1). *Model vs human*: our predictions scored against
each annotator's file in turn, counts summed the same way (the mean over annotators, weighted
by their spans). Spans are pooled per role and per article and matched one-to-one as
:func:`framing.evaluation.tasks.evaluate_brat` does, at the same threshold.

The figure says how high an F1 on PolNeAR can be expected to go: a target above human
agreement asks the model to agree with the gold better than a second annotator does.

    python -m framing.evaluation.agreement ../shared/gold/polnear
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.evaluation.brat import MODES, ROLES, BratDocument, parse_ann, predicted_role_spans
from framing.evaluation.matching import DEFAULT_THRESHOLD, Pieces, Scores, match_spans
from framing.evaluation.matching import scores_from_counts as _scores

#: The splits read (test is never read).
SPLITS = ("train", "dev")
#: The extractor's modes scored against each annotator: ``framing score``'s default and
#: ``--accurate`` (see :func:`framing.evaluation.predict.annotate`).
MODEL_MODES = ("candidates", "accurate")


@dataclass
class Tally:
    """Matched, gold and predicted spans, summed over comparisons."""

    matched: int = 0
    gold: int = 0
    pred: int = 0

    def add(self, text: str, gold: Sequence[Pieces], pred: Sequence[Pieces], mode: str,
            threshold: float) -> None:
        self.matched += len(match_spans(text, gold, pred, mode=mode, threshold=threshold))
        self.gold += len(gold)
        self.pred += len(pred)

    def scores(self) -> Scores:
        return _scores(self.matched, self.gold, self.pred)


def multi_annotated(split_dir: Path | str) -> list[list[BratDocument]]:
    """The articles of a split with two or more annotation files: one BratDocument per file,
    in file-name order; articles in name order."""
    split_dir = Path(split_dir)
    files: dict[str, list[Path]] = {}
    for path in sorted((split_dir / "attributions").glob("*.ann")):
        files.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    articles = []
    for name, paths in sorted(files.items()):
        text_path = split_dir / "text" / f"{name}.txt"
        if len(paths) < 2 or not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append([
            BratDocument(name, text, path, *parse_ann(path.read_text(encoding="utf-8")))
            for path in paths
        ])
    return articles


def human_agreement(
    articles: Iterable[Sequence[BratDocument]], threshold: float = DEFAULT_THRESHOLD
) -> dict[tuple[str, str], Tally]:
    """(role, mode) -> counts of every annotator against every other, all ordered pairs."""
    tallies = {(role, mode): Tally() for role in ROLES for mode in MODES}
    for annotators in articles:
        for gold, other in itertools.permutations(annotators, 2):
            for (role, mode), tally in tallies.items():
                tally.add(gold.text, gold.role_spans(role), other.role_spans(role), mode,
                          threshold)
    return tallies


def model_agreement(
    articles: Sequence[Sequence[BratDocument]],
    predicted: Sequence[dict[str, list[Pieces]]],
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[tuple[str, str], Tally]:
    """(role, mode) -> counts of the predictions of each article against each of its
    annotators."""
    tallies = {(role, mode): Tally() for role in ROLES for mode in MODES}
    for annotators, spans in zip(articles, predicted, strict=True):
        for gold in annotators:
            for (role, mode), tally in tallies.items():
                tally.add(gold.text, gold.role_spans(role), spans[role], mode, threshold)
    return tallies


@dataclass
class SplitAgreement:
    """One split's multi-annotated articles: human agreement and each model mode's."""

    split: str
    n_articles: int
    n_files: int
    gold_spans: dict[str, int]
    human: dict[tuple[str, str], Tally]
    models: dict[str, dict[tuple[str, str], Tally]]


def measure_agreement(
    polnear_dir: Path | str, nlp=None, lexicons=None, *, model_modes: Sequence[str] = MODEL_MODES,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[SplitAgreement]:
    """Human and model agreement on each split's multi-annotated articles. Without ``nlp``,
    human agreement only."""
    from framing.evaluation.predict import annotate

    found = []
    for split in SPLITS:
        split_dir = Path(polnear_dir) / split
        if not (split_dir / "attributions").is_dir():
            continue
        articles = multi_annotated(split_dir)
        models = {}
        for mode in model_modes if nlp is not None else ():
            docs = annotate((a[0].text for a in articles), nlp, lexicons, loaded_terms=False,
                            parse=mode)
            models[mode] = model_agreement(
                articles, [predicted_role_spans(doc) for doc in docs], threshold
            )
        gold_spans = {
            role: sum(len(d.role_spans(role)) for annotators in articles for d in annotators)
            for role in ROLES
        }
        found.append(SplitAgreement(split, len(articles), sum(map(len, articles)), gold_spans,
                                    human_agreement(articles, threshold), models))
    return found


MODE_LABELS = {"candidates": "default mode", "accurate": "`--accurate`"}


def agreement_section(results: Sequence[SplitAgreement], accurate_trained_on: str = "train"
                      ) -> list[str]:
    """A Markdown table: F1 of human vs human and of each model mode vs the humans."""
    from framing.report.accuracy import number

    if not results:
        return []
    model_modes = list(dict.fromkeys(m for r in results for m in r.models))
    header = ["split", "role", "match", "human vs human", *(
        f"{MODE_LABELS.get(m, m)} vs human" for m in model_modes), "gold spans (all files)"]
    lines = [
        "### Human agreement: the articles with several annotators",
        "",
        "PolNeAR annotated some articles several times. On those articles, every "
        "annotator's file is scored against every other's (all ordered pairs, so P = R = "
        "F1), and our extractor against each annotator's file in turn, counts summed "
        "(framing/evaluation/agreement.py; spans pooled and matched as in the tables above). "
        "Human agreement is the ceiling an F1 on PolNeAR can be expected to reach. "
        + ", ".join(f"{r.split}: {r.n_articles} articles, {r.n_files} annotation files"
                    for r in results) + ".",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * 3 + "---:|" * (len(header) - 3),
    ]
    for result in results:
        for role in ROLES:
            for mode in ("overlap", "exact"):
                row = [result.split, role, mode, number(result.human[role, mode].scores().f1)]
                row += [number(result.models[m][role, mode].scores().f1)
                        if m in result.models else "" for m in model_modes]
                row.append(str(result.gold_spans[role]))
                lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        f"- The `--accurate` labeller was trained on PolNeAR {accurate_trained_on}, these "
        "train articles included (its figures there are not held out); the rules were not "
        "fitted to any of these articles.",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    """``python -m framing.evaluation.agreement POLNEAR_DIR [--humans-only]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(main.__doc__)
        return 0 if args else 2
    nlp = lexicons = None
    if "--humans-only" not in args:
        from framing.annotate.model import load_model
        from framing.lexicon.load import load_lexicons

        nlp, lexicons = load_model(), load_lexicons()
    print("\n".join(agreement_section(measure_agreement(args[0], nlp, lexicons))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
