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

*Majority vs human*: each annotator's file scored against the spans most of the article's
other annotators mark (:func:`majority_spans`). That is what an extractor that marked exactly
what most annotators mark would score against one annotator, as PolNeAR dev scores us against
the first file of each article.

The figures say how high an F1 on PolNeAR can be expected to go: a target above the majority
figure asks the model to agree with one annotator better than the other annotators' majority
does.

    python -m framing.evaluation.agreement ../shared/gold/polnear
"""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.evaluation.brat import MODES, ROLES, BratDocument, parse_ann, predicted_role_spans
from framing.evaluation.matching import (
    DEFAULT_THRESHOLD,
    Pieces,
    Scores,
    exact_key,
    match_spans,
    span_tokens,
    tokens_overlap,
)
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


def majority_spans(text: str, annotators: Sequence[BratDocument], role: str,
                   threshold: float = DEFAULT_THRESHOLD) -> list[Pieces]:
    """The ``role`` spans that more than half of ``annotators`` mark.

    A span's support is the number of annotators with a span that overlap-matches it. Spans
    are taken by support, then by how many annotators marked exactly those characters (so the
    bounds most of them chose win), and a span that overlap-matches one already taken is left
    out: one span per attribution the majority marks."""
    marked = [(who, span, span_tokens(text, span), exact_key(text, span))
              for who, doc in enumerate(annotators) for span in doc.role_spans(role)]
    ranked = []
    for who, span, tokens, key in marked:
        support = {w for w, _, t, _ in marked if tokens_overlap(tokens, t, threshold)}
        same_bounds = {w for w, _, _, k in marked if k == key}
        ranked.append((-len(support), -len(same_bounds), who, span, tokens))
    ranked.sort(key=lambda r: r[:3])
    taken: list[tuple[Pieces, set]] = []
    for minus_support, _, _, span, tokens in ranked:
        if -minus_support <= len(annotators) / 2:
            break
        if not any(tokens_overlap(tokens, t, threshold) for _, t in taken):
            taken.append((span, tokens))
    return [span for span, _ in taken]


def majority_by_file(
    articles: Iterable[Sequence[BratDocument]], threshold: float = DEFAULT_THRESHOLD
) -> list[list[tuple[str, dict[tuple[str, str], Tally]]]]:
    """Per article, per annotator's file: the annotator's id and (role, mode) -> counts of
    the file against the majority of the article's other annotators (:func:`majority_spans`)."""
    per_article = []
    for annotators in articles:
        files = []
        for i, gold in enumerate(annotators):
            others = [*annotators[:i], *annotators[i + 1:]]
            tallies = {(role, mode): Tally() for role in ROLES for mode in MODES}
            for role in ROLES:
                majority = majority_spans(gold.text, others, role, threshold)
                for mode in MODES:
                    tallies[role, mode].add(gold.text, gold.role_spans(role), majority, mode,
                                            threshold)
            files.append((annotator_of(gold), tallies))
        per_article.append(files)
    return per_article


def by_article(by_file: Sequence[Sequence[tuple[str, dict]]]) -> list[dict[tuple[str, str], Tally]]:
    """Per article, its files' counts summed."""
    return [summed([tallies for _, tallies in files]) for files in by_file]


def by_annotator(by_file: Sequence[Sequence[tuple[str, dict]]], role: str = "cue",
                 mode: str = "overlap") -> dict[str, Tally]:
    """Annotator id -> the counts of that annotator's files for one role and mode: whether
    any one annotator agrees with the rest better than the others do."""
    files_by_annotator: dict[str, list[dict]] = {}
    for files in by_file:
        for who, tallies in files:
            files_by_annotator.setdefault(who, []).append(tallies)
    return {who: summed(files)[role, mode] for who, files in sorted(files_by_annotator.items())}


def majority_agreement(
    articles: Iterable[Sequence[BratDocument]], threshold: float = DEFAULT_THRESHOLD
) -> list[dict[tuple[str, str], Tally]]:
    """Per article, (role, mode) -> counts of each annotator's file against the majority of
    the article's other annotators."""
    return by_article(majority_by_file(articles, threshold))


def annotator_of(doc: BratDocument) -> str:
    """The annotator's id, from the file name (``NAME_ANNOTATOR.ann``)."""
    return doc.annotation_file.stem.rsplit("_", 1)[-1]


