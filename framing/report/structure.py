"""The report structure: a comparison in, plain objects out (sections, tables, charts, articles).

No HTML and no Markdown here: the structure says what the report shows, and the renderers
(:mod:`framing.report.render_html`, :mod:`framing.report.render_markdown`) say how. Every
figure that comes from records carries links (``#a3-s12``: article 3, sentence 12) to the
highlighted sentences in the Articles section, and lexicon-based rows carry the entry id.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from framing.annotate.voice import OWN_VOICES
from framing.compare.comparison import HEADLINE_METRICS
from framing.compare.grouping import UNKNOWN_GROUP
from framing.compare.pooled import by_state_outlet
from framing.compare.records import SMALL_SAMPLE, Comparison, Counted, Estimate, Group, Ref
from framing.compare.shared_copy import BOILERPLATE_ARTICLES, KIND_QUOTE, SHINGLE_WORDS, PassageSide
from framing.compare.statistics import BOOTSTRAP_RESAMPLES, RANK_HOLDS, rank_holds
from framing.measure.analyzer import ArticleAnalysis
from framing.measure.corroboration import OVERLAP_THRESHOLD
from framing.measure.features import state_media_reliance
from framing.report.accuracy import FIGURES_HEADER, REPORT_MEASURES, figure_cells

#: The voices the loaded-language table shows side by side, in this order.
_VOICE_COLUMNS = ("own", "narration", "paraphrase", "quoted")

MAX_LINKS = 5  # links shown per cell; the count says how many there are in all

# --- the plain objects ------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Cell:
    """One table cell: text, optional links to evidence, optional note (a tooltip) and a
    style hint (``num``, ``na``, ``candidate``, ``warn``, ``unsourced``)."""

    text: str
    links: tuple[Link, ...] = ()
    note: str = ""
    style: str = ""
    context: tuple[str, str, str] | None = None  # before, marked, after: a term in its sentence


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[Cell]]
    first_column_is_header: bool = True


@dataclass
class Paragraph:
    text: str


@dataclass
class Note:
    text: str
    level: str = "info"  # info | warning


@dataclass
class BarChart:
    """Horizontal bars, one per group; stacked by ``series`` (a share, a rate or points)."""

    chart_id: str
    title: str
    groups: list[str]
    series: list[str]
    values: list[list[float]]  # groups × series; NaN for n/a
    axis_label: str
    percent: bool = False


@dataclass
class Segment:
    text: str
    marks: tuple[str, ...] = ()  # css-safe mark names: speaker, cue, content, loaded-own ...
    note: str = ""


@dataclass
class SentenceView:
    anchor: str
    segments: list[Segment]


@dataclass
class ArticleView:
    anchor: str
    article_id: str
    title: str
    group: str
    outlet: str
    date: str
    status: str
    summary: str
    pieces: list[SentenceView | Segment]  # sentences, and the text between them


@dataclass
class Section:
    anchor: str
    title: str
    intro: str
    blocks: list = field(default_factory=list)


@dataclass
class Report:
    title: str
    subtitle: str
    generated_at: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    legend: list[tuple[str, str]]


# --- formatting -------------------------------------------------------------------------------


def is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_share(value: float | None) -> str:
    return "n/a" if is_missing(value) else f"{value:.0%}"


def fmt_rate(value: float | None, digits: int = 2) -> str:
    return "n/a" if is_missing(value) else f"{value:.{digits}f}"


def number_cell(text: str, **kwargs) -> Cell:
    return Cell(text, style="na" if text == "n/a" else "num", **kwargs)


def anchor(ref: Ref) -> str:
    return f"a{ref.article}-s{ref.sentence}"


def evidence_links(refs: Sequence[Ref]) -> tuple[Link, ...]:
    unique = list(dict.fromkeys(refs))
    return tuple(Link(str(n + 1), f"#{anchor(r)}") for n, r in enumerate(unique[:MAX_LINKS]))


def counted_cell(row: Counted | None, *, show_kind: bool = True) -> Cell:
    if row is None:
        return Cell("")
    kind = f" ({row.kind})" if show_kind and row.kind else ""
    note = f"lexicon entry {row.entry_id}" if row.entry_id else ""
    return Cell(f"{row.key}{kind} ×{row.count}", evidence_links(row.refs), note=note)


def side_by_side(groups: Sequence[Group], lists: Sequence[Sequence], make_cell) -> list[list[Cell]]:
    """Ranked lists as columns: row k holds each group's k-th item."""
    depth = max((len(items) for items in lists), default=0)
    return [
        [Cell(str(rank + 1), style="num")]
        + [make_cell(items[rank]) if rank < len(items) else Cell("") for items in lists]
        for rank in range(depth)
    ]


