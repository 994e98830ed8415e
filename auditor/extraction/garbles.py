"""Garbled figures: speech recognition heard the words right but assembled them wrong.

Recognised from the pieces of one island (see ``islands.py``), never by
arithmetic.  Each garble becomes ONE mention over the whole garbled text with
``garbled=True``, the kind of its unit, the best reading as value and a note
saying what it probably is:

* "12% 8%"                 two percents side by side, the second one digit -> 12.8%
* "10% and 1%"             the same joined by "and" (first a multiple of ten, second one
                           digit) -> 10.1%; "declined 11% and 9%, respectively" is two
                           figures, as human transcripts say it
* "132 point $2,000,000"   whole part, "point", then the decimals written as a
                           currency amount -> $132.2 million
* "point $8 million"       "point" before a currency amount -> $0.8 million (whole part lost)
* "300 and $29 million"    hundreds, "and", then the rest with the unit -> $329 million
* "5.4 point 528%"         two decimal points (flagged by the Transformer) -> read as 5.4%

Not a garble but found the same way: "forty fifty percent" (round tens side by
side, the second with the unit) is a range, as if said with "to".

"31232 million" (for "31 to 32 million") is not recognised.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from auditor.claims.interval import Interval
from auditor.claims.mention import Kind, Mention
from auditor.claims.span import Span
from auditor.extraction.figures import kind_of, range_mention
from auditor.extraction.islands import Piece
from auditor.extraction.numbers import Figure, Form

SCALE_NAMES = {10**3: "thousand", 10**6: "million", 10**9: "billion", 10**12: "trillion"}
CURRENCY_SIGNS = {"USD": "$"}


@dataclass(frozen=True, slots=True)
class Garble:
    """A recognised garble: the mention and how many pieces it used."""

    mention: Mention
    pieces: int


def single_figure(piece: Piece) -> Figure | None:
    """The figure of a piece that holds exactly one (not a range, not a token)."""
    item = piece.item
    if item is None or item.form is not Form.FIGURE or len(item.figures) != 1:
        return None
    return item.figures[0]


def token_type(piece: Piece) -> str | None:
    return None if piece.token is None else piece.token.type


def is_plain_integer(figure: Figure) -> bool:
    amount = figure.amount
    return (amount.decimals == 0 and amount.scale == 1 and amount.head == 0 and not amount.negative
            and not figure.negative and amount.note is None)


def render(value: Fraction, decimals: int, scale: int, kind: Kind, currency: str | None) -> str:
    """A figure written the usual way ("$132.2 million", "12.8%")."""
    number = value / scale
    text = f"{float(number):,.{decimals}f}"
    if scale in SCALE_NAMES:
        text = f"{text} {SCALE_NAMES[scale]}"
    if kind is Kind.PERCENT:
        return f"{text}%"
    if currency is not None:
        sign = CURRENCY_SIGNS.get(currency)
        return f"{sign}{text}" if sign else f"{currency} {text}"
    return text


def garbled_mention(
    island: str, start: int, end: int, unit_figure: Figure, number: Fraction, decimals: int, scale: int, why: str,
) -> Mention:
    kind = kind_of(unit_figure)
    currency = unit_figure.currency.code if unit_figure.currency else None
    value = number * scale
    reading = render(value, decimals, scale, kind, currency)
    return Mention(
        span=Span(start, end, island[start:end]),
        kind=kind,
        value=value,
        interval=Interval.of_stated(number, decimals, scale),
        number=number,
        decimals=decimals,
        scale=scale,
        currency=currency,
        spoken=unit_figure.amount.spoken,
        garbled=True,
        note=f"{why}; probably {reading}",
    )


def juxtaposed_range(island: str, low: Figure, high: Figure) -> Mention:
    """"forty fifty percent", "30 40% owner": a range said without "to" (not a garble)."""
    low = replace(low, currency=high.currency, unit=high.unit, per_share=high.per_share)
    return range_mention(low, high, island, 0)


def split_decimals(figure: Figure) -> tuple[Fraction, int, int]:
    """Digits written as a whole amount read as decimals: $2,000,000 -> (0.2, 1, 10**6); $8 million -> (0.8, 1, 10**6)."""
    amount = figure.amount
    digits = str(amount.number.numerator)
    stripped = digits.rstrip("0") or "0"
    zeros = len(digits) - len(stripped)
    return Fraction(int(stripped), 10 ** len(stripped)), len(stripped), amount.scale * 10**zeros


def match_garble(pieces: tuple[Piece, ...], i: int, island: str) -> Garble | None:
    """The garble starting at piece ``i``, if any."""
    first = pieces[i]
    a = single_figure(first)
    rest = pieces[i + 1:i + 3]
    if a is not None and len(rest) >= 1:
        b = single_figure(rest[0])
        if (b is not None and a.is_bare and not b.is_bare and is_plain_integer(a) and is_plain_integer(b)
                and a.amount.number % 10 == 0 and b.amount.number == a.amount.number + 10):
            return Garble(juxtaposed_range(island, a, b), 2)
        if (b is not None and a.unit is Kind.PERCENT and b.unit is Kind.PERCENT and is_plain_integer(a)
                and is_plain_integer(b) and b.amount.number < 10 and b.qualifier is None):
            number = a.amount.number + b.amount.number / 10
            return Garble(garbled_mention(island, a.start, b.end, b, number, 1, 1,
                                          "two percents side by side"), 2)
    if a is not None and len(rest) == 2 and token_type(rest[0]) in ("AND", "POINT"):
        b = single_figure(rest[1])
        joint = token_type(rest[0])
        if b is None or not is_plain_integer(a) or b.qualifier is not None:
            return None
        if (joint == "AND" and a.unit is Kind.PERCENT and b.unit is Kind.PERCENT and a.amount.number >= 10
                and a.amount.number % 10 == 0 and is_plain_integer(b) and b.amount.number < 10):
            number = a.amount.number + b.amount.number / 10
            return Garble(garbled_mention(island, a.start, b.end, b, number, 1, 1,
                                          "two percents joined by 'and'"), 3)
        if not a.is_bare or b.is_bare or b.amount.head:
            return None
        if (joint == "POINT" and kind_of(b) in (Kind.MONEY, Kind.PERCENT, Kind.PER_SHARE)
                and b.amount.decimals == 0):
            fraction, decimals, scale = split_decimals(b)
            number = a.amount.number + fraction
            return Garble(garbled_mention(island, a.start, b.end, b, number, decimals, scale,
                                          "'point' before the unit"), 3)
        if (joint == "AND" and kind_of(b) is Kind.MONEY and b.currency is not None
                and a.amount.number >= 100 and a.amount.number % 100 == 0 and b.amount.number < 100):
            number = a.amount.number + b.amount.number
            return Garble(garbled_mention(island, a.start, b.end, b, number, b.amount.decimals, b.amount.scale,
                                          "hundreds and the rest split by the unit"), 3)
    if token_type(first) == "POINT" and len(rest) >= 1:
        b = single_figure(rest[0])
        if (b is not None and not b.is_bare and kind_of(b) in (Kind.MONEY, Kind.PERCENT)
                and b.amount.decimals == 0 and b.amount.head == 0 and b.qualifier is None):
            fraction, decimals, scale = split_decimals(b)
            return Garble(garbled_mention(island, first.start, b.end, b, fraction, decimals, scale,
                                          "'point' before the unit, whole part lost"), 2)
    return None
