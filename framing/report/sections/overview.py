"""Section 1, Overview: a comparison in, the section out.

The corpus's groups side by side: their articles, words and dates; the headline figures with
their bootstrap intervals; the outlet x story counts and within-story figures when articles
carry stories; and how stable each group's rank is under resampling.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from framing.compare.grouping import UNKNOWN_GROUP
from framing.compare.records import SMALL_SAMPLE, Comparison, Estimate, Group, Ref, WithinStory
from framing.compare.statistics import BOOTSTRAP_RESAMPLES, RANK_HOLDS, rank_holds
from framing.compare.stories import (
    DEFAULT_MIN_SIMILARITY,
    ORIGIN_AUTOMATIC,
    ORIGIN_CORRECTIONS,
    ORIGIN_METADATA,
)
from framing.measure.metrics import HEADLINE_METRICS
from framing.report.blocks import Cell, Note, Paragraph, Section, Table
from framing.report.cells import (
    evidence_links,
    fmt_difference,
    fmt_rate,
    group_header,
    group_label,
    is_missing,
    number_cell,
    plural,
    pooled_reason,
    within_cell,
    within_shown,
)
from framing.report.position import position_chart
from framing.report.scale import MAX_GROUP_COLUMNS

# A headline figure links to the sentences of the records it counts; distinct sources are
# counted from the attributions, so they link to those.
HEADLINE_EVIDENCE = {"attribution_n_distinct_sources": "attribution_n"}


def _estimate_cell(value: Estimate, n_articles: int, refs: Sequence[Ref] = ()) -> Cell:
    if is_missing(value.mean):
        return number_cell("n/a", note="no article of this outlet gives evidence for it")
    text = f"{value.mean:.2f}"
    if not is_missing(value.low):
        text += f" [{value.low:.2f}–{value.high:.2f}]"
    style = "num warn" if n_articles < SMALL_SAMPLE else "num"
    return Cell(
        text, links=evidence_links(refs), style=style, note=f"mean over {value.n} article(s)"
    )


def _stories_in(comparison: Comparison) -> list[str]:
    """The stories in the report's order: a grouping's in its order (earliest first, so S2
    comes before S10), the metadata's by name; in no story last."""
    found = {story for counts in comparison.outlet_stories.values() for story in counts}
    grouping = comparison.story_grouping
    order = {name: i for i, name in enumerate(grouping.stories)} if grouping else {}
    return sorted(
        found,
        key=lambda name: (name == UNKNOWN_GROUP, order.get(name, len(order)), name.lower(), name),
    )


def story_origin_text(comparison: Comparison) -> str:
    """Where the stories came from (the metadata, the user's corrections file, the automatic
    grouping), with the method in one line and how to inspect and correct them."""
    grouping = comparison.story_grouping
    if grouping is None:
        named = [s for s in _stories_in(comparison) if s != UNKNOWN_GROUP]
        origins = Counter({ORIGIN_METADATA: len(named)})
    else:
        origins = Counter(story.origin for story in grouping.stories.values())
    said = {
        ORIGIN_METADATA: "from the metadata's labels",
        ORIGIN_CORRECTIONS: "from your corrections file (--stories)",
        ORIGIN_AUTOMATIC: "grouped automatically",
    }
    parts = [f"{_count(origins[o], 'story')} {said[o]}" for o in said if origins[o]]
    text = f"Stories: {'; '.join(parts) or 'none'}."
    alone = sum(counts.get(UNKNOWN_GROUP, 0) for counts in comparison.outlet_stories.values())
    if alone:
        text += f" {_count(alone, 'article')} in no story."
    if origins[ORIGIN_AUTOMATIC]:
        text += (
            " Grouped automatically: articles whose words, named actors and figures are alike "
            f"(cosine similarity {DEFAULT_MIN_SIMILARITY:g} or more), dated at most "
            f"{grouping.window_days} days apart, are one story, named S1, S2… by its top "
            "terms; an article that no other covers is in no story (docs/stories.md)."
        )
    return text + (
        " To inspect and correct them: framing stories CORPUS lists each story and its "
        "articles; framing stories CORPUS --write-csv FILE writes them to a file to edit and "
        "give back with framing report CORPUS --stories FILE."
    )


