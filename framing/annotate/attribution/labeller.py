"""A trained attribution labeller: source, cue and content spans, labelled a paragraph at a time.

The rule extractor (:mod:`framing.annotate.attribution.extract`) decides one cue at a time and then
looks for
its speaker and content. Published systems that do better on PolNeAR-like data label the
whole sentence jointly (Pareti 2016; Scheible, Klinger & Padó 2016). :class:`AttributionModel`
does that with three linear-chain CRFs (python-crfsuite), one per role, each tagging every
word of a paragraph ``B``, ``I`` or ``O``. The roles get a model each because their spans
overlap: a content holds the cue and source of the attribution it reports.

A word's features (:func:`paragraph_features`) are read off the parse and off what the rules
already found (the model is *stacked* on them): lemma, part of speech, dependency label and
the head's; the dependency path up to the nearest cue candidate (``nsubj`` of a cue is a
speaker, its ``ccomp`` is content); entity type; whether the word sits inside quote marks;
whether the lexicon ``reporting_verbs`` lists it; the learned cue detector's score; where it
stands in its sentence; and whether the rules put it in a cue, source or content.

A gold span that PolNeAR cuts in two (``"A," he said, "B."``) is labelled ``B`` on its first
piece and ``I`` on the next: :func:`decode_spans` joins an ``I`` run to the span before it
across a short gap, so the prediction has the same pieces.

The weights are data in ``framing/data/attribution_model/`` (one crfsuite file per role and
``meta.json`` with how and on what they were trained); ``make train-attribution``
(:mod:`framing.evaluation.train_attribution`) regenerates them from PolNeAR train.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from framing.annotate.attribution.cue_model import quoted_mask
from framing.annotate.attribution.cues import COLON_ENTRY_ID, DASH_ENTRY_ID
from framing.annotate.attribution.spans import is_paragraph_break
from framing.annotate.records import TextSpan
from framing.common.package_data import DATA_DIR

DEFAULT_MODEL_DIR = DATA_DIR / "attribution_model"
ROLES = ("cue", "source", "content")
#: The span groups the rules write for each role (PolNeAR annotates a channel as a source).
RULE_GROUPS = {"cue": ("cue",), "source": ("speaker", "channel"), "content": ("content",)}
#: A span cut in two by at most this many words (``he said``) is one span of two pieces.
MAX_GAP = 8
#: How far up the parse a word looks for a cue candidate.
MAX_PATH = 6
#: A word the learned cue detector scores at least this high is a cue candidate.
ANCHOR_PROBABILITY = 0.3
#: Cues the rules find by the shape of the text, kept whatever the model tags there.
SHAPE_CUE_IDS = frozenset({COLON_ENTRY_ID, DASH_ENTRY_ID})

Pieces = tuple[tuple[int, int], ...]
_SHARED = None


# ---- features ---------------------------------------------------------------------------------


@dataclass
class DocSignals:
    """What the features read besides the parse, computed once per Doc."""

    in_quote: list[bool]
    cue_probability: dict[int, float]
    lexicon: dict[str, str]
    rule_tags: dict[str, list[str]]  # role -> B/I/O per token, from the rules' span groups

    def is_anchor(self, token: Token) -> bool:
        return (
            self.cue_probability.get(token.i, 0.0) >= ANCHOR_PROBABILITY
            or self.rule_tags["cue"][token.i] != "O"
        )


def doc_signals(doc: Doc, extractor, *, stacked: bool = True) -> DocSignals:
    """Signals of a Doc the rule extractor has run on (``doc.spans`` holds its spans)."""
    quotes = doc._.quotes or []
    speech = [q for q in quotes if not q.scare]
    in_quote = quoted_mask(doc, ((q.span.start, q.span.end) for q in speech))
    probability: dict[int, float] = {}
    model = extractor.cue_model
    if model is not None and doc.has_annotation("DEP"):
        for head, p in model.heads(doc, in_quote, extractor.cue_lexicon, floor=0.05):
            probability[head.i] = p
    rule_tags = {}
    for role, groups in RULE_GROUPS.items():
        spans = [s for g in groups for s in doc.spans.get(g, [])] if stacked else []
        rule_tags[role] = spans_to_tags(len(doc), [((s.start, s.end),) for s in spans])
    return DocSignals(in_quote, probability, extractor.cue_lexicon, rule_tags)


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs: runs between whitespace tokens holding a line break."""
    ranges = []
    start = None
    for token in doc:
        if is_paragraph_break(token):
            if start is not None:
                ranges.append((start, token.i))
                start = None
        elif start is None:
            start = token.i
    if start is not None:
        ranges.append((start, len(doc)))
    return ranges


