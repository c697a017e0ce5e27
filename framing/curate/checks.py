"""Checks on lexicon folders: schema, duplicates and overlaps, patterns, and every example.

Loading (:func:`framing.lexicon.load.load_lexicons`) stops at the first error, since a pipeline
cannot run on a broken lexicon. An editor wants the opposite: every problem at once, each with
``file:line``, so that one pass fixes them all. :func:`validate_lexicons` collects them;
:func:`run_examples` runs each entry's ``must_match`` and ``must_not_match`` examples through
the same matchers the pipeline uses. ``framing lexicon validate`` and ``framing lexicon test``
are thin layers over these two.

A folder is checked as a complete lexicon set when it holds every required lexicon (the
shipped ``lexicons/`` or a copy of it), and otherwise as an overlay laid over the shipped set:
then overrides of shipped ids are expected, and examples run with the layered set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from pydantic import ValidationError
from spacy.language import Language

from framing.common.text_files import NotUtf8Error, read_utf8
from framing.lexicon.load import (
    REQUIRED_LEXICONS,
    SHIPPED_LEXICONS,
    Entry,
    LexiconError,
    LexiconFile,
    Lexicons,
    LoadedEntry,
    load_lexicons,
    load_yaml_with_lines,
    schema_error,
    strip_lines,
)
from framing.lexicon.matching import EntryMatcher

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a lexicon, and where: ``kind`` is yaml, schema, duplicate,
    overlap, pattern or example; a warning does not make a lexicon invalid."""

    path: Path
    line: int | None
    kind: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.severity}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class ExampleFailure:
    """An example that does not do what its entry says: a ``must_match`` text without a hit
    of the entry, or a ``must_not_match`` text with one."""

    entry_id: str
    path: Path
    line: int
    text: str
    should_match: bool
    hit_ids: tuple[str, ...]  # the entries that did fire on the text

    def __str__(self) -> str:
        expected = "must match" if self.should_match else "must not match"
        found = ", ".join(self.hit_ids) if self.hit_ids else "nothing"
        return f"{self.path}:{self.line}: {self.entry_id}: {expected} {self.text!r} (hits: {found})"


@dataclass
class ExampleRun:
    """How many examples ran, and which failed."""

    checked: int = 0
    failures: list[ExampleFailure] = field(default_factory=list)


