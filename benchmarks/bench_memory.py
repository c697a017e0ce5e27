"""Peak memory of ``framing score`` does not grow with the corpus: 2,000 against 20,000 articles.

Usage:  python benchmarks/bench_memory.py [--sizes 2000 20000] [--fast] [--jobs N]

Each size runs ``framing score CORPUS.jsonl --format csv --no-cache`` in its own process (rows
stream to a file as they come), on the BBC News articles of ../shared/corpora/bbc_news.jsonl
repeated to the size asked for, and reports that process's peak resident memory (with
``--jobs N``, the largest of the process and its workers, as the kernel reports it for a
waited-for process tree; not their sum).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/bbc_news.jsonl"


def write_corpus(source: Path, size: int, target: Path) -> int:
    """``size`` articles cycling through ``source``; returns the number of words (by split)."""
    words = 0
    with source.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    with target.open("w", encoding="utf-8") as out:
        for i, record in zip(range(size), itertools.cycle(records), strict=False):
            row = {"id": f"{i}-{record['id']}", "outlet": "BBC", "text": record["text"]}
            out.write(json.dumps(row) + "\n")
            words += len(record["text"].split())
    return words


def peak_of_run(command: list[str], stdout) -> tuple[float, float]:
    """(seconds, peak resident memory in MB) of one command."""
    start = time.perf_counter()
    # stderr to a file, not a pipe: nobody reads a pipe until the command ends, and a full
    # one would stop it.
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, stdout=stdout, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed: {errors.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--fast", action="store_true", help="score with --fast")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"skipped: corpus not found at {args.corpus}", file=sys.stderr)
        return 0
    framing = str(Path(sys.executable).with_name("framing"))
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            corpus = Path(tmp) / f"bbc_{size}.jsonl"
            words = write_corpus(args.corpus, size, corpus)
            command = [framing, "score", str(corpus), "--format", "csv", "--no-cache"]
            command += ["--jobs", str(args.jobs)] + (["--fast"] if args.fast else [])
            with (Path(tmp) / "out.csv").open("w") as out:
                seconds, peak = peak_of_run(command, out)
            rows = sum(1 for _ in (Path(tmp) / "out.csv").open()) - 1
            print(
                f"{size:>7,} articles ({words:,} words, {rows:,} rows out): "
                f"{seconds:7.1f} s, {words / seconds:9,.0f} words/s, peak RSS {peak:,.0f} MB",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
