"""Tests for provenance: chains (speaker -> channel -> relay), evidence (visual, finding),
cues that credit no words, and framing.annotate.attribution.provenance's article-level channel of a
state organ.

Sentences are from the seeds (seeds/00*.txt, some shortened); the expected readings are mine,
checked against ../shared/seeds/READING.md.
"""

from __future__ import annotations

import pytest

from framing.annotate.attribution.provenance import trace_state_organs
from framing.annotate.records import Attribution, Source, TextSpan, distinct_sources


def _chains(nlp, extractor, text):
    """(kind, cue, speaker entity, channel entity, relay entity) of each attribution."""
    return [
        (
            a.kind,
            a.cue.text if a.cue else None,
            a.speaker.entity if a.speaker else None,
            a.channel.entity if a.channel else None,
            a.relay.entity if a.relay else None,
        )
        for a in extractor(nlp(text))._.attributions
    ]


#: (text, [(kind, cue, speaker, channel, relay)]) that hold with or without a parser.
CHAIN_CASES = [
    # 001: the outlet's cue closes the sentence.
    (
        "Nine members of the regiment died during the 120-day deployment that started in "
        "August, Kim said in his speech at a welcome ceremony on Friday, KCNA reported.",
        [("indirect", "said", "Kim", "KCNA", None)],
    ),
    # A relay citing its channel: the words are KCNA's report, passed on by Yonhap.
    (
        "North Korea sent more troops, Yonhap reported, citing KCNA.",
        [("reported", "reported", None, "KCNA", "Yonhap")],
    ),
    # The same relay, however it is worded.
    (
        "Yonhap reported, citing KCNA, that the troops left.",
        [("reported", "reported", None, "KCNA", "Yonhap")],
    ),
    (
        "According to Yonhap, citing KCNA, the troops left.",
        [("reported", "According to", None, "KCNA", "Yonhap")],
    ),
    (
        "The troops left, Yonhap said, quoting KCNA.",
        [("reported", "said", None, "KCNA", "Yonhap")],
    ),
    # A channel and a relay of a named speaker: the speaker stays.
    (
        "The troops were heroes, Kim said, according to KCNA.",
        [("indirect", "said", "Kim", "KCNA", None)],
    ),
    (
        "The troops were heroes, Kim said, according to Yonhap, citing KCNA.",
        [("indirect", "said", "Kim", "KCNA", "Yonhap")],
    ),
    (
        "Kim was quoted as saying the troops were heroes, KCNA reported.",
        [("quoted_as_saying", "quoted as saying", "Kim", "KCNA", None)],
    ),
    (
        "The troops were heroes, Kim said, KCNA reported.",
        [("indirect", "said", "Kim", "KCNA", None)],
    ),
    # 001: "carried ... by" after the cue.
    (
        "North Korea sent troops to clear mines in Russia's Kursk region earlier this year, "
        "leader Kim Jong Un said in a speech carried on Saturday by state media.",
        [("indirect", "said", "Kim Jong Un", "state media", None)],
    ),
    (
        "In a letter carried by state media, Kim Jong Un said the troops were heroes.",
        [("indirect", "said", "Kim Jong Un", "state media", None)],
    ),
    # 004: "published by" names the outlet; the generic "state media" before it does not.
    (
        '"The bonds of militant friendship remain solid and reliable even today," Putin said '
        "in the letter published by North Korean state media Voice of Korea.",
        [("direct_quote", "said", "Putin", "Voice of Korea", None)],
    ),
    # Visual evidence: no speaker; the channel is who released the images.
    (
        "Images released by KCNA showed a smiling Kim embracing returned soldiers.",
        [("visual", "showed", None, "KCNA", None)],
    ),
    (
        "KCTV footage showed Kim kneeling before a portrait of a fallen soldier.",
        [("visual", "showed", None, "Korean Central Television", None)],
    ),
    (
        "In early July, state media showed a visibly emotional Kim honoring flag-draped coffins.",
        [("visual", "showed", None, "state media", None)],
    ),
    ("Images showed a smiling Kim.", [("visual", "showed", None, None, None)]),
    # 000: a report is a finding, not an expert.
    (
        "Saturday's report confirms the details of the deployment.",
        [("finding", "confirms", None, "Saturday's report", None)],
    ),
    # A fact acknowledged stays an attribution.
    (
        "Kim and Russian President Vladimir Putin acknowledged the deployment in April.",
        [("indirect", "acknowledged", "Vladimir Putin", None, None)],
    ),
]

