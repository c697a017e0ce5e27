"""Parsed PolNeAR articles, cached on disk: parsing is the slow part of training and scoring.

:func:`parsed_docs` parses the texts of a split with the trained pipeline once and keeps the
Docs as a DocBin under ``~/.cache/framing/polnear-docs/`` (outside the repository; override with
``$FRAMING_CACHE_DIR``). The file name carries the pipeline's version and a hash of the texts,
so a different model or a changed split is parsed afresh, never read from a stale file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

CACHE_ENV_VAR = "FRAMING_CACHE_DIR"


def cache_dir() -> Path:
    root = os.environ.get(CACHE_ENV_VAR) or Path.home() / ".cache" / "framing"
    return Path(root) / "polnear-docs"


def cache_path(texts: Sequence[str], nlp: Language, label: str) -> Path:
    from framing.annotate.model import model_version

    digest = hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()[:12]
    return cache_dir() / f"{label}-{model_version(nlp)}-{digest}.spacy"


def parsed_docs(texts: Sequence[str], nlp: Language, label: str = "split") -> list[Doc]:
    """The texts parsed by ``nlp`` (every sentence), from the cache when it holds them."""
    path = cache_path(texts, nlp, label)
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return docs
