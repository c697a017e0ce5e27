"""``framing evaluate`` end to end on the real gold data in ../shared/gold, on small subsets.

Skipped when ../shared/gold is absent (a fresh clone). The shared gold holds PolNeAR (brat) and
BABE; no SemEval spans or quote-string set is there, so those formats are covered by the
fixtures in tests/test_evaluation_spans_format.py and tests/test_evaluation_quotes_jsonl.py.
"""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from framing.cli import app

runner = CliRunner()


@pytest.mark.gold
@pytest.mark.model
@pytest.mark.parametrize(
    "relative, fmt, limit, components",
    [
        ("polnear/dev", "brat", 5, {"cue", "source", "content"}),
        ("babe/babe_sg2.csv", "babe", 300, {"loaded_word", "bias_sentence"}),
    ],
)
def test_real_format_end_to_end(gold_dir, tmp_path, relative, fmt, limit, components):
    gold = gold_dir / relative
    if not gold.exists():
        pytest.skip(f"{gold} not found")
    errors = tmp_path / "errors.csv"
    result = runner.invoke(app, ["evaluate", str(gold), "--format", fmt, "--limit", str(limit),
                                 "--json", "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["n_documents"] == limit
    assert components <= {row["component"] for row in payload["rows"]}
    overall = [row for row in payload["rows"] if row["category"] == "all"]
    assert all(row["n_gold"] > 0 and 0 <= (row["f1"] or 0) <= 1 for row in overall)
    # Far from perfect and far from useless, on any few hundred items.
    assert all(0.1 < row["f1"] < 1.0 for row in overall)
    with open(errors, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == payload["n_errors"] > 0
    assert all(row["context"] for row in rows if row["start"])