#: Cues that credit no words to anyone, with or without a parser.
NO_ATTRIBUTION = [
    "Kim and Putin signed a mutual defense pact last year.",
    "Pyongyang and Moscow have forged close ties after the Kremlin found itself "
    "diplomatically isolated following its invasion of Ukraine.",
    "Some of the soldiers appeared injured and in wheelchairs.",
    "Readers can expect more delays.",
]


@pytest.mark.parametrize("text, expected", CHAIN_CASES)
def test_chains_without_parser(blank_nlp, blank_extractor, text, expected):
    assert _chains(blank_nlp, blank_extractor, text) == expected


@pytest.mark.model
@pytest.mark.parametrize("text, expected", CHAIN_CASES)
def test_chains_with_parser(trained_nlp, trained_extractor, text, expected):
    assert _chains(trained_nlp, trained_extractor, text) == expected


#: Chains the parse reads and the surface rules (``--fast``) do not.
PARSED_CHAIN_CASES = [
    (
        "Yonhap, citing KCNA, reported that the troops left.",
        [("reported", "reported", None, "KCNA", "Yonhap")],
    ),
    (
        "KCNA quoted Kim as saying that the troops were heroes.",
        [("quoted_as_saying", "quoted", "Kim", "KCNA", None)],
    ),
    (
        "Kim was quoted by KCNA as saying the troops were heroes.",
        [("quoted_as_saying", "was quoted", "Kim", "KCNA", None)],
    ),
    (
        "Yonhap, citing KCNA, reported that Kim said the troops were heroes.",
        [("indirect", "said", "Kim", "KCNA", "Yonhap")],
    ),
    # Negative: quoting an author is no channel.
    ("He quoted Lincoln often.", [("indirect", "quoted", "He", None, None)]),
]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", PARSED_CHAIN_CASES)
def test_chains_the_parse_reads(trained_nlp, trained_extractor, text, expected):
    assert _chains(trained_nlp, trained_extractor, text) == expected


def test_an_image_word_heads_a_speaker_but_does_not_open_one(blank_nlp, blank_extractor):
    """Without a parser: "footage of Hillary Clinton asking" is Clinton's quote (the speaker
    phrase stops at the image word), while "The footage showed" is visual evidence."""
    text = 'The ad uses footage of Hillary Clinton asking, "Why aren\'t I 50 points ahead?"'
    assert _chains(blank_nlp, blank_extractor, text) == [
        ("direct_quote", "asking", "Hillary Clinton", None, None)
    ]
    text = "The footage showed Scott calmly leaving his car."
    assert _chains(blank_nlp, blank_extractor, text) == [("visual", "showed", None, None, None)]


@pytest.mark.parametrize("text", NO_ATTRIBUTION)
def test_non_speech_is_no_attribution_without_parser(blank_nlp, blank_extractor, text):
    assert _chains(blank_nlp, blank_extractor, text) == []


@pytest.mark.model
@pytest.mark.parametrize("text", NO_ATTRIBUTION)
def test_non_speech_is_no_attribution_with_parser(trained_nlp, trained_extractor, text):
    assert _chains(trained_nlp, trained_extractor, text) == []


