"""Lexicons: YAML data files in ``lexicons/``, validated against a schema, layered, versioned.

Every lexicon is one YAML file holding a header (``lexicon``, ``lang``, ``categories``) and a
list of ``entries``. Code never hard-codes a word list: reporting verbs, source nouns, state
media, hedges and loaded terms all live in these files, and every span the pipeline writes
carries the ``id`` of the entry that produced it, so a figure in a report traces back to a
line of a lexicon file.

This module finds the lexicon folders (shipped, user overlay, config file, environment,
command line), reads each file's YAML keeping every mapping's line, validates it against the
schema of :mod:`framing.lexicon.schema`, lays the overlays over the shipped files and gives
the result a content version. Errors are :class:`LexiconError` with ``file:line`` and what is
wrong, one line each.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from framing.common.package_data import PACKAGE_DIR
from framing.common.text_files import NotUtf8Error, read_utf8
from framing.lexicon.schema import (
    Entry,
    LexiconError,
    LexiconFile,
    Lexicons,
    LoadedEntry,
    OwnershipType,
)

#: What other modules import from here: the loading functions, and the schema's names
#: (defined in :mod:`framing.lexicon.schema`) that every caller of load_lexicons needs.
__all__ = [
    "CONFIG_FILES",
    "FROM_CHECKOUT",
    "LEXICONS_ENV_VAR",
    "REQUIRED_LEXICONS",
    "SHIPPED_LEXICONS",
    "USER_LEXICONS_ENV_VAR",
    "Entry",
    "LexiconError",
    "LexiconFile",
    "Lexicons",
    "LoadedEntry",
    "OwnershipType",
    "config_overlays",
    "configured_overlays",
    "default_edit_folder",
    "lexicon_dirs",
    "load_lexicons",
    "load_yaml_with_lines",
    "parse_lexicon_text",
    "read_lexicon_file",
    "schema_error",
    "strip_lines",
    "user_lexicons",
]

_PACKAGE = PACKAGE_DIR
_CHECKOUT = _PACKAGE.parent


def _is_checkout(root: Path) -> bool:
    """True when the package runs from the repository (an editable install, or tests)."""
    return (root / "pyproject.toml").is_file() and (root / "lexicons").is_dir()


#: True when the tool runs from a checkout, where users edit the top-level ``lexicons/``.
FROM_CHECKOUT = _is_checkout(_CHECKOUT)
#: The shipped lexicons: ``lexicons/`` of the checkout, or the copy a wheel carries as the
#: package data ``framing/_lexicons`` (setup.py maps the one to the other).
SHIPPED_LEXICONS = _CHECKOUT / "lexicons" if FROM_CHECKOUT else _PACKAGE / "_lexicons"
LEXICONS_ENV_VAR = "FRAMING_LEXICONS"
#: Overrides the user overlay folder (see :func:`user_lexicons`).
USER_LEXICONS_ENV_VAR = "FRAMING_USER_LEXICONS"
#: Config files read from the working directory, first found wins: ``lexicons = ["dir", ...]``.
CONFIG_FILES = ("framing.toml", ".framing.toml")

#: The lexicon files the pipeline needs, by name (file stem).
REQUIRED_LEXICONS = ("loaded_terms", "reporting_verbs", "sources", "state_media", "hedges")


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A YAML loader that remembers the line each mapping starts on (for ``file:line`` errors).

    libyaml's C loader when PyYAML has it: ten times faster on the large lexicon files.
    """


def _construct_mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping_with_line
)


def strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def _error_line(raw: dict, loc: Sequence[Any]) -> int | None:
    """The line of the deepest mapping on a pydantic error location path."""
    node: Any = raw
    line = raw.get("__line__") if isinstance(raw, dict) else None
    for key in loc:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "__line__" in node:
            line = node["__line__"]
    return line


def read_lexicon_file(path: Path) -> tuple[LexiconFile, dict[str, int]]:
    """Parse and validate one lexicon file; returns it with each entry id's line number."""
    path = Path(path)
    try:
        text = read_utf8(path)
    except NotUtf8Error as exc:
        raise LexiconError(path, exc.line, exc.reason) from None
    except OSError as exc:
        raise LexiconError(path, None, f"cannot read: {exc.strerror}") from None
    return parse_lexicon_text(text, path)


class _NeedsFullLoader(Exception):
    """The fast reader met YAML it leaves to PyYAML's loader (an anchor, alias, tag, merge)."""


_EVENT_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _plain_scalar(value: str, constructor: yaml.constructor.SafeConstructor):
    """A plain (unquoted) scalar typed as YAML's safe loader types it: most lexicon values
    are words, which no implicit resolver claims, so they stay strings without a lookup."""
    resolvers = yaml.SafeLoader.yaml_implicit_resolvers.get(value[:1] or "", [])
    for tag, pattern in resolvers:
        if pattern.match(value):
            if tag == "tag:yaml.org,2002:merge":
                raise _NeedsFullLoader
            return constructor.construct_object(yaml.ScalarNode(tag, value))
    return value


