"""Show values the way the call states them: "17.1%", "RMB 60.6 million", "6.2 times"."""

from __future__ import annotations

from fractions import Fraction

from auditor.claims.interval import Interval
from auditor.claims.mention import Kind, Mention

SCALE_WORDS = {1: "", 10**3: " thousand", 10**6: " million", 10**9: " billion", 10**12: " trillion"}
CURRENCY_PREFIX = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def to_stated_units(mention: Mention, value: Fraction) -> Fraction:
    """A fact-unit value in the units the mention states its number in."""
    if mention.kind in (Kind.PERCENT, Kind.PERCENTAGE_POINTS):
        return value * 100
    if mention.kind is Kind.BASIS_POINTS:
        return value * 10000
    return value / mention.scale if mention.scale else value


def format_number(number: Fraction, decimals: int, grouped: bool = False) -> str:
    text = f"{float(number):,.{max(decimals, 0)}f}" if grouped else f"{float(number):.{max(decimals, 0)}f}"
    return text


def decimals_for(interval: Interval, minimum: int) -> int:
    """Decimals to show an interval: its ends exactly when one or two more digits do it
    (52.45 to 52.75), else enough to tell the ends apart (at most 3 more than stated)."""
    if interval.low is None or interval.high is None:
        return minimum
    for extra in (0, 1):
        scale = 10 ** (minimum + extra)
        if (interval.low * scale).denominator == 1 and (interval.high * scale).denominator == 1:
            return minimum + extra
    width = float(abs(interval.high - interval.low))
    decimals = minimum
    while decimals < minimum + 3 and width < 10 ** (-decimals):
        decimals += 1
    return decimals


def unit_suffix(mention: Mention) -> str:
    if mention.kind is Kind.PERCENT:
        return "%"
    if mention.kind is Kind.PERCENTAGE_POINTS:
        return " percentage points"
    if mention.kind is Kind.BASIS_POINTS:
        return " basis points"
    if mention.kind is Kind.MULTIPLE:
        return " times"
    return SCALE_WORDS.get(mention.scale, "")


def styled(mention: Mention, number: Fraction, decimals: int) -> str:
    """``number`` (stated units) written in the mention's own style."""
    text = mention.text
    digits_at = next((i for i, ch in enumerate(text) if ch.isdigit() or ch == "." and i + 1 < len(text) and text[i + 1].isdigit()), None)
    if digits_at is not None and not mention.spoken:
        end = digits_at
        while end < len(text) and (text[end].isdigit() or text[end] in ",."):
            end += 1
        while end > digits_at and text[end - 1] in ",.":
            end -= 1
        grouped = "," in text[digits_at:end]
        return text[:digits_at] + format_number(number, decimals, grouped) + text[end:]
    prefix = ""
    if mention.kind is Kind.MONEY and mention.currency:
        prefix = CURRENCY_PREFIX.get(mention.currency, mention.currency + " ")
    return f"{prefix}{format_number(number, decimals)}{unit_suffix(mention)}"


def plain(mention: Mention, number: Fraction | None = None, decimals: int | None = None) -> str:
    """A figure written afresh from its reading ("$0.8 million", "12.8%"), for garbled text."""
    n = mention.number if number is None else number
    d = mention.decimals if decimals is None else decimals
    prefix = ""
    if mention.kind in (Kind.MONEY, Kind.PER_SHARE) and mention.currency:
        prefix = CURRENCY_PREFIX.get(mention.currency, mention.currency + " ")
    return f"{prefix}{format_number(abs(n), d, grouped=abs(n) >= 10000)}{unit_suffix(mention)}"


def display_interval(mention: Mention, interval: Interval) -> str:
    """The interval a relation implies for a figure, in the figure's style ("17.09% to 17.11%")."""
    low = None if interval.low is None else to_stated_units(mention, interval.low)
    high = None if interval.high is None else to_stated_units(mention, interval.high)
    if low is not None and high is not None and low > high:
        low, high = high, low
    shown = Interval(low, high)
    d = decimals_for(shown, max(mention.decimals, 1))
    if low is None and high is None:
        return "any value"
    if low is None:
        assert high is not None
        return "at most " + styled(mention, high, d)
    if high is None:
        return "at least " + styled(mention, low, d)
    if styled(mention, low, d) == styled(mention, high, d):
        return styled(mention, low, d)
    return f"{styled(mention, low, d)} to {styled(mention, high, d)}"
