"""Tests for framing.annotate.voice: every word in one of three voices, and scare quotes that are
really the outlet's. Sentences are from the seeds, with the reading a person gives them."""

from __future__ import annotations

import pytest

from framing.annotate.records import TextSpan, VoiceSpan
from framing.annotate.voice import NARRATION, PARAPHRASE, QUOTED, Voices, words_by_voice

from .conftest import rules_only, voice_reading


@pytest.mark.model
@pytest.mark.parametrize(
    "text, fragment, kind",
    [
        # Credited to Kim in the same sentence: his words, not a scare quote.
        ('Kim praised the returning soldiers and described them as working "a miracle" by '
         "clearing the fields.", "a miracle", "fragment"),
        ('A month later, Kim was praising his "heroic army" as the world\'s best.',
         "heroic army", "fragment"),
        ('North Korean leader Kim Jong-un has promised "a beautiful life" for the families of '
         '"martyrs" who perished fighting for Russia, state media said.', "martyrs", "fragment"),
        # An echo: a phrase of the lead that a statement below repeats, credited by its
        # sentence though no reported clause holds it ("talked about", a BBC sentence).
        ('The party is looking for a "fresh start" this year.\n\nThere was little in terms '
         "of concrete proposals, although the prime minister talked about a \"fresh start for "
         'all sections of society".', "fresh start", "fragment"),
        # Negatives: one word that such a statement repeats (a common word recurs by chance);
        # the same words in a statement nobody is credited with.
        ('The party is looking for a "fresh" look this year.\n\nThere was little in terms '
         "of concrete proposals, although the prime minister talked about a \"fresh start for "
         'all sections of society".', "fresh", "scare"),
        ('Crowds gathered for the "political revolution" on Tuesday.\n\n"We need a political '
         'revolution in this country."', "political revolution", "scare"),
        # A fragment with a verb is speech, quoted, never a scare quote.
        ("Nine members of the regiment died, Kim said in his speech, KCNA reported.\n\n"
         'He awarded the deceased state honors to "add eternal luster" to their bravery.',
         "add eternal luster", "speech"),
        # An award's name, not a scare quote.
        ("Kim posthumously awarded the title of 'DPRK Hero' to the nine deceased soldiers.",
         "DPRK Hero", "name"),
        # Breitbart's own sentences: scare quotes.
        ("Putin has since claimed to annex the region, continuing to attack Ukraine's cities "
         'despite alleged ongoing "peace talks" brokered by Washington.', "peace talks", "scare"),
        ("Russia first invaded Ukraine in 2014, then escalated its support into a full-scale "
         '"special operation" against Kyiv in 2022.', "special operation", "scare"),
    ],
)
def test_quoted_fragments_are_read_as_the_text_reads(analyzer, text, fragment, kind):
    reading = voice_reading(analyzer, text, fragment)
    # A scare quote's words are nobody's but the outlet's: they keep the voice around them.
    assert (reading.voice, reading.kind) == (NARRATION if kind == "scare" else QUOTED, kind)
    assert reading.reason  # every reading says why


@pytest.mark.model
def test_scare_quote_hits_say_why_and_credited_fragments_make_none(analyzer):
    text = (
        'Kim was praising his "heroic army" as the world\'s best. Putin continued to attack '
        'cities despite alleged ongoing "peace talks" brokered by Washington.'
    )
    with rules_only(analyzer):  # the rules' hits (the learned filter: test_scare_filter.py)
        hits = [h for h in analyzer.analyze(text).term_hits if h.category == "scare_quote"]
    assert [h.span.text for h in hits] == ["peace talks"]
    assert hits[0].voice == NARRATION and hits[0].reason.startswith("scare quote:")


@pytest.mark.model
@pytest.mark.parametrize(
    "text, word, voice",
    [
        ("Communist dictator Kim Jong-un held a ceremony this weekend.", "dictator", NARRATION),
        # Indirect speech: the outlet's wording of what JoongAng reported.
        ("The newspaper Korea JoongAng Daily reported that the regiment was part of the "
         "Russian effort to colonize Ukraine.", "colonize", PARAPHRASE),
        # A mixed quote: the clause before ", Kim told" is what Kim told.
        ('The heroic feats of the soldiers were possible because of families who are "the most '
         'tenacious people in the world," Kim told the parents, KCNA said.', "heroic", PARAPHRASE),
        ('"The armed villains of the West cannot match this army," the dictator predicted.',
         "villains", QUOTED),
        # The cue between two quotes of one content is the outlet's: "dictator" is its word.
        ('"We will win," the dictator said. "Nobody can match this army."', "dictator",
         NARRATION),
    ],
)
def test_loaded_terms_take_the_voice_of_their_words(analyzer, text, word, voice):
    hits = {h.span.text: h.voice for h in analyzer.analyze(text).term_hits}
    assert hits[word] == voice


