"""YAML front matter: a ``---`` block at the top of a ``.md`` or ``.txt`` article.

```
---
outlet: NBC News
date: 2025-08-22
title: Kim honours returned soldiers
url: https://www.nbcnews.com/...
story: August 2025 award ceremony
---
The article text…
```

The article is the text after the closing ``---``, so offsets count from there. A block that
is not a YAML mapping is left in the text, with a warning: a Markdown horizontal rule at the
top of a file is not front matter, and the article must not be lost over it. Nor is it lost
over odd front matter: a date is kept as written (``2025-02-30`` included), a block nested too
deep for the parser is dropped with a warning, and a field whose value is a list, a mapping
or a set (``!!set``) is ignored with a warning, since metadata is text.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

#: The metadata fields front matter may set; other keys (layout, tags …) are ignored.
FIELDS = ("outlet", "date", "title", "url", "story", "wire", "author", "id")

_BLOCK = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.M
)


class _TextDatesLoader(yaml.SafeLoader):
    """YAML's safe loader with dates left as the text they are written as: a date is
    metadata to show, and ``2025-02-30`` must not cost the article (PyYAML raises on it)."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date | dt.datetime):  # an explicit !!timestamp
        return value.isoformat()
    return str(value).strip() or None


def _metadata(raw: dict, warnings: list[str]) -> dict[str, str]:
    metadata = {}
    for key in FIELDS:
        value = raw.get(key)
        if isinstance(value, dict | list | set | tuple | bytes):
            # A set prints in a different order in each process; a list or mapping is not
            # one value. Either way it is not the text a metadata field holds.
            kind = type(value).__name__
            warnings.append(f"front matter field {key!r} ignored: a {kind}, not text")
        elif (text := _as_text(value)) is not None:
            metadata[key] = text
    return metadata


def split_front_matter(text: str) -> tuple[dict[str, str], str, list[str]]:
    """The front matter's metadata, the article body after it, and any warnings."""
    match = _BLOCK.match(text)
    if not match:
        return {}, text, []
    try:
        raw = yaml.load(match["yaml"], Loader=_TextDatesLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return {}, text, [f"front matter ignored: {problem}"]
    except RecursionError:
        # Front matter by its shape, which no reader can take apart: left in the text, it
        # would be thousands of brackets for the tokenizer (quadratic on such runs).
        return {}, text[match.end() :], ["front matter ignored: nested too deep to read"]
    except (ValueError, TypeError, OverflowError) as exc:  # an explicit tag on a bad value
        return {}, text, [f"front matter ignored: {exc}"]
    if raw is None:
        return {}, text[match.end() :], []
    if not isinstance(raw, dict):
        return {}, text, ["front matter ignored: not a mapping of field: value"]
    warnings: list[str] = []
    metadata = _metadata(raw, warnings)
    return metadata, text[match.end() :], warnings
