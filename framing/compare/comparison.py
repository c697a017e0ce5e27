"""Per-outlet comparison: article analyses in, side-by-side figures out. Pure: no NLP here.

Groups articles by outlet (or by story) and computes what the report shows for each group:
headline means with bootstrap intervals, sourcing, state-media reliance, loaded language by
voice, reporting-verb stances, naming, figures and their sources, distinctive wording,
shared copy and the criteria-based profile. Every list of evidence carries :class:`Ref`
pointers (article index, sentence index), so each figure links to the sentences behind it.

The only text this module reads is the article text for word counts (distinctive wording)
and, through :mod:`framing.compare.shared_copy`, word shingles and the quote spans (shared copy); it
never runs a parser.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from framing.annotate.records import distinct_sources
from framing.annotate.voice import OWN_VOICES
from framing.annotate.voice import VOICES as VOICE_NAMES
from framing.compare.profile import Criteria, ProfileScore, default_criteria, score_profile
from framing.compare.shared_copy import SharedCopy, shared_copy
from framing.measure.analyzer import ArticleAnalysis
from framing.measure.features import (
    NAN,
    RELIANCE_REASONS,
    rate,
    state_media_claims,
    state_media_reliance,
    words_in_voice,
)
from framing.measure.features import VOICES as LOADED_VOICES
from framing.measure.metrics import HEADLINE_METRICS
from framing.read.outlets import STATE_CONTROLLED, OutletIdentity, OutletTable, outlet_table

UNKNOWN_GROUP = "unknown"
SMALL_SAMPLE = 3  # below this many articles an outlet's figures are flagged, with no interval
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20080101  # fixed: the same corpus gives the same intervals, byte for byte
#: A rank (A above B) is drawn as such only when it holds in this share of bootstrap draws;
#: below it, and above 1 minus it, the two are drawn as a tie.
RANK_HOLDS = 0.80

@dataclass(frozen=True, order=True)
class Ref:
    """A sentence in the Articles section: the evidence behind a figure."""

    article: int  # index into the analyses
    sentence: int  # index into that article's sentences


@dataclass(frozen=True)
class Estimate:
    """A group mean over articles, with a 95% bootstrap interval when n >= SMALL_SAMPLE.

    ``draws`` keeps the bootstrap means the interval was read from, so the rank stability
    of two groups is read from the very same draws (None below SMALL_SAMPLE articles)."""

    mean: float
    low: float = NAN
    high: float = NAN
    n: int = 0
    draws: np.ndarray | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class WithinStory:
    """An outlet's figure against the stories it covered: on each story it shares with
    another outlet, its mean minus the mean of the outlets' means there; averaged."""

    difference: float  # NaN when the outlet shares no story with another outlet
    n_stories: int = 0
    n_articles: int = 0


@dataclass
class Counted:
    """Something counted in a group (a speaker, a term, a title) and where each count is."""

    key: str
    count: int = 0
    kind: str = ""  # source type, category or stance, depending on the table
    entry_id: str = ""
    refs: list[Ref] = field(default_factory=list)


@dataclass(frozen=True)
class FigureRow:
    text: str
    kind: str
    counts: str
    source: str  # "" when nobody is credited
    source_type: str
    ref: Ref


@dataclass(frozen=True)
class AssertionRow:
    """An unsourced factual assertion: the outlet's own claim, nobody credited nearby."""

    before: str  # the sentence around the evidence, whitespace collapsed
    evidence: str  # the figure or the event's verb, as written
    after: str
    kind: str  # figure | event
    ref: Ref


@dataclass(frozen=True)
class DistinctiveTerm:
    term: str
    z: float  # log-odds ratio divided by its standard deviation (Monroe et al. 2008)
    count: int  # in this group
    count_elsewhere: int
    in_lexicon: bool


@dataclass(frozen=True)
class ClaimRow:
    """A claim resting on state media, and its independent corroborator ("none": nobody)."""

    ref: Ref
    speaker: str  # who the claim is credited to ("" for images with no speaker)
    reliance: str  # direct | chain | state_organ
    text: str  # the claim's content (or its sentence)
    corroborator: str
    corroborator_ref: Ref | None
    match: str  # "same figure 600", "overlap 0.67", or ""


