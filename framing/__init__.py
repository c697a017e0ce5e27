"""framing: how news outlets source and frame the same story.

Library entry points (imported lazily, so ``framing --help`` stays fast):

- :func:`framing.analyze` — one text in, spans and features out.
- :func:`framing.analyze_corpus` — files, folders or stdin in, a pandas DataFrame out.
- :class:`framing.Analyzer` — a loaded pipeline to reuse across many calls.
- :func:`framing.read_corpus` with :class:`framing.ReadOptions` — inputs of every kind in,
  articles (or the reason one could not be read) out.
- :class:`framing.FramingFeaturizer` — the features as a scikit-learn transformer.

The spaCy factory ``"framing"`` is registered on import of :mod:`framing.annotate.component` (and
through the ``spacy_factories`` entry point), so ``nlp.add_pipe("framing")`` works on any
English pipeline.
"""

from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "analyze": "framing.measure.analyzer",
    "analyze_corpus": "framing.run.corpus",
    "Analyzer": "framing.measure.analyzer",
    "ArticleAnalysis": "framing.measure.analyzer",
    "FramingFeaturizer": "framing.run.featurizer",
    "load_lexicons": "framing.lexicon.load",
    "ReadOptions": "framing.read.corpus",
    "read_corpus": "framing.read.corpus",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


__all__ = ["__version__", *_LAZY]
