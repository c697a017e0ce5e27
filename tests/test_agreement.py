"""Annotator agreement (framing/evaluation/agreement.py) on a tiny brat split of two
annotators, where every matched count is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.evaluation.agreement import (
    agreement_section,
    human_agreement,
    measure_agreement,
    model_agreement,
    multi_annotated,
)

TEXT = "Smith said taxes rose. Jones claimed nothing."
#      0         1         2         3         4
#      0123456789012345678901234567890123456789012345

# Annotator a: one attribution. Annotator b: the same cue and source, content "rose" only (half
# of a's two words: an overlap match, not an exact one), and a second attribution a missed.
ANN_A = "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 21\ttaxes rose\n" \
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
ANN_B = (
    "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 17 21\trose\n"
    "T4\tSource 23 28\tJones\nT5\tCue 29 36\tclaimed\nT6\tContent 37 44\tnothing\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6\n"
)


@pytest.fixture
def split(tmp_path):
    split_dir = tmp_path / "polnear" / "dev"
    (split_dir / "text").mkdir(parents=True)
    (split_dir / "attributions").mkdir()
    (split_dir / "text" / "two.txt").write_text(TEXT)
    (split_dir / "attributions" / "two_a.ann").write_text(ANN_A)
    (split_dir / "attributions" / "two_b.ann").write_text(ANN_B)
    # One annotator only: no agreement to measure, so left out.
    (split_dir / "text" / "one.txt").write_text(TEXT)
    (split_dir / "attributions" / "one_a.ann").write_text(ANN_A)
    return split_dir


def test_only_articles_with_several_files_count(split):
    articles = multi_annotated(split)
    assert [[d.annotation_file.name for d in a] for a in articles] == [["two_a.ann", "two_b.ann"]]


# (role, mode): matched, gold, predicted, summed over both ordered pairs (a vs b, b vs a).
HUMAN = [
    (("cue", "overlap"), (2, 3, 3)),
    (("cue", "exact"), (2, 3, 3)),
    (("source", "exact"), (2, 3, 3)),
    (("content", "overlap"), (2, 3, 3)),
    (("content", "exact"), (0, 3, 3)),  # "taxes rose" against "rose": not the same bounds
]


@pytest.mark.parametrize(("key", "counts"), HUMAN)
def test_human_agreement_counts_every_ordered_pair(split, key, counts):
    tally = human_agreement(multi_annotated(split))[key]
    assert (tally.matched, tally.gold, tally.pred) == counts
    matched, gold, pred = counts
    assert tally.scores().precision == tally.scores().recall == pytest.approx(matched / gold)


def test_model_is_scored_against_each_annotator(split):
    articles = multi_annotated(split)
    # Found: a's attribution exactly; predicted nothing for Jones.
    predicted = [{"cue": [((6, 10),)], "source": [((0, 5),)], "content": [((11, 21),)]}]
    tallies = model_agreement(articles, predicted)
    # Against a: 1 of 1; against b: the cue and source of 2, the content by overlap only.
    assert (tallies["cue", "exact"].matched, tallies["cue", "exact"].gold) == (2, 3)
    assert tallies["cue", "exact"].pred == 2
    assert tallies["content", "overlap"].matched == 2
    assert tallies["content", "exact"].matched == 1
    with pytest.raises(ValueError):  # one prediction list per article, no fewer
        model_agreement(articles, [])


def test_section_without_a_model_shows_humans_only(split):
    results = measure_agreement(split.parent)  # no train folder: dev only
    assert [r.split for r in results] == ["dev"]
    assert results[0].gold_spans == {"cue": 3, "source": 3, "content": 3}
    lines = agreement_section(results)
    # Two annotators: the others' majority is the other annotator, so both columns agree.
    assert "| dev | content | exact | 0.000 | 0.000 | 3 |" in lines
    assert "| dev | cue | overlap | 0.667 | 0.667 | 3 |" in lines
    assert not any("bootstrap" in line for line in lines)  # one article: no interval
    assert agreement_section([]) == []


def _annotator(name: str, cues: list[tuple[int, int]]):
    """A BratDocument marking ``cues`` in TEXT, one attribution each."""
    from framing.evaluation.brat import BratDocument, parse_ann

    lines = []
    for i, (start, end) in enumerate(cues, 1):
        lines += [f"T{i}\tCue {start} {end}\t{TEXT[start:end]}", f"E{i}\tAttribution:T{i} Cue:T{i}"]
    return BratDocument("two", TEXT, Path(name), *parse_ann("\n".join(lines) + "\n"))


SAID, CLAIMED, SMITH_SAID = (6, 10), (29, 36), (0, 10)

# (the annotators' cue spans, the majority's): a span needs more than half of them.
MAJORITY = [
    pytest.param([[SAID], [SAID], [CLAIMED]], [((6, 10),)], id="two of three"),
    pytest.param([[SAID], [CLAIMED]], [], id="one of two is no majority"),
    pytest.param([[SAID, CLAIMED], [SAID, CLAIMED]], [((6, 10),), ((29, 36),)], id="both"),
    pytest.param([[SAID], [], []], [], id="one of three"),
    # "Smith said" and "said" overlap-match (1 of 2 words is 0.5): three support one span,
    # and the bounds two of them chose win.
    pytest.param([[SAID], [SAID], [SMITH_SAID]], [((6, 10),)], id="bounds most chose"),
]


@pytest.mark.parametrize(("marked", "expected"), MAJORITY)
def test_majority_spans(marked, expected):
    from framing.evaluation.agreement import majority_spans

    annotators = [_annotator(f"a{i}.ann", cues) for i, cues in enumerate(marked)]
    assert majority_spans(TEXT, annotators, "cue") == expected


def test_majority_of_one_other_annotator_is_that_annotator(split):
    from framing.evaluation.agreement import majority_agreement, summed

    articles = multi_annotated(split)
    majority = summed(majority_agreement(articles))
    human = human_agreement(articles)
    for key, tally in human.items():
        assert (majority[key].matched, majority[key].gold, majority[key].pred) == (
            tally.matched, tally.gold, tally.pred), key


def test_article_interval_brackets_the_pooled_f1():
    from framing.evaluation.agreement import Tally, article_interval

    articles = [Tally(9, 10, 10), Tally(5, 10, 10), Tally(7, 10, 10), Tally(1, 10, 10)]
    low, high = article_interval(articles)
    assert low < 22 / 40 < high
    assert article_interval(articles) == (low, high)  # seeded: the same every run
    assert article_interval([Tally(3, 4, 4)] * 5) == (0.75, 0.75)


def test_each_annotator_against_the_others_majority(split):
    from framing.evaluation.agreement import by_annotator, majority_by_file

    tallies = by_annotator(majority_by_file(multi_annotated(split)))
    # a marked one cue, b two: each found the shared "said" in the other's file.
    assert {who: (t.matched, t.gold, t.pred) for who, t in tallies.items()} == {
        "a": (1, 1, 2), "b": (1, 2, 1)}