def group_label(group: Group) -> str:
    """A group's name as every table heads it: an outlet that is itself state-controlled says
    so (its narration is state media's voice), as does a story group holding such articles."""
    by_state = int(group.metrics.get("state_media_n_by_state_outlet", 0) or 0)
    if not by_state:
        return group.name
    if by_state == len(group.articles):
        return f"{group.name} (state-controlled)"
    return f"{group.name} ({by_state} by state-controlled outlets)"


def group_header(comparison: Comparison, first: str) -> list[str]:
    """Every table heads each group with its label and its number of articles, n."""
    return [first] + [f"{group_label(g)} (n={len(g.articles)})" for g in comparison.groups]


def metric_rows(comparison: Comparison, rows: Sequence[tuple[str, str, str]]) -> list[list[Cell]]:
    """(metric, label, format) rows of pooled metrics, one column per group."""
    formats = {"share": fmt_share, "rate": fmt_rate, "count": lambda v: fmt_rate(v, 0)}
    return [
        [Cell(label)]
        + [
            number_cell(
                formats[kind](g.metrics.get(metric)),
                links=evidence_links(g.evidence.get(metric, ())),
            )
            for g in comparison.groups
        ]
        for metric, label, kind in rows
    ]


# --- sections ---------------------------------------------------------------------------------


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


def plural(unit: str) -> str:
    """'outlet' -> 'outlets', 'story' -> 'stories' (the two units a report groups by)."""
    return unit[:-1] + "ies" if unit.endswith("y") else unit + "s"


def _stories_in(comparison: Comparison) -> list[str]:
    found = {story for counts in comparison.outlet_stories.values() for story in counts}
    return sorted(found, key=lambda name: (name == UNKNOWN_GROUP, name.lower(), name))


def shared_stories_text(comparison: Comparison) -> str:
    """In words: which stories more than one outlet covered, and which outlets were alone."""
    stories = [s for s in _stories_in(comparison) if s != UNKNOWN_GROUP]
    covered = {s: [o for o, c in comparison.outlet_stories.items() if s in c] for s in stories}
    shared = {s: outlets for s, outlets in covered.items() if len(outlets) > 1}
    alone = [
        o for o in comparison.outlet_stories if not any(o in outlets for outlets in shared.values())
    ]
    parts = [f"{s} ({', '.join(outlets)})" for s, outlets in shared.items()]
    text = (
        f"Covered by more than one outlet: {'; '.join(parts)}."
        if parts
        else "No story was covered by more than one outlet: no within-story comparison."
    )
    if alone:
        text += f" Alone on their stories, so without a within-story figure: {', '.join(alone)}."
    return text


def outlet_story_table(comparison: Comparison) -> Table:
    """Articles of each outlet on each story: who can be compared with whom."""
    stories = _stories_in(comparison)
    rows = [
        [Cell(outlet)]
        + [number_cell(str(counts[s])) if s in counts else Cell("–", style="na") for s in stories]
        for outlet, counts in comparison.outlet_stories.items()
    ]
    return Table("Articles of each outlet on each story", ["outlet", *stories], rows)


def _within_cell(value) -> Cell:
    if is_missing(value.difference):
        return number_cell(
            "n/a", note="this outlet covered no story that another outlet covered too"
        )
    stories = f"{value.n_stories} stor{'y' if value.n_stories == 1 else 'ies'}"
    shown = f"{value.difference:+.2f}".replace("-0.00", "+0.00")  # no sign from rounding
    return Cell(
        f"{shown} ({stories}, n={value.n_articles})",
        style="num warn" if value.n_articles < SMALL_SAMPLE else "num",
        note=f"its mean minus the story's mean, averaged over {stories} shared with another "
        f"outlet; {value.n_articles} article(s)",
    )


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
    blocks: list = []
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


