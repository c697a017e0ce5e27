"""Draw the held-out sample of PolNeAR dev sources (``heldout_sources.tsv``), not yet labelled.

Same population as ``polnear_sources.tsv`` (every distinct Source span of the first
annotator's file of each dev article), minus the spans already labelled there, then 110 drawn
with ``random.Random(1301)``. Prints a TSV with an empty ``type`` column and each span's
context (300 characters before, 60 after) for the labeller; the committed file keeps only the
label columns.

    python tests/gold/source_types/draw_heldout.py ../shared/gold/polnear/dev > sample.tsv
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from framing.evaluation.brat import read_split
from framing.evaluation.source_types import LABELS_FILE, read_labels

SEED = 1301
SIZE = 110


def population(split_dir: Path) -> list[tuple[str, int, int, str]]:
    spans = []
    for document in read_split(split_dir):
        seen = set()
        for attribution in document.attributions:
            source = attribution.source
            if source is None:
                continue
            start = min(s for s, _ in source.pieces)
            end = max(e for _, e in source.pieces)
            if (start, end) in seen:
                continue
            seen.add((start, end))
            spans.append((document.name, start, end, document.text))
    return spans


def main(argv: list[str]) -> int:
    split_dir = Path(argv[0])
    labelled = {(x.file, x.start, x.end) for x in read_labels(LABELS_FILE) if x.split == "dev"}
    spans = [s for s in population(split_dir) if (s[0], s[1], s[2]) not in labelled]
    drawn = random.Random(SEED).sample(spans, SIZE)
    print("split\tfile\tstart\tend\ttype\ttext\tcontext")
    for name, start, end, text in drawn:
        span = " ".join(text[start:end].split())
        before = " ".join(text[max(0, start - 300) : start].split())
        after = " ".join(text[end : end + 60].split())
        print(f"dev\t{name}\t{start}\t{end}\t\t{span}\t{before} [[{span}]] {after}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
