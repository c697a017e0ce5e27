"""Score the whole pipeline on the seeds' gold file (``framing evaluate --format seeds-gold``).

The gold is read by :mod:`framing.evaluation.seeds_gold`; the pipeline is the one
``framing score`` runs (its default mode, the same reader, so offsets agree). Four measures,
each in the rows of :class:`~framing.evaluation.results.EvaluationResult`:

- ``attribution``: predicted attributions against gold ones, paired one-to-one on their cues
  (any cue word of the gold claim; on content when either side has no cue) with the
  matching rules of :mod:`framing.evaluation.matching`. ``core`` rows leave borderline gold
  items out: a prediction paired with one counts neither for nor against precision.
- ``voice``: every loaded-term hit's voice against the gold voice of its characters
  (majority; a hit in page chrome is always wrong, since chrome is not the outlet's prose);
  and the loaded words the hand reading lists, found by any of loaded terms, event labels or
  naming titles, in the right voice.
- ``reliance``: each article's ``state_media_attribution_share`` against the hand figure,
  right when within :data:`RELIANCE_TOLERANCE`.
- ``figures``: each gold figure paired with the predicted figure covering it; right when both
  have no source, or the predicted source is a link of the gold attribution's chain (its
  span overlaps the speaker, channel or relay) or names the same entity.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.evaluation.errors import (
    DISAGREEMENT,
    FALSE_NEGATIVE,
    FALSE_POSITIVE,
    ErrorRow,
    span_error,
)
from framing.evaluation.matching import (
    DEFAULT_THRESHOLD,
    Pieces,
    exact_key,
    overlap_ratio,
    pair_greedily,
    span_tokens,
)
from framing.evaluation.predict import whole_pipeline
from framing.evaluation.results import ALL, EvaluationResult, ScoreRow
from framing.evaluation.seeds_gold import (
    CHROME,
    CORE,
    VOICES,
    GoldAttribution,
    GoldFigure,
    SeedGold,
    read_seeds_gold,
)

FORMAT = "seeds-gold"
TASKS = ("attribution", "voice", "reliance", "figures")
MODES = ("exact", "overlap")
#: How far an article's predicted state-media reliance may be from the hand figure.
RELIANCE_TOLERANCE = 0.10
#: Voice names of older records, read as today's (before the three voices, ``outlet``).
VOICE_ALIASES = {"outlet": "narration"}
#: What each scoring function returns: its rows, and the errors behind them.
Scored = tuple[list[ScoreRow], list[ErrorRow]]

NOTES = (
    "Attributions are paired one-to-one on their cues: a gold claim lists every cue word it "
    "has (Kim said ..., KCNA reported: both 'said' and 'reported'), a prediction pairs with "
    "it when its cue matches one of them; on content when either side has no cue. 'core' "
    "rows leave borderline gold items out (visual evidence, provenance notes, quotes with no "
    "cue, bare speech acts): a prediction paired with one counts neither way.",
    "Voice: each loaded-term hit against the voice of its characters in the gold regions "
    "(quoted, paraphrase; narration elsewhere); the old 'outlet' voice reads as narration. "
    "A hit in page chrome is always wrong. 'loaded_listed' checks the loaded words the hand "
    "reading lists: found by a loaded term, an event label or a naming title (pred), and "
    "given the gold voice (matched).",
    f"Reliance: state_media_attribution_share of each article against the hand figure, right "
    f"within {RELIANCE_TOLERANCE:.2f}. The hand figure is the gold attributions resting on "
    "state media over all core and visual gold attributions, by the shared definition (a "
    "chain link is state media, or the speaker is a state organ or credited elsewhere in the "
    "article to a state-media channel).",
    "Figures: each gold figure against the predicted figure covering most of its characters. "
    "P = source right among the figures found, R = source right among all gold figures. "
    "Predicted numbers the hand reading does not list (dates, ordinals) are not scored.",
)


def _similarity(text: str, gold: Pieces, pred: Pieces, mode: str, threshold: float) -> float:
    if mode == "exact":
        return 1.0 if exact_key(text, gold) == exact_key(text, pred) else 0.0
    ratio = overlap_ratio(text, gold, pred)
    return ratio if ratio >= threshold else 0.0


def _text_span(span) -> Pieces | None:
    return None if span is None else ((span.start, span.end),)


def pair_attributions(
    text: str,
    gold: Sequence[GoldAttribution],
    predicted: Sequence,
    *,
    mode: str,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: on cues, else on content."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            cue, content = _text_span(p.cue), _text_span(p.content)
            if g.cues and cue:
                ratio = max(_similarity(text, c, cue, mode, threshold) for c in g.cues)
            elif g.content and content:
                ratio = _similarity(text, g.content, content, mode, threshold)
            else:
                ratio = 0.0
            if ratio > 0:
                candidates.append((ratio, i, j))
    return pair_greedily(candidates)


def _pieces_text(text: str, pieces: Pieces | None) -> str:
    return " … ".join(text[s:e] for s, e in pieces) if pieces else "-"


def _speaker_agrees(text: str, gold: GoldAttribution, predicted) -> bool:
    """The predicted speaker shares a word with the gold one (``Kim himself`` and ``Kim``)."""
    spoken = _text_span(predicted.speaker.span)
    return bool(span_tokens(text, gold.speaker) & span_tokens(text, spoken))


def _attribution_errors(
    gold_doc: SeedGold, predicted: Sequence, pairs: list[tuple[int, int]], mode: str
) -> list[ErrorRow]:
    """Core gold items left unpaired, predictions left unpaired, and speakers that differ."""
    text, gold = gold_doc.text, gold_doc.attributions
    paired_gold = {i for i, _ in pairs}
    paired_pred = {j for _, j in pairs}
    common = dict(category=CORE, match=mode)
    errors = [
        span_error(gold_doc.name, text, g.cues[0] if g.cues else g.content,
                   component="attribution", kind=FALSE_NEGATIVE,
                   detail=f"{g.reading}: {_pieces_text(text, g.speaker)} / {g.kind}", **common)
        for i, g in enumerate(gold)
        if g.level == CORE and i not in paired_gold and (g.cues or g.content)
    ]
    for j, p in enumerate(predicted):
        anchor = _text_span(p.cue) or _text_span(p.content)
        if j not in paired_pred and anchor is not None:
            who = p.speaker.span.text if p.speaker else "-"
            errors.append(span_error(gold_doc.name, text, anchor, component="attribution",
                                     kind=FALSE_POSITIVE, detail=f"{p.kind}; speaker {who}",
                                     **common))
    for i, j in pairs:
        g, p = gold[i], predicted[j]
        if g.level == CORE and g.speaker and p.speaker and not _speaker_agrees(text, g, p):
            errors.append(span_error(
                gold_doc.name, text, _text_span(p.speaker.span),
                component="attribution_speaker", kind=DISAGREEMENT,
                detail=f"{g.reading}: gold speaker {_pieces_text(text, g.speaker)!r}", **common,
            ))
    return errors


def _attribution_counts(
    gold_doc: SeedGold, predicted: Sequence, pairs: list[tuple[int, int]]
) -> dict[str, tuple[int, int, int]]:
    """(matched, gold, predicted) of each row, for one article."""
    text, gold = gold_doc.text, gold_doc.attributions
    core_pairs = [(i, j) for i, j in pairs if gold[i].level == CORE]
    paired_borderline = len(pairs) - len(core_pairs)
    with_speaker = [(i, j) for i, j in core_pairs if gold[i].speaker is not None]
    given = [(i, j) for i, j in with_speaker if predicted[j].speaker is not None]
    return {
        CORE: (len(core_pairs), sum(g.level == CORE for g in gold),
               len(predicted) - paired_borderline),
        ALL: (len(pairs), len(gold), len(predicted)),
        "visual": (sum(gold[i].kind == "visual" and predicted[j].kind == "visual"
                       for i, j in pairs),
                   sum(g.kind == "visual" for g in gold),
                   sum(p.kind == "visual" for p in predicted)),
        "speaker": (sum(_speaker_agrees(text, gold[i], predicted[j]) for i, j in given),
                    len(with_speaker), len(given)),
    }


def score_attributions(
    seeds: Sequence[tuple[SeedGold, Sequence]],
    *,
    modes: Sequence[str] = MODES,
    threshold: float = DEFAULT_THRESHOLD,
) -> Scored:
    """Core, all and visual rows, and speaker agreement on core pairs, per matching rule."""
    rows, errors = [], []
    for mode in modes:
        totals = {name: [0, 0, 0] for name in (CORE, ALL, "visual", "speaker")}
        for gold_doc, predicted in seeds:
            pairs = pair_attributions(gold_doc.text, gold_doc.attributions, predicted,
                                      mode=mode, threshold=threshold)
            for name, counts in _attribution_counts(gold_doc, predicted, pairs).items():
                totals[name] = [a + b for a, b in zip(totals[name], counts, strict=True)]
            errors += _attribution_errors(gold_doc, predicted, pairs, mode)
        for name, (matched, n_gold, n_pred) in totals.items():
            component, category = (
                ("attribution_speaker", CORE) if name == "speaker" else ("attribution", name)
            )
            rows.append(ScoreRow.from_counts(component, category, mode, n_matched=matched,
                                             n_gold=n_gold, n_pred=n_pred))
    return rows, errors


def predicted_voice(voice: str) -> str:
    return VOICE_ALIASES.get(voice, voice)


def score_voice(seeds: Sequence[tuple[SeedGold, Sequence]]) -> Scored:
    """Voice accuracy of loaded-term hits, overall and per gold voice."""
    total = correct = 0
    gold_by = dict.fromkeys((*VOICES, CHROME), 0)
    pred_by = dict.fromkeys((*VOICES, CHROME), 0)
    both_by = dict.fromkeys((*VOICES, CHROME), 0)
    errors = []
    for gold_doc, hits in seeds:
        for hit in hits:
            gold_voice = gold_doc.voice_at(hit.span.start, hit.span.end)
            voice = predicted_voice(hit.voice)
            total += 1
            gold_by[gold_voice] += 1
            pred_by[voice] = pred_by.get(voice, 0) + 1
            if voice == gold_voice:
                correct += 1
                both_by[voice] += 1
                continue
            reason = getattr(hit, "reason", None)
            errors.append(span_error(
                gold_doc.name, gold_doc.text, (hit.span.start, hit.span.end),
                component="loaded_voice", category=gold_voice, match="voice",
                kind=DISAGREEMENT,
                detail=f"{hit.entry_id} ({hit.category}): predicted {voice}, gold {gold_voice}"
                + (f"; {reason}" if reason else ""),
            ))
    rows = [ScoreRow.from_counts("loaded_voice", ALL, "voice", n_matched=correct, n_gold=total,
                                 n_pred=total)]
    rows += [
        ScoreRow.from_counts("loaded_voice", voice, "voice", n_matched=both_by[voice],
                             n_gold=gold_by[voice], n_pred=pred_by.get(voice, 0))
        for voice in (*VOICES, CHROME)
    ]
    return rows, errors


@dataclass(frozen=True)
class FramingWord:
    """A stretch some step of the pipeline flags as framing, with the voice it gave it."""

    start: int
    end: int
    voice: str
    found_by: str  # a loaded-term or event-label entry id, or "title"


def framing_words(analysis) -> list[FramingWord]:
    """Loaded terms, event labels and naming titles of an analysis: the steps that can find
    the loaded words a reader lists ("dictator", "war against Ukraine", "strongman")."""
    words = [FramingWord(h.span.start, h.span.end, h.voice, h.entry_id)
             for h in analysis.term_hits]
    words += [
        FramingWord(e.span.start, e.span.end, getattr(e, "voice", "narration"), e.entry_id)
        for e in analysis.event_labels
    ]
    words += [
        FramingWord(m.title.start, m.title.end, getattr(m, "voice", "narration"), "title")
        for m in analysis.actor_mentions
        if m.title is not None
    ]
    return words


def score_listed(seeds: Sequence[tuple[SeedGold, Sequence[FramingWord]]]) -> Scored:
    """The loaded words the hand reading lists: found (pred) and in the right voice (matched)."""
    listed = found = right = 0
    errors = []
    for gold_doc, words in seeds:
        for term in gold_doc.loaded_terms:
            listed += 1
            covering = [w for w in words if w.start < term.end and term.start < w.end]
            voices = {predicted_voice(w.voice) for w in covering}
            found += bool(covering)
            right += term.voice in voices
            if term.voice in voices:
                continue
            detail = (f"found by {', '.join(w.found_by for w in covering)} as "
                      f"{', '.join(sorted(voices))}" if covering else "not found")
            errors.append(span_error(
                gold_doc.name, gold_doc.text, (term.start, term.end), component="loaded_listed",
                category=term.voice, match="voice",
                kind=DISAGREEMENT if covering else FALSE_NEGATIVE,
                detail=detail + (f"; {term.note}" if term.note else ""),
            ))
    row = ScoreRow.from_counts("loaded_listed", ALL, "voice", n_matched=right, n_gold=listed,
                               n_pred=found)
    return [row], errors


def score_reliance(
    seeds: Sequence[tuple[SeedGold, float]], *, tolerance: float = RELIANCE_TOLERANCE
) -> Scored:
    """Each article's state-media reliance against the hand figure, right within tolerance."""
    match = f"within_{tolerance:.2f}"
    rows, errors = [], []
    within = scored = 0
    for gold_doc, predicted in seeds:
        gold = gold_doc.reliance.share
        known = predicted is not None and not math.isnan(predicted)
        difference = abs(predicted - gold) if known else math.nan
        right = known and difference <= tolerance + 1e-9
        scored += known
        within += right
        rows.append(ScoreRow.from_counts(
            "state_media_reliance", gold_doc.name, match, n_matched=int(right), n_gold=1,
            n_pred=int(known),
            extra={"gold": gold, "predicted": predicted if known else math.nan,
                   "difference": difference},
        ))
        if not right:
            shown = f"{predicted:.3f}" if known else "none"
            errors.append(ErrorRow(
                document=gold_doc.name, component="state_media_reliance", category=ALL,
                match=match, kind=DISAGREEMENT, text=f"predicted {shown}, gold {gold:.3f}",
                start=None, end=None, context=gold_doc.outlet,
                detail=f"{gold_doc.reliance.resting} of {gold_doc.reliance.counted} gold "
                "attributions rest on state media",
            ))
    rows.insert(0, ScoreRow.from_counts("state_media_reliance", ALL, match, n_matched=within,
                                        n_gold=len(seeds), n_pred=scored))
    return rows, errors


