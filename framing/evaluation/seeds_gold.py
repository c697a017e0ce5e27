"""Read the seeds' gold file: the exact hand reading of the five seed articles.

The five seed articles (``seeds/``) have an exact hand reading in ``tests/gold/seeds/`` (its
README says how it was read and where it differs from ``READING.md``). Attributions are brat
standoff, one ``NAME.ann`` per seed, read with :func:`framing.evaluation.brat.parse_ann`:
``Source``, ``Cue`` (and ``Cue2``... for the other cue words of the same claim, such as the
channel's own ``KCNA reported``), ``Content``, ``Channel`` and ``Relay`` roles, and ``A``
attribute lines giving each attribution's ``Reading`` id (READING.md's), ``Kind`` (speech |
visual), ``Level`` (core | borderline), ``SourceType``, ``StateMedia`` (yes | no: whether
it rests on state media) and, present or absent, ``StateOrgan`` (its speaker speaks only
through state media). What brat cannot hold is in ``gold.yaml`` beside them: the voice
regions (quoted and paraphrase stretches; the rest is narration), the loaded words the hand
reading lists, the figures with their credited source, the page chrome and the hand
state-media reliance of each article. Offsets count into the seed files as ``framing score``
reads them, the frame its records use. :mod:`framing.evaluation.seeds_scores` scores the
pipeline against it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from framing.evaluation.brat import parse_ann, parse_attributes
from framing.evaluation.matching import Pieces

GOLD_FILE = "gold.yaml"
GOLD_FORMAT = "framing-seeds-gold"
VOICES = ("narration", "quoted", "paraphrase")
CHROME = "chrome"
CORE, BORDERLINE = "core", "borderline"


@dataclass(frozen=True)
class GoldAttribution:
    """One attribution of the hand reading, its spans as pieces of original-text offsets."""

    id: str  # the brat event id (E1)
    reading: str  # READING.md's id (A1, B4, ...)
    kind: str  # speech | visual
    level: str  # core | borderline
    source_type: str  # a category of lexicons/sources.yaml
    rests_on_state_media: bool
    cues: tuple[Pieces, ...]
    speaker: Pieces | None = None
    content: Pieces | None = None
    channel: Pieces | None = None
    relay: Pieces | None = None
    note: str = ""
    state_organ: bool = False  # the speaker speaks only through state media (Kim, a ministry)

    @property
    def chain(self) -> tuple[Pieces, ...]:
        """The spans of its chain: speaker, channel, relay (those present)."""
        return tuple(p for p in (self.speaker, self.channel, self.relay) if p is not None)


@dataclass(frozen=True)
class VoiceRegion:
    voice: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class GoldTerm:
    start: int
    end: int
    text: str
    voice: str
    note: str = ""


@dataclass(frozen=True)
class GoldFigure:
    start: int
    end: int
    text: str
    source_name: str | None  # None: the article credits the figure to no one
    source_spans: tuple[tuple[int, int], ...] = ()
    attribution: str | None = None  # the brat event it comes from
    note: str = ""


@dataclass(frozen=True)
class GoldReliance:
    share: float
    resting: int
    counted: int


@dataclass
class SeedGold:
    """One seed article and its hand reading."""

    name: str
    text: str
    outlet: str
    attributions: list[GoldAttribution]
    voice_regions: list[VoiceRegion]
    loaded_terms: list[GoldTerm]
    figures: list[GoldFigure]
    chrome: list[VoiceRegion]
    reliance: GoldReliance
    annotation_file: Path | None = None
    article: object = None  # the framing.read.corpus.Article read from the seed file
    recorded_texts: list[tuple[str, Pieces, str]] = field(default_factory=list)

    def voice_at(self, start: int, end: int) -> str:
        """The gold voice of ``text[start:end]``: ``chrome`` if it touches page chrome, else
        the voice of most of its non-space characters (narration outside every region)."""
        if any(c.start < end and start < c.end for c in self.chrome):
            return CHROME
        counts = dict.fromkeys(VOICES, 0)
        for i in range(start, end):
            if self.text[i].isspace():
                continue
            here = {r.voice for r in self.voice_regions if r.start <= i < r.end}
            # A quote inside reported speech is quoted: the innermost voice wins.
            voice = "quoted" if "quoted" in here else "paraphrase" if here else "narration"
            counts[voice] += 1
        return max(VOICES, key=lambda v: counts[v])

    def mismatches(self) -> list[str]:
        """Every recorded span whose text differs from the article's text at its offsets."""
        problems = []
        for where, pieces, recorded in self.recorded_texts:
            if any(not 0 <= s <= e <= len(self.text) for s, e in pieces):
                problems.append(f"{self.name} {where}: offsets {pieces} outside the text")
                continue
            actual = " ".join(self.text[s:e] for s, e in pieces)
            if actual != recorded:
                problems.append(f"{self.name} {where}: recorded {recorded!r}, text has {actual!r}")
        return problems


# ---- reading ---------------------------------------------------------------------------------


def _pieces(span) -> Pieces | None:
    return None if span is None else span.pieces


def _cues(roles: dict) -> tuple[Pieces, ...]:
    names = sorted((r for r in roles if re.fullmatch(r"Cue\d*", r)), key=lambda r: (len(r), r))
    return tuple(roles[name].pieces for name in names)


