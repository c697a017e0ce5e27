"""The report: structure, renderers, escaping, determinism, edge cases and the CLI command.

Most tests build a corpus with the blank pipeline (fast); the seed tests use the trained one.
"""

from __future__ import annotations

import re

import pytest
import spacy
from typer.testing import CliRunner

from framing.cli import app
from framing.lexicon.load import load_lexicons
from framing.measure.analyzer import Analyzer
from framing.read.corpus import Article
from framing.report import Vocabularies, build, safe_filename, write_report
from framing.report.blocks import Cell, Table
from framing.report.render_html import render_html
from framing.report.render_markdown import escape, render_markdown
from framing.run.corpus import CorpusResult
from tests.conftest import SEEDS

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
KIM = 'Officials said the regime had fallen, according to KCNA. "We won," Kim said.'


@pytest.fixture(scope="module")
def blank_analyzer():
    return Analyzer(spacy.blank("en"))


@pytest.fixture(scope="module")
def vocabularies():
    return Vocabularies.from_lexicons(load_lexicons())


def corpus(analyzer, articles) -> CorpusResult:
    return CorpusResult(list(analyzer.analyze_articles(articles)), [], "blank", "v1")


def hostile_corpus(analyzer) -> CorpusResult:
    """Every field a user controls carries a script or an attribute-breaking payload."""
    return corpus(analyzer, [
        Article("x1", f"{SCRIPT} {KIM} {IMG}", outlet=SCRIPT, title=IMG, date="2025-01-01"),
        Article("x2", f"{IMG} The regime said {SCRIPT} it won.", outlet=IMG, title=SCRIPT),
        Article("x3", KIM, outlet="../../etc", title="plain"),
    ])  # fmt: skip


@pytest.mark.parametrize(
    "name, expected",
    [
        ("ANI", "ANI"),
        ("../../etc", re.compile(r"^etc-[0-9a-f]{8}$")),
        ("", re.compile(r"^unnamed-[0-9a-f]{8}$")),
        ("NBC News", re.compile(r"^NBC-News-[0-9a-f]{8}$")),
        (SCRIPT, re.compile(r"^script-alert-1-script-[0-9a-f]{8}$")),
    ],
)
def test_safe_filename(name, expected):
    result = safe_filename(name)
    assert "/" not in result and not result.startswith(".")
    if isinstance(expected, str):
        assert result == expected
    else:
        assert expected.match(result), result


def test_names_that_clean_up_alike_get_different_files():
    assert safe_filename("A/B") != safe_filename("A B")


def test_html_and_markdown_escape_every_user_string(blank_analyzer, vocabularies):
    _, report = build(hostile_corpus(blank_analyzer), vocabularies=vocabularies,
                      generated_at="now")  # fmt: skip
    html = render_html(report)
    markdown = render_markdown(report)
    for text in (html, markdown):
        assert "<script>alert" not in text
        assert "<img" not in text
        assert "onerror=alert(1)>" not in text or "&gt;" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Our own script is the only one in the page.
    assert html.count("<script>") == 1


def test_outlet_named_like_a_path_writes_inside_the_output_folder(
    tmp_path, blank_analyzer, vocabularies
):
    out = tmp_path / "out"
    written = write_report(out, hostile_corpus(blank_analyzer), vocabularies=vocabularies)
    assert all(out in path.parents for path in written)
    assert not (tmp_path / "etc").exists()
    assert any(path.name.startswith("etc-") for path in (out / "by_outlet").iterdir())


def test_same_corpus_same_bytes_apart_from_the_generation_line(
    tmp_path, blank_analyzer, vocabularies
):
    result = corpus(blank_analyzer, [
        Article(str(i), KIM + f" The figure was {i * 100} troops.", outlet=f"O{i % 2}")
        for i in range(6)
    ])  # fmt: skip
    write_report(tmp_path / "one", result, vocabularies=vocabularies, generated_at="GEN-ONE")
    write_report(tmp_path / "two", result, vocabularies=vocabularies, generated_at="GEN-TWO")
    for name in (
        "report.html",
        "report.md",
        "articles.csv",
        "attributions.csv",
        "terms.csv",
        "articles.parquet",
    ):
        one = (tmp_path / "one" / name).read_bytes().replace(b"GEN-ONE", b"GEN")
        two = (tmp_path / "two" / name).read_bytes().replace(b"GEN-TWO", b"GEN")
        assert one == two, name
    html = (tmp_path / "one" / "report.html").read_text()
    assert len([line for line in html.splitlines() if "GEN-ONE" in line]) == 1


