"""A learned filter over the scare quotes the rules find: keep only those the writer set off.

The rules of :mod:`framing.annotate.voice` call a short quoted fragment a scare quote when no
source is credited with it nearby and it is no name. On unseen BBC text about four in ten of
those hits are still someone's words or a name (issue #12's fresh sample), and each false one
moves a source's words or a name into the outlet's voice. A missed scare quote costs far less,
so a hit must also pass this filter: a logistic regression over what surrounds the fragment
(:func:`fragment_features`: its form, the words right before and after its marks, words of
speech in its sentence and the ones before, whether it lies in a source's reported words,
markup near it, where it stands in the article). A fragment the filter rejects stays quoted
words whose speaker the tool did not find, with the filter's reason.

The weights are data: ``framing/data/scare_filter.json`` (feature weights, intercept,
threshold, what it was trained on and its cross-validated figures), written by
``python -m framing.evaluation.train_scare_filter`` (``make train-scare-filter``). The word
lists the features use are data too, in ``lexicons/scare_filter.yaml`` (with the reporting
verbs of ``lexicons/reporting_verbs.yaml``). Every decision names its strongest features, so
a hit says why it was kept and a rejected fragment why it was not.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from framing.annotate.records import Quote, TextSpan
from framing.common.package_data import DATA_DIR
from framing.lexicon.load import Lexicons

MODEL_PATH = DATA_DIR / "scare_filter.json"
LEXICON = "scare_filter"
REPORTING_LEXICON = "reporting_verbs"
BEFORE_MARK = "before_mark"
SPEECH_WORD = "speech_word"
DISTANCE_WORD = "distance_word"
#: A person's own label announced before the marks ("self-styled"): a word of distance for
#: the features, but the label is the person's, so it keeps nothing against the weights.
SELF_LABEL = "self_label"
TITLE_WORD = "title_word"
#: Words before the opening mark searched for a word of distance.
_DISTANCE_REACH = 3
#: Dependencies of a fragment's head that are features: how the fragment joins its sentence.
_HEAD_DEPS = frozenset({
    "dobj", "pobj", "attr", "amod", "compound", "nsubj", "nsubjpass", "conj", "appos",
    "npadvmod", "acomp", "oprd", "xcomp", "ccomp", "advmod", "ROOT",
})
#: How many features a reason names.
REASON_FEATURES = 3
#: Characters around the marks searched for markup (``<a href="...">``, ``width="3"``).
_MARKUP_WINDOW = 30
_WORD = re.compile(r"[\w][\w'\u2019-]*")
_LAST_WORDS = re.compile(r"([\w][\w'\u2019-]*)(?:\s+([\w][\w'\u2019-]*))?\W*$")
_OPENING_SINGLE = "'\u2018\u201b"
_POS_FEATURES = ("NOUN", "PROPN", "ADJ", "VERB", "ADV", "NUM")
_NEIGHBOUR_POS = ("DET", "ADJ", "ADP", "VERB", "AUX", "NOUN", "PROPN", "PUNCT", "PRON", "CCONJ")


@dataclass(frozen=True)
class FragmentContext:
    """What the voice reader knows around a fragment, as the filter's features need it.

    ``sentences`` are (start, end, credits speech) of every sentence; ``index`` the
    fragment's; ``clauses`` the reported words of the article's speech attributions;
    ``quotes`` every quote of the article."""

    sentences: Sequence[tuple[int, int, bool]]
    index: int
    paragraph: int
    n_paragraphs: int
    clauses: Sequence[TextSpan]
    quotes: Sequence[Quote]


@dataclass(frozen=True)
class ScareWords:
    """The word lists of the features: before the marks, and words of speech."""

    before_mark: frozenset[str]
    speech: frozenset[str]
    distance: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    #: Words of doubt (the distance words but a person's own label): a fragment after one is
    #: kept whatever the weights (:func:`distance_before`).
    doubt: frozenset[str] = frozenset()

    @classmethod
    def from_lexicons(cls, lexicons: Lexicons) -> ScareWords:
        names = lexicons.entries
        own = list(lexicons[LEXICON]) if LEXICON in names else []
        reporting = list(lexicons[REPORTING_LEXICON]) if REPORTING_LEXICON in names else []
        return cls(
            before_mark=frozenset(_words_of(e for e in own if e.category == BEFORE_MARK)),
            speech=frozenset(_words_of(
                [*reporting, *(e for e in own if e.category == SPEECH_WORD)]
            )),
            distance=frozenset(_words_of(
                e for e in own if e.category in (DISTANCE_WORD, SELF_LABEL)
            )),
            titles=frozenset(_words_of(e for e in own if e.category == TITLE_WORD)),
            doubt=frozenset(_words_of(e for e in own if e.category == DISTANCE_WORD)),
        )


def distance_before(before: str, vocabulary: frozenset[str]) -> str | None:
    """The word of ``vocabulary`` (words of doubt or distance) within the few words before an
    opening mark, if any (``despite alleged ongoing "peace talks"``); ``before`` is the text
    up to the mark."""
    return next(
        (w for w in _WORD.findall(before)[-_DISTANCE_REACH:] if w.lower() in vocabulary),
        None,
    )


def _words_of(entries: Iterable) -> set[str]:
    words: set[str] = set()
    for entry in entries:
        if entry.enabled and entry.term:
            words.update(w.lower() for w in (entry.term, *entry.aliases))
    return words


def fragment_features(
    doc: Doc, span: TextSpan, context: FragmentContext, words: ScareWords
) -> dict[str, float]:
    """The features of one candidate fragment (its content ``span``, without the marks).

    All are 0/1 but ``speech_share`` (the share of the article's quotes that are
    statements, 0-1). Part-of-speech features are absent without a tagger (``--fast``)."""
    text = doc.text
    features: dict[str, float] = {}

    def on(name: str, when: bool = True) -> None:
        if when:
            features[name] = 1.0

    fragment = span.text.strip()
    tokens = _WORD.findall(fragment)
    n = len(tokens)
    on("words=1", n == 1)
    on("words=2", n == 2)
    on("words=3+", n >= 3)
    letters = [c for c in fragment if c.isalpha()]
    on("case=lower", bool(letters) and not any(c.isupper() for c in letters))
    on("case=title", n >= 1 and all(t[:1].isupper() or t[:1].isdigit() for t in tokens))
    on("case=all_caps", len(letters) >= 2 and all(c.isupper() for c in letters))
    on("has_digit", any(c.isdigit() for c in fragment))
    on("has_hyphen", "-" in fragment)
    on("ends_with_punctuation", fragment[-1:] in ".,;:!?")
    on("single_marks", span.start > 0 and text[span.start - 1] in _OPENING_SINGLE)
    before = text[max(0, span.start - 60) : max(0, span.start - 1)]
    last = _LAST_WORDS.search(before)
    if last is not None:
        previous = (last.group(2) or last.group(1)).lower()
        pair = f"{last.group(1)} {last.group(2)}".lower() if last.group(2) else ""
        for candidate in (previous, pair):
            if candidate in words.before_mark:
                on(f"before={candidate}")
        on(f"before_word={previous}")
    following = _WORD.match(text[span.end + 1 : span.end + 40].lstrip(" ,.;:\"'\u201d\u2019"))
    if following is not None:
        on(f"after_word={following.group(0).lower()}")
    for token in tokens:
        on(f"word={token.lower()}")
    on("distance_before", distance_before(before, words.distance) is not None)
    on("markup", _markup_near(text, span))
    _pos_features(doc, span, on)
    _parse_features(doc, span, words, on)
    start, end, credits = context.sentences[context.index]
    sentence_words = {w.lower() for w in _WORD.findall(text[start:end])}
    on("speech_in_sentence", credits)
    on("speech_word_in_sentence", bool(sentence_words & words.speech))
    on("title_in_sentence", bool(sentence_words & words.titles))
    for back in (1, 2):
        if context.index - back >= 0:
            s, e, speech = context.sentences[context.index - back]
            on(f"speech_{back}_before", speech)
            if back == 1:
                nearby = {w.lower() for w in _WORD.findall(text[s:e])}
                on("speech_word_1_before", bool(nearby & words.speech))
                on("title_1_before", bool(nearby & words.titles))
    if context.index + 1 < len(context.sentences):
        on("speech_1_after", context.sentences[context.index + 1][2])
    on("first_sentence", context.index == 0)
    on("lead_paragraph", context.paragraph == 0)
    last = context.n_paragraphs - 1
    on("last_paragraph", context.n_paragraphs > 1 and context.paragraph == last)
    on("opens_sentence", not _WORD.search(text[start : max(start, span.start - 1)]))
    on("in_reported_words", any(
        c.start <= span.start and span.end <= c.end for c in context.clauses
    ))
    others = [q for q in context.quotes if q.span != span]
    on("statement_nearby", any(
        not q.scare and _near(q.span, context, 1) for q in others
    ))
    on("other_fragment_in_sentence", any(
        q.scare and start <= q.span.start < end for q in others
    ))
    statements = sum(not q.scare for q in context.quotes)
    features["speech_share"] = statements / len(context.quotes) if context.quotes else 0.0
    key = " ".join(t.lower() for t in tokens)
    on("words_repeated_unquoted", bool(key) and _repeated_outside(text, key, span))
    return features


def _markup_near(text: str, span: TextSpan) -> bool:
    """An attribute value or a tag: ``="`` before the opening mark, ``<`` or ``>`` near it."""
    before = text[max(0, span.start - _MARKUP_WINDOW) : span.start]
    after = text[span.end : span.end + _MARKUP_WINDOW]
    return before.rstrip("'\"\u201c\u2018 ").endswith("=") or any(c in before + after for c in "<>")


