"""Write output files atomically: to a temporary file beside the target, then rename.

An interrupted run leaves either the old file or the new one, never half of one. It may leave
the temporary file (``.NAME.PID-XXXX.tmp``) when it is killed outright; the next write of the
same file removes every such leftover whose process is gone.

Every CSV the tool writes goes through :func:`write_csv` (and rows streamed to stdout through
:func:`guard_cells`), which guards text cells against formula injection: a cell that begins
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, as OWASP
recommends, so that a spreadsheet shows it as text instead of running it. ``raw=True``
(``--csv-raw``) writes the values as they are. Parquet and JSON are always raw: no spreadsheet
evaluates them.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from framing.common.lazy import pandas as pd

#: What a spreadsheet takes as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A signed number ("-3", "+1.5e3") is a value, not a formula, and a spreadsheet reads it as
# one: guarding it would turn a number into text.
_SIGNED_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?%?")


def guard_cell(value: Any) -> Any:
    """A text value a spreadsheet would run as a formula, with a leading ``'``; anything
    else unchanged."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _SIGNED_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def guard_cells(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row with each text cell guarded (:func:`guard_cell`)."""
    return {key: guard_cell(value) for key, value in row.items()}


def guarded_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with the text cells guarded; numeric columns are left alone."""
    types = pd.api.types
    text_columns = [
        name
        for name, dtype in frame.dtypes.items()
        if types.is_object_dtype(dtype) or types.is_string_dtype(dtype)
    ]
    if not text_columns:
        return frame
    guarded = frame.copy()
    for name in text_columns:
        guarded[name] = guarded[name].map(guard_cell)
    return guarded


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _process_is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False  # another user's live process
    return False


def remove_leftover_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files an interrupted write of ``path`` left beside it.

    Each temporary names the process writing it, so a leftover of a live run (a concurrent
    one) is kept, and one of a killed run is removed. A temporary without a process id (of an
    older version) is removed too.
    """
    removed = []
    for leftover in Path(path).parent.glob(f".{glob_escape(path.name)}.*.tmp"):
        owner = leftover.name[len(path.name) + 2 :].split("-", 1)[0]
        if owner.isdigit() and (int(owner) == os.getpid() or not _process_is_gone(int(owner))):
            continue
        leftover.unlink(missing_ok=True)
        removed.append(leftover)
    return removed


def glob_escape(name: str) -> str:
    """``name`` as a glob pattern that matches only itself (``[`` in a file name)."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``path`` in one rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftover_temporaries(path)
    handle, tmp_name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent
    )
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        # mkstemp creates the file readable by its owner only; give it the mode a plain
        # open() would have, so reports can be shared and served.
        os.chmod(tmp, 0o666 & ~_current_umask())
        os.replace(tmp, path)
    except OSError as exc:
        # A full disk fails a write() that names no file: say which output it was.
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_text(path: Path, text: str) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_json(path: Path, data: Any) -> Path:
    return write_text(path, json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def write_csv(path: Path, frame: pd.DataFrame, *, raw: bool = False) -> Path:
    """``frame`` as CSV, its text cells guarded against formula injection unless ``raw``."""
    frame = frame if raw else guarded_frame(frame)
    return atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))


def write_parquet(path: Path, frame: pd.DataFrame) -> Path:
    return atomic_write(path, lambda tmp: frame.to_parquet(tmp, index=False))
