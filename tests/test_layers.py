"""The package's layout is its data flow: each stage imports only earlier stages, no import
cycle, and the README's layout table lists every module (issue #14).

The import graph is built from the source (every ``import``, at module level or inside a
function, since an import inside a function is how a cycle hides), so the contract needs no
tool beyond the standard library.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "framing"
README = PACKAGE.parent / "README.md"

#: The stages, earliest first. A module may import its own stage and any earlier one.
STAGES = (
    "common",
    "lexicon",
    "read",
    "annotate",
    "measure",
    "run",
    "compare",
    "report",
    "curate",
    "evaluation",
    "cli",
)
#: Modules outside the stages: the package's own entry points, which import lazily.
ENTRY_POINTS = {"framing", "framing.__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The framing modules ``name`` imports (``from a import b`` counts ``a.b`` when it is one)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def stage_of(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def test_every_module_belongs_to_a_stage():
    strays = [m for m in all_modules() if m not in ENTRY_POINTS and stage_of(m) is None]
    assert strays == []


def test_no_import_runs_backwards():
    backwards = [
        f"{module} ({STAGES[stage_of(module)]}) imports {target} ({STAGES[stage_of(target)]})"
        for module, targets in import_graph().items()
        if stage_of(module) is not None
        for target in targets
        if stage_of(target) is not None and stage_of(target) > stage_of(module)
    ]
    assert backwards == []


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` as a path that returns to its start, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycle():
    # The package itself re-exports lazily, and every module imports it as the parent of its own.
    graph = {m: {t for t in ts if t not in ENTRY_POINTS} for m, ts in import_graph().items()}
    assert find_cycle(graph) is None


@pytest.mark.parametrize(
    "graph, cycle",
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
        ({"a": {"b", "c"}, "b": {"c"}, "c": set()}, None),  # a diamond is not a cycle
    ],
)
def test_find_cycle(graph, cycle):
    assert find_cycle(graph) == cycle


def test_a_backwards_import_is_caught(tmp_path):
    module = tmp_path / "framing" / "read" / "corpus.py"
    module.parent.mkdir(parents=True)
    module.write_text("def f():\n    from framing.report import build\n")
    modules = {"framing.read.corpus": module, "framing.report": tmp_path / "x.py"}
    imported = imported_modules("framing.read.corpus", module, modules)
    assert imported == {"framing.report"}
    assert stage_of("framing.report") > stage_of("framing.read.corpus")


def readme_layout_modules() -> set[str]:
    """Module paths named in the README's layout table (`framing/read/corpus.py` and the like)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Layout", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"`(framing/[\w/]+\.py)`", section))


def holds_code(path: Path) -> bool:
    """False for a package's ``__init__.py`` that is only its docstring (the stage's summary)."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return not (path.name == "__init__.py" and len(body) <= 1)


def test_readme_layout_lists_every_module():
    on_disk = {
        p.relative_to(PACKAGE.parent).as_posix() for p in PACKAGE.rglob("*.py") if holds_code(p)
    }
    listed = readme_layout_modules()
    assert sorted(on_disk - listed) == [], "modules missing from the README's layout table"
    assert sorted(listed - on_disk) == [], "the README's layout table lists modules that are gone"


@pytest.mark.parametrize("folder", ["benchmarks", "examples", "scripts"])
def test_scripts_import_names_that_exist(folder):
    """Benchmarks and examples run rarely: an import of a module that moved would go unseen."""
    import importlib
    import importlib.util

    missing = []
    for path in sorted((PACKAGE.parent / folder).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("framing"):
                try:
                    module = importlib.import_module(node.module)
                except ImportError:
                    missing.append(f"{path.name}: {node.module}")
                    continue
                missing += [
                    f"{path.name}: {node.module}.{alias.name}"
                    for alias in node.names
                    if not hasattr(module, alias.name)
                    and importlib.util.find_spec(f"{node.module}.{alias.name}") is None
                ]
            elif isinstance(node, ast.Import):
                missing += [
                    f"{path.name}: {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("framing")
                    and importlib.util.find_spec(alias.name) is None
                ]
    assert missing == []
