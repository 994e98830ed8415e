"""Suggestions shaped by how speech recognition fails on spoken numbers.

Candidates are generated from the figure as stated and kept only when they fall
inside the interval the other figures require; the first kind that yields
exactly one candidate wins, in the order of how often each confusion occurs in
real transcripts (see reports/confusions.md). No suggestion is better than a
wrong one: when nothing explains the figure, we say nothing.
"""

from __future__ import annotations

from fractions import Fraction

from auditor.claims.confusions import CONFUSIONS, SLIPS, Candidate
from auditor.claims.display import styled, to_stated_units
from auditor.claims.interval import Interval
from auditor.claims.mention import Mention


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
    if not target.is_bounded:
        return None  # "at least 20%" pins no value: any confusion above it would be a guess
    for kinds in (CONFUSIONS, SLIPS):
        if kinds is SLIPS and allow_arithmetic and _pinned(mention, target):
            break
        for kind in kinds:
            hits = {c.number: c for c in kind(mention) if _fits(c, target) and _narrow(target, c)}
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


def _narrow(target: Interval, candidate: Candidate) -> bool:
    """Whether the repair says something about the candidate: an interval wider than the
    candidate itself ("parts at most $22.1 million" for a $0.03 million reading) fits
    almost any small reading and is no evidence for this one."""
    assert target.low is not None and target.high is not None
    return target.high - target.low <= abs(candidate.number)


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


def slip_explains(mention: Mention, repair: Interval | None) -> bool:
    """Whether a single-digit slip ("61.6" for "31.6") lands in a bounded repair: weaker
    evidence than a strong confusion, used only to choose which figure of a failed relation
    to blame, never to raise a finding's severity. Several may land ("1.9 points" for 1.0 to
    1.2): a figure derived from two rounded ones has a wider repair than they do, and asking
    for exactly one would always blame the figures it is derived from."""
    if repair is None or mention.garbled:
        return False
    target = _in_stated_units(mention, repair)
    if not target.is_bounded:
        return False
    return any(_fits(c, target) and _narrow(target, c) for kind in SLIPS for c in kind(mention))


__all__ = ["plausible", "slip_explains", "suggest"]
