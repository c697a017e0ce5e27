"""Scare-quote precision and recall (framing/evaluation/scare_quotes.py) and the labelled
sample in tests/gold/scare_quotes/.

The scorer is tested on a tiny synthetic sample whose figures are worked out by hand; the
committed sample is checked for form and against the seed texts (its offset frame); the
figure on the whole sample is computed end to end when the BBC corpus is beside the project
(reported, not held to a target: the detector is being rewritten).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.evaluation.scare_quotes import (
    FRESH,
    FRESH_NAME,
    POLNEAR,
    POLNEAR_NAME,
    VERDICTS,
    LabelledFragment,
    _hit_sample_row,
    flagged_fragments,
    parse_text_options,
    read_sample,
    score_row,
    text_locations,
    wilson_interval,
)
from framing.evaluation.scare_split import HALVES, half_of
from framing.read.corpus import read_corpus

from .conftest import PROJECT_ROOT, SEEDS

SAMPLE_DIR = PROJECT_ROOT / "tests" / "gold" / "scare_quotes"
SAMPLE = SAMPLE_DIR / "sample.jsonl"
FRESH_SAMPLE = SAMPLE_DIR / FRESH_NAME
BBC = PROJECT_ROOT.parent / "shared" / "corpora" / "bbc_news.jsonl"

# --- the scorer, on a synthetic sample ---------------------------------------------------------

TEXT = (
    "Ireland's economic 'miracle' goes on. "  # 0: scare
    "Kim praised the \"heroic\" troops, KCNA said. "  # 1: quoted speech
    "Kraft's \"Sensible Solution\" label is new. "  # 2: a name
    "So much for the 'peace talks' then."  # 3: scare
)


def _fragment(word: str, verdict: str, document: str = "a") -> LabelledFragment:
    start = TEXT.index(word)
    return LabelledFragment("synthetic", document, start, start + len(word), word, verdict)


FRAGMENTS = [
    _fragment("miracle", "scare"),
    _fragment("heroic", "quoted_speech"),
    _fragment("Sensible Solution", "name"),
    _fragment("peace talks", "scare"),
]
DOCUMENT = "synthetic:a"


def _span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.mark.parametrize(
    "hits, flagged, precision, recall, unlabelled",
    [
        # One true scare quote and one quoted word flagged; the other scare quote missed; a
        # hit on an unquoted word matches nothing in the sample and is left out of P.
        ([_span("miracle"), _span("heroic"), _span("troops")], {0, 1}, 1 / 2, 1 / 2, 1),
        # Both scare quotes and nothing else: perfect.
        ([_span("miracle"), _span("peace talks")], {0, 3}, 1.0, 1.0, 0),
        # A hit covering one word of a two-word name overlaps it by half, the threshold, so
        # the name counts as flagged: a false positive.
        ([_span("Sensible")], {2}, 0.0, 0.0, 0),
        # Negative: nothing flagged, so precision is undefined and recall 0.
        ([], set(), math.nan, 0.0, 0),
        # Negative: a hit on the marks' neighbour ("Ireland's economic") is not the fragment.
        ([_span("Ireland's economic")], set(), math.nan, 0.0, 1),
    ],
)
def test_scorer_on_a_synthetic_sample(hits, flagged, precision, recall, unlabelled):
    counts = flagged_fragments(FRAGMENTS, {DOCUMENT: hits}, {DOCUMENT: TEXT})
    assert set(counts.flagged) == flagged
    row = score_row(FRAGMENTS, counts)
    assert row.n_gold == 2  # two fragments labelled scare
    assert row.n_pred == len(flagged)
    if math.isnan(precision):
        assert math.isnan(row.precision)
    else:
        assert row.precision == pytest.approx(precision)
    assert row.recall == pytest.approx(recall)
    assert row.extra["unlabelled_hits"] == unlabelled
    by_verdict = {v: sum(FRAGMENTS[i].verdict == v for i in flagged) for v in VERDICTS}
    assert {v: row.extra[f"flagged_{v}"] for v in VERDICTS} == by_verdict


@pytest.mark.parametrize(
    "verdicts, expected",
    [
        # 1 scare + 1 term of 4 flagged: the writer's distance 1/4, the issue's definition 2/4.
        (["scare", "term", "name", "quoted_speech"], (0.25, 0.5)),
        # Words as words and uncredited quotations are scare quotes by the issue's definition.
        (["mention", "uncredited_quotation", "emphasis", "scare"], (0.25, 1.0)),
        # Negative: a reader's comment is page chrome, wrong under both readings.
        (["reader_comment", "quoted_speech"], (0.0, 0.0)),
        # Negative: nothing but speech and names, both 0.
        (["name", "quoted_speech"], (0.0, 0.0)),
    ],
)
def test_precision_under_the_issues_definition_adds_only_uncredited_non_names(verdicts, expected):
    words = ["miracle", "heroic", "Sensible Solution", "peace talks"][: len(verdicts)]
    fragments = [_fragment(w, v) for w, v in zip(words, verdicts, strict=True)]
    counts = flagged_fragments(fragments, {DOCUMENT: [_span(w) for w in words]},
                               {DOCUMENT: TEXT})
    row = score_row(fragments, counts)
    assert (row.precision, row.extra["precision_issue"]) == pytest.approx(expected)
    assert row.extra["flagged_issue_right"] == round(expected[1] * len(verdicts))
    low, high = row.extra["precision_issue_low"], row.extra["precision_issue_high"]
    assert low - 1e-9 <= row.extra["precision_issue"] <= high + 1e-9  # rounding at p = 1


def test_a_document_without_hits_flags_none_of_its_fragments():
    other = [*FRAGMENTS, _fragment("miracle", "scare", document="b")]
    counts = flagged_fragments(other, {DOCUMENT: [_span("miracle")]}, {DOCUMENT: TEXT})
    assert counts.flagged == {0}  # the same offsets in document b are not flagged
    assert score_row(other, counts).recall == pytest.approx(1 / 3)


def test_rows_per_source_count_only_that_source():
    mixed = [*FRAGMENTS, LabelledFragment("seeds", "x", 0, 7, "Ireland", "scare")]
    counts = flagged_fragments(mixed, {DOCUMENT: [_span("miracle")]}, {DOCUMENT: TEXT})
    synthetic = score_row(mixed, counts, category="synthetic", source="synthetic")
    seeds = score_row(mixed, counts, category="seeds", source="seeds")
    assert (synthetic.n_gold, synthetic.n_pred, synthetic.n_matched) == (2, 1, 1)
    assert (seeds.n_gold, seeds.n_pred, seeds.n_matched) == (1, 0, 0)


def test_rows_per_half_count_only_the_documents_of_that_half():
    mixed = [*FRAGMENTS, _fragment("miracle", "scare", document="b")]
    counts = flagged_fragments(mixed, {DOCUMENT: [_span("miracle")]}, {DOCUMENT: TEXT})
    half = score_row(mixed, counts, category="design", documents=frozenset({"synthetic:b"}))
    assert (half.n_gold, half.n_pred, half.n_matched) == (1, 0, 0)
    whole = score_row(mixed, counts, category="design", documents=None)
    assert (whole.n_gold, whole.n_pred) == (3, 1)


@pytest.mark.parametrize(
    "text, other, same",
    [
        # Whitespace does not move an article to the other half: the corpus repeats articles
        # (politics/141.txt and politics/300.txt), and both copies must land together.
        ("Ireland's economic 'miracle'\n\nis enjoying a second wind.",
         "Ireland's economic 'miracle' is  enjoying a second wind.", True),
    ],
)
def test_an_articles_half_depends_on_its_words_only(text, other, same):
    assert (half_of(text) == half_of(other)) is same
    assert half_of(text) in HALVES


#: The half of each seed article with fragments in the sample (framing.evaluation.scare_split).
SEED_HALVES = {
    "000_e1f794eecbe69765": "held_out", "001_65eaed45549d6fe4": "held_out",
    "002_68fb978512106583": "design", "003_e767feebfdfeb732": "held_out",
    "004_9a472a8724e17024": "design",
}


def test_the_split_of_the_committed_sample_is_fixed(sample_rows):
    """The seeds' halves pin the hash: a changed rule would move them."""
    articles = {row["article"] for row in sample_rows if row["source"] == "seeds"}
    seeds = {
        article: half_of(next(iter(read_corpus([SEEDS / f"{article}.txt"]))).text)
        for article in articles
    }
    assert seeds == SEED_HALVES


