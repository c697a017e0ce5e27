"""Section 3, State-media reliance: a comparison (and the analyses) in, the section out.

Who the outlets are, which articles are BY a state-controlled outlet, how much of each
outlet's reporting rests on state media, and each such claim with its corroborator or none.
"""

from __future__ import annotations

from framing.compare.pooled import by_state_outlet
from framing.compare.records import Comparison
from framing.measure.corroboration import OVERLAP_THRESHOLD
from framing.measure.metrics import METRICS
from framing.report.blocks import Cell, Link, Paragraph, Section, Table
from framing.report.cells import (
    anchor,
    basis_sentence,
    group_header,
    group_label,
    metric_rows,
    ranked_lists,
)

#: How the report says why a claim rests on state media (features.RELIANCE_REASONS).
RELIANCE_LABELS = {
    "direct": "state media speaks",
    "chain": "through a state-media channel or relay",
    "state_organ": "a state organ (speaks only through state media)",
}
MAX_CLAIM_ROWS = 300  # claims listed in the report; attributions.csv has every one
CLAIM_CHARS = 140


def _short(text: str, limit: int = CLAIM_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def outlet_identity_table(comparison: Comparison) -> Table | Paragraph:
    """Who the corpus's outlets are, and the document each classification rests on."""
    if not comparison.outlets:
        return Paragraph(
            "No outlet of this corpus is in lexicons/outlets.yaml: none is classified."
        )
    rows = [
        [
            Cell(name),
            Cell(identity.label, style="warn" if identity.state_controlled else ""),
            Cell(identity.basis or "not classified"),
            Cell(identity.entry_id),
        ]
        for name, identity in comparison.outlets.items()
    ]
    return Table(
        "Who publishes: each outlet's role and ownership, and where the classification comes "
        "from (lexicons/outlets.yaml)",
        ["outlet", "role and ownership", "basis of the classification", "entry"],
        rows,
    )


def _articles_by_state_outlets(comparison: Comparison, analyses) -> Table | Paragraph:
    rows = []
    for index, analysis in enumerate(analyses):
        if not by_state_outlet(analysis):
            continue
        identity = comparison.outlets.get(analysis.article.outlet)
        rows.append(
            [
                Cell(analysis.article.title or analysis.article.id, (Link("›", f"#a{index}"),)),
                Cell(analysis.article.outlet),
                Cell(identity.basis if identity and identity.basis else ""),
            ]
        )
    if not rows:
        return Paragraph(
            "No article of this corpus is BY a state-controlled outlet: every figure below is "
            "about articles that cite state media."
        )
    return Table(
        "Articles BY a state-controlled outlet: their narration is that outlet's own voice, so "
        "everything in them reaches the reader through state media",
        ["article", "outlet", "basis of the classification"],
        rows,
    )


def _claims_table(comparison: Comparison) -> Table:
    rows = []
    for group in comparison.groups:
        for claim in group.state_claims:
            corroborator = (
                Cell(
                    f"{claim.corroborator} ({claim.match})",
                    (Link("›", f"#{anchor(claim.corroborator_ref)}"),),
                )
                if claim.corroborator_ref
                else Cell("none", style="unsourced")
            )
            rows.append(
                [
                    Cell(group_label(group)),
                    Cell(claim.speaker or "(images)"),
                    Cell(RELIANCE_LABELS.get(claim.reliance, claim.reliance)),
                    Cell(_short(claim.text), (Link("›", f"#{anchor(claim.ref)}"),)),
                    corroborator,
                ]
            )
    shown = rows[:MAX_CLAIM_ROWS]
    caption = (
        "Each claim resting on state media, with its independent corroborator in the same "
        "article, or none"
    )
    if len(rows) > len(shown):
        caption += f" (first {len(shown)} of {len(rows)}; attributions.csv lists them all)"
    header = [comparison.by, "credited to", "rests on state media as", "claim", "corroborated by"]
    return Table(caption, header, shown)


def state_media(comparison: Comparison, analyses=()) -> Section:
    figures = Table(
        "Reliance on state-controlled media",
        group_header(comparison, "figure"),
        metric_rows(
            comparison,
            [
                METRICS["state_media_attribution_share"],
                METRICS["state_media_direct_share"],
                METRICS["state_media_chain_share"],
                METRICS["state_media_state_organ_share"],
                METRICS["state_media_n_resting_articles"],
                METRICS["state_media_n_by_state_outlet"],
                METRICS["state_media_n_claims"],
                METRICS["state_media_corroborated_share"],
            ],
        ),
    )
    outlets = ranked_lists(
        comparison,
        "State outlets cited or mentioned (country), with links",
        lambda g: g.state_outlets,
    )
    return Section(
        "state-media",
        "3. State-media reliance",
        "How much of each outlet's reporting rests on state-controlled media such as KCNA: "
        "directly (KCNA said), through a chain (Kim said …, KCNA reported; Yonhap, citing KCNA; "
        "images released by KCNA), or from a state organ that speaks only through state media "
        "(North Korea's leader, its ministries), whether or not the article names the channel. "
        "Articles BY a state-controlled outlet are shown apart from articles that cite state "
        "media. A claim is corroborated when the same article credits the same figure, or at "
        f"least {OVERLAP_THRESHOLD:.0%} of its content words, to an independent non-state "
        "source: not the claim's own speaker, not a relay of state media, not a news outlet or "
        "wire reporting the same statement, not images or a report about it. n/a when an "
        "outlet has no attributions, or nothing rests on state media." + basis_sentence(comparison),
        [
            outlet_identity_table(comparison),
            _articles_by_state_outlets(comparison, analyses),
            figures,
            _claims_table(comparison),
            outlets,
        ],
    )