def _pos_features(doc: Doc, span: TextSpan, on) -> None:
    if not doc.has_annotation("TAG") and not doc.has_annotation("POS"):
        return
    inner = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inner is None or not len(inner):
        return
    for pos in _POS_FEATURES:
        on(f"pos={pos}", any(t.pos_ == pos for t in inner))
    on("entity", any(t.ent_type_ for t in inner))
    previous = _neighbour(doc, inner.start - 1, -1)
    following = _neighbour(doc, inner.end, 1)
    if previous is not None and previous.pos_ in _NEIGHBOUR_POS:
        on(f"before_pos={previous.pos_}")
    if following is not None and following.pos_ in _NEIGHBOUR_POS:
        on(f"after_pos={following.pos_}")


def _parse_features(doc: Doc, span: TextSpan, words: ScareWords, on) -> None:
    """How the fragment joins its sentence: its head's dependency, a word of speech above
    it in the parse, a person named in its sentence. Absent without a parse."""
    if not doc.has_annotation("DEP"):
        return
    inner = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inner is None or not len(inner):
        return
    head = inner.root
    if head.dep_ in _HEAD_DEPS:
        on(f"dep={head.dep_}")
    ancestors = list(head.ancestors)
    on("governed_by_speech", any(
        a.lower_ in words.speech or a.lemma_.lower() in words.speech for a in ancestors
    ))
    sentence = head.sent
    on("person_in_sentence", any(e.label_ == "PERSON" for e in sentence.ents))
    on("organisation_in_sentence", any(e.label_ == "ORG" for e in sentence.ents))


