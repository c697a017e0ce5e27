"""Figures: the numbers an article states, what each counts, and who it is attributed to.

A step of the ``framing`` component that runs after attribution and the voice reader.
Numbers come from the named entities where the recogniser ran (CARDINAL, MONEY, PERCENT,
QUANTITY; a DATE with a number is a ``date`` when it names a day or year, else a
``duration``: "three months", "120-day"). Where it did not (``spacy.blank``, ``--fast``, and
the sentences the default mode leaves unparsed, :mod:`framing.annotate.selective`), surface rules
read runs of cardinal tokens, in digits or number words; a year or a day beside a month is a
``date``, an ordinal ("528th") is nothing. A definite pair ("the two countries") refers back
to parties named before and is no figure.

A figure is credited, in order, to: the attribution whose content holds it, in any sentence
(a quote may run over several); the speaker the voice reader credits with the quote holding
it; an attribution whose cue governs its sentence (``..., according to South Korea's spy
agency``); the agent of a reporting word of the cue lexicon followed by ``by`` in its
sentence (``estimates by Western intelligence of more than 6,000 casualties``). This is
what lets a reader see one outlet write "about 600 killed, according to the NIS" while
another states the number with no source.
"""

from __future__ import annotations

import calendar
import re

import numpy
from spacy.attrs import ENT_IOB, LEMMA, LIKE_NUM
from spacy.language import Language
from spacy.tokens import Doc, Span

from framing.annotate.records import Attribution, Figure, TextSpan
from framing.annotate.sentences import SentenceLookup
from framing.annotate.voice import QUOTED, voices
from framing.lexicon.load import Lexicons

FIGURE_KINDS = {
    "CARDINAL": "count",
    "MONEY": "money",
    "PERCENT": "percent",
    "QUANTITY": "quantity",
    "DATE": "date",
}
#: A span of time with a number ("three months", "120-day"): NER calls it a DATE, but it
#: states a length, not a day on the calendar.
DURATION = "duration"
_COUNTED_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
#: A year written alone ("in 2022"): a date, not a count, where no entity recogniser ran.
YEAR = re.compile(r"1[89]\d\d|20\d\d")
#: Month names from the standard library (English in the C locale the tool runs in): a day
#: number beside one ("December 13", "13 December") is a date.
_MONTHS = frozenset(name.lower() for name in (*calendar.month_name, *calendar.month_abbr) if name)
#: Tokens that join number words into one figure: "One hundred and twenty", "200,000-260,000".
_NUMBER_JOINERS = frozenset({"and", "-", "\u2013", "\u2014"})
#: English ordinals, written out ("first", "twelfth", "nineteenth", "fortieth", "hundredth") or
#: with digits ("528th", "1st"). spaCy's ``like_num`` is true for them too, and its own table of
#: ordinal words is private, so the shapes are spelled out here.
_ORDINAL = re.compile(
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|\w+teenth|\w+tieth|hundredth|thousandth|\w*illionth|\d+(?:st|nd|rd|th))"
)
#: How many words after a number can name what it counts ("1,000 engineer troops").
_COUNTED_REACH = 3


def _is_cardinal(token) -> bool:
    """A number, not an ordinal: "nine", "15,000", "thousands"; not "528th", "first".

    spaCy's ``like_num`` is true for ordinals too (see ``_ORDINAL``). A plural number word
    ("thousands", "dozens") is a number through its lemma."""
    lower = token.lower_
    if _ORDINAL.fullmatch(lower):
        return False
    if token.like_num:
        return True
    lemma = token.lemma_.lower()
    return bool(lemma) and lemma != lower and token.vocab[lemma].like_num


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _is_calendar_date(span: Span) -> bool:
    """A day on the calendar ("late 2024", "December 13"), not a length of time."""
    return any(YEAR.fullmatch(t.text) or t.lower_.rstrip(".") in _MONTHS for t in span)


def _names_a_pair(span: Span) -> bool:
    """ "the two countries", "the two leaders": a definite pair refers back to parties named
    before; it counts nothing new ("the nine deceased soldiers" does state a count)."""
    doc = span.doc
    return (
        span.start > 0 and doc[span.start - 1].lower_ == "the" and span.text.lower() in ("two", "2")
    )


def _entity_kind(ent: Span) -> str | None:
    """The kind of figure an entity is, or None when it states none."""
    label = ent.label_
    if label not in FIGURE_KINDS:
        return None
    if label == "DATE":
        if not any(_is_cardinal(t) for t in ent):
            return None  # a bare weekday, "this year"
        return "date" if _is_calendar_date(ent) else DURATION
    if label == "CARDINAL" and not any(
        _is_cardinal(t) or not _ORDINAL.fullmatch(t.lower_) for t in ent
    ):
        return None  # "first": an ordinal the recogniser took for a count
    # A number-word count ("two", "dozens") is a figure; a sum or measure needs its digits.
    if label == "CARDINAL" or _has_digit(ent.text):
        return FIGURE_KINDS[label]
    return None


