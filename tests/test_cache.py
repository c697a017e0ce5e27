"""Tests for framing.run.cache: hits compute nothing, interrupted runs resume, lexicon edits
re-score from stored parses, and the SQLite file stays whole."""

from __future__ import annotations

import dataclasses
import math
import sqlite3

import pytest
import spacy

from framing.measure.analyzer import Analyzer, ArticleAnalysis
from framing.read.corpus import Article
from framing.run.cache import AnalysisCache, CacheError, database_path, text_key
from framing.run.cached_run import cached_analyses, is_cacheable

from .conftest import MINISTER_OVERLAY

TEXTS = [
    f"Story {i}. The minister said the plan would cost {i} million pounds. Critics called "
    f"it a sham in report number {i}."
    for i in range(10)
]
GERMAN = (
    "Die Regierung hat am Montag in Berlin neue Regeln für den Handel beschlossen. Der Minister "
    "sagte, die Maßnahmen seien notwendig, weil die Preise im letzten Jahr stark gestiegen sind "
    "und viele Familien darunter leiden."
)


def make_analyzer(overlays=()) -> Analyzer:
    return Analyzer(spacy.blank("en"), lexicon_overlays=overlays)


def articles(texts, prefix="a") -> list[Article]:
    return [
        Article(id=f"{prefix}{i}", text=t, outlet=f"outlet-{prefix}") for i, t in enumerate(texts)
    ]


class Calls:
    """Counts the texts an analyzer parses and the Docs it annotates."""

    def __init__(self, analyzer: Analyzer, monkeypatch, *, fail_on_parse_call: int | None = None):
        self.parsed: list[str] = []
        self.annotated = 0
        self.parse_calls = 0
        parse, annotate = analyzer.parse, analyzer.annotate

        def counting_parse(texts, batch_size=32):
            self.parse_calls += 1
            if self.parse_calls == fail_on_parse_call:
                raise KeyboardInterrupt  # what Ctrl-C raises, half-way through a run

            def recorded():
                for text in texts:
                    self.parsed.append(text)
                    yield text

            return parse(recorded(), batch_size=batch_size)

        def counting_annotate(docs):
            for doc in annotate(docs):
                self.annotated += 1
                yield doc

        monkeypatch.setattr(analyzer, "parse", counting_parse)
        monkeypatch.setattr(analyzer, "annotate", counting_annotate)


def comparable(analysis: ArticleAnalysis) -> dict:
    """The analysis as plain data, NaN made comparable, without the Doc."""
    data = dataclasses.asdict(dataclasses.replace(analysis, doc=None))
    data["features"] = {k: "nan" if math.isnan(v) else v for k, v in analysis.features.items()}
    return data


@pytest.fixture
def cache(tmp_path):
    with AnalysisCache(tmp_path / "cache") as opened:
        yield opened


@pytest.mark.parametrize(
    "first, second, same",
    [
        ("The minister said.", "The minister said.", True),
        ("The minister said.", "The minister said. ", False),  # cleaning decides, not the key
        ("The minister said.", "the minister said.", False),
        ("", "", True),
        ("odd \ud800 surrogate", "odd \ud800 surrogate", True),  # from JSON: must not raise
    ],
)
def test_text_key(first, second, same):
    assert (text_key(first) == text_key(second)) is same
    assert len(text_key(first)) == 64


def test_uncached_and_cached_runs_give_the_same_analyses(cache):
    analyzer = make_analyzer()
    batch = articles([*TEXTS[:3], "", GERMAN])
    plain = list(analyzer.analyze_articles(batch))
    first = list(cached_analyses(analyzer, batch, cache, batch_size=2))
    second = list(cached_analyses(analyzer, batch, cache, batch_size=2))
    assert [a.status for a in plain] == ["ok", "ok", "ok", "empty", "failed"]
    assert [comparable(a) for a in first] == [comparable(a) for a in plain]
    assert [comparable(a) for a in second] == [comparable(a) for a in plain]


