"""Tests for framing.annotate.attribution.extract: cues, speakers, contents, chains, in both
pipeline modes."""

from __future__ import annotations

import pytest

from framing.annotate.attribution.extract import attribution_sources


def _run(nlp, extractor, text):
    return extractor(nlp(text))


def _summary(doc):
    return [
        (
            a.kind,
            a.cue.text if a.cue else None,
            a.speaker.span.text if a.speaker else None,
            a.content.text if a.content else None,
        )
        for a in doc._.attributions
    ]


#: Sentences both modes must get right: (text, [(kind, cue, speaker, content)]).
SHARED_CASES = [
    (
        '"All of you fought bravely," Kim said.',
        [("direct_quote", "said", "Kim", '"All of you fought bravely,"')],
    ),
    ('Kim said: "We won the war."', [("direct_quote", "said", "Kim", '"We won the war."')]),
    ('He said, "We will win."', [("direct_quote", "said", "He", '"We will win."')]),
    (
        "Analysts say Russia is giving North Korea food.",
        [("indirect", "say", "Analysts", "Russia is giving North Korea food")],
    ),
    (
        "North Korea sent troops, according to South Korean intelligence.",
        [("according_to", "according to", "South Korean intelligence", "North Korea sent troops")],
    ),
    ('Kim: "We won."', [("colon", ":", "Kim", '"We won."')]),
    ('"We won." \u2015 Kim Jones', [("colon", "\u2015", "Kim Jones", '"We won."')]),
    (
        "WALLACE: Let us start with the debate.\n\nPENCE: Well, look, we are ready.",
        [("colon", ":", "WALLACE", "Let us start with the debate"),
         ("colon", ":", "PENCE", "Well, look, we are ready")],
    ),
    ("Hillary Clinton: 1,769.\n\nBernie Sanders: 1,501.", []),  # a tally, not a transcript
    (
        '"The victory is a great feat," Kim was quoted as saying.',
        [("quoted_as_saying", "quoted as saying", "Kim", '"The victory is a great feat,"')],
    ),
    # A cue inside a quote is the quoted speaker's, not the outlet's attribution.
    (
        '"He said we lost the war," the soldier told reporters.',
        [("told", "told", "the soldier", '"He said we lost the war,"')],
    ),
    # A quoted title and a scare quote are not quotations of speech.
    ('She starred in "Orange Is the New Black" last year.', []),
    ('The families of "martyrs" gathered in the square.', []),
    ('It was a "simple" task.', []),
    ("The weather was cold on Friday.", []),
    # "according to X" before a quote credits the whole quote, past the sentence's end;
    # a quoted fragment that ends the clause before it does not replace the clause.
    (
        'According to Kim, "We won. They lost."',
        [("according_to", "According to", "Kim", '"We won. They lost."')],
    ),
    (
        '"We won the war," according to Kim.',
        [("according_to", "according to", "Kim", '"We won the war,"')],
    ),
    (
        'The visit became "the high-water mark," according to aides.',
        [("according_to", "according to", "aides", 'The visit became "the high-water mark,"')],
    ),
    # A quote that ends the paragraph before is not the quote of a cue that opens this one.
    ('"We won the war."\n\nScott bristles at the suggestion.', []),
    (
        '"We won the war."\n\nScott added:\n\nWe will rest now.',
        [("indirect", "added", "Scott", "We will rest now")],
    ),
]


@pytest.mark.parametrize("text, expected", SHARED_CASES)
def test_attributions_without_parser(blank_nlp, blank_extractor, text, expected):
    assert _summary(_run(blank_nlp, blank_extractor, text)) == expected


@pytest.mark.model
@pytest.mark.parametrize("text, expected", SHARED_CASES)
def test_attributions_with_parser(trained_nlp, trained_extractor, text, expected):
    assert _summary(_run(trained_nlp, trained_extractor, text)) == expected


@pytest.mark.parametrize(
    "text, stance, entry_id",
    [
        ('"We won," he said.', "neutral", "cue.say"),
        ('"We won," he claimed.', "distancing", "cue.claim"),
        ("The ministry confirmed the deployment.", "endorsing", "cue.confirm"),
        ("Kim boasted that the troops were heroes.", "characterising", "cue.boast"),
        ("Pyongyang insisted the report was false.", "distancing", "cue.insist"),
    ],
)
def test_stance_comes_from_the_lexicon(blank_nlp, blank_extractor, text, stance, entry_id):
    (attribution,) = _run(blank_nlp, blank_extractor, text)._.attributions
    assert (attribution.stance, attribution.stance_entry_id) == (stance, entry_id)


