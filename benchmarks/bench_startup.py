"""Start-up for one article: ``framing score one.txt`` against loading the spaCy model alone.

Usage:  python benchmarks/bench_startup.py [--article seeds/000_e1f794eecbe69765.txt]
        [--repeats 3]

Each timing is a fresh process, as a user runs the command, measured from outside (wall
clock, interpreter start-up included):

- ``model``: ``python -c "import spacy; spacy.load(MODEL)"``, the floor: no run of the tool
  can start faster than its model loads.
- ``score, cold``: ``framing score ARTICLE --no-cache`` with an empty compiled-data folder
  (``$FRAMING_COMPILED_CACHE``, :mod:`framing.common.compiled`): the first run after an install or a
  lexicon edit, which parses the lexicon YAML and reads the pronouncing dictionary.
- ``score``: the same command again, the compiled data kept: every later run.

The three are run in turn, ``--repeats`` times. Reported: the fastest of each, in wall-clock
seconds and in CPU seconds of the process (user + system, which other load on a shared machine
disturbs far less), and the ratio ``score / model`` of each, the figure issue #14 asks to bring
to 1.3 or less. The per-article result cache is off (``--no-cache``), so the article is scored
every time; one article is scored in the parent process, so the CPU time is all of it.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLE = ROOT / "seeds" / "000_e1f794eecbe69765.txt"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``command`` in a fresh process."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from framing.annotate.model import find_model

    model = find_model(None)
    python = sys.executable
    load_model = [python, "-c", f"import spacy; spacy.load({model!r})"]
    score = [
        python, "-c", "from framing.cli import app; app()",
        "score", str(args.article), "--no-cache", "--outlet", "bench",
    ]  # fmt: skip
    times: dict[str, list[tuple[float, float]]] = {"model": [], "score, cold": [], "score": []}
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "FRAMING_COMPILED_CACHE": str(Path(folder) / "compiled")}
        for repeat in range(args.repeats):
            env["FRAMING_COMPILED_CACHE"] = str(Path(folder) / f"compiled-{repeat}")
            times["model"].append(timed(load_model, env))
            times["score, cold"].append(timed(score, env))
            times["score"].append(timed(score, env))

    print(f"python {platform.python_version()}, {os.cpu_count()} cores, model {model}")
    print(f"article: {args.article.name} ({len(args.article.read_bytes().split())} words)")
    wall = {name: min(w for w, _ in values) for name, values in times.items()}
    cpu = {name: min(c for _, c in values) for name, values in times.items()}
    for name, values in times.items():
        runs = ", ".join(f"{w:.2f}" for w, _ in values)
        print(f"{name:<12} wall {wall[name]:5.2f} s  cpu {cpu[name]:5.2f} s   (wall runs: {runs})")
    for label, best in (("wall", wall), ("cpu", cpu)):
        print(f"ratio score / model, {label}: {best['score'] / best['model']:.2f} "
              f"(cold: {best['score, cold'] / best['model']:.2f}; target <= 1.3)")


if __name__ == "__main__":
    main()
