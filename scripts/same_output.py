"""Check that a change of code leaves framing's output unchanged: the seeds report and
``framing score seeds/ --format csv``, byte for byte apart from version strings.

Usage: ``python scripts/same_output.py BASE`` (a git revision; default ``HEAD``). It checks
BASE out into a temporary worktree, runs both commands there and in this checkout with the
same Python, and compares every file they write. Version strings and the time of
generation are masked first. Exit status 0 when identical, 1 with the first differing lines
otherwise.

It is how issue #14's layout move was checked; run it before committing any refactor.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The CLI's entry point, which every revision has (older ones have no ``python -m framing``).
RUN_CLI = "import sys; from framing.cli import app; sys.argv[0] = 'framing'; app()"
# What differs between two runs by design: the code digest (``0.1.0+3f2a…``), which any change
# to the code changes, the lexicon version, and the time the report was generated.
VERSION_STRINGS = [
    (re.compile(r"Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC"), "Generated <time>"),
    (re.compile(r"\b\d+\.\d+\.\d+\+[0-9a-f]{12}\b"), "<code-version>"),
    (
        re.compile(r"\b(lexicons?[ _-]?(?:version)?[\"':= ]+)[0-9a-f]{8,64}\b", re.I),
        r"\1<lexicon-version>",
    ),
]

#: A digest of the report's inputs, versions included, so that a re-run can tell it is stale.
UNCOMPARED = {Path("report/.report-inputs")}


def _framing(checkout: Path, python: str, *args: str) -> bytes:
    env = {**os.environ, "PYTHONPATH": str(checkout), "FRAMING_COMPILED_CACHE": "off"}
    done = subprocess.run(
        [python, "-c", RUN_CLI, *args],
        cwd=checkout,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
    )
    return done.stdout


def write_outputs(checkout: Path, out: Path, python: str = sys.executable) -> None:
    """The seeds report and the seeds' feature CSV, written by the code in ``checkout``."""
    out.mkdir(parents=True, exist_ok=True)
    _framing(checkout, python, "report", "seeds/", "--out", str(out / "report"), "--no-cache")
    (out / "score.csv").write_bytes(
        _framing(checkout, python, "score", "seeds/", "--format", "csv", "--no-cache")
    )


def _lexicon_version(out: Path) -> str:
    """The lexicon version every row of the seeds' CSV records (a hash of the lexicon files)."""
    header, first = (out / "score.csv").read_text(encoding="utf-8").splitlines()[:2]
    return dict(zip(header.split(","), first.split(","), strict=False))["lexicon_version"]


def masked(path: Path, lexicon_version: str) -> list[str]:
    """The file's lines with the strings that differ by design masked; a Parquet file as CSV."""
    if path.suffix == ".parquet":
        import pandas as pd

        text = pd.read_parquet(path).to_csv(index=False)
    else:
        text = path.read_bytes().decode("utf-8", errors="replace")
    for pattern, replacement in VERSION_STRINGS:
        text = pattern.sub(replacement, text)
    return text.replace(lexicon_version, "<lexicon-version>").splitlines(keepends=True)


def differences(before: Path, after: Path) -> list[str]:
    """One message per file that is missing on one side or differs after masking."""
    found = []
    versions = _lexicon_version(before), _lexicon_version(after)
    names = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    names |= {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    for name in sorted(names - UNCOMPARED):
        old, new = before / name, after / name
        if not old.exists() or not new.exists():
            found.append(f"{name}: only in {'after' if new.exists() else 'before'}")
            continue
        diff = list(
            difflib.unified_diff(
                masked(old, versions[0]),
                masked(new, versions[1]),
                f"before/{name}",
                f"after/{name}",
                n=0,
            )
        )
        if diff:
            found.append("".join(diff[:12]))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", nargs="?", default="HEAD", help="git revision to compare with")
    parser.add_argument(
        "--base-python",
        default=sys.executable,
        help="Python to run BASE with (a virtual environment whose installed entry points match "
        "BASE's layout, when a change moved modules); default: this one",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        base = tmp_path / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(base), args.base], cwd=ROOT, check=True
        )
        try:
            write_outputs(base, tmp_path / "before", args.base_python)
            write_outputs(ROOT, tmp_path / "after")
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=True
            )
        found = differences(tmp_path / "before", tmp_path / "after")
    files = "seeds report and score CSV"
    if found:
        print(f"different from {args.base}: {len(found)} file(s)\n" + "\n".join(found))
        return 1
    print(f"same as {args.base}: {files}, apart from version strings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
