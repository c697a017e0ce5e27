"""How a corpus is computed: one process, worker processes, the per-article cache or Dask.

In: articles and an analyzer. Out: the same analyses, in input order, whichever engine computed
them (:mod:`framing.run.corpus` chooses; nothing here changes a result). The scikit-learn
transformer (:mod:`framing.run.featurizer`) is a run too: texts in, a feature matrix out.
"""