@dataclass
class Group:
    """Everything the report shows for one outlet (or story)."""

    name: str
    articles: list[int]
    n_words: int = 0
    first_date: str = ""
    last_date: str = ""
    headline: dict[str, Estimate] = field(default_factory=dict)
    metrics: dict[str, float] = field(default_factory=dict)  # pooled over the group's text
    source_mix: dict[str, int] = field(default_factory=dict)
    speakers: list[Counted] = field(default_factory=list)
    state_outlets: list[Counted] = field(default_factory=list)
    # category -> voice (narration, paraphrase, quoted, own) -> hits per 1,000 words of it
    loaded_rates: dict[str, dict[str, float]] = field(default_factory=dict)
    own_voice_terms: list[Counted] = field(default_factory=list)
    stance_mix: dict[str, int] = field(default_factory=dict)
    cues: list[Counted] = field(default_factory=list)
    titles: dict[str, list[Counted]] = field(default_factory=dict)  # actor -> titles
    epithets: list[Counted] = field(default_factory=list)  # "the despot", in place of a name
    evidence: dict[str, list[Ref]] = field(default_factory=dict)  # metric -> first places
    event_labels: list[Counted] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    unsourced: list[AssertionRow] = field(default_factory=list)
    distinctive: list[DistinctiveTerm] = field(default_factory=list)
    profile: ProfileScore | None = None
    state_claims: list[ClaimRow] = field(default_factory=list)

    @property
    def small_sample(self) -> bool:
        return len(self.articles) < SMALL_SAMPLE


@dataclass
class Actor:
    key: str
    name: str  # the most common way it is written
    label: str
    mentions: int


@dataclass
class Comparison:
    by: str
    groups: list[Group]
    corpus_headline: dict[str, float]
    source_types: list[str]
    stances: list[str]
    loaded_categories: list[str]
    actors: list[Actor]
    shared_copy: list[SharedCopy]
    n_articles: int
    criteria: Criteria
    # The corpus's outlets that lexicons/outlets.yaml knows: role, ownership and its basis.
    outlets: dict[str, OutletIdentity] = field(default_factory=dict)
    # Like with like: outlet -> story -> articles, and each headline metric compared within
    # stories (metric -> outlet -> WithinStory). Empty when no article has a story.
    outlet_stories: dict[str, dict[str, int]] = field(default_factory=dict)
    within_story: dict[str, dict[str, WithinStory]] = field(default_factory=dict)
    # Rank stability: headline metric -> (group A, group B) -> share of draws A ranks above B.
    ranks: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)

    @property
    def stories_differ(self) -> bool:
        """Outlets are compared over different stories: not every outlet covered each one."""
        covered = {frozenset(stories) for stories in self.outlet_stories.values()}
        return len(covered) > 1

    def group(self, name: str) -> Group:
        return next(g for g in self.groups if g.name == name)


# --- grouping and references -----------------------------------------------------------------


def group_key(analysis: ArticleAnalysis, by: str) -> str:
    value = analysis.article.outlet if by == "outlet" else analysis.article.story
    value = (value or "").strip()
    return value or UNKNOWN_GROUP


def group_articles(analyses: Sequence[ArticleAnalysis], by: str) -> dict[str, list[int]]:
    """Group name -> article indices; names sorted, ``unknown`` last."""
    if by not in ("outlet", "story"):
        raise ValueError(f"cannot group by {by!r}: use 'outlet' or 'story'")
    groups: dict[str, list[int]] = defaultdict(list)
    for index, analysis in enumerate(analyses):
        groups[group_key(analysis, by)].append(index)
    return {name: groups[name] for name in _name_order(groups)}


class SentenceIndex:
    """Finds which sentence of an article holds a character offset (by bisection)."""

    def __init__(self, analyses: Sequence[ArticleAnalysis]):
        self._starts = [[s.start for s in a.sentences] for a in analyses]

    def ref(self, article: int, offset: int) -> Ref:
        return Ref(article, max(bisect_right(self._starts[article], offset) - 1, 0))


# --- headline means and bootstrap intervals --------------------------------------------------


def bootstrap_means(
    values: Sequence[float], rng: np.random.Generator, resamples: int = BOOTSTRAP_RESAMPLES
) -> np.ndarray | None:
    """The means of ``resamples`` resamples of the values, with replacement; None when
    fewer than SMALL_SAMPLE values (too few to resample: every draw is nearly the same)."""
    data = np.asarray([v for v in values if not math.isnan(v)], dtype=float)
    if len(data) < SMALL_SAMPLE:
        return None
    return data[rng.integers(0, len(data), size=(resamples, len(data)))].mean(axis=1)


def interval_of(draws: np.ndarray | None) -> tuple[float, float]:
    """Percentile 95% interval of bootstrap means; NaN without draws."""
    if draws is None:
        return NAN, NAN
    low, high = np.percentile(draws, [2.5, 97.5])
    return float(low), float(high)


def bootstrap_interval(
    values: Sequence[float], rng: np.random.Generator, resamples: int = BOOTSTRAP_RESAMPLES
) -> tuple[float, float]:
    """Percentile 95% interval of the mean; NaN when fewer than SMALL_SAMPLE values."""
    return interval_of(bootstrap_means(values, rng, resamples))