def test_unclosed_quote_is_tolerated(blank_nlp, blank_extractor):
    doc = _run(blank_nlp, blank_extractor, 'Kim said: "We will never stop fighting')
    (attribution,) = doc._.attributions
    assert attribution.is_direct
    assert attribution.content.text == '"We will never stop fighting'
    assert [q.closed for q in doc._.quotes] == [False]


def test_chain_speaker_and_channel(blank_nlp, blank_extractor):
    doc = _run(blank_nlp, blank_extractor, "Nine soldiers died in August, Kim said, KCNA reported.")
    (attribution,) = doc._.attributions
    assert attribution.speaker.entity == "Kim"
    assert attribution.channel.entity == "KCNA"
    assert attribution.channel.source_type == "state_media"
    assert attribution.content.text == "Nine soldiers died in August"
    assert [s.text for s in doc.spans["cue"]] == ["said", "reported"]
    assert [s.text for s in doc.spans["channel"]] == ["KCNA"]


@pytest.mark.parametrize(
    "text",
    [
        'Families are "the most patriotic people in the world," Kim told the parents, KCNA said.',
        "Kim noted that the troops wrote letters home, according to KCNA.",
    ],
)
def test_media_speaker_of_an_outer_cue_is_the_channel(blank_nlp, blank_extractor, text):
    attribution = _run(blank_nlp, blank_extractor, text)._.attributions[0]
    assert attribution.speaker.entity == "Kim"
    assert "KCNA" not in attribution.content.text
    assert (attribution.channel.entity, attribution.channel.source_type) == ("KCNA", "state_media")


#: (text, content): a relay citing its channel, worded three ways.
RELAY_CASES = [
    ("North Korea sent more troops, Yonhap reported, citing KCNA.",
     "North Korea sent more troops"),
    ("Yonhap reported, citing KCNA, that the troops left.", "that the troops left"),
    ("According to Yonhap, citing KCNA, the troops left.", "the troops left"),
]


@pytest.mark.parametrize("mode", ["blank", pytest.param("trained", marks=pytest.mark.model)])
@pytest.mark.parametrize(("text", "content"), RELAY_CASES)
def test_relay_citing_a_channel(mode, request, text, content):
    nlp = request.getfixturevalue(f"{mode}_nlp")
    extractor = request.getfixturevalue(f"{mode}_extractor")
    (attribution,) = _run(nlp, extractor, text)._.attributions
    assert attribution.relay.entity == "Yonhap"
    assert attribution.relay.source_type == "wire_agency"
    assert attribution.channel.entity == "KCNA"
    assert attribution.content.text == content


def test_capitalised_noun_is_not_a_cue_without_tags(blank_nlp, blank_extractor):
    doc = _run(blank_nlp, blank_extractor, "State Department spokesman Vedant Patel spoke.")
    assert doc._.attributions == []


def test_span_groups_carry_labels_and_entry_ids(blank_nlp, blank_extractor):
    doc = _run(blank_nlp, blank_extractor, '"We won," Kim claimed, as officials said.')
    cues = {(s.text, s.label_, s.id_) for s in doc.spans["cue"]}
    assert ("claimed", "distancing", "cue.claim") in cues
    assert [s.label_ for s in doc.spans["quote"]] == ["direct"]
    assert doc.spans["content"][0].text == '"We won,"'
    assert {s.text for s in doc.spans["speaker"]} >= {"Kim"}


def test_quote_span_labels(blank_nlp, blank_extractor):
    text = 'A "simple" plan. She liked "The Art of the Deal" a lot. "We will see."'
    doc = _run(blank_nlp, blank_extractor, text)
    assert [s.label_ for s in doc.spans["quote"]] == ["scare", "title", "unattributed"]


def test_empty_doc(blank_nlp, blank_extractor):
    doc = _run(blank_nlp, blank_extractor, "")
    assert doc._.attributions == [] and doc._.quotes == []
    assert list(doc.spans["cue"]) == []


