"""Articles from stdin, which has no suffix and no size known before it is read.

A saved page or JSONL rows are told by their first characters; anything else is one text,
with or without front matter. Stdin stops at the size limit as a file does (a saved page's
limit, the largest), and ``< /dev/zero`` never hangs a run.
"""

from __future__ import annotations

from collections.abc import Iterator

from framing.read.articles import (
    HTML_MARKUP_FACTOR,
    STDIN_LABEL,
    Article,
    ReadFailure,
    ReadOptions,
    article_from_text,
    articles_from_rows,
)
from framing.read.decoding import decode_article_bytes, end_between_words, without_partial_character
from framing.read.formats import html, tabular


def _stdin_bytes(stream, limit: int) -> tuple[bytes, bool]:
    """At most ``limit`` bytes of stdin, and whether there was more: a file's size is known
    before it is read, stdin's only by reading it (``< /dev/zero`` never ends)."""
    data = stream.read(limit + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data[:limit], len(data) > limit


def _bounded_lines(stream, first: bytes, limit: int) -> Iterator[bytes]:
    """The lines of stdin after the ``first`` bytes read, none kept past ``limit`` bytes: a
    longer line comes out as its first ``limit`` bytes plus one, which the size check
    refuses, and the rest of it is read and dropped."""
    pending = first
    while True:
        chunk = stream.read(1 << 20)
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8")
        if not chunk:
            break
        pending += chunk
        *lines, pending = pending.split(b"\n")
        yield from lines
        if len(pending) > limit:
            yield pending[: limit + 1]
            pending = _drop_to_newline(stream)
    if pending:
        yield pending


def _drop_to_newline(stream) -> bytes:
    while chunk := stream.read(1 << 20):
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8")
        if b"\n" in chunk:
            return chunk.split(b"\n", 1)[1]
    return b""


def read_stdin(stream, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    """Stdin has no suffix: a page or JSONL rows are told by their first characters.

    Stdin stops at the size limit like a file (a saved page's limit, the largest): JSONL rows
    go on past it line by line, each line within the limit, as a JSONL file's rows do.
    """
    limit = options.max_bytes * HTML_MARKUP_FACTOR
    data, more = _stdin_bytes(stream, limit)
    try:
        text, warnings = decode_article_bytes(without_partial_character(data) if more else data)
    except ValueError as exc:
        yield ReadFailure(STDIN_LABEL, str(exc))
        return
    if tabular.looks_like_jsonl(text, options.text_col):
        if more:  # the rest, line by line; the first part is re-read with it
            lines = _bounded_lines(stream, data, limit)
            text = "\n".join(line.decode("utf-8", errors="replace") for line in lines)
        rows = tabular.jsonl_rows(text)
        yield from articles_from_rows(
            rows, STDIN_LABEL, "stdin", options, warnings, shared_header=False
        )
        return
    if more and options.oversize == "refuse":
        yield ReadFailure(STDIN_LABEL, f"too large: over {limit:,} bytes (see --max-bytes)")
        return
    if more:
        warnings.append(f"truncated: stdin read up to the limit of {limit:,} bytes")
        text = end_between_words(text)
    yield article_from_text(
        "stdin",
        text,
        path=None,
        metadata=None,
        options=options,
        warnings=warnings,
        is_html=html.looks_like_html(text),
    )
