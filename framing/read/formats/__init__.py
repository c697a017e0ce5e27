"""Readers for each input kind that is not plain text: saved web pages, front matter, and
JSONL/CSV corpora with one article per row.

Each reader turns one input's decoded text into plain data (text and metadata strings); it
never builds :class:`framing.read.corpus.Article` itself. :func:`framing.read.corpus.read_corpus`
is the one entry point: it picks the reader by file suffix and applies outlet names, size limits and
warnings the same way for every kind.
"""
