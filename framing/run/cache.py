"""The per-article cache: a corpus scored once is not parsed or scored again.

Two tables in one SQLite file (``.framing-cache/cache.sqlite3`` by default):

- **parses**: the model's parse of a cleaned text, keyed by the hash of that text and the
  analyzer's ``parse_version`` (model, pipeline mode, the lexicon entries that choose which
  sentences are parsed, code). Parsing is most of the cost of a run.
- **results**: one article's :class:`~framing.measure.analyzer.ArticleAnalysis`, keyed by the hash
of
  the article's *raw* text and the analyzer's ``result_version`` (the parse version plus the
  full lexicons). Editing a loaded term changes the result version only, so the next run
  re-scores every article from its stored parse and parses nothing.

This module is the store (:class:`AnalysisCache`); a run through it, chunk by chunk, is
:mod:`framing.run.cached_run`. SQLite's transactions (in WAL mode) keep the file whole
whatever the moment of an interruption.

The cache folder is the user's own local data, like a build folder: entries are pickles,
which is only safe because nobody else writes there. Never point it at a folder from
someone else.

A cache never costs a run: an entry that no longer loads (damaged, or of a class that changed
shape) is a miss and is computed again; a write that fails (a full disk) turns the cache off
for the rest of the run with one :class:`CacheWriteWarning`, and the run goes on without
storing; and :func:`remove_cache` deletes a cache file too damaged to open.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import pickle
import sqlite3
import time
import warnings
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from framing.read.corpus import Article

if TYPE_CHECKING:
    from framing.measure.analyzer import ArticleAnalysis

DEFAULT_CACHE_DIR = Path(".framing-cache")
DATABASE_NAME = "cache.sqlite3"
#: Bumped when the tables change shape; a file of another schema is emptied, not migrated
#: (it is a cache: everything in it can be computed again).
SCHEMA_VERSION = 1
PICKLE_PROTOCOL = 5
# A result repeats its sentences' text in many records: zlib's fastest level makes it a quarter
# of the size (17 kB -> 4 kB for a BBC article) for 0.2 ms to write and less to read.
COMPRESSION_LEVEL = 1
# SQLite's default limit on parameters in one statement is 999 (older builds).
_MAX_PARAMS = 500
# Stored results carry no article: one text gives the same analysis whichever file it came
# from, and the metadata (outlet, path, warnings) belongs to the article being read now.
_NO_ARTICLE = Article(id="", text="")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS parses (
    text_hash TEXT NOT NULL,
    version TEXT NOT NULL,
    data BLOB NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (text_hash, version)
);
CREATE TABLE IF NOT EXISTS results (
    text_hash TEXT NOT NULL,
    version TEXT NOT NULL,
    data BLOB NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (text_hash, version)
);
"""
_TABLES = ("parses", "results")


class CacheError(RuntimeError):
    """The cache file cannot be opened or read (not a database, or written by a stranger)."""


class CacheWriteWarning(UserWarning):
    """A write to the cache failed (a full disk, a read-only folder): the run goes on
    without storing anything more."""


#: The files SQLite keeps for one cache: the database and its write-ahead log.
DATABASE_FILES = ("", "-wal", "-shm")


