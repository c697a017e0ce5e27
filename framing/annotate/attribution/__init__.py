"""Who is cited and how: reporting-verb cues, their sources and contents, chains of
provenance (speaker → channel → relay) and the learned cue detector.

In: a parsed Doc. Out: :class:`~framing.annotate.records.Attribution` records on
``doc._.attributions``. The entry point is
:class:`framing.annotate.attribution.extract.AttributionExtractor`, whose module docstring
names the module of each step; each name is imported from the module that defines it.
"""
