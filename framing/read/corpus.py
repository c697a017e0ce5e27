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
not a failure. Stdin stops at the size limit as a file does (see :func:`_read_stdin`).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from framing.read.formats import front_matter, html, tabular
from framing.read.outlets import OutletTable, outlet_table

MANIFEST_NAME = "manifest.csv"
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES
UNKNOWN_OUTLET = "unknown"
DEFAULT_MAX_BYTES = 2_000_000
OVERSIZE_POLICIES = ("refuse", "truncate")
STDIN_NAME = "-"
STDIN_LABEL = "<stdin>"
# A saved page is mostly markup, scripts and styles around its text; its article-size limit
# applies to the extracted text, and the page itself may be this many times larger.
HTML_MARKUP_FACTOR = 10
METADATA_FIELDS = ("outlet", "date", "title", "story", "wire", "url", "author")

# Characters that print nothing: an article of only these is as empty as one of spaces.
_INVISIBLE = re.compile(r"[\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+")

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
    author: str | None = None
    # Who controls the outlet (lexicons/outlets.yaml): state_controlled, public_independent,
    # private; None when the outlet is not classified. Set on reading, with the lexicon
    # overlays of the run, so that a cached result never carries another run's label.
    ownership: str | None = None

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


@dataclass(frozen=True)
class ReadSkipped(ReadFailure):
    """An entry of a folder that is no article file (a FIFO, a device, a symlink loop): it is
    skipped with a warning, and the run does not count it as a failure."""


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: fallback outlet, size limit, and the columns of JSONL/CSV corpora.

    ``outlet`` applies to stdin and to articles with no outlet of their own. An article over
    ``max_bytes`` (UTF-8) is refused or, with ``oversize="truncate"``, cut to fit with a warning.
    ``lexicon_overlays`` are laid over the shipped lexicons for the outlet alias table.
    """

    outlet: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    oversize: str = "refuse"
    text_col: str = "text"
    outlet_col: str = "outlet"
    id_col: str = "id"
    date_col: str = "date"
    title_col: str = "title"
    url_col: str = "url"
    story_col: str = "story"
    wire_col: str = "wire"
    author_col: str = "author"
    lexicon_overlays: tuple[str, ...] = ()

    def __post_init__(self):
        if self.oversize not in OVERSIZE_POLICIES:
            raise ValueError(f"oversize must be refuse or truncate, not {self.oversize!r}")
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {self.max_bytes}")

    def metadata_columns(self) -> dict[str, str]:
        """Article field → corpus column, for the metadata fields."""
        return {name: getattr(self, f"{name}_col") for name in METADATA_FIELDS}

    def outlets(self) -> OutletTable:
        return outlet_table(tuple(str(p) for p in self.lexicon_overlays))


# --- bytes to text


def _refuse_binary(data: bytes) -> None:
    sample = data[:8192]
    if sample and sum(byte in _BINARY_BYTES for byte in sample) / len(sample) > 0.01:
        raise ValueError("binary file, not text")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when ``data`` reads as UTF-16 text with no byte-order mark.

    Text in a Latin or Cyrillic script is mostly code points under U+0100 or in one block, so
    one byte of each pair is nearly always the same (zero for ASCII) and the other varies;
    binary data has no such rhythm. Both halves are checked, so UTF-8 text never qualifies.
    """
    sample = data[:8192]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zeros > 0.3 and even_zeros < 0.05:
        encoding = "utf-16-le"
    elif even_zeros > 0.3 and odd_zeros < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError:
        return None
    # Small 16-bit numbers (audio, tables) have the same rhythm: text is printable.
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    return encoding if printable >= 0.95 * len(text) else None


def _decode_lines(data: bytes, utf8_error: str) -> tuple[str, list[str]]:
    """Bytes that are not UTF-8 as a whole, decoded line by line: UTF-8 where a line is,
    else cp1252 (what Windows editors and many CMS exports write; it decodes most of latin-1
    too, and its five undefined bytes make it fail on data that is neither).

    A file pasted together from two sources holds both; decoding each line on its own keeps
    the UTF-8 lines right instead of turning their accents into mojibake.
    """
    lines, cp1252_lines, utf8_lines = [], [], 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                raise ValueError(f"{utf8_error}, and not cp1252 either") from None
            cp1252_lines.append(number)
    text = "\n".join(lines).removeprefix("\ufeff")
    if not utf8_lines:
        return text, [f"{utf8_error}; decoded as cp1252"]
    shown = ", ".join(map(str, cp1252_lines[:5])) + (" …" if len(cp1252_lines) > 5 else "")
    return text, [
        f"{utf8_error}: mixed encodings, {len(cp1252_lines)} line(s) decoded as cp1252 "
        f"(line {shown}), the rest as UTF-8"
    ]


