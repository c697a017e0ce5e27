"""Tests for framing.annotate.doc_extensions: the Doc text read from token arrays."""

from __future__ import annotations

import pytest
import spacy

from framing.annotate.doc_extensions import doc_text


@pytest.mark.parametrize(
    "text",
    ["", " ", "Kim said: \u201cWe won.\u201d\n\n  Next  paragraph. ", "a\u00a0b\tc", "x"],
)
def test_doc_text_is_doc_text(text):
    doc = spacy.blank("en")(text)
    assert doc_text(doc) == doc.text == text


def test_kept_text_is_used_only_while_it_fits():
    from framing.annotate.doc_extensions import keep_text

    doc = keep_text(spacy.blank("en").make_doc("Kim said so."), "Kim said so.")
    assert doc_text(doc) == "Kim said so."
    doc.user_data["framing_text"] = "stale"  # negative: a text that does not fit is ignored
    assert doc_text(doc) == "Kim said so."