def estimate(values: Sequence[float], rng: np.random.Generator) -> Estimate:
    valid = [v for v in values if not math.isnan(v)]
    if not valid:
        return Estimate(NAN)
    draws = bootstrap_means(valid, rng)
    low, high = interval_of(draws)
    return Estimate(float(np.mean(valid)), low, high, len(valid), draws)


def share_above(a: Estimate, b: Estimate) -> float:
    """Share of bootstrap draws in which A's mean is above B's (a draw where they are equal
    counts half); NaN when either has no draws (fewer than SMALL_SAMPLE articles)."""
    if a.draws is None or b.draws is None:
        return NAN
    return float(np.mean(a.draws > b.draws) + 0.5 * np.mean(a.draws == b.draws))


def rank_holds(share: float) -> bool | None:
    """True: A ranks above B; False: below; None: a tie (or unknown, when share is NaN)."""
    if math.isnan(share) or 1 - RANK_HOLDS < share < RANK_HOLDS:
        return None
    return share >= RANK_HOLDS


def rank_stability(groups: Sequence[Group], metric: str) -> dict[tuple[str, str], float]:
    """(A, B) -> share of draws in which A ranks above B on a headline metric, every
    ordered pair of groups."""
    return {
        (a.name, b.name): share_above(a.headline[metric], b.headline[metric])
        for a in groups
        for b in groups
        if a is not b
    }


# --- like with like: outlets over the stories they covered ----------------------------------


def metadata_stories(analyses: Sequence[ArticleAnalysis]) -> list[str | None]:
    """Each article's story label from the metadata (the manifest's ``story`` column)."""
    return [(a.article.story or "").strip() or None for a in analyses]


def outlet_story_counts(
    analyses: Sequence[ArticleAnalysis], stories: Sequence[str | None]
) -> dict[str, dict[str, int]]:
    """Outlet -> story -> articles; an article of no story counts under UNKNOWN_GROUP."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for analysis, story in zip(analyses, stories, strict=True):
        counts[group_key(analysis, "outlet")][story or UNKNOWN_GROUP] += 1
    return {outlet: dict(sorted(counts[outlet].items())) for outlet in _name_order(counts)}


def _name_order(names: Iterable[str]) -> list[str]:
    """Names as the report orders its groups: case-insensitive, ``unknown`` last."""
    return sorted(names, key=lambda name: (name == UNKNOWN_GROUP, name.lower(), name))


def within_story(
    analyses: Sequence[ArticleAnalysis], stories: Sequence[str | None], metric: str
) -> dict[str, WithinStory]:
    """Outlet -> its figure compared within stories (see :class:`WithinStory`).

    The story's mean is the mean of the outlets' means on it, so an outlet with many
    articles on a story does not set the bar it is measured against. A story only one outlet
    covered compares that outlet with itself and is left out."""
    values: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for analysis, story in zip(analyses, stories, strict=True):
        value = analysis.features.get(metric, NAN) if analysis.status == "ok" else NAN
        if story and not math.isnan(value):
            values[story][group_key(analysis, "outlet")].append(value)
    differences: dict[str, list[float]] = defaultdict(list)
    articles: Counter[str] = Counter()
    for by_outlet in values.values():
        if len(by_outlet) < 2:
            continue
        means = {outlet: float(np.mean(v)) for outlet, v in by_outlet.items()}
        story_mean = float(np.mean(list(means.values())))
        for outlet, mean in means.items():
            differences[outlet].append(mean - story_mean)
            articles[outlet] += len(by_outlet[outlet])
    outlets = _name_order({group_key(a, "outlet") for a in analyses})
    return {
        outlet: WithinStory(
            float(np.mean(differences[outlet])) if differences[outlet] else NAN,
            len(differences[outlet]),
            articles[outlet],
        )
        for outlet in outlets
    }


def _headline(analyses, indices, rng) -> dict[str, Estimate]:
    ok = [analyses[i] for i in indices if analyses[i].status == "ok"]
    return {
        metric: estimate([a.features.get(metric, NAN) for a in ok], rng)
        for metric in HEADLINE_METRICS
    }


def _corpus_headline(analyses) -> dict[str, float]:
    result = {}
    for metric in HEADLINE_METRICS:
        values = [a.features.get(metric, NAN) for a in analyses if a.status == "ok"]
        valid = [v for v in values if not math.isnan(v)]
        result[metric] = float(np.mean(valid)) if valid else NAN
    return result


# --- pooled group metrics (the figures the sections and the profile use) ----------------------


def pooled_metrics(
    group: Sequence[ArticleAnalysis], stances: Sequence[str], source_types: Sequence[str]
) -> dict[str, float]:
    """Rates over all of a group's text together: counts of records over counts of words.

    NaN where the denominator is zero (an outlet with no attributions has no named share).
    """
    words = sum(a.features.get("text_n_words", 0) or 0 for a in group if a.status == "ok")
    attributions = [x for a in group for x in a.attributions]
    with_speaker = [x for x in attributions if x.speaker is not None]
    named = sum(x.speaker.named for x in with_speaker)
    with_stance = Counter(x.stance for x in attributions if x.stance)
    n_with_stance = sum(with_stance.values())
    speaker_types = Counter(x.speaker.source_type for x in with_speaker)
    assertions = [x for a in group for x in a.assertions]
    metrics = {
        "n_articles": float(len(group)),
        "n_words": float(words),
        "attribution_n": float(len(attributions)),
        "attribution_per_100_words": rate(len(attributions), words, 100),
        "attribution_named_source_share": rate(named, len(with_speaker)),
        "attribution_anonymous_source_share": rate(len(with_speaker) - named, len(with_speaker)),
        "attribution_n_distinct_sources": float(
            len(distinct_sources(attributions))
        ),
        "attribution_direct_quote_share": rate(
            sum(x.is_direct for x in attributions), len(attributions)
        ),
        "attribution_inferred_share": rate(
            sum(x.inferred for x in attributions), len(attributions)
        ),
        **_state_media_metrics(group),
        **_pooled_loaded_rates(group),
        "hedge_per_1000_words": rate(sum(len(a.hedges) for a in group), words, 1000),
        "assertion_n": float(len(assertions)),
        "unsourced_assertion_share": rate(sum(x.unsourced for x in assertions), len(assertions)),
    }
    for stance in stances:
        metrics[f"stance_share_{stance}"] = rate(with_stance[stance], n_with_stance)
    for source_type in source_types:
        metrics[f"source_type_share_{source_type}"] = rate(
            speaker_types[source_type], len(with_speaker)
        )
    return metrics


def by_state_outlet(analysis: ArticleAnalysis) -> bool:
    """An article published by a state-controlled outlet (lexicons/outlets.yaml): its
    narration is that outlet's voice, so everything in it reaches the reader through it."""
    return analysis.article.ownership == STATE_CONTROLLED


