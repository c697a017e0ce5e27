"""One article in, one record out: the pipeline that parses it and the feature record.

:class:`Analyzer` holds a loaded spaCy pipeline with the framing component; ``analyze(text)``
scores one text with the shared one. Text is cleaned first (see :mod:`framing.read.cleaning`);
every span in the results is mapped back to the text the user gave, so highlights land on the
original characters. How a whole corpus is computed (workers, cache, Dask) is
:mod:`framing.run`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

import framing.annotate.component  # noqa: F401 - registers the "framing" factory
from framing.annotate.doc_extensions import doc_text
from framing.annotate.model import BLANK_MODEL, find_model, load_model, model_version
from framing.annotate.records import (
    ActorMention,
    Assertion,
    Attribution,
    EventLabel,
    Figure,
    Mention,
    Quote,
    TermHit,
    TextSpan,
    VoiceSpan,
)
from framing.annotate.selective import SelectiveParser
from framing.annotate.sentences import add_sentence_hints, sentence_char_bounds
from framing.annotate.voice import words_by_voice
from framing.common.versions import code_version
from framing.lexicon.load import Lexicons
from framing.measure.features import NAN, Vocabulary, article_features
from framing.read.cleaning import CleanText, clean_text
from framing.read.corpus import Article
from framing.read.language import language_refusal
from framing.read.outlets import OutletTable

METADATA_COLUMNS = (
    "article_id",
    "outlet",
    "outlet_ownership",
    "date",
    "story",
    "wire",
    "title",
    "url",
    "author",
    "path",
    "status",
    "warnings",
    "model",
    "lexicon_version",
)
_ERROR_KEY = "framing_error"
#: The longest text the pipeline takes: any article the reader lets through. A character is
#: at least one byte of UTF-8, so no text within the reader's byte limit is longer; a larger
#: --max-bytes is a user's explicit choice, and the reader is where it is enforced.
MAX_ARTICLE_CHARACTERS = 10**9
#: How much of the trained pipeline runs: ``selective`` parses only the sentences that can
#: carry an attribution, ``full`` parses every sentence, ``fast`` parses none (rules only),
#: ``accurate`` parses every sentence and relabels attributions with the trained labeller.
PIPELINE_MODES = ("selective", "full", "fast", "accurate")
_PARSE_OF_MODE = {"selective": "candidates", "full": "all", "fast": "none", "accurate": "all"}


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def _record_component_error(name: str, component: Callable, docs: list[Doc], error: Exception):
    """spaCy error handler: mark the Doc as failed, so one bad article never stops a batch."""
    for doc in docs:
        doc.user_data[_ERROR_KEY] = f"{name}: {type(error).__name__}: {error}"


def count_words(doc: Doc) -> int:
    """Tokens that are neither punctuation nor whitespace (in one array, not a Python loop)."""
    if not len(doc):
        return 0
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int((flags.sum(axis=1) == 0).sum())


def sentence_spans(doc: Doc, text: str | None = None) -> list[TextSpan]:
    """The Doc's sentences, or the whole Doc as one when no component set boundaries.

    ``text`` may pass the Doc's text when the caller has it (the text the Doc was made from).
    """
    text = doc_text(doc) if text is None else text
    if not doc.has_annotation("SENT_START"):
        return [TextSpan(0, len(text), text)]
    if "sents" in doc.user_hooks:
        return [TextSpan.of(s) for s in doc.sents]
    # Slicing the Doc's text is much cheaper than Span.text, which visits every token.
    return [
        TextSpan(start, end, text[start:end]) for start, end in sentence_char_bounds(doc)
    ]


@cache
def _field_names(record_type: type) -> tuple[str, ...]:
    # Looked up once per record type: dataclasses.fields() is slow enough to show in profiles.
    return tuple(f.name for f in dataclasses.fields(record_type))


#: Field values that hold no TextSpan, returned as they are without a look inside.
_PLAIN_TYPES = (str, int, float, bool, type(None))


def _to_original(record: Any, clean: CleanText, _moved: dict | None = None) -> Any:
    """The same record with every TextSpan moved to original-text offsets.

    ``_moved`` remembers the spans already moved within one call: the same sentence comes
    back in many records (each hit, figure and attribution carries its sentence).
    """
    if isinstance(record, _PLAIN_TYPES) or clean.is_identity:
        return record
    moved = {} if _moved is None else _moved
    if isinstance(record, TextSpan):
        key = (record.start, record.end)
        found = moved.get(key)
        if found is None:
            start, end = clean.span_to_original(record.start, record.end)
            found = moved[key] = TextSpan(start, end, clean.original[start:end])
        return found
    if isinstance(record, list | tuple):
        return type(record)([_to_original(item, clean, moved) for item in record])
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        changes = {
            name: _to_original(getattr(record, name), clean, moved)
            for name in _field_names(type(record))
        }
        return dataclasses.replace(record, **changes)
    return record


@dataclass
class ArticleAnalysis:
    """One article's evidence (spans as records, in original-text offsets) and its features."""

    article: Article
    status: str  # ok | empty | failed
    features: dict[str, float]
    sentences: list[TextSpan] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    term_hits: list[TermHit] = field(default_factory=list)
    state_media: list[Mention] = field(default_factory=list)
    hedges: list[Mention] = field(default_factory=list)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    event_labels: list[EventLabel] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)
    #: Quotes and paraphrased content, each with its voice: every other word is narration.
    voices: list[VoiceSpan] = field(default_factory=list)
    cleaning: tuple[str, ...] = ()
    model: str = ""
    lexicon_version: str = ""
    error: str | None = None
    doc: Doc | None = None

    def row(self) -> dict[str, Any]:
        """The flat per-article row: metadata columns, then features."""
        article = self.article
        warnings = list(article.warnings) + ([self.error] if self.error else [])
        return {
            "article_id": article.id,
            "outlet": article.outlet,
            "outlet_ownership": article.ownership,
            "date": article.date,
            "story": article.story,
            "wire": article.wire,
            "title": article.title,
            "url": article.url,
            "author": article.author,
            "path": article.path,
            "status": self.status,
            "warnings": "; ".join(warnings),
            "model": self.model,
            "lexicon_version": self.lexicon_version,
            **self.features,
        }


