"""Lexicon suggestions from within a story (issue #16, item 7): the words one outlet uses for an
event in its own voice where the other outlets covering it do not. Built from small articles
read by hand; no model needed (the voice spans are given, as the pipeline would write them)."""

from __future__ import annotations

import pytest

from framing.annotate.records import TextSpan, VoiceSpan
from framing.compare.stories import StoryGrouping
from framing.curate.story_words import (
    is_evaluative,
    own_voice_terms,
    rarity,
    read_prior,
    stems_of,
    suggest_within_stories,
)
from framing.lexicon.load import load_lexicons
from framing.measure.analyzer import ArticleAnalysis
from framing.read.corpus import Article


def quoted(text: str, words: str, speaker: str = "Kim") -> VoiceSpan:
    start = text.index(words)
    span = TextSpan(start, start + len(words), words)
    return VoiceSpan(span, "quoted", "speech", speaker, f"credited to {speaker}")


def analysis(article_id: str, outlet: str, text: str, *quotes: str) -> ArticleAnalysis:
    return ArticleAnalysis(
        article=Article(id=article_id, text=text, outlet=outlet, story="ceremony"),
        status="ok",
        features={},
        sentences=[TextSpan(0, len(text), text)],
        voices=[quoted(text, q) for q in quotes],
    )


# Three outlets on one event. Every one says "soldiers" and "ceremony" (topic words); the
# first calls the soldiers "mercenaries" in its own words; the second has the word only in
# Kim's quotation; the first also has "dictator", which a shipped entry has already.
STORY = [
    analysis(
        "a",
        "Outlet A",
        "The dictator held a ceremony for the mercenaries. The soldiers were mercenaries.",
    ),
    analysis(
        "b",
        "Outlet B",
        'Kim held a ceremony for the soldiers. "They were no mercenaries," Kim said.',
        "They were no mercenaries,",
    ),
    analysis("c", "Outlet C", "Kim held a ceremony for the returning soldiers in Pyongyang."),
]
GROUPING = StoryGrouping(("ceremony",) * 3, {})


@pytest.fixture(scope="module")
def suggestions():
    return suggest_within_stories(STORY, GROUPING, load_lexicons(), top=20)


def test_a_word_in_one_outlets_own_voice_is_suggested_for_that_outlet(suggestions):
    found = {c.term: c for c in suggestions.candidates}
    assert found["mercenaries"].side == "Outlet A"
    assert found["mercenaries"].count_side == 2
    assert found["mercenaries"].count_others == 0  # B has it only inside Kim's quotation


@pytest.mark.parametrize(
    "term, why",
    [
        ("soldiers", "every outlet on the story uses it: a topic word"),
        ("ceremony", "every outlet on the story uses it: a topic word"),
        ("dictator", "a loaded-term entry has it already"),
        ("kim", "a name"),
        ("the", "a stop word"),
    ],
)
def test_not_suggested(suggestions, term, why):
    assert term not in {c.term for c in suggestions.candidates}, why


def test_known_terms_are_reported_apart(suggestions):
    assert [(c.term, c.known_as) for c in suggestions.known] == [("dictator", "loaded.dictator")]


def test_a_story_one_outlet_covers_alone_compares_its_articles():
    one_outlet = [
        analysis("x", "BBC", "Ministers defended the scheme. Critics called it a giveaway."),
        analysis("y", "BBC", "Ministers defended the scheme on Monday."),
    ]
    grouping = StoryGrouping(("s", "s"), {})
    result = suggest_within_stories(one_outlet, grouping, load_lexicons())
    assert result.n_stories == 1
    assert {c.side for c in result.candidates} == {"x"}
    assert "giveaway" in {c.term for c in result.candidates}


def test_an_article_alone_on_its_story_is_not_compared():
    lone = [analysis("x", "A", "The regime's thugs marched.")]
    result = suggest_within_stories(lone, StoryGrouping((None,), {}), load_lexicons())
    assert result.n_stories == 0 and result.candidates == []


def test_own_voice_terms_leave_quotation_out():
    text = 'Kim praised the "heroic martyrs" of the campaign.'
    counts = own_voice_terms(analysis("q", "A", text, "heroic martyrs"), names=set())
    assert counts["praised"] == 1 and counts["campaign"] == 1
    assert counts["martyrs"] == 0 and counts["heroic"] == 0


def test_a_phrase_is_two_words_with_only_a_space_between():
    counts = own_voice_terms(analysis("p", "A", "cannon fodder; fodder, cannon"), names=set())
    assert counts["cannon fodder"] == 1
    assert counts["fodder cannon"] == 0  # a comma between them


@pytest.mark.parametrize(
    "term, prior, expected",
    [
        ("colonized", {"colonize"}, True),  # an inflection of a listed word
        ("regimes", {"regime"}, True),
        ("puppet regime", {"regime"}, True),  # one word of the phrase
        ("soldiers", {"regime"}, False),
        ("regime", set(), False),  # no prior list
    ],
)
def test_is_evaluative(term, prior, expected):
    assert is_evaluative(term, stems_of(prior)) is expected


@pytest.mark.parametrize(
    "rare, common",
    [("dictator", "place"), ("thugs", "including"), ("glorious", "details")],
)
def test_loaded_words_are_rarer_than_report_words(rare, common):
    assert rarity(rare) > 0.5 > rarity(common)


def test_read_prior_skips_comments_and_blank_lines(tmp_path):
    path = tmp_path / "prior.txt"
    path.write_text("# a list\nRegime\n\nthugs  # slang\n", encoding="utf-8")
    assert read_prior(path) == {"regime", "thugs"}


def test_precision_counts_only_judged_candidates():
    from framing.evaluation.story_suggestions import precision

    candidates = [
        suggestions_row("A", "mercenaries"),
        suggestions_row("A", "puppet"),
        suggestions_row("B", "new word"),
    ]
    verdicts = {("A", "mercenaries"): ("yes", ""), ("A", "puppet"): ("no", "")}
    value, judged, yes, unjudged = precision(candidates, verdicts)
    assert (value, judged, yes) == (0.5, 2, 1)
    assert [c.term for c in unjudged] == ["new word"]


def suggestions_row(side: str, term: str):
    from framing.curate.story_words import StoryCandidate

    return StoryCandidate("s", side, term, 1.0, 1, 0, 2, False, 1.0, 1.0, None, "")


def test_a_prior_list_that_is_not_text_is_one_clear_error(tmp_path):
    path = tmp_path / "prior.bin"
    path.write_bytes(b"regime\n\xff\xfe\x00thugs\n")
    with pytest.raises(ValueError, match=r"prior\.bin:2: not UTF-8 text \(byte 0xff at offset 7\)"):
        read_prior(path)
