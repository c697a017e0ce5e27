"""Tests for framing/read/cleaning.py: each clean-up step on its own, the seeds, and the offset
map."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.read.characters import CHAR_MAP
from framing.read.cleaning import (
    CleanText,
    clean_text,
    drop_link_lines,
    drop_trailing_chrome,
    normalize_unicode,
    split_glued_words,
    strip_ends,
    tidy_whitespace,
    unwrap_lines,
)

from .conftest import SEEDS


def run_step(step, raw: str) -> str:
    return step(CleanText.unchanged(raw)).text


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def assert_maps_back(clean: CleanText) -> None:
    """Every kept character maps to its source; inserted ones take no room in the original."""
    offsets = [clean.to_original(i) for i in range(len(clean.text) + 1)]
    assert offsets[-1] == len(clean.original)
    assert all(
        0 <= a <= b <= len(clean.original) for a, b in zip(offsets, offsets[1:], strict=False)
    )
    for i, char in enumerate(clean.text):
        if offsets[i] == offsets[i + 1]:
            assert char == " ", "only a space is ever inserted"
            continue
        source = clean.original[offsets[i]]
        assert char == CHAR_MAP.get(source, source) or (char == " " and source.isspace())


# --- 1. Unicode normalisation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("\u201cheroes\u201d", '"heroes"'),
        ("\u201eGut\u201c, \u00abnon\u00bb \u201fx\u201f", '"Gut", "non" "x"'),
        ("Russia\u2019s \u2018war\u2019 \u201aa\u201b \u2039b\u203a", "Russia's 'war' 'a' 'b'"),
        ("Kim\u00a0Jong\u202fUn\u2009said\u3000so", "Kim Jong Un said so"),
        ("\ufeffKim\u200b Jong\u200c\u200dUn\u2060", "Kim JongUn"),
        ("\u200eKCNA\u200f \u202aPDF\u202c \u2066iso\u2069 \u061c", "KCNA PDF iso "),
        ("line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("a\u2028b\u2029c\x85d\x0be\x0cf", "a\nb\nc\nd\ne\nf"),
        ("deploy\u00adment", "deployment"),
        ("bin\x00ary\x07 junk\x1b\x7f\x9b", "binary junk"),
        ("lone \ud800surrogate", "lone surrogate"),
        # Negative cases: ordinary text, dashes, ellipses and primes are left alone.
        ("plain text, 'quoted' and \"double\".", "plain text, 'quoted' and \"double\"."),
        ("\u2013 \u2014 wait\u2026 5\u2032 10\u2033", "\u2013 \u2014 wait\u2026 5\u2032 10\u2033"),
        ("tab\tstays for now", "tab\tstays for now"),
        ("", ""),
    ],
)
def test_normalize_unicode(raw, expected):
    assert run_step(normalize_unicode, raw) == expected


def test_normalize_unicode_keeps_offsets_exact():
    clean = normalize_unicode(CleanText.unchanged("a\u200b\u201cb\u201d\r\nc"))
    assert clean.text == 'a"b"\nc'
    assert [clean.to_original(i) for i in range(len(clean.text) + 1)] == [0, 2, 3, 4, 6, 7, 8]
    assert clean.edits == (
        "straightened 2 curly quotes; removed 1 invisible or control character; "
        "normalised 1 line break",
    )


# --- 2. Whitespace --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Kim  Jong\tUn", "Kim Jong Un"),
        ("  indented\ntrailing   \n\t both \t", "indented\ntrailing\nboth"),
        ("para one\n\n\n\npara two", "para one\n\npara two"),
        ("one\n   \ntwo", "one\n\ntwo"),
        ("one\n  \n \t \n  \ntwo", "one\n\ntwo"),
        # Negative cases: single spaces, single newlines and one blank line stay.
        ("Kim Jong Un said", "Kim Jong Un said"),
        ("line\nline\n\nparagraph", "line\nline\n\nparagraph"),
    ],
)
def test_tidy_whitespace(raw, expected):
    assert run_step(tidy_whitespace, raw) == expected


# --- 3. Trailing page chrome ----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Kim spoke.\n\n14 hours ago\n1\nEnglish (US)", "Kim spoke."),
        ("Kim spoke.\nShare\nAdvertisement\nRead more", "Kim spoke."),
        ("Kim spoke.\n\n23 Comments\nShare this article", "Kim spoke."),
        ("Kim spoke.\n\u00a9 2025 NBCUniversal Media, LLC\nAll rights reserved.", "Kim spoke."),
        ("Kim spoke.\nCopyright 2025 Reuters. All rights reserved.", "Kim spoke."),
        ("Kim spoke.\nUpdated 3 hours ago\nDec. 13, 2025, 10:04 AM EST", "Kim spoke."),
        ("Kim spoke.\n\nMost Popular\nAround the Web\n2 hours ago", "Kim spoke."),
        ("Kim spoke.\nFollow us on Twitter\nSign up for our newsletter", "Kim spoke."),
        ("Kim spoke.\n\nEspa\u00f1ol\nDeutsch", "Kim spoke."),
        ("Kim spoke.\n(3)", "Kim spoke."),
        # Negative cases: a real last paragraph, even a short one, stays.
        ("Kim spoke.\n\nHe wept.", "Kim spoke.\n\nHe wept."),
        ("Kim spoke.\n\nThey came home", "Kim spoke.\n\nThey came home"),
        ("Kim spoke.\n\nMost soldiers came home, KCNA said", None),
        ("Kim spoke.\n\n(ANI)", None),
        ("Kim spoke.\nReporting by Josh Smith; Editing by Ed Davies", None),
        ("Kim spoke.\n\nBy Stella Kim", None),
        ("Kim spoke.\n\nAround the Web\nEditor's Picks", None),
        ("Referee: Nigel Owens.\n\nPaddy O'Brien (New Zealand)", None),
        ("He urged people to call the police on\n\n.", None),
        # Short lines above the first certain chrome line stay; certain chrome still goes.
        ("Byrne 33.\n\nK Clark\n14 hours ago", "Byrne 33.\n\nK Clark"),
        ("Kim spoke.\n\nShare\nAround the Web\nEditor's Picks", "Kim spoke."),
        ("The report said\nMilitary Alliance", None),
        ("The report said\nMilitary Alliance\n2 days ago", "The report said\nMilitary Alliance"),
        # Nothing but chrome-like lines: not ours to judge.
        ("14 hours ago\nEnglish (US)", None),
        ("Breaking News", None),
        ("", None),
        ("\n\n\n", None),
    ],
)
def test_drop_trailing_chrome(raw, expected):
    assert run_step(drop_trailing_chrome, raw) == (raw if expected is None else expected)


def test_drop_trailing_chrome_leaves_a_long_listing_alone():
    listing = "Intro.\n" + "\n".join(str(number) for number in range(100))
    assert run_step(drop_trailing_chrome, listing) == listing


# --- 4. Unwrapping --------------------------------------------------------------------------

WRAPPED = (
    "North Korea sent troops to clear mines in Russia's Kursk region earlier this year, "
    "leader Kim\n"
    "Jong Un said in a speech carried on Saturday by state media, a rare acknowledgement by\n"
    "Pyongyang of the deadly tasks assigned to its deployed soldiers.\n"
    "\n"
    'Hailing the return of an engineering regiment, Kim noted that they wrote "letters to their\n'
    'hometowns and villages at breaks of the mine-clearing hours," according to the Korean\n'
    "Central News Agency (KCNA).\n"
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            WRAPPED,
            "North Korea sent troops to clear mines in Russia's Kursk region earlier this year, "
            "leader Kim Jong Un said in a speech carried on Saturday by state media, a rare "
            "acknowledgement by Pyongyang of the deadly tasks assigned to its deployed soldiers.\n"
            "\n"
            'Hailing the return of an engineering regiment, Kim noted that they wrote "letters to '
            'their hometowns and villages at breaks of the mine-clearing hours," according to '
            "the Korean Central News Agency (KCNA).\n",
        ),
        (
            "The regiment cleared the mines of the Kursk region in a hundred and twenty days of\n"
            "work, Kim said, praising the engineers who had been sent there in the early part of\n"
            "August with no more than the most basic equipment to do the job they were given.",
            "The regiment cleared the mines of the Kursk region in a hundred and twenty days of "
            "work, Kim said, praising the engineers who had been sent there in the early part of "
            "August with no more than the most basic equipment to do the job they were given.",
        ),
        (  # a hyphen at a wrap is kept and joined without a space
            "The regiment cleared the mines of the Kursk region in a hundred and twenty-day mine-\n"
            "clearing operation that Kim said was impossible to finish in several years of work.",
            "The regiment cleared the mines of the Kursk region in a hundred and twenty-day mine-"
            "clearing operation that Kim said was impossible to finish in several years of work.",
        ),
        (  # a title abbreviation never ends a sentence; "U.S." does unless lowercase follows
            "The engineers were received by the regiment's commander and praised by Gen.\n"
            "Kim, who said they had worked a miracle in the Kursk region of the U.S.\n"
            "military's old rival, according to the state media reports from Friday.",
            "The engineers were received by the regiment's commander and praised by Gen. "
            "Kim, who said they had worked a miracle in the Kursk region of the U.S. "
            "military's old rival, according to the state media reports from Friday.",
        ),
        (  # a wrap just before a spaced dash is still a wrap
            "Analysts say Russia is giving North Korea financial aid and military technology\n"
            "- food and energy supplies among them - in return for the troops it has sent.",
            "Analysts say Russia is giving North Korea financial aid and military technology "
            "- food and energy supplies among them - in return for the troops it has sent.",
        ),
    ],
)
def test_unwrap_lines(raw, expected):
    assert run_step(unwrap_lines, raw) == expected


PARAGRAPH_PER_LINE = (
    "The leader was also seen kneeling before a portrait of a fallen soldier to pay his "
    "respects and placing medals and flowers beside images of the dead.\n"
    "Military alliance\n"
    "Kim is due to stand with Putin in China at a military parade next week marking the "
    "surrender of Japan in World War II.\n"
    "It will be their third meeting in two years as they dramatically elevated a military "
    "alliance.\n"
)


@pytest.mark.parametrize(
    "raw",
    [
        PARAGRAPH_PER_LINE,  # a heading line is not joined to the paragraph under it
        "Kim said the soldiers were heroes.\nThe ceremony was held on Friday in Pyongyang.",
        "North Korea sends engineers\nKim hails returning troops\nSeoul watches closely",
        "Short\nlines",
        "The engineers were received in Pyongyang by officers who had flown in from the U.S.\n"
        "Kim said the troops had worked a miracle in the Kursk region in under three months.",
        "A list of the units that came back from the Kursk region this year:\n"
        "- the 528th engineer regiment of the Korean People's Army\n"
        "- an artillery unit that had been fighting in the region",
        "Paragraph one ends without a full stop but a blank line follows it\n\nParagraph two",
        "",
    ],
)
def test_unwrap_lines_leaves_real_line_breaks(raw):
    assert run_step(unwrap_lines, raw) == raw


# --- 5. Glued words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("North Korean leaderKim Jong Unhailed", "North Korean leader Kim Jong Un hailed"),
        (
            "soldiers inRussia's war against Ukraineas heroes",
            "soldiers in Russia's war against Ukraine as heroes",
        ),
        (
            "admission of thelosses Pyongyang has sufferedin the",
            "admission of the losses Pyongyang has suffered in the",
        ),
        (
            "from Russian PresidentVladimir Putinthat also",
            "from Russian President Vladimir Putin that also",
        ),
        ("North Korean state mediaVoice of Korea", "North Korean state media Voice of Korea"),
        ("Kim and Putinsigned a mutual defensepact", "Kim and Putin signed a mutual defense pact"),
        (
            "North Koreaconfirmed the deploymentsuntil",
            "North Korea confirmed the deployments until",
        ),
        ("Of those, about600 are believed", "Of those, about 600 are believed"),
        ("soldiers who defectedhave told", "soldiers who defected have told"),
        (
            "in recentnegotiations among Putin, President Donald Trumpand",
            "in recent negotiations among Putin, President Donald Trump and",
        ),
        ("sent 600troops in2022", "sent 600 troops in 2022"),
        ("Trumpand Putin met; Koreasaid so.", "Trump and Putin met; Korea said so."),
    ],
)
def test_split_glued_words(raw, expected):
    assert run_step(split_glued_words, raw) == expected


NOT_GLUED = [
    # Names and words wordfreq knows.
    "McDonald",
    "iPhone",
    "YouTube",
    "DeSantis",
    "JoongAng",
    "PlayStation",
    "heartrending",
    "Kyungnam",
    "Ukrinform",
    "OpenAI",
    # Unknown to wordfreq, but names: romanised Korean places are made of English-looking
    # syllables ("Chin" + "hung").
    "Uriminzokkiri",
    "Zaporizhzhia",
    "Yongyang",
    "Chinhung",
    "Kangdong",
    "Sinhung",
    "Namyang",
    "Songrim",
    "Hongwon",
    "Unsan",
    "Onsong",
    "Kangso",
    "songbun",
    "Kimchaek",
    "Volodomyr",
    "Zelenskyy",
    "MacKenzie",
    "DeShawn",
    "VanDyke",
    "NewsGuard",
    "ChatGPT",
    # Hyphens, digits, units and model names.
    "counter-invaded",
    "COVID-19",
    "F-16s",
    "1950s",
    "3D",
    "mRNA",
    "eBay",
    "Hwasong-17",
    "KN-23",
    "covid19",
    "mp3",
    "web3",
    "10am",
    "4th",
    "9mm",
    "100mph",
    "42in",
    "x86",
    "H5N1",
    "iOS",
    "siRNA",
    # Names made of short words, and CamelCase brands (from the BBC news corpus).
    "Thion",
    "Jugnot",
    "Paion",
    "Turnour",
    "Dingolfing",
    "Atinc",
    "Oftel",
    "Biscan",
    "Torao",
    "Pervan",
    "Hercus",
    "Candillon",
    "Movielink",
    "RipGuard",
    "SpeechWorks",
    "GenCrowd",
    "4Cast",
    "3ami",
    # Word-forming prefixes and suffixes.
    "Putinism",
    "overdeploy",
    "Kimlike",
    # Addresses, handles and hashtags.
    "www.nbcnews.com",
    "@KCNAwatch",
    "#NorthKorea",
    "user_name",
    "nbcnews.com/world",
]


@pytest.mark.parametrize("word", NOT_GLUED)
def test_split_glued_words_leaves_names_and_words_alone(word):
    raw = f"The report mentioned {word} yesterday."
    assert run_step(split_glued_words, raw) == raw


def test_a_repeated_unknown_word_is_not_split():
    raw = "Trumpand said so. Later Trumpand said it again."
    assert run_step(split_glued_words, raw) == raw


def test_a_name_used_alone_elsewhere_licenses_a_split():
    # "Zelensky" is too rare in wordfreq (zipf 1.8) to be trusted on its own.
    alone = "Zelensky spoke first. Later Zelenskysaid so."
    assert run_step(split_glued_words, alone) == "Zelensky spoke first. Later Zelensky said so."
    assert run_step(split_glued_words, "Later Zelenskysaid so.") == "Later Zelenskysaid so."
    # A name used alone still needs a word that follows names: "Kangdong" is a place.
    raw = "Kang spoke first. He was born in Kangdong."
    assert run_step(split_glued_words, raw) == raw


def test_inserted_space_maps_to_the_next_character():
    clean = split_glued_words(CleanText.unchanged("leaderKim"))
    assert clean.text == "leader Kim"
    assert clean.to_original(6) == clean.to_original(7) == 6  # the space and "K"
    assert clean.span_to_original(0, 6) == (0, 6)  # "leader"
    assert clean.span_to_original(7, 10) == (6, 9)  # "Kim"
    assert clean.span_to_original(0, 7) == (0, 6)  # a span ending in the inserted space
    assert clean.edits == ("split 1 glued word",)


# --- 6. Ends --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [("\nNorth Korean leader\n\n", "North Korean leader"), ("  ", ""), ("", ""), ("x", "x")],
)
def test_strip_ends(raw, expected):
    assert run_step(strip_ends, raw) == expected


# --- The seeds ------------------------------------------------------------------------------


def test_seed_001_has_no_mid_sentence_newline_left():
    clean = clean_text(seed("001"))
    for line in clean.text.split("\n"):
        assert (
            not line
            or line.rstrip("\"')")[-1] in ".!?"
            or line
            in {
                "Killed in combat",  # a heading between blank lines
                "Related article: Putin Hails North Korean Troops as 'Heroic' in Letter to Kim",
            }
        ), line
    assert "leader Kim Jong Un said" in clean.text
    assert "according to the Korean Central News Agency (KCNA)." in clean.text


def test_seed_003_keeps_its_heading_on_its_own_line():
    clean = clean_text(seed("003"))
    assert "\nMilitary alliance\nKim is due" in clean.text
    assert clean.text == seed("003")


def test_seed_004_glued_words_are_split():
    clean = clean_text(seed("004"))
    assert "leader Kim Jong Un hailed" in clean.text
    assert "in Russia's" in clean.text
    assert "President Vladimir Putin that" in clean.text
    assert "Trump and Ukrainian" in clean.text
    assert not clean.text.startswith("\n")
    assert "split 17 glued words" in clean.edits


def test_seed_002_does_not_end_in_page_chrome():
    clean = clean_text(seed("002"))
    assert not clean.text.endswith("English (US)")
    assert clean.text.endswith('"test and improve North Korean weapons on the battlefield."')
    assert "dropped 3 lines of trailing page chrome" in clean.edits


def visible(text: str) -> str:
    """The text as normalised characters with all whitespace removed."""
    return "".join(run_step(normalize_unicode, text).split())


#: The link line of seed 001, page chrome in mid-text (counted twice as the outlet's words once).
LINK_LINE_001 = "Related article: Putin Hails North Korean Troops as ‘Heroic’ in Letter to Kim"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_lose_nothing_but_chrome(prefix):
    raw = seed(prefix)
    clean = clean_text(raw)
    assert_maps_back(clean)
    kept = raw.replace(LINK_LINE_001, "") if prefix == "001" else raw
    dropped = visible(kept)[len(visible(clean.text)) :]
    assert visible(kept).startswith(visible(clean.text))
    assert dropped == ("14hoursago1English(US)" if prefix == "002" else "")
    assert ("dropped 1 link line in mid-text" in clean.edits) == (prefix == "001")


@pytest.mark.parametrize(
    "text, kept",
    [
        ("First.\n\nRelated article: Putin Hails Troops\n\nSecond.", "First.\n\nSecond."),
        ("First.\nRead more: The story so far\nSecond.", "First.\nSecond."),
        ("First.\n\nSee also: Kim's letter\n\nSecond.", "First.\n\nSecond."),
        # Negatives: a sentence that starts with the same words, a label with no headline.
        ("Related articles are listed below.\n\nSecond.", None),
        ("He said: related matters can wait.\n\nSecond.", None),
        ("Related: ", None),
    ],
)
def test_link_lines_in_mid_text_are_dropped(text, kept):
    clean = drop_link_lines(CleanText.unchanged(text))
    assert clean.text == (text if kept is None else kept)
    assert_maps_back(clean)


# --- The offset map and robustness ----------------------------------------------------------

NEWS_ALPHABET = st.sampled_from(
    list("abcKLM xyz.,!?'\"-\n\t019")
    + ["\r\n", "\r", "\u201c", "\u201d", "\u2019", "\u00a0", "\u200b", "\u200e", "\u00ad"]
    + [" leaderKim ", " Trumpand ", " about600 ", "14 hours ago", "\nEnglish (US)", "\n\n"]
    + ["North Korea sent troops to clear mines in Russia's Kursk region earlier this year, "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(NEWS_ALPHABET, max_size=80).map("".join))
def test_offset_map_on_news_like_text(raw):
    assert_maps_back(clean_text(raw))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_maps_back_on_any_text(raw):
    clean = clean_text(raw)
    assert clean.original == raw
    assert clean.text == clean.text.strip()
    assert_maps_back(clean)


@settings(max_examples=200, deadline=None)
@given(st.lists(NEWS_ALPHABET, max_size=60).map("".join), st.data())
def test_span_to_original_covers_the_same_characters(raw, data):
    clean = clean_text(raw)
    start = data.draw(st.integers(0, len(clean.text)))
    end = data.draw(st.integers(start, len(clean.text)))
    original_start, original_end = clean.span_to_original(start, end)
    assert 0 <= original_start <= original_end <= len(raw)
    assert visible(raw[original_start:original_end]) == visible(clean.text[start:end])


def test_to_original_rejects_offsets_outside_the_text():
    clean = clean_text("abc")
    assert clean.to_original(3) == 3
    with pytest.raises(IndexError):
        clean.to_original(4)
    with pytest.raises(IndexError):
        clean.span_to_original(2, 1)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        " ",
        "\n\n",
        "\x00\x01\x02",
        "\ud800\udfff",
        "\ufeff",
        "a" * 5000,
        "aB" * 3000,
        "\u202e\u2066" * 100,
        "1" * 1000 + "a" * 1000,
        "-\n" * 500,
    ],
)
def test_degenerate_input(raw):
    assert_maps_back(clean_text(raw))


def test_two_megabytes_are_cleaned_whole():
    # Speed is measured in benchmarks/, never in a timed test; this checks size limits only.
    text = "\n\n".join(seed(prefix) for prefix in ["000", "001", "002", "003", "004"])
    text = (text * (2_000_000 // len(text) + 1))[:2_000_000]
    clean = clean_text(text)
    assert len(clean.text) > 1_900_000
    assert clean.to_original(len(clean.text)) == len(text)


def test_clean_text_is_a_frozen_value():
    clean = clean_text("Kim\u00a0spoke.")
    with pytest.raises(AttributeError):
        clean.text = "other"  # type: ignore[misc]
    assert clean == clean_text("Kim\u00a0spoke.")
    assert "offsets" not in repr(clean)


@pytest.mark.parametrize(
    "raw, identity",
    [
        ("Kim said the talks went well.", True),
        ("Kim  said it.", False),  # whitespace tidied
        ("Kim said \u201cno\u201d.", False),  # curly quotes normalised
        ("the leaderKim Jong Un", False),  # glued words split
        ("", True),
    ],
)
def test_is_identity_only_when_nothing_changed(raw, identity):
    clean = clean_text(raw)
    assert clean.is_identity is identity
    if identity:
        assert all(clean.to_original(i) == i for i in range(len(raw) + 1))
