"""Docs with labelled spans in, one flat feature record per article out.

:mod:`~framing.measure.analyzer` runs the pipeline on one article and builds its record with
:mod:`~framing.measure.features` (pure: spans to numbers) and
:mod:`~framing.measure.corroboration` (claim by claim). Running a whole corpus is
:mod:`framing.run`.
"""
