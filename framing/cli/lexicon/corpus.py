"""``framing lexicon where|suggest|diff|stats``: a lexicon held against a corpus: every hit of
a term, candidate terms, the figures two lexicon versions give, and each entry's precision on
BABE."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from framing.cli.common import (
    err_console,
    examples,
    exit_if_any_failed,
    fail,
    out_console,
    score_with_progress,
    shown,
    story_grouping,
)
from framing.cli.lexicon.group import CorpusArgument, EditDirOption, lexicon_app
from framing.cli.options import (
    LexiconsOption,
    ModelOption,
    OutletOption,
    load_analyzer,
    load_lexicons,
    load_nlp,
)


def _highlighted(sentence: str, text: str) -> str:
    index = sentence.find(text)
    if index < 0:
        return shown(sentence)
    before, after = sentence[:index], sentence[index + len(text) :]
    return f"{shown(before)}[bold reverse]{shown(text)}[/]{shown(after)}"


@lexicon_app.command(
    epilog=examples(
        "framing lexicon where regime seeds/",
        "framing lexicon where loaded.dictator ../shared/corpora/bbc_news.jsonl --outlet BBC",
    )
)
def where(
    term: Annotated[str, typer.Argument(help="A word or phrase, or an entry id.")],
    corpus: CorpusArgument,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many hits.")] = 200,
    outlet: OutletOption = None,
    lexicons: LexiconsOption = None,
    model: ModelOption = None,
):
    """Every hit of a term in a corpus, with its sentence and voice: grep for lexicon editors."""
    from framing.curate.corpus import where as find_hits

    analyzer = load_analyzer(lexicons, model)
    printed = 0
    voices = dict.fromkeys(("narration", "paraphrase", "quoted"), 0)
    try:
        for hit in find_hits(term, corpus, analyzer, outlet=outlet):
            voices[hit.voice] += 1
            if printed < limit:
                source = hit.path or hit.article_id
                out_console.print(
                    f"[dim]{shown(source)}:{hit.start}[/] [cyan]{shown(hit.outlet)}[/] "
                    f"[{'magenta' if hit.voice == 'quoted' else 'green'}]{hit.voice}[/]  "
                    + _highlighted(hit.sentence, hit.text)
                )
                printed += 1
    except ValueError as exc:
        raise fail(str(exc)) from None
    total = sum(voices.values())
    out_console.print(
        f"{total} hit(s): {voices['narration']} in narration, {voices['paraphrase']} in "
        f"paraphrase, {voices['quoted']} quoted",
        style="dim",
    )


@lexicon_app.command(
    epilog=examples(
        "framing lexicon suggest seeds/ --against ../shared/corpora/bbc_news.jsonl -n 20",
        "framing lexicon suggest corpus/ --outlet 'Breitbart News'",
        "framing lexicon suggest corpus/ --outlet 'Breitbart News' --accept 3 --accept thugs "
        "--category pejorative_label --dir my-lexicons/",
        "framing lexicon suggest corpus/ --within-stories "
        "--prior ../shared/reference-lexicons/npov_lexicon.txt",
    )
)
def suggest(
    corpus: CorpusArgument,
    against: Annotated[
        list[str] | None,
        typer.Option("--against", help="Reference corpus (repeatable); else the other outlets."),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="The outlet to compare with the rest.")
    ] = None,
    top: Annotated[int, typer.Option("-n", "--top", help="How many candidates.")] = 30,
    min_count: Annotated[
        int, typer.Option("--min-count", help="Fewest uses in the focus corpus.")
    ] = 3,
    accept: Annotated[
        list[str] | None,
        typer.Option("--accept", help="Add this candidate (its rank or its term; repeatable)."),
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="Category for accepted candidates.")
    ] = None,
    folder: EditDirOption = None,
    lexicons: LexiconsOption = None,
    within_stories: Annotated[
        bool,
        typer.Option(
            "--within-stories",
            help="Compare the outlets covering each story (grouped automatically, or by the "
            "metadata's story labels): the words one uses in its own voice that the others do "
            "not. Parses the corpus.",
        ),
    ] = False,
    prior: Annotated[
        Path | None,
        typer.Option(
            "--prior",
            help="With --within-stories: a word list (one a line) of evaluative words; a "
            "candidate on it weighs twice.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    stories_file: Annotated[
        Path | None,
        typer.Option("--stories", help="With --within-stories: corrections, article_id,story."),
    ] = None,
    model: ModelOption = None,
):
    """Rank candidate loaded terms: one outlet against the rest, or against a reference, or
    within each story.

    Words and word pairs are ranked by the log-odds ratio with an informative Dirichlet prior
    (Monroe, Colaresi & Quinn 2008), skipping stopwords, numbers and names; each comes with a
    context and is marked when a lexicon has it. --accept adds chosen ones, with provenance.
    --within-stories ranks the words an outlet uses for an event in its own voice (narration
    and paraphrase) where the other outlets on the story do not, by distinctiveness, rarity in
    general English and the --prior list (framing.curate.story_words).
    """
    from framing.curate.corpus import suggest as rank_candidates

    if within_stories:
        if accept or against or outlet:
            raise fail("--within-stories compares the outlets of each story: it takes no "
                       "--against, --outlet or --accept")  # fmt: skip
        _suggest_within_stories(corpus, lexicons, folder, prior, stories_file, model, top)
        return
    layered = load_lexicons([*(lexicons or []), *([folder] if folder else [])])
    try:
        suggestion = rank_candidates(
            corpus, layered, against=against, outlet=outlet, top=top, min_count=min_count
        )
    except ValueError as exc:
        raise fail(str(exc)) from None
    out_console.print(f"[bold]{shown(suggestion.focus)}[/] against {shown(suggestion.reference)}")
    table = Table("#", "term", "z", "focus", "reference", "in lexicon", "context", box=None)
    for candidate in suggestion.candidates:
        table.add_row(
            str(candidate.rank),
            shown(candidate.term),
            f"{candidate.z_score:.1f}",
            str(candidate.count_focus),
            str(candidate.count_reference),
            candidate.known_as or "",
            shown(candidate.contexts[0] if candidate.contexts else ""),
        )
    out_console.print(table)
    if accept:
        _accept(suggestion, accept, category, folder, layered)


def _suggest_within_stories(corpus, lexicons, folder, prior, stories_file, model, top) -> None:
    from framing.compare.stories import DEFAULT_WINDOW_DAYS
    from framing.curate.story_words import read_prior, suggest_within_stories

    try:
        words = read_prior(prior) if prior else frozenset()
    except ValueError as exc:
        raise fail(str(exc)) from None
    overlays = [*(lexicons or []), *([folder] if folder else [])]
    layered = load_lexicons(overlays)
    # Scored as score and report score: a bad input is one error line, the rest comes out.
    result = score_with_progress(corpus, load_analyzer(overlays, model), None)
    analyses = result.analyses
    grouping = story_grouping(analyses, stories_file, DEFAULT_WINDOW_DAYS)
    found = suggest_within_stories(analyses, grouping, layered, prior=words, top=top)
    ranking = "z x rarity x 2 on the prior list" if words else "z x rarity (no --prior list)"
    stories = "story" if found.n_stories == 1 else "stories"
    out_console.print(
        f"[bold]{found.n_stories}[/] {stories} with two sides or more; ranked by {ranking}"
    )
    table = Table("#", "term", "side", "story", "score", "uses", "others", "context", box=None)
    for rank, candidate in enumerate(found.candidates, start=1):
        table.add_row(
            str(rank),
            shown(candidate.term) + (" *" if candidate.evaluative else ""),
            shown(candidate.side),
            shown(candidate.story),
            f"{candidate.score:.2f}",
            str(candidate.count_side),
            str(candidate.count_others),
            shown(candidate.context),
        )
    out_console.print(table)
    if found.known:
        known = ", ".join(f"{shown(c.term)} ({c.known_as})" for c in found.known[:15])
        out_console.print(f"already in the lexicons: {known}", style="dim")
    exit_if_any_failed(result)


def _accept(suggestion, chosen: list[str], category: str | None, folder, layered) -> None:
    from framing.annotate.loaded_terms import LEXICON_NAME
    from framing.curate.corpus import candidate_entry
    from framing.lexicon.editing import add_entry, new_entry_id
    from framing.lexicon.load import LexiconError

    if category is None:
        raise fail("--accept needs --category (one of the loaded_terms categories)")
    by_key = {str(c.rank): c for c in suggestion.candidates}
    by_key.update({c.term: c for c in suggestion.candidates})
    today = dt.date.today().isoformat()
    for key in chosen:
        candidate = by_key.get(key)
        if candidate is None:
            raise fail(f"no candidate {key!r} in this list")
        if candidate.known_as:
            err_console.print(f"skipped {candidate.term!r}: already {candidate.known_as}")
            continue
        entry = candidate_entry(
            candidate,
            suggestion,
            entry_id=new_entry_id(layered, LEXICON_NAME, candidate.term),
            category=category,
            date=today,
        )
        try:
            edit = add_entry(folder, LEXICON_NAME, entry, lexicons=layered)
        except LexiconError as exc:
            raise fail(f"refused: {exc}") from None
        out_console.print(f"added {shown(entry.id)} at {shown(edit.path)}:{edit.line}")


def _number(value: float) -> str:
    return (
        "n/a"
        if value is None or (isinstance(value, float) and math.isnan(value))
        else (f"{value:.3g}")
    )


@lexicon_app.command(
    epilog=examples(
        "framing lexicon diff lexicons/ my-lexicons/ seeds/",
        "framing lexicon diff ../old-checkout/lexicons/ lexicons/ corpus/",
    )
)
def diff(
    folder_a: Annotated[Path, typer.Argument(help="Lexicons before: a folder (or an overlay).")],
    folder_b: Annotated[Path, typer.Argument(help="Lexicons after: a folder (or an overlay).")],
    corpus: CorpusArgument,
    outlet: OutletOption = None,
    model: ModelOption = None,
):
    """How the per-outlet figures change between two lexicon versions.

    What an edit does to a report, before you commit it. The corpus is parsed once and each
    version's lexicons are applied to the same parse.
    """
    from framing.curate.corpus import diff as compare
    from framing.lexicon.load import LexiconError

    analyzer = load_analyzer(None, model)
    try:
        result = compare(folder_a, folder_b, corpus, analyzer, outlet=outlet)
    except (LexiconError, ValueError) as exc:
        raise fail(str(exc)) from None
    out_console.print(
        f"lexicons {result.version_a} → {result.version_b} · {result.n_articles} article(s)"
    )
    if result.figures.empty and result.entries.empty:
        out_console.print("no figure changes", style="dim")
        return
    figures = Table("outlet", "figure", "before", "after", "change", box=None)
    for row in result.figures.itertuples(index=False):
        figures.add_row(
            shown(row.outlet),
            row.figure,
            _number(row.before),
            _number(row.after),
            _number(row.change),
        )
    out_console.print(figures)
    entries = Table("entry", "hits before", "hits after", "change", box=None)
    for row in result.entries.itertuples(index=False):
        entries.add_row(row.entry_id, str(row.hits_before), str(row.hits_after), f"{row.change:+d}")
    out_console.print(entries)


@lexicon_app.command(
    epilog=examples(
        "framing lexicon stats",
        "framing lexicon stats --gold ../shared/gold/babe/babe_sg2.csv --split dev --top 50",
    )
)
def stats(
    gold: Annotated[
        Path, typer.Option("--gold", help="BABE CSV (babe_sg2.csv).", dir_okay=False)
    ] = Path("../shared/gold/babe/babe_sg2.csv"),
    split: Annotated[str, typer.Option("--split", help="all, dev or test.")] = "all",
    top: Annotated[int, typer.Option("--top", help="Show this many entries (0: all).")] = 0,
    lexicons: LexiconsOption = None,
    model: ModelOption = None,
):
    """Per loaded-term entry: how often it fires on BABE, and its precision there.

    Precision is the share of hits that are among the experts' biased words; noisy entries
    show up here.
    """
    from framing.evaluation.entry_stats import entry_stats

    if not gold.is_file():
        raise fail(f"{gold}: no such file (BABE: see ../shared/DATA.md)")
    if split not in ("all", "dev", "test"):
        raise fail(f"--split must be all, dev or test, not {split!r}")
    layered = load_lexicons(lexicons)
    try:
        rows = entry_stats(gold, load_nlp(model), layered, split=split)
    except ValueError as exc:
        raise fail(str(exc)) from None
    table = Table("entry", "on", "fires", "outlet", "in gold", "P", "P outlet", box=None)
    for row in rows[: top or None]:
        table.add_row(
            row.entry_id,
            "yes" if row.enabled else "no",
            str(row.fires),
            str(row.fires_outlet),
            str(row.in_gold),
            _number(row.precision),
            _number(row.precision_outlet),
        )
    out_console.print(table)
    out_console.print(
        f"BABE {split} split · lexicons {layered.version} · P = share of hits on an expert's "
        "word; outlet = hits in the outlet's own voice",
        style="dim",
    )
