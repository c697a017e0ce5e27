"""Tests for framing.annotate.quote_credit: a short quoted fragment credited by a verb of speech the
attribution step did not read, named by a naming verb, or written by a reader, not the outlet.

Sentences are short excerpts of BBC News articles from the design half of the scare-quote
sample (tests/gold/scare_quotes/; framing.evaluation.scare_split), where the detector called
them scare quotes wrongly, with negatives the sample labels right (terms and scare quotes);
the gerund ("saying "no"") and "worth noting" negatives are shortened BABE sentences, where
the first version of the verb rule credited them wrongly.
"""

from __future__ import annotations

import pytest

from framing.annotate.quote_credit import is_readers_paragraph, reader_comment_start
from framing.annotate.quotes import paragraph_bounds
from framing.annotate.voice import NARRATION, QUOTED

from .conftest import voice_reading


@pytest.mark.model
@pytest.mark.parametrize(
    "text, fragment, kind, why",
    [
        # A verb of speech governs the fragment: its object, or inside the clause it reports.
        ('Dr Brian Gibbons admitted "big challenges" but insisted the "essentials" were in '
         "place.", "big challenges", "fragment", "'admitted'"),
        ('Dr Brian Gibbons admitted "big challenges" but insisted the "essentials" were in '
         "place.", "essentials", "fragment", "'insisted'"),
        ("The rapper was criticised after a performance in April led 12 viewers to complain he "
         'was "lewd" and "offensive".', "lewd", "fragment", "12 viewers"),
        ('Unilever is to merge its two management boards after reporting "unsatisfactory" '
         "earnings for 2004.", "unsatisfactory", "fragment", "'reporting'"),
        # Passive, with the speaker in a "by" phrase or unnamed.
        ('A failed government scheme has been branded a "disgraceful waste" by MPs.',
         "disgraceful waste", "fragment", "quote_credit.brand"),
        ('Ms Simonetti was told her suspension was a result of "inappropriate" images.',
         "inappropriate", "fragment", "'told'"),
        # A noun of speech with its speaker.
        ("The attorney general faced a call by former lord chancellor Lord Mackay to now "
         'publish the "full text" of the advice.', "full text", "fragment", "Lord Mackay"),
        ('Mr Brown\'s insistence he was not "gloating" was a pointed rebuttal of a warning '
         "from Peter Mandelson.", "gloating", "fragment", "Mr Brown"),
        # A reporting clause closing the sentence credits all before its comma.
        ('The "myth that ageing is a barrier" to contributing to society needs to be '
         '"exploded", the work and pensions minister has said.', "exploded", "fragment",
         "minister"),
        # Names: given by a naming verb with no speaker of its own, or "what are called".
        ("Some fans will reel at any attempt to call the new stadium anything other than just "
         "'Anfield', but the maths decree otherwise.", "Anfield", "name", "'call'"),
        ('The protocol will establish what are called "qualified industrial zones" in Egypt.',
         "qualified industrial zones", "name", "what are called"),
        # Negatives: a naming verb with no speaker introduces a term (right as a scare quote
        # by issue #12's definition), and verbs of position or proposal credit no words.
        ('That file-sharing system relies on links called "trackers" that point users to '
         "others.", "trackers", "scare", ""),
        ('The attachment bearing the virus code is labelled as either "joke" or "price".',
         "joke", "scare", ""),
        ('MPs are deciding whether to recommend a new system of "community quotas" to '
         "conserve fish stocks.", "community quotas", "scare", ""),
        # "added to the impression" adds no words; a gerund subject is anyone's act; the
        # writer's own remark credits no source.
        ('He will visit Africa - often seen as the prime minister\'s "turf" - which has only '
         "added to the impression of rival camps.", "turf", "scare", ""),
        ('He fled gangs in Honduras, a place where saying "no" can mean execution.', "no",
         "scare", ""),
        ('It is also worth noting that the "white nationalist" in question does not call '
         "himself one.", "white nationalist", "scare", ""),
    ],
)
def test_a_verb_that_governs_the_fragment_credits_or_names_it(analyzer, text, fragment, kind,
                                                               why):
    reading = voice_reading(analyzer, text, fragment)
    assert reading.kind == kind, reading.reason
    assert why in reading.reason
    assert reading.voice == (NARRATION if kind == "scare" else QUOTED)



