"""A learned fallback for source typing: the words around a name's mentions in the article.

The rules of :mod:`framing.annotate.sources` type a source from words tied to its name (a title, an
apposition, a role given anywhere in the article). Many names get none: a story says "Trump
said" a dozen times and never "Republican nominee Donald Trump", a business story names a
coal executive only by "Mr. Clarke". The words *around* the name still tell what kind of
source it is: "rally", "voters", "debate" near it; "mines", "bankruptcy", "profits" near it.

:class:`SourceTypeModel` is a logistic regression over those words: for a name the rules left
``unknown``, every word within :data:`WINDOW` tokens of each mention of its last word in the
article (stop words, punctuation, numbers and the name's own words left out), as a set, with
the entity label of its first mention. A type is given only when its probability reaches the
model's threshold, and only a type the model is allowed to give (``gives_types``: those
whose model-given precision on the design labels reached 0.80); otherwise the name stays
``unknown``.

It is trained on **silver** labels: the types the rules give named sources on PolNeAR
*train* (``python -m framing.evaluation.train_source_types``), with the words the rules
typed from (the title words before a mention and an apposition after it) left out, so that
it learns from the rest of the context, as it will meet names the rules could not type. The
threshold was chosen on the hand labels of PolNeAR dev in ``tests/gold/source_types/``
(``polnear_sources.tsv``, the design set); ``heldout_sources.tsv`` scores it held out.

The model is data: ``framing/data/source_type_model.json`` holds classes, weights, threshold
and what it was trained on. PolNeAR is political news of 2015-16, so the words it weighs are
that beat's ("campaign", "rally"); on another beat it gives a type less often, not more
(its threshold stays), and the rules still come first.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from framing.common.package_data import DATA_DIR

MODEL_PATH = DATA_DIR / "source_type_model.json"
#: Tokens either side of a mention whose words are features.
WINDOW = 12
#: Words right before a mention that may hold its title ("Republican nominee"): left out,
#: since the rules read them, and a name they typed must not teach the model its own title.
TITLE_WORDS = 4
#: Entry id given to a type the model chose (as a lexicon entry id names its entry).
MODEL_ENTRY_ID = "model.source_context"


def _is_content_word(token) -> bool:
    return token.is_alpha and not token.is_stop and len(token.text) > 1


def _title_start(doc: Doc, i: int) -> int:
    """Where the words right before a mention begin that may be its title: a run of at most
    :data:`TITLE_WORDS` words ("Republican nominee", "Sen."), back to punctuation or an
    article ("At the rally. Clarke" keeps "rally")."""
    start = i
    while start > 0 and i - start < TITLE_WORDS:
        token = doc[start - 1]
        abbreviation = token.text.endswith(".") and token.text[:-1].isalpha()
        if not (token.is_alpha or abbreviation) or token.lower_ in ("the", "a", "an"):
            break
        start -= 1
    return start


def _apposition_end(doc: Doc, end: int) -> int:
    """The end of a comma-closed apposition right after a mention, or ``end`` itself."""
    if end >= len(doc) or doc[end].text != ",":
        return end
    for i in range(end + 1, min(len(doc), end + 12)):
        if doc[i].text in (",", ".", ";", ")"):
            return i + 1
    return end


def name_key(name: str) -> str | None:
    """The word a name is found by in the article: its last word, lowercased ("trump")."""
    words = [w for w in name.replace("\u2019s", "").replace("'s", "").split() if w[:1].isalpha()]
    return words[-1].lower() if words else None


def context_features(doc: Doc, name: str) -> list[str]:
    """The features of a name in a Doc: ``w=WORD`` for the content words within
    :data:`WINDOW` tokens of each mention of its last word, and ``label=ENT`` for the entity
    label of the first mention. Empty when the name is not found."""
    key = name_key(name)
    if key is None:
        return []
    own = {w.lower() for w in name.split()}
    mentions = [t.i for t in doc if t.lower_ == key]
    if not mentions:
        return []
    # The title words and apposition of every mention are left out, also from the window of
    # another mention that reaches them.
    skipped = {
        j for i in mentions for j in range(_title_start(doc, i), _apposition_end(doc, i + 1))
    }
    words: set[str] = set()
    for i in mentions:
        for j in range(max(0, i - WINDOW), min(len(doc), i + 1 + WINDOW)):
            if j in skipped:
                continue
            token = doc[j]
            if _is_content_word(token) and token.lower_ not in own:
                words.add(token.lemma_.lower() if token.lemma_ else token.lower_)
    label = doc[mentions[0]].ent_type_ or "NONE"
    return [f"label={label}", *(f"w={w}" for w in sorted(words))]


@dataclass
class SourceTypeModel:
    """Multinomial logistic regression over :func:`context_features`, stored as JSON."""

    classes: list[str]
    intercepts: list[float]
    weights: dict[str, list[float]]  # feature -> one weight per class
    threshold: float
    trained_on: str = ""
    #: The types the model may give (None: any class). Chosen on the design labels: a type
    #: whose model-given precision there fell below 0.80 is left to the rules.
    gives_types: list[str] | None = None
    chosen_on: str = ""  # how the threshold and gives_types were chosen

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> SourceTypeModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["classes"], data["intercepts"], data["weights"], data["threshold"],
                   data.get("trained_on", ""), data.get("gives_types"),
                   data.get("chosen_on", ""))

    def save(self, path: Path | str = MODEL_PATH) -> None:
        """JSON with one line per feature (a readable, diffable file of a few thousand lines)."""
        head = {
            "about": "framing.annotate.source_typing: a source type from the words around a name; "
            "regenerate with python -m framing.evaluation.train_source_types",
            "trained_on": self.trained_on,
            "chosen_on": self.chosen_on,
            "threshold": self.threshold,
            "gives_types": self.gives_types,
            "classes": self.classes,
            "intercepts": self.intercepts,
        }
        lines = [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
        rows = [f"  {json.dumps(f)}: {json.dumps(w)}" for f, w in sorted(self.weights.items())]
        text = "{\n" + "\n".join(lines) + '\n "weights": {\n' + ",\n".join(rows) + "\n }\n}\n"
        Path(path).write_text(text, encoding="utf-8")

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        scores = list(self.intercepts)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def predict(self, features: list[str]) -> tuple[str, float] | None:
        """The most probable type and its probability, or None below the threshold (or with
        no word of the context known to the model)."""
        if not any(f in self.weights for f in features if f.startswith("w=")):
            return None
        probabilities = self.probabilities(features)
        best = max(probabilities, key=probabilities.__getitem__)
        p = probabilities[best]
        if p < self.threshold or (self.gives_types is not None and best not in self.gives_types):
            return None
        return best, p


def load_default_model() -> SourceTypeModel | None:
    """The shipped model, or None when its file is absent (the rules alone then type)."""
    try:
        return SourceTypeModel.load(MODEL_PATH)
    except FileNotFoundError:
        return None


def _is_name(entity: str) -> bool:
    """A proper name ("Trump", "Mr. Clarke"), not a description ("officials") or "the writer"."""
    return any(w[:1].isupper() for w in entity.split()) and name_key(entity) is not None


def type_by_context(doc: Doc, sources: list, model: SourceTypeModel) -> list:
    """The sources, with the named ones the rules left ``unknown`` typed by the model when it
    is sure enough. Each name is classified once; every mention resolved to it (a pronoun
    too) takes the type."""
    import dataclasses

    chosen: dict[str, tuple[str, float] | None] = {}
    typed = []
    for source in sources:
        if source is not None and source.source_type == "unknown" and source.named and _is_name(
            source.entity
        ):
            if source.entity not in chosen:
                chosen[source.entity] = model.predict(context_features(doc, source.entity))
            prediction = chosen[source.entity]
            if prediction is not None:
                source = dataclasses.replace(source, source_type=prediction[0],
                                             entry_id=MODEL_ENTRY_ID)
        typed.append(source)
    return typed