def _count(n: int, unit: str) -> str:
    return f"{n:,} {unit if n == 1 else plural(unit)}"


def story_label(comparison: Comparison, name: str) -> str:
    """A story as the tables name it: a grouped story with its earliest headline (the name of an
    automatic one is its number and top terms), a label of the metadata or of the user's file
    as it is."""
    grouping = comparison.story_grouping
    story = grouping.stories.get(name) if grouping else None
    if name == UNKNOWN_GROUP:
        return "in no story"
    if story is None or story.origin != ORIGIN_AUTOMATIC or not story.headline:
        return name
    return f"{name} (earliest: {story.headline})"


def _shared(comparison: Comparison) -> dict[str, list[str]]:
    """Story -> the outlets that covered it, for the stories more than one outlet covered."""
    stories = [s for s in _stories_in(comparison) if s != UNKNOWN_GROUP]
    covered = {s: [o for o, c in comparison.outlet_stories.items() if s in c] for s in stories}
    return {s: outlets for s, outlets in covered.items() if len(outlets) > 1}


def _stories_in_rows(comparison: Comparison) -> bool:
    """More stories than a table takes as columns: the outlet x story table has a row each."""
    return len(_stories_in(comparison)) > MAX_GROUP_COLUMNS


def shared_stories_text(comparison: Comparison) -> str:
    """In words: which stories more than one outlet covered, and which outlets were alone."""
    shared = _shared(comparison)
    alone = [
        o for o in comparison.outlet_stories if not any(o in outlets for outlets in shared.values())
    ]
    parts = [f"{s} ({', '.join(outlets)})" for s, outlets in shared.items()]
    if not parts:
        text = "No story was covered by more than one outlet: no within-story comparison."
    elif _stories_in_rows(comparison):
        text = f"Covered by more than one outlet: {_count(len(parts), 'story')} (above)."
    else:
        text = f"Covered by more than one outlet: {'; '.join(parts)}."
    if alone:
        text += f" Alone on their stories, so without a within-story figure: {', '.join(alone)}."
    return text


def outlet_story_table(comparison: Comparison) -> Table:
    """Articles of each outlet on each story: who can be compared with whom. With more stories
    than a table takes as columns, one row per story covered by two outlets or more, then the
    stories of one outlet and the articles in no story summed up."""
    stories = _stories_in(comparison)
    counts = comparison.outlet_stories
    if not _stories_in_rows(comparison):
        rows = [
            [Cell(outlet)]
            + [number_cell(str(by[s])) if s in by else Cell("–", style="na") for s in stories]
            for outlet, by in counts.items()
        ]
        header = ["outlet", *(story_label(comparison, s) for s in stories)]
        return Table("Articles of each outlet on each story", header, rows)
    shared = list(_shared(comparison))
    single = [s for s in stories if s not in shared and s != UNKNOWN_GROUP]

    def row(label: str, names: Sequence[str]) -> list[Cell]:
        found = [sum(by.get(s, 0) for s in names) for by in counts.values()]
        return [Cell(label)] + [number_cell(str(n)) if n else Cell("–", style="na") for n in found]

    rows = [row(story_label(comparison, s), [s]) for s in shared]
    if single:
        rows.append(row(f"{_count(len(single), 'story')} of one outlet each", single))
    if UNKNOWN_GROUP in stories:
        rows.append(row(story_label(comparison, UNKNOWN_GROUP), [UNKNOWN_GROUP]))
    return Table(
        "Articles of each outlet on each story covered by two outlets or more",
        ["story", *counts],
        rows,
    )


def _within_cell(value: WithinStory) -> Cell:
    shown = "" if is_missing(value.difference) else fmt_difference(value.difference, "rate")
    return within_cell(value, shown)