def _state_media_metrics(group: Sequence[ArticleAnalysis]) -> dict[str, float]:
    """Reliance (the one definition, :func:`framing.measure.features.state_media_reliance`),
    claim-by-
    claim corroboration, and independence from state media for the profile.

    Independence is the share of attributions that do not rest on state media, where an
    article BY a state-controlled outlet has none: the outlet itself is the last link of every
    chain in it. So neither hiding the origin (Kim's words "according to Yonhap" rest on state
    media all the same) nor being state media earns independence.
    """
    attributions = [x for a in group for x in a.attributions]
    per_article = [state_media_reliance(a.attributions) for a in group]
    reliance = [how for article in per_article for how in article]
    resting_articles = [a for a, how in zip(group, per_article, strict=True) if any(how)]
    claims = [c for a in group for c in state_media_claims(a.attributions, a.figures)]
    n_corroborated = sum(c.corroborator is not None for c in claims)
    not_resting = sum(
        how is None
        for a, article in zip(group, per_article, strict=True)
        if not by_state_outlet(a)
        for how in article
    )
    metrics = {"state_media_attribution_share": rate(len(claims), len(attributions))}
    for reason in RELIANCE_REASONS:
        metrics[f"state_media_{reason}_share"] = rate(reliance.count(reason), len(attributions))
    return metrics | {
        "state_media_independence": rate(not_resting, len(attributions)),
        "state_media_n_resting_articles": float(len(resting_articles)),
        "state_media_n_by_state_outlet": float(sum(by_state_outlet(a) for a in group)),
        "state_media_n_claims": float(len(claims)),
        "state_media_n_corroborated_claims": float(n_corroborated),
        "state_media_corroborated_share": rate(n_corroborated, len(claims)),
    }


# --- counted evidence ------------------------------------------------------------------------


KEPT_REFS = 10  # evidence pointers kept per counted row: the report links to the first few