def test_second_run_parses_and_annotates_nothing(cache, monkeypatch):
    analyzer = make_analyzer()
    calls = Calls(analyzer, monkeypatch)
    batch = articles([*TEXTS, "", GERMAN])
    list(cached_analyses(analyzer, batch, cache, batch_size=4))
    assert sorted(calls.parsed) == sorted(a.text for a in batch)  # each text once
    assert calls.annotated == len(batch)
    assert calls.parse_calls == 3  # one per chunk of four
    calls.parsed.clear()
    calls.annotated = calls.parse_calls = 0
    again = list(cached_analyses(analyzer, batch, cache, batch_size=4))
    assert (calls.parsed, calls.annotated, calls.parse_calls) == ([], 0, 0)
    assert [a.status for a in again][-2:] == ["empty", "failed"]  # failures are hits too


def test_a_hit_carries_the_current_article_not_the_one_it_was_computed_for(cache):
    analyzer = make_analyzer()
    list(cached_analyses(analyzer, articles(TEXTS[:3], prefix="old"), cache))
    renamed = [dataclasses.replace(a, warnings=("truncated",)) for a in articles(TEXTS[:3], "new")]
    hits = list(cached_analyses(analyzer, renamed, cache))
    assert [a.article for a in hits] == renamed  # in input order
    assert hits[0].row()["outlet"] == "outlet-new" and hits[0].row()["warnings"] == "truncated"
    stored = sqlite3.connect(database_path(cache.directory)).execute("SELECT data FROM results")
    assert all(b"outlet-old" not in data for (data,) in stored)  # no metadata is stored


def test_the_same_text_twice_is_parsed_once(cache, monkeypatch):
    analyzer = make_analyzer()
    calls = Calls(analyzer, monkeypatch)
    batch = articles([TEXTS[0], TEXTS[1], TEXTS[0], TEXTS[0]])
    results = list(cached_analyses(analyzer, batch, cache, batch_size=8))
    assert calls.parsed == [TEXTS[0], TEXTS[1]]
    assert [a.article.id for a in results] == ["a0", "a1", "a2", "a3"]
    assert results[0].features == results[2].features


def test_texts_that_clean_to_the_same_text_share_a_parse_not_a_result(cache, monkeypatch):
    analyzer = make_analyzer()
    calls = Calls(analyzer, monkeypatch)
    plain = "The minister said the plan was a sham."
    # Cleaning removes the trailing spaces, so the model sees one text; offsets differ.
    spaced = "   The minister said the plan was a sham."
    first, second = cached_analyses(analyzer, articles([plain, spaced]), cache)
    assert len(calls.parsed) == 1
    assert first.sentences[0].start != second.sentences[0].start
    assert second.sentences[0].text == spaced[second.sentences[0].start : second.sentences[0].end]


def test_interrupted_run_keeps_finished_chunks_and_the_next_parses_only_the_rest(
    cache, monkeypatch
):
    analyzer = make_analyzer()
    batch = articles(TEXTS)
    interrupted = Calls(analyzer, monkeypatch, fail_on_parse_call=3)
    with pytest.raises(KeyboardInterrupt):
        list(cached_analyses(analyzer, batch, cache, batch_size=3))
    assert interrupted.parsed == TEXTS[:6]  # two chunks finished before Ctrl-C
    monkeypatch.undo()
    resumed = Calls(analyzer, monkeypatch)
    results = list(cached_analyses(analyzer, batch, cache, batch_size=3))
    assert resumed.parsed == TEXTS[6:]
    assert [a.article.id for a in results] == [a.id for a in batch]
    check = sqlite3.connect(database_path(cache.directory)).execute("PRAGMA integrity_check")
    assert check.fetchone() == ("ok",)


def test_a_consumer_that_stops_early_keeps_what_it_was_given(cache, monkeypatch):
    analyzer = make_analyzer()
    stream = cached_analyses(analyzer, articles(TEXTS), cache, batch_size=4)
    taken = [next(stream) for _ in range(5)]  # a second chunk was computed to give the fifth
    stream.close()
    assert len(taken) == 5
    calls = Calls(analyzer, monkeypatch)
    list(cached_analyses(analyzer, articles(TEXTS), cache, batch_size=4))
    assert calls.parsed == TEXTS[8:]


