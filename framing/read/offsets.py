"""The cleaned text and its offset map back to the text the user gave.

A clean-up step takes a :class:`CleanText` and returns a new one: it finds edits
``(start, end, replacement)`` on the current text and applies them with
:meth:`CleanText.apply_edits`, which carries the offset map along, so that spans found on the
cleaned text are highlighted on the original. The steps themselves are in
:mod:`framing.read.cleaning` and the modules it names.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy

#: An edit on the current text: replace ``text[start:end]`` with ``replacement``.
Edit = tuple[int, int, str]


@dataclass(frozen=True)
class CleanText:
    """Cleaned text plus, for each cleaned character, the offset it came from in ``original``.

    ``text[i]`` is ``original[to_original(i)]`` or its normalised form (a straight quote for a
    curly one, a space for a line break that was unwrapped). A character that was *inserted*
    (the space between two glued words) maps to the original offset of the character after it,
    so it takes up no room in the original: ``to_original(i) == to_original(i + 1)``.
    """

    original: str
    text: str
    # One original offset per cleaned character, plus one for len(text) (-> len(original)).
    # Non-decreasing; equal neighbours mark an inserted character.
    offsets: array = field(repr=False, compare=False)
    edits: tuple[str, ...] = ()

    @classmethod
    def unchanged(cls, raw: str) -> CleanText:
        """The identity clean-up: ``text == original``, every offset maps to itself."""
        # Through numpy (a spaCy dependency): array("q", range(n)) costs 0.15 s for 2 MB.
        identity = numpy.arange(len(raw) + 1, dtype=numpy.int64).tobytes()
        return cls(raw, raw, array("q", identity), ())

    @property
    def is_identity(self) -> bool:
        """True when no clean-up step changed anything: every offset maps to itself.

        :meth:`apply_edits` returns the same object when it applies nothing, so an untouched
        text is still the very string it started as.
        """
        return self.text is self.original

    def to_original(self, offset: int) -> int:
        """Cleaned offset -> original offset; ``len(text)`` maps to ``len(original)``."""
        if not 0 <= offset <= len(self.text):
            raise IndexError(f"offset {offset} outside 0..{len(self.text)}")
        return self.offsets[offset]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Cleaned span -> original span covering the same characters.

        The end is taken from the span's last character rather than from ``end`` itself, so
        whitespace or chrome removed just after the span is not pulled into the highlight.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}..{end} outside 0..{len(self.text)}")
        original_start = self.offsets[start]
        if end == start:
            return original_start, original_start
        last = self.offsets[end - 1]
        # An inserted last character has no width in the original.
        original_end = last if last == self.offsets[end] else last + 1
        return original_start, max(original_start, original_end)

    def apply_edits(self, edits: Iterable[Edit], note: str | None = None) -> CleanText:
        """A new CleanText with ``edits`` (sorted, non-overlapping) applied to ``text``.

        Replacement character ``k`` keeps the offset of ``text[start + k]`` while there is one,
        so a 1:1 replacement maps exactly and a shortening maps onto the first characters;
        characters beyond ``end`` are insertions and take the offset of ``text[end]``.
        """
        text, offsets = self.text, self.offsets
        pieces: list[str] = []
        new_offsets = array("q")
        position = 0
        applied = 0
        for start, end, replacement in edits:
            if start < position or end < start:
                raise ValueError(f"edits overlap or run backwards at {start}..{end}")
            pieces.append(text[position:start])
            new_offsets.extend(offsets[position:start])
            pieces.append(replacement)
            for k in range(len(replacement)):
                new_offsets.append(offsets[start + k] if start + k < end else offsets[end])
            position = end
            applied += 1
        if not applied:
            return self
        pieces.append(text[position:])
        new_offsets.extend(offsets[position:])  # includes the end-of-text sentinel
        notes = self.edits + ((note,) if note else ())
        return CleanText(self.original, "".join(pieces), new_offsets, notes)


def with_note(clean: CleanText, note: str | None) -> CleanText:
    """``clean`` with ``note`` added to its edits (a step that changed the text in place)."""
    if not note:
        return clean
    return CleanText(clean.original, clean.text, clean.offsets, (*clean.edits, note))


def plural(count: int, singular: str, plural: str | None = None) -> str:
    """``1 line``, ``2 lines``: a count for an edit's note."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"
