"""Outlet identity: each outlet's role and ownership in lexicons/outlets.yaml, with its basis,
and one answer to "is this state media" across outlets.yaml and state_media.yaml."""

from __future__ import annotations

import pytest

from framing.lexicon.load import LexiconError, load_lexicons, parse_lexicon_text
from framing.read.articles import ReadOptions, build_article
from framing.read.outlets import OutletTable, name_key

LEXICONS = load_lexicons()
OUTLETS = OutletTable.from_lexicons(LEXICONS)


@pytest.mark.parametrize(
    "name, role, ownership",
    [
        # The list of state outlets, by any of their names.
        ("KCNA", "wire_agency", "state_controlled"),
        ("Korean Central News Agency", "wire_agency", "state_controlled"),
        ("KCTV", "outlet", "state_controlled"),
        ("Rodong Sinmun", "outlet", "state_controlled"),
        ("Naenara", "outlet", "state_controlled"),
        ("Voice of Korea", "outlet", "state_controlled"),
        ("TASS", "wire_agency", "state_controlled"),
        ("RIA Novosti", "wire_agency", "state_controlled"),
        ("Sputnik", "outlet", "state_controlled"),
        ("RT", "outlet", "state_controlled"),
        # A wire AND state-controlled: role and ownership are separate fields.
        ("Xinhua", "wire_agency", "state_controlled"),
        ("CGTN", "outlet", "state_controlled"),
        ("Global Times", "outlet", "state_controlled"),
        ("Press TV", "outlet", "state_controlled"),
        ("TRT", "outlet", "state_controlled"),
        ("Anadolu Agency", "wire_agency", "state_controlled"),
        # The seeds' outlets and wires.
        ("ANI", "wire_agency", "private"),
        ("The Moscow Times", "outlet", "private"),
        ("Breitbart News", "outlet", "private"),
        ("TRT World", "outlet", "state_controlled"),
        ("trt.global", "outlet", "state_controlled"),
        ("NBC News", "outlet", "private"),
        ("Reuters", "wire_agency", "private"),
        ("Yonhap", "wire_agency", "public_independent"),
        # Publicly funded, independent in law.
        ("BBC", "outlet", "public_independent"),
        ("AFP", "wire_agency", "public_independent"),
    ],
)
def test_outlet_role_and_ownership(name, role, ownership):
    identity = OUTLETS.identity(name)
    assert identity is not None, name
    assert (identity.role, identity.ownership) == (role, ownership)
    assert identity.state_controlled == (ownership == "state_controlled")
    # Every classification names the document it rests on.
    assert identity.basis and len(identity.basis) > 20


@pytest.mark.parametrize("name", ["Al Jazeera", "EFE", "nobody's gazette", ""])
def test_unclassified_or_unknown_outlets_have_no_ownership(name):
    assert OUTLETS.ownership(name) is None


def test_every_classification_names_its_basis():
    for entry in LEXICONS["outlets"]:
        assert (entry.ownership is None) == (entry.ownership_basis is None), entry.id


def test_ownership_without_a_basis_is_refused():
    text = (
        "lexicon: outlets\ncategories: {outlet: An outlet.}\nentries:\n"
        "  - {id: outlet.x, term: X News, category: outlet, ownership: private, note: A test.}\n"
    )
    with pytest.raises((LexiconError, ValueError), match="ownership_basis"):
        parse_lexicon_text(text, "outlets.yaml")


def test_unknown_ownership_type_is_refused():
    text = (
        "lexicon: outlets\ncategories: {outlet: An outlet.}\nentries:\n"
        "  - {id: outlet.x, term: X News, category: outlet, ownership: friendly,"
        " ownership_basis: 'A register of some kind.', note: A test.}\n"
    )
    with pytest.raises((LexiconError, ValueError)):
        parse_lexicon_text(text, "outlets.yaml")


def _names(entry) -> set[str]:
    # Domains are for outlet names only; the state-media lexicon finds outlets in prose.
    return {name_key(p) for p in entry.phrases if not ("." in p and " " not in p)}


def test_state_media_and_outlets_agree_on_what_is_state_media():
    """One answer to "is this state media": every state-controlled outlet is found in text by
    state_media.yaml, and no state-media outlet is classified otherwise in outlets.yaml."""
    state_entries = [e for e in LEXICONS["state_media"] if e.category == "state_media"]
    state_names = set().union(*(_names(e) for e in state_entries))
    for outlet in LEXICONS["outlets"]:
        if outlet.ownership == "state_controlled":
            assert _names(outlet) & state_names, f"{outlet.id} is missing from state_media.yaml"
    for entry in state_entries:
        for phrase in entry.phrases:
            ownership = OUTLETS.ownership(phrase)
            assert ownership in (None, "state_controlled"), (entry.id, phrase, ownership)


def test_sources_do_not_type_a_state_outlet_as_independent_media():
    state_names = set().union(
        *(_names(e) for e in LEXICONS["outlets"] if e.ownership == "state_controlled")
    )
    for entry in LEXICONS["sources"]:
        if entry.category in ("media_outlet", "wire_agency"):
            assert not _names(entry) & state_names, entry.id


@pytest.mark.parametrize(
    "outlet, ownership",
    [("TRT World", "state_controlled"), ("trtworld.com", "state_controlled"),
     ("NBC News", "private"), ("Local Gazette", None)],
)  # fmt: skip
def test_an_article_carries_its_outlets_ownership(outlet, ownership):
    article = build_article(
        "a", "Text.", path=None, layers=[{"outlet": outlet}], options=ReadOptions(), warnings=[]
    )
    assert article.ownership == ownership
