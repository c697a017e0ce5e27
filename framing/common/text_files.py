"""Reading a user's small text file whole (a lexicon, a word list, a corrections CSV), with one
definition of how a file that is not UTF-8 is reported: ``file:line: not UTF-8 text (byte 0xe9
at offset 41)``. The file is decoded whole, so the line is the line of the first bad byte, not
the line of a buffered read. A byte-order mark is dropped.
"""

from __future__ import annotations

from pathlib import Path


class NotUtf8Error(ValueError):
    """A file that is not UTF-8 text; ``str()`` names the file and the line of the first bad
    byte. Each reader adds its own hint (``save the CSV as UTF-8``)."""

    def __init__(self, path: Path | str, line: int, byte: int, offset: int):
        self.path = Path(path)
        self.line = line
        self.byte = byte
        self.offset = offset
        self.reason = f"not UTF-8 text (byte {byte:#04x} at offset {offset})"
        super().__init__(f"{self.path}:{line}: {self.reason}")


def decode_utf8(data: bytes, path: Path | str) -> str:
    """``data`` as text; :class:`NotUtf8Error` naming ``path`` and the bad byte's line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NotUtf8Error(path, line, data[exc.start], exc.start) from None


def read_utf8(path: Path | str) -> str:
    """A text file's whole text (:func:`decode_utf8`); an unreadable file is the ``OSError``."""
    return decode_utf8(Path(path).read_bytes(), path)
