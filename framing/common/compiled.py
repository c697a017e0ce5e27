"""Compiled data kept between runs, keyed by the content it was compiled from.

Start-up for one article used to spend more time preparing word tables than the model takes
to load: reading the CMU Pronouncing Dictionary for syllable counts (0.8 s), Pyphen's patterns,
wordfreq's English list. What those produce depends only on the package's data and on the code
that reads it, so it is compiled once and kept, named by a hash of both: a new release of the
package or a new version of framing is a new key, never a stale hit. (The lexicons are not
kept: the loader reads them in 0.06 s, which a pickle does not beat.)

The folder is ``$FRAMING_COMPILED_CACHE``, else the platform's user cache folder
(``$XDG_CACHE_HOME/framing/compiled``, ``~/.cache/framing/compiled``; on macOS
``~/Library/Caches/framing/compiled``; on Windows ``%LOCALAPPDATA%\\framing\\cache\\compiled``).
``FRAMING_COMPILED_CACHE=off`` turns it off. Files are written atomically; one that cannot be
read is compiled again and replaced, and a folder that cannot be written only costs the time.
Only framing writes these files, in the user's own folder: they are trusted as the code is.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import closing
from pathlib import Path
from typing import TypeVar

from framing.common.versions import code_version

T = TypeVar("T")

ENV_VAR = "FRAMING_COMPILED_CACHE"
#: Bumped when what is pickled changes shape without a change of framing's code version.
FORMAT = 1


def cache_folder() -> Path | None:
    """Where compiled data is kept, or None when ``$FRAMING_COMPILED_CACHE`` is ``off``."""
    setting = os.environ.get(ENV_VAR, "")
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"]) / "framing" / "cache"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches" / "framing"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "framing"
    return base / "compiled"


def content_key(name: str, parts: Iterable[bytes]) -> str:
    """A key for ``name`` compiled from ``parts``, by framing's code version and Python's."""
    digest = hashlib.sha256(f"{name}\0{FORMAT}\0{code_version()}\0{sys.version}\0".encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return f"{name}-{digest.hexdigest()[:32]}"


def compiled(key: str, build: Callable[[], T]) -> T:
    """What ``build()`` returns, read from the cache under ``key`` when it is there."""
    folder = cache_folder()
    path = folder / f"{key}.pickle" if folder is not None else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except Exception:  # noqa: BLE001 - truncated or from an incompatible library: rebuild
            pass
    value = build()
    if path is not None:
        _store(path, value)
    return value


def _store(path: Path, value: object) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)  # a read-only home: run on, uncached


class LookupTable(Mapping[str, float]):
    """A large read-only ``str -> float`` table in an SQLite file, read one key at a time.

    For a table far larger than what one run looks up: wordfreq's English list has 321,000
    words and a pickle of it takes 0.1 s to load, for the few hundred words an article asks
    about. Each process opens its own connection (one is never shared across a fork).
    """

    def __init__(self, path: Path):
        self.path = path
        self._pid = -1
        self._connection: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection

    def get(self, key: str, default: float | None = None) -> float | None:
        row = self._db().execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None  # type: ignore[arg-type]

    def __getitem__(self, key: str) -> float:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return (key for (key,) in self._db().execute("SELECT key FROM entries"))

    def __len__(self) -> int:
        return self._db().execute("SELECT COUNT(*) FROM entries").fetchone()[0]


def compiled_table(key: str, build: Callable[[], dict[str, float]]) -> Mapping[str, float]:
    """The table ``build()`` returns, kept under ``key`` as a :class:`LookupTable`; the dict
    itself when the cache is off or cannot be written."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{key}.sqlite"
    if path.is_file():
        return LookupTable(path)
    table = build()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(temporary)) as db:
            db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value REAL) WITHOUT ROWID")
            db.executemany("INSERT INTO entries VALUES (?, ?)", table.items())
            db.commit()
        os.replace(temporary, path)
    except (OSError, sqlite3.Error):
        temporary.unlink(missing_ok=True)
    return table
