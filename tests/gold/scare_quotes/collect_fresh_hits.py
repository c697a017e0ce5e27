"""Draw the fresh held-out sample: scare-quote hits on BBC articles no earlier stage drew.

    .venv/bin/python tests/gold/scare_quotes/collect_fresh_hits.py \
        ../shared/corpora/bbc_news.jsonl --exclude tests/gold/scare_quotes/drawn_articles.txt \
        --n 120 --out /tmp/fresh.jsonl

Why (the README beside this file): the old held-out half of ``sample.jsonl`` was read for its
errors, so it no longer tests rules written after that reading. This draws a sample of the
detector's *hits* (not of every short fragment: the issue's target is precision over hits)
from the articles none of stages 1-4 drew:

- every BBC article whose id is not in ``--exclude`` and whose text (runs of whitespace
  collapsed) is not the text of an excluded one (the corpus repeats some articles under two
  ids, ``politics/141.txt`` and ``politics/300.txt``);
- every scare-quote hit of the whole pipeline on them (loaded-term hits of category
  ``scare_quote`` from :class:`framing.measure.analyzer.Analyzer`, as ``framing score``);
- minus, with ``--exclude-hits SAMPLE.jsonl`` (repeatable), every fragment a sample holds,
  in its article or in another copy of the same text (for a draw of the hits no sample holds,
  on the whole corpus: no ``--exclude``);
- ``--n`` of them drawn with ``random.Random(--seed)`` from the hits in (article id, offset)
  order, before any is read; the script prints counts only, and with ``--context FILE`` (a
  file outside the project) writes each drawn hit's neighbourhood for a labeller.

Rows have no verdict: those are written by hand. Each keeps its sentence only, never more of
the article (the BBC corpus is not ours to redistribute).
"""

from __future__ import annotations

import argparse
import json
import sys
from bisect import bisect_right
from pathlib import Path

from sampling import draw_in_order, excluded_hits, head_commit

from framing.annotate.loaded_terms import SCARE_QUOTE_CATEGORY
from framing.measure.analyzer import Analyzer
from framing.read.corpus import Article, read_corpus

SEED = 16  # one past the last stage's seed (stage 4: 15)
STAGE = 5


def _normalised(text: str) -> str:
    return " ".join(text.split())


def undrawn(articles: list[Article], exclude: frozenset[str]) -> list[Article]:
    """The articles not excluded, by id or by a text an excluded article has too."""
    drawn_texts = {_normalised(a.text) for a in articles if a.id in exclude}
    return sorted(
        (a for a in articles if a.id not in exclude and _normalised(a.text) not in drawn_texts),
        key=lambda a: a.id,
    )


def corpus_texts(articles: list[Article]) -> dict[str, str]:
    """Each article id's text with runs of whitespace collapsed."""
    return {a.id: _normalised(a.text) for a in articles}


def labelled_keys(articles: list[Article], samples: list[Path]) -> set[tuple]:
    """The labelled fragments, by (article, start, end) and by (the article's text, fragment,
    sentence): the corpus repeats some articles under two ids, and a fragment labelled in
    one copy has been read in the other."""
    texts = corpus_texts(articles)
    keys: set[tuple] = set(excluded_hits(samples))
    for sample in samples:
        for line in sample.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["article"] in texts and "sentence" in row:
                keys.add((texts[row["article"]], row["fragment"], _normalised(row["sentence"])))
    return keys


def is_labelled(row: dict, texts: dict[str, str], keys: set[tuple]) -> bool:
    return ((row["article"], row["start"], row["end"]) in keys
            or (texts[row["article"]], row["fragment"], _normalised(row["sentence"])) in keys)


def context_block(row: dict, text: str, chars: int = 600) -> str:
    """The hit marked [[[like this]]] in ``chars`` characters before it and half that after."""
    before = text[max(0, row["start"] - chars) : row["start"]]
    after = text[row["end"] : row["end"] + chars // 2]
    return f"### {row['article']} {row['start']}\n{before}[[[{row['fragment']}]]]{after}\n\n"


def hit_rows(article: Article, analysis) -> list[dict]:
    starts = [s.start for s in analysis.sentences]
    rows = []
    for hit in analysis.term_hits:
        if hit.category != SCARE_QUOTE_CATEGORY:
            continue
        start, end = hit.span.start, hit.span.end
        sentence = analysis.sentences[max(bisect_right(starts, start) - 1, 0)]
        rows.append({
            "source": "bbc_news",
            "article": article.id,
            "start": start,
            "end": end,
            "fragment": article.text[start:end],
            "sentence": article.text[sentence.start:sentence.end],
            "sentence_start": sentence.start,
            "flagged_at_collection": True,
            "stage": STAGE,
        })
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bbc", type=Path, help="bbc_news.jsonl")
    parser.add_argument("--exclude", type=Path,
                        help="BBC article ids drawn before, one a line (drawn_articles.txt)")
    parser.add_argument("--exclude-hits", type=Path, action="append", default=[],
                        help="a JSONL sample whose fragments are not drawn again (repeatable)")
    parser.add_argument("--n", type=int, default=120, help="how many hits to draw")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--context", type=Path, help="where to write the hits' context")
    args = parser.parse_args(argv)
    ids = args.exclude.read_text(encoding="utf-8").split() if args.exclude else []
    exclude = frozenset(ids)
    corpus = list(read_corpus([args.bbc]))
    articles = undrawn(corpus, exclude)
    analyzer = Analyzer()
    hits = []
    for article, analysis in zip(articles, analyzer.analyze_articles(articles), strict=True):
        hits += hit_rows(article, analysis)
    if args.exclude_hits:
        labelled, texts = labelled_keys(corpus, args.exclude_hits), corpus_texts(corpus)
        hits = [row for row in hits if not is_labelled(row, texts, labelled)]
    drawn = draw_in_order(hits, args.n, args.seed)
    commit = head_commit()
    with args.out.open("w", encoding="utf-8") as out:
        for row in drawn:
            out.write(json.dumps({**row, "collected_at": commit}, ensure_ascii=False) + "\n")
    if args.context:
        by_id = {a.id: a.text for a in corpus}
        args.context.write_text("".join(
            context_block(row, by_id[row["article"]]) for row in drawn), encoding="utf-8")
    print(f"{len(articles)} BBC articles not drawn before: {len(hits)} scare-quote hits in "
          f"{len({r['article'] for r in hits})} articles; {len(drawn)} drawn with seed "
          f"{args.seed}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
