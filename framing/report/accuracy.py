"""The figures file the report's "How accurate are these measures" section prints.

``framing/data/accuracy.json`` is written by ``make accuracy``
(:mod:`framing.evaluation.accuracy`), which prints ``docs/accuracy.md`` from the same figures,
so the page and the report cannot drift apart. Each measure row is printed by
:func:`figure_cells`, here, for both.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from framing.common.package_data import DATA_DIR

#: The figures both docs/accuracy.md and the report's accuracy section read; inside the
#: package, so an installed wheel's report carries them too.
FIGURES_FILE = DATA_DIR / "accuracy.json"


def number(value: float | int | None, digits: int = 3) -> str:
    """A figure for a table: ``n/a`` for NaN or None, integers as they are."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if isinstance(value, int) or float(value).is_integer() and digits == 0:
        return str(int(value))
    return f"{value:.{digits}f}"


#: Every measure the report rests on, by id: the report names those the file lacks.
REPORT_MEASURES = {
    "attribution_cue": "Attribution: cue",
    "attribution_source": "Attribution: source",
    "attribution_content": "Attribution: content",
    "loaded_terms_words": "Loaded terms in own wording (word level)",
    "loaded_terms_sentences": "Loaded terms: sentence judged biased",
    "scare_quotes": "Scare quotes",
    "voice": "Voice of a loaded term (narration, paraphrase, quoted)",
}


def load_figures(path: Path | str = FIGURES_FILE) -> dict | None:
    """The figures file, or None when it is missing (a checkout before its first run)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


FIGURES_HEADER = ("measure", "report figures that rest on it", "P", "R", "F1", "counts",
                  "measured on")


def figure_cells(figure: dict) -> tuple[str, ...]:
    """A measure's row, as both the page and the report print it."""
    return (figure["measure"], figure["report_uses"], number(figure["precision"]),
            number(figure["recall"]), number(figure["f1"]), figure["counts"], figure["data"])