def _shape(token: Token) -> str:
    if token.is_quote:
        return "quote"
    if token.is_punct:
        return "punct"
    if token.like_num:
        return "num"
    if token.is_title:
        return "title"
    if token.is_upper:
        return "upper"
    return "lower"


def _bucket(p: float) -> str:
    return "0" if p < 0.1 else "1" if p < 0.3 else "3" if p < 0.5 else "5" if p < 0.8 else "8"


def anchor_path(token: Token, signals: DocSignals) -> tuple[str, int] | None:
    """The dependency label under which ``token`` hangs off the nearest cue candidate above
    it, and how many steps up that is; ``("self", 0)`` for a candidate itself."""
    if signals.is_anchor(token):
        return "self", 0
    child = token
    for step in range(1, MAX_PATH + 1):
        head = child.head
        if head is child:
            return None
        if signals.is_anchor(head):
            return child.dep_, step
        child = head
    return None


def token_features(token: Token, signals: DocSignals, sentence: Span) -> dict[str, float | str]:
    """The features of one word (crfsuite reads ``name: string`` as the feature name=string)."""
    lemma = token.lemma_.lower()
    head = token.head
    features: dict[str, float | str] = {
        "bias": 1.0,
        "lower": token.lower_,
        "lemma": lemma,
        "pos": token.pos_,
        "tag": token.tag_,
        "dep": token.dep_,
        "shape": _shape(token),
        "head_lemma": head.lemma_.lower(),
        "head_pos": head.pos_,
        "dep_head_pos": f"{token.dep_}|{head.pos_}",
        "ent": f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O",
        "quote": "in" if signals.in_quote[token.i] else "out",
        "cue_p": _bucket(signals.cue_probability.get(token.i, 0.0)),
    }
    stance = signals.lexicon.get(lemma) or signals.lexicon.get(token.lower_)
    if stance is not None:
        features["lexicon"] = stance
        features["lexicon_pos"] = f"{stance}|{token.pos_}"
    path = anchor_path(token, signals)
    if path is not None:
        features["anchor_rel"] = path[0]
        features["anchor_rel_pos"] = f"{path[0]}|{token.pos_}"
        features["anchor_rel_dist"] = f"{path[0]}|{min(path[1], 3)}"
    else:
        features["anchor_rel"] = "none"
    position = token.i - sentence.start
    features["sent_pos"] = "first" if position == 0 else "second" if position == 1 else "mid"
    if token.i == sentence.end - 1:
        features["sent_pos"] = "last"
    for role in ROLES:
        features[f"rule_{role}"] = signals.rule_tags[role][token.i]
    return features


#: Neighbours whose features a word also sees, and which of their features.
_WINDOW = (-2, -1, 1, 2)
_WINDOW_KEYS = ("lower", "pos", "quote", "anchor_rel", "rule_cue", "rule_source", "rule_content",
                "cue_side", "quote_edge")


#: The feature sets a design can use: ``base`` (the word, its parse and neighbours, above) and
#: ``rich`` (``base`` and where the word stands towards the cue candidates and quotations of its
#: sentence: :func:`cue_context_features`).
FEATURE_SETS = ("base", "rich")
#: Labels under which a clause hangs off its head: the first such ancestor heads a word's clause.
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis"})


def _distance_bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n < 6 else "6-10" if n < 11 else "far"


