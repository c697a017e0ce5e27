"""``framing lexicon ...``: read, check, edit and grow the lexicons.

A thin layer over :mod:`framing.curate.checks`, :mod:`framing.lexicon.editing` and
:mod:`framing.curate.corpus`: each command calls one library function and renders its data.
The group is declared in :mod:`~framing.cli.lexicon.group`; :mod:`~framing.cli.lexicon.files`
holds the commands on the lexicon files themselves, :mod:`~framing.cli.lexicon.corpus` those
that hold a lexicon against a corpus.
"""

from framing.cli.lexicon.group import lexicon_app

# The help lists the commands in the order they register: the files' own, then a corpus.
# isort: split
from framing.cli.lexicon import files  # noqa: F401 - list, show, add, remove, validate, test

# isort: split
from framing.cli.lexicon import corpus  # noqa: F401 - where, suggest, diff, stats

__all__ = ["lexicon_app"]
