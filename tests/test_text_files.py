"""One definition of a file that is not UTF-8 (framing.common.text_files), and the four readers
that use it: each names the file and the line of the first bad byte, with its own hint."""

from __future__ import annotations

import pytest

from framing.common.text_files import NotUtf8Error, decode_utf8, read_utf8


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"Kim said.\n", "Kim said.\n"),
        (b"\xef\xbb\xbfKim said.", "Kim said."),  # the byte-order mark is dropped
        ("caf\u00e9\n".encode(), "caf\u00e9\n"),
        (b"", ""),
    ],
)
def test_utf8_is_decoded(data, text):
    assert decode_utf8(data, "f.txt") == text


@pytest.mark.parametrize(
    ("data", "line", "byte", "offset"),
    [
        (b"\xff\xfeabc", 1, 0xFF, 0),
        (b"one\ntwo\ncaf\xe9\n", 3, 0xE9, 11),
        (b"one\r\ntwo\xe9", 2, 0xE9, 8),
        ("caf\u00e9\n".encode() + b"\x80", 2, 0x80, 6),  # a good accent before the bad byte
    ],
)
def test_not_utf8_names_file_line_and_byte(data, line, byte, offset):
    with pytest.raises(NotUtf8Error) as caught:
        decode_utf8(data, "f.txt")
    assert (caught.value.line, caught.value.byte, caught.value.offset) == (line, byte, offset)
    expected = f"f.txt:{line}: not UTF-8 text (byte {byte:#04x} at offset {offset})"
    assert str(caught.value) == expected


def test_read_utf8_reads_whole_file_and_passes_os_errors(tmp_path):
    path = tmp_path / "words.txt"
    path.write_bytes(b"a\nb\xe9")
    with pytest.raises(NotUtf8Error, match=r"words\.txt:2: "):
        read_utf8(path)
    with pytest.raises(OSError):
        read_utf8(tmp_path / "missing.txt")


def test_every_reader_reports_the_line(tmp_path):
    """Lexicon files, lexicon checks, --prior word lists and --stories files: same wording."""
    from framing.compare.stories import StoryFileError, read_corrections
    from framing.curate.checks import check_file
    from framing.curate.story_words import read_prior
    from framing.lexicon.load import LexiconError, read_lexicon_file

    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"name: x\nentries:\n  - term: caf\xe9\n")
    expected = "bad.yaml:3: not UTF-8 text (byte 0xe9 at offset 30)"
    with pytest.raises(LexiconError) as caught:
        read_lexicon_file(bad)
    assert str(caught.value).endswith(expected)
    problem = check_file(bad).problems[0]
    assert (problem.line, problem.message) == (3, "not UTF-8 text (byte 0xe9 at offset 30)")
    with pytest.raises(ValueError, match=r"bad\.yaml:3: not UTF-8 text .*one word a line"):
        read_prior(bad)
    with pytest.raises(StoryFileError, match=r"bad\.yaml:3: not UTF-8 text .*save the CSV"):
        read_corrections(bad, ["a"])
