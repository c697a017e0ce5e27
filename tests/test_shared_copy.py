"""Shared copy: every passage of 8+ words two articles share, both sides, quote or copy."""

from __future__ import annotations

import pytest

from framing.compare.shared_copy import (
    BOILERPLATE_ARTICLES,
    KIND_COPY,
    KIND_QUOTE,
    shared_copy,
    shared_runs,
)

NINE = "images released by KCNA showed an emotional Kim embracing"  # 9 words
SEVEN = "images released by KCNA showed an emotional"  # 7 words
WIRE = (
    "North Korean leader Kim Jong Un honoured soldiers who died fighting for Russia in the "
    "Kursk region, state media reported on Saturday, in a ceremony attended by the families "
    "of the fallen and senior officials of the ruling party."
)


def _passages(texts, quote_spans=None):
    return [
        (pair.first, pair.second, passage.n_words, passage.first.passage, passage.kind)
        for pair in shared_copy(texts, [f"outlet{i}" for i in range(len(texts))], quote_spans)
        for passage in pair.passages
    ]


@pytest.mark.parametrize(
    "texts, expected",
    [
        # a 9-word run is listed, as written on the first side
        ([f"At the ceremony, {NINE} a soldier.", f"Last week {NINE} his troops."],
         [(0, 1, 9, NINE, KIND_COPY)]),
        # a 7-word run is not: below the threshold
        ([f"At the ceremony, {SEVEN} leader.", f"Last week {SEVEN} man."], []),
        # case, punctuation, line breaks and hyphens do not break a run
        (["the mine-clearing troops of the engineer regiment returned home, Kim said",
          "The mine clearing troops of the\nengineer regiment returned home; others stayed"],
         [(0, 1, 10, "the mine-clearing troops of the engineer regiment returned home",
           KIND_COPY)]),
        # a typo breaks a run in two, each listed when long enough
        (["one two three four five six seven eight soldier nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen", "one two three four five six seven eight solider nine ten "
          "eleven twelve thirteen fourteen fifteen sixteen"],
         [(0, 1, 8, "one two three four five six seven eight", KIND_COPY),
          (0, 1, 8, "nine ten eleven twelve thirteen fourteen fifteen sixteen", KIND_COPY)]),
        # nothing in common, and texts too short to share anything
        ([WIRE, "A completely different story about the weather in Spain this week."], []),
        (["Short.", "Short."], []),
    ],
)  # fmt: skip
def test_shared_passages(texts, expected):
    assert _passages(texts) == expected


def test_a_passage_inside_quote_marks_on_both_sides_is_a_shared_quote():
    line = "the armed villains of the West cannot match this revolutionary army"
    first = f'Kim said: "{line}." Then he left.'
    second = f"Mr Kim added, “{line},” to applause."
    spans = [[(first.index(line), first.index(line) + len(line))],
             [(second.index(line), second.index(line) + len(line))]]  # fmt: skip
    (passage,) = shared_copy([first, second], ["A", "B"], spans)[0].passages
    assert passage.kind == KIND_QUOTE
    assert passage.first.quoted and passage.second.quoted
    # quoted on one side only (the other outlet dropped the marks): copy, not a shared quote
    (passage,) = shared_copy([first, second], ["A", "B"], [spans[0], []])[0].passages
    assert passage.kind == KIND_COPY
    assert passage.first.quoted and not passage.second.quoted


def test_a_passage_gives_both_sides_in_context_with_offsets():
    first = f"Before it all, {NINE} the man. After."
    second = f"Something else here then {NINE} a soldier."
    (pair,) = shared_copy([first, second], ["A", "B"])
    (passage,) = pair.passages
    assert first[passage.first.start : passage.first.end] == NINE
    assert second[passage.second.start : passage.second.end] == NINE
    assert passage.first.before == "Before it all,"
    assert passage.second.after == "a soldier."
    assert (pair.first_group, pair.second_group) == ("A", "B")


def test_identical_texts_are_one_whole_text_passage_and_pairs_with_others():
    other = "An introduction by the second outlet itself. " + WIRE + " And more of its own."
    pairs = shared_copy([WIRE, WIRE, other], ["Reuters", "Reuters copy", "TRT"])
    identical = [p for p in pairs if p.identical]
    assert [(p.first, p.second, p.share) for p in identical] == [(0, 1, 1.0)]
    assert identical[0].passages[0].n_words == len(WIRE.replace(",", " ").split())
    # the longer article's passage is found against both copies of the wire text
    assert sorted((p.first, p.second) for p in pairs if not p.identical) == [(0, 2), (1, 2)]
    assert all(p.share == 1.0 for p in pairs)  # the shorter article is inside the longer


def test_boilerplate_in_many_articles_is_left_out():
    boiler = "sign up for our newsletter to get the news every morning"
    texts = [f"Story {i} alone with word{i} and more word{i}. {boiler}"
             for i in range(BOILERPLATE_ARTICLES + 1)]  # fmt: skip
    assert shared_copy(texts, ["x"] * len(texts)) == []
    assert len(shared_copy(texts[:3], ["x"] * 3)) == 3  # in three articles it is shared


