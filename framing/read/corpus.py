"""Read articles from every form users have them in, and never lose one over bad input.

Inputs, by suffix:

- ``.txt``/``.md``: plain text, optionally opening with YAML front matter (outlet, date,
  title, url, story …; see :mod:`framing.read.formats.front_matter`);
- ``.html``/``.htm``: saved web pages; main text and metadata by trafilatura
  (:mod:`framing.read.formats.html`);
- ``.jsonl``/``.csv``: corpora with one article per row, columns named in
  :class:`ReadOptions` (:mod:`framing.read.formats.tabular`);
- a folder of any of these, with an optional ``manifest.csv`` giving one row per file:
  ``file, outlet, date, story, wire, url, …`` (the layout of ``seeds/``);
- ``-``: stdin (text, front matter, an HTML page or JSONL rows).

Every article's outlet goes through the alias table in ``lexicons/outlets.yaml``, and a wire
credit in its text (``(Reuters)``, ``— AFP``) fills its ``wire`` field. Metadata is text in
Unicode NFC, so "Café News" typed two ways is one outlet. Reading never raises for one bad
input: it yields a :class:`ReadFailure` naming the input and the reason, and the rest of the
batch goes on (:func:`read_corpus` turns any error in one input into its ReadFailure). Odd but
usable input (another encoding, UTF-16 without a byte-order mark, lines in two encodings, an
empty text, a truncated text) gives an Article with a warning. An entry of a folder that is
not a regular file (a FIFO, a device, a symlink loop) is a :class:`ReadSkipped`: a warning,
not a failure. Stdin stops at the size limit as a file does (see
:func:`framing.read.stdin.read_stdin`).

This module walks the inputs (files, folders with their manifest, stdin) and names what each
yields; what an Article is and how text and metadata become one are in
:mod:`framing.read.articles`, bytes to text in :mod:`framing.read.decoding`.
"""

from __future__ import annotations

import csv
import dataclasses
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from framing.read.articles import (
    DEFAULT_MAX_BYTES,
    HTML_MARKUP_FACTOR,
    STDIN_LABEL,
    STDIN_NAME,
    Article,
    ReadFailure,
    ReadOptions,
    ReadSkipped,
    article_from_text,
    articles_from_rows,
)
from framing.read.decoding import (
    decode_article_bytes,
    decode_page,
    end_between_words,
    without_partial_character,
)
from framing.read.formats import tabular
from framing.read.stdin import read_stdin

#: The reading API in one place: what a caller of :func:`read_corpus` needs, wherever it is
#: defined (the Article and its options in :mod:`framing.read.articles`, the decoding of
#: bytes in :mod:`framing.read.decoding`).
__all__ = [
    "DEFAULT_MAX_BYTES",
    "Article",
    "ReadFailure",
    "ReadOptions",
    "ReadSkipped",
    "article_from_text",
    "decode_article_bytes",
    "estimate_article_count",
    "not_a_file",
    "read_article_file",
    "read_corpus",
    "read_manifest",
    "read_rows_file",
]

MANIFEST_NAME = "manifest.csv"
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES


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


# --- files


def _read_limited(path: Path, limit: int, options: ReadOptions) -> tuple[bytes, list[str]] | str:
    """The file's bytes, or its first ``limit`` bytes when truncating; a reason if refused."""
    size = path.stat().st_size
    if size <= limit:
        return path.read_bytes(), []
    if options.oversize == "refuse":
        return f"too large: {size:,} bytes (limit {limit:,}; see --max-bytes)"
    with path.open("rb") as handle:
        data = without_partial_character(handle.read(limit))
    return data, [f"truncated: file of {size:,} bytes read up to the limit of {limit:,}"]


def read_article_file(
    path: Path,
    *,
    metadata: dict[str, str] | None = None,
    outlet: str | None = None,
    max_bytes: int | None = None,
    options: ReadOptions | None = None,
) -> Article | ReadFailure:
    """One text file or saved page as an Article, or a ReadFailure saying why not."""
    options = _merged_options(options, outlet=outlet, max_bytes=max_bytes)
    is_html = path.suffix.lower() in HTML_SUFFIXES
    limit = options.max_bytes * (HTML_MARKUP_FACTOR if is_html else 1)
    try:
        read = _read_limited(path, limit, options)
    except OSError as exc:
        return ReadFailure(str(path), f"cannot read: {exc.strerror or exc}")
    if isinstance(read, str):
        return ReadFailure(str(path), read)
    data, warnings = read
    try:
        text, decode_warnings = decode_page(data) if is_html else decode_article_bytes(data)
    except ValueError as exc:
        return ReadFailure(str(path), str(exc))
    if warnings and not is_html:  # read up to the limit: end the text between words
        text = end_between_words(text)
    return article_from_text(
        path.stem,
        text,
        path=str(path),
        metadata=metadata,
        options=options,
        warnings=warnings + decode_warnings,
        is_html=is_html,
    )