def within_story_table(comparison: Comparison) -> Table:
    outlets = list(comparison.outlet_stories)
    return Table(
        "Within stories: each outlet's mean minus the story's mean (the mean of the outlets' "
        "means on it), averaged over the stories it shares with another outlet",
        ["figure", *outlets],
        [
            [Cell(label)] + [_within_cell(comparison.within_story[metric][o]) for o in outlets]
            for metric, label in HEADLINE_METRICS.items()
        ],
    )


def like_with_like(comparison: Comparison) -> list:
    """The overview's story blocks: a warning when outlets covered different stories, the
    outlet x story counts and the within-story figures. Nothing when no article has a story."""
    if not comparison.outlet_stories:
        return []
    blocks: list = [Paragraph(story_origin_text(comparison))]
    if comparison.stories_differ:
        blocks.append(
            Note(
                "These outlets are compared over different stories: not every outlet covered each "
                "story (table below). A difference between two outlets' pooled figures may be a "
                "difference between the events they covered. The within-story figures compare "
                "each outlet only with the other outlets on the same story; a story one outlet "
                "covered alone tells nothing about that outlet against the others and is left out.",
                "warning",
            )
        )
    blocks += [
        outlet_story_table(comparison),
        Paragraph(shared_stories_text(comparison)),
        within_story_table(comparison),
    ]
    counted = [
        w.n_articles
        for by_outlet in comparison.within_story.values()
        for w in by_outlet.values()
        if w.n_stories
    ]
    if counted and max(counted) < SMALL_SAMPLE:
        blocks.append(
            Note(
                f"Every within-story figure here rests on fewer than {SMALL_SAMPLE} articles of "
                "the outlet: it says how those articles differ from the other outlets' articles on "
                "the same event, not how the outlet reports. An outlet alone on its stories has "
                "no within-story figure (n/a).",
                "warning",
            )
        )
    return blocks


def same_for_all(groups: Sequence[Group], metric: str) -> float | None:
    """The one value every resample of every resampled group has (a figure that is 0 in every
    article of every outlet), or None: such a figure orders no one, and is no tie either."""
    draws = [g.headline[metric].draws for g in groups if g.headline[metric].draws is not None]
    lows, highs = {float(np.min(d)) for d in draws}, {float(np.max(d)) for d in draws}
    return lows.pop() if len(lows | highs) == 1 else None


def _rank_cell(comparison: Comparison, group: Group, metric: str, same: float | None) -> Cell:
    """Whom the group ranks above in RANK_HOLDS of the draws or more, and whom it ties."""
    if group.headline[metric].draws is None:
        return Cell(
            f"not ranked (n={len(group.articles)})",
            style="na",
            note=f"fewer than {SMALL_SAMPLE} articles with this figure: no resamples",
        )
    if same is not None:
        return Cell(
            f"not ranked: {same:g} for every {comparison.by}",
            style="na",
            note=f"every article of every {comparison.by} ranked has the same figure: there is "
            "no order to test",
        )
    above, ties = [], []
    for (a, b), share in comparison.ranks[metric].items():
        if a != group.name:
            continue
        holds = rank_holds(share)
        if holds:
            above.append(f"{b} {share:.0%}")
        elif holds is None and share == share:  # a tie; NaN (b has no draws) is left out
            ties.append(f"{b} (above in {share:.0%})")
    parts = ([f"above {', '.join(above)}"] if above else []) + (
        [f"tie: {', '.join(ties)}"] if ties else []
    )
    return Cell(
        "; ".join(parts) or "above none",
        note="above X 93%: ranks above X in 93% of the bootstrap resamples; tie: the order "
        f"holds in fewer than {RANK_HOLDS:.0%} of them either way (the share above is shown)",
    )


