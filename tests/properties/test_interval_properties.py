"""Properties of Interval: every operation contains every pointwise result.

Points are drawn inside the operands (exact Fractions, ends included); division
and reciprocals use divisors that exclude zero, except where the test checks the
unbounded result of a divisor that contains zero.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from auditor.claims.interval import Interval

MODEST = settings(max_examples=150, deadline=None)

DENOMINATORS = st.sampled_from([1, 2, 3, 7, 10, 100, 1000])
fractions = st.builds(Fraction, st.integers(-10**6, 10**6), DENOMINATORS)
widths = st.builds(Fraction, st.integers(0, 10**5), DENOMINATORS)
ratios = st.builds(Fraction, st.integers(0, 1000), st.just(1000))


@st.composite
def bounded(draw: st.DrawFn, nonzero: bool = False) -> Interval:
    low = draw(fractions)
    interval = Interval(low, low + draw(widths))
    if nonzero:
        assume(not interval.contains_zero())
    return interval


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    """A bounded interval, a half-line or the whole line."""
    shape = draw(st.sampled_from(["bounded", "bounded", "bounded", "low-open", "high-open", "unbounded"]))
    b = draw(bounded())
    if shape == "low-open":
        return Interval(None, b.high)
    if shape == "high-open":
        return Interval(b.low, None)
    if shape == "unbounded":
        return Interval.unbounded()
    return b


@st.composite
def with_point(draw: st.DrawFn, interval_strategy: st.SearchStrategy[Interval]) -> tuple[Interval, Fraction]:
    """An interval and one value inside it (ends included)."""
    i = draw(interval_strategy)
    if i.low is not None and i.high is not None:
        return i, i.low + draw(ratios) * (i.high - i.low)
    step = draw(widths)
    if i.low is not None:
        return i, i.low + step
    if i.high is not None:
        return i, i.high - step
    return i, draw(fractions)


@MODEST
@given(with_point(intervals()), with_point(intervals()))
def test_add_contains_pointwise_sums(a: tuple[Interval, Fraction], b: tuple[Interval, Fraction]) -> None:
    """x in A and y in B imply x + y in A + B."""
    (ia, x), (ib, y) = a, b
    assert (ia + ib).contains(x + y)


@MODEST
@given(with_point(intervals()), with_point(intervals()))
def test_sub_contains_pointwise_differences(a: tuple[Interval, Fraction], b: tuple[Interval, Fraction]) -> None:
    """x in A and y in B imply x - y in A - B."""
    (ia, x), (ib, y) = a, b
    assert (ia - ib).contains(x - y)


@MODEST
@given(with_point(intervals()))
def test_neg_contains_pointwise_negation(a: tuple[Interval, Fraction]) -> None:
    """x in A implies -x in -A."""
    ia, x = a
    assert (-ia).contains(-x)


@MODEST
@given(with_point(intervals()), with_point(intervals()))
def test_mul_contains_pointwise_products(a: tuple[Interval, Fraction], b: tuple[Interval, Fraction]) -> None:
    """x in A and y in B imply x * y in A * B (bounded or not)."""
    (ia, x), (ib, y) = a, b
    assert (ia * ib).contains(x * y)
    assert (ib * ia).contains(x * y)


@MODEST
@given(with_point(bounded()), with_point(bounded(nonzero=True)))
def test_div_contains_pointwise_quotients(a: tuple[Interval, Fraction], b: tuple[Interval, Fraction]) -> None:
    """x in A and y in B (B excluding zero) imply x / y in A / B."""
    (ia, x), (ib, y) = a, b
    assert (ia / ib).contains(x / y)


@MODEST
@given(with_point(intervals()), with_point(intervals()))
def test_div_by_unbounded_contains_pointwise_quotients(a: tuple[Interval, Fraction],
                                                       b: tuple[Interval, Fraction]) -> None:
    """Division stays sound when either side is open-ended (the divisor's own value is not zero)."""
    (ia, x), (ib, y) = a, b
    assume(y != 0)
    assert (ia / ib).contains(x / y)


@MODEST
@given(with_point(bounded(nonzero=True)))
def test_reciprocal_contains_pointwise_reciprocals(a: tuple[Interval, Fraction]) -> None:
    """x in A (A excluding zero) implies 1/x in 1/A, and 1/A is bounded."""
    ia, x = a
    r = ia.reciprocal()
    assert r.is_bounded
    assert r.contains(1 / x)


@MODEST
@given(bounded(), widths, widths)
def test_divisor_containing_zero_gives_unbounded(a: Interval, below: Fraction, above: Fraction) -> None:
    """A divisor that contains zero makes the quotient the whole line."""
    b = Interval(-below, above)
    assert (a / b) == Interval.unbounded()
    assert b.reciprocal() == Interval.unbounded()


@MODEST
@given(with_point(intervals()), intervals())
def test_hull_contains_both(a: tuple[Interval, Fraction], other: Interval) -> None:
    """The hull holds every value of either interval."""
    ia, x = a
    assert ia.hull(other).contains(x)
    assert other.hull(ia).contains(x)
    assert ia.hull(other).covers(ia) and ia.hull(other).covers(other)


@MODEST
@given(with_point(intervals()), intervals())
def test_intersect_is_exactly_the_common_values(a: tuple[Interval, Fraction], other: Interval) -> None:
    """A value in both lies in the intersection; the intersection is None only when they do not overlap."""
    ia, x = a
    both = ia.intersect(other)
    assert (both is None) == (not ia.overlaps(other))
    if other.contains(x):
        assert both is not None and both.contains(x)
    if both is not None:
        assert ia.covers(both) and other.covers(both)


@MODEST
@given(with_point(intervals()))
def test_distance_is_zero_exactly_inside(a: tuple[Interval, Fraction]) -> None:
    """distance is 0 for a value inside and positive for one outside."""
    ia, x = a
    assert ia.distance(x) == 0
    if ia.high is not None:
        assert ia.distance(ia.high + 1) == 1
    if ia.low is not None:
        assert ia.distance(ia.low - 2) == 2


@MODEST
@given(st.fractions(min_value=-10**6, max_value=10**6, max_denominator=1), st.integers(-2, 4),
       st.sampled_from([1, 10**3, 10**6, 10**9]), ratios)
def test_of_stated_holds_every_value_that_rounds_to_it(whole: Fraction, decimals: int, scale: int,
                                                      t: Fraction) -> None:
    """Every value within half a unit of the last stated digit is inside the stated interval, and nothing wider."""
    unit = Fraction(1, 10**decimals) if decimals >= 0 else Fraction(10 ** (-decimals))
    value = whole * unit
    stated = Interval.of_stated(value, decimals, scale)
    assert stated.contains((value - unit / 2 + t * unit) * scale)
    assert stated.high is not None and stated.low is not None
    assert stated.high - stated.low == unit * scale
