"""Articles in: files, folders, pages, JSONL/CSV corpora and stdin become
:class:`~framing.read.articles.Article` records with their metadata and outlet, or a
:class:`~framing.read.articles.ReadFailure` naming the file (and line); the text is then cleaned
(page chrome, glued words, invisible characters) with an offset map back to the original, and
its language checked. Imports :mod:`framing.lexicon` (the outlet table) and :mod:`framing.common`.
"""
