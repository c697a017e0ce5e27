"""Unsourced assertions: the outlet's own figures and event claims with nobody credited."""

from __future__ import annotations

import math

import pytest

from framing.annotate.records import Assertion, TextSpan

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def full_analyzer(trained_nlp):
    from framing.measure.analyzer import Analyzer

    return Analyzer(mode="full")


def _assertions(analyzer, text):
    return [(x.evidence.text, x.kind, x.sourced_by) for x in analyzer.analyze(text).assertions]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an event claim: past-tense main verb, a named actor as its subject
        ("Putin visited Pyongyang in June 2024.", [("visited", "event", "")]),
        ("Kim did not respond to an offer from Donald Trump.", [("respond", "event", "")]),
        # a figure the outlet states
        ("North Korea has sent thousands of troops to Russia.", [("thousands", "figure", "")]),
        # credited in the sentence: the reported clause is the claim, and it is sourced
        ("Putin visited Pyongyang in June 2024, Yonhap reported.",
         [("visited", "event", "sentence")]),
        # not an event claim: a pronoun subject, a future, a state
        ("He awarded the deceased soldiers state honours.", []),
        ("Kim is due to stand with Putin at a parade next week.", []),
        ("The parade was an elaborate affair.", []),
        # a number after a determiner refers back; it states no new quantity
        ("The two countries have not disclosed the scale of the deployment.", []),
        # quoted words are the speaker's, not the outlet's
        ('Kim said: "We sent 1,000 troops to Kursk."', []),
    ],
)  # fmt: skip
def test_assertions(full_analyzer, text, expected):
    assert _assertions(full_analyzer, text) == expected


def test_an_attribution_earlier_in_the_paragraph_sources_what_follows_not_what_precedes(
    full_analyzer,
):
    text = (
        "Putin visited Pyongyang in June 2024. The State Department said on Monday that "
        "the visit was a provocation. Kim visited a hospital in Pyongyang.\n\n"
        "Kim appeared at a parade in Beijing in September."
    )
    found = [(x.sentence.text.split()[0:2], x.sourced_by)
             for x in full_analyzer.analyze(text).assertions]  # fmt: skip
    assert found == [
        (["Putin", "visited"], ""),  # the State Department comes after it: no source
        (["Kim", "visited"], "paragraph"),  # after the State Department, in its paragraph
        (["Kim", "appeared"], ""),  # its own paragraph, nobody credited
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sentence the selective parser skips (no cue, no quote): digits still make a figure
        ("Pyongyang had dispatched around 1,000 engineer troops.", [("1,000", "figure", "")]),
        ("Putin visited Pyongyang in June 2024.", []),  # a year is no figure; no parse, no event
    ],
)
def test_unparsed_sentences_keep_figures_with_digits(trained_nlp, text, expected):
    from framing.measure.analyzer import default_analyzer

    assert _assertions(default_analyzer(), text) == expected


def test_the_share_counts_unsourced_over_all_assertions():
    from framing.measure.features import assertion_features

    span = TextSpan(0, 3, "Kim")
    made = [Assertion(span, "event", span, span, by) for by in ("", "sentence", "paragraph", "")]
    features = assertion_features(made)
    assert features["unsourced_assertion_share"] == 0.5
    assert features["assertion_n"] == 4 and features["assertion_n_unsourced"] == 2
    assert math.isnan(assertion_features([])["unsourced_assertion_share"])


# --- the seeds: every listed assertion read by hand (verdicts in the report to the lead) -----

#: Sentences (their start) the seeds' report must list as unsourced: read, and true.
UNSOURCED_SEEN = {
    "000": ["Pyongyang had dispatched around 1,000 engineer troops",
            "During the ceremony, Kim conferred the Order"],
    "001": ["In September, Kim appeared alongside China's Xi Jinping",
            "Kim did not respond to an offer from Donald Trump"],
    "002": ["Russia under strongman Vladimir Putin first invaded Ukraine in 2014",
            "South Korean intelligence began documenting"],
}  # fmt: skip
#: Sentences that are sourced (credited in the sentence, or by the paragraph's source).
SOURCED_SEEN = {
    "001": ["Nine members of the regiment died", "North Korea has sent thousands of troops"],
    "003": ["About 600 have been killed out of a total deployment of 15,000",
            # credited by a noun phrase, which the figures step reads: no attribution record
            "There have been estimates by Western intelligence of more than 6,000"],
}  # fmt: skip


def test_seeds_list_the_unsourced_assertions_a_reader_finds(seed_analyses):
    by_id = {a.article.id[:3]: a for a in seed_analyses}
    for seed, openings in UNSOURCED_SEEN.items():
        unsourced = [" ".join(x.sentence.text.split()) for x in by_id[seed].assertions
                     if x.unsourced]  # fmt: skip
        for opening in openings:
            assert any(s.startswith(opening) for s in unsourced), (seed, opening)
    for seed, openings in SOURCED_SEEN.items():
        unsourced = [" ".join(x.sentence.text.split()) for x in by_id[seed].assertions
                     if x.unsourced]  # fmt: skip
        for opening in openings:
            assert not any(s.startswith(opening) for s in unsourced), (seed, opening)


def test_seeds_report_lists_each_unsourced_assertion_with_its_sentence(seed_result):
    from framing.report import build
    from framing.report.blocks import Table

    _, report = build(seed_result, generated_at="now")
    section = next(s for s in report.sections if s.anchor == "figures")
    (listed,) = [b for b in section.blocks if isinstance(b, Table) and "Unsourced" in b.caption]
    rows = {(row[0].text, row[2].context[1]): "".join(row[2].context) for row in listed.rows}
    assert ("ANI", "1,000") in rows
    assert rows[("The Moscow Times", "appeared")].startswith("In September, Kim")
    assert all(row[2].links for row in listed.rows)  # each links to its highlighted sentence
