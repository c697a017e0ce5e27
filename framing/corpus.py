"""Read articles from files, folders (with a ``manifest.csv``) and stdin.

A corpus folder holds plain-text articles and, optionally, a ``manifest.csv`` with one row
per file: ``file, outlet, date, story, wire, url, …`` (the layout of ``seeds/``). Reading
never raises for one bad file: it yields a :class:`ReadFailure` naming the file and the
reason, and the rest of the batch goes on.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = "manifest.csv"
ARTICLE_SUFFIXES = (".txt", ".md")
UNKNOWN_OUTLET = "unknown"
DEFAULT_MAX_BYTES = 2_000_000
STDIN_NAME = "-"

# Bytes that never occur in text: a file holding them is binary, whatever its name says.
_BINARY_BYTES = set(range(0, 9)) | {11, 12} | set(range(14, 32)) - {27}


@dataclass(frozen=True)
class Article:
    """One article's text and what is known about it."""

    id: str
    text: str
    outlet: str = UNKNOWN_OUTLET
    path: str | None = None
    date: str | None = None
    title: str | None = None
    story: str | None = None
    wire: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def text_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ReadFailure:
    """An input that could not be read as an article."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def decode_article_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode article bytes: UTF-8 (with or without BOM), else cp1252 with a warning.

    Raises ValueError for binary data (control bytes that no text contains).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte-order mark)"]
        except UnicodeDecodeError:
            raise ValueError("has a UTF-16 byte-order mark but is not valid UTF-16") from None
    sample = data[:8192]
    if sample and sum(byte in _BINARY_BYTES for byte in sample) / len(sample) > 0.01:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        utf8_error = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    try:
        # cp1252 is what Windows editors and many CMS exports write; it decodes most of
        # latin-1 too. Its five undefined bytes make it fail on data that is neither.
        return data.decode("cp1252"), [f"{utf8_error}; decoded as cp1252"]
    except UnicodeDecodeError:
        raise ValueError(f"{utf8_error}, and not cp1252 either") from None


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """Rows of ``folder/manifest.csv`` keyed by file name; empty if there is none."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "file" not in rows[0]:
        raise ValueError(f"{path}: manifest needs a 'file' column")
    return {
        row["file"].strip(): {k: (v or "").strip() for k, v in row.items() if k} for row in rows
    }


def _article_from_text(
    article_id: str,
    text: str,
    *,
    path: str | None,
    metadata: dict[str, str] | None,
    outlet: str | None,
    warnings: list[str],
) -> Article:
    metadata = metadata or {}
    chosen_outlet = metadata.get("outlet") or outlet
    if not chosen_outlet:
        chosen_outlet = UNKNOWN_OUTLET
        warnings.append("no outlet metadata: outlet set to 'unknown' (use --outlet or a manifest)")
    if not text.strip():
        warnings.append("empty article: nothing to score")
    return Article(
        id=article_id,
        text=text,
        outlet=chosen_outlet,
        path=path,
        date=metadata.get("date") or None,
        title=metadata.get("title") or None,
        story=metadata.get("story") or None,
        wire=metadata.get("wire") or None,
        url=metadata.get("url") or None,
        warnings=tuple(warnings),
    )


def read_article_file(
    path: Path,
    *,
    metadata: dict[str, str] | None = None,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article | ReadFailure:
    """One file as an Article, or a ReadFailure saying why not."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return ReadFailure(str(path), f"too large: {size:,} bytes (limit {max_bytes:,})")
        data = path.read_bytes()
    except OSError as exc:
        return ReadFailure(str(path), f"cannot read: {exc.strerror or exc}")
    try:
        text, warnings = decode_article_bytes(data)
    except ValueError as exc:
        return ReadFailure(str(path), str(exc))
    return _article_from_text(
        path.stem, text, path=str(path), metadata=metadata, outlet=outlet, warnings=warnings
    )


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
    )


def read_corpus(
    paths: Iterable[str | Path],
    *,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin=None,
) -> Iterator[Article | ReadFailure]:
    """Yield each article in ``paths`` (files, folders, or ``-`` for stdin), in order.

    ``outlet`` applies to stdin and to files that have no metadata of their own.
    """
    for raw_path in paths:
        if str(raw_path) == STDIN_NAME:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            if isinstance(data, str):
                data = data.encode("utf-8")
            try:
                text, warnings = decode_article_bytes(data)
            except ValueError as exc:
                yield ReadFailure("<stdin>", str(exc))
                continue
            yield _article_from_text(
                "stdin", text, path=None, metadata=None, outlet=outlet, warnings=warnings
            )
            continue
        path = Path(raw_path)
        if path.is_dir():
            try:
                manifest = read_manifest(path)
            except (ValueError, OSError, csv.Error) as exc:
                yield ReadFailure(str(path / MANIFEST_NAME), str(exc))
                manifest = {}
            for file in _folder_files(path):
                yield read_article_file(
                    file, metadata=manifest.get(file.name), outlet=outlet, max_bytes=max_bytes
                )
        elif path.is_file():
            try:
                manifest = read_manifest(path.parent)
            except (ValueError, OSError, csv.Error):
                manifest = {}  # reported when the folder itself is read; the file still counts
            yield read_article_file(
                path, metadata=manifest.get(path.name), outlet=outlet, max_bytes=max_bytes
            )
        else:
            yield ReadFailure(str(path), "no such file or folder")