def _entity_numbers(doc: Doc) -> list[tuple[Span, str]]:
    return [(ent, kind) for ent in doc.ents if (kind := _entity_kind(ent)) is not None]


def _surface_kind(number: Span) -> str:
    """The kind of a number found by surface rules: a year or a day beside a month is a
    date, a number after a currency sign is money, one before % is a percentage."""
    doc = number.doc
    before = doc[number.start - 1] if number.start > 0 else None
    after = doc[number.end] if number.end < len(doc) else None
    if YEAR.fullmatch(number.text) or any(
        t is not None and t.lower_.rstrip(".") in _MONTHS for t in (before, after)
    ):
        return "date"
    if before is not None and before.is_currency:
        return "money"
    if after is not None and after.text == "%":
        return "percent"
    return "count"


def _surface_numbers(doc: Doc) -> list[tuple[Span, str]]:
    """Numbers in the tokens no entity recogniser read (every token of a ``spacy.blank`` or
    ``--fast`` Doc; the unparsed sentences of the default mode, :mod:`framing.annotate.selective`):
    runs of cardinal tokens, in digits or words. A number in words alone is a figure only
    when a word after it says what it counts: "one of the biggest" and "no one" count
    nothing, "nine soldiers" does."""
    values = doc.to_array([LIKE_NUM, ENT_IOB, LEMMA])
    # Only tokens without entity annotation, and only those spaCy or their lemma calls a
    # number (checked on token arrays: no walk over every token).
    unread = values[:, 1] == 0
    maybe = unread & ((values[:, 0] != 0) | (values[:, 2] != 0))
    numbers = []
    index, end = 0, len(doc)
    candidates = numpy.flatnonzero(maybe).tolist()
    for start in candidates:
        if start < index or not _is_cardinal(doc[start]):
            continue
        stop = start + 1
        while stop < end and unread[stop]:
            if _is_cardinal(doc[stop]):
                stop += 1
            elif (
                doc[stop].lower_ in _NUMBER_JOINERS
                and stop + 1 < end
                and unread[stop + 1]
                and _is_cardinal(doc[stop + 1])
            ):
                stop += 2
            else:
                break
        index = stop
        number = doc[start:stop]
        kind = _surface_kind(number)
        if kind == "count" and not _has_digit(number.text) and counted_word(number) is None:
            continue
        numbers.append((number, kind))
    return numbers


def _number_spans(doc: Doc) -> list[tuple[Span, str]]:
    """Number spans with their kind: from NER where it ran, by surface rules elsewhere."""
    if not len(doc):
        return []
    numbers = _entity_numbers(doc) if doc.has_annotation("ENT_IOB") else []
    numbers += _surface_numbers(doc)
    return sorted(
        ((span, kind) for span, kind in numbers if not _names_a_pair(span)),
        key=lambda item: item[0].start,
    )


def counted_word(number: Span) -> str | None:
    """The word a number counts: its head noun (``15,000 troops``), else by surface rules the
    last of the plain words right after it (``1,000 engineer troops``, ``600 killed``),
    skipping ``of`` (``thousands of troops``); after a hyphen, the one word (``120-day``)."""
    doc = number.doc
    root = number.root
    if root.dep_ == "nummod" and root.head.pos_ in _COUNTED_POS:
        return root.head.lemma_.lower() or root.head.text.lower()
    i = number.end
    if i < len(doc) and doc[i].text == "-":
        reach = 1
        i += 1
    else:
        reach = _COUNTED_REACH
        if i < len(doc) and doc[i].lower_ == "of":
            i += 1
    words = []
    while i < len(doc) and len(words) < reach and _plain_word(doc[i]):
        words.append(doc[i])
        i += 1
    return words[-1].text.lower() if words else None


def _plain_word(token) -> bool:
    """A lowercase content word that can be what a number counts (tagged as one, where a
    tagger ran): not a name, a stop word or another number."""
    if not token.is_alpha or token.is_stop or _is_cardinal(token):
        return False
    if token.pos:  # tagged: the part of speech decides
        return token.pos_ in _COUNTED_POS
    return token.is_lower


def covering_attribution(
    number: TextSpan, sentence: TextSpan, attributions: list[Attribution]
) -> Attribution | None:
    """The attribution that vouches for a number: the one whose content holds it, in any
    sentence (a quote may run over several: ``"... over 10,000 DPRK soldiers ...," Patel
    said``; the narrowest wins), else one whose cue governs its sentence."""
    holding = [
        a
        for a in attributions
        if a.content is not None and a.content.start <= number.start and number.end <= a.content.end
    ]
    if holding:
        return min(holding, key=lambda a: a.content.end - a.content.start)
    same_sentence = [a for a in attributions if a.sentence.start == sentence.start]
    cue_outside_number = [
        a for a in same_sentence if a.cue is None or not (number.start <= a.cue.start < number.end)
    ]
    return cue_outside_number[0] if cue_outside_number else None


