"""Evaluation against annotated gold data: matching rules, one reader per format, one result.

- :mod:`framing.evaluation.matching`: the span-matching rules (exact and overlap, one-to-one)
  shared by every evaluation.
- One module per gold format: :mod:`~framing.evaluation.brat` (brat standoff attribution
  annotations, PolNeAR), :mod:`~framing.evaluation.babe` (BABE sentences and biased words),
  :mod:`~framing.evaluation.spans_format` (labelled character spans, the SemEval-2020 Task 11
  layout), :mod:`~framing.evaluation.quotes_jsonl` (quotations given as strings).
- :mod:`~framing.evaluation.tasks` puts brat and BABE scores in the common shape of
  :mod:`~framing.evaluation.results`, with the false positives and negatives of
  :mod:`~framing.evaluation.errors`; :mod:`~framing.evaluation.run` is the one entry point
  behind ``framing evaluate``; :mod:`~framing.evaluation.accuracy` writes docs/accuracy.md.
"""
