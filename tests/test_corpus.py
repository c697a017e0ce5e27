"""Tests for framing.corpus: reading files, folders with manifests, stdin, and bad input."""

from __future__ import annotations

import io

import pytest

from framing.corpus import Article, ReadFailure, decode_article_bytes, read_corpus
from tests.conftest import SEEDS


def test_seeds_folder_reads_manifest_metadata():
    articles = list(read_corpus([SEEDS]))
    assert len(articles) == 5
    assert all(isinstance(a, Article) for a in articles)
    by_id = {a.id: a for a in articles}
    assert by_id["002_68fb978512106583"].outlet == "Breitbart News"
    assert by_id["003_e767feebfdfeb732"].wire == "Reuters"
    assert by_id["004_9a472a8724e17024"].date == "2025-08-22"
    assert all(not a.warnings for a in articles)


@pytest.mark.parametrize(
    "data, text, warned",
    [
        (b"Kim said.", "Kim said.", False),
        (b"\xef\xbb\xbfKim said.", "Kim said.", False),  # UTF-8 byte-order mark dropped
        ("Café “quotes”".encode("cp1252"), "Café “quotes”", True),
        ("Kim said.".encode("utf-16"), "Kim said.", True),
    ],
)
def test_decoding(data, text, warned):
    decoded, warnings = decode_article_bytes(data)
    assert decoded == text
    assert bool(warnings) is warned


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 100, bytes(range(256)) * 4])
def test_binary_is_refused(data):
    with pytest.raises(ValueError, match="binary"):
        decode_article_bytes(data)


def test_bad_files_are_failures_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a_good.txt").write_text("Officials said the talks failed.", encoding="utf-8")
    (tmp_path / "b_binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(200))
    (tmp_path / "c_empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "d_latin1.txt").write_bytes("Le régime a déclaré.".encode("latin-1"))
    items = list(read_corpus([tmp_path, tmp_path / "missing.txt"], outlet="Test Outlet"))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "ReadFailure",
        "Article",
        "Article",
        "ReadFailure",
    ]
    good, binary, empty, latin1, missing = items
    assert good.outlet == "Test Outlet"
    assert "binary" in binary.reason and binary.path.endswith("b_binary.txt")
    assert any("empty" in w for w in empty.warnings)
    assert latin1.text == "Le régime a déclaré." and any("cp1252" in w for w in latin1.warnings)
    assert "no such file" in missing.reason


def test_article_without_metadata_gets_unknown_outlet_and_a_warning(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Text.", encoding="utf-8")
    (article,) = read_corpus([path])
    assert article.outlet == "unknown"
    assert any("no outlet" in w for w in article.warnings)


def test_too_large_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    (failure,) = read_corpus([path], max_bytes=100)
    assert isinstance(failure, ReadFailure) and "too large" in failure.reason


def test_stdin_uses_the_outlet_option():
    (article,) = read_corpus(["-"], outlet="NBC News", stdin=io.BytesIO(b"Kim said."))
    assert article.outlet == "NBC News" and article.text == "Kim said."


def test_malformed_manifest_is_reported_and_files_still_read(tmp_path):
    (tmp_path / "manifest.csv").write_text("name,outlet\nx.txt,NBC\n", encoding="utf-8")
    (tmp_path / "x.txt").write_text("Text.", encoding="utf-8")
    items = list(read_corpus([tmp_path]))
    assert isinstance(items[0], ReadFailure) and "'file' column" in items[0].reason
    assert isinstance(items[1], Article) and items[1].outlet == "unknown"
