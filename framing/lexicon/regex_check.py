"""Lexicon REGEX patterns that would hang a run: a quantifier over a group that itself repeats.

Python's ``re`` backtracks, and a quantifier over a part that can match a varying number of
times (``(a+)+``, ``(\\w*\\s?)*``) makes it try exponentially many ways to split a long token
that almost matches: 32 characters hang a run. spaCy gives a token pattern's ``REGEX`` to
``re`` as it is, with no time limit, so :func:`regex_problem` refuses such an expression when
the lexicon is read (by every command, ``validate`` included).

What comes in is the expression as the lexicon writes it; what goes out is why it cannot be
used, or None. ``re.compile`` says whether it compiles; the nesting is found by a small parser
of our own (:func:`parse_regex`), which only needs to know the structure of an expression that
compiles: atoms, groups and their alternatives, and quantifiers with their bounds. (It used to
be found with ``re._parser``, the standard library's private parser, which may change in any
Python release.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A quantifier with no upper bound (``*``, ``+``, ``{2,}``).
UNBOUNDED = None

_QUANTIFIER_BOUNDS = {"*": (0, UNBOUNDED), "+": (1, UNBOUNDED), "?": (0, 1)}
_BRACES = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_FLAGS = re.compile(r"[aiLmsux-]*")


@dataclass(frozen=True)
class Group:
    """A group's alternatives (``(a|b)``), each a sequence of nodes. An atomic group
    (``(?>...)``) never backtracks into itself."""

    alternatives: tuple[tuple[Node, ...], ...]
    atomic: bool = False


@dataclass(frozen=True)
class Repeat:
    """A quantified node: ``node{low,high}``; a possessive one (``a++``) never backtracks."""

    node: Node
    low: int
    high: int | None
    possessive: bool = False

    @property
    def varies(self) -> bool:
        """Whether it can match a varying number of times, more than once (``+``, ``*``,
        ``{1,3}``; not ``?`` or ``{3}``): the repeats whose splits multiply."""
        more_than_once = self.high is UNBOUNDED or self.high > 1
        return more_than_once and self.low != self.high


#: Anything else: a character, a class, an escape, an anchor, a back-reference.
ATOM = "atom"

Node = Group | Repeat | str


class _Parser:
    """A recursive-descent reader of an expression ``re.compile`` accepts."""

    def __init__(self, expression: str):
        self.text = expression
        self.position = 0
        self.verbose = bool(re.compile(expression).flags & re.VERBOSE)

    def at(self, chars: str) -> bool:
        return self.position < len(self.text) and self.text[self.position] in chars

    def alternatives(self) -> tuple[tuple[Node, ...], ...]:
        """Sequences separated by ``|``, up to a closing ``)`` or the end."""
        found = [self.sequence()]
        while self.at("|"):
            self.position += 1
            found.append(self.sequence())
        return tuple(found)

    def sequence(self) -> tuple[Node, ...]:
        nodes: list[Node] = []
        while True:
            self.skip_verbose()
            if self.position >= len(self.text) or self.at("|)"):
                return tuple(nodes)
            node = self.item()
            if node is not None:
                nodes.append(self.quantified(node))

    def skip_verbose(self) -> None:
        """Whitespace and ``#`` comments mean nothing in a verbose expression."""
        while self.verbose and self.position < len(self.text):
            if self.at(" \t\n\r\f\v"):
                self.position += 1
            elif self.at("#"):
                end = self.text.find("\n", self.position)
                self.position = len(self.text) if end < 0 else end + 1
            else:
                return

    def item(self) -> Node | None:
        """The next atom or group; None for a part that matches nothing (a comment, flags)."""
        char = self.text[self.position]
        if char == "(":
            return self.group()
        if char == "[":
            self.character_class()
        elif char == "\\":
            self.escape()
        else:
            self.position += 1
        return ATOM

    def escape(self) -> None:
        self.position += 2  # the backslash and the character after it
        if self.text[self.position - 1] == "N" and self.at("{"):  # \N{LATIN SMALL LETTER A}
            self.position = self.text.index("}", self.position) + 1

    def character_class(self) -> None:
        self.position += 1
        if self.at("^"):
            self.position += 1
        if self.at("]"):
            self.position += 1  # a "]" first in a class is a member
        while not self.at("]"):
            self.position += 2 if self.at("\\") else 1
        self.position += 1

    def group(self) -> Node | None:
        self.position += 1
        atomic = False
        if self.text.startswith("?", self.position):
            self.position += 1
            kind = self.text[self.position]
            if kind == "#":  # a comment
                self.position = self.text.index(")", self.position) + 1
                return None
            if kind == "P" and self.text[self.position + 1] == "=":  # (?P=name)
                self.position = self.text.index(")", self.position) + 1
                return ATOM
            if kind == "P":  # (?P<name>...)
                self.position = self.text.index(">", self.position) + 1
            elif kind == "<" and self.text[self.position + 1] in "=!":  # look-behind
                self.position += 2
            elif kind in ":=!>":
                atomic = kind == ">"
                self.position += 1
            elif kind == "(":  # (?(group)yes|no)
                self.position = self.text.index(")", self.position) + 1
            else:
                return self.flags()
        alternatives = self.alternatives()
        self.position += 1  # the closing ")"
        return Group(alternatives, atomic)

    def flags(self) -> Node | None:
        """``(?i)`` sets flags for the whole expression; ``(?i-s:...)`` is a group."""
        flags = _FLAGS.match(self.text, self.position)
        self.position = flags.end()
        if self.at(")"):
            self.position += 1
            return None
        self.position += 1  # ":"
        outer = self.verbose
        on, _, off = flags.group().partition("-")
        self.verbose = ("x" in on or outer) and "x" not in off
        alternatives = self.alternatives()
        self.verbose = outer
        self.position += 1
        return Group(alternatives)

    def quantified(self, node: Node) -> Node:
        self.skip_verbose()
        bounds = self.bounds()
        if bounds is None:
            return node
        low, high = bounds
        possessive = self.at("+")
        if self.at("?+"):
            self.position += 1  # lazy or possessive
        return Repeat(node, low, high, possessive)

    def bounds(self) -> tuple[int, int | None] | None:
        if self.at("*+?"):
            self.position += 1
            return _QUANTIFIER_BOUNDS[self.text[self.position - 1]]
        braces = _BRACES.match(self.text, self.position) if self.at("{") else None
        if braces is None or braces.group() == "{}":
            return None  # a "{" that starts no count is a literal
        self.position = braces.end()
        low, comma, high = braces.groups()
        if not comma:
            return int(low), int(low)
        return int(low or 0), int(high) if high else UNBOUNDED


