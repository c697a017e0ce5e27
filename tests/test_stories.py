"""Story grouping (framing.compare.stories), `framing stories`, and the stories of `framing report`
(--by story, and the stories an outlet report compares within): blank pipeline for the
library, short articles written for the test."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from framing.cli import app
from framing.compare.like_with_like import outlet_report_groups
from framing.compare.stories import (
    StoryFileError,
    group_stories,
    pairwise_scores,
    read_corrections,
)
from framing.measure.analyzer import Analyzer
from framing.read.corpus import Article

runner = CliRunner()

# One event told twice (a dam burst at Lakeford), one unrelated event the same day, and the
# same topic (a dam at Lakeford) a month later: a new event.
DAM_1 = (
    "Dam bursts at Lakeford reservoir",
    "The Lakeford reservoir dam burst on Tuesday night, flooding 400 homes in the valley below. "
    "Engineers said cracks in the dam wall had been reported in March. Rescue boats evacuated "
    "families from the flooded valley villages of Brindle and Oxham.",
)
DAM_2 = (
    "Hundreds of homes flooded after Lakeford dam collapse",
    "About 400 homes were flooded when the dam at Lakeford reservoir collapsed overnight. "
    "Residents of Brindle and Oxham were evacuated by rescue boats. Cracks in the dam wall "
    "had been reported to engineers months ago, a councillor said.",
)
MATCH = (
    "Rovers win the cup final",
    "Rovers beat United 3-1 in the cup final at the national stadium on Tuesday. The striker "
    "scored twice in the second half and the goalkeeper saved a penalty before the trophy was "
    "lifted in front of the travelling fans.",
)
DAM_LATER = (
    "Lakeford dam repair plan unveiled",
    "A plan to rebuild the Lakeford reservoir dam wall was unveiled. Engineers said the repaired "
    "dam would hold the valley's water by spring, and homes in Brindle and Oxham would be "
    "protected by a new flood barrier.",
)


@pytest.fixture(scope="module")
def blank_analyzer():
    return Analyzer(spacy.blank("en"))


def article(article_id, told, date, story=None, outlet="X"):
    title, text = told
    return Article(article_id, text, outlet=outlet, title=title, date=date, story=story)


@pytest.mark.parametrize(
    "articles, together, apart",
    [
        # One event, two outlets, two days apart: one story.
        (
            [("a", DAM_1, "2024-05-07"), ("b", DAM_2, "2024-05-08")],
            [("a", "b")],
            [],
        ),
        # The same topic a month later is another event.
        (
            [
                ("a", DAM_1, "2024-05-07"),
                ("b", DAM_2, "2024-05-08"),
                ("c", DAM_LATER, "2024-06-10"),
            ],
            [("a", "b")],
            [("a", "c"), ("b", "c")],
        ),
        # Another event on the same day is another story.
        (
            [("a", DAM_1, "2024-05-07"), ("b", DAM_2, "2024-05-07"), ("m", MATCH, "2024-05-07")],
            [("a", "b")],
            [("a", "m"), ("b", "m")],
        ),
        # The same event told twice, but 40 days apart: outside the window.
        (
            [("a", DAM_1, "2024-05-07"), ("b", DAM_2, "2024-06-16")],
            [],
            [("a", "b")],
        ),
    ],
)
def test_grouping_by_content_within_the_date_window(blank_analyzer, articles, together, apart):
    analyses = list(
        blank_analyzer.analyze_articles([article(i, told, d) for i, told, d in articles])
    )
    story = dict(
        zip([a.article.id for a in analyses], group_stories(analyses).story_of, strict=True)
    )
    for first, second in together:
        assert story[first] is not None and story[first] == story[second]
    for first, second in apart:
        assert story[first] is None or story[first] != story[second]


def test_a_story_is_labelled_by_top_terms_and_its_earliest_headline(blank_analyzer):
    analyses = list(blank_analyzer.analyze_articles([
        article("late", DAM_2, "2024-05-08"), article("early", DAM_1, "2024-05-07"),
    ]))  # fmt: skip
    (story,) = group_stories(analyses).stories.values()
    assert story.headline == "Dam bursts at Lakeford reservoir"  # the earlier one's title
    assert story.articles == (1, 0)  # earliest first
    assert "dam" in story.terms and story.origin == "automatic"
    assert story.name.startswith("S1: ")


@pytest.mark.parametrize(
    "labels, corrections, expected",
    [
        # No labels: one automatic story.
        ((None, None, None), None, ("auto", "auto", None)),
        # A metadata label wins, and the article clustered with it takes it.
        (("Lakeford dam", None, None), None, ("Lakeford dam", "Lakeford dam", None)),
        # Two labels in the metadata: each article keeps its own.
        (("burst", "flood", None), None, ("burst", "flood", None)),
        # A correction wins over the grouping and over the metadata.
        (
            ("Lakeford dam", None, None),
            {"b": "other", "m": "cup"},
            ("Lakeford dam", "other", "cup"),
        ),
        # An empty story in the corrections takes the article out of any story.
        ((None, None, None), {"a": None}, (None, "auto", None)),
    ],
)
def test_metadata_labels_and_corrections_win(blank_analyzer, labels, corrections, expected):
    told = [("a", DAM_1), ("b", DAM_2), ("m", MATCH)]
    analyses = list(blank_analyzer.analyze_articles([
        article(i, t, "2024-05-07", story=label) for (i, t), label in zip(told, labels, strict=True)
    ]))  # fmt: skip
    story_of = group_stories(analyses, corrections=corrections).story_of
    auto = [s for s in story_of if s and s.startswith("S1")]
    assert story_of == tuple(auto[0] if e == "auto" else e for e in expected)


def test_metadata_ignored_when_measuring(blank_analyzer):
    analyses = list(blank_analyzer.analyze_articles([
        article("a", DAM_1, "2024-05-07", story="x"), article("m", MATCH, "2024-05-07", story="x"),
    ]))  # fmt: skip
    assert group_stories(analyses, use_metadata=False).story_of == (None, None)


@pytest.mark.parametrize(
    "content, message",
    [
        ("article_id,story\na,one\nzz,two\n", "f.csv:3: unknown article id 'zz'"),
        ("article_id, story\n a , one\nb,one\nnope,x\n", "f.csv:4: unknown article id 'nope'"),
        ("id,story\na,one\n", "f.csv:1: expected the columns article_id,story"),
        ("article_id,story\na,one\na,two\n", "f.csv:3: article id 'a' again"),
        ("article_id,story\n,one\n", "f.csv:2: no article_id"),
        (b"\xff\xfe\x00article_id,story\n", "f.csv:1: not UTF-8 text (byte 0xff at offset 0)"),
        (b"article_id,story\na,one\nb,caf\xe9\n", "f.csv:3: not UTF-8 text (byte 0xe9"),
        ("article_id,story\na,caf\u00e9\nzz,x\n", "f.csv:3: unknown article id 'zz'"),
    ],
)
def test_a_bad_corrections_file_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "f.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(StoryFileError) as caught:
        read_corrections(path, ["a", "b"])
    assert str(caught.value).startswith(str(tmp_path / message.split(":")[0]) + ":")
    assert message.split(": ", 1)[1] in str(caught.value)
    assert str(caught.value).split(":")[1] == message.split(":")[1]  # the line number


def test_corrections_are_read_with_spaces_and_empty_stories(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("article_id, story\na, Lakeford dam\nb,\n", encoding="utf-8")
    assert read_corrections(path, ["a", "b"]) == {"a": "Lakeford dam", "b": None}


@pytest.mark.parametrize(
    "predicted, gold, precision, recall",
    [
        # Gold pairs: (0,1) (0,2) (1,2) (3,4). Predicted: (0,1) (3,4) (3,5) (4,5).
        (["x", "x", None, "y", "y", "y"], ["A", "A", "A", "B", "B", None], 2 / 4, 2 / 4),
        (["x", "x", "x"], ["A", "A", "A"], 1.0, 1.0),
        # Nothing predicted together: precision undefined, recall 0.
        ([None, None, "z"], ["A", "A", None], math.nan, 0.0),
        # Everything in one story: every gold pair found, 1 pair of 3 right.
        (["x", "x", "x"], ["A", "A", "B"], 1 / 3, 1.0),
    ],
)
def test_pairwise_precision_and_recall(predicted, gold, precision, recall):
    scores = pairwise_scores(predicted, gold)
    assert scores.precision == pytest.approx(precision, nan_ok=True)
    assert scores.recall == pytest.approx(recall)


def _write_corpus(folder: Path, outlets=("Outlet a", "Outlet b", "Outlet m"), stories=None) -> None:
    """Two tellings of the dam burst (a, b) and a cup final (m) the same week, by ``outlets``,
    with the metadata's ``stories`` (none by default)."""
    folder.mkdir()
    rows = ["file,outlet,date,title,story"]
    for (name, (title, text), date), outlet, story in zip(
        (("a", DAM_1, "2024-05-07"), ("b", DAM_2, "2024-05-08"), ("m", MATCH, "2024-05-07")),
        outlets,
        stories or ("", "", ""),
        strict=True,
    ):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{name}.txt,{outlet},{date},{title},{story}")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_cli_stories_prints_the_grouping_and_reads_corrections(tmp_path):
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    result = runner.invoke(app, ["stories", str(corpus), "--no-cache", "--jobs", "1",
                                 "--write-csv", str(tmp_path / "out.csv")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "S1: " in result.output and "2 articles, automatic" in result.output
    assert "earliest headline: Dam bursts at Lakeford reservoir" in result.output
    assert "In no story (1 article: no other article covers it)" in result.output
    written = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert written[0] == "article_id,story" and len(written) == 4
    ids = [line.split(",")[0] for line in written[1:]]
    fixes = tmp_path / "fixes.csv"
    fixes.write_text(f"article_id,story\n{ids[2]},Lakeford dam\n", encoding="utf-8")
    result = runner.invoke(app, ["stories", str(corpus), "--no-cache", "--jobs", "1",
                                 "--stories", str(fixes)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Lakeford dam (1 article, corrections" in result.output


def test_cli_unknown_id_in_corrections_is_one_error_line(tmp_path):
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("article_id,story\nnot-an-article,x\n", encoding="utf-8")
    report = ["report", str(corpus), "--out", str(tmp_path / "r")]
    for command in (["stories", str(corpus)], [*report, "--by", "story"], report):
        result = runner.invoke(
            app, [*command, "--no-cache", "--jobs", "1", "--stories", str(fixes)]
        )
        assert result.exit_code == 2
        errors = [line for line in result.output.splitlines() if line.startswith("error:")]
        assert errors == [f"error: {fixes}:2: unknown article id 'not-an-article' (no such "
                          "article in the corpus; `framing stories` lists the ids)"]  # fmt: skip


@pytest.mark.parametrize(
    "outlets, labels, corrected, groups",
    [
        (("A", "B", "A"), (None, None, None), False, True),  # unlabelled, two outlets
        (("A", "B", "A"), ("x", None, None), False, True),  # partly labelled: labels win there
        (("A", "B", "A"), ("x", "x", "y"), False, False),  # every article labelled: as it is
        (("A", "A", "A"), (None, None, None), False, False),  # one outlet: nothing to compare
        (("A", "", "A"), (None, None, None), False, True),  # no outlet is a group (unknown)
        (("A", "A", "A"), ("x", "x", "y"), True, True),  # a corrections file is always read
    ],
)
def test_when_an_outlet_report_groups_its_stories(blank_analyzer, outlets, labels, corrected,
                                                  groups):  # fmt: skip
    told = [("a", DAM_1), ("b", DAM_2), ("m", MATCH)]
    analyses = list(blank_analyzer.analyze_articles([
        article(i, t, "2024-05-07", story=label, outlet=outlet)
        for (i, t), label, outlet in zip(told, labels, outlets, strict=True)
    ]))  # fmt: skip
    assert outlet_report_groups(analyses, corrected=corrected) is groups


def _outlet_report(tmp_path, corpus, *extra) -> str:
    out = tmp_path / "r"
    result = runner.invoke(app, ["report", str(corpus), "--out", str(out), "--no-cache",
                                 "--jobs", "1", *extra])  # fmt: skip
    assert result.exit_code == 0, result.output
    return (out / "report.md").read_text(encoding="utf-8")


def _within_row(markdown: str, label: str) -> list[str]:
    """The cells of a headline figure's row in the overview's within-story table."""
    table = markdown.split("**Within stories: each outlet's mean")[1].split("\n\n")[1]
    row = next(line for line in table.splitlines() if line.startswith(f"| {label} |"))
    return [cell.strip() for cell in row.strip("|").split("|")][1:]


def test_an_unlabelled_outlet_report_compares_within_automatic_stories(tmp_path):
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    markdown = _outlet_report(tmp_path, corpus)
    assert "Stories: 1 story grouped automatically. 1 article in no story." in markdown
    assert "dated at most 7 days apart" in markdown and "framing stories CORPUS" in markdown
    # The automatic story is shown by its top terms and its earliest headline.
    assert "(earliest: Dam bursts at Lakeford reservoir) | in no story |" in markdown
    from framing.measure.metrics import HEADLINE_METRICS

    cells = _within_row(markdown, next(iter(HEADLINE_METRICS.values())))
    # Outlets a and b share the dam story: each has a within-story figure; m is alone on its
    # cup final and has none.
    assert [cell.endswith("(1 story, n=1)") for cell in cells] == [True, True, False], cells
    assert cells[2] == "n/a", cells
    # A narrower window splits the two tellings (a day apart): no story, no comparison.
    markdown = _outlet_report(tmp_path, corpus, "--story-window", "0", "--force")
    assert "grouped automatically" not in markdown


def test_a_stories_file_wins_in_an_outlet_report(tmp_path):
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, stories=("burst", "flood", "final"))
    markdown = _outlet_report(tmp_path, corpus)
    assert "Stories: 3 stories from the metadata's labels." in markdown
    assert "No story was covered by more than one outlet" in markdown
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("article_id,story\nb,burst\n", encoding="utf-8")  # b covers the burst
    markdown = _outlet_report(tmp_path, corpus, "--stories", str(fixes))
    assert "Stories: 1 story from the metadata's labels; 1 story from your corrections" in markdown
    assert "| outlet | burst | final |" in markdown
    assert "Covered by more than one outlet: burst (Outlet a, Outlet b)." in markdown


def test_a_single_outlet_report_is_not_grouped(tmp_path):
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, outlets=("Solo", "Solo", "Solo"))
    markdown = _outlet_report(tmp_path, corpus)
    assert "Stories:" not in markdown and "S1:" not in markdown
    assert "the articles have no stories to compare within" in markdown


@pytest.mark.parametrize(
    ("outlets", "extra", "noted"),
    [
        (("Solo", "Solo", "Solo"), ("--story-window", "3"), True),  # one outlet: no grouping
        (("Solo", "Solo", "Solo"), (), False),  # not given: nothing to say
        (("Outlet a", "Outlet b", "Outlet m"), ("--story-window", "3"), False),  # it is used
    ],
)
def test_a_story_window_that_has_no_effect_is_said_to(tmp_path, outlets, extra, noted):
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, outlets=outlets)
    result = runner.invoke(app, ["report", str(corpus), "--out", str(tmp_path / "r"),
                                 "--no-cache", "--jobs", "1", *extra])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert ("--story-window has no effect here" in result.output) is noted


def test_row_chunks_in_date_order_give_the_same_grouping(blank_analyzer, monkeypatch):
    """The pair search compares a chunk of rows with the columns of its weeks only: chunks of
    one row (dated, undated, a month apart) must give what one chunk of all rows gives."""
    import framing.compare.stories

    articles = [
        article("a", DAM_1, "2024-05-07"), article("m", MATCH, None),
        article("c", DAM_LATER, "2024-06-10"), article("b", DAM_2, None),
        article("d", DAM_1, "2024-06-09"), article("e", DAM_2, "2024-05-08"),
    ]  # fmt: skip
    analyses = list(blank_analyzer.analyze_articles(articles))
    whole = group_stories(analyses).story_of
    monkeypatch.setattr(framing.compare.stories, "_ROW_CHUNK", 1)
    assert group_stories(analyses).story_of == whole
    assert whole[0] == whole[5] and whole[0] != whole[4]  # a and e together, d a month later


def _grouped(origins: dict[str, str], outlet_stories: dict[str, dict[str, int]]):
    """What the overview reads of a comparison: its stories, their origins and the outlet x
    story counts."""
    from types import SimpleNamespace

    from framing.compare.stories import Story, StoryGrouping

    stories = {
        name: Story(name, (), ("t",), f"Headline of {name}", origin)
        for name, origin in origins.items()
    }
    grouping = StoryGrouping((), stories, 3) if origins else None
    return SimpleNamespace(story_grouping=grouping, outlet_stories=outlet_stories)


@pytest.mark.parametrize(
    "origins, says, not_said",
    [
        ({}, "Stories: 2 stories from the metadata's labels. 1 article in no story.",
         "Grouped automatically"),
        ({"x": "metadata", "S1: t": "automatic", "fix": "corrections"},
         "Stories: 1 story from the metadata's labels; 1 story from your corrections file "
         "(--stories); 1 story grouped automatically. 1 article in no story. Grouped "
         "automatically: articles whose words", ""),
        ({"fix": "corrections"}, "1 story from your corrections file (--stories). 1 article",
         "Grouped automatically"),
    ],
)  # fmt: skip
def test_the_overview_says_where_the_stories_came_from(origins, says, not_said):
    from framing.report.sections.overview import story_origin_text

    counts = {"A": {"x": 1, "unknown": 1}, "B": {"y": 2}}
    text = story_origin_text(_grouped(origins, counts))
    assert says in text and "framing stories CORPUS" in text
    assert not not_said or not_said not in text
    if "automatic" in origins.values():
        assert "dated at most 3 days apart" in text  # the grouping's own window


def test_many_stories_are_rows_of_the_outlet_story_table_shared_ones_each():
    from framing.report.sections.overview import (
        outlet_story_table,
        shared_stories_text,
        story_origin_text,
    )

    names = [f"S{i}: t" for i in range(1, 13)]  # the grouping's order: S2 before S10
    single = [n for n in names if n not in ("S2: t", "S10: t")]
    comparison = _grouped(
        dict.fromkeys(names, "automatic"),
        {"A": {"S10: t": 1, "S2: t": 2, **dict.fromkeys(single[:6], 1), "unknown": 1_234},
         "B": {"S10: t": 1, "S2: t": 1, **dict.fromkeys(single[6:], 1)}},
    )  # fmt: skip
    table = outlet_story_table(comparison)
    assert table.header == ["story", "A", "B"]
    assert [[c.text for c in row] for row in table.rows] == [
        ["S2: t (earliest: Headline of S2: t)", "2", "1"],
        ["S10: t (earliest: Headline of S10: t)", "1", "1"],
        ["10 stories of one outlet each", "6", "4"],
        ["in no story", "1234", "–"],
    ]
    assert shared_stories_text(comparison) == "Covered by more than one outlet: 2 stories (above)."
    assert "1,234 articles in no story." in story_origin_text(comparison)
