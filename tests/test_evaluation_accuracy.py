"""Tests for framing.evaluation.accuracy: the generated accuracy page."""

from __future__ import annotations

import shutil
from pathlib import Path

from framing.evaluation.accuracy import build_report, main

FIXTURES = Path(__file__).parent / "fixtures"


def fake_gold(folder: Path) -> Path:
    """The shared gold layout, filled with the small test fixtures."""
    shutil.copytree(FIXTURES / "brat" / "dev", folder / "polnear" / "dev")
    (folder / "babe").mkdir()
    shutil.copy(FIXTURES / "babe_sample.csv", folder / "babe" / "babe_sg2.csv")
    return folder


def test_report_has_both_tables_and_the_command(tmp_path, blank_nlp, lexicons):
    page = build_report(fake_gold(tmp_path), blank_nlp, lexicons)
    assert page.startswith("# Accuracy")
    assert "make accuracy" in page and lexicons.version in page
    assert "| cue | exact | 1.000 | 1.000 | 1.000 | 3 | 3 | 3 |" in page
    assert "| all | word, own-wording hits |" in page
    assert "| test | sentence (Biased) |" in page
    assert "0.80" in page and "alpha 0.40" in page
    # The seeds' hand reading is in the repository: its section is always there.
    assert "## Voice, provenance and figures: the seeds" in page
    assert "| voice of each loaded-term hit correct |" in page
    # One row per pipeline mode; a blank pipeline has no parser, so all three read alike.
    mode_rows = [line for line in page.splitlines() if line.startswith(("| `--", "| default"))]
    assert len(mode_rows) == 3
    assert len({row.split("|", 2)[2] for row in mode_rows}) == 1


def test_missing_gold_is_a_usage_error(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "polnear/dev" in capsys.readouterr().err