def rank_stability_block(comparison: Comparison) -> Table | Note:
    ranked = [
        g
        for g in comparison.groups
        if any(g.headline[m].draws is not None for m in HEADLINE_METRICS)
    ]
    if len(ranked) < 2:
        return Note(
            f"No ranks: fewer than two {plural(comparison.by)} have {SMALL_SAMPLE} articles or "
            "more, "
            "so no order between them can be tested by resampling; read every difference "
            "between them as a tie.",
            "warning",
        )
    same = {metric: same_for_all(comparison.groups, metric) for metric in HEADLINE_METRICS}
    return Table(
        f"Rank stability: whom each {comparison.by} ranks above in at least {RANK_HOLDS:.0%} "
        f"of {BOOTSTRAP_RESAMPLES:,} bootstrap resamples of its articles, and whom it ties",
        group_header(comparison, "figure"),
        [
            [Cell(label)]
            + [_rank_cell(comparison, g, metric, same[metric]) for g in comparison.groups]
            for metric, label in HEADLINE_METRICS.items()
        ],
    )


def overview(comparison: Comparison, analyses, failures: Sequence[tuple[str, str]]) -> Section:
    unit = comparison.by
    groups = comparison.groups
    facts = Table(
        caption=f"{plural(unit).capitalize()} in this corpus",
        header=group_header(comparison, ""),
        rows=[
            [Cell("articles")] + [number_cell(str(len(g.articles))) for g in groups],
            [Cell("words")] + [number_cell(f"{g.n_words:,}") for g in groups],
            [Cell("dates")] + [Cell(_date_range(g.first_date, g.last_date)) for g in groups],
        ],
    )
    headline = Table(
        caption="Headline figures: mean per article [95% bootstrap interval], beside the "
        "corpus mean",
        header=group_header(comparison, "figure") + ["corpus mean"],
        rows=[
            [Cell(label)]
            + [
                _estimate_cell(
                    g.headline[metric],
                    len(g.articles),
                    g.evidence.get(HEADLINE_EVIDENCE.get(metric, metric), ()),
                )
                for g in groups
            ]
            + [number_cell(fmt_rate(comparison.corpus_headline[metric]))]
            for metric, label in HEADLINE_METRICS.items()
        ],
    )
    blocks: list = []
    if len(groups) == 1:
        blocks.append(
            Note(
                f"Only one {unit} ({groups[0].name}) in this corpus: there is nothing "
                "to compare it with, so the figures below describe it alone.",
                "warning",
            )
        )
    small = [g.name for g in groups if g.small_sample]
    if small:
        blocks.append(
            Note(
                f"Small sample: {', '.join(small)} ha{'s' if len(small) == 1 else 've'} fewer than "
                f"{SMALL_SAMPLE} articles. Their figures describe those articles, not the {unit}; "
                f"95% intervals are shown only from {SMALL_SAMPLE} articles up.",
                "warning",
            )
        )
    not_scored = [a for a in analyses if a.status != "ok"]
    if not_scored or failures:
        blocks.append(
            Note(
                f"{len(failures)} input(s) could not be read and "
                f"{len(not_scored)} article(s) were empty or failed; they are listed "
                "in the Articles section and count toward no figure.",
                "warning",
            )
        )
    if comparison.outlet_stories:
        headline.caption += " (pooled over all stories)"
    position = position_chart(comparison, group_label)
    blocks += [facts, *like_with_like(comparison), headline, *([position] if position else []),
               rank_stability_block(comparison)]  # fmt: skip
    return Section(
        "overview",
        "1. Overview",
        f"{comparison.n_articles} articles from {len(groups)} {plural(unit)}, side by side. "
        "Means are over each article's figures; the sections below pool each outlet's text"
        f"{_sections_basis(comparison)}. A figure is n/a when the text gives no evidence for it "
        "(for example, no attributions).",
        blocks,
    )


def _sections_basis(comparison: Comparison) -> str:
    """How the sections below compare the outlets, in the overview's intro."""
    if comparison.by != "outlet":
        return ""
    if within_shown(comparison):
        return (
            " on each story and compare it within stories (the outlet's figure minus the "
            "story's mean), its pooled figure over all its articles beside it"
        )
    return f" over all its articles, whatever the story ({pooled_reason(comparison)})"


def _date_range(first: str, last: str) -> str:
    if not first:
        return "n/a"
    return first if first == last else f"{first} – {last}"
