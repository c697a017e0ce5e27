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


@pytest.fixture(scope="module")
def rules_extractor(trained_nlp, lexicons):
    """The trained pipeline's extractor without the learned fallback: a name the rules leave
    unknown stays unknown, so a case shows what the rules alone do."""
    extractor = AttributionExtractor(trained_nlp, lexicons)
    extractor.resolver.type_model = None
    return extractor


#: (text, speaker mention, source type the rules give): the title the descriptor walk stopped
#: inside, the age after a name, the apposition closed by a relative pronoun and the role
#: words added to sources.yaml, each with cases where they must not fire.
RULE_CASES = [
    # A short title the walk stopped at ("Sen." is no plain word), before a place name.
    ("Massachusetts Sen. Elizabeth Warren grilled the banker. Warren said he should resign.",
     "Warren", "government"),
    ("Sens. Jeff Merkley and Sherrod Brown wrote to the bank. Merkley said it had failed.",
     "Merkley", "government"),
    # A title with "of" in it: the walk stopped at "of".
    ("Republican Secretary of State Jon Husted appealed the ruling. Husted said the rolls "
     "were clean.", "Husted", "government"),
    # Negative: a past title is not taken whole.
    ("Former Secretary of State Hillary Clinton spoke on Monday. Clinton said the plan would "
     "work.", "Clinton", "unknown"),
    ("Retired Lt. Gen. Michael Flynn spoke at the rally. Flynn said the plan was right.",
     "Flynn", "unknown"),
    # A past office is no office: a former office holder speaks as a politician.
    ("Former President Bill Clinton said the plan would work.",
     "Former President Bill Clinton", "political"),
    ("Former Pennsylvania Gov. Ed Rendell said the party was ready.",
     "Former Pennsylvania Gov. Ed Rendell", "political"),
    # Negative: an office held now.
    ("President Barack Obama said the plan would work.", "President Barack Obama",
     "government"),
    # Negative: a former minister keeps the office's type.
    ("Former Foreign Minister Jorge Castaneda said the deal was fair.",
     "Former Foreign Minister Jorge Castaneda", "government"),
    # Negative: a past title of another kind keeps its kind.
    ("Former CIA Director John Brennan said the plan would work.",
     "Former CIA Director John Brennan", "intelligence"),
    # An age set off by commas: a member of the public.
    ("Quina Jones, 25, was in the park on Sunday. Jones said the city was calm.", "Jones",
     "public"),
    # Negative: a title still wins over the age.
    ("Gov. Pat McCrory, 60, signed the bill. McCrory said it was fair.", "McCrory",
     "government"),
    # Negative: a share is no age.
    ("Clinton, 48 percent of them say, is ahead. Clinton said the race was close.", "Clinton",
     "unknown"),
    # An apposition closed by a relative pronoun.
    ("Douglas Holtz-Eakin, an economist who led the budget office, spoke. Holtz-Eakin said the "
     "plan was costly.", "Holtz-Eakin", "expert"),
    # Negative: no words before the relative pronoun, no apposition.
    ("Kevin Barrett, who met the miners, spoke. Barrett said the plan was costly.", "Barrett",
     "unknown"),
    # Role words for any beat.
    ("9/11 widow Terry Strada met the senators. Strada said the law was right.", "Strada",
     "public"),
    ("Chancellor Angela Merkel met the leaders. Merkel said the union would hold.", "Merkel",
     "government"),
    # A retired rank types nothing: a retired officer is no member of the forces.
    ("Retired Admiral Harry Harris met the sailors. Harris said the fleet was ready.", "Harris",
     "unknown"),
    ("Admiral Harry Harris met the sailors. Harris said the fleet was ready.", "Harris",
     "military"),
    ("Tom Clarke, a nursing home owner, bought the mine. Clarke said it would pay.", "Clarke",
     "business"),
]


@pytest.mark.model
@pytest.mark.parametrize("text, mention, source_type", RULE_CASES)
def test_titles_ages_and_appositions_type_a_name(trained_nlp, rules_extractor, text, mention,
                                                 source_type):
    found = {m: t for m, _entity, t, _named in _speakers(trained_nlp, rules_extractor, text)}
    assert found.get(mention) == source_type, found