def _rank_cell(comparison: Comparison, group: Group, metric: str) -> Cell:
    """Whom the group ranks above in RANK_HOLDS of the draws or more, and whom it ties."""
    if group.headline[metric].draws is None:
        return Cell(
            f"not ranked (n={len(group.articles)})",
            style="na",
            note=f"fewer than {SMALL_SAMPLE} articles with this figure: no resamples",
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
    return Table(
        f"Rank stability: whom each {comparison.by} ranks above in at least {RANK_HOLDS:.0%} "
        f"of {BOOTSTRAP_RESAMPLES:,} bootstrap resamples of its articles, and whom it ties",
        group_header(comparison, "figure"),
        [
            [Cell(label)] + [_rank_cell(comparison, g, metric) for g in comparison.groups]
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
    blocks += [facts, *like_with_like(comparison), headline, rank_stability_block(comparison)]
    return Section(
        "overview",
        "1. Overview",
        f"{comparison.n_articles} articles from {len(groups)} {plural(unit)}, side by side. "
        "Means are "
        "over each article's figures; the sections below pool each outlet's text. A figure is "
        "n/a when the text gives no evidence for it (for example, no attributions).",
        blocks,
    )


def _date_range(first: str, last: str) -> str:
    if not first:
        return "n/a"
    return first if first == last else f"{first} – {last}"


def sourcing(comparison: Comparison) -> Section:
    groups = comparison.groups
    figures = Table(
        "Attribution",
        group_header(comparison, "figure"),
        metric_rows(
            comparison,
            [
                ("attribution_n", "attributions", "count"),
                ("attribution_per_100_words", "attributions per 100 words", "rate"),
                ("attribution_named_source_share", "named sources", "share"),
                ("attribution_anonymous_source_share", "anonymous sources", "share"),
                ("attribution_direct_quote_share", "direct quotes", "share"),
                ("attribution_inferred_share", "floating quotes (speaker inferred)", "share"),
                ("attribution_n_distinct_sources", "distinct sources", "count"),
            ],
        ),
    )
    mix = BarChart(
        "source-mix",
        "Source mix: share of attributed speakers by source type",
        [g.name for g in groups],
        list(comparison.source_types),
        [_shares([g.source_mix.get(t, 0) for t in comparison.source_types]) for g in groups],
        "share of attributed speakers",
        percent=True,
    )
    speakers = Table(
        "Whom each outlet quotes: top speakers by entity (source type), with links to the claims",
        group_header(comparison, "#"),
        side_by_side(groups, [g.speakers for g in groups], counted_cell),
    )
    return Section(
        "sourcing",
        "2. Sourcing",
        "Who each outlet credits for its claims. Named against anonymous counts only attributions "
        "with a speaker; a speaker is resolved to one entity (Kim, he and Kim Jong-un are one).",
        [figures, mix, speakers],
    )


def _shares(counts: Sequence[int]) -> list[float]:
    total = sum(counts)
    return [c / total if total else math.nan for c in counts]


#: How the report says why a claim rests on state media (features.RELIANCE_REASONS).
RELIANCE_LABELS = {
    "direct": "state media speaks",
    "chain": "through a state-media channel or relay",
    "state_organ": "a state organ (speaks only through state media)",
}
MAX_CLAIM_ROWS = 300  # claims listed in the report; attributions.csv has every one
CLAIM_CHARS = 140


def _short(text: str, limit: int = CLAIM_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def outlet_identity_table(comparison: Comparison) -> Table | Paragraph:
    """Who the corpus's outlets are, and the document each classification rests on."""
    if not comparison.outlets:
        return Paragraph(
            "No outlet of this corpus is in lexicons/outlets.yaml: none is classified."
        )
    rows = [
        [
            Cell(name),
            Cell(identity.label, style="warn" if identity.state_controlled else ""),
            Cell(identity.basis or "not classified"),
            Cell(identity.entry_id),
        ]
        for name, identity in comparison.outlets.items()
    ]
    return Table(
        "Who publishes: each outlet's role and ownership, and where the classification comes "
        "from (lexicons/outlets.yaml)",
        ["outlet", "role and ownership", "basis of the classification", "entry"],
        rows,
    )


def _articles_by_state_outlets(comparison: Comparison, analyses) -> Table | Paragraph:
    rows = []
    for index, analysis in enumerate(analyses):
        if not by_state_outlet(analysis):
            continue
        identity = comparison.outlets.get(analysis.article.outlet)
        rows.append(
            [
                Cell(analysis.article.title or analysis.article.id, (Link("›", f"#a{index}"),)),
                Cell(analysis.article.outlet),
                Cell(identity.basis if identity and identity.basis else ""),
            ]
        )
    if not rows:
        return Paragraph(
            "No article of this corpus is BY a state-controlled outlet: every figure below is "
            "about articles that cite state media."
        )
    return Table(
        "Articles BY a state-controlled outlet: their narration is that outlet's own voice, so "
        "everything in them reaches the reader through state media",
        ["article", "outlet", "basis of the classification"],
        rows,
    )


def _claims_table(comparison: Comparison) -> Table:
    rows = []
    for group in comparison.groups:
        for claim in group.state_claims:
            corroborator = (
                Cell(
                    f"{claim.corroborator} ({claim.match})",
                    (Link("›", f"#{anchor(claim.corroborator_ref)}"),),
                )
                if claim.corroborator_ref
                else Cell("none", style="unsourced")
            )
            rows.append(
                [
                    Cell(group_label(group)),
                    Cell(claim.speaker or "(images)"),
                    Cell(RELIANCE_LABELS.get(claim.reliance, claim.reliance)),
                    Cell(_short(claim.text), (Link("›", f"#{anchor(claim.ref)}"),)),
                    corroborator,
                ]
            )
    shown = rows[:MAX_CLAIM_ROWS]
    caption = (
        "Each claim resting on state media, with its independent corroborator in the same "
        "article, or none"
    )
    if len(rows) > len(shown):
        caption += f" (first {len(shown)} of {len(rows)}; attributions.csv lists them all)"
    header = [comparison.by, "credited to", "rests on state media as", "claim", "corroborated by"]
    return Table(caption, header, shown)


def state_media(comparison: Comparison, analyses=()) -> Section:
    groups = comparison.groups
    figures = Table(
        "Reliance on state-controlled media",
        group_header(comparison, "figure"),
        metric_rows(
            comparison,
            [
                ("state_media_attribution_share", "attributions resting on state media", "share"),
                ("state_media_direct_share", "… directly (state media as speaker)", "share"),
                ("state_media_chain_share", "… through a chain (channel or relay)", "share"),
                (
                    "state_media_state_organ_share",
                    "… from a state organ that speaks only through state media",
                    "share",
                ),
                ("state_media_n_resting_articles", "articles resting on state media", "count"),
                ("state_media_n_by_state_outlet", "articles BY a state-controlled outlet", "count"),
                ("state_media_n_claims", "claims resting on state media", "count"),
                (
                    "state_media_corroborated_share",
                    "… of which an independent non-state source corroborates",
                    "share",
                ),
            ],
        ),
    )
    outlets = Table(
        "State outlets cited or mentioned (country), with links",
        group_header(comparison, "#"),
        side_by_side(groups, [g.state_outlets for g in groups], counted_cell),
    )
    return Section(
        "state-media",
        "3. State-media reliance",
        "How much of each outlet's reporting rests on state-controlled media such as KCNA: "
        "directly (KCNA said), through a chain (Kim said …, KCNA reported; Yonhap, citing KCNA; "
        "images released by KCNA), or from a state organ that speaks only through state media "
        "(North Korea's leader, its ministries), whether or not the article names the channel. "
        "Articles BY a state-controlled outlet are shown apart from articles that cite state "
        "media. A claim is corroborated when the same article credits the same figure, or at "
        f"least {OVERLAP_THRESHOLD:.0%} of its content words, to an independent non-state "
        "source: not the claim's own speaker, not a relay of state media, not a news outlet or "
        "wire reporting the same statement, not images or a report about it. n/a when an "
        "outlet has no attributions, or nothing rests on state media.",
        [
            outlet_identity_table(comparison),
            _articles_by_state_outlets(comparison, analyses),
            figures,
            _claims_table(comparison),
            outlets,
        ],
    )


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


def reporting_verbs(comparison: Comparison) -> Section:
    groups = comparison.groups
    stances = comparison.stances
    chart = BarChart(
        "stance-mix",
        "Stance of the reporting verbs: share of cues",
        [g.name for g in groups],
        stances,
        [_shares([g.stance_mix.get(s, 0) for s in stances]) for g in groups],
        "share of reporting verbs",
        percent=True,
    )
    shares = Table(
        "Stance mix",
        group_header(comparison, "stance"),
        metric_rows(comparison, [(f"stance_share_{s}", s, "share") for s in stances]),
    )
    cues = Table(
        "Reporting verbs each outlet uses (stance) ×count, with links",
        group_header(comparison, "#"),
        side_by_side(groups, [g.cues for g in groups], counted_cell),
    )
    return Section(
        "reporting-verbs",
        "5. Reporting verbs",
        "How each outlet introduces what others say: neutral (said, told), distancing (claimed), "
        "endorsing (confirmed, revealed) or characterising (boasted). Stances come from "
        "lexicons/reporting_verbs.yaml.",
        [chart, shares, cues],
    )


def naming(comparison: Comparison) -> Section:
    groups = comparison.groups
    actor_rows = []
    for actor in comparison.actors:
        cells = [Cell(f"{actor.name} ({actor.label}, {actor.mentions} mentions)")]
        for group in groups:
            titles = group.titles.get(actor.key, [])
            cells.append(_titles_cell(titles))
        actor_rows.append(cells)
    actors = Table(
        "Titles and epithets before the names of the main actors ([quoted]: inside quote "
        "marks, the speaker's words)",
        group_header(comparison, "actor"),
        actor_rows,
    )
    events = Table(
        "How each outlet labels events (category) ×count, with links ([quoted]: inside quote "
        "marks, the speaker's words, not the outlet's)",
        group_header(comparison, "#"),
        side_by_side(groups, [g.event_labels for g in groups], counted_cell),
    )
    epithets = Table(
        "Loaded labels used in place of a name, in the outlet's own voice ×count, with links",
        group_header(comparison, "#"),
        side_by_side(groups, [g.epithets for g in groups], counted_cell),
    )
    blocks: list = [actors, epithets, events]
    if not comparison.actors:
        blocks.insert(
            0,
            Note(
                "No named actors found: the pipeline that analysed these articles "
                "has no named-entity recogniser (or the texts name nobody)."
            ),
        )
    return Section(
        "naming",
        "6. Naming",
        "How each outlet refers to the most-mentioned people, organisations and places: the "
        "words right before the name (leader Kim Jong Un, Communist dictator Kim Jong-un). Event "
        "labels come from lexicons/event_labels.yaml.",
        blocks,
    )


def _titles_cell(titles: Sequence[Counted]) -> Cell:
    if not titles:
        return Cell("—", style="na", note="named without a title")
    text = "; ".join(f"{t.key} ×{t.count}" for t in titles[:MAX_LINKS])
    refs = [r for t in titles for r in t.refs]
    return Cell(text, evidence_links(refs))


def figures_section(comparison: Comparison) -> Section:
    groups = comparison.groups
    summary_rows = [
        [Cell("numbers stated")] + [number_cell(str(len(g.figures))) for g in groups],
        [Cell("attributed to a source")]
        + [number_cell(fmt_share(_attributed_share(g))) for g in groups],
    ]
    summary = Table(
        "Numbers stated and how many are attributed",
        group_header(comparison, "figure"),
        summary_rows,
    )
    rows = []
    for group in groups:
        for figure in group.figures:
            source = (
                f"{figure.source} ({figure.source_type})"
                if figure.source
                else "no source in the sentence"
            )
            rows.append(
                [
                    Cell(group_label(group)),
                    Cell(figure.text),
                    Cell(figure.counts or "—"),
                    Cell(source, style="" if figure.source else "unsourced"),
                    Cell("", links=(Link("›", f"#{anchor(figure.ref)}"),)),
                ]
            )
    detail = Table(
        "Each number, what it counts, and whom the outlet credits for it",
        [comparison.by, "number", "counts", "attributed to", "evidence"],
        rows,
    )
    return Section(
        "figures",
        "7. Figures and their sources",
        "The numbers each outlet states (troops, casualties, amounts, dates) and whether an "
        "attribution in the same sentence vouches for them. A number with no source is the "
        "outlet's own claim.",
        [summary, detail, *unsourced_assertions(comparison)],
    )


def unsourced_assertions(comparison: Comparison) -> list:
    """The outlet's own factual assertions with nobody credited: the share, then each one."""
    share = Table(
        "Factual assertions in the outlet's own wording, and the share with no source",
        group_header(comparison, "figure"),
        metric_rows(
            comparison,
            [
                ("assertion_n", "sentences stating a figure or an event claim", "count"),
                ("unsourced_assertion_share", "unsourced (unsourced_assertion_share)", "share"),
            ],
        ),
    )
    rows = [
        [
            Cell(group_label(group)),
            Cell(row.kind),
            Cell(
                "",
                (Link("›", f"#{anchor(row.ref)}"),),
                context=(row.before, row.evidence, row.after),
            ),
        ]
        for group in comparison.groups
        for row in group.unsourced
    ]
    listed = Table(
        "Unsourced assertions: each sentence, its figure or event verb marked",
        [comparison.by, "kind", "sentence"],
        rows,
    )
    how = Paragraph(
        "A factual assertion is a sentence that states, in the outlet's own wording (narration "
        "or paraphrase, not quoted words), a figure (a count, sum, percentage or measure; a date "
        "alone is none) or an event claim: its main verb, not a reporting verb, is in the past or "
        "present perfect and its subject names an actor (North Korea sent troops; Putin visited "
        "Pyongyang). It is unsourced when no attribution is in its sentence or earlier in its "
        "paragraph (a paragraph of more than five sentences, a scrape that lost its breaks, "
        "counts by sentence only), and its figure is credited to no one (estimates by X credit "
        "X). In the default mode, sentences the parser skipped (no reporting verb, quote mark "
        "or cue) are checked for figures only (digits, or a number word with the noun it "
        "counts); --full-parse checks them for event claims too."
    )
    return [how, share, listed] if rows else [how, share]


def _attributed_share(group: Group) -> float:
    if not group.figures:
        return math.nan
    return sum(bool(f.source) for f in group.figures) / len(group.figures)


def distinctive_wording(comparison: Comparison) -> Section:
    groups = comparison.groups

    def cell(term) -> Cell:
        candidate = "" if term.in_lexicon else " ✱"
        style = ("candidate" if not term.in_lexicon else "") + (" sig" if term.z >= 1.96 else "")
        return Cell(
            f"{term.term}{candidate} ×{term.count} (z {term.z:.1f})",
            style=style.strip(),
            note=f"{term.count} here, {term.count_elsewhere} in the other groups; z = {term.z:.2f}",
        )

    table = Table(
        "Words each outlet over-uses relative to the others (✱ = not in any lexicon: a candidate)",
        group_header(comparison, "#"),
        side_by_side(groups, [g.distinctive for g in groups], cell),
    )
    blocks: list = [table]
    if len(groups) < 2:
        blocks = [Note("Distinctive wording needs at least two groups to compare.")]
    return Section(
        "distinctive-wording",
        "8. Distinctive wording",
        "Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), "
        "each outlet against all the others, on word counts from scikit-learn's "
        "CountVectorizer (English stop words removed). Bold: z ≥ 1.96, significant at 5%; "
        "✱: not yet in any lexicon, a candidate for one.",
        blocks,
    )


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


def profile(comparison: Comparison) -> Section:
    groups = comparison.groups
    criteria = comparison.criteria
    rows = []
    for index, criterion in enumerate(criteria.criteria):
        cells = [Cell(criterion.label, note=criterion.explanation)]
        for group in groups:
            score = group.profile.scores[index]
            if not group.profile.scored:
                cells.append(_unscored_cell(score.value, len(group.articles), criterion))
            elif not score.applicable:
                cells.append(number_cell("n/a", note="no evidence in this outlet's text"))
            else:
                cells.append(
                    number_cell(
                        f"{score.points:.1f} / {criterion.points:g}",
                        note=f"{criterion.metric} = {score.value:.3f}",
                        links=evidence_links(group.evidence.get(criterion.metric, ())),
                    )
                )
        cells.append(
            Cell(
                f"{criterion.metric}: 0 points at {criterion.zero_at:g}, full at "
                f"{criterion.full_at:g}. {criterion.explanation}"
            )
        )
        rows.append(cells)
    rows.append(
        [Cell("Total")]
        + [_total_cell(g.profile) for g in groups]
        + [Cell("criteria with no evidence (n/a) count toward neither total nor maximum")]
    )
    table = Table(criteria.name, group_header(comparison, "criterion") + ["how it is scored"], rows)
    chart = BarChart(
        "profile",
        f"{criteria.name}: points per criterion",
        [g.name for g in groups],
        [c.label for c in criteria.criteria],
        [[s.points for s in g.profile.scores] for g in groups],
        "points",
    )
    return Section(
        "profile",
        "10. Sourcing and framing profile",
        "A transparent score per outlet from the criteria and weights in an editable YAML file, "
        "in the style of NewsGuard's published weighted criteria, but computed from the text.",
        [Note(criteria.disclaimer, "warning"), *_unscored_note(comparison), chart, table],
    )


def _unscored_cell(value: float, n_articles: int, criterion) -> Cell:
    """A figure of an outlet with too few articles for points: shown, labelled as what it is."""
    if is_missing(value):
        return number_cell("n/a", note="no evidence in these articles")
    label = "per-article figure" if n_articles == 1 else "figure of these articles only"
    return Cell(
        f"{value:.2f} ({label}, n={n_articles})",
        style="num na",
        note=f"{criterion.metric} over these {n_articles} article(s); no points below "
        "the criteria's min_articles",
    )


def _total_cell(profile) -> Cell:
    if not profile.scored:
        return Cell(
            f"no points: n={profile.n_articles}, fewer than {profile.min_articles}", style="na"
        )
    return number_cell(f"{profile.total:.1f} / {profile.maximum:g}")


def _unscored_note(comparison: Comparison) -> list[Note]:
    notes = []
    if comparison.by == "story":
        notes.append(
            Note(
                "Grouped by story: each column pools every outlet that covered the story, so its "
                "points describe that coverage, not an outlet. The overview's within-story table "
                "compares the outlets.",
                "warning",
            )
        )
    unscored = [g for g in comparison.groups if not g.profile.scored]
    if not unscored:
        return notes
    names = ", ".join(f"{g.name} (n={len(g.articles)})" for g in unscored)
    return notes + [
        Note(
            f"No points for {names}: fewer than {comparison.criteria.min_articles} articles "
            "(min_articles in the criteria file). A figure from so few articles describes those "
            "articles, not the outlet; their figures are shown as per-article figures, and no "
            "profile ranks them.",
            "warning",
        )
    ]


def accuracy_section(figures: dict | None) -> Section:
    """The error rates of the measures the report uses, from the figures file that
    docs/accuracy.md prints too (framing/data/accuracy.json)."""
    intro = (
        "How often each measure behind these figures agrees with human annotators, on the "
        "data named in each row. Read every figure above with these error rates in mind: a "
        "difference between outlets smaller than the measure's errors may be the measure's."
    )
    if figures is None:
        return Section(
            "accuracy",
            "11. How accurate are these measures",
            intro,
            [
                Note(
                    "The figures file (framing/data/accuracy.json) is missing: run make accuracy.",
                    "warning",
                )
            ],
        )
    measures = figures["measures"]
    table = Table(
        f"Measured with model {figures['model']}, lexicons {figures['lexicon_version']} "
        f"({figures['generated_by']}; docs/accuracy.md gives every table)",
        list(FIGURES_HEADER),
        [
            [
                Cell(c) if i in (0, 1, 5, 6) else number_cell(c)
                for i, c in enumerate(figure_cells(f))
            ]
            for f in measures
        ],
    )
    blocks: list = [table]
    missing = [
        name for key, name in REPORT_MEASURES.items() if key not in {f["id"] for f in measures}
    ]
    if missing:
        blocks.append(
            Note(
                f"Not in the figures file yet: {'; '.join(missing)}. Until "
                "make accuracy measures it, its error rate is unknown here.",
                "warning",
            )
        )
    return Section("accuracy", "11. How accurate are these measures", intro, blocks)


# --- articles with highlights -----------------------------------------------------------------

#: mark -> what it means, for the legend
LEGEND = [
    ("speaker", "speaker of an attribution (colour by source type)"),
    ("cue", "reporting verb or cue"),
    ("content", "attributed content"),
    ("loaded-own", "loaded term in the outlet's own wording (narration or paraphrase)"),
    ("loaded-quoted", "loaded term inside a quote"),
    ("state", "state-media outlet"),
]


def _marks_of(analysis: ArticleAnalysis) -> list[tuple[int, int, str, str]]:
    """(start, end, mark, note) for every highlighted span of an article."""
    marks = []
    reliance = state_media_reliance(analysis.attributions)
    for attribution, how in zip(analysis.attributions, reliance, strict=True):
        if attribution.content:
            marks.append((attribution.content.start, attribution.content.end, "content", ""))
        if attribution.speaker:
            s = attribution.speaker
            note = f"{s.entity} · {s.source_type}{'' if s.named else ' · unnamed'}"
            note += f" · rests on state media ({how})" if how else ""
            marks.append((s.span.start, s.span.end, f"speaker src-{_css(s.source_type)}", note))
        if attribution.cue:
            note = f"{attribution.cue_lemma} · {attribution.stance or 'no stance'}"
            if attribution.stance_entry_id:
                note += f" · {attribution.stance_entry_id}"
            marks.append((attribution.cue.start, attribution.cue.end, "cue", note))
    for hit in analysis.term_hits:
        marks.append(
            (
                hit.span.start,
                hit.span.end,
                "loaded-own" if hit.voice in OWN_VOICES else "loaded-quoted",
                f"{hit.entry_id} · {hit.category} · {hit.voice} voice"
                + (f" · {hit.reason}" if hit.reason else ""),
            )
        )
    for mention in analysis.state_media:
        marks.append(
            (mention.span.start, mention.span.end, "state", f"{mention.entry_id} · state media")
        )
    return marks


def _css(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower())


def segments(text: str, start: int, end: int, marks) -> list[Segment]:
    """Cut text[start:end] where any mark begins or ends; each piece lists the marks on it."""
    inside = [m for m in marks if m[0] < end and m[1] > start]
    if not inside:
        return [Segment(text[start:end])]
    cuts = sorted({start, end} | {max(start, min(end, p)) for m in inside for p in m[:2]})
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in inside if m[0] <= a and b <= m[1]]
        names = tuple(dict.fromkeys(c for m in covering for c in m[2].split()))
        note = " | ".join(m[3] for m in covering if m[3])
        pieces.append(Segment(text[a:b], names, note))
    return pieces


def _marks_by_sentence(sentences, marks) -> list[list]:
    """Each sentence's marks, found by bisection (an article has hundreds of each)."""
    starts = [s.start for s in sentences]
    buckets: list[list] = [[] for _ in sentences]
    for mark in marks:
        first = max(bisect_right(starts, mark[0]) - 1, 0)
        last = max(bisect_right(starts, max(mark[1] - 1, mark[0])) - 1, 0)
        for index in range(first, last + 1):
            buckets[index].append(mark)
    return buckets


def article_view(index: int, analysis: ArticleAnalysis, group: str) -> ArticleView:
    article = analysis.article
    text = article.text
    by_sentence = _marks_by_sentence(analysis.sentences, _marks_of(analysis))
    pieces: list[SentenceView | Segment] = []
    position = 0
    for number, (sentence, marks) in enumerate(zip(analysis.sentences, by_sentence, strict=True)):
        if sentence.start > position:
            pieces.append(Segment(text[position : sentence.start]))
        pieces.append(
            SentenceView(f"a{index}-s{number}", segments(text, sentence.start, sentence.end, marks))
        )
        position = max(position, sentence.end)
    if position < len(text):
        pieces.append(Segment(text[position:]))
    features = analysis.features
    summary = (
        f"{len(analysis.attributions)} attributions · "
        f"{sum(h.voice in OWN_VOICES for h in analysis.term_hits)} loaded terms in own wording · "
        f"state media {fmt_share(features.get('state_media_attribution_share'))}"
        if analysis.status == "ok"
        else analysis.error or analysis.status
    )
    if by_state_outlet(analysis):
        summary += " · BY a state-controlled outlet: its narration is state media's voice"
    return ArticleView(
        anchor=f"a{index}",
        article_id=article.id,
        title=article.title or article.id,
        group=group,
        outlet=article.outlet or "unknown",
        date=article.date or "",
        status=analysis.status,
        summary=summary,
        pieces=pieces,
    )


FULL_TEXT_ARTICLES = 2000  # above this, only the articles the tables link to are shown


def linked_articles(sections: Sequence[Section]) -> set[int]:
    """Indices of the articles that some link in the sections points at."""
    linked = set()
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        for link in cell.links:
                            linked.add(int(link.href[2:].split("-", 1)[0]))
    return linked


def articles_section(
    comparison: Comparison, analyses, linked: set[int], full_text_limit: int
) -> Section:
    """Every article when there are few enough to read; otherwise the ones the tables link
    to, so every link still lands on its sentence and the page stays usable."""
    shown = [(g.name, i) for g in comparison.groups for i in g.articles]
    blocks: list = []
    if len(shown) > full_text_limit:
        shown = [(name, i) for name, i in shown if i in linked]
        blocks.append(
            Note(
                f"{len(analyses):,} articles: more than {full_text_limit:,}, so only the "
                f"{len(shown):,} that the tables above link to are shown here. Every article's "
                "figures are in articles.csv, and its evidence in attributions.csv and terms.csv.",
            )
        )
    views = [article_view(i, analyses[i], name) for name, i in shown]
    return Section(
        "articles",
        "12. Articles",
        "Each article's text, with its evidence highlighted. Hover a highlight for the entity, "
        "source type, stance or lexicon entry; every link in the tables above leads to a "
        "sentence here.",
        blocks + views,
    )


# --- the whole report -------------------------------------------------------------------------


def build_report(
    comparison: Comparison,
    analyses: Sequence[ArticleAnalysis],
    *,
    title: str,
    generated_at: str,
    model: str = "",
    lexicon_version: str = "",
    failures: Sequence[tuple[str, str]] = (),
    full_text_limit: int = FULL_TEXT_ARTICLES,
    accuracy: dict | None = None,
) -> Report:
    """The report as plain objects, in reading order. ``accuracy``: the figures file's
    content (framing.report.accuracy.load_figures(); None: the section says it is missing)."""
    sections = [
        overview(comparison, analyses, failures),
        sourcing(comparison),
        state_media(comparison, analyses),
        loaded_language(comparison, analyses),
        reporting_verbs(comparison),
        naming(comparison),
        figures_section(comparison),
        distinctive_wording(comparison),
        shared_copy_section(comparison, analyses),
        profile(comparison),
        accuracy_section(accuracy),
    ]
    sections.append(
        articles_section(comparison, analyses, linked_articles(sections), full_text_limit)
    )
    meta = [
        ("articles", str(len(analyses))),
        (plural(comparison.by), str(len(comparison.groups))),
        ("model", model or "n/a"),
        ("lexicon version", lexicon_version or "n/a"),
    ]
    return Report(
        title=title,
        subtitle="A text-based sourcing and framing profile: how each outlet sources and words "
        "its reports. It is not a rating of truthfulness.",
        generated_at=generated_at,
        meta=meta,
        sections=sections,
        legend=LEGEND,
    )
