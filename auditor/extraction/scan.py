"""The numeric-mention scan: islands -> parsed pieces -> mentions.

``scan_text`` finds the islands of number-ish tokens (``islands.py``), parses
each with ``grammar/numbers.lark``, recognises garbled figures among the pieces
(``garbles.py``) and turns figures into :class:`Mention` objects
(``figures.py``, which documents the interval and span conventions).
"""

from __future__ import annotations

import dataclasses
import functools

from auditor.claims.mention import Mention
from auditor.claims.span import Span
from auditor.extraction.figures import is_noise, mention_of, range_mention
from auditor.extraction.garbles import match_garble
from auditor.extraction.islands import find_islands, parse_island
from auditor.extraction.numbers import Form


def scan_text(text: str) -> list[Mention]:
    """Every numeric mention in ``text``, in order of position."""
    mentions: list[Mention] = []
    for base, island in find_islands(lowercase(text)):
        for m in island_mentions(island):
            start, end = m.start + base, m.end + base
            mentions.append(dataclasses.replace(m, span=Span(start, end, text[start:end])))
    return mentions


def lowercase(text: str) -> str:
    """``text`` in lower case with every offset kept (the grammar reads lowercased text).

    ``str.lower`` keeps the length except for a few characters ("İ" becomes two
    code points); those are left as they are.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@functools.lru_cache(maxsize=65536)
def island_mentions(island: str) -> tuple[Mention, ...]:
    """The mentions of one island, offsets relative to it (cached: islands repeat a lot)."""
    pieces = parse_island(island)
    out: list[Mention] = []
    i = 0
    while i < len(pieces):
        garble = match_garble(pieces, i, island)
        if garble is not None:
            out.append(garble.mention)
            i += garble.pieces
            continue
        item = pieces[i].item
        i += 1
        if item is None or item.form is Form.SKIP:
            continue
        if item.form is Form.RANGE:
            low, high = item.figures
            if not (is_noise(low, island) and is_noise(high, island)):
                out.append(range_mention(low, high, island, 0))
            continue
        out.extend(mention_of(f, island, 0) for f in item.figures if not is_noise(f, island))
    return tuple(out)
