"""Parsed figures -> :class:`Mention`: kind, value, interval, what to drop.

Interval conventions (documented here, relied on downstream):

* stated precision: half a unit of the last stated digit, times the scale
  ("24%" -> [23.5, 24.5], "$1,625.3 million" -> [1,625.25, 1,625.35] million);
* ``about``/``approximately``/``around``/``roughly``/``close to``/``some``:
  the stated interval widened by 10% of the value on each side;
* ``nearly``/``almost``/``just under``: [0.9 * value, stated high];
* ``over``/``more than``/``above``/``at least``: [value, unbounded);
* ``under``/``less than``/``below``/``up to``: (unbounded, value];
* a range: the hull of both ends, value the midpoint.

The span covers the figure (sign, currency, number, scale, unit, "per share")
but never the qualifier, which is recorded in ``Mention.qualifier``; a range
spans from its first figure to its last ("10% to 12%", not "between").

Kinds: a unit decides (percent, percentage points, basis points, multiple); a
currency makes money, or per_share when "per share" follows; an amount scaled by
million or more ("728.7 million", "twenty billion"), or written out at a million
or more ("6,000,000"), with no unit is money with currency None (the document's
reporting currency is resolved later); anything else is a count ("45 thousand"
stays a count: thousands are as often people or units as money).  Counts that
are years (1900-2099 written as four plain digits), the article "a"/"an" or the
word "one" alone, and parenthesised list numbers "(2)" are dropped.
"""

from __future__ import annotations

from fractions import Fraction

from auditor.claims.interval import Interval
from auditor.claims.mention import Kind, Mention, Qualifier
from auditor.claims.span import Span
from auditor.extraction.numbers import Amount, Figure

TENTH = Fraction(1, 10)


def kind_of(figure: Figure) -> Kind:
    """The kind a figure measures (see the module docstring)."""
    if figure.unit is not None:
        return figure.unit
    if figure.per_share:
        return Kind.PER_SHARE
    if figure.currency is not None:
        return Kind.MONEY
    if figure.amount.scale >= 10**6 or figure.amount.total >= 10**6:
        return Kind.MONEY
    return Kind.COUNT


def stated_interval(amount: Amount) -> Interval:
    """The interval the stated digits imply, in the amount's units (before sign, cents, qualifier)."""
    return Interval.of_stated(amount.number, amount.decimals, amount.scale) + amount.head


def qualified(interval: Interval, value: Fraction, qualifier: Qualifier | None) -> Interval:
    """Widen or open ``interval`` for a hedging qualifier (see the module docstring)."""
    if qualifier is None:
        return interval
    slack = abs(value) * TENTH
    if qualifier is Qualifier.ABOUT:
        assert interval.low is not None and interval.high is not None
        return Interval(interval.low - slack, interval.high + slack)
    if qualifier is Qualifier.NEARLY:
        return Interval(min(value - slack, interval.low or value), interval.high)
    if qualifier in (Qualifier.OVER, Qualifier.AT_LEAST):
        return Interval(value, None)
    return Interval(None, value)


def figure_value(figure: Figure) -> tuple[Fraction, Interval]:
    """Value and interval in base units (currency units, percent, bps, factor), qualifier applied."""
    amount = figure.amount
    value = amount.total
    interval = stated_interval(amount)
    currency = figure.currency
    if currency is not None and currency.cents and not cents_are_dollars(figure):
        value, interval = value / 100, interval * Fraction(1, 100)
    if currency is not None and currency.extra is not None:
        cents = currency.extra.total / 100
        value = value + cents
        interval = Interval.of_stated(value, 2)
    if figure.negative:
        value, interval = -value, -interval
    return value, qualified(interval, value, figure.qualifier)


def cents_are_dollars(figure: Figure) -> bool:
    """"$2.25 cents", "0.72 cents": a figure with two decimals is dollars and cents already."""
    currency = figure.currency
    return currency is not None and currency.cents and figure.amount.decimals == 2


def is_noise(figure: Figure, text: str) -> bool:
    """Counts that are not quantities: years, the article, a lone "one", list numbers "(2)"."""
    amount = figure.amount
    if amount.implied and figure.currency is None:
        return True
    if kind_of(figure) is not Kind.COUNT:
        return False
    if amount.article:
        return True
    if amount.negative and amount.decimals == 0 and figure.currency is None:
        return True
    stated = text[amount.start:amount.end]
    if stated.isdigit() and len(stated) == 4 and stated[:2] in ("19", "20"):
        return True
    return stated.lower() == "one" and figure.qualifier is None


def mention_of(figure: Figure, text: str, base: int) -> Mention:
    """The mention for one figure of an island ``text`` that starts at ``base`` in the document."""
    value, interval = figure_value(figure)
    amount = figure.amount
    notes = [n for n in (amount.note, figure.currency.note if figure.currency else None) if n]
    if cents_are_dollars(figure):
        notes.append("'cents' after a figure with two decimals: read as dollars")
    number = amount.total / amount.scale if amount.head else amount.number
    return Mention(
        span=Span(base + figure.start, base + figure.end, text[figure.start:figure.end]),
        kind=kind_of(figure),
        value=value,
        interval=interval,
        number=number,
        decimals=amount.decimals,
        scale=amount.scale,
        currency=figure.currency.code if figure.currency else None,
        qualifier=figure.qualifier,
        spoken=amount.spoken,
        garbled=amount.note is not None,
        note="; ".join(notes) or None,
    )


def range_mention(low: Figure, high: Figure, text: str, base: int) -> Mention:
    """One mention for "10% to 12%": the hull of both ends, value the midpoint."""
    low_value, low_interval = figure_value(low)
    high_value, high_interval = figure_value(high)
    first = mention_of(low, text, base)
    start, end = low.start, high.end
    return Mention(
        span=Span(base + start, base + end, text[start:end]),
        kind=kind_of(high),
        value=(low_value + high_value) / 2,
        interval=low_interval.hull(high_interval),
        number=first.number,
        decimals=first.decimals,
        scale=first.scale,
        currency=first.currency,
        qualifier=low.qualifier or high.qualifier,
        spoken=low.amount.spoken or high.amount.spoken,
        is_range=True,
        garbled=first.garbled or high.amount.note is not None,
        note=first.note,
    )