@pytest.mark.parametrize(
    "successes, n, low, high",
    [(5, 10, 0.2366, 0.7634), (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0)],
)
def test_wilson_interval_matches_published_values(successes, n, low, high):
    assert wilson_interval(successes, n) == pytest.approx((low, high), abs=1e-4)


def test_wilson_interval_of_nothing_is_undefined():
    assert all(math.isnan(x) for x in wilson_interval(0, 0))


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"source": "s", "article": "a", "start": 0, "end": 3, "fragment": "abc", '
         '"verdict": "maybe"}', "verdict 'maybe'"),
        ('{"source": "s", "article": "a", "start": 0, "fragment": "abc", "verdict": "scare"}',
         "not a labelled fragment"),
        ("not json", "not a labelled fragment"),
    ],
)
def test_read_sample_names_the_bad_line(tmp_path, line, message):
    sample = tmp_path / "sample.jsonl"
    good = ('{"source": "s", "article": "a", "start": 0, "end": 3, "fragment": "abc", '
            '"verdict": "name"}')
    sample.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"sample.jsonl:2: {message}"):
        read_sample(sample)


@pytest.mark.parametrize(
    "options, expected",
    [
        (["bbc=corpus.jsonl"], {"bbc": Path("corpus.jsonl")}),
        (["a=x", "b=y/z"], {"a": Path("x"), "b": Path("y/z")}),
    ],
)
def test_parse_text_options(options, expected):
    assert parse_text_options(options) == expected


