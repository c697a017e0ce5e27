"""Tests for framing/lexicon/regex_check.py: which lexicon REGEX patterns are refused.

The refused cases are the ones the check caught when it used the standard library's private
parser (``re._parser``); the accepted ones are expressions that look alike but cannot
backtrack exponentially.
"""

from __future__ import annotations

import pytest

from framing.lexicon.regex_check import Group, Repeat, parse_regex, regex_problem

NESTED = "a quantifier over a group that repeats"


@pytest.mark.parametrize(
    "expression",
    [
        "^(a+)+$",
        r"(\w*\s?)*",
        "((ab)+)+",
        "(a{1,3})+",
        "(?:a*)*",  # a non-capturing group nests as well
        "(a|b+)*",  # a repeat in one alternative
        "(?P<name>x+)+",
        "(?i:a+)+",  # a group with scoped flags
        "(?i)(a+)+",  # flags for the whole expression
        "(a+?)+",  # a lazy inner repeat backtracks all the same
        "(a+)+?",  # and so does a lazy outer one
        "(a{2,})*",
        "(a{,2}){2,3}",
        "(a*){,}",  # {,} is a quantifier: zero or more
        "((a|b)+c)+",
        "(?=(a+)+)x",  # inside a look-ahead
        r"(a+)(?(1)(b+)+|c)",  # inside a conditional's branch
        r"(\N{LATIN SMALL LETTER A}+)+",
        r"(?x) ( a + ) +",  # verbose: spaces mean nothing
        "(?x:(a # a comment )\n +)+)",
    ],
)
def test_nested_quantifiers_are_refused(expression):
    problem = regex_problem(expression)
    assert problem is not None and problem.startswith(NESTED)


@pytest.mark.parametrize(
    "expression",
    [
        "^[A-Z][a-z]+$",
        "(ab|cd)+",
        "x{2}(y{3})*",  # fixed counts inside do not multiply the ways to match
        "(?>a+)+",  # atomic: no backtracking into the group
        "(a++)+",  # possessive inner repeat
        "(a*)++",  # possessive outer repeat
        "(a?)+",  # an optional part matches at most once
        "(a{2}){3}",
        "(a{1,2})?",  # an optional group is tried once
        "(a{1,2}){1}",
        "(a{}){2,}",  # {} is a literal, not a count
        "(a{x})+",
        "[(+]+",  # a class holds no group or quantifier
        "[]a+]+",  # "]" first in a class is a member
        r"\(a+\)+",  # escaped parentheses are characters
        r"(?P<n>a+)(?P=n)+",  # a back-reference is one atom
        "(?#(c+ is no group)x+",  # a comment runs to the first ")"
        "(?x)( a # b+ in a comment\n )+",  # verbose: a comment runs to the end of the line
        "(?x)( a [#] b )+",  # a # in a class starts no comment
        r"\N{LATIN SMALL LETTER A}{2}",
        "(a+)b+",  # repeats side by side, not nested
    ],
)
def test_expressions_that_cannot_backtrack_exponentially_are_accepted(expression):
    assert regex_problem(expression) is None


@pytest.mark.parametrize("expression", ["[", "(a", "a**", "(?<=a+)x", "(?P=missing)"])
def test_an_expression_that_does_not_compile_is_refused(expression):
    assert regex_problem(expression).startswith("does not compile")


def test_the_parse_shows_groups_alternatives_and_bounds():
    ((repeat, end),) = parse_regex("(a|b{2,})*$")
    assert isinstance(repeat, Repeat) and (repeat.low, repeat.high) == (0, None)
    group = repeat.node
    assert isinstance(group, Group) and len(group.alternatives) == 2
    (inner,) = group.alternatives[1]
    assert isinstance(inner, Repeat) and (inner.low, inner.high) == (2, None) and inner.varies
    assert end == "atom"
