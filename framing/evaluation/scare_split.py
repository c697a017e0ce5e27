"""The fixed split of the scare-quote sample into a design half and a held-out half.

The sample of ``tests/gold/scare_quotes/`` was read to write the detector's rules. From 5
December 2026 (issue #12's last rules) it is split in two, by article: rules are designed on
the ``design`` half only, and the ``held_out`` half is scored but its fragments and errors are
not read while designing, so its precision is the honest one.

An article's half is decided by the SHA-1 of its text with runs of whitespace collapsed to one
space: the first byte even is ``design``, odd is ``held_out``. Hashing the text rather than the
id keeps the corpus's repeated articles (``politics/141.txt`` and ``politics/300.txt`` hold the
same text) in one half, so a rule read off one copy is never scored on the other as held out.
"""

from __future__ import annotations

import hashlib

DESIGN = "design"
HELD_OUT = "held_out"
#: The halves, in the order reports show them.
HALVES = (DESIGN, HELD_OUT)


def half_of(text: str) -> str:
    """``design`` or ``held_out``: the half of the sample an article with this text is in."""
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).digest()
    return DESIGN if digest[0] % 2 == 0 else HELD_OUT
