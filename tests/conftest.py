"""Shared fixtures: a blank pipeline for fast tests, the trained one (skipped when absent),
the shipped lexicons, and the gold data folder beside the project (skipped when absent)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
import spacy

from framing.lexicon.load import load_lexicons

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_GOLD = PROJECT_ROOT.parent / "shared" / "gold"
SEEDS = PROJECT_ROOT / "seeds"
#: A loaded_terms overlay that makes "minister" a loaded term: an edit that changes results
#: (the result version) but not parses.
MINISTER_OVERLAY = """\
lexicon: loaded_terms
lang: en
categories:
  pejorative_label: A label that condemns.
entries:
  - {id: mine.minister, term: minister, category: pejorative_label, note: test term}
"""


@pytest.fixture(scope="session")
def lexicons():
    return load_lexicons()


@pytest.fixture(scope="session")
def blank_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def trained_nlp():
    from framing.annotate.model import ModelNotFound, load_model

    try:
        return load_model()
    except ModelNotFound as exc:
        pytest.skip(f"trained English pipeline not installed: {exc}")


@pytest.fixture(scope="session")
def analyzer(trained_nlp):
    """The default Analyzer (trained pipeline, shipped lexicons), loaded once per session."""
    from framing.measure.analyzer import Analyzer

    return Analyzer()


def voice_reading(analyzer, text: str, fragment: str, *, learned_filter: bool = False):
    """The voice span the analyzer reads for the quoted ``fragment`` of ``text``: the rules'
    reading, unless ``learned_filter`` (the scare-quote filter on top of the rules, whose own
    tests are in test_scare_filter.py)."""
    with rules_only(analyzer, off=not learned_filter):
        doc = analyzer.analyze(text).doc
    return next(v for v in doc._.voices if v.span.text.rstrip(".") == fragment)


@contextmanager
def rules_only(analyzer, *, off: bool = True):
    """The analyzer with the learned scare-quote filter switched off (``off``) for a while:
    the tests of the rules read what the rules decide."""
    from framing.annotate.voice import VoiceReader

    reader = next(
        s for s in analyzer.nlp.get_pipe("framing").steps if isinstance(s, VoiceReader)
    )
    saved = reader.scare_filter
    if off:
        reader.scare_filter = None
    try:
        yield analyzer
    finally:
        reader.scare_filter = saved


@pytest.fixture(scope="session")
def gold_dir():
    if not SHARED_GOLD.is_dir():
        pytest.skip(
            f"gold data not found at {SHARED_GOLD} (it sits in ../shared/ beside the project)"
        )
    return SHARED_GOLD


@pytest.fixture(scope="session")
def seed_result(trained_nlp):
    """The seed corpus scored once with the trained pipeline (shared by the report tests)."""
    from framing.run.corpus import score_corpus

    return score_corpus([SEEDS])


@pytest.fixture(scope="session")
def seed_analyses(seed_result):
    return seed_result.analyses


@pytest.fixture(scope="session")
def blank_extractor(blank_nlp, lexicons):
    """The attribution extractor on the blank pipeline (surface rules only)."""
    from framing.annotate.attribution.extract import AttributionExtractor

    return AttributionExtractor(blank_nlp, lexicons)


@pytest.fixture(scope="session")
def trained_extractor(trained_nlp, lexicons):
    """The attribution extractor on the trained pipeline (parse rules and the cue detector)."""
    from framing.annotate.attribution.extract import AttributionExtractor

    return AttributionExtractor(trained_nlp, lexicons)


@pytest.fixture(autouse=True)
def _own_cache_dir(tmp_path_factory, monkeypatch):
    """Commands cache per-article results by default: each test gets an empty cache of its
    own, never the project's .framing-cache/."""
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path_factory.mktemp("framing-cache")))
