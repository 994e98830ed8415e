"""Islands: maximal runs of number-ish tokens, found with one regular expression.

The expression is built from the terminal patterns of ``grammar/numbers.lark``
(read from the Lark object), so the grammar stays the one place where numbers,
scales, currencies and qualifiers are spelled.  A run is kept only when it holds
a *core* token (digits, a number word, a multiplier word): most runs of "a",
"and", "to" alone are ordinary prose.

Each island is parsed whole; when that fails it is split: the longest
parseable prefix is taken, and parsing continues after it (one token is
dropped when no prefix parses).  Tokens left between the pieces are kept,
because garbled figures ("12% 8%", "132 point $2,000,000") are recognised from
the pieces and what lies between them (see ``garbles.py``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lark import Lark, Token
from lark.exceptions import UnexpectedInput

from auditor.extraction.numbers import Item, number_parser

#: Terminals that make a run worth parsing; the others only qualify a number.
CORE_TERMINALS = ("DIGITS", "ONES", "TEENS", "TENS", "TENS_HYPHEN", "MULTIPLIER_WORD")


@dataclass(frozen=True, slots=True)
class Piece:
    """A parsed part of an island (``item``) or a token no parse could use (``token``)."""

    start: int
    end: int
    item: Item | None = None
    token: Token | None = None


@functools.cache
def island_pattern() -> re.Pattern[str]:
    """One compiled expression for a run of grammar terminals that holds a core token.

    Shape: ``(?:TOKEN\\s*)*?CORE(?:\\s*TOKEN)*`` where TOKEN is the alternation of
    every terminal of ``numbers.lark`` (in the order Lark's own lexer tries them)
    and CORE the alternation of :data:`CORE_TERMINALS`.
    """
    parser = number_parser()
    ignored = set(parser.ignore_tokens)
    terminals = [t for t in parser.terminals if t.name not in ignored]
    terminals.sort(key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name))
    token = "|".join(f"(?:{t.pattern.to_regexp()})" for t in terminals)
    core = "|".join(f"(?:{t.pattern.to_regexp()})" for t in terminals if t.name in CORE_TERMINALS)
    return re.compile(f"(?:(?:{token})\\s*)*?(?:{core})(?:\\s*(?:{token}))*")


def find_islands(text: str) -> list[tuple[int, str]]:
    """(offset, island text) of every island in ``text``."""
    return [(m.start(), m.group()) for m in island_pattern().finditer(text)]


@functools.cache
def parse_island(island: str) -> tuple[Piece, ...]:
    """The pieces of one island, offsets relative to it (cached: islands repeat a lot)."""
    parser = number_parser()
    try:
        item = parser.parse(island)
    except UnexpectedInput:
        pass
    else:
        return (Piece(0, len(island), item=item),)
    tokens = list(parser.lex(island))
    return tuple(_split(parser, tokens))


def _split(parser: Lark, tokens: list[Token]) -> list[Piece]:
    pieces: list[Piece] = []
    i = 0
    while i < len(tokens):
        found = _longest_prefix(parser, tokens, i)
        if found is None:
            t = tokens[i]
            pieces.append(Piece(t.start_pos, t.end_pos, token=t))
            i += 1
            continue
        j, item = found
        pieces.append(Piece(tokens[i].start_pos, tokens[j].end_pos, item=item))
        i = j + 1
    return pieces


def _longest_prefix(parser: Lark, tokens: list[Token], i: int) -> tuple[int, Item] | None:
    """The last index j >= i such that tokens[i..j] parse as one item, with that item."""
    interactive = parser.parse_interactive("")
    best: tuple[int, Item] | None = None
    for j in range(i, len(tokens)):
        try:
            interactive.feed_token(tokens[j])
        except UnexpectedInput:
            break
        try:
            result = interactive.copy(deepcopy_values=False).feed_eof(tokens[j])
        except UnexpectedInput:
            continue
        best = (j, result)
    return best