def _neighbour(doc: Doc, i: int, step: int):
    """The first token from ``i`` in direction ``step`` that is not a quote mark."""
    while 0 <= i < len(doc):
        if not doc[i].is_quote:
            return doc[i]
        i += step
    return None


def _near(other: TextSpan, context: FragmentContext, reach: int) -> bool:
    low = context.sentences[max(0, context.index - reach)][0]
    high = context.sentences[min(len(context.sentences) - 1, context.index + reach)][1]
    return low <= other.start < high


def _repeated_outside(text: str, key: str, span: TextSpan) -> bool:
    """The fragment's words stand elsewhere in the article out of these marks."""
    pattern = re.compile(r"\b" + r"\W+".join(map(re.escape, key.split())) + r"\b", re.IGNORECASE)
    return any(
        not (span.start <= m.start() < span.end) for m in pattern.finditer(text)
    )


@dataclass(frozen=True)
class Judgement:
    """The filter's decision on one fragment, and the features that weighed most in it."""

    keep: bool
    probability: float
    threshold: float
    strongest: tuple[tuple[str, float], ...]  # (feature, contribution to the log-odds)
    version: str
    #: Why a fragment the weights reject is kept all the same (None: the weights decide).
    kept_because: str | None = None

    @property
    def reason(self) -> str:
        named = ", ".join(f"{name} ({weight:+.2f})" for name, weight in self.strongest)
        passed = self.probability >= self.threshold
        verdict = "set off by the writer" if passed else "more likely someone's words or a name"
        reason = (
            f"scare-quote filter {self.version}: p={self.probability:.2f} "
            f"{'>=' if passed else '<'} {self.threshold:.2f}, {verdict}; strongest: {named}"
        )
        return reason + (f"; kept: {self.kept_because}" if self.kept_because else "")

    def kept(self, because: str) -> Judgement:
        """The same judgement, the fragment kept for a reason the weights do not see."""
        return replace(self, keep=True, kept_because=because)


@dataclass(frozen=True)
class ScareFilter:
    """A logistic regression over :func:`fragment_features`; keeps a fragment whose
    probability of being a scare quote (issue #12's definition) reaches ``threshold``."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float
    version: str

    def probability(self, features: Mapping[str, float]) -> float:
        score = self.intercept + sum(
            self.weights.get(name, 0.0) * value for name, value in features.items()
        )
        return 1.0 / (1.0 + math.exp(-score))

    def judge(self, features: Mapping[str, float]) -> Judgement:
        probability = self.probability(features)
        keep = probability >= self.threshold
        contributions = [
            (name, self.weights.get(name, 0.0) * value) for name, value in features.items()
        ]
        # The features that pushed towards the decision taken, strongest first.
        sign = 1.0 if keep else -1.0
        pushing = sorted(
            (c for c in contributions if c[1] * sign > 0), key=lambda c: (-abs(c[1]), c[0])
        )
        return Judgement(
            keep, probability, self.threshold, tuple(pushing[:REASON_FEATURES]), self.version
        )

    @classmethod
    def from_json(cls, data: Mapping) -> ScareFilter:
        return cls(
            weights=dict(data["weights"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            version=data.get("version") or weights_version(data),
        )


def weights_version(data: Mapping) -> str:
    """A short digest of the weights, intercept and threshold: what the filter decides by."""
    payload = json.dumps(
        [data["weights"], data["intercept"], data["threshold"]], sort_keys=True
    ).encode()
    return "scare-" + hashlib.sha256(payload).hexdigest()[:8]


@cache
def shipped_filter(path: Path = MODEL_PATH) -> ScareFilter | None:
    """The filter of ``framing/data/scare_filter.json``; None when the file is absent."""
    if not Path(path).is_file():
        return None
    return ScareFilter.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


def filter_version(path: Path = MODEL_PATH) -> str | None:
    """The shipped filter's version (``scare-<digest>``), None when there is none."""
    model = shipped_filter(path)
    return model.version if model is not None else None
