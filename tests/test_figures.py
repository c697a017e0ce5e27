"""Figures: numbers, what they count, and the attribution that covers them."""

from __future__ import annotations

import pytest

from framing.annotate.figures import FigureFinder, counted_word, covering_attribution
from framing.annotate.records import Attribution, Source, TextSpan


def _attribution(sentence: TextSpan, *, content: TextSpan | None, entity: str) -> Attribution:
    speaker = Source(TextSpan(0, 1, entity[0]), entity, "intelligence", True)
    return Attribution(
        kind="according_to", sentence=sentence, cue=None, cue_lemma="according to",
        stance="neutral", stance_entry_id=None, speaker=speaker, content=content,
    )  # fmt: skip


@pytest.mark.parametrize(
    "text, figures",
    [
        ("It sent 15,000 troops.", [("15,000", "troops")]),
        ("About 600 killed and 2,000 wounded.", [("600", "killed"), ("2,000", "wounded")]),
        ("No numbers here.", []),
    ],
)
def test_numbers_without_ner_are_counts(blank_nlp, lexicons, text, figures):
    doc = blank_nlp(text)
    doc._.attributions = []
    doc = FigureFinder(blank_nlp, lexicons)(doc)
    assert [(f.span.text, f.counts) for f in doc._.figures] == figures
    assert all(f.kind == "count" and not f.attributed for f in doc._.figures)


def test_counted_word_skips_of(blank_nlp):
    doc = blank_nlp("It sent 10,000 of its troops.")
    assert counted_word(doc[2:3]) == "its" or counted_word(doc[2:3]) is None


def test_a_figure_in_a_claims_content_is_that_claims(blank_nlp):
    sentence = TextSpan(0, 60, "x" * 60)
    number = TextSpan(10, 13, "600")
    inside = _attribution(sentence, content=TextSpan(5, 30, "c"), entity="NIS")
    other = _attribution(sentence, content=TextSpan(31, 50, "c"), entity="Kremlin")
    assert covering_attribution(number, sentence, [other, inside]) is inside


def test_a_figure_with_no_claim_in_its_sentence_is_unattributed():
    sentence = TextSpan(0, 60, "x" * 60)
    elsewhere = _attribution(TextSpan(61, 90, "y"), content=None, entity="NIS")
    assert covering_attribution(TextSpan(10, 13, "600"), sentence, [elsewhere]) is None


def test_seed_figures_show_attributed_and_bare_numbers(seed_analyses):
    trt = next(a for a in seed_analyses if a.article.outlet == "TRT World")
    about_600 = next(f for f in trt.figures if "600" in f.span.text)
    assert about_600.source is not None
    assert "intelligence" in about_600.source.entity.lower()


# Sentences of the seeds (and negatives) read without a parser: the unparsed sentences of the
# default mode and every sentence of --fast. (number, kind, what it counts), in order.
@pytest.mark.parametrize(
    "text, figures",
    [
        # seed 000: the sentence no attribution cue makes the default mode parse
        (
            "Pyongyang had dispatched around 1,000 engineer troops to assist Russian forces.",
            [("1,000", "count", "troops")],
        ),
        ("in a matter of less than three months.", [("three", "count", "months")]),
        (
            "One hundred and twenty days in which he had never forgotten the beloved sons.",
            [("One hundred and twenty", "count", "days")],
        ),
        ("Profits jumped 76% to $639m.", [("76", "percent", None), ("639", "money", None)]),
        # negatives: a year or a day of the month is a date; an ordinal, a unit name, a
        # definite pair and a pronoun "one" are no figures
        ("Russia's full-scale invasion in February 2022.", [("2022", "date", None)]),
        ("The regiment returned on December 13.", [("13", "date", None)]),
        ("The 528th Regiment held its first meeting.", []),
        ("The two countries have not published casualty figures.", []),
        ("The firm is now one of the biggest investors in Google.", []),
    ],
)
def test_numbers_found_by_surface_rules(blank_nlp, lexicons, text, figures):
    doc = blank_nlp(text)
    doc._.attributions = []
    doc = FigureFinder(blank_nlp, lexicons)(doc)
    assert [(f.span.text, f.kind, f.counts) for f in doc._.figures] == figures


