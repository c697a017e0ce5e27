"""The ``framing`` spaCy component: attribution, state media, loaded terms, hedges, naming and
figures, in order.

``nlp.add_pipe("framing")`` works on any English pipeline. With a parser, attribution uses
the dependency tree; without one (``spacy.blank("en")`` or ``--fast``), it falls back to
surface patterns. The order matters: the voice reader needs the quotes and attributed content
found first, and loaded terms, naming and event labels ask it whose words they are in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import raise_error

import framing.annotate.doc_extensions  # noqa: F401 - registers the Doc attributes below
from framing.annotate.assertions import AssertionFinder
from framing.annotate.attribution.extract import AttributionExtractor
from framing.annotate.figures import FigureFinder
from framing.annotate.loaded_terms import LoadedTermMatcher
from framing.annotate.mentions import hedge_finder, state_media_finder
from framing.annotate.naming import ActorNamer, EventLabelFinder
from framing.lexicon.load import Lexicons, load_lexicons

# spaCy validates "doc.spans" but not its keys; the keys are listed in SPAN_KEYS.
ASSIGNS = [
    *(f"doc._.{name}" for name in framing.annotate.doc_extensions.DOC_ATTRIBUTES),
    "doc.spans",
]


class FramingComponent:
    """Runs each family's annotator over a Doc. Matchers are compiled once, here."""

    def __init__(self, nlp: Language, lexicons: Lexicons):
        self.lexicons = lexicons
        self.attribution = AttributionExtractor(nlp, lexicons)
        loaded_terms = LoadedTermMatcher(nlp, lexicons)
        self.steps = [
            self.attribution,
            state_media_finder(nlp, lexicons),
            # after attribution and state media: whose words (the loaded terms' own reader,
            # which knows their words: a scare quote holding one passes the learned filter)
            loaded_terms.voice_reader,
            loaded_terms,
            hedge_finder(nlp, lexicons),
            ActorNamer(nlp, lexicons),
            EventLabelFinder(nlp, lexicons),
            # after attribution and voice: a figure's source is its claim's or its quote's
            FigureFinder(nlp, lexicons, resolver=self.attribution.resolver),
            AssertionFinder(nlp, lexicons),  # after figures: a sentence stating one is a claim
        ]

        self._error_handler = raise_error

    def __call__(self, doc: Doc) -> Doc:
        for step in self.steps:
            doc = step(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Like spaCy's own pipes: a Doc that fails goes to the error handler and is still
        yielded, so a batch keeps one result per input (spaCy drops failed Docs of plain
        callables in ``nlp.pipe``)."""
        for doc in docs:
            try:
                yield self(doc)
            except Exception as error:  # noqa: BLE001 - any failure is reported, not fatal
                self._error_handler("framing", self, [doc], error)
                yield doc

    def set_error_handler(self, error_handler: Callable) -> None:
        self._error_handler = error_handler

    def get_error_handler(self) -> Callable:
        return self._error_handler


@Language.factory(
    "framing",
    default_config={"lexicon_overlays": []},
    assigns=ASSIGNS,
    requires=[],
)
def make_framing_component(
    nlp: Language, name: str, lexicon_overlays: list[str]
) -> FramingComponent:
    """Factory: ``lexicon_overlays`` are folders laid over the shipped lexicons, in order."""
    return FramingComponent(nlp, load_lexicons(lexicon_overlays))