def _load_from_events(text: str) -> Any:
    """The YAML document built straight from libyaml's parse events, each mapping with its
    line as ``__line__``.

    PyYAML's loader resolves and constructs every node in Python; on a 100,000-entry overlay
    that was most of the load time. Building from the events does the same work for plain
    data at about a fifth of the cost; anything else (anchors, aliases, explicit tags, merge
    keys) raises _NeedsFullLoader and the file is read by the full loader.
    """
    constructor = yaml.constructor.SafeConstructor()
    stack: list[tuple[Any, Any]] = []  # (container, pending mapping key or _NO_KEY)
    root: Any = None
    for event in yaml.parse(text, Loader=_EVENT_PARSER):
        kind = type(event)
        if kind in (yaml.AliasEvent,) or getattr(event, "anchor", None) is not None:
            raise _NeedsFullLoader
        if kind is yaml.ScalarEvent:
            if event.tag is not None and not event.implicit[0] and not event.implicit[1]:
                raise _NeedsFullLoader
            value = _plain_scalar(event.value, constructor) if event.implicit[0] else event.value
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.tag is not None and not event.implicit:
                raise _NeedsFullLoader
            if kind is yaml.MappingStartEvent:
                stack.append(({"__line__": event.start_mark.line + 1}, _NO_KEY))
            else:
                stack.append(([], _NO_KEY))
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = stack.pop()[0]
        else:
            continue  # stream and document events
        if not stack:
            root = value
            continue
        container, key = stack[-1]
        if isinstance(container, list):
            container.append(value)
        elif key is _NO_KEY:
            stack[-1] = (container, value)
        else:
            container[key] = value
            stack[-1] = (container, _NO_KEY)
    return root


_NO_KEY = object()


def load_yaml_with_lines(text: str, path: Path | str) -> dict:
    """The YAML mapping of a lexicon file, each mapping carrying its line as ``__line__``."""
    try:
        try:
            raw = _load_from_events(text)
        except (_NeedsFullLoader, TypeError):  # TypeError: a mapping used as a key
            raw = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LexiconError(path, line, f"invalid YAML: {problem}") from None
    except (ValueError, TypeError, RecursionError) as exc:  # 2025-02-30; nesting too deep
        raise LexiconError(path, None, f"invalid YAML value: {exc or type(exc).__name__}") from None
    if not isinstance(raw, dict):
        raise LexiconError(path, 1, "expected a mapping with 'lexicon', 'categories' and 'entries'")
    return raw


def schema_error(raw: dict, error: ValidationError) -> tuple[int | None, str]:
    """The line and one-line message of a pydantic error on a ``__line__``-annotated mapping."""
    first = error.errors()[0]
    loc = first["loc"]
    line = _error_line(raw, loc)
    where = ".".join(str(part) for part in loc)
    message = first["msg"].removeprefix("Value error, ")
    if where and "entry" not in message:
        message = f"{where}: {message}"
    if first["type"] == "model_attribute_error" or not loc:
        message = first["msg"].removeprefix("Value error, ")
    if not loc and "entry '" in message:
        # A whole-file check naming an entry: point at that entry's line.
        entry_id = message.split("'")[1]
        for item in raw.get("entries") or []:
            if isinstance(item, dict) and item.get("id") == entry_id:
                line = item["__line__"]
    return line, message


def parse_lexicon_text(text: str, path: Path | str) -> tuple[LexiconFile, dict[str, int]]:
    """Validate a lexicon file's text; errors name ``path:line``. Used before an edit is saved."""
    raw = load_yaml_with_lines(text, path)
    try:
        parsed = LexiconFile.model_validate(strip_lines(raw))
    except ValidationError as exc:
        line, message = schema_error(raw, exc)
        raise LexiconError(path, line, message) from None
    lines = {
        item.get("id"): item["__line__"]
        for item in raw.get("entries") or []
        if isinstance(item, dict)
    }
    return parsed, lines


def config_overlays(folder: Path | None = None) -> list[Path]:
    """Overlay folders named in ``framing.toml`` (or ``.framing.toml``) in ``folder``.

    ``lexicons = ["my-lexicons", ...]``; relative paths are read from the config file's folder,
    so the file works whichever subfolder a command is run from.
    """
    folder = Path.cwd() if folder is None else Path(folder)
    for name in CONFIG_FILES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            config = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise LexiconError(path, None, f"invalid config file: {exc}") from None
        folders = config.get("lexicons", [])
        if isinstance(folders, str):
            folders = [folders]
        if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
            raise LexiconError(path, None, "'lexicons' must be a list of folder paths")
        return [path.parent / f for f in folders]
    return []


def configured_overlays() -> list[Path]:
    """Overlays set outside the command line: the config file's, then ``$FRAMING_LEXICONS``."""
    env = os.environ.get(LEXICONS_ENV_VAR, "")
    return config_overlays() + [Path(part) for part in env.split(os.pathsep) if part]


