"""Story grouping: which articles cover the same event. Part of the comparison stage.

In: the article analyses of a run (their text and title, the named actors and figures the
pipeline already found, their dates and any story label of the metadata), and optionally a
user's corrections file. Out: a :class:`StoryGrouping`, each article's story name (or None
when it shares its story with no other article) and, per story, a readable label: its top
terms and its earliest headline. Nothing is parsed again here.

Method (docs/stories.md):

- Each article is a vector of three L2-normalised TF-IDF blocks, weighed and normalised
  again: the words of its title and text (English stop words out, words in more than half
  the articles out), the named actors it mentions (``ActorMention.actor``, already resolved to
  full names) and the figures it states (counts, sums and shares of two digits or more).
- Two articles can be in one story only when their dates are at most ``window_days`` apart;
  an article without a date is compared with every other.
- Pairs at cosine similarity ``min_similarity`` or more are linked; each connected set of
  linked articles is clustered with scikit-learn's average-linkage agglomerative clustering
  at the same threshold. No pair across two such sets reaches it, so the sets can be
  clustered apart (what keeps 10,000 articles cheap) and give what one clustering of all
  would give.
- A cluster of one article is no story: that article's story is None.
- Labels given in the metadata win: a labelled article keeps its label, and an unlabelled
  article clustered with labelled ones takes their most common label. A corrections file
  (``article_id, story``) wins over both.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from framing.common.text_files import NotUtf8Error, decode_utf8
from framing.compare.distinctive import WORD_PATTERN
from framing.measure.analyzer import ArticleAnalysis

DEFAULT_WINDOW_DAYS = 7
#: Cosine similarity from which two articles are taken for one story. Chosen on the seeds and
#: the hand-labelled BBC set (docs/stories.md gives precision and recall around it).
DEFAULT_MIN_SIMILARITY = 0.25
#: Weight of each block in an article's vector (each block is L2-normalised first).
WORD_WEIGHT, ACTOR_WEIGHT, FIGURE_WEIGHT = 1.0, 0.5, 0.3
TOP_TERMS = 3
SMALL_CORPUS = 50  # articles; below it no word is too common to count
#: Figure kinds that identify an event; dates are shared by every story of the same day.
EVENT_FIGURE_KINDS = frozenset({"count", "money", "percent", "quantity"})
_ROW_CHUNK = 512  # rows of the similarity matrix computed at once (memory stays ~ chunk x n)

ORIGIN_METADATA, ORIGIN_CORRECTIONS, ORIGIN_AUTOMATIC = "metadata", "corrections", "automatic"


class StoryFileError(ValueError):
    """A corrections file that cannot be used; the message starts with ``file:line:``."""


@dataclass(frozen=True)
class Story:
    """One story: its name (the report's group name), its articles and a readable label."""

    name: str
    articles: tuple[int, ...]  # indices into the analyses, earliest first
    terms: tuple[str, ...]  # the words that weigh most in its articles' vectors
    headline: str  # the earliest article's title (or its first sentence)
    origin: str  # metadata | corrections | automatic

    @property
    def label(self) -> str:
        return f"{self.name}: {self.headline}" if self.headline else self.name


@dataclass(frozen=True)
class StoryGrouping:
    """Each article's story (None: no other article covers it) and the stories by name."""

    story_of: tuple[str | None, ...]  # aligned with the analyses
    stories: dict[str, Story]
    window_days: int = DEFAULT_WINDOW_DAYS  # the date window the articles were grouped within

    def apply(self, analyses: Sequence[ArticleAnalysis]) -> list[ArticleAnalysis]:
        """The analyses with ``article.story`` set to the grouping's story (new objects), so
        that the comparison's ``by="story"`` groups by it."""
        return [
            replace(a, article=replace(a.article, story=story))
            for a, story in zip(analyses, self.story_of, strict=True)
        ]

    def unassigned(self) -> list[int]:
        return [i for i, story in enumerate(self.story_of) if story is None]


# --- the grouping ----------------------------------------------------------------------------


def group_stories(
    analyses: Sequence[ArticleAnalysis],
    *,
    corrections: dict[str, str | None] | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    use_metadata: bool = True,
) -> StoryGrouping:
    """Group the articles into stories (see the module docstring for the method).

    ``corrections`` maps article id -> story name (None or "" takes the article out of any
    story); read one with :func:`read_corrections`. ``use_metadata=False`` ignores the
    metadata's story labels (to measure the automatic grouping against them).
    """
    if not analyses:
        return StoryGrouping((), {}, window_days)
    vectors, words = story_vectors(analyses)
    dates = [article_date(a) for a in analyses]
    clusters = _cluster(vectors, dates, window_days, min_similarity)
    story_of: list[str | None] = [None] * len(analyses)
    origin: dict[str, str] = {}
    metadata = [(a.article.story or "").strip() or None for a in analyses]
    auto_clusters = []
    for members in clusters:
        labelled = Counter(metadata[i] for i in members if metadata[i]) if use_metadata else {}
        if labelled:
            # Most common label; ties go to the name first in sort order, for a stable result.
            chosen = min(labelled, key=lambda name: (-labelled[name], name))
            for i in members:
                story_of[i] = metadata[i] or chosen
        elif len(members) > 1:
            auto_clusters.append(members)
    if use_metadata:
        for i, name in enumerate(metadata):
            if name:
                story_of[i] = name
                origin[name] = ORIGIN_METADATA
    order = sorted(auto_clusters, key=lambda members: _earliest(members, dates))
    for number, (members, terms) in enumerate(
        zip(order, top_terms(vectors, words, order), strict=True), start=1
    ):
        name = f"S{number}: {', '.join(terms)}" if terms else f"S{number}"
        for i in members:
            story_of[i] = name
        origin[name] = ORIGIN_AUTOMATIC
    for i, analysis in enumerate(analyses):
        if corrections and analysis.article.id in corrections:
            name = (corrections[analysis.article.id] or "").strip() or None
            story_of[i] = name
            if name:
                origin[name] = ORIGIN_CORRECTIONS
    return StoryGrouping(
        tuple(story_of), _stories(analyses, story_of, origin, vectors, words, dates), window_days
    )


def _stories(analyses, story_of, origin, vectors, words, dates) -> dict[str, Story]:
    members: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(story_of):
        if name is not None:
            members[name].append(i)
    names = sorted(members, key=lambda n: (_earliest(members[n], dates), n))
    articles = [sorted(members[name], key=lambda i: (_date_key(dates[i]), i)) for name in names]
    stories = {}
    for name, indices, terms in zip(
        names, articles, top_terms(vectors, words, articles), strict=True
    ):
        stories[name] = Story(
            name=name,
            articles=tuple(indices),
            terms=tuple(terms),
            headline=headline(analyses[indices[0]]),
            origin=origin.get(name, ORIGIN_AUTOMATIC),
        )
    return stories


def _date_key(date: dt.date | None) -> tuple[int, dt.date]:
    return (0, date) if date else (1, dt.date.min)  # undated after dated


def _earliest(members: Sequence[int], dates) -> tuple:
    return min((_date_key(dates[i]), i) for i in members)


# --- vectors ---------------------------------------------------------------------------------


def story_vectors(analyses: Sequence[ArticleAnalysis]):
    """The articles' vectors (sparse rows, unit length) and the word of each word column
    (the word block comes first)."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    texts = [f"{a.article.title or ''}\n{a.article.text}" for a in analyses]
    # Republished copies are vectorised once (as in distinctive wording) and counted once in
    # the document frequencies: a wire story run by ten outlets is one text, not ten.
    unique: dict[str, int] = {}
    row_of = [unique.setdefault(text, len(unique)) for text in texts]
    word_vectorizer = TfidfVectorizer(
        lowercase=True,
        stop_words="english",
        token_pattern=WORD_PATTERN,
        sublinear_tf=True,
        # In a large corpus, words in more than half the articles name its subject, not an
        # event. A small one keeps them: there, one story can be half the corpus.
        max_df=0.5 if len(unique) >= SMALL_CORPUS else 1.0,
        dtype=np.float32,
    )
    blocks, words = [], np.array([], dtype=object)
    try:
        counted = word_vectorizer.fit_transform(list(unique))[row_of]
        blocks.append(WORD_WEIGHT * normalize(counted))
        words = word_vectorizer.get_feature_names_out()
    except ValueError:  # no word left (empty texts, or only stop words)
        blocks.append(sparse.csr_matrix((len(texts), 0), dtype=np.float32))
    for weight, items in (
        (ACTOR_WEIGHT, [actors(a) for a in analyses]),
        (FIGURE_WEIGHT, [event_figures(a) for a in analyses]),
    ):
        if any(items):
            vectorizer = TfidfVectorizer(analyzer=_as_given, sublinear_tf=True, dtype=np.float32)
            blocks.append(weight * normalize(vectorizer.fit_transform(items)))
    return normalize(sparse.hstack(blocks, format="csr")), words


def _as_given(items):
    return items


def actors(analysis: ArticleAnalysis) -> list[str]:
    """The named actors the article mentions, as the pipeline resolved them."""
    return [mention.actor for mention in analysis.actor_mentions if mention.actor]


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def event_figures(analysis: ArticleAnalysis) -> list[str]:
    """The figures that can identify an event ("15,000" troops, "$1.13bn"), as digits with
    their unit word; one-digit numbers and dates are too common to tell stories apart."""
    found = []
    for figure in analysis.figures:
        if figure.kind not in EVENT_FIGURE_KINDS:
            continue
        match = _DIGITS.search(figure.span.text)
        if match is None:
            continue
        digits = match.group().replace(",", "")
        if len(digits.replace(".", "")) < 2:
            continue
        found.append(f"{figure.kind}:{digits}")
    return found


def top_terms(
    vectors, words, groups: Sequence[Sequence[int]], limit: int = TOP_TERMS
) -> list[list[str]]:
    """For each group of articles, the words with the largest summed weight in their vectors
    (one sparse product for all groups)."""
    from scipy import sparse

    if not len(words) or not groups:
        return [[] for _ in groups]
    rows = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    cols = np.concatenate([np.asarray(g, dtype=np.int64) for g in groups])
    membership = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(groups), vectors.shape[0])
    )
    summed = (membership @ vectors[:, : len(words)]).tocsr()
    result = []
    for g in range(len(groups)):
        start, stop = summed.indptr[g], summed.indptr[g + 1]
        used, weights = summed.indices[start:stop], summed.data[start:stop]
        order = np.lexsort((words[used], -weights))  # ties by the word, for a stable result
        result.append([str(words[used[k]]) for k in order[:limit] if weights[k] > 0])
    return result


def headline(analysis: ArticleAnalysis, width: int = 90) -> str:
    """The article's title, else its first sentence, cut to ``width`` characters."""
    text = (analysis.article.title or "").strip()
    if not text and analysis.sentences:
        text = analysis.sentences[0].text
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def article_date(analysis: ArticleAnalysis) -> dt.date | None:
    """The article's date (ISO form, time ignored), None when absent or unreadable."""
    value = (analysis.article.date or "").strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- clustering ------------------------------------------------------------------------------


def _cluster(vectors, dates, window_days: int, min_similarity: float) -> list[list[int]]:
    """Clusters of article indices (singletons included), each sorted."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = vectors.shape[0]
    day = np.array([d.toordinal() if d else 0 for d in dates], dtype=np.int64)
    dated = np.array([d is not None for d in dates])
    # Rows in date order (undated last), so that a chunk of rows meets only the columns of its
    # own weeks: the dated ones in a contiguous range of the order, and every undated one.
    order = np.lexsort((day, ~dated))
    n_dated = int(dated.sum())
    undated = order[n_dated:]
    sorted_days = day[order[:n_dated]]
    rows, cols = [], []
    for start in range(0, n, _ROW_CHUNK):
        chunk = order[start : start + _ROW_CHUNK]
        if not dated[chunk].all():
            candidates = np.arange(n)
        else:
            low = np.searchsorted(sorted_days, day[chunk].min() - window_days, side="left")
            high = np.searchsorted(sorted_days, day[chunk].max() + window_days, side="right")
            candidates = np.concatenate([order[low:high], undated])
        block = (vectors[chunk] @ vectors[candidates].T).toarray()
        r, c = np.nonzero(block >= min_similarity)
        r, c = chunk[r], candidates[c]
        keep = (c > r) & _within_window(day, dated, r, c, window_days)  # each pair once
        rows.append(r[keep])
        cols.append(c[keep])
    rows, cols = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    count, component = connected_components(graph, directed=False)
    by_component: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(component):
        by_component[c].append(i)
    clusters = []
    for members in by_component.values():
        if len(members) <= 2:  # two linked articles: nothing to decide
            clusters.append(members)
        else:
            clusters.extend(_average_linkage(vectors, members, day, dated, window_days,
                                             min_similarity))  # fmt: skip
    return clusters


def _within_window(day, dated, a, b, window_days: int) -> np.ndarray:
    both = dated[a] & dated[b]
    return ~both | (np.abs(day[a] - day[b]) <= window_days)


def _average_linkage(vectors, members, day, dated, window_days, min_similarity):
    from sklearn.cluster import AgglomerativeClustering

    index = np.array(members)
    similarity = (vectors[index] @ vectors[index].T).toarray()
    a, b = np.meshgrid(index, index, indexing="ij")
    # A pair outside the date window is as far apart as two articles can be.
    similarity[~_within_window(day, dated, a, b, window_days)] = 0.0
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        # Merge while the mean similarity between two clusters is min_similarity or more.
        distance_threshold=1.0 - min_similarity + 1e-9,
    ).fit_predict(distance)
    clusters: dict[int, list[int]] = defaultdict(list)
    for member, label in zip(members, labels, strict=True):
        clusters[label].append(member)
    return list(clusters.values())


# --- corrections and measurement -------------------------------------------------------------


def _corrections_text(path: Path) -> str:
    """The corrections file's text; unreadable or not UTF-8 is a :class:`StoryFileError`
    naming the file and the line of the first bad byte (the whole file is decoded first, so
    the line is exact, not the line of a buffered read)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoryFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return decode_utf8(data, path)
    except NotUtf8Error as exc:
        raise StoryFileError(f"{exc}; save the CSV as UTF-8") from None


def read_corrections(path: Path, known_ids: Sequence[str]) -> dict[str, str | None]:
    """A corrections CSV (a header ``article_id,story``, then one row per article): article
    id -> story name ('' takes the article out of any story). An id not in ``known_ids``, a
    missing column or a repeated id is a :class:`StoryFileError` naming ``file:line``."""
    known = set(known_ids)
    text = _corrections_text(path)
    corrections: dict[str, str | None] = {}
    reader = csv.DictReader(io.StringIO(text, newline=""), skipinitialspace=True)
    try:
        header = [name.strip() for name in reader.fieldnames or ()]
        if "article_id" not in header or "story" not in header:
            raise StoryFileError(
                f"{path}:1: expected the columns article_id,story (found {','.join(header)})"
            )
        reader.fieldnames = header
        for row in reader:
            line = reader.line_num
            article_id = (row.get("article_id") or "").strip()
            if not article_id:
                raise StoryFileError(f"{path}:{line}: no article_id")
            if article_id not in known:
                raise StoryFileError(
                    f"{path}:{line}: unknown article id {article_id!r} (no such article "
                    f"in the corpus; `framing stories` lists the ids)"
                )
            if article_id in corrections:
                raise StoryFileError(f"{path}:{line}: article id {article_id!r} again")
            corrections[article_id] = (row.get("story") or "").strip() or None
    except csv.Error as exc:
        raise StoryFileError(f"{path}:{reader.line_num}: {exc}") from None
    return corrections


@dataclass(frozen=True)
class PairwiseScores:
    """Pairwise precision and recall of "same story" against known labels."""

    precision: float
    recall: float
    predicted_pairs: int  # pairs put in one story
    gold_pairs: int  # pairs in one story by the labels
    right_pairs: int  # pairs in both

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else float("nan")


def pairwise_scores(predicted: Sequence[str | None], gold: Sequence[str | None]) -> PairwiseScores:
    """Over every pair of articles: is it in one story in ``predicted`` and in ``gold``?
    None is a story of its own (no pair). Precision is NaN when no pair was predicted."""

    def pairs(labels) -> set[tuple[int, int]]:
        members: dict[str, list[int]] = defaultdict(list)
        for i, label in enumerate(labels):
            if label is not None:
                members[label].append(i)
        return {(a, b) for group in members.values() for k, a in enumerate(group)
                for b in group[k + 1:]}  # fmt: skip

    got, want = pairs(predicted), pairs(gold)
    right = len(got & want)
    return PairwiseScores(
        precision=right / len(got) if got else float("nan"),
        recall=right / len(want) if want else float("nan"),
        predicted_pairs=len(got),
        gold_pairs=len(want),
        right_pairs=right,
    )