def test_single_outlet_renders_with_a_note(blank_analyzer, vocabularies):
    _, report = build(corpus(blank_analyzer, [Article("a", KIM, outlet="Solo")]),
                      vocabularies=vocabularies, generated_at="now")  # fmt: skip
    html = render_html(report)
    assert "nothing to compare it with" in html
    assert "Distinctive wording needs at least two groups" in html


def test_outlet_with_zero_attributions_shows_n_a(blank_analyzer, vocabularies):
    comparison, report = build(corpus(blank_analyzer, [
        Article("a", KIM, outlet="Talky"),
        Article("b", "The weather was fine and the sea was calm.", outlet="Silent"),
    ]), vocabularies=vocabularies, generated_at="now")  # fmt: skip
    sourcing = next(s for s in report.sections if s.anchor == "sourcing")
    table = sourcing.blocks[0]
    named = next(row for row in table.rows if row[0].text == "named sources")
    silent = [g.name for g in comparison.groups].index("Silent") + 1
    assert named[silent].text == "n/a"
    attributions = next(row for row in table.rows if row[0].text == "attributions")
    assert attributions[silent].text == "0"


def test_every_evidence_link_points_at_an_anchor_in_the_page(blank_analyzer, vocabularies):
    _, report = build(hostile_corpus(blank_analyzer), vocabularies=vocabularies,
                      generated_at="now")  # fmt: skip
    html = render_html(report)
    ids = set(re.findall(r'id="([^"]+)"', html))
    hrefs = set(re.findall(r'href="#([^"]+)"', html))
    assert hrefs and hrefs <= ids, hrefs - ids
    assert any(re.fullmatch(r"a\d+-s\d+", h) for h in hrefs)


def test_html_makes_no_network_request(blank_analyzer, vocabularies):
    _, report = build(hostile_corpus(blank_analyzer), vocabularies=vocabularies,
                      generated_at="now")  # fmt: skip
    html = render_html(report)
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a|b", "a\\|b"),
        ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_escape(text, expected):
    assert escape(text) == expected


def test_markdown_table_of_a_structure_alone():
    from framing.report.render_markdown import _table

    lines = _table(Table("Cap", ["a", "b"], [[Cell("x"), Cell("1", style="num")]]))
    assert lines[:4] == ["**Cap**", "", "| a | b |", "|---|---|"]
    assert lines[4] == "| x | 1 |"


def test_profile_is_labelled_as_not_a_truth_rating(blank_analyzer, vocabularies):
    _, report = build(hostile_corpus(blank_analyzer), vocabularies=vocabularies,
                      generated_at="now")  # fmt: skip
    html = render_html(report)
    assert "not a rating of truthfulness" in html
    assert "sourcing and framing profile" in html.lower()