@pytest.mark.parametrize("option", ["bbc", "=x", "bbc="])
def test_parse_text_options_refuses_a_pair_without_both_sides(option):
    with pytest.raises(ValueError, match="NAME=PATH"):
        parse_text_options([option])


# --- the committed sample ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_rows():
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def test_sample_rows_are_complete_and_each_fragment_sits_in_its_sentence(sample_rows):
    assert len(sample_rows) >= 300
    for row in sample_rows:
        assert row["verdict"] in VERDICTS
        # Obvious verdicts may go without a reason; every other one gives its reason.
        assert row["verdict"] == "quoted_speech" or row["reason"], row
        # The sentence holds the fragment's first character; a fragment may run on past it
        # ("No. Definitely not." is two sentences to the splitter).
        start = row["start"] - row["sentence_start"]
        in_sentence = row["sentence"][start : start + len(row["fragment"])]
        assert in_sentence and row["fragment"].startswith(in_sentence), row
        assert 1 <= len(row["fragment"].split()) <= 6 or row["flagged_at_collection"]


def test_every_bbc_article_of_the_sample_is_among_those_drawn(sample_rows):
    drawn = (SAMPLE_DIR / "drawn_articles.txt").read_text(encoding="utf-8").split()
    assert len(drawn) == len(set(drawn))  # a later stage never draws an article again
    bbc = {row["article"] for row in sample_rows if row["source"] == "bbc_news"}
    assert bbc <= set(drawn)
    assert len(bbc) < len(drawn)  # many articles drawn hold no short quoted fragment


def test_sample_offsets_count_into_the_seed_texts_as_framing_reads_them(sample_rows):
    texts = {article.id: article.text for article in read_corpus([SEEDS])}
    seed_rows = [row for row in sample_rows if row["source"] == "seeds"]
    assert len(seed_rows) >= 15  # every short quoted fragment of the five seeds
    for row in seed_rows:
        assert texts[row["article"]][row["start"] : row["end"]] == row["fragment"]


@pytest.mark.parametrize(
    "article, fragment, verdict",
    [
        # Read by hand: Kim's word in a sentence ending "state media said" (issue #12's
        # example of a quoted fragment wrongly counted as the outlet's scare quote).
        ("003_e767feebfdfeb732", "martyrs", "quoted_speech"),
        # Breitbart's own distance: "despite alleged ongoing 'peace talks'", no source.
        ("002_68fb978512106583", "peace talks", "scare"),
        # An award's name (issue #12: "'DPRK Hero' is counted as a scare quote").
        ("000_e1f794eecbe69765", "DPRK Hero", "name"),
        # "Ireland's economic 'miracle' is enjoying a second wind": no one credited.
        ("business/031.txt", "miracle", "scare"),
    ],
)
def test_sample_verdicts_of_sentences_read_by_hand(sample_rows, article, fragment, verdict):
    (row,) = [r for r in sample_rows if r["article"] == article and r["fragment"] == fragment]
    assert row["verdict"] == verdict