def summed(parts: Sequence[dict[tuple[str, str], Tally]]) -> dict[tuple[str, str], Tally]:
    """The counts of several articles (or files) summed, key by key."""
    total = {key: Tally() for key in parts[0]} if parts else {}
    for tallies in parts:
        for key, tally in tallies.items():
            total[key].matched += tally.matched
            total[key].gold += tally.gold
            total[key].pred += tally.pred
    return total


def article_interval(per_article: Sequence[Tally], draws: int = 2000, seed: int = 13
                     ) -> tuple[float, float]:
    """95% bootstrap interval of the summed F1, drawing whole articles with replacement: the
    articles differ far more from one another than the spans within one article do."""
    rng = random.Random(seed)
    f1s = []
    for _ in range(draws):
        sample = [rng.choice(per_article) for _ in per_article]
        matched = sum(t.matched for t in sample)
        total = sum(t.gold + t.pred for t in sample)
        f1s.append(2 * matched / total if total else 0.0)
    f1s.sort()
    return f1s[int(0.025 * draws)], f1s[int(0.975 * draws) - 1]


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
    #: Per article, per file: each annotator against the majority of the others
    #: (:func:`majority_by_file`).
    majority_by_file: list[list[tuple[str, dict[tuple[str, str], Tally]]]]

    @property
    def majority(self) -> dict[tuple[str, str], Tally]:
        return summed(by_article(self.majority_by_file))

    def majority_interval(self, role: str, mode: str) -> tuple[float, float]:
        return article_interval([t[role, mode] for t in by_article(self.majority_by_file)])

    @property
    def cue_majority_by_annotator(self) -> dict[str, Tally]:
        return by_annotator(self.majority_by_file, "cue", "overlap")


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
                                    human_agreement(articles, threshold), models,
                                    majority_by_file(articles, threshold)))
    return found


#: Fewer articles than this give no bootstrap interval worth printing.
MIN_ARTICLES_FOR_INTERVAL = 10

MODE_LABELS = {"candidates": "default mode", "accurate": "`--accurate`"}


def agreement_section(results: Sequence[SplitAgreement], accurate_trained_on: str = "train"
                      ) -> list[str]:
    """A Markdown table: F1 of human vs human and of each model mode vs the humans."""
    from framing.report.accuracy import number

    if not results:
        return []
    model_modes = list(dict.fromkeys(m for r in results for m in r.models))
    header = ["split", "role", "match", "human vs human", "human vs the others' majority", *(
        f"{MODE_LABELS.get(m, m)} vs human" for m in model_modes), "gold spans (all files)"]
    lines = [
        "### Human agreement: the articles with several annotators",
        "",
        "PolNeAR annotated some articles several times. On those articles, every "
        "annotator's file is scored against every other's (*human vs human*: all ordered "
        "pairs, so P = R = F1); against the spans that most of the article's other annotators "
        "mark (*the others' majority*: what an extractor that marked exactly what most "
        "annotators mark would score against one annotator, as dev scores us against one "
        "file per article); and our extractor against each annotator's file in turn. Counts "
        "are summed (framing/evaluation/agreement.py; spans pooled and matched as in the "
        "tables above). "
        + ", ".join(f"{r.split}: {r.n_articles} articles, {r.n_files} annotation files"
                    for r in results) + ".",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * 3 + "---:|" * (len(header) - 3),
    ]
    for result in results:
        majority = result.majority
        for role in ROLES:
            for mode in ("overlap", "exact"):
                row = [result.split, role, mode, number(result.human[role, mode].scores().f1),
                       number(majority[role, mode].scores().f1)]
                row += [number(result.models[m][role, mode].scores().f1)
                        if m in result.models else "" for m in model_modes]
                row.append(str(result.gold_spans[role]))
                lines.append("| " + " | ".join(row) + " |")
    lines += [""]
    for result in results:
        if result.n_articles < MIN_ARTICLES_FOR_INTERVAL:
            continue
        low, high = result.majority_interval("cue", "overlap")
        lines.append(
            f"- {result.split}: cue F1 (overlap) of one annotator against the others' "
            f"majority, {number(result.majority['cue', 'overlap'].scores().f1)}, 95% interval "
            f"{number(low)}-{number(high)} (bootstrap over the {result.n_articles} articles); "
            "by annotator: " + ", ".join(
                f"{who} {number(tally.scores().f1)}"
                for who, tally in result.cue_majority_by_annotator.items()) + "."
        )
    lines += [
        "- Issue #13's targets are F1 against one annotator's file. A target above the "
        "majority figure asks the extractor to agree with that annotator better than the "
        "other annotators' majority does.",
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
