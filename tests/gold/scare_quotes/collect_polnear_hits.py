"""Draw the PolNeAR held-out sample: scare-quote hits on PolNeAR political news (2016).

    .venv/bin/python tests/gold/scare_quotes/collect_polnear_hits.py \
        ../shared/gold/polnear/train --n 120 --out /tmp/polnear.jsonl --context /tmp/ctx.txt

Why (the README beside this file): every BBC article has been drawn by some stage and every
sample's errors have been read, so no BBC text is left to test rules on. PolNeAR
(Newell, Margolin & Ruths, LREC 2018) is text nobody looked at while writing the rules:

- every ``SPLIT/text/*.txt`` article, read as ``framing score`` reads a text file;
- every scare-quote hit of the whole pipeline on them (loaded-term hits of category
  ``scare_quote`` from :class:`framing.measure.analyzer.Analyzer`);
- ``--n`` of them drawn with ``random.Random(--seed)`` from the hits in (file, offset) order,
  before any is read; the script prints counts only, and writes the hits' neighbourhoods to
  ``--context`` (a file outside the project) for the labeller.

Each row also says whether the hit lies inside a ``Content`` span of PolNeAR's own gold
attributions (``SPLIT/attributions/NAME_*.ann``): such words are credited to a source by
PolNeAR's annotators (``in_content``), an automatic cross-check of the hand verdicts.

PolNeAR's licence is not stated, so rows keep the article's file name, the offsets and the
fragment only, never its sentence (as ``tests/gold/source_types`` keeps PolNeAR spans).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sampling import draw_in_order, excluded_hits, head_commit

from framing.annotate.loaded_terms import SCARE_QUOTE_CATEGORY
from framing.measure.analyzer import Analyzer
from framing.read.corpus import Article, read_corpus

SEED = 18  # one past the first PolNeAR sample's seed (17, branch scare2)
STAGE = 7
#: Characters of context written for the labeller on each side of a hit.
CONTEXT = 600


def content_spans(attributions: Path, name: str) -> list[tuple[int, int]]:
    """(start, end) of every Content span (each part of a broken one) of an article's .ann."""
    spans = []
    for ann in attributions.glob(f"{name}_*.ann"):
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) < 2 or not fields[1].startswith("Content "):
                continue
            for part in fields[1].removeprefix("Content ").split(";"):
                start, end = part.split()
                spans.append((int(start), int(end)))
    return spans


def in_content(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits", type=Path, nargs="+",
                        help="PolNeAR split folders (text/, attributions/)")
    parser.add_argument("--n", type=int, default=120, help="how many hits to draw")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--context", type=Path, help="where to write the hits' context")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="a JSONL sample whose hits (article, start, end) are not drawn again")
    args = parser.parse_args(argv)
    analyzer = Analyzer()
    hits = []
    for split in args.splits:
        articles = [a for a in read_corpus([split / "text"]) if isinstance(a, Article)]
        articles.sort(key=lambda a: a.id)
        for article, analysis in zip(articles, analyzer.analyze_articles(articles), strict=True):
            name = Path(article.id).stem
            spans = content_spans(split / "attributions", name)
            for hit in analysis.term_hits:
                if hit.category != SCARE_QUOTE_CATEGORY:
                    continue
                start, end = hit.span.start, hit.span.end
                hits.append({
                    "source": f"polnear_{split.name}", "article": name, "start": start,
                    "end": end, "fragment": article.text[start:end],
                    "in_content": in_content(start, end, spans), "stage": STAGE,
                    "_text": article.text,
                })
    found = len(hits)
    seen = excluded_hits(args.exclude)
    hits = [row for row in hits if (row["article"], row["start"], row["end"]) not in seen]
    drawn = draw_in_order(hits, args.n, args.seed)
    commit = head_commit()
    with args.out.open("w", encoding="utf-8") as out:
        for row in drawn:
            text = row.pop("_text")
            out.write(json.dumps({**row, "collected_at": commit}, ensure_ascii=False) + "\n")
            if args.context:
                with args.context.open("a", encoding="utf-8") as context:
                    before = text[max(0, row["start"] - CONTEXT) : row["start"]]
                    after = text[row["end"] : row["end"] + CONTEXT // 2]
                    context.write(f"### {row['article']} {row['start']}\n{before}[[["
                                  f"{row['fragment']}]]]{after}\n\n")
    inside = sum(row["in_content"] for row in hits)
    print(f"PolNeAR {', '.join(s.name for s in args.splits)}: {found} scare-quote hits, "
          f"{found - len(hits)} already labelled; of the other {len(hits)} "
          f"(in {len({r['article'] for r in hits})} articles, {inside} inside a gold Content "
          f"span) {len(drawn)} drawn with seed {args.seed}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