def user_lexicons() -> Path | None:
    """The overlay folder of an installed tool, where ``framing lexicon add/remove`` write.

    None from a checkout, whose ``lexicons/`` users edit in place. Installed, the shipped files
    sit in site-packages, which an upgrade replaces (and which may not be writable), so edits
    go to ``$FRAMING_USER_LEXICONS``, else the platform's user data folder: on Linux
    ``$XDG_DATA_HOME/framing/lexicons`` (``~/.local/share/framing/lexicons``), on macOS
    ``~/Library/Application Support/framing/lexicons``, on Windows
    ``%APPDATA%\\framing\\lexicons``.
    """
    if os.environ.get(USER_LEXICONS_ENV_VAR):
        return Path(os.environ[USER_LEXICONS_ENV_VAR])
    if FROM_CHECKOUT:
        return None
    return _user_data_dir() / "framing" / "lexicons"


def _user_data_dir() -> Path:
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"])
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def default_edit_folder() -> Path:
    """The folder ``framing lexicon add/remove`` edit without ``--dir``; never site-packages."""
    return user_lexicons() or SHIPPED_LEXICONS


def lexicon_dirs(extra: Iterable[Path | str] = ()) -> list[Path]:
    """The shipped folder, the user overlay (installed only, when it exists), the config
    file's and ``$FRAMING_LEXICONS`` folders, then ``extra``."""
    user = user_lexicons()
    users = [user] if user is not None and user.is_dir() else []
    return [SHIPPED_LEXICONS, *users, *configured_overlays(), *(Path(part) for part in extra)]


def load_lexicons(overlays: Iterable[Path | str] = (), *, base: Path | None = None) -> Lexicons:
    """Load the shipped lexicons and lay each overlay folder over them, in order.

    An overlay entry with an existing ``id`` replaces it (``enabled: false`` switches it off);
    a new ``id`` is added. Ids are unique within the layered set of each layer.
    """
    if base is None:
        dirs = lexicon_dirs(overlays)
    else:
        dirs = [Path(base), *(Path(d) for d in overlays)]
    # The same files load to the same Lexicons: parsing and validating them costs about half
    # a second, and one command loads them more than once (the outlet table, the pipeline).
    # Keyed by the files' contents, so an edited lexicon is always read again.
    key = _files_key(dirs)
    if key is not None and key in _LOADED:
        return _LOADED[key]
    lexicons = _load(dirs)
    if key is not None:
        _LOADED[key] = lexicons
    return lexicons


#: Lexicons loaded in this process, by _files_key; treat what load_lexicons returns as read-only.
_LOADED: dict[str, Lexicons] = {}


def _files_key(dirs: list[Path]) -> str | None:
    digest = hashlib.sha256()
    for folder in dirs:
        if not folder.is_dir():
            return None  # load_lexicons says what is wrong
        digest.update(str(folder.resolve()).encode())
        for path in sorted(folder.glob("*.yaml")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _load(dirs: list[Path]) -> Lexicons:
    lexicons = Lexicons()
    digest = hashlib.sha256()
    # Where each id sits in its lexicon, and where it was first defined, so that laying an
    # entry over the set is one lookup: a scan per entry made a 10,000-entry overlay take
    # half a minute.
    positions: dict[tuple[str, str], int] = {}
    first_defined: dict[str, LoadedEntry] = {}
    for layer, folder in enumerate(dirs):
        if not folder.is_dir():
            raise LexiconError(folder, None, "lexicon folder not found")
        for path in sorted(folder.glob("*.yaml")):
            parsed, lines = read_lexicon_file(path)
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
            lexicons.sources.append(path)
            name = parsed.lexicon
            if len(lexicons.sources) == 1:
                lexicons.lang = parsed.lang  # the first file sets the language for all
            elif parsed.lang != lexicons.lang:
                message = f"lang {parsed.lang!r} differs from the other lexicons' {lexicons.lang!r}"
                raise LexiconError(path, 1, message)
            known = lexicons.categories.setdefault(name, {})
            known.update(parsed.categories)
            current = lexicons.entries.setdefault(name, [])
            seen_in_file: set[str] = set()
            for entry in parsed.entries:
                line = lines.get(entry.id, 0)
                if entry.id in seen_in_file:
                    raise LexiconError(path, line, f"duplicate id {entry.id!r}")
                seen_in_file.add(entry.id)
                loaded = LoadedEntry(entry, name, path, line)
                existing = positions.get((name, entry.id))
                if existing is None:
                    other = first_defined.setdefault(entry.id, loaded)
                    if other is not loaded and layer == 0:
                        raise LexiconError(
                            path,
                            line,
                            f"duplicate id {entry.id!r} (also {other.path.name}:{other.line})",
                        )
                    positions[name, entry.id] = len(current)
                    current.append(loaded)
                elif layer == 0:
                    raise LexiconError(path, line, f"duplicate id {entry.id!r}")
                else:
                    current[existing] = loaded
    missing = [name for name in REQUIRED_LEXICONS if name not in lexicons.entries]
    if missing:
        raise LexiconError(dirs[0], None, f"missing lexicon(s): {', '.join(missing)}")
    lexicons.version = digest.hexdigest()[:12]
    return lexicons