def _run_versions(model: str, parse: str, cue_version: str, lexicon_version: str):
    """(parse version, result version): the cache keys' versions (:mod:`framing.run.cache`)."""
    parse_version = _digest(model, parse, cue_version, code_version())
    return parse_version, _digest(parse_version, lexicon_version)


def _model_label(version: str, mode: str) -> str:
    # The mode is part of what produced a figure: a --fast run says so in its model column,
    # an --accurate run names the trained labeller's weights too.
    # The scare-quote filter's weights decide which quoted fragments are the outlet's own
    # wording: they are named too (``…+scare-<digest>``), where it runs: on parsed text.
    from framing.annotate.scare_filter import filter_version

    scare = filter_version() if mode != "fast" and not version.startswith("blank") else None
    filtered = f"+{scare}" if scare else ""
    if mode == "accurate":
        from framing.annotate.attribution.labeller import labeller_version

        return f"{version}+accurate-{labeller_version()}{filtered}"
    return version + ("" if mode == "selective" else f"+{mode}") + filtered


def _check_mode(mode: str) -> None:
    if mode not in PIPELINE_MODES:
        choices = ", ".join(PIPELINE_MODES)
        raise ValueError(f"unknown pipeline mode {mode!r}: use one of {choices}")


@dataclass(frozen=True)
class AnalyzerSpec:
    """An :class:`Analyzer`'s settings and versions, known without loading its pipeline.

    What the client of a Dask cluster needs: the workers load the pipeline, the client only
    keys the cache and labels the output. ``model``, ``lexicon_version``, ``parse_version``
    and ``result_version`` equal those of ``Analyzer(**settings)``; the Dask engine checks
    every partition's against them. Build with :meth:`of`.
    """

    settings: dict[str, Any]
    model: str
    lexicons: Lexicons
    parse_version: str
    result_version: str

    @property
    def lexicon_version(self) -> str:
        return self.lexicons.version

    @classmethod
    def of(
        cls,
        lexicon_overlays: Iterable[str | Path] = (),
        model: str | None = None,
        mode: str = "selective",
    ) -> AnalyzerSpec:
        """The spec of ``Analyzer(lexicon_overlays=..., model=..., mode=...)``: the model's
        version from its package's meta, the lexicons and cue detector from their files."""
        from framing.annotate.attribution.cues import cue_entries, default_cue_model
        from framing.annotate.model import installed_model
        from framing.annotate.selective import cue_version, learned_cue_lemmas, parse_choice
        from framing.lexicon.load import load_lexicons

        _check_mode(mode)
        overlays = tuple(str(p) for p in lexicon_overlays)
        package = find_model(model)
        version, pipe_names = installed_model(package)
        has_parser = "parser" in pipe_names
        parse = parse_choice(_PARSE_OF_MODE[mode], has_parser)
        lexicons = load_lexicons(list(overlays))
        cues = cue_version(cue_entries(lexicons), learned_cue_lemmas(default_cue_model(has_parser)))
        label = _model_label(version, mode)
        parse_version, result_version = _run_versions(label, parse, cues, lexicons.version)
        settings = {"lexicon_overlays": overlays, "model": package, "mode": mode}
        return cls(settings, label, lexicons, parse_version, result_version)