@pytest.mark.parametrize(
    "text, source",
    [
        # seed 003: a noun-phrase attribution ("estimates by X") credits X
        (
            "There have been estimates by Western intelligence of more than 6,000 casualties.",
            "western intelligence",
        ),
        ("The toll of 600 was reported by the NIS on Friday.", "NIS"),
        # negatives: "by" that names no one, and a cue word with no "by"
        ("He won by far, with 5,000 votes.", None),
        ("Estimates of 6,000 casualties circulated.", None),
    ],
)
def test_a_noun_phrase_attribution_credits_its_agent(blank_nlp, lexicons, text, source):
    doc = blank_nlp(text)
    doc._.attributions = []
    doc = FigureFinder(blank_nlp, lexicons)(doc)
    (figure,) = doc._.figures
    assert (figure.source.entity if figure.source else None) == source


def test_a_figure_in_a_multi_sentence_quote_is_its_speakers():
    """The content of '"... Today I can confirm that over 10,000 ...," Patel said' starts a
    sentence before the number's: content still wins over the number's own sentence."""
    quote = _attribution(TextSpan(0, 40, "q"), content=TextSpan(0, 200, "c"), entity="Patel")
    number = TextSpan(120, 126, "10,000")
    assert covering_attribution(number, TextSpan(100, 200, "s"), [quote]) is quote


# Seed figures and the source a reader credits them to (seed file, number as written, a word
# of the credited source's name or None). Read in the seeds themselves.
@pytest.mark.parametrize(
    "seed, number, source",
    [
        ("000", "1,000", None),  # "Pyongyang had dispatched around 1,000 engineer troops"
        ("000", "three months", "kim"),  # '"You could work a miracle ... three months," Kim said'
        ("002", "10,000", "patel"),  # in Patel's quote, his cue a sentence later
        ("002", "nine", "kim"),  # '"Except the heartrending loss of nine lives ..."', no cue
        ("003", "6,000", "western intelligence"),  # "estimates by Western intelligence of ..."
    ],
)
def test_seed_figures_are_credited_to_their_source(seed_analyses, seed, number, source):
    analysis = next(a for a in seed_analyses if a.article.id.startswith(seed))
    figure = next(
        f for f in analysis.figures
        if number in f.span.text and (number != "nine" or "lives" in f.sentence.text)
    )  # fmt: skip
    if source is None:
        assert figure.source is None
    else:
        assert source in figure.source.entity.lower()


def test_seed_pairs_and_years_are_not_counts(seed_analyses):
    trt = next(a for a in seed_analyses if a.article.outlet == "TRT World")
    assert not any(f.counts == "country" for f in trt.figures)  # "The two countries"
    breitbart = next(a for a in seed_analyses if a.article.outlet == "Breitbart News")
    years = [f for f in breitbart.figures if f.span.text.endswith(("2014", "2022"))]
    assert years and all(f.kind == "date" for f in years)


def test_a_plural_number_word_is_a_number_through_its_lemma(blank_nlp, lexicons):
    """ "thousands" is no number to spaCy; its lemma "thousand" is (the default mode's
    unparsed sentences have lemmas from the lemmatizer's tables)."""
    doc = blank_nlp("North Korea has sent thousands of troops.")
    doc[4].lemma_ = "thousand"
    doc._.attributions = []
    doc = FigureFinder(blank_nlp, lexicons)(doc)
    assert [(f.span.text, f.counts) for f in doc._.figures] == [("thousands", "troops")]


@pytest.mark.parametrize("listed", [1, 2, 25])
def test_the_figures_sections_counts_are_over_every_figure_not_the_listed_ones(
    seed_analyses, listed
):
    from framing.compare.comparison import Limits, compare
    from framing.report.sections.figures import figures_section

    comparison = compare(seed_analyses, limits=Limits(figures=listed))
    summary, detail = figures_section(comparison).blocks[:2]
    stated = {g.name: len(g.figures) for g in comparison.groups}
    totals = {
        g.name: sum(len(seed_analyses[i].figures) for i in g.articles) for g in comparison.groups
    }
    assert [c.text for c in summary.rows[0][1:]] == [str(totals[g.name]) for g in comparison.groups]
    assert all(stated[name] == min(listed, totals[name]) for name in totals)
    # The list says it is cut exactly when some outlet has more numbers than it shows.
    assert ("the counts above are over all of them" in detail.caption) == any(
        totals[name] > listed for name in totals
    )
