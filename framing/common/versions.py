"""What a cached result depends on besides its text: the code that computed it.

:func:`code_version` is a digest of the package's own source and data files, so any change to
the code (a new rule, a retrained cue model) invalidates cached results without anyone having
to remember to bump a number. The model and lexicon versions are recorded elsewhere
(:func:`framing.annotate.model.model_version`, ``Lexicons.version``).
"""

from __future__ import annotations

import hashlib
from functools import cache

import framing
from framing.common.package_data import PACKAGE_DIR


@cache
def code_version() -> str:
    """Package version plus a digest of every ``.py`` and data file under ``framing/``."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in {".py", ".json", ".yaml", ".html", ".css", ".js"} and path.is_file():
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{framing.__version__}+{digest.hexdigest()[:12]}"
