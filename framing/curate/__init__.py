"""Curating the lexicons against the pipeline and a corpus: the checks a lexicon file must
pass (``must_match`` examples, overlaps), where an entry hits, what a corpus suggests adding, and
what an edit would change. In: lexicons and articles. Out: plain records the CLI renders.
"""