#: What only the parse reads right: (text, [(kind, cue, speaker, channel, relay)]).
PARSED_CASES = [
    # 002: a sentence with no attribution lends its channel to the quotes of its paragraph.
    (
        "Kim praised the returning soldiers for being “courageous and responsible all the "
        "time” and described them as working “a miracle”. The remarks were in a speech "
        "published in English in full by the North Korean Foreign Ministry.",
        [
            ("indirect", "praised", "Kim", "the North Korean Foreign Ministry", None),
            ("indirect", "described", "Kim", "the North Korean Foreign Ministry", None),
        ],
    ),
    # 004: "They" after a visual is the same photos.
    (
        "Photos released by state media showed Kim pinning commendation badges on uniforms. "
        "They also showed him embracing tearful family members of deceased soldiers.",
        [
            ("visual", "showed", None, "state media", None),
            ("visual", "also showed", None, "state media", None),
        ],
    ),
    # 002: releasing a video is visual evidence, the releaser its channel.
    (
        "By January, Ukrainian President Volodymyr Zelensky published a video showing alleged "
        "North Korean soldiers captured on the battlefield.",
        [("visual", "published", None, "Volodymyr Zelensky", None)],
    ),
    # 002: quoted in an outlet.
    (
        "Oleh Alexandrov, an officer of the Foreign Intelligence Service of Ukraine, was quoted "
        "in the state media outlet Ukrinform as stating that Pyongyang was offering shells.",
        [("indirect", "stating", "Oleh Alexandrov", "Ukrinform", None)],
    ),
    # 000 (ANI): Kim's words reach the outlet through the one state account it names, KCNA;
    # Yonhap, credited with one of them, is passing that account on.
    (
        "According to the Korean Central News Agency (KCNA), the ceremony took place on "
        'Friday.\n\n"You could work a miracle," Kim Jong-un said.\n\nHe praised the regiment '
        "for completing an almost impossible task, according to Yonhap News Agency.",
        [
            ("according_to", "According to", "KCNA", None, None),
            ("direct_quote", "said", "Kim Jong-un", "KCNA", None),
            ("indirect", "praised", "Kim Jong-un", "KCNA", "Yonhap News Agency"),
        ],
    ),
    # 002: identifying X as Y is a characterisation, kept though no lexicon entry lists it.
    (
        "North Korean state media identified the regiment in question as highly trained "
        "engineers rather than frontline soldiers.",
        [("indirect", "identified", "north korean state media", None, None)],
    ),
    # 004: the letter carries Putin's words.
    (
        "The ceremony came a week after Kim received a letter from Russian President Vladimir "
        'Putin that also described the North Korean troops as "heroic."',
        [("indirect", "also described", "Vladimir Putin", None, None)],
    ),
    # 002: parsed as a participle of its subject ("the service estimated"), the finite verb.
    (
        "Ukraine’s intelligence service estimated in October that, in addition to offering "
        "soldiers, North Korea is meeting as much as half of Russia’s ammunition demand.",
        [("indirect", "estimated", "Ukraine’s intelligence service", None, None)],
    ),
    # 004: the officials back the main clause, not the "though" clause, and a silence credits
    # the two countries with nothing.
    (
        "Though the two countries have not revealed the exact number of troops involved, it "
        "could be as high as 15,000, according to South Korean, U.S. and Ukrainian officials.",
        [
            (
                "according_to",
                "according to",
                "south korean u.s. and ukrainian officials",
                None,
                None,
            ),
        ],
    ),
]

#: What only the parse reads right: no attribution.
PARSED_NO_ATTRIBUTION = [
    # 002: a gesture of recognition.
    "Communist dictator Kim Jong-un of North Korea held a welcome back ceremony for soldiers "
    "this weekend, acknowledging a regiment.",
    # 000: a demonstrative credits no one (the learned detector calls "marked" a cue).
    "This marked one of North Korea's lesser-acknowledged deployments to support Russia.",
    # 003: a silence, not a statement.
    "The two countries have not publicly disclosed the scale of the deployment or casualties.",
    # Acts the learned detector calls cues: no words credited.
    "Addressing the gathering, Kim Jong-un welcomed the soldiers home.",
]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", PARSED_CASES)
def test_chains_that_need_the_parse(trained_nlp, trained_extractor, text, expected):
    assert _chains(trained_nlp, trained_extractor, text) == expected


@pytest.mark.model
@pytest.mark.parametrize("text", PARSED_NO_ATTRIBUTION)
def test_acts_are_no_attribution(trained_nlp, trained_extractor, text):
    assert _chains(trained_nlp, trained_extractor, text) == []


@pytest.mark.model
def test_referring_to_is_a_gloss_not_a_claim(trained_nlp, trained_extractor):
    text = (
        '"The victory is a great feat that defended the great honor of the KPA," Kim was '
        "quoted as saying, referring to his military, the Korean People's Army."
    )
    assert [a.kind for a in trained_extractor(trained_nlp(text))._.attributions] == [
        "quoted_as_saying"
    ]


def test_evidence_keeps_its_source_span_for_polnear(blank_nlp, blank_extractor):
    """PolNeAR marks "the poll" as the source of "shows": the span is written, though the
    record has no speaker."""
    doc = blank_extractor(blank_nlp("Saturday's report confirms the details."))
    assert [(s.text, s.label_) for s in doc.spans["speaker"]] == [("Saturday's report", "document")]
    assert list(doc.spans["channel"]) == []  # the channel is the speaker span itself
    (attribution,) = doc._.attributions
    assert attribution.speaker is None and attribution.is_evidence


def test_a_state_organ_is_marked_for_every_mention(blank_nlp, blank_extractor):
    text = (
        "North Korean leader Kim Jong Un said the troops were heroes, KCNA reported. "
        '"We won," Kim said. South Korean lawmakers said the troops had left.'
    )
    speakers = [
        (a.speaker.entity, a.speaker.state_organ)
        for a in blank_extractor(blank_nlp(text))._.attributions
    ]
    assert speakers == [
        ("Kim Jong Un", True),
        ("Kim Jong Un", True),
        ("south korean lawmakers", False),
    ]