def _shared_chars(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _normal_name(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())


def figure_source_right(gold: GoldFigure, predicted) -> bool:
    """Both without a source, or the predicted source is a link of the gold chain."""
    source = predicted.source
    if gold.source_name is None or source is None:
        return gold.source_name is None and source is None
    span = (source.span.start, source.span.end)
    if any(_shared_chars(span, tuple(g)) for g in gold.source_spans):
        return True
    return _normal_name(source.entity) == _normal_name(gold.source_name)


def score_figures(seeds: Sequence[tuple[SeedGold, Sequence]]) -> Scored:
    """Whether each gold figure is found, and credited to the right source."""
    tallies = {name: [0, 0, 0] for name in (ALL, "attributed", "unattributed")}
    errors = []
    for gold_doc, predicted in seeds:
        text = gold_doc.text
        candidates = []
        for i, g in enumerate(gold_doc.figures):
            for j, p in enumerate(predicted):
                shared = _shared_chars((g.start, g.end), (p.span.start, p.span.end))
                if shared:
                    candidates.append((shared / (g.end - g.start), i, j))
        pairs = dict(pair_greedily(candidates))
        for i, g in enumerate(gold_doc.figures):
            category = "attributed" if g.source_name else "unattributed"
            for name in (ALL, category):
                tallies[name][1] += 1
            if i not in pairs:
                errors.append(span_error(
                    gold_doc.name, text, (g.start, g.end), component="figure_source",
                    category=category, match="overlap", kind=FALSE_NEGATIVE,
                    detail=f"not found; credited to {g.source_name or 'no one'}",
                ))
                continue
            p = predicted[pairs[i]]
            right = figure_source_right(g, p)
            for name in (ALL, category):
                tallies[name][2] += 1
                tallies[name][0] += right
            if not right:
                given = p.source.span.text if p.source else "no one"
                errors.append(span_error(
                    gold_doc.name, text, (g.start, g.end), component="figure_source",
                    category=category, match="overlap", kind=DISAGREEMENT,
                    detail=f"credited to {given}; gold {g.source_name or 'no one'}",
                ))
    rows = [
        ScoreRow.from_counts("figure_source", name, "overlap", n_matched=t[0], n_gold=t[1],
                             n_pred=t[2])
        for name, t in tallies.items()
    ]
    return rows, errors


# ---- the whole evaluation --------------------------------------------------------------------


def analyze_seeds(gold: Sequence[SeedGold], nlp, lexicons) -> list:
    """The pipeline's analysis of each gold article, as ``framing score`` makes it."""
    from framing.read.corpus import Article

    articles = [g.article or Article(id=g.name, text=g.text, outlet=g.outlet) for g in gold]
    with whole_pipeline(nlp, lexicons) as analyzer:
        return list(analyzer.analyze_articles(articles))


def score_analyses(
    gold: Sequence[SeedGold],
    analyses: Sequence,
    *,
    tasks: Iterable[str] = TASKS,
    modes: Sequence[str] = MODES,
    threshold: float = DEFAULT_THRESHOLD,
) -> Scored:
    """Rows and errors of each task, from gold articles and their analyses (same order)."""
    tasks = tuple(tasks)
    rows: list[ScoreRow] = []
    errors: list[ErrorRow] = []
    pairs = list(zip(gold, analyses, strict=True))
    if "attribution" in tasks:
        found = score_attributions([(g, a.attributions) for g, a in pairs], modes=modes,
                                   threshold=threshold)
        rows, errors = rows + found[0], errors + found[1]
    if "voice" in tasks:
        for found in (score_voice([(g, a.term_hits) for g, a in pairs]),
                      score_listed([(g, framing_words(a)) for g, a in pairs])):
            rows, errors = rows + found[0], errors + found[1]
    if "reliance" in tasks:
        found = score_reliance(
            [(g, a.features.get("state_media_attribution_share", math.nan)) for g, a in pairs]
        )
        rows, errors = rows + found[0], errors + found[1]
    if "figures" in tasks:
        found = score_figures([(g, a.figures) for g, a in pairs])
        rows, errors = rows + found[0], errors + found[1]
    return rows, errors


def evaluate_seeds_gold(
    folder: Path | str,
    nlp,
    lexicons,
    *,
    tasks: Sequence[str] = TASKS,
    modes: Sequence[str] = MODES,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = None,
) -> EvaluationResult:
    """Score the whole pipeline (``framing score``'s default mode) on a seeds gold folder."""
    gold = read_seeds_gold(folder)[:limit]
    analyses = analyze_seeds(gold, nlp, lexicons)
    failed = [a.article.id for a in analyses if a.status != "ok"]
    if failed:
        raise ValueError(f"the pipeline failed on {', '.join(failed)}")
    rows, errors = score_analyses(gold, analyses, tasks=tasks, modes=modes, threshold=threshold)
    return EvaluationResult(
        dataset=str(folder),
        format=FORMAT,
        tasks=tuple(tasks),
        n_documents=len(gold),
        rows=rows,
        errors=errors,
        notes=[n for n, task in zip(NOTES, TASKS, strict=True) if task in tasks],
    )
