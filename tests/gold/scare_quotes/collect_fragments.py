"""Collect the candidate fragments of the scare-quote sample (no verdicts: those are by hand).

    .venv/bin/python tests/gold/scare_quotes/collect_fragments.py \
        ../shared/corpora/bbc_news.jsonl --seeds seeds/ --out /tmp/stage1.jsonl
    .venv/bin/python tests/gold/scare_quotes/collect_fragments.py \
        ../shared/corpora/bbc_news.jsonl --seed 13 --fraction 0.15 \
        --exclude tests/gold/scare_quotes/drawn_articles.txt --out /tmp/stage2.jsonl

What it collects, and why (the README beside this file says how the sample was labelled):

- every closed quoted fragment of 1 to 6 words (:func:`framing.annotate.quotes.find_quotes` on the
  cleaned text, offsets moved back to the text as framing reads it), from a fixed-seed sample
  of the BBC corpus stratified by category (``--fraction`` of each category) and from every
  seed article: short enough to be a scare quote under any detector we might write;
- the fragments today's detector flags (loaded-term hits of category ``scare_quote`` from
  :class:`framing.measure.analyzer.Analyzer`), marked ``flagged_at_collection``; a flagged hit that
  no fragment covers is added as its own row.

Each run also writes ``OUT.drawn.txt``, every BBC article it drew (``drawn_articles.txt`` beside
this file holds every stage's), which a later stage passes to ``--exclude``.

Offsets count into ``Article.text`` as :func:`framing.read.corpus.read_corpus` gives it: a BBC
row's ``text`` field, a seed file's text. Each row keeps its sentence only, never more of
the article (the BBC corpus is not ours to redistribute).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

from sampling import head_commit

from framing.annotate.loaded_terms import SCARE_QUOTE_CATEGORY
from framing.annotate.quotes import _WORD, find_quotes
from framing.measure.analyzer import Analyzer
from framing.read.cleaning import clean_text
from framing.read.corpus import Article, read_corpus

SEED = 12  # the number: any fixed seed would do, this one is easy to remember
MAX_WORDS = 6


def stratified_sample(
    articles: list[Article], fraction: float, seed: int, exclude: frozenset[str] = frozenset()
) -> list[Article]:
    """``fraction`` of each category (the id's folder, ``business/001.txt``), in id order,
    drawn from the articles not in ``exclude`` (a later stage leaves out the earlier ones)."""
    by_category: dict[str, list[Article]] = defaultdict(list)
    sizes: dict[str, int] = defaultdict(int)
    for article in articles:
        category = article.id.split("/")[0]
        sizes[category] += 1
        if article.id not in exclude:
            by_category[category].append(article)
    rng = random.Random(seed)
    chosen = []
    for category in sorted(by_category):
        members = sorted(by_category[category], key=lambda a: a.id)
        chosen += rng.sample(members, round(sizes[category] * fraction))
    return sorted(chosen, key=lambda a: a.id)


def short_fragments(article: Article) -> list[tuple[int, int]]:
    """Original-text offsets of each closed quoted fragment of 1..MAX_WORDS words."""
    clean = clean_text(article.text)
    spans = []
    for quote in find_quotes(clean.text):
        if quote.closed and 1 <= len(_WORD.findall(quote.span.text)) <= MAX_WORDS:
            spans.append(clean.span_to_original(quote.span.start, quote.span.end))
    return spans


def sentence_of(sentences, start: int):
    starts = [s.start for s in sentences]
    index = max(bisect_right(starts, start) - 1, 0)
    return sentences[index]


def rows_of(source: str, article: Article, analysis) -> list[dict]:
    flagged = [
        (h.span.start, h.span.end) for h in analysis.term_hits
        if h.category == SCARE_QUOTE_CATEGORY
    ]
    spans = {span: False for span in short_fragments(article)}
    for f_start, f_end in flagged:
        covering = [s for s in spans if s[0] < f_end and f_start < s[1]]
        for span in covering:
            spans[span] = True
        if not covering:
            spans[(f_start, f_end)] = True
    rows = []
    for (start, end), is_flagged in sorted(spans.items()):
        sentence = sentence_of(analysis.sentences, start)
        rows.append({
            "source": source,
            "article": article.id,
            "start": start,
            "end": end,
            "fragment": article.text[start:end],
            "sentence": article.text[sentence.start:sentence.end],
            "sentence_start": sentence.start,
            "flagged_at_collection": is_flagged,
        })
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bbc", type=Path, help="bbc_news.jsonl")
    parser.add_argument("--seeds", type=Path, help="the seeds folder (all of it is taken)")
    parser.add_argument("--fraction", type=float, default=0.10,
                        help="share of each BBC category's articles to draw")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--exclude", type=Path,
                        help="BBC article ids not to draw again, one a line (an earlier stage's)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    exclude = frozenset()
    if args.exclude is not None:
        exclude = frozenset(args.exclude.read_text(encoding="utf-8").split())
    bbc = stratified_sample(list(read_corpus([args.bbc])), args.fraction, args.seed, exclude)
    seeds = list(read_corpus([args.seeds])) if args.seeds else []
    analyzer = Analyzer()
    rows = []
    for source, articles in (("seeds", seeds), ("bbc_news", bbc)):
        for article, analysis in zip(articles, analyzer.analyze_articles(articles), strict=True):
            rows += rows_of(source, article, analysis)
    commit = head_commit()
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({**row, "collected_at": commit}, ensure_ascii=False) + "\n")
    # Every article drawn, with or without a fragment: the sample's denominator, and what a
    # later stage excludes.
    drawn = args.out.with_suffix(".drawn.txt")
    drawn.write_text("".join(f"{article.id}\n" for article in bbc), encoding="utf-8")
    n_flagged = sum(r["flagged_at_collection"] for r in rows)
    print(f"{len(bbc)} BBC articles, {len(seeds)} seeds: {len(rows)} fragments, "
          f"{n_flagged} flagged", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