def _clause_head(token: Token) -> Token:
    """The nearest ancestor (or the word itself) that heads a clause."""
    node = token
    for _ in range(MAX_PATH * 2):
        if node.dep_ in _CLAUSE_DEPS or node.head is node:
            return node
        node = node.head
    return node


def cue_context_features(
    doc: Doc, start: int, end: int, signals: DocSignals
) -> list[dict[str, str]]:
    """Where each word of ``doc[start:end]`` stands towards its sentence's cue candidates and
    quotations: which side of the nearest candidate and how far, that candidate's lemma and the
    relation the word hangs from it by, the head of its clause, whether its sentence holds a
    quotation, a rule cue or a rule content, whether the word opens or closes a quotation, and
    whether it is in the paragraph's first sentence."""
    rows: list[dict[str, str]] = []
    first_sentence = doc[start].sent.start
    for sentence in {doc[i].sent.start: doc[i].sent for i in range(start, end)}.values():
        lo, hi = max(sentence.start, start), min(sentence.end, end)
        anchors = [i for i in range(lo, hi) if signals.is_anchor(doc[i])]
        has_quote = "yes" if any(signals.in_quote[i] for i in range(lo, hi)) else "no"
        has = {
            role: "yes" if any(signals.rule_tags[role][i] != "O" for i in range(lo, hi)) else "no"
            for role in ("cue", "content")
        }
        for i in range(lo, hi):
            token = doc[i]
            row = {
                "sent_quote": has_quote,
                "sent_rule_cue": has["cue"],
                "sent_rule_content": has["content"],
                "para_first_sent": "yes" if sentence.start <= first_sentence else "no",
                "clause_head": _clause_head(token).lemma_.lower(),
                "clause_dep": _clause_head(token).dep_,
            }
            if token.is_quote:
                opens = i + 1 < len(doc) and signals.in_quote[i + 1]
                row["quote_edge"] = "open" if opens else "close"
            if anchors:
                nearest = min(anchors, key=lambda a: (abs(a - i), a))
                side = "on" if nearest == i else "before" if i < nearest else "after"
                row["cue_side"] = side
                row["cue_side_dist"] = f"{side}|{_distance_bucket(abs(nearest - i))}"
                row["cue_side_quote"] = f"{side}|{has_quote}|{signals.in_quote[i]}"
                row["cue_lemma"] = doc[nearest].lemma_.lower()
                row["cue_side_pos"] = f"{side}|{token.pos_}"
                row["cue_side_ent"] = f"{side}|{token.ent_type_ or 'O'}"
            else:
                row["cue_side"] = "none"
            rows.append(row)
    return rows


def paragraph_features(
    doc: Doc, start: int, end: int, signals: DocSignals, feature_set: str = "base"
) -> list[dict[str, float | str]]:
    """The features of every word of the paragraph ``doc[start:end]``, with neighbours'."""
    own = [token_features(doc[i], signals, doc[i].sent) for i in range(start, end)]
    if feature_set == "rich":
        for features, extra in zip(own, cue_context_features(doc, start, end, signals),
                                   strict=True):
            features.update(extra)
    rows = []
    for k, features in enumerate(own):
        row = dict(features)
        for offset in _WINDOW:
            j = k + offset
            if 0 <= j < len(own):
                for key in _WINDOW_KEYS:
                    if key in own[j]:
                        row[f"{offset}:{key}"] = own[j][key]
            else:
                row[f"{offset}:edge"] = 1.0
        row["lemma_prev"] = f"{own[k - 1]['lemma'] if k else '<s>'}|{features['lemma']}"
        rows.append(row)
    return rows


# ---- labels and decoding ----------------------------------------------------------------------


def spans_to_tags(n_tokens: int, spans: Sequence[Sequence[tuple[int, int]]]) -> list[str]:
    """B/I/O per token from token spans given as pieces ``((start, end), ...)``.

    Longer spans are laid first; a span that would overwrite a word already labelled is left
    out (a content inside another content). A later piece starts with ``I``, so that
    :func:`decode_spans` joins it to the first.
    """
    tags = ["O"] * n_tokens
    for pieces in sorted(spans, key=lambda p: -sum(e - s for s, e in p)):
        if any(tags[i] != "O" for s, e in pieces for i in range(s, e)):
            continue
        for n, (s, e) in enumerate(pieces):
            for i in range(s, e):
                tags[i] = "B" if (i == s and n == 0) else "I"
    return tags


