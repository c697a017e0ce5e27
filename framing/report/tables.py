"""Evidence tables: analyses in, pandas DataFrames out (one row per article, claim or hit).

The claims ledger (``attributions``) and the term hits (``terms``) are the evidence behind
the per-article figures: each row carries the article, its sentence, character offsets into
the original text, and the lexicon entry that produced it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from framing import __version__
from framing.annotate.records import Source
from framing.common.lazy import pandas as pd
from framing.common.write import write_csv, write_json, write_parquet
from framing.measure.analyzer import ArticleAnalysis
from framing.measure.features import state_media_claims, state_media_reliance
from framing.read.corpus import ReadFailure
from framing.run.corpus import CorpusResult, features_table

ATTRIBUTION_COLUMNS = (
    "article_id", "outlet", "outlet_ownership", "kind", "speaker", "speaker_entity",
    "speaker_type", "speaker_named", "speaker_entry_id", "cue", "cue_lemma", "stance",
    "stance_entry_id", "channel", "channel_type", "relay", "relay_type", "state_media_reliance",
    "corroborated_by", "corroboration", "is_direct", "found_by", "content",
    "sentence", "sentence_start", "sentence_end", "cue_start", "cue_end", "speaker_start",
    "speaker_end", "content_start", "content_end",
)  # fmt: skip
TERM_COLUMNS = (
    "article_id", "outlet", "outlet_ownership", "term", "matched", "entry_id", "category",
    "weight", "voice",
    "sentence", "start", "end",
)  # fmt: skip
MENTION_COLUMNS = (
    "article_id", "outlet", "outlet_ownership", "kind", "name", "matched", "entry_id",
    "category", "country",
    "sentence", "start", "end",
)  # fmt: skip
FAILURE_COLUMNS = ("path", "reason")


def _source_cells(source: Source | None) -> tuple:
    if source is None:
        return None, None, None, None, None, None
    return (source.span.text, source.entity, source.source_type, source.named, source.entry_id,
            source.span)  # fmt: skip


def attributions_table(analyses: Iterable[ArticleAnalysis]) -> pd.DataFrame:
    rows = []
    for analysis in analyses:
        reliance = state_media_reliance(analysis.attributions)
        # Claim by claim: who corroborates each claim resting on state media ("none": nobody).
        checked = {
            id(c.claim): c for c in state_media_claims(analysis.attributions, analysis.figures)
        }
        for attribution, how in zip(analysis.attributions, reliance, strict=True):
            corroboration = checked.get(id(attribution))
            speaker, entity, kind, named, entry_id, speaker_span = _source_cells(
                attribution.speaker
            )
            channel = attribution.channel
            relay = attribution.relay
            cue, content = attribution.cue, attribution.content
            rows.append({
                "article_id": analysis.article.id,
                "outlet": analysis.article.outlet,
                "outlet_ownership": analysis.article.ownership,
                "kind": attribution.kind,
                "speaker": speaker,
                "speaker_entity": entity,
                "speaker_type": kind,
                "speaker_named": named,
                "speaker_entry_id": entry_id,
                "cue": cue.text if cue else None,
                "cue_lemma": attribution.cue_lemma,
                "stance": attribution.stance,
                "stance_entry_id": attribution.stance_entry_id,
                "channel": channel.entity if channel else None,
                "channel_type": channel.source_type if channel else None,
                "relay": relay.entity if relay else None,
                "relay_type": relay.source_type if relay else None,
                "state_media_reliance": how,
                "corroborated_by": corroboration.corroborator_name if corroboration else None,
                "corroboration": corroboration.match if corroboration else None,
                "is_direct": attribution.is_direct,
                "found_by": attribution.found_by,
                "content": attribution.reported_text,
                "sentence": attribution.sentence.text,
                "sentence_start": attribution.sentence.start,
                "sentence_end": attribution.sentence.end,
                "cue_start": cue.start if cue else None,
                "cue_end": cue.end if cue else None,
                "speaker_start": speaker_span.start if speaker_span else None,
                "speaker_end": speaker_span.end if speaker_span else None,
                "content_start": content.start if content else None,
                "content_end": content.end if content else None,
            })  # fmt: skip
    return pd.DataFrame(rows, columns=list(ATTRIBUTION_COLUMNS))


def terms_table(analyses: Iterable[ArticleAnalysis]) -> pd.DataFrame:
    rows = [
        {
            "article_id": analysis.article.id,
            "outlet": analysis.article.outlet,
            "outlet_ownership": analysis.article.ownership,
            "term": hit.term,
            "matched": hit.span.text,
            "entry_id": hit.entry_id,
            "category": hit.category,
            "weight": hit.weight,
            "voice": hit.voice,
            "sentence": hit.sentence.text,
            "start": hit.span.start,
            "end": hit.span.end,
        }
        for analysis in analyses
        for hit in analysis.term_hits
    ]
    return pd.DataFrame(rows, columns=list(TERM_COLUMNS))


def mentions_table(analyses: Iterable[ArticleAnalysis]) -> pd.DataFrame:
    """State-media mentions and hedges, one row each."""
    rows = [
        {
            "article_id": analysis.article.id,
            "outlet": analysis.article.outlet,
            "outlet_ownership": analysis.article.ownership,
            "kind": kind,
            "name": mention.name,
            "matched": mention.span.text,
            "entry_id": mention.entry_id,
            "category": mention.category,
            "country": mention.country,
            "sentence": mention.sentence.text,
            "start": mention.span.start,
            "end": mention.span.end,
        }
        for analysis in analyses
        for kind, mentions in (("state_media", analysis.state_media), ("hedge", analysis.hedges))
        for mention in mentions
    ]
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def failures_table(
    failures: Iterable[ReadFailure], analyses: Iterable[ArticleAnalysis] = ()
) -> pd.DataFrame:
    """Inputs that could not be read, and articles whose analysis failed."""
    rows = [{"path": f.path, "reason": f.reason} for f in failures]
    rows += [
        {"path": a.article.path or a.article.id, "reason": a.error}
        for a in analyses
        if a.status == "failed"
    ]
    return pd.DataFrame(rows, columns=list(FAILURE_COLUMNS))


def write_score_tables(out: Path, result: CorpusResult, *, csv_raw: bool = False) -> list[Path]:
    """Write the feature table and the evidence tables of a scoring run to ``out``; text
    cells of the CSV files are guarded against formula injection unless ``csv_raw``."""
    articles = result.table()
    written = [
        write_csv(out / "articles.csv", articles, raw=csv_raw),
        write_parquet(out / "articles.parquet", articles),
        write_csv(out / "attributions.csv", attributions_table(result.analyses), raw=csv_raw),
        write_csv(out / "terms.csv", terms_table(result.analyses), raw=csv_raw),
        write_csv(out / "mentions.csv", mentions_table(result.analyses), raw=csv_raw),
        write_csv(
            out / "failures.csv", failures_table(result.failures, result.analyses), raw=csv_raw
        ),
        write_json(
            out / "run.json",
            {
                "framing_version": __version__,
                "model": result.model,
                "lexicon_version": result.lexicon_version,
                "articles": len(result.analyses),
                "failures": len(result.failures),
                "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        ),
    ]
    return written


__all__ = [
    "write_score_tables",
    "attributions_table",
    "failures_table",
    "features_table",
    "mentions_table",
    "terms_table",
]
