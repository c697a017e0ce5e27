"""Tests for framing.evaluation.polnear_quotes: PolNeAR's direct quotations as a quote set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.evaluation.brat import BratAttribution, BratDocument, BratSpan
from framing.evaluation.polnear_quotes import direct_quotes, is_direct_quotation, write_quote_set


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


#: (text, the gold content span's text, whether it is a direct quotation), read by hand.
QUOTATION_CASES = [
    ('He said, \u201cWe won the war.\u201d', "\u201cWe won the war.\u201d", True),
    ('\u201cWe won the war,\u201d he said.', "We won the war,", True),  # marks outside the span
    ('"We won," he said.', "We won", True),
    ("''We won,'' he said.", "We won,", True),  # the NYT's two apostrophes
    ('"PENCE: Well, the question is why, " said the transcript.', "Well, the question is why,",
     True),  # inside marks opened earlier in the paragraph
    # Negative cases: reported speech, a single-quoted word, a quotation closed before.
    ("He said the war was won.", "the war was won", False),
    ("He said the 'war' was won.", "the 'war' was won", False),
    ('"It is over," he said. Then he said the war was won.', "the war was won", False),
    ('"It is over."\nHe said the war was won.', "the war was won", False),
]


@pytest.mark.parametrize("text, content, expected", QUOTATION_CASES)
def test_is_direct_quotation(text, content, expected):
    assert is_direct_quotation(text, *_at(text, content)) is expected


def _span(text: str, label: str, part: str, number: int) -> BratSpan:
    return BratSpan(f"T{number}", label, (_at(text, part),), part)


def _document(text: str, roles: list[tuple[str | None, str | None, str]]) -> BratDocument:
    attributions = []
    for n, (source, cue, content) in enumerate(roles):
        attributions.append(BratAttribution(
            f"E{n}",
            _span(text, "Cue", cue, 3 * n) if cue else None,
            _span(text, "Source", source, 3 * n + 1) if source else None,
            _span(text, "Content", content, 3 * n + 2),
        ))
    return BratDocument("a1", text, Path("a1_x.ann"), attributions=attributions)


def test_direct_quotes_keep_quotations_with_a_speaker_in_text_order():
    text = ('Officials said talks would resume. "We won the war," Kim said. '
            '"It is over," a sign read.')
    document = _document(text, [
        ("Kim", "said", "We won the war,"),
        ("Officials", "said", "talks would resume"),  # reported speech: left out
        (None, "read", "It is over,"),  # no speaker: left out
    ])
    assert direct_quotes(document) == [
        {"speaker": "Kim", "cue": "said", "content": "We won the war,"}]


def test_write_quote_set_is_read_by_the_quotes_jsonl_reader(tmp_path):
    from framing.evaluation.quotes_jsonl import read_quotes_jsonl

    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    text = '"We won the war," Kim said.'
    (split / "text" / "a1.txt").write_text(text, encoding="utf-8")
    (split / "attributions" / "a1_x.ann").write_text(
        "T1\tContent 1 15\tWe won the war\nT2\tSource 18 21\tKim\nT3\tCue 22 26\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n", encoding="utf-8")
    out = tmp_path / "quotes.jsonl"
    assert write_quote_set(split, out) == (1, 1)
    (document,) = read_quotes_jsonl(out)
    assert document.id == "a1" and document.quotes[0].speaker == "Kim"


@pytest.mark.gold
def test_polnear_dev_quote_set(gold_dir, tmp_path):
    """The set from PolNeAR dev: hundreds of quotations, each content in its article."""
    out = tmp_path / "dev_quotes.jsonl"
    n_articles, n_quotes = write_quote_set(gold_dir / "polnear" / "dev", out)
    assert n_articles == 84 and n_quotes > 300
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = " ".join(record["text"].split())
        assert all(q["speaker"] and q["content"].split()[0] in text for q in record["quotes"])
