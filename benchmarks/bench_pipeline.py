"""Throughput of the framing pipelines against bare ``nlp.pipe`` of the same model, in one run.

Usage:  python benchmarks/bench_pipeline.py [--limit N] [--corpus PATH] [--jobs-check]

Reads the BBC News corpus from ../shared/corpora/bbc_news.jsonl (Greene & Cunningham 2006),
which is not shipped with the project. Every pass sees the same texts, in the same process,
after a warm-up, and the passes take turns over chunks of the corpus (their order rotating
each round), so a change in the machine's load affects all alike. The figures that matter
are the ratios, since absolute speed depends on the machine.

Passes (no cache in any of them):

- bare: ``nlp.pipe`` of the trained model, every component, nothing else;
- framing: the default framing pipeline (clean-up, selective parsing, framing component,
  features, records in original offsets): what ``framing score`` runs;
- full-parse: the same with every sentence parsed (``--full-parse``);
- fast: no parser (``--fast``);
- accurate: every sentence parsed and the trained attribution labeller (``--accurate``), when
  its weights are shipped;
- model on candidate sentences only: the trained pipeline over just the pieces the default
  pipeline would parse, built beforehand and not timed. No selective pipeline can be faster
  than this with the same model and the same choice of sentences, so its ratio to bare is the
  floor of the default pipeline's.

With ``--jobs-check`` it then times the default pipeline with one process and with
``--jobs`` = the number of cores, alternating, and prints the speed-up, beside the speed-up
spaCy's own ``nlp.pipe(n_process=...)`` gets from the same cores on the bare model (batches
of the same size): what the machine gives spaCy's scheme, for comparison.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/bbc_news.jsonl"


def load_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts.append(record["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=1000, help="first N articles (default 1000)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--chunk", type=int, default=100, help="articles per alternating round")
    parser.add_argument("--jobs-check", action="store_true", help="also time --jobs N vs 1")
    parser.add_argument("--jobs-only", action="store_true", help="only time --jobs N vs 1")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(
            f"skipped: corpus not found at {args.corpus} (it sits in ../shared/)", file=sys.stderr
        )
        return 0

    from framing.annotate.model import load_model, model_version
    from framing.measure.analyzer import Analyzer, count_words
    from framing.read.cleaning import clean_text
    from framing.read.corpus import Article
    from framing.run.corpus import RunOptions, run_analyses
    from framing.run.workers import WORKER_BATCH_SIZE

    texts = load_texts(args.corpus, args.limit)
    articles = [Article(id=str(i), text=t, outlet="BBC") for i, t in enumerate(texts)]
    bare = load_model()
    modes = ["selective", "full", "fast"]
    from framing.annotate.attribution.labeller import AttributionModel

    if AttributionModel.available():  # the trained labeller's weights are shipped
        modes.append("accurate")
    analyzers = {mode: Analyzer(load_model(), mode=mode) for mode in modes}
    words = sum(count_words(bare.make_doc(t)) for t in texts)
    # As the command line does once its pipeline is loaded (framing.cli.options.load_analyzer).
    gc.freeze()

    # Warm-up: first calls load lookup tables and syllable dictionaries.
    list(bare.pipe(texts[:20]))
    for analyzer in analyzers.values():
        list(analyzer.analyze_articles(articles[:20]))

    def bare_pass(first: int) -> float:
        chunk = texts[first : first + args.chunk]
        return _timed(lambda: sum(1 for _ in bare.pipe(chunk, batch_size=args.batch_size)))

    def framing_pass(mode: str, first: int) -> float:
        batch = articles[first : first + args.chunk]

        def run() -> None:
            done = analyzers[mode].analyze_articles(batch, batch_size=args.batch_size)
            assert sum(1 for _ in done) == len(batch)

        return _timed(run)

    selective = analyzers["selective"].parser

    def candidates_pass(first: int) -> float:
        # The pieces are cut before the clock starts: only the model's own work is timed.
        docs = [selective.prepare(clean_text(t).text) for t in texts[first : first + args.chunk]]
        pieces = [
            (i, start, end)
            for i, doc in enumerate(docs)
            for start, end in selective.candidate_runs(doc)
        ]
        piece_docs = list(selective._pieces(docs, pieces))
        return _timed(lambda: sum(1 for _ in selective._run_model(piece_docs, args.batch_size)))

    passes = {
        "bare nlp.pipe": bare_pass,
        "framing (default, selective parse)": lambda first: framing_pass("selective", first),
        "framing --full-parse": lambda first: framing_pass("full", first),
        "framing --fast": lambda first: framing_pass("fast", first),
        "model on candidate sentences only": candidates_pass,
    }
    if "accurate" in analyzers:
        passes["framing --accurate"] = lambda first: framing_pass("accurate", first)
    seconds = dict.fromkeys(passes, 0.0)
    names = [] if args.jobs_only else list(passes)
    for round_number, first in enumerate(range(0, len(texts), args.chunk)):
        shift = round_number % max(len(names), 1)
        for name in names[shift:] + names[:shift]:
            seconds[name] += passes[name](first)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {python}")
    print(f"model: {model_version(bare)}   lexicons: {analyzers['selective'].lexicon_version}")
    print(f"articles: {len(texts):,}   words: {words:,}   one process")
    bare_seconds = seconds["bare nlp.pipe"]
    for name, spent in seconds.items() if names else ():
        print(
            f"{name:<36} {words / spent:10,.0f} words/s  {spent:7.1f} s  "
            f"time ratio to bare {spent / bare_seconds:.3f}"
        )
    print(f"peak resident memory (all four pipelines loaded): {peak_mb:,.0f} MB")

    if args.jobs_check or args.jobs_only:
        jobs = os.cpu_count() or 1
        analyzer = analyzers["selective"]
        one, many, bare_one, bare_many = 0.0, 0.0, 0.0, 0.0
        for round_number, first in enumerate(range(0, len(articles), 4 * args.chunk)):
            batch = articles[first : first + 4 * args.chunk]
            batch_texts = texts[first : first + 4 * args.chunk]

            def run(n: int, batch=batch) -> None:
                assert sum(1 for _ in run_analyses(analyzer, batch, RunOptions(jobs=n))) == len(
                    batch
                )

            def run_bare(n: int, batch_texts=batch_texts) -> None:
                # Batches of the size the workers of --jobs get, for like against like.
                done = bare.pipe(batch_texts, batch_size=WORKER_BATCH_SIZE, n_process=n)
                assert sum(1 for _ in done) == len(batch_texts)

            if round_number % 2:
                many += _timed(lambda: run(jobs))
                one += _timed(lambda: run(1))
                bare_many += _timed(lambda: run_bare(jobs))
                bare_one += _timed(lambda: run_bare(1))
            else:
                one += _timed(lambda: run(1))
                many += _timed(lambda: run(jobs))
                bare_one += _timed(lambda: run_bare(1))
                bare_many += _timed(lambda: run_bare(jobs))
        print(
            f"--jobs {jobs}: {words / many:,.0f} words/s against {words / one:,.0f} with one "
            f"process: speed-up {one / many:.2f}x"
        )
        print(
            f"bare nlp.pipe(n_process={jobs}) against n_process=1 on the same articles: "
            f"speed-up {bare_one / bare_many:.2f}x (spaCy's own, for comparison)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
