"""Section 9, Shared copy: a comparison and the analyses in, the section out.

Pairs of articles that share passages word for word (computed in
:mod:`framing.compare.shared_copy`), and every passage with both sides in context.
"""

from __future__ import annotations

from bisect import bisect_right

from framing.compare.records import Comparison, Ref
from framing.compare.shared_copy import BOILERPLATE_ARTICLES, KIND_QUOTE, SHINGLE_WORDS, PassageSide
from framing.report.blocks import Cell, Link, Note, Paragraph, Section, Table
from framing.report.cells import anchor, fmt_share, number_cell

SHARED_PASSAGES_SHOWN = 200  # passage rows listed; the count says how many there are in all


def _wire_of(article) -> str:
    return article.wire or "none credited"


def _passage_cell(group: str, side: PassageSide, analyses) -> Cell:
    article = analyses[side.article].article
    where = "in quote marks" if side.quoted else "narration"
    return Cell(
        f"({group}, {where})",
        (Link("›", f"#{anchor(_side_ref(analyses, side))}"),),
        note=f"{article.title or article.id} · characters {side.start}–{side.end}",
        context=(side.before, side.passage, side.after),
    )


def _side_ref(analyses, side: PassageSide) -> Ref:
    starts = [s.start for s in analyses[side.article].sentences]
    return Ref(side.article, max(bisect_right(starts, side.start) - 1, 0))


def shared_copy_section(comparison: Comparison, analyses) -> Section:
    pairs = comparison.shared_copy
    pair_rows = []
    for pair in pairs:
        first, second = analyses[pair.first].article, analyses[pair.second].article
        quotes = sum(p.kind == KIND_QUOTE for p in pair.passages)
        pair_rows.append(
            [
                Cell(f"{first.title or first.id}", (Link("›", f"#a{pair.first}"),)),
                Cell(pair.first_group),
                Cell(_wire_of(first)),
                Cell(f"{second.title or second.id}", (Link("›", f"#a{pair.second}"),)),
                Cell(pair.second_group),
                Cell(_wire_of(second)),
                number_cell(
                    "whole text"
                    if pair.identical
                    else f"{len(pair.passages)} ({quotes} quote{'' if quotes == 1 else 's'})"
                ),
                number_cell(str(pair.longest)),
                number_cell(fmt_share(pair.share)),
            ]
        )
    passages = [(pair, p) for pair in pairs for p in pair.passages]
    passage_rows = [
        [
            Cell(str(n + 1), style="num"),
            Cell(passage.kind),
            number_cell(str(passage.n_words)),
            _passage_cell(pair.first_group, passage.first, analyses),
            _passage_cell(pair.second_group, passage.second, analyses),
        ]
        for n, (pair, passage) in enumerate(passages[:SHARED_PASSAGES_SHOWN])
    ]
    threshold = (
        f"A shared passage is a run of {SHINGLE_WORDS} or more words found in both articles. "
        "Words are compared lowercased, with punctuation, line breaks and quote marks ignored, "
        "curly and straight apostrophes read alike, and hyphenated words split (mine-clearing = "
        f"mine clearing). A run found in more than {BOILERPLATE_ARTICLES} different texts is "
        "boilerplate and left out. A passage is a quote when both sides are inside quote marks "
        "(two outlets quoting the same line), and copy otherwise (shared narration). The wire "
        "is the one each article credits (its wire column: metadata or a dateline credit)."
    )
    blocks: list = [
        Paragraph(threshold),
        Table(
            "Pairs of articles sharing passages",
            ["article", comparison.by, "wire credited"] * 2
            + ["passages", "longest (words)", "of the shorter article"],
            pair_rows,
            first_column_is_header=False,
        ),
        Table(
            "Every shared passage, both sides in context",
            ["#", "kind", "words", "first article", "second article"],
            passage_rows,
            first_column_is_header=False,
        ),
    ]
    if len(passages) > SHARED_PASSAGES_SHOWN:
        blocks.append(
            Note(
                f"{len(passages):,} shared passages in all: the first {SHARED_PASSAGES_SHOWN} "
                "are listed, pairs with the most words in common first."
            )
        )
    if not pairs:
        blocks = [
            Paragraph(threshold),
            Paragraph(f"No two articles share a run of {SHINGLE_WORDS} words or more."),
        ]
    return Section(
        "shared-copy",
        "9. Shared copy",
        "Passages that two articles have in common word for word: wire copy, republication, "
        "or the same quote taken from the same source.",
        blocks,
    )