def read_rows_file(path: Path, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    """Each row of a JSONL or CSV corpus as an Article, or a ReadFailure naming its line."""
    try:
        text, warnings = decode_article_bytes(path.read_bytes())
    except OSError as exc:
        yield ReadFailure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    except ValueError as exc:
        yield ReadFailure(str(path), str(exc))
        return
    is_jsonl = path.suffix.lower() in JSONL_SUFFIXES
    rows = tabular.jsonl_rows(text) if is_jsonl else tabular.csv_rows(text)
    yield from articles_from_rows(
        rows, str(path), path.stem, options, warnings, shared_header=not is_jsonl
    )


def _read_file(
    path: Path, metadata: dict[str, str] | None, options: ReadOptions
) -> Iterator[Article | ReadFailure]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES:
        yield from read_rows_file(path, options)
    else:
        yield read_article_file(path, metadata=metadata, options=options)


def _article_entries(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in ARTICLE_SUFFIXES and p.name != MANIFEST_NAME
    )


def _folder_files(folder: Path) -> list[Path]:
    return [p for p in _article_entries(folder) if p.is_file()]


def not_a_file(path: Path) -> str | None:
    """Why ``path`` (named like an article) is no file to read, or None if it is one.

    A FIFO would block the run until someone writes to it, and a device such as /dev/zero
    never ends: neither is opened. A folder is not a reason to warn (it is not recursed).
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink():
            return f"a symbolic link that leads nowhere ({exc.strerror or exc}): skipped"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO, not a file: skipped"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file: skipped"
    return "not a regular file: skipped"


def _merged_options(
    options: ReadOptions | None, *, outlet: str | None, max_bytes: int | None
) -> ReadOptions:
    options = options or ReadOptions()
    changes = {
        name: value
        for name, value in (("outlet", outlet), ("max_bytes", max_bytes))
        if value is not None
    }
    return dataclasses.replace(options, **changes) if changes else options


def read_corpus(
    paths: Iterable[str | Path],
    *,
    options: ReadOptions | None = None,
    outlet: str | None = None,
    max_bytes: int | None = None,
    stdin=None,
) -> Iterator[Article | ReadFailure]:
    """Yield each article in ``paths`` (files, folders, or ``-`` for stdin), in order.

    ``options`` says how to read (see :class:`ReadOptions`); ``outlet`` and ``max_bytes``, when
    given, override its fields of the same name.
    """
    options = _merged_options(options, outlet=outlet, max_bytes=max_bytes)
    for raw_path in paths:
        if str(raw_path) == STDIN_NAME:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _never_raising(STDIN_LABEL, read_stdin(stream, options))
            continue
        path = Path(raw_path)
        if path.is_dir():
            try:
                manifest = read_manifest(path)
            except (ValueError, OSError, csv.Error, UnicodeDecodeError) as exc:
                yield ReadFailure(str(path / MANIFEST_NAME), str(exc))
                manifest = {}
            for entry in _article_entries(path):
                if reason := not_a_file(entry):
                    yield ReadSkipped(str(entry), reason)
                elif entry.is_file():
                    items = _read_file(entry, manifest.get(entry.name), options)
                    yield from _never_raising(str(entry), items)
        elif path.is_file():
            try:
                manifest = read_manifest(path.parent)
            except (ValueError, OSError, csv.Error, UnicodeDecodeError):
                manifest = {}  # reported when the folder itself is read; the file still counts
            items = _read_file(path, manifest.get(path.name), options)
            yield from _never_raising(str(path), items)
        elif path.exists() or path.is_symlink():
            yield ReadFailure(str(path), not_a_file(path) or "not a regular file")
        else:
            yield ReadFailure(str(path), "no such file or folder")


def _never_raising(
    name: str, items: Iterator[Article | ReadFailure]
) -> Iterator[Article | ReadFailure]:
    """The items read from one input; an error the readers did not foresee (a parser's
    RecursionError, a library bug) ends that input with a ReadFailure, not the batch."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - whatever one input does, the others go on
        yield ReadFailure(name, f"cannot read: {type(exc).__name__}: {exc}")


def estimate_article_count(paths: Iterable[str | Path]) -> int | None:
    """About how many articles ``read_corpus(paths)`` will yield, for a progress bar's ETA.

    One per article file, one per line of a JSONL or CSV file (a CSV header or a quoted
    newline makes it off by a little; it is an estimate). None when stdin is among the inputs.
    """
    total = 0
    for raw_path in paths:
        if str(raw_path) == STDIN_NAME:
            return None
        path = Path(raw_path)
        files = _folder_files(path) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            suffix = file.suffix.lower()
            total += _count_lines(file) if suffix in JSONL_SUFFIXES + CSV_SUFFIXES else 1
    return total


def _count_lines(path: Path) -> int:
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return lines + (last != b"\n")
