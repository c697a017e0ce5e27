"""The whole per-outlet comparison: article analyses in, side-by-side figures out. Pure: no NLP.

Groups articles by outlet (or by story) and builds what the report shows for each group, once
(:func:`build_group`): headline means with bootstrap intervals (:mod:`.statistics`), pooled
rates (:mod:`.pooled`), counted evidence (:mod:`.evidence`), naming (:mod:`.naming`),
distinctive wording (:mod:`.distinctive`) and the criteria-based profile (:mod:`.profile`);
then, across groups, shared copy (:mod:`.shared_copy`), like with like (:mod:`.like_with_like`)
and rank stability. The record types are :mod:`.records`.

The only text read is the article text for word counts (distinctive wording) and, through
:mod:`framing.compare.shared_copy`, word shingles and the quote spans (shared copy); it never
runs a parser.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from framing.compare import evidence, naming
from framing.compare.distinctive import distinctive_terms
from framing.compare.grouping import SentenceIndex, group_articles, group_key
from framing.compare.like_with_like import (
    COMPARISON_BASES,
    WITHIN_STORY,
    metadata_stories,
    outlet_story_counts,
    within_story,
    within_story_pooled,
)
from framing.compare.log_odds import DistinctiveTerm
from framing.compare.pooled import loaded_rates_by_category, pooled_metrics
from framing.compare.profile import Criteria, default_criteria, score_profile
from framing.compare.records import Actor, Comparison, Estimate, Group, WithinSections
from framing.compare.shared_copy import shared_copy
from framing.compare.statistics import BOOTSTRAP_SEED, estimate, rank_stability
from framing.compare.stories import StoryGrouping
from framing.measure.analyzer import ArticleAnalysis
from framing.measure.features import NAN, Vocabulary
from framing.measure.metrics import HEADLINE_METRICS, METRICS
from framing.read.outlets import OutletIdentity, OutletTable, outlet_table


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
    story_grouping: StoryGrouping | None = None,
    basis: str = WITHIN_STORY,
) -> Comparison:
    """Compare groups of articles side by side. Deterministic: a fixed bootstrap seed, stable
    orderings, no clock. ``outlets`` says who each outlet is (the shipped table by default);
    ``stories`` gives each article's story (None: none): the ``story_grouping``'s when given
    (:mod:`framing.compare.stories`, which the comparison keeps to say where they came from),
    else the metadata's labels;
    ``basis`` says what the sections compare outlets on (COMPARISON_BASES): within stories
    where a story is shared, or pooled."""
    if basis not in COMPARISON_BASES:
        raise ValueError(f"cannot compare on {basis!r}: use one of {', '.join(COMPARISON_BASES)}")
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
    vocabulary = Vocabulary(tuple(source_types), tuple(stances), tuple(loaded_categories))
    refs = SentenceIndex(analyses)
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    actors = naming.main_actors(analyses, limits.actors)
    texts = [a.article.text for a in analyses]
    say("distinctive wording")
    distinct = distinctive_terms(
        texts, grouping, {t.lower() for t in known_terms}, limits.distinctive
    )
    say("per-group figures")
    groups = [
        build_group(
            name,
            indices,
            analyses,
            refs=refs,
            rng=rng,
            actors=actors,
            vocabulary=vocabulary,
            limits=limits,
            criteria=criteria,
            distinctive=distinct.get(name, []),
        )
        for name, indices in grouping.items()
    ]
    say("shared copy")
    group_of = [group_key(a, by) for a in analyses]
    if stories is None:
        stories = story_grouping.story_of if story_grouping else metadata_stories(analyses)
    stories = list(stories)
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
        story_grouping=story_grouping,
        basis=basis,
        within_sections=(
            within_sections(analyses, stories, vocabulary)
            if by == "outlet" and basis == WITHIN_STORY
            else None
        ),
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


def within_sections(
    analyses: Sequence[ArticleAnalysis], stories: Sequence[str | None], vocabulary: Vocabulary
) -> WithinSections | None:
    """The sections' figures compared within stories; None when no story is shared by two
    outlets (nothing to compare within). Each outlet's figure on a story is computed from its
    articles there pooled, by the functions of the pooled figures; a count (a unit 'count'
    metric) is divided by those articles, so an outlet is not above the story's mean only for
    having written more on it."""

    def metrics(articles: list[ArticleAnalysis]) -> dict[str, float]:
        found = pooled_metrics(articles, vocabulary.stances, vocabulary.source_types)
        return {
            name: value / len(articles) if name in METRICS and METRICS[name].unit == "count"
            else value
            for name, value in found.items()
        }  # fmt: skip

    def loaded(articles: list[ArticleAnalysis]) -> dict[tuple[str, str], float]:
        by_category = loaded_rates_by_category(
            list(enumerate(articles)), vocabulary.loaded_categories
        )
        return {(c, voice): v for c, rates in by_category.items() for voice, v in rates.items()}

    compared = within_story_pooled(analyses, stories, metrics)
    if not compared:
        return None
    rates: dict[str, dict[str, dict]] = {c: {} for c in vocabulary.loaded_categories}
    for (category, voice), by_outlet in within_story_pooled(analyses, stories, loaded).items():
        rates[category][voice] = by_outlet
    return WithinSections(compared, rates)


def corpus_outlets(
    analyses: Sequence[ArticleAnalysis], outlets: OutletTable
) -> dict[str, OutletIdentity]:
    """The identity of each outlet of the corpus the table knows, by outlet name, sorted."""
    names = sorted({a.article.outlet for a in analyses if a.article.outlet})
    found = {name: outlets.identity(name) for name in names}
    return {name: identity for name, identity in found.items() if identity is not None}


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


def build_group(
    name: str,
    indices: list[int],
    analyses: Sequence[ArticleAnalysis],
    *,
    refs: SentenceIndex,
    rng: np.random.Generator,
    actors: Sequence[Actor],
    vocabulary: Vocabulary,
    limits: Limits,
    criteria: Criteria,
    distinctive: list[DistinctiveTerm],
) -> Group:
    """One group's figures, every field computed here once. ``vocabulary`` names the source
    types, stances and loaded-term categories that get a column; ``rng`` is shared by the groups
    in order (the report's order), so the same corpus gives the same intervals."""
    stances, source_types = vocabulary.stances, vocabulary.source_types
    members = [(i, analyses[i]) for i in indices]
    plain = [a for _, a in members]
    dates = sorted(a.article.date for a in plain if a.article.date)
    metrics = pooled_metrics(plain, stances, source_types)
    speaker_types = [x.speaker.source_type for a in plain for x in a.attributions if x.speaker]
    cue_stances = [x.stance for a in plain for x in a.attributions if x.stance]
    return Group(
        name=name,
        articles=indices,
        n_words=int(metrics["n_words"]),
        first_date=dates[0] if dates else "",
        last_date=dates[-1] if dates else "",
        headline=_headline(analyses, indices, rng),
        metrics=metrics,
        source_mix={t: speaker_types.count(t) for t in source_types},
        speakers=evidence.speakers(members, refs, limits.speakers),
        state_outlets=evidence.state_outlets(members, refs),
        loaded_rates=loaded_rates_by_category(members, vocabulary.loaded_categories),
        own_voice_terms=evidence.own_voice_terms(members, refs, limits.terms),
        stance_mix={s: cue_stances.count(s) for s in stances},
        cues=evidence.cues(members, refs, limits.cues),
        titles=naming.titles(members, actors, refs),
        epithets=naming.epithets(members, refs, limits.terms),
        evidence=evidence.metric_evidence(members, refs, stances),
        event_labels=evidence.event_labels(members, refs),
        figures=evidence.figures(members, refs, limits.figures),
        unsourced=evidence.unsourced(members, refs, limits.figures),
        distinctive=distinctive,
        profile=score_profile(criteria, metrics, len(indices)),
        state_claims=evidence.state_claims(members, refs),
    )
