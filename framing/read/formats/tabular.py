"""JSONL and CSV corpora: one article per row, with the text and metadata in named columns.

Rows come out as plain ``{column: text}`` mappings with their line number; which column holds
the text, the outlet, the id … is the caller's choice (``--text-col`` and friends). A row that
cannot be read (invalid JSON, not an object) is reported by line and the file goes on.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One row of a corpus file: its line number and its fields as strings."""

    line: int
    fields: dict[str, str]


@dataclass(frozen=True)
class BadRow:
    """A line of a corpus file that is not a row, and why; ``line`` 0 means the whole file."""

    line: int
    reason: str


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def looks_like_jsonl(text: str, text_col: str) -> bool:
    """True when the first line is a JSON object with a ``text_col`` field (for stdin)."""
    first = text.lstrip()[:1_000_000].partition("\n")[0]
    if not first.startswith("{"):
        return False
    try:
        value = json.loads(first)
    except (json.JSONDecodeError, RecursionError):
        return False
    return isinstance(value, dict) and text_col in value


def jsonl_rows(text: str) -> Iterator[Row | BadRow]:
    """Each non-blank line of a JSONL file as a Row, or a BadRow saying what is wrong."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRow(number, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield BadRow(number, "JSON nested too deep to read")
            continue
        if not isinstance(value, dict):
            yield BadRow(number, f"expected a JSON object, found {type(value).__name__}")
            continue
        yield Row(number, {str(k): _as_text(v) for k, v in value.items()})


def csv_rows(text: str) -> Iterator[Row | BadRow]:
    """Each data row of a CSV file (header first) as a Row; a parse error ends the file.

    The parser is strict: a quote that never closes, or closes with text after it, is an
    error at the line its row starts on. A lenient parser would take every line up to the
    next quote mark as this row's text, silently merging the rows after it into one article.
    """
    # Article texts run far past the csv module's 128 KB field limit; the per-article size
    # limit is applied to the text afterwards, so the parser itself need not refuse anything.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    row_start = 1
    try:
        if not reader.fieldnames:
            yield BadRow(0, "no header row")
            return
        while True:
            row_start = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                return
            fields = {k: _as_text(v) for k, v in row.items() if isinstance(k, str)}
            yield Row(reader.line_num, fields)
    except csv.Error as exc:
        reason = f"cannot parse CSV from this row on: {exc}"
        if "expected after '\"'" in str(exc) or "end of data" in str(exc):
            reason += " (a quote that opens here and does not close where it should)"
        yield BadRow(row_start, reason)
