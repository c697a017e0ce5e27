"""Section 12, Articles: the comparison, the analyses and the linked articles in, the section out.

Each article's text cut into sentences and segments, every highlighted span (speaker, cue,
content, loaded term, state media) marked with a note, and the legend of those marks.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from framing.annotate.voice import OWN_VOICES
from framing.compare.pooled import by_state_outlet
from framing.compare.records import Comparison
from framing.measure.analyzer import ArticleAnalysis
from framing.measure.features import state_media_reliance
from framing.report.blocks import ArticleView, Note, Section, Segment, SentenceView, Table
from framing.report.cells import fmt_share

#: mark -> what it means, for the legend
LEGEND = [
    ("speaker", "speaker of an attribution (colour by source type)"),
    ("cue", "reporting verb or cue"),
    ("content", "attributed content"),
    ("loaded-own", "loaded term in the outlet's own wording (narration or paraphrase)"),
    ("loaded-quoted", "loaded term inside a quote"),
    ("state", "state-media outlet"),
]


def _marks_of(analysis: ArticleAnalysis) -> list[tuple[int, int, str, str]]:
    """(start, end, mark, note) for every highlighted span of an article."""
    marks = []
    reliance = state_media_reliance(analysis.attributions)
    for attribution, how in zip(analysis.attributions, reliance, strict=True):
        if attribution.content:
            marks.append((attribution.content.start, attribution.content.end, "content", ""))
        if attribution.speaker:
            s = attribution.speaker
            note = f"{s.entity} · {s.source_type}{'' if s.named else ' · unnamed'}"
            note += f" · rests on state media ({how})" if how else ""
            marks.append((s.span.start, s.span.end, f"speaker src-{_css(s.source_type)}", note))
        if attribution.cue:
            note = f"{attribution.cue_lemma} · {attribution.stance or 'no stance'}"
            if attribution.stance_entry_id:
                note += f" · {attribution.stance_entry_id}"
            marks.append((attribution.cue.start, attribution.cue.end, "cue", note))
    for hit in analysis.term_hits:
        marks.append(
            (
                hit.span.start,
                hit.span.end,
                "loaded-own" if hit.voice in OWN_VOICES else "loaded-quoted",
                f"{hit.entry_id} · {hit.category} · {hit.voice} voice"
                + (f" · {hit.reason}" if hit.reason else ""),
            )
        )
    for mention in analysis.state_media:
        marks.append(
            (mention.span.start, mention.span.end, "state", f"{mention.entry_id} · state media")
        )
    return marks


def _css(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower())


def segments(text: str, start: int, end: int, marks) -> list[Segment]:
    """Cut text[start:end] where any mark begins or ends; each piece lists the marks on it."""
    inside = [m for m in marks if m[0] < end and m[1] > start]
    if not inside:
        return [Segment(text[start:end])]
    cuts = sorted({start, end} | {max(start, min(end, p)) for m in inside for p in m[:2]})
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in inside if m[0] <= a and b <= m[1]]
        names = tuple(dict.fromkeys(c for m in covering for c in m[2].split()))
        note = " | ".join(m[3] for m in covering if m[3])
        pieces.append(Segment(text[a:b], names, note))
    return pieces


def _marks_by_sentence(sentences, marks) -> list[list]:
    """Each sentence's marks, found by bisection (an article has hundreds of each)."""
    starts = [s.start for s in sentences]
    buckets: list[list] = [[] for _ in sentences]
    for mark in marks:
        first = max(bisect_right(starts, mark[0]) - 1, 0)
        last = max(bisect_right(starts, max(mark[1] - 1, mark[0])) - 1, 0)
        for index in range(first, last + 1):
            buckets[index].append(mark)
    return buckets


def article_view(index: int, analysis: ArticleAnalysis, group: str) -> ArticleView:
    article = analysis.article
    text = article.text
    by_sentence = _marks_by_sentence(analysis.sentences, _marks_of(analysis))
    pieces: list[SentenceView | Segment] = []
    position = 0
    for number, (sentence, marks) in enumerate(zip(analysis.sentences, by_sentence, strict=True)):
        if sentence.start > position:
            pieces.append(Segment(text[position : sentence.start]))
        pieces.append(
            SentenceView(f"a{index}-s{number}", segments(text, sentence.start, sentence.end, marks))
        )
        position = max(position, sentence.end)
    if position < len(text):
        pieces.append(Segment(text[position:]))
    features = analysis.features
    summary = (
        f"{len(analysis.attributions)} attributions · "
        f"{sum(h.voice in OWN_VOICES for h in analysis.term_hits)} loaded terms in own wording · "
        f"state media {fmt_share(features.get('state_media_attribution_share'))}"
        if analysis.status == "ok"
        else analysis.error or analysis.status
    )
    if by_state_outlet(analysis):
        summary += " · BY a state-controlled outlet: its narration is state media's voice"
    return ArticleView(
        anchor=f"a{index}",
        article_id=article.id,
        title=article.title or article.id,
        group=group,
        outlet=article.outlet or "unknown",
        date=article.date or "",
        status=analysis.status,
        summary=summary,
        pieces=pieces,
    )


FULL_TEXT_ARTICLES = 2000  # above this, only the articles the tables link to are shown


def linked_articles(sections: Sequence[Section]) -> set[int]:
    """Indices of the articles that some link in the sections points at."""
    linked = set()
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        for link in cell.links:
                            linked.add(int(link.href[2:].split("-", 1)[0]))
    return linked


def articles_section(
    comparison: Comparison, analyses, linked: set[int], full_text_limit: int
) -> Section:
    """Every article when there are few enough to read; otherwise the ones the tables link
    to, so every link still lands on its sentence and the page stays usable."""
    shown = [(g.name, i) for g in comparison.groups for i in g.articles]
    blocks: list = []
    if len(shown) > full_text_limit:
        shown = [(name, i) for name, i in shown if i in linked]
        blocks.append(
            Note(
                f"{len(analyses):,} articles: more than {full_text_limit:,}, so only the "
                f"{len(shown):,} that the tables above link to are shown here. Every article's "
                "figures are in articles.csv, and its evidence in attributions.csv and terms.csv.",
            )
        )
    views = [article_view(i, analyses[i], name) for name, i in shown]
    return Section(
        "articles",
        "12. Articles",
        "Each article's text, with its evidence highlighted. Hover a highlight for the entity, "
        "source type, stance or lexicon entry; every link in the tables above leads to a "
        "sentence here.",
        blocks + views,
    )


# --- the whole report -------------------------------------------------------------------------