def _tally(
    items: Iterable[tuple[str, str, str, int, int]], refs: SentenceIndex, limit: int | None = None
) -> list[Counted]:
    """(key, kind, entry id, article, offset) items -> Counted rows, most frequent first, ties
    by key; each row keeps its first KEPT_REFS places as sentence references."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, str]] = {}
    places: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for key, kind, entry_id, article, offset in items:
        counts[key] += 1
        if key not in first:
            first[key] = (kind, entry_id)
        if len(places[key]) < KEPT_REFS:
            places[key].append((article, offset))
    ordered = sorted(counts, key=lambda k: (-counts[k], k.lower(), k))
    return [
        Counted(key, counts[key], *first[key], [refs.ref(a, o) for a, o in places[key]])
        for key in (ordered[:limit] if limit else ordered)
    ]


def _speakers(group, refs: SentenceIndex, limit: int) -> list[Counted]:
    return _tally(
        (
            (
                x.speaker.entity,
                x.speaker.source_type,
                x.speaker.entry_id or "",
                i,
                x.sentence.start,
            )
            for i, a in group
            for x in a.attributions
            if x.speaker is not None
        ),
        refs,
        limit,
    )


def _state_outlets(group, refs: SentenceIndex) -> list[Counted]:
    return _tally(
        (
            (m.name, m.country or "", m.entry_id, i, m.span.start)
            for i, a in group
            for m in a.state_media
        ),
        refs,
    )


def _own_voice_terms(group, refs: SentenceIndex, limit: int) -> list[Counted]:
    return _tally(
        (
            (h.term, h.category, h.entry_id, i, h.span.start)
            for i, a in group
            for h in a.term_hits
            if h.voice in OWN_VOICES
        ),
        refs,
        limit,
    )


def _cues(group, refs: SentenceIndex, limit: int) -> list[Counted]:
    return _tally(
        (
            (x.cue_lemma, x.stance or "", x.stance_entry_id or "", i, x.sentence.start)
            for i, a in group
            for x in a.attributions
            if x.cue_lemma
        ),
        refs,
        limit,
    )


def _in_voice(text: str, voice: str) -> str:
    """A label as the naming tables show it: marked when it is inside quote marks, where the
    words are the speaker's ("liberation" in Kim's quoted speech), not the outlet's."""
    return f"{text} [{QUOTED_MARK}]" if voice not in OWN_VOICES else text


#: How the naming tables mark a title or label in quoted words.
QUOTED_MARK = "quoted"


def _event_labels(group, refs: SentenceIndex) -> list[Counted]:
    return _tally(
        (
            (_in_voice(e.span.text.replace("\n", " "), e.voice), e.category, e.entry_id, i,
             e.span.start)
            for i, a in group
            for e in a.event_labels
        ),
        refs,
    )  # fmt: skip


def _figures(group, refs: SentenceIndex, limit: int) -> list[FigureRow]:
    rows = [
        FigureRow(
            text=" ".join(f.span.text.split()),
            kind=f.kind,
            counts=f.counts or "",
            source=f.source.entity if f.source else "",
            source_type=f.source.source_type if f.source else "",
            ref=refs.ref(i, f.span.start),
        )
        for i, a in group
        for f in a.figures
    ]
    return rows[:limit]


def _voice_words(analyses) -> dict[str, int]:
    """Words in each voice over the ok articles (``voice_n_words_*`` features)."""
    return {
        voice: int(
            sum(
                (a.features.get(f"voice_n_words_{voice}", 0) or 0)
                for a in analyses
                if a.status == "ok" and not math.isnan(a.features.get(f"voice_n_words_{voice}", 0))
            )
        )
        for voice in VOICE_NAMES
    }


def _pooled_loaded_rates(group, category: str | None = None) -> dict[str, float]:
    """Pooled ``loaded_{voice}_per_1000_words``: the group's hits in each voice (and in its
    own wording) per 1,000 of its words in that voice, as the per-article features are."""
    words = _voice_words(group)
    hits = Counter(
        h.voice for a in group for h in a.term_hits if category is None or h.category == category
    )
    return {
        f"loaded_{voice}_per_1000_words": rate(
            sum(hits[v] for v in (OWN_VOICES if voice == "own" else (voice,))),
            words_in_voice(words, voice),
            1000,
        )
        for voice in LOADED_VOICES
    }


def _unsourced(group, refs: SentenceIndex, limit: int) -> list[AssertionRow]:
    rows = [
        AssertionRow(
            *_around(x.sentence, x.evidence), kind=x.kind, ref=refs.ref(i, x.sentence.start)
        )
        for i, a in group
        for x in a.assertions
        if x.unsourced
    ]
    return rows[:limit]


def _around(sentence, part) -> tuple[str, str, str]:
    """(before, part, after) within a sentence, each with its whitespace collapsed."""
    start, end = part.start - sentence.start, part.end - sentence.start
    text = sentence.text
    return tuple(" ".join(piece.split()) for piece in (text[:start], text[start:end], text[end:]))


def _loaded_rates(group, categories: Sequence[str]) -> dict[str, dict[str, float]]:
    analyses = [a for _, a in group]
    return {
        category: {
            key.removeprefix("loaded_").removesuffix("_per_1000_words"): value
            for key, value in _pooled_loaded_rates(analyses, category).items()
        }
        for category in categories
    }


