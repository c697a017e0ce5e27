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
top of a file is not front matter, and the article must not be lost over it.
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


def _as_text(value) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value).strip() or None


def split_front_matter(text: str) -> tuple[dict[str, str], str, list[str]]:
    """The front matter's metadata, the article body after it, and any warnings."""
    match = _BLOCK.match(text)
    if not match:
        return {}, text, []
    try:
        raw = yaml.safe_load(match["yaml"])
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return {}, text, [f"front matter ignored: {problem}"]
    if raw is None:
        return {}, text[match.end() :], []
    if not isinstance(raw, dict):
        return {}, text, ["front matter ignored: not a mapping of field: value"]
    metadata = {key: value for key in FIELDS if (value := _as_text(raw.get(key))) is not None}
    return metadata, text[match.end() :], []
