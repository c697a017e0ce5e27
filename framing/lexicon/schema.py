"""The schema of a lexicon file: pydantic models of an entry and a file, checked as read.

What comes in is a lexicon file's YAML as plain data (:mod:`framing.lexicon.load` reads it and
keeps each mapping's line); what goes out is a validated :class:`LexiconFile` of
:class:`Entry` records, or a pydantic error that the loader turns into a :class:`LexiconError`
naming ``file:line``. An entry's token-pattern ``REGEX`` is refused when it would hang a run
(:mod:`framing.lexicon.regex_check`). :class:`Lexicons` is what loading gives: every lexicon's
entries after the overlays are laid on, each with where it was defined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from framing.lexicon.regex_check import regex_problem


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names ``file:line``."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


#: Who controls an outlet's editorial line, for ``ownership`` in ``lexicons/outlets.yaml``:
#: state_controlled (a state directs it: KCNA, TASS, Xinhua), public_independent (state-owned
#: or publicly funded, with editorial independence in law: BBC, AFP, Yonhap), private.
OwnershipType = Literal["state_controlled", "public_independent", "private"]


class Entry(BaseModel):
    """One lexicon entry: a term or token pattern, what it means, and where it came from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(
        description="Stable identifier, unique across all lexicons, e.g. 'loaded.dictator'."
    )
    term: str | None = Field(
        default=None,
        description="A word or phrase in its base form; matched on lowercase form and on lemmas.",
    )
    pattern: list[dict[str, Any]] | None = Field(
        default=None, description="A spaCy Matcher token pattern, for what a phrase cannot say."
    )
    aliases: list[str] = Field(
        default_factory=list, description="Other spellings and names matched like `term`."
    )
    category: str = Field(description="One of the lexicon's declared categories.")
    weight: float = Field(default=1.0, ge=0.0, description="Relative strength, used in scores.")
    note: str = Field(min_length=3, description="Why the term is loaded, or what it is.")
    provenance: str = Field(
        default="curated",
        description="'curated', 'suggested from CORPUS on DATE', or the published list used.",
    )
    country: str | None = Field(default=None, description="For state media: ISO country code.")
    state_organ: bool = Field(
        default=False,
        description=(
            "For sources: an organ of a state whose media the state controls, which speaks "
            "only through that media (North Korea's leader, its ministries); its words rest "
            "on state media whoever relays them."
        ),
    )
    ownership: OwnershipType | None = Field(
        default=None,
        description="For outlets: who controls the editorial line (see lexicons/outlets.yaml).",
    )
    ownership_basis: str | None = Field(
        default=None,
        min_length=10,
        description="For outlets: the public register or document the ownership type rests on.",
    )
    exceptions: list[str] = Field(
        default_factory=list,
        description="Phrases containing the term in a neutral sense; a hit inside one is dropped.",
    )
    must_match: list[str] = Field(default_factory=list, description="Examples that must hit.")
    must_not_match: list[str] = Field(
        default_factory=list, description="Examples that must not hit."
    )
    enabled: bool = Field(default=True, description="False switches an entry off (for overlays).")

    @model_validator(mode="after")
    def _term_or_pattern(self) -> Entry:
        if (self.term is None) == (self.pattern is None):
            raise ValueError("an entry needs exactly one of 'term' or 'pattern'")
        return self

    @model_validator(mode="after")
    def _ownership_has_basis(self) -> Entry:
        # A classification nobody can check is an opinion: it must name where it comes from.
        if self.ownership is not None and not self.ownership_basis:
            raise ValueError(f"entry {self.id!r}: 'ownership' needs an 'ownership_basis'")
        return self

    @model_validator(mode="after")
    def _no_catastrophic_regex(self) -> Entry:
        # Refused here, when any command reads the lexicon: scoring must never hang on one.
        for expression in _regexes(self.pattern):
            if problem := regex_problem(expression):
                raise ValueError(f"entry {self.id!r}: REGEX {expression!r}: {problem}")
        return self

    @field_validator("term")
    @classmethod
    def _term_not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("'term' is empty")
        return value

    @property
    def phrases(self) -> list[str]:
        """The term and its aliases: every surface phrase this entry matches."""
        return ([self.term] if self.term else []) + list(self.aliases)


def _regexes(value: Any) -> list[str]:
    """Every ``REGEX`` expression anywhere in a token pattern (``{"TEXT": {"REGEX": ...}}``,
    also under ``_`` or ``NOT_IN``-style nesting)."""
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k == "REGEX" and isinstance(v, str)]
        return found + [r for k, v in value.items() if k != "REGEX" for r in _regexes(v)]
    if isinstance(value, list):
        return [r for item in value for r in _regexes(item)]
    return []


class LexiconFile(BaseModel):
    """The schema of one lexicon YAML file."""

    model_config = ConfigDict(extra="forbid")

    lexicon: str = Field(description="The lexicon's name; the file stem by convention.")
    lang: str = Field(default="en", description="Language of the entries (ISO 639-1).")
    description: str = Field(default="", description="What this lexicon is for.")
    categories: dict[str, str] = Field(description="Allowed categories and what each one means.")
    entries: list[Entry] = Field(default_factory=list)

    @field_validator("entries", mode="before")
    @classmethod
    def _no_entries(cls, value: Any) -> Any:
        # ``entries:`` with nothing under it, as removing an overlay's last entry leaves it.
        return [] if value is None else value

    @model_validator(mode="after")
    def _categories_declared(self) -> LexiconFile:
        for entry in self.entries:
            if entry.category not in self.categories:
                allowed = ", ".join(sorted(self.categories))
                raise ValueError(
                    f"entry {entry.id!r}: unknown category {entry.category!r} (allowed: {allowed})"
                )
        return self


@dataclass(frozen=True)
class LoadedEntry:
    """An entry together with where it was defined, so errors and listings can say so."""

    entry: Entry
    lexicon: str
    path: Path
    line: int


@dataclass
class Lexicons:
    """All lexicons after layering: entries by lexicon name, plus the content version."""

    entries: dict[str, list[LoadedEntry]] = field(default_factory=dict)
    categories: dict[str, dict[str, str]] = field(default_factory=dict)
    sources: list[Path] = field(default_factory=list)
    version: str = ""
    lang: str = "en"

    def __getitem__(self, lexicon: str) -> list[Entry]:
        return [loaded.entry for loaded in self.entries.get(lexicon, []) if loaded.entry.enabled]

    def get(self, entry_id: str) -> LoadedEntry | None:
        for loaded_entries in self.entries.values():
            for loaded in loaded_entries:
                if loaded.entry.id == entry_id:
                    return loaded
        return None
