"""Tests for framing.run.featurizer: FramingFeaturizer follows scikit-learn's conventions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import (
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
    parametrize_with_checks,
)

import framing
from framing.run.featurizer import BLANK, FramingFeaturizer

TEXTS = [
    "Kim said the regime was finished.",
    "The dictator crushed the protests, officials said.",
    "",
]


@pytest.fixture(scope="module")
def fitted():
    return FramingFeaturizer(model=BLANK).fit(TEXTS)


def test_exported_lazily_from_the_package():
    assert framing.FramingFeaturizer is FramingFeaturizer


def test_init_only_stores_parameters():
    featurizer = FramingFeaturizer(model=BLANK, batch_size=8)
    assert featurizer.get_params() == {
        "model": BLANK, "lexicon_overlays": (), "batch_size": 8, "n_jobs": None
    }
    assert not hasattr(featurizer, "analyzer_") and not hasattr(featurizer, "feature_names_out_")
    assert clone(featurizer).get_params() == featurizer.get_params()


@pytest.mark.parametrize(
    "check",
    [check_no_attributes_set_in_init, check_get_params_invariance, check_set_params,
     check_parameters_default_constructible],
)
def test_sklearn_estimator_checks(check):
    # The checks that need no numeric training data; the others feed arrays of numbers,
    # which are not texts.
    check("FramingFeaturizer", FramingFeaturizer(model=BLANK))


@parametrize_with_checks([FramingFeaturizer(model=BLANK)])
def test_sklearn_parametrize_with_checks(estimator, check):
    # scikit-learn's own suite. Its tags say the input is strings (texts), so scikit-learn runs
    # what applies to any estimator (it can be cloned) and skips, with a SkipTestWarning, the
    # checks that feed arrays of numbers, as for its own text vectorizers; the parameter
    # conventions those would cover are checked above on texts.
    check(estimator)


@pytest.mark.parametrize(
    "n_jobs, cores, workers",
    [(None, 8, 1), (1, 8, 1), (3, 8, 3), (-1, 8, 8), (-2, 8, 7), (-1, 1, 1), (-20, 8, 1)],
)
def test_n_jobs_follows_scikit_learns_convention(monkeypatch, n_jobs, cores, workers):
    from framing.run import featurizer
    monkeypatch.setattr(featurizer.os, "cpu_count", lambda: cores)
    assert featurizer._worker_count(n_jobs) == workers


def test_n_jobs_zero_is_refused():
    from framing.run.featurizer import _worker_count

    with pytest.raises(ValueError, match="n_jobs"):
        _worker_count(0)


def test_worker_processes_give_the_same_rows(fitted):
    parallel = clone(fitted).set_params(n_jobs=2).fit(TEXTS)
    np.testing.assert_array_equal(parallel.transform(TEXTS * 6), fitted.transform(TEXTS * 6))


def test_transform_before_fit_is_an_error():
    with pytest.raises(NotFittedError):
        FramingFeaturizer(model=BLANK).transform(TEXTS)


def test_transform_gives_one_row_per_text(fitted):
    matrix = fitted.transform(TEXTS)
    names = fitted.get_feature_names_out()
    assert matrix.shape == (3, len(names)) and matrix.dtype == float
    assert "attribution_per_100_words" in names and "loaded_own_per_1000_words" in names
    words = list(names).index("text_n_words")
    assert matrix[0, words] == 6.0
    assert np.isnan(matrix[2]).all()  # an empty text has no figures, not zeros


def test_feature_names_come_from_the_lexicon_categories(fitted, lexicons):
    names = set(fitted.get_feature_names_out())
    for category in lexicons.categories["loaded_terms"]:
        assert any(category in name for name in names if name.startswith("loaded_"))


def test_set_output_pandas(fitted):
    frame = clone(fitted).set_output(transform="pandas").fit_transform(pd.Series(TEXTS))
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(fitted.get_feature_names_out())
    assert frame.loc[1, "attribution_n"] >= 1
    assert math.isnan(frame.loc[2, "text_n_words"])


@pytest.mark.parametrize("bad", ["one string", [1, 2], pd.DataFrame({"a": ["x"], "b": ["y"]})])
def test_inputs_that_are_not_lists_of_texts(fitted, bad):
    with pytest.raises(ValueError):
        fitted.transform(bad)


def test_in_a_pipeline_with_a_classifier():
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts = ["The dictator crushed the protests."] * 3 + ["The committee met on Tuesday."] * 3
    labels = [1, 1, 1, 0, 0, 0]
    model = make_pipeline(
        FramingFeaturizer(model=BLANK),
        SimpleImputer(strategy="constant", fill_value=0.0, keep_empty_features=True),
        LogisticRegression(),
    )
    assert list(model.fit(texts, labels).predict(texts)) == labels
