"""Run the components being evaluated over raw gold texts, keeping gold character offsets.

Gold offsets count into the text exactly as the gold files give it, so evaluation runs the
attribution extractor and the loaded-term matcher on that text as it is, without the clean-up
step of :class:`framing.measure.analyzer.Analyzer` (which would move offsets). This is the set-up of
:func:`framing.evaluation.brat.evaluate_attribution` and
:func:`framing.evaluation.babe.predict_babe`, shared here by the other formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from framing.evaluation.matching import Pieces
from framing.lexicon.load import Lexicons


def annotate(
    texts: Iterable[str],
    nlp: Language,
    lexicons: Lexicons,
    *,
    loaded_terms: bool = True,
    batch_size: int = 32,
    parse: str = "all",
) -> Iterator[Doc]:
    """Docs with ``doc._.attributions`` (and ``doc._.term_hits`` with ``loaded_terms``) set.

    The attribution extractor runs before the loaded-term matcher, so that a loaded word in
    reported speech counts as quoted, as it does in the full pipeline. A pipeline that already
    has the framing component has set both, and is used as it is. ``parse`` says which
    sentences the trained pipeline parses (see :class:`framing.annotate.selective.SelectiveParser`):
    ``all``, ``candidates`` (the default of ``framing score``), ``none`` (``--fast``) or
    ``accurate`` (``--accurate``: ``all``, then :mod:`framing.annotate.attribution.labeller`).
    """
    from framing.annotate.attribution.extract import AttributionExtractor
    from framing.annotate.loaded_terms import LoadedTermMatcher

    extractor = AttributionExtractor(nlp, lexicons)
    if parse == "accurate":  # every sentence parsed, and the trained labeller on the rules
        from framing.annotate.attribution.labeller import AttributionModel

        extractor.labeller, parse = AttributionModel.shared(), "all"
    matcher = LoadedTermMatcher(nlp, lexicons) if loaded_terms else None
    from framing.annotate.selective import SelectiveParser

    parser = SelectiveParser(nlp, extractor, parse=parse)
    for doc in parser.pipe(texts, batch_size=batch_size):
        if doc._.attributions is None:
            doc = extractor(doc)
        if matcher is not None and doc._.term_hits is None:
            doc = matcher(doc)
        yield doc


def overlay_folders(lexicons: Lexicons) -> list[Path]:
    """The overlay folders these lexicons were loaded with (beyond the default ones), so an
    Analyzer built from them loads the same set."""
    from framing.lexicon.load import lexicon_dirs

    defaults = {folder.resolve() for folder in lexicon_dirs()}
    folders = dict.fromkeys(Path(path).parent.resolve() for path in lexicons.sources)
    return [folder for folder in folders if folder not in defaults]


@contextmanager
def whole_pipeline(nlp: Language, lexicons: Lexicons):
    """The Analyzer of ``framing score`` (default mode) on ``nlp``, with these lexicons.

    For gold data scored as a user's articles are (cleaning, every step, original offsets).
    The Analyzer adds the framing component and its sentence hints to ``nlp``; they are taken
    out on exit, so other evaluations sharing the pipeline see it as it was.
    """
    from framing.measure.analyzer import Analyzer

    pipes_before = set(nlp.pipe_names)
    try:
        analyzer = Analyzer(nlp, lexicon_overlays=overlay_folders(lexicons))
        if analyzer.lexicon_version != lexicons.version:
            raise ValueError(
                f"the pipeline's lexicons ({analyzer.lexicon_version}) are not the ones given "
                f"({lexicons.version})"
            )
        yield analyzer
    finally:
        for name in [name for name in nlp.pipe_names if name not in pipes_before]:
            nlp.remove_pipe(name)


#: The span groups whose label the extractor sets, by gold role: source type, cue stance.
LABELLED_GROUPS = {"source": ("speaker", "channel"), "cue": ("cue",)}


def predicted_labels(doc: Doc, role: str) -> dict[Pieces, str]:
    """The label the extractor gave each predicted span of a role (source type, cue stance)."""
    labels: dict[Pieces, str] = {}
    for key in LABELLED_GROUPS.get(role, ()):
        for span in doc.spans.get(key, []):
            labels.setdefault(((span.start_char, span.end_char),), span.label_ or "unknown")
    return labels
