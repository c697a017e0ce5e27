"""What a re-run costs: ``framing report`` on the BBC corpus, first run against re-runs.

Usage:  python benchmarks/bench_rerun.py [--limit N] [--jobs N]

Writes the first N articles of ../shared/corpora/bbc_news.jsonl (default: all 2,225; the
category stands in for the outlet) to a temporary JSONL file and times, end to end, as a user
would see it (process start, model load, reading, scoring, report):

1. the first run, with an empty cache;
2. the same command again (unchanged corpus: results from the cache, report up to date);
3. the same with ``--force`` (results from the cache, the report written again);
4. after a lexicon overlay adds a loaded term (results re-scored from the stored parses).

The target is run 2 at most 5% of run 1.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_cache import DEFAULT_CORPUS, OVERLAY  # the same corpus and loaded-term edit


def run(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=None, help="default: the CLI's (all cores)")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"skipped: corpus not found at {args.corpus}", file=sys.stderr)
        return 0
    framing = str(Path(sys.executable).with_name("framing"))
    with tempfile.TemporaryDirectory(prefix="bench-rerun-") as tmp:
        folder = Path(tmp)
        corpus = folder / "bbc.jsonl"
        n = 0
        with args.corpus.open(encoding="utf-8") as source, corpus.open("w") as target:
            for line in source:
                record = json.loads(line)
                row = {"id": record["id"], "outlet": record["category"], "text": record["text"]}
                target.write(json.dumps(row) + "\n")
                n += 1
                if args.limit and n >= args.limit:
                    break
        overlay = folder / "overlay"
        overlay.mkdir()
        (overlay / "loaded_terms.yaml").write_text(OVERLAY, encoding="utf-8")
        command = [framing, "report", str(corpus), "--out", str(folder / "out")]
        command += ["--cache-dir", str(folder / "cache")]
        command += ["--jobs", str(args.jobs)] if args.jobs else []
        first = run(command)
        again = run(command)
        forced = run([*command, "--force"])
        edited = run([*command, "--lexicons", str(overlay)])
    print(f"framing report on {n:,} BBC articles, jobs {args.jobs or 'default (all cores)'}")
    print(f"1. first run, empty cache:        {first:7.1f} s")
    print(f"2. unchanged corpus:              {again:7.1f} s   {again / first:6.1%} of run 1")
    print(f"3. unchanged, --force (re-render): {forced:6.1f} s   {forced / first:6.1%} of run 1")
    print(f"4. after a loaded-term edit:      {edited:7.1f} s   {edited / first:6.1%} of run 1")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