@pytest.mark.parametrize(
    "text, is_age",
    [
        ("Jimmy Tompkins, 31, tossed a football.", True),
        ("Donna Rawlings, 59, of Ashton said so.", True),
        ("Clinton, 48 percent said.", False),  # no comma after the number
        ("Smith, 1984, was the year.", False),  # too old to be an age
        ("Smith, he said.", False),
        ("Smith", False),  # the text ends
    ],
)
def test_age_after_a_name(blank_nlp, text, is_age):
    from spacy.attrs import IDX, IS_ALPHA, LOWER, ORTH, POS

    from framing.annotate.source_words import age_after

    doc = blank_nlp(text)
    columns = doc.to_array([LOWER, IS_ALPHA, ORTH, POS, IDX]).T.tolist()
    name_end = next(t.i for t in doc if t.text in ("Tompkins", "Rawlings", "Clinton", "Smith")) + 1
    assert age_after(columns, name_end, doc.vocab.strings) is is_age


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, apposition",
    [
        ("They met Holtz-Eakin, an economist who led the office.", "Eakin",
         "an economist"),
        ("They met Luis Rubio, a scholar whose center is in Mexico.", "Rubio", "a scholar"),
        ("They met Clinton, who spoke.", "Clinton", None),  # nothing before "who"
        ("They met Lynch, the attorney general.", "Lynch", "the attorney general"),
    ],
)
def test_a_relative_pronoun_closes_an_apposition(trained_nlp, text, name, apposition):
    from spacy.attrs import IDX, IS_ALPHA, LOWER, ORTH, POS

    from framing.annotate.source_words import apposition_bounds_of

    doc = trained_nlp(text)
    columns = doc.to_array([LOWER, IS_ALPHA, ORTH, POS, IDX]).T.tolist()
    end = next(t.i for t in doc if t.text == name) + 1
    bounds = apposition_bounds_of(columns, end)
    assert (doc[bounds[0]:bounds[1]].text if bounds else None) == apposition


def test_an_age_types_only_what_nothing_else_typed():
    """The age rule comes last: a type from the rules or the learned fallback stays."""
    from framing.annotate.records import Source, TextSpan
    from framing.annotate.source_words import AGE_ENTRY_ID, Entity, typed_by_age

    def source(entity, source_type, named=True):
        return Source(TextSpan(0, 1, "x"), entity, source_type, named)

    entities = [Entity("Clarke", 0, False, set(), set(), aged=True),
                Entity("Tompkins", 9, False, set(), set(), aged=True),
                Entity("Trump", 20, False, set(), set())]
    sources = [source("Tom Clarke", "business"), source("Jimmy Tompkins", "unknown"),
               source("Trump", "unknown"), source("tompkins", "unknown", named=False), None]
    typed = typed_by_age(sources, entities)
    assert [s.source_type if s else None for s in typed] == [
        "business", "public", "unknown", "unknown", None]
    assert typed[1].entry_id == AGE_ENTRY_ID


def test_an_unnamed_source_word_is_not_shared_with_the_name():
    """"someone like Mr. Clarke" is typed anonymous by "someone"; the other mentions of Clarke
    do not become anonymous. Negative: an office is shared."""
    from framing.annotate.records import Source, TextSpan
    from framing.annotate.source_words import share_types

    def source(text, entity, source_type):
        return Source(TextSpan(0, len(text), text), entity, source_type, True)

    shared = share_types([
        source("someone like Mr. Clarke", "Tom Clarke", "anonymous"),
        source("Mr. Clarke", "Tom Clarke", "unknown"),
        source("Sen. Warren", "Elizabeth Warren", "government"),
        source("she", "Elizabeth Warren", "unknown"),
    ])
    assert [s.source_type for s in shared] == ["anonymous", "unknown", "government",
                                              "government"]


def _typed(nlp, resolver, text, mention, last=False):
    """The type the resolver gives one mention of a text, found by its words (their last
    occurrence with ``last``)."""
    doc = nlp(text)
    start = text.rindex(mention) if last else text.index(mention)
    span = doc.char_span(start, start + len(mention))
    assert span is not None, mention
    return resolver.resolve(doc, [span])[0].source_type