def decode_spans(tags: Sequence[str], max_gap: int = MAX_GAP) -> list[Pieces]:
    """Token spans from B/I/O tags: a run opens at ``B`` (or at an ``I`` with no span to carry
    on), and an ``I`` run within ``max_gap`` words after a span joins it as another piece."""
    spans: list[list[list[int]]] = []
    previous = "O"
    for i, tag in enumerate(tags):
        if tag == "B" or (tag == "I" and not spans):
            spans.append([[i, i + 1]])
        elif tag == "I" and previous != "O":
            spans[-1][-1][1] = i + 1
        elif tag == "I":
            gap = i - spans[-1][-1][1]
            if gap <= max_gap:
                spans[-1].append([i, i + 1])
            else:
                spans.append([[i, i + 1]])
        previous = tag
    return [tuple((s, e) for s, e in span) for span in spans]


# ---- the model --------------------------------------------------------------------------------


class AttributionModel:
    """Three CRF taggers (cue, source, content) and the metadata they were trained with."""

    def __init__(self, folder: Path | str = DEFAULT_MODEL_DIR):
        import pycrfsuite

        self.folder = Path(folder)
        self.meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        self.stacked = bool(self.meta.get("stacked", True))
        self.feature_set = self.meta.get("features", "base")
        self.taggers = {}
        digest = hashlib.sha256(json.dumps(self.meta, sort_keys=True).encode())
        for role in ROLES:
            path = self.folder / f"{role}.crfsuite"
            digest.update(path.read_bytes())
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            self.taggers[role] = tagger
        #: Names the weights and their settings: outputs record it beside the cue model's.
        self.version = f"crf-{digest.hexdigest()[:12]}"

    @classmethod
    def shared(cls) -> AttributionModel:
        """The shipped weights, loaded once per process."""
        global _SHARED
        if _SHARED is None:
            _SHARED = cls()
        return _SHARED

    @classmethod
    def available(cls, folder: Path | str = DEFAULT_MODEL_DIR) -> bool:
        return (Path(folder) / "meta.json").exists()

    def predict(self, doc: Doc, extractor) -> dict[str, list[Pieces]]:
        """Token spans per role (as pieces) for a Doc the rule extractor has labelled."""
        signals = doc_signals(doc, extractor, stacked=self.stacked)
        found: dict[str, list[Pieces]] = {role: [] for role in ROLES}
        for start, end in paragraphs(doc):
            rows = paragraph_features(doc, start, end, signals, self.feature_set)
            for role, tagger in self.taggers.items():
                tags = tagger.tag(rows)
                for pieces in decode_spans(tags):
                    found[role].append(tuple((start + s, start + e) for s, e in pieces))
        return found


def labeller_version(folder: Path | str = DEFAULT_MODEL_DIR) -> str | None:
    """The version of the shipped weights, read from their files without loading them (the
    same string as :attr:`AttributionModel.version`); None when no weights are shipped."""
    folder = Path(folder)
    if not (folder / "meta.json").exists():
        return None
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(json.dumps(meta, sort_keys=True).encode())
    for role in ROLES:
        digest.update((folder / f"{role}.crfsuite").read_bytes())
    return f"crf-{digest.hexdigest()[:12]}"


# ---- the labels, written into the Doc ---------------------------------------------------------


def _covering(doc: Doc, pieces: Pieces) -> Span:
    return doc[pieces[0][0] : pieces[-1][1]]


def _overlapping(span: Span, others: Sequence[Span]) -> Span | None:
    return next((o for o in others if o.start < span.end and span.start < o.end), None)


