"""scripts/neural_attribution.py: how its windows are cut and joined again, and its decoding.

The script is an experiment outside the package; these tests load it from its file. Its
training needs torch, which framing does not depend on: the decoding test skips without it.
"""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import PROJECT_ROOT


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location(
        "neural_attribution", PROJECT_ROOT / "scripts" / "neural_attribution.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def window(doc: int, start: int, end: int, tokens: list[int]) -> dict:
    return {"doc": doc, "start": start, "end": end, "tokens": tokens}


@pytest.mark.parametrize(
    ("tokens", "tags", "expected"),
    [
        # a whitespace token (1) inside a span carries it on
        ([0, 2], ["B", "I"], ["B", "I", "I"]),
        # ... but not when the span ends before it, or a new one starts after it
        ([0, 2], ["B", "O"], ["B", "O", "O"]),
        ([0, 2], ["B", "B"], ["B", "O", "B"]),
        ([0, 2], ["O", "I"], ["O", "O", "I"]),
        # no whitespace token: the tags as they are
        ([0, 1, 2], ["O", "B", "I"], ["O", "B", "I"]),
    ],
)
def test_paragraph_tags_fill_whitespace_tokens(script, tokens, tags, expected):
    assert script._paragraph_tags(window(0, 0, 3, tokens), tags) == expected


@pytest.mark.parametrize(
    ("second", "joined"),
    [
        (window(0, 2, 4, [2, 3]), True),  # the next window of the same paragraph
        (window(0, 3, 5, [3, 4]), False),  # a token between: another paragraph
        (window(1, 2, 4, [2, 3]), False),  # another article
    ],
)
def test_windows_of_one_paragraph_are_joined(script, second, joined):
    first = window(0, 0, 2, [0, 1])
    tags = {role: ["B", "I"] for role in script.ROLES}
    out = script._paragraphs([first, second], [tags, tags])
    if joined:
        assert [(d, s, t["cue"]) for d, s, t in out] == [(0, 0, ["B", "I", "B", "I"])]
    else:
        assert [(d, s) for d, s, _ in out] == [(0, 0), (second["doc"], second["start"])]


def test_long_paragraphs_are_cut_at_sentence_ends(script, blank_nlp):
    doc = blank_nlp("One two three. Four five six. Seven eight nine.")
    assert script._windows(doc, 0, len(doc), 100) == [(0, len(doc))]
    cuts = script._windows(doc, 0, len(doc), 8)
    assert cuts == [(0, 8), (8, 12)]
    assert all(doc[start].is_sent_start for start, _ in cuts)


def test_viterbi_keeps_to_valid_bio(script):
    torch = pytest.importorskip("torch", reason="torch is not installed (an optional experiment)")
    o, b, i = (script.TAGS.index(t) for t in ("O", "B", "I"))
    scores = torch.full((3, 3), -5.0)
    scores[0, i], scores[0, b] = 0.0, -1.0  # an I first is not allowed: B is the best start
    scores[1, o], scores[1, i] = 0.0, -2.0  # O is best here, but an I may not follow an O
    scores[2, i] = 0.0
    greedy = [script.TAGS[int(row.argmax())] for row in scores]
    assert greedy == ["I", "O", "I"]  # what argmax alone would say: invalid
    assert script.viterbi(scores, script._allowed_transitions()) == ["B", "I", "I"]