def test_runs_are_checked_word_by_word():
    runs, words = shared_runs([f"a b {NINE} c", f"d {NINE} e f"])
    (run,) = runs
    assert (run.first_at, run.second_at, run.n_words) == (2, 1, 9)
    assert len(words) == 2


# --- the seeds: the runs a reader sees between The Moscow Times (001) and TRT World (003) ----

SEEN_001_003 = [
    # read in both texts; 001 writes "solider", which breaks the fourth sentence in two
    "kneeling before a portrait of a fallen soldier to pay his respects",
    "medals and flowers beside images of the dead",
    "images released by KCNA showed an emotional Kim embracing a returned",
    "who appeared overwhelmed, burying his face in the leader's chest",
]


def test_seeds_001_and_003_share_the_four_runs_a_reader_sees():
    from tests.conftest import SEEDS

    texts = [next(SEEDS.glob(f"{n}_*.txt")).read_text(encoding="utf-8") for n in ("001", "003")]
    (pair,) = shared_copy(texts, ["The Moscow Times", "TRT World"])
    found = sorted(" ".join(p.second.passage.split()) for p in pair.passages)
    assert found == sorted(SEEN_001_003)
    assert [p.n_words for p in pair.passages] == [12, 8, 11, 10]  # in 001's order
    assert all(p.kind == KIND_COPY for p in pair.passages)  # narration on both sides


@pytest.mark.model
def test_seeds_report_lists_shared_quotes_apart_from_copy(seed_analyses):
    from framing.compare.comparison import compare

    pairs = {(p.first_group, p.second_group): p for p in compare(seed_analyses).shared_copy}
    mt_trt = pairs[("The Moscow Times", "TRT World")]
    assert {p.kind for p in mt_trt.passages} == {KIND_COPY}
    # ANI and Breitbart both quote Kim's "armed villains of the West" line: a shared quote
    ani_breitbart = pairs[("ANI", "Breitbart News")]
    villains = [p for p in ani_breitbart.passages if "armed villains" in p.first.passage]
    assert villains and all(p.kind == KIND_QUOTE for p in villains)


# --- the report section: threshold stated, both sides shown, nothing hidden -------------------


def _shared_copy_section(texts, outlets):
    import spacy

    from framing.measure.analyzer import Analyzer
    from framing.read.corpus import Article
    from framing.report import build
    from framing.run.corpus import CorpusResult

    analyzer = Analyzer(spacy.blank("en"))
    pairs = enumerate(zip(texts, outlets, strict=True))
    articles = [Article(f"a{i}", text, outlet=outlet) for i, (text, outlet) in pairs]
    result = CorpusResult(list(analyzer.analyze_articles(articles)), [], "blank", "x")
    _, report = build(result, generated_at="now")
    return next(s for s in report.sections if s.anchor == "shared-copy")


def test_report_section_states_its_threshold_and_shows_both_sides():
    from framing.report.blocks import Paragraph, Table

    section = _shared_copy_section(
        [f"At the ceremony, {NINE} a soldier.", f"Last week {NINE} his troops."], ["A", "B"]
    )
    (threshold, *_) = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert "8 or more words" in threshold and "lowercased" in threshold
    pairs, passages = [b for b in section.blocks if isinstance(b, Table)]
    assert [c.text for c in pairs.rows[0]][1:3] == ["A", "none credited"]
    (row,) = passages.rows
    assert row[1].text == KIND_COPY and row[2].text == "9"
    assert row[3].context == ("At the ceremony,", NINE, "a soldier.")
    assert row[4].context == ("Last week", NINE, "his troops.")


def test_report_section_says_so_when_nothing_is_shared():
    from framing.report.blocks import Paragraph

    section = _shared_copy_section([f"Alpha {SEVEN} one.", f"Beta {SEVEN} two."], ["A", "B"])
    texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert texts[-1] == "No two articles share a run of 8 words or more."
    assert "8 or more words" in texts[0]  # the threshold is stated even then


def test_report_folder_has_every_passage_in_shared_copy_csv(tmp_path):
    import csv

    import spacy

    from framing.measure.analyzer import Analyzer
    from framing.read.corpus import Article
    from framing.report import write_report
    from framing.run.corpus import CorpusResult

    analyzer = Analyzer(spacy.blank("en"))
    articles = [Article("mt", f"At the ceremony, {NINE} a soldier.", outlet="The Moscow Times"),
                Article("trt", f"Last week {NINE} his troops.", outlet="TRT World",
                        wire="Reuters")]  # fmt: skip
    result = CorpusResult(list(analyzer.analyze_articles(articles)), [], "blank", "x")
    write_report(tmp_path, result, generated_at="now")
    with (tmp_path / "shared_copy.csv").open(encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["kind"], row["n_words"]) == (KIND_COPY, "9")
    assert (row["first_outlet"], row["first_wire"]) == ("The Moscow Times", "")
    assert (row["second_outlet"], row["second_wire"]) == ("TRT World", "Reuters")
    assert row["second_passage"] == NINE
    start, end = int(row["second_start"]), int(row["second_end"])
    assert articles[1].text[start:end] == NINE
