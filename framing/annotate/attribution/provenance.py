"""Provenance across an article: the channel a state organ's words came through.

:class:`framing.annotate.attribution.extract.AttributionExtractor` builds each attribution's chain
from its own
sentence (``Kim said ..., KCNA reported``; ``Yonhap reported, citing KCNA``; ``in a speech
carried by state media``) and from its paragraph (``The remarks were in a speech published by
the Foreign Ministry``). This module adds what only the whole article says, for a **state
organ** (:attr:`framing.annotate.records.Source.state_organ`: North Korea's leader, its government
and ministries, set from ``lexicons/sources.yaml``), whose words reach the public only through its
state's media:

- a state organ's attribution with no state-media link of its own takes the channel the
  article credits that same speaker with elsewhere (state media, or an organ that published
  the words), the nearest before it (else after): ``Kim said ..., KCNA reported`` makes the
  later ``"...," Kim said`` KCNA's too, and Breitbart's quotes of the speech "published in
  English in full by the North Korean Foreign Ministry" are all the Ministry's;
- failing that, the state-media outlet the article credits with its account of the event
  (``According to KCNA, the ceremony took place on Friday``; ``KCNA said Kim laid a flower``),
  the nearest before it (else after). A reader of ANI's seed says Kim's words come from KCNA's
  report of the ceremony, since that is the only account of it the article names, and Kim
  speaks through no other;
- a non-state outlet already credited as the channel (``He praised ..., according to
  Yonhap``) becomes the relay: Yonhap can only be passing on what state media carried.

A chain whose channel is itself a state organ (``a speech published by the Foreign Ministry``)
is left as it is: the organ published the words itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from framing.annotate.records import Attribution, Source
from framing.annotate.source_words import STATE_MEDIA_TYPE


def is_state_media(source: Source | None) -> bool:
    return source is not None and source.source_type == STATE_MEDIA_TYPE


def carries_state_voice(source: Source | None) -> bool:
    """State media, or a state organ publishing its own words (``a speech published by the
    Foreign Ministry``)."""
    return source is not None and (is_state_media(source) or source.state_organ)


def _has_state_link(attribution: Attribution) -> bool:
    """Whether the chain already says how the words left the state: a state-media channel or
    relay, or a state organ that published them itself."""
    channel, relay = attribution.channel, attribution.relay
    return (
        is_state_media(channel)
        or is_state_media(relay)
        or (channel is not None and channel.state_organ)
    )


def _nearest(candidates: Sequence[tuple[int, Source]], position: int) -> Source | None:
    """The candidate named last before ``position``, else the first after it."""
    before = [source for start, source in candidates if start <= position]
    if before:
        return before[-1]
    after = [source for start, source in candidates if start > position]
    return after[0] if after else None


def trace_state_organs(attributions: Sequence[Attribution]) -> list[Attribution]:
    """The attributions with the article-level channel of each state organ's words filled in
    (see the module docstring); every other attribution is returned as it is."""
    credited: dict[str, list[tuple[int, Source]]] = {}
    accounts: list[tuple[int, Source]] = []
    for a in attributions:
        if a.speaker is not None and carries_state_voice(a.channel):
            credited.setdefault(a.speaker.entity, []).append((a.sentence.start, a.channel))
        if a.speaker is not None and is_state_media(a.speaker) and not a.is_evidence:
            accounts.append((a.sentence.start, a.speaker))
    traced = []
    for a in attributions:
        if a.speaker is None or not a.speaker.state_organ or _has_state_link(a):
            traced.append(a)
            continue
        position = a.sentence.start
        channel = _nearest(credited.get(a.speaker.entity, ()), position) or _nearest(
            accounts, position
        )
        if channel is None:
            traced.append(a)
            continue
        relay = a.relay if a.relay is not None else a.channel
        traced.append(dataclasses.replace(a, channel=channel, relay=relay))
    return traced


__all__ = ["is_state_media", "trace_state_organs"]