@dataclass
class FileCheck:
    """One file's problems and the entries in it that passed the schema, with their lines."""

    path: Path
    lexicon: str | None = None
    categories: dict[str, str] = field(default_factory=dict)
    entries: list[tuple[Entry, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _entry_label(item: dict) -> str:
    entry_id = item.get("id")
    return f"entry {entry_id!r}" if isinstance(entry_id, str) else "entry"


def check_file(path: Path, text: str | None = None) -> FileCheck:
    """Every schema problem in one lexicon file (not only the first), with its line."""
    path = Path(path)
    check = FileCheck(path)
    try:
        text = read_utf8(path) if text is None else text
        raw = load_yaml_with_lines(text, path)
    except NotUtf8Error as exc:
        check.problems.append(Problem(path, exc.line, "yaml", exc.reason))
        return check
    except LexiconError as exc:
        check.problems.append(Problem(path, exc.line, "yaml", exc.message))
        return check
    header = {key: value for key, value in raw.items() if key != "entries"}
    try:
        parsed = LexiconFile.model_validate({**strip_lines(header), "entries": []})
        check.lexicon, check.categories = parsed.lexicon, parsed.categories
    except ValidationError as exc:
        line, message = schema_error(raw, exc)
        check.problems.append(Problem(path, line, "schema", message))
    items = raw.get("entries") or []
    if not isinstance(items, list):
        check.problems.append(Problem(path, raw["__line__"], "schema", "'entries' is not a list"))
        return check
    seen: dict[str, int] = {}
    for item in items:
        if not isinstance(item, dict):
            message = f"entry is not a mapping: {item!r}"
            check.problems.append(Problem(path, None, "schema", message))
            continue
        line = item["__line__"]
        try:
            entry = Entry.model_validate(strip_lines(item))
        except ValidationError as exc:
            error_line, message = schema_error(item, exc)
            if not message.startswith("entry '"):  # an entry's own check names it already
                message = f"{_entry_label(item)}: {message}"
            check.problems.append(Problem(path, error_line or line, "schema", message))
            continue
        if check.categories and entry.category not in check.categories:
            allowed = ", ".join(sorted(check.categories))
            message = (
                f"entry {entry.id!r}: unknown category {entry.category!r} (allowed: {allowed})"
            )
            check.problems.append(Problem(path, line, "schema", message))
            continue
        if entry.id in seen:
            message = f"duplicate id {entry.id!r} (also line {seen[entry.id]})"
            check.problems.append(Problem(path, line, "duplicate", message))
            continue
        seen[entry.id] = line
        check.entries.append((entry, line))
    return check


def is_complete_set(folder: Path) -> bool:
    """True when ``folder`` holds every required lexicon, so it is checked on its own."""
    names = {path.stem for path in Path(folder).glob("*.yaml")}
    return Path(folder).resolve() == SHIPPED_LEXICONS.resolve() or set(REQUIRED_LEXICONS) <= names


def _layered(checks: list[FileCheck], base: Lexicons | None) -> Lexicons:
    """The entries that passed the schema, laid over ``base`` (for an overlay) by id."""
    lexicons = Lexicons()
    if base is not None:
        lexicons.entries = {name: list(entries) for name, entries in base.entries.items()}
        lexicons.categories = {name: dict(cats) for name, cats in base.categories.items()}
        lexicons.lang = base.lang
    # Each lexicon's entry positions by id: one lookup per entry, not a scan of the lexicon.
    positions: dict[str, dict[str, int]] = {}
    for check in checks:
        if check.lexicon is None:
            continue
        lexicons.categories.setdefault(check.lexicon, {}).update(check.categories)
        current = lexicons.entries.setdefault(check.lexicon, [])
        if check.lexicon not in positions:
            positions[check.lexicon] = {e.entry.id: i for i, e in enumerate(current)}
        index_of = positions[check.lexicon]
        for entry, line in check.entries:
            loaded = LoadedEntry(entry, check.lexicon, check.path, line)
            index = index_of.get(entry.id)
            if index is None:
                index_of[entry.id] = len(current)
                current.append(loaded)
            else:
                current[index] = loaded
    return lexicons


def _normalised(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


def _contained_phrases(
    by_phrase: dict[tuple[str, ...], list[LoadedEntry]],
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(shorter, longer) pairs of the lexicon's phrases where the shorter lies inside the
    longer, in the order of (shorter, longer) in ``by_phrase``.

    Each longer phrase's own runs of words are looked up in the index of phrases, so the work
    grows with the number of phrases (times the square of a phrase's length, a few words),
    not with the number of pairs of phrases: 100,000 entries are 10^10 pairs.
    """
    order = {phrase: i for i, phrase in enumerate(by_phrase)}
    found = set()
    for longer in by_phrase:
        for size in range(1, len(longer)):
            for start in range(len(longer) - size + 1):
                shorter = longer[start : start + size]
                if shorter in order:
                    found.add((shorter, longer))
    return sorted(found, key=lambda pair: (order[pair[0]], order[pair[1]]))


def overlap_problems(lexicons: Lexicons, paths: Iterable[Path] | None = None) -> list[Problem]:
    """Entries of one lexicon that share a phrase (an error: only one can win a match), and
    phrases inside another entry's longer phrase (a warning: the longer match wins there,
    unless the shorter entry lists it among its exceptions). ``paths`` limits the report to
    entries defined in those files."""
    wanted = {Path(p) for p in paths} if paths is not None else None
    problems = []
    for loaded_entries in lexicons.entries.values():
        enabled = [loaded for loaded in loaded_entries if loaded.entry.enabled]
        by_phrase: dict[tuple[str, ...], list[LoadedEntry]] = defaultdict(list)
        for loaded in enabled:
            for phrase in dict.fromkeys(_normalised(p) for p in loaded.entry.phrases):
                if phrase:
                    by_phrase[phrase].append(loaded)
        for phrase, owners in by_phrase.items():
            for other in owners[1:]:
                if wanted is None or other.path in wanted or owners[0].path in wanted:
                    first = owners[0]
                    message = (
                        f"entry {other.entry.id!r}: {' '.join(phrase)!r} is also entry "
                        f"{first.entry.id!r} ({first.path.name}:{first.line})"
                    )
                    problems.append(Problem(other.path, other.line, "duplicate", message))
        problems += _containment_warnings(by_phrase, wanted)
    return problems


def _containment_warnings(
    by_phrase: dict[tuple[str, ...], list[LoadedEntry]], wanted: set[Path] | None
) -> list[Problem]:
    """One warning per (shorter entry, longer entry) pair, naming the first phrase pair."""
    pairs: dict[tuple[str, str], tuple[LoadedEntry, LoadedEntry, str, str]] = {}
    for shorter, longer in _contained_phrases(by_phrase):
        long = by_phrase[longer][0]
        for short in by_phrase[shorter]:
            if long.entry.id == short.entry.id:
                continue
            if any(_normalised(e) == longer for e in short.entry.exceptions):
                continue  # declared: the shorter word is neutral inside the longer phrase
            if wanted is not None and short.path not in wanted and long.path not in wanted:
                continue
            pairs.setdefault(
                (short.entry.id, long.entry.id),
                (short, long, " ".join(shorter), " ".join(longer)),
            )
    problems = []
    for short, long, shorter, longer in pairs.values():
        message = (
            f"entry {short.entry.id!r}: {shorter!r} lies inside {longer!r} of entry "
            f"{long.entry.id!r} ({long.path.name}:{long.line}); the longer match wins there"
        )
        problems.append(Problem(short.path, short.line, "overlap", message, WARNING))
    return problems


def pattern_problems(checks: Iterable[FileCheck], nlp: Language | None = None) -> list[Problem]:
    """Entries whose token pattern spaCy cannot compile. A phrase always compiles (it is
    tokenized, not interpreted), so only patterns are tried: one matcher per entry of a
    100,000-phrase overlay cost most of validate's time."""
    nlp = nlp or spacy.blank("en")
    problems = []
    for check in checks:
        for entry, line in check.entries:
            if entry.pattern is None:
                continue
            try:
                EntryMatcher(nlp, [entry.model_copy(update={"enabled": True})])
            except LexiconError as exc:
                problems.append(Problem(check.path, line, "pattern", exc.message))
    return problems


def _compilable(nlp: Language, entries: list[Entry]) -> list[Entry]:
    working = []
    for entry in entries:
        if entry.pattern is not None:  # phrases always compile; patterns may not
            try:
                EntryMatcher(nlp, [entry])
            except LexiconError:
                continue  # reported by pattern_problems; its examples cannot run
        working.append(entry)
    return working


def _hit_finder(nlp: Language, lexicons: Lexicons, name: str):
    """A function from Doc to the ids of the entries that fire, as the pipeline finds them."""
    entries = _compilable(nlp, lexicons[name])
    if name == "loaded_terms":
        # Loaded terms go through their own matcher, which finds scare quotes with the quote
        # finder rather than the documenting pattern, as the pipeline does.
        from framing.annotate.loaded_terms import LoadedTermMatcher

        working = {entry.id for entry in entries}
        only = Lexicons(
            entries={name: [e for e in lexicons.entries[name] if e.entry.id in working]}
        )
        matcher = LoadedTermMatcher(nlp, only)
        return lambda doc: {hit.entry_id for hit in matcher(doc)._.term_hits}
    entry_matcher = EntryMatcher(nlp, entries, source=name)
    return lambda doc: {hit.entry.id for hit in entry_matcher(doc)}


def _pipeline_hit_finder(nlp: Language, lexicons: Lexicons):
    """Doc to the ids of entries behind any span the framing component writes, or None when
    the component cannot be built from these lexicons."""
    from framing.annotate.component import FramingComponent

    try:
        component = FramingComponent(nlp, lexicons)
    except (LexiconError, KeyError, ValueError):
        return None

    def find(doc):
        doc = component(doc)
        return {span.id_ for group in doc.spans.values() for span in group if span.id_}

    return find


def run_examples(
    lexicons: Lexicons, nlp: Language, *, paths: Iterable[Path] | None = None
) -> ExampleRun:
    """Run every enabled entry's examples (only those defined in ``paths``, if given).

    A ``must_match`` example passes when the entry fires in its lexicon's matcher, with the
    whole lexicon loaded, as in the pipeline (so a longer entry that shadows it makes it
    fail). A ``must_not_match`` example passes when the entry does not fire, or when the
    pipeline drops the hit by its own rules (a cue verb with no speaker, ``a bank note``, is
    no attribution). Lemma matching needs a trained pipeline: on ``spacy.blank("en")``
    inflected examples (``colonizing`` for ``colonize``) fail.
    """
    wanted = {Path(p) for p in paths} if paths is not None else None
    run = ExampleRun()
    pipeline_hits = None
    for name, loaded_entries in lexicons.entries.items():
        cases = [
            (loaded, text, should_match)
            for loaded in loaded_entries
            if loaded.entry.enabled and (wanted is None or loaded.path in wanted)
            for should_match, texts in (
                (True, loaded.entry.must_match),
                (False, loaded.entry.must_not_match),
            )
            for text in texts
        ]
        if not cases:
            continue
        find_hits = _hit_finder(nlp, lexicons, name)
        texts = list(dict.fromkeys(text for _, text, _ in cases))
        hits = {text: find_hits(doc) for text, doc in zip(texts, nlp.pipe(texts), strict=True)}
        for loaded, text, should_match in cases:
            run.checked += 1
            fired = loaded.entry.id in hits[text]
            if fired and not should_match:
                if pipeline_hits is None:
                    pipeline_hits = _pipeline_hit_finder(nlp, lexicons) or (lambda doc: None)
                in_pipeline = pipeline_hits(nlp(text))
                fired = in_pipeline is None or loaded.entry.id in in_pipeline
            if fired != should_match:
                run.failures.append(
                    ExampleFailure(
                        loaded.entry.id,
                        loaded.path,
                        loaded.line,
                        text,
                        should_match,
                        tuple(sorted(hits[text])),
                    )
                )
    return run


def lexicons_of_folder(folder: Path) -> tuple[Lexicons, list[FileCheck]]:
    """The folder's valid entries as a Lexicons (over the shipped set for an overlay), and
    each file's check."""
    folder = Path(folder)
    checks = [check_file(path) for path in sorted(folder.glob("*.yaml"))]
    base = None if is_complete_set(folder) else load_lexicons(base=SHIPPED_LEXICONS)
    return _layered(checks, base), checks


def validate_lexicons(
    folder: Path | None = None, *, nlp: Language | None = None, examples: bool = True
) -> list[Problem]:
    """Every problem in a lexicon folder: schema errors, duplicate ids and phrases,
    overlapping phrases (warnings), patterns that do not compile, and failing examples.

    ``nlp`` parses the examples (default ``spacy.blank("en")``: no lemma matching, so pass
    a trained pipeline to check inflected examples). Problems come sorted by file and line.
    """
    folder = Path(folder) if folder is not None else SHIPPED_LEXICONS
    if not folder.is_dir():
        return [Problem(folder, None, "schema", "lexicon folder not found")]
    if not list(folder.glob("*.yaml")):
        return [Problem(folder, None, "schema", "no lexicon files (*.yaml) in the folder")]
    nlp = nlp or spacy.blank("en")
    try:
        lexicons, checks = lexicons_of_folder(folder)
    except LexiconError as exc:  # the shipped set an overlay is laid over is itself broken
        return [Problem(exc.path, exc.line, "schema", exc.message)]
    paths = [check.path for check in checks]
    problems = [problem for check in checks for problem in check.problems]
    problems += _cross_file_duplicates(checks)
    problems += overlap_problems(lexicons, paths)
    problems += pattern_problems(checks, nlp)
    if examples:
        run = run_examples(lexicons, nlp, paths=paths)
        problems += [
            Problem(failure.path, failure.line, "example", str(failure).split(": ", 1)[1])
            for failure in run.failures
        ]
    return sorted(problems, key=lambda p: (str(p.path), p.line or 0, p.kind, p.message))


def _cross_file_duplicates(checks: list[FileCheck]) -> list[Problem]:
    first_seen: dict[str, tuple[Path, int]] = {}
    problems = []
    for check in checks:
        for entry, line in check.entries:
            if entry.id in first_seen and first_seen[entry.id][0] != check.path:
                other_path, other_line = first_seen[entry.id]
                message = f"duplicate id {entry.id!r} (also {other_path.name}:{other_line})"
                problems.append(Problem(check.path, line, "duplicate", message))
            first_seen.setdefault(entry.id, (check.path, line))
    return problems


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == ERROR]
