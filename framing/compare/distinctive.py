"""Distinctive wording: the words each group over-uses against the other groups.

Article texts and groups in, per group the words with the highest log-odds z-scores out
(:func:`framing.compare.log_odds.log_odds_dirichlet`, with a prior of the corpus itself
capped at :data:`PRIOR_TOTAL` pseudo-words). The only text the comparison reads for words.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from framing.compare.log_odds import DistinctiveTerm, log_odds_dirichlet, scaled_prior

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
    prior = scaled_prior(corpus, min(PRIOR_TOTAL, corpus.sum()))
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
