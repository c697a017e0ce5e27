"""Per loaded-term entry, on BABE: how often it fires, and how often a hit is a word the experts
marked as biased (``framing lexicon stats``). In: the BABE CSV, a pipeline and lexicons. Out:
one :class:`EntryStats` per entry, most frequent first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from framing.annotate.loaded_terms import LEXICON_NAME
from framing.evaluation.babe import predict_babe, read_babe, score_babe
from framing.lexicon.load import Lexicons


@dataclass(frozen=True)
class EntryStats:
    """How one loaded-term entry does on BABE: fires, and how often a hit is an expert's word."""

    entry_id: str
    term: str
    enabled: bool
    fires: int
    fires_outlet: int
    in_gold: int
    in_gold_outlet: int
    precision: float
    precision_outlet: float


def entry_stats(
    gold_csv: Path | str, nlp, lexicons: Lexicons, *, split: str = "all"
) -> list[EntryStats]:
    """Per loaded-term entry: its fires on BABE and its word-level precision there, most
    frequent first; entries that never fire are listed too, with zero fires."""
    predictions = predict_babe(read_babe(gold_csv), nlp, lexicons)
    scored = score_babe(predictions, split)["entries"]
    rows = []
    for loaded in lexicons.entries.get(LEXICON_NAME, []):
        entry = loaded.entry
        counts = scored.get(entry.id, {})
        fires = counts.get("fires", 0)
        rows.append(
            EntryStats(
                entry_id=entry.id,
                term=entry.term or "(pattern)",
                enabled=entry.enabled,
                fires=fires,
                fires_outlet=counts.get("fires_outlet", 0),
                in_gold=counts.get("in_gold", 0),
                in_gold_outlet=counts.get("in_gold_outlet", 0),
                precision=counts.get("precision", math.nan),
                precision_outlet=counts.get("precision_outlet", math.nan),
            )
        )
    return sorted(rows, key=lambda row: (-row.fires, row.entry_id))