def test_articles_are_read_a_chunk_at_a_time(cache):
    analyzer = make_analyzer()
    pulled = []

    def source():
        for article in articles(TEXTS):
            pulled.append(article.id)
            yield article

    stream = cached_analyses(analyzer, source(), cache, batch_size=3)
    next(stream)
    assert len(pulled) == 3


def test_lexicon_change_rescores_from_stored_parses(cache, monkeypatch, tmp_path):
    before = make_analyzer()
    batch = articles(TEXTS[:4])
    old = list(cached_analyses(before, batch, cache))
    overlay = tmp_path / "mine"
    overlay.mkdir()
    (overlay / "loaded_terms.yaml").write_text(MINISTER_OVERLAY, encoding="utf-8")
    after = make_analyzer([overlay])
    assert after.parse_version == before.parse_version
    assert after.result_version != before.result_version
    calls = Calls(after, monkeypatch)
    new = list(cached_analyses(after, batch, cache))
    assert calls.parsed == [] and calls.annotated == len(batch)
    assert not any(hit.entry_id == "mine.minister" for a in old for hit in a.term_hits)
    assert all(any(hit.entry_id == "mine.minister" for hit in a.term_hits) for a in new)
    # Both versions' results are kept: going back to the old lexicons is all hits.
    back = Calls(before, monkeypatch)
    list(cached_analyses(before, batch, cache))
    assert (back.parsed, back.annotated) == ([], 0)


def test_a_failure_of_the_machine_is_not_cached_but_its_parse_is(cache, monkeypatch):
    analyzer = make_analyzer()
    steps = analyzer.nlp.get_pipe("framing").steps

    def out_of_memory(doc):
        if "boom" in doc.text:
            raise MemoryError("no room")
        return doc

    monkeypatch.setattr(analyzer.nlp.get_pipe("framing"), "steps", [out_of_memory, *steps])
    batch = articles(["It went boom, the minister said.", TEXTS[0]])
    first = list(cached_analyses(analyzer, batch, cache))
    assert first[0].status == "failed" and "MemoryError" in first[0].error
    assert first[1].status == "ok"
    calls = Calls(analyzer, monkeypatch)
    again = list(cached_analyses(analyzer, batch, cache))
    assert calls.parsed == [] and calls.annotated == 1  # re-tried from its parse
    assert again[0].status == "failed"


def test_a_text_the_model_fails_on_stores_no_parse(cache, monkeypatch):
    analyzer = make_analyzer()
    original_pipe = analyzer.parser.pipe

    def pipe_that_breaks_on_boom(texts, batch_size=32):
        texts = list(texts)
        if any("boom" in text for text in texts):
            raise ValueError("model broke")
        return original_pipe(texts, batch_size=batch_size)

    monkeypatch.setattr(analyzer.parser, "pipe", pipe_that_breaks_on_boom)
    batch = articles(["It went boom, the minister said.", TEXTS[0]])
    first = list(cached_analyses(analyzer, batch, cache))
    assert [a.status for a in first] == ["failed", "ok"] and "model broke" in first[0].error
    monkeypatch.setattr(analyzer.parser, "pipe", original_pipe)
    # Only the good article's parse is stored: the stand-in Doc of the failure holds no parse,
    # and a later run (after a lexicon edit, say) must parse that text again.
    assert cache.info().n_parses == 1


@pytest.mark.parametrize(
    "status, error, cacheable",
    [
        ("ok", None, True),
        ("empty", None, True),
        ("failed", "framing: ValueError: bad span", True),  # the same text fails again
        ("failed", "detected language: de (1.00, py3langid); the lexicons are for en", True),
        ("failed", "framing: MemoryError: no room", False),
        ("failed", "framing: OSError: disk", False),
    ],
)
def test_is_cacheable(status, error, cacheable):
    analysis = ArticleAnalysis(article=Article("x", "x"), status=status, features={}, error=error)
    assert is_cacheable(analysis) is cacheable


