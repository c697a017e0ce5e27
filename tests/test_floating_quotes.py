"""Floating quotes (issue #13, item 2): a quotation with no cue in its sentence is credited to
the speaker of the nearest attribution before it in the same or the previous paragraph, and
flagged ``found_by == "inferred"``."""

from __future__ import annotations

import pytest

QUOTE = '"They worked a miracle in less than three months."'

#: (text, [(speaker entity, content)] of the inferred attributions)
CASES = [
    # a paragraph that is only a quotation, after the paragraph naming the speaker
    (f"Kim Jong Un said the troops were heroes.\n\n{QUOTE}",
     [("Kim Jong Un", "They worked a miracle in less than three months.")]),
    # the nearest speaker before it, not the first
    (f"Kim Jong Un said the troops were heroes.\n\nAnalysts said they were not.\n\n{QUOTE}",
     [("analysts", "They worked a miracle in less than three months.")]),
    # negative: a short quoted phrase is no statement
    ('Kim Jong Un said the troops were heroes.\n\nThe "heroes" came home.', []),
    # negative: two paragraphs away from the last speaker
    (f"Kim Jong Un said the troops were heroes.\n\nThe weather was fine.\n\n{QUOTE}", []),
    # negative: nobody spoke before it
    (f"{QUOTE}\n\nKim Jong Un said the troops were heroes.", []),
    # negative: the quote has its own cue
    ('Kim Jong Un said the troops were heroes.\n\n'
     '"They worked a miracle in less than three months," Lee Jae-myung said.', []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_floating_quotes(blank_nlp, blank_extractor, text, expected):
    doc = blank_extractor(blank_nlp(text))
    inferred = [a for a in doc._.attributions if a.inferred]
    assert [(a.speaker.entity, a.content.text) for a in inferred] == expected
    for attribution in inferred:
        assert attribution.found_by == "inferred" and attribution.cue is None
        assert attribution.is_direct


def test_found_by_says_how_every_attribution_was_found(blank_nlp, blank_extractor):
    doc = blank_extractor(blank_nlp(f"Kim Jong Un said the troops were heroes.\n\n{QUOTE}"))
    assert [a.found_by for a in doc._.attributions] == ["lexicon", "inferred"]