@pytest.mark.parametrize(
    "hits, n_pred, precision, issue",
    [
        # A sample of hits: precision only, recall undefined whatever was flagged.
        ([_span("miracle"), _span("heroic")], 2, 0.5, 0.5),
        ([_span("Sensible Solution")], 1, 0.0, 0.0),
        # Negative: a hit no longer made leaves the row empty, not wrong.
        ([], 0, math.nan, math.nan),
    ],
)
def test_a_sample_of_hits_has_precision_only(hits, n_pred, precision, issue):
    counts = flagged_fragments(FRAGMENTS, {DOCUMENT: hits}, {DOCUMENT: TEXT})
    row = score_row(FRAGMENTS, counts, category=FRESH, with_recall=False)
    assert row.n_gold is None and math.isnan(row.recall)
    assert row.n_pred == n_pred
    for got, want in ((row.precision, precision), (row.extra["precision_issue"], issue)):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want)


@pytest.fixture(scope="module")
def fresh_rows():
    return [json.loads(line) for line in FRESH_SAMPLE.read_text(encoding="utf-8").splitlines()]


def test_the_fresh_sample_holds_100_labelled_hits_of_articles_never_drawn(fresh_rows):
    assert len(fresh_rows) >= 100  # issue #12: at least 100 scare-quote hits
    drawn = set((SAMPLE_DIR / "drawn_articles.txt").read_text(encoding="utf-8").split())
    for row in fresh_rows:
        assert row["verdict"] in VERDICTS and row["reason"], row
        assert row["source"] == "bbc_news" and row["article"] not in drawn, row
        assert row["flagged_at_collection"] and row["stage"] == 5
        start = row["start"] - row["sentence_start"]
        assert row["sentence"][start : start + len(row["fragment"])] == row["fragment"], row
    assert len({(r["article"], r["start"]) for r in fresh_rows}) == len(fresh_rows)


def test_the_accuracy_section_prints_no_recall_for_a_sample_of_hits():
    from framing.evaluation.accuracy import scare_quote_section
    from framing.evaluation.results import EvaluationResult

    counts = flagged_fragments(FRAGMENTS, {DOCUMENT: [_span("miracle")]}, {DOCUMENT: TEXT})
    result = EvaluationResult(
        "sample.jsonl", "scare-quotes", ("scare-quotes",), 1,
        rows=[score_row(FRAGMENTS, counts, category=FRESH, with_recall=False)],
        model="m", lexicon_version="v",
    )
    (row,) = [line for line in scare_quote_section(result) if line.startswith(f"| {FRESH} |")]
    assert "| n/a |" in row and "of None" not in row


def test_sources_file_points_at_the_seeds_folder():
    locations = text_locations(SAMPLE_DIR / "sources.json")
    assert locations["seeds"] == SEEDS.resolve()
    assert locations["bbc_news"].name == "bbc_news.jsonl"


# --- the figure, end to end --------------------------------------------------------------------


@pytest.mark.gold
@pytest.mark.model
def test_scare_quote_precision_on_the_sample(trained_nlp, capsys):
    if not BBC.is_file():
        pytest.skip(f"BBC corpus not found at {BBC} (it sits in ../shared/ beside the project)")
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", str(SAMPLE_DIR), "--format", "scare-quotes",
                                 "--json", "--texts", f"bbc_news={BBC}"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    rows = {row["category"]: row for row in payload["rows"]}
    overall = rows["all"]
    scare_rows = sum(json.loads(line)["verdict"] == "scare"
                     for line in SAMPLE.read_text(encoding="utf-8").splitlines())
    assert overall["n_gold"] == scare_rows
    assert overall["n_pred"] == sum(overall[f"flagged_{v}"] for v in VERDICTS)
    assert overall["n_gold"] == rows["seeds"]["n_gold"] + rows["bbc_news"]["n_gold"]
    assert overall["n_pred"] == rows["design"]["n_pred"] + rows["held_out"]["n_pred"]
    fresh = rows[FRESH]  # every hit of it was flagged when drawn; rules may since differ
    assert fresh["n_gold"] is None and fresh["n_pred"] <= len(
        FRESH_SAMPLE.read_text(encoding="utf-8").splitlines())
    if overall["n_pred"]:
        assert 0 <= overall["precision"] <= 1
    with capsys.disabled():  # the figure is reported, not held to the issue's 0.80 target
        print(f"\nscare-quote precision {overall['precision']} ({overall['n_matched']} of "
              f"{overall['n_pred']} flagged), recall {overall['recall']} of "
              f"{overall['n_gold']}; unlabelled hits {overall['unlabelled_hits']}")


