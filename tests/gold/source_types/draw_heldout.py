"""Draw a held-out sample of PolNeAR dev sources, not yet labelled.

Same population as ``polnear_sources.tsv`` (every distinct Source span of the first
annotator's file of each dev article), minus the spans already labelled, then drawn with a
fixed seed. Prints a TSV with an empty ``type`` column and each span's context (300
characters before, 60 after) for the labeller; the committed file keeps only the label
columns.

Two samples were drawn this way:

- ``heldout_sources.tsv``: 110 spans, ``random.Random(1301)``, minus the design labels;
- ``fresh_sources.tsv``: 110 spans, ``random.Random(1302)``, minus the design labels and
  ``heldout_sources.tsv`` (drawn once the first held-out set had been read, in counts).

    python tests/gold/source_types/draw_heldout.py ../shared/gold/polnear/dev > sample.tsv
    python tests/gold/source_types/draw_heldout.py ../shared/gold/polnear/dev --fresh > sample.tsv
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from framing.evaluation.brat import read_split
from framing.evaluation.source_types import HELDOUT_FILE, LABELS_FILE, read_labels

SIZE = 110
#: Seed of each sample, and the label files whose spans it leaves out.
SAMPLES = {
    "heldout": (1301, (LABELS_FILE,)),
    "fresh": (1302, (LABELS_FILE, HELDOUT_FILE)),
}


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
    seed, excluded = SAMPLES["fresh" if "--fresh" in argv else "heldout"]
    labelled = {
        (x.file, x.start, x.end) for path in excluded for x in read_labels(path)
        if x.split == "dev"
    }
    spans = [s for s in population(split_dir) if (s[0], s[1], s[2]) not in labelled]
    drawn = random.Random(seed).sample(spans, SIZE)
    print("split\tfile\tstart\tend\ttype\ttext\tcontext")
    for name, start, end, text in drawn:
        span = " ".join(text[start:end].split())
        before = " ".join(text[max(0, start - 300) : start].split())
        after = " ".join(text[end : end + 60].split())
        print(f"dev\t{name}\t{start}\t{end}\t\t{span}\t{before} [[{span}]] {after}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
