"""grammar/numbers.lark and its Transformer and island expression fit together."""

from __future__ import annotations

import re

from auditor.extraction.islands import (
    CORE_TERMINALS,
    core_gate,
    find_islands,
    island_pattern,
)
from auditor.extraction.numbers import NumberTransformer, number_parser


def test_transformer_has_a_method_for_every_rule_and_alias() -> None:
    """Every named rule and ``-> alias`` of the grammar has its Transformer method (none left as a tree)."""
    parser = number_parser()
    names = set()
    for rule in parser.rules:
        name = rule.alias or rule.origin.name
        if isinstance(name, str) and not name.startswith("_") and not rule.options.expand1:
            names.add(name)
    missing = sorted(n for n in names if not hasattr(NumberTransformer, n))
    assert missing == []


def test_terminals_are_upper_case() -> None:
    """Terminals are UPPER_CASE (the style guide), and the core terminals exist in the grammar."""
    names = {t.name for t in number_parser().terminals}
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", n) for n in names)
    assert set(CORE_TERMINALS) <= names


def test_island_expression_is_built_from_the_grammar() -> None:
    """The island expression holds every terminal pattern of the grammar (regexes live in the grammar)."""
    pattern = island_pattern().pattern
    for terminal in number_parser().terminals:
        if terminal.name != "WS":
            assert terminal.pattern.to_regexp().removeprefix("\\b") in pattern, terminal.name
    assert core_gate().pattern.startswith("\\d|")


def test_islands_cover_runs_of_number_tokens() -> None:
    """An island is the maximal run of number-ish tokens around a core token."""
    text = "revenue of approximately $22.7 million and more"
    assert find_islands(text) == [(11, "approximately $22.7 million and")]


def test_text_without_numbers_has_no_islands() -> None:
    """Runs of "a", "and", "to" with no number word or digit are not islands."""
    assert find_islands("a word and another to the over and above") == []
