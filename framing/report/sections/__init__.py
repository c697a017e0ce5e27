"""The report's sections, one module each: a comparison (and the analyses) in, a Section out.

Numbered as the report shows them: overview, sourcing, state_media, loaded_language,
reporting_verbs, naming, figures, distinctive_wording, shared_copy, profile, accuracy,
articles. :mod:`framing.report.structure` puts them in that order.
"""