def metric_evidence(group, refs: SentenceIndex, stances: Sequence[str]) -> dict[str, list[Ref]]:
    """For each pooled metric, the first places of the records it counts, so a rate in a
    table links to the sentences behind it ("anonymous sources: 30%" -> those sentences)."""
    places: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def add(metric: str, article: int, offset: int) -> None:
        if len(places[metric]) < KEPT_REFS:
            places[metric].append((article, offset))

    for i, a in group:
        for x, how in zip(a.attributions, state_media_reliance(a.attributions), strict=True):
            at = x.sentence.start
            for metric in ("attribution_n", "attribution_per_100_words"):
                add(metric, i, at)
            if x.speaker is not None:
                add(f"attribution_{'named' if x.speaker.named else 'anonymous'}_source_share",
                    i, at)  # fmt: skip
            if x.is_direct:
                add("attribution_direct_quote_share", i, at)
            if x.inferred:
                add("attribution_inferred_share", i, at)
            if how:
                add("state_media_attribution_share", i, at)
                add(f"state_media_{how}_share", i, at)
            if x.stance in stances:
                add(f"stance_share_{x.stance}", i, at)
        for h in a.term_hits:
            add(f"loaded_{h.voice}_per_1000_words", i, h.span.start)
            if h.voice in OWN_VOICES:
                add("loaded_own_per_1000_words", i, h.span.start)
        for m in a.hedges:
            add("hedge_per_1000_words", i, m.span.start)
        for x in a.assertions:
            add("assertion_n", i, x.sentence.start)
            if x.unsourced:
                add("unsourced_assertion_share", i, x.sentence.start)
    # Independence loses points for the claims that rest on state media: link to those.
    places["state_media_independence"] = places["state_media_attribution_share"]
    return {metric: [refs.ref(a, o) for a, o in found] for metric, found in places.items() if found}


# --- naming ----------------------------------------------------------------------------------


