"""Suggestions shaped by how speech recognition fails on spoken numbers.

Candidates are generated from the figure as stated and kept only when they fall
inside the interval the other figures require; the first kind that yields
exactly one candidate wins, in the order of how often each confusion occurs in
real transcripts (see reports/confusions.md). No suggestion is better than a
wrong one: when nothing explains the figure, we say nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Iterator

from auditor.claims.interval import Interval
from auditor.claims.mention import Kind, Mention
from auditor.claims.display import styled, to_stated_units

TENS = ("", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")


@dataclass(frozen=True, slots=True)
class Candidate:
    number: Fraction   # in stated units
    decimals: int
    reason: str
    text: str | None = None  # the replacement as said, when the number alone would not show it


def _split(mention: Mention) -> tuple[int, str]:
    """Integer part and decimal digits of the number as stated."""
    number = abs(mention.number)
    integer = int(number)
    decimals = max(mention.decimals, 0)
    frac = number - integer
    digits = str(round(frac * 10**decimals)).rjust(decimals, "0") if decimals else ""
    return integer, digits


def teen_ten(mention: Mention) -> Iterator[Candidate]:
    """Teens and tens in the last two digits: 70 / 17, 670.4 / 617.4, 73 / 17.3."""
    integer, digits = _split(mention)
    head, last = divmod(integer, 100)
    base = Fraction(head * 100)
    tail = Fraction(int(digits), 10 ** len(digits)) if digits else Fraction(0)
    if 20 <= last <= 90 and last % 10 == 0:          # "seventy" for "seventeen"
        d = last // 10
        yield Candidate(base + 10 + d + tail, len(digits), f"'{TEENS[d]}' heard as '{TENS[d]}'")
    if 13 <= last <= 19:                             # "seventeen" for "seventy"
        d = last - 10
        yield Candidate(base + Fraction(d * 10) + tail, len(digits), f"'{TENS[d]}' heard as '{TEENS[d]}'")
    if 21 <= last <= 99 and last % 10 and not digits:  # "seventeen point three" -> "seventy three"
        d, u = divmod(last, 10)
        yield Candidate(base + Fraction(10 + d) + Fraction(u, 10), 1,
                        f"'{TEENS[d]} point {UNITS[u]}' heard as '{TENS[d]} {UNITS[u]}'")


def lost_point(mention: Mention) -> Iterator[Candidate]:
    """A decimal point lost in the last two digits ("sixty point six" as 66, 160.6 as 166) or moved."""
    integer, digits = _split(mention)
    head, last = divmod(integer, 100)
    if 21 <= last <= 99 and last % 10 and not digits:
        d, u = divmod(last, 10)
        yield Candidate(Fraction(head * 100 + d * 10) + Fraction(u, 10), 1,
                        f"'{TENS[d]} point {UNITS[u]}' heard as '{TENS[d]} {UNITS[u]}'")
    for shift in (1, 2):
        for value in (mention.number / 10**shift, mention.number * 10**shift):
            decimals = max(0, mention.decimals + (shift if value < mention.number else -shift))
            yield Candidate(value, decimals, "a decimal point lost or moved")


SCALE_SWAPS = {"million": "billion", "billion": "million", "mn": "bn", "bn": "mn", "m": "b", "b": "m",
               "thousand": "million"}


def scale_word(mention: Mention) -> Iterator[Candidate]:
    """The scale word misheard: the same number with the other scale word."""
    if mention.kind is not Kind.MONEY or mention.scale < 10**3:
        return
    for factor, reason in ((Fraction(1000), "'billion' heard as 'million'"), (Fraction(1, 1000), "'million' heard as 'billion'")):
        if mention.scale == 10**6 or (mention.scale == 10**9 and factor < 1) or (mention.scale == 10**3 and factor > 1):
            decimals = mention.decimals + 3 if factor < 1 else max(mention.decimals - 3, 0)
            yield Candidate(mention.number * factor, decimals, reason, _swap_scale(mention.text, factor > 1))


def _swap_scale(text: str, up: bool) -> str | None:
    """ "RMB 2.35 million" -> "RMB 2.35 billion" (the figure as it was said)."""
    words = text.split()
    for i in range(len(words) - 1, -1, -1):
        word = words[i].lower().rstrip(".,")
        target = SCALE_SWAPS.get(word)
        if target is not None and (target == "billion" or target == "bn" or target == "b") == up:
            words[i] = target
            return " ".join(words)
    return None


def digit_change(mention: Mention) -> Iterator[Candidate]:
    integer, digits = _split(mention)
    text = str(integer) + ("." + digits if digits else "")
    if len(text.replace(".", "").lstrip("0")) < 2:
        return  # any one-digit number is one slip from any other: no evidence
    for i, ch in enumerate(text):
        if not ch.isdigit():
            continue
        for repl in "0123456789":
            if repl != ch and not (i == 0 and repl == "0" and len(text) > 1 and text[1] != "."):
                yield Candidate(Fraction(text[:i] + repl + text[i + 1:]), len(digits), "a digit misheard")
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a.isdigit() and b.isdigit() and a != b:
            yield Candidate(Fraction(text[:i] + b + a + text[i + 2:]), len(digits), "two digits swapped")


CONFUSIONS: tuple[Callable[[Mention], Iterator[Candidate]], ...] = (teen_ten, lost_point, scale_word)
SLIPS: tuple[Callable[[Mention], Iterator[Candidate]], ...] = (digit_change,)


def suggest(mention: Mention, repair: Interval | None, allow_arithmetic: bool = True) -> tuple[str, str] | None:
    """(replacement text, reason) for a blamed figure, or ``None``.

    A known confusion (teen/ten, lost decimal point, scale word) that lands inside
    the repair interval wins, written as precisely as the interval allows. Failing
    that, when the other figures pin the value down more finely than the figure's
    own precision, the implied value itself is proposed; a single misheard or
    swapped digit is proposed only when it is the one candidate that fits.
    """
    if repair is None or mention.garbled:
        return None
    target = _in_stated_units(mention, repair)
    for kinds in (CONFUSIONS, SLIPS):
        if kinds is SLIPS and allow_arithmetic and _pinned(mention, target):
            break
        for kind in kinds:
            hits = {c.number: c for c in kind(mention) if _fits(c, target)}
            if len(hits) > 1:
                break  # several slips of this kind fit: none explains it better than the arithmetic
            if hits:
                c = next(iter(hits.values()))
                return c.text or styled(mention, abs(c.number), c.decimals), c.reason
    if allow_arithmetic and target.is_bounded:
        mid = target.midpoint()
        assert mid is not None
        for decimals in range(max(mention.decimals, 0), max(mention.decimals, 0) + 4):
            step = Fraction(1, 10**decimals)
            number = round(mid / step) * step
            if number != 0 and abs(number - mid) <= abs(mid) / 20 and \
                    Interval(number - step / 2, number + step / 2).overlaps(target):
                return styled(mention, abs(number), decimals), "the other figures imply this value"
    return None


def _in_stated_units(mention: Mention, repair: Interval) -> Interval:
    """A repair interval (fact units) in the units the figure is stated in."""
    low = None if repair.low is None else to_stated_units(mention, repair.low)
    high = None if repair.high is None else to_stated_units(mention, repair.high)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Interval(low, high)


def _pinned(mention: Mention, target: Interval) -> bool:
    """Whether the other figures fix the value more finely than the figure's own last digit."""
    if target.low is None or target.high is None:
        return False
    return target.high - target.low < Fraction(1, 10 ** max(mention.decimals, 0))


def _fits(candidate: Candidate, target: Interval) -> bool:
    half = Fraction(1, 2 * 10**candidate.decimals)
    own = Interval(candidate.number - half, candidate.number + half)
    if target.low is not None and target.high is not None and target.high - target.low < 2 * half:
        return own.overlaps(target)
    return target.contains(candidate.number)


def plausible(mention: Mention, repair: Interval | None, unique: bool = False) -> bool:
    """Whether a strong speech-recognition confusion (teen/ten, decimal point, scale word)
    explains the figure; used to break ties in blame and to trust a restatement match."""
    if repair is None or mention.garbled:
        return False
    target = _in_stated_units(mention, repair)
    hits = {c.number for kind in CONFUSIONS for c in kind(mention) if _fits(c, target)}
    # with a half-open repair ("parts at most the total") several confusions may fit: any
    # of them makes the figure a plausible slip; as evidence that two statements are one
    # figure (``unique``), exactly one must
    return len(hits) == 1 if unique else bool(hits)


__all__ = ["suggest", "plausible"]
