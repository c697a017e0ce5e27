"""Section 4, Loaded language: a comparison and the analyses in, the section out.

Loaded terms per 1,000 words of each voice (narration, paraphrase, quoted; own wording =
narration + paraphrase), the terms each outlet uses in its own wording, and each one in its
sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from framing.annotate.voice import OWN_VOICES
from framing.compare.records import SMALL_SAMPLE, Comparison, Group, WithinSections, WithinStory
from framing.measure.features import NAN
from framing.report.blocks import BarChart, Cell, Link, Section, Table
from framing.report.cells import (
    anchor,
    basis_sentence,
    fmt_difference,
    fmt_rate,
    group_header,
    group_label,
    is_missing,
    number_cell,
    ranked_lists,
    stories_text,
)

#: The voices the loaded-language table shows side by side, in this order.
_VOICE_COLUMNS = ("own", "narration", "paraphrase", "quoted")


def loaded_language(comparison: Comparison, analyses) -> Section:
    groups = comparison.groups
    categories = comparison.loaded_categories
    within = comparison.within_sections
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
        "narration / paraphrase / quoted" + (", pooled over all stories" if within else ""),
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
    terms = ranked_lists(
        comparison,
        "Terms each outlet uses in its own wording, narration or paraphrase (category) ×count, "
        "with links",
        lambda g: g.own_voice_terms,
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
        "voice." + basis_sentence(comparison),
        [chart, *([_within_table(comparison, within)] if within else []), rates, terms, context],
    )


def _within_table(comparison: Comparison, within: WithinSections) -> Table:
    """The rates by voice compared within stories: first the stories and articles each outlet
    is compared over, then the differences from the story's mean (own / narration / ...)."""
    all_categories = {
        voice: within.metrics.get(f"loaded_{voice}_per_1000_words", {}) for voice in _VOICE_COLUMNS
    }
    by_category = {"all categories": all_categories} | {
        category.replace("_", " "): within.loaded.get(category, {})
        for category in comparison.loaded_categories
    }
    coverage = [Cell("compared over")] + [
        _coverage_cell(within.coverage(g.name)) for g in comparison.groups
    ]
    rows = [coverage] + [
        [Cell(label)] + [_voices_cell(by_voice, g.name) for g in comparison.groups]
        for label, by_voice in by_category.items()
    ]
    return Table(
        "Loaded terms within stories: each outlet's rate per 1,000 words of each voice on a "
        "story minus the story's mean, averaged over the stories it shares with another outlet: "
        "own wording / narration / paraphrase / quoted",
        group_header(comparison, "category"),
        rows,
    )


def _coverage_cell(coverage: WithinStory) -> Cell:
    """The stories an outlet shares with another and its articles on them."""
    if not coverage.n_stories:
        return Cell("n/a", style="na", note="no story shared with another outlet")
    return Cell(
        f"{stories_text(coverage.n_stories)}, n={coverage.n_articles}",
        style="num warn" if coverage.n_articles < SMALL_SAMPLE else "num",
    )


def _voices_cell(by_voice: dict[str, dict[str, WithinStory]], outlet: str) -> Cell:
    values = [by_voice.get(voice, {}).get(outlet, WithinStory(NAN)) for voice in _VOICE_COLUMNS]
    if all(is_missing(v.difference) for v in values):
        return number_cell("n/a")
    return number_cell(
        " / ".join(
            "n/a" if is_missing(v.difference) else fmt_difference(v.difference, "rate")
            for v in values
        ),
        note="; ".join(
            f"{voice}: {stories_text(v.n_stories)}, {v.n_articles} article(s)"
            for voice, v in zip(_VOICE_COLUMNS, values, strict=True)
        ),
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