#: (text, mention, type the rules give it): rules of the third source-type round, each with
#: cases where it must not fire.
MENTION_RULE_CASES = [
    # A document or image head wins over the body named before it.
    ("A Bloomberg poll found that wealthy voters are leaving.", "A Bloomberg poll",
     "document"),
    ("The latest Reuters/Ipsos opinion poll released Friday showed Clinton ahead.",
     "The latest Reuters/Ipsos opinion poll released Friday", "document"),
    ("A Government Accountability Office report released last year found abuses.",
     "A Government Accountability Office report released last year", "document"),
    # Negative: an author after the document is the source named.
    ("A new report by Politico said the plan was scrapped.", "A new report by Politico",
     "media_outlet"),
    # Negative: the body alone.
    ("Reuters reported that the plan was scrapped.", "Reuters", "wire_agency"),
    # Two sources joined at the head: the first types the mention.
    ("Republican presidential nominee Donald Trump and the Obama administration have said "
     "the tests are too many.",
     "Republican presidential nominee Donald Trump and the Obama administration", "political"),
    ("Developers and supporters in Congress say the program creates jobs.",
     "Developers and supporters in Congress", "business"),
    # Negative: a conjunction inside the modifiers joins no speakers.
    ("The House and Senate Democrats said the bill was dead.", "The House and Senate Democrats",
     "political"),
    # A retired rank types nothing, the title inside the name or not.
    ("Retired Lt. Gen. Michael Flynn said the plan was right.",
     "Retired Lt. Gen. Michael Flynn", "unknown"),
    ("A retired general said the plan was right.", "A retired general", "unknown"),
    # Negative: a rank held now.
    ("Lt. Gen. Michael Flynn said the plan was right.", "Lt. Gen. Michael Flynn", "military"),
    ("A general said the plan was right.", "A general", "military"),
    # A past post in a company types nothing either ("former" two words back, a hyphen
    # being no word).
    ("Fiorina, the former Hewlett-Packard CEO, said the plan was wrong.",
     "Fiorina, the former Hewlett-Packard CEO", "unknown"),
    # Negative: a post held now, and a past elective office (political, as before).
    ("Fiorina, the Hewlett-Packard CEO, said the plan was wrong.",
     "Fiorina, the Hewlett-Packard CEO", "business"),
    ("Former Pennsylvania Gov. Ed Rendell said the party was ready.",
     "Former Pennsylvania Gov. Ed Rendell", "political"),
    # A document that is not the head types no speaker.
    ("The ad's narrator says the plan is wrong.", "The ad's narrator", "unknown"),
    # Negative: the document as head, a poll average among them (an ad is footage: visual).
    ("The ad says the plan is wrong.", "The ad", "visual"),
    ("The letter says the plan is wrong.", "The letter", "document"),
    ("POLITICO's Battleground States average shows Clinton ahead.",
     "POLITICO's Battleground States average", "document"),
    # A financial adviser is an expert.
    ("Kevin McKinley, a financial adviser in Eau Claire, said parents should save.",
     "Kevin McKinley, a financial adviser in Eau Claire", "expert"),
    # Negative: an adviser alone says nothing of the kind.
    ("An adviser said parents should save.", "An adviser", "unknown"),
    # A clause taken for a speaker: its words do not type the name in it.
    ("In the Wells Fargo scandal, people were mistakenly charged fees, the bank said.",
     "In the Wells Fargo scandal, people were mistakenly charged fees", "unknown"),
    # Negative: a noun phrase's words do.
    ("Wells Fargo customers said they were charged fees.", "Wells Fargo customers", "public"),
    # A default-government role followed by the body it serves is that body's.
    ("A spokesman for the Green Valley Coalition said the plan was right.",
     "A spokesman for the Green Valley Coalition", "unknown"),
    ("A spokesman for the union said the plan was right.", "A spokesman for the union", "ngo"),
    ("The leader of the band said the plan was right.", "The leader of the band", "unknown"),
    # Negative: the role alone, or serving a government body.
    ("A spokesman said the plan was right.", "A spokesman", "government"),
    ("A spokesman for the State Department said the plan was right.",
     "A spokesman for the State Department", "government"),
    # A place a person is based in is no government.
    ("A Washington-based developer said the plan was right.", "A Washington-based developer",
     "business"),
    # Negative: a place as the body.
    ("Washington lawmakers said the plan was right.", "Washington lawmakers", "government"),
]

#: (text, mention, type the rules give it): rules of the fourth source-type round, each with
#: cases where it must not fire.
FOURTH_ROUND_CASES = [
    # A member of the public owns no type: the family's lawyer is a lawyer.
    ("One of the family's attorneys, Justin Bamberg, said the videos were clear.",
     "One of the family's attorneys, Justin Bamberg,", "legal"),
    # Negative: a typed body still owns its role.
    ("The company's spokesman said the plan was right.", "The company's spokesman",
     "business"),
    ("The family said the videos were clear.", "The family", "public"),
    # An executive title followed by the body it heads is that body's, or nothing.
    ("Marc Morial, the chief executive of the National Urban League, said it was wrong.",
     "Marc Morial, the chief executive of the National Urban League,", "unknown"),
    ("Jane Roe, the chief executive of the Green Valley Union, said it was wrong.",
     "Jane Roe, the chief executive of the Green Valley Union,", "ngo"),
    ("Paul Roe, founder and CEO of Iraq and Afghanistan Veterans of America, said it.",
     "Paul Roe, founder and CEO of Iraq and Afghanistan Veterans of America", "unknown"),
    # Negative: the title alone, or after the company's name.
    ("The chief executive said the plan was right.", "The chief executive", "business"),
    ("Wells Fargo CEO John Stumpf said the plan was right.", "Wells Fargo CEO John Stumpf",
     "business"),
    # An executive director heads a non-profit body.
    ("Daryl Kimball, executive director of the Arms Control Association, said it.",
     "Daryl Kimball, executive director of the Arms Control Association", "ngo"),
    # A veteran of a body is that body's.
    ("Elaine Kamarck, a two-decade veteran of the DNC Rules Committee, said it was open.",
     "Elaine Kamarck, a two-decade veteran of the DNC Rules Committee", "political"),
    # Negative: a veteran alone is the public.
    ("A veteran said the plan was right.", "A veteran", "public"),
    # A foundation may be a think tank or a charity: the word types nothing.
    ("The Tax Foundation estimates that it would cost $374 billion.", "The Tax Foundation",
     "unknown"),
    # Negative: an economist there is an expert, a union an NGO.
    ("Alan Cole, an economist at the Tax Foundation, said it was tinkering.",
     "Alan Cole, an economist at the Tax Foundation", "expert"),
    ("The union said the plan was right.", "The union", "ngo"),
    # "Fellow" is a research post only as a noun.
    ("Fellow Republicans are urging Trump to do better.", "Fellow Republicans", "political"),
    ("Nick Witney, a fellow at the European Council on Foreign Relations, said it.",
     "Nick Witney, a fellow at the European Council on Foreign Relations", "expert"),
    ("Steven Rosenthal, a senior fellow at the institute, said it.",
     "Steven Rosenthal, a senior fellow at the institute", "expert"),
    # A city attorney holds an office.
    ("City Attorney Brad Holm said in the letter that the ad was wrong.",
     "City Attorney Brad Holm", "government"),
    # A public word after a role and "to", "for" or "of" names whom the role serves.
    ("Brian Baker, a longtime political adviser to the Ricketts family, said it.",
     "Brian Baker, a longtime political adviser to the Ricketts family", "political"),
    # Negative: the public before the role, or public words alone.
    ("Jane Roe, a family friend and political adviser, said it.",
     "Jane Roe, a family friend and political adviser", "public"),
    ("A friend of the family said it.", "A friend of the family", "public"),
    # Negative: an attorney is a lawyer.
    ("An attorney for the family said the videos were clear.", "An attorney for the family",
     "legal"),
]


#: Neutral text longer than the guidelines' window (300 characters before a mention), so
#: that a title before it lies outside the window of what follows.
_FILLER = ("The weather in the state was cold and wet for most of the week, and the roads "
           "were closed in many towns along the river. ") * 3

#: (text, mention, type): rules of the sixth source-type round, each with negative cases.
SIXTH_ROUND_CASES = [
    # An office named outside the mention's window loses to campaign talk inside it.
    ("Sen. Bernie Sanders spoke in Vermont on Monday. " + _FILLER
     + "The race for the nomination goes on. Sanders said the campaign would win.",
     "Sanders", "political"),
    # Negative: the mention's own title, the office named again in the window, or no
    # campaign talk in the window.
    ("Sen. Bernie Sanders spoke in Vermont on Monday. " + _FILLER
     + "The race for the nomination goes on. Sen. Sanders said the campaign would win.",
     "Sen. Sanders", "government"),
    ("Sen. Bernie Sanders spoke in Vermont on Monday. " + _FILLER
     + "Sen. Bernie Sanders voted on the bill. The campaign goes on. Sanders said it.",
     "Sanders", "government"),
    ("Sen. Bernie Sanders spoke in Vermont on Monday. " + _FILLER
     + "The bill goes to the floor next week. Sanders said it would pass.",
     "Sanders", "government"),
    # Negative: an office word before the mention in its window ("the senator"), or a
    # party operative, not campaign talk.
    ("Sen. Bernie Sanders spoke in Vermont on Monday. " + _FILLER
     + "In defeat, the senator appeared cowed. Campaigning in 2012, he barely spoke.",
     "he", "government"),
    ("Sen. Bernie Sanders spoke in Vermont on Monday. " + _FILLER
     + "It is hard, said Bruce Haynes, a GOP strategist. Sanders said the bill would pass.",
     "Sanders", "government"),
    # Negative: the office in the window, campaign talk around it.
    ("The Democratic nominee met Sen. Bernie Sanders. Sanders said the campaign would win.",
     "Sanders", "government"),
    # Party insiders and local party leaders are the party's, not unnamed sources or rulers.
    ("Most party insiders expected a higher turnout.", "Most party insiders", "political"),
    ("Two-thirds of Democratic insiders said the deficit was too large.",
     "Two-thirds of Democratic insiders", "political"),
    ("Local party leaders say the mogul has shown strength.", "Local party leaders",
     "political"),
    # Negative: an unnamed source stays anonymous, a national leader government.
    ("A Democratic source said the deficit was too large.", "A Democratic source",
     "anonymous"),
    ("Leader Kim Jong Un said the test was a success.", "Leader Kim Jong Un", "government"),
    # A legislature's intelligence committee and the services' inspector general are
    # government, not intelligence.
    ("Senate Intelligence Committee Chairman Richard Burr said the emails were secret.",
     "Senate Intelligence Committee Chairman Richard Burr", "government"),
    ("The intelligence community's inspector general said the emails were secret.",
     "The intelligence community's inspector general", "government"),
    # Negative: an intelligence service.
    ("Intelligence officials said the emails were secret.", "Intelligence officials",
     "intelligence"),
    # A veteran of a service is a veteran, the public.
    ("Stephanie Acs, a Navy veteran, said she would vote.", "Stephanie Acs, a Navy veteran",
     "public"),
    ("Numerous military veterans said they backed him.", "Numerous military veterans",
     "public"),
    # Negative: a serving sailor or soldier.
    ("A Navy spokesman said the ship was safe.", "A Navy spokesman", "military"),
    ("Army officers said the base was safe.", "Army officers", "military"),
    # A defence minister is a minister; a general counsel a lawyer, no general.
    ("Malaysian Defence Minister Hishammuddin Hussein said the sea was calm.",
     "Malaysian Defence Minister Hishammuddin Hussein", "government"),
    ("FBI general counsel James Baker said the inquiry was independent.",
     "FBI general counsel James Baker", "law_enforcement"),
    ("Jill Martin, assistant general counsel for the company, said it had no substance.",
     "Jill Martin, assistant general counsel for the company", "legal"),
    # Negative: a general, a military spokesman.
    ("Gen. Mark Milley said the sea was calm.", "Gen. Mark Milley", "military"),
    ("A military spokesman said the sea was calm.", "A military spokesman", "military"),
    # A research center is a research body, not a document.
    ("The Pew Research Center said turnout was high.", "The Pew Research Center", "expert"),
    # Negative: research alone is a finding.
    ("The research found that turnout was high.", "The research", "document"),
    # A document or image word before a name is no title of it (a headline).
    ("A killing and video test Emanuel's political skill. Emanuel said he was sorry.",
     "Emanuel", "unknown"),
    # Negative: the image itself.
    ("The video showed the shooting.", "The video", "visual"),
]


@pytest.mark.model
@pytest.mark.parametrize("text, mention, source_type", SIXTH_ROUND_CASES)
def test_sixth_round_rules_type_a_mention(trained_nlp, rules_extractor, text, mention,
                                          source_type):
    typed = _typed(trained_nlp, rules_extractor.resolver, text, mention, last=True)
    assert typed == source_type


#: (text, mention, type): rules of the seventh source-type round, each with negative cases.
SEVENTH_ROUND_CASES = [
    # The race's events are campaign talk too: an office named outside the window loses.
    ("Sen. Marco Rubio spoke in Florida on Monday. " + _FILLER
     + "Cruz will not win the Republican presidential nomination. Rubio says he will.",
     "Rubio", "political"),
    ("Sen. Bernie Sanders spoke in Vermont on Monday. " + _FILLER
     + "Hours later came a Democratic presidential debate. He says he will win.",
     "He", "political"),
    # Negative: the office in the window, or no race in it ("the primary reason").
    ("Sen. Marco Rubio spoke in Florida on Monday. " + _FILLER
     + "Sen. Marco Rubio will not win the Republican presidential nomination. Rubio says so.",
     "Rubio", "government"),
    ("Sen. Marco Rubio spoke in Florida on Monday. " + _FILLER
     + "Cost is the primary reason for the delay. Rubio says the bill will pass.",
     "Rubio", "government"),
    # Bloomberg is cited as an outlet; a wire stays a wire.
    ("Bloomberg pegged him at $2.9 billion.", "Bloomberg", "media_outlet"),
    ("Reuters pegged him at $2.9 billion.", "Reuters", "wire_agency"),
    # A U.S. attorney is a prosecutor; another attorney a lawyer.
    ("Assistant U.S. Attorney Maya D. Song wrote that the sentence was fair.",
     "Assistant U.S. Attorney Maya D. Song", "law_enforcement"),
    ("His attorney Maya D. Song wrote that the sentence was fair.",
     "His attorney Maya D. Song", "legal"),
    # A general manager runs a company, business leaders lead firms, military analysts study
    # the forces, and the commander in chief is the president: none is the forces' or a ruler.
    ("Jay DiPietro, the club's general manager, said the course was full.",
     "Jay DiPietro, the club's general manager", "business"),
    ("State business leaders decried the law.", "State business leaders", "business"),
    ("Military analysts say the truce will not hold.", "Military analysts", "expert"),
    ("The commander in chief said the truce would hold.", "The commander in chief",
     "government"),
    # Negative: a general, a national leader, soldiers, a commander.
    ("Gen. Jay DiPietro said the course was full.", "Gen. Jay DiPietro", "military"),
    ("State leaders decried the law.", "State leaders", "government"),
    ("Military officers say the truce will not hold.", "Military officers", "military"),
    ("The commander said the truce would hold.", "The commander", "military"),
    # A president joined by "and" to an executive title is the firm's, or the body's it
    # serves.
    ("Jay DiPietro, the club's president and general manager, said the course was full.",
     "Jay DiPietro, the club's president and general manager", "business"),
    ("Marc Morial, president and chief executive of the NAACP, said the vote mattered.",
     "Marc Morial, president and chief executive of the NAACP", "ngo"),
    # An office a candidate runs for is not held; a former speaker is a past office.
    ("Late on Monday the major Democratic candidates for president said the race was close.",
     "the major Democratic candidates for president", "political"),
    ("Former House Speaker Newt Gingrich said the race was close.",
     "Former House Speaker Newt Gingrich", "political"),
    # Negative: a spokesman for the president, a speaker in office.
    ("A spokesman for the president said the race was close.",
     "A spokesman for the president", "government"),
    ("House Speaker Paul Ryan said the race was close.", "House Speaker Paul Ryan",
     "government"),
    # Negative: a president alone, or another title joined to it.
    ("Jay DiPietro, the country's president, said the course was full.",
     "Jay DiPietro, the country's president", "government"),
    ("Jay DiPietro, president and commander in chief, said the course was full.",
     "Jay DiPietro, president and commander in chief", "government"),
]


@pytest.mark.model
@pytest.mark.parametrize("text, mention, source_type", SEVENTH_ROUND_CASES)
def test_seventh_round_rules_type_a_mention(trained_nlp, rules_extractor, text, mention,
                                           source_type):
    typed = _typed(trained_nlp, rules_extractor.resolver, text, mention, last=True)
    assert typed == source_type


#: (text, the speaker the extractor finds): a dateline's wire credit is no part of a speaker.
DATELINE_CASES = [
    ("Trump in Reno. RENO, Nev. (AP) \u2014 Republican presidential hopeful Donald Trump says "
     "he doesn't watch football much anymore.",
     "Republican presidential hopeful Donald Trump"),
    ("Mukasey at the convention. CLEVELAND, July 19 (UPI) \u2014 Former Attorney General Michael "
     "Mukasey told delegates that the race was close.",
     "Former Attorney General Michael Mukasey"),
    # Negative: a dash with no credit in brackets before it, or a credit with no dash.
    ("Sen. Ted Cruz -- the Texas senator -- said on Monday that the race was close.",
     "Sen. Ted Cruz -- the Texas senator"),
    ("Sen. Ted Cruz (R-Texas) of the Senate said on Monday that the race was close.",
     "Sen. Ted Cruz (R-Texas) of the Senate"),
]


@pytest.mark.model
@pytest.mark.parametrize("text, speaker", DATELINE_CASES)
def test_a_dateline_is_no_part_of_the_speaker(trained_nlp, rules_extractor, text, speaker):
    doc = rules_extractor(trained_nlp(text))
    speakers = [a.speaker.span.text for a in doc._.attributions if a.speaker]
    assert speakers == [speaker]


#: (text, speaker, its type): a spokesperson named after a person speaks for that person.
SPOKESPERSON_CASES = [
    ("Democratic nominee Hillary Clinton spoke on Friday. Clinton spokesman Nick Merrill said "
     "she called Machado.", "Nick Merrill", "political"),
    ("Sen. Ted Cruz spoke on Friday. Cruz spokesman Nick Merrill said he called Machado.",
     "Nick Merrill", "government"),
    # Negative: no owner, an untyped owner, or a body before the title.
    ("Spokesman Nick Merrill said she called Machado.", "Nick Merrill", "government"),
    ("Jones spokesman Nick Merrill said she called Machado.", "Nick Merrill", "government"),
    ("State Department spokesman John Kirby said she called Machado.", "John Kirby",
     "government"),
]


@pytest.mark.model
@pytest.mark.parametrize("text, speaker, source_type", SPOKESPERSON_CASES)
def test_a_spokesperson_is_typed_as_the_name_that_owns_the_title(trained_nlp, rules_extractor,
                                                                 text, speaker, source_type):
    assert _typed(trained_nlp, rules_extractor.resolver, text, speaker) == source_type


@pytest.mark.model
@pytest.mark.parametrize("text, mention, source_type", FOURTH_ROUND_CASES)
def test_fourth_round_rules_type_a_mention(trained_nlp, rules_extractor, text, mention,
                                           source_type):
    assert _typed(trained_nlp, rules_extractor.resolver, text, mention) == source_type


@pytest.mark.model
@pytest.mark.parametrize("text, mention, source_type", MENTION_RULE_CASES)
def test_mention_rules_type_a_mention(trained_nlp, rules_extractor, text, mention, source_type):
    assert _typed(trained_nlp, rules_extractor.resolver, text, mention) == source_type


#: (text, the entity "He" resolves to): a person typed by a media role is still a person;
#: an outlet is not.
PRONOUN_AFTER_MEDIA_CASES = [
    pytest.param(
        "Clinton campaign manager Robby Mook told reporters the debate mattered. "
        "Conservative talk radio host Rush Limbaugh said the move reeks of fear. "
        "He added that the moderator should stay out of it.",
        "Rush Limbaugh", id="radio host"),
    pytest.param(
        "Clinton campaign manager Robby Mook told reporters the debate mattered. "
        "Yonhap News Agency reported that the talks had stalled. "
        "He added that the moderator should stay out of it.",
        "Robby Mook", id="news agency"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "entity"), PRONOUN_AFTER_MEDIA_CASES)
def test_a_pronoun_after_a_media_speaker(trained_nlp, trained_extractor, text, entity):
    speakers = _speakers(trained_nlp, trained_extractor, text)
    assert [s[1] for s in speakers if s[0] == "He"] == [entity]