def parse_regex(expression: str) -> tuple[tuple[Node, ...], ...]:
    """The structure of ``expression`` (which must compile): its top-level alternatives."""
    parser = _Parser(expression)
    return parser.alternatives()


def _parts(node: Node) -> tuple[tuple[Node, ...], ...]:
    """The sequences a backtracking match can re-enter: not those of an atomic group or a
    possessive repeat, which never backtrack into themselves."""
    if isinstance(node, Repeat) and not node.possessive:
        return ((node.node,),)
    if isinstance(node, Group) and not node.atomic:
        return node.alternatives
    return ()


def _repeats_inside(nodes: tuple[Node, ...]) -> bool:
    """True when a varying repeat stands anywhere in ``nodes`` (backtracking into it)."""
    for node in nodes:
        if isinstance(node, Repeat) and not node.possessive and node.varies:
            return True
        if any(_repeats_inside(part) for part in _parts(node)):
            return True
    return False


def has_nested_quantifier(sequences: tuple[tuple[Node, ...], ...]) -> bool:
    """True when a quantifier that repeats more than once holds a varying repeat."""
    for nodes in sequences:
        for node in nodes:
            repeats = isinstance(node, Repeat) and not node.possessive
            if repeats and (node.high is UNBOUNDED or node.high > 1):
                if _repeats_inside((node.node,)):
                    return True
            if has_nested_quantifier(_parts(node)):
                return True
    return False


def regex_problem(expression: str) -> str | None:
    """Why a lexicon's REGEX cannot be used, or None.

    Refused: an expression that does not compile, and one with a quantifier over a group
    that repeats (see the module's docstring). A possessive quantifier or an atomic group
    (``(?>a+)+``) does not backtrack and is accepted.
    """
    try:
        re.compile(expression)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"does not compile: {exc}"
    try:
        nested = has_nested_quantifier(parse_regex(expression))
    except RecursionError:
        return "groups nested too deep to check"
    if nested:
        return (
            "a quantifier over a group that repeats (such as (a+)+) can take exponential "
            "time on a long token; rewrite it without the nesting (a+), or make the inner "
            "part possessive (a++) or atomic (?>...)"
        )
    return None
