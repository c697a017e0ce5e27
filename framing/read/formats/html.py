"""Saved web pages: the article's main text and its metadata, extracted with trafilatura.

News pages wrap an article in navigation bars, ads, share buttons and footers. trafilatura
(Barbaresi, ACL 2021 demo) finds the main text and reads the title, site name, date and author
from OpenGraph tags, ``<time>`` elements, JSON-LD and bylines. It only ever sees the HTML
string given here: nothing is fetched.

The headline goes to ``title`` and the byline to ``author`` rather than the text, as in the
plain-text corpora, and ad labels left between paragraphs ("Advertisement", "SKIP
ADVERTISEMENT") are dropped: they would otherwise read as sentences of the article. Offsets
of a saved page count into this extracted text.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

# A page declares its encoding near the top; 4 KB covers <head> up to the meta tag.
_CHARSET_SCAN_BYTES = 4096
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_AD_LABEL_LINE = re.compile(
    r"(?im)^[ \t]*(?:skip[ \t]+)?(?:advertisement|advertising|ad|sponsored(?:[ \t]+content)?)"
    r"(?:[ \t]*[-–—:|][ \t]*(?:scroll|continue|story continues)[^\n]*)?[ \t]*(?:\n|\Z)"
)
# Navigation bars never hold the article; on a page with no article, trafilatura's fallback
# would otherwise return their link texts ("Home News") as the text.
_NAV_ELEMENT = re.compile(r"<nav[\s>].*?</nav\s*>", re.I | re.DOTALL)
_BYLINE_START = re.compile(r"(?i)by\s+\w")
_MAX_BYLINE_CHARS = 100
_HTML_START = re.compile(r"\A\ufeff?\s*(?:<!doctype\s+html|<html|<head|<!--)", re.I)


@dataclass(frozen=True)
class SavedPage:
    """What a saved page holds: main text and the metadata found in its markup."""

    text: str
    title: str | None = None
    site_name: str | None = None
    domain: str | None = None
    url: str | None = None
    date: str | None = None
    author: str | None = None


def looks_like_html(text: str) -> bool:
    """True for text that starts as an HTML document does (for stdin, which has no suffix)."""
    return bool(_HTML_START.match(text[:1000]))


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a ``<meta>`` tag, if Python knows it."""
    match = _DECLARED_CHARSET.search(data[:_CHARSET_SCAN_BYTES])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read pages labelled latin-1 or ASCII as windows-1252 (WHATWG Encoding
    # standard), and so do the pages' authors: their curly quotes are cp1252 bytes.
    return "cp1252" if codec in ("iso8859-1", "ascii") else codec


def _drop_headline(text: str, title: str | None) -> str:
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip():
        return rest
    return text


def _drop_byline(text: str, author: str | None) -> str:
    """Without a leading byline ("By Jane Doe", "Jane Doe, Seoul correspondent").

    trafilatura drops most bylines, but not those in a plain ``<div>``; left in, one reads as
    the article's first sentence. A byline is short, has no sentence end, and starts with
    "By" or names the author.
    """
    first, _, rest = text.partition("\n")
    line = first.strip()
    short_label = len(line) <= _MAX_BYLINE_CHARS and not line.endswith((".", "!", "?", '"', "”"))
    names_author = bool(author) and author.split(";")[0].strip() in line
    if short_label and (_BYLINE_START.match(line) or names_author):
        return rest
    return text


def extract_page(html: str) -> SavedPage:
    """The main text and metadata of one saved page (text is empty when none is found)."""
    import trafilatura  # deferred: lxml and its friends take a moment to import

    # trafilatura logs "empty HTML" and similar at ERROR for pages that are not articles;
    # the caller reports those as empty articles, so its own log lines would only repeat it.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    document = trafilatura.bare_extraction(
        _NAV_ELEMENT.sub("", html),
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # The extensive search guesses a date from any number on the page ("© 2025" becomes
        # 2025-01-01); a missing date is better than a made-up one.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return SavedPage(text="")
    text = _drop_byline(_drop_headline(document.text or "", document.title), document.author)
    text = _AD_LABEL_LINE.sub("", text)
    # One paragraph per line in trafilatura's text; a blank line between them keeps them
    # apart when the clean-up step unwraps hard-wrapped lines.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return SavedPage(
        text=text,
        title=document.title or None,
        site_name=document.sitename or None,
        domain=document.hostname or None,
        url=document.url or None,
        date=document.date or None,
        author=document.author or None,
    )
