"""Evaluation against annotated gold data: span matching rules and dataset readers.

:mod:`framing.evaluation.matching` holds the span-matching rules (exact and overlap) shared by
every evaluation; :mod:`framing.evaluation.brat` reads brat standoff attribution annotations
(PolNeAR) and scores the attribution component against them.
"""