def relabel(doc: Doc, extractor, model: AttributionModel) -> Doc:
    """Replace the rules' cue, source and content spans with the model's, and keep the
    attribution records whose cue the model confirms; a cue the model finds and the rules do
    not becomes a record of its own, ``found_by="learned"``.

    A model span takes the label and id of a rule span it overlaps (a stance, a source type);
    a new source is typed by the extractor's resolver. A rule channel the model confirms stays
    a channel. Floating quotes (``found_by="inferred"``) have no cue and are kept as they are.
    """
    from framing.annotate.attribution.cues import LEARNED_CUE_ID

    predicted = model.predict(doc, extractor)
    rule = {key: list(doc.spans.get(key, [])) for key in ("cue", "speaker", "channel", "content")}
    cues = [_covering(doc, p) for p in predicted["cue"]]
    sources = [_covering(doc, p) for p in predicted["source"]]
    contents = [_covering(doc, p) for p in predicted["content"]]
    for record in doc._.attributions or []:
        if record.stance_entry_id in SHAPE_CUE_IDS:
            _keep_shape_attribution(doc, record, cues, sources, contents)
    text = doc.text
    type_hits = extractor.resolver.type_hits(doc)
    resolved = extractor.resolver.resolve(doc, sources, type_hits, text) if sources else []

    def labelled(span: Span, rule_spans: Sequence[Span], label: str, span_id: str) -> Span:
        match = _overlapping(span, rule_spans)
        if match is not None:
            label, span_id = match.label_, match.id_
        return Span(doc, span.start, span.end, label=label, span_id=span_id)

    doc.spans["cue"] = [labelled(c, rule["cue"], "", LEARNED_CUE_ID) for c in cues]
    speakers, channels = [], []
    for span, source in zip(sources, resolved, strict=True):
        if _overlapping(span, rule["channel"]) is not None:
            channels.append(labelled(span, rule["channel"], "", ""))
        else:
            default = source.source_type if source is not None else ""
            speakers.append(labelled(span, rule["speaker"], default, ""))
    doc.spans["speaker"], doc.spans["channel"] = speakers, channels
    doc.spans["content"] = [
        labelled(c, rule["content"], "indirect", LEARNED_CUE_ID) for c in contents
    ]
    gaps = _gaps(doc, predicted["content"])
    doc.spans["content_gap"] = [
        labelled(g, [], "indirect", LEARNED_CUE_ID) for found in gaps.values() for g in found
    ]
    records = _records(doc, doc._.attributions or [], cues, sources, resolved, contents)
    hulls = {(c.start_char, c.end_char) for c in contents}
    doc._.attributions = [_with_gap(record, gaps, hulls) for record in records]
    return doc


def _gaps(doc: Doc, contents: Sequence[Pieces]) -> dict[tuple[int, int], list[Span]]:
    """The words between the pieces of each of the model's contents (`"A," he said. "B."`),
    by the content's characters."""
    found = {}
    for pieces in contents:
        between = [doc[end:start] for (_, end), (start, _) in zip(pieces, pieces[1:],
                                                                   strict=False) if start > end]
        if between:
            hull = _covering(doc, pieces)
            found[(hull.start_char, hull.end_char)] = between
    return found


def _with_gap(record, gaps: dict[tuple[int, int], list[Span]], hulls: set[tuple[int, int]]):
    """A record whose content is one of the model's says where that content's (first) gap is,
    or that it has none; a record that kept the rules' content keeps the rules' gap."""
    content = record.content
    if content is None or (content.start, content.end) not in hulls:
        return record
    found = gaps.get((content.start, content.end))
    gap_span = TextSpan.of(found[0]) if found else None
    return record if gap_span == record.content_gap else replace(record, content_gap=gap_span)


def _keep_shape_attribution(doc: Doc, record, cues: list, sources: list, contents: list) -> None:
    """Add a shape cue's spans (a transcript turn, a quote signed with a dash) to the model's
    where the model found nothing there. The model tags words, and PolNeAR train holds few
    of these shapes, so it drops them (on PolNeAR dev it lost 27 such cues the rules had
    right, a transcript's turns and a page of signed comments)."""
    for found, part in (
        (cues, record.cue),
        (sources, record.speaker.span if record.speaker is not None else None),
        (contents, record.content),
    ):
        span = doc.char_span(part.start, part.end) if part is not None else None
        if span is not None and _overlapping(span, found) is None:
            found.append(span)


