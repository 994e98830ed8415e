"""Islands: maximal runs of number-ish tokens, found with one regular expression.

The island expression is built from the terminal patterns of
``grammar/numbers.lark`` (read from the Lark object), so the grammar stays the
one place where numbers, scales, currencies and qualifiers are spelled.  A run
is kept only when it holds a *core* token (digits, a number word, a scale word,
a multiplier word): most runs of "a", "and", "to" alone are ordinary prose.

Speed: the island expression costs a few dozen branch attempts at every word,
so it is not run over the whole text.  A gate made of the same core terminals
(a digit or a core word) finds candidates, and the island expression runs only
in a window from three words before each candidate.  Both expressions come from
the grammar; the text is lowercased once beforehand because case-insensitive
matching is several times slower in ``re``.

Each island is parsed whole; when that fails it is split: the longest
parseable prefix is taken, and parsing continues after it (one token is
dropped when no prefix parses).  Tokens left between the pieces are kept,
because garbled figures ("12% 8%", "132 point $2,000,000") are recognised from
the pieces and what lies between them (see ``garbles.py``).
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any

from lark import Lark, Token
from lark.exceptions import UnexpectedInput
from lark.parsers.lalr_parser_state import ParseConf, ParserState

from auditor.extraction.numbers import Item, number_parser, token_end, token_start

logger = logging.getLogger(__name__)

#: Terminals that make a run worth parsing; the others only qualify a number.
CORE_TERMINALS = (
    "DIGITS", "ONES", "TEENS", "TENS", "TENS_HYPHEN", "MULTIPLIER_WORD", "SCALE_WORD", "HUNDRED", "A_FRACTION",
)


@dataclass(frozen=True, slots=True)
class Piece:
    """A parsed part of an island (``item``) or a token no parse could use (``token``)."""

    start: int
    end: int
    item: Item | None = None
    token: Token | None = None


#: How far before a core token an island may start ("approximately between US$").
LEFT_WINDOW = 48
#: How many words before a core token an island may start ("more than US$5").
LEFT_WORDS = 3
#: How far past a core token the search for its island may look.
RIGHT_WINDOW = 160


@functools.cache
def _terminal_regexps() -> tuple[tuple[str, str], ...]:
    """(name, regexp) of every terminal but WS, in the order Lark's own lexer tries them.

    A leading ``\\b`` is dropped: the island starts at a non-word boundary anyway and
    every word terminal ends with ``\\b``, which keeps tokens whole (and sre fails a
    branch faster when it starts with a literal).
    """
    parser = number_parser()
    terminals = [t for t in parser.terminals if t.name != "WS"]
    terminals.sort(key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name))
    out = []
    for t in terminals:
        regexp = t.pattern.to_regexp()
        out.append((t.name, regexp.removeprefix("\\b")))
    return tuple(out)


@functools.cache
def island_pattern() -> re.Pattern[str]:
    """One compiled expression for a run of grammar terminals that holds a core token.

    Shape: ``(?<!\\w)(?:TOKEN\\s*)*?CORE(?:\\s*TOKEN)*`` where TOKEN is the alternation
    of every terminal of ``numbers.lark`` and CORE that of :data:`CORE_TERMINALS`.
    """
    regexps = _terminal_regexps()
    token = "|".join(f"(?:{r})" for _, r in regexps)
    core = "|".join(f"(?:{r})" for name, r in regexps if name in CORE_TERMINALS)
    return re.compile(f"(?<!\\w)(?:(?:{token})\\s*+)*?(?:{core})(?:\\s*+(?:{token}))*")


@functools.cache
def core_gate() -> re.Pattern[str]:
    """Where an island may be: a digit or the core word terminals (read from the grammar).

    Only a gate: the island expression decides.  Scanning with it first and running
    the island expression in a window around each hit is what makes the scan fast
    (most text has no number; the full expression costs a dozen branches per word).
    """
    words = "|".join(f"(?:{r})" for name, r in _terminal_regexps() if name in CORE_TERMINALS and name != "DIGITS")
    return re.compile(f"\\d|(?<!\\w)(?:{words})")


def _window_start(text: str, low: int, hit: int) -> int:
    """Where to look for the island of a core token at ``hit``: LEFT_WORDS words before it."""
    start = hit
    for _ in range(LEFT_WORDS + 1):
        if start - 1 <= low:
            return low
        space = max(text.rfind(" ", low, start - 1), text.rfind("\n", low, start - 1))
        if space < 0:
            return low
        start = space + 1
    return start


def find_islands(text: str) -> list[tuple[int, str]]:
    """(offset, island text) of every island in ``text`` (lowercased: the grammar is)."""
    gate, island = core_gate(), island_pattern()
    found: list[tuple[int, str]] = []
    pos = 0
    while True:
        hit = gate.search(text, pos)
        if hit is None:
            return found
        m = island.search(text, _window_start(text, max(pos, hit.start() - LEFT_WINDOW), hit.start()),
                          hit.end() + RIGHT_WINDOW)
        if m is None or m.start() > hit.start():
            pos = hit.end()
            continue
        if m.end() >= hit.end() + RIGHT_WINDOW:  # a long island: finish it without the window
            m = island.match(text, m.start()) or m
        found.append((m.start(), m.group()))
        pos = max(m.end(), hit.end())


@functools.lru_cache(maxsize=65536)
def parse_island(island: str) -> tuple[Piece, ...]:
    """The pieces of one island, offsets relative to it (cached: islands repeat a lot)."""
    parser = number_parser()
    interactive = parser.parse_interactive(island)
    tokens: list[Token] = []
    try:
        # a loop, not list(): the tokens lexed before an error are kept
        for token in interactive.lexer_thread.lex(interactive.parser_state):  # type: ignore[no-untyped-call]
            tokens.append(token)  # noqa: PERF402
    except UnexpectedInput:  # a terminal whose look-behind saw text outside the island
        logger.debug("island %r lexes only up to %d tokens", island, len(tokens))
    pieces: list[Piece] = []
    i = 0
    while i < len(tokens):
        found = _longest_prefix(parser, tokens, i)
        if found is None:
            t = tokens[i]
            pieces.append(Piece(token_start(t), token_end(t), token=t))
            i += 1
            continue
        j, item = found
        pieces.append(Piece(token_start(tokens[i]), token_end(tokens[j]), item=item))
        i = j + 1
    return tuple(pieces)


@functools.cache
def _parse_conf() -> ParseConf[Any]:
    """The LALR tables and callbacks of the number parser."""
    conf: ParseConf[Any] = number_parser().parse_interactive("").parser_state.parse_conf
    return conf


def _feed_end(state: ParserState[Any], last: Token) -> Item | None:
    """The item when the tokens fed so far parse as a whole, else None (``state`` is used up)."""
    if "$END" not in state.parse_conf.states[state.position]:
        return None
    try:
        item: Item = state.feed_token(Token.new_borrow_pos("$END", "", last), True)
    except UnexpectedInput:
        return None
    return item


def _longest_prefix(parser: Lark, tokens: list[Token], i: int) -> tuple[int, Item] | None:
    """The last index j >= i such that tokens[i..j] parse as one item, with that item.

    First the whole rest is tried in one pass (the common case); otherwise the end
    is tried after every token on a copy of the parser state.  The LALR action
    table is consulted before feeding, so that the common failures cost a
    dictionary look-up rather than an exception.
    """
    conf = _parse_conf()
    actions = conf.states
    state: ParserState[Any] = ParserState(conf, None)  # type: ignore[arg-type]  # no lexer: tokens are fed
    try:
        for token in tokens[i:]:
            if token.type not in actions[state.position]:
                break
            state.feed_token(token)
        else:
            item = _feed_end(state, tokens[-1])
            if item is not None:
                return len(tokens) - 1, item
    except UnexpectedInput:
        pass
    state = ParserState(conf, None)  # type: ignore[arg-type]  # no lexer: tokens are fed
    best: tuple[int, Item] | None = None
    for j in range(i, len(tokens)):
        if tokens[j].type not in actions[state.position]:
            break
        try:
            state.feed_token(tokens[j])
        except UnexpectedInput:
            break
        item = _feed_end(state.copy(deepcopy_values=False), tokens[j])
        if item is not None:
            best = (j, item)
    return best
