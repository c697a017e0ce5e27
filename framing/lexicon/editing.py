"""Edit lexicon files in place: add and remove entries, keeping every other byte as it was.

Lexicon files are written by hand, with comments, section headers, one-line flow-style
entries (``- {id: ..., term: ...}``) or block-style ones. A YAML dump reformats all of that
(ruamel.yaml's round trip rewrites flow mappings and long lines in our files), so an edit here
is a splice of lines: the YAML parser says on which lines each entry starts and ends, a new
entry is written in the style of its neighbours, and no other line is touched. Removing an
entry that was just added gives back the file byte for byte, comments included.

Every edit is checked before it is saved, and refused when the result would be invalid: the
edited text is validated (schema, categories, duplicate ids), the new entry's pattern must
compile and its examples must pass. The file is written with
:func:`framing.common.write.atomic_write`: to a temporary file, then renamed, so a process killed
mid-edit leaves the old file whole.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.language import Language

from framing.common.write import atomic_write
from framing.lexicon.load import (
    Entry,
    LexiconError,
    Lexicons,
    default_edit_folder,
    parse_lexicon_text,
)
from framing.lexicon.matching import EntryMatcher

#: Field order of a written entry, as in the shipped files.
FIELD_ORDER = (
    "id",
    "term",
    "pattern",
    "aliases",
    "category",
    "weight",
    "note",
    "provenance",
    "country",
    "exceptions",
    "must_match",
    "must_not_match",
    "enabled",
)


@dataclass(frozen=True)
class EntryLines:
    """Where one entry sits in a file: 0-based first and last line, and its style."""

    entry_id: str | None
    category: str | None
    first: int
    last: int
    flow: bool
    indent: str


@dataclass(frozen=True)
class Edit:
    """What an edit did: the entry, the file it changed, and the entry's (1-based) line."""

    entry: Entry
    path: Path
    line: int
    created_file: bool = False


def entry_layout(text: str) -> list[EntryLines]:
    """The lines of each item of the file's ``entries`` list, in file order."""
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(root, yaml.MappingNode):
        return []
    entries = next((v for k, v in root.value if getattr(k, "value", None) == "entries"), None)
    if not isinstance(entries, yaml.SequenceNode):
        return []
    lines = text.splitlines()
    layout = []
    for node in entries.value:
        first = node.start_mark.line
        last = _last_content_line(node)
        fields = (
            {k.value: v for k, v in node.value if isinstance(v, yaml.ScalarNode)}
            if isinstance(node, yaml.MappingNode)
            else {}
        )
        line_text = lines[first]
        dash = line_text.find("-")
        indent = line_text[:dash] if dash >= 0 and not line_text[:dash].strip() else "  "
        layout.append(
            EntryLines(
                entry_id=fields["id"].value if "id" in fields else None,
                category=fields["category"].value if "category" in fields else None,
                first=first,
                last=last,
                flow=bool(getattr(node, "flow_style", False)),
                indent=indent,
            )
        )
    return layout