@pytest.mark.model
def test_event_labels_inside_a_quote_are_the_speakers(analyzer):
    text = (
        '"I had been waiting for the combatants of the special operations units, who had been '
        'involved in the liberation battles," Kim said.'
    )
    labels = analyzer.analyze(text).event_labels
    assert labels and all(label.voice == QUOTED for label in labels)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, title",
    [
        ("Images showed an emotional Kim embracing a soldier.", "Kim", None),
        ("Communist dictator Kim Jong-un of North Korea held a welcome back ceremony for "
         "soldiers serving in the battlefield of the Russian invasion of Ukraine this weekend.",
         "Kim Jong-un", "Communist dictator"),
    ],
)
def test_an_adjective_is_not_an_epithet(analyzer, text, name, title):
    mention = next(m for m in analyzer.analyze(text).actor_mentions if m.span.text == name)
    assert (mention.title.text if mention.title else None) == title


def test_voice_of_a_range_and_words_by_voice():
    text = 'He said the regime fell, "a miracle" indeed.'
    quote = text.index("a miracle")
    content = text.index("the regime")
    spans = [
        VoiceSpan(TextSpan(quote, quote + 9, "a miracle"), QUOTED, "fragment", "Kim", "why"),
        VoiceSpan(TextSpan(content, quote + 10, text[content : quote + 10]), PARAPHRASE,
                  "indirect", "Kim", "why"),  # fmt: skip
    ]
    voices = Voices(spans)
    assert voices.voice_of(quote, quote + 1) == QUOTED
    assert voices.voice_of(content, content + 3) == PARAPHRASE
    assert voices.voice_of(0, 2) == NARRATION
    # He said | the regime fell | a miracle | indeed
    assert words_by_voice(text, spans) == {NARRATION: 3, PARAPHRASE: 3, QUOTED: 2}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, fragment, kind",
    [
        # BBC News sentences of the scare-quote sample (tests/gold/scare_quotes), read by hand.
        # A document's findings credit its words to the document.
        ('The idea that the digital divide will evaporate with time is "wishful thinking", the '
         "report concludes.", "wishful thinking", "fragment"),
        # A participle clause inside the reported clause is part of what was found.
        ("It found that more than 60% kept 1,000 to 2,000 music files on their devices, making "
         'the UK "digitally fat".', "digitally fat", "fragment"),
        # The speaker after the words, or in a passive's "by" phrase.
        ('Deaths in custody have reached "shocking" levels, a committee of MPs and peers has '
         "warned.", "shocking", "fragment"),
        ('MTV has been criticised for "incessant sleaze" by television indecency campaigners '
         "in the US.", "incessant sleaze", "fragment"),
        # Names: a translation of a name, and words naming the kind of thing after them.
        ('Meibion Glyndwr - which means "sons of Glyndwr" - began burning property in 1979.',
         "sons of Glyndwr", "name"),
        ('At their centre is the "Hartz-IV" programme introduced in January.', "Hartz-IV",
         "name"),
        ('A "download play" option means DS owners can take each other on.', "download play",
         "name"),
        # Negatives: the writer's own distance stays a scare quote.
        ("Ireland's economic 'miracle' slowed in the last quarter of the year.", "miracle",
         "scare"),
        ("The Chipolopolo fans are not being so cautious, with a 'victory' concert already "
         "scheduled for after the match.", "victory", "scare"),
        # A verb that shares a lemma with a word of kind introduces no name ("booked", "book").
        ('She booked a "glorious" week in Cornwall for the whole family.', "glorious", "scare"),
        # An adjective before a noun of kind describes it, names nothing.
        ('The fans planned a "glorious" campaign party before the match.', "glorious", "scare"),
        # One quoted word that is a verb is set off like any other word (framing.annotate.quotes):
        # software that "chooses"; a verb of speech credits a quoted verb like any fragment.
        ("It 'chooses' a selection of pictures, by scoring paintings on their keywords.",
         "chooses", "scare"),
        ('Ageing needs to be "exploded" as a barrier, the pensions minister has said.',
         "exploded", "fragment"),
        # A participle clause off the claim itself stays the writer's account (Breitbart).
        ('Putin has since claimed to "annex" the entire Donbass region, continuing to attack '
         'Ukraine\'s cities despite alleged ongoing "peace talks" brokered by Washington.',
         "peace talks", "scare"),
        # A passive verb of speech with no "by" phrase still credits the words to someone the
        # sentence leaves unnamed: the sample labels "has been accused of ... a "brain-drain""
        # and "was told ... "inappropriate" images" quoted speech (framing.annotate.quote_credit).
        ('The plan was criticised for its "generous" terms in the morning papers.', "generous",
         "fragment"),
    ],
)
def test_credit_after_the_words_and_names_by_their_kind(analyzer, text, fragment, kind):
    reading = voice_reading(analyzer, text, fragment)
    assert reading.kind == kind, reading.reason
    assert reading.voice == (NARRATION if kind == "scare" else QUOTED)