def test_sources_are_grouped_per_entity(blank_nlp, blank_extractor):
    text = 'Leader Kim Jong Un spoke on Friday. "We won," Kim said. He added that all were heroes.'
    doc = _run(blank_nlp, blank_extractor, text)
    grouped = attribution_sources(doc._.attributions)
    assert list(grouped) == ["Kim Jong Un"]
    assert len(grouped["Kim Jong Un"]) == 2


@pytest.mark.model
def test_seed_article_runs_with_parser(trained_nlp, trained_extractor):
    from pathlib import Path

    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("004_*.txt"))
    if not seeds:
        pytest.skip("seed 004 not found")
    doc = trained_extractor(trained_nlp(seeds[0].read_text(encoding="utf-8")))
    kinds = {a.kind for a in doc._.attributions}
    assert "quoted_as_saying" in kinds
    speakers = {a.speaker.entity for a in doc._.attributions if a.speaker}
    assert any("Kim" in name for name in speakers)


@pytest.mark.model
def test_passive_subject_is_not_the_speaker(trained_nlp, trained_extractor):
    doc = _run(
        trained_nlp, trained_extractor, "Trump was asked whether he would accept the result."
    )
    assert [a.speaker for a in doc._.attributions] == [None]
    doc = _run(trained_nlp, trained_extractor, '"We won," Kim was quoted as saying.')
    assert doc._.attributions[0].speaker.entity == "Kim"


#: BBC News sentences of the scare-quote sample (tests/gold/scare_quotes) whose speaker comes
#: after the words or in a passive's "by" phrase: (text, cue, speaker or None, words that the
#: content must hold or None for no attribution at all).
POSTPOSED_AND_PASSIVE_CASES = [
    # What a passive verb of speech reports hangs off its preposition.
    ('Labour has been accused of "dirty tricks" by the Tories.', "has been accused of",
     "the Tories", "dirty tricks"),
    # The British spelling is a cue too; the small model hangs "by ... campaigners" off
    # "sleaze", yet after a passive verb of speech it is the agent.
    ('MTV has been criticised for "incessant sleaze" by television indecency campaigners.',
     "has been criticised", "television indecency campaigners", "incessant sleaze"),
    ("The Law Society dubbed Mr Clarke's new proposals an \"abuse of power\".",
     "dubbed", "The Law Society", "abuse of power"),
    # A reporting clause after a comma, parsed as a conjunct of the clause it reports.
    ('Deaths in custody have reached "shocking" levels, a committee of MPs and peers has '
     "warned.", "has warned", "a committee of MPs and peers", "shocking"),
    # Negative: a passive with a subject and no "by" credits nobody.
    ("Trump was criticised for his remarks.", "was criticised", None, "his remarks"),
    # Negative: "and" joins two clauses; the second is no reporting clause of the first.
    ("Prices rose sharply, and the committee warned.", None, None, None),
]


@pytest.mark.model
@pytest.mark.parametrize("text, cue, speaker, words", POSTPOSED_AND_PASSIVE_CASES)
def test_postposed_and_passive_speakers(trained_nlp, trained_extractor, text, cue, speaker, words):
    doc = _run(trained_nlp, trained_extractor, text)
    found = [a for a in doc._.attributions if a.content is not None and words
             and words in a.content.text]
    if words is None:
        assert not any(a.content and "Prices" in a.content.text for a in doc._.attributions)
        return
    assert len(found) == 1
    (attribution,) = found
    assert attribution.cue.text == cue
    assert (attribution.speaker.span.text if attribution.speaker else None) == speaker


@pytest.mark.model
@pytest.mark.model
@pytest.mark.parametrize(
    "text, cues",
    [
        # An embedded post's attribute value is mark-up, not the article's prose.
        ('<blockquote text="The claim is wrong, so we rate it False.">Sanders said the '
         'jobs data were bad.</blockquote>', ["said"]),
        ('<a title="Officials said the bridge was closed">link</a>', []),
        # Negative cases: prose beside mark-up, and text that only looks like mark-up.
        ('<p class="x">Officials said the bridge was closed.</p>', ["said"]),
        ('The vote = "officials said it failed", he said.', ["said"]),
    ],
)
def test_no_attribution_inside_a_markup_value(trained_nlp, trained_extractor, text, cues):
    doc = _run(trained_nlp, trained_extractor, text)
    assert [a.cue.text for a in doc._.attributions] == cues


