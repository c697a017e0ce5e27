"""``FramingFeaturizer``: the per-article features as a scikit-learn transformer.

So that users can learn from our features: put it first in a scikit-learn ``Pipeline`` and
any classifier can use attribution, loaded-term, state-media, hedge and readability figures::

    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    model = make_pipeline(FramingFeaturizer(), SimpleImputer(), LogisticRegression())

It follows scikit-learn's conventions: ``__init__`` only stores parameters; ``fit`` loads the
pipeline and sets ``feature_names_out_`` (from the lexicons' categories, without running the
model on a dummy text); ``transform`` takes a list of texts and returns one row of features per
text (NaN where a rate has nothing to divide by, as in ``framing score``). Since
:meth:`get_feature_names_out` is defined, ``set_output(transform="pandas")`` gives a
DataFrame with our column names.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

#: ``model=BLANK`` uses ``spacy.blank("en")`` with a sentencizer: no trained model needed
#: (attribution then works from surface patterns only). Meant for tests and quick trials.
BLANK = "blank"


def _texts(X) -> list[str]:
    """A list of texts from a list, array, Series or one-column DataFrame of strings."""
    if hasattr(X, "columns"):
        if X.shape[1] != 1:
            raise ValueError(f"expected one column of texts, got {X.shape[1]} columns")
        X = X.iloc[:, 0]
    if isinstance(X, str):
        raise ValueError("expected a list of texts, got one string (wrap it in a list)")
    texts = list(np.asarray(X, dtype=object).ravel()) if not isinstance(X, list) else X
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            raise ValueError(f"item {index} is {type(text).__name__}, not a text (str)")
    return texts


def _worker_count(n_jobs: int | None) -> int:
    """scikit-learn's ``n_jobs``: None is 1, a negative n is every core but ``-n - 1``."""
    if n_jobs is None:
        return 1
    if n_jobs == 0:
        raise ValueError("n_jobs must not be 0 (None or 1: this process; -1: every core)")
    if n_jobs < 0:
        return max(1, (os.cpu_count() or 1) + 1 + n_jobs)
    return n_jobs


class FramingFeaturizer(TransformerMixin, BaseEstimator):
    """Texts in, one row of framing features per text out.

    Parameters
    ----------
    model : str or None
        spaCy pipeline package to load (default: as ``framing score``), or ``"blank"``.
    lexicon_overlays : tuple of str
        Lexicon folders laid over the shipped lexicons, in order.
    batch_size : int
        Texts per ``nlp.pipe`` batch.
    n_jobs : int or None
        Worker processes, as ``framing score --jobs`` (:mod:`framing.run.workers`). None or 1
        keeps everything in this process; -1 uses every core, -2 all but one (scikit-learn's
        convention).
    """

    def __init__(
        self,
        model: str | None = None,
        lexicon_overlays: Sequence[str] = (),
        batch_size: int = 32,
        n_jobs: int | None = None,
    ):
        self.model = model
        self.lexicon_overlays = lexicon_overlays
        self.batch_size = batch_size
        self.n_jobs = n_jobs

    def _analyzer(self):
        import spacy

        from framing.measure.analyzer import Analyzer

        overlays = tuple(str(p) for p in self.lexicon_overlays)
        if self.model == BLANK:
            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            return Analyzer(nlp, lexicon_overlays=overlays)
        return Analyzer(lexicon_overlays=overlays, model=self.model)

    def fit(self, X, y=None):
        """Load the pipeline and fix the feature names; nothing is learned from ``X``."""
        from framing.measure.features import article_features

        self.analyzer_ = self._analyzer()
        # The names come from the lexicons' categories: the feature function on no evidence.
        names = article_features(
            text="", n_words=0, sentences=[], attributions=[], quotes=[], term_hits=[],
            state_media=[], hedges=[], vocabulary=self.analyzer_.vocabulary,
        )
        self.feature_names_out_ = np.asarray(list(names), dtype=object)
        return self

    def transform(self, X) -> np.ndarray:
        """One row per text, columns as :meth:`get_feature_names_out`; NaN where undefined."""
        check_is_fitted(self, "feature_names_out_")
        rows = [analysis.features for analysis in self._analyses(_texts(X))]
        names = self.feature_names_out_
        return np.array(
            [[row.get(name, np.nan) for name in names] for row in rows], dtype=float
        ).reshape(len(rows), len(names))

    def _analyses(self, texts: list[str]) -> Iterable:
        from framing.read.corpus import Article
        from framing.run.corpus import RunOptions, run_analyses

        articles = (Article(id=str(i), text=text, outlet="unknown") for i, text in enumerate(texts))
        run = RunOptions(jobs=_worker_count(self.n_jobs), batch_size=self.batch_size)
        return run_analyses(self.analyzer_, articles, run)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The feature column names, in the order of :meth:`transform`'s columns."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags
