"""State-media reliance and claim-by-claim corroboration, on records built from seed sentences.

Each case is a sentence of ``seeds/`` (or a stated variant of one) with the attribution a
reader sees in it, and the reliance or corroboration a reader gives it: the figures are the
reading's, not whatever the code prints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pytest

from framing.annotate.records import Attribution, Figure, Source, TextSpan
from framing.measure.corroboration import OVERLAP_THRESHOLD, content_words, figure_key
from framing.measure.features import (
    RELIANCE_REASONS,
    state_media_claims,
    state_media_features,
    state_media_reliance,
)


@dataclass(frozen=True)
class Who:
    """A source as the attribution step resolves it."""

    text: str
    entity: str
    source_type: str
    named: bool = True
    state_organ: bool = False


KIM = Who("Kim", "Kim Jong-un", "government", state_organ=True)
KCNA = Who("KCNA", "KCNA", "state_media")
STATE_MEDIA = Who("state media", "state media", "state_media", named=False)
YONHAP = Who("Yonhap News Agency", "Yonhap News Agency", "wire_agency")
FOREIGN_MINISTRY = Who(
    "the North Korean Foreign Ministry", "north korean foreign ministry", "government",
    named=False, state_organ=True,
)  # fmt: skip
LAWMAKERS = Who("South Korean lawmakers", "south korean lawmakers", "government", named=False)
SPY_AGENCY = Who("South Korea's spy agency", "South Korea's spy agency", "intelligence")
YANG = Who("Yang Moo-jin", "Yang Moo-jin", "expert")
PATEL = Who("Vedant Patel", "Vedant Patel", "government")
INTEL = Who(
    "South Korean and Western intelligence agencies",
    "south korean and western intelligence agencies", "intelligence", named=False,
)  # fmt: skip


def _span(sentence: TextSpan, part: str | None) -> TextSpan | None:
    if part is None:
        return None
    at = sentence.text.index(part)
    return TextSpan(sentence.start + at, sentence.start + at + len(part), part)


def _source(sentence: TextSpan, who: Who | None) -> Source | None:
    if who is None:
        return None
    # The speaker's words may sit in another sentence (a pronoun resolved to Kim): fall back
    # to the sentence start, which is all these tests need of the span.
    where = _span(sentence, who.text) if who.text in sentence.text else sentence
    return Source(where, who.entity, who.source_type, who.named, state_organ=who.state_organ)


def claim(
    text: str,
    speaker: Who | None,
    *,
    cue: str,
    content: str | None = None,
    channel: Who | None = None,
    relay: Who | None = None,
    kind: str = "indirect",
    at: int = 0,
) -> Attribution:
    """An attribution in the sentence ``text`` placed at offset ``at`` of an article."""
    sentence = TextSpan(at, at + len(text), text)
    return Attribution(
        kind=kind,
        sentence=sentence,
        cue=_span(sentence, cue),
        cue_lemma=cue.lower(),
        stance="neutral",
        stance_entry_id=None,
        speaker=_source(sentence, speaker),
        content=_span(sentence, content),
        channel=_source(sentence, channel),
        relay=_source(sentence, relay),
        is_direct=kind == "direct_quote",
    )


def figure(attribution: Attribution, number: str, kind: str = "count") -> Figure:
    return Figure(_span(attribution.sentence, number), kind, None, attribution.sentence)


# --- seed sentences -------------------------------------------------------------------------

# 000 ANI: Kim's words, relayed by Yonhap from KCNA (the article names KCNA elsewhere).
ANI_KIM_VIA_YONHAP = claim(
    "He praised the regiment for completing what he said was an almost impossible task in a "
    "remarkably short time, according to Yonhap News Agency.",
    KIM, cue="praised", relay=YONHAP,
    content="the regiment for completing what he said was an almost impossible task",
)  # fmt: skip
ANI_KCNA = claim(
    "According to the Korean Central News Agency (KCNA), the ceremony took place on Friday to "
    "receive members of the 528th Regiment of Engineers, who were sent to Kursk in early August.",
    KCNA, cue="According to", kind="according_to",
    content="the ceremony took place on Friday to receive members of the 528th Regiment",
)  # fmt: skip
ANI_YONHAP = claim(
    "North Korea has held a high-profile welcoming ceremony in Pyongyang for its engineer troops, "
    "Yonhap News Agency reported.",
    YONHAP, cue="reported",
    content="North Korea has held a high-profile welcoming ceremony in Pyongyang",
)  # fmt: skip
# 002 Breitbart: Kim's words in "a speech published ... by the North Korean Foreign Ministry".
BREITBART_KIM = claim(
    "Kim praised the returning soldiers for being “courageous and responsible all the time”.",
    KIM, cue="praised", content="the returning soldiers for being “courageous and responsible",
)  # fmt: skip
BREITBART_SPEECH = claim(
    "The remarks were in a speech published in English in full by the North Korean Foreign "
    "Ministry.",
    KIM, cue="published", channel=FOREIGN_MINISTRY, content="The remarks",
)  # fmt: skip
# The same publication line for a speaker who is no state organ: the channel makes it rest.
PUBLISHED_BY_MINISTRY = claim(
    "The remarks were in a speech published in English in full by the North Korean Foreign "
    "Ministry.",
    Who("The remarks", "the remarks", "unknown", named=False), cue="published",
    channel=FOREIGN_MINISTRY,
)  # fmt: skip
# 001 The Moscow Times: Kim, KCNA reported; images released by KCNA.
MT_KIM_KCNA = claim(
    "Nine members of the regiment died during the 120-day deployment that started in August, "
    "Kim said in his speech at a welcome ceremony on Friday, KCNA reported.",
    KIM, cue="said", channel=KCNA,
    content="Nine members of the regiment died during the 120-day deployment",
)  # fmt: skip
MT_IMAGES = claim(
    "Images released by KCNA showed a smiling Kim embracing returned soldiers.",
    None, cue="showed", channel=KCNA, kind="visual",
    content="a smiling Kim embracing returned soldiers",
)  # fmt: skip
MT_STATE_MEDIA_SHOWED = claim(
    "In early July, state media showed a visibly emotional Kim honoring flag-draped coffins.",
    STATE_MEDIA, cue="showed", kind="visual",
    content="a visibly emotional Kim honoring flag-draped coffins",
)  # fmt: skip
MT_INTEL = claim(
    "North Korea has sent thousands of troops to support Russia's nearly four-year invasion of "
    "Ukraine, according to South Korean and Western intelligence agencies.",
    INTEL, cue="according to", kind="according_to",
    content="North Korea has sent thousands of troops to support Russia's nearly four-year "
    "invasion of Ukraine",
)  # fmt: skip
MT_KIM_MINES = claim(
    "North Korea sent troops to clear mines in Russia's Kursk region earlier this year, leader "
    "Kim Jong Un said in a speech carried on Saturday by state media.",
    KIM, cue="said", channel=STATE_MEDIA,
    content="North Korea sent troops to clear mines in Russia's Kursk region earlier this year",
)  # fmt: skip
# 004 NBC News: a South Korean lawmaker's figure; South Korea's spy agency; an expert.
NBC_LAWMAKERS = claim(
    "South Korean lawmakers said after an intelligence briefing in June that North Korea could "
    "deploy additional troops to Russia in July or August.",
    LAWMAKERS, cue="said",
    content="North Korea could deploy additional troops to Russia in July or August",
)  # fmt: skip
NBC_SPY_AGENCY = claim(
    "Of those, about 600 are believed to have been killed, South Korea's spy agency said.",
    SPY_AGENCY, cue="said", content="Of those, about 600 are believed to have been killed",
    at=2000,
)  # fmt: skip
NBC_YANG = claim(
    "It is \"highly unusual\" for North Korea to hold a ceremony honoring soldiers during an "
    "ongoing conflict, Yang Moo-jin told NBC News.",
    YANG, cue="told", kind="told", content="\"highly unusual\"",
)  # fmt: skip
# 003 TRT World (Reuters copy): Kim told the families, KCNA said; later "Kim was quoted".
TRT_KIM_KCNA = claim(
    "The heroic feats of the soldiers were possible because of the families, Kim told the "
    "parents, wives and children, KCNA said.",
    Who("Kim", "Kim Jong-un", "government"), cue="told", channel=KCNA,
    content="The heroic feats of the soldiers were possible because of the families",
)  # fmt: skip
TRT_KIM_QUOTED = claim(
    "\"They did not write even a short letter to me,\" Kim was quoted as saying.",
    Who("Kim", "Kim Jong-un", "government"), cue="was quoted as saying",
    kind="quoted_as_saying", content="They did not write even a short letter to me", at=500,
)  # fmt: skip


@pytest.mark.parametrize(
    "attributions, expected",
    [
        # Kim is a state organ: his words rest on state media though the article names Yonhap.
        ([ANI_KIM_VIA_YONHAP], ["state_organ"]),
        ([ANI_KCNA], ["direct"]),
        # Yonhap's own account of the ceremony: no link of its chain is state media.
        ([ANI_YONHAP], [None]),
        ([BREITBART_KIM], ["state_organ"]),
        ([BREITBART_SPEECH], ["chain"]),  # published by a state organ
        ([PUBLISHED_BY_MINISTRY], ["chain"]),
        ([MT_KIM_KCNA], ["chain"]),
        ([MT_IMAGES], ["chain"]),  # visual evidence, KCNA the channel
        ([MT_STATE_MEDIA_SHOWED], ["direct"]),
        ([MT_INTEL], [None]),
        # A South Korean lawmaker's figure does not rest on state media.
        ([NBC_LAWMAKERS], [None]),
        ([NBC_SPY_AGENCY], [None]),
        ([NBC_YANG], [None]),
        # Kim (here not flagged as an organ) is credited to KCNA elsewhere in the article.
        ([TRT_KIM_KCNA, TRT_KIM_QUOTED], ["chain", "chain"]),
        ([TRT_KIM_QUOTED], [None]),
        ([], []),
    ],
)
def test_rests_on_state_media(attributions, expected):
    assert state_media_reliance(attributions) == expected


def test_every_reason_is_one_of_the_declared_reasons():
    found = state_media_reliance([ANI_KIM_VIA_YONHAP, ANI_KCNA, MT_KIM_KCNA, ANI_YONHAP])
    assert set(found) - {None} <= set(RELIANCE_REASONS)


def test_hiding_the_origin_no_longer_lowers_reliance():
    """The same speech through Yonhap (ANI), through the Foreign Ministry (Breitbart) and
    through KCNA (The Moscow Times) rests on state media alike."""
    shares = [
        state_media_features(attributions, [], n_sentences=10)["state_media_attribution_share"]
        for attributions in (
            [ANI_KIM_VIA_YONHAP, ANI_YONHAP],
            [BREITBART_KIM, NBC_YANG],
            [MT_KIM_KCNA, MT_INTEL],
        )
    ]
    assert shares == [0.5, 0.5, 0.5]


def test_share_counts_visual_attributions_and_splits_by_reason():
    attributions = [MT_KIM_KCNA, MT_IMAGES, MT_INTEL, ANI_KIM_VIA_YONHAP, ANI_KCNA]
    features = state_media_features(attributions, [], n_sentences=10)
    assert features["state_media_attribution_share"] == pytest.approx(4 / 5)
    assert features["state_media_direct_share"] == pytest.approx(1 / 5)
    # Kim is credited to KCNA in the first sentence, so his words via Yonhap are a chain too.
    assert features["state_media_chain_share"] == pytest.approx(3 / 5)
    assert features["state_media_state_organ_share"] == 0
    alone = state_media_features([ANI_KIM_VIA_YONHAP, ANI_YONHAP], [], n_sentences=2)
    assert alone["state_media_state_organ_share"] == pytest.approx(1 / 2)


def test_no_attributions_gives_nan_reliance_not_zero():
    features = state_media_features([], [], n_sentences=4)
    assert math.isnan(features["state_media_attribution_share"])
    assert math.isnan(features["state_media_corroborated_share"])
    assert features["state_media_n_claims"] == 0


# --- corroboration, claim by claim ----------------------------------------------------------

# A variant of the spy agency's sentence credited to KCNA, to give the same figure two sources.
KCNA_600 = claim(
    "KCNA said about 600 soldiers had been killed.",
    KCNA, cue="said", content="about 600 soldiers had been killed", at=100,
)  # fmt: skip
KIM_600 = claim(
    "Kim said about 600 soldiers had been killed.",
    KIM, cue="said", content="about 600 soldiers had been killed", at=300,
)  # fmt: skip
YONHAP_600 = claim(
    "About 600 soldiers were killed, Yonhap News Agency reported.",
    YONHAP, cue="reported", content="About 600 soldiers were killed", at=400,
)  # fmt: skip
REPORT_600 = claim(
    "Saturday's report confirms that 600 soldiers were killed.",
    Who("Saturday's report", "Saturday's report", "expert", named=False), cue="confirms",
    kind="finding", content="600 soldiers were killed", at=600,
)  # fmt: skip
INTEL_MINES = claim(
    "North Korea sent troops to clear mines in the Kursk region, according to South Korean and "
    "Western intelligence agencies.",
    INTEL, cue="according to", kind="according_to",
    content="North Korea sent troops to clear mines in the Kursk region", at=800,
)  # fmt: skip


#: A content of two quotes around its cue: the words between are the writer's.
_KCNA_TWO_QUOTES_TEXT = (
    '"Our troops cleared mines in Kursk," state news agency KCNA reported in a long dispatch '
    'on Sunday. "Heroes."'
)
KCNA_TWO_QUOTES = replace(
    claim(_KCNA_TWO_QUOTES_TEXT, KCNA, cue="reported", content=_KCNA_TWO_QUOTES_TEXT,
          kind="direct_quote", at=1000),
    content_gap=_span(TextSpan(1000, 1000 + len(_KCNA_TWO_QUOTES_TEXT), _KCNA_TWO_QUOTES_TEXT),
                      "state news agency KCNA reported in a long dispatch on Sunday."),
)  # fmt: skip
INTEL_KURSK = claim(
    "North Korean troops cleared mines in Kursk, according to South Korean intelligence.",
    INTEL, cue="according to", kind="according_to",
    content="North Korean troops cleared mines in Kursk", at=1200,
)  # fmt: skip


def _figures(*pairs: tuple[Attribution, str]) -> list[Figure]:
    return [figure(a, number) for a, number in pairs]


@pytest.mark.parametrize(
    "claims, others, figures, corroborator, match",
    [
        # The same figure credited to an independent non-state source.
        ([KCNA_600], [NBC_SPY_AGENCY], [(KCNA_600, "about 600"), (NBC_SPY_AGENCY, "about 600")],
         "South Korea's spy agency", "same figure 600"),
        # Not independent: the claim's own speaker, a wire's report, a report about it.
        ([KCNA_600], [KIM_600], [(KCNA_600, "about 600"), (KIM_600, "about 600")], "none", ""),
        ([KCNA_600], [YONHAP_600], [(KCNA_600, "about 600"), (YONHAP_600, "About 600")],
         "none", ""),
        ([KCNA_600], [REPORT_600], [(KCNA_600, "about 600"), (REPORT_600, "600")], "none", ""),
        # Another figure corroborates nothing.
        ([ANI_KCNA], [NBC_SPY_AGENCY], [(ANI_KCNA, "528th"), (NBC_SPY_AGENCY, "about 600")],
         "none", ""),
        # Overlapping content from an independent source.
        ([MT_KIM_MINES], [INTEL_MINES], [], "south korean and western intelligence agencies",
         "overlap"),
        # The Moscow Times' own pair: "sent thousands of troops to support Russia" does not
        # say "to clear mines in Kursk" (below the threshold).
        ([MT_KIM_MINES], [MT_INTEL], [], "none", ""),
        # A lawmaker's unrelated statement corroborates nothing.
        ([MT_KIM_KCNA], [NBC_LAWMAKERS], [], "none", ""),
        # KCNA's words are the two quotes, not the writer's "state news agency KCNA reported
        # in a long dispatch on Sunday" between them: 4 of its 5 words are the agencies'.
        ([KCNA_TWO_QUOTES], [INTEL_KURSK], [], "south korean and western intelligence agencies",
         "overlap 0.80"),
    ],
)  # fmt: skip
def test_corroboration_claim_by_claim(claims, others, figures, corroborator, match):
    result = state_media_claims(claims + others, _figures(*figures))[0]  # the first claim
    assert result.claim is claims[0]
    assert result.corroborator_name == corroborator
    assert result.match.startswith(match)
    assert bool(result.match) == (corroborator != "none")


def test_each_state_media_claim_is_listed_once_with_its_corroborator_or_none():
    attributions = [KCNA_600, ANI_KIM_VIA_YONHAP, NBC_SPY_AGENCY, ANI_YONHAP]
    figures = _figures((KCNA_600, "about 600"), (NBC_SPY_AGENCY, "about 600"))
    listed = state_media_claims(attributions, figures)
    assert [(c.claim, c.corroborator_name) for c in listed] == [
        (KCNA_600, "South Korea's spy agency"),
        (ANI_KIM_VIA_YONHAP, "none"),
    ]
    features = state_media_features(attributions, [], n_sentences=4, figures=figures)
    assert features["state_media_n_claims"] == 2
    assert features["state_media_n_corroborated_claims"] == 1
    assert features["state_media_corroborated_share"] == pytest.approx(0.5)


def test_a_date_is_not_a_shared_figure():
    kcna = claim("KCNA said the ceremony was held on 12 December.", KCNA, cue="said",
                 content="the ceremony was held on 12 December")  # fmt: skip
    spy = claim("The ceremony was on 12 December, South Korea's spy agency said.", SPY_AGENCY,
                cue="said", content="The ceremony was on 12 December", at=200)  # fmt: skip
    figures = [figure(kcna, "12 December", "date"), figure(spy, "12 December", "date")]
    (result,) = state_media_claims([kcna, spy], figures)
    assert result.match == "" or result.match.startswith("overlap")


@pytest.mark.parametrize(
    "text, key",
    [("about 600", "600"), ("15,000", "15000"), ("as many as 15,000", "15000"),
     ("at least nine", "nine"), ("nine", "nine"), ("$1.13bn", "1.13")],
)  # fmt: skip
def test_figure_key(text, key):
    assert figure_key(text) == key


def test_content_words_leave_out_stop_words_and_meet_across_endings():
    assert content_words("They were deployed to the front") == content_words("deployment front")
    assert 0 < OVERLAP_THRESHOLD < 1


#: One KCNA-carried statement by Kim, worded the ways wire copy and its rewrites word it.
RELAY_WORDINGS = [
    "The troops were heroes who defended their brothers, Kim said, KCNA reported.",
    "The troops were heroes who defended their brothers, Kim said, according to KCNA.",
    "Kim was quoted by KCNA as saying the troops were heroes who defended their brothers.",
    "KCNA quoted Kim as saying the troops were heroes who defended their brothers.",
    "The troops were heroes who defended their brothers, Kim said, according to Yonhap, "
    "citing KCNA.",
    "Yonhap, citing KCNA, reported that Kim said the troops were heroes who defended their "
    "brothers.",
    "Kim said in a speech carried by state media that the troops were heroes who defended "
    "their brothers.",
]
RELAY_ARTICLE = (
    "North Korean leader Kim Jong Un hailed the soldiers who fought in Russia's Kursk region. "
    "{statement} The ceremony was held in Pyongyang on Friday. South Korea's spy agency "
    "estimated that about 600 North Korean soldiers had been killed. Analysts say the display "
    "is meant to justify the deployment at home."
)


@pytest.mark.model
def test_reliance_does_not_depend_on_how_the_relay_is_worded(analyzer):
    """The same article with Kim's statement carried through KCNA, however the chain is
    worded, rests on state media to the same degree: one claim, through a chain."""
    figures = set()
    for statement in RELAY_WORDINGS:
        features = analyzer.analyze(RELAY_ARTICLE.format(statement=statement)).features
        figures.add((features["state_media_attribution_share"],
                     features["state_media_chain_share"], features["state_media_n_claims"]))
    assert len(figures) == 1, figures
    [(share, chain_share, _claims)] = figures
    assert share > 0 and chain_share > 0