def test_accuracy_page_section_shows_each_row_with_its_interval():
    from framing.evaluation.accuracy import scare_quote_section
    from framing.evaluation.results import EvaluationResult

    counts = flagged_fragments(FRAGMENTS, {DOCUMENT: [_span("miracle"), _span("heroic")]},
                               {DOCUMENT: TEXT})
    result = EvaluationResult("sample.jsonl", "scare-quotes", ("scare-quotes",), 1,
                              rows=[score_row(FRAGMENTS, counts)], model="m", lexicon_version="v")
    lines = scare_quote_section(result)
    (row,) = [line for line in lines if line.startswith("| all |")]
    low, high = wilson_interval(1, 2)
    # 2 flagged ('miracle' scare, 'heroic' quoted speech): P 1/2 under both readings, R 1 of
    # 2; 1 scare, 0 terms and the like, 1 quoted speech, 0 names, 0 reader comments, 0 stray.
    assert row == (
        f"| all | 2 | 0.500 (1) | {low:.3f}-{high:.3f} | 0.500 (1) | {low:.3f}-{high:.3f} "
        "| 0.500 (1 of 2) | 1 | 0 | 1 | 0 | 0 | 0 |"
    )


# --- the PolNeAR held-out sample ---------------------------------------------------------------

POLNEAR_SAMPLES = (SAMPLE_DIR / POLNEAR_NAME, SAMPLE_DIR / "polnear_first.jsonl")
POLNEAR_TEXTS = PROJECT_ROOT.parent / "shared" / "gold" / "polnear"


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(("path", "size"), list(zip(POLNEAR_SAMPLES, (200, 92), strict=True)))
def test_the_polnear_samples_keep_no_article_text_and_every_row_a_verdict(path, size):
    rows = _rows(path)
    assert len(rows) == size
    assert {r["source"] for r in rows} == {"polnear_train", "polnear_dev"}
    for row in rows:
        assert "sentence" not in row  # PolNeAR's licence is unstated: no text beyond the fragment
        assert row["verdict"] in VERDICTS and row["reason"]
        assert len(row["fragment"]) == row["end"] - row["start"]
        assert isinstance(row["in_content"], bool)
    assert len({(r["article"], r["start"]) for r in rows}) == len(rows)


def test_the_second_polnear_sample_draws_none_of_the_first():
    first, second = (
        {(r["article"], r["start"], r["end"]) for r in _rows(path)} for path in POLNEAR_SAMPLES
    )
    assert not first & second


def test_the_hit_sample_row_is_skipped_with_a_note_without_its_texts(tmp_path):
    sources = tmp_path / "sources.json"
    sources.write_text(json.dumps({"polnear_train": "nowhere", "polnear_dev": "nowhere"}))
    rows, errors, notes = _hit_sample_row(POLNEAR_SAMPLES[0], sources, {}, None, None, 0.5, None)
    assert rows == [] and errors == []
    assert len(notes) == 1 and notes[0].startswith(f"{POLNEAR} skipped")
    # No file, no row and no note.
    missing = tmp_path / "none.jsonl"
    assert _hit_sample_row(missing, sources, {}, None, None, 0.5, None) == ([], [], [])


@pytest.mark.gold
@pytest.mark.parametrize("path", POLNEAR_SAMPLES)
def test_the_polnear_offsets_count_into_polnear_texts(path):
    if not POLNEAR_TEXTS.is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR_TEXTS} (it sits in ../shared/)")
    for row in _rows(path):
        split = row["source"].removeprefix("polnear_")
        text = (POLNEAR_TEXTS / split / "text" / f"{row['article']}.txt").read_text(
            encoding="utf-8")
        assert text[row["start"] : row["end"]] == row["fragment"]
