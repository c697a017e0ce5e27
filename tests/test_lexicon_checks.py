"""Tests for framing.curate.checks: every problem with file:line, and the examples."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from framing.curate.checks import (
    check_file,
    errors,
    lexicons_of_folder,
    run_examples,
    validate_lexicons,
)

HEADER = """\
lexicon: loaded_terms
lang: en
categories:
  pejorative_label: A label that condemns.
entries:
"""


def overlay(tmp_path: Path, body: str, name: str = "loaded_terms.yaml") -> Path:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    return folder


# Each case: an overlay body, the line the problem must name, its kind, and a word of its message.
PROBLEMS = [
    (  # the same id twice in one file
        """\
        - {id: mine.glorbnik, term: glorbnik, category: pejorative_label, note: condemns}
        - {id: mine.glorbnik, term: snarfwit, category: pejorative_label, note: condemns}
        """,
        7,
        "duplicate",
        "duplicate id 'mine.glorbnik'",
    ),
    (  # a category the file does not declare
        """\
        - id: mine.glorbnik
          term: glorbnik
          category: insult
          note: condemns
        """,
        6,
        "schema",
        "unknown category 'insult'",
    ),
    (  # a token pattern spaCy refuses
        """\
        - id: mine.glorbnik
          pattern: [{NOT_AN_ATTRIBUTE: glorbnik}]
          category: pejorative_label
          note: condemns
        """,
        6,
        "pattern",
        "does not compile",
    ),
    (  # a must_match example without the term
        """\
        - {id: mine.glorbnik, term: glorbnik, category: pejorative_label, note: condemns}
        - id: mine.butcherer
          term: butcherer
          category: pejorative_label
          note: condemns
          must_match: ["the butcher of Baghdad"]
        """,
        7,
        "example",
        "must match 'the butcher of Baghdad'",
    ),
    (  # a must_not_match example that hits
        """\
        - id: mine.glorbnik
          term: glorbnik
          category: pejorative_label
          note: condemns
          must_not_match: ["a glorbnik"]
        """,
        6,
        "example",
        "must not match 'a glorbnik'",
    ),
    (  # an unknown field, on its own line inside the entry
        """\
        - id: mine.glorbnik
          term: glorbnik
          category: pejorative_label
          note: condemns
          colour: red
        """,
        6,
        "schema",
        "colour",
    ),
    (  # two entries with the same phrase: only one can win a match
        """\
        - {id: mine.glorbnik, term: glorbnik, category: pejorative_label, note: condemns}
        - {id: mine.glorbnik2, term: Glorbnik, category: pejorative_label, note: condemns}
        """,
        7,
        "duplicate",
        "'glorbnik' is also entry 'mine.glorbnik'",
    ),
]


@pytest.mark.parametrize("body, line, kind, message", PROBLEMS)
def test_validate_names_file_line_and_kind(tmp_path, body, line, kind, message):
    folder = overlay(tmp_path, body)
    problems = validate_lexicons(folder)
    path = folder / "loaded_terms.yaml"
    matching = [p for p in problems if p.kind == kind and message in p.message]
    assert matching, [str(p) for p in problems]
    assert matching[0].path == path and matching[0].line == line
    assert str(matching[0]).startswith(f"{path}:{line}: error: {kind}: ")


def test_validate_collects_every_problem_not_only_the_first(tmp_path):
    folder = overlay(
        tmp_path,
        """\
        - {id: a, term: glorbnik, category: insult, note: condemns}
        - {id: b, term: snarfwit, category: pejorative_label}
        - {id: c, term: blemtok, category: pejorative_label, note: condemns, must_match: [a cat]}
        """,
    )
    found = {(p.line, p.kind) for p in errors(validate_lexicons(folder))}
    assert {(6, "schema"), (7, "schema"), (8, "example")} <= found


def test_a_clean_overlay_has_no_errors(tmp_path):
    folder = overlay(
        tmp_path,
        """\
        - id: mine.zantor
          term: zantor
          category: pejorative_label
          note: Casts a military government as illegitimate.
          must_match: ["the zantor in Naypyidaw"]
          must_not_match: ["the council in Naypyidaw"]
        """,
    )
    assert errors(validate_lexicons(folder)) == []


def test_overlapping_phrases_are_a_warning_unless_declared(tmp_path):
    body = """\
    - {id: mine.fodder, term: fodder, category: pejorative_label, note: condemns}
    - {id: mine.cannon_fodder, term: cannon fodder, category: pejorative_label, note: condemns}
    """
    problems = validate_lexicons(overlay(tmp_path, body))
    overlaps = [p for p in problems if p.kind == "overlap"]
    assert overlaps and overlaps[0].severity == "warning" and overlaps[0].line == 6
    declared = body.replace("note: condemns}", "note: condemns, exceptions: [cannon fodder]}", 1)
    problems = validate_lexicons(overlay(tmp_path, declared))
    assert not [p for p in problems if p.kind == "overlap" and "mine.fodder" in p.message]


def test_invalid_yaml_is_one_problem_with_its_line(tmp_path):
    folder = overlay(tmp_path, "- id: a\n  term: [unclosed\n")
    problems = validate_lexicons(folder)
    assert problems[0].kind == "yaml" and problems[0].line and problems[0].line >= 6


def test_missing_folder_is_a_problem_not_an_exception(tmp_path):
    assert validate_lexicons(tmp_path / "nope")[0].message == "lexicon folder not found"


def test_check_file_keeps_the_valid_entries(tmp_path):
    folder = overlay(
        tmp_path,
        """\
        - {id: a, term: glorbnik, category: pejorative_label, note: condemns}
        - {id: b, term: snarfwit, category: nope, note: condemns}
        """,
    )
    check = check_file(folder / "loaded_terms.yaml")
    assert [entry.id for entry, _ in check.entries] == ["a"]
    assert [p.line for p in check.problems] == [7]


def test_run_examples_counts_and_reports_failures(tmp_path, blank_nlp):
    folder = overlay(
        tmp_path,
        """\
        - id: mine.zantor
          term: zantor
          category: pejorative_label
          note: condemns
          must_match: ["the zantor ruled", "the council ruled"]
          must_not_match: ["a zantor"]
        """,
    )
    lexicons, _ = lexicons_of_folder(folder)
    run = run_examples(lexicons, blank_nlp, paths=[folder / "loaded_terms.yaml"])
    assert run.checked == 3
    assert [(f.text, f.should_match) for f in run.failures] == [
        ("the council ruled", True),
        ("a zantor", False),
    ]
    assert str(run.failures[0]).startswith(f"{folder / 'loaded_terms.yaml'}:6: mine.zantor:")


@pytest.mark.model
def test_shipped_loaded_terms_examples_pass_on_the_trained_pipeline(trained_nlp, lexicons):
    from framing.lexicon.load import SHIPPED_LEXICONS

    path = SHIPPED_LEXICONS / "loaded_terms.yaml"
    run = run_examples(lexicons, trained_nlp, paths=[path])
    assert run.checked > 100
    assert run.failures == [], [str(f) for f in run.failures[:5]]