@pytest.mark.model
def test_a_state_organ_among_joint_speakers(trained_nlp, trained_extractor):
    """003: "Kim and Russian President Vladimir Putin acknowledged the deployment": the words
    are Kim's too, so they rest on state media; Putin alone later is no organ."""
    text = (
        "North Korean leader Kim Jong-un has promised a beautiful life, state media said. "
        "The meeting came after Kim and Russian President Vladimir Putin acknowledged the "
        'deployment in April. "We are friends," Putin said.'
    )
    speakers = [
        (a.cue.text, a.speaker.state_organ)
        for a in trained_extractor(trained_nlp(text))._.attributions
    ]
    assert speakers == [("has promised", True), ("acknowledged", True), ("said", False)]


# ---- framing.annotate.attribution.provenance on records
# -------------------------------------------------------


def _source(entity, source_type="government", organ=False, at=0):
    return Source(TextSpan(at, at + len(entity), entity), entity, source_type, True, None, organ)


def _attribution(at, speaker=None, channel=None, relay=None, kind="indirect"):
    return Attribution(
        kind=kind,
        sentence=TextSpan(at, at + 10, "x" * 10),
        cue=None,
        cue_lemma="say",
        stance="neutral",
        stance_entry_id="cue.say",
        speaker=speaker,
        content=None,
        channel=channel,
        relay=relay,
    )


KIM = _source("Kim Jong Un", organ=True)
KCNA = _source("KCNA", "state_media")
YONHAP = _source("Yonhap", "wire_agency")
MINISTRY = _source("the North Korean Foreign Ministry", organ=True)


@pytest.mark.parametrize(
    "attributions, expected",
    [
        # The channel credited to the same speaker earlier carries on.
        (
            [_attribution(0, KIM, KCNA), _attribution(50, KIM)],
            [("KCNA", None), ("KCNA", None)],
        ),
        # An article-level state account, and a non-state channel that becomes the relay.
        (
            [_attribution(0, KCNA), _attribution(50, KIM, YONHAP)],
            [(None, None), ("KCNA", "Yonhap")],
        ),
        # Credited later only: the first one after is taken.
        (
            [_attribution(0, KIM), _attribution(50, KIM, KCNA)],
            [("KCNA", None), ("KCNA", None)],
        ),
        # An organ that published the words itself carries on too.
        (
            [_attribution(0, KIM, MINISTRY), _attribution(50, KIM)],
            [("the North Korean Foreign Ministry", None)] * 2,
        ),
        # No state account in the article: nothing to trace.
        ([_attribution(0, KIM, YONHAP)], [("Yonhap", None)]),
        # Not a state organ: left alone.
        (
            [_attribution(0, KCNA), _attribution(50, _source("Yang Moo-jin", "expert"))],
            [(None, None), (None, None)],
        ),
    ],
)
def test_trace_state_organs(attributions, expected):
    traced = trace_state_organs(attributions)
    assert [
        (a.channel.entity if a.channel else None, a.relay.entity if a.relay else None)
        for a in traced
    ] == expected


def test_distinct_sources_leave_out_evidence():
    attributions = [
        _attribution(0, KIM, KCNA),
        _attribution(20, None, _source("state media", "state_media"), kind="visual"),
        _attribution(40, None, _source("Saturday's report", "document"), kind="finding"),
    ]
    assert distinct_sources(attributions) == {"kim jong un", "kcna"}


#: (text, index of the cue word, entry id, whether it names where the words came from)
CITES_CASES = [
    ("Yonhap reported, citing KCNA.", 3, "cue.cite", True),
    ("Yonhap cited a source.", 1, "cue.cite", False),
    ("Yonhap said, quoting KCNA.", 3, "cue.quote", True),
    ("He was quoting Lincoln.", 2, "cue.quote", False),  # no comma: his own act
    ("Yonhap reported, citing KCNA.", 1, "cue.report", False),
]


@pytest.mark.parametrize(("text", "index", "entry_id", "cites"), CITES_CASES)
def test_cites_a_source(blank_nlp, text, index, entry_id, cites):
    from framing.annotate.attribution.cues import cites_a_source

    doc = blank_nlp(text)
    assert cites_a_source(entry_id, doc[index : index + 1]) is cites
