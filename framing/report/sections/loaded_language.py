"""Section 4, Loaded language: a comparison and the analyses in, the section out.

Loaded terms per 1,000 words of each voice (narration, paraphrase, quoted; own wording =
narration + paraphrase), the terms each outlet uses in its own wording, and each one in its
sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from framing.annotate.voice import OWN_VOICES
from framing.compare.records import Comparison, Group
from framing.report.blocks import BarChart, Cell, Link, Section, Table
from framing.report.cells import (
    anchor,
    counted_cell,
    fmt_rate,
    group_header,
    group_label,
    number_cell,
    side_by_side,
)

#: The voices the loaded-language table shows side by side, in this order.
_VOICE_COLUMNS = ("own", "narration", "paraphrase", "quoted")


def loaded_language(comparison: Comparison, analyses) -> Section:
    groups = comparison.groups
    categories = comparison.loaded_categories
    rows = [
        [Cell("all categories")]
        + [
            number_cell(
                " / ".join(
                    fmt_rate(g.metrics[f"loaded_{voice}_per_1000_words"])
                    for voice in _VOICE_COLUMNS
                )
            )
            for g in groups
        ]
    ] + [
        [Cell(category.replace("_", " "))]
        + [
            number_cell(
                " / ".join(fmt_rate(g.loaded_rates[category][voice]) for voice in _VOICE_COLUMNS)
            )
            for g in groups
        ]
        for category in categories
    ]
    rates = Table(
        "Loaded terms per 1,000 words of each voice: own wording (narration + paraphrase) / "
        "narration / paraphrase / quoted",
        group_header(comparison, "category"),
        rows,
    )
    chart = BarChart(
        "loaded-rates",
        "Loaded terms in the outlet's own wording, per 1,000 of its own words, by category",
        [g.name for g in groups],
        [c.replace("_", " ") for c in categories],
        [[g.loaded_rates[c]["own"] for c in categories] for g in groups],
        "loaded terms per 1,000 own words (narration + paraphrase)",
    )
    terms = Table(
        "Terms each outlet uses in its own wording, narration or paraphrase (category) ×count, "
        "with links",
        group_header(comparison, "#"),
        side_by_side(groups, [g.own_voice_terms for g in groups], counted_cell),
    )
    context = Table(
        "In context: the first sentence of each own-wording term, its voice and, for a scare "
        "quote, why it was judged one",
        [comparison.by, "term", "entry", "voice", "sentence"],
        _term_contexts(groups, analyses),
    )
    return Section(
        "loaded-language",
        "4. Loaded language",
        "Loaded terms from lexicons/loaded_terms.yaml, split by voice: narration (the outlet's "
        "own words), paraphrase (what a source said, in the outlet's words) and quoted (inside "
        "quote marks, the speaker's). Own wording = narration + paraphrase. A short fragment in "
        "quote marks is the speaker's when a speaker nearby is credited with it; a scare quote "
        "is one nobody is credited with, and not a name. Rates are per 1,000 words of each "
        "voice.",
        [chart, rates, terms, context],
    )


def _term_contexts(groups: Sequence[Group], analyses) -> list[list[Cell]]:
    rows = []
    for group in groups:
        for row in group.own_voice_terms:
            # The first hit of the term in the group's articles is the one row.refs[0] points at.
            hit = next(
                h
                for i in group.articles
                for h in analyses[i].term_hits
                if h.voice in OWN_VOICES and h.term == row.key
            )
            text = analyses[row.refs[0].article].article.text
            sentence = hit.sentence
            rows.append(
                [
                    Cell(group_label(group)),
                    Cell(row.key),
                    Cell(row.entry_id, style="code"),
                    Cell(hit.voice + (f": {hit.reason}" if hit.reason else "")),
                    Cell(
                        "",
                        links=(Link("›", f"#{anchor(row.refs[0])}"),),
                        context=(
                            _one_line(text[sentence.start : hit.span.start]).lstrip(),
                            hit.span.text,
                            _one_line(text[hit.span.end : sentence.end]).rstrip(),
                        ),
                    ),
                ]
            )
    return rows


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)