class Analyzer:
    """A loaded pipeline with the framing component; build once, analyse many articles."""

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        lexicon_overlays: Iterable[str | Path] = (),
        model: str | None = None,
        mode: str = "selective",
    ):
        lexicon_overlays = tuple(lexicon_overlays)
        _check_mode(mode)
        self.mode = mode
        if nlp is None:
            model = find_model(model)
            nlp = load_model(model)
        # The reader's size limit (--max-bytes, 2,000,000 bytes by default) is the one limit on
        # an article: spaCy's own (1,000,000 characters) would fail a text the reader took
        # (E088). An article's parse memory is bounded by the reader, and by the selective
        # parse, which gives the model one run of sentences at a time.
        nlp.max_length = max(nlp.max_length, MAX_ARTICLE_CHARACTERS)
        if "framing" not in nlp.pipe_names:
            add_sentence_hints(nlp)
            nlp.add_pipe("framing", config={"lexicon_overlays": [str(p) for p in lexicon_overlays]})
        # Only our component reports errors this way: spaCy's compiled pipes refuse a handler
        # (nlp.set_error_handler raises on them), and they do not fail on text.
        nlp.get_pipe("framing").set_error_handler(_record_component_error)
        self.nlp = nlp
        self.lexicons: Lexicons = nlp.get_pipe("framing").lexicons
        self.model = _model_label(model_version(nlp), mode)
        self.parser = SelectiveParser(
            nlp, nlp.get_pipe("framing").attribution, parse=_PARSE_OF_MODE[mode]
        )
        if mode == "accurate":
            from framing.annotate.attribution.labeller import AttributionModel

            nlp.get_pipe("framing").attribution.labeller = AttributionModel.shared()
        self.parse_version, self.result_version = _run_versions(
            self.model, self.parser.parse, self.parser.cue_version, self.lexicons.version
        )
        # What rebuilds this analyzer in another process (a Dask worker). A trained pipeline
        # passed in as an object has no package name to give: the worker loads its default.
        self.settings = {
            "lexicon_overlays": tuple(str(p) for p in lexicon_overlays),
            "model": model or (BLANK_MODEL if self.model.startswith("blank") else None),
            "mode": mode,
        }
        self.vocabulary = Vocabulary.from_lexicons(self.lexicons)

    @cached_property
    def _empty_features(self) -> dict[str, float]:
        # The feature names, from a one-word Doc; computed on first need, since readability
        # loads a pronouncing dictionary (a second or so) that a run read from the cache
        # never needs.
        return {name: NAN for name in self._features_of(self.nlp.make_doc("x"), "x")}

    @property
    def lexicon_version(self) -> str:
        return self.lexicons.version

    def _features_of(
        self, doc: Doc, text: str, sentences: list[TextSpan] | None = None
    ) -> dict[str, float]:
        return article_features(
            text=text,
            n_words=count_words(doc),
            sentences=sentences if sentences is not None else sentence_spans(doc),
            attributions=doc._.attributions or [],
            quotes=doc._.quotes or [],
            term_hits=doc._.term_hits or [],
            state_media=doc._.state_media or [],
            hedges=doc._.hedges or [],
            assertions=doc._.assertions or [],
            vocabulary=self.vocabulary,
            figures=doc._.figures or [],
            voice_words=words_by_voice(text, doc._.voices or []),
        )

    def _result(
        self, article: Article, clean: CleanText, doc: Doc, keep_doc: bool
    ) -> ArticleAnalysis:
        # An article in another language than the lexicons' fails with the reason, rather than
        # being scored with rules that do not apply to it.
        error = doc.user_data.get(_ERROR_KEY) or language_refusal(clean.text, self.lexicons.lang)
        common = dict(
            article=article,
            cleaning=clean.edits,
            model=self.model,
            lexicon_version=self.lexicon_version,
            doc=doc if keep_doc else None,
        )
        if error:
            return ArticleAnalysis(
                status="failed", features=dict(self._empty_features), error=error, **common
            )
        if not clean.text.strip():
            return ArticleAnalysis(status="empty", features=dict(self._empty_features), **common)
        sentences = sentence_spans(doc, clean.text)
        return ArticleAnalysis(
            status="ok",
            features=self._features_of(doc, clean.text, sentences),
            sentences=_to_original(sentences, clean),
            attributions=_to_original(list(doc._.attributions or []), clean),
            quotes=_to_original(list(doc._.quotes or []), clean),
            term_hits=_to_original(list(doc._.term_hits or []), clean),
            state_media=_to_original(list(doc._.state_media or []), clean),
            hedges=_to_original(list(doc._.hedges or []), clean),
            actor_mentions=_to_original(list(doc._.actor_mentions or []), clean),
            event_labels=_to_original(list(doc._.event_labels or []), clean),
            figures=_to_original(list(doc._.figures or []), clean),
            assertions=_to_original(list(doc._.assertions or []), clean),
            voices=_to_original(list(doc._.voices or []), clean),
            **common,
        )

    def parse(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        """The trained pipeline's stage: one Doc per (cleaned) text, in order, parsed as the
        mode says (:mod:`framing.annotate.selective`). Depends on :attr:`parse_version` only.

        A batch the model fails on is parsed again one text at a time, so a text that breaks
        the model fails alone, marked like a Doc the framing component fails on, and the rest
        of the batch is scored (a model error must never cost a batch)."""
        for batch in minibatch(texts, size=batch_size):
            try:
                docs = list(self.parser.pipe(batch, batch_size=batch_size))
            except Exception:  # noqa: BLE001 - the texts are parsed one by one below
                docs = [self._parse_alone(text) for text in batch]
            yield from docs

    def _parse_alone(self, text: str) -> Doc:
        try:
            return next(iter(self.parser.pipe([text])))
        except Exception as error:  # noqa: BLE001 - reported on this article only
            doc = Doc(self.nlp.vocab, words=[])
            _record_component_error("model", self.parser, [doc], error)
            return doc

    @staticmethod
    def failed_to_parse(doc: Doc) -> bool:
        """True for the stand-in Doc of a text the model failed on (see :meth:`parse`): it
        holds no parse, so it must not be stored as one."""
        return _ERROR_KEY in doc.user_data

    def annotate(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        """The framing component over parsed Docs; a Doc it fails on is marked, not lost."""
        return self.nlp.get_pipe("framing").pipe(docs)

    def result(
        self, article: Article, clean: CleanText, doc: Doc, keep_doc: bool = False
    ) -> ArticleAnalysis:
        """The analysis of an annotated Doc, with every span in original-text offsets."""
        return self._result(article, clean, doc, keep_doc)

    def analyze(
        self, text: str, outlet: str | None = None, *, article_id: str = "text"
    ) -> ArticleAnalysis:
        """Analyse one text. The result keeps the spaCy Doc (of the cleaned text) in ``.doc``."""
        outlets = OutletTable.from_lexicons(self.lexicons)
        article = Article(
            id=article_id,
            text=text,
            outlet=outlet or "unknown",
            ownership=outlets.ownership(outlet),
        )
        clean = clean_text(text)
        (doc,) = self.annotate(self.parse([clean.text]))
        return self._result(article, clean, doc, keep_doc=True)

    def analyze_articles(
        self, articles: Iterable[Article], *, batch_size: int = 32
    ) -> Iterator[ArticleAnalysis]:
        """Analyse articles in a stream, in input order; never holds all Docs at once.

        In this process; :func:`run_analyses` adds worker processes, the cache and Dask.
        """
        for batch in minibatch(articles, size=batch_size):
            cleaned = [clean_text(article.text) for article in batch]
            docs = self.annotate(self.parse([clean.text for clean in cleaned], batch_size))
            for article, clean, doc in zip(batch, cleaned, docs, strict=True):
                yield self._result(article, clean, doc, keep_doc=False)


@lru_cache(maxsize=4)
def default_analyzer(
    lexicon_overlays: tuple[str, ...] = (), model: str | None = None, mode: str = "selective"
) -> Analyzer:
    """The shared Analyzer for these settings, loaded once per process (and per worker)."""
    return Analyzer(lexicon_overlays=lexicon_overlays, model=model, mode=mode)


def analyze(text: str, outlet: str | None = None) -> ArticleAnalysis:
    """Analyse one article's text with the trained pipeline and the shipped lexicons."""
    return default_analyzer().analyze(text, outlet)

