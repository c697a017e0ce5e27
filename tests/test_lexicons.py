"""Tests for framing.lexicon.load: schema, file:line errors, overlays, version."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from framing.lexicon.load import (
    LEXICONS_ENV_VAR,
    SHIPPED_LEXICONS,
    LexiconError,
    lexicon_dirs,
    load_lexicons,
    read_lexicon_file,
)

HEADER = """\
lexicon: loaded_terms
lang: en
categories:
  pejorative_label: A label that condemns.
entries:
"""


def write(tmp_path: Path, body: str, name: str = "loaded_terms.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    return path


def test_shipped_lexicons_load_and_have_a_version(lexicons):
    assert len(lexicons.version) == 12
    for name in ("loaded_terms", "reporting_verbs", "sources", "state_media", "hedges"):
        assert lexicons[name], f"{name} has no enabled entries"


@pytest.mark.parametrize(
    "body, line, message",
    [
        (  # an unknown field is refused (extra="forbid")
            """\
            - id: a
              term: tyrant
              category: pejorative_label
              note: condemns
              colour: red
            """,
            6,
            "colour",
        ),
        (  # a category the file does not declare
            """\
            - id: a
              term: tyrant
              category: pejorative_label
              note: condemns
            - id: b
              term: despot
              category: insult
              note: condemns
            """,
            10,
            "unknown category 'insult'",
        ),
        (  # neither term nor pattern
            """\
            - id: a
              category: pejorative_label
              note: condemns
            """,
            6,
            "exactly one of 'term' or 'pattern'",
        ),
        (  # a missing note
            """\
            - id: a
              term: tyrant
              category: pejorative_label
            """,
            6,
            "note",
        ),
    ],
)
def test_schema_errors_name_file_and_line(tmp_path, body, line, message):
    path = write(tmp_path, body)
    with pytest.raises(LexiconError) as caught:
        read_lexicon_file(path)
    assert caught.value.line == line
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_invalid_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "- id: a\n  term: [unclosed\n")
    with pytest.raises(LexiconError) as caught:
        read_lexicon_file(path)
    assert caught.value.line is not None and caught.value.line >= 6
    assert "invalid YAML" in str(caught.value)


def test_non_utf8_lexicon_is_one_clear_error(tmp_path):
    path = tmp_path / "loaded_terms.yaml"
    path.write_bytes(HEADER.encode() + b"- id: caf\xe9\n")
    with pytest.raises(LexiconError, match="not UTF-8"):
        read_lexicon_file(path)


def test_duplicate_id_in_shipped_folder_is_refused(tmp_path):
    folder = tmp_path / "base"
    shutil.copytree(SHIPPED_LEXICONS, folder)
    extra = folder / "loaded_terms.yaml"
    text = extra.read_text(encoding="utf-8")
    first_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if "- id:" in line)
    (folder / "zz_more.yaml").write_text(
        HEADER
        + f"- id: {first_id}\n  term: tyrant\n  category: pejorative_label\n  note: condemns\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match="duplicate id"):
        load_lexicons(base=folder)


def test_overlay_adds_overrides_and_disables_entries(tmp_path, lexicons):
    regime = lexicons.get("loaded.regime")
    assert regime is not None
    overlay = tmp_path / "mine"
    overlay.mkdir()
    write(
        overlay,
        """\
        - id: loaded.regime
          term: regime
          category: pejorative_label
          note: switched off for my beat
          enabled: false
        - id: mine.junta
          term: junta
          category: pejorative_label
          note: my addition
        """,
    )
    layered = load_lexicons([overlay])
    ids = {e.id for e in layered["loaded_terms"]}
    assert "mine.junta" in ids
    assert "loaded.regime" not in ids  # disabled
    assert layered.get("loaded.regime").path.parent == overlay  # the overlay's version won
    assert layered.version != lexicons.version


def test_missing_overlay_folder_is_a_clear_error(tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        load_lexicons([tmp_path / "nope"])


def _overlay_with_note(folder: Path, note: str) -> Path:
    folder.mkdir()
    write(
        folder,
        f"""\
        - id: loaded.regime
          term: regime
          category: pejorative_label
          note: {note}
        """,
    )
    return folder


def test_overlay_precedence_config_then_environment_then_command_line(tmp_path, monkeypatch):
    config = _overlay_with_note(tmp_path / "from_config", "from config")
    env = _overlay_with_note(tmp_path / "from_env", "from env")
    given = _overlay_with_note(tmp_path / "given", "given")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(LEXICONS_ENV_VAR, raising=False)
    assert load_lexicons().get("loaded.regime").path.parent == SHIPPED_LEXICONS
    (tmp_path / "framing.toml").write_text(f'lexicons = ["{config.name}"]\n', encoding="utf-8")
    assert load_lexicons().get("loaded.regime").entry.note == "from config"
    monkeypatch.setenv(LEXICONS_ENV_VAR, str(env))
    assert load_lexicons().get("loaded.regime").entry.note == "from env"
    assert load_lexicons([given]).get("loaded.regime").entry.note == "given"
    assert lexicon_dirs([given]) == [SHIPPED_LEXICONS, config, env, given]


@pytest.mark.parametrize(
    "config, message",
    [
        ('lexicons = "nope"\n', "lexicon folder not found"),
        ("lexicons = [1, 2]\n", "must be a list of folder paths"),
        ("lexicons = [\n", "invalid config file"),
    ],
)
def test_bad_config_file_is_one_clear_error(tmp_path, monkeypatch, config, message):
    (tmp_path / ".framing.toml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LexiconError, match=message):
        load_lexicons()


def test_overlay_in_another_language_is_refused(tmp_path):
    folder = tmp_path / "de"
    folder.mkdir()
    path = write(folder, "- {id: de.regime, term: Regime, category: pejorative_label, note: x y}\n")
    path.write_text(path.read_text(encoding="utf-8").replace("lang: en", "lang: de"), "utf-8")
    with pytest.raises(LexiconError, match="lang 'de' differs"):
        load_lexicons([folder])
    assert load_lexicons().lang == "en"


@pytest.mark.parametrize(
    "value, error",
    [("true", None), ("false", None), ("maybe", "state_organ")],
)
def test_state_organ_is_a_boolean_field(tmp_path, value, error):
    path = write(
        tmp_path,
        f"""\
        - id: a
          term: tyrant
          category: pejorative_label
          note: condemns
          state_organ: {value}
        """,
    )
    if error is None:
        lexicon, _lines = read_lexicon_file(path)
        assert lexicon.entries[0].state_organ is (value == "true")
    else:
        with pytest.raises(LexiconError, match=error):
            read_lexicon_file(path)


def test_shipped_state_organs_are_north_korean(lexicons):
    organs = {e.id for e in lexicons["sources"] if e.state_organ}
    assert organs == {"src.kp_leader", "src.kp_government", "src.kp_organs", "src.kp_army"}
    # A capital standing for an ordinary government is no state organ.
    assert not next(e for e in lexicons["sources"] if e.id == "src.capital").state_organ