def test_results_and_parses_are_kept_per_version(cache):
    analysis = ArticleAnalysis(article=Article("id", "text"), status="ok", features={"n": 1.0})
    cache.put_results([("k1", analysis)], "v1")
    cache.put_parses([("p1", b"parse")], "pv1")
    assert cache.get_results(["k1", "k2"], "v1")["k1"].features == {"n": 1.0}
    assert cache.get_results(["k1"], "v2") == {}
    assert cache.get_parses(["p1"], "pv1") == {"p1": b"parse"}
    assert cache.get_parses(["p1"], "pv2") == {}


def test_an_entry_that_no_longer_unpickles_is_a_miss(cache):
    with sqlite3.connect(database_path(cache.directory)) as db:
        db.execute("INSERT INTO results VALUES ('k', 'v', ?, 0)", [b"not a pickle"])
    assert cache.get_results(["k"], "v") == {}


def test_info_counts_entries_by_version_and_clear_keeps_current_ones(cache):
    analysis = ArticleAnalysis(article=Article("id", "text"), status="ok", features={})
    cache.put_results([("a", analysis), ("b", analysis)], "old")
    cache.put_results([("a", analysis)], "new")
    cache.put_parses([("a", b"x" * 100)], "parse-old")
    described = cache.info()
    assert (described.n_parses, described.n_results) == (1, 3)
    by_version = {v.version: v for v in described.results}
    assert by_version["old"].entries == 2 and by_version["new"].entries == 1
    assert by_version["old"].oldest <= by_version["old"].newest
    assert described.parses[0].bytes == 100
    assert described.size_bytes > 0

    cleared = cache.clear(keep_parse_version="parse-new", keep_result_version="new")
    assert (cleared.parses, cleared.results) == (1, 2)
    assert [v.version for v in cache.info().results] == ["new"]
    assert cache.clear() == type(cleared)(0, 1)
    assert (cache.info().n_parses, cache.info().n_results) == (0, 0)


def test_the_cache_folder_is_ignored_by_git(cache):
    assert (cache.directory / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cache.directory / "CACHEDIR.TAG").is_file()


def test_opening_without_create_refuses_a_folder_with_no_cache(tmp_path):
    with pytest.raises(CacheError, match="no cache"):
        AnalysisCache(tmp_path / "none", create=False)
    assert not (tmp_path / "none").exists()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    database_path(folder).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(CacheError, match="cannot use the cache"):
        AnalysisCache(folder)


def test_a_cache_of_another_schema_is_emptied(tmp_path):
    folder = tmp_path / "cache"
    with AnalysisCache(folder) as cache:
        cache.put_parses([("p", b"x")], "v")
    with sqlite3.connect(database_path(folder)) as db:
        db.execute("PRAGMA user_version=999")
    with AnalysisCache(folder) as cache:
        assert cache.get_parses(["p"], "v") == {}
        assert cache.info().n_parses == 0


def test_the_database_is_in_wal_mode(cache):
    mode = sqlite3.connect(database_path(cache.directory)).execute("PRAGMA journal_mode")
    assert mode.fetchone() == ("wal",)


def test_results_from_stored_parses_equal_results_from_fresh_ones(cache, monkeypatch):
    analyzer = make_analyzer()
    batch = articles([*TEXTS[:3], 'He said: "It is a sham."\n\nShe disagreed.', GERMAN])
    fresh = list(cached_analyses(analyzer, batch, cache))
    cache.clear(keep_parse_version=analyzer.parse_version, keep_result_version="none")
    calls = Calls(analyzer, monkeypatch)
    from_parses = list(cached_analyses(analyzer, batch, cache))
    assert calls.parsed == [] and calls.annotated == len(batch)
    assert [comparable(a) for a in from_parses] == [comparable(a) for a in fresh]