def main_actors(analyses: Sequence[ArticleAnalysis], limit: int) -> list[Actor]:
    """The most-mentioned people, organisations and places across the corpus."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for analysis in analyses:
        for mention in analysis.actor_mentions:
            if mention.label == "NORP":
                continue  # nationalities are part of titles ("North Korean leader"), not actors
            counts[mention.actor] += 1
            spellings[mention.actor][" ".join(mention.span.text.split())] += 1
            labels[mention.actor][mention.label] += 1
    ranked = sorted(counts, key=lambda k: (-counts[k], k))[:limit]
    return [
        Actor(
            key=key,
            name=_full_name(spellings[key]),
            label=_most_common(labels[key]),
            mentions=counts[key],
        )
        for key in ranked
    ]


def _full_name(spellings: Counter[str]) -> str:
    """The most common of the longest spellings: "Kim Jong Un" rather than "Kim"."""
    longest = max(len(s.split()) for s in spellings)
    return _most_common(Counter({s: n for s, n in spellings.items() if len(s.split()) == longest}))


def _most_common(counter: Counter[str]) -> str:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _titles(group, actors: Sequence[Actor], refs: SentenceIndex) -> dict[str, list[Counted]]:
    wanted = {a.key for a in actors}
    items: dict[str, list] = defaultdict(list)
    for i, analysis in group:
        for mention in analysis.actor_mentions:
            if mention.actor in wanted and mention.title is not None:
                title = _in_voice(" ".join(mention.title.text.split()), mention.voice)
                items[mention.actor].append((title, mention.label, "", i, mention.span.start))
    return {actor: _tally(rows, refs) for actor, rows in items.items()}


EPITHET_CATEGORIES = ("pejorative_label", "glorifying")
_DEFINITE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _epithets(group, refs: SentenceIndex, limit: int) -> list[Counted]:
    """Loaded labels used in place of a name, in the outlet's own voice: "the despot",
    "the regime". Read from the term hits and the word before them; nothing is re-parsed."""
    return _tally(
        (
            (f"the {h.span.text.lower()}", h.category, h.entry_id, i, h.span.start)
            for i, a in group
            for h in a.term_hits
            if h.voice in OWN_VOICES
            and h.category in EPITHET_CATEGORIES
            and _DEFINITE.search(a.article.text[max(h.span.start - 8, 0) : h.span.start])
        ),
        refs,
        limit,
    )


# --- distinctive wording: log-odds ratio with an informative Dirichlet prior ------------------


def log_odds_dirichlet(counts: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """z-scores of each word for each group against all other groups.

    ``counts`` is groups × words; ``prior`` the Dirichlet pseudo-counts per word (here, the
    corpus frequencies scaled to ``PRIOR_TOTAL``). Monroe, Colaresi & Quinn (2008),
    "Fightin' Words", eq. 16-22: the log-odds ratio of the group against the rest, shrunk
    by the prior, divided by its approximate standard deviation.
    """
    alpha0 = prior.sum()
    totals = counts.sum(axis=1, keepdims=True)
    rest = counts.sum(axis=0, keepdims=True) - counts
    rest_totals = totals.sum() - totals
    own = np.log((counts + prior) / (totals + alpha0 - counts - prior))
    other = np.log((rest + prior) / (rest_totals + alpha0 - rest - prior))
    variance = 1.0 / (counts + prior) + 1.0 / (rest + prior)
    return (own - other) / np.sqrt(variance)


#: A word for the word-count comparisons (distinctive wording, story grouping): letters first,
#: then letters, digits, hyphens or apostrophes, two characters at least.
WORD_PATTERN = r"(?u)\b[^\W\d_][\w'-]*[^\W_]\b"

PRIOR_TOTAL = 1000.0  # pseudo-words in the prior: enough to shrink rare words, not common ones


def distinctive_terms(
    texts: Sequence[str],
    groups: dict[str, list[int]],
    known_terms: set[str],
    limit: int,
    min_z: float = 0.5,
    min_count: int = 2,
) -> dict[str, list[DistinctiveTerm]]:
    """Per group, the words it over-uses relative to the other groups, highest z first.

    Kept: z above ``min_z`` and used at least ``min_count`` times by the group; the report
    marks z >= 1.96 as significant. Small corpora keep words used in one article only, since
    a word only one outlet uses is exactly what is distinctive there.
    """
    if len(groups) < 2:
        return {name: [] for name in groups}
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(
        lowercase=True,
        stop_words="english",
        min_df=1 if len(texts) < 100 else 2,
        token_pattern=WORD_PATTERN,
    )
    # Republished copies are counted once by the vectorizer and as often as they ran.
    unique: dict[str, int] = {}
    row_of = [unique.setdefault(text, len(unique)) for text in texts]
    try:
        matrix = vectorizer.fit_transform(list(unique))
    except ValueError:  # every word is a stop word or too rare: nothing to compare
        return {name: [] for name in groups}
    names = list(groups)
    rows, cols = [], []
    for g, name in enumerate(names):
        rows += [g] * len(groups[name])
        cols += [row_of[i] for i in groups[name]]
    membership = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(names), len(unique))
    )
    counts = np.asarray((membership @ matrix).todense(), dtype=float)
    corpus = counts.sum(axis=0)
    # The prior is the corpus itself, scaled to at most PRIOR_TOTAL pseudo-words: in a small
    # corpus it weighs as much as the corpus (the usual choice), in a large one it stays light.
    prior = corpus / corpus.sum() * min(PRIOR_TOTAL, corpus.sum())
    z = log_odds_dirichlet(counts, prior)
    vocabulary = vectorizer.get_feature_names_out()
    result = {}
    for g, name in enumerate(names):
        order = np.lexsort((vocabulary, -z[g]))
        terms = []
        for w in order[: limit * 20]:
            if len(terms) == limit:
                break
            if z[g, w] < min_z:
                break
            if counts[g, w] < min_count:
                continue
            terms.append(
                DistinctiveTerm(
                    term=str(vocabulary[w]),
                    z=round(float(z[g, w]), 6),
                    count=int(counts[g, w]),
                    count_elsewhere=int(corpus[w] - counts[g, w]),
                    in_lexicon=str(vocabulary[w]) in known_terms,
                )
            )
        result[name] = terms
    return result


# --- the whole comparison --------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """How many rows each per-group list keeps."""

    speakers: int = 10
    terms: int = 15
    cues: int = 10
    figures: int = 25
    actors: int = 6
    distinctive: int = 15


def compare(
    analyses: Sequence[ArticleAnalysis],
    *,
    by: str = "outlet",
    source_types: Sequence[str] = (),
    stances: Sequence[str] = (),
    loaded_categories: Sequence[str] = (),
    known_terms: Iterable[str] = (),
    criteria: Criteria | None = None,
    limits: Limits = Limits(),
    progress: Callable[[str], None] | None = None,
    outlets: OutletTable | None = None,
    stories: Sequence[str | None] | None = None,
) -> Comparison:
    """Compare groups of articles side by side. Deterministic: a fixed bootstrap seed, stable
    orderings, no clock. ``outlets`` says who each outlet is (the shipped table by default);
    ``stories`` gives each article's story (None: none), the metadata's labels by default."""
    criteria = criteria or default_criteria()
    outlets = outlets or outlet_table()
    say = progress or (lambda _: None)
    stances = list(stances) or sorted(
        {x.stance for a in analyses for x in a.attributions if x.stance}
    )
    source_types = list(source_types) or sorted(
        {x.speaker.source_type for a in analyses for x in a.attributions if x.speaker}
    )
    loaded_categories = list(loaded_categories) or sorted(
        {h.category for a in analyses for h in a.term_hits}
    )
    grouping = group_articles(analyses, by)
    refs = SentenceIndex(analyses)
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    actors = main_actors(analyses, limits.actors)
    groups = []
    say("per-group figures")
    for name, indices in grouping.items():
        members = [(i, analyses[i]) for i in indices]
        group = Group(name=name, articles=indices)
        _fill_group(
            group,
            members,
            analyses,
            refs,
            rng,
            actors,
            stances,
            source_types,
            loaded_categories,
            limits,
        )
        group.profile = score_profile(criteria, group.metrics, len(indices))
        groups.append(group)
    texts = [a.article.text for a in analyses]
    say("distinctive wording")
    distinct = distinctive_terms(
        texts, grouping, {t.lower() for t in known_terms}, limits.distinctive
    )
    for group in groups:
        group.distinctive = distinct.get(group.name, [])
    say("shared copy")
    group_of = [group_key(a, by) for a in analyses]
    stories = list(stories) if stories is not None else metadata_stories(analyses)
    return Comparison(
        by=by,
        groups=groups,
        corpus_headline=_corpus_headline(analyses),
        source_types=source_types,
        stances=stances,
        loaded_categories=loaded_categories,
        actors=actors,
        shared_copy=shared_copy(
            texts, group_of, [[(q.span.start, q.span.end) for q in a.quotes] for a in analyses]
        ),
        n_articles=len(analyses),
        criteria=criteria,
        outlets=corpus_outlets(analyses, outlets),
        **like_with_like(analyses, stories),
        ranks={metric: rank_stability(groups, metric) for metric in HEADLINE_METRICS},
    )


def like_with_like(
    analyses: Sequence[ArticleAnalysis], stories: Sequence[str | None]
) -> dict[str, dict]:
    """The outlet x story counts and the within-story figures; empty without stories."""
    if not any(stories):
        return {"outlet_stories": {}, "within_story": {}}
    return {
        "outlet_stories": outlet_story_counts(analyses, stories),
        "within_story": {m: within_story(analyses, stories, m) for m in HEADLINE_METRICS},
    }


def corpus_outlets(
    analyses: Sequence[ArticleAnalysis], outlets: OutletTable
) -> dict[str, OutletIdentity]:
    """The identity of each outlet of the corpus the table knows, by outlet name, sorted."""
    names = sorted({a.article.outlet for a in analyses if a.article.outlet})
    found = {name: outlets.identity(name) for name in names}
    return {name: identity for name, identity in found.items() if identity is not None}


def _state_claims(members, refs: SentenceIndex) -> list[ClaimRow]:
    """Every claim of the group resting on state media, in article order, with its
    corroborator: the report lists them all, claim by claim."""
    rows = []
    for index, analysis in members:
        for c in state_media_claims(analysis.attributions, analysis.figures):
            claim, other = c.claim, c.corroborator
            rows.append(
                ClaimRow(
                    ref=refs.ref(index, claim.sentence.start),
                    speaker=claim.speaker.entity if claim.speaker else "",
                    reliance=c.reliance,
                    text=(claim.content or claim.sentence).text,
                    corroborator=c.corroborator_name,
                    corroborator_ref=refs.ref(index, other.sentence.start) if other else None,
                    match=c.match,
                )
            )
    return rows


def _fill_group(
    group, members, analyses, refs, rng, actors, stances, source_types, loaded_categories, limits
) -> None:
    plain = [a for _, a in members]
    group.n_words = int(
        sum(a.features.get("text_n_words", 0) or 0 for a in plain if a.status == "ok")
    )
    dates = sorted(a.article.date for a in plain if a.article.date)
    group.first_date, group.last_date = (dates[0], dates[-1]) if dates else ("", "")
    group.headline = _headline(analyses, group.articles, rng)
    group.metrics = pooled_metrics(plain, stances, source_types)
    speakers = [x.speaker.source_type for a in plain for x in a.attributions if x.speaker]
    group.source_mix = {t: speakers.count(t) for t in source_types}
    group.speakers = _speakers(members, refs, limits.speakers)
    group.state_outlets = _state_outlets(members, refs)
    group.loaded_rates = _loaded_rates(members, loaded_categories)
    group.own_voice_terms = _own_voice_terms(members, refs, limits.terms)
    cue_stances = [x.stance for a in plain for x in a.attributions if x.stance]
    group.stance_mix = {s: cue_stances.count(s) for s in stances}
    group.cues = _cues(members, refs, limits.cues)
    group.titles = _titles(members, actors, refs)
    group.event_labels = _event_labels(members, refs)
    group.epithets = _epithets(members, refs, limits.terms)
    group.figures = _figures(members, refs, limits.figures)
    group.unsourced = _unsourced(members, refs, limits.figures)
    group.evidence = metric_evidence(members, refs, stances)
    group.state_claims = _state_claims(members, refs)
