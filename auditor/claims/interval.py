"""Closed intervals of exact rationals, with interval arithmetic.

A stated figure is the set of values its wording allows: "24%" is [23.5, 24.5]
(we keep both ends closed: a relation fails only when *no* choice inside the
intervals satisfies it, so closing the ends is the lenient, never the noisy,
choice). ``None`` as a bound means unbounded on that side ("over 120%").

Every operation returns an interval that contains every pointwise result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

Bound = Fraction | None


def _fraction(value: Fraction | int | str) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


@dataclass(frozen=True, slots=True)
class Interval:
    low: Bound
    high: Bound

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"empty interval [{self.low}, {self.high}]")

    # -- construction -------------------------------------------------------

    @classmethod
    def point(cls, value: Fraction | int | str) -> Interval:
        v = _fraction(value)
        return cls(v, v)

    @classmethod
    def around(cls, value: Fraction | int | str, half_width: Fraction | int | str) -> Interval:
        v, h = _fraction(value), abs(_fraction(half_width))
        return cls(v - h, v + h)

    @classmethod
    def of_stated(cls, value: Fraction, decimals: int, scale: Fraction | int = 1) -> Interval:
        """The interval a figure stated with ``decimals`` decimals implies ("24.2" -> [24.15, 24.25])."""
        half = Fraction(1, 2 * 10**decimals) if decimals >= 0 else Fraction(10 ** (-decimals), 2)
        s = _fraction(scale)
        lo, hi = (value - half) * s, (value + half) * s
        return cls(min(lo, hi), max(lo, hi))

    @classmethod
    def unbounded(cls) -> Interval:
        return cls(None, None)

    @classmethod
    def hull_of(cls, intervals: Iterable[Interval]) -> Interval:
        items = list(intervals)
        if not items:
            raise ValueError("hull of no intervals")
        lows, highs = [i.low for i in items], [i.high for i in items]
        low = None if any(x is None for x in lows) else min(x for x in lows if x is not None)
        high = None if any(x is None for x in highs) else max(x for x in highs if x is not None)
        return cls(low, high)

    # -- predicates ---------------------------------------------------------

    @property
    def is_bounded(self) -> bool:
        return self.low is not None and self.high is not None

    def contains(self, value: Fraction | int) -> bool:
        return (self.low is None or self.low <= value) and (self.high is None or value <= self.high)

    def overlaps(self, other: Interval) -> bool:
        return not (self.low is not None and other.high is not None and self.low > other.high
                    or other.low is not None and self.high is not None and other.low > self.high)

    def covers(self, other: Interval) -> bool:
        low_ok = self.low is None or (other.low is not None and self.low <= other.low)
        high_ok = self.high is None or (other.high is not None and other.high <= self.high)
        return low_ok and high_ok

    def contains_zero(self) -> bool:
        return self.contains(0)

    # -- combination --------------------------------------------------------

    def intersect(self, other: Interval) -> Interval | None:
        if not self.overlaps(other):
            return None
        lows = [x for x in (self.low, other.low) if x is not None]
        highs = [x for x in (self.high, other.high) if x is not None]
        return Interval(max(lows) if lows else None, min(highs) if highs else None)

    def hull(self, other: Interval) -> Interval:
        return Interval.hull_of((self, other))

    def midpoint(self) -> Fraction | None:
        if self.low is None or self.high is None:
            return None
        return (self.low + self.high) / 2

    def distance(self, value: Fraction) -> Fraction:
        """How far ``value`` lies outside the interval (0 inside)."""
        if self.low is not None and value < self.low:
            return self.low - value
        if self.high is not None and value > self.high:
            return value - self.high
        return Fraction(0)

    # -- arithmetic ---------------------------------------------------------

    def __neg__(self) -> Interval:
        return Interval(None if self.high is None else -self.high, None if self.low is None else -self.low)

    def __add__(self, other: Interval | Fraction | int) -> Interval:
        o = other if isinstance(other, Interval) else Interval.point(other)
        low = None if self.low is None or o.low is None else self.low + o.low
        high = None if self.high is None or o.high is None else self.high + o.high
        return Interval(low, high)

    __radd__ = __add__

    def __sub__(self, other: Interval | Fraction | int) -> Interval:
        o = other if isinstance(other, Interval) else Interval.point(other)
        return self + (-o)

    def __rsub__(self, other: Fraction | int) -> Interval:
        return Interval.point(other) - self

    def __mul__(self, other: Interval | Fraction | int) -> Interval:
        o = other if isinstance(other, Interval) else Interval.point(other)
        if not (self.is_bounded and o.is_bounded):
            return _mul_unbounded(self, o)
        assert self.low is not None and self.high is not None and o.low is not None and o.high is not None
        products = [self.low * o.low, self.low * o.high, self.high * o.low, self.high * o.high]
        return Interval(min(products), max(products))

    __rmul__ = __mul__

    def reciprocal(self) -> Interval:
        """1 / x over the interval; unbounded when the interval touches zero."""
        if self.contains_zero():
            return Interval.unbounded()
        if self.low is not None and self.low > 0:  # [a, b] -> [1/b, 1/a]; [a, inf) -> (0, 1/a]
            return Interval(Fraction(0) if self.high is None else 1 / self.high, 1 / self.low)
        assert self.high is not None and self.high < 0  # (-inf, b] -> [1/b, 0)
        return Interval(1 / self.high, Fraction(0) if self.low is None else 1 / self.low)

    def __truediv__(self, other: Interval | Fraction | int) -> Interval:
        o = other if isinstance(other, Interval) else Interval.point(other)
        return self * o.reciprocal()

    def __rtruediv__(self, other: Fraction | int) -> Interval:
        return Interval.point(other) / self

    def __str__(self) -> str:
        lo = "-inf" if self.low is None else f"{float(self.low):g}"
        hi = "inf" if self.high is None else f"{float(self.high):g}"
        return f"[{lo}, {hi}]"


def _sign_class(i: Interval) -> int:
    """1 when all values >= 0, -1 when all <= 0, 0 when it straddles zero."""
    if i.low is not None and i.low >= 0:
        return 1
    if i.high is not None and i.high <= 0:
        return -1
    return 0


def _mul_unbounded(a: Interval, b: Interval) -> Interval:
    """Product when at least one side is unbounded: exact for sign-definite inputs, else unbounded."""
    sa, sb = _sign_class(a), _sign_class(b)
    if sa == 0 or sb == 0:
        return Interval.unbounded()
    # Both sign-definite: work with magnitudes, then restore the sign.
    def mags(i: Interval, s: int) -> tuple[Fraction, Fraction | None]:
        if s > 0:
            assert i.low is not None
            return i.low, i.high
        assert i.high is not None
        return -i.high, None if i.low is None else -i.low

    alo, ahi = mags(a, sa)
    blo, bhi = mags(b, sb)
    lo = alo * blo
    hi = None if ahi is None or bhi is None else ahi * bhi
    if sa * sb > 0:
        return Interval(lo, hi)
    return Interval(None if hi is None else -hi, -lo)