def decode_article_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 (with or without BOM), else
    line by line as UTF-8 or cp1252, with a warning.

    Raises ValueError for binary data (control bytes that no text contains).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte-order mark)"]
        except UnicodeDecodeError:
            raise ValueError("has a UTF-16 byte-order mark but is not valid UTF-16") from None
    if utf16 := _utf16_without_bom(data):
        # The rhythm was seen in the first 8 kB; a bad pair further on is replaced (U+FFFD).
        text = data[: len(data) - len(data) % 2].decode(utf16, errors="replace")
        return text, [f"decoded as {utf16.upper()} (no byte-order mark)"]
    _refuse_binary(data)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        utf8_error = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return _decode_lines(data, utf8_error)


def _decode_page(data: bytes) -> tuple[str, list[str]]:
    """A saved page decoded by the charset it declares, else like any article."""
    charset = html.declared_charset(data)
    if charset and charset not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        _refuse_binary(data)  # binary data that claims a charset is still binary
        try:
            return data.decode(charset), []
        except UnicodeDecodeError:
            pass  # the declaration is wrong: fall back to detection, which warns
    return decode_article_bytes(data)


def _without_partial_character(data: bytes) -> bytes:
    """Bytes cut at a limit may end inside a UTF-8 character: drop that fragment."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            return data[: exc.start]
    return data


def _end_between_words(cut: str) -> str:
    """A text cut at a size limit, backed up to its last gap between words.

    A cut mid-word would leave a fragment that reads as a word; the gap is not used when it
    would throw away much of the text (one enormous "word").
    """
    boundary = max(cut.rfind(" "), cut.rfind("\n"))
    if boundary > len(cut) * 0.9:
        cut = cut[:boundary]
    return cut.rstrip()


def truncate_text(text: str, max_bytes: int) -> str:
    """The longest start of ``text`` within ``max_bytes`` of UTF-8, ending between words."""
    return _end_between_words(text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore"))


def _size_check(text: str, options: ReadOptions) -> tuple[str, list[str]] | str:
    """The text within the size limit, with a warning if cut; or the reason it is refused."""
    size = len(text.encode("utf-8"))
    if size <= options.max_bytes:
        return text, []
    if options.oversize == "refuse":
        return f"too large: {size:,} bytes of text (limit {options.max_bytes:,}; see --max-bytes)"
    return truncate_text(text, options.max_bytes), [
        f"truncated: {size:,} bytes of text cut to the limit of {options.max_bytes:,}"
    ]


# --- metadata to Article


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


def _first(layers: Iterable[dict[str, str]], name: str) -> str | None:
    for layer in layers:
        value = (layer.get(name) or "").strip()
        if value:
            return as_metadata(value)
    return None


def as_metadata(value: str) -> str:
    """A metadata value in Unicode NFC: "Café" with a combining accent (NFD, as macOS file
    names and some CMS exports write it) is the same outlet as "Café" with a precomposed é."""
    return unicodedata.normalize("NFC", value)


def _wire(given: str | None, text: str, author: str | None, outlets: OutletTable) -> str | None:
    if given:
        return outlets.canonical(given) or given
    if credit := outlets.wire_credit(text):
        return credit
    return outlets.canonical(author) if outlets.is_wire(author) else None


def build_article(
    article_id: str,
    text: str,
    *,
    path: str | None,
    layers: Iterable[dict[str, str] | None],
    options: ReadOptions,
    warnings: list[str],
) -> Article:
    """An Article from text and metadata layers, most trusted first (manifest, then file).

    Outlet names become canonical through the alias table; ``options.outlet`` is the fallback.
    The wire comes from the metadata, else from a credit in the text, else from an author
    that is a wire agency (a page "By Associated Press").
    """
    layers = [layer for layer in layers if layer]
    outlets = options.outlets()
    given_outlet = _first(layers, "outlet") or (options.outlet and as_metadata(options.outlet))
    outlet = outlets.canonical(given_outlet) or given_outlet
    if not outlet:
        outlet = UNKNOWN_OUTLET
        warnings.append("no outlet metadata: outlet set to 'unknown' (use --outlet or a manifest)")
    author = _first(layers, "author")
    if not _INVISIBLE.sub("", text):
        warnings.append("empty article: nothing to score")
    return Article(
        id=article_id,
        text=text,
        outlet=outlet,
        path=path,
        date=_first(layers, "date"),
        title=_first(layers, "title"),
        story=_first(layers, "story"),
        wire=_wire(_first(layers, "wire"), text, author, outlets),
        url=_first(layers, "url"),
        author=author,
        warnings=tuple(warnings),
        ownership=outlets.ownership(outlet),
    )


def _page_metadata(page: html.SavedPage, outlets: OutletTable) -> dict[str, str]:
    # The site name is what the outlet calls itself; the domain is the fallback, and it wins
    # only when the table knows it and not the site name ("Home - Example" vs nytimes.com).
    return {
        "outlet": outlets.resolve(page.site_name, page.domain) or "",
        "date": page.date or "",
        "title": page.title or "",
        "url": page.url or "",
        "author": page.author or "",
    }


def article_from_text(
    article_id: str,
    text: str,
    *,
    path: str | None,
    metadata: dict[str, str] | None,
    options: ReadOptions,
    warnings: list[str],
    is_html: bool = False,
) -> Article | ReadFailure:
    """One decoded text file (or stdin) as an Article: front matter or page extraction first."""
    own: dict[str, str] = {}
    if is_html:
        try:
            page = html.extract_page(text)
        except Exception as exc:  # a parser bug on one odd page must not stop the batch
            return ReadFailure(path or STDIN_LABEL, f"cannot extract the page's text: {exc}")
        text, own = page.text, _page_metadata(page, options.outlets())
    else:
        own, text, front_warnings = front_matter.split_front_matter(text)
        warnings += front_warnings
        article_id = own.pop("id", None) or article_id
    checked = _size_check(text, options)
    if isinstance(checked, str):
        return ReadFailure(path or STDIN_LABEL, checked)
    text, size_warnings = checked
    return build_article(
        article_id,
        text,
        path=path,
        layers=[metadata, own],
        options=options,
        warnings=warnings + size_warnings,
    )


# --- files


def _read_limited(path: Path, limit: int, options: ReadOptions) -> tuple[bytes, list[str]] | str:
    """The file's bytes, or its first ``limit`` bytes when truncating; a reason if refused."""
    size = path.stat().st_size
    if size <= limit:
        return path.read_bytes(), []
    if options.oversize == "refuse":
        return f"too large: {size:,} bytes (limit {limit:,}; see --max-bytes)"
    with path.open("rb") as handle:
        data = _without_partial_character(handle.read(limit))
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
        text, decode_warnings = _decode_page(data) if is_html else decode_article_bytes(data)
    except ValueError as exc:
        return ReadFailure(str(path), str(exc))
    if warnings and not is_html:  # read up to the limit: end the text between words
        text = _end_between_words(text)
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
    yield from _articles_from_rows(
        rows, str(path), path.stem, options, warnings, shared_header=not is_jsonl
    )


