"""Modules imported on first use, for the heavy ones a command may not need.

``framing score one.txt`` in the terminal never builds a DataFrame, yet importing pandas (and
the pyarrow it loads) took about as long as a fifth of the spaCy model's load. The modules that
use pandas say ``from framing.common.lazy import pandas as pd`` and write ``pd.DataFrame`` as
before: the first attribute read imports the real module.
"""

from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule:
    """Stands for the module ``name`` and imports it when an attribute is first read."""

    def __init__(self, name: str):
        self._name = name

    def _module(self) -> ModuleType:
        return importlib.import_module(self._name)  # after the first call, a dict lookup

    def __getattr__(self, attribute: str):
        return getattr(self._module(), attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


pandas = LazyModule("pandas")
