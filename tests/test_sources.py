"""Tests for framing.annotate.sources: resolving speaker mentions to entities and typing them."""

from __future__ import annotations

import pytest

from framing.annotate.attribution.extract import AttributionExtractor


def _speakers(nlp, extractor, text):
    doc = extractor(nlp(text))
    return [
        (a.speaker.span.text, a.speaker.entity, a.speaker.source_type, a.speaker.named)
        for a in doc._.attributions
        if a.speaker is not None
    ]


#: (text, [(mention, entity, source type, named)]) that hold with or without a parser.
TYPING_CASES = [
    ("Analysts say the deal is fragile.", [("Analysts", "analysts", "expert", False)]),
    ("Officials said the troops left.", [("Officials", "officials", "government", False)]),
    ("Sources told Yonhap the troops left.", [("Sources", "sources", "anonymous", False)]),
    (
        "South Korean lawmakers said the troops left.",
        [("South Korean lawmakers", "south korean lawmakers", "government", False)],
    ),
    ("KCNA reported that the troops returned.", [("KCNA", "KCNA", "state_media", True)]),
    ("Yonhap reported that the troops returned.", [("Yonhap", "Yonhap", "wire_agency", True)]),
    ("Pyongyang said the troops returned.", [("Pyongyang", "Pyongyang", "government", True)]),
    (
        "Human Rights Watch said the troops were forced to fight.",
        [("Human Rights Watch", "Human Rights Watch", "ngo", True)],
    ),
]


@pytest.mark.parametrize("text, expected", TYPING_CASES)
def test_source_typing_without_parser(blank_nlp, blank_extractor, text, expected):
    assert _speakers(blank_nlp, blank_extractor, text) == expected


@pytest.mark.model
@pytest.mark.parametrize("text, expected", TYPING_CASES)
def test_source_typing_with_parser(trained_nlp, trained_extractor, text, expected):
    assert _speakers(trained_nlp, trained_extractor, text) == expected


RESOLUTION_TEXT = (
    "North Korean leader Kim Jong Un visited the troops on Friday. "
    '"You are heroes," Kim said. '
    "He added that nine soldiers had died. "
    "The North Korean leader said the mission was a success."
)


@pytest.mark.parametrize("mode", ["blank", pytest.param("trained", marks=pytest.mark.model)])
def test_pronouns_and_short_mentions_resolve_to_the_full_name(mode, request, lexicons):
    nlp = request.getfixturevalue(f"{mode}_nlp")
    extractor = AttributionExtractor(nlp, lexicons)
    speakers = _speakers(nlp, extractor, RESOLUTION_TEXT)
    assert [s[0] for s in speakers] == ["Kim", "He", "The North Korean leader"]
    assert {s[1] for s in speakers} == {"Kim Jong Un"}
    assert {s[2] for s in speakers} == {"government"}  # typed by "leader" before the name
    assert all(s[3] for s in speakers)


@pytest.mark.parametrize(
    "text, source_type",
    [
        ("Professor Lim Eul-chul of Kyungnam University said the move was expected.", "expert"),
        (
            "State Department spokesman Vedant Patel told reporters the move was dangerous.",
            "government",
        ),
        ("A military spokesman said the drills would continue.", "military"),
        ("South Korea's spy agency said about 600 had been killed.", "intelligence"),
    ],
)
def test_titles_and_appositives_type_a_person(blank_nlp, blank_extractor, text, source_type):
    ((_, _, typed, _),) = _speakers(blank_nlp, blank_extractor, text)
    assert typed == source_type


def test_named_person_with_title_is_named(blank_nlp, blank_extractor):
    text = "State Department spokesman Vedant Patel told reporters the move was dangerous."
    ((_, entity, _, named),) = _speakers(blank_nlp, blank_extractor, text)
    assert entity == "Vedant Patel" and named


def test_unresolvable_pronoun_is_unknown(blank_nlp, blank_extractor):
    ((mention, _, source_type, named),) = _speakers(
        blank_nlp, blank_extractor, "He said it rained."
    )
    assert (mention, source_type, named) == ("He", "unknown", False)


