"""What reading yields: an :class:`Article`, or a :class:`ReadFailure` naming the input and
the reason, and how a text and its metadata become one.

:class:`ReadOptions` says how to read (fallback outlet, size limit, the columns of JSONL/CSV
corpora). :func:`build_article` takes a decoded text and its metadata layers (manifest row,
front matter, page metadata, corpus row) and gives the Article: metadata in Unicode NFC, the
outlet canonical through ``lexicons/outlets.yaml``, the wire from the metadata or a credit in
the text. :func:`article_from_text` and :func:`articles_from_rows` are the two ways in: one
text file (front matter or a saved page), or the rows of a JSONL or CSV corpus.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from framing.read.characters import INVISIBLE
from framing.read.decoding import truncate_text
from framing.read.formats import front_matter, html, tabular
from framing.read.outlets import OutletTable, outlet_table

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
_INVISIBLE = re.compile("[\\s" + re.escape(INVISIBLE) + "]+")


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


def size_check(text: str, options: ReadOptions) -> tuple[str, list[str]] | str:
    """The text within the size limit, with a warning if cut; or the reason it is refused."""
    size = len(text.encode("utf-8"))
    if size <= options.max_bytes:
        return text, []
    if options.oversize == "refuse":
        return f"too large: {size:,} bytes of text (limit {options.max_bytes:,}; see --max-bytes)"
    return truncate_text(text, options.max_bytes), [
        f"truncated: {size:,} bytes of text cut to the limit of {options.max_bytes:,}"
    ]


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
    checked = size_check(text, options)
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


def articles_from_rows(
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
        checked = size_check(row.fields[options.text_col], options)
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
