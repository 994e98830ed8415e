"""Solve a relation for one figure: the values that figure could take for the relation to hold.

Relations are monotone in each figure over the range we search (a figure keeps
its sign and stays within three orders of magnitude of what was said), so the
values that satisfy one reading of a relation form an interval: we find one
satisfying value on a geometric grid (or by bisection between a value that is
too low and one that is too high) and bisect outward to its ends.
"""

from __future__ import annotations

from fractions import Fraction

from auditor.claims.interval import Interval
from auditor.engine.figures import Env, Figure
from auditor.engine.relation import Relation

GRID = tuple(Fraction(2) ** k for k in range(-10, 11))
STEPS = 32


def _point(value: Fraction) -> Interval:
    return Interval(value, value)


def _limit(value: Fraction) -> Fraction:
    return value.limit_denominator(10**12)


def solve(relation: Relation, figure: Figure, env: Env) -> list[Interval]:
    """Intervals of values of ``figure`` (fact units) for which ``relation`` holds."""
    stated = figure.value.midpoint()
    if stated is None or stated == 0:
        return []
    exact = _solve_stated(relation, figure, env)
    if exact is not None:
        return exact
    if relation.symmetric and tuple(f.id for q in relation.others for f in q.figures) == (figure.id,):
        return [relation.stated.value(env)]  # the other statement's interval, whatever this one says
    out: list[Interval] = []
    for index in range(len(relation.implied)):
        found = _solve_reading(relation, figure, env, index, stated)
        if found is not None:
            out.append(found)
    return out


def _solve_stated(relation: Relation, figure: Figure, env: Env) -> list[Interval] | None:
    """Closed form when ``figure`` is the relation's stated figure and nothing else reads it:
    the values that satisfy the relation are exactly what the other figures imply."""
    if tuple(f.id for f in relation.stated.figures) != (figure.id,):
        return None
    if any(f.id == figure.id for q in relation.others for f in q.figures):
        return None
    probe = dict(env)
    probe[figure.id] = _point(Fraction(1))
    sign = relation.stated.value(probe)
    if sign.low != sign.high or sign.low not in (1, -1):
        return None
    return [value if sign.low == 1 else -value for value, _ in relation.implied_values(env)]


def _gap(relation: Relation, figure: Figure, env: Env, index: int, value: Fraction) -> Fraction:
    trial = dict(env)
    trial[figure.id] = _point(value)
    return relation.gap(trial, index)


def _solve_reading(relation: Relation, figure: Figure, env: Env, index: int, stated: Fraction) -> Interval | None:
    grid = [_limit(stated * g) for g in GRID]
    gaps = [_gap(relation, figure, env, index, v) for v in grid]
    inside = next((i for i, g in enumerate(gaps) if g == 0), None)
    if inside is not None:
        zero = grid[inside]
    else:
        zero = None
        for i in range(len(grid) - 1):
            if (gaps[i] < 0) != (gaps[i + 1] < 0):
                zero = _bisect_zero(relation, figure, env, index, grid[i], grid[i + 1], gaps[i])
                if zero is not None:
                    break
        if zero is None:
            return None
    assert zero is not None
    low = _edge(relation, figure, env, index, zero, min(grid, key=abs) if stated > 0 else max(grid))
    high = _edge(relation, figure, env, index, zero, max(grid) if stated > 0 else min(grid))
    return Interval(min(low, high), max(low, high))


def _bisect_zero(relation: Relation, figure: Figure, env: Env, index: int,
                 a: Fraction, b: Fraction, gap_a: Fraction) -> Fraction | None:
    for _ in range(STEPS * 2):
        mid = _limit((a + b) / 2)
        g = _gap(relation, figure, env, index, mid)
        if g == 0:
            return mid
        if (g < 0) == (gap_a < 0):
            a, gap_a = mid, g
        else:
            b = mid
    return None


def _edge(relation: Relation, figure: Figure, env: Env, index: int, inside: Fraction, outside: Fraction) -> Fraction:
    """The boundary of the satisfying interval between ``inside`` and ``outside``."""
    if _gap(relation, figure, env, index, outside) == 0:
        return outside
    a, b = inside, outside
    for _ in range(STEPS):
        mid = _limit((a + b) / 2)
        if _gap(relation, figure, env, index, mid) == 0:
            a = mid
        else:
            b = mid
    return a