def _records(doc: Doc, rule_records, cues, sources, resolved, contents):
    """The rules' records whose cue the model confirms, and one per new cue."""
    from framing.annotate.attribution.spans import text_span as _text_span
    from framing.annotate.records import Attribution

    kept = []
    covered: set[int] = set()
    for record in rule_records:
        if record.cue is None:
            kept.append(record)
            continue
        cue = next(
            (c for c in cues if c.start_char < record.cue.end and record.cue.start < c.end_char),
            None,
        )
        if cue is not None:
            kept.append(_with_model_spans(record, sources, contents))
            covered.add(cue.start)
    text = doc.text
    for cue in cues:
        if cue.start in covered:
            continue
        sentence = cue.sent
        speaker = _nearest(
            cue, [(s, r) for s, r in zip(sources, resolved, strict=True) if r is not None]
        )
        content = _nearest(cue, [(c, c) for c in contents])
        if speaker is None and content is None:
            continue  # a cue with nothing to credit: the span is written, no record
        is_direct = content is not None and any(
            t.is_quote for t in doc[max(content.start - 1, 0) : content.start + 1]
        )
        kept.append(
            Attribution(
                kind="direct_quote" if is_direct else "indirect",
                sentence=_text_span(sentence, text),
                cue=_text_span(cue, text),
                cue_lemma=cue.root.lemma_.lower(),
                stance=None,
                stance_entry_id=None,
                speaker=speaker,
                content=_text_span(content, text) if content is not None else None,
                is_direct=is_direct,
                found_by="learned",
            )
        )
    return sorted(kept, key=lambda a: (a.cue or a.content).start if (a.cue or a.content) else 0)


def _most_overlapping(chars: TextSpan, spans: Sequence[Span]) -> Span | None:
    """The span sharing the most characters with ``chars``; None when none overlaps."""
    best, best_shared = None, 0
    for span in spans:
        shared = min(chars.end, span.end_char) - max(chars.start, span.start_char)
        if shared > best_shared:
            best, best_shared = span, shared
    return best


def _with_model_spans(record, sources: Sequence[Span], contents: Sequence[Span]):
    """A rule record the model confirms, with the model's speaker and content spans where they
    overlap the rule's and differ from them: the record then says what ``doc.spans`` says. The
    speaker keeps the rule's resolution (entity, type), which reads beyond the span."""
    changes = {}
    speaker = record.speaker
    if speaker is not None:
        span = _most_overlapping(speaker.span, sources)
        if span is not None and (span.start_char, span.end_char) != (
            speaker.span.start, speaker.span.end
        ):
            changes["speaker"] = replace(speaker, span=TextSpan.of(span))
    if record.content is not None:
        span = _most_overlapping(record.content, contents)
        if span is not None and (span.start_char, span.end_char) != (
            record.content.start, record.content.end
        ):
            changes["content"] = TextSpan.of(span)
    return replace(record, **changes) if changes else record


def _nearest(cue: Span, candidates):
    """The candidate in or next to the cue's sentence closest to it, that does not hold it."""
    sentence = cue.sent
    best = None
    for span, value in candidates:
        if span.start <= cue.start < span.end:
            continue
        if span.end < sentence.start - 1 or span.start > sentence.end:
            continue
        distance = cue.start - span.end if span.end <= cue.start else span.start - cue.end
        if best is None or distance < best[0]:
            best = (distance, value)
    return best[1] if best is not None else None


def char_pieces(doc: Doc, pieces: Pieces) -> Pieces:
    """Token pieces as character pieces."""
    return tuple((doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in pieces)


__all__ = [
    "AttributionModel",
    "DEFAULT_MODEL_DIR",
    "decode_spans",
    "doc_signals",
    "paragraph_features",
    "paragraphs",
    "spans_to_tags",
]
