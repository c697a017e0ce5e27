"""Tests for framing.lexicon.editing: byte-exact round trips, refused edits, atomic saves."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from framing.lexicon.editing import (
    add_entry,
    delete_entry,
    insert_entry,
    new_entry_id,
    remove_entry,
)
from framing.lexicon.load import SHIPPED_LEXICONS, Entry, LexiconError, load_lexicons
from tests.conftest import PROJECT_ROOT

FLOW_FILE = """\
# Hand-written header comment.
lexicon: loaded_terms
lang: en
categories:
  pejorative_label: A label that condemns.
  glorifying: Praise.
entries:
  - {id: loaded.zork, term: zork, category: pejorative_label, note: condemns}  # trailing
  # a comment between entries
  - {id: loaded.blemtok, term: blemtok, category: glorifying, note: "praises, oddly"}
"""

BLOCK_FILE = """\
lexicon: loaded_terms
lang: en
categories:
  pejorative_label: A label that condemns.
entries:
  # ---- Core
  - id: loaded.zork
    term: zork
    category: pejorative_label
    note: >-
      A folded note that runs
      over two lines.
    must_match: ['a "zork"']

  # ---- More
  - id: loaded.blemtok
    term: blemtok
    category: pejorative_label
    note: condemns

"""


def junta(**changes) -> Entry:
    fields = dict(
        id="loaded.zantor",
        term="zantor",
        category="pejorative_label",
        note="Casts a military government as illegitimate: 'quoted', #hash.",
        must_match=['the "zantor" ruled'],
        must_not_match=["the council ruled"],
    )
    return Entry(**{**fields, **changes})


@pytest.mark.parametrize("text", [FLOW_FILE, BLOCK_FILE, FLOW_FILE.replace("\n", "\r\n")])
def test_insert_then_delete_is_byte_identical(text):
    inserted, line = insert_entry(text, junta())
    assert "loaded.zantor" in inserted.splitlines()[line - 1]
    assert inserted.count("# ") == text.count("# ")  # every comment kept
    restored, removed_line = delete_entry(inserted, "loaded.zantor")
    assert removed_line == line
    assert restored == text


def test_new_entry_takes_its_neighbours_style():
    flow, _ = insert_entry(FLOW_FILE, junta())
    assert "  - {id: loaded.zantor, term: zantor" in flow
    block, _ = insert_entry(BLOCK_FILE, junta())
    assert "\n\n  - id: loaded.zantor\n    term: zantor\n" in block  # blank line, block style


def test_new_entry_goes_after_the_last_of_its_category():
    text, line = insert_entry(FLOW_FILE, junta())
    lines = text.splitlines()
    assert lines[line - 2].startswith("  - {id: loaded.zork")
    assert lines[line].startswith("  # a comment between entries")


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "lexicons"
    shutil.copytree(SHIPPED_LEXICONS, folder)
    return folder


def test_add_then_remove_leaves_a_shipped_file_byte_identical(folder, blank_nlp):
    path = folder / "loaded_terms.yaml"
    before = path.read_bytes()
    lexicons = load_lexicons(base=folder)
    edit = add_entry(folder, "loaded_terms", junta(), lexicons=lexicons, nlp=blank_nlp)
    assert edit.path == path and path.read_bytes() != before
    layered = load_lexicons(base=folder)
    assert layered.get("loaded.zantor").line == edit.line
    remove_entry(folder, "loaded.zantor", lexicons=layered)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "entry, message",
    [
        (junta(category="insult"), "unknown category 'insult'"),
        (junta(must_match=["the council ruled"]), "example fails: must match"),
        (junta(must_not_match=["a zantor"]), "example fails: must not match"),
        (junta(term=None, pattern=[{"NOPE": "x"}]), "does not compile"),
        (junta(id="loaded.regime"), "exists already"),
    ],
)
def test_an_edit_that_would_make_the_lexicon_invalid_is_refused(folder, blank_nlp, entry, message):
    path = folder / "loaded_terms.yaml"
    before = path.read_bytes()
    lexicons = load_lexicons(base=folder)
    with pytest.raises(LexiconError, match=message):
        add_entry(folder, "loaded_terms", entry, lexicons=lexicons, nlp=blank_nlp)
    assert path.read_bytes() == before
    assert not list(folder.glob(".*.tmp"))


def test_overlay_folder_gets_a_file_that_declares_the_categories(tmp_path, lexicons, blank_nlp):
    overlay = tmp_path / "mine"
    overlay.mkdir()
    edit = add_entry(overlay, "loaded_terms", junta(), lexicons=lexicons, nlp=blank_nlp)
    assert edit.created_file
    layered = load_lexicons([overlay])
    assert layered.get("loaded.zantor").path == overlay / "loaded_terms.yaml"
    # An overlay may override a shipped id; it is refused only within the same folder.
    override = junta(id="loaded.regime", term="regime", must_match=["the regime"])
    add_entry(overlay, "loaded_terms", override, lexicons=layered, nlp=blank_nlp)
    assert load_lexicons([overlay]).get("loaded.regime").path.parent == overlay


def test_removing_an_overlays_last_entry_leaves_a_valid_file(tmp_path, lexicons, blank_nlp):
    # Regression: the file was left with a bare "entries:" (null), refused by the schema.
    overlay = tmp_path / "mine"
    overlay.mkdir()
    add_entry(overlay, "loaded_terms", junta(), lexicons=lexicons, nlp=blank_nlp)
    remove_entry(overlay, "loaded.zantor", lexicons=load_lexicons([overlay]))
    layered = load_lexicons([overlay])
    assert layered.get("loaded.zantor") is None
    assert layered.get("loaded.regime").path.parent != overlay


def test_removing_an_entry_defined_elsewhere_is_refused_with_a_hint(tmp_path, lexicons):
    overlay = tmp_path / "mine"
    overlay.mkdir()
    with pytest.raises(LexiconError, match="enabled: false"):
        remove_entry(overlay, "loaded.regime", lexicons=lexicons)


def test_new_ids_use_the_lexicons_prefix(lexicons):
    assert new_entry_id(lexicons, "loaded_terms", "Cannon fodder") == "loaded.cannon_fodder"
    assert new_entry_id(lexicons, "hedges", "as it were").startswith("hedge.")


# The child adds an entry with os.replace held up: it writes the temporary file, says so, and
# waits to be killed before it can rename.
KILLED_CHILD = textwrap.dedent(
    """\
    import os, sys, time
    from pathlib import Path
    import spacy
    from framing.lexicon.editing import add_entry
    from framing.lexicon.load import Entry, load_lexicons

    folder, ready = Path(sys.argv[1]), Path(sys.argv[2])

    def stalled_replace(src, dst):
        ready.write_text(str(src))
        time.sleep(600)

    os.replace = stalled_replace
    entry = Entry(id="loaded.zantor", term="zantor", category="pejorative_label", note="abc")
    add_entry(folder, "loaded_terms", entry, lexicons=load_lexicons(base=folder),
              nlp=spacy.blank("en"))
    """
)


def test_killed_between_writing_and_renaming_leaves_the_old_file(folder, tmp_path):
    path = folder / "loaded_terms.yaml"
    before = path.read_bytes()
    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_CHILD, str(folder), str(ready)], cwd=PROJECT_ROOT
    )
    try:
        while not ready.exists():  # a readiness wait, not a timing assertion
            assert child.poll() is None, "the child exited before writing"
            time.sleep(0.05)
        tmp = Path(ready.read_text())
        assert "loaded.zantor" in tmp.read_text(encoding="utf-8")  # the new text was written
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert path.read_bytes() == before
    assert load_lexicons(base=folder).get("loaded.zantor") is None  # still valid, unchanged
