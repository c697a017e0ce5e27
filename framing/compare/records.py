"""The comparison's record types: what :func:`framing.compare.comparison.compare` returns.

Plain data: a :class:`Comparison` holds one :class:`Group` per outlet (or story), frozen and
built once (never filled in afterwards), and every list of evidence in a group carries
:class:`Ref` pointers (article index, sentence index), so each figure links to the sentences
behind it. The report (:mod:`framing.report`) reads these and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from framing.compare.log_odds import DistinctiveTerm
from framing.compare.profile import Criteria, ProfileScore
from framing.compare.shared_copy import SharedCopy
from framing.compare.stories import StoryGrouping
from framing.measure.features import NAN
from framing.read.outlets import OutletIdentity

SMALL_SAMPLE = 3  # below this many articles an outlet's figures are flagged, with no interval


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


@dataclass(frozen=True)
class WithinSections:
    """The sections' figures compared within stories (:func:`framing.compare.like_with_like.
    within_story_pooled`): on each story an outlet shares with another, its figure over its
    articles there pooled, minus the mean of the outlets' figures there; averaged."""

    # metric (a pooled_metrics name) -> outlet -> WithinStory; a count is per article.
    metrics: dict[str, dict[str, WithinStory]]
    # loaded-term category -> voice -> outlet -> WithinStory (hits per 1,000 words of the voice)
    loaded: dict[str, dict[str, dict[str, WithinStory]]]

    def coverage(self, outlet: str) -> WithinStory:
        """The stories the outlet shares with another outlet and its articles on them: what
        any of its within-story figures can rest on (a figure n/a on a story rests on fewer)."""
        return self.metrics["n_articles"][outlet]


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
class ClaimRow:
    """A claim resting on state media, and its independent corroborator ("none": nobody)."""

    ref: Ref
    speaker: str  # who the claim is credited to ("" for images with no speaker)
    reliance: str  # direct | chain | state_organ
    text: str  # the claim's content (or its sentence)
    corroborator: str
    corroborator_ref: Ref | None
    match: str  # "same figure 600", "overlap 0.67", or ""


@dataclass(frozen=True)
class Group:
    """Everything the report shows for one outlet (or story); built once, by
    :func:`framing.compare.comparison.build_group`."""

    name: str
    articles: list[int]
    n_words: int
    first_date: str
    last_date: str
    headline: dict[str, Estimate]
    metrics: dict[str, float]  # pooled over the group's text
    source_mix: dict[str, int]
    speakers: list[Counted]
    state_outlets: list[Counted]
    # category -> voice (narration, paraphrase, quoted, own) -> hits per 1,000 words of it
    loaded_rates: dict[str, dict[str, float]]
    own_voice_terms: list[Counted]
    stance_mix: dict[str, int]
    cues: list[Counted]
    titles: dict[str, list[Counted]]  # actor -> titles
    epithets: list[Counted]  # "the despot", in place of a name
    evidence: dict[str, list[Ref]]  # metric -> first places
    event_labels: list[Counted]
    figures: list[FigureRow]
    unsourced: list[AssertionRow]
    distinctive: list[DistinctiveTerm]
    profile: ProfileScore
    state_claims: list[ClaimRow]

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
    # Where the stories came from: the grouping that set them (its stories' origins and labels),
    # or None when they are the metadata's labels as they are.
    story_grouping: StoryGrouping | None = None
    # What the sections compare: the basis asked for (like_with_like.COMPARISON_BASES), and the
    # sections' figures within stories: None when pooled was asked, when grouped by story, or
    # when no story is shared by two outlets (the sections then show the pooled figures).
    basis: str = "within-story"
    within_sections: WithinSections | None = None
    # Rank stability: headline metric -> (group A, group B) -> share of draws A ranks above B.
    ranks: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)

    @property
    def stories_differ(self) -> bool:
        """Outlets are compared over different stories: not every outlet covered each one."""
        covered = {frozenset(stories) for stories in self.outlet_stories.values()}
        return len(covered) > 1

    def group(self, name: str) -> Group:
        return next(g for g in self.groups if g.name == name)
