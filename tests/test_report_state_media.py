"""The report's state-media section: outlet identity with its basis, articles BY a
state-controlled outlet shown apart and labelled in every table, and each state-media claim
listed with its corroborator or "none"."""

from __future__ import annotations

import pytest
import spacy

from framing.lexicon.load import load_lexicons
from framing.measure.analyzer import Analyzer
from framing.read.articles import Article, ReadOptions, build_article
from framing.report import Vocabularies, build
from framing.report.blocks import Table
from framing.report.render_markdown import render_markdown
from framing.run.corpus import CorpusResult

# Blank pipeline, surface rules: "according to KCNA" credits KCNA, "Kim said" credits Kim.
KCNA_TEXT = "The troops returned home, according to KCNA. Officials said 600 were killed."
PLAIN_TEXT = "Officials said 600 soldiers were killed in the fighting."


def _article(article_id: str, text: str, outlet: str) -> Article:
    return build_article(
        article_id, text, path=None, layers=[{"outlet": outlet}], options=ReadOptions(),
        warnings=[],
    )  # fmt: skip


@pytest.fixture(scope="module")
def report():
    analyzer = Analyzer(spacy.blank("en"))
    articles = [
        _article("by-state", KCNA_TEXT, "Xinhua"),
        _article("cites-state", KCNA_TEXT, "NBC News"),
        _article("plain", PLAIN_TEXT, "Local Gazette"),
    ]
    result = CorpusResult(list(analyzer.analyze_articles(articles)), [], "blank", "v1")
    return build(
        result, vocabularies=Vocabularies.from_lexicons(load_lexicons()), generated_at="now"
    )


def _section(report, anchor: str):
    return next(s for s in report[1].sections if s.anchor == anchor)


def _tables(section) -> dict[str, Table]:
    return {b.caption: b for b in section.blocks if isinstance(b, Table)}


def test_an_outlet_that_is_state_controlled_is_labelled_in_every_group_header(report):
    comparison, structure = report
    for section in structure.sections:
        for block in section.blocks:
            # Every group header also gives the group's number of articles, n.
            if isinstance(block, Table) and "NBC News (n=1)" in block.header:
                assert "Xinhua (state-controlled) (n=1)" in block.header, block.caption
                assert "NBC News (state-controlled) (n=1)" not in block.header


def test_outlet_identity_names_the_basis_of_each_classification(report):
    tables = _tables(_section(report, "state-media"))
    (identity,) = [t for c, t in tables.items() if c.startswith("Who publishes")]
    rows = {row[0].text: row for row in identity.rows}
    assert rows["Xinhua"][1].text == "state-controlled wire agency"
    assert "State Council" in rows["Xinhua"][2].text
    assert rows["NBC News"][1].text == "private outlet"
    assert "Local Gazette" not in rows  # not in lexicons/outlets.yaml: not classified


def test_articles_by_a_state_outlet_are_shown_apart_from_articles_citing_it(report):
    tables = _tables(_section(report, "state-media"))
    (by_state,) = [t for c, t in tables.items() if c.startswith("Articles BY")]
    assert [row[1].text for row in by_state.rows] == ["Xinhua"]
    (figures,) = [t for c, t in tables.items() if c == "Reliance on state-controlled media"]
    by_label = {row[0].text: row for row in figures.rows}
    counts = [cell.text for cell in by_label["articles BY a state-controlled outlet"][1:]]
    assert counts == ["0", "0", "1"]  # Local Gazette, NBC News, Xinhua (groups sorted)


def test_each_state_media_claim_is_listed_with_its_corroborator_or_none(report):
    tables = _tables(_section(report, "state-media"))
    (claims,) = [t for c, t in tables.items() if c.startswith("Each claim resting")]
    listed = [(row[0].text, row[1].text, row[4].text) for row in claims.rows]
    # "The troops returned home" (KCNA) shares no figure and too few words with the
    # officials' "600 were killed": none corroborates it. Local Gazette cites no state media.
    assert ("NBC News", "KCNA", "none") in listed
    assert ("Xinhua (state-controlled)", "KCNA", "none") in listed
    assert not [row for row in listed if row[0] == "Local Gazette"]


def test_the_markdown_report_says_where_classifications_come_from(report):
    text = render_markdown(report[1])
    assert "where the classification comes from" in text
    assert "Xinhua (state-controlled)" in text


def test_an_outlet_that_is_itself_state_media_earns_no_independence(report):
    comparison = report[0]
    xinhua, nbc = comparison.group("Xinhua"), comparison.group("NBC News")
    # The same text: "according to KCNA" rests on state media, the officials' line does not.
    assert xinhua.metrics["state_media_attribution_share"] == pytest.approx(0.5)
    assert nbc.metrics["state_media_attribution_share"] == pytest.approx(0.5)
    assert nbc.metrics["state_media_independence"] == pytest.approx(0.5)
    assert xinhua.metrics["state_media_independence"] == 0.0  # every claim reaches us via Xinhua


def test_a_story_group_says_how_many_of_its_articles_are_by_state_outlets():
    analyzer = Analyzer(spacy.blank("en"))
    articles = [_article("a", KCNA_TEXT, "Xinhua"), _article("b", PLAIN_TEXT, "NBC News")]
    result = CorpusResult(list(analyzer.analyze_articles(articles)), [], "blank", "v1")
    _, structure = build(result, by="story", generated_at="now")
    headers = {
        h for s in structure.sections for b in s.blocks if isinstance(b, Table) for h in b.header
    }
    assert "unknown (1 by state-controlled outlets) (n=2)" in headers