def _last_content_line(node: yaml.Node) -> int:
    """The last line holding the node's own text; a block ends where the next token starts,
    after any blank and comment lines, so look at its last value instead."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _last_content_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_content_line(node.value[-1])
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _blank_separated(text_lines: list[str], layout: list[EntryLines]) -> bool:
    """True when most entries are set apart from the one before by a blank line."""
    pairs = list(zip(layout, layout[1:], strict=False))
    if not pairs:
        return False
    separated = sum(
        1 for prev, nxt in pairs if nxt.first - prev.last > 1 and not text_lines[prev.last + 1]
    )
    return separated * 2 > len(pairs)


def _value_yaml(value) -> str:
    dumped = yaml.safe_dump(
        {"v": value}, default_flow_style=True, sort_keys=False, width=10**9, allow_unicode=True
    ).strip()
    return dumped[len("{v: ") : -1]


def render_entry(entry: Entry, *, flow: bool, indent: str) -> list[str]:
    """The entry as YAML lines in the given style; fields left at their default are left out."""
    data = entry.model_dump(exclude_defaults=True)
    data = {key: data[key] for key in FIELD_ORDER if key in data}
    if flow:
        fields = ", ".join(f"{key}: {_value_yaml(value)}" for key, value in data.items())
        return [f"{indent}- {{{fields}}}"]
    lines = []
    for index, (key, value) in enumerate(data.items()):
        lead = f"{indent}- " if index == 0 else f"{indent}  "
        lines.append(f"{lead}{key}: {_value_yaml(value)}")
    return lines


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def insert_entry(text: str, entry: Entry) -> tuple[str, int]:
    """The text with ``entry`` after the last entry of its category (else after the last
    entry), in the neighbours' style; and the new entry's 1-based line."""
    layout = entry_layout(text)
    if not layout:
        raise LexiconError("", None, "the file has no entries to place a new one beside")
    lines = text.splitlines(keepends=True)
    bare = [line.rstrip("\r\n") for line in lines]
    same_category = [item for item in layout if item.category == entry.category]
    anchor = (same_category or layout)[-1]
    new_lines = render_entry(entry, flow=anchor.flow, indent=anchor.indent)
    separator = [""] if _blank_separated(bare, layout) else []
    newline = _newline(text)
    at = anchor.last + 1
    if at == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline  # the file had no final newline: the old last line needs one
    lines[at:at] = [line + newline for line in separator + new_lines]
    return "".join(lines), at + len(separator) + 1


def delete_entry(text: str, entry_id: str) -> tuple[str, int]:
    """The text without the entry ``entry_id``, and the 1-based line it started on.

    A blank line that set the entry apart from the entry before goes with it, so removing
    what :func:`insert_entry` added restores the text exactly.
    """
    layout = entry_layout(text)
    index = next((i for i, item in enumerate(layout) if item.entry_id == entry_id), None)
    if index is None:
        raise KeyError(entry_id)
    item = layout[index]
    lines = text.splitlines(keepends=True)
    first = item.first
    previous = layout[index - 1] if index else None
    if previous is not None and first >= 2 and not lines[first - 1].strip():
        if previous.last == first - 2:
            first -= 1
    del lines[first : item.last + 1]
    return "".join(lines), item.first + 1


def _check_edited_text(
    text: str, path: Path, *, new_entry: Entry | None, nlp: Language | None
) -> None:
    """Raise LexiconError when the edited file would be invalid."""
    parsed, lines = parse_lexicon_text(text, path)
    seen: set[str] = set()
    for item in parsed.entries:
        if item.id in seen:
            raise LexiconError(path, lines.get(item.id), f"duplicate id {item.id!r}")
        seen.add(item.id)
    if new_entry is None or nlp is None:
        return
    check_entry(new_entry, nlp, path=path, line=lines.get(new_entry.id))


def check_entry(entry: Entry, nlp: Language, *, path: Path | str = "", line=None) -> None:
    """Raise LexiconError if the entry's pattern does not compile or an example fails."""
    try:
        matcher = EntryMatcher(nlp, [entry.model_copy(update={"enabled": True})])
    except LexiconError as exc:
        raise LexiconError(path, line, exc.message) from None
    examples = [(t, True) for t in entry.must_match] + [(t, False) for t in entry.must_not_match]
    for text, should_match in examples:
        fired = any(hit.entry.id == entry.id for hit in matcher(nlp(text)))
        if fired != should_match:
            expected = "must match" if should_match else "must not match"
            message = f"entry {entry.id!r}: example fails: {expected} {text!r}"
            raise LexiconError(path, line, message)


def _save_checked(path: Path, text: str, check) -> None:
    """Write ``text`` to a temporary file beside ``path``, check what was written, then
    rename; a failed check leaves the old file as it was."""

    def write(tmp: Path) -> None:
        tmp.write_bytes(text.encode("utf-8"))
        check(tmp.read_bytes().decode("utf-8"))

    atomic_write(path, write)


def _id_prefix(lexicons: Lexicons, lexicon: str) -> str:
    prefixes = Counter(
        loaded.entry.id.split(".", 1)[0]
        for loaded in lexicons.entries.get(lexicon, [])
        if "." in loaded.entry.id
    )
    return prefixes.most_common(1)[0][0] if prefixes else lexicon


def new_entry_id(lexicons: Lexicons, lexicon: str, term: str) -> str:
    """``<prefix>.<term>``: the prefix most ids of the lexicon use (``loaded``, ``cue``...)."""
    slug = re.sub(r"[^a-z0-9]+", "_", term.lower()).strip("_") or "entry"
    return f"{_id_prefix(lexicons, lexicon)}.{slug}"


