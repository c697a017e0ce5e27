"""Regression tests for issue #15: one bad input never costs a batch.

Each test pins one failure found by hostile testing (named after it), with a good article
beside the bad input wherever a batch was lost: the good article must always come out. The
commands run on the blank pipeline in --fast mode, so the file runs in seconds; what is
checked is reading, printing and writing, which do not depend on the model.
"""

from __future__ import annotations

import errno
import io
import os
import sqlite3
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.read.corpus import ReadFailure, ReadOptions, decode_article_bytes, read_corpus
from framing.read.formats.front_matter import split_front_matter
from tests.conftest import SEEDS

runner = CliRunner()
GOOD = SEEDS / "002_68fb978512106583.txt"
FAST = ["--model", "blank", "--fast", "--no-cache", "--jobs", "1"]


def _folder_with_good(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(GOOD.read_bytes())
    return corpus


def _score_csv(paths, *extra) -> tuple[int, pd.DataFrame, str]:
    result = runner.invoke(app, ["score", *map(str, paths), *FAST, "--format", "csv", *extra])
    assert "Traceback" not in result.output, result.output
    table = pd.read_csv(io.StringIO(result.stdout)) if result.stdout.strip() else pd.DataFrame()
    return result.exit_code, table, result.stderr


# --- crashes that lost the whole batch


@pytest.mark.parametrize(
    "name, content, expect_exit",
    [
        # 1.2 MB of text: within the reader's 2,000,000-byte limit, over spaCy's 1,000,000.
        ("big.txt", ("word " * 10 + "\n") * 24_000, 0),
        ("date.md", "---\noutlet: X\ndate: 2025-02-30\n---\nThe minister spoke.\n", 0),
        ("deep.md", "---\noutlet: " + "[" * 20_000 + "\n---\nThe minister spoke.\n", 0),
        ("deep.jsonl", '{"text": ' + "[" * 100_000 + "}\n", 1),
        ("bad_tag.md", "---\ndate: !!float abc\n---\nThe minister spoke.\n", 0),
    ],
)
def test_one_bad_file_beside_a_good_one_loses_nothing(tmp_path, name, content, expect_exit):
    corpus = _folder_with_good(tmp_path)
    (corpus / name).write_text(content, encoding="utf-8")
    code, table, stderr = _score_csv([corpus])
    assert code == expect_exit, stderr
    assert "good" in set(table["article_id"])
    assert len(stderr.splitlines()) <= 4  # one line per warning or failure, no traceback


@pytest.mark.parametrize("symbol", ["[", "😀", '"', "$"])
def test_a_long_run_of_symbols_is_tokenized_in_linear_time(symbol, blank_nlp):
    """spaCy's tokenizer is quadratic in such a run: 20,000 took about 100 s before."""
    import time

    from framing.read.cleaning import MAX_SYMBOL_RUN, clean_text

    text = "The minister spoke. " + symbol * 20_000 + " Officials said so."
    start = time.process_time()
    clean = clean_text(text)
    blank_nlp.make_doc(clean.text)
    runs = clean.text.split()[3:-3]
    assert {len(run) for run in runs} == {MAX_SYMBOL_RUN} and len(runs) == 200
    assert clean.text.startswith("The minister spoke. ") and clean.text.endswith("said so.")
    assert clean.to_original(clean.text.index("Officials")) == text.index("Officials")
    assert time.process_time() - start < 5


@pytest.mark.parametrize("text", ["-" * 80, "Dashes: " + "=" * 100, "a[" * 500, "x" * 5000])
def test_shorter_runs_and_words_are_left_alone(text):
    from framing.read.cleaning import clean_text

    assert clean_text(text).text == text


def test_impossible_front_matter_date_is_kept_as_written():
    metadata, body, warnings = split_front_matter("---\ndate: 2025-02-30\n---\nText.\n")
    assert metadata == {"date": "2025-02-30"} and body == "Text.\n" and warnings == []
    metadata, _, _ = split_front_matter("---\ndate: 2025-02-28\n---\nText.\n")
    assert metadata == {"date": "2025-02-28"}  # a real date reads as before


def test_deep_nesting_in_front_matter_is_ignored_with_a_warning():
    metadata, body, warnings = split_front_matter("---\na: " + "[" * 20_000 + "\n---\nText.\n")
    assert (metadata, body) == ({}, "Text.\n") and "nested too deep" in warnings[0]


def test_jsonl_row_nested_too_deep_fails_that_row_by_line(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "fine", "id": "a"}\n{"text": ' + "[" * 100_000 + "}\n")
    items = list(read_corpus([path]))
    assert [type(item).__name__ for item in items] == ["Article", "ReadFailure"]
    assert items[1].path.endswith("rows.jsonl:2") and "nested too deep" in items[1].reason


# --- names are printed as text


@pytest.mark.parametrize(
    "file_name, shown_as",
    [
        ("brk[bold]x.txt", "brk[bold]x.txt"),
        ("esc\x1b[31mred.txt", "esc\\x1b[31mred.txt"),
        ("rtl\u202eexe.txt", "rtl\\u202eexe.txt"),
    ],
)
def test_file_names_are_shown_as_written_with_control_characters_visible(
    tmp_path, file_name, shown_as
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / file_name).write_text("The minister spoke.", encoding="utf-8")
    result = runner.invoke(app, ["score", str(corpus), *FAST])
    assert result.exit_code == 0, result.output
    assert shown_as in result.stderr  # the no-outlet warning names the file
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def test_markup_in_a_jsonl_key_and_an_outlet_is_printed_not_obeyed(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"[/x]": 1}\n{"text": "The minister spoke.", "outlet": "[/x]"}\n')
    result = runner.invoke(app, ["score", str(path), *FAST])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "found: [/x]" in result.stderr
    assert "[/x]" in result.stdout  # the outlet column of the table


def test_markup_in_an_outlet_name_does_not_break_the_report(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(
        '{"text": "The minister said the talks failed.", "outlet": "[/x]"}\n'
        '{"text": "Officials said the talks went well.", "outlet": "[bold]B"}\n'
        '{"[/x]": "a row with no text"}\n'
    )
    result = runner.invoke(app, ["report", str(path), "--out", str(tmp_path / "r"), *FAST])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "rows.jsonl:3: no 'text' field (found: [/x])" in result.stderr
    assert set(pd.read_csv(tmp_path / "r" / "articles.csv")["outlet"]) == {"[/x]", "[bold]B"}


# --- hangs and blow-ups


CATASTROPHIC_OVERLAY = """\
lexicon: loaded_terms
lang: en
categories:
  emotional_intensifier: Words that heighten emotion.
entries:
  - id: mine.fine
    term: dreadful
    category: emotional_intensifier
    note: a plain entry
  - id: mine.catastrophic
    pattern: [{TEXT: {REGEX: "^(a+)+$"}}]
    category: emotional_intensifier
    note: nested quantifiers
"""


def test_catastrophic_regex_is_refused_by_validate_naming_the_entry(tmp_path):
    (tmp_path / "loaded_terms.yaml").write_text(CATASTROPHIC_OVERLAY)
    result = runner.invoke(app, ["lexicon", "validate", str(tmp_path), "--no-examples"])
    assert result.exit_code == 1
    assert "loaded_terms.yaml:10" in result.stdout and "mine.catastrophic" in result.stdout
    assert "exponential" in result.stdout


def test_catastrophic_regex_stops_score_at_once_instead_of_hanging(tmp_path):
    (tmp_path / "loaded_terms.yaml").write_text(CATASTROPHIC_OVERLAY)
    article = tmp_path / "a.txt"
    article.write_text("a" * 32 + "b is what the token says.")
    result = runner.invoke(app, ["score", str(article), "--lexicons", str(tmp_path), *FAST])
    assert result.exit_code == 2 and "exponential" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "expression, refused",
    [
        ("^(a+)+$", True),
        (r"(\w*\s?)*", True),
        ("((ab)+)+", True),
        ("(a{1,3})+", True),
        ("[", True),  # does not compile
        ("^[A-Z][a-z]+$", False),
        ("(ab|cd)+", False),
        ("x{2}(y{3})*", False),  # fixed counts inside do not multiply the ways to match
        ("(?>a+)+", False),  # atomic: no backtracking into the group
        ("(a++)+", False),  # possessive
    ],
)
def test_regex_problem(expression, refused):
    from framing.lexicon.regex_check import regex_problem

    assert (regex_problem(expression) is not None) == refused


class _Endless(io.RawIOBase):
    """A stream like /dev/zero: every read is full."""

    def readable(self):
        return True

    def readinto(self, buffer):
        buffer[:] = b"\0" * len(buffer)
        return len(buffer)


@pytest.mark.parametrize("oversize", ["refuse", "truncate"])
def test_stdin_stops_at_the_size_limit(oversize):
    options = ReadOptions(max_bytes=1000, oversize=oversize)
    (item,) = read_corpus(["-"], options=options, stdin=io.BufferedReader(_Endless()))
    assert isinstance(item, ReadFailure)  # zeros are binary; what matters is that it ends


def test_jsonl_on_stdin_past_the_limit_is_read_line_by_line_within_it():
    first = b'{"text": "Officials said so.", "id": "first"}\n'
    long_rows = (b'{"text": "' + b"x" * 3000 + b'"}\n') * 5
    last = b'{"text": "The minister said so.", "id": "last"}\n'
    stream = io.BytesIO(first + long_rows + last)
    items = list(read_corpus(["-"], options=ReadOptions(max_bytes=200), stdin=stream))
    assert [getattr(item, "id", None) for item in items] == ["first", *[None] * 5, "last"]
    assert all("too large" in item.reason for item in items[1:6])


# --- data safety


def test_interrupted_report_is_never_called_up_to_date(tmp_path, monkeypatch):
    from framing import report as report_module

    a, b, out = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "out"
    a.write_text('{"text": "The minister said the talks failed.", "outlet": "A1"}\n')
    b.write_text('{"text": "Officials said the talks went well.", "outlet": "B1"}\n')
    args = ["--out", str(out), *FAST]
    assert runner.invoke(app, ["report", str(a), *args]).exit_code == 0

    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt  # after report.html and report.md of B are in place

    monkeypatch.setattr(report_module, "write_parquet", killed)
    assert runner.invoke(app, ["report", str(b), *args]).exit_code != 0
    monkeypatch.undo()
    assert "B1" in (out / "report.html").read_text()  # interrupted half-way, as in the issue
    assert not (out / ".report-inputs").exists()
    again = runner.invoke(app, ["report", str(a), *args])
    assert again.exit_code == 0 and "up to date" not in again.stderr
    assert "B1" not in (out / "report.html").read_text()


def test_report_folder_keeps_no_group_table_of_an_earlier_run(tmp_path):
    a, b, out = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "out"
    a.write_text('{"text": "The minister said so.", "outlet": "Alpha"}\n')
    b.write_text('{"text": "The minister said so.", "outlet": "Beta"}\n')
    for corpus in (a, b):
        assert runner.invoke(app, ["report", str(corpus), "--out", str(out), *FAST]).exit_code == 0
    assert sorted(p.name for p in (out / "by_outlet").iterdir()) == ["Beta.csv"]


FORMULA_ROW = (
    '{"text": "The minister said so.", "outlet": "=HYPERLINK(\\"http://x\\")", '
    '"title": "@SUM(A1)", "author": "-2+3", "story": "+cmd", "id": "x1"}\n'
)


@pytest.mark.parametrize("csv_raw", [False, True])
def test_csv_cells_are_guarded_against_formulas_unless_raw(tmp_path, csv_raw):
    corpus, out = tmp_path / "rows.jsonl", tmp_path / "out"
    corpus.write_text(FORMULA_ROW)
    extra = ["--csv-raw"] if csv_raw else []
    code, streamed, _ = _score_csv([corpus], "--out", str(out), *extra)
    assert code == 0
    mark = "" if csv_raw else "'"
    for table in (pd.read_csv(out / "articles.csv"), streamed):
        row = table.iloc[0]
        assert row["outlet"] == mark + '=HYPERLINK("http://x")'
        assert (row["title"], row["author"], row["story"]) == (
            mark + "@SUM(A1)",
            mark + "-2+3",
            mark + "+cmd",
        )
        assert row["text_n_words"] == 4  # numbers stay numbers
    parquet = pd.read_parquet(out / "articles.parquet").iloc[0]
    assert parquet["title"] == "@SUM(A1)"  # Parquet is always raw


@pytest.mark.parametrize(
    "value, guarded",
    [
        ("=1+2", "'=1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+33 6 12", "'+33 6 12"),
        ("- a bullet", "'- a bullet"),
        ("\tcmd", "'\tcmd"),
        ("-3.5", "-3.5"),  # a number written as text is still a number
        ("+1e5", "+1e5"),
        ("plain", "plain"),
        (-3.0, -3.0),
        (None, None),
    ],
)
def test_guard_cell(value, guarded):
    from framing.common.write import guard_cell

    assert guard_cell(value) == guarded


def test_unterminated_quote_in_a_csv_corpus_fails_at_its_line(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text('id,text\n1,fine article\n2,"opens and never closes\n3,next row\n')
    items = list(read_corpus([path]))
    assert [getattr(item, "id", None) for item in items] == ["1", None]
    assert items[1].path.endswith("corpus.csv:3") and "quote" in items[1].reason


def test_full_disk_under_out_is_one_error_line_and_exit_2(tmp_path, monkeypatch):
    from framing.report import tables
    def full(path, *_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(tables, "write_parquet", full)
    out = tmp_path / "out"
    result = runner.invoke(app, ["score", str(GOOD), *FAST, "--out", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    (line,) = [line for line in result.stderr.splitlines() if "error" in line]
    assert "articles.parquet: cannot write: No space left on device" in line


def test_full_disk_under_the_cache_warns_once_and_the_run_goes_on(tmp_path, monkeypatch):
    from framing.run import cache as cache_module
    def full(self):
        raise sqlite3.OperationalError("database or disk is full")

    cache_module.AnalysisCache(tmp_path / "cache").close()  # made before the disk fills
    monkeypatch.setattr(cache_module._Transaction, "__enter__", full)
    corpus = _folder_with_good(tmp_path)
    (corpus / "other.txt").write_text("The minister said the talks failed.")
    args = ["score", str(corpus), "--model", "blank", "--fast", "--jobs", "1"]
    result = runner.invoke(app, [*args, "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "cannot write to the cache" in line]
    assert len(warnings) == 1 and "database or disk is full" in warnings[0]
    assert "good" in result.stdout and "other" in result.stdout


def test_damaged_cache_entries_are_computed_again(tmp_path):
    cache_dir = tmp_path / "cache"
    args = ["score", str(GOOD), "--model", "blank", "--format", "csv", "--jobs", "1"]
    args += ["--cache-dir", str(cache_dir)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0
    with sqlite3.connect(cache_dir / "cache.sqlite3") as db:
        damaged = "UPDATE parses SET data = CAST(data || x'c0ffee' AS BLOB)"
        assert db.execute(damaged).rowcount == 1
        db.execute("UPDATE results SET data = x'00'")
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout


def test_cache_clear_removes_a_cache_too_damaged_to_open(tmp_path):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / "cache.sqlite3").write_bytes(b"not a database at all" * 100)
    result = runner.invoke(app, ["cache", "clear", "--cache-dir", str(cache_dir)])
    assert result.exit_code == 0, result.output
    assert not (cache_dir / "cache.sqlite3").exists()


def test_leftover_temporaries_of_a_killed_run_are_removed_on_the_next_write(tmp_path):
    from framing.common.write import write_text

    dead = tmp_path / ".a.txt.999999999-x1.tmp"  # no such process
    old_style = tmp_path / ".a.txt.ab12cd.tmp"  # written before temporaries named a process
    live = tmp_path / f".a.txt.{os.getppid()}-x2.tmp"  # a concurrent run's, still writing
    other = tmp_path / ".b.txt.999999999-x3.tmp"  # another file's: left to its own next write
    for path in (dead, old_style, live, other):
        path.write_text("half")
    write_text(tmp_path / "a.txt", "whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.txt", live.name, other.name])


def test_out_naming_an_existing_file_is_one_error_line(tmp_path):
    out = tmp_path / "taken"
    out.write_text("not a folder")
    for command in (["score", str(GOOD)], ["report", str(GOOD)]):
        result = runner.invoke(app, [*command, *FAST, "--out", str(out)])
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert "is a file, not a folder" in result.stderr


# --- smaller


TEXT = "Le régime a déclaré « non ».\nOfficials said so."


@pytest.mark.parametrize(
    "data, text, warning",
    [
        (TEXT.encode("utf-16-le"), TEXT, "UTF-16-LE (no byte-order mark)"),
        (TEXT.encode("utf-16-be"), TEXT, "UTF-16-BE (no byte-order mark)"),
        (TEXT.encode("utf-16"), TEXT, "UTF-16 (byte-order mark)"),
        (
            "“Régime”\n".encode("cp1252") + "Café “crème”".encode(),
            "“Régime”\nCafé “crème”",
            "1 line(s) decoded as cp1252 (line 1), the rest as UTF-8",
        ),
        ("“Régime”".encode("cp1252"), "“Régime”", "decoded as cp1252"),
        (TEXT.encode(), TEXT, None),
    ],
)
def test_decoding(data, text, warning):
    decoded, warnings = decode_article_bytes(data)
    assert decoded == text
    assert (warning in warnings[0]) if warning else warnings == []


def test_sixteen_bit_numbers_are_not_taken_for_utf16():
    data = b"".join(n.to_bytes(2, "little") for n in range(200))
    with pytest.raises(ValueError, match="binary"):
        decode_article_bytes(data)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_device_and_symlink_loop_in_a_folder_are_skipped_with_a_warning(tmp_path):
    corpus = _folder_with_good(tmp_path)
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    code, table, stderr = _score_csv([corpus])
    assert code == 0 and list(table["article_id"]) == ["good"]
    for name, why in [("pipe.txt", "a FIFO"), ("zero.txt", "a device"), ("loop.txt", "link")]:
        (line,) = [line for line in stderr.splitlines() if name in line]
        assert line.startswith("warning:") and why in line


def test_non_string_front_matter_is_refused_with_a_warning():
    text = "---\noutlet: !!set {B: null, A: null}\ntitle: [a, b]\nstory: 7\n---\nText.\n"
    metadata, body, warnings = split_front_matter(text)
    assert metadata == {"story": "7"} and body == "Text.\n"
    assert warnings == [
        "front matter field 'outlet' ignored: a set, not text",
        "front matter field 'title' ignored: a list, not text",
    ]


def test_outlet_names_are_one_outlet_whatever_their_unicode_normalisation(tmp_path):
    nfc = unicodedata.normalize("NFC", "Café News")
    nfd = unicodedata.normalize("NFD", "Café News")
    assert nfc != nfd
    path = tmp_path / "rows.jsonl"
    path.write_text(
        f'{{"text": "One said so.", "outlet": "{nfc}"}}\n'
        f'{{"text": "Two said so.", "outlet": "{nfd}"}}\n'
    )
    outlets = {item.outlet for item in read_corpus([path])}
    assert outlets == {nfc}
