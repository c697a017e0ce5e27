"""How a large lexicon overlay scales: load, validate, and the pipeline built from it.

Usage:  python benchmarks/bench_lexicon_scale.py [--sizes 10000 100000] [--no-pipeline]

Users import published word lists as overlays (the MPQA subjectivity lexicon has 8,222
entries, Hu & Liu's opinion lexicon 6,800). This writes an overlay of N loaded terms in a
temporary folder, in the shape of such a list: one- and two-word terms, some with aliases,
some sharing words with others (so the overlap check has containments to find), and times

- ``load_lexicons`` (parse, schema, layering over the shipped set);
- ``validate_lexicons(--no-examples)``: schema, duplicates, overlaps, patterns;
- the framing component built on a blank pipeline (the matchers compiled once).

Targets (issue #15): a 100,000-entry overlay loads in under 10 s, and validate grows close to
linearly (compare the per-entry times of the two sizes). Nothing is cached between sizes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HEADER = """\
lexicon: loaded_terms
lang: en
categories:
  emotional_intensifier: Words that heighten emotion beyond what the facts state.
entries:
"""


def overlay_text(size: int) -> str:
    """N entries: every third a two-word phrase holding another entry's word (a
    containment warning), every fifth with an alias."""
    lines = [HEADER]
    for i in range(size):
        term = f"benchword{i}" if i % 3 else f"very benchword{i + 1}"
        alias = f", aliases: [benchwords{i}]" if i % 5 == 0 else ""
        lines.append(
            f"  - {{id: bench.w{i}, term: {term}, category: emotional_intensifier, "
            f"note: imported word list{alias}}}\n"
        )
    return "".join(lines)


def timed(what, *args, **kwargs) -> tuple[float, object]:
    """Wall-clock seconds and the value; the CPU seconds go to CPU_TIMES (on a shared
    machine the wall clock says more about the neighbours than about the code)."""
    start, cpu = time.perf_counter(), time.process_time()
    value = what(*args, **kwargs)
    CPU_TIMES.append(time.process_time() - cpu)
    return time.perf_counter() - start, value


CPU_TIMES: list[float] = []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-pipeline", action="store_true", help="Skip building the pipeline.")
    args = parser.parse_args()

    import spacy

    from framing.curate.checks import errors, validate_lexicons
    from framing.lexicon import load as lexicons_module
    from framing.lexicon.load import load_lexicons

    print(f"{'entries':>8} {'load s':>13} {'validate s':>13} {'pipeline s':>13} {'problems':>9}")
    print(f"{'':>8} {'(wall / CPU)':>13} {'(wall / CPU)':>13} {'(wall / CPU)':>13}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            Path(folder, "loaded_terms.yaml").write_text(overlay_text(size), encoding="utf-8")
            lexicons_module._LOADED.clear()  # no help from an earlier load
            CPU_TIMES.clear()
            load_time, lexicons = timed(load_lexicons, [folder])
            validate_time, problems = timed(validate_lexicons, Path(folder), examples=False)
            pipeline_time = float("nan")
            if not args.no_pipeline:
                nlp = spacy.blank("en")
                pipeline_time, _ = timed(
                    nlp.add_pipe, "framing", config={"lexicon_overlays": [folder]}
                )
            cpu = [*CPU_TIMES, float("nan")]
            n_errors = len(errors(problems))
            print(
                f"{size:>8,} {load_time:>6.2f} / {cpu[0]:<4.2f} {validate_time:>6.2f} / "
                f"{cpu[1]:<4.2f} {pipeline_time:>6.2f} / {cpu[2]:<4.2f} {len(problems):>9,}"
                + (f"  ({n_errors} errors)" if n_errors else "")
            )
            assert len(lexicons["loaded_terms"]) >= size
    return 0


if __name__ == "__main__":
    sys.exit(main())