def read_attributions(ann_text: str) -> tuple[list[GoldAttribution], list[tuple[str, Pieces, str]]]:
    """The gold attributions of one ``.ann`` file, and every T span's (id, pieces, text)."""
    spans, events = parse_ann(ann_text)
    attributes = parse_attributes(ann_text)
    notes = dict(
        (fields[1].split()[-1], fields[2])
        for fields in (line.split("\t") for line in ann_text.splitlines() if line.startswith("#"))
        if len(fields) >= 3 and fields[1].startswith("AnnotatorNotes")
    )
    gold = []
    for event in events:
        values = attributes.get(event.id, {})
        missing = [a for a in ("Kind", "Level", "StateMedia") if a not in values]
        if missing:
            raise ValueError(f"{event.id}: no {', '.join(missing)} attribute")
        if values["Level"] not in (CORE, BORDERLINE):
            raise ValueError(f"{event.id}: Level must be core or borderline, not {values['Level']}")
        if values["StateMedia"] not in ("yes", "no"):
            raise ValueError(f"{event.id}: StateMedia must be yes or no")
        roles = event.roles
        gold.append(
            GoldAttribution(
                id=event.id,
                reading=values.get("Reading", event.id),
                kind=values["Kind"],
                level=values["Level"],
                source_type=values.get("SourceType", "unknown"),
                rests_on_state_media=values["StateMedia"] == "yes",
                cues=_cues(roles),
                speaker=_pieces(roles.get("Source")),
                content=_pieces(roles.get("Content")),
                channel=_pieces(roles.get("Channel")),
                relay=_pieces(roles.get("Relay")),
                note=notes.get(event.id, ""),
                state_organ=values.get("StateOrgan") == "true",
            )
        )
    recorded = [(f"{key} {span.label}", span.pieces, span.text) for key, span in spans.items()]
    return gold, recorded


def _span_record(item: dict, where: str) -> tuple[int, int, str]:
    try:
        return int(item["start"]), int(item["end"]), str(item["text"])
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"{where}: needs start, end and text") from None


def _seed_gold(name: str, entry: dict, text: str, ann_path: Path) -> SeedGold:
    attributions, recorded = read_attributions(ann_path.read_text(encoding="utf-8"))
    recorded = [(f"{ann_path.name} {w}", p, t) for w, p, t in recorded]

    def spans_of(key: str) -> list[dict]:
        items = entry.get(key) or []
        for number, item in enumerate(items):
            start, end, recorded_text = _span_record(item, f"{name} {key}[{number}]")
            recorded.append((f"{GOLD_FILE} {key}[{number}]", ((start, end),), recorded_text))
        return items

    regions = []
    for item in spans_of("voice_regions"):
        if item.get("voice") not in VOICES:
            raise ValueError(f"{name}: voice {item.get('voice')!r} is not one of {VOICES}")
        if item["voice"] != "narration":  # narration regions only document a reading
            regions.append(VoiceRegion(item["voice"], item["start"], item["end"], item["text"]))
    terms = [
        GoldTerm(i["start"], i["end"], i["text"], i["voice"], i.get("note", ""))
        for i in spans_of("loaded_terms")
    ]
    figures = []
    for item in spans_of("figures"):
        source = item.get("source")
        figures.append(
            GoldFigure(
                item["start"], item["end"], item["text"],
                source_name=source["name"] if source else None,
                source_spans=tuple(tuple(s) for s in source.get("spans", [])) if source else (),
                attribution=source.get("attribution") if source else None,
                note=item.get("note", ""),
            )
        )
    chrome = [VoiceRegion(CHROME, i["start"], i["end"], i["text"]) for i in spans_of("chrome")]
    reliance = entry.get("state_media_reliance") or {}
    return SeedGold(
        name=name,
        text=text,
        outlet=str(entry.get("outlet", "")),
        attributions=attributions,
        voice_regions=regions,
        loaded_terms=terms,
        figures=figures,
        chrome=chrome,
        reliance=GoldReliance(
            float(reliance.get("share", math.nan)),
            int(reliance.get("resting", 0)),
            int(reliance.get("counted", 0)),
        ),
        annotation_file=ann_path,
        recorded_texts=recorded,
    )


def read_articles(texts_dir: Path) -> dict:
    """The seed articles by id, read as ``framing score`` reads them (so offsets agree)."""
    from framing.read.corpus import Article, read_corpus

    return {item.id: item for item in read_corpus([texts_dir]) if isinstance(item, Article)}


def read_seeds_gold(folder: Path | str, *, check: bool = True) -> list[SeedGold]:
    """Every article of a seeds gold folder (``gold.yaml`` and one ``NAME.ann`` per article).

    With ``check``, a span whose recorded text is not the article's text at its offsets is a
    ValueError: scores against shifted offsets would mean nothing.
    """
    folder = Path(folder)
    gold_path = folder / GOLD_FILE
    if not gold_path.is_file():
        raise FileNotFoundError(f"{folder}: no {GOLD_FILE} (not a seeds gold folder)")
    data = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
    if data.get("format") != GOLD_FORMAT:
        raise ValueError(f"{gold_path}: format must be {GOLD_FORMAT}")
    texts_dir = (folder / str(data.get("texts", ""))).resolve()
    texts = read_articles(texts_dir)
    articles = []
    for name, entry in (data.get("articles") or {}).items():
        if name not in texts:
            raise ValueError(f"{gold_path}: no text for {name} in {texts_dir}")
        ann_path = folder / f"{name}.ann"
        if not ann_path.is_file():
            raise FileNotFoundError(f"{ann_path}: missing (attributions of {name})")
        article = _seed_gold(name, entry or {}, texts[name].text, ann_path)
        article.article = texts[name]
        articles.append(article)
    if check:
        problems = [p for article in articles for p in article.mismatches()]
        if problems:
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            shown = "; ".join(problems[:5])
            raise ValueError(f"gold text differs from the article: {shown}{more}")
    return articles