@pytest.mark.model
@pytest.mark.parametrize(
    "text, fragment, kind, why",
    [
        # States of mind, wishes and plans with their holder (issue #12: quoted speech that
        # the rules did not read as credited; shortened BBC News sentences).
        ('But the all-party group is confident its plan would win support from a "large '
         'majority".', "large majority", "fragment", "quote_credit.mind_adjective"),
        ("Some US networks are worried about what it means for them as well as "
         '"brand identity" and viewer loyalty.', "brand identity", "fragment",
         "quote_credit.mind_adjective"),
        ('He wants to see "proper health checks" when loans are marketed.',
         "proper health checks", "fragment", "quote_credit.wish"),
        ('The Liberal Democrats have unveiled plans to build 100,000 new "affordable" homes.',
         "affordable", "fragment", "quote_credit.plan"),
        # A survey reported in the next sentence, after a one-sentence lead.
        ('Young people hold "strong opinions" on policies.\n\nResearch undertaken for the '
         "Electoral Commission suggests 81% of 16 to 20-year-olds feel strongly about crime.",
         "strong opinions", "fragment", "survey, poll or study"),
        # Names: "known ... as" gives a nickname whoever uses it; a noun of kind the quoted
        # words modify, right after them or a few words on.
        ('Ray Reardon - known by his fellow professionals as "Dracula" - won six titles.',
         "Dracula", "name", "quote_credit.known_as"),
        ('Under Mr Brown\'s "sustainable investment" rule, debt should be under 40%.',
         "sustainable investment", "name", "rule"),
        ('T-Mobile has launched its latest "pocket office" third-generation (3G) device.',
         "pocket office", "name", "device"),
        # Negatives. A real scare quote stays one: "so-called" doubting a claim, and the
        # outlet's own ironic quote with no speaker anywhere nearby.
        ("Moscow presented the so-called 'peace plan' to the council on Monday.", "peace plan",
         "scare", "no source credited"),
        ('Honda\'s Asimo robot was "born" in 2000 and has been improved every year since.',
         "born", "scare", "no source credited"),
        # A state of mind with no holder (passive) credits no one; a thing planned is nobody's
        # wording; a lowercase "so-called" nickname stays a name.
        ('It is hoped the "new era" will begin soon.', "new era", "scare", "no source credited"),
        ('The company planned a "radical" overhaul of its stores.', "radical", "scare",
         "no source credited"),
        ('Fund managers colluded in a so-called "magic circle" to prop up share prices.',
         "magic circle", "name", "quote_name.so_called"),
        # A sentence after that reports a speaker, not a document, credits nothing here.
        ('The club\'s "galacticos" were beaten again.\n\nThe manager said the team would '
         "recover.", "galacticos", "scare", "no source credited"),
    ],
)
def test_a_holder_a_maker_or_a_survey_credits_and_a_kind_names(analyzer, text, fragment, kind,
                                                                why):
    reading = voice_reading(analyzer, text, fragment)
    assert reading.kind == kind, reading.reason
    assert why in reading.reason
    assert reading.voice == (NARRATION if kind == "scare" else QUOTED)

# Paragraphs modelled on a BBC News page that closes with readers' comments (the corpus keeps
# them as ordinary paragraphs, their names and towns cut).
_ARTICLE = (
    "Franz Ferdinand frontman Alex Kapranos has called for more government help for "
    "musicians.\n\n"
    '"For any cultural output to thrive there needs to be some kind of state input," he '
    "said.\n\n"
    "Kapranos joined the lecture series to discuss Scotland's role in making music.\n\n"
)
_COMMENTS = (
    "I think the government should do more to help up-and-coming artists.\n\n"
    "If they can fund football, why not fund music?\n\n"
    'The government shouldn\'t "fund" music - it should invest in music.\n\n'
    "I agree with funding the arts but I am not convinced that pop music needs it.\n\n"
    "Though I really like Franz Ferdinand, I have to disagree with Mr Kapranos.\n\n"
)


@pytest.mark.parametrize(
    "paragraph, readers",
    [
        ("I think the government should do more to help artists.", True),
        ("If they can fund football, why not fund music?", True),
        # Negatives: a first-person statement in quote marks is a source's, not a reader's;
        # narration without "I" is the outlet's.
        ('"I think it is wrong," he said.', False),
        ('"I was really shocked, I had no warning," Ms Simonetti told BBC News.', False),
        ("Kapranos joined the lecture series to discuss Scotland's role.", False),
    ],
)
def test_a_readers_paragraph(paragraph, readers):
    assert is_readers_paragraph(paragraph) is readers


@pytest.mark.parametrize(
    "text, starts_at",
    [
        (_ARTICLE + _COMMENTS, len(_ARTICLE)),
        # Negatives: an article with no comments, and a columnist's one "I doubt" paragraph
        # among narration, have no comment block.
        (_ARTICLE, None),
        (_ARTICLE + "I doubt whether the referee saw it.\n\nThe match ended 19-13.\n\n"
         "Ireland play Scotland next.\n\n", None),
    ],
)
def test_the_closing_block_of_readers_comments(text, starts_at):
    assert reader_comment_start(text, paragraph_bounds(text)) == starts_at


@pytest.mark.model
def test_a_fragment_in_readers_comments_is_no_scare_quote(analyzer):
    reading = voice_reading(analyzer, _ARTICLE + _COMMENTS, "fund")
    assert (reading.kind, reading.voice) == ("reader_comment", QUOTED)
    assert reading.reason.startswith("reader's comment")
