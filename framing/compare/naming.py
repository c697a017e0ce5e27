"""Naming: who the corpus is about, and what each outlet calls them.

Analyses in: the most-mentioned actors across the corpus (:func:`main_actors`); per group, the
titles each actor is given (:func:`titles`) and the loaded labels used in place of a name
(:func:`epithets`: "the despot"), each counted with its sentences. Nothing is re-parsed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from framing.annotate.voice import OWN_VOICES
from framing.compare.evidence import in_voice, tally
from framing.compare.grouping import SentenceIndex
from framing.compare.records import Actor, Counted
from framing.measure.analyzer import ArticleAnalysis


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


def titles(group, actors: Sequence[Actor], refs: SentenceIndex) -> dict[str, list[Counted]]:
    wanted = {a.key for a in actors}
    items: dict[str, list] = defaultdict(list)
    for i, analysis in group:
        for mention in analysis.actor_mentions:
            if mention.actor in wanted and mention.title is not None:
                title = in_voice(" ".join(mention.title.text.split()), mention.voice)
                items[mention.actor].append((title, mention.label, "", i, mention.span.start))
    return {actor: tally(rows, refs) for actor, rows in items.items()}


EPITHET_CATEGORIES = ("pejorative_label", "glorifying")
_DEFINITE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def epithets(group, refs: SentenceIndex, limit: int) -> list[Counted]:
    """Loaded labels used in place of a name, in the outlet's own voice: "the despot",
    "the regime". Read from the term hits and the word before them; nothing is re-parsed."""
    return tally(
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
