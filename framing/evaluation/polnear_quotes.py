"""A quote set from PolNeAR gold: its direct quotations with a speaker, as quotes JSONL.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution, reported speech as
well as quotation. To see how the attribution component does as a *quote extractor* (the
task of quote-extraction sets: a quotation in quote marks, its speaker and cue), this module
keeps, mechanically, the gold attributions that

- have a Source and a Content span, and
- whose content is a direct quotation: its text, trimmed of spaces and end punctuation,
  opens and closes with a double quote mark (or two apostrophes, the NYT's ``''``), or the
  characters just outside the span are such marks ("“We won,” he said" annotated without the
  marks), or it lies inside marks opened earlier in its paragraph (an odd number of marks
  before it there, one after it: a transcript's ``"PENCE: Well, ..."``).

and writes them in the quotes-jsonl layout :mod:`framing.evaluation.quotes_jsonl` reads
(``{"id", "text", "quotes": [{"speaker", "cue", "content"}]}``). Articles without such a
quotation are written too, with an empty list: a prediction there is a false positive.

PolNeAR has no licence file (academic use, ``../shared/DATA.md``), so the derived set is not
committed: ``make accuracy`` builds it from ``../shared/gold/polnear/dev`` into a temporary
file each run, and ``python -m framing.evaluation.polnear_quotes SPLIT_DIR OUT.jsonl``
writes it for ``framing evaluate OUT.jsonl --format quotes-jsonl``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from framing.annotate.quotes import DOUBLE_MARKS, TWO_APOSTROPHES
from framing.evaluation.brat import BratDocument, BratSpan, read_split

#: Punctuation a quotation's span may end with after its closing mark, or hold before it.
_END_PUNCTUATION = ".,;:!?"


def _text_of(span: BratSpan | None, text: str) -> str:
    """A span's text, its pieces joined by a space (PolNeAR spans can be discontinuous)."""
    if span is None:
        return ""
    return " ".join(" ".join(text[s:e].split()) for s, e in span.pieces)


def _opens(text: str) -> bool:
    return text[:1] in DOUBLE_MARKS or text.startswith(TWO_APOSTROPHES)


def _closes(text: str) -> bool:
    return text[-1:] in DOUBLE_MARKS or text.endswith(TWO_APOSTROPHES)


def is_direct_quotation(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a quotation in double quote marks, inside or around it.

    Only double marks: a single mark is as often an apostrophe, and quote-extraction sets
    take the double marks of news copy as the sign of a direct quotation.
    """
    inner = text[start:end].strip().rstrip(_END_PUNCTUATION).strip()
    if len(inner) >= 2 and _opens(inner) and _closes(inner.rstrip(_END_PUNCTUATION)):
        return True
    before = text[max(0, start - 2) : start].rstrip()
    after = text[end : end + 3].lstrip(_END_PUNCTUATION)
    if before and _closes_before(before) and _opens_after(after):
        return True
    return _inside_marks(text, start, end)


def _inside_marks(text: str, start: int, end: int) -> bool:
    """An odd number of double marks between the paragraph's start and the span, and one
    after it in the paragraph: a span inside a quotation with words before it in the marks
    (a transcript's ``"PENCE: Well, ..."``, the speaker's name inside the marks)."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    opened = _count_marks(text[paragraph_start:start]) % 2 == 1
    return opened and _count_marks(text[end:paragraph_end]) > 0


def _count_marks(text: str) -> int:
    """Double quote marks in a stretch of text, two apostrophes counting as one."""
    return sum(text.count(mark) for mark in DOUBLE_MARKS) + text.count(TWO_APOSTROPHES)


def _closes_before(before: str) -> bool:
    """The characters before a span end with an opening mark."""
    return before[-1:] in DOUBLE_MARKS or before.endswith(TWO_APOSTROPHES)


def _opens_after(after: str) -> bool:
    """The characters after a span (end punctuation skipped) start with a closing mark."""
    return after[:1] in DOUBLE_MARKS or after.startswith(TWO_APOSTROPHES)


def direct_quotes(document: BratDocument) -> list[dict]:
    """The direct quotations with a speaker of one annotated article, in text order."""
    found = []
    for attribution in document.attributions:
        content, source = attribution.content, attribution.source
        if content is None or source is None:
            continue
        start = min(s for s, _ in content.pieces)
        end = max(e for _, e in content.pieces)
        if not is_direct_quotation(document.text, start, end):
            continue
        found.append((start, {
            "speaker": _text_of(source, document.text),
            "cue": _text_of(attribution.cue, document.text),
            "content": _text_of(content, document.text),
        }))
    found.sort(key=lambda item: item[0])
    return [quote for _, quote in found]


def quote_records(documents: Iterable[BratDocument]) -> Iterator[dict]:
    """One quotes-jsonl record per article."""
    for document in documents:
        yield {"id": document.name, "text": document.text, "quotes": direct_quotes(document)}


def write_quote_set(split_dir: Path | str, out: Path | str) -> tuple[int, int]:
    """Write the quote set of a PolNeAR split; returns (articles, quotations)."""
    n_articles = n_quotes = 0
    with open(out, "w", encoding="utf-8") as handle:
        for record in quote_records(read_split(split_dir)):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            n_articles += 1
            n_quotes += len(record["quotes"])
    return n_articles, n_quotes


def main(argv: list[str] | None = None) -> int:
    """``python -m framing.evaluation.polnear_quotes SPLIT_DIR OUT.jsonl``"""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    n_articles, n_quotes = write_quote_set(args[0], args[1])
    print(f"wrote {n_quotes} direct quotations from {n_articles} articles to {args[1]}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
