"""A learned cue detector: which words of a parsed Doc introduce an attribution.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) marks far more than verbs of saying as cues:
beliefs and intentions (``wants``, ``hopes``), positions (``supports``, ``voted for``), nouns
(``statement``, ``poll``) and phrases (``said in a statement``, ``did not respond to``). A
hand-made lexicon cannot list them all, so :class:`CueModel` scores every word with a logistic
regression over a few dozen binary features of the parse (lemma, tag, dependency label, the
head, which clauses hang off it, whether a quote or a named subject is near, whether the
lexicon ``reporting_verbs`` lists it) and keeps the words that score at or above a threshold.
A kept word is a cue **head**; :meth:`CueModel.cue_span` widens it to the words PolNeAR puts
in the cue with it (auxiliaries, negation, particles, ``in a statement``), by dependency label.

The model is data, not code: ``framing/data/cue_model.json`` holds the feature weights, the
threshold and the widening rules, readable with any JSON viewer, with the date and split it
was trained on. ``python -m framing.evaluation.train_cues SPLIT_DIR`` regenerates it from a
PolNeAR split (train only; dev is kept for scoring). Without a dependency parse the model has
nothing to read and is not used (see :mod:`framing.annotate.attribution.extract`).

On the fifth of PolNeAR train held out while fitting, the detector finds gold cue heads with
F1 0.79; what it adds to the extractor's scores on dev is in
:mod:`framing.annotate.attribution.extract`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from framing.common.package_data import DATA_DIR

DEFAULT_MODEL_PATH = DATA_DIR / "cue_model.json"

#: Parts of speech a cue head can have; other words are never scored (and cost nothing).
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADP"})
#: Children whose presence says a clause or object is being reported.
REPORTED_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "prt", "advcl", "nsubjpass"})
CLAUSE_DEPS = frozenset({"acomp", "attr", "xcomp", "ccomp", "dobj", "oprd"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: Widening never takes more than this many words on either side of the head.
MAX_WIDEN = 4


def cue_features(
    token: Token, in_quote: Sequence[bool], quote_in_sentence: bool, lexicon: dict[str, str]
) -> list[str]:
    """The binary features of one word as a possible cue head (names are ``family=value``).

    ``in_quote[i]`` says whether token ``i`` sits inside a direct quote; ``lexicon`` maps a
    reporting-verb lemma (or single-word phrase) to its stance.
    """
    doc = token.doc
    lemma = token.lemma_.lower()
    head = token.head
    features = [
        f"lemma={lemma}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"lemma_dep={lemma}|{token.dep_}",
        f"lemma_pos={lemma}|{token.pos_}",
        f"head_pos={head.pos_}|{token.dep_}",
        f"head_lemma={head.lemma_.lower()}|{token.dep_}",
        f"lemma_tag={lemma}|{token.tag_}",
        f"head_dep={head.dep_}|{token.dep_}",
    ]
    if token.ent_type_:
        features.append(f"entity={token.ent_type_}")
    if in_quote[token.i]:
        features.append("in_quote")
    if quote_in_sentence:
        features.append("quote_in_sentence")
        features.append(f"lemma_quote={lemma}")
    stance = lexicon.get(lemma) or lexicon.get(token.lower_)
    if stance is not None:
        features += ["lexicon", f"lexicon_stance={stance}|{token.pos_}"]
    for child in token.children:
        dep = child.dep_
        if dep in REPORTED_DEPS or dep in CLAUSE_DEPS:
            features.append(f"child={dep}")
            features.append(f"lemma_child={lemma}|{dep}")
            if dep in CLAUSE_DEPS:
                # "is expected", "made it clear", "went on to say": the word the cue leans on.
                features.append(f"child_lemma={dep}|{child.lemma_.lower()}")
            if dep in ("prep", "prt"):
                features.append(f"lemma_prep={lemma}|{child.lower_}")
        elif dep in SUBJECT_DEPS:
            features.append(f"subject={_subject_kind(child)}")
            features.append(f"lemma_subject={lemma}|{_subject_kind(child)}")
        elif dep == "neg":
            features.append("child=neg")
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    features.append(f"next={after.lower_ if after is not None else '<end>'}")
    features.append(f"prev={before.lower_ if before is not None else '<start>'}")
    features.append(f"lemma_next={lemma}|{after.lower_ if after is not None else '<end>'}")
    if token.i > 1:
        features.append(f"prev2={doc[token.i - 2].lower_} {before.lower_}")
    if before is not None and (before.text == "," or before.is_quote):
        features.append("after_comma_or_quote")
        features.append(f"lemma_after_comma_or_quote={lemma}")
    if after is not None and after.text in (",", ":"):
        features.append(f"before={after.text}")
    if after is not None and (after.is_quote or (after.text in (",", ":") and _quote_next(after))):
        features.append("before_quote")
    return features


def _subject_kind(subject: Token) -> str:
    """A speaker-like subject: a named entity's type, a pronoun, or the noun's lemma."""
    if subject.dep_ == "agent":
        objects = [c for c in subject.children if c.dep_ == "pobj"]
        if not objects:
            return "agent"
        subject = objects[0]
    if subject.ent_type_ in SPEAKER_ENTITIES:
        return subject.ent_type_
    if subject.pos_ == "PRON":
        return f"pron:{subject.lower_}"
    return f"noun:{subject.lemma_.lower()}"


def _quote_next(token: Token) -> bool:
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].is_quote


def quoted_mask(doc: Doc, quote_char_spans: Iterable[tuple[int, int]]) -> list[bool]:
    """Whether each token's first character falls inside one of the quotes' character spans."""
    mask = [False] * len(doc)
    spans = sorted(quote_char_spans)
    if not spans:
        return mask
    index = 0
    for token in doc:
        while index < len(spans) and spans[index][1] <= token.idx:
            index += 1
        if index < len(spans) and spans[index][0] <= token.idx < spans[index][1]:
            mask[token.i] = True
    return mask


@dataclass
class CueModel:
    """Logistic-regression weights over :func:`cue_features`, a threshold, widening rules."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    #: A lexicon hit is kept unless its head scores below this (lower) threshold.
    veto_threshold: float = 0.0
    #: Dependency labels of children that join the cue on the left (``has``, ``not``) ...
    widen_left: frozenset[str] = frozenset()
    #: ... and on the right (a particle, ``to`` in ``responded to``).
    widen_right: frozenset[str] = frozenset()
    #: ``preposition object-lemma`` pairs that make ``in a statement`` part of the cue.
    widen_phrase_objects: frozenset[str] = frozenset()
    #: ``verb-lemma preposition`` pairs whose preposition joins the cue (``vote for``).
    widen_verb_preps: frozenset[str] = frozenset()
    provenance: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | str = DEFAULT_MODEL_PATH) -> CueModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        widen = data.get("widen", {})
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            veto_threshold=float(data.get("veto_threshold", 0.0)),
            widen_left=frozenset(widen.get("left", ())),
            widen_right=frozenset(widen.get("right", ())),
            widen_phrase_objects=frozenset(widen.get("phrase_objects", ())),
            widen_verb_preps=frozenset(widen.get("verb_preps", ())),
            provenance=data.get("provenance", {}),
        )

    def to_dict(self) -> dict:
        return {
            "provenance": self.provenance,
            "threshold": round(self.threshold, 4),
            "veto_threshold": round(self.veto_threshold, 4),
            "bias": round(self.bias, 4),
            "widen": {
                "left": sorted(self.widen_left),
                "right": sorted(self.widen_right),
                "phrase_objects": sorted(self.widen_phrase_objects),
                "verb_preps": sorted(self.widen_verb_preps),
            },
            # Heaviest first, so a reader sees what the model relies on at the top of the file.
            "weights": {
                k: round(v, 4)
                for k, v in sorted(self.weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
            },
        }

    def probability(self, features: Iterable[str]) -> float:
        weights = self.weights
        z = self.bias + sum(weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def heads(
        self,
        doc: Doc,
        in_quote: Sequence[bool],
        lexicon: dict[str, str],
        floor: float | None = None,
    ) -> list[tuple[Token, float]]:
        """The words scoring at or above ``floor`` (the threshold by default), in text order."""
        floor = self.threshold if floor is None else floor
        found = []
        for sentence in doc.sents:
            quote_in_sentence = any(in_quote[sentence.start : sentence.end])
            for token in sentence:
                if token.pos_ not in CANDIDATE_POS:
                    continue
                p = self.probability(cue_features(token, in_quote, quote_in_sentence, lexicon))
                if p >= floor:
                    found.append((token, p))
        return found

    def cue_span(self, head: Token) -> Span:
        """The head with the children PolNeAR puts in the cue: ``has not said``, ``called for``."""
        doc = head.doc
        start, end = head.i, head.i + 1
        for child in reversed(list(head.lefts)):
            # Only an unbroken run of widening children: "has repeatedly said", not "he said".
            if child.i != start - 1 or head.i - child.i > MAX_WIDEN:
                break
            if child.dep_ not in self.widen_left:
                break
            start = child.i
        for child in head.rights:
            if child.i != end or child.i - head.i > MAX_WIDEN:
                break
            if child.dep_ in self.widen_right:
                end = child.i + 1
            elif child.dep_ == "prep" and self._phrase(child) is not None:
                # Up to the object: the parser may hang the reported clause off "statement".
                end = self._phrase(child).i + 1
                break
            elif (
                child.dep_ == "prep"
                and f"{head.lemma_.lower()} {child.lower_}" in self.widen_verb_preps
            ):
                end = child.i + 1
                break
            else:
                break
        return doc[start:end]

    def _phrase(self, preposition: Token) -> Token | None:
        """``said in a statement``, ``wrote on Twitter``: the object of a channel phrase."""
        # Only an object after the preposition: "what he asked about" would give an empty cue.
        objects = [c for c in preposition.rights if c.dep_ == "pobj"]
        if not objects or objects[0].i - preposition.i > MAX_WIDEN:
            return None
        key = f"{preposition.lower_} {objects[0].lemma_.lower()}"
        return objects[0] if key in self.widen_phrase_objects else None


def reporting_lexicon(lexicons) -> dict[str, str]:
    """Single-word reporting verbs (term and aliases) -> stance, from ``reporting_verbs``."""
    found: dict[str, str] = {}
    for entry in lexicons["reporting_verbs"]:
        if not entry.enabled:
            continue
        for phrase in entry.phrases:
            if " " not in phrase.strip():
                found.setdefault(phrase.lower(), entry.category)
    return found


def cue_head(span: Span) -> Token:
    """The word of a (gold) cue span that the rest hangs off: a verb if there is one."""
    outside = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head is t]
    pool = outside or list(span)
    verbs = [t for t in pool if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    return (verbs or pool)[0]


__all__ = [
    "CueModel",
    "cue_features",
    "cue_head",
    "quoted_mask",
    "reporting_lexicon",
    "DEFAULT_MODEL_PATH",
]
