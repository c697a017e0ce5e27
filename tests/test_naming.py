"""Naming: titles and epithets before actor names, actor keys, and event labels."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from framing.annotate.naming import (
    ActorNamer,
    EventLabelFinder,
    _resolve_short_names,
    normalise_actor,
)


@pytest.mark.parametrize(
    "name, key",
    [
        ("Kim Jong-un", "kim jong un"),
        ("Kim Jong Un", "kim jong un"),
        ("KIM  JONG UN", "kim jong un"),
        ("South Korea's", "south korea"),
        ("the Kremlin", "kremlin"),
    ],
)
def test_normalise_actor(name, key):
    assert normalise_actor(name) == key


def test_short_names_resolve_to_the_one_full_name_that_contains_them():
    resolved = _resolve_short_names(["kim", "kim jong un", "korea", "north korea", "south korea"])
    assert resolved["kim"] == "kim jong un"
    assert resolved["korea"] == "korea"  # ambiguous: stays as written
    assert resolved["north korea"] == "north korea"


def _doc_with_person(nlp, text, name):
    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label="PERSON")
    doc.ents = [span]
    return doc


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("Communist dictator Kim Jong-un spoke.", "Kim Jong-un", "Communist dictator"),
        ("The leader Kim Jong Un spoke.", "Kim Jong Un", "leader"),
        ("On Friday, Kim Jong Un spoke.", "Kim Jong Un", None),  # punctuation ends a title
        ("Kim Jong Un spoke.", "Kim Jong Un", None),  # nothing before the name
        ("He met the Kim Jong Un.", "Kim Jong Un", None),  # a determiner is not a title
    ],
)
def test_title_before_a_name(blank_nlp, lexicons, text, name, title):
    doc = ActorNamer(blank_nlp, lexicons)(_doc_with_person(blank_nlp, text, name))
    (mention,) = doc._.actor_mentions
    assert mention.span.text == name
    assert (mention.title.text if mention.title else None) == title
    assert mention.actor == normalise_actor(name)


def test_no_ner_means_no_actor_mentions(blank_nlp, lexicons):
    doc = ActorNamer(blank_nlp, lexicons)(blank_nlp("Leader Kim Jong Un spoke."))
    assert doc._.actor_mentions == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russia's war against Ukraine goes on.", [("event.war_against_ukraine", "aggression")]),
        ("since the Russian invasion began", [("event.invasion", "aggression")]),
        ("the special military operation zone", [("event.special_military_operation",
                                                  "official_euphemism")]),
        ("The conflict continues.", [("event.conflict", "neutral_conflict")]),
        ("A peaceful summit in Geneva.", []),
    ],
)  # fmt: skip
def test_event_labels(blank_nlp, lexicons, text, expected):
    doc = EventLabelFinder(blank_nlp, lexicons)(blank_nlp(text))
    assert [(e.entry_id, e.category) for e in doc._.event_labels] == expected
    assert all(isinstance(s, Span) for s in doc.spans["event_label"])


def test_seed_naming_finds_the_breitbart_epithet(seed_analyses):
    breitbart = next(a for a in seed_analyses if a.article.outlet == "Breitbart News")
    titles = {(m.title.text, m.actor) for m in breitbart.actor_mentions if m.title}
    assert ("Communist dictator", "kim jong un") in titles