@pytest.mark.model
def test_report_command_on_the_seeds(tmp_path, trained_nlp):
    out = tmp_path / "seeds"
    result = CliRunner().invoke(app, ["report", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("report.html", "report.md", "articles.csv", "articles.parquet",
                 "attributions.csv", "terms.csv"):  # fmt: skip
        assert (out / name).stat().st_size > 0, name
    html = (out / "report.html").read_text()
    for outlet in ("ANI", "Breitbart News", "NBC News", "The Moscow Times", "TRT World"):
        assert outlet in html
    assert "Communist dictator" in html  # Breitbart's epithet for Kim, in the Naming section
    # The seeds' manifest has stories, one shared by three outlets: compared within stories.
    markdown = (out / "report.md").read_text()
    assert re.search(r"[+-]\d+ pts \(1 story, n=1; pooled \d+%\)", markdown)


@pytest.mark.model
def test_report_command_with_comparison_pooled_shows_pooled_figures_only(tmp_path, trained_nlp):
    out = tmp_path / "pooled"
    result = CliRunner().invoke(
        app, ["report", str(SEEDS), "--out", str(out), "--comparison", "pooled"]
    )
    assert result.exit_code == 0, result.output
    markdown = (out / "report.md").read_text()
    assert "as asked: --comparison pooled" in markdown
    assert not re.search(r"\(1 story, n=1; pooled", markdown)
    # The overview's within-story table of the headline figures stays.
    assert "Within stories: each outlet's mean minus the story's mean" in markdown


def test_report_command_with_a_bad_criteria_file_is_a_usage_error(tmp_path):
    bad = tmp_path / "criteria.yaml"
    bad.write_text("name: x\nscore: 1\n")
    result = CliRunner().invoke(app, ["report", str(SEEDS), "--out", str(tmp_path / "o"),
                                      "--criteria", str(bad)])  # fmt: skip
    assert result.exit_code == 2
    assert "criteria.yaml" in result.output


def test_a_large_corpus_shows_only_linked_articles_and_every_link_still_lands(
    blank_analyzer, vocabularies
):
    from framing.report.structure import build_report

    result = corpus(blank_analyzer, [
        Article(str(i), KIM if i % 3 == 0 else f"Nothing here, {chr(97 + i)}.", outlet=f"O{i % 2}")
        for i in range(9)
    ])  # fmt: skip
    comparison, _ = build(result, vocabularies=vocabularies, generated_at="now")
    report = build_report(comparison, result.analyses, title="t", generated_at="now",
                          full_text_limit=2)  # fmt: skip
    html = render_html(report)
    assert "only the" in html and "that the tables above link to" in html
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert set(re.findall(r'href="#([^"]+)"', html)) <= ids
    assert html.count('<details class="article"') < 9


@pytest.mark.model
def test_report_by_story_has_one_column_per_story(tmp_path, trained_nlp):
    out = tmp_path / "stories"
    result = CliRunner().invoke(app, ["report", str(SEEDS), "--out", str(out), "--by", "story",
                                      "--title", "Seeds by story"])  # fmt: skip
    assert result.exit_code == 0, result.output
    markdown = (out / "report.md").read_text()
    assert markdown.startswith("# Seeds by story")
    assert "December 2025 welcome ceremony for the 528th engineer regiment" in markdown
    assert len(list((out / "by_story").iterdir())) == 3  # three stories in the manifest


@pytest.mark.model
def test_a_bad_input_gives_exit_1_and_the_report_is_still_written(tmp_path, trained_nlp):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "good.txt").write_text(KIM + " The troops numbered 15,000.")
    (corpus_dir / "bad.txt").write_bytes(b"\x00\xff\xfe binary \x00\x00")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["report", str(corpus_dir), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "bad.txt" in result.output
    assert (out / "report.html").exists()
    assert "unknown" in (out / "report.md").read_text()  # no manifest: outlet unknown


def test_headline_figures_link_to_their_sentences(blank_analyzer, vocabularies):
    comparison, report = build(corpus(blank_analyzer, [
        Article("a", KIM, outlet="Talky"),
        Article("b", "The weather was fine and the sea was calm.", outlet="Silent"),
    ]), vocabularies=vocabularies, generated_at="now")  # fmt: skip
    names = [g.name for g in comparison.groups]
    overview = next(s for s in report.sections if s.anchor == "overview")
    headline = next(b for b in overview.blocks if isinstance(b, Table) and "Headline" in b.caption)
    density = next(row for row in headline.rows if row[0].text.startswith("Attributions per"))
    talky, silent = density[names.index("Talky") + 1], density[names.index("Silent") + 1]
    assert talky.links and all(link.href.startswith("#a") for link in talky.links)
    assert not silent.links  # no attribution, nothing to link to