@pytest.mark.parametrize(
    "text, runs",
    [
        ("Kim Jong-un met Lim Eul-chul in Seoul.", ["Kim Jong-un", "Lim Eul-chul", "Seoul"]),
        # a sentence-initial determiner opens no run; one inside a sentence does
        ("The minister said The Times lied.", ["The Times"]),
        # a hyphen carries a run on, into a lowercase half ("Eul-chul"); "Mr." is no word
        ("Mr. Smith and NATO - and EU-", ["Smith", "NATO - and"]),
        # negative: no capitalised word, or only a hyphen
        ("officials said so - again.", []),
        ("", []),
    ],
)
def test_capitalised_runs(blank_nlp, text, runs):
    from framing.annotate.source_words import _capitalised_runs

    assert [run.text for run in _capitalised_runs(blank_nlp(text))] == runs


@pytest.mark.parametrize(
    "start, end",
    [(0, 10), (2, 5), (3, 4), (5, 5), (7, 9), (0, 0), (9, 12)],
)
def test_type_hits_index_finds_what_a_scan_finds(start, end):
    from framing.annotate.source_words import TypeHits, type_in

    rows = [
        (3, 4, "government", "a"),
        (2, 4, "military", "b"),
        (3, 4, "expert", "c"),
        (7, 9, "state_media", "d"),
        (0, 1, "anonymous", "e"),
    ]
    scan = type_in(start, end, list(rows))
    assert type_in(start, end, TypeHits(rows)) == scan


#: (text, speaker mention, source type): roles for any beat (issue #13), each rule with a
#: case where it must not fire.
ROLE_CASES = [
    # the role lexicon
    ("The Trump campaign said the ad would air nationally.", "The Trump campaign", "political"),
    ("Campaign officials said the rally was full.", "Campaign officials", "political"),
    ("Officials said the rally was full.", "Officials", "government"),  # not a campaign's
    ("Police said the man was armed.", "Police", "law_enforcement"),
    ("A lawyer for the family said the video was clear.", "A lawyer for the family", "legal"),
    ("Attorney General Loretta Lynch said the review was over.",
     "Attorney General Loretta Lynch", "government"),  # an office, not a lawyer
    ("Sen. Ted Cruz said he would vote for the bill.", "Sen. Ted Cruz", "government"),
    ("Democratic voters said they were worried.", "Democratic voters", "public"),
    ("A Democratic source said the vote was close.", "A Democratic source", "anonymous"),
    ("Republicans said the findings were troubling.", "Republicans", "political"),
    # an apposition after the name, closed by punctuation
    ("Ryan Ellis, a Republican tax consultant, said the plan was costly.\n"
     "Ellis said it again on Monday.", "Ellis", "expert"),
    # a name that owns a campaign is a candidate's
    ("Clinton's campaign bought ads in Ohio. Clinton said the economy was strong.",
     "Clinton", "political"),
    # "I" outside quote marks is the writer; inside them, the quoted speaker
    ("I believe the plan will fail.", "I", "media_outlet"),
    ('"I believe the plan will fail," Kim Jong Un said.', "I", None),
    # a role given later in the text types an earlier mention
    ("Trump said the debate was rigged. Later, Republican nominee Donald Trump left the hall.",
     "Trump", "political"),
]


@pytest.mark.model
@pytest.mark.parametrize("text, mention, source_type", ROLE_CASES)
def test_roles_type_sources_on_any_beat(trained_nlp, trained_extractor, text, mention,
                                        source_type):
    found = {m: t for m, _entity, t, _named in _speakers(trained_nlp, trained_extractor, text)}
    assert found.get(mention) == source_type, found


def test_apposition_must_be_closed_before_a_verb(trained_nlp, trained_extractor):
    """"Clinton, police said": the police are the speakers, not Clinton's role."""
    from spacy.attrs import IDX, IS_ALPHA, LOWER, ORTH, POS

    from framing.annotate.source_words import apposition_bounds_of as _apposition_bounds_of

    doc = trained_nlp("They met Clinton, police said. They met Lynch, the attorney general.")
    columns = doc.to_array([LOWER, IS_ALPHA, ORTH, POS, IDX]).T.tolist()
    clinton = next(t.i for t in doc if t.text == "Clinton")
    lynch = next(t.i for t in doc if t.text == "Lynch")
    assert _apposition_bounds_of(columns, clinton + 1) is None
    start, end = _apposition_bounds_of(columns, lynch + 1)
    assert doc[start:end].text == "the attorney general"