#: (text, the writer's words inside the content, or None): a content of two quotes around its
#: cue is one content of two pieces, as PolNeAR annotates it.
CONTENT_GAP_CASES = [
    ('"We won," Kim said. "They lost."', "Kim said."),
    ('"We won," said Kim, "and they lost."', "said Kim,"),
    ('"We won," Kim said.', None),
    ('Kim said: "We won." Then he left.', None),
]


@pytest.mark.parametrize("text, gap", CONTENT_GAP_CASES)
def test_a_content_of_two_quotes_leaves_out_the_cue_between(blank_nlp, blank_extractor, text,
                                                           gap):
    doc = _run(blank_nlp, blank_extractor, text)
    [attribution] = doc._.attributions
    assert (attribution.content_gap.text if attribution.content_gap else None) == gap
    assert [span.text for span in doc.spans["content_gap"]] == ([gap] if gap else [])
    if gap:  # what the tables show: the speaker's words, the writer's elided
        assert gap not in attribution.reported_text and "\u2026" in attribution.reported_text
    else:
        assert attribution.reported_text == attribution.content.text


@pytest.mark.model
@pytest.mark.parametrize("text, gap", CONTENT_GAP_CASES)
def test_a_content_of_two_quotes_leaves_out_the_cue_between_parsed(
    trained_nlp, trained_extractor, text, gap
):
    [attribution] = _run(trained_nlp, trained_extractor, text)._.attributions
    assert (attribution.content_gap.text if attribution.content_gap else None) == gap


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cues",
    [
        # The verb credits the quote the colon opens: one attribution, not a second by colon.
        ('Mr. Trump said on Twitter: "We will win."', ["said"]),
        ('Kim: "We won."', [":"]),  # nothing else credits the quote: the colon is the cue
    ],
)
def test_a_colon_after_a_verb_that_credits_the_quote_is_no_cue(
    trained_nlp, trained_extractor, text, cues
):
    doc = _run(trained_nlp, trained_extractor, text)
    assert [span.text for span in doc.spans["cue"]] == cues


#: A second quote that a cue of its own sentence credits is that cue's, not the carrying-on
#: of the first: (text, [(kind, cue, speaker, content)]).
CREDITED_SECOND_QUOTE_CASES = [
    ('"We won," KCNA reported. "They lost," Kim was quoted as saying.',
     [("reported", "reported", "KCNA", '"We won,"'),
      ("quoted_as_saying", "quoted as saying", "Kim", '"They lost,"')]),
    ('"We won," Kim said. "They lost," he added.',
     [("direct_quote", "said", "Kim", '"We won,"'),
      ("direct_quote", "added", "he", '"They lost,"')]),
    # Negative: nothing credits the second quote, so it carries on the first.
    ('"We won," Kim said. "They lost."',
     [("direct_quote", "said", "Kim", '"We won," Kim said. "They lost."')]),
]


@pytest.mark.parametrize("text, expected", CREDITED_SECOND_QUOTE_CASES)
def test_a_second_quote_credited_by_its_own_cue_is_not_joined_to_the_first(
    blank_nlp, blank_extractor, text, expected
):
    assert _summary(_run(blank_nlp, blank_extractor, text)) == expected


@pytest.mark.model
@pytest.mark.parametrize("text, expected", CREDITED_SECOND_QUOTE_CASES)
def test_a_second_quote_credited_by_its_own_cue_is_not_joined_to_the_first_parsed(
    trained_nlp, trained_extractor, text, expected
):
    assert _summary(_run(trained_nlp, trained_extractor, text)) == expected


#: (text, (cue, speaker, content, is_direct)): the quote a colon opens a few words after the
#: cue is the cue's when the words between are whom it was said to or where; not when they are
#: a clause of their own.
COLON_AFTER_ADDRESSEE_CASES = [
    ('Cruz was critical, telling Breitbart London: "We will win."',
     ("telling", "Cruz", '"We will win."', True)),
    ('Kim told reporters: "We won the war."', ("told", "Kim", '"We won the war."', True)),
    ('Kim said on Twitter: "We won the war."', ("said", "Kim", '"We won the war."', True)),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), COLON_AFTER_ADDRESSEE_CASES)
def test_the_quote_a_colon_opens_after_the_addressee(trained_nlp, trained_extractor, text,
                                                      expected):
    doc = _run(trained_nlp, trained_extractor, text)
    assert [(a.cue.text, a.speaker.span.text, a.content.text, a.is_direct)
            for a in doc._.attributions] == [expected]


