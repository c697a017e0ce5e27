"""The F1 ceiling against one annotator (framing/evaluation/ceiling.py): item votes on a tiny
text, and the mixture fit on votes drawn from known marking rates, where the answer is known in
closed form."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from framing.evaluation.brat import BratDocument, parse_ann
from framing.evaluation.ceiling import (
    best_f1,
    expected_f1,
    fit_marking_rates,
    fully_annotated,
    item_votes,
    majority_of,
    measure_ceiling,
)

TEXT = "Smith said taxes rose. Jones claimed nothing."
SAID, CLAIMED, SMITH_SAID, TAXES = (6, 10), (29, 36), (0, 10), (11, 16)


def _annotator(cues: list[tuple[int, int]]) -> BratDocument:
    lines = []
    for i, (start, end) in enumerate(cues, 1):
        lines += [f"T{i}\tCue {start} {end}\t{TEXT[start:end]}", f"E{i}\tAttribution:T{i} Cue:T{i}"]
    return BratDocument("t", TEXT, Path("t_a.ann"), *parse_ann("\n".join(lines) + "\n"))


# (each annotator's cues, the sorted vote counts of the items)
VOTES = [
    pytest.param([[SAID], [SAID], [CLAIMED]], [1, 2], id="two items"),
    # "Smith said" overlap-matches "said" (1 word of 2): the same item, three votes
    pytest.param([[SAID], [SMITH_SAID], [SAID]], [3], id="other bounds, same item"),
    pytest.param([[SAID], [TAXES], []], [1, 1], id="no overlap, two items"),
    pytest.param([[SAID, SMITH_SAID], [], []], [1], id="one annotator counts once"),
    pytest.param([[], [], []], [], id="nothing marked"),
]


@pytest.mark.parametrize(("marked", "expected"), VOTES)
def test_item_votes(marked, expected):
    assert sorted(item_votes([_annotator(cues) for cues in marked], "cue")) == expected


def _votes(rates: list[float], per_rate: int, seed: int = 7) -> list[int]:
    """Vote counts of six annotators on items of the given rates; unmarked items unseen."""
    rng = random.Random(seed)
    drawn = (sum(rng.random() < p for _ in range(6)) for p in rates for _ in range(per_rate))
    return [v for v in drawn if v]


def test_one_rate_recovers_its_closed_form():
    # Every item marked at rate 0.9: an annotator against another scores 0.9, and the best an
    # extractor can do is to mark every item: 2 * 0.9 / (0.9 + 1).
    items = fit_marking_rates(_votes([0.9], 3000))
    assert expected_f1(items, majority_of(1)) == pytest.approx(0.9, abs=0.01)
    assert best_f1(items)[0] == pytest.approx(1.8 / 1.9, abs=0.01)


def test_rare_items_are_left_out_at_the_ceiling():
    # Half the items at 0.95, half at 0.1: the ceiling marks the first half only, and it is
    # above what marking everything would give.
    items = fit_marking_rates(_votes([0.95, 0.1], 4000))
    ceiling, threshold = best_f1(items)
    assert 0.1 < threshold < 0.95
    assert ceiling == pytest.approx(2 * 0.95 / (0.95 + 0.1 + 1), abs=0.02)
    assert ceiling > expected_f1(items, lambda p: np.ones_like(p))


def test_unseen_items_are_restored():
    # At rate 0.2, (0.8 ** 6) = 26% of the items get no vote and are never seen.
    items = fit_marking_rates(_votes([0.2], 4000))
    assert items.sum() == pytest.approx(4000, rel=0.05)


MAJORITY = [(1, 0.3, 0.3), (3, 0.5, 0.5), (3, 1.0, 1.0), (5, 0.0, 0.0), (3, 0.9, 0.972)]


@pytest.mark.parametrize(("voters", "rate", "chance"), MAJORITY)
def test_majority_of(voters, rate, chance):
    assert float(majority_of(voters)(np.array(rate))) == pytest.approx(chance, abs=1e-3)


@pytest.mark.gold
def test_model_predicts_the_measured_majorities(gold_dir):
    """The fitted rates must reproduce what one annotator scores against the majority of the
    others, measured directly, before its ceiling is worth printing."""
    from framing.evaluation.agreement import majority_agreement, summed

    articles = fully_annotated(gold_dir / "polnear" / "train")
    assert len(articles) >= 10
    measured = summed(majority_agreement(articles))["cue", "overlap"].scores().f1
    found = measure_ceiling(articles, "cue", draws=5)
    assert found.predicted_majority[5] == pytest.approx(measured, abs=0.02)
    assert found.predicted_majority[1] < found.predicted_majority[5] < found.ceiling < 1


def test_section_rows_name_the_target_and_the_measured_check():
    from framing.evaluation.accuracy_sections import ceiling_section
    from framing.evaluation.ceiling import Ceiling

    found = Ceiling("cue", 15, 743, {1: 0.768, 3: 0.795, 5: 0.81}, {1: 0.763, 5: 0.815},
                    0.841, 0.42, (0.769, 0.881))
    lines = ceiling_section([found])
    assert "| cue | 743 | 0.768 (0.763) | 0.795 | 0.810 (0.815) | **0.841** | 0.769-0.881 " \
        "| 0.850 |" in lines
    assert ceiling_section([]) == []