def _articles_from_rows(
    rows: Iterable[tabular.Row | tabular.BadRow],
    name: str,
    stem: str,
    options: ReadOptions,
    warnings: list[str],
    *,
    shared_header: bool,
) -> Iterator[Article | ReadFailure]:
    """Rows as Articles; ``shared_header`` when every row has the same columns (CSV)."""
    columns = options.metadata_columns()
    for row in rows:
        if isinstance(row, tabular.BadRow):
            yield ReadFailure(f"{name}:{row.line}" if row.line else name, row.reason)
            continue
        if options.text_col not in row.fields:
            found = ", ".join(row.fields) or "none"
            reason = f"no {options.text_col!r} field (found: {found}); set --text-col"
            if shared_header:  # every row lacks it: one failure says it all
                yield ReadFailure(name, reason)
                return
            yield ReadFailure(f"{name}:{row.line}", reason)
            continue
        checked = _size_check(row.fields[options.text_col], options)
        if isinstance(checked, str):
            yield ReadFailure(f"{name}:{row.line}", checked)
            continue
        article_text, size_warnings = checked
        metadata = {field: row.fields.get(column, "") for field, column in columns.items()}
        yield build_article(
            # Without an id, file and line name the row, as they name a failed one.
            row.fields.get(options.id_col, "").strip() or f"{stem}:{row.line}",
            article_text,
            path=name,
            layers=[metadata],
            options=options,
            warnings=warnings + size_warnings,
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


def _read_stdin(stream, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    """Stdin has no suffix: a page or JSONL rows are told by their first characters.

    Stdin stops at the size limit like a file (a saved page's limit, the largest): JSONL rows
    go on past it line by line, each line within the limit, as a JSONL file's rows do.
    """
    limit = options.max_bytes * HTML_MARKUP_FACTOR
    data, more = _stdin_bytes(stream, limit)
    try:
        text, warnings = decode_article_bytes(_without_partial_character(data) if more else data)
    except ValueError as exc:
        yield ReadFailure(STDIN_LABEL, str(exc))
        return
    if tabular.looks_like_jsonl(text, options.text_col):
        if more:  # the rest, line by line; the first part is re-read with it
            lines = _bounded_lines(stream, data, limit)
            text = "\n".join(line.decode("utf-8", errors="replace") for line in lines)
        rows = tabular.jsonl_rows(text)
        yield from _articles_from_rows(
            rows, STDIN_LABEL, "stdin", options, warnings, shared_header=False
        )
        return
    if more and options.oversize == "refuse":
        yield ReadFailure(STDIN_LABEL, f"too large: over {limit:,} bytes (see --max-bytes)")
        return
    if more:
        warnings.append(f"truncated: stdin read up to the limit of {limit:,} bytes")
        text = _end_between_words(text)
    yield article_from_text(
        "stdin",
        text,
        path=None,
        metadata=None,
        options=options,
        warnings=warnings,
        is_html=html.looks_like_html(text),
    )


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
            yield from _never_raising(STDIN_LABEL, _read_stdin(stream, options))
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
