"""What the sample-drawing scripts beside this file share: a fixed-seed draw of hits in
(article, offset) order, and the commit they were drawn at (each row's ``collected_at``)."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path


def draw_in_order(hits: list[dict], n: int, seed: int) -> list[dict]:
    """``n`` hits (all, when fewer) drawn with ``random.Random(seed)`` from the hits in
    (article, offset) order, returned in that order. Sorts ``hits`` in place first."""
    hits.sort(key=lambda row: (row["article"], row["start"]))
    drawn = random.Random(seed).sample(hits, min(n, len(hits)))
    return sorted(drawn, key=lambda row: (row["article"], row["start"]))


def head_commit() -> str:
    """The short id of the commit checked out ('' outside a git checkout)."""
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, check=False).stdout.strip()  # fmt: skip


def excluded_hits(samples: list[Path]) -> set[tuple[str, int, int]]:
    """(article, start, end) of every row of the samples already labelled."""
    seen = set()
    for sample in samples:
        for line in sample.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            seen.add((row["article"], row["start"], row["end"]))
    return seen
