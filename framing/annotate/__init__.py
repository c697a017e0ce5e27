"""Clean text in, spaCy Docs with labelled spans out.

The framing component (:mod:`framing.annotate.component`) writes quotes, attributions with
their chains, sources and their types, loaded terms with their voice, figures, names and
unsourced assertions as spans and records on the Doc; each span names the lexicon entry that
produced it. Nothing here counts: turning spans into numbers is :mod:`framing.measure`.
"""
