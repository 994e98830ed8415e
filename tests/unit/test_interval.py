"""Interval: construction from stated figures, arithmetic, and set operations.

Every expected value below is worked out by hand in the comment or the id.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from auditor.claims.interval import Interval

F = Fraction
INF = None


def iv(low: str | int | None, high: str | int | None) -> Interval:
    return Interval(None if low is None else F(low), None if high is None else F(high))


# -- construction --------------------------------------------------------------

OF_STATED = [
    pytest.param(F(24), 0, 1, iv("23.5", "24.5"), id="24%-whole-percent"),
    pytest.param(F("24.2"), 1, 1, iv("24.15", "24.25"), id="24.2-one-decimal"),
    pytest.param(F("2.35"), 2, 10**9, iv("2345000000", "2355000000"), id="2.35-billion"),
    pytest.param(F("1625.3"), 1, 10**6, iv("1625250000", "1625350000"), id="1625.3-million"),
    pytest.param(F(1200), -2, 1, iv(1150, 1250), id="1200-to-the-hundred"),
    pytest.param(F("-3.2"), 1, 1, iv("-3.25", "-3.15"), id="negative-value"),
    pytest.param(F("0.42"), 2, 1, iv("0.415", "0.425"), id="eps-cents"),
    pytest.param(F("1.5"), 1, -1, iv("-1.55", "-1.45"), id="negative-scale-keeps-order"),
]


@pytest.mark.parametrize(("value", "decimals", "scale", "expected"), OF_STATED)
def test_of_stated(value: Fraction, decimals: int, scale: int, expected: Interval) -> None:
    """A figure stated with d decimals means value +/- half a unit of its last digit, times the scale."""
    assert Interval.of_stated(value, decimals, scale) == expected


def test_empty_interval_is_refused() -> None:
    """low > high is a programming error, not an empty set."""
    with pytest.raises(ValueError, match="empty interval"):
        iv(2, 1)


def test_point_and_around() -> None:
    """point(v) is [v, v]; around(v, h) is [v - |h|, v + |h|]."""
    assert Interval.point(3) == iv(3, 3)
    assert Interval.around(10, "-0.5") == iv("9.5", "10.5")


def test_hull_of_nothing_is_refused() -> None:
    """The hull of no intervals has no meaning."""
    with pytest.raises(ValueError):
        Interval.hull_of([])


# -- arithmetic ----------------------------------------------------------------

ADD = [
    pytest.param(iv(1, 2), iv(3, 5), iv(4, 7), id="[1,2]+[3,5]=[4,7]"),
    pytest.param(iv(-3, -1), iv(2, 4), iv(-1, 3), id="[-3,-1]+[2,4]=[-1,3]"),
    pytest.param(iv(1, INF), iv(2, 3), iv(3, INF), id="[1,inf)+[2,3]=[3,inf)"),
    pytest.param(iv(INF, 1), iv(2, INF), iv(INF, INF), id="(-inf,1]+[2,inf)=unbounded"),
]


@pytest.mark.parametrize(("a", "b", "expected"), ADD)
def test_add(a: Interval, b: Interval, expected: Interval) -> None:
    """a + b = [a.low + b.low, a.high + b.high]; an unbounded end stays unbounded."""
    assert a + b == expected


SUB = [
    pytest.param(iv(1, 2), iv(3, 5), iv(-4, -1), id="[1,2]-[3,5]=[-4,-1]"),
    pytest.param(iv(-1, 1), iv(-1, 1), iv(-2, 2), id="x-x-is-not-zero"),
    pytest.param(iv(5, INF), iv(1, 2), iv(3, INF), id="[5,inf)-[1,2]=[3,inf)"),
    pytest.param(iv(1, 2), iv(0, INF), iv(INF, 2), id="[1,2]-[0,inf)=(-inf,2]"),
]


@pytest.mark.parametrize(("a", "b", "expected"), SUB)
def test_sub(a: Interval, b: Interval, expected: Interval) -> None:
    """a - b = [a.low - b.high, a.high - b.low]."""
    assert a - b == expected


def test_scalars_mix_with_intervals() -> None:
    """Ints and Fractions act as points on either side of + - * /."""
    a = iv(1, 2)
    assert a + 1 == iv(2, 3) and 1 + a == iv(2, 3)
    assert a - 1 == iv(0, 1) and 1 - a == iv(-1, 0)
    assert a * 3 == iv(3, 6) and 3 * a == iv(3, 6)
    assert a / 2 == iv("0.5", 1) and 2 / a == iv(1, 2)
    assert -a == iv(-2, -1)
    assert -iv(INF, 3) == iv(-3, INF)


MUL = [
    pytest.param(iv(2, 3), iv(4, 5), iv(8, 15), id="positive"),
    pytest.param(iv(-2, 3), iv(4, 5), iv(-10, 15), id="straddling-times-positive"),
    pytest.param(iv(-3, -2), iv(-5, -4), iv(8, 15), id="negative-times-negative"),
    pytest.param(iv(-3, -2), iv(4, 5), iv(-15, -8), id="negative-times-positive"),
    pytest.param(iv(-2, 3), iv(-1, 4), iv(-8, 12), id="both-straddle:-2*4=-8,3*4=12"),
    pytest.param(iv(1, 2), iv(3, INF), iv(3, INF), id="[1,2]*[3,inf)=[3,inf)"),
    pytest.param(iv(-2, -1), iv(3, INF), iv(INF, -3), id="[-2,-1]*[3,inf)=(-inf,-3]"),
    pytest.param(iv(INF, -1), iv(INF, -2), iv(2, INF), id="(-inf,-1]*(-inf,-2]=[2,inf)"),
    pytest.param(iv(0, 2), iv(3, INF), iv(0, INF), id="[0,2]*[3,inf)=[0,inf)"),
    pytest.param(iv(-1, 2), iv(3, INF), iv(INF, INF), id="straddling-times-unbounded"),
]


@pytest.mark.parametrize(("a", "b", "expected"), MUL)
def test_mul(a: Interval, b: Interval, expected: Interval) -> None:
    """a * b spans the products of the ends (exactly, when an end is unbounded and signs are definite)."""
    assert a * b == expected
    assert b * a == expected


DIV = [
    pytest.param(iv(1, 2), iv(4, 8), iv("1/8", "1/2"), id="[1,2]/[4,8]=[1/8,1/2]"),
    pytest.param(iv(1, 2), iv(-2, -1), iv(-2, "-1/2"), id="[1,2]/[-2,-1]=[-2,-1/2]"),
    pytest.param(iv(-6, 3), iv(2, 3), iv(-3, "3/2"), id="[-6,3]/[2,3]=[-3,3/2]"),
    pytest.param(iv(1, 2), iv(-1, 1), iv(INF, INF), id="divisor-across-zero"),
    pytest.param(iv(1, 2), iv(0, 1), iv(INF, INF), id="divisor-touching-zero"),
    pytest.param(iv(1, 2), iv(0, 0), iv(INF, INF), id="divisor-zero"),
]


@pytest.mark.parametrize(("a", "b", "expected"), DIV)
def test_div(a: Interval, b: Interval, expected: Interval) -> None:
    """a / b = a * (1 / b); a divisor that contains zero gives an unbounded result."""
    assert a / b == expected


RECIPROCAL = [
    pytest.param(iv(2, 4), iv("1/4", "1/2"), id="positive"),
    pytest.param(iv(-4, -2), iv("-1/2", "-1/4"), id="negative"),
    pytest.param(iv(-1, 1), iv(INF, INF), id="across-zero"),
    pytest.param(iv(0, 3), iv(INF, INF), id="touching-zero-from-above"),
    pytest.param(iv(-3, 0), iv(INF, INF), id="touching-zero-from-below"),
]


@pytest.mark.parametrize(("a", "expected"), RECIPROCAL)
def test_reciprocal(a: Interval, expected: Interval) -> None:
    """1 / x over the interval; unbounded once the interval touches zero."""
    assert a.reciprocal() == expected


def test_reciprocal_of_half_line_contains_every_reciprocal() -> None:
    """1 / [2, inf) holds every 1/x for x >= 2 (the values (0, 1/2])."""
    r = iv(2, INF).reciprocal()
    for x in (2, 3, 10, 10**9):
        assert r.contains(F(1, x))
    assert r.high == F(1, 2)


def test_reciprocal_of_positive_half_line_stays_positive() -> None:
    """1 / [2, inf) is within [0, 1/2], so [1, 2] / [2, inf) is within [0, 1]."""
    assert iv(2, INF).reciprocal() == iv(0, "1/2")
    assert iv(1, 2) / iv(2, INF) == iv(0, 1)


# -- set operations ------------------------------------------------------------

OVERLAPS = [
    pytest.param(iv(1, 2), iv(2, 3), True, id="touching-ends-overlap(closed)"),
    pytest.param(iv(1, 2), iv("2.0001", 3), False, id="just-apart"),
    pytest.param(iv(1, 5), iv(2, 3), True, id="nested"),
    pytest.param(iv(INF, 0), iv(0, INF), True, id="half-lines-meet-at-zero"),
    pytest.param(iv(INF, 0), iv(1, INF), False, id="half-lines-apart"),
    pytest.param(iv(INF, INF), iv(7, 7), True, id="unbounded-overlaps-anything"),
]


@pytest.mark.parametrize(("a", "b", "expected"), OVERLAPS)
def test_overlaps(a: Interval, b: Interval, expected: bool) -> None:
    """Closed intervals overlap when they share at least one value; the relation is symmetric."""
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected


INTERSECT = [
    pytest.param(iv(1, 3), iv(2, 5), iv(2, 3), id="[1,3]&[2,5]=[2,3]"),
    pytest.param(iv(1, 2), iv(2, 3), iv(2, 2), id="touching-gives-a-point"),
    pytest.param(iv(1, 2), iv(3, 4), None, id="disjoint-gives-None"),
    pytest.param(iv(INF, 3), iv(2, INF), iv(2, 3), id="two-half-lines"),
    pytest.param(iv(INF, INF), iv(1, 2), iv(1, 2), id="unbounded-is-neutral"),
]


@pytest.mark.parametrize(("a", "b", "expected"), INTERSECT)
def test_intersect(a: Interval, b: Interval, expected: Interval | None) -> None:
    """The values in both intervals, or None when there are none."""
    assert a.intersect(b) == expected
    assert b.intersect(a) == expected


HULL = [
    pytest.param(iv(1, 2), iv(5, 6), iv(1, 6), id="[1,2]|[5,6]=[1,6]"),
    pytest.param(iv(1, 4), iv(2, 3), iv(1, 4), id="nested"),
    pytest.param(iv(INF, 2), iv(5, 6), iv(INF, 6), id="unbounded-low"),
    pytest.param(iv(1, 2), iv(0, INF), iv(0, INF), id="unbounded-high"),
]


@pytest.mark.parametrize(("a", "b", "expected"), HULL)
def test_hull(a: Interval, b: Interval, expected: Interval) -> None:
    """The smallest interval holding both."""
    assert a.hull(b) == expected
    assert Interval.hull_of([b, a]) == expected


DISTANCE = [
    pytest.param(iv(1, 2), F(0), F(1), id="below"),
    pytest.param(iv(1, 2), F(3), F(1), id="above"),
    pytest.param(iv(1, 2), F("1.5"), F(0), id="inside"),
    pytest.param(iv(1, 2), F(2), F(0), id="on-the-end"),
    pytest.param(iv(INF, 2), F(-100), F(0), id="unbounded-below"),
    pytest.param(iv(1, INF), F("0.25"), F("0.75"), id="half-line"),
]


@pytest.mark.parametrize(("a", "value", "expected"), DISTANCE)
def test_distance(a: Interval, value: Fraction, expected: Fraction) -> None:
    """How far a value lies outside the interval; 0 inside or on an end."""
    assert a.distance(value) == expected


def test_contains_covers_midpoint() -> None:
    """contains is closed at both ends; covers needs the other interval inside; midpoint of bounded only."""
    a = iv(1, 3)
    assert a.contains(1) and a.contains(3) and not a.contains(F("3.01"))
    assert a.covers(iv(1, 2)) and not a.covers(iv(0, 2)) and not a.covers(iv(1, INF))
    assert iv(INF, INF).covers(iv(1, INF))
    assert a.midpoint() == 2 and iv(1, INF).midpoint() is None
    assert a.is_bounded and not iv(INF, 1).is_bounded
    assert iv(-1, 1).contains_zero() and not iv(1, 2).contains_zero()
