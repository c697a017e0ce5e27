"""Read brat standoff attribution annotations (PolNeAR) and score the attribution component.

Layout of a split folder (PolNeAR: Newell, Margolin & Ruths, LREC 2018)::

    SPLIT/text/NAME.txt                       the article text
    SPLIT/attributions/NAME_ANNOTATOR.ann     brat standoff annotations

``T`` lines are text-bound spans, ``T<n>\\t{Source|Cue|Content|Attribution} start end[;start
end]\\ttext`` (a discontinuous span lists its pieces separated by ``;``); ``E`` lines tie them
into one attribution, ``E<n>\\tAttribution:T.. Content:T.. Cue:T.. Source:T..`` (any role may be
missing: about 7% of PolNeAR attributions have no Source).

**Several annotators.** Some articles were annotated by more than one person and have several
``.ann`` files. We take the first file in sorted file-name order and ignore the others, so
each article counts once and the choice is reproducible.

:func:`evaluate_attribution` runs the attribution component on each raw article text and
scores cue, source and content spans with both matching rules of
:mod:`framing.evaluation.matching`. Gold spans are pooled per role and per article (a source
span that appears in two attributions counts once), and so are predictions.

Run ``python -m framing.evaluation.brat ../shared/gold/polnear/dev`` to print the table.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from framing.annotate.records import outside_gaps
from framing.evaluation.matching import Pieces, Scores, match_spans, scores_from_counts, sum_scores

ROLES = ("cue", "source", "content")
MODES = ("exact", "overlap")


@dataclass(frozen=True)
class BratSpan:
    """A text-bound annotation: its label and its pieces of character offsets."""

    id: str
    label: str
    pieces: Pieces
    text: str


@dataclass(frozen=True)
class BratAttribution:
    """One ``E`` line: the spans of its roles (None when a role is absent).

    ``roles`` holds every role of the line by its name, the three above and any other
    (``Channel``, ``Relay``, a second cue ``Cue2``: the seeds' gold file uses them).
    """

    id: str
    cue: BratSpan | None
    source: BratSpan | None
    content: BratSpan | None
    roles: dict[str, BratSpan] = field(default_factory=dict, compare=False)


@dataclass
class BratDocument:
    """An article and its attributions, from one annotator's file."""

    name: str
    text: str
    annotation_file: Path
    spans: dict[str, BratSpan] = field(default_factory=dict)
    attributions: list[BratAttribution] = field(default_factory=list)

    def role_spans(self, role: str) -> list[Pieces]:
        """Distinct gold spans of one role (``cue``, ``source`` or ``content``)."""
        seen: dict[Pieces, None] = {}
        for attribution in self.attributions:
            span = getattr(attribution, role)
            if span is not None:
                seen.setdefault(span.pieces, None)
        return list(seen)


def parse_pieces(offsets: str) -> Pieces:
    """``"10 20;25 30"`` -> ``((10, 20), (25, 30))``."""
    pieces = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def parse_ann(ann_text: str) -> tuple[dict[str, BratSpan], list[BratAttribution]]:
    """The text-bound spans and the attributions of one ``.ann`` file."""
    spans: dict[str, BratSpan] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in ann_text.splitlines():
        if not line.strip():
            continue
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = BratSpan(
                fields[0], label, parse_pieces(offsets), fields[2] if len(fields) > 2 else ""
            )
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            events.append((fields[0], roles))
    attributions = [
        BratAttribution(
            event_id,
            cue=spans.get(roles.get("Cue", "")),
            source=spans.get(roles.get("Source", "")),
            content=spans.get(roles.get("Content", "")),
            roles={role: spans[t] for role, t in roles.items() if t in spans},
        )
        for event_id, roles in events
    ]
    return spans, attributions


def parse_attributes(ann_text: str) -> dict[str, dict[str, str]]:
    """The ``A`` lines of an ``.ann`` file: annotation id -> {attribute: value}.

    ``A3\\tLevel E1 core`` gives ``{"E1": {"Level": "core"}}``; a binary attribute
    (``A4\\tNegated E2``) has the value ``"true"``.
    """
    attributes: dict[str, dict[str, str]] = {}
    for line in ann_text.splitlines():
        fields = line.split("\t")
        if not line.startswith("A") or len(fields) < 2:
            continue
        parts = fields[1].split()
        if len(parts) < 2:
            continue  # not an attribute line brat would accept; skip it as parse_ann skips
        name, target, *value = parts
        attributes.setdefault(target, {})[name] = value[0] if value else "true"
    return attributes


def annotation_file_for(split_dir: Path, name: str) -> Path | None:
    """The first ``NAME_*.ann`` file in sorted order (see the module docstring)."""
    candidates = sorted((split_dir / "attributions").glob(f"{name}_*.ann"))
    candidates = [c for c in candidates if c.stem.rsplit("_", 1)[0] == name]
    return candidates[0] if candidates else None


def read_split(split_dir: Path | str) -> Iterator[BratDocument]:
    """Every article of a split folder that has an annotation file, in name order."""
    split_dir = Path(split_dir)
    text_dir = split_dir / "text"
    if not text_dir.is_dir():
        raise FileNotFoundError(f"{split_dir}: no 'text' folder (expected SPLIT/text/NAME.txt)")
    for text_path in sorted(text_dir.glob("*.txt")):
        ann_path = annotation_file_for(split_dir, text_path.stem)
        if ann_path is None:
            continue
        spans, attributions = parse_ann(ann_path.read_text(encoding="utf-8"))
        yield BratDocument(
            text_path.stem, text_path.read_text(encoding="utf-8"), ann_path, spans, attributions
        )


def predicted_role_spans(doc) -> dict[str, list[Pieces]]:
    """Distinct predicted spans per role, from the span groups the component wrote.

    Cues come from ``doc.spans["cue"]`` (a channel's own cue, ``KCNA reported``, included),
    sources from ``doc.spans["speaker"]`` and ``doc.spans["channel"]`` (PolNeAR annotates a
    channel as the source of its own cue), contents from ``doc.spans["content"]``, in pieces
    where ``doc.spans["content_gap"]`` marks the writer's words between two quotes.
    """
    groups = {"cue": ("cue",), "source": ("speaker", "channel"), "content": ("content",)}
    contents = [(c.start_char, c.end_char) for c in doc.spans.get("content", [])]
    gap_spans = [(g.start_char, g.end_char) for g in doc.spans.get("content_gap", [])]
    gaps = own_gaps(contents, gap_spans)
    found: dict[str, list[Pieces]] = {}
    for role, keys in groups.items():
        seen: dict[Pieces, None] = {}
        for key in keys:
            for span in doc.spans.get(key, []):
                pieces = ((span.start_char, span.end_char),)
                if role == "content":
                    pieces = without_gaps(pieces[0], gaps.get(pieces[0], []))
                seen.setdefault(pieces)
        found[role] = list(seen)
    return found


def own_gaps(
    contents: Sequence[tuple[int, int]], gaps: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Each gap given to the smallest content that holds it: in ``X said that "A," he said.
    "B."`` the gap is the inner content's, and X's content keeps the words whole."""
    owned: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for gap in gaps:
        holders = [c for c in contents if c[0] < gap[0] and gap[1] < c[1]]
        if holders:
            owned.setdefault(min(holders, key=lambda c: c[1] - c[0]), []).append(gap)
    return owned


def without_gaps(span: tuple[int, int], gaps: Sequence[tuple[int, int]]) -> Pieces:
    """A content span as pieces, cut where a gap inside it (the cue between two quotes) lies:
    PolNeAR annotates ``"A," he said. "B."`` as one content of two pieces."""
    return tuple(outside_gaps(*span, gaps))


def evaluate_attribution(
    gold_split_dir: Path | str, nlp, lexicons, *, threshold: float = 0.5
) -> dict:
    """Score the attribution component on a brat split: cue, source, content; exact, overlap.

    Returns ``{"n_documents": N, "seconds": S, "cue": {"exact": {...}, "overlap": {...}},
    "source": {...}, "content": {...}}`` where each leaf holds precision, recall, f1, n_gold,
    n_pred and n_matched (micro-averaged over articles).
    """
    from framing.annotate.attribution.extract import AttributionExtractor

    extractor = AttributionExtractor(nlp, lexicons)
    documents = list(read_split(gold_split_dir))
    per_doc: dict[tuple[str, str], list[Scores]] = {(r, m): [] for r in ROLES for m in MODES}
    started = time.perf_counter()
    for gold_doc, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        extractor(doc)
        predicted = predicted_role_spans(doc)
        for role in ROLES:
            gold = gold_doc.role_spans(role)
            for mode in MODES:
                pairs = match_spans(
                    gold_doc.text, gold, predicted[role], mode=mode, threshold=threshold
                )
                per_doc[role, mode].append(
                    scores_from_counts(len(pairs), len(gold), len(predicted[role]))
                )
    result: dict = {"n_documents": len(documents), "seconds": time.perf_counter() - started}
    for role in ROLES:
        result[role] = {mode: sum_scores(per_doc[role, mode]).as_dict() for mode in MODES}
    return result


def format_table(result: dict) -> str:
    """A plain-text table of an :func:`evaluate_attribution` result."""
    lines = [f"{'role':<8} {'match':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for role in ROLES:
        for mode in MODES:
            s = result[role][mode]
            lines.append(
                f"{role:<8} {mode:<8} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                f"{s['n_gold']:6d} {s['n_pred']:6d}"
            )
    lines.append(f"{result['n_documents']} documents, {result['seconds']:.1f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m framing.evaluation.brat SPLIT_DIR [--blank]``: print the score table."""
    import spacy

    from framing.annotate.model import load_model
    from framing.lexicon.load import load_lexicons

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(main.__doc__)
        return 0 if args else 2
    blank = "--blank" in args
    split_dir = next(a for a in args if not a.startswith("--"))
    if blank:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    else:
        nlp = load_model()
    print(format_table(evaluate_attribution(split_dir, nlp, load_lexicons())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