def quote_speaker(
    number: TextSpan, doc: Doc, attributions: list[Attribution]
) -> Attribution | None:
    """The attribution of the speaker the voice reader credits with the quote holding a
    number (a quote with no cue in its sentence: ``The troops had been able to "work a
    miracle ... in less than three months."`` after ``..., Kim said``): the last of that
    speaker's before the number, else their first."""
    quote = voices(doc).quote_at(number.start, number.end)
    if quote is None or quote.voice != QUOTED or not quote.speaker:
        return None
    theirs = [
        a for a in attributions if a.speaker is not None and a.speaker.entity == quote.speaker
    ]
    before = [a for a in theirs if a.sentence.start <= number.start]
    return before[-1] if before else (theirs[0] if theirs else None)


class _NounCues:
    """Noun-phrase attributions of a figure: a reporting word with its agent, ``estimates by
    Western intelligence of more than 6,000 casualties``, ``600, as reported by Yonhap``.
    The words are the reporting cues of ``lexicons/reporting_verbs.yaml`` (their noun and
    participle forms are listed there: ``estimates``, ``reported``); the agent is the phrase
    after ``by`` up to ``of``, punctuation or a number, and must hold a name (a capitalised
    word), so that ``by phone`` or ``by far`` credits no one."""

    def __init__(self, lexicons: Lexicons, resolver=None, nlp: Language | None = None):
        from framing.annotate.attribution.cues import cue_entries  # the cue lexicon's one reader

        self.words = frozenset(
            form.lower()
            for entry in cue_entries(lexicons)
            for form in (entry.term or "", *entry.aliases)
            if form and " " not in form
        )
        self._resolver = resolver
        self._nlp, self._lexicons = nlp, lexicons

    def agent(self, doc: Doc, sentence: TextSpan, number: Span) -> tuple[Span, str] | None:
        """(agent phrase, cue word) in the number's sentence, outside the number."""
        sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if sent is None:
            return None
        for token in sent[:-2]:
            if token.lower_ not in self.words or doc[token.i + 1].lower_ != "by":
                continue
            start = stop = token.i + 2
            # The phrase ends at "of", punctuation, a number or a small word ("on Friday").
            while stop < sent.end and stop - start < 6 and _agent_word(doc[stop], stop == start):
                stop += 1
            agent = doc[start:stop]
            if doc[start].lower_ == "the":
                agent = doc[start + 1 : stop] if stop > start + 1 else agent
            named = any(t.is_title or t.is_upper for t in agent)
            if len(agent) and named and (stop <= number.start or start >= number.end):
                return agent, token.lemma_.lower() or token.lower_
        return None

    def source(self, doc: Doc, agent: Span):
        if self._resolver is None:
            from framing.annotate.sources import SourceResolver

            self._resolver = SourceResolver(self._nlp, self._lexicons)
        return self._resolver.resolve(doc, [agent])[0]


def _agent_word(token, first: bool) -> bool:
    if token.like_num or (token.is_stop and token.is_lower and not first):
        return False
    return token.is_alpha or token.text in ("'s", "\u2019s", "-")


class FigureFinder:
    """Writes ``doc._.figures`` and the ``figure`` span group. Runs after attribution and
    the voice reader."""

    def __init__(self, nlp: Language, lexicons: Lexicons, resolver=None):
        self.lexicons = lexicons
        self.noun_cues = _NounCues(lexicons, resolver, nlp)

    def __call__(self, doc: Doc) -> Doc:
        attributions = list(doc._.attributions or [])
        figures, spans = [], []
        numbers = _number_spans(doc)
        sentences = SentenceLookup(doc) if numbers else None
        for number, kind in numbers:
            span = TextSpan.of(number)
            sentence = sentences.of(number)
            source, cue_lemma = self._credit(doc, number, span, sentence, attributions)
            figures.append(
                Figure(
                    span=span,
                    kind=kind,
                    counts=counted_word(number) if kind in ("count", "quantity") else None,
                    sentence=sentence,
                    source=source,
                    cue_lemma=cue_lemma,
                )
            )
            spans.append(number)
        doc.spans["figure"] = spans
        doc._.figures = figures
        return doc

    def _credit(self, doc, number: Span, span: TextSpan, sentence: TextSpan, attributions):
        """(source, cue lemma) of a figure: the attribution covering it, else the speaker of
        the quote holding it, else a noun-phrase attribution in its sentence."""
        attribution = covering_attribution(span, sentence, attributions) or quote_speaker(
            span, doc, attributions
        )
        if attribution is not None:
            return attribution.speaker or attribution.channel, attribution.cue_lemma
        found = self.noun_cues.agent(doc, sentence, number)
        if found is None:
            return None, None
        agent, cue = found
        return self.noun_cues.source(doc, agent), cue