@pytest.mark.model
def test_a_clause_before_the_colon_keeps_the_verbs_own_content(trained_nlp, trained_extractor):
    doc = _run(trained_nlp, trained_extractor,
               'Kim told reporters that they lied: "We won the war."')
    [attribution] = doc._.attributions
    assert attribution.content.text.startswith("that they lied")
    assert not attribution.is_direct


@pytest.mark.model
def test_a_cue_takes_no_clause_of_the_paragraph_before(trained_nlp, trained_extractor):
    """The parse runs the first paragraph's last clause into `Limbaugh continued:`; what he
    said is the quote the colon opens, not that clause."""
    text = ("According to Limbaugh, \u201cIf it was left up to Hillary, she wouldn\u2019t have "
            "time. It\u2019s what a debate is, and the moderator ought have no role in "
            "it.'\u201d\n\nLimbaugh continued: \u201cThe left is saying it\u2019s so bad.\u201d")
    doc = _run(trained_nlp, trained_extractor, text)
    continued = [a for a in doc._.attributions if a.cue.text == "continued"]
    assert [(a.content.text, a.is_direct) for a in continued] == [
        ("\u201cThe left is saying it\u2019s so bad.\u201d", True)]


@pytest.mark.model
def test_a_quoted_title_after_according_to_is_the_source_not_the_content(
    trained_nlp, trained_extractor
):
    doc = _run(trained_nlp, trained_extractor,
               'According to "The Trumps," a biography, he was rich.')
    assert [(a.content.text, a.is_direct) for a in doc._.attributions] == [("he was rich", False)]


#: (text, speaker, content): "according to X" that opens a sentence ends at the comma before
#: the sentence's own clause, even when the parse hangs that clause on X.
ACCORDING_TO_SPEAKER_CASES = [
    ("According to conservative talk radio host Rush Limbaugh, the move reeks of fear.",
     "conservative talk radio host Rush Limbaugh", "the move reeks of fear"),
    ("According to South Korean officials, the troops left.", "South Korean officials",
     "the troops left"),
    # Negative: at the end of the sentence, the relative clause is the speaker's.
    ("The troops left, according to officials, who spoke on condition of anonymity.",
     "officials, who spoke on condition of anonymity", "The troops left"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "speaker", "content"), ACCORDING_TO_SPEAKER_CASES)
def test_according_to_speaker_ends_before_the_sentence_clause(trained_nlp, trained_extractor,
                                                              text, speaker, content):
    doc = _run(trained_nlp, trained_extractor, text)
    assert [(a.speaker.span.text, a.content.text) for a in doc._.attributions] == [
        (speaker, content)]


#: (text, (cue, speaker)): a cue that opens its sentence with its speaker after it.
INVERTED_SPEAKER_CASES = [
    ('It was late.\n\nSaid Ellis: \u201cI don\u2019t get the sense she\u2019s the least bit '
     'interested in tax reform.\u201d', ("Said", "Ellis")),
    ('Added the spokesman: "We will not comment."', ("Added", "the spokesman")),
    ('Said on Twitter: "We won."', ("Said", None)),  # where it was said, not who
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), INVERTED_SPEAKER_CASES)
def test_an_inverted_speaker(trained_nlp, trained_extractor, text, expected):
    doc = _run(trained_nlp, trained_extractor, text)
    assert [(a.cue.text, a.speaker.span.text if a.speaker else None)
            for a in doc._.attributions] == [expected]


@pytest.mark.model
def test_a_clause_of_an_earlier_paragraph_is_not_the_cues(trained_nlp, trained_extractor):
    """The parse hangs the question that ends one paragraph on the next paragraph's
    'noted' (seen in PolNeAR train); Breitbart News noted the dichotomy, not the question."""
    text = ("Further, isn\u2019t associating with an accused rapist too reminiscent of the "
            "sexual assaults her husband, Bill, is accused of?\n\nBreitbart News, for one, "
            "noted the dichotomy between the way the two men are being treated, as Cosby is "
            "attacked in the media while Bill Clinton is celebrated.")
    doc = _run(trained_nlp, trained_extractor, text)
    [noted] = [a for a in doc._.attributions if a.cue.text == "noted"]
    assert noted.speaker.span.text == "Breitbart News"
    assert noted.content.text.startswith("the dichotomy")