def _file_for(folder: Path, lexicon: str) -> Path | None:
    """The file in ``folder`` that holds lexicon ``lexicon`` (by its header, else by name)."""
    for path in sorted(folder.glob("*.yaml")):
        try:
            header = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError, OSError):
            continue
        if isinstance(header, dict) and header.get("lexicon") == lexicon:
            return path
    candidate = folder / f"{lexicon}.yaml"
    return candidate if candidate.exists() else None


def _new_file_text(lexicon: str, lexicons: Lexicons, entry: Entry) -> str:
    """An overlay file holding one entry; it declares the lexicon's categories, which every
    file must."""
    header = {
        "lexicon": lexicon,
        "lang": lexicons.lang,
        "categories": lexicons.categories.get(lexicon, {}),
    }
    text = yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=100)
    return text + "entries:\n" + "\n".join(render_entry(entry, flow=False, indent="  ")) + "\n"


def add_entry(
    folder: Path | None,
    lexicon: str,
    entry: Entry,
    *,
    lexicons: Lexicons,
    nlp: Language | None = None,
) -> Edit:
    """Add ``entry`` to lexicon ``lexicon`` in ``folder`` (default: :func:`default_edit_folder`).

    ``lexicons`` is the layered set the edit is checked against: the id must be new there,
    unless ``folder`` is an overlay and the entry overrides a shipped one. An overlay folder
    with no file for the lexicon gets one. With ``nlp``, the entry's examples must pass.
    Raises LexiconError, and leaves every file as it was, when the edit would be invalid.
    """
    if folder is None:
        folder = default_edit_folder()
        folder.mkdir(parents=True, exist_ok=True)  # the user overlay of an installed tool
    folder = Path(folder)
    if lexicon not in lexicons.categories:
        known = ", ".join(sorted(lexicons.categories))
        raise LexiconError(folder, None, f"no lexicon named {lexicon!r} (known: {known})")
    existing = lexicons.get(entry.id)
    if existing is not None and existing.path.parent.resolve() == folder.resolve():
        where = f"{existing.path}:{existing.line}"
        raise LexiconError(folder, None, f"id {entry.id!r} exists already ({where})")
    if existing is not None and existing.lexicon != lexicon:
        raise LexiconError(folder, None, f"id {entry.id!r} belongs to lexicon {existing.lexicon!r}")
    if nlp is not None:
        check_entry(entry, nlp)
    path = _file_for(folder, lexicon)
    created = path is None
    if created:
        path = folder / f"{lexicon}.yaml"
        text, line = _new_file_text(lexicon, lexicons, entry), None
    else:
        text, line = insert_entry(path.read_bytes().decode("utf-8"), entry)
    _save_checked(path, text, lambda t: _check_edited_text(t, path, new_entry=entry, nlp=nlp))
    if line is None:
        line = parse_lexicon_text(text, path)[1][entry.id]
    return Edit(entry, path, line, created)


def _parsed_entry(text: str, path: Path, entry_id: str) -> Entry | None:
    try:
        parsed, _ = parse_lexicon_text(text, path)
    except LexiconError:
        return None
    return next((entry for entry in parsed.entries if entry.id == entry_id), None)


def remove_entry(folder: Path | None, entry_id: str, *, lexicons: Lexicons) -> Edit:
    """Remove entry ``entry_id`` from the file in ``folder`` that defines it.

    Refused (LexiconError) when no file in ``folder`` defines it, for example a shipped
    entry while editing an overlay: switch it off there with ``enabled: false`` instead.
    """
    folder = Path(folder) if folder is not None else default_edit_folder()
    loaded = lexicons.get(entry_id)
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_bytes().decode("utf-8")
        try:
            new_text, line = delete_entry(text, entry_id)
        except KeyError:
            continue
        except yaml.YAMLError as exc:
            raise LexiconError(path, None, f"invalid YAML: {exc}") from None
        _save_checked(
            path, new_text, lambda t, p=path: _check_edited_text(t, p, new_entry=None, nlp=None)
        )
        removed = _parsed_entry(text, path, entry_id) or (loaded.entry if loaded else None)
        return Edit(removed, path, line)
    hint = ""
    if loaded is not None:
        hint = (
            f"; it is defined in {loaded.path}:{loaded.line} (to switch it off from an "
            "overlay, add it there with enabled: false)"
        )
    raise LexiconError(folder, None, f"no entry {entry_id!r} in this folder{hint}")
