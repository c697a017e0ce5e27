"""Outlet names: one canonical name per outlet, and wire credits found in an article's text.

Articles arrive with outlet names in many spellings: a manifest says ``NYT``, a saved page's
OpenGraph tag says ``The New York Times``, its address says ``nytimes.com``. The alias table in
``lexicons/outlets.yaml`` (loaded through :func:`framing.lexicon.load.load_lexicons`, so overlays
work as for every lexicon) maps them all to one name. The same table marks wire agencies, so
a credit such as ``SEOUL (Reuters) -`` or ``— AFP`` names the wire an article's copy came from,
and records who controls each outlet (:class:`OutletIdentity`: state-controlled, publicly
funded but independent, private) with the document that classification rests on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import urlsplit

from framing.lexicon.load import Lexicons, load_lexicons

LEXICON_NAME = "outlets"
WIRE_CATEGORIES = frozenset({"wire_agency"})
STATE_CONTROLLED = "state_controlled"
#: How the report and the tables say each ownership type.
OWNERSHIP_LABELS = {
    "state_controlled": "state-controlled",
    "public_independent": "publicly funded, editorially independent",
    "private": "private",
}

# A credit sits in the dateline or the sign-off; further in, "(AP)" is more likely to be an
# acronym spelled out ("the Associated Press (AP)") than a credit.
_CREDIT_REGION_CHARS = 300
_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$")
_LEADING_THE = re.compile(r"^the\s+")
_SEPARATORS = re.compile(r"[\s\u00a0\u200b-\u200f]+")


def name_key(name: str) -> str:
    """The lookup key of an outlet name: case-folded, spaces collapsed, no leading "The"."""
    key = _SEPARATORS.sub(" ", name.replace("\u2019", "'")).strip().casefold()
    return _LEADING_THE.sub("", key)


def domain_of(value: str) -> str | None:
    """The host name in a URL or bare domain, without ``www.``; None if it is not one."""
    value = value.strip().lower()
    host = urlsplit(value).hostname if "://" in value else value.split("/")[0].split(":")[0]
    if not host:
        return None
    host = host.removeprefix("www.")
    return host if _DOMAIN.match(host) else None


@dataclass(frozen=True)
class OutletIdentity:
    """Who an outlet is: its role (wire agency or outlet) and who controls its editorial line,
    with the public document that classification rests on and the lexicon entry holding it."""

    name: str
    role: str  # wire_agency | outlet
    ownership: str | None  # state_controlled | public_independent | private; None: unclassified
    basis: str | None
    entry_id: str

    @property
    def state_controlled(self) -> bool:
        return self.ownership == STATE_CONTROLLED

    @property
    def label(self) -> str:
        """``state-controlled wire agency``, ``private outlet``, ``unclassified outlet``."""
        ownership = OWNERSHIP_LABELS.get(self.ownership or "", "unclassified")
        return f"{ownership} {'wire agency' if self.role in WIRE_CATEGORIES else 'outlet'}"


@dataclass(frozen=True)
class OutletTable:
    """Canonical outlet names by alias and by domain, and the set of wire agencies."""

    by_name: dict[str, str] = field(default_factory=dict)
    by_domain: dict[str, str] = field(default_factory=dict)
    wires: frozenset[str] = frozenset()
    credit_names: dict[str, str] = field(default_factory=dict)
    identities: dict[str, OutletIdentity] = field(default_factory=dict)  # by canonical name

    @classmethod
    def from_lexicons(cls, lexicons: Lexicons) -> OutletTable:
        by_name: dict[str, str] = {}
        by_domain: dict[str, str] = {}
        wires: set[str] = set()
        credit_names: dict[str, str] = {}
        identities: dict[str, OutletIdentity] = {}
        for entry in lexicons[LEXICON_NAME]:
            canonical = entry.term or entry.id
            is_wire = entry.category in WIRE_CATEGORIES
            identities[canonical] = OutletIdentity(
                canonical, entry.category, entry.ownership, entry.ownership_basis, entry.id
            )
            if is_wire:
                wires.add(canonical)
            for phrase in entry.phrases:
                domain = domain_of(phrase) if "." in phrase and " " not in phrase else None
                if domain:
                    by_domain[domain] = canonical
                    continue
                by_name[name_key(phrase)] = canonical
                if is_wire:
                    credit_names[phrase] = canonical
        return cls(by_name, by_domain, frozenset(wires), credit_names, identities)

    def canonical(self, name: str | None) -> str | None:
        """The canonical name for an outlet name, domain or URL; None if the table lacks it."""
        if not name or not name.strip():
            return None
        found = self.by_name.get(name_key(name))
        if found:
            return found
        domain = domain_of(name)
        while domain:
            if domain in self.by_domain:
                return self.by_domain[domain]
            # edition.cnn.com is cnn.com: drop one label at a time, keeping at least two.
            _, _, rest = domain.partition(".")
            domain = rest if "." in rest else None
        return None

    def resolve(self, *candidates: str | None) -> str | None:
        """The first candidate the table knows, as its canonical name; else the first given.

        Candidates go from most to least trusted, e.g. a site name, then the page's domain.
        """
        given = [c.strip() for c in candidates if c and c.strip()]
        for candidate in given:
            found = self.canonical(candidate)
            if found:
                return found
        return given[0] if given else None

    def is_wire(self, name: str | None) -> bool:
        return self.canonical(name) in self.wires

    def identity(self, name: str | None) -> OutletIdentity | None:
        """The role and ownership of an outlet name, domain or URL; None if the table lacks it."""
        return self.identities.get(self.canonical(name) or "")

    def ownership(self, name: str | None) -> str | None:
        """``state_controlled``, ``public_independent`` or ``private``; None when unclassified."""
        found = self.identity(name)
        return found.ownership if found else None

    @cached_property
    def _credit_pattern(self) -> re.Pattern | None:
        """Compiled once per table: credits are looked for in every article."""
        return _credit_pattern(self.credit_names) if self.credit_names else None

    def wire_credit(self, text: str) -> str | None:
        """The wire agencies the text credits in its dateline or sign-off, joined by ", "."""
        pattern = self._credit_pattern
        if pattern is None:
            return None
        found: list[str] = []
        for region in (text[:_CREDIT_REGION_CHARS], text[-_CREDIT_REGION_CHARS:]):
            for match in pattern.finditer(region):
                names = _split_credit(match.group(1) or match.group(2))
                # A name holding a separator ("Dow Jones & Co") splits into unknown parts.
                found += [self.credit_names[n] for n in names if n in self.credit_names]
        return ", ".join(dict.fromkeys(found)) or None


_CREDIT_SEPARATOR = r"\s*(?:/|,|&|\band\b)\s*"


def _split_credit(names: str) -> list[str]:
    return [part for part in re.split(_CREDIT_SEPARATOR, names.strip()) if part]


def _credit_pattern(names: Iterable[str]) -> re.Pattern:
    """Credits: "(Reuters)", "(AFP/Reuters)", "— AFP" or "-- AP" ending a line.

    Case-sensitive and whole-name only, so "(APR)", "(ap)" and "AP Stylebook" are not credits.
    """
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    one = rf"(?:{alternatives})"
    several = rf"{one}(?:{_CREDIT_SEPARATOR}{one})*"
    return re.compile(
        rf"\(\s*({several})\s*\)"  # (Reuters), (AFP/Reuters)
        rf"|(?:^|(?<=\s))(?:—|–|--?)\s*({several})[ \t\u00a0.]*$",  # — AFP at a line's end
        re.MULTILINE,
    )


@lru_cache(maxsize=8)
def outlet_table(overlays: tuple[str, ...] = ()) -> OutletTable:
    """The outlet table from the shipped lexicons and ``overlays``, loaded once per process."""
    return OutletTable.from_lexicons(load_lexicons(overlays))
