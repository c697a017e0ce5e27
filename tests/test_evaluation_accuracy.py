"""Tests for framing.evaluation.accuracy: the generated accuracy page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from framing.evaluation.accuracy import (
    build_page_and_figures,
    build_report,
    main,
    paraphrase_note,
)
from framing.evaluation.accuracy_figures import figures_section
from framing.report.accuracy import load_figures

ACCURACY_PAGE = Path(__file__).resolve().parents[1] / "docs" / "accuracy.md"

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
    assert "| test | word, own wording: narration hits |" in page
    assert "| test | word, own wording: paraphrase hits |" in page
    assert "| test | sentence (Biased) |" in page
    assert "0.80" in page and "alpha 0.40" in page
    # The seeds' hand reading is in the repository: its section is always there.
    assert "## Voice, provenance and figures: the seeds" in page
    assert "| voice of each loaded-term hit correct |" in page
    # One row per pipeline mode (--accurate too: its weights ship); a blank pipeline has no
    # parser, so all read alike (the trained labeller reads the parse, and is not used).
    mode_rows = [line for line in page.splitlines() if line.startswith(("| `--", "| default"))]
    assert len(mode_rows) == 4
    assert len({row.split("|", 2)[2] for row in mode_rows}) == 1
    # PolNeAR dev's direct quotations, scored as a quote set: a row per prediction set.
    assert "## Quotations: PolNeAR dev as a quote set" in page
    assert "| direct | overlap>=0.8 |" in page and "| all | overlap>=0.3 |" in page


def test_missing_gold_is_a_usage_error(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "polnear/dev" in capsys.readouterr().err


def test_page_and_figures_come_from_one_run(tmp_path, blank_nlp, lexicons):
    page, figures = build_page_and_figures(fake_gold(tmp_path), blank_nlp, lexicons)
    assert "\n".join(figures_section(figures)) in page
    cue = next(f for f in figures["measures"] if f["id"] == "attribution_cue")
    assert (cue["precision"], cue["recall"], cue["f1"]) == (1.0, 1.0, 1.0)  # the fixture's 3/3
    assert "3 matched of 3 gold" in cue["counts"]
    # Negative: another figure prints another section.
    cue["f1"] = 0.5
    assert "\n".join(figures_section(figures)) not in page


def test_main_writes_the_page_and_the_figures_file_together(tmp_path, monkeypatch, blank_nlp):
    import framing.annotate.model

    monkeypatch.setattr(framing.annotate.model, "load_model", lambda name=None: blank_nlp)
    gold = fake_gold(tmp_path / "gold")
    out, figures = tmp_path / "accuracy.md", tmp_path / "accuracy.json"
    assert main([str(gold), "--out", str(out), "--figures", str(figures)]) == 0
    written = json.loads(figures.read_text(encoding="utf-8"))
    assert "\n".join(figures_section(written)) in out.read_text(encoding="utf-8")


def test_the_committed_page_prints_the_committed_figures_file():
    figures = load_figures()
    assert figures is not None, "framing/data/accuracy.json is missing"
    assert "\n".join(figures_section(figures)) in ACCURACY_PAGE.read_text(encoding="utf-8")


def _figure(figure_id: str) -> dict:
    return next(f for f in load_figures()["measures"] if f["id"] == figure_id)


# Each figure of the file; the section of the page's detailed tables and the start of the row
# it was read from; what that row must hold.
DETAILED_ROWS = [
    ("attribution_cue", "## Attribution", "| cue | overlap |",
     "| {precision} | {recall} | {f1} |"),
    ("attribution_source", "## Attribution", "| source | overlap |",
     "| {precision} | {recall} | {f1} |"),
    ("attribution_content", "## Attribution", "| content | overlap |",
     "| {precision} | {recall} | {f1} |"),
    ("loaded_terms_words", "## Loaded terms", "| test | word, own-wording hits |",
     "| {precision} | {recall} | {f1} |"),
    ("loaded_terms_sentences", "## Loaded terms", "| test | sentence (Biased) |",
     "| {precision} | {recall} | {f1} |"),
    # The writer's-distance precision of the filter's out-of-fold hits (the sample is its
    # training data) and the sample's recall, each printed with its count.
    ("scare_quotes", "### The scare-quote filter, cross-validated", "| pooled |",
     "| {precision} ("),
    ("scare_quotes", "## Scare quotes", "| all |", "| {recall} ("),
]


def _row_of(page: str, section: str, start: str) -> str:
    after = page[page.index(section):]
    return next(line for line in after.splitlines() if line.startswith(start))


@pytest.mark.parametrize("figure_id, section, start, expected", DETAILED_ROWS)
def test_figures_file_agrees_with_the_detailed_tables(figure_id, section, start, expected):
    figure = _figure(figure_id)
    row = _row_of(ACCURACY_PAGE.read_text(encoding="utf-8"), section, start)
    values = {k: f"{figure[k]:.3f}" for k in ("precision", "recall", "f1") if figure[k] is not None}
    expected = expected.format(**values)
    # A template of figures in a row must appear whole; one with counts, figure by figure.
    parts = expected.split("|")[1:] if "(" in expected else [expected[1:]]
    for part in parts:
        assert f"|{part}" in row, (figure_id, part, row)


def test_a_figure_off_by_a_thousandth_is_not_in_the_page():
    figure = _figure("attribution_cue")
    wrong = f"| cue | overlap | {figure['precision'] + 0.001:.3f} |"
    assert wrong not in ACCURACY_PAGE.read_text(encoding="utf-8")


def test_the_figures_file_ships_in_the_package():
    """An installed wheel's report carries the error rates: the file is package data."""
    import fnmatch
    import tomllib

    from framing.report.accuracy import FIGURES_FILE

    pyproject = tomllib.loads((ACCURACY_PAGE.parents[1] / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["framing"]
    inside = FIGURES_FILE.relative_to(ACCURACY_PAGE.parents[1] / "framing").as_posix()
    assert inside == "data/accuracy.json"
    assert any(fnmatch.fnmatch(inside, pattern) for pattern in patterns)
    assert not any(fnmatch.fnmatch("accuracy.md", pattern) for pattern in patterns)


def _word(true_positives: int, predicted: int) -> dict:
    return {"precision": true_positives / predicted if predicted else float("nan"),
            "true_positives": true_positives, "predicted": predicted}


@pytest.mark.parametrize(
    "splits, expected",
    [
        ({"dev": ((8, 10), (1, 2)), "test": ((6, 10), (0, 4))},
         ["narration hits P dev 0.800 (8 of 10), test 0.600 (6 of 10)",
          "paraphrase hits P dev 0.500 (1 of 2), test 0.000 (0 of 4)"]),
        ({"dev": ((3, 4), (0, 0)), "test": ((1, 1), (1, 1))},
         ["paraphrase hits P dev n/a (0 of 0), test 1.000 (1 of 1)"]),
        ({"all": ((9, 12), (2, 3)), "dev": ((3, 4), (1, 1)), "test": ((6, 8), (1, 2))},
         ["narration hits alone, all P 0.750 (9 of 12), against 0.782 then"]),
    ],
)
def test_paraphrase_note_gives_each_voice_on_each_half(splits, expected):
    result = {"splits": {
        split: {"word": {"narration": _word(*narration), "paraphrase": _word(*paraphrase)}}
        for split, (narration, paraphrase) in splits.items()
    }}
    (note,) = paraphrase_note(result)
    for part in expected:
        assert part in note
    assert ("narration hits alone" in note) == ("all" in splits)


def test_paraphrase_note_needs_both_halves():
    only_all = {"splits": {"all": {"word": {"narration": _word(1, 1),
                                             "paraphrase": _word(1, 1)}}}}
    assert paraphrase_note(only_all) == []


def _audit_rows(*rows: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"scored": s, "label": label, "cue_extent": extent} for s, label, extent in rows]


@pytest.mark.parametrize(
    ("rows", "false_positive_row"),
    [
        (_audit_rows(("false_positive", "yes", "ok"), ("false_positive", "yes", "part"),
                     ("false_positive", "no", "n/a"), ("false_positive", "unsure", "ok"),
                     ("matched", "yes", "ok")),
         "| false positive | 4 | 2 | 1 | 1 | 0.500 |"),
        (_audit_rows(("matched", "yes", "ok")), "| false positive | 0 | 0 | 0 | 0 | n/a |"),
    ],
)
def test_the_cue_audit_counts_each_reading(rows, false_positive_row):
    from framing.evaluation.accuracy_sections import cue_audit_section

    lines = cue_audit_section(rows)
    assert any(line.startswith(false_positive_row) for line in lines), lines


@pytest.mark.gold
def test_the_cue_audit_points_at_its_cues(gold_dir):
    from framing.evaluation.accuracy_sections import read_cue_audit

    rows = read_cue_audit()
    assert [sum(r["scored"] == s for r in rows) for s in ("false_positive", "matched")] == [100, 50]
    for row in rows:
        text = (gold_dir / "polnear" / "dev" / "text" / f"{row['file']}.txt").read_text(
            encoding="utf-8")
        assert text[int(row["start"]):int(row["end"])] == row["cue"]