def remove_cache(directory: str | Path) -> list[Path]:
    """Delete the cache's database files in ``directory`` whatever state they are in (for a
    cache too damaged to open); the folder and its markers stay. Returns what was removed."""
    base = database_path(directory)
    removed = []
    for suffix in DATABASE_FILES:
        path = base.with_name(base.name + suffix)
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def text_key(text: str) -> str:
    """The SHA-256 of a text, hex. Lone surrogates (from odd JSON) hash as they are."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def database_path(directory: str | Path) -> Path:
    return Path(directory) / DATABASE_NAME


@dataclass(frozen=True)
class VersionEntries:
    """The entries of one table stored under one version."""

    version: str
    entries: int
    bytes: int
    oldest: dt.datetime
    newest: dt.datetime


@dataclass(frozen=True)
class CacheInfo:
    """What a cache folder holds: size on disk, and entries by table and version."""

    directory: Path
    size_bytes: int
    parses: list[VersionEntries]
    results: list[VersionEntries]

    @property
    def n_parses(self) -> int:
        return sum(v.entries for v in self.parses)

    @property
    def n_results(self) -> int:
        return sum(v.entries for v in self.results)


@dataclass(frozen=True)
class Cleared:
    """How many entries :meth:`AnalysisCache.clear` removed."""

    parses: int
    results: int


def _chunks(items: Sequence[str], size: int = _MAX_PARAMS) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class AnalysisCache:
    """Stored parses and results in ``directory``; open with ``with AnalysisCache(dir) as c``.

    ``create=False`` refuses a folder that holds no cache, rather than making one (for
    commands that only read or clear it).
    """

    def __init__(self, directory: str | Path = DEFAULT_CACHE_DIR, *, create: bool = True):
        self.directory = Path(directory)
        #: Why writing stopped (a full disk), or None while the cache stores results.
        self.write_error: str | None = None
        path = database_path(self.directory)
        if not create and not path.is_file():
            raise CacheError(f"no cache in {self.directory}")
        self.directory.mkdir(parents=True, exist_ok=True)
        _mark_as_cache(self.directory)
        try:
            # Autocommit mode: every write below opens its own transaction explicitly.
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self._prepare_when_free()
        except sqlite3.DatabaseError as exc:
            raise CacheError(f"cannot use the cache in {self.directory}: {exc}") from None

    def _prepare_when_free(self, attempts: int = 50) -> None:
        # Switching a new file to WAL does not wait on SQLite's busy timeout: when two runs
        # create one cache at the same moment, the loser tries again shortly after.
        for attempt in range(attempts):
            try:
                return self._prepare()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == attempts - 1:
                    raise
                time.sleep(0.1)

    def _prepare(self) -> None:
        db = self._db
        # WAL: readers never block the writer, and a crash mid-write leaves the last
        # committed state. NORMAL sync is safe in WAL mode (a power cut may lose the last
        # commits, never the file).
        # Only a new file is switched to WAL and given its tables: several worker processes
        # open one cache at once, and changing the journal mode does not wait for a lock.
        (mode,) = db.execute("PRAGMA journal_mode").fetchone()
        if mode != "wal":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        (schema,) = db.execute("PRAGMA user_version").fetchone()
        if schema == SCHEMA_VERSION:
            return
        if schema != 0:
            with self._transaction():
                for table in _TABLES:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
        with self._transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _transaction(self):
        return _Transaction(self._db)

    # -- open/close ---------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> AnalysisCache:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- entries ------------------------------------------------------------------------

    def _get(self, table: str, hashes: Iterable[str], version: str) -> dict[str, bytes]:
        unique = list(dict.fromkeys(hashes))
        found: dict[str, bytes] = {}
        for part in _chunks(unique):
            marks = ",".join("?" * len(part))
            try:
                rows = self._db.execute(
                    f"SELECT text_hash, data FROM {table} "
                    f"WHERE version = ? AND text_hash IN ({marks})",
                    [version, *part],
                ).fetchall()
            except sqlite3.DatabaseError as exc:  # the file itself is damaged
                raise CacheError(f"cannot read the cache in {self.directory}: {exc}") from None
            found.update(rows)
        return found

    def _put(self, table: str, items: Iterable[tuple[str, bytes]], version: str) -> None:
        if self.write_error is not None:
            return
        now = time.time()
        rows = [(key, version, data, now) for key, data in items]
        if not rows:
            return
        try:
            with self._transaction():
                self._db.executemany(
                    f"INSERT OR REPLACE INTO {table} (text_hash, version, data, created) "
                    "VALUES (?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):
                raise  # another run holds the cache past the timeout: not a disk problem
            # A full disk ("database or disk is full"), a read-only folder: what is stored
            # stays (the transaction rolled back), and the run goes on without the cache.
            self.write_error = str(exc)
            warnings.warn(
                f"cannot write to the cache in {self.directory} ({exc}): going on without "
                "storing results",
                CacheWriteWarning,
                stacklevel=2,
            )

    def get_results(self, hashes: Iterable[str], version: str) -> dict[str, ArticleAnalysis]:
        """Stored analyses by raw-text hash; an entry that no longer loads is a miss."""
        results = {}
        for key, data in self._get("results", hashes, version).items():
            try:
                results[key] = pickle.loads(zlib.decompress(data))
            except Exception:  # noqa: BLE001 - a class changed shape: compute it again
                continue
        return results

    def put_results(self, analyses: Iterable[tuple[str, ArticleAnalysis]], version: str) -> None:
        """Store (raw-text hash, analysis) pairs in one transaction, without article or Doc."""
        self._put(
            "results",
            (
                (
                    key,
                    zlib.compress(
                        pickle.dumps(storable(analysis), PICKLE_PROTOCOL), COMPRESSION_LEVEL
                    ),
                )
                for key, analysis in analyses
            ),
            version,
        )

    def get_parses(self, hashes: Iterable[str], version: str) -> dict[str, bytes]:
        """Stored parses (``docs_to_bytes`` of one Doc) by cleaned-text hash."""
        return self._get("parses", hashes, version)

    def put_parses(self, parses: Iterable[tuple[str, bytes]], version: str) -> None:
        """Store (cleaned-text hash, parse bytes) pairs in one transaction."""
        self._put("parses", parses, version)

    # -- maintenance --------------------------------------------------------------------

    def info(self) -> CacheInfo:
        tables = {}
        for table in _TABLES:
            rows = self._db.execute(
                f"SELECT version, COUNT(*), SUM(LENGTH(data)), MIN(created), MAX(created) "
                f"FROM {table} GROUP BY version ORDER BY MAX(created) DESC"
            )
            tables[table] = [
                VersionEntries(version, count, size or 0, _timestamp(oldest), _timestamp(newest))
                for version, count, size, oldest, newest in rows
            ]
        size = sum(p.stat().st_size for p in self.directory.iterdir() if p.is_file())
        return CacheInfo(self.directory, size, tables["parses"], tables["results"])

    def clear(
        self, *, keep_parse_version: str | None = None, keep_result_version: str | None = None
    ) -> Cleared:
        """Remove every entry, or (given versions to keep) every entry of another version.

        The file is compacted afterwards, so the space is given back to the disk.
        """
        removed = {}
        with self._transaction():
            for table, keep in (("parses", keep_parse_version), ("results", keep_result_version)):
                if keep is None:
                    cursor = self._db.execute(f"DELETE FROM {table}")
                else:
                    cursor = self._db.execute(f"DELETE FROM {table} WHERE version != ?", [keep])
                removed[table] = cursor.rowcount
        self._db.execute("VACUUM")
        # Fold the write-ahead log back into the file, so the size on disk drops now.
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Cleared(removed["parses"], removed["results"])


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any exception (even Ctrl-C)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        # IMMEDIATE takes the write lock up front: two runs sharing a cache wait for each
        # other (up to the connection timeout) instead of failing half-way.
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, traceback):
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _timestamp(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def _mark_as_cache(directory: Path) -> None:
    # Like pytest's .pytest_cache: git ignores the folder, backup tools skip it.
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# created by framing: a cache of parses and results\n*\n")
    tag = directory / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This folder is a cache made by framing; see https://bford.info/cachedir/\n"
        )


def storable(analysis: ArticleAnalysis) -> ArticleAnalysis:
    """What is stored of an analysis: neither its article (the reader has it) nor its Doc."""
    return dataclasses.replace(analysis, article=_NO_ARTICLE, doc=None)
